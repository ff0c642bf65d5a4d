// Per-thread caches with a registry and an exit hook (core/thread_cache.c),
// the mechanism behind the slab's object caches and the image buffer magazines.
#include "core/thread_cache.h"

#include <pthread.h>

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace
{

struct Cache
{
    ok4a_thread_cache_link_t link;
    int value;
};

thread_local void *t_cache; // the client's TLS pointer (C clients use __thread)
std::atomic<int> g_flushed{0};
std::atomic<int> g_flushed_with_tls_set{0};

void Flush(void *cache)
{
    g_flushed += static_cast<Cache *>(cache)->value;
    if (t_cache == cache)
        g_flushed_with_tls_set++;
}

ok4a_thread_cache_registry_t g_registry =
    OK4A_THREAD_CACHE_REGISTRY_INITIALIZER("test", sizeof(Cache), Flush, nullptr, nullptr);

int CountCaches()
{
    int count = 0;
    ok4a_thread_cache_visit(
        &g_registry, [](void *, void *arg) { ++*static_cast<int *>(arg); }, &count);
    return count;
}

TEST(ThreadCache, OnePerThreadListedWhileAliveFlushedOnItsThreadAtExit)
{
    const int before = CountCaches();
    auto *mine = static_cast<Cache *>(ok4a_thread_cache_make(&g_registry, &t_cache));
    ASSERT_NE(mine, nullptr);
    EXPECT_EQ(t_cache, mine);
    EXPECT_EQ(mine->value, 0); // zeroed
    EXPECT_EQ(CountCaches(), before + 1);

    constexpr int kThreads = 4;
    std::atomic<int> made{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++)
    {
        threads.emplace_back(
            [&, i]
            {
                auto *cache = static_cast<Cache *>(ok4a_thread_cache_make(&g_registry, &t_cache));
                ASSERT_NE(cache, nullptr);
                cache->value = 1 << i;
                made++;
                while (!go)
                    std::this_thread::yield();
            });
    }
    while (made < kThreads)
        std::this_thread::yield();
    EXPECT_EQ(CountCaches(), before + 1 + kThreads); // every live thread's cache is listed
    EXPECT_EQ(g_flushed, 0);
    go = true;
    for (auto &t : threads)
        t.join();
    // Each exiting thread handed its own cache to Flush (its TLS still set), then unlisted it.
    EXPECT_EQ(g_flushed, (1 << kThreads) - 1);
    EXPECT_EQ(g_flushed_with_tls_set, kThreads);
    EXPECT_EQ(CountCaches(), before + 1);
}

} // namespace
