// A real Azure Kinect's depth through the whole path: the emulated unit's
// depth sensor (tools/emulator/azure_kinect_depth.h) streams TEST raw frames
// on its raw depth endpoint once the depth MCU is told to, the driver reads
// them through the real libusb and hands each to the TEST depth engine plugin
// (tests/device/test_depth_engine_plugin.c), whose DEPTH16/IR16 come back in
// captures. Expected values come from elsewhere than the driver: pixel values
// from test_depth_frame.h's formulas and the seed the emulator says it sent
// for that frame; sizes, sensor modes and the 90 kHz tick conversion from the
// Azure Kinect SDK's sources (k4atypes.h, depthcommands.h, dewrapper.c).
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "openk4a/device.h"
#include "openk4a/memory.h"
#include "openk4a/usb/k4a_mcu_wire.h"
#include "tests/log_capture.h"
#include "tests/testing/device_stats_text.h"
#include "tests/testing/runfiles.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/azure_kinect.h"
#include "tools/emulator/test_depth_frame.h"

namespace openk4a
{
namespace
{

using emulator::AzureKinectOptions;
using emulator::AzureKinectPart;
using emulator::EmulatedAzureKinect;
using emulator::McuFault;
using emulator::RawDepthFault;

constexpr int kCaptureTimeoutMs = 10000;

struct Mode
{
    k4a_depth_mode_t depth_mode;
    int width, height;    // k4atypes.h's documented image size of the mode
    uint32_t sensor_mode; // depthcommands.h: the raw sensor mode the SDK sets
    bool has_depth;       // passive IR has IR only
};

constexpr Mode kNfovUnbinned{K4A_DEPTH_MODE_NFOV_UNBINNED, 640, 576, 4, true};
constexpr Mode kNfovBinned{K4A_DEPTH_MODE_NFOV_2X2BINNED, 320, 288, 4, true};
constexpr Mode kWfovBinned{K4A_DEPTH_MODE_WFOV_2X2BINNED, 512, 512, 7, true};
constexpr Mode kPassiveIr{K4A_DEPTH_MODE_PASSIVE_IR, 1024, 1024, 3, false};

int FpsOf(k4a_fps_t fps)
{
    return fps == K4A_FRAMES_PER_SECOND_5 ? 5 : fps == K4A_FRAMES_PER_SECOND_15 ? 15 : 30;
}

class AzureKinectDepthTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        plugin_ = testing::RunfilePath("tests/device/libtest_depth_engine_plugin.so");
        ASSERT_EQ(access(plugin_.c_str(), R_OK), 0) << plugin_;
        ASSERT_EQ(setenv("OPENK4A_DEPTH_ENGINE", plugin_.c_str(), 1), 0);
        // The real unit's factory calibration, when the shared test data is
        // there: the engine is then given the depth camera's part of it.
        Open(testing::TestdataPath("recordings/azure_kinect_pyk4a_calibration.json").value_or("none"));
    }
    void Open(const std::string &calibration_file)
    {
        AzureKinectOptions options;
        options.serial = "000444555666";
        options.calibration_file = calibration_file;
        std::string error;
        unit_ = EmulatedAzureKinect::Create(options, &error);
        ASSERT_NE(unit_, nullptr) << error;
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        unit_.reset();
        unsetenv("OPENK4A_DEPTH_ENGINE");
        openk4a_memory_stats_t memory{};
        ASSERT_EQ(openk4a_get_memory_stats(&memory), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(memory.images_live, 0u) << "an image leaked";
        EXPECT_EQ(memory.captures_live, 0u) << "a capture leaked";
    }

    static k4a_device_configuration_t Config(const Mode &mode, k4a_fps_t fps)
    {
        k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
        config.depth_mode = mode.depth_mode;
        config.camera_fps = fps;
        return config;
    }

    // Checks one image of a capture against the frame the emulator sent for
    // its timestamp; returns the frame number (or -1, with failures recorded).
    int64_t CheckImage(k4a_image_t image, k4a_image_format_t format, const Mode &mode, int fps)
    {
        EXPECT_NE(image, nullptr);
        if (image == nullptr)
            return -1;
        EXPECT_EQ(k4a_image_get_format(image), format);
        EXPECT_EQ(k4a_image_get_width_pixels(image), mode.width);
        EXPECT_EQ(k4a_image_get_height_pixels(image), mode.height);
        EXPECT_EQ(k4a_image_get_stride_bytes(image), mode.width * 2);
        const uint64_t usec = k4a_image_get_device_timestamp_usec(image);
        // The frame on the emulator's grid, and the SDK's conversion of its
        // 90 kHz exposure time (K4A_90K_HZ_TICK_TO_USEC: ticks * 100 / 9).
        const uint64_t number = (usec * static_cast<uint64_t>(fps) + 500000) / 1000000;
        const uint64_t ticks = number * 90000 / static_cast<uint64_t>(fps);
        EXPECT_EQ(usec, ticks * 100 / 9) << "frame " << number;
        uint32_t seed = 0;
        EXPECT_TRUE(unit_->depth_sensor()->SeedOfFrame(number, &seed)) << "frame " << number << " was never sent";
        const uint16_t *pixels = reinterpret_cast<const uint16_t *>(k4a_image_get_buffer(image));
        int wrong = 0;
        for (int y = 0; y < mode.height && wrong < 5; y++)
        {
            for (int x = 0; x < mode.width && wrong < 5; x++)
            {
                const uint16_t expected = format == K4A_IMAGE_FORMAT_DEPTH16 ? ok4a_test_depth_value(seed, x, y) :
                                                                               ok4a_test_ir_value(seed, x, y);
                if (pixels[y * mode.width + x] != expected)
                {
                    ADD_FAILURE() << "frame " << number << " pixel (" << x << ", " << y
                                  << "): " << pixels[y * mode.width + x] << ", expected " << expected;
                    wrong++;
                }
            }
        }
        return static_cast<int64_t>(number);
    }

    // One capture; its depth and IR checked; false on timeout.
    bool TakeAndCheck(const Mode &mode, int fps, bool want_color = false)
    {
        k4a_capture_t capture = nullptr;
        if (k4a_device_get_capture(device_, &capture, kCaptureTimeoutMs) != K4A_WAIT_RESULT_SUCCEEDED)
            return false;
        k4a_image_t depth = k4a_capture_get_depth_image(capture);
        k4a_image_t ir = k4a_capture_get_ir_image(capture);
        int64_t depth_frame = -1;
        if (mode.has_depth)
        {
            depth_frame = CheckImage(depth, K4A_IMAGE_FORMAT_DEPTH16, mode, fps);
        }
        else
        {
            EXPECT_EQ(depth, nullptr) << "passive IR has no depth image";
        }
        const int64_t ir_frame = CheckImage(ir, K4A_IMAGE_FORMAT_IR16, mode, fps);
        if (mode.has_depth)
        {
            EXPECT_EQ(depth_frame, ir_frame) << "depth and IR of one capture come from one raw frame";
        }
        // The engine's sensor temperature of the exposure (the test engine
        // always measures 30.5 C), as the SDK sets it on the capture.
        EXPECT_EQ(k4a_capture_get_temperature_c(capture), 30.5f);
        if (want_color)
        {
            k4a_image_t color = k4a_capture_get_color_image(capture);
            EXPECT_NE(color, nullptr);
            if (color != nullptr && ir != nullptr)
            {
                const int64_t apart = static_cast<int64_t>(k4a_image_get_device_timestamp_usec(color)) -
                                      static_cast<int64_t>(k4a_image_get_device_timestamp_usec(ir));
                EXPECT_LT(std::llabs(apart), 1000000 / fps / 2) << "colour and depth paired across frames";
            }
            k4a_image_release(color);
        }
        k4a_image_release(depth);
        k4a_image_release(ir);
        k4a_capture_release(capture);
        return true;
    }

    openk4a_stream_stats_t DepthStats()
    {
        openk4a_device_stats_t stats{};
        EXPECT_EQ(openk4a_device_get_stats(device_, &stats), K4A_RESULT_SUCCEEDED);
        return stats.streams[OPENK4A_STREAM_DEPTH];
    }

    // Streams `mode` alone at `fps` and checks `frames` captures.
    void StreamsMode(const Mode &mode, k4a_fps_t fps, int frames)
    {
        k4a_device_configuration_t config = Config(mode, fps);
        ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
        const auto sensor = unit_->depth_sensor()->counters();
        EXPECT_EQ(sensor.sensor_mode, mode.sensor_mode);
        EXPECT_EQ(sensor.fps, static_cast<uint32_t>(FpsOf(fps)));
        EXPECT_TRUE(sensor.streaming);
        for (int i = 0; i < frames; i++)
            ASSERT_TRUE(TakeAndCheck(mode, FpsOf(fps))) << "capture " << i;
        k4a_device_stop_cameras(device_);
        EXPECT_FALSE(unit_->depth_sensor()->counters().streaming) << "stop_cameras stops the sensor";
        const openk4a_stream_stats_t depth = DepthStats();
        EXPECT_GE(depth.frames_delivered, static_cast<uint64_t>(frames));
        EXPECT_EQ(depth.frames_dropped[OPENK4A_FRAME_DROP_SIZE_MISMATCH], 0u);
        EXPECT_EQ(depth.frames_dropped[OPENK4A_FRAME_DROP_ENGINE_FAILED], 0u);
    }

    std::string plugin_;
    std::unique_ptr<EmulatedAzureKinect> unit_;
    k4a_device_t device_ = nullptr;
};

TEST_F(AzureKinectDepthTest, NfovUnbinnedDepthOnlyBringsTheEmulatorsPixels)
{
    StreamsMode(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30, 8);
}

TEST_F(AzureKinectDepthTest, WfovBinnedAt15FpsBringsTheEmulatorsPixels)
{
    StreamsMode(kWfovBinned, K4A_FRAMES_PER_SECOND_15, 5);
}

TEST_F(AzureKinectDepthTest, NfovBinnedAndPassiveIrTooAndTheCamerasRestart)
{
    StreamsMode(kNfovBinned, K4A_FRAMES_PER_SECOND_30, 4);
    StreamsMode(kPassiveIr, K4A_FRAMES_PER_SECOND_30, 3);
}

TEST_F(AzureKinectDepthTest, WfovUnbinnedAt15FpsBringsTheEmulatorsPixels)
{
    constexpr Mode kWfovUnbinned{K4A_DEPTH_MODE_WFOV_UNBINNED, 1024, 1024, 5, true};
    StreamsMode(kWfovUnbinned, K4A_FRAMES_PER_SECOND_15, 3);
}

// The engine is given the depth camera's calibration for the mode (the TEST
// plugin refuses one of another image size); without a calibration it is
// given none, with a warning, and depth still streams from the TEST plugin.
TEST_F(AzureKinectDepthTest, EngineIsGivenTheDepthCamerasCalibrationOfTheMode)
{
    if (!testing::TestdataPath("recordings/azure_kinect_pyk4a_calibration.json"))
        GTEST_SKIP() << "shared testdata absent: recordings/azure_kinect_pyk4a_calibration.json";
    for (const Mode &mode : {kNfovBinned, kWfovBinned})
    {
        testing::LogCapture log;
        k4a_device_configuration_t config = Config(mode, K4A_FRAMES_PER_SECOND_30);
        ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
        EXPECT_TRUE(log.Contains({"gets the depth camera's calibration (" + std::to_string(mode.width) + "x" +
                                  std::to_string(mode.height) + ")"}));
        ASSERT_TRUE(TakeAndCheck(mode, 30));
        k4a_device_stop_cameras(device_);
    }
    k4a_device_close(device_);
    device_ = nullptr;
    unit_.reset();
    Open("none");
    testing::LogCapture log;
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    EXPECT_TRUE(log.Contains({"the depth engine gets none"}));
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    k4a_device_stop_cameras(device_);
}

// Depth and colour together: captures hold both, paired by device timestamp.
// At 5 fps: under the thread sanitizer on 2 cores the emulated cameras fall
// behind 30 fps. A sensor loop that runs late resumes at the frame being
// exposed now (tools/emulator/frame_clock.h), so depth and colour stay on one
// clock and pair, as a real unit's would on a slow host (under TSan with three
// busy loops beside it: 4 of 4 passed in 10 to 20 s; sending every late frame
// instead, 16 to 25 s).
TEST_F(AzureKinectDepthTest, DepthAndColourComeSynchronised)
{
    for (const Mode &mode : {kNfovUnbinned, kWfovBinned})
    {
        k4a_device_configuration_t config = Config(mode, K4A_FRAMES_PER_SECOND_5);
        config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
        config.color_resolution = K4A_COLOR_RESOLUTION_720P;
        config.synchronized_images_only = true;
        ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
        for (int i = 0; i < 5; i++)
            ASSERT_TRUE(TakeAndCheck(mode, 5, true)) << "capture " << i << ": " << testing::DeviceStatsText(device_);
        k4a_device_stop_cameras(device_);
    }
}

// The depth delay reaches the colour MCU in 90 kHz ticks, as the SDK's
// colormcu_set_multi_device_mode encodes it (K4A_USEC_TO_90K_HZ_TICK: usec * 9
// / 100); it needs both cameras (the SDK refuses it with one).
TEST_F(AzureKinectDepthTest, DepthDelayReachesTheColourMcuInTicks)
{
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.depth_delay_off_color_usec = -1111;
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    openk4a_k4a_color_mcu_sync_config_t got{};
    ASSERT_TRUE(unit_->color_mcu()->sync_config(&got));
    EXPECT_EQ(got.depth_delay_off_color_pts, -1111 * 9 / 100);
    EXPECT_EQ(got.mode, 0u) << "EXTERNAL_SYNC_MODE_STANDALONE";
    k4a_device_stop_cameras(device_);
}

// A lying device: short and oversized transfers, a corrupt header, a frame the
// engine refuses, a zero exposure time. Each is counted with its reason,
// logged, and good frames keep coming.
TEST_F(AzureKinectDepthTest, LyingFramesAreDroppedCountedAndStreamingGoesOn)
{
    testing::LogCapture log;
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    const uint64_t busy_before = DepthStats().frames_dropped[OPENK4A_FRAME_DROP_NO_BUFFER];
    auto *sensor = unit_->depth_sensor();
    sensor->InjectFault(RawDepthFault::kShortFrame, 2);
    sensor->InjectFault(RawDepthFault::kOversizedFrame, 2);
    sensor->InjectFault(RawDepthFault::kCorruptHeader, 2);
    sensor->InjectFault(RawDepthFault::kEngineFails, 2);
    sensor->InjectFault(RawDepthFault::kZeroExposure, 2);
    // Captures drive the wait: every one is checked, none is a faulty frame.
    openk4a_stream_stats_t depth{};
    for (int i = 0; i < 100; i++)
    {
        ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30)) << "capture " << i;
        depth = DepthStats();
        const uint64_t refused = depth.frames_dropped[OPENK4A_FRAME_DROP_ENGINE_FAILED] +
                                 depth.frames_dropped[OPENK4A_FRAME_DROP_NO_TIMESTAMP] +
                                 depth.frames_dropped[OPENK4A_FRAME_DROP_NO_BUFFER] - busy_before;
        if (depth.frames_dropped[OPENK4A_FRAME_DROP_SIZE_MISMATCH] >= 4 && refused >= 6)
            break;
    }
    EXPECT_EQ(depth.frames_dropped[OPENK4A_FRAME_DROP_SIZE_MISMATCH], 4u);
    // A refused frame may have been dropped before the engine saw it when the
    // engine ran behind (NO_BUFFER); at least one reached it.
    EXPECT_GE(depth.frames_dropped[OPENK4A_FRAME_DROP_ENGINE_FAILED], 1u);
    EXPECT_LE(depth.frames_dropped[OPENK4A_FRAME_DROP_ENGINE_FAILED], 4u);
    // A zero exposure time after good frames is dropped, as the SDK does.
    EXPECT_GE(depth.frames_dropped[OPENK4A_FRAME_DROP_NO_TIMESTAMP], 1u);
    EXPECT_LE(depth.frames_dropped[OPENK4A_FRAME_DROP_NO_TIMESTAMP], 2u);
    // IR is counted alike.
    openk4a_device_stats_t all{};
    ASSERT_EQ(openk4a_device_get_stats(device_, &all), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(all.streams[OPENK4A_STREAM_IR].frames_dropped[OPENK4A_FRAME_DROP_SIZE_MISMATCH], 4u);
    EXPECT_TRUE(log.Contains({"raw transfer of", "5310760 bytes"}));
    EXPECT_TRUE(log.Contains({"depth engine refused a raw frame", "result 3"}));
    k4a_device_stop_cameras(device_);
}

// The sensor goes quiet: transfers time out, nothing is counted as a lost
// frame, and frames come again when it speaks.
TEST_F(AzureKinectDepthTest, SilentSensorTimesOutThenStreamsAgain)
{
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    unit_->depth_sensor()->Pause(true);
    const uint64_t errors = DepthStats().transfer_errors;
    for (int i = 0; i < 200 && DepthStats().transfer_errors == errors; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the transfers' 2 s timeout
    EXPECT_GT(DepthStats().transfer_errors, errors) << "a transfer without data timed out";
    unit_->depth_sensor()->Pause(false);
    k4a_capture_t stale = nullptr;
    while (k4a_device_get_capture(device_, &stale, 0) == K4A_WAIT_RESULT_SUCCEEDED)
        k4a_capture_release(stale); // what was queued before the pause
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    EXPECT_EQ(DepthStats().frames_dropped[OPENK4A_FRAME_DROP_LOST_PAYLOAD], 0u);
    k4a_device_stop_cameras(device_);
}

// A stalled raw endpoint fails depth with a clear message; a restart clears it.
// A stalled raw endpoint is cleared while streaming (as the colour stream's
// is) and depth resumes; one whose halt will not clear fails the stream
// clearly, and a restart recovers.
TEST_F(AzureKinectDepthTest, StalledEndpointIsClearedAndDepthResumes)
{
    testing::LogCapture log;
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    unit_->depth()->Halt(emulator::AzureKinectDepthSensor::kRawDepthIn);
    // Captures drive the wait: depth keeps coming once the halt is cleared.
    for (int i = 0; i < 100 && DepthStats().stalls_cleared == 0; i++)
        ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30)) << "capture " << i << ": " << testing::DeviceStatsText(device_);
    EXPECT_EQ(DepthStats().stalls_cleared, 1u);
    for (int i = 0; i < 3; i++)
        ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30)) << "after the clear, capture " << i;
    EXPECT_EQ(DepthStats().failures, 0u);
    EXPECT_TRUE(log.Contains({"raw depth endpoint 0x83 stalled", "halt cleared"}));

    // Every clear refused: after its retries the stream fails.
    unit_->depth()->FailClearHalts(emulator::AzureKinectDepthSensor::kRawDepthIn, -1);
    unit_->depth()->Halt(emulator::AzureKinectDepthSensor::kRawDepthIn);
    for (int i = 0; i < 200 && DepthStats().failures == 0; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(DepthStats().failures, 1u);
    EXPECT_TRUE(log.Contains({"its halt would not clear", "start them again"}));
    k4a_device_stop_cameras(device_);
    unit_->depth()->FailClearHalts(emulator::AzureKinectDepthSensor::kRawDepthIn, 0);
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    k4a_device_stop_cameras(device_);
}

// The depth MCU refuses a step of the start: start_cameras fails naming it,
// the sensor is left stopped, and the next start works.
TEST_F(AzureKinectDepthTest, RefusedStartStepFailsCleanlyAndTheNextStartWorks)
{
    const struct
    {
        uint32_t command;
        const char *says;
    } steps[] = {
        {OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_MODE_SET, "take the sensor mode"},
        {OPENK4A_K4A_MCU_DEPTH_CMD_NV_DATA_GET, "depth calibration block"},
        {OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_FPS_SET, "take the frame rate"},
        {OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_START, "start the stream"},
    };
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    for (const auto &step : steps)
    {
        testing::LogCapture log;
        unit_->InjectMcuFault(step.command, McuFault::kErrorStatus);
        EXPECT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_FAILED) << step.says;
        EXPECT_TRUE(log.Contains({step.says})) << step.says;
        EXPECT_FALSE(unit_->depth_sensor()->counters().streaming) << step.says;
    }
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    k4a_device_stop_cameras(device_);
}

// The depth camera unplugged mid-stream: get_capture fails, the device says
// it is disconnected, stop and close are clean.
TEST_F(AzureKinectDepthTest, DepthCameraUnpluggedMidStreamFailsCleanly)
{
    k4a_device_configuration_t config = Config(kNfovUnbinned, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(TakeAndCheck(kNfovUnbinned, 30));
    unit_->Unplug(AzureKinectPart::kDepth);
    k4a_capture_t capture = nullptr;
    k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
    for (int i = 0; i < 100 && r == K4A_WAIT_RESULT_SUCCEEDED; i++)
    {
        r = k4a_device_get_capture(device_, &capture, kCaptureTimeoutMs);
        if (capture != nullptr)
            k4a_capture_release(capture);
        capture = nullptr;
    }
    EXPECT_EQ(r, K4A_WAIT_RESULT_FAILED);
    openk4a_device_stats_t stats{};
    ASSERT_EQ(openk4a_device_get_stats(device_, &stats), K4A_RESULT_SUCCEEDED);
    EXPECT_TRUE(stats.disconnected);
    k4a_device_stop_cameras(device_);
    k4a_device_close(device_);
    device_ = nullptr;
}

} // namespace
} // namespace openk4a
