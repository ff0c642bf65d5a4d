// Frame assembly throughput against memcpy of the same frame bytes, in the
// same binary:
//   BM_Memcpy/<frame>               one memcpy of the whole frame (reference)
//   BM_MemcpyChunks/<frame>/<payload> memcpy of each payload's data (reference)
//   BM_AssembleBulk/<frame>/<payload> bulk payloads of 32 KiB..1 MiB, 12-byte headers
//   BM_AssembleIso/<frame>/<payload>  isochronous packets of ~3 KiB via push_iso
//   BM_AssembleZeroCopy/<frame>     one payload = one frame (no copy)
// bytes_per_second counts frame bytes, so the ratios compare directly.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "openk4a/usb/uvc_assembler.h"
#include "openk4a/usb/uvc_wire.h"

namespace
{

constexpr size_t kHeader = 12;

struct Stream
{
    std::vector<uint8_t> bytes;         // payloads back to back
    std::vector<size_t> offsets, sizes; // each payload
};

// Two frames (FID 0 then 1) cut into payloads of `payload` bytes.
Stream MakeStream(size_t frame, size_t payload)
{
    Stream s;
    for (uint8_t fid = 0; fid < 2; ++fid)
    {
        for (size_t pos = 0; pos < frame;)
        {
            const size_t n = std::min(payload - kHeader, frame - pos);
            openk4a_uvc_payload_header_t h{};
            h.bmHeaderInfo =
                static_cast<uint8_t>(fid | OPENK4A_UVC_HEADER_PTS | OPENK4A_UVC_HEADER_SCR | OPENK4A_UVC_HEADER_EOH);
            if (pos + n == frame)
                h.bmHeaderInfo |= OPENK4A_UVC_HEADER_EOF;
            h.dwPresentationTime = 1234;
            s.offsets.push_back(s.bytes.size());
            s.bytes.resize(s.bytes.size() + kHeader + n);
            size_t written = 0;
            if (openk4a_uvc_payload_header_encode(&h, &s.bytes[s.offsets.back()], kHeader, &written) != OPENK4A_USB_OK)
            {
                std::abort();
            }
            for (size_t i = 0; i < n; ++i)
                s.bytes[s.offsets.back() + kHeader + i] = static_cast<uint8_t>(pos + i);
            s.sizes.push_back(kHeader + n);
            pos += n;
        }
    }
    return s;
}

struct Sink
{
    std::vector<uint8_t> buffer;
    uint64_t frames = 0, bad = 0;
};

bool Acquire(void *context, size_t, uint8_t **buffer, size_t *capacity, void **buffer_context)
{
    Sink *sink = static_cast<Sink *>(context);
    *buffer = sink->buffer.data();
    *capacity = sink->buffer.size();
    *buffer_context = nullptr;
    return true;
}

void Frame(void *context, const openk4a_uvc_frame_t *f)
{
    Sink *sink = static_cast<Sink *>(context);
    sink->frames++;
    if (f->status != OPENK4A_UVC_FRAME_COMPLETE)
        sink->bad++;
    benchmark::DoNotOptimize(f->data);
}

void Init(openk4a_uvc_assembler_t *a, Sink *sink, size_t frame, bool zero_copy)
{
    sink->buffer.assign(frame, 0);
    openk4a_uvc_assembler_config_t config{};
    config.max_frame_size = frame;
    config.allow_zero_copy = zero_copy;
    openk4a_uvc_assembler_callbacks_t callbacks{};
    callbacks.acquire = Acquire;
    callbacks.frame = Frame;
    callbacks.context = sink;
    if (openk4a_uvc_assembler_init(a, &config, &callbacks) != OPENK4A_USB_OK)
        std::abort();
}

void Finish(benchmark::State &state, const Sink &sink, size_t frame)
{
    if (sink.bad != 0)
        state.SkipWithError("a frame was dropped");
    state.SetBytesProcessed(static_cast<int64_t>(sink.frames * frame));
    state.counters["frames"] = static_cast<double>(sink.frames);
}

void BM_Memcpy(benchmark::State &state)
{
    const size_t frame = static_cast<size_t>(state.range(0));
    std::vector<uint8_t> src(frame, 1), dst(frame);
    for (auto _ : state)
    {
        std::memcpy(dst.data(), src.data(), frame);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * frame));
}

void BM_MemcpyChunks(benchmark::State &state)
{
    const size_t frame = static_cast<size_t>(state.range(0));
    const Stream s = MakeStream(frame, static_cast<size_t>(state.range(1)));
    std::vector<uint8_t> dst(frame);
    const size_t half = s.offsets.size() / 2;
    for (auto _ : state)
    {
        size_t pos = 0;
        for (size_t i = 0; i < half; ++i)
        {
            std::memcpy(dst.data() + pos, s.bytes.data() + s.offsets[i] + kHeader, s.sizes[i] - kHeader);
            pos += s.sizes[i] - kHeader;
        }
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * frame));
}

void BM_AssembleBulk(benchmark::State &state)
{
    const size_t frame = static_cast<size_t>(state.range(0));
    const Stream s = MakeStream(frame, static_cast<size_t>(state.range(1)));
    Sink sink;
    openk4a_uvc_assembler_t a;
    Init(&a, &sink, frame, /*zero_copy=*/false);
    const size_t half = s.offsets.size() / 2;
    size_t next = 0; // alternate between the FID 0 and FID 1 frame
    for (auto _ : state)
    {
        for (size_t i = next; i < next + half; ++i)
        {
            openk4a_uvc_assembler_push(&a, s.bytes.data() + s.offsets[i], s.sizes[i]);
        }
        next = half - next;
    }
    Finish(state, sink, frame);
}

void BM_AssembleIso(benchmark::State &state)
{
    const size_t frame = static_cast<size_t>(state.range(0));
    const size_t slot = static_cast<size_t>(state.range(1));
    const Stream s = MakeStream(frame, slot);
    // Lay the packets out as an isochronous transfer: fixed slots, actual lengths.
    const size_t half = s.offsets.size() / 2;
    std::vector<uint8_t> transfer[2];
    std::vector<openk4a_uvc_iso_packet_t> packets[2];
    for (int t = 0; t < 2; ++t)
    {
        transfer[t].assign(half * slot, 0);
        packets[t].resize(half);
        for (size_t i = 0; i < half; ++i)
        {
            const size_t k = t * half + i;
            std::memcpy(transfer[t].data() + i * slot, s.bytes.data() + s.offsets[k], s.sizes[k]);
            packets[t][i] = {static_cast<uint32_t>(slot), static_cast<uint32_t>(s.sizes[k]), 0};
        }
    }
    Sink sink;
    openk4a_uvc_assembler_t a;
    Init(&a, &sink, frame, /*zero_copy=*/false);
    int t = 0;
    for (auto _ : state)
    {
        openk4a_uvc_assembler_push_iso(&a, transfer[t].data(), transfer[t].size(), packets[t].data(), half);
        t ^= 1;
    }
    Finish(state, sink, frame);
}

void BM_AssembleZeroCopy(benchmark::State &state)
{
    const size_t frame = static_cast<size_t>(state.range(0));
    const Stream s = MakeStream(frame, frame + kHeader);
    Sink sink;
    openk4a_uvc_assembler_t a;
    Init(&a, &sink, frame, /*zero_copy=*/true);
    size_t i = 0;
    for (auto _ : state)
    {
        openk4a_uvc_assembler_push(&a, s.bytes.data() + s.offsets[i], s.sizes[i]);
        i ^= 1;
    }
    Finish(state, sink, frame);
}

constexpr int64_t kKiB = 1024;
constexpr int64_t kFrame = 2 * 1024 * kKiB;     // ~1280x720 YUY2 / a large MJPEG frame
constexpr int64_t kIsoFrame = 600 * kKiB;       // 640x480 YUY2
constexpr int64_t kBigFrame = 16 * 1024 * kKiB; // beyond the caches: 4096x2048 YUY2

BENCHMARK(BM_Memcpy)->Arg(kFrame)->Arg(kIsoFrame)->Arg(kBigFrame);
BENCHMARK(BM_MemcpyChunks)->Args({kFrame, 32 * kKiB})->Args({kIsoFrame, 3 * kKiB});
BENCHMARK(BM_AssembleBulk)
    ->Args({kFrame, 32 * kKiB})
    ->Args({kFrame, 128 * kKiB})
    ->Args({kFrame, 512 * kKiB})
    ->Args({kFrame, 1024 * kKiB})
    ->Args({kBigFrame, 32 * kKiB})
    ->Args({kBigFrame, 1024 * kKiB});
BENCHMARK(BM_AssembleIso)->Args({kIsoFrame, 3 * kKiB})->Args({kIsoFrame, 3060});
BENCHMARK(BM_AssembleZeroCopy)->Arg(kFrame);

} // namespace

BENCHMARK_MAIN();
