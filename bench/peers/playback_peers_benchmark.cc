// k4arecord playback of a 2160p MJPG + NFOV unbinned depth + IR recording
// next to libavformat demuxing the same file (packets only, as playback
// returns MJPG undecoded) and a bare sequential read() of the file (the
// floor). Items are captures (3 frames each). Also: k4a_record_write_capture
// of the same streams plus 53 IMU samples per capture (1666 Hz at 30 fps),
// against the 33.3 ms a capture may take at 30 fps (a flush each 30 captures
// waits for the writer thread, so its time counts).
//
//   bazel build -c opt //bench/peers:playback_peers_benchmark
//   bazel-out/k8-opt/bin/bench/peers/playback_peers_benchmark --benchmark_repetitions=5
extern "C"
{
#include <libavformat/avformat.h>
}

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <k4arecord/record.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/record/recording_fixtures.h"

namespace
{

constexpr int kCaptures = 60;

// The recording, removed at exit; the path is never destroyed, so the exit
// handler can still read it (a static std::string was destroyed first and
// every run left its 110 MB file behind).
const std::string &RecordingPath()
{
    static const std::string &path = *new std::string(
        []
        {
            const char *tmp = std::getenv("TMPDIR");
            std::string p = std::string(tmp != nullptr ? tmp : "/tmp") + "/openk4a_playback_bench_" +
                            std::to_string(getpid()) + ".mkv";
            openk4a::testing::RecordingSpec spec;
            spec.color_resolution = K4A_COLOR_RESOLUTION_2160P;
            spec.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
            spec.captures = kCaptures;
            spec.imu_per_capture = 53;
            openk4a::testing::WrittenRecording written;
            std::string error;
            if (!openk4a::testing::WriteTestRecording(p, spec, &written, &error))
            {
                std::fprintf(stderr, "cannot write %s: %s\n", p.c_str(), error.c_str());
                std::exit(1);
            }
            return p;
        }());
    static const int removed_at_exit = std::atexit([] { std::remove(path.c_str()); });
    (void)removed_at_exit;
    return path;
}

void BM_K4aPlaybackNextCapture(benchmark::State &state)
{
    k4a_playback_t playback = nullptr;
    if (k4a_playback_open(RecordingPath().c_str(), &playback) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_playback_open failed");
        return;
    }
    int64_t captures = 0;
    for (auto _ : state)
    {
        k4a_capture_t capture = nullptr;
        k4a_stream_result_t r = k4a_playback_get_next_capture(playback, &capture);
        if (r == K4A_STREAM_RESULT_EOF)
        {
            k4a_playback_seek_timestamp(playback, 0, K4A_PLAYBACK_SEEK_BEGIN);
            r = k4a_playback_get_next_capture(playback, &capture);
        }
        if (r != K4A_STREAM_RESULT_SUCCEEDED)
        {
            state.SkipWithError("get_next_capture failed");
            break;
        }
        k4a_capture_release(capture);
        captures++;
    }
    state.SetItemsProcessed(captures);
    k4a_playback_close(playback);
}
BENCHMARK(BM_K4aPlaybackNextCapture)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

void BM_K4aPlaybackOpen(benchmark::State &state)
{
    const std::string &path = RecordingPath(); // written before the timing starts
    for (auto _ : state)
    {
        k4a_playback_t playback = nullptr;
        if (k4a_playback_open(path.c_str(), &playback) != K4A_RESULT_SUCCEEDED)
        {
            state.SkipWithError("k4a_playback_open failed");
            break;
        }
        k4a_playback_close(playback);
    }
}
BENCHMARK(BM_K4aPlaybackOpen)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

// libavformat's Matroska demuxer: one capture = three video packets.
void BM_LibavformatDemux(benchmark::State &state)
{
    AVFormatContext *format = nullptr;
    if (avformat_open_input(&format, RecordingPath().c_str(), nullptr, nullptr) != 0 ||
        avformat_find_stream_info(format, nullptr) < 0)
    {
        state.SkipWithError("avformat_open_input failed");
        return;
    }
    AVPacket *packet = av_packet_alloc();
    int64_t video_packets = 0;
    for (auto _ : state)
    {
        int got_video = 0;
        while (got_video < 3)
        {
            int r = av_read_frame(format, packet);
            if (r == AVERROR_EOF)
            {
                av_seek_frame(format, -1, 0, AVSEEK_FLAG_BACKWARD);
                continue;
            }
            if (r < 0)
            {
                state.SkipWithError("av_read_frame failed");
                break;
            }
            if (format->streams[packet->stream_index]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
                got_video++;
            benchmark::DoNotOptimize(packet->data);
            av_packet_unref(packet);
        }
        video_packets += got_video;
    }
    state.SetItemsProcessed(video_packets / 3);
    av_packet_free(&packet);
    avformat_close_input(&format);
}
BENCHMARK(BM_LibavformatDemux)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

// The floor: the file's bytes, read sequentially, per capture's share.
void BM_BareFileRead(benchmark::State &state)
{
    std::vector<uint8_t> buffer(1 << 20);
    const std::string &path = RecordingPath(); // written before the timing starts
    int64_t passes = 0;
    for (auto _ : state)
    {
        const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        ssize_t n;
        while ((n = read(fd, buffer.data(), buffer.size())) > 0)
            benchmark::DoNotOptimize(buffer.data());
        close(fd);
        passes++;
    }
    state.SetItemsProcessed(passes * kCaptures);
}
BENCHMARK(BM_BareFileRead)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

// Recording: 2160p MJPG + NFOV depth + IR per capture and 53 IMU samples.
void BM_K4aRecordCapture(benchmark::State &state)
{
    // Frames from the playback recording, written again with fresh timestamps.
    k4a_playback_t playback = nullptr;
    if (k4a_playback_open(RecordingPath().c_str(), &playback) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_playback_open failed");
        return;
    }
    k4a_capture_t source = nullptr;
    k4a_playback_get_next_capture(playback, &source);
    k4a_playback_close(playback);
    const std::string path = RecordingPath() + ".write.mkv";
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_resolution = K4A_COLOR_RESOLUTION_2160P;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    k4a_record_t record = nullptr;
    if (source == nullptr || k4a_record_create(path.c_str(), nullptr, config, &record) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("setup failed");
        return;
    }
    k4a_record_add_imu_track(record);
    k4a_record_write_header(record);
    uint64_t t = 1000000;
    int64_t failures = 0;
    int64_t written = 0;
    for (auto _ : state)
    {
        k4a_image_t images[3] = {k4a_capture_get_color_image(source), k4a_capture_get_depth_image(source),
                                 k4a_capture_get_ir_image(source)};
        for (k4a_image_t image : images)
        {
            k4a_image_set_device_timestamp_usec(image, t);
            k4a_image_release(image);
        }
        failures += k4a_record_write_capture(record, source) != K4A_RESULT_SUCCEEDED;
        for (int i = 0; i < 53; i++)
        {
            k4a_imu_sample_t sample = {};
            sample.acc_timestamp_usec = sample.gyro_timestamp_usec = t + static_cast<uint64_t>(i) * 600;
            failures += k4a_record_write_imu_sample(record, sample) != K4A_RESULT_SUCCEEDED;
        }
        t += 33333;
        // The file is written on k4arecord's writer thread: flushing each
        // second of data keeps that work inside the timed loop.
        if (++written % 30 == 0)
            failures += k4a_record_flush(record) != K4A_RESULT_SUCCEEDED;
    }
    k4a_record_close(record);
    k4a_capture_release(source);
    std::remove(path.c_str());
    state.SetItemsProcessed(state.iterations());
    state.counters["failed_writes"] = static_cast<double>(failures);
}
BENCHMARK(BM_K4aRecordCapture)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

} // namespace

BENCHMARK_MAIN();
