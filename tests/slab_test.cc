// The object recycler behind images and captures (core/slab.c).
#include "core/slab.h"

#include <cstdint>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace
{

struct Object
{
    uint64_t words[5];
};

int g_constructed = 0;
void Construct(void *object)
{
    g_constructed++;
    static_cast<Object *>(object)->words[0] = 0xC0FFEE;
}

// Index 3 is not used by the library's own slabs.
ok4a_slab_t g_slab = OK4A_SLAB_INITIALIZER("test", sizeof(Object), 3, Construct);

TEST(Slab, ObjectsAreAlignedDistinctAndConstructedOnce)
{
    std::set<void *> seen;
    std::vector<void *> held;
    for (int i = 0; i < 3 * OK4A_SLAB_OBJECTS_PER_CHUNK; i++)
    {
        void *object = ok4a_slab_alloc(&g_slab);
        ASSERT_NE(object, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(object) % 64, 0u);
        EXPECT_TRUE(seen.insert(object).second);
        held.push_back(object);
    }
    EXPECT_EQ(ok4a_slab_live(&g_slab), held.size());
    const int constructed = g_constructed;
    EXPECT_GE(constructed, 3 * OK4A_SLAB_OBJECTS_PER_CHUNK);
    for (void *object : held)
    {
        static_cast<Object *>(object)->words[1] = 42; // a use; the tag word survives
        ok4a_slab_free(&g_slab, object);
    }
    EXPECT_EQ(ok4a_slab_live(&g_slab), 0u);
    // Reuse: no construction, same memory, fields left as they were.
    void *again = ok4a_slab_alloc(&g_slab);
    EXPECT_TRUE(seen.count(again));
    EXPECT_EQ(static_cast<Object *>(again)->words[0], 0xC0FFEEu);
    EXPECT_EQ(g_constructed, constructed);
    ok4a_slab_free(&g_slab, again);
}

TEST(Slab, ObjectsMayBeFreedOnAnotherThreadAndThreadsMayExit)
{
    std::vector<void *> made;
    std::thread producer(
        [&]
        {
            for (int i = 0; i < 500; i++)
                made.push_back(ok4a_slab_alloc(&g_slab));
        });
    producer.join();
    EXPECT_EQ(ok4a_slab_live(&g_slab), 500u);
    std::thread consumer(
        [&]
        {
            for (void *object : made)
                ok4a_slab_free(&g_slab, object);
        });
    consumer.join(); // its cache goes back to the shared list at exit
    EXPECT_EQ(ok4a_slab_live(&g_slab), 0u);
    // Everything is reusable from this thread.
    std::set<void *> pool(made.begin(), made.end());
    std::vector<void *> again;
    for (int i = 0; i < 500; i++)
        again.push_back(ok4a_slab_alloc(&g_slab));
    int reused = 0;
    for (void *object : again)
        reused += static_cast<int>(pool.count(object));
    EXPECT_GE(reused, 400) << "objects returned by an exited thread were lost";
    for (void *object : again)
        ok4a_slab_free(&g_slab, object);
}

TEST(Slab, ConcurrentUseKeepsTheCountExact)
{
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++)
    {
        threads.emplace_back(
            []
            {
                std::vector<void *> mine;
                for (int round = 0; round < 200; round++)
                {
                    for (int i = 0; i < 50; i++)
                        mine.push_back(ok4a_slab_alloc(&g_slab));
                    for (void *object : mine)
                        ok4a_slab_free(&g_slab, object);
                    mine.clear();
                }
            });
    }
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(ok4a_slab_live(&g_slab), 0u);
}

} // namespace
