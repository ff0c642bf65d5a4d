// k4arecord playback of arbitrary files: open, then everything a program
// reads (configuration, tags, tracks, attachments, captures both ways, IMU,
// custom data blocks, seeks). Never a crash, a hang or an unbounded
// allocation; every result is one the API allows and every capture holds an
// image of the size its track declares.
#include <sys/mman.h>
#include <unistd.h>

#include <k4a/k4a.h>
#include <k4arecord/playback.h>

#include <cstdio>
#include <string>

#include "fuzz/harness.h"

namespace
{

bool StreamResult(k4a_stream_result_t r)
{
    return r == K4A_STREAM_RESULT_SUCCEEDED || r == K4A_STREAM_RESULT_FAILED || r == K4A_STREAM_RESULT_EOF;
}

void CheckCapture(k4a_playback_t playback, k4a_capture_t capture)
{
    k4a_image_t images[3] = {k4a_capture_get_color_image(capture), k4a_capture_get_depth_image(capture),
                             k4a_capture_get_ir_image(capture)};
    CHECK(images[0] != nullptr || images[1] != nullptr || images[2] != nullptr);
    k4a_record_configuration_t config;
    CHECK(k4a_playback_get_record_configuration(playback, &config) == K4A_RESULT_SUCCEEDED);
    if (images[1] != nullptr)
    {
        CHECK(config.depth_track_enabled);
        CHECK(k4a_image_get_format(images[1]) == K4A_IMAGE_FORMAT_DEPTH16);
    }
    if (images[2] != nullptr)
        CHECK(k4a_image_get_format(images[2]) == K4A_IMAGE_FORMAT_IR16);
    for (k4a_image_t image : images)
        k4a_image_release(image);
}

void Read(k4a_playback_t playback)
{
    k4a_record_configuration_t config;
    CHECK(k4a_playback_get_record_configuration(playback, &config) == K4A_RESULT_SUCCEEDED);
    size_t size = 0;
    k4a_playback_get_raw_calibration(playback, nullptr, &size);
    char text[64];
    size = sizeof text;
    k4a_playback_get_tag(playback, "K4A_DEVICE_SERIAL_NUMBER", text, &size);
    const size_t tracks = k4a_playback_get_track_count(playback);
    for (size_t t = 0; t < tracks; t++)
    {
        size = sizeof text;
        if (k4a_playback_get_track_name(playback, t, text, &size) != K4A_BUFFER_RESULT_SUCCEEDED)
            continue;
        if (k4a_playback_track_is_builtin(playback, text))
            continue;
        for (int i = 0; i < 8; i++)
        {
            k4a_playback_data_block_t block = nullptr;
            const k4a_stream_result_t r = k4a_playback_get_next_data_block(playback, text, &block);
            CHECK(StreamResult(r));
            if (r != K4A_STREAM_RESULT_SUCCEEDED)
                break;
            CHECK(k4a_playback_data_block_get_buffer_size(block) == 0 ||
                  k4a_playback_data_block_get_buffer(block) != nullptr);
            k4a_playback_data_block_release(block);
        }
    }
    const int64_t length = static_cast<int64_t>(k4a_playback_get_recording_length_usec(playback));
    const int64_t seeks[] = {0, length / 2, length, -1};
    for (int64_t seek : seeks)
    {
        CHECK(k4a_playback_seek_timestamp(playback, seek, seek < 0 ? K4A_PLAYBACK_SEEK_END : K4A_PLAYBACK_SEEK_BEGIN) ==
              K4A_RESULT_SUCCEEDED);
        for (bool next : {true, false, true})
        {
            for (int i = 0; i < 4; i++)
            {
                k4a_capture_t capture = nullptr;
                const k4a_stream_result_t r = next ? k4a_playback_get_next_capture(playback, &capture) :
                                                     k4a_playback_get_previous_capture(playback, &capture);
                CHECK(StreamResult(r));
                CHECK((r == K4A_STREAM_RESULT_SUCCEEDED) == (capture != nullptr));
                if (capture == nullptr)
                    break;
                CheckCapture(playback, capture);
                k4a_capture_release(capture);
            }
            k4a_imu_sample_t sample;
            for (int i = 0; i < 4; i++)
            {
                const k4a_stream_result_t r = next ? k4a_playback_get_next_imu_sample(playback, &sample) :
                                                     k4a_playback_get_previous_imu_sample(playback, &sample);
                CHECK(StreamResult(r));
                if (r != K4A_STREAM_RESULT_SUCCEEDED)
                    break;
            }
        }
    }
    if (config.color_format == K4A_IMAGE_FORMAT_COLOR_MJPG &&
        k4a_playback_set_color_conversion(playback, K4A_IMAGE_FORMAT_COLOR_BGRA32) == K4A_RESULT_SUCCEEDED)
    {
        CHECK(k4a_playback_seek_timestamp(playback, 0, K4A_PLAYBACK_SEEK_BEGIN) == K4A_RESULT_SUCCEEDED);
        k4a_capture_t capture = nullptr;
        if (k4a_playback_get_next_capture(playback, &capture) == K4A_STREAM_RESULT_SUCCEEDED)
        {
            k4a_image_t color = k4a_capture_get_color_image(capture);
            CHECK(color == nullptr || k4a_image_get_format(color) == K4A_IMAGE_FORMAT_COLOR_BGRA32);
            k4a_image_release(color);
            k4a_capture_release(capture);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    // The playback API opens a path: hand it the input as an in-memory file.
    const int fd = memfd_create("playback_fuzzer", MFD_CLOEXEC);
    CHECK(fd >= 0);
    size_t written = 0;
    while (written < size)
    {
        const ssize_t n = write(fd, data + written, size - written);
        CHECK(n > 0);
        written += static_cast<size_t>(n);
    }
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    k4a_playback_t playback = nullptr;
    if (k4a_playback_open(path.c_str(), &playback) == K4A_RESULT_SUCCEEDED)
    {
        CHECK(playback != nullptr);
        Read(playback);
        k4a_playback_close(playback);
    }
    else
    {
        CHECK(playback == nullptr);
    }
    close(fd);
    return 0;
}
