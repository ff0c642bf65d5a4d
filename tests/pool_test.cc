// ok4a_pool_*: fixed-size buffer pools for frames (core/pool.c).
#include "core/pool.h"

#include <k4a/k4a.h>

#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/log_capture.h"

namespace
{

using openk4a::testing::LogCapture;

ok4a_pool_stats_t StatsOf(const ok4a_pool_t *pool)
{
    ok4a_pool_stats_t stats;
    ok4a_pool_get_stats(pool, &stats);
    return stats;
}

TEST(Pool, RejectsInvalidConfigs)
{
    LogCapture log;
    EXPECT_EQ(ok4a_pool_create(nullptr), nullptr);
    ok4a_pool_config_t zero = {};
    EXPECT_EQ(ok4a_pool_create(&zero), nullptr);
    ok4a_pool_config_t too_many = {"x", 64, 2, 0, 3};
    EXPECT_EQ(ok4a_pool_create(&too_many), nullptr);
    EXPECT_TRUE(log.Contains({"ok4a_pool_create", "invalid config"}));
}

TEST(Pool, BuffersAreDistinctAlignedAndWritable)
{
    ok4a_pool_config_t config = {"t", 1000, 0, 0, 0};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(ok4a_pool_buffer_size(pool), 1000u);
    std::set<uint8_t *> seen;
    std::vector<uint8_t *> held;
    for (int i = 0; i < 20; i++)
    {
        uint8_t *b = ok4a_pool_acquire(pool);
        ASSERT_NE(b, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 64, 0u);
        std::memset(b, i, 1000);
        EXPECT_TRUE(seen.insert(b).second);
        held.push_back(b);
    }
    EXPECT_EQ(StatsOf(pool).in_use, 20u);
    for (uint8_t *b : held)
        ok4a_pool_release(b, pool);
    ok4a_pool_stats_t stats = StatsOf(pool);
    EXPECT_EQ(stats.in_use, 0u);
    EXPECT_EQ(stats.free, 20u);
    EXPECT_EQ(stats.allocations, 20u);
    // Reuse: no new allocation.
    uint8_t *again = ok4a_pool_acquire(pool);
    EXPECT_TRUE(seen.count(again));
    EXPECT_EQ(StatsOf(pool).allocations, 20u);
    ok4a_pool_release(again, pool);
    ok4a_pool_destroy(pool);
}

TEST(Pool, MaxBuffersBoundsUseAndCountsRefusals)
{
    ok4a_pool_config_t config = {"bounded", 64, 2, 0, 2};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(StatsOf(pool).allocations, 2u); // preallocated
    uint8_t *a = ok4a_pool_acquire(pool);
    uint8_t *b = ok4a_pool_acquire(pool);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(ok4a_pool_acquire(pool), nullptr);
    EXPECT_EQ(ok4a_pool_acquire(pool), nullptr);
    EXPECT_EQ(StatsOf(pool).exhausted, 2u);
    ok4a_pool_release(a, pool);
    EXPECT_EQ(ok4a_pool_acquire(pool), a);
    EXPECT_EQ(StatsOf(pool).allocations, 2u);
    ok4a_pool_release(a, pool);
    ok4a_pool_release(b, pool);
    ok4a_pool_destroy(pool);
}

TEST(Pool, MaxFreeReturnsTheSurplusToTheSystem)
{
    ok4a_pool_config_t config = {"keep2", 128, 0, 2, 0};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    ASSERT_NE(pool, nullptr);
    std::vector<uint8_t *> held;
    for (int i = 0; i < 5; i++)
        held.push_back(ok4a_pool_acquire(pool));
    for (uint8_t *b : held)
        ok4a_pool_release(b, pool);
    EXPECT_EQ(StatsOf(pool).free, 2u);
    ok4a_pool_trim(pool);
    EXPECT_EQ(StatsOf(pool).free, 0u);
    ok4a_pool_destroy(pool);
}

TEST(Pool, ADoubleReleaseOfAFreedBufferIsCaughtWithoutReadingIt)
{
    // One free buffer kept: the second one released goes back to the system,
    // so releasing it again must be judged without touching its memory (ASan
    // reported a heap-use-after-free here).
    ok4a_pool_config_t config = {"one", 4096, 0, 1, 0};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    uint8_t *kept = ok4a_pool_acquire(pool);
    uint8_t *freed = ok4a_pool_acquire(pool);
    ok4a_pool_release(kept, pool);
    ok4a_pool_release(freed, pool);
    EXPECT_EQ(StatsOf(pool).free, 1u);
    LogCapture log;
    ok4a_pool_release(freed, pool);
    EXPECT_TRUE(log.Contains({"released twice"}));
    EXPECT_EQ(StatsOf(pool).bad_releases, 1u);
    EXPECT_EQ(StatsOf(pool).in_use, 0u);
    // Many buffers in use at once (the in-use set grows), each released once.
    std::vector<uint8_t *> many;
    for (int i = 0; i < 100; i++)
        many.push_back(ok4a_pool_acquire(pool));
    for (int i = 0; i < 100; i += 2)
        ok4a_pool_release(many[i], pool);
    for (int i = 1; i < 100; i += 2)
        ok4a_pool_release(many[i], pool);
    EXPECT_EQ(StatsOf(pool).bad_releases, 1u);
    EXPECT_EQ(StatsOf(pool).in_use, 0u);
    ok4a_pool_destroy(pool);
}

TEST(Pool, DoubleAndForeignReleasesAreIgnored)
{
    ok4a_pool_config_t config = {"a", 64, 0, 0, 0};
    ok4a_pool_t *a = ok4a_pool_create(&config);
    ok4a_pool_t *b = ok4a_pool_create(&config);
    uint8_t *buffer = ok4a_pool_acquire(a);
    LogCapture log;
    ok4a_pool_release(buffer, b); // wrong pool
    EXPECT_TRUE(log.Contains({"does not belong"}));
    EXPECT_EQ(StatsOf(a).in_use, 1u);
    EXPECT_EQ(StatsOf(b).bad_releases, 1u);
    ok4a_pool_release(buffer, a);
    ok4a_pool_release(buffer, a); // twice: the pool must not hand it out twice
    EXPECT_TRUE(log.Contains({"released twice"}));
    EXPECT_EQ(StatsOf(a).bad_releases, 1u);
    EXPECT_EQ(StatsOf(a).free, 1u);
    uint8_t *x = ok4a_pool_acquire(a);
    uint8_t *y = ok4a_pool_acquire(a);
    EXPECT_NE(x, y);
    ok4a_pool_release(x, a);
    ok4a_pool_release(y, a);
    ok4a_pool_release(nullptr, a); // ignored
    ok4a_pool_destroy(a);
    ok4a_pool_destroy(b);
}

TEST(Pool, DestroyWaitsForBuffersInUse)
{
    ok4a_pool_config_t config = {"late", 256, 0, 0, 1};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    uint8_t *buffer = ok4a_pool_acquire(pool);
    ok4a_pool_destroy(pool);
    std::memset(buffer, 7, 256);     // still valid (ASan would flag otherwise)
    ok4a_pool_release(buffer, pool); // frees the buffer and the pool (LSan checks)
}

TEST(Pool, IsAnImageReleaseCallback)
{
    ok4a_pool_config_t config = {"frames", 640 * 576 * 2, 3, 0, 0};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    uint8_t *buffer = ok4a_pool_acquire(pool);
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, buffer, ok4a_pool_buffer_size(pool),
                                           ok4a_pool_release, pool, &image),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_buffer(image), buffer); // zero copy
    EXPECT_EQ(StatsOf(pool).in_use, 1u);
    std::thread([image] { k4a_image_release(image); }).join();
    EXPECT_EQ(StatsOf(pool).in_use, 0u);
    EXPECT_EQ(StatsOf(pool).free, 1u);
    ok4a_pool_destroy(pool);
}

TEST(Pool, ConcurrentAcquireAndReleaseKeepCountsExact)
{
    ok4a_pool_config_t config = {"mt", 64, 8, 0, 0};
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++)
    {
        threads.emplace_back(
            [pool]
            {
                for (int i = 0; i < 5000; i++)
                {
                    uint8_t *b = ok4a_pool_acquire(pool);
                    if (b != nullptr)
                    {
                        b[0] = static_cast<uint8_t>(i);
                        ok4a_pool_release(b, pool);
                    }
                }
            });
    }
    for (auto &t : threads)
        t.join();
    ok4a_pool_stats_t stats = StatsOf(pool);
    EXPECT_EQ(stats.in_use, 0u);
    EXPECT_LE(stats.allocations, 8u);
    EXPECT_EQ(stats.acquired + stats.exhausted, 20000u);
    EXPECT_EQ(stats.bad_releases, 0u);
    ok4a_pool_destroy(pool);
}

} // namespace
