// openk4a::Device's calibration, version, sync jack and colour control
// methods against the emulated k4a device: values from the real data and the
// SDK's documented ranges, and statuses whose code says what went wrong.
#include <k4a/k4a.h>

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "openk4a/cxx/device.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using ::testing::HasSubstr;

class DeviceInfoTest : public ::testing::Test
{
protected:
    void Emulate(const std::string &testdata_dir)
    {
        emulator::EmulatorOptions options;
        options.testdata_dir = testdata_dir;
        std::string error;
        emulator_ = emulator::EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulator_, nullptr) << error;
    }
    std::unique_ptr<emulator::EmulatedDevice> emulator_;
};

TEST_F(DeviceInfoTest, RawCalibrationIsTheRealDocument)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(json, "recordings/azure_kinect_pyk4a_calibration.json");
    auto readme = testing::TestdataPath("README.md");
    Emulate(readme->substr(0, readme->size() - strlen("/README.md")));
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    absl::StatusOr<std::string> raw = device->RawCalibration();
    ASSERT_TRUE(raw.ok()) << raw.status();
    EXPECT_EQ(*raw, std::string(json.begin(), json.end()));
}

TEST_F(DeviceInfoTest, NoCalibrationIsUnavailable)
{
    Emulate(""); // no testdata: the device has no calibration
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    EXPECT_EQ(device->RawCalibration().status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(DeviceInfoTest, VersionAndSyncJacks)
{
    Emulate("");
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    absl::StatusOr<k4a_hardware_version_t> version = device->Version();
    ASSERT_TRUE(version.ok()) << version.status();
    // The recording's device: colour firmware 1.6.110 (its K4A_COLOR_FIRMWARE_VERSION tag).
    EXPECT_EQ(version->rgb.major, 1u);
    EXPECT_EQ(version->rgb.minor, 6u);
    EXPECT_EQ(version->rgb.iteration, 110u);
    absl::StatusOr<SyncJacks> jacks = device->SyncJackState();
    ASSERT_TRUE(jacks.ok()) << jacks.status();
    EXPECT_FALSE(jacks->in);
    EXPECT_FALSE(jacks->out);
}

TEST_F(DeviceInfoTest, ColorControlsWithStatusesThatSayWhy)
{
    Emulate("");
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    // k4atypes.h: brightness 0..255, default 128, manual only.
    absl::StatusOr<ColorControlCapabilities> caps = device->GetColorControlCapabilities(K4A_COLOR_CONTROL_BRIGHTNESS);
    ASSERT_TRUE(caps.ok()) << caps.status();
    EXPECT_EQ(caps->min, 0);
    EXPECT_EQ(caps->max, 255);
    EXPECT_EQ(caps->default_value, 128);
    EXPECT_FALSE(caps->supports_auto);
    ASSERT_TRUE(device->SetColorControl(K4A_COLOR_CONTROL_BRIGHTNESS, K4A_COLOR_CONTROL_MODE_MANUAL, 200).ok());
    absl::StatusOr<ColorControl> now = device->GetColorControl(K4A_COLOR_CONTROL_BRIGHTNESS);
    ASSERT_TRUE(now.ok()) << now.status();
    EXPECT_EQ(now->value, 200);
    EXPECT_EQ(now->mode, K4A_COLOR_CONTROL_MODE_MANUAL);

    absl::Status outside = device->SetColorControl(K4A_COLOR_CONTROL_BRIGHTNESS, K4A_COLOR_CONTROL_MODE_MANUAL, 300);
    EXPECT_EQ(outside.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(outside.message()), HasSubstr("outside 0..255"));
    absl::Status no_auto = device->SetColorControl(K4A_COLOR_CONTROL_GAIN, K4A_COLOR_CONTROL_MODE_AUTO, 0);
    EXPECT_EQ(no_auto.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(no_auto.message()), HasSubstr("no automatic mode"));
    EXPECT_EQ(device->GetColorControl(static_cast<k4a_color_control_command_t>(15)).status().code(),
              absl::StatusCode::kInvalidArgument);

    emulator_->InjectControlFault(
        {emulator::kColorProcessingUnitId, 0x02 /* PU_BRIGHTNESS_CONTROL */, emulator::ControlFaultKind::kStall, 1});
    EXPECT_EQ(device->GetColorControl(K4A_COLOR_CONTROL_BRIGHTNESS).status().code(), absl::StatusCode::kUnavailable);
    // Automatic exposure, as the SDK: supported, and the mode reads back.
    ASSERT_TRUE(device->SetColorControl(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE, K4A_COLOR_CONTROL_MODE_AUTO, 0).ok());
    absl::StatusOr<ColorControl> exposure = device->GetColorControl(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE);
    ASSERT_TRUE(exposure.ok()) << exposure.status();
    EXPECT_EQ(exposure->mode, K4A_COLOR_CONTROL_MODE_AUTO);
}

} // namespace
} // namespace openk4a
