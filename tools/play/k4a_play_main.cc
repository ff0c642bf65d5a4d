// k4a-play: a recording's summary (configuration, tracks, tags, stream counts
// and timestamps) and PNG previews of its first images.
//
//   k4a-play [-o DIR] [--no-png] recording.mkv
//
// Exit status: 0 done, 1 the recording cannot be read (the log says where and
// why), 2 a bad command line.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <sys/stat.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <openk4a/image_png.h>
#include <openk4a/k4a_strings.h>

namespace
{

// The tags k4arecorder writes, in its order (the API cannot list tags).
const char *const kKnownTags[] = {
    "K4A_COLOR_MODE",
    "K4A_DEPTH_MODE",
    "K4A_IR_MODE",
    "K4A_IMU_MODE",
    "K4A_DEPTH_DELAY_NS",
    "K4A_WIRED_SYNC_MODE",
    "K4A_SUBORDINATE_DELAY_NS",
    "K4A_COLOR_FIRMWARE_VERSION",
    "K4A_DEPTH_FIRMWARE_VERSION",
    "K4A_DEVICE_SERIAL_NUMBER",
    "K4A_START_OFFSET_NS",
    "K4A_CALIBRATION_FILE",
};

std::string Text(k4a_buffer_result_t (*get)(k4a_playback_t, const char *, char *, size_t *), k4a_playback_t playback,
                 const char *name)
{
    size_t size = 0;
    if (get(playback, name, nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL)
        return std::string();
    std::vector<char> text(size);
    if (get(playback, name, text.data(), &size) != K4A_BUFFER_RESULT_SUCCEEDED)
        return std::string();
    return std::string(text.data());
}

struct StreamCount
{
    uint64_t images = 0;
    uint64_t first_usec = 0;
    uint64_t last_usec = 0;
    k4a_image_t first = nullptr; // the preview
};

void Count(StreamCount *count, k4a_image_t image)
{
    if (image == nullptr)
        return;
    const uint64_t t = k4a_image_get_device_timestamp_usec(image);
    if (count->images++ == 0)
    {
        count->first_usec = t;
        count->first = image;
        k4a_image_reference(image);
    }
    count->last_usec = t;
    k4a_image_release(image);
}

int Usage(const char *message)
{
    if (message != nullptr)
        std::fprintf(stderr, "k4a-play: %s\n", message);
    std::fprintf(stderr, "usage: k4a-play [-o DIR] [--no-png] recording.mkv\n"
                         "  -o DIR     folder for color.png, depth.png, ir.png (default $TMPDIR/k4a-play)\n"
                         "  --no-png   write no previews\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    std::string path, out_dir;
    bool png = true;
    for (int i = 1; i < argc; i++)
    {
        const std::string arg = argv[i];
        if (arg == "-h" || arg == "--help")
            return Usage(nullptr) == 2 ? 0 : 0;
        if (arg == "--no-png")
            png = false;
        else if (arg == "-o" && i + 1 < argc)
            out_dir = argv[++i];
        else if (arg.compare(0, 9, "--output=") == 0)
            out_dir = arg.substr(9);
        else if (!arg.empty() && arg[0] == '-')
            return Usage(("unknown option " + arg).c_str());
        else if (path.empty())
            path = arg;
        else
            return Usage("one recording at a time");
    }
    if (path.empty())
        return Usage("which recording?");
    if (out_dir.empty())
    {
        const char *tmp = std::getenv("TMPDIR");
        out_dir = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/k4a-play";
    }

    k4a_playback_t playback = nullptr;
    if (k4a_playback_open(path.c_str(), &playback) != K4A_RESULT_SUCCEEDED)
    {
        std::fprintf(stderr, "k4a-play: %s is not a recording k4a-play can read (see the message above)\n",
                     path.c_str());
        return 1;
    }
    k4a_record_configuration_t config;
    k4a_playback_get_record_configuration(playback, &config);
    std::printf("Recording %s\n", path.c_str());
    std::printf("  length %.6f s, start offset %u us\n", k4a_playback_get_recording_length_usec(playback) / 1e6,
                config.start_timestamp_offset_usec);
    std::printf("  colour %s %s, depth %s, %s, IR %s, IMU %s\n",
                config.color_track_enabled ? openk4a_image_format_to_string(config.color_format) : "off",
                config.color_track_enabled ? openk4a_color_resolution_to_string(config.color_resolution) : "",
                openk4a_depth_mode_to_string(config.depth_mode), openk4a_fps_to_string(config.camera_fps),
                config.ir_track_enabled ? "on" : "off", config.imu_track_enabled ? "on" : "off");
    std::printf("  wired sync %s, depth delay %d us, subordinate delay %u us\n",
                openk4a_wired_sync_mode_to_string(config.wired_sync_mode), config.depth_delay_off_color_usec,
                config.subordinate_delay_off_master_usec);
    size_t calibration_size = 0;
    if (k4a_playback_get_raw_calibration(playback, nullptr, &calibration_size) == K4A_BUFFER_RESULT_TOO_SMALL)
        std::printf("  calibration %zu bytes\n", calibration_size);
    else
        std::printf("  calibration: none\n");

    const size_t tracks = k4a_playback_get_track_count(playback);
    std::printf("Tracks (%zu)\n", tracks);
    for (size_t t = 0; t < tracks; t++)
    {
        size_t size = 0;
        if (k4a_playback_get_track_name(playback, t, nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL)
            continue;
        std::vector<char> name(size);
        k4a_playback_get_track_name(playback, t, name.data(), &size);
        const std::string codec = Text(k4a_playback_track_get_codec_id, playback, name.data());
        k4a_record_video_settings_t video;
        std::string detail;
        // Matroska video codec IDs start with "V_" (others have no video settings).
        if (codec.compare(0, 2, "V_") == 0 &&
            k4a_playback_track_get_video_settings(playback, name.data(), &video) == K4A_RESULT_SUCCEEDED)
        {
            char text[64];
            std::snprintf(text, sizeof text, ", %" PRIu64 "x%" PRIu64 " at %" PRIu64 " fps", video.width, video.height,
                          video.frame_rate);
            detail = text;
        }
        std::printf("  %-8s %s%s%s\n", name.data(), codec.c_str(), detail.c_str(),
                    k4a_playback_track_is_builtin(playback, name.data()) ? ", built-in" : ", custom");
    }
    std::printf("Tags\n");
    for (const char *tag : kKnownTags)
    {
        const std::string value = Text(k4a_playback_get_tag, playback, tag);
        if (!value.empty())
            std::printf("  %s = %s\n", tag, value.c_str());
    }

    StreamCount counts[3];
    uint64_t captures = 0;
    int status = 0;
    for (;;)
    {
        k4a_capture_t capture = nullptr;
        const k4a_stream_result_t result = k4a_playback_get_next_capture(playback, &capture);
        if (result == K4A_STREAM_RESULT_EOF)
            break;
        if (result == K4A_STREAM_RESULT_FAILED)
        {
            std::fprintf(stderr, "k4a-play: reading capture %" PRIu64 " failed (see the message above)\n",
                         captures + 1);
            status = 1;
            break;
        }
        captures++;
        Count(&counts[0], k4a_capture_get_color_image(capture));
        Count(&counts[1], k4a_capture_get_depth_image(capture));
        Count(&counts[2], k4a_capture_get_ir_image(capture));
        k4a_capture_release(capture);
    }
    uint64_t imu = 0;
    k4a_imu_sample_t sample;
    uint64_t imu_first = 0, imu_last = 0;
    k4a_stream_result_t imu_result;
    while ((imu_result = k4a_playback_get_next_imu_sample(playback, &sample)) == K4A_STREAM_RESULT_SUCCEEDED)
    {
        if (imu++ == 0)
            imu_first = sample.acc_timestamp_usec;
        imu_last = sample.acc_timestamp_usec;
    }
    if (imu_result == K4A_STREAM_RESULT_FAILED)
        status = 1;

    const char *names[3] = {"colour", "depth", "IR"};
    std::printf("Captures %" PRIu64 "\n", captures);
    for (int s = 0; s < 3; s++)
    {
        if (counts[s].images > 0)
            std::printf("  %-6s %" PRIu64 " images, device time %" PRIu64 " .. %" PRIu64 " us\n", names[s],
                        counts[s].images, counts[s].first_usec, counts[s].last_usec);
    }
    if (config.imu_track_enabled)
        std::printf("  IMU    %" PRIu64 " samples, device time %" PRIu64 " .. %" PRIu64 " us\n", imu, imu_first,
                    imu_last);

    if (png)
    {
        if (mkdir(out_dir.c_str(), 0777) != 0 && errno != EEXIST)
        {
            std::fprintf(stderr, "k4a-play: cannot create %s: %s\n", out_dir.c_str(), std::strerror(errno));
            status = 1;
        }
        const char *files[3] = {"color.png", "depth.png", "ir.png"};
        for (int s = 0; s < 3 && status == 0; s++)
        {
            if (counts[s].first == nullptr)
                continue;
            const std::string file = out_dir + "/" + files[s];
            openk4a_png_error_t error;
            if (openk4a_image_write_png_explained(counts[s].first, file.c_str(), nullptr, &error) ==
                K4A_RESULT_SUCCEEDED)
            {
                std::printf("Preview %s (first %s image)\n", file.c_str(), names[s]);
            }
            else
            {
                std::fprintf(stderr, "k4a-play: %s: %s\n", file.c_str(), error.message);
                status = 1;
            }
        }
    }
    for (StreamCount &count : counts)
        k4a_image_release(count.first);
    k4a_playback_close(playback);
    return status;
}
