// Proves that a steady create/release loop makes no heap allocation: this
// binary replaces malloc & co. with counting wrappers around glibc's.
//
// Tagged no_asan/no_tsan: the sanitizers install their own malloc, which
// these definitions would conflict with. It runs in the default config.
#include <k4a/k4a.h>
#include <malloc.h>
#include <openk4a/memory.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "gtest/gtest.h"

extern "C"
{
    void *__libc_malloc(size_t);
    void *__libc_calloc(size_t, size_t);
    void *__libc_realloc(void *, size_t);
    void *__libc_memalign(size_t, size_t);
    void __libc_free(void *);
}

namespace
{
std::atomic<long> g_allocations{0};
std::atomic<bool> g_counting{false};
std::atomic<bool> g_out_of_memory{false}; // every allocation fails while set
// False when the allocation must fail.
bool Count()
{
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    return !g_out_of_memory.load(std::memory_order_relaxed);
}
} // namespace

extern "C"
{
    void *malloc(size_t size)
    {
        if (!Count())
            return nullptr;
        return __libc_malloc(size);
    }
    void *calloc(size_t n, size_t size)
    {
        if (!Count())
            return nullptr;
        return __libc_calloc(n, size);
    }
    void *realloc(void *p, size_t size)
    {
        if (!Count())
            return nullptr;
        return __libc_realloc(p, size);
    }
    void *memalign(size_t alignment, size_t size)
    {
        if (!Count())
            return nullptr;
        return __libc_memalign(alignment, size);
    }
    void *aligned_alloc(size_t alignment, size_t size)
    {
        if (!Count())
            return nullptr;
        return __libc_memalign(alignment, size);
    }
    int posix_memalign(void **out, size_t alignment, size_t size)
    {
        if (!Count())
            return ENOMEM;
        void *p = __libc_memalign(alignment, size);
        if (p == nullptr)
            return ENOMEM;
        *out = p;
        return 0;
    }
    void free(void *p)
    {
        __libc_free(p);
    }
}

namespace
{

long AllocationsDuring(void (*body)(int), int iterations)
{
    body(64); // warm-up: caches and pools fill
    g_allocations = 0;
    g_counting = true;
    body(iterations);
    g_counting = false;
    return g_allocations.load();
}

TEST(ImageAllocations, TheCounterWorks)
{
    g_allocations = 0;
    g_counting = true;
    void *volatile p = malloc(10);
    g_counting = false;
    free(p);
    EXPECT_EQ(g_allocations.load(), 1);
}

void NoOp(void *, void *) {}

TEST(ImageAllocations, CreateFromBufferAndReleaseAllocateNothing)
{
    static uint8_t pixels[640 * 576 * 2];
    EXPECT_EQ(AllocationsDuring(
                  [](int n)
                  {
                      for (int i = 0; i < n; i++)
                      {
                          k4a_image_t image = nullptr;
                          if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, pixels, sizeof pixels,
                                                           NoOp, nullptr, &image) != K4A_RESULT_SUCCEEDED)
                              abort();
                          k4a_image_set_device_timestamp_usec(image, static_cast<uint64_t>(i));
                          k4a_image_reference(image);
                          k4a_image_release(image);
                          k4a_image_release(image);
                      }
                  },
                  100000),
              0);
}

TEST(ImageAllocations, PooledCreateAndReleaseAllocateNothing)
{
    EXPECT_EQ(
        AllocationsDuring(
            [](int n)
            {
                for (int i = 0; i < n; i++)
                {
                    k4a_image_t depth = nullptr, color = nullptr;
                    if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 512, 1024, 0, &depth) != K4A_RESULT_SUCCEEDED ||
                        k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 0, &color) != K4A_RESULT_SUCCEEDED)
                        abort();
                    k4a_image_get_buffer(depth)[0] = 1;
                    k4a_image_release(color);
                    k4a_image_release(depth);
                }
            },
            20000),
        0);
}

TEST(ImageAllocations, CaptureCycleAllocatesNothing)
{
    EXPECT_EQ(AllocationsDuring(
                  [](int n)
                  {
                      for (int i = 0; i < n; i++)
                      {
                          k4a_capture_t capture = nullptr;
                          k4a_image_t depth = nullptr, ir = nullptr;
                          if (k4a_capture_create(&capture) != K4A_RESULT_SUCCEEDED ||
                              k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, &depth) != K4A_RESULT_SUCCEEDED ||
                              k4a_image_create(K4A_IMAGE_FORMAT_IR16, 640, 576, 0, &ir) != K4A_RESULT_SUCCEEDED)
                              abort();
                          k4a_capture_set_depth_image(capture, depth);
                          k4a_capture_set_ir_image(capture, ir);
                          k4a_capture_set_temperature_c(capture, 30.0f);
                          k4a_image_release(depth);
                          k4a_image_release(ir);
                          k4a_image_t got = k4a_capture_get_depth_image(capture);
                          k4a_image_release(got);
                          k4a_capture_release(capture);
                      }
                  },
                  20000),
              0);
}

// Memory runs out after k4a_image_create took an object from this thread's
// cache but before it has a buffer (a size class whose pool does not exist
// yet): the create fails, the object goes back, nothing leaks, and the same
// create works once memory is back.
TEST(ImageAllocations, CreateFailsCleanlyWhenTheBufferCannotBeAllocated)
{
    k4a_image_t warm = nullptr; // fills this thread's caches
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 64, 64, 0, &warm), K4A_RESULT_SUCCEEDED);
    k4a_image_release(warm);
    openk4a_memory_stats_t before;
    ASSERT_EQ(openk4a_get_memory_stats(&before), K4A_RESULT_SUCCEEDED);

    // 3,000,000 bytes: the 3 MiB class, which no other test here uses.
    k4a_image_t image = reinterpret_cast<k4a_image_t>(&warm);
    g_out_of_memory = true;
    const k4a_result_t result = k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 1000, 3000, 0, &image);
    g_out_of_memory = false;
    EXPECT_EQ(result, K4A_RESULT_FAILED);
    EXPECT_EQ(image, nullptr);
    openk4a_memory_stats_t after;
    ASSERT_EQ(openk4a_get_memory_stats(&after), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(after.images_live, before.images_live);
    EXPECT_EQ(after.image_buffers_in_use, before.image_buffers_in_use);

    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 1000, 3000, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_GE(k4a_image_get_size(image), 3000000u);
    k4a_image_release(image);
}

} // namespace
