// k4a_playback_*: the k4arecord 1.4 playback API over MkvIndex.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>

#include <algorithm>
#include <cinttypes>
#include <cstdlib>
#include <cstring>
#include <new>

#include <openk4a/color.h>
#include <openk4a/color_status.h>
#include <openk4a/k4a_strings.h>

#include "core/log.h"
#include "core/record/playback_internal.h"
#include "core/record/recording_format.h"

using ok4a::record::MkvFrame;
using ok4a::record::MkvTrack;
using ok4a::record::TrackCursor;
using ok4a::record::VideoTrack;

struct _k4a_playback_data_block_t
{
    uint32_t magic = 0x6B346462; // "k4db"
    uint64_t device_timestamp_usec = 0;
    std::vector<uint8_t> data;
};

namespace
{

_k4a_playback_t *Playback(k4a_playback_t handle, const char *function)
{
    if (handle == nullptr || handle->magic != ok4a::record::kPlaybackMagic)
    {
        OK4A_LOG_ERROR("%s: invalid k4a_playback_t handle %p", function, static_cast<void *>(handle));
        return nullptr;
    }
    return handle;
}

_k4a_playback_data_block_t *DataBlock(k4a_playback_data_block_t handle, const char *function)
{
    if (handle == nullptr || handle->magic != 0x6B346462)
    {
        OK4A_LOG_ERROR("%s: invalid k4a_playback_data_block_t handle %p", function, static_cast<void *>(handle));
        return nullptr;
    }
    return handle;
}

k4a_buffer_result_t CopyOut(const void *data, size_t size, void *out, size_t *out_size)
{
    const size_t available = *out_size;
    *out_size = size;
    if (out == nullptr || available < size)
        return K4A_BUFFER_RESULT_TOO_SMALL;
    if (size > 0)
        std::memcpy(out, data, size);
    return K4A_BUFFER_RESULT_SUCCEEDED;
}

k4a_buffer_result_t CopyString(const std::string &text, char *out, size_t *out_size)
{
    return CopyOut(text.c_str(), text.size() + 1, out, out_size);
}

const std::vector<MkvFrame> &Frames(const _k4a_playback_t *playback, int track)
{
    return playback->index.frames(static_cast<size_t>(track)).frames;
}

// A frame's time from the start of the recording; frames laced in one block
// are spread over the block's duration (as k4arecord estimates them).
uint64_t FrameTimestampNs(const MkvFrame &frame)
{
    uint64_t t = frame.block_timestamp_ns;
    if (frame.frames_in_block > 1 && frame.block_duration_ns > 0)
        t += frame.index_in_block * (frame.block_duration_ns - 1) / (frame.frames_in_block - 1u);
    return t;
}

// First frame at or after `timestamp_ns`.
int64_t LowerBound(const std::vector<MkvFrame> &frames, uint64_t timestamp_ns)
{
    const auto it =
        std::partition_point(frames.begin(), frames.end(),
                             [timestamp_ns](const MkvFrame &frame) { return FrameTimestampNs(frame) < timestamp_ns; });
    return it - frames.begin();
}

// The frame a read in direction `next` would return on `track` (may be out of range).
int64_t Candidate(const _k4a_playback_t *playback, int track, bool next)
{
    const TrackCursor &cursor = playback->cursors[static_cast<size_t>(track)];
    if (!cursor.set)
    {
        const int64_t first = LowerBound(Frames(playback, track), playback->seek_timestamp_ns);
        return next ? first : first - 1;
    }
    return next ? cursor.pos + 1 : cursor.pos - 1;
}

bool InRange(const _k4a_playback_t *playback, int track, int64_t pos)
{
    return pos >= 0 && pos < static_cast<int64_t>(Frames(playback, track).size());
}

void MoveCursor(_k4a_playback_t *playback, int track, int64_t pos)
{
    const int64_t count = static_cast<int64_t>(Frames(playback, track).size());
    TrackCursor &cursor = playback->cursors[static_cast<size_t>(track)];
    cursor.set = true;
    cursor.pos = std::clamp<int64_t>(pos, -1, count);
}

bool ReadFrame(const _k4a_playback_t *playback, const MkvFrame &frame, void *out)
{
    std::string error;
    if (!playback->index.Read(frame.offset, out, frame.size, &error))
    {
        OK4A_LOG_ERROR("%s: %s", playback->path.c_str(), error.c_str());
        return false;
    }
    return true;
}

// A b16g frame (big-endian samples) into little-endian `out`: read and
// swapped a slice at a time, so each slice is swapped while still in cache
// instead of a second pass over the whole image from memory.
bool ReadBigEndian16Frame(const _k4a_playback_t *playback, const MkvFrame &frame, uint8_t *out)
{
    constexpr size_t kSliceBytes = 64 * 1024; // even: slices hold whole samples
    for (size_t done = 0; done < frame.size;)
    {
        const size_t slice = std::min<size_t>(kSliceBytes, frame.size - done);
        MkvFrame part = frame;
        part.offset += done;
        part.size = static_cast<uint32_t>(slice);
        if (!ReadFrame(playback, part, out + done))
            return false;
        ok4a::record::SwapBytes16(out + done, out + done, slice);
        done += slice;
    }
    return true;
}

void FreeBuffer(void *buffer, void *context)
{
    std::free(buffer);
}

// One image of a built-in video track, as k4arecord returns it.
k4a_image_t ReadImage(const _k4a_playback_t *playback, const VideoTrack &video, const MkvFrame &frame,
                      k4a_image_format_t target)
{
    const char *path = playback->path.c_str();
    const int width = static_cast<int>(video.width);
    const int height = static_cast<int>(video.height);
    k4a_image_t image = nullptr;
    if (video.format == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        void *buffer = std::malloc(std::max<size_t>(frame.size, 1));
        if (buffer == nullptr)
        {
            OK4A_LOG_ERROR("%s: out of memory for a %u-byte MJPG frame", path, frame.size);
            return nullptr;
        }
        if (!ReadFrame(playback, frame, buffer) ||
            k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, width, height, 0, static_cast<uint8_t *>(buffer),
                                         frame.size, FreeBuffer, nullptr, &image) != K4A_RESULT_SUCCEEDED)
        {
            std::free(buffer);
            return nullptr;
        }
    }
    else
    {
        if (k4a_image_create(video.format == K4A_IMAGE_FORMAT_DEPTH16 ? target : video.format, width, height, 0,
                             &image) != K4A_RESULT_SUCCEEDED)
        {
            return nullptr;
        }
        if (k4a_image_get_size(image) != frame.size)
        {
            OK4A_LOG_ERROR("%s: frame at offset %" PRIu64 " is %u bytes; a %dx%d %s image is %zu", path, frame.offset,
                           frame.size, width, height, openk4a_image_format_to_string(k4a_image_get_format(image)),
                           k4a_image_get_size(image));
            k4a_image_release(image);
            return nullptr;
        }
        uint8_t *pixels = k4a_image_get_buffer(image);
        const bool read = video.format == K4A_IMAGE_FORMAT_DEPTH16 // b16g: big-endian samples on disk
                              ?
                              ReadBigEndian16Frame(playback, frame, pixels) :
                              ReadFrame(playback, frame, pixels);
        if (!read)
        {
            k4a_image_release(image);
            return nullptr;
        }
    }
    k4a_image_set_device_timestamp_usec(image,
                                        frame.block_timestamp_ns / 1000 + playback->config.start_timestamp_offset_usec);
    if (target == K4A_IMAGE_FORMAT_COLOR_BGRA32 && video.format != K4A_IMAGE_FORMAT_COLOR_BGRA32)
    {
        k4a_image_t bgra = nullptr;
        openk4a_color_status_t status;
        const k4a_result_t result = openk4a_image_decode_to_bgra32(image, OPENK4A_COLOR_MODE_FAST, &bgra, &status);
        k4a_image_release(image);
        if (result != K4A_RESULT_SUCCEEDED)
        {
            OK4A_LOG_ERROR("%s: colour frame at offset %" PRIu64 " does not decode to BGRA32 (%s)", path, frame.offset,
                           openk4a_color_status_str(status));
            return nullptr;
        }
        image = bgra;
    }
    return image;
}

k4a_stream_result_t GetCapture(_k4a_playback_t *playback, k4a_capture_t *capture_handle, bool next, int depth_left)
{
    VideoTrack *tracks[3] = {&playback->color, &playback->depth, &playback->ir};
    int64_t candidate[3] = {-1, -1, -1};
    bool taken[3] = {false, false, false};
    uint64_t sync[3] = {0, 0, 0};
    *capture_handle = nullptr;

    bool any = false;
    uint64_t first = next ? UINT64_MAX : 0;
    for (int i = 0; i < 3; i++)
    {
        const int track = tracks[i]->track;
        if (track < 0)
            continue;
        candidate[i] = Candidate(playback, track, next);
        if (!InRange(playback, track, candidate[i]))
        {
            MoveCursor(playback, track, candidate[i]); // at the end (or start) of this track
            continue;
        }
        sync[i] =
            Frames(playback, track)[static_cast<size_t>(candidate[i])].block_timestamp_ns + tracks[i]->sync_delay_ns;
        first = next ? std::min(first, sync[i]) : std::max(first, sync[i]);
        any = true;
    }
    if (!any)
        return K4A_STREAM_RESULT_EOF;

    // Images within half a frame period of the earliest (latest, reading
    // backwards) one form the capture.
    const uint64_t window = playback->sync_period_ns / 2;
    uint64_t last = first;
    for (int i = 0; i < 3; i++)
    {
        const int track = tracks[i]->track;
        if (track < 0 || !InRange(playback, track, candidate[i]))
            continue;
        const uint64_t distance = next ? sync[i] - first : first - sync[i];
        if (distance < window || distance == 0)
        {
            taken[i] = true;
            last = next ? std::max(last, sync[i]) : std::min(last, sync[i]);
        }
    }

    // After a seek into the middle of a capture, an image of it may lie on the
    // other side of the seek time: take it too.
    bool filled = false;
    for (int i = 0; i < 3; i++)
    {
        const int track = tracks[i]->track;
        if (track < 0 || taken[i] || playback->cursors[static_cast<size_t>(track)].set)
            continue;
        const int64_t test = next ? candidate[i] - 1 : candidate[i] + 1;
        if (!InRange(playback, track, test))
            continue;
        const uint64_t t =
            Frames(playback, track)[static_cast<size_t>(test)].block_timestamp_ns + tracks[i]->sync_delay_ns;
        const bool near = next ? (t <= last && last - t < window) : (t >= last && t - last < window);
        if (near)
        {
            candidate[i] = test;
            taken[i] = true;
            filled = true;
        }
    }
    for (int i = 0; i < 3; i++)
    {
        if (taken[i])
            MoveCursor(playback, tracks[i]->track, candidate[i]);
    }
    if (!next && filled && depth_left > 0)
    {
        // That capture straddles the seek time, so it counts as "next": the
        // previous capture is the one before it.
        return GetCapture(playback, capture_handle, false, depth_left - 1);
    }

    k4a_capture_t capture = nullptr;
    if (k4a_capture_create(&capture) != K4A_RESULT_SUCCEEDED)
        return K4A_STREAM_RESULT_FAILED;
    for (int i = 0; i < 3; i++)
    {
        if (!taken[i])
            continue;
        const MkvFrame &frame = Frames(playback, tracks[i]->track)[static_cast<size_t>(candidate[i])];
        const k4a_image_format_t target =
            i == 0 ? playback->color_conversion : (i == 1 ? K4A_IMAGE_FORMAT_DEPTH16 : K4A_IMAGE_FORMAT_IR16);
        k4a_image_t image = ReadImage(playback, *tracks[i], frame, target);
        if (image == nullptr)
        {
            k4a_capture_release(capture);
            return K4A_STREAM_RESULT_FAILED;
        }
        if (i == 0)
            k4a_capture_set_color_image(capture, image);
        else if (i == 1)
            k4a_capture_set_depth_image(capture, image);
        else
            k4a_capture_set_ir_image(capture, image);
        k4a_image_release(image);
    }
    *capture_handle = capture;
    return K4A_STREAM_RESULT_SUCCEEDED;
}

bool ReadImuSampleBytes(const _k4a_playback_t *playback, const MkvFrame &frame,
                        uint8_t out[ok4a::record::kImuSampleSize])
{
    if (frame.size != ok4a::record::kImuSampleSize)
    {
        OK4A_LOG_ERROR("%s: IMU sample at offset %" PRIu64 " is %u bytes, not %zu", playback->path.c_str(),
                       frame.offset, frame.size, ok4a::record::kImuSampleSize);
        return false;
    }
    return ReadFrame(playback, frame, out);
}

k4a_stream_result_t GetImuSample(_k4a_playback_t *playback, k4a_imu_sample_t *sample, bool next)
{
    *sample = k4a_imu_sample_t{};
    if (playback->imu_track < 0)
    {
        OK4A_LOG_WARNING("%s: the recording has no IMU track", playback->path.c_str());
        return K4A_STREAM_RESULT_EOF;
    }
    const int track = playback->imu_track;
    const std::vector<MkvFrame> &frames = Frames(playback, track);
    int64_t pos = Candidate(playback, track, next);
    uint8_t bytes[ok4a::record::kImuSampleSize];
    if (!playback->cursors[static_cast<size_t>(track)].set)
    {
        // Timestamps inside laced blocks are estimates: settle on the sample
        // whose stored (device) accelerometer time is the first >= the seek time.
        const uint64_t seek_device_ns =
            playback->seek_timestamp_ns + uint64_t{playback->config.start_timestamp_offset_usec} * 1000;
        int64_t first = next ? pos : pos + 1;
        for (int steps = 0; steps < 512 && first > 0; steps++)
        {
            if (!ReadImuSampleBytes(playback, frames[static_cast<size_t>(first - 1)], bytes))
                return K4A_STREAM_RESULT_FAILED;
            if (ok4a::record::ImuSampleAccTimestampNs(bytes) < seek_device_ns)
                break;
            first--;
        }
        for (int steps = 0; steps < 512 && first < static_cast<int64_t>(frames.size()); steps++)
        {
            if (!ReadImuSampleBytes(playback, frames[static_cast<size_t>(first)], bytes))
                return K4A_STREAM_RESULT_FAILED;
            if (ok4a::record::ImuSampleAccTimestampNs(bytes) >= seek_device_ns)
                break;
            first++;
        }
        pos = next ? first : first - 1;
    }
    MoveCursor(playback, track, pos);
    if (!InRange(playback, track, pos))
        return K4A_STREAM_RESULT_EOF;
    if (!ReadImuSampleBytes(playback, frames[static_cast<size_t>(pos)], bytes))
        return K4A_STREAM_RESULT_FAILED;
    *sample = ok4a::record::DecodeImuSample(bytes);
    return K4A_STREAM_RESULT_SUCCEEDED;
}

int TrackByName(const _k4a_playback_t *playback, const char *name)
{
    if (name == nullptr)
        return -1;
    const std::vector<MkvTrack> &tracks = playback->index.tracks();
    for (size_t i = 0; i < tracks.size(); i++)
    {
        if (tracks[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

bool IsBuiltin(const _k4a_playback_t *playback, int track)
{
    return track >= 0 && (track == playback->color.track || track == playback->depth.track ||
                          track == playback->ir.track || track == playback->imu_track);
}

k4a_stream_result_t GetDataBlock(_k4a_playback_t *playback, const char *track_name,
                                 k4a_playback_data_block_t *block_handle, bool next, const char *function)
{
    if (block_handle == nullptr)
    {
        OK4A_LOG_ERROR("%s: data_block_handle is NULL", function);
        return K4A_STREAM_RESULT_FAILED;
    }
    *block_handle = nullptr;
    const int track = TrackByName(playback, track_name);
    if (track < 0)
    {
        OK4A_LOG_ERROR("%s: no track named '%s'", function, track_name != nullptr ? track_name : "(null)");
        return K4A_STREAM_RESULT_FAILED;
    }
    if (IsBuiltin(playback, track))
    {
        OK4A_LOG_ERROR("%s: '%s' is a built-in track; use the capture and IMU calls", function, track_name);
        return K4A_STREAM_RESULT_FAILED;
    }
    const int64_t pos = Candidate(playback, track, next);
    MoveCursor(playback, track, pos);
    if (!InRange(playback, track, pos))
        return K4A_STREAM_RESULT_EOF;
    const MkvFrame &frame = Frames(playback, track)[static_cast<size_t>(pos)];
    auto *block = new (std::nothrow) _k4a_playback_data_block_t;
    if (block == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    block->data.resize(frame.size);
    if (!ReadFrame(playback, frame, block->data.data()))
    {
        delete block;
        return K4A_STREAM_RESULT_FAILED;
    }
    block->device_timestamp_usec = FrameTimestampNs(frame) / 1000 + playback->config.start_timestamp_offset_usec;
    *block_handle = block;
    return K4A_STREAM_RESULT_SUCCEEDED;
}

} // namespace

k4a_result_t k4a_playback_open(const char *path, k4a_playback_t *playback_handle)
{
    if (path == nullptr || playback_handle == nullptr)
    {
        OK4A_LOG_ERROR("k4a_playback_open: path and playback_handle must not be NULL");
        return K4A_RESULT_FAILED;
    }
    *playback_handle = nullptr;
    auto *playback = new (std::nothrow) _k4a_playback_t;
    if (playback == nullptr)
        return K4A_RESULT_FAILED;
    playback->path = path;
    std::string error;
    if (!playback->index.Open(path, &error))
    {
        OK4A_LOG_ERROR("k4a_playback_open: %s: %s", path, error.c_str());
        delete playback;
        return K4A_RESULT_FAILED;
    }
    if (!ok4a::record::ReadRecordingConfiguration(playback))
    {
        delete playback;
        return K4A_RESULT_FAILED;
    }
    playback->cursors.resize(playback->index.tracks().size());
    *playback_handle = playback;
    return K4A_RESULT_SUCCEEDED;
}

void k4a_playback_close(k4a_playback_t playback_handle)
{
    if (playback_handle == nullptr)
        return;
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr)
        return;
    playback->magic = 0;
    delete playback;
}

k4a_buffer_result_t k4a_playback_get_raw_calibration(k4a_playback_t playback_handle, uint8_t *data, size_t *data_size)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || data_size == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    if (playback->calibration == nullptr)
    {
        OK4A_LOG_WARNING("%s: the recording has no calibration attachment", playback->path.c_str());
        return K4A_BUFFER_RESULT_FAILED;
    }
    // The raw calibration is NUL-terminated, as a device returns it.
    const std::vector<uint8_t> &json = playback->calibration->data;
    const size_t available = *data_size;
    *data_size = json.size() + 1;
    if (data == nullptr || available < json.size() + 1)
        return K4A_BUFFER_RESULT_TOO_SMALL;
    if (!json.empty())
        std::memcpy(data, json.data(), json.size());
    data[json.size()] = '\0';
    return K4A_BUFFER_RESULT_SUCCEEDED;
}

k4a_result_t k4a_playback_get_record_configuration(k4a_playback_t playback_handle, k4a_record_configuration_t *config)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || config == nullptr)
        return K4A_RESULT_FAILED;
    *config = playback->config;
    return K4A_RESULT_SUCCEEDED;
}

bool k4a_playback_check_track_exists(k4a_playback_t playback_handle, const char *track_name)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    return playback != nullptr && TrackByName(playback, track_name) >= 0;
}

size_t k4a_playback_get_track_count(k4a_playback_t playback_handle)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    return playback == nullptr ? 0 : playback->index.tracks().size();
}

k4a_buffer_result_t k4a_playback_get_track_name(k4a_playback_t playback_handle, size_t track_index, char *track_name,
                                                size_t *track_name_size)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || track_name_size == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    if (track_index >= playback->index.tracks().size())
    {
        OK4A_LOG_ERROR("%s: track index %zu is out of range (%zu tracks)", __func__, track_index,
                       playback->index.tracks().size());
        return K4A_BUFFER_RESULT_FAILED;
    }
    return CopyString(playback->index.tracks()[track_index].name, track_name, track_name_size);
}

bool k4a_playback_track_is_builtin(k4a_playback_t playback_handle, const char *track_name)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    return playback != nullptr && IsBuiltin(playback, TrackByName(playback, track_name));
}

k4a_result_t k4a_playback_track_get_video_settings(k4a_playback_t playback_handle, const char *track_name,
                                                   k4a_record_video_settings_t *video_settings)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || video_settings == nullptr)
        return K4A_RESULT_FAILED;
    const int track = TrackByName(playback, track_name);
    if (track < 0 || playback->index.tracks()[static_cast<size_t>(track)].type != ok4a::record::kTrackTypeVideo)
    {
        OK4A_LOG_ERROR("%s: no video track named '%s'", __func__, track_name != nullptr ? track_name : "(null)");
        return K4A_RESULT_FAILED;
    }
    const MkvTrack &info = playback->index.tracks()[static_cast<size_t>(track)];
    video_settings->width = info.width;
    video_settings->height = info.height;
    video_settings->frame_rate = info.default_duration_ns > 0 ? 1000000000ull / info.default_duration_ns : 0;
    return K4A_RESULT_SUCCEEDED;
}

k4a_buffer_result_t k4a_playback_track_get_codec_id(k4a_playback_t playback_handle, const char *track_name,
                                                    char *codec_id, size_t *codec_id_size)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || codec_id_size == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    const int track = TrackByName(playback, track_name);
    if (track < 0)
    {
        OK4A_LOG_ERROR("%s: no track named '%s'", __func__, track_name != nullptr ? track_name : "(null)");
        return K4A_BUFFER_RESULT_FAILED;
    }
    return CopyString(playback->index.tracks()[static_cast<size_t>(track)].codec_id, codec_id, codec_id_size);
}

k4a_buffer_result_t k4a_playback_track_get_codec_context(k4a_playback_t playback_handle, const char *track_name,
                                                         uint8_t *codec_context, size_t *codec_context_size)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || codec_context_size == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    const int track = TrackByName(playback, track_name);
    if (track < 0)
    {
        OK4A_LOG_ERROR("%s: no track named '%s'", __func__, track_name != nullptr ? track_name : "(null)");
        return K4A_BUFFER_RESULT_FAILED;
    }
    const std::vector<uint8_t> &context = playback->index.tracks()[static_cast<size_t>(track)].codec_private;
    return CopyOut(context.data(), context.size(), codec_context, codec_context_size);
}

k4a_buffer_result_t k4a_playback_get_tag(k4a_playback_t playback_handle, const char *name, char *value,
                                         size_t *value_size)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || value_size == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    const ok4a::record::MkvTag *tag = ok4a::record::FindTag(playback->index, name);
    if (tag == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    const size_t available = *value_size;
    const k4a_buffer_result_t result = CopyString(tag->value, value, value_size);
    if (result == K4A_BUFFER_RESULT_SUCCEEDED && available > tag->value.size())
        std::memset(value + tag->value.size(), 0, available - tag->value.size());
    return result;
}

k4a_result_t k4a_playback_set_color_conversion(k4a_playback_t playback_handle, k4a_image_format_t target_format)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr)
        return K4A_RESULT_FAILED;
    if (playback->color.track < 0)
    {
        OK4A_LOG_ERROR("%s: the recording has no color track to convert", playback->path.c_str());
        return K4A_RESULT_FAILED;
    }
    const k4a_image_format_t recorded = playback->color.format;
    const int raw_target = ok4a::record::EnumValue(target_format);
    if (raw_target < K4A_IMAGE_FORMAT_COLOR_MJPG || raw_target > K4A_IMAGE_FORMAT_CUSTOM)
    {
        OK4A_LOG_ERROR("%s: unknown image format %d", __func__, raw_target);
        return K4A_RESULT_FAILED;
    }
    if (target_format == recorded ||
        (target_format == K4A_IMAGE_FORMAT_COLOR_BGRA32 &&
         (recorded == K4A_IMAGE_FORMAT_COLOR_MJPG || recorded == K4A_IMAGE_FORMAT_COLOR_NV12 ||
          recorded == K4A_IMAGE_FORMAT_COLOR_YUY2)))
    {
        playback->color_conversion = target_format;
        return K4A_RESULT_SUCCEEDED;
    }
    OK4A_LOG_ERROR("%s: converting %s colour to %s is not supported (only to BGRA32)", playback->path.c_str(),
                   openk4a_image_format_to_string(recorded), openk4a_image_format_to_string(target_format));
    return K4A_RESULT_FAILED;
}

k4a_buffer_result_t k4a_playback_get_attachment(k4a_playback_t playback_handle, const char *file_name, uint8_t *data,
                                                size_t *data_size)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || file_name == nullptr || data_size == nullptr)
        return K4A_BUFFER_RESULT_FAILED;
    for (const ok4a::record::MkvAttachment &attachment : playback->index.attachments())
    {
        if (attachment.name == file_name)
            return CopyOut(attachment.data.data(), attachment.data.size(), data, data_size);
    }
    OK4A_LOG_ERROR("%s: no attachment named '%s'", playback->path.c_str(), file_name);
    return K4A_BUFFER_RESULT_FAILED;
}

k4a_stream_result_t k4a_playback_get_next_capture(k4a_playback_t playback_handle, k4a_capture_t *capture_handle)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || capture_handle == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    return GetCapture(playback, capture_handle, true, 0);
}

k4a_stream_result_t k4a_playback_get_previous_capture(k4a_playback_t playback_handle, k4a_capture_t *capture_handle)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || capture_handle == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    return GetCapture(playback, capture_handle, false, 3);
}

k4a_stream_result_t k4a_playback_get_next_imu_sample(k4a_playback_t playback_handle, k4a_imu_sample_t *imu_sample)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || imu_sample == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    return GetImuSample(playback, imu_sample, true);
}

k4a_stream_result_t k4a_playback_get_previous_imu_sample(k4a_playback_t playback_handle, k4a_imu_sample_t *imu_sample)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr || imu_sample == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    return GetImuSample(playback, imu_sample, false);
}

k4a_stream_result_t k4a_playback_get_next_data_block(k4a_playback_t playback_handle, const char *track_name,
                                                     k4a_playback_data_block_t *data_block_handle)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    return GetDataBlock(playback, track_name, data_block_handle, true, __func__);
}

k4a_stream_result_t k4a_playback_get_previous_data_block(k4a_playback_t playback_handle, const char *track_name,
                                                         k4a_playback_data_block_t *data_block_handle)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr)
        return K4A_STREAM_RESULT_FAILED;
    return GetDataBlock(playback, track_name, data_block_handle, false, __func__);
}

uint64_t k4a_playback_data_block_get_device_timestamp_usec(k4a_playback_data_block_t data_block_handle)
{
    _k4a_playback_data_block_t *block = DataBlock(data_block_handle, __func__);
    return block == nullptr ? 0 : block->device_timestamp_usec;
}

size_t k4a_playback_data_block_get_buffer_size(k4a_playback_data_block_t data_block_handle)
{
    _k4a_playback_data_block_t *block = DataBlock(data_block_handle, __func__);
    return block == nullptr ? 0 : block->data.size();
}

uint8_t *k4a_playback_data_block_get_buffer(k4a_playback_data_block_t data_block_handle)
{
    _k4a_playback_data_block_t *block = DataBlock(data_block_handle, __func__);
    return block == nullptr ? nullptr : block->data.data();
}

void k4a_playback_data_block_release(k4a_playback_data_block_t data_block_handle)
{
    if (data_block_handle == nullptr)
        return;
    _k4a_playback_data_block_t *block = DataBlock(data_block_handle, __func__);
    if (block == nullptr)
        return;
    block->magic = 0;
    delete block;
}

k4a_result_t k4a_playback_seek_timestamp(k4a_playback_t playback_handle, int64_t offset_usec,
                                         k4a_playback_seek_origin_t origin)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    if (playback == nullptr)
        return K4A_RESULT_FAILED;
    const int raw_origin = ok4a::record::EnumValue(origin);
    if (raw_origin != K4A_PLAYBACK_SEEK_BEGIN && raw_origin != K4A_PLAYBACK_SEEK_END &&
        raw_origin != K4A_PLAYBACK_SEEK_DEVICE_TIME)
    {
        OK4A_LOG_ERROR("%s: unknown seek origin %d", __func__, raw_origin);
        return K4A_RESULT_FAILED;
    }
    // Clamp so that absurd offsets (INT64_MIN/MAX) cannot overflow below.
    offset_usec = std::clamp<int64_t>(offset_usec, -(INT64_C(1) << 53), INT64_C(1) << 53);
    if (origin == K4A_PLAYBACK_SEEK_DEVICE_TIME)
    {
        origin = K4A_PLAYBACK_SEEK_BEGIN;
        offset_usec -= playback->config.start_timestamp_offset_usec;
    }
    uint64_t target_ns = 0;
    if (origin == K4A_PLAYBACK_SEEK_END)
    {
        const uint64_t back_ns = offset_usec > 0 ? 0 : static_cast<uint64_t>(-offset_usec) * 1000;
        const uint64_t last = playback->index.last_timestamp_ns();
        target_ns = back_ns > last ? 0 : last + 1 - back_ns;
    }
    else
    {
        target_ns = offset_usec < 0 ? 0 : static_cast<uint64_t>(offset_usec) * 1000;
    }
    playback->seek_timestamp_ns = target_ns;
    for (TrackCursor &cursor : playback->cursors)
        cursor = TrackCursor{};
    return K4A_RESULT_SUCCEEDED;
}

uint64_t k4a_playback_get_recording_length_usec(k4a_playback_t playback_handle)
{
    _k4a_playback_t *playback = Playback(playback_handle, __func__);
    return playback == nullptr ? 0 : playback->index.last_timestamp_ns() / 1000;
}

uint64_t k4a_playback_get_last_timestamp_usec(k4a_playback_t playback_handle)
{
    return k4a_playback_get_recording_length_usec(playback_handle);
}
