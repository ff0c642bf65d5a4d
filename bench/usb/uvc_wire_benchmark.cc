// Generated parsers on their hot paths: the 12-byte payload header (once per
// payload) and a 48-byte probe/commit, next to memcpy of the same bytes.
#include <benchmark/benchmark.h>

#include <cstring>

#include "openk4a/usb/uvc_wire.h"

namespace
{

const uint8_t kHeader[12] = {12, 0x8D, 1, 2, 3, 4, 5, 6, 7, 8, 0xFF, 0x07};

void BM_PayloadHeaderParse(benchmark::State &state)
{
    openk4a_uvc_payload_header_t h;
    size_t consumed = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(openk4a_uvc_payload_header_parse(kHeader, sizeof kHeader, &h, &consumed));
        benchmark::DoNotOptimize(h);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_ProbeCommitParse(benchmark::State &state)
{
    uint8_t wire[48];
    for (size_t i = 0; i < sizeof wire; ++i)
        wire[i] = static_cast<uint8_t>(i);
    openk4a_uvc_probe_commit_t p;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(openk4a_uvc_probe_commit_parse_complete(wire, sizeof wire, &p));
        benchmark::DoNotOptimize(p);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Memcpy12(benchmark::State &state)
{
    uint8_t dst[12];
    for (auto _ : state)
    {
        std::memcpy(dst, kHeader, sizeof dst);
        benchmark::DoNotOptimize(dst);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_PayloadHeaderParse);
BENCHMARK(BM_ProbeCommitParse);
BENCHMARK(BM_Memcpy12);

} // namespace

BENCHMARK_MAIN();
