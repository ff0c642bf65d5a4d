#include "core/color/yuv_convert.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace
{

// The reference: BT.601 limited range in double precision (ITU-R BT.601
// Kr = 0.299, Kb = 0.114; Y 16..235, Cb/Cr 16..240).
std::array<double, 3> ReferenceBgr(int y, int u, int v)
{
    const double luma = (y - 16) * 255.0 / 219.0;
    const double cb = (u - 128) * 255.0 / 224.0, cr = (v - 128) * 255.0 / 224.0;
    const double r = luma + 1.402 * cr;
    const double g = luma - (0.114 * 1.772 / 0.587) * cb - (0.299 * 1.402 / 0.587) * cr;
    const double b = luma + 1.772 * cb;
    auto clamp = [](double x)
    {
        return std::min(255.0, std::max(0.0, x));
    };
    return {clamp(b), clamp(g), clamp(r)};
}

void ExpectPixel(const uint8_t *px, int y, int u, int v)
{
    const auto want = ReferenceBgr(y, u, v);
    for (int c = 0; c < 3; c++)
        ASSERT_NEAR(px[c], want[c], 1.0) << "y=" << y << " u=" << u << " v=" << v << " c=" << c;
    ASSERT_EQ(px[3], 0xFF);
}

TEST(YuvConvertTest, Yuy2MatchesTheReferenceFormulaOverTheWholeRange)
{
    // Each row: one (U, V) pair, the 256 Y values across; U and V stepped by 3
    // plus the extremes: 7,400 rows, 1.9 M pixels.
    std::vector<int> chroma;
    for (int c = 0; c < 256; c += 3)
        chroma.push_back(c);
    chroma.push_back(255);
    const uint32_t width = 256, height = static_cast<uint32_t>(chroma.size() * chroma.size());
    std::vector<uint8_t> src(static_cast<size_t>(width) * 2 * height);
    for (uint32_t row = 0; row < height; row++)
    {
        const int u = chroma[row / chroma.size()], v = chroma[row % chroma.size()];
        for (uint32_t x = 0; x < width; x += 2)
        {
            uint8_t *p = &src[(static_cast<size_t>(row) * width + x) * 2];
            p[0] = static_cast<uint8_t>(x);
            p[1] = static_cast<uint8_t>(u);
            p[2] = static_cast<uint8_t>(x + 1);
            p[3] = static_cast<uint8_t>(v);
        }
    }
    std::vector<uint8_t> dst(static_cast<size_t>(width) * 4 * height);
    ASSERT_EQ(
        openk4a_yuy2_to_bgra32(src.data(), src.size(), width * 2, width, height, dst.data(), dst.size(), width * 4),
        OPENK4A_COLOR_OK);
    for (uint32_t row = 0; row < height; row++)
        for (uint32_t x = 0; x < width; x++)
            ExpectPixel(&dst[(static_cast<size_t>(row) * width + x) * 4], static_cast<int>(x),
                        chroma[row / chroma.size()], chroma[row % chroma.size()]);
}

TEST(YuvConvertTest, KnownColours)
{
    // Studio black, white, and the BT.601 75% colour bars' saturated primaries.
    struct Case
    {
        uint8_t y, u, v, b, g, r;
    };
    const Case cases[] = {
        {16, 128, 128, 0, 0, 0},        // black
        {235, 128, 128, 255, 255, 255}, // white
        {81, 90, 240, 0, 0, 255},       // red
        {145, 54, 34, 0, 255, 0},       // green
        {41, 240, 110, 255, 0, 0},      // blue
    };
    for (const Case &c : cases)
    {
        const uint8_t src[4] = {c.y, c.u, c.y, c.v};
        uint8_t dst[8];
        ASSERT_EQ(openk4a_yuy2_to_bgra32(src, 4, 4, 2, 1, dst, 8, 8), OPENK4A_COLOR_OK);
        EXPECT_NEAR(dst[0], c.b, 2);
        EXPECT_NEAR(dst[1], c.g, 2);
        EXPECT_NEAR(dst[2], c.r, 2);
    }
}

// NV12 and YUY2 carrying the same samples give the same picture, with padded
// strides on both sides, and nothing outside each row's pixels is written.
TEST(YuvConvertTest, Nv12AndYuy2AgreeWithPaddedStrides)
{
    const uint32_t width = 38, height = 10, nv12_stride = 48, yuy2_stride = 96, dst_stride = 4 * width + 20;
    std::mt19937 rng(7);
    std::vector<uint8_t> y(width * height), u(width / 2 * height / 2), v(width / 2 * height / 2);
    for (auto *plane : {&y, &u, &v})
        for (auto &s : *plane)
            s = static_cast<uint8_t>(rng());
    std::vector<uint8_t> nv12(nv12_stride * height * 3 / 2, 0);
    std::vector<uint8_t> yuy2(yuy2_stride * height, 0);
    for (uint32_t row = 0; row < height; row++)
        for (uint32_t x = 0; x < width; x++)
        {
            const uint8_t cu = u[(row / 2) * (width / 2) + x / 2], cv = v[(row / 2) * (width / 2) + x / 2];
            nv12[row * nv12_stride + x] = y[row * width + x];
            nv12[nv12_stride * height + (row / 2) * nv12_stride + (x & ~1u)] = cu;
            nv12[nv12_stride * height + (row / 2) * nv12_stride + (x & ~1u) + 1] = cv;
            yuy2[row * yuy2_stride + 2 * x] = y[row * width + x];
            yuy2[row * yuy2_stride + 2 * x + 1] = (x % 2) ? cv : cu;
        }
    std::vector<uint8_t> a(dst_stride * height, 0xAB), b(dst_stride * height, 0xAB);
    ASSERT_EQ(
        openk4a_nv12_to_bgra32(nv12.data(), nv12.size(), nv12_stride, width, height, a.data(), a.size(), dst_stride),
        OPENK4A_COLOR_OK);
    ASSERT_EQ(
        openk4a_yuy2_to_bgra32(yuy2.data(), yuy2.size(), yuy2_stride, width, height, b.data(), b.size(), dst_stride),
        OPENK4A_COLOR_OK);
    EXPECT_EQ(a, b);
    for (uint32_t row = 0; row < height; row++)
    {
        for (uint32_t x = 0; x < width; x++)
            ExpectPixel(&a[row * dst_stride + 4 * x], y[row * width + x], u[(row / 2) * (width / 2) + x / 2],
                        v[(row / 2) * (width / 2) + x / 2]);
        for (uint32_t pad = 4 * width; pad < dst_stride; pad++)
            ASSERT_EQ(a[row * dst_stride + pad], 0xAB);
    }
}

// Rows of 8+ pixels take the SIMD path, 2-pixel rows the scalar one: both must
// compute the same integers.
TEST(YuvConvertTest, SimdAndScalarPathsAgreeExactly)
{
    std::mt19937 rng(11);
    std::vector<uint8_t> yuy2(2 * 64 * 16);
    for (auto &b : yuy2)
        b = static_cast<uint8_t>(rng());
    std::vector<uint8_t> wide(64 * 16 * 4), narrow(64 * 16 * 4);
    ASSERT_EQ(openk4a_yuy2_to_bgra32(yuy2.data(), yuy2.size(), 128, 64, 16, wide.data(), wide.size(), 256),
              OPENK4A_COLOR_OK);
    // The same bytes as a 2-pixel-wide image of 512 rows.
    ASSERT_EQ(openk4a_yuy2_to_bgra32(yuy2.data(), yuy2.size(), 4, 2, 512, narrow.data(), narrow.size(), 8),
              OPENK4A_COLOR_OK);
    EXPECT_EQ(wide, narrow);
}

TEST(YuvConvertTest, RejectsBadGeometry)
{
    std::vector<uint8_t> src(64 * 64 * 2), dst(64 * 64 * 4);
    // NV12: odd sizes, stride below width, buffer too small.
    EXPECT_EQ(openk4a_nv12_to_bgra32(src.data(), src.size(), 64, 63, 32, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_nv12_to_bgra32(src.data(), src.size(), 64, 64, 31, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_nv12_to_bgra32(src.data(), src.size(), 63, 64, 32, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_nv12_to_bgra32(src.data(), 64 * 32 * 3 / 2 - 1, 64, 64, 32, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_nv12_to_bgra32(src.data(), 64 * 32 * 3 / 2, 64, 64, 32, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_OK);
    // YUY2: odd width, stride too small, destination too small.
    EXPECT_EQ(openk4a_yuy2_to_bgra32(src.data(), src.size(), 128, 63, 8, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_yuy2_to_bgra32(src.data(), src.size(), 127, 64, 8, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_yuy2_to_bgra32(src.data(), src.size(), 128, 64, 8, dst.data(), 256 * 8 - 1, 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_yuy2_to_bgra32(src.data(), src.size(), 128, 64, 8, dst.data(), dst.size(), 255),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_yuy2_to_bgra32(nullptr, 0, 128, 64, 8, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_yuy2_to_bgra32(src.data(), src.size(), 128, 64, 8, dst.data(), dst.size(), 256),
              OPENK4A_COLOR_OK);
}

} // namespace
