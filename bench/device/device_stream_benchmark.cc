// A long stream through the whole stack: 2160p MJPG at 30 fps + NFOV
// unbinned depth + IR, synchronized, from the emulated k4a device through the
// real libusb (umockdev), with a consumer that keeps up; the same with colour
// as BGRA32 (MJPG decoded by the driver's decode threads, fast and accurate
// modes). Reports:
//   dropped        frames or captures lost anywhere (device FIFO, driver, queue)
//   allocs/frame   heap allocations made BY OUR CODE on the driver's threads
//                  (USB event thread, service thread, consumer) per capture,
//                  after warm-up; allocations on those threads by shared
//                  libraries (libusb's per-URB arrays, umockdev's client side
//                  of each emulated ioctl) are reported apart (other_allocs/frame)
//   latency        last payload of a capture's last frame handed to the host
//                  -> k4a_device_get_capture() returning (p50, p99, max)
//   cpu/capture    CPU of the driver's threads per delivered capture (this
//                  includes libusb and umockdev's client side, which stands
//                  in for the kernel's usbfs work on a real machine, and for
//                  BGRA32 the decode threads, also given apart)
// Reference in the same binary: the same three streams received with bare
// asynchronous libusb transfers (no assembly, no images, no sync).
//
//   bazel build -c opt //bench/device:device_stream_benchmark
//   bazel-bin/bench/device/device_stream_benchmark        # 60 s per row
//   OPENK4A_STREAM_SECONDS=10 bazel-bin/bench/device/device_stream_benchmark
#include <benchmark/benchmark.h>
#include <dirent.h>
#include <k4a/k4a.h>
#include <libusb.h>
#include <malloc.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "openk4a/device.h"
#include "openk4a/usb/uvc_probe.h"
#include "openk4a/usb/uvc_wire.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"
#include "tools/emulator/umockdev_env.h"

// ---- allocation accounting: our code on the driver's threads ----

extern "C"
{
    void *__libc_malloc(size_t);
    void *__libc_calloc(size_t, size_t);
    void *__libc_realloc(void *, size_t);
    void *__libc_memalign(size_t, size_t);
    void __libc_free(void *);
    extern char __executable_start;
    extern char etext;
}

namespace
{
std::atomic<long> g_ours{0};   // caller in this executable (our statically linked code)
std::atomic<long> g_others{0}; // caller in a shared library (libusb, glibc, umockdev preload)
thread_local int t_kind = 0;   // 0 unknown, 1 driver thread, 2 other
thread_local int t_checks = 0;

bool DriverThread()
{
    if (t_kind == 0)
    {
        char name[16] = {};
        prctl(PR_GET_NAME, name, 0, 0, 0);
        if (strncmp(name, "ok4a-", 5) == 0 || strncmp(name, "openk4a-color", 13) == 0)
        {
            t_kind = 1;
        }
        else if (++t_checks > 64)
        {
            t_kind = 2; // named threads are named before they allocate much
        }
    }
    return t_kind == 1;
}

inline void Count(void *caller)
{
    if (!DriverThread())
        return;
    const char *c = static_cast<const char *>(caller);
    if (c >= &__executable_start && c < &etext)
    {
        g_ours.fetch_add(1, std::memory_order_relaxed);
    }
    else
    {
        g_others.fetch_add(1, std::memory_order_relaxed);
    }
}
} // namespace

extern "C"
{
    void *malloc(size_t size)
    {
        Count(__builtin_return_address(0));
        return __libc_malloc(size);
    }
    void *calloc(size_t n, size_t size)
    {
        Count(__builtin_return_address(0));
        return __libc_calloc(n, size);
    }
    void *realloc(void *p, size_t size)
    {
        Count(__builtin_return_address(0));
        return __libc_realloc(p, size);
    }
    void *memalign(size_t alignment, size_t size)
    {
        Count(__builtin_return_address(0));
        return __libc_memalign(alignment, size);
    }
    void *aligned_alloc(size_t alignment, size_t size)
    {
        Count(__builtin_return_address(0));
        return __libc_memalign(alignment, size);
    }
    int posix_memalign(void **out, size_t alignment, size_t size)
    {
        Count(__builtin_return_address(0));
        void *p = __libc_memalign(alignment, size);
        if (p == nullptr)
            return ENOMEM;
        *out = p;
        return 0;
    }
    void free(void *p)
    {
        __libc_free(p);
    }
}

namespace
{

using Clock = std::chrono::steady_clock;
using openk4a::emulator::EmulatedDevice;
using openk4a::emulator::EmulatorOptions;

int Seconds()
{
    const char *s = getenv("OPENK4A_STREAM_SECONDS");
    return s != nullptr && atoi(s) > 0 ? atoi(s) : 60;
}

std::string TestdataDir()
{
    auto readme = openk4a::testing::TestdataPath("README.md");
    return readme ? readme->substr(0, readme->size() - strlen("/README.md")) : std::string();
}

// CPU seconds of this process's threads whose name starts with `prefix`
// (schedstat: nanoseconds on a CPU).
double ThreadsCpu(const char *prefix)
{
    double total = 0;
    DIR *dir = opendir("/proc/self/task");
    if (dir == nullptr)
        return 0;
    while (dirent *e = readdir(dir))
    {
        if (e->d_name[0] == '.')
            continue;
        const std::string base = std::string("/proc/self/task/") + e->d_name;
        std::ifstream comm(base + "/comm");
        std::string name;
        std::getline(comm, name);
        if (name.compare(0, strlen(prefix), prefix) != 0)
            continue;
        std::ifstream sched(base + "/schedstat");
        unsigned long long ns = 0;
        sched >> ns;
        total += ns / 1e9;
    }
    closedir(dir);
    return total;
}

double ThisThreadCpu()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double ProcessCpu()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double Percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

constexpr double kIntervalUsec = 1e6 / 30;

uint64_t DroppedFrames(const openk4a_device_stats_t &s)
{
    uint64_t n = 0;
    for (const auto &stream : s.streams)
        for (uint64_t d : stream.frames_dropped)
            n += d;
    for (uint64_t d : s.captures_dropped)
        n += d;
    return n;
}

// The emulated k4a device both rows stream from (real frames when the
// shared test data is there); null after reporting the error.
std::unique_ptr<EmulatedDevice> MakeDevice(benchmark::State &state)
{
    EmulatorOptions options;
    options.testdata_dir = TestdataDir();
    std::string error;
    auto device = EmulatedDevice::Create(options, &error);
    if (!device)
        state.SkipWithError(error.c_str());
    return device;
}

void Stream2160pNfovDepthIr(benchmark::State &state, k4a_image_format_t color_format, openk4a_color_mode_t mode)
{
    prctl(PR_SET_NAME, "ok4a-consumer", 0, 0, 0);
    auto device = MakeDevice(state);
    if (!device)
        return;
    k4a_device_t k4a = nullptr;
    if (k4a_device_open(0, &k4a) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_device_open failed");
        return;
    }
    openk4a_device_set_color_decode_mode(k4a, mode);
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = color_format;
    config.color_resolution = K4A_COLOR_RESOLUTION_2160P;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    config.synchronized_images_only = true;
    if (k4a_device_start_cameras(k4a, &config) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_device_start_cameras failed");
        k4a_device_close(k4a);
        return;
    }
    auto consume = [&](double seconds, std::vector<double> *latencies)
    {
        int captures = 0;
        const auto end = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < end)
        {
            k4a_capture_t capture = nullptr;
            if (k4a_device_get_capture(k4a, &capture, 1000) != K4A_WAIT_RESULT_SUCCEEDED)
                continue;
            const auto returned = Clock::now();
            captures++;
            Clock::time_point last_payload{};
            bool known = true;
            k4a_image_t images[3] = {k4a_capture_get_color_image(capture), k4a_capture_get_depth_image(capture),
                                     k4a_capture_get_ir_image(capture)};
            for (int i = 0; i < 3; i++)
            {
                if (images[i] == nullptr)
                    continue;
                const uint64_t frame =
                    static_cast<uint64_t>(k4a_image_get_device_timestamp_usec(images[i]) / kIntervalUsec + 0.5);
                Clock::time_point sent;
                known = known && device->FrameSentAt(i, frame, &sent);
                if (known)
                    last_payload = std::max(last_payload, sent);
                k4a_image_release(images[i]);
            }
            if (latencies != nullptr && known)
            {
                latencies->push_back(std::chrono::duration<double, std::milli>(returned - last_payload).count());
            }
            k4a_capture_release(capture);
        }
        return captures;
    };
    for (auto _ : state)
    {
        consume(3.0, nullptr); // warm-up: pools, slabs, JPEG cache
        openk4a_device_stats_t before;
        openk4a_device_get_stats(k4a, &before);
        uint64_t fifo_before = 0;
        for (int i = 0; i < 3; i++)
            fifo_before += device->stream_stats(i).frames_dropped;
        std::vector<double> latencies;
        latencies.reserve(static_cast<size_t>(Seconds()) * 40);
        const double driver_before = ThreadsCpu("ok4a-usb") + ThreadsCpu("ok4a-service");
        const double decode_before = ThreadsCpu("openk4a-color");
        const double consumer_before = ThisThreadCpu(), process_before = ProcessCpu();
        // Allocation counters last before and first after: the bookkeeping
        // around them (reading /proc) must not count.
        const long ours_before = g_ours.load(), others_before = g_others.load();
        const auto start = Clock::now();
        const int captures = consume(Seconds(), &latencies);
        const double wall = std::chrono::duration<double>(Clock::now() - start).count();
        const long ours = g_ours.load() - ours_before, others = g_others.load() - others_before;
        const double driver = ThreadsCpu("ok4a-usb") + ThreadsCpu("ok4a-service") - driver_before;
        const double decode = ThreadsCpu("openk4a-color") - decode_before;
        const double consumer = ThisThreadCpu() - consumer_before;
        const double process = ProcessCpu() - process_before;
        openk4a_device_stats_t after;
        openk4a_device_get_stats(k4a, &after);
        uint64_t fifo_after = 0;
        for (int i = 0; i < 3; i++)
            fifo_after += device->stream_stats(i).frames_dropped;
        const double n = std::max(1, captures);
        state.SetIterationTime(wall);
        state.counters["captures"] = captures;
        state.counters["fps"] = captures / wall;
        state.counters["dropped"] = static_cast<double>(DroppedFrames(after) - DroppedFrames(before));
        state.counters["device_fifo_drops"] = static_cast<double>(fifo_after - fifo_before);
        // Any drop, by stream and reason, so a non-zero total explains itself.
        static const char *const kStream[] = {"color", "depth", "ir"};
        for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
        {
            for (int r = 0; r < OPENK4A_FRAME_DROP_REASON_COUNT; r++)
            {
                const uint64_t d = after.streams[i].frames_dropped[r] - before.streams[i].frames_dropped[r];
                if (d != 0)
                {
                    state.counters[std::string("drop_") + kStream[i] + "_" +
                                   openk4a_frame_drop_reason_name(static_cast<openk4a_frame_drop_reason_t>(r))] =
                        static_cast<double>(d);
                }
            }
        }
        for (int r = 0; r < OPENK4A_CAPTURE_DROP_REASON_COUNT; r++)
        {
            const uint64_t d = after.captures_dropped[r] - before.captures_dropped[r];
            if (d != 0)
            {
                state.counters[std::string("drop_capture_") +
                               openk4a_capture_drop_reason_name(static_cast<openk4a_capture_drop_reason_t>(r))] =
                    static_cast<double>(d);
            }
        }
        state.counters["zero_copy_depth"] = static_cast<double>(after.streams[OPENK4A_STREAM_DEPTH].frames_zero_copy -
                                                                before.streams[OPENK4A_STREAM_DEPTH].frames_zero_copy) /
                                            n;
        state.counters["allocs/frame"] = ours / n;
        state.counters["other_allocs/frame"] = others / n;
        state.counters["latency_p50_ms"] = Percentile(latencies, 0.50);
        state.counters["latency_p99_ms"] = Percentile(latencies, 0.99);
        state.counters["latency_max_ms"] = Percentile(latencies, 1.0);
        state.counters["cpu_ms/capture"] = (driver + decode + consumer) * 1e3 / n;
        state.counters["driver_thread_cpu_ms/capture"] = driver * 1e3 / n;
        if (color_format == K4A_IMAGE_FORMAT_COLOR_BGRA32)
        {
            state.counters["decode_cpu_ms/capture"] = decode * 1e3 / n;
        }
        state.counters["process_cpu_ms/capture"] = process * 1e3 / n;
    }
    k4a_device_stop_cameras(k4a);
    k4a_device_close(k4a);
}

void BM_Stream2160pMjpgNfovDepthIr(benchmark::State &state)
{
    Stream2160pNfovDepthIr(state, K4A_IMAGE_FORMAT_COLOR_MJPG, OPENK4A_COLOR_MODE_FAST);
}

void BM_Stream2160pBgra32NfovDepthIr(benchmark::State &state)
{
    Stream2160pNfovDepthIr(state, K4A_IMAGE_FORMAT_COLOR_BGRA32, OPENK4A_COLOR_MODE_FAST);
}

void BM_Stream2160pBgra32AccurateNfovDepthIr(benchmark::State &state)
{
    Stream2160pNfovDepthIr(state, K4A_IMAGE_FORMAT_COLOR_BGRA32, OPENK4A_COLOR_MODE_ACCURATE);
}

// ---- reference: the same streams with bare async libusb ----

struct Bare
{
    std::atomic<long> frames{0};
    std::atomic<long> bytes{0};
    std::atomic<bool> stop{false};
};

void LIBUSB_CALL OnBare(libusb_transfer *t)
{
    auto *bare = static_cast<Bare *>(t->user_data);
    if (t->status == LIBUSB_TRANSFER_COMPLETED && t->actual_length >= 2)
    {
        bare->bytes += t->actual_length;
        if (t->buffer[1] & OPENK4A_UVC_HEADER_EOF)
            bare->frames++;
    }
    if (!bare->stop.load() && t->status != LIBUSB_TRANSFER_NO_DEVICE && t->status != LIBUSB_TRANSFER_CANCELLED)
    {
        libusb_submit_transfer(t);
    }
    else
    {
        t->user_data = nullptr; // done
    }
}

void BM_Stream2160pMjpgNfovDepthIr_bare_libusb(benchmark::State &state)
{
    auto device = MakeDevice(state);
    if (!device)
        return;
    libusb_context *ctx = nullptr;
    libusb_init(&ctx);
    libusb_device_handle *h = libusb_open_device_with_vid_pid(ctx, device->vendor_id(), device->product_id());
    if (h == nullptr)
    {
        state.SkipWithError("libusb_open failed");
        libusb_exit(ctx);
        return;
    }
    // colour 2160p MJPG (format 1 frame 5), depth and IR 640x576 (frame 2), 30 fps.
    const uint8_t streams[3][3] = {{1, 1, 5}, {2, 1, 2}, {3, 1, 2}};
    Bare bare;
    std::vector<libusb_transfer *> transfers;
    std::vector<std::vector<uint8_t>> buffers;
    for (const auto &s : streams)
    {
        libusb_claim_interface(h, s[0]);
        openk4a_uvc_probe_commit_t probe{};
        probe.bmHint = 1;
        probe.bFormatIndex = s[1];
        probe.bFrameIndex = s[2];
        probe.dwFrameInterval = 333333;
        probe.wire_size = 34;
        uint8_t buf[64];
        size_t n = 0;
        openk4a_uvc_probe_commit_encode(&probe, buf, sizeof buf, &n);
        libusb_control_transfer(h, 0x21, OPENK4A_UVC_REQ_SET_CUR, 0x0100, s[0], buf, static_cast<uint16_t>(n), 1000);
        libusb_control_transfer(h, 0xA1, OPENK4A_UVC_REQ_GET_CUR, 0x0100, s[0], buf, static_cast<uint16_t>(n), 1000);
        openk4a_uvc_probe_commit_parse(buf, n, &probe, nullptr);
        libusb_control_transfer(h, 0x21, OPENK4A_UVC_REQ_SET_CUR, 0x0200, s[0], buf, static_cast<uint16_t>(n), 1000);
        for (int i = 0; i < 4; i++)
        {
            buffers.emplace_back(probe.dwMaxPayloadTransferSize);
            libusb_transfer *t = libusb_alloc_transfer(0);
            libusb_fill_bulk_transfer(t, h, static_cast<unsigned char>(0x80 | s[0]), buffers.back().data(),
                                      static_cast<int>(buffers.back().size()), OnBare, &bare, 0);
            transfers.push_back(t);
        }
    }
    std::thread events(
        [&]
        {
            prctl(PR_SET_NAME, "bare-usb", 0, 0, 0);
            while (!bare.stop.load())
            {
                timeval tv = {0, 100000};
                libusb_handle_events_timeout_completed(ctx, &tv, nullptr);
            }
        });
    for (auto *t : transfers)
        libusb_submit_transfer(t);
    for (auto _ : state)
    {
        std::this_thread::sleep_for(std::chrono::seconds(3)); // warm-up
        const long frames_before = bare.frames.load();
        const double cpu_before = ThreadsCpu("bare-usb");
        const auto start = Clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(Seconds()));
        const double wall = std::chrono::duration<double>(Clock::now() - start).count();
        const double frames = static_cast<double>(bare.frames.load() - frames_before);
        state.SetIterationTime(wall);
        state.counters["frames"] = frames;
        state.counters["captures_equiv"] = frames / 3;
        state.counters["cpu_ms/capture"] = (ThreadsCpu("bare-usb") - cpu_before) * 1e3 / std::max(1.0, frames / 3);
    }
    bare.stop = true;
    for (auto *t : transfers)
        libusb_cancel_transfer(t);
    events.join();
    timeval tv = {0, 200000};
    libusb_handle_events_timeout_completed(ctx, &tv, nullptr);
    for (auto *t : transfers)
        libusb_free_transfer(t);
    for (const auto &s : streams)
    {
        libusb_set_interface_alt_setting(h, s[0], 0);
        libusb_release_interface(h, s[0]);
    }
    libusb_close(h);
    libusb_exit(ctx);
}

BENCHMARK(BM_Stream2160pMjpgNfovDepthIr)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_Stream2160pBgra32NfovDepthIr)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_Stream2160pBgra32AccurateNfovDepthIr)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_Stream2160pMjpgNfovDepthIr_bare_libusb)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

} // namespace

int main(int argc, char **argv)
{
    openk4a::emulator::RunUnderUmockdevOrDie(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
