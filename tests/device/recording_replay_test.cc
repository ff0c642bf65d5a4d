// The emulated device replaying a real Azure Kinect recording
// (EmulatorOptions::recording_path): what k4a_device_get_capture returns over
// the real libusb equals what k4a_playback_get_next_capture reads from the
// same file, and the device's calibration is the recording's.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <string.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

constexpr char kRecording[] = "recordings/azure_kinect_pyk4a_1capture.mkv";

using Bytes = std::vector<uint8_t>;

Bytes ImageBytes(k4a_image_t image)
{
    const uint8_t *p = k4a_image_get_buffer(image);
    return Bytes(p, p + k4a_image_get_size(image));
}

// What the playback API reads from the file: every capture's images, and the
// recording's configuration and calibration.
struct Recorded
{
    k4a_record_configuration_t config{};
    Bytes raw_calibration;
    k4a_calibration_t calibration;
    std::vector<Bytes> color, depth, ir;
};

void ReadRecording(const std::string &path, Recorded *out)
{
    k4a_playback_t playback = nullptr;
    ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_playback_get_record_configuration(playback, &out->config), K4A_RESULT_SUCCEEDED);
    size_t size = 0;
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    out->raw_calibration.resize(size);
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback, out->raw_calibration.data(), &size),
              K4A_BUFFER_RESULT_SUCCEEDED);
    memset(&out->calibration, 0, sizeof out->calibration);
    ASSERT_EQ(k4a_playback_get_calibration(playback, &out->calibration), K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = nullptr;
    while (k4a_playback_get_next_capture(playback, &capture) == K4A_STREAM_RESULT_SUCCEEDED)
    {
        const struct
        {
            k4a_image_t image;
            std::vector<Bytes> *list;
        } images[] = {{k4a_capture_get_color_image(capture), &out->color},
                      {k4a_capture_get_depth_image(capture), &out->depth},
                      {k4a_capture_get_ir_image(capture), &out->ir}};
        for (const auto &i : images)
        {
            if (i.image == nullptr)
                continue;
            i.list->push_back(ImageBytes(i.image));
            k4a_image_release(i.image);
        }
        k4a_capture_release(capture);
    }
    k4a_playback_close(playback);
}

uint32_t IntervalUsec(k4a_fps_t fps)
{
    return fps == K4A_FRAMES_PER_SECOND_30 ? 33333 : fps == K4A_FRAMES_PER_SECOND_15 ? 66667 : 200000;
}

class RecordingReplayTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto path = testing::TestdataPath(kRecording);
        if (!path)
            GTEST_SKIP() << "no " << kRecording << " (set OPENK4A_TESTDATA)";
        path_ = *path;
        ReadRecording(path_, &recorded_);
        ASSERT_FALSE(recorded_.color.empty());
        ASSERT_FALSE(recorded_.depth.empty());
        ASSERT_FALSE(recorded_.ir.empty());
        // No test data folder: frames and calibration can only come from the recording.
        emulator::EmulatorOptions options;
        options.recording_path = path_;
        std::string error;
        emulated_ = emulator::EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulated_, nullptr) << error;
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    }
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        emulated_.reset();
    }
    k4a_device_configuration_t RecordedConfig() const
    {
        k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
        c.color_format = recorded_.config.color_format;
        c.color_resolution = recorded_.config.color_resolution;
        c.depth_mode = recorded_.config.depth_mode;
        c.camera_fps = recorded_.config.camera_fps;
        return c;
    }
    // The recorded image the device sent for `image`'s frame slot (the device
    // clock puts frame k at k * interval; the recording loops).
    const Bytes &Expected(const std::vector<Bytes> &list, k4a_image_t image) const
    {
        const uint64_t interval = IntervalUsec(recorded_.config.camera_fps);
        const uint64_t frame = (k4a_image_get_device_timestamp_usec(image) + interval / 2) / interval;
        return list[frame % list.size()];
    }

    std::string path_;
    Recorded recorded_;
    std::unique_ptr<emulator::EmulatedDevice> emulated_;
    k4a_device_t device_ = nullptr;
};

TEST_F(RecordingReplayTest, CalibrationIsTheRecordings)
{
    size_t size = 0;
    ASSERT_EQ(k4a_device_get_raw_calibration(device_, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    Bytes raw(size);
    ASSERT_EQ(k4a_device_get_raw_calibration(device_, raw.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(raw, recorded_.raw_calibration);
    k4a_calibration_t got;
    memset(&got, 0xFF, sizeof got);
    ASSERT_EQ(k4a_device_get_calibration(device_, recorded_.config.depth_mode, recorded_.config.color_resolution, &got),
              K4A_RESULT_SUCCEEDED);
    const k4a_calibration_t &expected = recorded_.calibration;
    EXPECT_EQ(got.depth_mode, expected.depth_mode);
    EXPECT_EQ(got.color_resolution, expected.color_resolution);
    EXPECT_EQ(0, memcmp(&got.depth_camera_calibration, &expected.depth_camera_calibration,
                        sizeof got.depth_camera_calibration));
    EXPECT_EQ(0, memcmp(&got.color_camera_calibration, &expected.color_camera_calibration,
                        sizeof got.color_camera_calibration));
    EXPECT_EQ(0, memcmp(got.extrinsics, expected.extrinsics, sizeof got.extrinsics));
}

TEST_F(RecordingReplayTest, CapturesEqualThePlaybackOfTheFile)
{
    const k4a_device_configuration_t config = RecordedConfig();
    ASSERT_EQ(k4a_device_start_cameras(device_, &config), K4A_RESULT_SUCCEEDED);
    // More frames of each stream than the recording holds: the replay loops.
    const size_t wanted = recorded_.color.size() + 2;
    size_t color = 0, depth = 0, ir = 0;
    for (int i = 0; i < 200 && (color < wanted || depth < wanted || ir < wanted); i++)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED) << i;
        const struct
        {
            k4a_image_t image;
            const std::vector<Bytes> *list;
            size_t *count;
            k4a_image_format_t format;
        } images[] = {{k4a_capture_get_color_image(capture), &recorded_.color, &color, recorded_.config.color_format},
                      {k4a_capture_get_depth_image(capture), &recorded_.depth, &depth, K4A_IMAGE_FORMAT_DEPTH16},
                      {k4a_capture_get_ir_image(capture), &recorded_.ir, &ir, K4A_IMAGE_FORMAT_IR16}};
        for (const auto &im : images)
        {
            if (im.image == nullptr)
                continue;
            EXPECT_EQ(k4a_image_get_format(im.image), im.format);
            EXPECT_TRUE(ImageBytes(im.image) == Expected(*im.list, im.image))
                << "format " << im.format << " at " << k4a_image_get_device_timestamp_usec(im.image) << " us";
            ++*im.count;
            k4a_image_release(im.image);
        }
        k4a_capture_release(capture);
    }
    k4a_device_stop_cameras(device_);
    EXPECT_GE(color, wanted);
    EXPECT_GE(depth, wanted);
    EXPECT_GE(ir, wanted);
}

TEST_F(RecordingReplayTest, ModesTheRecordingDoesNotHoldFailToStartWithTheReason)
{
    k4a_device_configuration_t other_color = RecordedConfig();
    other_color.color_resolution = recorded_.config.color_resolution == K4A_COLOR_RESOLUTION_1080P ?
                                       K4A_COLOR_RESOLUTION_720P :
                                       K4A_COLOR_RESOLUTION_1080P;
    k4a_device_configuration_t other_depth = RecordedConfig();
    other_depth.depth_mode = recorded_.config.depth_mode == K4A_DEPTH_MODE_WFOV_UNBINNED ?
                                 K4A_DEPTH_MODE_NFOV_UNBINNED :
                                 K4A_DEPTH_MODE_WFOV_UNBINNED;
    for (const k4a_device_configuration_t &c : {other_color, other_depth})
    {
        ::testing::internal::CaptureStderr();
        EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
        const std::string said = ::testing::internal::GetCapturedStderr();
        EXPECT_NE(said.find("openk4a emulator: refusing the commit: the recording " + path_), std::string::npos)
            << said;
        k4a_device_stop_cameras(device_);
    }
    // The device still streams the recording's own mode afterwards.
    const k4a_device_configuration_t recorded = RecordedConfig();
    ASSERT_EQ(k4a_device_start_cameras(device_, &recorded), K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED);
    if (capture != nullptr)
        k4a_capture_release(capture);
    k4a_device_stop_cameras(device_);
}

TEST(RecordingReplayOpenTest, ABadFileIsAClearError)
{
    emulator::EmulatorOptions options;
    options.recording_path = "/nonexistent/recording.mkv";
    std::string error;
    EXPECT_EQ(emulator::EmulatedDevice::Create(options, &error), nullptr);
    EXPECT_NE(error.find("cannot open the recording /nonexistent/recording.mkv"), std::string::npos) << error;
}

} // namespace
} // namespace openk4a
