// The state behind a k4a_playback_t, shared by the playback source files.
#ifndef OPENK4A_CORE_RECORD_PLAYBACK_INTERNAL_H_
#define OPENK4A_CORE_RECORD_PLAYBACK_INTERNAL_H_

#include <k4arecord/playback.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/record/mkv_index.h"

namespace ok4a::record
{

inline constexpr uint32_t kPlaybackMagic = 0x6B346170; // "k4ap"

// Where reading stands on one track: after a seek nothing was returned yet
// (`set` false: the next read searches from the seek time); otherwise `pos`
// is the frame returned last, -1 before the first or N after the last.
struct TrackCursor
{
    bool set = false;
    int64_t pos = 0;
};

// A built-in video track as playback reads it.
struct VideoTrack
{
    int track = -1; // index into MkvIndex::tracks(), -1 when absent
    k4a_image_format_t format = K4A_IMAGE_FORMAT_CUSTOM;
    uint32_t width = 0;
    uint32_t height = 0;
    uint64_t sync_delay_ns = 0; // added to timestamps when matching images into captures
};

} // namespace ok4a::record

struct _k4a_playback_t
{
    uint32_t magic = ok4a::record::kPlaybackMagic;
    std::string path;
    ok4a::record::MkvIndex index;
    k4a_record_configuration_t config{};
    ok4a::record::VideoTrack color, depth, ir;
    int imu_track = -1;
    const ok4a::record::MkvAttachment *calibration = nullptr;
    uint64_t sync_period_ns = 0;
    k4a_image_format_t color_conversion = K4A_IMAGE_FORMAT_CUSTOM;
    uint64_t seek_timestamp_ns = 0;
    std::vector<ok4a::record::TrackCursor> cursors; // one per track
};

namespace ok4a::record
{

// Finds the built-in tracks and derives the recording configuration from the
// tracks and tags (as k4arecord 1.4 does). False, with a log line, when the
// file is not a k4a recording it can play.
bool ReadRecordingConfiguration(_k4a_playback_t *playback);

// The first tag named `name`, or nullptr.
const MkvTag *FindTag(const MkvIndex &index, const char *name);

} // namespace ok4a::record

#endif // OPENK4A_CORE_RECORD_PLAYBACK_INTERNAL_H_
