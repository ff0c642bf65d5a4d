// The Matroska elements of a recording, rendered with libebml and
// libmatroska in the layout k4arecorder uses: the header (EBML head, segment
// info, tracks, attachments, tags), clusters with their cue points, and at
// close the cues, seek head, duration and segment size.
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <ebml/EbmlHead.h>
#include <ebml/EbmlSubHead.h>
#include <ebml/EbmlVoid.h>
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

#include "core/log.h"
#include "core/record/record_internal.h"
#include "core/record/recording_format.h"

using namespace libebml;
using namespace libmatroska;

namespace ok4a::record
{

namespace
{

constexpr uint64_t kCueGapNs = 1000000000; // 1 s
constexpr int kSeekHeadSpace = 256;

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

} // namespace

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

void RenderTrailer(_k4a_record_t *record)
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

} // namespace ok4a::record
