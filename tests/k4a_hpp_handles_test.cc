// k4a::image and k4a::capture (<k4a/k4a.hpp>) hold references as the SDK's classes do: a copy adds
// one, destruction, reset() and `= nullptr` drop one, a move transfers it. Checked against the C
// contract, not against the wrapper: a buffer's release callback runs exactly once, when the last
// reference goes.
#include <k4a/k4a.hpp>

#include <utility>

#include <gtest/gtest.h>

namespace
{

struct Released
{
    int count = 0;
};

void CountRelease(void * /*buffer*/, void *context)
{
    ++static_cast<Released *>(context)->count;
}

uint8_t g_pixels[4 * 4 * 2];

k4a::image WrapPixels(Released *released)
{
    return k4a::image::create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, 4, 4, 8, g_pixels, sizeof g_pixels, CountRelease,
                                          released);
}

TEST(K4aHppHandles, CopiesShareOneBufferReleasedOnceByTheLast)
{
    Released released;
    {
        k4a::image first = WrapPixels(&released);
        k4a::image second = first;
        EXPECT_TRUE(second == first);
        EXPECT_EQ(second.get_buffer(), g_pixels);
        first.reset();
        EXPECT_FALSE(first);
        EXPECT_TRUE(first == nullptr);
        EXPECT_EQ(released.count, 0) << "a copy still holds the image";
        k4a::image third;
        third = second;
        second = nullptr;
        EXPECT_EQ(released.count, 0);
        k4a::image &alias = third;
        third = alias; // self-assignment keeps the reference
        EXPECT_TRUE(third.is_valid());
        EXPECT_EQ(third.get_width_pixels(), 4);
    }
    EXPECT_EQ(released.count, 1);
}

TEST(K4aHppHandles, MovesTransferTheReference)
{
    Released released;
    k4a::image first = WrapPixels(&released);
    k4a_image_t handle = first.handle();
    k4a::image second = std::move(first);
    EXPECT_TRUE(first == nullptr);
    EXPECT_EQ(second.handle(), handle);
    k4a::image third;
    third = std::move(second);
    EXPECT_TRUE(second == nullptr);
    EXPECT_EQ(third.handle(), handle);
    EXPECT_EQ(released.count, 0);
    third = WrapPixels(&released); // replacing the last reference releases the old image
    EXPECT_EQ(released.count, 1);
    third.reset();
    EXPECT_EQ(released.count, 2);
}

TEST(K4aHppHandles, ACaptureKeepsItsImagesAndCopiesShareTheCapture)
{
    Released released;
    k4a::capture outer;
    {
        k4a::capture capture = k4a::capture::create();
        capture.set_depth_image(WrapPixels(&released));
        capture.set_temperature_c(31.5f);
        outer = capture;
        EXPECT_TRUE(outer == capture);
        EXPECT_NE(outer, nullptr);
    }
    EXPECT_EQ(released.count, 0) << "the copy of the capture holds the depth image";
    EXPECT_EQ(outer.get_temperature_c(), 31.5f);
    k4a::image depth = outer.get_depth_image();
    EXPECT_EQ(depth.get_buffer(), g_pixels);
    EXPECT_FALSE(outer.get_color_image());
    outer = nullptr;
    EXPECT_EQ(released.count, 0) << "the image got from the capture holds its own reference";
    depth.reset();
    EXPECT_EQ(released.count, 1);
}

} // namespace
