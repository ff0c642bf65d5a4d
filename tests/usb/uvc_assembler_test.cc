// UVC frame assembler: FID/EOF/ERR rules, cut-and-drop, zero copy, buffers
// and counters.
#include "openk4a/usb/uvc_assembler.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <set>
#include <vector>

#include "openk4a/usb/uvc_wire.h"
#include "tests/usb/usb_test_util.h"

namespace
{

using openk4a::testing::Bytes;
using openk4a::testing::HeaderFields;
using openk4a::testing::MakePayload;
using openk4a::testing::PatternBytes;
using openk4a::testing::SplitFrame;

constexpr size_t kGuard = 64;
constexpr uint8_t kGuardByte = 0xA5;

struct Reported
{
    openk4a_uvc_frame_t frame;
    Bytes bytes; // copy of data/size at report time
};

// Hands out heap buffers followed by guard bytes and checks every buffer
// comes back exactly once with its guard intact.
class Harness
{
public:
    explicit Harness(size_t max_frame_size, size_t buffer_capacity = 0, bool zero_copy = true, size_t exact = 0,
                     bool sync = false)
    {
        capacity_ = buffer_capacity != 0 ? buffer_capacity : max_frame_size;
        openk4a_uvc_assembler_config_t config{};
        config.max_frame_size = max_frame_size;
        config.exact_frame_size = exact;
        config.allow_zero_copy = zero_copy;
        config.sync_to_frame_start = sync;
        openk4a_uvc_assembler_callbacks_t callbacks{};
        callbacks.acquire = &Harness::Acquire;
        callbacks.frame = &Harness::Frame;
        callbacks.context = this;
        EXPECT_EQ(openk4a_uvc_assembler_init(&assembler_, &config, &callbacks), OPENK4A_USB_OK);
    }

    ~Harness()
    {
        EXPECT_TRUE(outstanding_.empty()) << "a buffer was never returned";
    }

    openk4a_usb_status_t Push(const Bytes &payload)
    {
        // Exact-size copy: reading past the payload is an ASan error.
        std::unique_ptr<uint8_t[]> exact(new uint8_t[payload.size() + 1]);
        if (!payload.empty())
            std::memcpy(exact.get(), payload.data(), payload.size());
        const openk4a_usb_status_t s =
            openk4a_uvc_assembler_push(&assembler_, payload.empty() ? nullptr : exact.get(), payload.size());
        CheckAccounting();
        return s;
    }

    void PushAll(const std::vector<Bytes> &payloads)
    {
        for (const Bytes &p : payloads)
            EXPECT_EQ(Push(p), OPENK4A_USB_OK);
    }

    void CheckAccounting() const
    {
        const openk4a_uvc_assembler_stats_t s = openk4a_uvc_assembler_get_stats(&assembler_);
        EXPECT_EQ(s.bytes_in, s.header_bytes + s.bytes_delivered + s.bytes_discarded +
                                  openk4a_uvc_assembler_pending_bytes(&assembler_));
        uint64_t drops = 0;
        for (uint64_t d : s.drops)
            drops += d;
        EXPECT_EQ(drops, s.frames_dropped);
        EXPECT_EQ(s.drops[OPENK4A_UVC_DROP_NONE], 0u);
        EXPECT_EQ(s.frames_completed + s.frames_dropped, frames.size());
    }

    openk4a_uvc_assembler_stats_t Stats() const
    {
        return openk4a_uvc_assembler_get_stats(&assembler_);
    }

    openk4a_uvc_assembler_t assembler_;
    std::vector<Reported> frames;
    size_t acquired = 0;
    bool refuse = false;

private:
    static bool Acquire(void *context, size_t, uint8_t **buffer, size_t *capacity, void **buffer_context)
    {
        auto *self = static_cast<Harness *>(context);
        if (self->refuse)
            return false;
        auto storage = std::make_unique<uint8_t[]>(self->capacity_ + kGuard);
        std::memset(storage.get(), kGuardByte, self->capacity_ + kGuard);
        *buffer = storage.get();
        *capacity = self->capacity_;
        *buffer_context = self;
        self->outstanding_.insert(storage.get());
        self->storage_.push_back(std::move(storage));
        self->acquired++;
        return true;
    }

    static void Frame(void *context, const openk4a_uvc_frame_t *frame)
    {
        auto *self = static_cast<Harness *>(context);
        Reported r{*frame, Bytes()};
        if (frame->size != 0)
            r.bytes.assign(frame->data, frame->data + frame->size);
        if (frame->buffer != nullptr)
        {
            EXPECT_EQ(frame->buffer_context, self);
            EXPECT_EQ(self->outstanding_.erase(frame->buffer), 1u) << "buffer returned twice";
            for (size_t i = 0; i < kGuard; ++i)
            {
                ASSERT_EQ(frame->buffer[self->capacity_ + i], kGuardByte) << "write past the buffer";
            }
            EXPECT_LE(frame->size, self->capacity_);
        }
        if (frame->status == OPENK4A_UVC_FRAME_COMPLETE)
        {
            EXPECT_EQ(frame->drop_reason, OPENK4A_UVC_DROP_NONE);
        }
        else
        {
            EXPECT_NE(frame->drop_reason, OPENK4A_UVC_DROP_NONE);
        }
        self->frames.push_back(std::move(r));
    }

    size_t capacity_;
    std::set<uint8_t *> outstanding_;
    std::vector<std::unique_ptr<uint8_t[]>> storage_;
};

Bytes HeaderOnly(uint8_t info)
{
    return MakePayload(HeaderFields{info}, nullptr, 0);
}

Bytes Payload(uint8_t info, const Bytes &data)
{
    return MakePayload(HeaderFields{info}, data.data(), data.size());
}

TEST(UvcAssembler, BulkFrameFromManyPayloads)
{
    Harness h(1 << 20, 0, /*zero_copy=*/false);
    const Bytes frame = PatternBytes(100000, 1);
    h.PushAll(SplitFrame(frame, 16384, 0, 0x1234));
    ASSERT_EQ(h.frames.size(), 1u);
    const openk4a_uvc_frame_t &f = h.frames[0].frame;
    EXPECT_EQ(f.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(f.end, OPENK4A_UVC_END_EOF);
    EXPECT_EQ(h.frames[0].bytes, frame);
    EXPECT_FALSE(f.zero_copy);
    EXPECT_TRUE(f.has_pts);
    EXPECT_EQ(f.pts, 0x1234u);
    EXPECT_TRUE(f.has_scr);
    EXPECT_EQ(f.scr_stc, 0x1234u + 6); // the last payload's SCR (7 payloads)
    EXPECT_EQ(f.payloads, 7u);
    EXPECT_EQ(f.sequence, 0u);
    const auto s = h.Stats();
    EXPECT_EQ(s.frames_completed, 1u);
    EXPECT_EQ(s.bytes_delivered, frame.size());
    EXPECT_EQ(s.header_bytes, 7u * 12);
}

TEST(UvcAssembler, ConsecutiveFramesToggleFid)
{
    Harness h(4096);
    for (int i = 0; i < 4; ++i)
    {
        h.PushAll(SplitFrame(PatternBytes(3000, i), 1024, static_cast<uint8_t>(i & 1), i));
    }
    ASSERT_EQ(h.frames.size(), 4u);
    for (int i = 0; i < 4; ++i)
    {
        EXPECT_EQ(h.frames[i].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
        EXPECT_EQ(h.frames[i].frame.sequence, static_cast<uint64_t>(i));
        EXPECT_EQ(h.frames[i].frame.fid, i & 1);
        EXPECT_EQ(h.frames[i].bytes, PatternBytes(3000, i));
    }
    EXPECT_EQ(h.Stats().fid_toggles_without_eof, 0u);
}

TEST(UvcAssembler, FidToggleWithoutEofClosesThePreviousFrame)
{
    Harness h(4096);
    const Bytes a = PatternBytes(500, 1), b = PatternBytes(700, 2);
    EXPECT_EQ(h.Push(Payload(0, a)), OPENK4A_USB_OK); // FID 0, no EOF ever
    EXPECT_EQ(h.Push(Payload(OPENK4A_UVC_HEADER_FID, b)), OPENK4A_USB_OK);
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[0].frame.end, OPENK4A_UVC_END_FID_TOGGLE);
    EXPECT_EQ(h.frames[0].bytes, a);
    EXPECT_EQ(h.Push(Payload(0, a)), OPENK4A_USB_OK);
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[1].bytes, b);
    EXPECT_EQ(h.Stats().fid_toggles_without_eof, 2u);
    openk4a_uvc_assembler_flush(&h.assembler_);
    ASSERT_EQ(h.frames.size(), 3u);
    EXPECT_EQ(h.frames[2].frame.drop_reason, OPENK4A_UVC_DROP_FLUSHED);
    EXPECT_EQ(h.frames[2].frame.end, OPENK4A_UVC_END_FLUSH);
}

TEST(UvcAssembler, ErrBitDropsTheFrame)
{
    Harness h(4096);
    h.Push(Payload(0, PatternBytes(100, 1)));
    h.Push(Payload(OPENK4A_UVC_HEADER_ERR, PatternBytes(100, 2)));
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 3)));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.status, OPENK4A_UVC_FRAME_DROPPED);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_DEVICE_ERROR);
    EXPECT_NE(h.frames[0].frame.buffer, nullptr); // handed back
    const auto s = h.Stats();
    EXPECT_EQ(s.error_payloads, 1u);
    EXPECT_EQ(s.drops[OPENK4A_UVC_DROP_DEVICE_ERROR], 1u);
    EXPECT_EQ(s.bytes_discarded, 300u);
    // The next frame is unaffected.
    h.PushAll(SplitFrame(PatternBytes(200, 4), 64, 1, 0));
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
}

TEST(UvcAssembler, OversizedFrameIsCutAndNeverOverflows)
{
    Harness h(1000, 0, /*zero_copy=*/false);
    h.PushAll(SplitFrame(PatternBytes(2500, 1), 300, 0, 0));
    ASSERT_EQ(h.frames.size(), 1u);
    const openk4a_uvc_frame_t &f = h.frames[0].frame;
    EXPECT_EQ(f.drop_reason, OPENK4A_UVC_DROP_TOO_LARGE);
    EXPECT_LE(f.size, 1000u);
    EXPECT_EQ(f.bytes_received, 2500u);
    // Next frame fits and completes.
    h.PushAll(SplitFrame(PatternBytes(900, 2), 300, 1, 0));
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[1].bytes, PatternBytes(900, 2));
}

TEST(UvcAssembler, BufferSmallerThanMaxFrameLimitsTheFrame)
{
    Harness h(1 << 20, /*buffer_capacity=*/512, /*zero_copy=*/false);
    h.PushAll(SplitFrame(PatternBytes(513, 1), 100, 0, 0));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_TOO_LARGE);
    h.PushAll(SplitFrame(PatternBytes(512, 2), 100, 1, 0));
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
}

TEST(UvcAssembler, EmptyAndHeaderOnlyPayloads)
{
    Harness h(4096, 0, /*zero_copy=*/false);
    const Bytes a = PatternBytes(50, 1), b = PatternBytes(60, 2);
    EXPECT_EQ(h.Push(Bytes()), OPENK4A_USB_OK);                            // empty iso packet
    EXPECT_EQ(h.Push(HeaderOnly(OPENK4A_UVC_HEADER_FID)), OPENK4A_USB_OK); // starts frame FID 1
    EXPECT_EQ(h.Push(Payload(OPENK4A_UVC_HEADER_FID, a)), OPENK4A_USB_OK);
    EXPECT_EQ(h.Push(Bytes()), OPENK4A_USB_OK);
    EXPECT_EQ(h.Push(Payload(OPENK4A_UVC_HEADER_FID, b)), OPENK4A_USB_OK);
    EXPECT_TRUE(h.frames.empty());
    EXPECT_EQ(h.Push(HeaderOnly(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF)), OPENK4A_USB_OK);
    ASSERT_EQ(h.frames.size(), 1u);
    Bytes ab = a;
    ab.insert(ab.end(), b.begin(), b.end());
    EXPECT_EQ(h.frames[0].bytes, ab);
    EXPECT_EQ(h.frames[0].frame.payloads, 4u);
    const auto s = h.Stats();
    EXPECT_EQ(s.empty_payloads, 2u);
    EXPECT_EQ(s.header_only_payloads, 2u);
}

TEST(UvcAssembler, FrameWithoutDataIsDroppedAsEmpty)
{
    Harness h(4096);
    h.Push(HeaderOnly(0));
    h.Push(HeaderOnly(OPENK4A_UVC_HEADER_EOF));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_EMPTY);
    EXPECT_EQ(h.acquired, 0u); // no buffer is taken for a frame without data
}

TEST(UvcAssembler, StrayPayloadsAfterEofAreDiscarded)
{
    Harness h(4096);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(10, 1)));
    h.Push(Payload(0, PatternBytes(20, 2))); // still FID 0: the frame already ended
    h.Push(HeaderOnly(OPENK4A_UVC_HEADER_EOF));
    EXPECT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.Stats().stray_payloads, 2u);
    h.Push(Payload(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF, PatternBytes(30, 3)));
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[1].bytes, PatternBytes(30, 3));
}

TEST(UvcAssembler, ZeroCopyForSinglePayloadFrames)
{
    Harness h(1 << 16);
    const Bytes frame = PatternBytes(40000, 7);
    HeaderFields hdr;
    hdr.info = OPENK4A_UVC_HEADER_EOF | OPENK4A_UVC_HEADER_PTS;
    hdr.pts = 99;
    const Bytes payload = MakePayload(hdr, frame.data(), frame.size());
    // Push the payload itself so the data pointer can be checked.
    ASSERT_EQ(openk4a_uvc_assembler_push(&h.assembler_, payload.data(), payload.size()), OPENK4A_USB_OK);
    ASSERT_EQ(h.frames.size(), 1u);
    const openk4a_uvc_frame_t &f = h.frames[0].frame;
    EXPECT_TRUE(f.zero_copy);
    EXPECT_EQ(f.data, payload.data() + 6);
    EXPECT_EQ(f.buffer, nullptr);
    EXPECT_EQ(h.frames[0].bytes, frame);
    EXPECT_EQ(f.pts, 99u);
    EXPECT_EQ(h.acquired, 0u);
    EXPECT_EQ(h.Stats().frames_zero_copy, 1u);
    h.CheckAccounting();
}

TEST(UvcAssembler, ZeroCopyAfterHeaderOnlyStartAndNotWhenTooLarge)
{
    Harness h(1000);
    h.Push(HeaderOnly(OPENK4A_UVC_HEADER_FID));
    h.Push(Payload(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF, PatternBytes(800, 1)));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_TRUE(h.frames[0].frame.zero_copy);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(1001, 2))); // over max_frame_size
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_FALSE(h.frames[1].frame.zero_copy);
    EXPECT_EQ(h.frames[1].frame.drop_reason, OPENK4A_UVC_DROP_TOO_LARGE);
}

TEST(UvcAssembler, NoBufferDropsTheFrame)
{
    Harness h(4096, 0, /*zero_copy=*/false);
    h.refuse = true;
    h.PushAll(SplitFrame(PatternBytes(300, 1), 100, 0, 0));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_NO_BUFFER);
    EXPECT_EQ(h.frames[0].frame.buffer, nullptr);
    h.refuse = false;
    h.PushAll(SplitFrame(PatternBytes(300, 2), 100, 1, 0));
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
}

TEST(UvcAssembler, BadHeaderDropsTheFrameItFallsIn)
{
    Harness h(4096);
    h.Push(Payload(0, PatternBytes(100, 1)));
    EXPECT_EQ(h.Push(Bytes{0x0C, 0x00, 1, 2}), OPENK4A_USB_ERR_LENGTH_PAST_END);
    EXPECT_EQ(h.Push(Bytes{0x01, 0x00}), OPENK4A_USB_ERR_BAD_LENGTH);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 2)));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_BAD_HEADER);
    EXPECT_EQ(h.Stats().bad_header_payloads, 2u);
}

TEST(UvcAssembler, LostPayloadsDropTheirFrame)
{
    Harness h(4096);
    h.Push(Payload(0, PatternBytes(100, 1)));
    openk4a_uvc_assembler_report_lost(&h.assembler_);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 2)));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    // Lost between frames: it may have been the next frame's start.
    openk4a_uvc_assembler_report_lost(&h.assembler_);
    h.Push(Payload(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF, PatternBytes(10, 3)));
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[1].frame.drop_reason, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(10, 4)));
    EXPECT_EQ(h.frames[2].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.Stats().lost_payloads, 2u);
}

// Bulk, one transfer per frame (UVC 1.5, 2.4.3.3: FID toggles per frame):
// frames A (FID 0), B (FID 1, its transfer failed), C (FID 0), D (FID 1).
TEST(UvcAssembler, ALostWholeFrameIsOneDropAndTheNextFrameCounts)
{
    Harness h(4096);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 1)));
    openk4a_uvc_assembler_report_lost_frame(&h.assembler_);
    // C carries the same FID as A: without B's toggle it is still a new frame.
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 3)));
    h.Push(Payload(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 4)));
    ASSERT_EQ(h.frames.size(), 4u);
    EXPECT_EQ(h.frames[0].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_DROPPED);
    EXPECT_EQ(h.frames[1].frame.drop_reason, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    EXPECT_EQ(h.frames[1].frame.end, OPENK4A_UVC_END_LOST);
    EXPECT_EQ(h.frames[1].frame.size, 0u);
    EXPECT_EQ(h.frames[1].frame.buffer, nullptr);
    EXPECT_EQ(h.frames[2].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[2].bytes, PatternBytes(100, 3));
    EXPECT_EQ(h.frames[3].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.Stats().drops[OPENK4A_UVC_DROP_LOST_PAYLOAD], 1u);
    EXPECT_EQ(h.Stats().stray_payloads, 0u);
    EXPECT_EQ(h.Stats().lost_payloads, 1u);
}

// A frame whose EOF went missing is still open when the next frame's
// transfer fails: it ends there (complete, as the lost toggle would have
// ended it), then the lost frame is reported.
TEST(UvcAssembler, ALostWholeFrameEndsTheOpenFrameFirst)
{
    Harness h(4096, 0, /*zero_copy=*/false);
    h.Push(Payload(0, PatternBytes(100, 1))); // no EOF
    openk4a_uvc_assembler_report_lost_frame(&h.assembler_);
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[0].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[0].bytes, PatternBytes(100, 1));
    EXPECT_EQ(h.frames[1].frame.drop_reason, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    EXPECT_EQ(openk4a_uvc_assembler_pending_bytes(&h.assembler_), 0u);
}

TEST(UvcAssembler, ExactFrameSize)
{
    Harness h(1000, 0, true, /*exact=*/600);
    h.PushAll(SplitFrame(PatternBytes(599, 1), 200, 0, 0));
    h.PushAll(SplitFrame(PatternBytes(600, 2), 200, 1, 0));
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(600, 3))); // zero copy, right size
    ASSERT_EQ(h.frames.size(), 3u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_SIZE_MISMATCH);
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[2].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_TRUE(h.frames[2].frame.zero_copy);
}

TEST(UvcAssembler, SyncToFrameStartDropsTheFirstFrame)
{
    Harness h(4096, 0, true, 0, /*sync=*/true);
    h.Push(Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 1))); // tail of a frame we joined
    h.Push(Payload(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 2)));
    ASSERT_EQ(h.frames.size(), 2u);
    EXPECT_EQ(h.frames[0].frame.drop_reason, OPENK4A_UVC_DROP_PARTIAL_START);
    EXPECT_EQ(h.frames[1].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
}

TEST(UvcAssembler, StillBitIsReported)
{
    Harness h(4096);
    h.Push(Payload(OPENK4A_UVC_HEADER_STI | OPENK4A_UVC_HEADER_EOF, PatternBytes(10, 1)));
    ASSERT_EQ(h.frames.size(), 1u);
    EXPECT_TRUE(h.frames[0].frame.still);
}

TEST(UvcAssembler, IsochronousTransfer)
{
    Harness h(8192, 0, /*zero_copy=*/false);
    // Slots of 3072 bytes; packets: frame A in two packets, an empty one, a
    // failed one (drops frame B), frame B's rest, then frame C whole.
    const size_t slot = 3072;
    const Bytes a1 = Payload(0, PatternBytes(3000, 1));
    const Bytes a2 = Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(1000, 2));
    const Bytes b1 = Payload(OPENK4A_UVC_HEADER_FID, PatternBytes(3000, 3));
    const Bytes b2 = Payload(OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_EOF, PatternBytes(100, 4));
    const Bytes c1 = Payload(OPENK4A_UVC_HEADER_EOF, PatternBytes(2000, 5));
    const std::vector<const Bytes *> packets = {&a1, &a2, nullptr, &b1, nullptr, &b2, &c1};
    Bytes buffer(slot * packets.size(), 0);
    std::vector<openk4a_uvc_iso_packet_t> desc(packets.size());
    for (size_t i = 0; i < packets.size(); ++i)
    {
        desc[i].length = slot;
        if (packets[i] != nullptr)
        {
            std::memcpy(buffer.data() + i * slot, packets[i]->data(), packets[i]->size());
            desc[i].actual_length = static_cast<uint32_t>(packets[i]->size());
        }
    }
    desc[4].status = -71; // EPROTO: lost
    ASSERT_EQ(openk4a_uvc_assembler_push_iso(&h.assembler_, buffer.data(), buffer.size(), desc.data(), desc.size()),
              OPENK4A_USB_OK);
    h.CheckAccounting();
    ASSERT_EQ(h.frames.size(), 3u);
    EXPECT_EQ(h.frames[0].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[0].frame.size, 4000u);
    EXPECT_EQ(h.frames[1].frame.drop_reason, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    EXPECT_EQ(h.frames[2].frame.status, OPENK4A_UVC_FRAME_COMPLETE);
    EXPECT_EQ(h.frames[2].bytes, PatternBytes(2000, 5));
    const auto s = h.Stats();
    EXPECT_EQ(s.empty_payloads, 1u);
    EXPECT_EQ(s.lost_payloads, 1u);
    // A packet table that does not fit the buffer is refused from that packet on.
    desc[0].length = static_cast<uint32_t>(buffer.size() + 1);
    EXPECT_EQ(openk4a_uvc_assembler_push_iso(&h.assembler_, buffer.data(), buffer.size(), desc.data(), desc.size()),
              OPENK4A_USB_ERR_INVALID_ARGUMENT);
    openk4a_uvc_assembler_flush(&h.assembler_);
}

TEST(UvcAssembler, InitRejectsBadConfigs)
{
    openk4a_uvc_assembler_t a;
    openk4a_uvc_assembler_config_t config{};
    openk4a_uvc_assembler_callbacks_t callbacks{};
    callbacks.frame = [](void *, const openk4a_uvc_frame_t *) {
    };
    EXPECT_EQ(openk4a_uvc_assembler_init(&a, &config, &callbacks), OPENK4A_USB_ERR_INVALID_ARGUMENT);
    config.max_frame_size = 100;
    config.exact_frame_size = 101;
    EXPECT_EQ(openk4a_uvc_assembler_init(&a, &config, &callbacks), OPENK4A_USB_ERR_INVALID_ARGUMENT);
    config.exact_frame_size = 0;
    callbacks.frame = nullptr;
    EXPECT_EQ(openk4a_uvc_assembler_init(&a, &config, &callbacks), OPENK4A_USB_ERR_INVALID_ARGUMENT);
    EXPECT_STREQ(openk4a_uvc_drop_reason_name(OPENK4A_UVC_DROP_TOO_LARGE), "TOO_LARGE");
    EXPECT_STREQ(openk4a_uvc_drop_reason_name(OPENK4A_UVC_DROP_REASON_COUNT), "UNKNOWN");
}

} // namespace
