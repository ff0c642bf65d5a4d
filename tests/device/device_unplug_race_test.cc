// The device unplugged while its streams stop or while it closes (found by
// //fuzz:device_stream_fuzzer). Two bugs met there:
//  - libusb 1.0.26's libusb_set_interface_alt_setting() unlocks the handle's
//    mutex without locking it once libusb has seen the device go (libusb
//    issue 1199); the stop's "back to alternate setting 0" then made
//    libusb_close() abort in usbi_mutex_destroy;
//  - a transfer coming back with NO_DEVICE during the stop read its stream
//    after the stop had freed it (heap-use-after-free under ASan).
// The unplug comes from another thread at a swept delay, so each round hits
// a different point of stop_cameras()/close(); before the fixes a few dozen
// rounds were enough to abort.
#include <gtest/gtest.h>
#include <k4a/k4a.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "openk4a/device.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using emulator::EmulatedDevice;
using Clock = std::chrono::steady_clock;

k4a_device_configuration_t Config(bool color)
{
    k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    c.camera_fps = K4A_FRAMES_PER_SECOND_30;
    c.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
    if (color)
        c.color_resolution = K4A_COLOR_RESOLUTION_720P;
    return c;
}

class UnplugRaceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        emulator::EmulatorOptions options;
        options.device_buffer_frames = 6;
        std::string error;
        device_ = EmulatedDevice::Create(options, &error);
        ASSERT_NE(device_, nullptr) << error;
    }

    // Opens, streams until a capture came, then unplugs `delay` after the
    // stop (or the close) began. Stop and close must return, quickly.
    void Round(const k4a_device_configuration_t &config, bool during_close, std::chrono::microseconds delay)
    {
        std::string error;
        if (!device_->plugged())
        {
            ASSERT_TRUE(device_->Plug(&error)) << error;
        }
        k4a_device_t k4a = nullptr;
        ASSERT_EQ(k4a_device_open(0, &k4a), K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(k4a_device_start_cameras(k4a, &config), K4A_RESULT_SUCCEEDED);
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(k4a, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED);
        k4a_capture_release(capture);

        std::thread unplug;
        auto start_unplug = [&]
        {
            unplug = std::thread(
                [this, delay]
                {
                    std::this_thread::sleep_for(delay);
                    device_->Unplug();
                });
        };
        const Clock::time_point began = Clock::now();
        if (!during_close)
            start_unplug();
        k4a_device_stop_cameras(k4a);
        openk4a_device_stats_t stats;
        ASSERT_EQ(openk4a_device_get_stats(k4a, &stats), K4A_RESULT_SUCCEEDED);
        for (const openk4a_stream_stats_t &s : stats.streams)
        {
            uint64_t dropped = 0;
            for (uint64_t d : s.frames_dropped)
                dropped += d;
            EXPECT_EQ(s.frames_received, s.frames_delivered + dropped);
        }
        if (during_close)
            start_unplug();
        k4a_device_close(k4a);
        EXPECT_LT(Clock::now() - began, std::chrono::seconds(10)) << "stop and close must not hang";
        unplug.join();
        EXPECT_FALSE(device_->plugged());
    }

    std::unique_ptr<EmulatedDevice> device_;
};

TEST_F(UnplugRaceTest, UnplugWhileTheStreamsStop)
{
    for (int round = 0; round < 24; round++)
    {
        SCOPED_TRACE(round);
        Round(Config(round % 2 == 1), false, std::chrono::microseconds(500 * (round % 12)));
        if (HasFatalFailure())
            return;
    }
}

TEST_F(UnplugRaceTest, UnplugWhileTheDeviceCloses)
{
    for (int round = 0; round < 12; round++)
    {
        SCOPED_TRACE(round);
        Round(Config(round % 2 == 1), true, std::chrono::microseconds(250 * round));
        if (HasFatalFailure())
            return;
    }
}

TEST_F(UnplugRaceTest, TheDeviceStreamsAgainAfterTheRaces)
{
    for (int round = 0; round < 6; round++)
    {
        Round(Config(true), round % 2 == 1, std::chrono::microseconds(1000 * round));
        if (HasFatalFailure())
            return;
    }
    std::string error;
    ASSERT_TRUE(device_->Plug(&error)) << error;
    k4a_device_t k4a = nullptr;
    ASSERT_EQ(k4a_device_open(0, &k4a), K4A_RESULT_SUCCEEDED);
    const k4a_device_configuration_t config = Config(true);
    ASSERT_EQ(k4a_device_start_cameras(k4a, &config), K4A_RESULT_SUCCEEDED);
    for (int i = 0; i < 3; i++)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(k4a, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED) << i;
        k4a_capture_release(capture);
    }
    k4a_device_close(k4a);
}

} // namespace
} // namespace openk4a
