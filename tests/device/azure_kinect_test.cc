// A real Azure Kinect's USB topology (tools/emulator/azure_kinect.h: hub,
// depth camera 045E:097C, colour camera 045E:097D, microphone array 045E:097E)
// found, paired and opened through the real libusb. Expected values come from
// the emulated units' own options (serial numbers, which unit streams) and
// from libusb's view of the bus, never from the driver's output.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <libusb.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "openk4a/device.h"
#include "openk4a/usb/k4a_mcu_wire.h"
#include "tests/device/mcu_fault_cases.h"
#include "tests/log_capture.h"
#include "tests/testing/runfiles.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/azure_kinect.h"

namespace openk4a
{
namespace
{

using emulator::AzureKinectOptions;
using emulator::AzureKinectPart;
using emulator::EmulatedAzureKinect;
using emulator::McuFault;

std::unique_ptr<EmulatedAzureKinect> MakeUnit(const std::string &serial)
{
    AzureKinectOptions options;
    options.serial = serial;
    options.calibration_file = testing::TestdataPath("recordings/azure_kinect_pyk4a_calibration.json").value_or("");
    std::string error;
    auto unit = EmulatedAzureKinect::Create(options, &error);
    EXPECT_NE(unit, nullptr) << error;
    return unit;
}

std::string Serial(k4a_device_t device)
{
    char serial[64] = "";
    size_t size = sizeof serial;
    EXPECT_EQ(k4a_device_get_serialnum(device, serial, &size), K4A_BUFFER_RESULT_SUCCEEDED);
    return serial;
}

struct UsbDevice
{
    uint16_t product_id;
    std::vector<uint8_t> ports;
};

// What libusb itself sees of Microsoft's devices on the bus.
std::vector<UsbDevice> MicrosoftDevices()
{
    std::vector<UsbDevice> found;
    libusb_context *ctx = nullptr;
    if (libusb_init(&ctx) != 0)
        return found;
    libusb_device **list = nullptr;
    const ssize_t n = libusb_get_device_list(ctx, &list);
    for (ssize_t i = 0; i < n; i++)
    {
        libusb_device_descriptor dd;
        if (libusb_get_device_descriptor(list[i], &dd) != 0 || dd.idVendor != 0x045E)
            continue;
        uint8_t ports[8];
        const int count = libusb_get_port_numbers(list[i], ports, sizeof ports);
        found.push_back({dd.idProduct, std::vector<uint8_t>(ports, ports + (count > 0 ? count : 0))});
    }
    if (list != nullptr)
        libusb_free_device_list(list, 1);
    libusb_exit(ctx);
    return found;
}

// One emulated unit, opened as device 0 by Open().
class AzureKinectTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        unsetenv("OPENK4A_DEPTH_ENGINE");
    }
    void Open()
    {
        unit_ = MakeUnit("000111222333");
        ASSERT_NE(unit_, nullptr);
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    std::unique_ptr<EmulatedAzureKinect> unit_;
    k4a_device_t device_ = nullptr;
};

TEST_F(AzureKinectTest, EmulatedUnitShowsItsHubWithThreeDevicesBehindIt)
{
    auto unit = MakeUnit("000111222333");
    ASSERT_NE(unit, nullptr);
    const std::vector<UsbDevice> devices = MicrosoftDevices();
    ASSERT_EQ(devices.size(), 4u);
    std::vector<uint8_t> hub_path;
    for (const UsbDevice &d : devices)
    {
        if (d.product_id == 0x097A)
            hub_path = d.ports;
    }
    ASSERT_EQ(hub_path.size(), 1u) << "the unit's hub sits on a root port";
    std::vector<uint16_t> behind;
    for (const UsbDevice &d : devices)
    {
        if (d.product_id == 0x097A)
            continue;
        behind.push_back(d.product_id);
        ASSERT_EQ(d.ports.size(), 2u);
        EXPECT_EQ(d.ports[0], hub_path[0]) << "behind the unit's hub";
    }
    std::sort(behind.begin(), behind.end());
    EXPECT_EQ(behind, (std::vector<uint16_t>{0x097C, 0x097D, 0x097E}));
}

TEST_F(AzureKinectTest, OneUnitIsOneDeviceWithTheDepthCamerasSerial)
{
    auto unit = MakeUnit("000111222333");
    ASSERT_NE(unit, nullptr);
    EXPECT_EQ(k4a_device_get_installed_count(), 1u);
    k4a_device_t device = nullptr;
    ASSERT_EQ(k4a_device_open(0, &device), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(Serial(device), "000111222333");
    k4a_device_close(device);
}

// Two units whose cameras enumerate interleaved: unit A's colour camera is
// re-plugged, so it comes after unit B's on the bus. Pairing by order would
// give A's depth camera B's colour camera; pairing by hub must not.
TEST_F(AzureKinectTest, CamerasPairByTheirHubNotByEnumerationOrder)
{
    auto a = MakeUnit("00000000000A");
    auto b = MakeUnit("00000000000B");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    a->Unplug(AzureKinectPart::kColor);
    std::string error;
    ASSERT_TRUE(a->Plug(AzureKinectPart::kColor, &error)) << error;
    // The bus addresses now cross: A's depth camera before B's, A's colour
    // camera after B's.
    ASSERT_LT(a->depth()->device_number(), b->depth()->device_number());
    ASSERT_GT(a->color()->transport()->device_number(), b->color()->transport()->device_number());
    ASSERT_EQ(k4a_device_get_installed_count(), 2u);

    for (uint32_t index = 0; index < 2; index++)
    {
        k4a_device_t device = nullptr;
        ASSERT_EQ(k4a_device_open(index, &device), K4A_RESULT_SUCCEEDED);
        const std::string serial = Serial(device);
        EmulatedAzureKinect *mine = serial == a->serial() ? a.get() : b.get();
        EmulatedAzureKinect *other = mine == a.get() ? b.get() : a.get();
        ASSERT_EQ(serial, mine->serial());
        // The colour camera that streams is the one behind the same hub as the
        // depth camera that named the device.
        k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
        config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
        config.color_resolution = K4A_COLOR_RESOLUTION_720P;
        config.camera_fps = K4A_FRAMES_PER_SECOND_30;
        ASSERT_EQ(k4a_device_start_cameras(device, &config), K4A_RESULT_SUCCEEDED);
        EXPECT_TRUE(mine->color()->WaitForFrames(emulator::kColorStream, 1, 10000));
        EXPECT_TRUE(mine->color()->stream_stats(emulator::kColorStream).streaming);
        EXPECT_FALSE(other->color()->stream_stats(emulator::kColorStream).streaming);
        k4a_device_stop_cameras(device);
        k4a_device_close(device);
    }
}

TEST_F(AzureKinectTest, ColourStreamsAndDepthNamesTheMissingEngine)
{
    Open();
    k4a_device_t device = device_;

    testing::LogCapture log;
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    EXPECT_EQ(k4a_device_start_cameras(device, &config), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"libdepthengine.so.2.0", "libk4a1.4"}));

    config.depth_mode = K4A_DEPTH_MODE_OFF;
    ASSERT_EQ(k4a_device_start_cameras(device, &config), K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_device_get_capture(device, &capture, 10000), K4A_WAIT_RESULT_SUCCEEDED);
    k4a_image_t color = k4a_capture_get_color_image(capture);
    ASSERT_NE(color, nullptr);
    // K4A_COLOR_RESOLUTION_720P is 1280x720 (k4atypes.h).
    EXPECT_EQ(k4a_image_get_width_pixels(color), 1280);
    EXPECT_EQ(k4a_image_get_height_pixels(color), 720);
    EXPECT_EQ(k4a_image_get_format(color), K4A_IMAGE_FORMAT_COLOR_MJPG);
    EXPECT_EQ(k4a_capture_get_depth_image(capture), nullptr);
    k4a_image_release(color);
    k4a_capture_release(capture);
    k4a_device_stop_cameras(device);
}

TEST_F(AzureKinectTest, HalfAttachedUnitIsCountedAndOpenSaysWhichHalfIsMissing)
{
    auto unit = MakeUnit("000111222333");
    ASSERT_NE(unit, nullptr);
    for (AzureKinectPart missing : {AzureKinectPart::kColor, AzureKinectPart::kDepth})
    {
        unit->Unplug(missing);
        EXPECT_EQ(k4a_device_get_installed_count(), 1u);
        testing::LogCapture log;
        k4a_device_t device = nullptr;
        EXPECT_EQ(k4a_device_open(0, &device), K4A_RESULT_FAILED);
        EXPECT_EQ(device, nullptr);
        const std::string absent =
            missing == AzureKinectPart::kColor ? "colour camera (045E:097D) is not" : "depth camera (045E:097C) is not";
        EXPECT_TRUE(log.Contains({"half-attached", absent})) << absent;
        std::string error;
        ASSERT_TRUE(unit->Plug(missing, &error)) << error;
    }
    k4a_device_t device = nullptr;
    ASSERT_EQ(k4a_device_open(0, &device), K4A_RESULT_SUCCEEDED);
    k4a_device_close(device);
}

// Another program holding the depth camera's command interface (as the
// Azure Kinect SDK does while a device is open) makes the unit busy.
TEST_F(AzureKinectTest, UnitAnotherProgramHoldsIsBusyUntilReleased)
{
    auto unit = MakeUnit("000111222333");
    ASSERT_NE(unit, nullptr);
    libusb_context *ctx = nullptr;
    ASSERT_EQ(libusb_init(&ctx), 0);
    libusb_device_handle *other = libusb_open_device_with_vid_pid(ctx, 0x045E, 0x097C);
    ASSERT_NE(other, nullptr);
    ASSERT_EQ(libusb_claim_interface(other, 0), 0);

    {
        testing::LogCapture log;
        k4a_device_t device = nullptr;
        EXPECT_EQ(k4a_device_open(0, &device), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"depth camera (045E:097C)", "busy"}));
    }
    libusb_release_interface(other, 0);
    libusb_close(other);
    libusb_exit(ctx);

    k4a_device_t device = nullptr;
    ASSERT_EQ(k4a_device_open(0, &device), K4A_RESULT_SUCCEEDED);
    k4a_device_close(device);
}

TEST_F(AzureKinectTest, SerialVersionsAndCalibrationComeFromTheDepthMcu)
{
    Open();
    k4a_device_t device = device_;
    EmulatedAzureKinect *unit = unit_.get();
    EXPECT_GE(unit->mcu_commands(), 1u) << "the serial number is the MCU's";
    EXPECT_EQ(Serial(device), "000111222333");

    k4a_hardware_version_t v{};
    ASSERT_EQ(k4a_device_get_version(device, &v), K4A_RESULT_SUCCEEDED);
    // Firmware package 1.6.110079014 (Azure Kinect firmware notes): colour
    // 1.6.110, depth 1.6.79, audio 1.6.14, depth sensor configuration 6109.7.
    EXPECT_EQ(v.rgb.major * 1000000 + v.rgb.minor * 1000 + v.rgb.iteration, 1006110u);
    EXPECT_EQ(v.depth.major * 1000000 + v.depth.minor * 1000 + v.depth.iteration, 1006079u);
    EXPECT_EQ(v.audio.major * 1000000 + v.audio.minor * 1000 + v.audio.iteration, 1006014u);
    EXPECT_EQ(v.depth_sensor.major, 6109u);
    EXPECT_EQ(v.depth_sensor.minor, 7u);

    OPENK4A_READ_TESTDATA_OR_SKIP(json, "recordings/azure_kinect_pyk4a_calibration.json");
    size_t size = 0;
    ASSERT_EQ(k4a_device_get_raw_calibration(device, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    std::vector<uint8_t> raw(size);
    ASSERT_EQ(k4a_device_get_raw_calibration(device, raw.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
    ASSERT_EQ(raw.size(), json.size() + 1); // the SDK's raw calibration ends with a NUL
    EXPECT_TRUE(std::equal(json.begin(), json.end(), raw.begin()));
}

// Each way of misanswering gives a failure that names it, and the next
// exchange works again (what was left queued is read away).
TEST_F(AzureKinectTest, LyingMcuRepliesFailClearlyAndTheNextCommandWorks)
{
    Open();
    k4a_device_t device = device_;
    EmulatedAzureKinect *unit = unit_.get();
    for (const testing::McuFaultCase &c : testing::kMcuFaultCases)
    {
        unit->InjectMcuFault(OPENK4A_K4A_MCU_DEPTH_CMD_COMPONENT_VERSION_GET, c.fault);
        testing::LogCapture log;
        k4a_hardware_version_t v{};
        EXPECT_EQ(k4a_device_get_version(device, &v), K4A_RESULT_FAILED) << c.says;
        EXPECT_TRUE(log.Contains({"firmware versions", c.says})) << c.says;
        EXPECT_EQ(k4a_device_get_version(device, &v), K4A_RESULT_SUCCEEDED) << "after: " << c.says;
        EXPECT_EQ(v.depth.iteration, 79u);
    }
}

TEST_F(AzureKinectTest, SilentMcuFailsTheOpen)
{
    auto unit = MakeUnit("000111222333");
    ASSERT_NE(unit, nullptr);
    unit->InjectMcuFault(OPENK4A_K4A_MCU_DEPTH_CMD_READ_PRODUCT_SN, McuFault::kNoReply);
    testing::LogCapture log;
    k4a_device_t device = nullptr;
    EXPECT_EQ(k4a_device_open(0, &device), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"serial number", "did not answer"}));
    ASSERT_EQ(k4a_device_open(0, &device), K4A_RESULT_SUCCEEDED) << "the unit is free again";
    k4a_device_close(device);
}

// The depth engine plugin through start_cameras with a depth mode: missing,
// of the wrong interface version, and a test plugin of the right one.
TEST_F(AzureKinectTest, DepthEnginePluginIsLoadedAndItsInterfaceVersionChecked)
{
    Open();
    k4a_device_t device = device_;
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    const std::string v2 = testing::RunfilePath("tests/device/libtest_depth_engine_plugin.so");
    const std::string v1 = testing::RunfilePath("tests/device/libtest_depth_engine_plugin_v1.so");
    ASSERT_EQ(access(v2.c_str(), R_OK), 0) << v2;
    ASSERT_EQ(access(v1.c_str(), R_OK), 0) << v1;
    const struct
    {
        std::string file;
        std::vector<std::string> says;
    } cases[] = {
        {"/nonexistent/libdepthengine.so.2.0", {"cannot be loaded", "libk4a1.4"}},
        {v1, {"plugin interface version 2", "has version 1.1.0"}},
    };
    for (const auto &c : cases)
    {
        ASSERT_EQ(setenv("OPENK4A_DEPTH_ENGINE", c.file.c_str(), 1), 0);
        testing::LogCapture log;
        EXPECT_EQ(k4a_device_start_cameras(device, &config), K4A_RESULT_FAILED) << c.file;
        for (const std::string &fragment : c.says)
            EXPECT_TRUE(log.Contains({fragment})) << c.file << ": " << fragment;
    }
    // The TEST plugin of interface 2 is accepted and depth starts (what it
    // streams: azure_kinect_depth_test.cc).
    ASSERT_EQ(setenv("OPENK4A_DEPTH_ENGINE", v2.c_str(), 1), 0);
    EXPECT_EQ(k4a_device_start_cameras(device, &config), K4A_RESULT_SUCCEEDED);
    k4a_device_stop_cameras(device);
    unsetenv("OPENK4A_DEPTH_ENGINE");
}

} // namespace
} // namespace openk4a
