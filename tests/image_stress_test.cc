// Threaded stress: reference/release and capture slots hammered from many
// threads; exactly one release callback per image and nothing leaked. Run
// under --config=tsan for the data-race half of the argument.
#include <k4a/k4a.h>
#include <openk4a/memory.h>

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace
{

constexpr int kThreads = 8;

struct Counter
{
    std::atomic<int> calls{0};
    static void Callback(void *, void *context)
    {
        static_cast<Counter *>(context)->calls.fetch_add(1);
    }
};

openk4a_memory_stats_t Stats()
{
    openk4a_memory_stats_t stats;
    EXPECT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
    return stats;
}

TEST(ImageStress, EightThreadsMillionReferencesEach)
{
    const uint64_t live_before = Stats().images_live;
    static uint8_t pixels[64];
    Counter counter;
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 8, 8, 0, pixels, sizeof pixels, &Counter::Callback,
                                           &counter, &image),
              K4A_RESULT_SUCCEEDED);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++)
    {
        threads.emplace_back(
            [image, t]
            {
                for (int i = 0; i < 1000000; i++)
                {
                    k4a_image_reference(image);
                    if ((i & 1023) == 0)
                    {
                        // Getters and setters race with the reference count, not with each other's meaning.
                        k4a_image_set_device_timestamp_usec(image, static_cast<uint64_t>(i));
                        (void)k4a_image_get_device_timestamp_usec(image);
                        (void)k4a_image_get_width_pixels(image);
                        (void)k4a_image_get_buffer(image);
                        (void)t;
                    }
                    k4a_image_release(image);
                }
            });
    }
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(counter.calls.load(), 0);
    EXPECT_EQ(k4a_image_get_width_pixels(image), 8);
    k4a_image_release(image);
    EXPECT_EQ(counter.calls.load(), 1);
    EXPECT_EQ(Stats().images_live, live_before);
}

TEST(ImageStress, LastReferenceRaceCallsBackExactlyOnce)
{
    constexpr int kRounds = 5000;
    static uint8_t pixels[16];
    Counter counter;
    std::atomic<k4a_image_t> current{nullptr};
    std::atomic<int> round{0};
    std::atomic<int> done{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++)
    {
        threads.emplace_back(
            [&]
            {
                for (int r = 1; r <= kRounds; r++)
                {
                    while (round.load(std::memory_order_acquire) < r)
                        std::this_thread::yield();
                    k4a_image_release(current.load(std::memory_order_acquire));
                    done.fetch_add(1, std::memory_order_acq_rel);
                }
            });
    }
    for (int r = 1; r <= kRounds; r++)
    {
        k4a_image_t image = nullptr;
        ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, pixels, sizeof pixels,
                                               &Counter::Callback, &counter, &image),
                  K4A_RESULT_SUCCEEDED);
        for (int i = 1; i < kThreads; i++)
            k4a_image_reference(image);
        current.store(image, std::memory_order_release);
        round.store(r, std::memory_order_release);
        while (done.load(std::memory_order_acquire) < r * kThreads)
            std::this_thread::yield();
        ASSERT_EQ(counter.calls.load(), r) << "round " << r;
    }
    for (auto &t : threads)
        t.join();
}

TEST(ImageStress, CaptureSlotsUnderConcurrentSetGetAndRelease)
{
    const openk4a_memory_stats_t before = Stats();
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    std::atomic<int> created{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++)
    {
        k4a_capture_reference(capture);
        threads.emplace_back(
            [capture, t, &created]
            {
                for (int i = 0; i < 20000; i++)
                {
                    switch ((i + t) % 4)
                    {
                    case 0:
                    {
                        k4a_image_t image = nullptr;
                        if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 32, 32, 0, &image) == K4A_RESULT_SUCCEEDED)
                        {
                            created.fetch_add(1);
                            k4a_capture_set_depth_image(capture, image);
                            k4a_capture_set_color_image(capture, image);
                            k4a_image_release(image);
                        }
                        break;
                    }
                    case 1:
                    {
                        k4a_image_t image = k4a_capture_get_depth_image(capture);
                        if (image != nullptr)
                        {
                            // Held images stay alive: reading their buffer is safe (ASan checks).
                            volatile uint8_t first = k4a_image_get_buffer(image)[0];
                            (void)first;
                            k4a_image_release(image);
                        }
                        break;
                    }
                    case 2:
                        k4a_capture_set_color_image(capture, nullptr);
                        k4a_capture_set_temperature_c(capture, static_cast<float>(i));
                        break;
                    default:
                    {
                        k4a_image_t image = k4a_capture_get_color_image(capture);
                        (void)k4a_capture_get_temperature_c(capture);
                        k4a_image_release(image);
                        break;
                    }
                    }
                }
                k4a_capture_release(capture);
            });
    }
    for (auto &t : threads)
        t.join();
    k4a_capture_release(capture);
    EXPECT_GT(created.load(), 0);
    const openk4a_memory_stats_t after = Stats();
    EXPECT_EQ(after.images_live, before.images_live);
    EXPECT_EQ(after.captures_live, before.captures_live);
    EXPECT_EQ(after.image_buffers_in_use, before.image_buffers_in_use);
}

TEST(ImageStress, ImagesMadeOnOneThreadAndFreedOnAnother)
{
    const openk4a_memory_stats_t before = Stats();
    constexpr int kImages = 20000;
    std::vector<k4a_image_t> queue(kImages);
    std::atomic<int> produced{0};
    std::thread producer(
        [&]
        {
            for (int i = 0; i < kImages; i++)
            {
                if (k4a_image_create(K4A_IMAGE_FORMAT_IR16, 64, 48, 0, &queue[i]) != K4A_RESULT_SUCCEEDED)
                    queue[i] = nullptr;
                produced.store(i + 1, std::memory_order_release);
            }
        });
    std::thread consumer(
        [&]
        {
            for (int i = 0; i < kImages; i++)
            {
                while (produced.load(std::memory_order_acquire) <= i)
                    std::this_thread::yield();
                k4a_image_release(queue[i]);
            }
        });
    producer.join();
    consumer.join();
    for (k4a_image_t image : queue)
        EXPECT_NE(image, nullptr);
    const openk4a_memory_stats_t after = Stats();
    EXPECT_EQ(after.images_live, before.images_live);
    EXPECT_EQ(after.image_buffers_in_use, before.image_buffers_in_use);
}

} // namespace
