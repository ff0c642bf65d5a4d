// Record with k4a_record_*, play back with k4a_playback_*: every stream comes
// back bit for bit; the file is read by mkvinfo and ffprobe with the tracks,
// sizes and packet times written; seeking lands on the right capture.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <k4arecord/record.h>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/record/external_tools.h"
#include "tests/record/recording_fixtures.h"
#include "tests/testing/image_leaks.h"

namespace
{

using namespace openk4a::testing;

std::vector<uint8_t> Bytes(k4a_image_t image)
{
    const uint8_t *data = k4a_image_get_buffer(image);
    return std::vector<uint8_t>(data, data + k4a_image_get_size(image));
}

class RoundTripTest : public NoImageLeaks
{
protected:
    void Write(const RecordingSpec &spec)
    {
        path_ = TempPath(".mkv");
        std::string error;
        ASSERT_TRUE(WriteTestRecording(path_, spec, &written_, &error)) << error;
        ASSERT_EQ(k4a_playback_open(path_.c_str(), &playback_), K4A_RESULT_SUCCEEDED);
    }
    void TearDown() override
    {
        k4a_playback_close(playback_);
        NoImageLeaks::TearDown();
    }

    void ExpectCapture(k4a_capture_t capture, const WrittenCapture &expected)
    {
        const WrittenImage *images[3] = {&expected.color, &expected.depth, &expected.ir};
        k4a_image_t got[3] = {k4a_capture_get_color_image(capture), k4a_capture_get_depth_image(capture),
                              k4a_capture_get_ir_image(capture)};
        for (int i = 0; i < 3; i++)
        {
            SCOPED_TRACE(i);
            if (images[i]->bytes.empty())
            {
                EXPECT_EQ(got[i], nullptr);
                continue;
            }
            ASSERT_NE(got[i], nullptr);
            EXPECT_EQ(k4a_image_get_device_timestamp_usec(got[i]), images[i]->device_timestamp_usec);
            EXPECT_TRUE(Bytes(got[i]) == images[i]->bytes) << "pixels differ";
            k4a_image_release(got[i]);
        }
    }

    std::string path_;
    WrittenRecording written_;
    k4a_playback_t playback_ = nullptr;
};

TEST_F(RoundTripTest, EveryStreamComesBackBitForBit)
{
    RecordingSpec spec;
    spec.captures = 75; // 2.5 s at 30 fps: past the 2 s write delay
    spec.imu_per_capture = 4;
    spec.custom_tracks = true;
    Write(spec);

    k4a_record_configuration_t config;
    ASSERT_EQ(k4a_playback_get_record_configuration(playback_, &config), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(config.color_format, spec.color_format);
    EXPECT_EQ(config.color_resolution, spec.color_resolution);
    EXPECT_EQ(config.depth_mode, spec.depth_mode);
    EXPECT_EQ(config.camera_fps, spec.fps);
    EXPECT_TRUE(config.color_track_enabled && config.depth_track_enabled && config.ir_track_enabled &&
                config.imu_track_enabled);
    EXPECT_EQ(config.start_timestamp_offset_usec, written_.start_offset_usec);
    EXPECT_EQ(config.wired_sync_mode, K4A_WIRED_SYNC_MODE_STANDALONE);

    for (const WrittenCapture &expected : written_.captures)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
        ExpectCapture(capture, expected);
        k4a_capture_release(capture);
    }
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_EOF);
    // And backwards.
    for (size_t i = written_.captures.size(); i-- > 0;)
    {
        ASSERT_EQ(k4a_playback_get_previous_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
        ExpectCapture(capture, written_.captures[i]);
        k4a_capture_release(capture);
    }
    EXPECT_EQ(k4a_playback_get_previous_capture(playback_, &capture), K4A_STREAM_RESULT_EOF);

    for (const k4a_imu_sample_t &expected : written_.imu)
    {
        k4a_imu_sample_t sample;
        ASSERT_EQ(k4a_playback_get_next_imu_sample(playback_, &sample), K4A_STREAM_RESULT_SUCCEEDED);
        EXPECT_EQ(sample.acc_timestamp_usec, expected.acc_timestamp_usec);
        EXPECT_EQ(sample.gyro_timestamp_usec, expected.gyro_timestamp_usec);
        EXPECT_EQ(std::memcmp(&sample.acc_sample, &expected.acc_sample, sizeof sample.acc_sample), 0);
        EXPECT_EQ(std::memcmp(&sample.gyro_sample, &expected.gyro_sample, sizeof sample.gyro_sample), 0);
        EXPECT_TRUE(std::isnan(sample.temperature));
    }
    k4a_imu_sample_t sample;
    EXPECT_EQ(k4a_playback_get_next_imu_sample(playback_, &sample), K4A_STREAM_RESULT_EOF);

    const char *tracks[2] = {kCustomSubtitleTrack, kCustomVideoTrack};
    const std::vector<WrittenBlock> *blocks[2] = {&written_.subtitle_blocks, &written_.video_blocks};
    for (int t = 0; t < 2; t++)
    {
        EXPECT_FALSE(k4a_playback_track_is_builtin(playback_, tracks[t]));
        for (const WrittenBlock &expected : *blocks[t])
        {
            k4a_playback_data_block_t block = nullptr;
            ASSERT_EQ(k4a_playback_get_next_data_block(playback_, tracks[t], &block), K4A_STREAM_RESULT_SUCCEEDED);
            EXPECT_EQ(k4a_playback_data_block_get_device_timestamp_usec(block), expected.device_timestamp_usec);
            const uint8_t *data = k4a_playback_data_block_get_buffer(block);
            EXPECT_EQ(std::vector<uint8_t>(data, data + k4a_playback_data_block_get_buffer_size(block)),
                      expected.bytes);
            k4a_playback_data_block_release(block);
        }
        k4a_playback_data_block_t block = nullptr;
        EXPECT_EQ(k4a_playback_get_next_data_block(playback_, tracks[t], &block), K4A_STREAM_RESULT_EOF);
    }
    char codec[32];
    size_t size = sizeof codec;
    ASSERT_EQ(k4a_playback_track_get_codec_id(playback_, kCustomSubtitleTrack, codec, &size),
              K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_STREQ(codec, kCustomSubtitleCodec);
    k4a_record_video_settings_t video;
    ASSERT_EQ(k4a_playback_track_get_video_settings(playback_, kCustomVideoTrack, &video), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(video.width, kCustomVideoWidth);
    EXPECT_EQ(video.height, kCustomVideoHeight);
    EXPECT_EQ(video.frame_rate, 30u);
    uint8_t context[8];
    size = sizeof context;
    ASSERT_EQ(k4a_playback_track_get_codec_context(playback_, kCustomVideoTrack, context, &size),
              K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(std::vector<uint8_t>(context, context + size), (std::vector<uint8_t>{1, 2, 3, 4}));

    char tag[32];
    size = sizeof tag;
    ASSERT_EQ(k4a_playback_get_tag(playback_, "OPENK4A_TEST_TAG", tag, &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_STREQ(tag, "round trip");
    std::vector<uint8_t> raw(written_.calibration_json.size() + 1);
    size = raw.size();
    ASSERT_EQ(k4a_playback_get_raw_calibration(playback_, raw.data(), &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(std::string(reinterpret_cast<char *>(raw.data())), written_.calibration_json);
}

TEST_F(RoundTripTest, FfprobeAndMkvinfoSeeTheTracksAndTimes)
{
    RecordingSpec spec;
    spec.captures = 75;
    spec.imu_per_capture = 2;
    Write(spec);
    const auto mkvinfo = RunCommand("mkvinfo -v -v " + Quote(path_));
    ASSERT_TRUE(mkvinfo) << "mkvinfo rejected the file";
    EXPECT_NE(mkvinfo->find("Codec ID: V_MS/VFW/FOURCC"), std::string::npos);
    EXPECT_NE(mkvinfo->find("Codec ID: S_K4A/IMU"), std::string::npos);
    EXPECT_NE(mkvinfo->find("Cue point"), std::string::npos) << "cues for seeking";
    EXPECT_NE(mkvinfo->find("(KaxCues)"), std::string::npos) << "the seek head points at the cues";
    EXPECT_NE(mkvinfo->find("File name: calibration.json"), std::string::npos);

    const auto probe =
        RunCommand("ffprobe -v error -count_packets -show_streams -show_format -of flat " + Quote(path_));
    ASSERT_TRUE(probe) << "ffprobe rejected the file";
    auto values = ParseFlat(*probe);
    const char *titles[] = {"COLOR", "DEPTH", "IR", "IMU"};
    const char *tags[] = {"MJPG", "b16g", "b16g", ""};
    const char *widths[] = {"1280", "320", "320", "N/A"};
    for (int i = 0; i < 4; i++)
    {
        const std::string stream = "streams.stream." + std::to_string(i) + ".";
        EXPECT_EQ(values[stream + "tags.title"], titles[i]);
        if (i < 3)
        {
            EXPECT_EQ(values[stream + "codec_tag_string"], tags[i]);
            EXPECT_EQ(values[stream + "width"], widths[i]);
            EXPECT_EQ(values[stream + "avg_frame_rate"], "30/1");
            EXPECT_EQ(values[stream + "nb_read_packets"], std::to_string(spec.captures));
        }
    }
    EXPECT_EQ(values["streams.stream.3.nb_read_packets"], std::to_string(written_.imu.size()));
    EXPECT_EQ(values["streams.stream.1.tags.K4A_DEPTH_MODE"], "NFOV_2X2BINNED");
    EXPECT_EQ(values["streams.stream.0.tags.K4A_COLOR_MODE"], "MJPG_720P");
    EXPECT_EQ(values["format.tags.K4A_START_OFFSET_NS"], std::to_string(written_.start_offset_usec * 1000));
    EXPECT_EQ(values["format.tags.OPENK4A_TEST_TAG"], "round trip");

    // Packet times: device timestamp - start offset, in microseconds.
    const auto packets = ProbePackets(path_);
    ASSERT_TRUE(packets);
    size_t depth_index = 0;
    for (const ProbePacket &packet : *packets)
    {
        if (packet.stream != 1)
            continue;
        ASSERT_LT(depth_index, written_.captures.size());
        EXPECT_EQ(static_cast<uint64_t>(packet.pts) + written_.start_offset_usec,
                  written_.captures[depth_index].depth.device_timestamp_usec);
        EXPECT_EQ(packet.size, written_.captures[depth_index].depth.bytes.size());
        depth_index++;
    }
    EXPECT_EQ(depth_index, written_.captures.size());

    // ffmpeg decodes the stored depth as big-endian grey: equal to what we wrote.
    const std::string raw = TempPath(".raw");
    ASSERT_TRUE(RunCommand("ffmpeg -v error -y -i " + Quote(path_) +
                           " -map 0:1 -frames:v 1 -pix_fmt gray16le -f rawvideo " + Quote(raw)));
    EXPECT_TRUE(ReadFile(raw).value_or(std::vector<uint8_t>()) == written_.captures[0].depth.bytes);
}

TEST_F(RoundTripTest, SeekingLandsOnTheRightCapture)
{
    RecordingSpec spec;
    spec.captures = 90;
    spec.imu_per_capture = 3;
    Write(spec);
    // The last block written is the last capture's last IMU sample.
    EXPECT_EQ(k4a_playback_get_recording_length_usec(playback_),
              written_.imu.back().acc_timestamp_usec - written_.start_offset_usec);
    for (size_t k : {size_t{0}, size_t{1}, size_t{44}, size_t{61}, size_t{89}})
    {
        SCOPED_TRACE(k);
        const uint64_t device = written_.captures[k].color.device_timestamp_usec;
        k4a_capture_t capture = nullptr;
        // Device time of capture k: next gives k, previous gives k-1.
        ASSERT_EQ(k4a_playback_seek_timestamp(playback_, static_cast<int64_t>(device), K4A_PLAYBACK_SEEK_DEVICE_TIME),
                  K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
        ExpectCapture(capture, written_.captures[k]);
        k4a_capture_release(capture);
        ASSERT_EQ(k4a_playback_seek_timestamp(playback_, static_cast<int64_t>(device), K4A_PLAYBACK_SEEK_DEVICE_TIME),
                  K4A_RESULT_SUCCEEDED);
        const k4a_stream_result_t previous = k4a_playback_get_previous_capture(playback_, &capture);
        if (k == 0)
        {
            EXPECT_EQ(previous, K4A_STREAM_RESULT_EOF);
        }
        else
        {
            ASSERT_EQ(previous, K4A_STREAM_RESULT_SUCCEEDED);
            ExpectCapture(capture, written_.captures[k - 1]);
            k4a_capture_release(capture);
        }
        // Half a period later (from the start): next gives k+1.
        ASSERT_EQ(k4a_playback_seek_timestamp(playback_,
                                              static_cast<int64_t>(device - written_.start_offset_usec) + 16000,
                                              K4A_PLAYBACK_SEEK_BEGIN),
                  K4A_RESULT_SUCCEEDED);
        const k4a_stream_result_t next = k4a_playback_get_next_capture(playback_, &capture);
        if (k + 1 == written_.captures.size())
        {
            EXPECT_EQ(next, K4A_STREAM_RESULT_EOF);
        }
        else
        {
            ASSERT_EQ(next, K4A_STREAM_RESULT_SUCCEEDED);
            ExpectCapture(capture, written_.captures[k + 1]);
            k4a_capture_release(capture);
        }
        // IMU: the first sample at or after the seek time.
        ASSERT_EQ(k4a_playback_seek_timestamp(playback_, static_cast<int64_t>(device), K4A_PLAYBACK_SEEK_DEVICE_TIME),
                  K4A_RESULT_SUCCEEDED);
        k4a_imu_sample_t sample;
        ASSERT_EQ(k4a_playback_get_next_imu_sample(playback_, &sample), K4A_STREAM_RESULT_SUCCEEDED);
        EXPECT_EQ(sample.acc_timestamp_usec, written_.imu[k * 3].acc_timestamp_usec);
    }
}

TEST_F(RoundTripTest, DepthDelayAndPassiveIr)
{
    RecordingSpec spec;
    spec.captures = 20;
    spec.color_format = K4A_IMAGE_FORMAT_COLOR_BGRA32;
    spec.color_resolution = K4A_COLOR_RESOLUTION_720P;
    spec.depth_mode = K4A_DEPTH_MODE_PASSIVE_IR;
    spec.fps = K4A_FRAMES_PER_SECOND_15;
    spec.depth_delay_off_color_usec = -5000;
    Write(spec);
    k4a_record_configuration_t config;
    ASSERT_EQ(k4a_playback_get_record_configuration(playback_, &config), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(config.depth_mode, K4A_DEPTH_MODE_PASSIVE_IR);
    EXPECT_FALSE(config.depth_track_enabled);
    EXPECT_TRUE(config.ir_track_enabled);
    EXPECT_EQ(config.color_format, K4A_IMAGE_FORMAT_COLOR_BGRA32);
    EXPECT_EQ(config.camera_fps, K4A_FRAMES_PER_SECOND_15);
    EXPECT_EQ(config.depth_delay_off_color_usec, -5000);
    for (const WrittenCapture &expected : written_.captures)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_playback_get_next_capture(playback_, &capture), K4A_STREAM_RESULT_SUCCEEDED);
        ExpectCapture(capture, expected);
        k4a_capture_release(capture);
    }
}

TEST(RecordApiTest, MisuseIsRefusedWithAReason)
{
    const std::string path = TempPath(".mkv");
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    k4a_record_t record = nullptr;
    EXPECT_EQ(k4a_record_create("/nonexistent/dir/x.mkv", nullptr, config, &record), K4A_RESULT_FAILED);
    config.color_resolution = static_cast<k4a_color_resolution_t>(99);
    EXPECT_EQ(k4a_record_create(path.c_str(), nullptr, config, &record), K4A_RESULT_FAILED);
    config.color_resolution = K4A_COLOR_RESOLUTION_OFF;
    ASSERT_EQ(k4a_record_create(path.c_str(), nullptr, config, &record), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t sample = {};
    EXPECT_EQ(k4a_record_write_imu_sample(record, sample), K4A_RESULT_FAILED) << "no IMU track";
    EXPECT_EQ(k4a_record_add_custom_subtitle_track(record, "DEPTH", "S_X", nullptr, 0, nullptr), K4A_RESULT_FAILED)
        << "name taken";
    k4a_capture_t capture = nullptr;
    k4a_capture_create(&capture);
    EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_FAILED) << "before the header";
    ASSERT_EQ(k4a_record_write_header(record), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_record_add_tag(record, "LATE", "x"), K4A_RESULT_FAILED) << "after the header";
    EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_FAILED) << "empty capture";
    k4a_image_t wrong = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 0, &wrong), K4A_RESULT_SUCCEEDED);
    k4a_capture_set_depth_image(capture, wrong);
    EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_FAILED) << "size differs from the mode";
    k4a_image_release(wrong);
    k4a_capture_release(capture);
    k4a_record_close(record);
    EXPECT_EQ(k4a_record_write_header(nullptr), K4A_RESULT_FAILED);
    k4a_record_close(nullptr);
}

// The file is written on the writer thread: a write error (a full disk) fails
// the flush and every later write, and close still ends cleanly.
TEST(RecordApiTest, AFullDiskFailsTheFlushAndLaterWrites)
{
    if (access("/dev/full", W_OK) != 0)
        GTEST_SKIP() << "no /dev/full";
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    k4a_record_t record = nullptr;
    ASSERT_EQ(k4a_record_create("/dev/full", nullptr, config, &record), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_record_write_header(record), K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    k4a_image_t depth = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, &depth), K4A_RESULT_SUCCEEDED);
    k4a_image_set_device_timestamp_usec(depth, 1000000);
    k4a_capture_set_depth_image(capture, depth);
    EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_SUCCEEDED) << "queued, not yet written";
    EXPECT_EQ(k4a_record_flush(record), K4A_RESULT_FAILED);
    k4a_image_set_device_timestamp_usec(depth, 1033333);
    EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_FAILED) << "after the failure";
    k4a_image_release(depth);
    k4a_capture_release(capture);
    k4a_record_close(record);
}

} // namespace
