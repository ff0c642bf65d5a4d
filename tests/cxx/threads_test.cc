// The C++ owners across threads (run under TSan too): the buffer owner is
// destroyed exactly once, on the thread that drops the last reference, and
// writable access after the others let go is race-free.
#include <k4a/k4a.h>
#include <openk4a/memory.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "openk4a/cxx/capture.h"
#include "openk4a/cxx/image.h"
#include "tests/cxx/test_owners.h"

namespace openk4a
{
namespace
{

using ::openk4a::testing::CountingOwner;
using ::openk4a::testing::DestroyLog;

constexpr int kThreads = 4;

uint64_t Sum(absl::Span<const uint8_t> bytes)
{
    uint64_t sum = 0;
    for (uint8_t b : bytes)
        sum += b;
    return sum;
}

TEST(CxxThreads, OwnerIsDestroyedExactlyOnceByTheLastReleaser)
{
    for (int round = 0; round < 200; round++)
    {
        DestroyLog log;
        std::vector<std::thread> threads;
        std::atomic<uint64_t> sums{0};
        {
            absl::StatusOr<Image> image =
                Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {16, 16}, CountingOwner(256, &log, 1));
            ASSERT_TRUE(image.ok()) << image.status();
            for (int t = 0; t < kThreads; t++)
            {
                threads.emplace_back(
                    [clone = image->Clone(), &sums]() mutable
                    {
                        sums += Sum(clone.bytes());
                        Image mine = std::move(clone); // dropped here, on this thread
                    });
            }
        } // the main thread's reference goes while the workers may still run
        for (std::thread &t : threads)
            t.join();
        ASSERT_EQ(log.destroyed.load(), 1) << "round " << round;
        EXPECT_EQ(sums.load(), uint64_t{kThreads} * 256);
    }
}

TEST(CxxThreads, TheOwnerDiesOnTheThreadThatReleasesLast)
{
    DestroyLog log;
    std::thread::id worker_id;
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4}, CountingOwner(16, &log));
    ASSERT_TRUE(image.ok());
    std::thread worker(
        [moved = *std::move(image), &worker_id]() mutable
        {
            worker_id = std::this_thread::get_id();
            Image last = std::move(moved);
        });
    worker.join();
    EXPECT_EQ(log.destroyed.load(), 1);
    EXPECT_EQ(log.last_thread.load(), worker_id);
}

TEST(CxxThreads, WritingAfterTheOthersLetGoIsRaceFree)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_CUSTOM8, {64, 64});
    ASSERT_TRUE(image.ok());
    ASSERT_TRUE(image->MutableBytes().ok());
    for (int round = 0; round < 50; round++)
    {
        std::vector<std::thread> readers;
        for (int t = 0; t < kThreads; t++)
        {
            readers.emplace_back(
                [clone = image->Clone()]() mutable
                {
                    volatile uint64_t sink = Sum(clone.bytes());
                    (void)sink;
                });
        }
        // Spin until every reader has dropped its clone, then write: TSan checks
        // that IsUnique() orders the readers' reads before these writes.
        absl::StatusOr<absl::Span<uint8_t>> bytes = image->MutableBytes();
        while (!bytes.ok())
        {
            std::this_thread::yield();
            bytes = image->MutableBytes();
        }
        for (uint8_t &b : *bytes)
            b = static_cast<uint8_t>(round);
        for (std::thread &t : readers)
            t.join();
    }
}

TEST(CxxThreads, CapturesSharedBetweenThreads)
{
    DestroyLog log;
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++)
    {
        threads.emplace_back(
            [shared = capture->Clone(), &log, t]() mutable
            {
                for (int i = 0; i < 200; i++)
                {
                    if ((i + t) % 3 == 0)
                    {
                        absl::StatusOr<Image> image =
                            Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {2, 2}, CountingOwner(8, &log));
                        if (image.ok())
                            shared.set_depth_image(*std::move(image));
                    }
                    else if (std::optional<Image> depth = shared.depth_image())
                    {
                        EXPECT_EQ(depth->size(), 8u);
                    }
                    shared.set_temperature_c(static_cast<float>(i));
                }
            });
    }
    for (std::thread &t : threads)
        t.join();
    int expected = 0;
    for (int t = 0; t < kThreads; t++)
    {
        for (int i = 0; i < 200; i++)
            expected += (i + t) % 3 == 0;
    }
    EXPECT_EQ(log.destroyed.load(), expected - 1) << "all but the one still in the capture";
    capture->clear_image(Capture::Slot::kDepth);
    EXPECT_EQ(log.destroyed.load(), expected);
    openk4a_memory_stats_t stats;
    ASSERT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(stats.images_live, 0u);
}

} // namespace
} // namespace openk4a
