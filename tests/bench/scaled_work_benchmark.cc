// A benchmark whose amount of work is set from outside, so that
// tools/bench_compare can be tested against a planted slowdown without
// building two revisions: the same binary run with
// OPENK4A_BENCH_WORK_SCALE=1.5 does 50% more work per iteration in
// BM_ScaledWork, and exactly the same work in BM_FixedWork.
//
// The work is a chain of dependent multiply-adds: CPU-bound, no memory
// traffic, so other processes on the machine disturb it as little as possible.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "benchmark/benchmark.h"

namespace
{

constexpr uint64_t kBaseSteps = 2000;

// The scale from $OPENK4A_BENCH_WORK_SCALE (default 1); exits on a value
// that is not a number in (0, 100].
double WorkScale()
{
    const char *text = std::getenv("OPENK4A_BENCH_WORK_SCALE");
    if (text == nullptr || *text == '\0')
        return 1.0;
    char *end = nullptr;
    errno = 0;
    const double scale = std::strtod(text, &end);
    if (errno != 0 || *end != '\0' || !(scale > 0.0 && scale <= 100.0))
    {
        std::fprintf(stderr, "OPENK4A_BENCH_WORK_SCALE=%s: expected a number in (0, 100]\n", text);
        std::exit(2);
    }
    return scale;
}

uint64_t Spin(uint64_t steps, uint64_t seed)
{
    uint64_t x = seed;
    for (uint64_t i = 0; i < steps; ++i)
    {
        x = x * 6364136223846793005u + 1442695040888963407u; // Knuth's MMIX LCG
        benchmark::DoNotOptimize(x);
    }
    return x;
}

void BM_ScaledWork(benchmark::State &state)
{
    const auto steps = static_cast<uint64_t>(static_cast<double>(kBaseSteps) * WorkScale());
    uint64_t seed = 1;
    for (auto _ : state)
        seed = Spin(steps, seed);
    state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_ScaledWork);

void BM_FixedWork(benchmark::State &state)
{
    uint64_t seed = 1;
    for (auto _ : state)
        seed = Spin(kBaseSteps, seed);
}
BENCHMARK(BM_FixedWork);

} // namespace

BENCHMARK_MAIN();
