// k4a_set_allocator(): the application's allocate/free pair for the buffers
// k4a_image_create() makes, with the Azure Kinect SDK's rules (both or neither
// NULL; NULL, NULL restores the default; a buffer is always freed by the free
// function set when it was allocated). The allocator here records every call,
// so each check compares the library's behaviour with what was asked of it.
#include <gtest/gtest.h>
#include <k4a/k4a.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "openk4a/memory.h"

namespace
{

struct Block
{
    int size;
    void *context;
};

struct Recorder
{
    std::mutex mutex;
    std::map<void *, Block> live; // what allocate handed out and free has not taken back
    int allocations = 0;
    int frees_a = 0, frees_b = 0;
    bool fail_next = false;
};
Recorder g_rec;

uint8_t *Allocate(int size, void **context)
{
    std::lock_guard<std::mutex> lock(g_rec.mutex);
    if (g_rec.fail_next)
    {
        g_rec.fail_next = false;
        return nullptr;
    }
    void *p = std::malloc(static_cast<size_t>(size));
    *context = reinterpret_cast<void *>(static_cast<uintptr_t>(0xC0DE0000u + g_rec.allocations));
    g_rec.live[p] = {size, *context};
    g_rec.allocations++;
    return static_cast<uint8_t *>(p);
}

void FreeWith(void *buffer, void *context, int *counter)
{
    std::lock_guard<std::mutex> lock(g_rec.mutex);
    auto it = g_rec.live.find(buffer);
    ASSERT_NE(it, g_rec.live.end()) << "free of a pointer allocate never returned";
    EXPECT_EQ(it->second.context, context) << "free got another allocation's context";
    g_rec.live.erase(it);
    (*counter)++;
    std::free(buffer);
}
void FreeA(void *buffer, void *context)
{
    FreeWith(buffer, context, &g_rec.frees_a);
}
void FreeB(void *buffer, void *context)
{
    FreeWith(buffer, context, &g_rec.frees_b);
}

class AllocatorTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        EXPECT_EQ(k4a_set_allocator(nullptr, nullptr), K4A_RESULT_SUCCEEDED);
        std::lock_guard<std::mutex> lock(g_rec.mutex);
        EXPECT_TRUE(g_rec.live.empty()) << g_rec.live.size() << " application buffers never freed";
        g_rec.allocations = g_rec.frees_a = g_rec.frees_b = 0;
    }
};

TEST_F(AllocatorTest, OnlyBothOrNeither)
{
    EXPECT_EQ(k4a_set_allocator(Allocate, nullptr), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_set_allocator(nullptr, FreeA), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_set_allocator(nullptr, nullptr), K4A_RESULT_SUCCEEDED);
}

TEST_F(AllocatorTest, ImageBuffersComeFromTheApplicationAndGoBackToIt)
{
    ASSERT_EQ(k4a_set_allocator(Allocate, FreeA), K4A_RESULT_SUCCEEDED);
    const int widths[] = {1, 320, 1024};
    std::vector<k4a_image_t> images;
    for (int w : widths)
    {
        k4a_image_t image = nullptr;
        ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, w, 7, 0, &image), K4A_RESULT_SUCCEEDED);
        images.push_back(image);
        // The pixels lie inside one block allocate returned, with room for all of them.
        uint8_t *pixels = k4a_image_get_buffer(image);
        std::lock_guard<std::mutex> lock(g_rec.mutex);
        bool inside = false;
        for (const auto &[p, block] : g_rec.live)
        {
            uint8_t *base = static_cast<uint8_t *>(p);
            inside |= pixels >= base && pixels + size_t(w) * 2 * 7 <= base + block.size;
        }
        EXPECT_TRUE(inside) << w;
        memset(pixels, 0x5A, size_t(w) * 2 * 7); // ASan: the whole image is writable
    }
    EXPECT_EQ(g_rec.allocations, 3);
    openk4a_memory_stats_t stats;
    ASSERT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
    EXPECT_GE(stats.image_buffers_in_use, 3u);
    for (k4a_image_t image : images)
        k4a_image_release(image);
    EXPECT_EQ(g_rec.frees_a, 3);
}

TEST_F(AllocatorTest, ABufferIsFreedByTheFreeFunctionSetWhenItWasAllocated)
{
    ASSERT_EQ(k4a_set_allocator(Allocate, FreeA), K4A_RESULT_SUCCEEDED);
    k4a_image_t old_image = nullptr, new_image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 64, 64, 0, &old_image), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_set_allocator(Allocate, FreeB), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 64, 64, 0, &new_image), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_set_allocator(nullptr, nullptr), K4A_RESULT_SUCCEEDED); // default again
    k4a_image_release(new_image);
    EXPECT_EQ(g_rec.frees_b, 1);
    EXPECT_EQ(g_rec.frees_a, 0);
    k4a_image_release(old_image);
    EXPECT_EQ(g_rec.frees_a, 1);
    // With the default restored, the application is no longer asked.
    k4a_image_t pooled = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 64, 64, 0, &pooled), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(g_rec.allocations, 2);
    k4a_image_release(pooled);
}

TEST_F(AllocatorTest, AllocatorFailureFailsTheCreateAndLeaksNothing)
{
    ASSERT_EQ(k4a_set_allocator(Allocate, FreeA), K4A_RESULT_SUCCEEDED);
    g_rec.fail_next = true;
    k4a_image_t image = reinterpret_cast<k4a_image_t>(1);
    EXPECT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 32, 32, 0, &image), K4A_RESULT_FAILED);
    EXPECT_EQ(image, nullptr);
    openk4a_memory_stats_t before;
    ASSERT_EQ(openk4a_get_memory_stats(&before), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 32, 32, 0, &image), K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    openk4a_memory_stats_t after;
    ASSERT_EQ(openk4a_get_memory_stats(&after), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(after.images_live, before.images_live);
    EXPECT_EQ(after.image_buffers_in_use, before.image_buffers_in_use);
}

} // namespace
