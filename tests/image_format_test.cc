// The format rules table (generated from core/spec/api.toml) checked against
// the k4a rules written out by hand here (core/image_format.c).
#include "core/image_format.h"

#include <climits>

#include "gtest/gtest.h"

namespace
{

struct Rule
{
    k4a_image_format_t format;
    const char *name;
    int bytes_per_pixel; // minimum stride per pixel; 0 = none
    bool even_width, even_height, creatable;
};

// From the k4a 1.4 documentation of each format.
const Rule kRules[] = {
    {K4A_IMAGE_FORMAT_COLOR_MJPG, "MJPG", 0, false, false, false},
    {K4A_IMAGE_FORMAT_COLOR_NV12, "NV12", 1, true, true, true},
    {K4A_IMAGE_FORMAT_COLOR_YUY2, "YUY2", 2, true, false, true},
    {K4A_IMAGE_FORMAT_COLOR_BGRA32, "BGRA32", 4, false, false, true},
    {K4A_IMAGE_FORMAT_DEPTH16, "DEPTH16", 2, false, false, true},
    {K4A_IMAGE_FORMAT_IR16, "IR16", 2, false, false, true},
    {K4A_IMAGE_FORMAT_CUSTOM8, "CUSTOM8", 1, false, false, true},
    {K4A_IMAGE_FORMAT_CUSTOM16, "CUSTOM16", 2, false, false, true},
    {K4A_IMAGE_FORMAT_CUSTOM, "CUSTOM", 0, false, false, true},
};

bool Layout(k4a_image_format_t f, int w, int h, int stride, bool allocate, ok4a_image_layout_t *out)
{
    return ok4a_image_layout("test", f, w, h, stride, allocate, out);
}

TEST(ImageFormat, EveryFormatFollowsItsRule)
{
    for (const Rule &r : kRules)
    {
        SCOPED_TRACE(r.name);
        EXPECT_TRUE(ok4a_image_format_is_valid(r.format));
        EXPECT_STREQ(ok4a_image_format_short_name(r.format), r.name);
        ok4a_image_layout_t layout;
        // Default stride is the minimum (none for MJPG/CUSTOM).
        ASSERT_TRUE(Layout(r.format, 64, 32, 0, false, &layout));
        EXPECT_EQ(layout.stride_bytes, 64 * r.bytes_per_pixel);
        if (r.bytes_per_pixel > 0)
        {
            EXPECT_FALSE(Layout(r.format, 64, 32, 64 * r.bytes_per_pixel - 1, false, &layout));
            ASSERT_TRUE(Layout(r.format, 64, 32, 64 * r.bytes_per_pixel + 3, false, &layout));
            const size_t rows = r.format == K4A_IMAGE_FORMAT_COLOR_NV12 ? 48 : 32;
            EXPECT_EQ(layout.required_size, size_t(64 * r.bytes_per_pixel + 3) * rows);
        }
        EXPECT_EQ(Layout(r.format, 63, 32, 0, false, &layout), !r.even_width);
        EXPECT_EQ(Layout(r.format, 64, 31, 0, false, &layout), !r.even_height);
        EXPECT_EQ(Layout(r.format, 64, 32, 4096, true, &layout), r.creatable);
    }
}

TEST(ImageFormat, UnsizedFormatsNeedNoSize)
{
    ok4a_image_layout_t layout;
    ASSERT_TRUE(Layout(K4A_IMAGE_FORMAT_COLOR_MJPG, 1280, 720, 12345, false, &layout));
    EXPECT_EQ(layout.required_size, 0u);
    ASSERT_TRUE(Layout(K4A_IMAGE_FORMAT_CUSTOM, 1280, 720, 0, false, &layout));
    EXPECT_EQ(layout.required_size, 0u);
    ASSERT_TRUE(Layout(K4A_IMAGE_FORMAT_CUSTOM, 10, 10, 7, false, &layout));
    EXPECT_EQ(layout.required_size, 70u); // a CUSTOM stride does imply a size
    EXPECT_FALSE(Layout(K4A_IMAGE_FORMAT_CUSTOM, 10, 10, 0, true, &layout));
}

TEST(ImageFormat, InvalidFormatsAndHostileNumbersFail)
{
    ok4a_image_layout_t layout;
    // C++ can only hold 0..15 in this enum; negative and huge values are tested from C (image_c_api_test.c).
    for (int f : {9, 15})
    {
        EXPECT_FALSE(ok4a_image_format_is_valid(static_cast<k4a_image_format_t>(f)));
        EXPECT_STREQ(ok4a_image_format_short_name(static_cast<k4a_image_format_t>(f)), "?");
        EXPECT_FALSE(Layout(static_cast<k4a_image_format_t>(f), 4, 4, 0, false, &layout));
    }
    for (int v : {INT_MIN, -1, 0, 32769, INT_MAX})
    {
        EXPECT_FALSE(Layout(K4A_IMAGE_FORMAT_CUSTOM8, v, 4, 0, false, &layout)) << v;
        EXPECT_FALSE(Layout(K4A_IMAGE_FORMAT_CUSTOM8, 4, v, 0, false, &layout)) << v;
    }
    EXPECT_FALSE(Layout(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, INT_MIN, false, &layout));
    // The largest geometry is exact in 64 bits and refused only for allocation.
    ASSERT_TRUE(Layout(K4A_IMAGE_FORMAT_COLOR_NV12, 32768, 32768, INT_MAX, false, &layout));
    EXPECT_EQ(layout.required_size, size_t{INT_MAX} * (32768 + 16384));
    EXPECT_FALSE(Layout(K4A_IMAGE_FORMAT_COLOR_NV12, 32768, 32768, INT_MAX, true, &layout));
}

} // namespace
