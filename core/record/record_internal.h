// The state behind a k4a_record_t and the functions the recording source
// files share: record.cc (the API and its argument checks), record_tracks.cc
// (tracks, tags, attachments), record_images.cc (images as track blocks),
// record_writer.cc (the queue and the writer thread) and record_matroska.cc
// (the elements rendered with libmatroska).
#ifndef OPENK4A_CORE_RECORD_RECORD_INTERNAL_H_
#define OPENK4A_CORE_RECORD_RECORD_INTERNAL_H_

#include <k4a/k4a.h>
#include <k4arecord/record.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <ebml/EbmlVoid.h>
#include <matroska/KaxAttachments.h>
#include <matroska/KaxCues.h>
#include <matroska/KaxInfo.h>
#include <matroska/KaxSegment.h>
#include <matroska/KaxTags.h>
#include <matroska/KaxTracks.h>

#include "core/record/record_file_io.h"

namespace ok4a::record
{

constexpr uint32_t kRecordMagic = 0x6B347277; // "k4rw"

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
    libmatroska::KaxTrackEntry *entry = nullptr; // owned by the KaxTracks element
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

} // namespace ok4a::record

struct _k4a_record_t
{
    uint32_t magic = ok4a::record::kRecordMagic;
    std::string path;
    ok4a::record::FileIo io;
    k4a_device_configuration_t config{};
    std::mt19937_64 uids{std::random_device{}()};
    std::vector<ok4a::record::TrackSpec> tracks;
    std::vector<ok4a::record::TagSpec> tags;
    std::vector<ok4a::record::AttachmentSpec> attachments;
    int color = -1, depth = -1, ir = -1, imu = -1;
    bool header_requested = false; // the caller's side: k4a_record_write_header() was called

    // Shared by the caller and the writer thread, under `mutex`.
    std::mutex mutex;
    std::condition_variable work;    // the writer: blocks to write, a flush or the end
    std::condition_variable flushed; // k4a_record_flush: the writer finished a flush
    uint64_t flushes_requested = 0, flushes_done = 0;
    bool stop = false;
    bool failed = false;
    bool header_written = false;                    // the start offset is fixed (the header is being or was rendered)
    uint64_t start_offset_ns = 0;                   // device time of the recording's 0
    std::deque<ok4a::record::PendingBlock> pending; // sorted by timestamp
    std::deque<ok4a::record::HeldImage> held;       // in arrival order; before any of `pending` is taken
    std::vector<uint32_t> held_per_track;
    uint64_t pending_bytes = 0; // of `pending` and `held` (as their blocks will be)
    bool clusters_written = false;
    uint64_t written_until_ns = 0; // blocks before this were taken for writing already
    std::thread writer;

    // The writer thread's alone while it runs (k4a_record_close joins it first).
    uint64_t last_timestamp_ns = 0;
    bool cue_written = false;
    uint64_t last_cue_ns = 0;

    std::unique_ptr<libmatroska::KaxSegment> segment;
    libmatroska::KaxInfo info;
    libmatroska::KaxTracks tracks_element;
    libmatroska::KaxAttachments attachments_element;
    libmatroska::KaxTags tags_element;
    libmatroska::KaxCues cues;
    libebml::EbmlVoid seek_space;
    uint64_t segment_data_start = 0;
};

namespace ok4a::record
{

// record_tracks.cc: what is declared before the header.

// Adds an attachment (and, for calibration.json, its K4A_CALIBRATION_FILE tag).
void AddAttachment(_k4a_record_t *record, const char *name, const uint8_t *data, size_t size);
// Numbers `track`, gives it a UID and adds it; its index in record->tracks.
int AddTrack(_k4a_record_t *record, TrackSpec track);
void AddTrackTag(_k4a_record_t *record, const char *name, const std::string &value, int track);
int AddBuiltinVideo(_k4a_record_t *record, const char *name, k4a_image_format_t format, uint32_t width, uint32_t height,
                    uint64_t fps);

// What k4arecorder records of the device it records from.
struct DeviceFacts
{
    std::string color_firmware, depth_firmware; // "1.6.110"; empty when the device would not say
    std::string serial;                         // empty when the device would not say
    std::vector<uint8_t> calibration;           // the raw calibration without its NUL; empty: none
};

// The SDK refuses to record from a device whose firmware versions or
// calibration it cannot read; we record without them, with a warning, so
// that a device without a calibration (an emulated one) can still be recorded.
DeviceFacts ReadDeviceFacts(k4a_device_t device, const char *path);

// record_images.cc: images as their tracks store them.

// The size of `image`'s block in `track`, or 0 (logged) when the image does
// not fit the track; on the caller's thread.
size_t CheckImage(_k4a_record_t *record, k4a_image_t image, const TrackSpec &track, k4a_image_format_t format);
// The bytes of an image that passed CheckImage, as its track stores them
// (b16g: big-endian); std::bad_alloc when memory runs out.
std::vector<uint8_t> TrackBytes(k4a_image_t image, const TrackSpec &track);

// record_writer.cc: the queue of blocks and the writer thread.

// The writer thread: writes clusters once their blocks are 2 s old (all of
// them on a flush or at the end). The header waits for the first cluster: by
// then images and IMU samples that arrived in any order are sorted, and the
// earliest one is the recording's start (K4A_START_OFFSET_NS).
void WriterLoop(_k4a_record_t *record);
// Queues a block of `data` at `device_timestamp_ns` for the writer; on the caller's thread.
bool Queue(_k4a_record_t *record, size_t track, uint64_t device_timestamp_ns, std::vector<uint8_t> data,
           const char *function);
// Queues a reference to `image` (checked, its block `size` bytes) for the
// writer thread to copy when it is a device frame and the writer holds fewer
// than kMaxHeldImagesPerTrack of the track; copies it here otherwise.
bool QueueImage(_k4a_record_t *record, size_t track, k4a_image_t image, size_t size, const char *function);

// record_matroska.cc: the Matroska elements, rendered with libebml and libmatroska.

// The header (when `header`), the blocks of `taken` (when not null) and, when
// `flush`, a flush to the file; on the writer thread. False, logged, on an error.
bool Render(_k4a_record_t *record, bool header, std::deque<PendingBlock> *taken, bool flush);
// The cues, the seek head in its reserved space, the duration and the
// segment size, once the writer has ended; libmatroska may throw.
void RenderTrailer(_k4a_record_t *record);

} // namespace ok4a::record

#endif // OPENK4A_CORE_RECORD_RECORD_INTERNAL_H_
