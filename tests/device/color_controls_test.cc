// The colour controls end to end: k4a_device_{get,set}_color_control and
// k4a_device_get_color_control_capabilities through the real libusb against
// the UVC Camera Terminal and Processing Unit of both emulated topologies: the
// k4a composite device and a real Azure Kinect's colour camera (045E:097D,
// tools/emulator/azure_kinect.h).
//
// Expectations come from outside the library: the UVC 1.5 specification
// (bmControls bit numbers, selector units: exposure in 100 us, AE mode values),
// the Azure Kinect SDK's documented ranges and the defaults its functional
// test (tests/ColorTests/FunctionalTest/color_ft.cpp) checks on a real device,
// and its published exposure table (src/color/color_priv.h); what the device
// ends up holding is read from the emulator in UVC units.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <libusb.h>

#include <memory>
#include <string>
#include <vector>

#include "openk4a/device.h"
#include "tests/log_capture.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/azure_kinect.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using emulator::AzureKinectOptions;
using emulator::ControlFault;
using emulator::ControlFaultKind;
using emulator::EmulatedAzureKinect;
using emulator::EmulatedDevice;
using emulator::EmulatorOptions;
using emulator::kColorCameraTerminalId;
using emulator::kColorProcessingUnitId;

// UVC 1.5 A.9.4 / A.9.5 selectors and 4.2.2.1.2 AE mode values, written out
// here from the specification rather than taken from the library's headers.
constexpr uint8_t kCtAeMode = 0x02, kCtExposureAbsolute = 0x04;
constexpr uint8_t kPuBacklight = 0x01, kPuBrightness = 0x02, kPuContrast = 0x03, kPuGain = 0x04, kPuPowerLine = 0x05,
                  kPuSaturation = 0x07, kPuSharpness = 0x08, kPuWhiteBalance = 0x0A, kPuWhiteBalanceAuto = 0x0B;
constexpr int kAeManual = 1, kAeAperturePriority = 8;

// The SDK's exposure table (us) at 50 Hz and 60 Hz.
const std::vector<int32_t> kExposures50 = {500,   1250,  2500,  10000,  20000,  30000, 40000,
                                           50000, 60000, 80000, 100000, 120000, 130000};
const std::vector<int32_t> kExposures60 = {500,   1250,  2500,  8330,   16670,  33330, 41670,
                                           50000, 66670, 83330, 100000, 116670, 133330};

int32_t Snap(const std::vector<int32_t> &table, int32_t usec)
{
    for (int32_t e : table)
    {
        if (usec <= e)
            return e;
    }
    return table.back();
}

struct Caps
{
    bool supports_auto = false;
    int32_t min = -1, max = -1, step = -1, def = -1;
    k4a_color_control_mode_t default_mode = K4A_COLOR_CONTROL_MODE_AUTO;
};

enum class Topology
{
    kComposite,          // the emulated k4a composite device (045E:0A7E)
    kRealAzureKinectUnit // a real unit's colour camera behind its hub
};

class ColorControlsTest : public ::testing::TestWithParam<Topology>
{
protected:
    void SetUp() override
    {
        openk4a_device_set_generic_uvc(false);
        std::string error;
        if (GetParam() == Topology::kComposite)
        {
            composite_ = EmulatedDevice::Create(EmulatorOptions{}, &error);
            ASSERT_NE(composite_, nullptr) << error;
            emulator_ = composite_.get();
        }
        else
        {
            unit_ = EmulatedAzureKinect::Create(AzureKinectOptions{}, &error);
            ASSERT_NE(unit_, nullptr) << error;
            emulator_ = unit_->color();
        }
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        unit_.reset();
        composite_.reset();
    }
    Caps Capabilities(k4a_color_control_command_t command)
    {
        Caps c;
        EXPECT_EQ(k4a_device_get_color_control_capabilities(device_, command, &c.supports_auto, &c.min, &c.max, &c.step,
                                                            &c.def, &c.default_mode),
                  K4A_RESULT_SUCCEEDED)
            << command;
        return c;
    }
    int32_t Get(k4a_color_control_command_t command, k4a_color_control_mode_t *mode = nullptr)
    {
        k4a_color_control_mode_t m = K4A_COLOR_CONTROL_MODE_AUTO;
        int32_t v = -12345;
        EXPECT_EQ(k4a_device_get_color_control(device_, command, &m, &v), K4A_RESULT_SUCCEEDED) << command;
        if (mode != nullptr)
            *mode = m;
        return v;
    }
    k4a_result_t Set(k4a_color_control_command_t command, k4a_color_control_mode_t mode, int32_t value)
    {
        return k4a_device_set_color_control(device_, command, mode, value);
    }
    int32_t OnDevice(uint8_t entity, uint8_t selector)
    {
        int32_t v = -1;
        EXPECT_TRUE(emulator_->ControlValue(entity, selector, &v));
        return v;
    }

    std::unique_ptr<EmulatedDevice> composite_;
    std::unique_ptr<EmulatedAzureKinect> unit_;
    EmulatedDevice *emulator_ = nullptr; // the colour camera of either
    k4a_device_t device_ = nullptr;
};

// The bmControls the device sends, read from its raw configuration
// descriptor: bits per UVC 1.5 3.7.2.3 (CT) and 3.7.2.5 (PU).
TEST_P(ColorControlsTest, DescriptorsDeclareTheControls)
{
    const std::vector<uint8_t> &config = emulator_->descriptors().config;
    uint32_t ct = 0, pu = 0;
    bool found_ct = false, found_pu = false;
    for (size_t i = 0; i + 2 < config.size() && config[i] > 0; i += config[i])
    {
        const uint8_t *d = &config[i];
        if (d[1] != 0x24)
            continue;
        if (d[2] == 0x02 && d[3] == kColorCameraTerminalId && d[0] >= 18)
        { // camera terminal, bControlSize at 14
            ct = d[15] | d[16] << 8 | d[17] << 16;
            found_ct = true;
        }
        if (d[2] == 0x05 && d[3] == kColorProcessingUnitId && d[0] >= 10)
        { // processing unit, bControlSize at 7
            pu = d[8] | (d[7] > 1 ? d[9] << 8 : 0);
            found_pu = true;
        }
    }
    ASSERT_TRUE(found_ct && found_pu);
    EXPECT_EQ(ct, (1u << 1) | (1u << 3)); // D1 AE mode, D3 exposure time (absolute)
    // D0 brightness, D1 contrast, D3 saturation, D4 sharpness, D6 WB temperature,
    // D8 backlight compensation, D9 gain, D10 power line frequency, D12 WB temperature auto.
    EXPECT_EQ(pu, (1u << 0) | (1u << 1) | (1u << 3) | (1u << 4) | (1u << 6) | (1u << 8) | (1u << 9) | (1u << 10) |
                      (1u << 12));
}

// Defaults and modes the SDK's functional test expects of a real device
// (firmware >= 1.6.107 for the gain default of 128).
TEST_P(ColorControlsTest, CapabilitiesMatchTheSdkDocumentedDefaults)
{
    struct Expect
    {
        k4a_color_control_command_t command;
        k4a_color_control_mode_t mode;
        int32_t def;
        bool supports_auto;
    };
    const Expect expects[] = {
        {K4A_COLOR_CONTROL_BRIGHTNESS, K4A_COLOR_CONTROL_MODE_MANUAL, 128, false},
        {K4A_COLOR_CONTROL_CONTRAST, K4A_COLOR_CONTROL_MODE_MANUAL, 5, false},
        {K4A_COLOR_CONTROL_SATURATION, K4A_COLOR_CONTROL_MODE_MANUAL, 32, false},
        {K4A_COLOR_CONTROL_SHARPNESS, K4A_COLOR_CONTROL_MODE_MANUAL, 2, false},
        {K4A_COLOR_CONTROL_WHITEBALANCE, K4A_COLOR_CONTROL_MODE_AUTO, 4500, true},
        {K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION, K4A_COLOR_CONTROL_MODE_MANUAL, 0, false},
        {K4A_COLOR_CONTROL_GAIN, K4A_COLOR_CONTROL_MODE_MANUAL, 128, false},
        {K4A_COLOR_CONTROL_POWERLINE_FREQUENCY, K4A_COLOR_CONTROL_MODE_MANUAL, 2, false},
    };
    for (const Expect &e : expects)
    {
        const Caps c = Capabilities(e.command);
        EXPECT_EQ(c.default_mode, e.mode) << e.command;
        EXPECT_EQ(c.def, e.def) << e.command;
        EXPECT_EQ(c.supports_auto, e.supports_auto) << e.command;
        EXPECT_LE(c.min, c.def) << e.command;
        EXPECT_GE(c.max, c.def) << e.command;
        k4a_color_control_mode_t mode;
        EXPECT_EQ(Get(e.command, &mode), e.def) << e.command; // a fresh device holds its defaults
        EXPECT_EQ(mode, e.mode) << e.command;
    }
    // k4atypes.h: brightness 0..255; backlight compensation 0 off, 1 on; white
    // balance in steps of 10 K.
    const Caps brightness = Capabilities(K4A_COLOR_CONTROL_BRIGHTNESS);
    EXPECT_EQ(brightness.min, 0);
    EXPECT_EQ(brightness.max, 255);
    const Caps backlight = Capabilities(K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION);
    EXPECT_EQ(backlight.min, 0);
    EXPECT_EQ(backlight.max, 1);
    EXPECT_EQ(Capabilities(K4A_COLOR_CONTROL_WHITEBALANCE).step, 10);
    // Exposure: automatic by default; range and default in microseconds on the
    // sensor's 60 Hz exposure list (the power line default is 60 Hz).
    const Caps exposure = Capabilities(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE);
    EXPECT_TRUE(exposure.supports_auto);
    EXPECT_EQ(exposure.default_mode, K4A_COLOR_CONTROL_MODE_AUTO);
    EXPECT_EQ(exposure.step, 100); // one UVC unit (100 us)
    EXPECT_EQ(exposure.min, kExposures60.front());
    EXPECT_EQ(exposure.max, kExposures60.back());
    EXPECT_EQ(exposure.def, Snap(kExposures60, OnDevice(kColorCameraTerminalId, kCtExposureAbsolute) * 100));
    // Deprecated: all zero, manual, accepted and ignored.
    const Caps priority = Capabilities(K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY);
    EXPECT_FALSE(priority.supports_auto);
    EXPECT_EQ(priority.min, 0);
    EXPECT_EQ(priority.max, 0);
    EXPECT_EQ(priority.def, 0);
    EXPECT_EQ(Set(K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY, K4A_COLOR_CONTROL_MODE_MANUAL, 1), K4A_RESULT_SUCCEEDED);
}

// The SDK functional test's exposure walk: 1 below, at and 1 above every
// table entry, at 60 Hz and at 50 Hz; the device holds UVC 100 us units.
TEST_P(ColorControlsTest, ManualExposureSnapsToTheSensorTableAndIsSentIn100usUnits)
{
    for (int frequency : {2, 1})
    {
        ASSERT_EQ(Set(K4A_COLOR_CONTROL_POWERLINE_FREQUENCY, K4A_COLOR_CONTROL_MODE_MANUAL, frequency),
                  K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuPowerLine), frequency);
        const std::vector<int32_t> &table = frequency == 2 ? kExposures60 : kExposures50;
        for (int32_t threshold : table)
        {
            for (int32_t asked : {threshold - 1, threshold, threshold + 1})
            {
                ASSERT_EQ(Set(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE, K4A_COLOR_CONTROL_MODE_MANUAL, asked),
                          K4A_RESULT_SUCCEEDED)
                    << asked;
                k4a_color_control_mode_t mode = K4A_COLOR_CONTROL_MODE_AUTO;
                EXPECT_EQ(Get(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE, &mode), Snap(table, asked)) << asked;
                EXPECT_EQ(mode, K4A_COLOR_CONTROL_MODE_MANUAL);
                EXPECT_EQ(OnDevice(kColorCameraTerminalId, kCtAeMode), kAeManual);
                EXPECT_EQ(OnDevice(kColorCameraTerminalId, kCtExposureAbsolute), Snap(table, asked) / 100) << asked;
            }
        }
    }
    // Automatic: aperture priority (automatic exposure time), as the SDK.
    ASSERT_EQ(Set(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE, K4A_COLOR_CONTROL_MODE_AUTO, 0), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(OnDevice(kColorCameraTerminalId, kCtAeMode), kAeAperturePriority);
    k4a_color_control_mode_t mode = K4A_COLOR_CONTROL_MODE_MANUAL;
    Get(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE, &mode);
    EXPECT_EQ(mode, K4A_COLOR_CONTROL_MODE_AUTO);
}

// The SDK functional test's range walk for the controls without an automatic
// mode: one step outside either end fails, every value inside reads back.
TEST_P(ColorControlsTest, ManualControlsTakeTheirWholeRangeAndRefuseOutside)
{
    struct Control
    {
        k4a_color_control_command_t command;
        uint8_t selector;
    };
    const Control controls[] = {
        {K4A_COLOR_CONTROL_BRIGHTNESS, kPuBrightness},
        {K4A_COLOR_CONTROL_CONTRAST, kPuContrast},
        {K4A_COLOR_CONTROL_SATURATION, kPuSaturation},
        {K4A_COLOR_CONTROL_SHARPNESS, kPuSharpness},
        {K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION, kPuBacklight},
        {K4A_COLOR_CONTROL_GAIN, kPuGain},
    };
    for (const Control &control : controls)
    {
        const Caps c = Capabilities(control.command);
        ASSERT_GT(c.step, 0);
        testing::LogCapture log(K4A_LOG_LEVEL_ERROR);
        // Above the maximum: the device refuses (UVC "out of range"), or, for a
        // maximum at the field's limit, the library before the value could wrap.
        EXPECT_EQ(Set(control.command, K4A_COLOR_CONTROL_MODE_MANUAL, c.max + c.step), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"out of range"}) || log.Contains({"does not fit"})) << control.command;
        EXPECT_EQ(OnDevice(kColorProcessingUnitId, control.selector), c.def);
        EXPECT_EQ(Set(control.command, K4A_COLOR_CONTROL_MODE_MANUAL, c.min - c.step), K4A_RESULT_FAILED);
        log.Clear();
        EXPECT_EQ(Set(control.command, K4A_COLOR_CONTROL_MODE_AUTO, c.def), K4A_RESULT_FAILED); // no automatic mode
        EXPECT_TRUE(log.Contains({"has no automatic mode"})) << control.command;
        for (int32_t v = c.min; v <= c.max; v += c.step)
        {
            ASSERT_EQ(Set(control.command, K4A_COLOR_CONTROL_MODE_MANUAL, v), K4A_RESULT_SUCCEEDED) << v;
            EXPECT_EQ(Get(control.command), v);
            EXPECT_EQ(OnDevice(kColorProcessingUnitId, control.selector), v);
        }
    }
}

TEST_P(ColorControlsTest, WhiteBalanceSwitchesItsAutomaticModeAsTheSdk)
{
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    ASSERT_EQ(Set(K4A_COLOR_CONTROL_WHITEBALANCE, K4A_COLOR_CONTROL_MODE_MANUAL, 5000), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuWhiteBalanceAuto), 0);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuWhiteBalance), 5000);
    k4a_color_control_mode_t mode = K4A_COLOR_CONTROL_MODE_AUTO;
    EXPECT_EQ(Get(K4A_COLOR_CONTROL_WHITEBALANCE, &mode), 5000);
    EXPECT_EQ(mode, K4A_COLOR_CONTROL_MODE_MANUAL);
    // Not on the 10 K grid: the device refuses (UVC "invalid value within range").
    EXPECT_EQ(Set(K4A_COLOR_CONTROL_WHITEBALANCE, K4A_COLOR_CONTROL_MODE_MANUAL, 5005), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"invalid value within range"}));
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuWhiteBalance), 5000);
    // Beyond the 2-byte UVC field: refused before it could wrap.
    EXPECT_EQ(Set(K4A_COLOR_CONTROL_WHITEBALANCE, K4A_COLOR_CONTROL_MODE_MANUAL, 70000), K4A_RESULT_FAILED);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuWhiteBalance), 5000);
    ASSERT_EQ(Set(K4A_COLOR_CONTROL_WHITEBALANCE, K4A_COLOR_CONTROL_MODE_AUTO, 0), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuWhiteBalanceAuto), 1);
    Get(K4A_COLOR_CONTROL_WHITEBALANCE, &mode);
    EXPECT_EQ(mode, K4A_COLOR_CONTROL_MODE_AUTO);
}

TEST_P(ColorControlsTest, PowerLineFrequencyZeroAndBadArgumentsAreRefused)
{
    EXPECT_EQ(Set(K4A_COLOR_CONTROL_POWERLINE_FREQUENCY, K4A_COLOR_CONTROL_MODE_MANUAL, 0), K4A_RESULT_FAILED);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuPowerLine), 2);
    // 15: the largest value the enum's type holds in C++ without being a command
    // (an invalid mode cannot be made in C++ at all: its type holds only 0 and 1).
    EXPECT_EQ(Set(static_cast<k4a_color_control_command_t>(15), K4A_COLOR_CONTROL_MODE_MANUAL, 0), K4A_RESULT_FAILED);
    int32_t v;
    EXPECT_EQ(k4a_device_get_color_control(device_, K4A_COLOR_CONTROL_GAIN, nullptr, &v), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_color_control(nullptr, K4A_COLOR_CONTROL_GAIN, nullptr, &v), K4A_RESULT_FAILED);
    bool a;
    int32_t x;
    k4a_color_control_mode_t m;
    EXPECT_EQ(k4a_device_get_color_control_capabilities(device_, K4A_COLOR_CONTROL_GAIN, &a, &x, &x, nullptr, &x, &m),
              K4A_RESULT_FAILED);
}

TEST_P(ColorControlsTest, StalledAndShortRepliesFailWithAReasonThenWorkAgain)
{
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    emulator_->InjectControlFault({kColorProcessingUnitId, kPuBrightness, ControlFaultKind::kStall, 1});
    k4a_color_control_mode_t mode;
    int32_t v = 0;
    EXPECT_EQ(k4a_device_get_color_control(device_, K4A_COLOR_CONTROL_BRIGHTNESS, &mode, &v), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"GET_CUR brightness"}));
    EXPECT_TRUE(log.Contains({"STALL: invalid request"}));
    EXPECT_EQ(Get(K4A_COLOR_CONTROL_BRIGHTNESS), 128);

    emulator_->InjectControlFault({kColorProcessingUnitId, kPuContrast, ControlFaultKind::kShortReply, 1});
    bool a;
    int32_t min, max, step, def;
    EXPECT_EQ(k4a_device_get_color_control_capabilities(device_, K4A_COLOR_CONTROL_CONTRAST, &a, &min, &max, &step,
                                                        &def, &mode),
              K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"answered 1 bytes instead of 2"}));
    EXPECT_EQ(Capabilities(K4A_COLOR_CONTROL_CONTRAST).def, 5);

    // A stalled SET leaves the old value.
    emulator_->InjectControlFault({kColorProcessingUnitId, kPuGain, ControlFaultKind::kStall, 1});
    EXPECT_EQ(Set(K4A_COLOR_CONTROL_GAIN, K4A_COLOR_CONTROL_MODE_MANUAL, 10), K4A_RESULT_FAILED);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuGain), 128);
    // Exposure fails as a whole when its mode request stalls.
    emulator_->InjectControlFault({kColorCameraTerminalId, kCtAeMode, ControlFaultKind::kStall, 1});
    EXPECT_EQ(Set(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE, K4A_COLOR_CONTROL_MODE_MANUAL, 10000), K4A_RESULT_FAILED);
    EXPECT_EQ(OnDevice(kColorCameraTerminalId, kCtAeMode), kAeAperturePriority);
}

// usbfs passes class requests to the VideoControl interface only to the file
// that claims it: held elsewhere (another program, or a kernel driver such as
// uvcvideo on a real unit), the controls fail saying so; once it is free, they
// claim it and keep it.
TEST_P(ColorControlsTest, ClaimTheVideoControlInterfaceOrSayWhoHoldsIt)
{
    const std::vector<uint8_t> &device = emulator_->descriptors().device;
    const uint16_t vid = device[8] | device[9] << 8, pid = device[10] | device[11] << 8;
    libusb_context *ctx = nullptr;
    ASSERT_EQ(libusb_init(&ctx), 0);
    libusb_device_handle *other = libusb_open_device_with_vid_pid(ctx, vid, pid);
    ASSERT_NE(other, nullptr);
    ASSERT_EQ(libusb_claim_interface(other, 0), 0); // the VideoControl interface of both topologies
    {
        testing::LogCapture log(K4A_LOG_LEVEL_ERROR);
        k4a_color_control_mode_t mode;
        int32_t v = 0;
        EXPECT_EQ(k4a_device_get_color_control(device_, K4A_COLOR_CONTROL_GAIN, &mode, &v), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"VideoControl interface 0", "LIBUSB_ERROR_BUSY", "another program or driver"}));
    }
    ASSERT_EQ(libusb_release_interface(other, 0), 0);
    ASSERT_EQ(Set(K4A_COLOR_CONTROL_GAIN, K4A_COLOR_CONTROL_MODE_MANUAL, 64), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(OnDevice(kColorProcessingUnitId, kPuGain), 64);
    EXPECT_EQ(libusb_claim_interface(other, 0), LIBUSB_ERROR_BUSY); // ours until the device closes
    libusb_close(other);
    libusb_exit(ctx);
}

INSTANTIATE_TEST_SUITE_P(Topologies, ColorControlsTest,
                         ::testing::Values(Topology::kComposite, Topology::kRealAzureKinectUnit),
                         [](const ::testing::TestParamInfo<Topology> &instance)
                         { return instance.param == Topology::kComposite ? "Composite" : "RealAzureKinectUnit"; });

} // namespace
} // namespace openk4a
