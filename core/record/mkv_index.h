// A bounded Matroska reader for k4arecord playback (//core/record:mkv_index).
//
// Why our own reader and not libmatroska for reading: libmatroska reads an
// element by allocating its declared size and reports errors by throwing,
// so a hostile size means an unbounded allocation; and its cluster-by-cluster
// reading needs the cue/cluster cache the SDK built on top. This reader reads
// the metadata (Info, Tracks, Tags, Attachments) into memory under fixed caps,
// and indexes every block of every cluster by reading element headers only
// (frame data stays on disk until it is asked for). Each rule it checks has
// a message with the byte offset where the file broke it. Its output is
// checked against libmatroska, mkvinfo and ffprobe by //tests/record.
//
// Not thread-safe; one MkvIndex per open file.
#ifndef OPENK4A_CORE_RECORD_MKV_INDEX_H_
#define OPENK4A_CORE_RECORD_MKV_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ok4a::record
{

// Caps on what a file may make us hold in memory.
inline constexpr uint64_t kMaxMetadataElementBytes = 64u << 20; // Tracks, Tags, Info
inline constexpr uint64_t kMaxAttachmentsBytes = 256u << 20;
inline constexpr uint64_t kMaxFrameBytes = 256u << 20; // one frame (4096x3072 BGRA is 48 MiB)
inline constexpr size_t kMaxTracks = 256;
inline constexpr size_t kMaxTags = 65536;
inline constexpr size_t kMaxIndexedFrames = 64u << 20;

struct MkvTrack
{
    uint64_t number = 0;
    uint64_t uid = 0;
    uint64_t type = 0;
    std::string name;
    std::string codec_id;
    std::vector<uint8_t> codec_private;
    uint64_t default_duration_ns = 0;
    uint64_t width = 0;
    uint64_t height = 0;
};

struct MkvTag
{
    std::string target_type; // "TRACK", "ATTACHMENT" or empty
    uint64_t track_uid = 0;
    uint64_t attachment_uid = 0;
    std::string name;
    std::string value;
};

struct MkvAttachment
{
    std::string name;
    std::string mime_type;
    uint64_t uid = 0;
    std::vector<uint8_t> data;
};

// One frame of a track: where its bytes are, and its block's timing.
struct MkvFrame
{
    uint64_t offset = 0; // absolute file offset of the frame's bytes
    uint32_t size = 0;   // frame size in bytes
    uint16_t index_in_block = 0;
    uint16_t frames_in_block = 1;
    uint64_t block_timestamp_ns = 0; // from the start of the recording
    uint64_t block_duration_ns = 0;  // 0 when the block has none
};

// A track's frames, in file order (k4arecord writes them in timestamp order).
struct MkvTrackFrames
{
    std::vector<MkvFrame> frames;
};

class MkvIndex
{
public:
    MkvIndex() = default;
    MkvIndex(const MkvIndex &) = delete;
    MkvIndex &operator=(const MkvIndex &) = delete;
    ~MkvIndex();

    // Opens and indexes `path`. On failure returns false and sets `error` to
    // "offset N: <rule>"; the object is then empty.
    bool Open(const char *path, std::string *error);

    // Reads `size` bytes at `offset` into `out`; false (with `error`) on a
    // short read or an I/O error.
    bool Read(uint64_t offset, void *out, size_t size, std::string *error) const;

    uint64_t timecode_scale_ns() const
    {
        return timecode_scale_ns_;
    }
    uint64_t file_size() const
    {
        return file_size_;
    }
    const std::vector<MkvTrack> &tracks() const
    {
        return tracks_;
    }
    const std::vector<MkvTag> &tags() const
    {
        return tags_;
    }
    const std::vector<MkvAttachment> &attachments() const
    {
        return attachments_;
    }
    // Frames of tracks()[i].
    const MkvTrackFrames &frames(size_t track) const
    {
        return frames_[track];
    }
    // Largest block start (+ duration - 1 for blocks with a duration), in ns.
    uint64_t last_timestamp_ns() const
    {
        return last_timestamp_ns_;
    }

private:
    struct Element;
    bool ReadElementHeader(uint64_t offset, uint64_t end, Element *element, std::string *error) const;
    bool ParseEbmlHeader(const Element &header, std::string *error);
    bool ParseSegment(const Element &segment, std::string *error);
    bool ParseInfo(const Element &info, std::string *error);
    bool ParseTracks(const Element &tracks, std::string *error);
    bool ParseTags(const Element &tags, std::string *error);
    bool ParseAttachments(const Element &attachments, std::string *error);
    bool IndexCluster(const Element &cluster, uint64_t *cluster_end, std::string *error);
    bool IndexBlock(uint64_t offset, uint64_t size, uint64_t cluster_timecode, uint64_t duration_ticks,
                    std::string *error);
    bool LoadElement(const Element &element, uint64_t cap, std::vector<uint8_t> *out, std::string *error) const;

    int fd_ = -1;
    uint64_t file_size_ = 0;
    uint64_t timecode_scale_ns_ = 1000000; // Matroska's default
    bool info_seen_ = false;
    bool clusters_seen_ = false;
    std::vector<MkvTrack> tracks_;
    std::vector<MkvTag> tags_;
    std::vector<MkvAttachment> attachments_;
    std::vector<MkvTrackFrames> frames_;
    size_t indexed_frames_ = 0;
    uint64_t last_timestamp_ns_ = 0;
};

} // namespace ok4a::record

#endif // OPENK4A_CORE_RECORD_MKV_INDEX_H_
