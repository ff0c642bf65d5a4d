// What a device says about itself, end to end through the real libusb against
// the emulated k4a device: the factory calibration (k4a_device_get_raw_calibration
// with the SDK's size-query semantics), the firmware versions and the sync
// jacks. Expectations come from the real data in ../shared/testdata (the
// calibration file, the recording's Matroska tags) and the SDK's documented
// semantics, not from the library's own output.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "openk4a/device.h"
#include "tests/log_capture.h"
#include "openk4a/usb/k4a_vendor_wire.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using emulator::ControlFaultKind;
using emulator::EmulatedDevice;
using emulator::EmulatorOptions;

constexpr char kCalibration[] = "recordings/azure_kinect_pyk4a_calibration.json";
constexpr char kRecording[] = "recordings/azure_kinect_pyk4a_1capture.mkv";

std::string TestdataDir()
{
    auto readme = testing::TestdataPath("README.md");
    return readme ? readme->substr(0, readme->size() - strlen("/README.md")) : std::string();
}

// A file under TEST_TMPDIR holding `bytes`, removed with the object.
class TempFile
{
public:
    explicit TempFile(const std::vector<uint8_t> &bytes)
    {
        const char *dir = getenv("TEST_TMPDIR");
        path_ = std::string(dir != nullptr ? dir : "/tmp") + "/calibration_XXXXXX";
        const int fd = mkstemp(path_.data());
        EXPECT_GE(fd, 0);
        EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
        close(fd);
    }
    ~TempFile()
    {
        unlink(path_.c_str());
    }
    const std::string &path() const
    {
        return path_;
    }

private:
    std::string path_;
};

// The value of a Matroska SimpleTag: the TagString element (ID 0x4487) that
// follows the TagName `name`, read straight from the file's bytes.
std::optional<std::string> MkvTag(const std::vector<uint8_t> &mkv, const std::string &name)
{
    const std::string haystack(mkv.begin(), mkv.end());
    const size_t at = haystack.find(name);
    if (at == std::string::npos)
        return std::nullopt;
    const size_t id = haystack.find("\x44\x87", at + name.size());
    if (id == std::string::npos || id + 3 > haystack.size())
        return std::nullopt;
    const uint8_t size_byte = static_cast<uint8_t>(haystack[id + 2]);
    if ((size_byte & 0x80) == 0)
        return std::nullopt; // only 1-byte sizes are expected here
    const size_t size = size_byte & 0x7f;
    if (id + 3 + size > haystack.size())
        return std::nullopt;
    std::string value = haystack.substr(id + 3, size);
    value.erase(value.find_last_not_of('\0') + 1);
    return value;
}

k4a_version_t ParseVersion(const std::string &text)
{
    k4a_version_t v{};
    EXPECT_EQ(sscanf(text.c_str(), "%u.%u.%u", &v.major, &v.minor, &v.iteration), 3) << text;
    return v;
}

class DeviceInfoTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        openk4a_device_set_generic_uvc(false);
    }
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        device_ = nullptr;
        emulator_.reset();
        openk4a_device_set_generic_uvc(false);
    }
    void Emulate(EmulatorOptions options = {})
    {
        if (options.testdata_dir.empty())
            options.testdata_dir = TestdataDir();
        std::string error;
        emulator_ = EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulator_, nullptr) << error;
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    std::vector<uint8_t> RawCalibration()
    {
        size_t size = 0;
        EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
        std::vector<uint8_t> data(size);
        EXPECT_EQ(k4a_device_get_raw_calibration(device_, data.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
        EXPECT_EQ(size, data.size());
        return data;
    }

    std::unique_ptr<EmulatedDevice> emulator_;
    k4a_device_t device_ = nullptr;
};

TEST_F(DeviceInfoTest, RawCalibrationIsTheRealDocumentWithTheSdkSizeQuery)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(json, kCalibration);
    Emulate();
    // The SDK's contract: NULL data or a short buffer give TOO_SMALL and the
    // size needed, the document plus its NUL.
    size_t size = 0;
    ASSERT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    EXPECT_EQ(size, json.size() + 1);
    std::vector<uint8_t> data(json.size() + 100, 0xAB);
    size = json.size(); // one short: no room for the NUL
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, data.data(), &size), K4A_BUFFER_RESULT_TOO_SMALL);
    EXPECT_EQ(size, json.size() + 1);
    EXPECT_EQ(data[0], 0xAB) << "a too-small call must not write";
    size = data.size(); // larger than needed: the size needed comes back
    ASSERT_EQ(k4a_device_get_raw_calibration(device_, data.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(size, json.size() + 1);
    EXPECT_EQ(0, memcmp(data.data(), json.data(), json.size()));
    EXPECT_EQ(data[json.size()], 0);
    EXPECT_EQ(data[json.size() + 1], 0xAB);
    // The document is the JSON an Azure Kinect stores.
    const std::string text(reinterpret_cast<const char *>(data.data()));
    EXPECT_NE(text.find("\"CalibrationInformation\""), std::string::npos);
    EXPECT_NE(text.find("CALIBRATION_CameraLocationD0"), std::string::npos);
    EXPECT_NE(text.find("CALIBRATION_CameraLocationPV0"), std::string::npos);
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, data.data(), nullptr), K4A_BUFFER_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_raw_calibration(nullptr, data.data(), &size), K4A_BUFFER_RESULT_FAILED);
}

TEST_F(DeviceInfoTest, MultiBlockDocumentRoundTrips)
{
    // 3 blocks of the vendor protocol, the last one partial; printable bytes.
    std::vector<uint8_t> doc(2 * OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK + 777);
    for (size_t i = 0; i < doc.size(); i++)
        doc[i] = static_cast<uint8_t>(' ' + (i * 7919) % 95);
    TempFile file(doc);
    EmulatorOptions options;
    options.calibration_file = file.path();
    Emulate(options);
    std::vector<uint8_t> data = RawCalibration();
    ASSERT_EQ(data.size(), doc.size() + 1);
    EXPECT_EQ(0, memcmp(data.data(), doc.data(), doc.size()));
    EXPECT_EQ(data.back(), 0);
}

TEST_F(DeviceInfoTest, DeviceWithoutCalibrationFailsWithAReason)
{
    EmulatorOptions options;
    options.calibration_file = "none";
    Emulate(options);
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    size_t size = 0;
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"calibration size"}));
}

TEST_F(DeviceInfoTest, BrokenTransfersFailCleanlyAndALaterCallSucceeds)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(json, kCalibration);
    Emulate();
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    size_t size = 0;
    emulator_->InjectVendorFault(OPENK4A_K4A_VENDOR_REQ_CALIBRATION_READ, ControlFaultKind::kStall);
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"block 0"}));
    EXPECT_TRUE(log.Contains({"STALL"}));
    // A block one byte short.
    emulator_->InjectVendorFault(OPENK4A_K4A_VENDOR_REQ_CALIBRATION_READ, ControlFaultKind::kShortReply);
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"instead of"}));
    emulator_->InjectVendorFault(OPENK4A_K4A_VENDOR_REQ_CALIBRATION_SIZE, ControlFaultKind::kShortReply);
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    // Nothing was kept from the failures: the next call reads the whole document.
    std::vector<uint8_t> data = RawCalibration();
    ASSERT_EQ(data.size(), json.size() + 1);
    EXPECT_EQ(0, memcmp(data.data(), json.data(), json.size()));
}

TEST_F(DeviceInfoTest, DocumentWithANulByteIsRefused)
{
    std::vector<uint8_t> doc = {'{', '"', 'a', '"', ':', 0, '}'};
    TempFile file(doc);
    EmulatorOptions options;
    options.calibration_file = file.path();
    Emulate(options);
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    size_t size = 0;
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"NUL byte at 5"}));
}

TEST_F(DeviceInfoTest, VersionsAreThoseOfTheDeviceThatMadeTheRecording)
{
    Emulate();
    k4a_hardware_version_t v;
    memset(&v, 0xFF, sizeof v);
    ASSERT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_SUCCEEDED);
    // Firmware package 1.6.110079014: colour 1.6.110, depth 1.6.79, audio
    // 1.6.14, depth sensor configuration 6109.7 (Azure Kinect firmware notes).
    k4a_version_t rgb = {1, 6, 110}, depth = {1, 6, 79};
    if (auto mkv = testing::ReadTestdata(kRecording))
    {
        // Independent of the firmware notes: what the recording's device wrote.
        auto color_tag = MkvTag(*mkv, "K4A_COLOR_FIRMWARE_VERSION");
        auto depth_tag = MkvTag(*mkv, "K4A_DEPTH_FIRMWARE_VERSION");
        ASSERT_TRUE(color_tag && depth_tag);
        rgb = ParseVersion(*color_tag);
        depth = ParseVersion(*depth_tag);
    }
    EXPECT_EQ(v.rgb.major, rgb.major);
    EXPECT_EQ(v.rgb.minor, rgb.minor);
    EXPECT_EQ(v.rgb.iteration, rgb.iteration);
    EXPECT_EQ(v.depth.major, depth.major);
    EXPECT_EQ(v.depth.minor, depth.minor);
    EXPECT_EQ(v.depth.iteration, depth.iteration);
    EXPECT_EQ(v.audio.major, 1u);
    EXPECT_EQ(v.audio.minor, 6u);
    EXPECT_EQ(v.audio.iteration, 14u);
    EXPECT_EQ(v.depth_sensor.major, 6109u);
    EXPECT_EQ(v.depth_sensor.minor, 7u);
    EXPECT_EQ(v.depth_sensor.iteration, 0u); // the SDK reports 0: the MCU has no such field
    EXPECT_EQ(v.firmware_build, K4A_FIRMWARE_BUILD_RELEASE);
    EXPECT_EQ(v.firmware_signature, K4A_FIRMWARE_SIGNATURE_MSFT);
    EXPECT_EQ(k4a_device_get_version(device_, nullptr), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_version(nullptr, &v), K4A_RESULT_FAILED);
}

TEST_F(DeviceInfoTest, VersionBuildAndSignatureCodesMapAsTheSdk)
{
    EmulatorOptions options;
    options.firmware_build = 1;
    options.firmware_signature = 2;
    Emulate(options);
    k4a_hardware_version_t v;
    ASSERT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(v.firmware_build, K4A_FIRMWARE_BUILD_DEBUG);
    EXPECT_EQ(v.firmware_signature, K4A_FIRMWARE_SIGNATURE_UNSIGNED);
}

TEST_F(DeviceInfoTest, UnknownBuildAndSignatureCodesWarn)
{
    EmulatorOptions options;
    options.firmware_build = 7;
    options.firmware_signature = 9;
    Emulate(options);
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    k4a_hardware_version_t v;
    ASSERT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(v.firmware_build, K4A_FIRMWARE_BUILD_DEBUG);
    EXPECT_EQ(v.firmware_signature, K4A_FIRMWARE_SIGNATURE_UNSIGNED);
    EXPECT_TRUE(log.Contains({"unknown firmware build type 7"}));
    EXPECT_TRUE(log.Contains({"unknown firmware signature type 9"}));
}

TEST_F(DeviceInfoTest, VersionFaultsFail)
{
    Emulate();
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    k4a_hardware_version_t v;
    emulator_->InjectVendorFault(OPENK4A_K4A_VENDOR_REQ_VERSION, ControlFaultKind::kShortReply);
    EXPECT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"17 bytes instead of 18"}));
    emulator_->InjectVendorFault(OPENK4A_K4A_VENDOR_REQ_VERSION, ControlFaultKind::kStall);
    EXPECT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_SUCCEEDED);
}

TEST_F(DeviceInfoTest, NoSyncCableOnTheEmulator)
{
    Emulate();
    bool in = true, out = true;
    ASSERT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_SUCCEEDED);
    EXPECT_FALSE(in);
    EXPECT_FALSE(out);
    EXPECT_EQ(k4a_device_get_sync_jack(device_, nullptr, &out), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_sync_jack(device_, &in, nullptr), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_sync_jack(nullptr, &in, &out), K4A_RESULT_FAILED);
    emulator_->InjectVendorFault(OPENK4A_K4A_VENDOR_REQ_SYNC_JACK, ControlFaultKind::kStall);
    EXPECT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_FAILED);
}

TEST_F(DeviceInfoTest, GenericUvcCameraHasNoCalibrationVersionOrJacks)
{
    auto cfg = testing::TestdataPath("uvc/logitech_c310.cfg.bin");
    if (!cfg)
        GTEST_SKIP() << "shared testdata absent: uvc/logitech_c310.cfg.bin";
    openk4a_device_set_generic_uvc(true);
    EmulatorOptions options;
    options.config_descriptor_file = *cfg;
    Emulate(options);
    testing::LogCapture log(K4A_LOG_LEVEL_WARNING);
    size_t size = 0;
    EXPECT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    k4a_hardware_version_t v;
    EXPECT_EQ(k4a_device_get_version(device_, &v), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"generic UVC camera"}));
    bool in = true, out = true;
    EXPECT_EQ(k4a_device_get_sync_jack(device_, &in, &out), K4A_RESULT_SUCCEEDED);
    EXPECT_FALSE(in);
    EXPECT_FALSE(out);
}

} // namespace
} // namespace openk4a
