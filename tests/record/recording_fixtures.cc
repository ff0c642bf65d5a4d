#include "tests/record/recording_fixtures.h"

#include <k4a/k4a.h>
#include <k4arecord/record.h>

#include <openk4a/device.h>

#include <algorithm>

#include "tests/color/jpeg_fixtures.h"

namespace openk4a::testing
{
namespace
{

// An image of `format` filled with a pattern that differs per frame and pixel.
k4a_image_t PatternImage(k4a_image_format_t format, int width, int height, int frame, uint64_t timestamp_usec,
                         WrittenImage *written)
{
    k4a_image_t image = nullptr;
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        FrameSpec spec;
        spec.width = static_cast<uint32_t>(width);
        spec.height = static_cast<uint32_t>(height);
        spec.seed = static_cast<uint32_t>(frame);
        std::vector<uint8_t> *jpeg = new std::vector<uint8_t>(EncodeFixtureFrame(spec));
        if (k4a_image_create_from_buffer(
                format, width, height, 0, jpeg->data(), jpeg->size(),
                [](void *, void *context) { delete static_cast<std::vector<uint8_t> *>(context); }, jpeg,
                &image) != K4A_RESULT_SUCCEEDED)
        {
            delete jpeg;
            return nullptr;
        }
    }
    else
    {
        if (k4a_image_create(format, width, height, 0, &image) != K4A_RESULT_SUCCEEDED)
            return nullptr;
        uint8_t *data = k4a_image_get_buffer(image);
        const size_t size = k4a_image_get_size(image);
        for (size_t i = 0; i < size; i++)
            data[i] = static_cast<uint8_t>((i * 7 + i / 641 + static_cast<size_t>(frame) * 13 + format) & 0xFF);
    }
    k4a_image_set_device_timestamp_usec(image, timestamp_usec);
    const uint8_t *data = k4a_image_get_buffer(image);
    written->device_timestamp_usec = timestamp_usec;
    written->bytes.assign(data, data + k4a_image_get_size(image));
    return image;
}

} // namespace

bool WriteTestRecording(const std::string &path, const RecordingSpec &spec, WrittenRecording *written,
                        std::string *error)
{
    *written = WrittenRecording{};
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = spec.color_format;
    config.color_resolution = spec.color_resolution;
    config.depth_mode = spec.depth_mode;
    config.camera_fps = spec.fps;
    config.depth_delay_off_color_usec = spec.depth_delay_off_color_usec;
    k4a_record_t record = nullptr;
    if (k4a_record_create(path.c_str(), nullptr, config, &record) != K4A_RESULT_SUCCEEDED)
    {
        *error = "k4a_record_create failed";
        return false;
    }
    bool ok = true;
    ok = ok && k4a_record_add_tag(record, "OPENK4A_TEST_TAG", "round trip") == K4A_RESULT_SUCCEEDED;
    if (spec.calibration)
    {
        written->calibration_json = "{\"CalibrationInformation\":{\"made\":\"by openk4a tests\"}}";
        ok = ok && k4a_record_add_attachment(record, "calibration.json",
                                             reinterpret_cast<const uint8_t *>(written->calibration_json.data()),
                                             written->calibration_json.size()) == K4A_RESULT_SUCCEEDED;
    }
    if (spec.imu_per_capture > 0)
        ok = ok && k4a_record_add_imu_track(record) == K4A_RESULT_SUCCEEDED;
    if (spec.custom_tracks)
    {
        k4a_record_subtitle_settings_t subtitle = {false};
        ok = ok && k4a_record_add_custom_subtitle_track(record, kCustomSubtitleTrack, kCustomSubtitleCodec, nullptr, 0,
                                                        &subtitle) == K4A_RESULT_SUCCEEDED;
        k4a_record_video_settings_t video = {kCustomVideoWidth, kCustomVideoHeight, openk4a_fps_to_uint(spec.fps)};
        const uint8_t context[4] = {1, 2, 3, 4};
        ok = ok && k4a_record_add_custom_video_track(record, kCustomVideoTrack, kCustomVideoCodec, context,
                                                     sizeof context, &video) == K4A_RESULT_SUCCEEDED;
    }
    ok = ok && k4a_record_write_header(record) == K4A_RESULT_SUCCEEDED;
    if (!ok)
        *error = "setting up the recording failed";

    int color_width = 0, color_height = 0, depth_width = 0, depth_height = 0;
    openk4a_color_resolution_size(spec.color_resolution, &color_width, &color_height);
    openk4a_depth_mode_size(spec.depth_mode, &depth_width, &depth_height);
    const uint64_t period = 1000000 / openk4a_fps_to_uint(spec.fps);
    written->start_offset_usec = static_cast<uint64_t>(static_cast<int64_t>(spec.first_timestamp_usec) +
                                                       std::min<int64_t>(0, spec.depth_delay_off_color_usec));
    for (int i = 0; ok && i < spec.captures; i++)
    {
        const uint64_t t = spec.first_timestamp_usec + static_cast<uint64_t>(i) * period;
        WrittenCapture capture;
        k4a_capture_t handle = nullptr;
        k4a_capture_create(&handle);
        const int64_t delay = spec.depth_delay_off_color_usec;
        if (spec.color_resolution != K4A_COLOR_RESOLUTION_OFF)
        {
            k4a_image_t image = PatternImage(spec.color_format, color_width, color_height, i, t, &capture.color);
            k4a_capture_set_color_image(handle, image);
            k4a_image_release(image);
        }
        if (spec.depth_mode != K4A_DEPTH_MODE_OFF)
        {
            const uint64_t td = static_cast<uint64_t>(static_cast<int64_t>(t) + delay);
            if (spec.depth_mode != K4A_DEPTH_MODE_PASSIVE_IR)
            {
                k4a_image_t depth =
                    PatternImage(K4A_IMAGE_FORMAT_DEPTH16, depth_width, depth_height, i, td, &capture.depth);
                k4a_capture_set_depth_image(handle, depth);
                k4a_image_release(depth);
            }
            k4a_image_t ir = PatternImage(K4A_IMAGE_FORMAT_IR16, depth_width, depth_height, i, td, &capture.ir);
            k4a_capture_set_ir_image(handle, ir);
            k4a_image_release(ir);
        }
        // With both cameras off, a "capture" is only a time for the IMU and custom data.
        if (spec.color_resolution != K4A_COLOR_RESOLUTION_OFF || spec.depth_mode != K4A_DEPTH_MODE_OFF)
        {
            ok = k4a_record_write_capture(record, handle) == K4A_RESULT_SUCCEEDED;
            written->captures.push_back(std::move(capture));
        }
        k4a_capture_release(handle);
        for (int s = 0; ok && s < spec.imu_per_capture; s++)
        {
            k4a_imu_sample_t sample = {};
            sample.temperature = 30.0f;
            sample.acc_timestamp_usec =
                t + static_cast<uint64_t>(s) * period / static_cast<uint64_t>(spec.imu_per_capture);
            sample.gyro_timestamp_usec = sample.acc_timestamp_usec + 1;
            // Neighbouring samples differ by tens of a device's 16-bit steps
            // (accel 244 ug, gyro 61 mdps), so a replay through a device's units
            // that shifted samples would show; within the 8 g / 2000 dps ranges.
            const int n = i * spec.imu_per_capture + s;
            for (int k = 0; k < 3; k++)
            {
                sample.acc_sample.v[k] = 9.81f * static_cast<float>(k + 1) + static_cast<float>(n % 50) * 0.1f;
                sample.gyro_sample.v[k] = -0.5f * static_cast<float>(k) + static_cast<float>(n % 40) * 0.01f;
            }
            ok = k4a_record_write_imu_sample(record, sample) == K4A_RESULT_SUCCEEDED;
            written->imu.push_back(sample);
        }
        if (ok && spec.custom_tracks)
        {
            WrittenBlock note{t + 5, std::vector<uint8_t>()};
            const std::string text = "capture " + std::to_string(i);
            note.bytes.assign(text.begin(), text.end());
            ok = k4a_record_write_custom_track_data(record, kCustomSubtitleTrack, note.device_timestamp_usec,
                                                    note.bytes.data(), note.bytes.size()) == K4A_RESULT_SUCCEEDED;
            written->subtitle_blocks.push_back(note);
            WrittenBlock frame{t, std::vector<uint8_t>(kCustomVideoWidth * kCustomVideoHeight)};
            for (size_t p = 0; p < frame.bytes.size(); p++)
                frame.bytes[p] = static_cast<uint8_t>(p + static_cast<size_t>(i));
            ok = ok &&
                 k4a_record_write_custom_track_data(record, kCustomVideoTrack, frame.device_timestamp_usec,
                                                    frame.bytes.data(), frame.bytes.size()) == K4A_RESULT_SUCCEEDED;
            written->video_blocks.push_back(frame);
        }
        if (!ok)
            *error = "writing capture " + std::to_string(i) + " failed";
    }
    if (ok && k4a_record_flush(record) != K4A_RESULT_SUCCEEDED)
    {
        *error = "k4a_record_flush failed";
        ok = false;
    }
    k4a_record_close(record);
    return ok;
}

} // namespace openk4a::testing
