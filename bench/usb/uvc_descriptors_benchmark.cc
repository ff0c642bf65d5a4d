// Per-item cost of parsing each real configuration descriptor in
// ../shared/testdata/uvc/ into the model, next to memcpy of the same bytes.
// Descriptors that are absent are skipped (a message says so).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "openk4a/usb/uvc_descriptors.h"
#include "tests/testing/testdata.h"

namespace
{

void BM_ConfigParse(benchmark::State &state, std::vector<uint8_t> bytes)
{
    auto model = std::make_unique<openk4a_uvc_config_t>();
    for (auto _ : state)
    {
        size_t consumed = 0;
        const openk4a_usb_status_t s = openk4a_uvc_config_parse(bytes.data(), bytes.size(), model.get(), &consumed);
        if (s != OPENK4A_USB_OK)
            state.SkipWithError(openk4a_usb_status_message(s));
        benchmark::DoNotOptimize(model->frame_count);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
    state.counters["frames"] = model->frame_count;
}

void BM_Memcpy(benchmark::State &state, std::vector<uint8_t> bytes)
{
    std::vector<uint8_t> dst(bytes.size());
    for (auto _ : state)
    {
        std::memcpy(dst.data(), bytes.data(), bytes.size());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}

} // namespace

int main(int argc, char **argv)
{
    int registered = 0;
    for (const char *name : {"logitech_c270", "logitech_c310", "anker_powerconf_c200", "trust_webcam"})
    {
        const auto bytes = openk4a::testing::ReadTestdata(std::string("uvc/") + name + ".cfg.bin");
        if (!bytes)
        {
            std::fprintf(stderr, "skipping %s: shared testdata absent\n", name);
            continue;
        }
        benchmark::RegisterBenchmark((std::string("BM_ConfigParse/") + name).c_str(), BM_ConfigParse, *bytes);
        benchmark::RegisterBenchmark((std::string("BM_Memcpy/") + name).c_str(), BM_Memcpy, *bytes);
        registered++;
    }
    if (registered == 0)
        std::fprintf(stderr, "no descriptors found: nothing to measure\n");
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
