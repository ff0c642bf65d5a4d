// Random payload sequences through the UVC frame assembler, checked against
// its invariants after every step:
//  - nothing is written outside a frame buffer (exact-size buffers followed by
//    guard bytes, poisoned under ASan and compared on return);
//  - every buffer comes back exactly once, at most one is held at a time;
//  - frame sizes add up: completed sizes == bytes_delivered, and
//    bytes_in == header_bytes + delivered + discarded + pending;
//  - counters agree with the callbacks (frames, drops per reason, zero copy);
//  - a lost whole-frame transfer is one dropped frame, reported at once.
//
// Input: 3 config bytes, then operations (see Run()).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

#include "fuzz/harness.h"
#include "openk4a/usb/uvc_assembler.h"
#include "openk4a/usb/uvc_wire.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define OPENK4A_HAVE_ASAN 1
#endif
#endif

namespace
{

constexpr size_t kGuard = 32;

using openk4a::fuzzing::Reader;

struct Model
{
    size_t capacity = 0;
    size_t max_frame_size = 0;
    bool refuse = false;
    std::map<uint8_t *, uint8_t *> outstanding; // buffer -> allocation
    uint64_t frames = 0;
    uint64_t completed_bytes = 0;
    uint64_t completed = 0, dropped = 0, zero_copy = 0;
    uint64_t drops[OPENK4A_UVC_DROP_REASON_COUNT] = {};
    const uint8_t *payload_begin = nullptr; // the payload being pushed
    const uint8_t *payload_end = nullptr;
};

bool Acquire(void *context, size_t, uint8_t **buffer, size_t *capacity, void **buffer_context)
{
    Model *m = static_cast<Model *>(context);
    if (m->refuse)
        return false;
    CHECK(m->outstanding.empty()); // one frame in progress at a time
    uint8_t *block = new uint8_t[m->capacity + kGuard];
    std::memset(block + m->capacity, 0xA5, kGuard);
#ifdef OPENK4A_HAVE_ASAN
    ASAN_POISON_MEMORY_REGION(block + m->capacity, kGuard);
#endif
    m->outstanding[block] = block;
    *buffer = block;
    *capacity = m->capacity;
    *buffer_context = m;
    return true;
}

void Frame(void *context, const openk4a_uvc_frame_t *f)
{
    Model *m = static_cast<Model *>(context);
    CHECK(f->sequence == m->frames);
    m->frames++;
    if (f->size != 0)
    {
        // Touch every byte (before the buffer is freed below): an out-of-range
        // span is an ASan error here.
        volatile uint8_t sum = 0;
        for (size_t i = 0; i < f->size; ++i)
            sum = static_cast<uint8_t>(sum + f->data[i]);
        (void)sum;
    }
    if (f->buffer != nullptr)
    {
        auto it = m->outstanding.find(f->buffer);
        CHECK(it != m->outstanding.end());
        CHECK(f->buffer_context == m && f->buffer_capacity == m->capacity);
#ifdef OPENK4A_HAVE_ASAN
        ASAN_UNPOISON_MEMORY_REGION(f->buffer + m->capacity, kGuard);
#endif
        for (size_t i = 0; i < kGuard; ++i)
            CHECK(f->buffer[m->capacity + i] == 0xA5);
        CHECK(f->size <= m->capacity && f->size <= m->max_frame_size);
        CHECK(!f->zero_copy && f->data == f->buffer);
        delete[] it->second;
        m->outstanding.erase(it);
    }
    else if (f->zero_copy)
    {
        // Zero copy: the frame lies inside the payload being pushed.
        CHECK(f->status == OPENK4A_UVC_FRAME_COMPLETE);
        CHECK(f->data >= m->payload_begin && f->data + f->size <= m->payload_end);
        CHECK(f->size <= m->max_frame_size && f->size > 0);
    }
    else
    {
        CHECK(f->status == OPENK4A_UVC_FRAME_DROPPED);
    }
    if (f->status == OPENK4A_UVC_FRAME_COMPLETE)
    {
        CHECK(f->drop_reason == OPENK4A_UVC_DROP_NONE);
        CHECK(std::strcmp(openk4a_uvc_drop_reason_name(f->drop_reason), "NONE") == 0);
        m->completed++;
        m->completed_bytes += f->size;
        if (f->zero_copy)
            m->zero_copy++;
    }
    else
    {
        CHECK(f->drop_reason > OPENK4A_UVC_DROP_NONE && f->drop_reason < OPENK4A_UVC_DROP_REASON_COUNT);
        CHECK(std::strcmp(openk4a_uvc_drop_reason_name(f->drop_reason), "UNKNOWN") != 0);
        m->dropped++;
        m->drops[f->drop_reason]++;
    }
    CHECK(f->bytes_received >= (f->zero_copy ? f->size : 0));
}

void CheckInvariants(const openk4a_uvc_assembler_t &a, const Model &m)
{
    const openk4a_uvc_assembler_stats_t s = openk4a_uvc_assembler_get_stats(&a);
    const size_t pending = openk4a_uvc_assembler_pending_bytes(&a);
    CHECK(s.bytes_in == s.header_bytes + s.bytes_delivered + s.bytes_discarded + pending);
    CHECK(s.bytes_delivered == m.completed_bytes);
    CHECK(s.frames_completed == m.completed && s.frames_dropped == m.dropped);
    CHECK(s.frames_zero_copy == m.zero_copy);
    uint64_t drops = 0;
    for (int i = 0; i < OPENK4A_UVC_DROP_REASON_COUNT; ++i)
    {
        CHECK(s.drops[i] == m.drops[i]);
        drops += s.drops[i];
    }
    CHECK(drops == s.frames_dropped);
    CHECK(s.empty_payloads + s.bad_header_payloads <= s.payloads);
    CHECK(pending <= m.capacity);
    CHECK(m.outstanding.size() <= 1);
}

// Pushes `n` bytes as one payload from an exact-size heap copy.
void Push(openk4a_uvc_assembler_t *a, Model *m, const uint8_t *bytes, size_t n)
{
    uint8_t *copy = new uint8_t[n == 0 ? 1 : n];
    if (n != 0)
        std::memcpy(copy, bytes, n);
    m->payload_begin = copy;
    m->payload_end = copy + n;
    const openk4a_usb_status_t s = openk4a_uvc_assembler_push(a, n == 0 ? nullptr : copy, n);
    CHECK(s == OPENK4A_USB_OK || s < 0);
    delete[] copy;
}

void Run(const uint8_t *data, size_t size)
{
    Reader in(data, size);
    Model m;
    m.max_frame_size = 1 + ((size_t{in.u8()} << 8) | in.u8()) % 8192;
    const uint8_t flags = in.u8();
    switch ((flags >> 3) & 3)
    {
    case 0:
        m.capacity = m.max_frame_size;
        break;
    case 1:
        m.capacity = m.max_frame_size / 2 + 1;
        break;
    case 2:
        m.capacity = m.max_frame_size + 7;
        break;
    default:
        m.capacity = 1;
        break;
    }
    openk4a_uvc_assembler_config_t config{};
    config.max_frame_size = m.max_frame_size;
    config.allow_zero_copy = (flags & 1) != 0;
    config.sync_to_frame_start = (flags & 2) != 0;
    config.exact_frame_size = (flags & 4) != 0 ? m.max_frame_size / 3 : 0;
    openk4a_uvc_assembler_callbacks_t callbacks{};
    callbacks.acquire = (flags & 0x80) != 0 ? nullptr : Acquire;
    callbacks.frame = Frame;
    callbacks.context = &m;
    openk4a_uvc_assembler_t a;
    CHECK(openk4a_uvc_assembler_init(&a, &config, &callbacks) == OPENK4A_USB_OK);

    std::vector<uint8_t> scratch;
    while (!in.empty())
    {
        const uint8_t op = in.u8();
        switch (op & 7)
        {
        case 0:
        case 1:
        { // a well-formed header built from fields, then data from the input
            openk4a_uvc_payload_header_t h{};
            h.bmHeaderInfo = in.u8();
            h.dwPresentationTime = in.u8();
            h.scrSourceTimeClock = in.u8();
            h.bHeaderLength = (op & 8) != 0 ? static_cast<uint8_t>(12 + (op >> 4)) : 0;
            uint8_t header[255];
            size_t header_size = 0;
            CHECK(openk4a_uvc_payload_header_encode(&h, header, sizeof header, &header_size) == OPENK4A_USB_OK);
            size_t got = 0;
            const size_t want = (size_t{in.u8()} << ((op & 1) ? 4 : 0)) + ((op & 0x40) ? m.max_frame_size / 2 : 0);
            const uint8_t *body = in.take(want, &got);
            scratch.assign(header, header + header_size);
            scratch.insert(scratch.end(), body, body + got);
            // Stretch the data (repeat it) so frames can reach their limit.
            if ((op & 0x80) != 0 && got != 0)
            {
                while (scratch.size() < header_size + want)
                    scratch.insert(scratch.end(), body, body + got);
            }
            Push(&a, &m, scratch.data(), scratch.size());
            break;
        }
        case 2:
        { // raw bytes as a payload (malformed headers included)
            size_t got = 0;
            const uint8_t *raw = in.take(in.u8(), &got);
            Push(&a, &m, raw, got);
            break;
        }
        case 3:
            openk4a_uvc_assembler_report_lost(&a);
            break;
        case 4:
            openk4a_uvc_assembler_flush(&a);
            CHECK(openk4a_uvc_assembler_pending_bytes(&a) == 0);
            break;
        case 5:
            m.refuse = !m.refuse;
            break;
        case 6:
        { // an isochronous transfer of up to 7 packets of up to 64-byte slots
            const size_t packets = (op >> 3) & 7;
            std::vector<openk4a_uvc_iso_packet_t> desc(packets);
            std::vector<uint8_t> buffer;
            for (size_t i = 0; i < packets; ++i)
            {
                const uint8_t spec = in.u8();
                size_t got = 0;
                const uint8_t *bytes = in.take(spec & 63, &got);
                desc[i].length = 64;
                desc[i].actual_length = static_cast<uint32_t>(got);
                desc[i].status = (spec & 0x40) != 0 ? -1 : 0;
                buffer.insert(buffer.end(), bytes, bytes + got);
                buffer.resize((i + 1) * 64, 0);
            }
            uint8_t *copy = new uint8_t[buffer.size() + 1];
            if (!buffer.empty())
                std::memcpy(copy, buffer.data(), buffer.size());
            m.payload_begin = copy;
            m.payload_end = copy + buffer.size();
            (void)openk4a_uvc_assembler_push_iso(&a, copy, buffer.size(), desc.data(), desc.size());
            delete[] copy;
            break;
        }
        default:
            if ((op & 8) != 0)
            {
                // A bulk transfer that carried a whole frame failed: one dropped
                // frame, reported at once, after any open one.
                const uint64_t dropped =
                    m.drops[OPENK4A_UVC_DROP_LOST_PAYLOAD] + m.drops[OPENK4A_UVC_DROP_PARTIAL_START];
                const uint64_t frames = m.frames;
                const bool open = openk4a_uvc_assembler_pending_bytes(&a) != 0;
                openk4a_uvc_assembler_report_lost_frame(&a);
                CHECK(m.frames >= frames + 1 && m.frames <= frames + 2);
                CHECK(m.drops[OPENK4A_UVC_DROP_LOST_PAYLOAD] + m.drops[OPENK4A_UVC_DROP_PARTIAL_START] >= dropped + 1);
                CHECK(!open || m.frames == frames + 2);
                CHECK(openk4a_uvc_assembler_pending_bytes(&a) == 0);
            }
            else
            {
                Push(&a, &m, nullptr, 0);
            }
            break;
        }
        CheckInvariants(a, m);
    }
    openk4a_uvc_assembler_flush(&a);
    CheckInvariants(a, m);
    CHECK(m.outstanding.empty()); // every buffer came back
    CHECK(openk4a_uvc_assembler_get_stats(&a).frames_completed + openk4a_uvc_assembler_get_stats(&a).frames_dropped ==
          m.frames);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    Run(data, size);
    return 0;
}
