// k4a_record_*: the k4arecord 1.4 recording API, written with libebml and
// libmatroska in the layout k4arecorder uses (see record.h).
// This file holds the entry points and their argument checks; the rest of
// the recording side is described in record_internal.h.
#include <k4a/k4a.h>
#include <k4arecord/record.h>

#include <cstdint>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <openk4a/device.h>

#include "core/log.h"
#include "core/record/mkv_index.h"
#include "core/record/record_internal.h"
#include "core/record/recording_format.h"

using namespace ok4a::record;

namespace
{

_k4a_record_t *Record(k4a_record_t handle, const char *function)
{
    if (handle == nullptr || handle->magic != kRecordMagic)
    {
        OK4A_LOG_ERROR("%s: invalid k4a_record_t handle %p", function, static_cast<void *>(handle));
        return nullptr;
    }
    return handle;
}

bool CheckIo(_k4a_record_t *record, const char *function)
{
    if (!record->io.error().empty())
    {
        if (!record->failed)
            OK4A_LOG_ERROR("%s: %s: %s", function, record->path.c_str(), record->io.error().c_str());
        record->failed = true;
    }
    return !record->failed;
}

bool BeforeHeader(_k4a_record_t *record, const char *function)
{
    if (record->header_requested)
    {
        OK4A_LOG_ERROR("%s: %s: tracks, tags and attachments must be added before k4a_record_write_header()", function,
                       record->path.c_str());
        return false;
    }
    return true;
}

bool NameFree(const _k4a_record_t *record, const char *name, const char *function)
{
    if (name == nullptr || name[0] == '\0')
    {
        OK4A_LOG_ERROR("%s: a track needs a name", function);
        return false;
    }
    for (const TrackSpec &track : record->tracks)
    {
        if (track.name == name)
        {
            OK4A_LOG_ERROR("%s: a track named '%s' exists already", function, name);
            return false;
        }
    }
    return true;
}

} // namespace

k4a_result_t k4a_record_create(const char *path, k4a_device_t device, const k4a_device_configuration_t device_config,
                               k4a_record_t *recording_handle)
{
    if (path == nullptr || recording_handle == nullptr)
    {
        OK4A_LOG_ERROR("k4a_record_create: path and recording_handle must not be NULL");
        return K4A_RESULT_FAILED;
    }
    *recording_handle = nullptr;
    // The configuration comes from C: check the raw values before using them as enums.
    using ok4a::record::EnumValue;
    const int color_format = EnumValue(device_config.color_format);
    const int color_resolution = EnumValue(device_config.color_resolution);
    const int depth_mode = EnumValue(device_config.depth_mode);
    const int fps_value = EnumValue(device_config.camera_fps);
    const int sync_mode = EnumValue(device_config.wired_sync_mode);
    int color_width = 0, color_height = 0, depth_width = 0, depth_height = 0;
    if (color_resolution != K4A_COLOR_RESOLUTION_OFF &&
        (color_resolution < K4A_COLOR_RESOLUTION_OFF || color_resolution > K4A_COLOR_RESOLUTION_3072P ||
         color_format < K4A_IMAGE_FORMAT_COLOR_MJPG || color_format > K4A_IMAGE_FORMAT_COLOR_BGRA32 ||
         !openk4a_color_resolution_size(device_config.color_resolution, &color_width, &color_height)))
    {
        OK4A_LOG_ERROR("k4a_record_create: unsupported colour format %d at resolution %d", color_format,
                       color_resolution);
        return K4A_RESULT_FAILED;
    }
    if (depth_mode != K4A_DEPTH_MODE_OFF &&
        (depth_mode < K4A_DEPTH_MODE_OFF || depth_mode > K4A_DEPTH_MODE_PASSIVE_IR ||
         !openk4a_depth_mode_size(device_config.depth_mode, &depth_width, &depth_height)))
    {
        OK4A_LOG_ERROR("k4a_record_create: unsupported depth mode %d", depth_mode);
        return K4A_RESULT_FAILED;
    }
    const uint32_t fps = fps_value >= K4A_FRAMES_PER_SECOND_5 && fps_value <= K4A_FRAMES_PER_SECOND_30 ?
                             openk4a_fps_to_uint(device_config.camera_fps) :
                             0;
    if (fps == 0 && (color_resolution != K4A_COLOR_RESOLUTION_OFF || depth_mode != K4A_DEPTH_MODE_OFF))
    {
        OK4A_LOG_ERROR("k4a_record_create: unsupported camera fps %d", fps_value);
        return K4A_RESULT_FAILED;
    }
    if (sync_mode < K4A_WIRED_SYNC_MODE_STANDALONE || sync_mode > K4A_WIRED_SYNC_MODE_SUBORDINATE)
    {
        OK4A_LOG_ERROR("k4a_record_create: unknown wired sync mode %d", sync_mode);
        return K4A_RESULT_FAILED;
    }

    const DeviceFacts device_facts = device != nullptr ? ReadDeviceFacts(device, path) : DeviceFacts{};

    auto *record = new (std::nothrow) _k4a_record_t;
    if (record == nullptr)
        return K4A_RESULT_FAILED;
    record->path = path;
    record->config = device_config;
    if (!record->io.Open(path))
    {
        OK4A_LOG_ERROR("k4a_record_create: %s: %s", path, record->io.error().c_str());
        delete record;
        return K4A_RESULT_FAILED;
    }

    if (device_config.color_resolution != K4A_COLOR_RESOLUTION_OFF)
    {
        record->color = AddBuiltinVideo(record, ok4a::record::kTrackColor, device_config.color_format,
                                        static_cast<uint32_t>(color_width), static_cast<uint32_t>(color_height), fps);
        AddTrackTag(record, "K4A_COLOR_TRACK", std::to_string(record->tracks[record->color].uid), record->color);
        AddTrackTag(record, "K4A_COLOR_MODE",
                    ok4a::record::ColorModeName(device_config.color_format, device_config.color_resolution),
                    record->color);
    }
    const char *depth_mode_name = ok4a::record::DepthModeName(device_config.depth_mode);
    if (device_config.depth_mode == K4A_DEPTH_MODE_PASSIVE_IR)
    {
        record->tags.push_back({"K4A_DEPTH_MODE", depth_mode_name, nullptr, 0});
    }
    else if (device_config.depth_mode != K4A_DEPTH_MODE_OFF)
    {
        record->depth = AddBuiltinVideo(record, ok4a::record::kTrackDepth, K4A_IMAGE_FORMAT_DEPTH16,
                                        static_cast<uint32_t>(depth_width), static_cast<uint32_t>(depth_height), fps);
        AddTrackTag(record, "K4A_DEPTH_TRACK", std::to_string(record->tracks[record->depth].uid), record->depth);
        AddTrackTag(record, "K4A_DEPTH_MODE", depth_mode_name, record->depth);
    }
    if (device_config.depth_mode != K4A_DEPTH_MODE_OFF)
    {
        record->ir = AddBuiltinVideo(record, ok4a::record::kTrackIr, K4A_IMAGE_FORMAT_IR16,
                                     static_cast<uint32_t>(depth_width), static_cast<uint32_t>(depth_height), fps);
        AddTrackTag(record, "K4A_IR_TRACK", std::to_string(record->tracks[record->ir].uid), record->ir);
        AddTrackTag(record, "K4A_IR_MODE", device_config.depth_mode == K4A_DEPTH_MODE_PASSIVE_IR ? "PASSIVE" : "ACTIVE",
                    record->ir);
    }
    if (device_config.color_resolution != K4A_COLOR_RESOLUTION_OFF && device_config.depth_mode != K4A_DEPTH_MODE_OFF)
    {
        record->tags.push_back({"K4A_DEPTH_DELAY_NS",
                                std::to_string(int64_t{device_config.depth_delay_off_color_usec} * 1000), nullptr, 0});
    }
    record->tags.push_back(
        {"K4A_WIRED_SYNC_MODE", ok4a::record::WiredSyncModeName(device_config.wired_sync_mode), nullptr, 0});
    if (device_config.wired_sync_mode == K4A_WIRED_SYNC_MODE_SUBORDINATE)
    {
        record->tags.push_back({"K4A_SUBORDINATE_DELAY_NS",
                                std::to_string(uint64_t{device_config.subordinate_delay_off_master_usec} * 1000),
                                nullptr, 0});
    }
    if (device != nullptr)
    {
        if (!device_facts.color_firmware.empty())
        {
            record->tags.push_back({"K4A_COLOR_FIRMWARE_VERSION", device_facts.color_firmware, nullptr, 0});
            record->tags.push_back({"K4A_DEPTH_FIRMWARE_VERSION", device_facts.depth_firmware, nullptr, 0});
        }
        if (!device_facts.serial.empty())
            record->tags.push_back({"K4A_DEVICE_SERIAL_NUMBER", device_facts.serial, nullptr, 0});
        if (!device_facts.calibration.empty())
            AddAttachment(record, ok4a::record::kCalibrationFile, device_facts.calibration.data(),
                          device_facts.calibration.size());
    }
    *recording_handle = record;
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_add_tag(k4a_record_t recording_handle, const char *name, const char *value)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || name == nullptr || value == nullptr || !BeforeHeader(record, __func__))
        return K4A_RESULT_FAILED;
    record->tags.push_back({name, value, nullptr, 0});
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_add_imu_track(k4a_record_t recording_handle)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || !BeforeHeader(record, __func__))
        return K4A_RESULT_FAILED;
    if (record->imu >= 0)
    {
        OK4A_LOG_ERROR("%s: %s: the IMU track exists already", __func__, record->path.c_str());
        return K4A_RESULT_FAILED;
    }
    TrackSpec track;
    track.name = ok4a::record::kTrackImu;
    track.codec_id = ok4a::record::kCodecImu;
    track.type = ok4a::record::kTrackTypeSubtitle;
    track.builtin = true;
    record->imu = AddTrack(record, std::move(track));
    AddTrackTag(record, "K4A_IMU_TRACK", std::to_string(record->tracks[record->imu].uid), record->imu);
    AddTrackTag(record, "K4A_IMU_MODE", "ON", record->imu);
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_add_attachment(const k4a_record_t recording_handle, const char *attachment_name,
                                       const uint8_t *buffer, size_t buffer_size)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || attachment_name == nullptr || (buffer == nullptr && buffer_size > 0) ||
        !BeforeHeader(record, __func__))
        return K4A_RESULT_FAILED;
    if (buffer_size > UINT32_MAX / 2)
    {
        OK4A_LOG_ERROR("%s: attachment '%s' of %zu bytes is too large", __func__, attachment_name, buffer_size);
        return K4A_RESULT_FAILED;
    }
    AddAttachment(record, attachment_name, buffer, buffer_size);
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_add_custom_video_track(const k4a_record_t recording_handle, const char *track_name,
                                               const char *codec_id, const uint8_t *codec_context,
                                               size_t codec_context_size,
                                               const k4a_record_video_settings_t *track_settings)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || codec_id == nullptr || track_settings == nullptr ||
        (codec_context == nullptr && codec_context_size > 0) || !BeforeHeader(record, __func__) ||
        !NameFree(record, track_name, __func__))
        return K4A_RESULT_FAILED;
    if (codec_context_size > ok4a::record::kMaxMetadataElementBytes / 2)
    {
        OK4A_LOG_ERROR("%s: codec context of %zu bytes is too large", __func__, codec_context_size);
        return K4A_RESULT_FAILED;
    }
    TrackSpec track;
    track.name = track_name;
    track.codec_id = codec_id;
    track.codec_private.assign(codec_context, codec_context + codec_context_size);
    track.type = ok4a::record::kTrackTypeVideo;
    track.width = track_settings->width;
    track.height = track_settings->height;
    track.default_duration_ns = track_settings->frame_rate > 0 ? 1000000000ull / track_settings->frame_rate : 0;
    AddTrack(record, std::move(track));
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_add_custom_subtitle_track(const k4a_record_t recording_handle, const char *track_name,
                                                  const char *codec_id, const uint8_t *codec_context,
                                                  size_t codec_context_size,
                                                  const k4a_record_subtitle_settings_t *track_settings)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || codec_id == nullptr || (codec_context == nullptr && codec_context_size > 0) ||
        !BeforeHeader(record, __func__) || !NameFree(record, track_name, __func__))
        return K4A_RESULT_FAILED;
    if (codec_context_size > ok4a::record::kMaxMetadataElementBytes / 2)
    {
        OK4A_LOG_ERROR("%s: codec context of %zu bytes is too large", __func__, codec_context_size);
        return K4A_RESULT_FAILED;
    }
    TrackSpec track;
    track.name = track_name;
    track.codec_id = codec_id;
    track.codec_private.assign(codec_context, codec_context + codec_context_size);
    track.type = ok4a::record::kTrackTypeSubtitle;
    // high_freq_data: every block still holds one sample with its exact
    // timestamp here (readers handle both forms).
    AddTrack(record, std::move(track));
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_write_header(k4a_record_t recording_handle)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr)
        return K4A_RESULT_FAILED;
    if (record->header_requested)
    {
        OK4A_LOG_ERROR("%s: %s: the header was written already", __func__, record->path.c_str());
        return K4A_RESULT_FAILED;
    }
    // Rendered by the writer with the first data (or at a flush or close), once
    // K4A_START_OFFSET_NS is known.
    record->held_per_track.assign(record->tracks.size(), 0);
    try
    {
        record->writer = std::thread(WriterLoop, record);
    }
    catch (const std::system_error &e)
    {
        OK4A_LOG_ERROR("%s: %s: cannot start the writer thread: %s", __func__, record->path.c_str(), e.what());
        return K4A_RESULT_FAILED;
    }
    record->header_requested = true;
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_record_write_capture(k4a_record_t recording_handle, k4a_capture_t capture_handle)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || capture_handle == nullptr)
        return K4A_RESULT_FAILED;
    k4a_image_t images[3] = {k4a_capture_get_color_image(capture_handle), k4a_capture_get_depth_image(capture_handle),
                             k4a_capture_get_ir_image(capture_handle)};
    const int tracks[3] = {record->color, record->depth, record->ir};
    const k4a_image_format_t formats[3] = {record->config.color_format, K4A_IMAGE_FORMAT_DEPTH16,
                                           K4A_IMAGE_FORMAT_IR16};
    k4a_result_t result = K4A_RESULT_SUCCEEDED;
    size_t sizes[3] = {0, 0, 0};
    bool any = false;
    for (int i = 0; i < 3 && result == K4A_RESULT_SUCCEEDED; i++)
    {
        if (images[i] == nullptr || tracks[i] < 0)
            continue;
        sizes[i] = CheckImage(record, images[i], record->tracks[static_cast<size_t>(tracks[i])], formats[i]);
        if (sizes[i] == 0)
            result = K4A_RESULT_FAILED;
        any = true;
    }
    if (result == K4A_RESULT_SUCCEEDED && !any)
    {
        OK4A_LOG_ERROR("%s: %s: the capture has no image of a recorded stream", __func__, record->path.c_str());
        result = K4A_RESULT_FAILED;
    }
    for (int i = 0; i < 3 && result == K4A_RESULT_SUCCEEDED; i++)
    {
        if (images[i] == nullptr || tracks[i] < 0)
            continue;
        if (!QueueImage(record, static_cast<size_t>(tracks[i]), images[i], sizes[i], __func__))
            result = K4A_RESULT_FAILED;
    }
    for (k4a_image_t image : images)
        k4a_image_release(image);
    return result;
}

k4a_result_t k4a_record_write_imu_sample(k4a_record_t recording_handle, k4a_imu_sample_t imu_sample)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr)
        return K4A_RESULT_FAILED;
    if (record->imu < 0)
    {
        OK4A_LOG_ERROR("%s: %s: call k4a_record_add_imu_track() first", __func__, record->path.c_str());
        return K4A_RESULT_FAILED;
    }
    std::vector<uint8_t> bytes(ok4a::record::kImuSampleSize);
    ok4a::record::EncodeImuSample(imu_sample, bytes.data());
    return Queue(record, static_cast<size_t>(record->imu), imu_sample.acc_timestamp_usec * 1000, std::move(bytes),
                 __func__) ?
               K4A_RESULT_SUCCEEDED :
               K4A_RESULT_FAILED;
}

k4a_result_t k4a_record_write_custom_track_data(const k4a_record_t recording_handle, const char *track_name,
                                                uint64_t device_timestamp_usec, uint8_t *custom_data,
                                                size_t custom_data_size)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr || track_name == nullptr || (custom_data == nullptr && custom_data_size > 0))
        return K4A_RESULT_FAILED;
    for (size_t i = 0; i < record->tracks.size(); i++)
    {
        if (record->tracks[i].name != track_name)
            continue;
        if (record->tracks[i].builtin)
        {
            OK4A_LOG_ERROR("%s: '%s' is a built-in track", __func__, track_name);
            return K4A_RESULT_FAILED;
        }
        return Queue(record, i, device_timestamp_usec * 1000,
                     std::vector<uint8_t>(custom_data, custom_data + custom_data_size), __func__) ?
                   K4A_RESULT_SUCCEEDED :
                   K4A_RESULT_FAILED;
    }
    OK4A_LOG_ERROR("%s: no track named '%s'", __func__, track_name);
    return K4A_RESULT_FAILED;
}

k4a_result_t k4a_record_flush(k4a_record_t recording_handle)
{
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr)
        return K4A_RESULT_FAILED;
    if (!record->header_requested)
    {
        OK4A_LOG_ERROR("%s: %s: nothing to flush before k4a_record_write_header()", __func__, record->path.c_str());
        return K4A_RESULT_FAILED;
    }
    std::unique_lock<std::mutex> lock(record->mutex);
    const uint64_t request = ++record->flushes_requested;
    record->work.notify_one();
    record->flushed.wait(lock, [record, request] { return record->flushes_done >= request; });
    if (record->failed)
    {
        OK4A_LOG_ERROR("%s: %s: the recording failed (see the error above)", __func__, record->path.c_str());
        return K4A_RESULT_FAILED;
    }
    return K4A_RESULT_SUCCEEDED;
}

void k4a_record_close(k4a_record_t recording_handle)
{
    if (recording_handle == nullptr)
        return;
    _k4a_record_t *record = Record(recording_handle, __func__);
    if (record == nullptr)
        return;
    if (record->writer.joinable())
    {
        {
            std::lock_guard<std::mutex> lock(record->mutex);
            record->stop = true; // the writer writes what is pending, then ends
        }
        record->work.notify_one();
        record->writer.join();
    }
    if (record->header_requested && !record->failed)
    {
        try
        {
            RenderTrailer(record);
        }
        catch (const std::exception &e)
        {
            OK4A_LOG_ERROR("%s: %s: libmatroska: %s", __func__, record->path.c_str(), e.what());
            record->failed = true;
        }
    }
    record->io.close();
    CheckIo(record, __func__);
    record->magic = 0;
    delete record;
}
