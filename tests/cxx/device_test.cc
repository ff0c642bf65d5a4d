// openk4a::Device against the emulated k4a device (real libusb through
// umockdev, tools/emulator): opening, statuses that say why, captures whose
// images follow the C++ ownership rules, the IMU, disconnection.
#include "openk4a/cxx/device.h"

#include <k4a/k4a.h>
#include <openk4a/memory.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using std::chrono::milliseconds;
using ::testing::HasSubstr;

static_assert(!std::is_default_constructible_v<Device>, "a Device is never null");
static_assert(!std::is_copy_constructible_v<Device> && !std::is_copy_assignable_v<Device>, "one owner");
static_assert(std::is_nothrow_move_constructible_v<Device> && std::is_nothrow_move_assignable_v<Device>);

k4a_device_configuration_t DepthAndColor()
{
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    return config;
}

class DeviceTest : public ::testing::Test
{
protected:
    void Emulate(const emulator::EmulatorOptions &options = {})
    {
        std::string error;
        emulator_ = emulator::EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulator_, nullptr) << error;
    }
    void TearDown() override
    {
        emulator_.reset();
    }

    std::unique_ptr<emulator::EmulatedDevice> emulator_;
};

TEST_F(DeviceTest, OpenSaysWhatIsMissing)
{
    absl::StatusOr<Device> none = Device::Open(0);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(none.status().message(), "Device::Open: no device at index 0 (0 attached)");

    Emulate();
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    absl::StatusOr<Device> second = Device::Open(1);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(second.status().message(), "Device::Open: no device at index 1 (1 attached)");
}

TEST_F(DeviceTest, SerialNumber)
{
    emulator::EmulatorOptions options;
    options.serial = "000987654321";
    Emulate(options);
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    absl::StatusOr<std::string> serial = device->SerialNumber();
    ASSERT_TRUE(serial.ok()) << serial.status();
    EXPECT_EQ(*serial, "000987654321");
}

TEST_F(DeviceTest, UnsupportedConfigurationsAreRefusedWithTheReason)
{
    Emulate();
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    k4a_device_configuration_t config = DepthAndColor();
    config.color_format = K4A_IMAGE_FORMAT_COLOR_NV12;
    config.color_resolution = K4A_COLOR_RESOLUTION_1080P;
    const absl::Status checked = device->CheckConfiguration(config);
    EXPECT_EQ(checked.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(checked.message()), HasSubstr("NV12 exists only at 720P"));
    const absl::Status started = device->StartCameras(config);
    EXPECT_EQ(started.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(started.message()), HasSubstr("Device::StartCameras: "));
    EXPECT_THAT(std::string(started.message()), HasSubstr("NV12 exists only at 720P"));
    EXPECT_TRUE(device->CheckConfiguration(DepthAndColor()).ok());
    EXPECT_EQ(device->GetCapture(milliseconds(10)).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(DeviceTest, CapturesFollowTheOwnershipRules)
{
    Emulate();
    std::optional<Image> kept;
    {
        absl::StatusOr<Device> device = Device::Open();
        ASSERT_TRUE(device.ok()) << device.status();
        ASSERT_TRUE(device->StartCameras(DepthAndColor()).ok());
        EXPECT_EQ(device->StartCameras(DepthAndColor()).code(), absl::StatusCode::kFailedPrecondition);
        int with_depth = 0;
        for (int i = 0; i < 6; i++)
        {
            absl::StatusOr<Capture> capture = device->GetCapture(milliseconds(2000));
            ASSERT_TRUE(capture.ok()) << capture.status();
            std::optional<Image> depth = capture->depth_image();
            if (!depth)
                continue;
            with_depth++;
            EXPECT_EQ(depth->format(), K4A_IMAGE_FORMAT_DEPTH16);
            absl::StatusOr<PixelView<const uint16_t>> pixels = depth->Pixels<uint16_t>();
            ASSERT_TRUE(pixels.ok()) << pixels.status();
            EXPECT_EQ(pixels->width(), 320);
            EXPECT_EQ(pixels->height(), 288);
            EXPECT_EQ(pixels->row(287).size(), 320u);
            EXPECT_GT(depth->device_timestamp().count(), 0);
            // The capture holds the frame too: no writing until it lets go.
            EXPECT_EQ(depth->MutableBytes().status().code(), absl::StatusCode::kFailedPrecondition);
            if (std::optional<Image> color = capture->color_image())
            {
                EXPECT_EQ(color->format(), K4A_IMAGE_FORMAT_COLOR_MJPG);
                EXPECT_EQ(color->Pixels<Bgra>().status().code(), absl::StatusCode::kInvalidArgument);
                EXPECT_GT(color->bytes().size(), 0u);
            }
            {
                Capture gone = *std::move(capture);
            } // the capture lets go of the frame
            EXPECT_TRUE(depth->IsUnique());
            EXPECT_TRUE(depth->MutableBytes().ok());
            kept = std::move(depth);
        }
        EXPECT_GT(with_depth, 0);
        absl::StatusOr<openk4a_device_stats_t> stats = device->Stats();
        ASSERT_TRUE(stats.ok());
        EXPECT_GE(stats->captures_delivered, 6u);
        device->StopCameras();
        EXPECT_EQ(device->GetCapture(milliseconds(0)).status().code(), absl::StatusCode::kFailedPrecondition);
    } // the device closes here
    ASSERT_TRUE(kept.has_value());
    // Images outlive their device.
    absl::StatusOr<PixelView<const uint16_t>> pixels = kept->Pixels<uint16_t>();
    ASSERT_TRUE(pixels.ok());
    EXPECT_EQ(pixels->row(0).size(), 320u);
}

TEST_F(DeviceTest, ImuSamples)
{
    Emulate();
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    ASSERT_TRUE(device->StartCameras(DepthAndColor()).ok());
    ASSERT_TRUE(device->StartImu().ok());
    EXPECT_EQ(device->StartImu().code(), absl::StatusCode::kFailedPrecondition) << "already running";
    absl::StatusOr<k4a_imu_sample_t> sample = device->GetImuSample(milliseconds(2000));
    ASSERT_TRUE(sample.ok()) << sample.status();
    EXPECT_GT(sample->acc_timestamp_usec, 0u);
    device->StopImu();
    device->StopCameras();
}

TEST_F(DeviceTest, DisconnectionIsUnavailable)
{
    Emulate();
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    ASSERT_TRUE(device->StartCameras(DepthAndColor()).ok());
    emulator_->Unplug();
    absl::Status last;
    for (int i = 0; i < 1000 && last.ok(); i++)
        last = device->GetCapture(milliseconds(2000)).status();
    EXPECT_EQ(last.code(), absl::StatusCode::kUnavailable) << last;
    EXPECT_THAT(std::string(last.message()), HasSubstr("disconnected"));
}

TEST_F(DeviceTest, ReleaseAndAdopt)
{
    Emulate();
    absl::StatusOr<Device> device = Device::Open();
    ASSERT_TRUE(device.ok()) << device.status();
    k4a_device_t raw = std::move(*device).release();
    ASSERT_NE(raw, nullptr);
    absl::StatusOr<Device> adopted = Device::Adopt(raw);
    ASSERT_TRUE(adopted.ok());
    EXPECT_EQ(adopted->get(), raw);
    EXPECT_FALSE(Device::Adopt(nullptr).ok());
}

} // namespace
} // namespace openk4a
