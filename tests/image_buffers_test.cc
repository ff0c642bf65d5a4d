// Size classes of the k4a_image_create buffer pools (core/image_buffers.c).
#include "core/image_buffers.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace
{

TEST(ImageBuffers, SmallSizesRoundUpToPowersOfTwo)
{
    EXPECT_EQ(ok4a_image_buffer_class_size(1), 64u);
    EXPECT_EQ(ok4a_image_buffer_class_size(64), 64u);
    EXPECT_EQ(ok4a_image_buffer_class_size(65), 128u);
    EXPECT_EQ(ok4a_image_buffer_class_size(4096), 4096u);
}

TEST(ImageBuffers, LargeSizesWasteAtMostAQuarter)
{
    for (size_t size = 4097; size <= OK4A_IMAGE_BUFFER_MAX_POOLED; size = size * 9 / 8 + 7)
    {
        size_t c = ok4a_image_buffer_class_size(size);
        EXPECT_GE(c, size);
        EXPECT_LE(c - size, size / 4 + 1) << size;
    }
    // Kinect frame sizes.
    EXPECT_EQ(ok4a_image_buffer_class_size(640 * 576 * 2), 768u * 1024);
    EXPECT_EQ(ok4a_image_buffer_class_size(1 << 20), 1u << 20);
    EXPECT_EQ(ok4a_image_buffer_class_size(1280 * 720 * 2), 2u << 20);
    EXPECT_EQ(ok4a_image_buffer_class_size(OK4A_IMAGE_BUFFER_MAX_POOLED), OK4A_IMAGE_BUFFER_MAX_POOLED);
    EXPECT_EQ(ok4a_image_buffer_class_size(OK4A_IMAGE_BUFFER_MAX_POOLED + 1), OK4A_IMAGE_BUFFER_MAX_POOLED + 1);
}

TEST(ImageBuffers, AcquireGivesABufferAndItsReturnPath)
{
    k4a_memory_destroy_cb_t *cb = nullptr;
    void *context = nullptr;
    uint8_t *buffer = ok4a_image_buffer_acquire(100000, &cb, &context);
    ASSERT_NE(buffer, nullptr);
    ASSERT_NE(cb, nullptr);
    buffer[99999] = 1;
    ok4a_image_buffer_stats_t stats;
    ok4a_image_buffer_stats(&stats);
    EXPECT_GE(stats.in_use, 1u);
    cb(buffer, context);
}

} // namespace
