// k4a_record_configuration_t from a recording's tracks and tags.
#include <cerrno>
#include <cinttypes>
#include <cstdlib>
#include <cstring>

#include <openk4a/device.h>

#include "core/log.h"
#include "core/record/playback_internal.h"
#include "core/record/recording_format.h"

namespace ok4a::record
{
namespace
{

bool ParseInteger(const std::string &text, int64_t *value)
{
    if (text.empty())
        return false;
    errno = 0;
    char *end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end == nullptr || *end != '\0')
        return false;
    *value = v;
    return true;
}

// A track found by the UID its K4A_*_TRACK tag names, else by name.
int FindTrack(const MkvIndex &index, const char *name, const char *tag_name)
{
    uint64_t uid = 0;
    const MkvTag *tag = tag_name != nullptr ? FindTag(index, tag_name) : nullptr;
    if (tag != nullptr)
    {
        if (tag->target_type == "TRACK")
            uid = tag->track_uid;
        int64_t value = 0;
        if (uid == 0 && ParseInteger(tag->value, &value))
            uid = static_cast<uint64_t>(value);
    }
    int by_name = -1;
    const std::vector<MkvTrack> &tracks = index.tracks();
    for (size_t i = 0; i < tracks.size(); i++)
    {
        if (uid != 0 && tracks[i].uid == uid)
            return static_cast<int>(i);
        if (by_name < 0 && tracks[i].name == name)
            by_name = static_cast<int>(i);
    }
    return by_name;
}

bool ReadVideoTrack(const _k4a_playback_t *playback, VideoTrack *video, const char *what)
{
    const MkvTrack &track = playback->index.tracks()[static_cast<size_t>(video->track)];
    if (track.type != kTrackTypeVideo)
    {
        OK4A_LOG_ERROR("%s: the %s track is not a video track (type %" PRIu64 ")", playback->path.c_str(), what,
                       track.type);
        return false;
    }
    if (track.codec_id != kCodecFourcc)
    {
        OK4A_LOG_ERROR("%s: the %s track has codec '%s'; k4a recordings use %s", playback->path.c_str(), what,
                       track.codec_id.c_str(), kCodecFourcc);
        return false;
    }
    BitmapInfo info;
    if (!DecodeBitmapInfo(track.codec_private.data(), track.codec_private.size(), &info))
    {
        OK4A_LOG_ERROR("%s: the %s track's CodecPrivate is %zu bytes, not a %zu-byte BITMAPINFOHEADER",
                       playback->path.c_str(), what, track.codec_private.size(), kBitmapInfoHeaderSize);
        return false;
    }
    const std::optional<k4a_image_format_t> format = FormatOfFourcc(info.fourcc);
    if (!format)
    {
        OK4A_LOG_ERROR("%s: the %s track has the unsupported FourCC 0x%08x", playback->path.c_str(), what, info.fourcc);
        return false;
    }
    if (track.width == 0 || track.height == 0 || track.width > 65536 || track.height > 65536)
    {
        OK4A_LOG_ERROR("%s: the %s track's size %" PRIu64 "x%" PRIu64 " is out of range", playback->path.c_str(), what,
                       track.width, track.height);
        return false;
    }
    video->format = *format;
    video->width = static_cast<uint32_t>(track.width);
    video->height = static_cast<uint32_t>(track.height);
    return true;
}

} // namespace

const MkvTag *FindTag(const MkvIndex &index, const char *name)
{
    if (name == nullptr)
        return nullptr;
    for (const MkvTag &tag : index.tags())
    {
        if (tag.name == name)
            return &tag;
    }
    return nullptr;
}

bool ReadRecordingConfiguration(_k4a_playback_t *playback)
{
    const MkvIndex &index = playback->index;
    const char *path = playback->path.c_str();
    k4a_record_configuration_t &config = playback->config;
    config = k4a_record_configuration_t{};

    playback->color.track = FindTrack(index, kTrackColor, "K4A_COLOR_TRACK");
    playback->depth.track = FindTrack(index, kTrackDepth, "K4A_DEPTH_TRACK");
    playback->ir.track = FindTrack(index, kTrackIr, "K4A_IR_TRACK");
    if (playback->ir.track < 0)
        playback->ir.track = FindTrack(index, kTrackIrLegacy, nullptr);
    playback->imu_track = FindTrack(index, kTrackImu, "K4A_IMU_TRACK");

    // The calibration: the attachment K4A_CALIBRATION_FILE points at, else by name.
    const MkvTag *calibration_tag = FindTag(index, "K4A_CALIBRATION_FILE");
    for (const MkvAttachment &attachment : index.attachments())
    {
        if (calibration_tag != nullptr && calibration_tag->target_type == "ATTACHMENT" &&
            attachment.uid == calibration_tag->attachment_uid)
        {
            playback->calibration = &attachment;
            break;
        }
    }
    for (const MkvAttachment &attachment : index.attachments())
    {
        if (playback->calibration == nullptr && attachment.name == kCalibrationFile)
            playback->calibration = &attachment;
    }
    if (playback->calibration == nullptr)
        OK4A_LOG_WARNING("%s: the recording has no device calibration", path);

    uint64_t period_ns = 0;
    config.color_format = K4A_IMAGE_FORMAT_CUSTOM;
    config.color_resolution = K4A_COLOR_RESOLUTION_OFF;
    if (playback->color.track >= 0)
    {
        if (!ReadVideoTrack(playback, &playback->color, "COLOR"))
            return false;
        if (playback->color.format == K4A_IMAGE_FORMAT_DEPTH16)
        {
            OK4A_LOG_ERROR("%s: the COLOR track holds 16-bit grey images", path);
            return false;
        }
        for (int r = K4A_COLOR_RESOLUTION_720P; r <= K4A_COLOR_RESOLUTION_3072P; r++)
        {
            int width = 0, height = 0;
            if (openk4a_color_resolution_size(static_cast<k4a_color_resolution_t>(r), &width, &height) &&
                static_cast<uint32_t>(width) == playback->color.width &&
                static_cast<uint32_t>(height) == playback->color.height)
            {
                config.color_resolution = static_cast<k4a_color_resolution_t>(r);
            }
        }
        if (config.color_resolution == K4A_COLOR_RESOLUTION_OFF)
            OK4A_LOG_WARNING("%s: colour size %ux%u is not a k4a resolution", path, playback->color.width,
                             playback->color.height);
        config.color_track_enabled = true;
        config.color_format = playback->color.format;
        period_ns = index.tracks()[static_cast<size_t>(playback->color.track)].default_duration_ns;
    }
    playback->color_conversion = config.color_format;

    const MkvTag *depth_mode_tag = FindTag(index, "K4A_DEPTH_MODE");
    config.depth_mode = K4A_DEPTH_MODE_OFF;
    int depth_width = 0, depth_height = 0;
    if (depth_mode_tag == nullptr && (playback->depth.track >= 0 || playback->ir.track >= 0))
    {
        OK4A_LOG_ERROR("%s: depth or IR track without a K4A_DEPTH_MODE tag", path);
        return false;
    }
    if (depth_mode_tag != nullptr)
    {
        const std::optional<k4a_depth_mode_t> mode = DepthModeFromName(depth_mode_tag->value);
        if (!mode || !openk4a_depth_mode_size(*mode, &depth_width, &depth_height))
        {
            OK4A_LOG_ERROR("%s: unsupported K4A_DEPTH_MODE '%s'", path, depth_mode_tag->value.c_str());
            return false;
        }
        config.depth_mode = *mode;
    }

    VideoTrack *depth_tracks[] = {&playback->depth, &playback->ir};
    const char *depth_names[] = {"DEPTH", "IR"};
    for (int i = 0; i < 2; i++)
    {
        VideoTrack *video = depth_tracks[i];
        if (video->track < 0)
            continue;
        if (!ReadVideoTrack(playback, video, depth_names[i]))
            return false;
        if (video->format != K4A_IMAGE_FORMAT_DEPTH16)
        {
            OK4A_LOG_ERROR("%s: the %s track is not b16g (16-bit grey)", path, depth_names[i]);
            return false;
        }
        if (video->width != static_cast<uint32_t>(depth_width) || video->height != static_cast<uint32_t>(depth_height))
        {
            OK4A_LOG_ERROR("%s: the %s track is %ux%u but K4A_DEPTH_MODE %s is %dx%d", path, depth_names[i],
                           video->width, video->height, depth_mode_tag->value.c_str(), depth_width, depth_height);
            return false;
        }
        const uint64_t track_period = index.tracks()[static_cast<size_t>(video->track)].default_duration_ns;
        if (period_ns == 0)
        {
            period_ns = track_period;
        }
        else if (track_period != period_ns)
        {
            OK4A_LOG_ERROR("%s: the %s track's frame duration %" PRIu64 " ns differs from %" PRIu64 " ns", path,
                           depth_names[i], track_period, period_ns);
            return false;
        }
    }
    config.depth_track_enabled = playback->depth.track >= 0;
    config.ir_track_enabled = playback->ir.track >= 0;

    playback->sync_period_ns = period_ns;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    if (period_ns > 0)
    {
        switch (1000000000ull / period_ns)
        {
        case 5:
            config.camera_fps = K4A_FRAMES_PER_SECOND_5;
            break;
        case 15:
            config.camera_fps = K4A_FRAMES_PER_SECOND_15;
            break;
        case 30:
            config.camera_fps = K4A_FRAMES_PER_SECOND_30;
            break;
        default:
            OK4A_LOG_ERROR("%s: frame duration %" PRIu64 " ns is not 5, 15 or 30 fps", path, period_ns);
            return false;
        }
    }

    const MkvTag *delay_tag = FindTag(index, "K4A_DEPTH_DELAY_NS");
    if (delay_tag != nullptr)
    {
        int64_t delay_ns = 0;
        if (!ParseInteger(delay_tag->value, &delay_ns) || delay_ns / 1000 > INT32_MAX || delay_ns / 1000 < INT32_MIN)
        {
            OK4A_LOG_ERROR("%s: K4A_DEPTH_DELAY_NS '%s' is not a delay", path, delay_tag->value.c_str());
            return false;
        }
        config.depth_delay_off_color_usec = static_cast<int32_t>(delay_ns / 1000);
        // Only positive shifts, so timestamps near 0 never wrap.
        if (delay_ns > 0)
            playback->color.sync_delay_ns = static_cast<uint64_t>(delay_ns);
        else if (delay_ns < 0)
            playback->depth.sync_delay_ns = playback->ir.sync_delay_ns = static_cast<uint64_t>(-delay_ns);
    }

    if (playback->imu_track >= 0)
    {
        if (index.tracks()[static_cast<size_t>(playback->imu_track)].type == kTrackTypeSubtitle)
        {
            config.imu_track_enabled = true;
        }
        else
        {
            OK4A_LOG_WARNING("%s: the IMU track is not a subtitle track; treated as a custom track", path);
            playback->imu_track = -1;
        }
    }

    config.wired_sync_mode = K4A_WIRED_SYNC_MODE_STANDALONE;
    const MkvTag *sync_tag = FindTag(index, "K4A_WIRED_SYNC_MODE");
    if (sync_tag != nullptr)
    {
        const std::optional<k4a_wired_sync_mode_t> mode = WiredSyncModeFromName(sync_tag->value);
        if (!mode)
        {
            OK4A_LOG_ERROR("%s: unsupported K4A_WIRED_SYNC_MODE '%s'", path, sync_tag->value.c_str());
            return false;
        }
        config.wired_sync_mode = *mode;
        const MkvTag *subordinate_tag = FindTag(index, "K4A_SUBORDINATE_DELAY_NS");
        if (*mode == K4A_WIRED_SYNC_MODE_SUBORDINATE && subordinate_tag != nullptr)
        {
            int64_t delay_ns = 0;
            if (!ParseInteger(subordinate_tag->value, &delay_ns) || delay_ns < 0 || delay_ns / 1000 > UINT32_MAX)
            {
                OK4A_LOG_ERROR("%s: K4A_SUBORDINATE_DELAY_NS '%s' is not a delay", path,
                               subordinate_tag->value.c_str());
                return false;
            }
            config.subordinate_delay_off_master_usec = static_cast<uint32_t>(delay_ns / 1000);
        }
    }

    const MkvTag *offset_tag = FindTag(index, "K4A_START_OFFSET_NS");
    if (offset_tag != nullptr)
    {
        int64_t offset_ns = 0;
        if (!ParseInteger(offset_tag->value, &offset_ns) || offset_ns < 0 || offset_ns / 1000 > UINT32_MAX)
        {
            OK4A_LOG_ERROR("%s: K4A_START_OFFSET_NS '%s' is not an offset", path, offset_tag->value.c_str());
            return false;
        }
        config.start_timestamp_offset_usec = static_cast<uint32_t>(offset_ns / 1000);
    }
    return true;
}

} // namespace ok4a::record
