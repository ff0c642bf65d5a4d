// k4a_record_create with a device handle records what k4arecorder records of
// the device: the calibration.json attachment (the device's raw calibration
// without its NUL, MIME application/octet-stream, tagged K4A_CALIBRATION_FILE),
// the firmware versions and the serial number. Checked against the real
// calibration file the emulated device serves, the real recording's tags, and
// what mkvextract, mkvinfo and ffprobe read from the file we wrote.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <k4arecord/record.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/record/external_tools.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace
{

using namespace openk4a::testing;

constexpr char kCalibration[] = "recordings/azure_kinect_pyk4a_calibration.json";
constexpr char kRealRecording[] = "recordings/azure_kinect_pyk4a_1capture.mkv";

std::string TestdataDir()
{
    const auto readme = TestdataPath("README.md");
    return readme ? readme->substr(0, readme->size() - std::strlen("/README.md")) : std::string();
}

k4a_device_configuration_t Config()
{
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_1536P;
    config.depth_mode = K4A_DEPTH_MODE_WFOV_2X2BINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    return config;
}

// One depth + IR capture (ffmpeg refuses a Matroska file without a Cluster).
void WriteDepthCapture(k4a_record_t record)
{
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    for (k4a_image_format_t format : {K4A_IMAGE_FORMAT_DEPTH16, K4A_IMAGE_FORMAT_IR16})
    {
        k4a_image_t image = nullptr;
        ASSERT_EQ(k4a_image_create(format, 512, 512, 0, &image), K4A_RESULT_SUCCEEDED);
        std::memset(k4a_image_get_buffer(image), 0x5A, k4a_image_get_size(image));
        k4a_image_set_device_timestamp_usec(image, 1000000);
        if (format == K4A_IMAGE_FORMAT_DEPTH16)
            k4a_capture_set_depth_image(capture, image);
        else
            k4a_capture_set_ir_image(capture, image);
        k4a_image_release(image);
    }
    EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_SUCCEEDED);
    k4a_capture_release(capture);
}

class RecordFromDeviceTest : public ::testing::Test
{
protected:
    void Open(const std::string &calibration_file)
    {
        openk4a::emulator::EmulatorOptions options;
        options.testdata_dir = TestdataDir();
        options.calibration_file = calibration_file;
        std::string error;
        emulated_ = openk4a::emulator::EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulated_, nullptr) << error;
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    void TearDown() override
    {
        k4a_device_close(device_);
    }

    std::unique_ptr<openk4a::emulator::EmulatedDevice> emulated_;
    k4a_device_t device_ = nullptr;
};

TEST_F(RecordFromDeviceTest, PlaybackGivesTheDevicesCalibration)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(json, kCalibration);
    Open("");
    const std::string path = TempPath(".mkv");
    k4a_record_t record = nullptr;
    ASSERT_EQ(k4a_record_create(path.c_str(), device_, Config(), &record), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_record_write_header(record), K4A_RESULT_SUCCEEDED);
    WriteDepthCapture(record);
    ASSERT_EQ(k4a_record_flush(record), K4A_RESULT_SUCCEEDED);
    k4a_record_close(record);

    k4a_playback_t playback = nullptr;
    ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_SUCCEEDED);
    // The raw calibration is the real file's text, NUL-terminated as a device gives it.
    size_t size = 0;
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    std::vector<uint8_t> raw(size);
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback, raw.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
    std::vector<uint8_t> expected_raw = json;
    expected_raw.push_back('\0');
    EXPECT_TRUE(raw == expected_raw) << "raw calibration differs from " << kCalibration;

    // The calibration for the recorded modes: the real file's, parsed by the
    // core for those modes, and the one the device itself gives.
    const k4a_device_configuration_t config = Config();
    k4a_calibration_t got, from_file, from_device;
    std::memset(&got, 0xFF, sizeof got);
    std::memset(&from_file, 0, sizeof from_file);
    std::memset(&from_device, 0, sizeof from_device);
    ASSERT_EQ(k4a_playback_get_calibration(playback, &got), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_calibration_get_from_raw(reinterpret_cast<char *>(expected_raw.data()), expected_raw.size(),
                                           config.depth_mode, config.color_resolution, &from_file),
              K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_device_get_calibration(device_, config.depth_mode, config.color_resolution, &from_device),
              K4A_RESULT_SUCCEEDED);
    for (const k4a_calibration_t *expected : {&from_file, &from_device})
    {
        EXPECT_EQ(got.depth_mode, expected->depth_mode);
        EXPECT_EQ(got.color_resolution, expected->color_resolution);
        EXPECT_EQ(0, std::memcmp(&got.depth_camera_calibration, &expected->depth_camera_calibration,
                                 sizeof got.depth_camera_calibration));
        EXPECT_EQ(0, std::memcmp(&got.color_camera_calibration, &expected->color_camera_calibration,
                                 sizeof got.color_camera_calibration));
        EXPECT_EQ(0, std::memcmp(got.extrinsics, expected->extrinsics, sizeof got.extrinsics));
    }
    EXPECT_EQ(got.depth_camera_calibration.resolution_width, 512); // WFOV 2x2 binned, from the SDK's docs
    EXPECT_EQ(got.color_camera_calibration.resolution_height, 1536);

    char serial[256];
    size_t serial_size = sizeof serial;
    ASSERT_EQ(k4a_device_get_serialnum(device_, serial, &serial_size), K4A_BUFFER_RESULT_SUCCEEDED);
    char tag[256];
    size_t tag_size = sizeof tag;
    ASSERT_EQ(k4a_playback_get_tag(playback, "K4A_DEVICE_SERIAL_NUMBER", tag, &tag_size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_STREQ(tag, serial);
    k4a_playback_close(playback);

    // Independent readers: mkvextract gives the attachment's bytes back, the
    // real file's without a NUL, as k4arecorder stores it.
    const std::string extracted = TempPath(".json");
    ASSERT_TRUE(RunCommand("mkvextract " + Quote(path) + " attachments 1:" + Quote(extracted) + " >/dev/null"));
    const auto attachment = ReadFile(extracted);
    ASSERT_TRUE(attachment);
    EXPECT_TRUE(*attachment == json) << "mkvextract's calibration.json differs from " << kCalibration;

    const auto mkvinfo = RunCommand("mkvinfo " + Quote(path));
    ASSERT_TRUE(mkvinfo) << "mkvinfo rejected the file";
    EXPECT_NE(mkvinfo->find("File name: calibration.json"), std::string::npos);
    EXPECT_NE(mkvinfo->find("MIME type: application/octet-stream"), std::string::npos);
    EXPECT_NE(mkvinfo->find("Name: K4A_CALIBRATION_FILE"), std::string::npos);

    // ffprobe: the attachment stream, and the device tags equal to those of
    // the real recording made by a real Azure Kinect (same firmware package
    // as the emulated device reports).
    const auto probe = RunCommand("ffprobe -v error -show_streams -show_format -of flat " + Quote(path));
    ASSERT_TRUE(probe) << "ffprobe rejected the file";
    auto values = ParseFlat(*probe);
    bool attachment_seen = false;
    for (int i = 0; i < 8; i++)
    {
        const std::string stream = "streams.stream." + std::to_string(i) + ".";
        if (values[stream + "codec_type"] != "attachment")
            continue;
        attachment_seen = true;
        EXPECT_EQ(values[stream + "tags.filename"], "calibration.json");
        EXPECT_EQ(values[stream + "tags.mimetype"], "application/octet-stream");
        EXPECT_EQ(values[stream + "tags.K4A_CALIBRATION_FILE"], "calibration.json");
    }
    EXPECT_TRUE(attachment_seen) << *probe;
    const auto real = TestdataPath(kRealRecording);
    ASSERT_TRUE(real);
    const auto real_probe = RunCommand("ffprobe -v error -show_format -of flat " + Quote(*real));
    ASSERT_TRUE(real_probe);
    auto real_values = ParseFlat(*real_probe);
    for (const char *name : {"K4A_COLOR_FIRMWARE_VERSION", "K4A_DEPTH_FIRMWARE_VERSION"})
    {
        ASSERT_FALSE(real_values[std::string("format.tags.") + name].empty()) << name;
        EXPECT_EQ(values[std::string("format.tags.") + name], real_values[std::string("format.tags.") + name]) << name;
    }
    EXPECT_EQ(values["format.tags.K4A_DEVICE_SERIAL_NUMBER"], serial);
}

// The SDK refuses such a device; we record without calibration.json (with a
// warning) so that a device without calibration can still be recorded.
TEST_F(RecordFromDeviceTest, ADeviceWithoutCalibrationRecordsWithoutCalibrationJson)
{
    Open("none");
    const std::string path = TempPath(".mkv");
    k4a_record_t record = nullptr;
    ASSERT_EQ(k4a_record_create(path.c_str(), device_, Config(), &record), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_record_write_header(record), K4A_RESULT_SUCCEEDED);
    WriteDepthCapture(record);
    k4a_record_close(record);

    k4a_playback_t playback = nullptr;
    ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_SUCCEEDED);
    size_t size = 0;
    EXPECT_EQ(k4a_playback_get_raw_calibration(playback, nullptr, &size), K4A_BUFFER_RESULT_FAILED);
    k4a_calibration_t calibration;
    EXPECT_EQ(k4a_playback_get_calibration(playback, &calibration), K4A_RESULT_FAILED);
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(k4a_playback_get_next_capture(playback, &capture), K4A_STREAM_RESULT_SUCCEEDED);
    k4a_capture_release(capture);
    k4a_playback_close(playback);

    const auto mkvinfo = RunCommand("mkvinfo " + Quote(path));
    ASSERT_TRUE(mkvinfo) << "mkvinfo rejected the file";
    EXPECT_EQ(mkvinfo->find("calibration.json"), std::string::npos);
}

} // namespace
