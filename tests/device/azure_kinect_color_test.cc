// A real Azure Kinect's colour camera through the real libusb
// (tools/emulator/azure_kinect.h): its colour MCU's IMU stream and sync
// jacks, the colour modes over UVC with depth off, and the MCU's faults.
// Expected IMU values come from the emulator's own packet generator
// (MakeAzureKinectImuPacket), converted here by the Azure Kinect Sensor SDK's
// published formulas (src/imu/imu.c) and corrected by its IMU calibration
// formula restated in tests/testing/sdk_imu_reference.h, from the numbers the
// test gives the emulated unit's calibration, never from the driver's output.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <libusb.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "openk4a/device.h"
#include "openk4a/usb/k4a_color_mcu_wire.h"
#include "openk4a/usb/k4a_mcu_wire.h"
#include "tests/device/mcu_fault_cases.h"
#include "tests/log_capture.h"
#include "tests/testing/sdk_imu_reference.h"
#include "tools/emulator/azure_kinect.h"

namespace openk4a
{
namespace
{

using emulator::AzureKinectColorMcu;
using emulator::AzureKinectPart;
using emulator::EmulatedAzureKinect;
using emulator::McuFault;
using testing::SdkImuCalibrationJson;
using testing::SdkImuReference;
using testing::SdkImuTestSensor;

// The SDK's conversions (src/imu/imu.c), spelled out independently here.
float SdkCelsius(int16_t value)
{
    return (float)value / 256 + 15;
}
float SdkRadiansPerSecond(int16_t raw, uint16_t sensitivity)
{
    return (float)raw * sensitivity * (3.141592f / 180.0f) / 1000000;
}
float SdkMetersPerSecondSquared(int16_t raw, uint16_t sensitivity)
{
    return (float)raw * sensitivity * 9.81f / 1000000;
}
uint64_t SdkUsec(uint64_t ticks)
{
    return ticks * 100 / 9; // K4A_90K_HZ_TICK_TO_USEC
}

class AzureKinectColorTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        CreateUnit(WriteCalibration(calibration_json_));
    }
    // The emulated unit, serving the calibration in `calibration_file` (none: empty).
    void CreateUnit(const std::string &calibration_file)
    {
        unit_.reset();
        std::string error;
        emulator::AzureKinectOptions options;
        options.serial = "000444555666";
        options.calibration_file = calibration_file;
        unit_ = EmulatedAzureKinect::Create(options, &error);
        ASSERT_NE(unit_, nullptr) << error;
        mcu_ = unit_->color_mcu();
    }
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        if (!calibration_path_.empty())
            remove(calibration_path_.c_str());
    }
    // The unit's calibration document, as a file the emulator serves.
    std::string WriteCalibration(const std::string &json)
    {
        const char *dir = getenv("TEST_TMPDIR");
        calibration_path_ = std::string(dir != nullptr ? dir : "/tmp") + "/azure_kinect_color_test_calibration.json";
        FILE *f = fopen(calibration_path_.c_str(), "wb");
        EXPECT_NE(f, nullptr) << calibration_path_;
        if (f != nullptr)
        {
            fwrite(json.data(), 1, json.size(), f);
            fclose(f);
        }
        return calibration_path_;
    }
    // Checks `s` against the emulator's packet of its timestamp, converted and
    // corrected as the SDK does (every sample read must come here, in order:
    // the correction depends on the temperatures read before); returns its
    // sample number.
    uint64_t ExpectSampleAsSent(const k4a_imu_sample_t &s);
    void Open()
    {
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    // Colour only, as the SDK needs a camera running before the IMU.
    void StartColour()
    {
        k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
        config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
        config.color_resolution = K4A_COLOR_RESOLUTION_720P;
        config.camera_fps = K4A_FRAMES_PER_SECOND_30;
        ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    }
    openk4a_device_stats_t Stats()
    {
        openk4a_device_stats_t stats{};
        EXPECT_EQ(openk4a_device_get_stats(device_, &stats), K4A_RESULT_SUCCEEDED);
        return stats;
    }
    // Every coefficient of both sensors matters (temperature terms, off-diagonal
    // mixing, second-order scaling): a correction left out is seen.
    const testing::SdkImuSensor gyro_model_ = SdkImuTestSensor(0.5), accel_model_ = SdkImuTestSensor(-1.0);
    const std::string calibration_json_ = SdkImuCalibrationJson(gyro_model_, accel_model_);
    std::string calibration_path_;
    SdkImuReference reference_{gyro_model_, accel_model_};
    std::unique_ptr<EmulatedAzureKinect> unit_;
    AzureKinectColorMcu *mcu_ = nullptr;
    k4a_device_t device_ = nullptr;
};

uint64_t AzureKinectColorTest::ExpectSampleAsSent(const k4a_imu_sample_t &s)
{
    constexpr uint64_t kSampleUsec = 600; // 54 ticks of 90 kHz
    EXPECT_EQ(s.acc_timestamp_usec % kSampleUsec, 0u) << s.acc_timestamp_usec;
    const uint64_t i = s.acc_timestamp_usec / kSampleUsec;
    const emulator::AzureKinectImuPacket p =
        emulator::MakeAzureKinectImuPacket(i / emulator::kAzureKinectImuSamplesPerPacket);
    const size_t k = i % emulator::kAzureKinectImuSamplesPerPacket;
    const openk4a_imu_raw_sample_t &g = p.gyro_samples[k];
    const openk4a_imu_raw_sample_t &a = p.accel_samples[k];
    EXPECT_EQ(s.acc_timestamp_usec, SdkUsec(a.pts));
    EXPECT_EQ(s.gyro_timestamp_usec, SdkUsec(g.pts));
    const float celsius = SdkCelsius(p.temperature.value);
    EXPECT_FLOAT_EQ(s.temperature, celsius);
    std::array<double, 3> gyro = {SdkRadiansPerSecond(g.x, p.gyro.sensitivity),
                                  SdkRadiansPerSecond(g.y, p.gyro.sensitivity),
                                  SdkRadiansPerSecond(g.z, p.gyro.sensitivity)};
    std::array<double, 3> accel = {SdkMetersPerSecondSquared(a.x, p.accel.sensitivity),
                                   SdkMetersPerSecondSquared(a.y, p.accel.sensitivity),
                                   SdkMetersPerSecondSquared(a.z, p.accel.sensitivity)};
    reference_.Correct(celsius, &gyro, &accel);
    for (int axis = 0; axis < 3; axis++)
    {
        EXPECT_NEAR(s.gyro_sample.v[axis], gyro[axis], 2e-6 * (1 + std::fabs(gyro[axis])))
            << "gyro " << axis << " sample " << i;
        EXPECT_NEAR(s.acc_sample.v[axis], accel[axis], 2e-6 * (1 + std::fabs(accel[axis])))
            << "acc " << axis << " sample " << i;
    }
    return i;
}

TEST_F(AzureKinectColorTest, ImuSamplesAreTheColourMcusPacketsConvertedAsTheSdkDoes)
{
    Open();
    ASSERT_TRUE(openk4a_device_has_imu(device_));
    StartColour();
    const uint64_t commands = mcu_->commands();
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(mcu_->commands(), commands + 1) << "IMU_STREAM_START";
    EXPECT_TRUE(mcu_->imu_stats().streaming);
    uint64_t last = 0;
    for (int n = 0; n < 80; n++)
    {
        k4a_imu_sample_t s{};
        ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED) << n;
        const uint64_t i = ExpectSampleAsSent(s);
        if (n > 0)
        {
            EXPECT_GT(i, last) << "timestamps grow";
        }
        last = i;
    }
    k4a_device_stop_imu(device_);
    EXPECT_FALSE(mcu_->imu_stats().streaming) << "IMU_STREAM_STOP";

    // Started again, the samples go on from where the device clock is.
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t s{};
    ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED);
    EXPECT_GT(ExpectSampleAsSent(s), last);
    k4a_device_stop_imu(device_);
    k4a_device_stop_cameras(device_);
}

// As the SDK, which does not open a unit without its IMU calibration, the IMU
// does not start without a usable one (saying why); colour still streams.
TEST_F(AzureKinectColorTest, ImuNeedsTheUnitsImuCalibration)
{
    std::string broken = calibration_json_;
    broken.replace(broken.find("\"ModelTypeMask\":16"), 18, "\"ModelTypeMask\":0");
    const struct
    {
        std::string file;
        const char *says;
    } cases[] = {
        {WriteCalibration(broken), "IMU calibration is unusable: CALIBRATION_InertialSensorType_Gyro ModelTypeMask"},
        {"", "the device's calibration could not be read"},
    };
    for (const auto &c : cases)
    {
        SCOPED_TRACE(c.says);
        CreateUnit(c.file);
        Open();
        StartColour();
        testing::LogCapture log;
        EXPECT_EQ(k4a_device_start_imu(device_), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"k4a_device_start_imu", c.says}));
        EXPECT_FALSE(mcu_->imu_stats().streaming);
        k4a_capture_t capture = nullptr;
        EXPECT_EQ(k4a_device_get_capture(device_, &capture, 10000), K4A_WAIT_RESULT_SUCCEEDED);
        if (capture != nullptr)
            k4a_capture_release(capture);
        k4a_device_stop_cameras(device_);
        k4a_device_close(device_);
        device_ = nullptr;
    }
}

// A unit's device clock resets when its colour camera starts, a moment late
// (the emulator sends kAzureKinectImuStalePackets packets of the old clock,
// an hour on): as the SDK, an IMU started right after the colour camera skips
// them, so the first sample is on the new clock and none goes back.
TEST_F(AzureKinectColorTest, ImuSkipsSamplesStampedBeforeTheColourStartResetTheClock)
{
    Open();
    StartColour();
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t s{};
    ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED);
    EXPECT_LE(s.acc_timestamp_usec, 1500000u) << "the SDK's MAX_IMU_TIME_STAMP_MS";
    uint64_t last = ExpectSampleAsSent(s);
    const emulator::AzureKinectImuStats sent = mcu_->imu_stats();
    EXPECT_EQ(sent.clock_resets, 1u);
    EXPECT_EQ(sent.packets_before_reset, static_cast<uint64_t>(emulator::kAzureKinectImuStalePackets));
    for (int n = 0; n < 32; n++)
    {
        ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED);
        const uint64_t i = ExpectSampleAsSent(s);
        EXPECT_GT(i, last);
        last = i;
    }
}

// start_cameras gives the colour MCU the sync settings first, encoded as the
// SDK's colormcu_set_multi_device_mode does (delays in 90 kHz ticks: its
// K4A_USEC_TO_90K_HZ_TICK, usec * 9 / 100; the LED on unless disabled).
TEST_F(AzureKinectColorTest, StartCamerasGivesTheColourMcuTheSyncSettings)
{
    Open();
    openk4a_k4a_color_mcu_sync_config_t got{};
    EXPECT_FALSE(mcu_->sync_config(&got)) << "nothing before a start";
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    config.disable_streaming_indicator = true;
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(mcu_->sync_config(&got));
    EXPECT_EQ(got.mode, 0u) << "EXTERNAL_SYNC_MODE_STANDALONE";
    EXPECT_EQ(got.subordinate_delay_off_master_pts, 0u);
    EXPECT_EQ(got.depth_delay_off_color_pts, 0);
    EXPECT_EQ(got.enable_privacy_led, 0u);
    k4a_device_stop_cameras(device_);

    // A subordinate (its cable in sync in) lagging its master by 1111 us.
    mcu_->SetSyncJacks(true, false);
    config.wired_sync_mode = K4A_WIRED_SYNC_MODE_SUBORDINATE;
    config.subordinate_delay_off_master_usec = 1111;
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(mcu_->sync_config(&got));
    EXPECT_EQ(got.mode, 2u) << "EXTERNAL_SYNC_MODE_SUBORDINATE";
    EXPECT_EQ(got.subordinate_delay_off_master_pts, 1111u * 9 / 100);
    k4a_device_stop_cameras(device_);

    config.wired_sync_mode = K4A_WIRED_SYNC_MODE_STANDALONE;
    config.subordinate_delay_off_master_usec = 0;
    config.disable_streaming_indicator = false;
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(mcu_->sync_config(&got));
    EXPECT_EQ(got.depth_delay_off_color_pts, 0);
    EXPECT_EQ(got.enable_privacy_led, 1u);
    k4a_device_stop_cameras(device_);

    mcu_->InjectFault(OPENK4A_K4A_MCU_COLOR_CMD_SET_SYS_CFG, McuFault::kErrorStatus);
    {
        testing::LogCapture log;
        EXPECT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"colour MCU does not take the sync settings", "failed on the device"}));
    }
    EXPECT_FALSE(unit_->color()->stream_stats(emulator::kColorStream).streaming) << "nothing started";
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    k4a_device_stop_cameras(device_);
}

// The SDK's wired sync rule: a master needs a cable in its sync out jack, a
// subordinate one in its sync in jack; without it the start fails, says so,
// and the MCU is told nothing. With it, the role reaches the MCU and frames
// come (the emulated unit plays its own master's trigger).
TEST_F(AzureKinectColorTest, WiredSyncRolesNeedTheirCable)
{
    Open();
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    struct Role
    {
        k4a_wired_sync_mode_t mode;
        bool in, out; // the jack the role needs
        const char *says;
    };
    for (const Role &role :
         {Role{K4A_WIRED_SYNC_MODE_MASTER, false, true, "MASTER needs a cable in the sync out jack"},
          Role{K4A_WIRED_SYNC_MODE_SUBORDINATE, true, false, "SUBORDINATE needs a cable in the sync in jack"}})
    {
        SCOPED_TRACE(role.says);
        config.wired_sync_mode = role.mode;
        mcu_->SetSyncJacks(role.out, role.in); // the cable in the other jack
        {
            testing::LogCapture log;
            EXPECT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_FAILED);
            EXPECT_TRUE(log.Contains({role.says}));
        }
        openk4a_k4a_color_mcu_sync_config_t got{};
        const bool told = mcu_->sync_config(&got); // the previous role's, if any
        EXPECT_TRUE(!told || got.mode != static_cast<uint32_t>(role.mode))
            << "the MCU was told a role without its cable";
        EXPECT_FALSE(unit_->color()->stream_stats(emulator::kColorStream).streaming) << "nothing started";
        mcu_->SetSyncJacks(role.in, role.out);
        ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
        ASSERT_TRUE(mcu_->sync_config(&got));
        EXPECT_EQ(got.mode, static_cast<uint32_t>(role.mode)) << "SDK: EXTERNAL_SYNC_MODE_MASTER 1, SUBORDINATE 2";
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(device_, &capture, 10000), K4A_WAIT_RESULT_SUCCEEDED);
        k4a_capture_release(capture);
        k4a_device_stop_cameras(device_);
    }
}

TEST_F(AzureKinectColorTest, ImuNeedsARunningCamera)
{
    Open();
    testing::LogCapture log;
    EXPECT_EQ(k4a_device_start_imu(device_), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"start them with k4a_device_start_cameras"}));
    EXPECT_FALSE(mcu_->imu_stats().streaming);
}

TEST_F(AzureKinectColorTest, SyncJacksComeFromTheColourMcu)
{
    Open();
    for (int state = 0; state < 4; state++)
    {
        const bool want_in = (state & 1) != 0, want_out = (state & 2) != 0;
        mcu_->SetSyncJacks(want_in, want_out);
        bool in = !want_in, out = !want_out;
        ASSERT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_SUCCEEDED) << state;
        EXPECT_EQ(in, want_in) << state;
        EXPECT_EQ(out, want_out) << state;
    }
}

// Each way of misanswering fails with a message that names it, and the next
// command works again.
TEST_F(AzureKinectColorTest, LyingColourMcuFailsClearlyAndRecovers)
{
    Open();
    mcu_->SetSyncJacks(true, false);
    for (const testing::McuFaultCase &c : testing::kMcuFaultCases)
    {
        SCOPED_TRACE(c.says);
        mcu_->InjectFault(OPENK4A_K4A_MCU_COLOR_CMD_GET_JACK_STATE, c.fault);
        testing::LogCapture log;
        bool in = false, out = true;
        EXPECT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_FAILED) << c.says;
        EXPECT_TRUE(log.Contains({"sync jack", c.says})) << c.says;
        ASSERT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_SUCCEEDED) << "after: " << c.says;
        EXPECT_TRUE(in);
        EXPECT_FALSE(out);
    }

    StartColour();
    for (McuFault fault : {McuFault::kErrorStatus, McuFault::kNoReply})
    {
        mcu_->InjectFault(OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_START, fault);
        testing::LogCapture log;
        EXPECT_EQ(k4a_device_start_imu(device_), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"colour MCU does not start the IMU"}));
        k4a_imu_sample_t s{};
        EXPECT_EQ(k4a_device_get_imu_sample(device_, &s, 0), K4A_WAIT_RESULT_FAILED) << "not running";
    }
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t s{};
    ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED);
    ExpectSampleAsSent(s);
}

// Packets that claim more samples than they carry are counted and skipped;
// the good ones after them arrive.
TEST_F(AzureKinectColorTest, LyingImuPacketsAreCountedAndTheStreamGoesOn)
{
    Open();
    StartColour();
    mcu_->InjectLyingImuPackets(3);
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    for (int n = 0; n < 16; n++)
    {
        k4a_imu_sample_t s{};
        ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED);
        ExpectSampleAsSent(s);
    }
    EXPECT_EQ(Stats().imu_packets_bad, 3u);
}

TEST_F(AzureKinectColorTest, ColourCameraUnpluggedEndsTheImuWithoutACrash)
{
    Open();
    StartColour();
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t s{};
    ASSERT_EQ(k4a_device_get_imu_sample(device_, &s, 10000), K4A_WAIT_RESULT_SUCCEEDED);
    unit_->Unplug(AzureKinectPart::kColor);
    k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
    for (int n = 0; n < 4096 && r == K4A_WAIT_RESULT_SUCCEEDED; n++)
        r = k4a_device_get_imu_sample(device_, &s, 10000); // what was queued, then the end
    EXPECT_EQ(r, K4A_WAIT_RESULT_FAILED);
    bool in = false, out = false;
    EXPECT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_FAILED);
}

// Another program holding the colour MCU's interface (as the SDK does while
// it has the unit open) makes the unit busy at open.
TEST_F(AzureKinectColorTest, ColourMcuInterfaceAnotherProgramHoldsMakesTheUnitBusy)
{
    libusb_context *ctx = nullptr;
    ASSERT_EQ(libusb_init(&ctx), 0);
    libusb_device_handle *other = libusb_open_device_with_vid_pid(ctx, 0x045E, 0x097D);
    ASSERT_NE(other, nullptr);
    ASSERT_EQ(libusb_claim_interface(other, 2), 0);
    {
        testing::LogCapture log;
        k4a_device_t device = nullptr;
        EXPECT_EQ(k4a_device_open(0, &device), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"colour camera (045E:097D)", "MCU interface 2", "busy"}));
    }
    libusb_release_interface(other, 2);
    libusb_close(other);
    libusb_exit(ctx);
    Open();
}

// Colour with depth off in the k4a modes of a real unit's colour camera: the
// image k4a promises (k4atypes.h sizes) arrives over UVC, no depth with it.
TEST_F(AzureKinectColorTest, ColourOnlyModesStreamWithDepthOff)
{
    Open();
    const struct
    {
        k4a_image_format_t format;
        k4a_color_resolution_t resolution;
        k4a_fps_t fps;
        int width, height;
    } modes[] = {
        {K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_1080P, K4A_FRAMES_PER_SECOND_30, 1920, 1080},
        {K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_1536P, K4A_FRAMES_PER_SECOND_15, 2048, 1536},
        {K4A_IMAGE_FORMAT_COLOR_YUY2, K4A_COLOR_RESOLUTION_720P, K4A_FRAMES_PER_SECOND_30, 1280, 720},
        {K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_720P, K4A_FRAMES_PER_SECOND_15, 1280, 720},
        {K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P, K4A_FRAMES_PER_SECOND_5, 1280, 720},
    };
    for (const auto &m : modes)
    {
        k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
        config.color_format = m.format;
        config.color_resolution = m.resolution;
        config.depth_mode = K4A_DEPTH_MODE_OFF;
        config.camera_fps = m.fps;
        ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED) << m.width << "x" << m.height;
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(device_, &capture, 20000), K4A_WAIT_RESULT_SUCCEEDED);
        k4a_image_t color = k4a_capture_get_color_image(capture);
        ASSERT_NE(color, nullptr);
        EXPECT_EQ(k4a_image_get_format(color), m.format);
        EXPECT_EQ(k4a_image_get_width_pixels(color), m.width);
        EXPECT_EQ(k4a_image_get_height_pixels(color), m.height);
        EXPECT_GT(k4a_image_get_size(color), 0u);
        EXPECT_EQ(k4a_capture_get_depth_image(capture), nullptr);
        EXPECT_EQ(k4a_capture_get_ir_image(capture), nullptr);
        k4a_image_release(color);
        k4a_capture_release(capture);
        k4a_device_stop_cameras(device_);
    }
}

} // namespace
} // namespace openk4a
