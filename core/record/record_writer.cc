// The queue of blocks a recording waits to write, and its writer thread.
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
#include <pthread.h>

#include <algorithm>
#include <cinttypes>
#include <deque>
#include <memory>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#include "core/device/device_frames.h"
#include "core/log.h"
#include "core/record/record_internal.h"

namespace ok4a::record
{

namespace
{

constexpr uint64_t kClusterSpanNs = 32000000;       // 32 ms
constexpr uint64_t kWriteDelayNs = 2000000000;      // 2 s
constexpr uint64_t kWriteEarlyBytes = 256ull << 20; // written before the 2 s are up above this
constexpr uint64_t kMaxPendingBytes = 1ull << 30;   // refused above this: the writer cannot keep up
// Images held for the writer per track before the caller copies instead:
// half of what a consumer may hold of a device's frame buffers
// (OK4A_CONSUMER_HELD), so holding them never starves the device.
constexpr uint32_t kMaxHeldImagesPerTrack = 4;

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

// Inserts `block` in timestamp order; under the mutex.
void InsertPending(_k4a_record_t *record, PendingBlock block)
{
    const auto at = std::upper_bound(record->pending.begin(), record->pending.end(), block.timestamp_ns,
                                     [](uint64_t t, const PendingBlock &b) { return t < b.timestamp_ns; });
    record->pending.insert(at, std::move(block));
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

} // namespace

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

} // namespace ok4a::record
