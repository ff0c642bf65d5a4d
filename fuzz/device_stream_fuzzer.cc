// Drives the k4a device API (the real libusb, through umockdev) against the
// emulated device while the input chooses the configuration and a script of
// faults: payload corruption (ERR, header lengths and flags, FID toggles,
// lost EOF, truncated, oversized, corrupt JPEG), timing (slow, bursty,
// paused source), stalls, transfer errors and unplugging, also while the
// streams stop or the device closes.
//
// Invariants checked on every input:
//  - every delivered image has the configured format and exact size, MJPG
//    images pass the structural scan (corrupt frames are never delivered);
//  - a stream's device timestamps never go backwards;
//  - get_capture() returns FAILED only for a device that went away;
//  - after stop, every frame the driver saw is delivered or dropped with a
//    reason (frames_received == frames_delivered + sum of drops);
//  - stop and close always return (no hang), nothing leaks (ASan).
//
// Every input gets a freshly plugged device: a fault an input left pending
// (say an unplug after more frames than it streamed) must not fire in the
// next one, or no crash could be replayed on its own.
//
// Input: byte 0 picks the configuration (bits 0-1), an unplug racing
// stop_cameras (bits 2-3 = 1) or close (= 2) and its delay in ms (bits 4-7);
// then 5 bytes per fault.
#include <k4a/k4a.h>
#include <stdint.h>
#include <stdlib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/color/mjpeg_scan.h"
#include "fuzz/harness.h"
#include "openk4a/device.h"
#include "tools/emulator/emulated_device.h"
#include "tools/emulator/umockdev_env.h"

namespace
{

using openk4a::emulator::EmulatedDevice;
using openk4a::emulator::Fault;
using openk4a::emulator::FaultKind;
using openk4a::fuzzing::Reader;

constexpr int kFaultKinds = static_cast<int>(FaultKind::kScrambleHeader) + 1;

// A new device per input (about 0.1 s next to the 0.5 s an input streams).
std::unique_ptr<EmulatedDevice> NewDevice()
{
    openk4a::emulator::EmulatorOptions options;
    options.device_buffer_frames = 6;
    std::string error;
    std::unique_ptr<EmulatedDevice> device = EmulatedDevice::Create(options, &error);
    if (!device)
    {
        fprintf(stderr, "device_stream_fuzzer: %s\n", error.c_str());
        abort();
    }
    return device;
}

enum class Race
{
    kNone,
    kStop,
    kClose
};

// Unplugs the device `delay_ms` after it starts, from its own thread, while
// the fuzzer stops the streams or closes the device.
class RacingUnplug
{
public:
    RacingUnplug(EmulatedDevice *device, int delay_ms) :
        thread_(
            [device, delay_ms]
            {
                std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
                device->Unplug();
            })
    {
    }
    ~RacingUnplug()
    {
        thread_.join();
    }

private:
    std::thread thread_;
};

k4a_device_configuration_t PickConfig(uint8_t choice)
{
    k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    c.camera_fps = K4A_FRAMES_PER_SECOND_30;
    switch (choice % 4)
    {
    case 0:
        c.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
        break;
    case 1:
        c.color_resolution = K4A_COLOR_RESOLUTION_720P;
        break;
    case 2:
        c.color_resolution = K4A_COLOR_RESOLUTION_720P;
        c.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
        c.synchronized_images_only = true;
        break;
    default:
        c.color_format = K4A_IMAGE_FORMAT_COLOR_YUY2;
        c.color_resolution = K4A_COLOR_RESOLUTION_720P;
        c.depth_mode = K4A_DEPTH_MODE_PASSIVE_IR;
        break;
    }
    return c;
}

Fault ReadFault(Reader &r)
{
    Fault f;
    f.kind = static_cast<FaultKind>(r.u8() % kFaultKinds);
    f.stream = r.u8() % 3;
    f.after_frames = r.u8() % 6;
    f.count = 1 + r.u8() % 3;
    const uint8_t p = r.u8();
    switch (f.kind)
    {
    case FaultKind::kSlowSource:
    case FaultKind::kPause:
        f.param = p % 150; // ms: keep an input short
        break;
    case FaultKind::kBurst:
        f.param = 2 + p % 4;
        break;
    case FaultKind::kTruncated:
        f.param = p * 97;
        break;
    case FaultKind::kOversized:
        f.param = p * 53;
        break;
    case FaultKind::kTransferError:
        f.param = 1 + p % 3;
        break;
    case FaultKind::kStall:
        f.param = p % 3; // failed clear-halt requests: fewer than the driver's retries
        break;
    default:
        f.param = p;
        break;
    }
    return f;
}

void CheckImage(k4a_image_t image, k4a_image_format_t format, size_t raw_size)
{
    if (image == nullptr)
        return;
    CHECK(k4a_image_get_format(image) == format);
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        openk4a_mjpeg_info_t info;
        CHECK(openk4a_mjpeg_scan(k4a_image_get_buffer(image), k4a_image_get_size(image), &info) == OPENK4A_COLOR_OK);
        CHECK(info.width == 1280 && info.height == 720);
    }
    else
    {
        CHECK(k4a_image_get_size(image) == raw_size);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    openk4a::emulator::RunUnderUmockdevOrDie(*argc, *argv);
    setenv("K4A_LOG_LEVEL", "critical", 0); // faults log errors by design
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    Reader r(data, size);
    std::unique_ptr<EmulatedDevice> device = NewDevice();
    const uint8_t first = r.u8();
    const k4a_device_configuration_t config = PickConfig(first);
    const int race_kind = (first >> 2) & 3;
    const Race race = race_kind == 1 ? Race::kStop : race_kind == 2 ? Race::kClose : Race::kNone;
    const int race_delay_ms = first >> 4;
    k4a_device_t k4a = nullptr;
    CHECK(k4a_device_open(0, &k4a) == K4A_RESULT_SUCCEEDED);
    CHECK(k4a_device_start_cameras(k4a, &config) == K4A_RESULT_SUCCEEDED);
    for (int i = 0; i < 8 && !r.empty(); i++)
        device->InjectFault(ReadFault(r));

    const bool depth = config.depth_mode == K4A_DEPTH_MODE_NFOV_2X2BINNED;
    uint64_t last_ts[3] = {0, 0, 0};
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    int captures = 0;
    while (captures < 10 && std::chrono::steady_clock::now() < end)
    {
        k4a_capture_t capture = nullptr;
        const k4a_wait_result_t result = k4a_device_get_capture(k4a, &capture, 100);
        if (result == K4A_WAIT_RESULT_FAILED)
        {
            openk4a_device_stats_t stats;
            CHECK(openk4a_device_get_stats(k4a, &stats) == K4A_RESULT_SUCCEEDED);
            uint64_t failures = 0;
            for (const openk4a_stream_stats_t &st : stats.streams)
                failures += st.failures;
            CHECK(stats.disconnected || failures > 0);
            break;
        }
        if (result != K4A_WAIT_RESULT_SUCCEEDED)
            continue;
        captures++;
        k4a_image_t color = k4a_capture_get_color_image(capture);
        k4a_image_t depth_image = k4a_capture_get_depth_image(capture);
        k4a_image_t ir = k4a_capture_get_ir_image(capture);
        CheckImage(color, config.color_format, 1280u * 720u * 2u);
        CheckImage(depth_image, K4A_IMAGE_FORMAT_DEPTH16, 320u * 288u * 2u);
        CheckImage(ir, K4A_IMAGE_FORMAT_IR16, depth ? 320u * 288u * 2u : 1024u * 1024u * 2u);
        if (config.synchronized_images_only)
            CHECK(color != nullptr && depth_image != nullptr);
        const k4a_image_t images[3] = {color, depth_image, ir};
        for (int i = 0; i < 3; i++)
        {
            if (images[i] == nullptr)
                continue;
            const uint64_t ts = k4a_image_get_device_timestamp_usec(images[i]);
            CHECK(ts >= last_ts[i]); // captures leave in timestamp order
            last_ts[i] = ts;
            k4a_image_release(images[i]);
        }
        k4a_capture_release(capture);
    }
    std::unique_ptr<RacingUnplug> unplug;
    if (race == Race::kStop)
        unplug = std::make_unique<RacingUnplug>(device.get(), race_delay_ms);
    k4a_device_stop_cameras(k4a);
    openk4a_device_stats_t stats;
    CHECK(openk4a_device_get_stats(k4a, &stats) == K4A_RESULT_SUCCEEDED);
    for (const openk4a_stream_stats_t &s : stats.streams)
    {
        uint64_t dropped = 0;
        for (uint64_t d : s.frames_dropped)
            dropped += d;
        CHECK(s.frames_received == s.frames_delivered + dropped);
    }
    if (race == Race::kClose)
        unplug = std::make_unique<RacingUnplug>(device.get(), race_delay_ms);
    k4a_device_close(k4a);
    unplug.reset(); // joined: the device is destroyed after its unplug, never during
    return 0;
}
