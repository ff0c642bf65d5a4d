#include "core/record/mkv_index.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <unordered_map>

namespace ok4a::record
{
namespace
{

// Element IDs (with their length marker, as written).
constexpr uint32_t kIdEbml = 0x1A45DFA3;
constexpr uint32_t kIdDocType = 0x4282;
constexpr uint32_t kIdDocTypeReadVersion = 0x4285;
constexpr uint32_t kIdSegment = 0x18538067;
constexpr uint32_t kIdInfo = 0x1549A966;
constexpr uint32_t kIdTimecodeScale = 0x2AD7B1;
constexpr uint32_t kIdTracks = 0x1654AE6B;
constexpr uint32_t kIdTrackEntry = 0xAE;
constexpr uint32_t kIdTrackNumber = 0xD7;
constexpr uint32_t kIdTrackUid = 0x73C5;
constexpr uint32_t kIdTrackType = 0x83;
constexpr uint32_t kIdCodecId = 0x86;
constexpr uint32_t kIdCodecPrivate = 0x63A2;
constexpr uint32_t kIdName = 0x536E;
constexpr uint32_t kIdDefaultDuration = 0x23E383;
constexpr uint32_t kIdVideo = 0xE0;
constexpr uint32_t kIdPixelWidth = 0xB0;
constexpr uint32_t kIdPixelHeight = 0xBA;
constexpr uint32_t kIdAttachments = 0x1941A469;
constexpr uint32_t kIdAttachedFile = 0x61A7;
constexpr uint32_t kIdFileName = 0x466E;
constexpr uint32_t kIdFileMimeType = 0x4660;
constexpr uint32_t kIdFileData = 0x465C;
constexpr uint32_t kIdFileUid = 0x46AE;
constexpr uint32_t kIdTags = 0x1254C367;
constexpr uint32_t kIdTag = 0x7373;
constexpr uint32_t kIdTargets = 0x63C0;
constexpr uint32_t kIdTargetType = 0x63CA;
constexpr uint32_t kIdTagTrackUid = 0x63C5;
constexpr uint32_t kIdTagAttachmentUid = 0x63C6;
constexpr uint32_t kIdSimpleTag = 0x67C8;
constexpr uint32_t kIdTagName = 0x45A3;
constexpr uint32_t kIdTagString = 0x4487;
constexpr uint32_t kIdCluster = 0x1F43B675;
constexpr uint32_t kIdTimecode = 0xE7;
constexpr uint32_t kIdSimpleBlock = 0xA3;
constexpr uint32_t kIdBlockGroup = 0xA0;
constexpr uint32_t kIdBlock = 0xA1;
constexpr uint32_t kIdBlockDuration = 0x9B;
constexpr uint32_t kIdCues = 0x1C53BB6B;
constexpr uint32_t kIdSeekHead = 0x114D9B74;
constexpr uint32_t kIdChapters = 0x1043A770;

constexpr size_t kMaxBlockGroupBytes = 64 * 1024; // BlockGroup children other than the Block
constexpr size_t kMaxLaceHeaderBytes = 64 * 1024;

std::string At(uint64_t offset, const std::string &what)
{
    char prefix[48];
    std::snprintf(prefix, sizeof prefix, "offset %" PRIu64 ": ", offset);
    return prefix + what;
}

// Reads an EBML variable-length integer from memory. `marker_kept` keeps the
// length marker (element IDs). Returns its length, or 0 when invalid/short.
size_t ReadVint(const uint8_t *p, size_t available, size_t max_length, bool marker_kept, uint64_t *value,
                bool *all_ones)
{
    if (available == 0 || p[0] == 0)
        return 0;
    size_t length = 1;
    while (!(p[0] & (0x80 >> (length - 1))))
        length++;
    if (length > max_length || length > available)
        return 0;
    uint64_t v = marker_kept ? p[0] : (p[0] & (0xFF >> length));
    bool ones = (p[0] & (0xFF >> length)) == (0xFF >> length);
    for (size_t i = 1; i < length; i++)
    {
        v = v << 8 | p[i];
        ones = ones && p[i] == 0xFF;
    }
    *value = v;
    if (all_ones != nullptr)
        *all_ones = ones;
    return length;
}

// Children of an element held in memory.
class MemoryChildren
{
public:
    MemoryChildren(const uint8_t *data, size_t size, uint64_t file_offset) :
        data_(data), size_(size), file_offset_(file_offset)
    {
    }

    // Next child: false at the end or on an error (then `error` is set).
    bool Next(uint32_t *id, const uint8_t **payload, size_t *payload_size, std::string *error)
    {
        if (pos_ >= size_)
            return false;
        uint64_t raw_id = 0, size = 0;
        bool unknown = false;
        const size_t id_length = ReadVint(data_ + pos_, size_ - pos_, 4, true, &raw_id, nullptr);
        if (id_length == 0)
        {
            *error = At(file_offset_ + pos_, "invalid element ID");
            return false;
        }
        const size_t size_length =
            ReadVint(data_ + pos_ + id_length, size_ - pos_ - id_length, 8, false, &size, &unknown);
        if (size_length == 0 || unknown)
        {
            *error = At(file_offset_ + pos_, "invalid or unknown element size inside a sized element");
            return false;
        }
        const size_t header = id_length + size_length;
        if (size > size_ - pos_ - header)
        {
            *error = At(file_offset_ + pos_, "element size runs past its parent");
            return false;
        }
        *id = static_cast<uint32_t>(raw_id);
        *payload = data_ + pos_ + header;
        *payload_size = static_cast<size_t>(size);
        last_offset_ = file_offset_ + pos_ + header;
        pos_ += header + static_cast<size_t>(size);
        return true;
    }

    // File offset of the payload Next() returned last.
    uint64_t last_offset() const
    {
        return last_offset_;
    }

private:
    const uint8_t *data_;
    size_t size_;
    uint64_t file_offset_;
    size_t pos_ = 0;
    uint64_t last_offset_ = 0;
};

bool ReadUnsigned(const uint8_t *p, size_t size, uint64_t offset, uint64_t *value, std::string *error)
{
    if (size > 8)
    {
        *error = At(offset, "unsigned integer longer than 8 bytes");
        return false;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < size; i++)
        v = v << 8 | p[i];
    *value = v;
    return true;
}

std::string ReadString(const uint8_t *p, size_t size)
{
    std::string s(reinterpret_cast<const char *>(p), size);
    const size_t nul = s.find('\0');
    if (nul != std::string::npos)
        s.resize(nul);
    return s;
}

} // namespace

struct MkvIndex::Element
{
    uint32_t id = 0;
    uint64_t offset = 0;      // of the ID
    uint64_t data_offset = 0; // of the payload
    uint64_t size = 0;        // payload size (to the parent's end when unknown)
    bool unknown_size = false;
    uint64_t end() const
    {
        return data_offset + size;
    }
};

MkvIndex::~MkvIndex()
{
    if (fd_ >= 0)
        close(fd_);
}

bool MkvIndex::Read(uint64_t offset, void *out, size_t size, std::string *error) const
{
    uint8_t *dst = static_cast<uint8_t *>(out);
    while (size > 0)
    {
        const ssize_t n = pread(fd_, dst, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            *error = At(offset, n < 0 ? std::string("read failed: ") + strerror(errno) : "file ends early");
            return false;
        }
        dst += n;
        offset += static_cast<uint64_t>(n);
        size -= static_cast<size_t>(n);
    }
    return true;
}

bool MkvIndex::ReadElementHeader(uint64_t offset, uint64_t end, Element *element, std::string *error) const
{
    uint8_t head[12];
    const size_t available = static_cast<size_t>(std::min<uint64_t>(sizeof head, end - offset));
    if (!Read(offset, head, available, error))
        return false;
    uint64_t id = 0, size = 0;
    bool unknown = false;
    const size_t id_length = ReadVint(head, available, 4, true, &id, nullptr);
    if (id_length == 0)
    {
        *error = At(offset, "invalid element ID");
        return false;
    }
    const size_t size_length = ReadVint(head + id_length, available - id_length, 8, false, &size, &unknown);
    if (size_length == 0)
    {
        *error = At(offset, "invalid element size");
        return false;
    }
    element->id = static_cast<uint32_t>(id);
    element->offset = offset;
    element->data_offset = offset + id_length + size_length;
    element->unknown_size = unknown;
    if (unknown)
    {
        element->size = end - element->data_offset;
    }
    else
    {
        if (size > end - element->data_offset)
        {
            *error = At(offset, "element size runs past its parent or the end of the file (truncated?)");
            return false;
        }
        element->size = size;
    }
    return true;
}

bool MkvIndex::LoadElement(const Element &element, uint64_t cap, std::vector<uint8_t> *out, std::string *error) const
{
    if (element.size > cap)
    {
        *error = At(element.offset,
                    "element of " + std::to_string(element.size) + " bytes is above the cap of " + std::to_string(cap));
        return false;
    }
    out->resize(static_cast<size_t>(element.size));
    return Read(element.data_offset, out->data(), out->size(), error);
}

bool MkvIndex::Open(const char *path, std::string *error)
{
    error->clear();
    fd_ = open(path, O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
    {
        *error = std::string("cannot open: ") + strerror(errno);
        return false;
    }
    struct stat st;
    if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))
    {
        *error = "not a regular file";
        return false;
    }
    file_size_ = static_cast<uint64_t>(st.st_size);

    Element header;
    if (file_size_ == 0)
    {
        *error = "empty file";
        return false;
    }
    if (!ReadElementHeader(0, file_size_, &header, error))
        return false;
    if (header.id != kIdEbml)
    {
        *error = At(0, "not an EBML file (no EBML header)");
        return false;
    }
    if (!ParseEbmlHeader(header, error))
        return false;

    // The first Segment after the header holds everything.
    uint64_t offset = header.end();
    while (offset < file_size_)
    {
        Element element;
        if (!ReadElementHeader(offset, file_size_, &element, error))
            return false;
        if (element.id == kIdSegment)
            return ParseSegment(element, error);
        offset = element.end();
    }
    *error = At(offset, "no Segment element");
    return false;
}

bool MkvIndex::ParseEbmlHeader(const Element &header, std::string *error)
{
    std::vector<uint8_t> data;
    if (!LoadElement(header, 4096, &data, error))
        return false;
    MemoryChildren children(data.data(), data.size(), header.data_offset);
    uint32_t id;
    const uint8_t *p;
    size_t n;
    std::string doc_type;
    uint64_t read_version = 1;
    while (children.Next(&id, &p, &n, error))
    {
        if (id == kIdDocType)
            doc_type = ReadString(p, n);
        else if (id == kIdDocTypeReadVersion && !ReadUnsigned(p, n, children.last_offset(), &read_version, error))
            return false;
    }
    if (!error->empty())
        return false;
    if (doc_type != "matroska")
    {
        *error = At(header.offset, "DocType is '" + doc_type + "', not 'matroska'");
        return false;
    }
    if (read_version > 4)
    {
        *error = At(header.offset, "DocTypeReadVersion " + std::to_string(read_version) + " is above 4");
        return false;
    }
    return true;
}

bool MkvIndex::ParseSegment(const Element &segment, std::string *error)
{
    uint64_t offset = segment.data_offset;
    const uint64_t end = segment.end();
    while (offset < end)
    {
        Element element;
        if (!ReadElementHeader(offset, end, &element, error))
            return false;
        bool ok = true;
        uint64_t next = element.end();
        switch (element.id)
        {
        case kIdInfo:
            ok = ParseInfo(element, error);
            break;
        case kIdTracks:
            ok = ParseTracks(element, error);
            break;
        case kIdTags:
            ok = ParseTags(element, error);
            break;
        case kIdAttachments:
            ok = ParseAttachments(element, error);
            break;
        case kIdCluster:
            ok = IndexCluster(element, &next, error);
            break;
        default: // SeekHead, Cues, Chapters, Void, CRC-32, unknown: not needed
            if (element.unknown_size)
            {
                *error = At(element.offset, "top-level element of unknown size that is not a Cluster");
                return false;
            }
            break;
        }
        if (!ok)
            return false;
        offset = next;
    }
    if (tracks_.empty())
    {
        *error = At(segment.offset, "the Segment has no Tracks");
        return false;
    }
    // Playback searches frames by time: keep each track in timestamp order
    // even when a file stores blocks out of order.
    for (MkvTrackFrames &track : frames_)
    {
        std::stable_sort(track.frames.begin(), track.frames.end(),
                         [](const MkvFrame &a, const MkvFrame &b)
                         { return a.block_timestamp_ns < b.block_timestamp_ns; });
    }
    return true;
}

bool MkvIndex::ParseInfo(const Element &info, std::string *error)
{
    if (clusters_seen_)
    {
        *error = At(info.offset, "segment Info after the first Cluster");
        return false;
    }
    std::vector<uint8_t> data;
    if (!LoadElement(info, kMaxMetadataElementBytes, &data, error))
        return false;
    MemoryChildren children(data.data(), data.size(), info.data_offset);
    uint32_t id;
    const uint8_t *p;
    size_t n;
    while (children.Next(&id, &p, &n, error))
    {
        if (id == kIdTimecodeScale)
        {
            if (!ReadUnsigned(p, n, children.last_offset(), &timecode_scale_ns_, error))
                return false;
            if (timecode_scale_ns_ == 0)
            {
                *error = At(children.last_offset(), "TimestampScale is 0");
                return false;
            }
        }
    }
    info_seen_ = true;
    return error->empty();
}

bool MkvIndex::ParseTracks(const Element &tracks, std::string *error)
{
    if (!tracks_.empty())
    {
        *error = At(tracks.offset, "a second Tracks element");
        return false;
    }
    std::vector<uint8_t> data;
    if (!LoadElement(tracks, kMaxMetadataElementBytes, &data, error))
        return false;
    MemoryChildren entries(data.data(), data.size(), tracks.data_offset);
    uint32_t id;
    const uint8_t *p;
    size_t n;
    while (entries.Next(&id, &p, &n, error))
    {
        if (id != kIdTrackEntry)
            continue;
        const uint64_t entry_offset = entries.last_offset();
        if (tracks_.size() == kMaxTracks)
        {
            *error = At(entry_offset, "more than " + std::to_string(kMaxTracks) + " tracks");
            return false;
        }
        MkvTrack track;
        MemoryChildren fields(p, n, entry_offset);
        uint32_t fid;
        const uint8_t *fp;
        size_t fn;
        while (fields.Next(&fid, &fp, &fn, error))
        {
            const uint64_t at = fields.last_offset();
            bool ok = true;
            switch (fid)
            {
            case kIdTrackNumber:
                ok = ReadUnsigned(fp, fn, at, &track.number, error);
                break;
            case kIdTrackUid:
                ok = ReadUnsigned(fp, fn, at, &track.uid, error);
                break;
            case kIdTrackType:
                ok = ReadUnsigned(fp, fn, at, &track.type, error);
                break;
            case kIdCodecId:
                track.codec_id = ReadString(fp, fn);
                break;
            case kIdCodecPrivate:
                track.codec_private.assign(fp, fp + fn);
                break;
            case kIdName:
                track.name = ReadString(fp, fn);
                break;
            case kIdDefaultDuration:
                ok = ReadUnsigned(fp, fn, at, &track.default_duration_ns, error);
                break;
            case kIdVideo:
            {
                MemoryChildren video(fp, fn, at);
                uint32_t vid;
                const uint8_t *vp;
                size_t vn;
                while (ok && video.Next(&vid, &vp, &vn, error))
                {
                    if (vid == kIdPixelWidth)
                        ok = ReadUnsigned(vp, vn, video.last_offset(), &track.width, error);
                    else if (vid == kIdPixelHeight)
                        ok = ReadUnsigned(vp, vn, video.last_offset(), &track.height, error);
                }
                ok = ok && error->empty();
                break;
            }
            default:
                break;
            }
            if (!ok)
                return false;
        }
        if (!error->empty())
            return false;
        if (track.number == 0)
        {
            *error = At(entry_offset, "track without a TrackNumber (or number 0)");
            return false;
        }
        for (const MkvTrack &other : tracks_)
        {
            if (other.number == track.number)
            {
                *error = At(entry_offset, "track number " + std::to_string(track.number) + " used twice");
                return false;
            }
        }
        tracks_.push_back(std::move(track));
    }
    if (!error->empty())
        return false;
    frames_.resize(tracks_.size());
    return true;
}

bool MkvIndex::ParseTags(const Element &tags, std::string *error)
{
    std::vector<uint8_t> data;
    if (!LoadElement(tags, kMaxMetadataElementBytes, &data, error))
        return false;
    MemoryChildren list(data.data(), data.size(), tags.data_offset);
    uint32_t id;
    const uint8_t *p;
    size_t n;
    while (list.Next(&id, &p, &n, error))
    {
        if (id != kIdTag)
            continue;
        const uint64_t tag_offset = list.last_offset();
        MkvTag targets;
        std::vector<MkvTag> simple_tags;
        MemoryChildren fields(p, n, tag_offset);
        uint32_t fid;
        const uint8_t *fp;
        size_t fn;
        while (fields.Next(&fid, &fp, &fn, error))
        {
            MemoryChildren inner(fp, fn, fields.last_offset());
            uint32_t iid;
            const uint8_t *ip;
            size_t in;
            if (fid == kIdTargets)
            {
                while (inner.Next(&iid, &ip, &in, error))
                {
                    bool ok = true;
                    if (iid == kIdTargetType)
                        targets.target_type = ReadString(ip, in);
                    else if (iid == kIdTagTrackUid)
                        ok = ReadUnsigned(ip, in, inner.last_offset(), &targets.track_uid, error);
                    else if (iid == kIdTagAttachmentUid)
                        ok = ReadUnsigned(ip, in, inner.last_offset(), &targets.attachment_uid, error);
                    if (!ok)
                        return false;
                }
            }
            else if (fid == kIdSimpleTag)
            {
                MkvTag simple;
                while (inner.Next(&iid, &ip, &in, error))
                {
                    if (iid == kIdTagName)
                        simple.name = ReadString(ip, in);
                    else if (iid == kIdTagString)
                        simple.value = ReadString(ip, in);
                }
                simple_tags.push_back(std::move(simple));
            }
            if (!error->empty())
                return false;
        }
        if (!error->empty())
            return false;
        for (MkvTag &simple : simple_tags)
        {
            if (tags_.size() == kMaxTags)
            {
                *error = At(tag_offset, "more than " + std::to_string(kMaxTags) + " tags");
                return false;
            }
            simple.target_type = targets.target_type;
            simple.track_uid = targets.track_uid;
            simple.attachment_uid = targets.attachment_uid;
            tags_.push_back(std::move(simple));
        }
    }
    return error->empty();
}

bool MkvIndex::ParseAttachments(const Element &attachments, std::string *error)
{
    uint64_t held = 0;
    for (const MkvAttachment &a : attachments_)
        held += a.data.size();
    std::vector<uint8_t> data;
    if (!LoadElement(attachments, kMaxAttachmentsBytes - std::min(held, kMaxAttachmentsBytes), &data, error))
        return false;
    MemoryChildren files(data.data(), data.size(), attachments.data_offset);
    uint32_t id;
    const uint8_t *p;
    size_t n;
    while (files.Next(&id, &p, &n, error))
    {
        if (id != kIdAttachedFile)
            continue;
        MkvAttachment file;
        MemoryChildren fields(p, n, files.last_offset());
        uint32_t fid;
        const uint8_t *fp;
        size_t fn;
        while (fields.Next(&fid, &fp, &fn, error))
        {
            if (fid == kIdFileName)
                file.name = ReadString(fp, fn);
            else if (fid == kIdFileMimeType)
                file.mime_type = ReadString(fp, fn);
            else if (fid == kIdFileData)
                file.data.assign(fp, fp + fn);
            else if (fid == kIdFileUid && !ReadUnsigned(fp, fn, fields.last_offset(), &file.uid, error))
                return false;
        }
        if (!error->empty())
            return false;
        attachments_.push_back(std::move(file));
    }
    return error->empty();
}

bool MkvIndex::IndexCluster(const Element &cluster, uint64_t *cluster_end, std::string *error)
{
    if (!info_seen_ || tracks_.empty())
    {
        *error = At(cluster.offset, "Cluster before the segment Info and Tracks");
        return false;
    }
    clusters_seen_ = true;
    bool timecode_seen = false;
    uint64_t timecode = 0;
    uint64_t offset = cluster.data_offset;
    const uint64_t end = cluster.end();
    while (offset < end)
    {
        Element child;
        if (!ReadElementHeader(offset, end, &child, error))
            return false;
        if (cluster.unknown_size &&
            (child.id == kIdCluster || child.id == kIdCues || child.id == kIdTags || child.id == kIdInfo ||
             child.id == kIdTracks || child.id == kIdAttachments || child.id == kIdSeekHead || child.id == kIdChapters))
        {
            break; // a cluster of unknown size ends where the next top-level element starts
        }
        if (child.unknown_size)
        {
            *error = At(child.offset, "Cluster child of unknown size");
            return false;
        }
        if (child.id == kIdTimecode)
        {
            uint8_t bytes[8];
            if (child.size > 8 || !Read(child.data_offset, bytes, static_cast<size_t>(child.size), error) ||
                !ReadUnsigned(bytes, static_cast<size_t>(child.size), child.data_offset, &timecode, error))
            {
                if (error->empty())
                    *error = At(child.offset, "cluster Timestamp longer than 8 bytes");
                return false;
            }
            timecode_seen = true;
        }
        else if (child.id == kIdSimpleBlock || child.id == kIdBlockGroup)
        {
            if (!timecode_seen)
            {
                *error = At(child.offset, "block before the cluster Timestamp");
                return false;
            }
            if (child.id == kIdSimpleBlock)
            {
                if (!IndexBlock(child.data_offset, child.size, timecode, 0, error))
                    return false;
            }
            else
            {
                // A BlockGroup: its Block and BlockDuration, read by headers.
                uint64_t block_offset = 0, block_size = 0, duration = 0;
                bool block_seen = false;
                uint64_t at = child.data_offset;
                while (at < child.end())
                {
                    Element part;
                    if (!ReadElementHeader(at, child.end(), &part, error))
                        return false;
                    if (part.id == kIdBlock)
                    {
                        block_offset = part.data_offset;
                        block_size = part.size;
                        block_seen = true;
                    }
                    else if (part.id == kIdBlockDuration)
                    {
                        uint8_t bytes[8];
                        if (part.size > 8 || !Read(part.data_offset, bytes, static_cast<size_t>(part.size), error) ||
                            !ReadUnsigned(bytes, static_cast<size_t>(part.size), part.data_offset, &duration, error))
                        {
                            if (error->empty())
                                *error = At(part.offset, "BlockDuration longer than 8 bytes");
                            return false;
                        }
                    }
                    else if (part.size > kMaxBlockGroupBytes)
                    {
                        *error =
                            At(part.offset, "BlockGroup child above " + std::to_string(kMaxBlockGroupBytes) + " bytes");
                        return false;
                    }
                    at = part.end();
                }
                if (!block_seen)
                {
                    *error = At(child.offset, "BlockGroup without a Block");
                    return false;
                }
                if (!IndexBlock(block_offset, block_size, timecode, duration, error))
                    return false;
            }
        }
        offset = child.end();
    }
    *cluster_end = cluster.unknown_size ? offset : cluster.end();
    return true;
}

bool MkvIndex::IndexBlock(uint64_t offset, uint64_t size, uint64_t cluster_timecode, uint64_t duration_ticks,
                          std::string *error)
{
    uint8_t head[12];
    const size_t available = static_cast<size_t>(std::min<uint64_t>(sizeof head, size));
    if (!Read(offset, head, available, error))
        return false;
    uint64_t track_number = 0;
    const size_t number_length = ReadVint(head, available, 8, false, &track_number, nullptr);
    if (number_length == 0 || available < number_length + 3)
    {
        *error = At(offset, "block header too short or invalid track number");
        return false;
    }
    const int16_t relative = static_cast<int16_t>(head[number_length] << 8 | head[number_length + 1]);
    const uint8_t flags = head[number_length + 2];
    size_t header_length = number_length + 3;

    size_t track = tracks_.size();
    for (size_t i = 0; i < tracks_.size(); i++)
    {
        if (tracks_[i].number == track_number)
        {
            track = i;
            break;
        }
    }
    if (track == tracks_.size())
    {
        *error =
            At(offset, "block of track number " + std::to_string(track_number) + ", which Tracks does not declare");
        return false;
    }

    const int64_t ticks = static_cast<int64_t>(cluster_timecode) + relative;
    if (cluster_timecode > static_cast<uint64_t>(INT64_MAX) - 32768 || ticks < 0)
    {
        *error = At(offset, "block timestamp before 0 or out of range");
        return false;
    }
    if (static_cast<uint64_t>(ticks) > UINT64_MAX / timecode_scale_ns_ ||
        duration_ticks > UINT64_MAX / timecode_scale_ns_)
    {
        *error = At(offset, "block timestamp overflows 64-bit nanoseconds");
        return false;
    }
    MkvFrame frame;
    frame.block_timestamp_ns = static_cast<uint64_t>(ticks) * timecode_scale_ns_;
    frame.block_duration_ns = duration_ticks * timecode_scale_ns_;
    if (frame.block_duration_ns > UINT64_MAX - frame.block_timestamp_ns)
    {
        *error = At(offset, "block duration overflows 64-bit nanoseconds");
        return false;
    }

    std::vector<uint64_t> sizes;
    const int lacing = (flags >> 1) & 3;
    if (lacing == 0)
    {
        sizes.push_back(size - header_length);
    }
    else
    {
        std::vector<uint8_t> lace(static_cast<size_t>(std::min<uint64_t>(size, kMaxLaceHeaderBytes)));
        if (!Read(offset, lace.data(), lace.size(), error))
            return false;
        if (lace.size() <= header_length)
        {
            *error = At(offset, "laced block without a frame count");
            return false;
        }
        const size_t count = lace[header_length++] + 1u;
        uint64_t listed = 0;
        if (lacing == 1) // Xiph: sizes as runs of 255 plus a last byte
        {
            for (size_t i = 0; i + 1 < count; i++)
            {
                uint64_t frame_size = 0;
                uint8_t byte = 255;
                while (byte == 255)
                {
                    if (header_length >= lace.size())
                    {
                        *error = At(offset, "Xiph lace sizes run past the block (or above 64 KiB)");
                        return false;
                    }
                    byte = lace[header_length++];
                    frame_size += byte;
                }
                sizes.push_back(frame_size);
                listed += frame_size;
            }
        }
        else if (lacing == 3) // EBML: first size, then signed differences
        {
            int64_t previous = 0;
            for (size_t i = 0; i + 1 < count; i++)
            {
                uint64_t raw = 0;
                const size_t length =
                    ReadVint(lace.data() + header_length, lace.size() - header_length, 8, false, &raw, nullptr);
                if (length == 0)
                {
                    *error = At(offset, "invalid EBML lace size");
                    return false;
                }
                header_length += length;
                int64_t value;
                if (i == 0)
                    value = static_cast<int64_t>(raw & 0x00FFFFFFFFFFFFFFull);
                else
                    value = previous + (static_cast<int64_t>(raw) - ((int64_t{1} << (7 * length - 1)) - 1));
                if (value < 0 || static_cast<uint64_t>(value) > size)
                {
                    *error = At(offset, "EBML lace size out of range");
                    return false;
                }
                sizes.push_back(static_cast<uint64_t>(value));
                listed += static_cast<uint64_t>(value);
                previous = value;
            }
        }
        else // fixed: equal sizes
        {
            const uint64_t payload = size - header_length;
            if (payload % count != 0)
            {
                *error = At(offset, "fixed-size lacing does not divide the block evenly");
                return false;
            }
            for (size_t i = 0; i + 1 < count; i++)
            {
                sizes.push_back(payload / count);
                listed += payload / count;
            }
        }
        if (listed > size - header_length)
        {
            *error = At(offset, "lace sizes add up to more than the block");
            return false;
        }
        sizes.push_back(size - header_length - listed);
    }

    if (indexed_frames_ + sizes.size() > kMaxIndexedFrames)
    {
        *error = At(offset, "more than " + std::to_string(kMaxIndexedFrames) + " frames in the file");
        return false;
    }
    uint64_t frame_offset = offset + header_length;
    std::vector<MkvFrame> &frames = frames_[track].frames;
    for (size_t i = 0; i < sizes.size(); i++)
    {
        if (sizes[i] > kMaxFrameBytes)
        {
            *error = At(frame_offset, "frame of " + std::to_string(sizes[i]) + " bytes is above the cap of " +
                                          std::to_string(kMaxFrameBytes));
            return false;
        }
        frame.offset = frame_offset;
        frame.size = static_cast<uint32_t>(sizes[i]);
        frame.index_in_block = static_cast<uint16_t>(i);
        frame.frames_in_block = static_cast<uint16_t>(sizes.size());
        frames.push_back(frame);
        frame_offset += sizes[i];
    }
    indexed_frames_ += sizes.size();
    uint64_t last = frame.block_timestamp_ns;
    if (frame.block_duration_ns > 0)
        last += frame.block_duration_ns - 1;
    last_timestamp_ns_ = std::max(last_timestamp_ns_, last);
    return true;
}

} // namespace ok4a::record
