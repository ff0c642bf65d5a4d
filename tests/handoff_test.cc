// The lock-free batch hand-off between threads (core/handoff.c), behind the
// slab's shared list and the image buffer depots.
#include "core/handoff.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace
{

// Distinct non-null "pointers": the slot never dereferences what it moves.
void *Token(uintptr_t n)
{
    return reinterpret_cast<void *>((n + 1) * 64);
}

TEST(Handoff, TakesBackTheLastItemsGivenInTheirOrder)
{
    ok4a_handoff_t slot = OK4A_HANDOFF_INITIALIZER;
    void *given[3] = {Token(1), Token(2), Token(3)};
    ASSERT_TRUE(ok4a_handoff_give(&slot, given, 3, 8));
    EXPECT_EQ(ok4a_handoff_count(&slot), 3u);

    void *out[8] = {};
    ASSERT_EQ(ok4a_handoff_take(&slot, out, 2), 2u);
    EXPECT_EQ(out[0], Token(2));
    EXPECT_EQ(out[1], Token(3));
    ASSERT_EQ(ok4a_handoff_take(&slot, out, 8), 1u);
    EXPECT_EQ(out[0], Token(1));
    EXPECT_EQ(ok4a_handoff_take(&slot, out, 8), 0u) << "empty";
    EXPECT_EQ(ok4a_handoff_count(&slot), 0u);
}

TEST(Handoff, GivesAllOrNothingWithinItsLimit)
{
    ok4a_handoff_t slot = OK4A_HANDOFF_INITIALIZER;
    void *items[OK4A_HANDOFF_CAPACITY + 1];
    for (uintptr_t i = 0; i <= OK4A_HANDOFF_CAPACITY; i++)
        items[i] = Token(i);
    ASSERT_TRUE(ok4a_handoff_give(&slot, items, 3, 4));
    EXPECT_FALSE(ok4a_handoff_give(&slot, items + 3, 2, 4)) << "3 + 2 > 4";
    EXPECT_EQ(ok4a_handoff_count(&slot), 3u) << "a refused batch leaves nothing behind";
    EXPECT_TRUE(ok4a_handoff_give(&slot, items + 3, 1, 4));
    EXPECT_FALSE(ok4a_handoff_give(&slot, items, OK4A_HANDOFF_CAPACITY + 1, OK4A_HANDOFF_CAPACITY + 1))
        << "a limit above the capacity";
    EXPECT_TRUE(ok4a_handoff_give(&slot, items, 0, 4)) << "nothing to give";

    void *out[OK4A_HANDOFF_CAPACITY];
    ASSERT_EQ(ok4a_handoff_take(&slot, out, OK4A_HANDOFF_CAPACITY), 4u);
    EXPECT_TRUE(std::equal(out, out + 4, items));
}

TEST(Handoff, AForkHoldStopsEveryHandOffUntilReleased)
{
    ok4a_handoff_t slot = OK4A_HANDOFF_INITIALIZER;
    void *item = Token(7);
    ASSERT_TRUE(ok4a_handoff_give(&slot, &item, 1, 4));

    ok4a_handoff_hold_for_fork(&slot);
    void *out[4] = {};
    EXPECT_EQ(ok4a_handoff_take(&slot, out, 4), 0u);
    EXPECT_FALSE(ok4a_handoff_give(&slot, &item, 1, 4));
    ok4a_handoff_release_after_fork(&slot);

    ASSERT_EQ(ok4a_handoff_take(&slot, out, 4), 1u) << "the slot is as it was before the hold";
    EXPECT_EQ(out[0], Token(7));
}

// Threads give and take batches at once; whatever a refused give keeps, its
// thread gives again later. In the end every token is somewhere exactly once.
TEST(Handoff, ConcurrentGiversAndTakersLoseAndDuplicateNothing)
{
    ok4a_handoff_t slot = OK4A_HANDOFF_INITIALIZER;
    constexpr int kThreads = 4, kTokensPerThread = 64, kRounds = 2000;
    std::vector<std::vector<void *>> held(kThreads);
    for (int t = 0; t < kThreads; t++)
        for (int i = 0; i < kTokensPerThread; i++)
            held[t].push_back(Token(static_cast<uintptr_t>(t * kTokensPerThread + i)));

    std::atomic<int> gives{0}, takes{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++)
    {
        threads.emplace_back(
            [&, t]
            {
                std::vector<void *> &mine = held[t];
                for (int round = 0; round < kRounds; round++)
                {
                    const uint32_t n = 1 + static_cast<uint32_t>((round + t) % 8);
                    if (round % 2 == 0 && mine.size() >= n)
                    {
                        if (ok4a_handoff_give(&slot, mine.data() + mine.size() - n, n, OK4A_HANDOFF_CAPACITY))
                        {
                            mine.resize(mine.size() - n);
                            gives++;
                        }
                    }
                    else
                    {
                        void *out[OK4A_HANDOFF_CAPACITY];
                        const uint32_t got = ok4a_handoff_take(&slot, out, n);
                        mine.insert(mine.end(), out, out + got);
                        takes += got > 0;
                    }
                }
            });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_GT(gives.load(), 0);
    EXPECT_GT(takes.load(), 0);

    std::vector<void *> all;
    for (auto &mine : held)
        all.insert(all.end(), mine.begin(), mine.end());
    void *out[OK4A_HANDOFF_CAPACITY];
    for (uint32_t got; (got = ok4a_handoff_take(&slot, out, OK4A_HANDOFF_CAPACITY)) > 0;)
        all.insert(all.end(), out, out + got);
    std::vector<void *> expected;
    for (uintptr_t i = 0; i < kThreads * kTokensPerThread; i++)
        expected.push_back(Token(i));
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, expected);
}

} // namespace
