// Per-packet and per-sample cost of IMU payload decoding (parse + SDK unit
// conversion into k4a_imu_sample_t), next to memcpy of the same bytes.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "openk4a/usb/imu_packet.h"
#include "tests/usb/usb_test_util.h"

namespace
{

using openk4a::testing::ImuRaw;

std::vector<uint8_t> FullPacket()
{
    std::vector<ImuRaw> g, a;
    for (int i = 0; i < 8; ++i)
    {
        g.push_back({90000u + 54u * i, static_cast<int16_t>(10 * i), -5, 3});
        a.push_back({90001u + 54u * i, 0, static_cast<int16_t>(100 * i), 4096});
    }
    return openk4a::testing::MakeImuPacket(2560, 1000, 2440, g, a);
}

void BM_ImuDecode(benchmark::State &state)
{
    const std::vector<uint8_t> packet = FullPacket();
    k4a_imu_sample_t samples[8];
    for (auto _ : state)
    {
        size_t count = 0;
        if (openk4a_imu_packet_decode(packet.data(), packet.size(), samples, 8, &count, nullptr) != OPENK4A_USB_OK)
        {
            state.SkipWithError("decode failed");
        }
        benchmark::DoNotOptimize(samples);
    }
    state.SetItemsProcessed(state.iterations() * 8); // samples
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * packet.size()));
}

void BM_ImuParseOnly(benchmark::State &state)
{
    const std::vector<uint8_t> packet = FullPacket();
    openk4a_imu_packet_t p;
    for (auto _ : state)
    {
        openk4a_imu_packet_parse_complete(packet.data(), packet.size(), &p);
        benchmark::DoNotOptimize(p);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * packet.size()));
}

void BM_Memcpy(benchmark::State &state)
{
    const std::vector<uint8_t> packet = FullPacket();
    std::vector<uint8_t> dst(packet.size());
    for (auto _ : state)
    {
        std::memcpy(dst.data(), packet.data(), packet.size());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * packet.size()));
}

BENCHMARK(BM_ImuDecode);
BENCHMARK(BM_ImuParseOnly);
BENCHMARK(BM_Memcpy);

} // namespace

BENCHMARK_MAIN();
