// The whole colour stream: openk4a's driver next to libuvc, both streaming the
// SAME emulated k4a device (tools/emulator) through the same, real libusb, in
// one process. An iteration is one MJPG frame handed to the user:
//
//   BM_Stream_openk4a/<mode>  k4a_device_get_capture() returns a capture
//                             with the colour image
//   BM_Stream_libuvc/<mode>   libuvc's frame callback runs (libuvc 0.0.6:
//                             uvc_start_streaming, uvc_frame_t in the callback)
//   BM_Stream_bare_libusb/<mode>  the floor: probe/commit, then 4 bulk
//                             transfers resubmitted as they complete, and a
//                             frame counted at each EOF payload -- no
//                             assembly, no copy, no image. What any driver
//                             pays for the USB traffic itself (here, largely
//                             the emulation: umockdev's socket per usbfs
//                             ioctl and the copy into the host's buffer);
//                             subtract it to compare what the drivers add.
//
// Modes: 720p at 30 fps and 3072p at 15 fps, real Azure Kinect frames (shared
// testdata; a synthetic scene without it). The reported time is MANUAL: the
// host CPU time spent per frame, i.e. the CPU of every thread of the process
// except the emulator's own (the device, its usbfs model and umockdev), read
// from each thread's CPU clock. Counters:
//   frames_delivered    frames handed to the user in the measured window
//   frames_lost         frames the device sent (or had to drop because the
//                       host did not take them) that never reached the user
//   frames_corrupt      delivered frames that are not a whole JPEG
//   latency_p50_us, latency_p99_us, latency_max_us
//                       from the emulator handing a frame's last payload to
//                       the host (EmulatedDevice::FrameSentAt) to the user;
//                       each arrival is matched to the latest frame handed
//                       over before it (both drivers deliver in order)
//
// Run from the top of the checkout after `bazel build -c opt`; the binary
// re-runs itself under libumockdev-preload.
#include <libusb.h>
#include <libuvc/libuvc.h>
#include <time.h>
#include <dirent.h>
#include <sys/types.h>
#include <unistd.h>

#include <k4a/k4a.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "benchmark/benchmark.h"
#include "openk4a/device.h"
#include "openk4a/usb/uvc_wire.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"
#include "tools/emulator/umockdev_env.h"
#include "tools/emulator/uvc_catalog.h"

namespace
{

using Clock = std::chrono::steady_clock;
using openk4a::emulator::EmulatedDevice;
using openk4a::emulator::kColorStream;

struct Mode
{
    const char *name;
    k4a_color_resolution_t resolution;
    k4a_fps_t fps;
    int width, height, rate;
    int frames; // measured frames per run (about 2-3 s)
};
constexpr Mode kModes[] = {
    {"720p_30fps", K4A_COLOR_RESOLUTION_720P, K4A_FRAMES_PER_SECOND_30, 1280, 720, 30, 60},
    {"3072p_15fps", K4A_COLOR_RESOLUTION_3072P, K4A_FRAMES_PER_SECOND_15, 4096, 3072, 15, 40},
};
constexpr int kWarmupFrames = 5;
constexpr int kFrameTimeoutMs = 2000;

// ---- CPU time of threads ---------------------------------------------------

std::vector<pid_t> ThreadIds()
{
    std::vector<pid_t> tids;
    DIR *dir = opendir("/proc/self/task");
    if (dir == nullptr)
        return tids;
    while (dirent *entry = readdir(dir))
    {
        if (entry->d_name[0] != '.')
            tids.push_back(static_cast<pid_t>(std::atoi(entry->d_name)));
    }
    closedir(dir);
    return tids;
}

// The CPU clock of any thread of this process (what pthread_getcpuclockid
// builds, from a kernel thread id instead of a pthread_t).
int64_t ThreadCpuNs(pid_t tid)
{
    const clockid_t clock = static_cast<clockid_t>((~static_cast<unsigned>(tid) << 3) | 6);
    timespec ts;
    if (clock_gettime(clock, &ts) != 0)
        return 0; // the thread has exited
    return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// CPU of the host side: threads created after the emulator was up, plus the
// calling (benchmark) thread.
class HostCpu
{
public:
    // Call after the emulated device exists: its threads are left out.
    void ExcludeCurrentThreads()
    {
        const pid_t self = gettid();
        for (pid_t tid : ThreadIds())
        {
            if (tid != self)
                excluded_.insert(tid);
        }
    }
    // Call once the driver streams: the threads to add up from now on.
    void Track()
    {
        tracked_.clear();
        for (pid_t tid : ThreadIds())
        {
            if (excluded_.count(tid) == 0)
                tracked_.push_back(tid);
        }
    }
    int64_t Ns() const
    {
        int64_t total = 0;
        for (pid_t tid : tracked_)
            total += ThreadCpuNs(tid);
        return total;
    }

private:
    std::set<pid_t> excluded_;
    std::vector<pid_t> tracked_;
};

// ---- What both benchmarks share ---------------------------------------------

std::string TestdataDir()
{
    auto readme = openk4a::testing::TestdataPath("README.md");
    return readme ? readme->substr(0, readme->size() - std::strlen("/README.md")) : std::string();
}

bool WholeJpeg(const uint8_t *data, size_t size)
{
    return size >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[size - 2] == 0xFF && data[size - 1] == 0xD9;
}

struct Run
{
    std::unique_ptr<EmulatedDevice> device;
    HostCpu cpu;
    Clock::time_point origin; // device clock zero on the host clock (an upper bound)
    int64_t interval_ns = 0;  // the committed frame interval
    std::vector<Clock::time_point> arrivals;
    uint64_t corrupt = 0;
    uint64_t sent_start = 0, dropped_start = 0;

    bool Start(benchmark::State &state, const Mode &mode)
    {
        openk4a::emulator::EmulatorOptions options;
        options.testdata_dir = TestdataDir();
        std::string error;
        device = EmulatedDevice::Create(options, &error);
        origin = Clock::now(); // the device clock starts inside Create()
        if (device == nullptr)
        {
            state.SkipWithError(("emulator: " + error).c_str());
            return false;
        }
        cpu.ExcludeCurrentThreads();
        // Whole 100 ns units, as UVC commits it: 333333 for 30 fps.
        interval_ns = 10000000LL / mode.rate * 100;
        return true;
    }

    // Once the stream runs: frame k leaves no earlier than origin + k *
    // interval, so each "sent" notification bounds the origin from above.
    // It only narrows down which frame an arrival is (see Latencies()).
    bool FindOrigin()
    {
        for (int i = 0; i < 3; i++)
        {
            const uint64_t sent = device->stream_stats(kColorStream).frames_sent;
            if (!device->WaitForFrames(kColorStream, sent + 1, kFrameTimeoutMs))
                return false;
            const Clock::time_point now = Clock::now();
            const uint64_t k = device->stream_stats(kColorStream).last_frame_number;
            origin = std::min(origin, now - std::chrono::nanoseconds(k * interval_ns));
        }
        return true;
    }

    // Called when a frame reaches the user.
    void Arrived(Clock::time_point now)
    {
        arrivals.push_back(now);
    }

    // For each arrival, the latest frame the device had handed over before it.
    std::vector<int64_t> Latencies() const
    {
        std::vector<int64_t> out;
        for (const Clock::time_point t : arrivals)
        {
            const auto since = std::chrono::duration_cast<std::chrono::nanoseconds>(t - origin).count();
            const int64_t estimate = since / interval_ns;
            for (int64_t k = estimate + 1; k >= estimate - 2 && k >= 0; k--)
            {
                Clock::time_point sent;
                if (device->FrameSentAt(kColorStream, static_cast<uint64_t>(k), &sent) && sent <= t)
                {
                    out.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t - sent).count());
                    break;
                }
            }
        }
        return out;
    }

    void BeginWindow()
    {
        const auto stats = device->stream_stats(kColorStream);
        sent_start = stats.frames_sent;
        dropped_start = stats.frames_dropped;
        arrivals.clear();
        corrupt = 0;
        cpu.Track();
    }

    void Report(benchmark::State &state, uint64_t delivered)
    {
        const auto stats = device->stream_stats(kColorStream);
        // Frames that left the device, or should have, while we measured. The
        // last one or two may still be on their way: allow for that.
        const uint64_t sent = stats.frames_sent - sent_start + stats.frames_dropped - dropped_start;
        const uint64_t lost = sent > delivered + 2 ? sent - delivered - 2 : 0;
        state.counters["frames_delivered"] = static_cast<double>(delivered);
        state.counters["frames_lost"] = static_cast<double>(lost);
        state.counters["frames_corrupt"] = static_cast<double>(corrupt);
        std::vector<int64_t> sorted = Latencies();
        std::sort(sorted.begin(), sorted.end());
        auto at = [&](double q)
        {
            return sorted.empty() ? 0.0 :
                                    static_cast<double>(sorted[static_cast<size_t>(q * (sorted.size() - 1))]) / 1e3;
        };
        state.counters["latency_p50_us"] = at(0.5);
        state.counters["latency_p99_us"] = at(0.99);
        state.counters["latency_max_us"] = at(1.0);
        state.counters["latency_unmatched"] = static_cast<double>(arrivals.size() - sorted.size());
    }
};

// ---- openk4a -------------------------------------------------------------------

void BM_Stream_openk4a(benchmark::State &state, const Mode *mode)
{
    Run run;
    if (!run.Start(state, *mode))
        return;
    k4a_device_t device = nullptr;
    if (k4a_device_open(0, &device) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_device_open failed");
        return;
    }
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = mode->resolution;
    config.camera_fps = mode->fps;
    if (k4a_device_start_cameras(device, &config) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_device_start_cameras failed");
        k4a_device_close(device);
        return;
    }
    // One frame: returns false on a timeout or a capture without colour.
    auto next_frame = [&](bool measure)
    {
        k4a_capture_t capture = nullptr;
        if (k4a_device_get_capture(device, &capture, kFrameTimeoutMs) != K4A_WAIT_RESULT_SUCCEEDED)
            return false;
        const Clock::time_point now = Clock::now();
        k4a_image_t image = k4a_capture_get_color_image(capture);
        const bool ok = image != nullptr;
        if (ok && measure)
        {
            run.Arrived(now);
            if (!WholeJpeg(k4a_image_get_buffer(image), k4a_image_get_size(image)))
                run.corrupt++;
        }
        if (image != nullptr)
            k4a_image_release(image);
        k4a_capture_release(capture);
        return ok;
    };
    bool ok = run.FindOrigin();
    // Captures queued meanwhile are old: drop them before measuring.
    for (k4a_capture_t stale = nullptr; k4a_device_get_capture(device, &stale, 0) == K4A_WAIT_RESULT_SUCCEEDED;)
        k4a_capture_release(stale);
    for (int i = 0; i < kWarmupFrames && ok; i++)
        ok = next_frame(false);
    run.BeginWindow();
    uint64_t delivered = 0;
    for (auto _ : state)
    {
        const int64_t before = run.cpu.Ns();
        if (!ok || !(ok = next_frame(true)))
        {
            state.SkipWithError("no colour frame within 2 s");
            break;
        }
        delivered++;
        state.SetIterationTime(static_cast<double>(run.cpu.Ns() - before) / 1e9);
    }
    run.Report(state, delivered);
    openk4a_device_stats_t stats;
    if (openk4a_device_get_stats(device, &stats) == K4A_RESULT_SUCCEEDED)
    {
        uint64_t dropped = 0;
        for (uint64_t n : stats.streams[OPENK4A_STREAM_COLOR].frames_dropped)
            dropped += n;
        state.counters["driver_drops"] = static_cast<double>(dropped);
    }
    k4a_device_stop_cameras(device);
    k4a_device_close(device);
}

// ---- libuvc -------------------------------------------------------------------

struct UvcSink
{
    std::mutex mutex;
    std::condition_variable arrived;
    Run *run = nullptr;
    bool measuring = false;
    uint64_t frames = 0;

    static void OnFrame(uvc_frame_t *frame, void *context)
    {
        const Clock::time_point now = Clock::now();
        auto *self = static_cast<UvcSink *>(context);
        std::lock_guard<std::mutex> lock(self->mutex);
        if (self->measuring)
        {
            self->run->Arrived(now);
            if (!WholeJpeg(static_cast<const uint8_t *>(frame->data), frame->data_bytes))
                self->run->corrupt++;
        }
        self->frames++;
        self->arrived.notify_all();
    }

    bool WaitFor(uint64_t count)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return arrived.wait_for(lock, std::chrono::milliseconds(kFrameTimeoutMs), [&] { return frames >= count; });
    }
};

void BM_Stream_libuvc(benchmark::State &state, const Mode *mode)
{
    Run run;
    if (!run.Start(state, *mode))
        return;
    uvc_context_t *context = nullptr;
    uvc_device_t *uvc_device = nullptr;
    uvc_device_handle_t *handle = nullptr;
    uvc_stream_ctrl_t control;
    uvc_error_t result = uvc_init(&context, nullptr);
    if (result == UVC_SUCCESS)
        result = uvc_find_device(context, &uvc_device, openk4a::emulator::kK4aVendorId,
                                 openk4a::emulator::kK4aProductId, nullptr);
    if (result == UVC_SUCCESS)
        result = uvc_open(uvc_device, &handle);
    if (result == UVC_SUCCESS)
        result = uvc_get_stream_ctrl_format_size(handle, &control, UVC_FRAME_FORMAT_MJPEG, mode->width, mode->height,
                                                 mode->rate);
    UvcSink sink;
    sink.run = &run;
    if (result == UVC_SUCCESS)
        result = uvc_start_streaming(handle, &control, UvcSink::OnFrame, &sink, 0);
    if (result != UVC_SUCCESS)
    {
        state.SkipWithError((std::string("libuvc: ") + uvc_strerror(result)).c_str());
    }
    else
    {
        bool ok = run.FindOrigin() && sink.WaitFor(kWarmupFrames);
        {
            std::lock_guard<std::mutex> lock(sink.mutex);
            run.BeginWindow();
            sink.measuring = true;
        }
        uint64_t delivered = 0;
        uint64_t target;
        {
            std::lock_guard<std::mutex> lock(sink.mutex);
            target = sink.frames;
        }
        for (auto _ : state)
        {
            const int64_t before = run.cpu.Ns();
            if (!ok || !(ok = sink.WaitFor(++target)))
            {
                state.SkipWithError("no colour frame within 2 s");
                break;
            }
            state.SetIterationTime(static_cast<double>(run.cpu.Ns() - before) / 1e9);
        }
        {
            std::lock_guard<std::mutex> lock(sink.mutex);
            sink.measuring = false;
            delivered = run.arrivals.size();
        }
        run.Report(state, delivered);
        uvc_stop_streaming(handle);
    }
    if (handle != nullptr)
        uvc_close(handle);
    if (uvc_device != nullptr)
        uvc_unref_device(uvc_device);
    if (context != nullptr)
        uvc_exit(context);
}

// ---- bare libusb: the floor -------------------------------------------------------

struct BareStream
{
    std::mutex mutex;
    std::condition_variable arrived;
    Run *run = nullptr;
    bool measuring = false;
    bool stopping = false;
    uint64_t frames = 0;
    int in_flight = 0;

    static void LIBUSB_CALL OnTransfer(libusb_transfer *transfer)
    {
        const Clock::time_point now = Clock::now();
        auto *self = static_cast<BareStream *>(transfer->user_data);
        std::lock_guard<std::mutex> lock(self->mutex);
        if (transfer->status == LIBUSB_TRANSFER_COMPLETED && transfer->actual_length >= 2 &&
            transfer->actual_length >= transfer->buffer[0] && (transfer->buffer[1] & OPENK4A_UVC_HEADER_EOF) != 0)
        {
            if (self->measuring)
                self->run->Arrived(now);
            self->frames++;
            self->arrived.notify_all();
        }
        if (self->stopping || libusb_submit_transfer(transfer) != 0)
            self->in_flight--;
    }

    bool WaitFor(uint64_t count)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return arrived.wait_for(lock, std::chrono::milliseconds(kFrameTimeoutMs), [&] { return frames >= count; });
    }
};

// Probe and commit `mode` as MJPG on the colour interface; the committed
// maximum payload (one transfer), or 0.
uint32_t Commit(libusb_device_handle *handle, const EmulatedDevice &device, const Mode &mode)
{
    const auto &stream = device.function().streams[kColorStream];
    openk4a_uvc_probe_commit_t probe{};
    for (const auto &format : stream.formats)
    {
        if (format.kind != openk4a::emulator::PixelKind::kMjpeg)
            continue;
        for (const auto &frame : format.frames)
        {
            if (frame.width == mode.width && frame.height == mode.height)
            {
                probe.bFormatIndex = format.index;
                probe.bFrameIndex = frame.index;
            }
        }
    }
    if (probe.bFormatIndex == 0)
        return 0;
    probe.bmHint = 1;
    probe.dwFrameInterval = static_cast<uint32_t>(10000000 / mode.rate);
    probe.wire_size = device.function().bcd_uvc >= 0x0150 ? 48 : device.function().bcd_uvc >= 0x0110 ? 34 : 26;
    uint8_t wire[64];
    size_t size = 0;
    if (openk4a_uvc_probe_commit_encode(&probe, wire, sizeof wire, &size) != OPENK4A_USB_OK)
        return 0;
    const uint16_t length = static_cast<uint16_t>(size);
    const uint16_t interface = stream.interface_number;
    if (libusb_control_transfer(handle, 0x21, OPENK4A_UVC_REQ_SET_CUR, 0x0100, interface, wire, length, 1000) < 0 ||
        libusb_control_transfer(handle, 0xA1, OPENK4A_UVC_REQ_GET_CUR, 0x0100, interface, wire, length, 1000) !=
            length ||
        openk4a_uvc_probe_commit_parse(wire, size, &probe, nullptr) != OPENK4A_USB_OK ||
        libusb_control_transfer(handle, 0x21, OPENK4A_UVC_REQ_SET_CUR, 0x0200, interface, wire, length, 1000) < 0)
        return 0;
    return probe.dwMaxPayloadTransferSize;
}

void BM_Stream_bare_libusb(benchmark::State &state, const Mode *mode)
{
    Run run;
    if (!run.Start(state, *mode))
        return;
    const auto &stream = run.device->function().streams[kColorStream];
    libusb_context *context = nullptr;
    libusb_device_handle *handle = nullptr;
    if (libusb_init(&context) != 0 ||
        (handle = libusb_open_device_with_vid_pid(context, run.device->vendor_id(), run.device->product_id())) ==
            nullptr ||
        libusb_claim_interface(handle, stream.interface_number) != 0)
    {
        state.SkipWithError("libusb: cannot open and claim the colour interface");
        if (handle != nullptr)
            libusb_close(handle);
        if (context != nullptr)
            libusb_exit(context);
        return;
    }
    const uint32_t payload = Commit(handle, *run.device, *mode);
    BareStream bare;
    bare.run = &run;
    std::vector<std::vector<uint8_t>> buffers;
    std::vector<libusb_transfer *> transfers;
    for (int i = 0; i < 4 && payload != 0; i++)
    {
        buffers.emplace_back(payload);
        libusb_transfer *transfer = libusb_alloc_transfer(0);
        libusb_fill_bulk_transfer(transfer, handle, stream.endpoint, buffers.back().data(), static_cast<int>(payload),
                                  BareStream::OnTransfer, &bare, 0);
        transfers.push_back(transfer);
    }
    bool running = true;
    std::thread events(
        [&]
        {
            while (true)
            {
                {
                    std::lock_guard<std::mutex> lock(bare.mutex);
                    if (bare.stopping && bare.in_flight == 0)
                        break;
                }
                timeval tv = {0, 50000};
                libusb_handle_events_timeout_completed(context, &tv, nullptr);
            }
        });
    for (libusb_transfer *transfer : transfers)
    {
        std::lock_guard<std::mutex> lock(bare.mutex);
        if (libusb_submit_transfer(transfer) == 0)
            bare.in_flight++;
    }
    if (payload == 0 || bare.in_flight == 0)
    {
        state.SkipWithError("libusb: probe/commit or submit failed");
        running = false;
    }
    if (running)
    {
        bool ok = run.FindOrigin() && bare.WaitFor(kWarmupFrames);
        uint64_t target;
        {
            std::lock_guard<std::mutex> lock(bare.mutex);
            run.BeginWindow();
            bare.measuring = true;
            target = bare.frames;
        }
        for (auto _ : state)
        {
            const int64_t before = run.cpu.Ns();
            if (!ok || !(ok = bare.WaitFor(++target)))
            {
                state.SkipWithError("no colour frame within 2 s");
                break;
            }
            state.SetIterationTime(static_cast<double>(run.cpu.Ns() - before) / 1e9);
        }
        uint64_t delivered;
        {
            std::lock_guard<std::mutex> lock(bare.mutex);
            bare.measuring = false;
            delivered = run.arrivals.size();
        }
        run.Report(state, delivered);
        state.counters["frames_corrupt"] = 0; // payloads are not assembled here
    }
    {
        std::lock_guard<std::mutex> lock(bare.mutex);
        bare.stopping = true;
    }
    libusb_set_interface_alt_setting(handle, stream.interface_number, 0); // stops a bulk stream
    for (libusb_transfer *transfer : transfers)
        libusb_cancel_transfer(transfer);
    events.join();
    for (libusb_transfer *transfer : transfers)
        libusb_free_transfer(transfer);
    libusb_release_interface(handle, stream.interface_number);
    libusb_close(handle);
    libusb_exit(context);
}

} // namespace

int main(int argc, char **argv)
{
    openk4a::emulator::RunUnderUmockdevOrDie(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    for (const Mode &mode : kModes)
    {
        for (auto *bm : {
                 benchmark::RegisterBenchmark((std::string("BM_Stream_openk4a/") + mode.name).c_str(),
                                              BM_Stream_openk4a, &mode),
                 benchmark::RegisterBenchmark((std::string("BM_Stream_libuvc/") + mode.name).c_str(), BM_Stream_libuvc,
                                              &mode),
                 benchmark::RegisterBenchmark((std::string("BM_Stream_bare_libusb/") + mode.name).c_str(),
                                              BM_Stream_bare_libusb, &mode),
             })
            bm->UseManualTime()->Iterations(mode.frames)->Unit(benchmark::kMicrosecond);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
