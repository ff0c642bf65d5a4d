// k4a_record_*: the k4arecord 1.4 recording API, written with libebml and
// libmatroska in the layout k4arecorder uses (see record.h).
//
// Blocks are held until data 2 s newer arrives (k4arecord's write delay), so
// images and IMU samples that reach us out of order still land in clusters
// in timestamp order; clusters span at most 32 ms; a cue point every second.
// As in the SDK, clusters are written by a writer thread, so a caller
// streaming from a device is not held up by the file system (a write error
// fails the next call). The SDK copies each image (depth and IR byte-swapped)
// on the caller's thread; for the device's own frames, which nobody writes to
// and whose buffers live until their last reference (device_frames.h),
// k4a_record_write_capture only checks them and queues a reference: the
// writer thread copies them into their track layout and releases them at
// once, so the device's frame buffers come back within a capture or two
// while blocks wait the 2 s. When the writer is that far behind
// (kMaxHeldImagesPerTrack), and for images the caller made (which it may
// change or free once the call returns), the caller's thread copies.
#include <k4a/k4a.h>
#include <k4arecord/record.h>
#include <pthread.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <mutex>
#include <new>
#include <random>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <ebml/EbmlHead.h>
#include <ebml/EbmlSubHead.h>
#include <ebml/EbmlVoid.h>
#include <ebml/IOCallback.h>
#include <matroska/KaxAttached.h>
#include <matroska/KaxAttachments.h>
#include <matroska/KaxBlock.h>
#include <matroska/KaxCluster.h>
#include <matroska/KaxCues.h>
#include <matroska/KaxInfo.h>
#include <matroska/KaxInfoData.h>
#include <matroska/KaxSeekHead.h>
#include <matroska/KaxSegment.h>
#include <matroska/KaxSemantic.h>
#include <matroska/KaxTag.h>
#include <matroska/KaxTags.h>
#include <matroska/KaxTrackEntryData.h>
#include <matroska/KaxTracks.h>
#include <matroska/KaxTrackVideo.h>

#include <openk4a/device.h>
#include <openk4a/k4a_strings.h>

#include "core/device/device_frames.h"
#include "core/log.h"
#include "core/record/mkv_index.h"
#include "core/record/recording_format.h"

using namespace libebml;
using namespace libmatroska;

namespace
{

constexpr uint32_t kRecordMagic = 0x6B347277;       // "k4rw"
constexpr uint64_t kClusterSpanNs = 32000000;       // 32 ms
constexpr uint64_t kWriteDelayNs = 2000000000;      // 2 s
constexpr uint64_t kCueGapNs = 1000000000;          // 1 s
constexpr uint64_t kWriteEarlyBytes = 256ull << 20; // written before the 2 s are up above this
constexpr uint64_t kMaxPendingBytes = 1ull << 30;   // refused above this: the writer cannot keep up
constexpr int kSeekHeadSpace = 256;
// Images held for the writer per track before the caller copies instead:
// half of what a consumer may hold of a device's frame buffers
// (OK4A_CONSUMER_HELD), so holding them never starves the device.
constexpr uint32_t kMaxHeldImagesPerTrack = 4;

// A file for libebml that never throws: the first error is kept and every
// later call does nothing, so a full disk fails the recording cleanly.
class FileIo : public IOCallback
{
public:
    bool Open(const char *path)
    {
        file_ = std::fopen(path, "wb");
        if (file_ == nullptr)
            error_ = std::string("cannot create: ") + std::strerror(errno);
        return file_ != nullptr;
    }
    ~FileIo() override
    {
        close();
    }

    uint32 read(void *, size_t) override
    {
        return 0;
    }
    void setFilePointer(int64 offset, seek_mode mode = seek_beginning) override
    {
        if (file_ != nullptr && error_.empty() &&
            fseeko(file_, offset,
                   mode == seek_beginning ? SEEK_SET :
                   mode == seek_current   ? SEEK_CUR :
                                            SEEK_END) != 0)
            error_ = std::string("seek failed: ") + std::strerror(errno);
    }
    size_t write(const void *buffer, size_t size) override
    {
        if (file_ == nullptr || !error_.empty())
            return size; // pretend, so libebml does not throw; the error is reported by the caller
        if (std::fwrite(buffer, 1, size, file_) != size)
            error_ = std::string("write failed: ") + std::strerror(errno);
        return size;
    }
    uint64 getFilePointer() override
    {
        if (file_ == nullptr)
            return 0;
        const off_t at = ftello(file_);
        return at < 0 ? 0 : static_cast<uint64>(at);
    }
    void close() override
    {
        if (file_ != nullptr)
        {
            if (std::fclose(file_) != 0 && error_.empty())
                error_ = std::string("close failed: ") + std::strerror(errno);
            file_ = nullptr;
        }
    }
    bool Flush()
    {
        if (file_ != nullptr && std::fflush(file_) != 0 && error_.empty())
            error_ = std::string("flush failed: ") + std::strerror(errno);
        return error_.empty();
    }
    const std::string &error() const
    {
        return error_;
    }

private:
    std::FILE *file_ = nullptr;
    std::string error_;
};

struct TagSpec
{
    std::string name;
    std::string value;
    const char *target_type = nullptr; // "TRACK", "ATTACHMENT" or none
    uint64_t target_uid = 0;
};

struct AttachmentSpec
{
    std::string name;
    std::vector<uint8_t> data;
    uint64_t uid = 0;
};

struct TrackSpec
{
    std::string name;
    std::string codec_id;
    std::vector<uint8_t> codec_private;
    uint64_t type = 0;
    uint64_t number = 0;
    uint64_t uid = 0;
    uint64_t width = 0, height = 0, default_duration_ns = 0;
    bool builtin = false;
    KaxTrackEntry *entry = nullptr; // owned by the KaxTracks element
};

struct PendingBlock
{
    size_t track;
    uint64_t timestamp_ns; // device time
    std::vector<uint8_t> data;
};

struct ImageRelease
{
    void operator()(k4a_image_t image) const
    {
        k4a_image_release(image);
    }
};

// A checked image of k4a_record_write_capture, waiting for the writer thread
// to make its block (one reference held).
struct HeldImage
{
    size_t track;
    uint64_t timestamp_ns; // device time
    size_t size;           // of its block (CheckImage)
    std::unique_ptr<_k4a_image_t, ImageRelease> image;
};

} // namespace

struct _k4a_record_t
{
    uint32_t magic = kRecordMagic;
    std::string path;
    FileIo io;
    k4a_device_configuration_t config{};
    std::mt19937_64 uids{std::random_device{}()};
    std::vector<TrackSpec> tracks;
    std::vector<TagSpec> tags;
    std::vector<AttachmentSpec> attachments;
    int color = -1, depth = -1, ir = -1, imu = -1;
    bool header_requested = false; // the caller's side: k4a_record_write_header() was called

    // Shared by the caller and the writer thread, under `mutex`.
    std::mutex mutex;
    std::condition_variable work;    // the writer: blocks to write, a flush or the end
    std::condition_variable flushed; // k4a_record_flush: the writer finished a flush
    uint64_t flushes_requested = 0, flushes_done = 0;
    bool stop = false;
    bool failed = false;
    bool header_written = false;      // the start offset is fixed (the header is being or was rendered)
    uint64_t start_offset_ns = 0;     // device time of the recording's 0
    std::deque<PendingBlock> pending; // sorted by timestamp
    std::deque<HeldImage> held;       // in arrival order; before any of `pending` is taken
    std::vector<uint32_t> held_per_track;
    uint64_t pending_bytes = 0; // of `pending` and `held` (as their blocks will be)
    bool clusters_written = false;
    uint64_t written_until_ns = 0; // blocks before this were taken for writing already
    std::thread writer;

    // The writer thread's alone while it runs (k4a_record_close joins it first).
    uint64_t last_timestamp_ns = 0;
    bool cue_written = false;
    uint64_t last_cue_ns = 0;

    std::unique_ptr<KaxSegment> segment;
    KaxInfo info;
    KaxTracks tracks_element;
    KaxAttachments attachments_element;
    KaxTags tags_element;
    KaxCues cues;
    EbmlVoid seek_space;
    uint64_t segment_data_start = 0;
};

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

uint64_t NewUid(_k4a_record_t *record)
{
    uint64_t uid = 0;
    while (uid == 0)
        uid = record->uids();
    return uid;
}

void AddAttachment(_k4a_record_t *record, const char *name, const uint8_t *data, size_t size)
{
    AttachmentSpec attachment{name, std::vector<uint8_t>(data, data + size), NewUid(record)};
    if (attachment.name == ok4a::record::kCalibrationFile)
        record->tags.push_back({"K4A_CALIBRATION_FILE", attachment.name, "ATTACHMENT", attachment.uid});
    record->attachments.push_back(std::move(attachment));
}

// What k4arecorder records of the device it records from.
struct DeviceFacts
{
    std::string color_firmware, depth_firmware; // "1.6.110"; empty when the device would not say
    std::string serial;                         // empty when the device would not say
    std::vector<uint8_t> calibration;           // the raw calibration without its NUL; empty: none
};

std::string VersionText(const k4a_version_t &version)
{
    return std::to_string(version.major) + "." + std::to_string(version.minor) + "." +
           std::to_string(version.iteration);
}

// The SDK refuses to record from a device whose firmware versions or
// calibration it cannot read; we record without them, with a warning, so
// that a device without a calibration (an emulated one) can still be recorded.
DeviceFacts ReadDeviceFacts(k4a_device_t device, const char *path)
{
    DeviceFacts facts;
    k4a_hardware_version_t version;
    if (k4a_device_get_version(device, &version) == K4A_RESULT_SUCCEEDED)
    {
        facts.color_firmware = VersionText(version.rgb);
        facts.depth_firmware = VersionText(version.depth);
    }
    else
    {
        OK4A_LOG_WARNING("k4a_record_create: %s: the device's firmware versions are not recorded", path);
    }

    char serial[256];
    size_t serial_size = sizeof serial;
    if (k4a_device_get_serialnum(device, serial, &serial_size) == K4A_BUFFER_RESULT_SUCCEEDED)
        facts.serial = serial;
    else
        OK4A_LOG_WARNING("k4a_record_create: %s: the device serial number is not recorded", path);

    size_t size = 0;
    if (k4a_device_get_raw_calibration(device, nullptr, &size) == K4A_BUFFER_RESULT_TOO_SMALL)
    {
        facts.calibration.resize(size);
        if (k4a_device_get_raw_calibration(device, facts.calibration.data(), &size) == K4A_BUFFER_RESULT_SUCCEEDED)
            facts.calibration.resize(size);
        else
            facts.calibration.clear();
    }
    if (!facts.calibration.empty() && facts.calibration.back() == '\0')
        facts.calibration.pop_back(); // the file holds the JSON text alone
    if (facts.calibration.empty())
        OK4A_LOG_WARNING("k4a_record_create: %s: the device gives no calibration: the recording has no "
                         "calibration.json (k4a_playback_get_calibration will fail on it)",
                         path);
    return facts;
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

int AddTrack(_k4a_record_t *record, TrackSpec track)
{
    track.number = record->tracks.size() + 1;
    track.uid = NewUid(record);
    record->tracks.push_back(std::move(track));
    return static_cast<int>(record->tracks.size() - 1);
}

void AddTrackTag(_k4a_record_t *record, const char *name, const std::string &value, int track)
{
    record->tags.push_back({name, value, "TRACK", record->tracks[static_cast<size_t>(track)].uid});
}

int AddBuiltinVideo(_k4a_record_t *record, const char *name, k4a_image_format_t format, uint32_t width, uint32_t height,
                    uint64_t fps)
{
    ok4a::record::BitmapInfo info;
    ok4a::record::MakeBitmapInfo(format, width, height, &info);
    TrackSpec track;
    track.name = name;
    track.codec_id = ok4a::record::kCodecFourcc;
    track.codec_private.resize(ok4a::record::kBitmapInfoHeaderSize);
    ok4a::record::EncodeBitmapInfo(info, track.codec_private.data());
    track.type = ok4a::record::kTrackTypeVideo;
    track.width = width;
    track.height = height;
    track.default_duration_ns = 1000000000ull / fps;
    track.builtin = true;
    return AddTrack(record, std::move(track));
}

// Blocks that could still be taken for writing are pending; under the mutex.
bool WriteDue(const _k4a_record_t *record)
{
    return !record->pending.empty() &&
           (record->pending.back().timestamp_ns - record->pending.front().timestamp_ns > kWriteDelayNs ||
            record->pending_bytes > kWriteEarlyBytes);
}

// Takes the oldest pending blocks (those within 32 ms) for one cluster; under the mutex.
std::deque<PendingBlock> TakeCluster(_k4a_record_t *record)
{
    std::deque<PendingBlock> taken;
    const uint64_t first_ns = record->pending.front().timestamp_ns;
    while (!record->pending.empty() && record->pending.front().timestamp_ns - first_ns < kClusterSpanNs)
    {
        taken.push_back(std::move(record->pending.front()));
        record->pending.pop_front();
        record->pending_bytes -= taken.back().data.size();
        record->written_until_ns =
            std::max(record->written_until_ns, taken.back().timestamp_ns - record->start_offset_ns);
    }
    record->clusters_written = true;
    return taken;
}

// Renders one cluster of `taken` (from TakeCluster); on the writer thread.
void WriteCluster(_k4a_record_t *record, std::deque<PendingBlock> &taken)
{
    const uint64_t scale = ok4a::record::kTimecodeScaleNs;
    const uint64_t start = record->start_offset_ns;
    KaxCluster cluster;
    cluster.SetParent(*record->segment);
    cluster.InitTimecode((taken.front().timestamp_ns - start) / scale, static_cast<int64>(scale));
    std::vector<std::unique_ptr<KaxBlockBlob>> blobs;
    for (PendingBlock &block : taken)
    {
        const TrackSpec &track = record->tracks[block.track];
        const bool group = track.type != ok4a::record::kTrackTypeVideo;
        blobs.emplace_back(new KaxBlockBlob(group ? BLOCK_BLOB_NO_SIMPLE : BLOCK_BLOB_ALWAYS_SIMPLE));
        KaxBlockBlob &blob = *blobs.back();
        cluster.AddBlockBlob(&blob);
        blob.SetParent(cluster);
        // The DataBuffer points at `taken`, which outlives the Render below; libmatroska deletes it.
        auto *buffer = new DataBuffer(block.data.data(), static_cast<uint32>(block.data.size()), nullptr, false);
        const uint64_t time_ns = block.timestamp_ns - start;
        blob.AddFrameAuto(*track.entry, time_ns, *buffer, LACING_NONE);
        if (group)
            blob.SetBlockDuration(scale); // one tick, as k4arecord marks single samples
        if (track.type == ok4a::record::kTrackTypeVideo &&
            (!record->cue_written || time_ns >= record->last_cue_ns + kCueGapNs))
        {
            record->cues.AddBlockBlob(blob);
            record->cue_written = true;
            record->last_cue_ns = time_ns;
        }
        record->last_timestamp_ns = std::max(record->last_timestamp_ns, time_ns);
    }
    cluster.Render(record->io, record->cues);
    // The blobs own their blocks: take them out of the cluster before both are destroyed.
    for (size_t i = cluster.ListSize(); i-- > 0;)
    {
        const EbmlId id(*cluster[i]);
        if (id == EBML_ID(KaxSimpleBlock) || id == EBML_ID(KaxBlockGroup))
            cluster.Remove(i);
    }
}

void RenderHeader(_k4a_record_t *record)
{
    const uint64_t scale = ok4a::record::kTimecodeScaleNs;
    EbmlHead head;
    GetChild<EDocType>(head).SetValue("matroska");
    GetChild<EDocTypeVersion>(head).SetValue(2);
    GetChild<EDocTypeReadVersion>(head).SetValue(2);
    head.Render(record->io, true);

    record->segment = std::make_unique<KaxSegment>();
    record->segment->WriteHead(record->io, 8);
    record->segment_data_start = record->io.getFilePointer();
    record->seek_space.SetSize(kSeekHeadSpace);
    record->seek_space.Render(record->io);

    KaxInfo &info = record->info;
    GetChild<KaxTimecodeScale>(info).SetValue(scale);
    GetChild<KaxMuxingApp>(info).SetValueUTF8("libmatroska");
    GetChild<KaxWritingApp>(info).SetValueUTF8("openk4a k4arecord");
    GetChild<KaxDateUTC>(info).SetEpochDate(std::time(nullptr));
    GetChild<KaxTitle>(info).SetValueUTF8("Azure Kinect");
    KaxDuration &duration = GetChild<KaxDuration>(info);
    duration.SetPrecision(EbmlFloat::FLOAT_64); // fixed size: rewritten in place at close
    duration.SetValue(0.0);
    info.Render(record->io);

    for (TrackSpec &spec : record->tracks)
    {
        KaxTrackEntry &entry = AddNewChild<KaxTrackEntry>(record->tracks_element);
        entry.SetGlobalTimecodeScale(scale);
        GetChild<KaxTrackNumber>(entry).SetValue(spec.number);
        GetChild<KaxTrackUID>(entry).SetValue(spec.uid);
        GetChild<KaxTrackType>(entry).SetValue(spec.type);
        GetChild<KaxCodecID>(entry).SetValue(spec.codec_id);
        GetChild<KaxTrackName>(entry).SetValueUTF8(spec.name);
        GetChild<KaxTrackFlagLacing>(entry).SetValue(0);
        if (!spec.codec_private.empty())
            GetChild<KaxCodecPrivate>(entry).CopyBuffer(spec.codec_private.data(),
                                                        static_cast<uint32>(spec.codec_private.size()));
        if (spec.type == ok4a::record::kTrackTypeVideo)
        {
            if (spec.default_duration_ns > 0)
                GetChild<KaxTrackDefaultDuration>(entry).SetValue(spec.default_duration_ns);
            KaxTrackVideo &video = GetChild<KaxTrackVideo>(entry);
            GetChild<KaxVideoPixelWidth>(video).SetValue(spec.width);
            GetChild<KaxVideoPixelHeight>(video).SetValue(spec.height);
        }
        entry.EnableLacing(false);
        spec.entry = &entry;
    }
    record->tracks_element.Render(record->io);

    if (!record->attachments.empty())
    {
        for (const AttachmentSpec &spec : record->attachments)
        {
            KaxAttached &attached = AddNewChild<KaxAttached>(record->attachments_element);
            GetChild<KaxFileName>(attached).SetValueUTF8(spec.name);
            GetChild<KaxMimeType>(attached).SetValue(ok4a::record::kAttachmentMime);
            GetChild<KaxFileData>(attached).CopyBuffer(spec.data.data(), static_cast<uint32>(spec.data.size()));
            GetChild<KaxFileUID>(attached).SetValue(spec.uid);
        }
        record->attachments_element.Render(record->io);
    }

    // The start offset: the earliest timestamp held when the header is written (or 0).
    record->tags.push_back({"K4A_START_OFFSET_NS", std::to_string(record->start_offset_ns), nullptr, 0});
    for (const TagSpec &spec : record->tags)
    {
        KaxTag &tag = AddNewChild<KaxTag>(record->tags_element);
        KaxTagTargets &targets = GetChild<KaxTagTargets>(tag);
        if (spec.target_type != nullptr)
        {
            GetChild<KaxTagTargetType>(targets).SetValue(spec.target_type);
            if (std::strcmp(spec.target_type, "TRACK") == 0)
                GetChild<KaxTagTrackUID>(targets).SetValue(spec.target_uid);
            else
                GetChild<KaxTagAttachmentUID>(targets).SetValue(spec.target_uid);
        }
        KaxTagSimple &simple = GetChild<KaxTagSimple>(tag);
        GetChild<KaxTagName>(simple).SetValueUTF8(spec.name);
        GetChild<KaxTagString>(simple).SetValueUTF8(spec.value);
    }
    record->tags_element.Render(record->io);
    record->cues.SetGlobalTimecodeScale(scale);
}

// The header (when `header`), the blocks of `taken` (when not null) and, when
// `flush`, a flush to the file; on the writer thread. False, logged, on an error.
bool Render(_k4a_record_t *record, bool header, std::deque<PendingBlock> *taken, bool flush)
{
    try
    {
        if (header)
            RenderHeader(record);
        if (taken != nullptr)
            WriteCluster(record, *taken);
    }
    catch (const std::exception &e)
    {
        OK4A_LOG_ERROR("k4a_record: %s: libmatroska: %s", record->path.c_str(), e.what());
        return false;
    }
    if (flush)
        record->io.Flush();
    if (!record->io.error().empty())
    {
        OK4A_LOG_ERROR("k4a_record: %s: %s", record->path.c_str(), record->io.error().c_str());
        return false;
    }
    return true;
}

// Inserts `block` in timestamp order; under the mutex.
void InsertPending(_k4a_record_t *record, PendingBlock block)
{
    const auto at = std::upper_bound(record->pending.begin(), record->pending.end(), block.timestamp_ns,
                                     [](uint64_t t, const PendingBlock &b) { return t < b.timestamp_ns; });
    record->pending.insert(at, std::move(block));
}

// Bytes per row and rows of a raw image as its track stores them (no stride padding).
void RawLayout(const TrackSpec &track, k4a_image_format_t format, size_t *row, size_t *rows)
{
    *row = track.width * (format == K4A_IMAGE_FORMAT_COLOR_BGRA32 ? 4u :
                          format == K4A_IMAGE_FORMAT_COLOR_NV12   ? 1u :
                                                                    2u);
    *rows = format == K4A_IMAGE_FORMAT_COLOR_NV12 ? track.height * 3 / 2 : track.height;
}

// The size of `image`'s block in `track`, or 0 (logged) when the image does
// not fit the track; on the caller's thread.
size_t CheckImage(_k4a_record_t *record, k4a_image_t image, const TrackSpec &track, k4a_image_format_t format)
{
    if (k4a_image_get_format(image) != format || k4a_image_get_width_pixels(image) != static_cast<int>(track.width) ||
        k4a_image_get_height_pixels(image) != static_cast<int>(track.height))
    {
        OK4A_LOG_ERROR("k4a_record_write_capture: %s: %s image is %s %dx%d; the track is %s %" PRIu64 "x%" PRIu64,
                       record->path.c_str(), track.name.c_str(),
                       openk4a_image_format_to_string(k4a_image_get_format(image)), k4a_image_get_width_pixels(image),
                       k4a_image_get_height_pixels(image), openk4a_image_format_to_string(format), track.width,
                       track.height);
        return 0;
    }
    const size_t size = k4a_image_get_size(image);
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        if (size == 0 || k4a_image_get_buffer(image) == nullptr)
        {
            OK4A_LOG_ERROR("k4a_record_write_capture: %s: %s image is empty", record->path.c_str(), track.name.c_str());
            return 0;
        }
        return size;
    }
    size_t row = 0, rows = 0;
    RawLayout(track, format, &row, &rows);
    const size_t stride = static_cast<size_t>(k4a_image_get_stride_bytes(image));
    if (k4a_image_get_buffer(image) == nullptr || stride < row || size < stride * (rows - 1) + row)
    {
        OK4A_LOG_ERROR("k4a_record_write_capture: %s: %s image buffer is smaller than its geometry",
                       record->path.c_str(), track.name.c_str());
        return 0;
    }
    return row * rows;
}

// The bytes of an image that passed CheckImage, as its track stores them
// (b16g: big-endian); std::bad_alloc when memory runs out.
std::vector<uint8_t> TrackBytes(k4a_image_t image, const TrackSpec &track)
{
    const k4a_image_format_t format = k4a_image_get_format(image);
    const uint8_t *data = k4a_image_get_buffer(image);
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
        return std::vector<uint8_t>(data, data + k4a_image_get_size(image));
    size_t row = 0, rows = 0;
    RawLayout(track, format, &row, &rows);
    const size_t stride = static_cast<size_t>(k4a_image_get_stride_bytes(image));
    std::vector<uint8_t> out(row * rows);
    const bool big_endian = format == K4A_IMAGE_FORMAT_DEPTH16 || format == K4A_IMAGE_FORMAT_IR16;
    for (size_t y = 0; y < rows; y++)
    {
        if (big_endian)
            ok4a::record::SwapBytes16(data + y * stride, out.data() + y * row, row);
        else
            std::memcpy(out.data() + y * row, data + y * stride, row);
    }
    return out;
}

// Turns every held image into its pending block, copying off the lock and
// releasing each image as soon as it is copied; on the writer thread, with
// `lock` held on entry and on return (then `held` is empty).
void DrainHeld(_k4a_record_t *record, std::unique_lock<std::mutex> &lock)
{
    while (!record->held.empty())
    {
        std::deque<HeldImage> batch;
        batch.swap(record->held);
        bool ok = !record->failed;
        lock.unlock();
        std::vector<PendingBlock> blocks;
        for (HeldImage &held : batch)
        {
            try
            {
                if (ok)
                    blocks.push_back(
                        {held.track, held.timestamp_ns, TrackBytes(held.image.get(), record->tracks[held.track])});
            }
            catch (const std::bad_alloc &)
            {
                OK4A_LOG_ERROR("k4a_record: %s: out of memory copying a %s image", record->path.c_str(),
                               record->tracks[held.track].name.c_str());
                ok = false;
            }
            held.image.reset(); // the device's buffer goes back now
        }
        lock.lock();
        for (const HeldImage &held : batch)
        {
            record->held_per_track[held.track]--;
            record->pending_bytes -= held.size; // added again by the blocks made
        }
        record->failed = record->failed || !ok;
        if (!record->failed)
        {
            for (PendingBlock &block : blocks)
            {
                record->pending_bytes += block.data.size();
                InsertPending(record, std::move(block));
            }
        }
    }
}

// The writer thread: writes clusters once their blocks are 2 s old (all of
// them on a flush or at the end). The header waits for the first cluster: by
// then images and IMU samples that arrived in any order are sorted, and the
// earliest one is the recording's start (K4A_START_OFFSET_NS).
void WriterLoop(_k4a_record_t *record)
{
    pthread_setname_np(pthread_self(), "openk4a-record"); // as top and perf show it
    std::unique_lock<std::mutex> lock(record->mutex);
    for (;;)
    {
        record->work.wait(lock,
                          [record]
                          {
                              return record->stop || record->flushes_requested > record->flushes_done ||
                                     !record->held.empty() || WriteDue(record);
                          });
        const uint64_t flush_request = record->flushes_requested;
        const bool all = record->stop || flush_request > record->flushes_done;
        for (;;)
        {
            // Held images are older than anything not yet queued: they join
            // `pending` before a cluster is taken (Admit's check relies on it).
            DrainHeld(record, lock);
            if (record->failed || record->pending.empty() || !(all || WriteDue(record)))
                break;
            const bool header = !record->header_written;
            if (header)
            {
                record->start_offset_ns = record->pending.front().timestamp_ns;
                record->header_written = true;
            }
            std::deque<PendingBlock> taken = TakeCluster(record);
            lock.unlock();
            const bool ok = Render(record, header, &taken, false);
            taken.clear(); // the copies are freed off the lock
            lock.lock();
            record->failed = record->failed || !ok;
        }
        if (all && !record->failed)
        {
            const bool header = !record->header_written; // nothing recorded yet: the header alone
            record->header_written = true;
            lock.unlock();
            const bool ok = Render(record, header, nullptr, true);
            lock.lock();
            record->failed = record->failed || !ok;
        }
        if (all)
        {
            record->flushes_done = flush_request;
            record->flushed.notify_all();
        }
        if (record->stop)
            return;
    }
}

// Whether a block of `size` bytes at `device_timestamp_ns` may be queued; under the mutex.
bool Admit(_k4a_record_t *record, uint64_t device_timestamp_ns, size_t size, const char *function)
{
    if (record->failed)
    {
        OK4A_LOG_ERROR("%s: %s: the recording failed earlier", function, record->path.c_str());
        return false;
    }
    if (record->pending_bytes + size > kMaxPendingBytes)
    {
        OK4A_LOG_ERROR("%s: %s: %" PRIu64 " bytes wait to be written already (the file is written more slowly "
                       "than data comes); dropped",
                       function, record->path.c_str(), record->pending_bytes);
        return false;
    }
    if (record->header_written &&
        (device_timestamp_ns < record->start_offset_ns ||
         (record->clusters_written && device_timestamp_ns - record->start_offset_ns < record->written_until_ns)))
    {
        OK4A_LOG_ERROR("%s: %s: timestamp %" PRIu64 " us is older than data already written; dropped", function,
                       record->path.c_str(), device_timestamp_ns / 1000);
        return false;
    }
    return true;
}

bool CheckBlockSize(_k4a_record_t *record, size_t size, const char *function)
{
    if (!record->header_requested)
    {
        OK4A_LOG_ERROR("%s: %s: call k4a_record_write_header() before writing data", function, record->path.c_str());
        return false;
    }
    if (size > UINT32_MAX / 2)
    {
        OK4A_LOG_ERROR("%s: %s: a block of %zu bytes is too large", function, record->path.c_str(), size);
        return false;
    }
    return true;
}

bool Queue(_k4a_record_t *record, size_t track, uint64_t device_timestamp_ns, std::vector<uint8_t> data,
           const char *function)
{
    if (!CheckBlockSize(record, data.size(), function))
        return false;
    std::lock_guard<std::mutex> lock(record->mutex);
    if (!Admit(record, device_timestamp_ns, data.size(), function))
        return false;
    record->pending_bytes += data.size();
    InsertPending(record, PendingBlock{track, device_timestamp_ns, std::move(data)});
    if (WriteDue(record))
        record->work.notify_one();
    return true;
}

// Queues a reference to `image` (checked, its block `size` bytes) for the
// writer thread to copy when it is a device frame and the writer holds fewer
// than kMaxHeldImagesPerTrack of the track; copies it here otherwise.
bool QueueImage(_k4a_record_t *record, size_t track, k4a_image_t image, size_t size, const char *function)
{
    if (!CheckBlockSize(record, size, function))
        return false;
    const uint64_t timestamp_ns = k4a_image_get_device_timestamp_usec(image) * 1000;
    {
        std::lock_guard<std::mutex> lock(record->mutex);
        if (!Admit(record, timestamp_ns, size, function))
            return false;
        if (record->held_per_track[track] < kMaxHeldImagesPerTrack && ok4a_image_is_device_frame(image))
        {
            k4a_image_reference(image);
            record->held.push_back({track, timestamp_ns, size, std::unique_ptr<_k4a_image_t, ImageRelease>(image)});
            record->held_per_track[track]++;
            record->pending_bytes += size;
            record->work.notify_one();
            return true;
        }
    }
    std::vector<uint8_t> bytes;
    try
    {
        bytes = TrackBytes(image, record->tracks[track]);
    }
    catch (const std::bad_alloc &)
    {
        OK4A_LOG_ERROR("%s: %s: out of memory copying a %s image", function, record->path.c_str(),
                       record->tracks[track].name.c_str());
        return false;
    }
    return Queue(record, track, timestamp_ns, std::move(bytes), function);
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
            FileIo &io = record->io;
            if (record->cue_written)
                record->cues.Render(io);
            KaxSeekHead seek_head;
            seek_head.IndexThis(record->info, *record->segment);
            seek_head.IndexThis(record->tracks_element, *record->segment);
            if (!record->attachments.empty())
                seek_head.IndexThis(record->attachments_element, *record->segment);
            seek_head.IndexThis(record->tags_element, *record->segment);
            if (record->cue_written)
                seek_head.IndexThis(record->cues, *record->segment);
            const uint64_t end = io.getFilePointer();
            record->seek_space.ReplaceWith(seek_head, io, true);

            GetChild<KaxDuration>(record->info)
                .SetValue(static_cast<double>(record->last_timestamp_ns) / ok4a::record::kTimecodeScaleNs);
            io.setFilePointer(static_cast<int64>(record->info.GetElementPosition()));
            record->info.Render(io);

            io.setFilePointer(static_cast<int64>(end));
            record->segment->ForceSize(end - record->segment_data_start);
            record->segment->OverwriteHead(io);
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
