// k4arecord playback of a REAL Azure Kinect recording (k4arecord 1.4.1,
// ../shared/testdata), every expectation taken from ffprobe, ffmpeg and
// mkvextract reading the same file. Skipped when the testdata is absent.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/record/mkv_index.h"
#include "tests/record/external_tools.h"
#include "tests/testing/image_leaks.h"
#include "tests/testing/testdata.h"

namespace
{

using openk4a::testing::ParseFlat;
using openk4a::testing::Quote;
using openk4a::testing::ReadFile;
using openk4a::testing::RunCommand;
using openk4a::testing::TempPath;

constexpr char kRecording[] = "recordings/azure_kinect_pyk4a_1capture.mkv";

class RealRecordingTest : public openk4a::testing::NoImageLeaks
{
protected:
    void SetUp() override
    {
        NoImageLeaks::SetUp();
        const auto path = openk4a::testing::TestdataPath(kRecording);
        if (!path)
            GTEST_SKIP() << "shared testdata absent: " << kRecording;
        path_ = *path;
        const auto probe = RunCommand("ffprobe -v error -show_streams -show_format -of flat " + Quote(path_));
        ASSERT_TRUE(probe) << "ffprobe failed (tools/install_deps.sh installs ffmpeg)";
        probe_ = ParseFlat(*probe);
        ASSERT_EQ(k4a_playback_open(path_.c_str(), &playback_), K4A_RESULT_SUCCEEDED);
    }

    void TearDown() override
    {
        k4a_playback_close(playback_);
        NoImageLeaks::TearDown();
    }

    std::string Probe(const std::string &key) const
    {
        const auto it = probe_.find(key);
        return it == probe_.end() ? std::string() : it->second;
    }

    uint64_t StartOffsetUsec() const
    {
        return std::stoull(Probe("format.tags.K4A_START_OFFSET_NS")) / 1000;
    }

    // The decoded frame ffmpeg gives for a stream, in `pix_fmt`.
    std::vector<uint8_t> FfmpegFrame(int stream, const char *pix_fmt)
    {
        const std::string out = TempPath(".raw");
        const std::string codec = pix_fmt == nullptr ? " -c copy" : std::string(" -pix_fmt ") + pix_fmt;
        const auto run = RunCommand("ffmpeg -v error -y -i " + Quote(path_) + " -map 0:" + std::to_string(stream) +
                                    " -frames:v 1" + codec + " -f rawvideo " + Quote(out));
        EXPECT_TRUE(run) << "ffmpeg failed for stream " << stream;
        return ReadFile(out).value_or(std::vector<uint8_t>());
    }

    std::string path_;
    std::map<std::string, std::string> probe_;
    k4a_playback_t playback_ = nullptr;
};

std::vector<uint8_t> Bytes(k4a_image_t image)
{
    const uint8_t *data = k4a_image_get_buffer(image);
    return std::vector<uint8_t>(data, data + k4a_image_get_size(image));
}

TEST_F(RealRecordingTest, ConfigurationMatchesTheFileAsFfprobeSeesIt)
{
    k4a_record_configuration_t config;
    ASSERT_EQ(k4a_playback_get_record_configuration(playback_, &config), K4A_RESULT_SUCCEEDED);
    // ffprobe: stream 0 MJPG 1280x720 (the k4a 720P size), 5 fps; K4A_DEPTH_MODE NFOV_UNBINNED.
    ASSERT_EQ(Probe("streams.stream.0.codec_tag_string"), "MJPG");
    ASSERT_EQ(Probe("streams.stream.0.width") + "x" + Probe("streams.stream.0.height"), "1280x720");
    ASSERT_EQ(Probe("streams.stream.0.avg_frame_rate"), "5/1");
    ASSERT_EQ(Probe("streams.stream.1.tags.K4A_DEPTH_MODE"), "NFOV_UNBINNED");
    EXPECT_EQ(config.color_format, K4A_IMAGE_FORMAT_COLOR_MJPG);
    EXPECT_EQ(config.color_resolution, K4A_COLOR_RESOLUTION_720P);
    EXPECT_EQ(config.depth_mode, K4A_DEPTH_MODE_NFOV_UNBINNED);
    EXPECT_EQ(config.camera_fps, K4A_FRAMES_PER_SECOND_5);
    EXPECT_TRUE(config.color_track_enabled);
    EXPECT_TRUE(config.depth_track_enabled);
    EXPECT_TRUE(config.ir_track_enabled);
    EXPECT_EQ(config.imu_track_enabled, Probe("streams.stream.3.tags.title") == "IMU");
    EXPECT_EQ(config.depth_delay_off_color_usec, std::stoi(Probe("format.tags.K4A_DEPTH_DELAY_NS")) / 1000);
    ASSERT_EQ(Probe("format.tags.K4A_WIRED_SYNC_MODE"), "STANDALONE");
    EXPECT_EQ(config.wired_sync_mode, K4A_WIRED_SYNC_MODE_STANDALONE);
    EXPECT_EQ(config.subordinate_delay_off_master_usec, 0u);
    EXPECT_EQ(config.start_timestamp_offset_usec, StartOffsetUsec());
}

TEST_F(RealRecordingTest, TagsEqualFfprobes)
{
    int checked = 0;
    for (const auto &[key, value] : probe_)
    {
        const size_t at = key.find(".tags.K4A_");
        if (at == std::string::npos)
            continue;
        const std::string name = key.substr(at + 6);
        size_t size = 0;
        ASSERT_EQ(k4a_playback_get_tag(playback_, name.c_str(), nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL) << name;
        ASSERT_EQ(size, value.size() + 1) << name;
        std::vector<char> text(size + 3, 'x');
        size = text.size();
        ASSERT_EQ(k4a_playback_get_tag(playback_, name.c_str(), text.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
        EXPECT_EQ(std::string(text.data()), value) << name;
        EXPECT_EQ(text.back(), '\0') << "the rest of the buffer is cleared";
        checked++;
    }
    EXPECT_GE(checked, 12);
    size_t size = 16;
    char text[16];
    EXPECT_EQ(k4a_playback_get_tag(playback_, "NO_SUCH_TAG", text, &size), K4A_BUFFER_RESULT_FAILED);
}

TEST_F(RealRecordingTest, TracksEqualFfprobes)
{
    ASSERT_EQ(k4a_playback_get_track_count(playback_), 4u); // ffprobe: 4 streams + 1 attachment
    for (size_t i = 0; i < 4; i++)
    {
        const std::string stream = "streams.stream." + std::to_string(i) + ".";
        char name[32];
        size_t size = sizeof name;
        ASSERT_EQ(k4a_playback_get_track_name(playback_, i, name, &size), K4A_BUFFER_RESULT_SUCCEEDED);
        EXPECT_EQ(name, Probe(stream + "tags.title"));
        EXPECT_TRUE(k4a_playback_track_is_builtin(playback_, name));
        EXPECT_TRUE(k4a_playback_check_track_exists(playback_, name));
        if (Probe(stream + "codec_type") != "video")
            continue;
        k4a_record_video_settings_t settings;
        ASSERT_EQ(k4a_playback_track_get_video_settings(playback_, name, &settings), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(std::to_string(settings.width), Probe(stream + "width"));
        EXPECT_EQ(std::to_string(settings.height), Probe(stream + "height"));
        EXPECT_EQ(std::to_string(settings.frame_rate) + "/1", Probe(stream + "avg_frame_rate"));
        char codec[32];
        size = sizeof codec;
        ASSERT_EQ(k4a_playback_track_get_codec_id(playback_, name, codec, &size), K4A_BUFFER_RESULT_SUCCEEDED);
        EXPECT_STREQ(codec, "V_MS/VFW/FOURCC");
        uint8_t context[64];
        size = sizeof context;
        ASSERT_EQ(k4a_playback_track_get_codec_context(playback_, name, context, &size), K4A_BUFFER_RESULT_SUCCEEDED);
        ASSERT_EQ(size, 40u); // BITMAPINFOHEADER
        EXPECT_EQ(std::string(reinterpret_cast<char *>(context + 16), 4), Probe(stream + "codec_tag_string"));
    }
    size_t size = 8;
    char name[8];
    EXPECT_EQ(k4a_playback_get_track_name(playback_, 4, name, &size), K4A_BUFFER_RESULT_FAILED);
    EXPECT_FALSE(k4a_playback_check_track_exists(playback_, "NOPE"));
    k4a_playback_data_block_t block = nullptr;
    EXPECT_EQ(k4a_playback_get_next_data_block(playback_, "COLOR", &block), K4A_STREAM_RESULT_FAILED);
    EXPECT_EQ(k4a_playback_get_next_data_block(playback_, "NOPE", &block), K4A_STREAM_RESULT_FAILED);
    EXPECT_EQ(block, nullptr);
}

TEST_F(RealRecordingTest, CaptureEqualsWhatFfmpegExtracts)
{
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
    k4a_image_t color = k4a_capture_get_color_image(capture);
    k4a_image_t depth = k4a_capture_get_depth_image(capture);
    k4a_image_t ir = k4a_capture_get_ir_image(capture);
    ASSERT_NE(color, nullptr);
    ASSERT_NE(depth, nullptr);
    ASSERT_NE(ir, nullptr);
    EXPECT_EQ(k4a_image_get_format(color), K4A_IMAGE_FORMAT_COLOR_MJPG);
    EXPECT_EQ(k4a_image_get_format(depth), K4A_IMAGE_FORMAT_DEPTH16);
    EXPECT_EQ(k4a_image_get_format(ir), K4A_IMAGE_FORMAT_IR16);
    EXPECT_EQ(k4a_image_get_width_pixels(color), 1280);
    EXPECT_EQ(k4a_image_get_height_pixels(color), 720);
    EXPECT_EQ(k4a_image_get_width_pixels(depth), 640);
    EXPECT_EQ(k4a_image_get_height_pixels(depth), 576);
    EXPECT_EQ(k4a_image_get_stride_bytes(depth), 1280);

    // Device timestamps: the packet time ffprobe reports plus K4A_START_OFFSET_NS.
    const uint64_t pts_usec = std::stoull(Probe("streams.stream.0.start_pts"));
    ASSERT_EQ(Probe("streams.stream.0.time_base"), "1/1000000");
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(color), pts_usec + StartOffsetUsec());
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(depth),
              std::stoull(Probe("streams.stream.1.start_pts")) + StartOffsetUsec());
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(ir),
              std::stoull(Probe("streams.stream.2.start_pts")) + StartOffsetUsec());

    EXPECT_EQ(Bytes(color), FfmpegFrame(0, nullptr)) << "MJPG bytes as stored";
    EXPECT_EQ(Bytes(depth), FfmpegFrame(1, "gray16le")) << "b16g read back as little-endian DEPTH16";
    EXPECT_EQ(Bytes(ir), FfmpegFrame(2, "gray16le"));
    k4a_image_release(color);
    k4a_image_release(depth);
    k4a_image_release(ir);
    k4a_capture_release(capture);

    // One capture: then EOF, and reading backwards gives it again.
    EXPECT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_EOF);
    EXPECT_EQ(capture, nullptr);
    ASSERT_EQ(k4a_playback_get_previous_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
    color = k4a_capture_get_color_image(capture);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(color), pts_usec + StartOffsetUsec());
    k4a_image_release(color);
    k4a_capture_release(capture);
    EXPECT_EQ(k4a_playback_get_previous_capture(playback_, &capture), K4A_STREAM_RESULT_EOF);
    ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
    k4a_capture_release(capture);
}

TEST_F(RealRecordingTest, DepthEqualsTheIndependentlyConvertedFrame)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(expected, "frames/azure_kinect_nfov_640x576.depth16le");
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
    k4a_image_t depth = k4a_capture_get_depth_image(capture);
    EXPECT_EQ(Bytes(depth), expected);
    k4a_image_release(depth);
    k4a_capture_release(capture);
}

TEST_F(RealRecordingTest, ImuSampleEqualsTheStoredBytes)
{
    const std::string out = TempPath(".imu");
    ASSERT_TRUE(RunCommand("ffmpeg -v error -y -i " + Quote(path_) + " -map 0:3 -c copy -f data " + Quote(out)));
    const std::vector<uint8_t> raw = ReadFile(out).value_or(std::vector<uint8_t>());
    ASSERT_EQ(raw.size(), 40u);
    uint64_t acc_ns, gyro_ns;
    float acc[3], gyro[3];
    std::memcpy(&acc_ns, raw.data(), 8); // little-endian host, as the file
    std::memcpy(acc, raw.data() + 8, 12);
    std::memcpy(&gyro_ns, raw.data() + 20, 8);
    std::memcpy(gyro, raw.data() + 28, 12);

    k4a_imu_sample_t sample;
    ASSERT_EQ(k4a_playback_get_next_imu_sample(playback_, &sample), K4A_STREAM_RESULT_SUCCEEDED);
    EXPECT_EQ(sample.acc_timestamp_usec, acc_ns / 1000);
    EXPECT_EQ(sample.gyro_timestamp_usec, gyro_ns / 1000);
    for (int i = 0; i < 3; i++)
    {
        EXPECT_EQ(sample.acc_sample.v[i], acc[i]);
        EXPECT_EQ(sample.gyro_sample.v[i], gyro[i]);
    }
    EXPECT_TRUE(std::isnan(sample.temperature)) << "temperature is not recorded";
    EXPECT_EQ(k4a_playback_get_next_imu_sample(playback_, &sample), K4A_STREAM_RESULT_EOF);
    ASSERT_EQ(k4a_playback_get_previous_imu_sample(playback_, &sample), K4A_STREAM_RESULT_SUCCEEDED);
    EXPECT_EQ(sample.acc_timestamp_usec, acc_ns / 1000);
    EXPECT_EQ(k4a_playback_get_previous_imu_sample(playback_, &sample), K4A_STREAM_RESULT_EOF);
}

TEST_F(RealRecordingTest, CalibrationEqualsTheAttachmentMkvextractWrites)
{
    const std::string out = TempPath(".json");
    ASSERT_TRUE(RunCommand("mkvextract " + Quote(path_) + " attachments 1:" + Quote(out) + " >/dev/null"));
    const std::vector<uint8_t> json = ReadFile(out).value_or(std::vector<uint8_t>());
    ASSERT_GT(json.size(), 100u);

    size_t size = 0;
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback_, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    ASSERT_EQ(size, json.size() + 1) << "NUL-terminated, as a device returns it";
    std::vector<uint8_t> raw(size);
    size = raw.size() - 1;
    EXPECT_EQ(k4a_playback_get_raw_calibration(playback_, raw.data(), &size), K4A_BUFFER_RESULT_TOO_SMALL);
    size = raw.size();
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback_, raw.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(std::vector<uint8_t>(raw.begin(), raw.end() - 1), json);
    EXPECT_EQ(raw.back(), 0);

    std::vector<uint8_t> attachment(json.size());
    size = attachment.size();
    ASSERT_EQ(k4a_playback_get_attachment(playback_, "calibration.json", attachment.data(), &size),
              K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(attachment, json);
    EXPECT_EQ(k4a_playback_get_attachment(playback_, "missing.bin", attachment.data(), &size),
              K4A_BUFFER_RESULT_FAILED);
}

TEST_F(RealRecordingTest, CalibrationEqualsTheOnePublishedBesideTheRecording)
{
    // The same device's calibration, published as a separate JSON file: the
    // recording's attachment must give the same calibration for its modes.
    OPENK4A_READ_TESTDATA_OR_SKIP(json, "recordings/azure_kinect_pyk4a_calibration.json");
    k4a_record_configuration_t config;
    ASSERT_EQ(k4a_playback_get_record_configuration(playback_, &config), K4A_RESULT_SUCCEEDED);
    k4a_calibration_t expected;
    ASSERT_EQ(k4a_calibration_get_from_raw(reinterpret_cast<char *>(const_cast<uint8_t *>(json.data())), json.size(),
                                           config.depth_mode, config.color_resolution, &expected),
              K4A_RESULT_SUCCEEDED);
    k4a_calibration_t actual;
    ASSERT_EQ(k4a_playback_get_calibration(playback_, &actual), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(actual.depth_mode, config.depth_mode);
    EXPECT_EQ(actual.color_resolution, config.color_resolution);
    EXPECT_EQ(memcmp(&actual, &expected, sizeof actual), 0);
    EXPECT_EQ(k4a_playback_get_calibration(playback_, nullptr), K4A_RESULT_FAILED);
}

TEST_F(RealRecordingTest, SeekingLandsOnTheCapture)
{
    const uint64_t pts_usec = std::stoull(Probe("streams.stream.0.start_pts"));
    // ffprobe's duration is the last frame's time here (one capture).
    EXPECT_EQ(k4a_playback_get_recording_length_usec(playback_), pts_usec);
    const uint64_t device_usec = pts_usec + StartOffsetUsec();
    k4a_capture_t capture = nullptr;

    struct Case
    {
        int64_t offset;
        k4a_playback_seek_origin_t origin;
        k4a_stream_result_t next, previous;
    } cases[] = {
        {0, K4A_PLAYBACK_SEEK_BEGIN, K4A_STREAM_RESULT_SUCCEEDED, K4A_STREAM_RESULT_EOF},
        {static_cast<int64_t>(pts_usec), K4A_PLAYBACK_SEEK_BEGIN, K4A_STREAM_RESULT_SUCCEEDED, K4A_STREAM_RESULT_EOF},
        {static_cast<int64_t>(pts_usec) + 1, K4A_PLAYBACK_SEEK_BEGIN, K4A_STREAM_RESULT_EOF,
         K4A_STREAM_RESULT_SUCCEEDED},
        {0, K4A_PLAYBACK_SEEK_END, K4A_STREAM_RESULT_EOF, K4A_STREAM_RESULT_SUCCEEDED},
        {-1, K4A_PLAYBACK_SEEK_END, K4A_STREAM_RESULT_SUCCEEDED, K4A_STREAM_RESULT_EOF},
        {static_cast<int64_t>(device_usec), K4A_PLAYBACK_SEEK_DEVICE_TIME, K4A_STREAM_RESULT_SUCCEEDED,
         K4A_STREAM_RESULT_EOF},
        {static_cast<int64_t>(device_usec) + 1, K4A_PLAYBACK_SEEK_DEVICE_TIME, K4A_STREAM_RESULT_EOF,
         K4A_STREAM_RESULT_SUCCEEDED},
        {INT64_MIN, K4A_PLAYBACK_SEEK_BEGIN, K4A_STREAM_RESULT_SUCCEEDED, K4A_STREAM_RESULT_EOF},
        {INT64_MAX, K4A_PLAYBACK_SEEK_BEGIN, K4A_STREAM_RESULT_EOF, K4A_STREAM_RESULT_SUCCEEDED},
    };
    for (const Case &c : cases)
    {
        SCOPED_TRACE(std::to_string(c.offset) + " origin " + std::to_string(c.origin));
        for (bool next : {true, false})
        {
            ASSERT_EQ(k4a_playback_seek_timestamp(playback_, c.offset, c.origin), K4A_RESULT_SUCCEEDED);
            const k4a_stream_result_t result = next ? k4a_playback_get_next_capture(playback_, &capture) :
                                                      k4a_playback_get_previous_capture(playback_, &capture);
            EXPECT_EQ(result, next ? c.next : c.previous) << (next ? "next" : "previous");
            if (result == K4A_STREAM_RESULT_SUCCEEDED)
            {
                k4a_image_t color = k4a_capture_get_color_image(capture);
                EXPECT_EQ(k4a_image_get_device_timestamp_usec(color), device_usec);
                k4a_image_release(color);
                k4a_capture_release(capture);
            }
        }
    }
    EXPECT_EQ(k4a_playback_seek_timestamp(playback_, 0, static_cast<k4a_playback_seek_origin_t>(7)), K4A_RESULT_FAILED);
}

TEST_F(RealRecordingTest, ColorConvertsToBgra32LikeFfmpegDecodes)
{
    ASSERT_EQ(k4a_playback_set_color_conversion(playback_, K4A_IMAGE_FORMAT_COLOR_NV12), K4A_RESULT_FAILED);
    ASSERT_EQ(k4a_playback_set_color_conversion(playback_, K4A_IMAGE_FORMAT_COLOR_BGRA32), K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
    k4a_image_t color = k4a_capture_get_color_image(capture);
    ASSERT_EQ(k4a_image_get_format(color), K4A_IMAGE_FORMAT_COLOR_BGRA32);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(color),
              std::stoull(Probe("streams.stream.0.start_pts")) + StartOffsetUsec());
    const std::vector<uint8_t> ours = Bytes(color);
    const std::vector<uint8_t> theirs = FfmpegFrame(0, "bgra");
    ASSERT_EQ(ours.size(), theirs.size());
    // Different JPEG decoders (IDCT, upsampling, YCbCr rounding): close, not equal.
    double total = 0;
    for (size_t i = 0; i < ours.size(); i++)
        total += std::abs(int(ours[i]) - int(theirs[i]));
    EXPECT_LT(total / ours.size(), 3.0);
    k4a_image_release(color);
    k4a_capture_release(capture);
}

// The reader's index against ffprobe's packet list: same frames, offsets, sizes, times.
TEST(RealRecordingIndexTest, FramesEqualFfprobePackets)
{
    const auto path = openk4a::testing::TestdataPath(kRecording);
    if (!path)
        GTEST_SKIP() << "shared testdata absent: " << kRecording;
    const auto packets = openk4a::testing::ProbePackets(*path);
    ASSERT_TRUE(packets);
    ok4a::record::MkvIndex index;
    std::string error;
    ASSERT_TRUE(index.Open(path->c_str(), &error)) << error;
    ASSERT_EQ(index.timecode_scale_ns(), 1000u);
    size_t frames = 0;
    for (size_t t = 0; t < index.tracks().size(); t++)
        frames += index.frames(t).frames.size();
    ASSERT_EQ(frames, packets->size());
    for (const auto &packet : *packets)
    {
        SCOPED_TRACE("stream " + std::to_string(packet.stream));
        const auto &track_frames = index.frames(static_cast<size_t>(packet.stream)).frames;
        ASSERT_EQ(track_frames.size(), 1u);
        const ok4a::record::MkvFrame &frame = track_frames[0];
        EXPECT_EQ(frame.size, packet.size);
        EXPECT_EQ(frame.offset, packet.pos + 4) << "ffprobe's pos is the block; 4 header bytes precede the frame";
        EXPECT_EQ(frame.block_timestamp_ns, static_cast<uint64_t>(packet.pts) * 1000);
    }
}

} // namespace
