// The emulated device replaying a recording (EmulatorOptions::recording_path):
// what k4a_device_get_capture returns over the real libusb equals what
// k4a_playback_get_next_capture reads from the same file, and the device's
// calibration is the recording's. Two files: the real Azure Kinect recording
// (one capture), and one of many captures and IMU samples written here with
// k4a_record_* (every frame and sample different), which shows the order,
// the loop at the end and the IMU replay.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <string.h>

#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/record/external_tools.h"
#include "tests/record/recording_fixtures.h"
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
    std::vector<k4a_imu_sample_t> imu;
};

// `calibration`: the file has a calibration.json (read and checked).
void ReadRecording(const std::string &path, Recorded *out, bool calibration = true)
{
    k4a_playback_t playback = nullptr;
    ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_playback_get_record_configuration(playback, &out->config), K4A_RESULT_SUCCEEDED);
    if (calibration)
    {
        size_t size = 0;
        ASSERT_EQ(k4a_playback_get_raw_calibration(playback, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
        out->raw_calibration.resize(size);
        ASSERT_EQ(k4a_playback_get_raw_calibration(playback, out->raw_calibration.data(), &size),
                  K4A_BUFFER_RESULT_SUCCEEDED);
        memset(&out->calibration, 0, sizeof out->calibration);
        ASSERT_EQ(k4a_playback_get_calibration(playback, &out->calibration), K4A_RESULT_SUCCEEDED);
    }
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
    k4a_imu_sample_t sample;
    while (k4a_playback_get_next_imu_sample(playback, &sample) == K4A_STREAM_RESULT_SUCCEEDED)
        out->imu.push_back(sample);
    k4a_playback_close(playback);
}

uint32_t IntervalUsec(k4a_fps_t fps)
{
    return fps == K4A_FRAMES_PER_SECOND_30 ? 33333 : fps == K4A_FRAMES_PER_SECOND_15 ? 66667 : 200000;
}

// The emulated device replaying a recording, opened; recorded_ is what the
// playback API reads from the same file.
class ReplayingDeviceTest : public ::testing::Test
{
protected:
    void Replay(const std::string &path)
    {
        emulator::EmulatorOptions options;
        options.recording_path = path;
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

    Recorded recorded_;
    std::unique_ptr<emulator::EmulatedDevice> emulated_;
    k4a_device_t device_ = nullptr;
};

class RecordingReplayTest : public ReplayingDeviceTest
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
        Replay(path_);
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

// The recorded image the device sent for `image`'s frame slot: the device
// clock puts frame k at k * interval, and frame k is the recording's capture
// k modulo its length (it loops).
size_t FrameSlot(k4a_image_t image, k4a_fps_t fps)
{
    const uint64_t interval = IntervalUsec(fps);
    return static_cast<size_t>((k4a_image_get_device_timestamp_usec(image) + interval / 2) / interval);
}

// One 16-bit step of the device's IMU units, from the constants of the Azure
// Kinect SDK's IMU conversion (sensitivities of the emulated k4a: accel 244
// for 8 g, gyro 61035 for 2000 dps; normalisation 1e6; g = 9.81).
constexpr double kAccelStep = 244 * 9.81 / 1e6;
constexpr double kGyroStep = 61035 * (M_PI / 180) / 1e6;
constexpr uint64_t kImuSamplePeriodUsec = 600; // 1666 Hz: sample n at n * 600 us

class OwnRecordingReplayTest : public ReplayingDeviceTest
{
protected:
    void SetUp() override
    {
        path_ = testing::TempPath(".mkv");
        testing::RecordingSpec spec;
        spec.color_resolution = K4A_COLOR_RESOLUTION_720P;
        spec.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
        spec.captures = kCaptures;
        spec.imu_per_capture = 5;
        spec.calibration = false; // its JSON is a placeholder, not a device's calibration
        testing::WrittenRecording written;
        std::string error;
        ASSERT_TRUE(testing::WriteTestRecording(path_, spec, &written, &error)) << error;
        ReadRecording(path_, &recorded_, false);
        ASSERT_EQ(recorded_.color.size(), static_cast<size_t>(kCaptures));
        ASSERT_EQ(recorded_.depth.size(), static_cast<size_t>(kCaptures));
        ASSERT_EQ(recorded_.ir.size(), static_cast<size_t>(kCaptures));
        ASSERT_EQ(recorded_.imu.size(), written.imu.size());
        // Every capture differs from the next, so a replay out of order shows.
        for (size_t i = 1; i < recorded_.color.size(); i++)
        {
            ASSERT_NE(recorded_.color[i], recorded_.color[i - 1]);
            ASSERT_NE(recorded_.depth[i], recorded_.depth[i - 1]);
            ASSERT_NE(recorded_.ir[i], recorded_.ir[i - 1]);
        }
        Replay(path_);
    }
    void TearDown() override
    {
        ReplayingDeviceTest::TearDown();
        std::remove(path_.c_str());
    }

    k4a_result_t StartCameras()
    {
        k4a_device_configuration_t config = RecordedConfig();
        config.synchronized_images_only = true;
        return k4a_device_start_cameras(device_, &config);
    }

    static constexpr int kCaptures = 24;
    std::string path_;
};

TEST_F(OwnRecordingReplayTest, EveryCaptureReplaysInOrderAndLoops)
{
    ASSERT_EQ(StartCameras(), K4A_RESULT_SUCCEEDED);
    // Until every recorded capture came back at least once and the replay has
    // gone past the end of the file (a slot >= kCaptures): the loop.
    std::set<size_t> seen;
    size_t first_slot = SIZE_MAX, last_slot = 0;
    int captures = 0;
    for (; captures < 8 * kCaptures && (seen.size() < kCaptures || last_slot < first_slot + kCaptures); captures++)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED) << captures;
        k4a_image_t color = k4a_capture_get_color_image(capture);
        k4a_image_t depth = k4a_capture_get_depth_image(capture);
        k4a_image_t ir = k4a_capture_get_ir_image(capture);
        ASSERT_TRUE(color != nullptr && depth != nullptr && ir != nullptr) << captures;
        const size_t slot = FrameSlot(depth, recorded_.config.camera_fps);
        EXPECT_EQ(FrameSlot(color, recorded_.config.camera_fps), slot);
        EXPECT_EQ(FrameSlot(ir, recorded_.config.camera_fps), slot);
        const size_t index = slot % kCaptures;
        EXPECT_TRUE(ImageBytes(color) == recorded_.color[index]) << "colour of capture " << index;
        EXPECT_TRUE(ImageBytes(depth) == recorded_.depth[index]) << "depth of capture " << index;
        EXPECT_TRUE(ImageBytes(ir) == recorded_.ir[index]) << "IR of capture " << index;
        EXPECT_EQ(k4a_image_get_format(depth), K4A_IMAGE_FORMAT_DEPTH16);
        seen.insert(index);
        first_slot = std::min(first_slot, slot);
        last_slot = std::max(last_slot, slot);
        k4a_image_release(color);
        k4a_image_release(depth);
        k4a_image_release(ir);
        k4a_capture_release(capture);
    }
    k4a_device_stop_cameras(device_);
    EXPECT_EQ(seen.size(), static_cast<size_t>(kCaptures)) << "after " << captures << " captures";
    EXPECT_GE(last_slot, first_slot + kCaptures) << "the replay did not loop";
}

TEST_F(OwnRecordingReplayTest, TheImuStreamIsTheRecordingsImuTrack)
{
    ASSERT_EQ(StartCameras(), K4A_RESULT_SUCCEEDED); // the IMU runs with the cameras only
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    // Three times the recorded samples: the replay loops too.
    const size_t wanted = 3 * recorded_.imu.size();
    std::set<size_t> seen;
    size_t got = 0;
    uint64_t previous_usec = 0;
    for (; got < wanted; got++)
    {
        k4a_imu_sample_t sample;
        ASSERT_EQ(k4a_device_get_imu_sample(device_, &sample, 5000), K4A_WAIT_RESULT_SUCCEEDED) << got;
        ASSERT_EQ(sample.acc_timestamp_usec % kImuSamplePeriodUsec, 0u) << sample.acc_timestamp_usec;
        if (got > 0)
        {
            EXPECT_GT(sample.acc_timestamp_usec, previous_usec);
        }
        previous_usec = sample.acc_timestamp_usec;
        const size_t index = (sample.acc_timestamp_usec / kImuSamplePeriodUsec) % recorded_.imu.size();
        const k4a_imu_sample_t &expected = recorded_.imu[index];
        for (int k = 0; k < 3; k++)
        {
            // Within half a step of the device's units: a neighbouring
            // sample is tens of steps away (recording_fixtures.cc).
            EXPECT_NEAR(sample.acc_sample.v[k], expected.acc_sample.v[k], kAccelStep / 2 + 1e-5)
                << "sample " << index << " axis " << k;
            EXPECT_NEAR(sample.gyro_sample.v[k], expected.gyro_sample.v[k], kGyroStep / 2 + 1e-6)
                << "sample " << index << " axis " << k;
        }
        // k4arecord files keep no IMU temperature (playback gives NaN, as the
        // SDK's): the device reports its own, as a real one would.
        EXPECT_TRUE(std::isnan(expected.temperature));
        EXPECT_TRUE(std::isfinite(sample.temperature));
        seen.insert(index);
    }
    k4a_device_stop_imu(device_);
    k4a_device_stop_cameras(device_);
    EXPECT_EQ(seen.size(), recorded_.imu.size());
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
