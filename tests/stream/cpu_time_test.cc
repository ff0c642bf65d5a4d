// The CPU split between the emulated device's threads and everything else.
#include "tools/stream/cpu_time.h"

#include <gtest/gtest.h>
#include <time.h>

#include <atomic>
#include <thread>

namespace openk4a::stream
{
namespace
{

double ThreadCpuSeconds()
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

void Burn(double seconds)
{
    const double start = ThreadCpuSeconds();
    volatile uint64_t x = 0;
    while (ThreadCpuSeconds() - start < seconds)
        x = x + 1;
}

TEST(CpuTime, ThreadNames)
{
    EXPECT_TRUE(IsEmulatorThread(kEmulatorThreadName));
    EXPECT_TRUE(IsEmulatorThread("gmain"));
    EXPECT_TRUE(IsEmulatorThread("pool-3"));
    EXPECT_FALSE(IsEmulatorThread("k4a-stream"));
    EXPECT_FALSE(IsEmulatorThread("ok4a-usb"));
    EXPECT_FALSE(IsEmulatorThread("libusb_event"));
}

TEST(CpuTime, SplitsByWhoSpentIt)
{
    std::atomic<bool> go{false}, done{false};
    std::thread emulator;
    {
        ScopedThreadName name(kEmulatorThreadName); // the new thread inherits it
        emulator = std::thread(
            [&]
            {
                while (!go)
                    std::this_thread::yield();
                Burn(0.05);
                done = true;
                while (go)
                    std::this_thread::yield(); // stay alive for the second snapshot
            });
    }
    const CpuSnapshot before = CpuSnapshot::Take();
    go = true;
    Burn(0.1);
    while (!done)
        std::this_thread::yield();
    const CpuSplit split = CpuSnapshot::Take().Since(before);
    go = false;
    emulator.join();
    EXPECT_GE(split.others_s, 0.045);
    EXPECT_GE(split.ours_s, 0.095);
    EXPECT_GE(split.process_s, split.ours_s + split.others_s - 0.01);
}

} // namespace
} // namespace openk4a::stream
