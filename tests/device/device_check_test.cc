// openk4a_device_check_configuration(): start_cameras' verdict without
// starting anything, against the emulated k4a device and a real webcam's
// descriptors (real libusb through umockdev).
#include <gtest/gtest.h>
#include <k4a/k4a.h>

#include <memory>
#include <string>

#include "openk4a/device.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using emulator::EmulatedDevice;
using emulator::EmulatorOptions;

k4a_device_configuration_t Config(k4a_image_format_t format, k4a_color_resolution_t color, k4a_depth_mode_t depth,
                                  k4a_fps_t fps)
{
    k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    c.color_format = format;
    c.color_resolution = color;
    c.depth_mode = depth;
    c.camera_fps = fps;
    return c;
}

class DeviceCheckTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        emulator_.reset();
        openk4a_device_set_generic_uvc(false);
    }
    void Open(const EmulatorOptions &options)
    {
        std::string error;
        emulator_ = EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulator_, nullptr) << error;
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    std::string Why(const k4a_device_configuration_t &c)
    {
        char why[256] = "unchanged";
        if (openk4a_device_check_configuration(device_, &c, why, sizeof why) == K4A_RESULT_SUCCEEDED)
        {
            EXPECT_STREQ(why, "");
            return "";
        }
        EXPECT_STRNE(why, "");
        return why;
    }

    std::unique_ptr<EmulatedDevice> emulator_;
    k4a_device_t device_ = nullptr;
};

TEST_F(DeviceCheckTest, K4aDeviceAcceptsItsModesAndNamesThePartItDoesNot)
{
    Open({});
    EXPECT_EQ(Why(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_2160P, K4A_DEPTH_MODE_NFOV_UNBINNED,
                         K4A_FRAMES_PER_SECOND_30)),
              "");
    EXPECT_EQ(Why(Config(K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                         K4A_FRAMES_PER_SECOND_5)),
              "");
    EXPECT_NE(Why(Config(K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_1080P, K4A_DEPTH_MODE_OFF,
                         K4A_FRAMES_PER_SECOND_30))
                  .find("NV12 exists only at 720P"),
              std::string::npos);
    EXPECT_NE(Why(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_WFOV_UNBINNED,
                         K4A_FRAMES_PER_SECOND_30))
                  .find("WFOV_UNBINNED runs at 15 fps at most"),
              std::string::npos);
    // BGRA32 is decoded from MJPG: accepted once the driver runs the decoder,
    // until then refused with a reason that names it.
    const std::string bgra32 = Why(
        Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30));
    EXPECT_TRUE(bgra32.empty() || bgra32.find("BGRA32") != std::string::npos) << bgra32;
    // Checking started nothing: no stream ran, no frame arrived.
    openk4a_device_stats_t stats;
    ASSERT_EQ(openk4a_device_get_stats(device_, &stats), K4A_RESULT_SUCCEEDED);
    for (const auto &s : stats.streams)
        EXPECT_EQ(s.frames_received, 0u);
    EXPECT_FALSE(emulator_->stream_stats(emulator::kColorStream).streaming);
    // And the checked configuration starts.
    k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                          K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(Why(c), "");
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    k4a_device_stop_cameras(device_);
}

TEST_F(DeviceCheckTest, WebcamDescriptorsDecideTheColourModes)
{
    auto cfg = testing::TestdataPath("uvc/logitech_c310.cfg.bin");
    if (!cfg)
        GTEST_SKIP() << "shared testdata absent: uvc/logitech_c310.cfg.bin";
    EmulatorOptions options;
    options.config_descriptor_file = *cfg;
    openk4a_device_set_generic_uvc(true);
    Open(options);
    EXPECT_NE(Why(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_NFOV_UNBINNED,
                         K4A_FRAMES_PER_SECOND_30))
                  .find("generic UVC camera"),
              std::string::npos);
    // The C310 has no 2160p frame: the reason names the stream and size.
    EXPECT_NE(Why(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_2160P, K4A_DEPTH_MODE_OFF,
                         K4A_FRAMES_PER_SECOND_30))
                  .find("3840x2160"),
              std::string::npos);
}

TEST(DeviceCheck, BadArguments)
{
    char why[64];
    k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    EXPECT_EQ(openk4a_device_check_configuration(nullptr, &c, why, sizeof why), K4A_RESULT_FAILED);
    EXPECT_STREQ(why, "invalid device handle");
    EXPECT_EQ(openk4a_device_check_configuration(nullptr, &c, nullptr, 0), K4A_RESULT_FAILED);
}

} // namespace
} // namespace openk4a
