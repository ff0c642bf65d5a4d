// The vector loops (core/transformation/simd.h: AVX2, AVX-512) give the same bits as the portable
// ones, which transformation_test checks against OpenCV: every transformation call, run on the
// real calibration in several modes with the real NFOV frame and with hostile depths (0, 1, 65535,
// noise), once per level this machine can run. Skipped where the CPU has no AVX2; the AVX-512
// level is compared where the CPU has it (the test says which ran).
#include <k4a/k4a.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/transformation/simd.h"
#include "tests/testing/testdata.h"

namespace
{

struct Image
{
    k4a_image_t handle = nullptr;
    Image(k4a_image_format_t format, int w, int h, int bytes_per_pixel)
    {
        EXPECT_EQ(k4a_image_create(format, w, h, w * bytes_per_pixel, &handle), K4A_RESULT_SUCCEEDED);
        std::memset(k4a_image_get_buffer(handle), 0xa5, k4a_image_get_size(handle)); // stale bytes everywhere
    }
    ~Image()
    {
        k4a_image_release(handle);
    }
    std::vector<uint8_t> Bytes() const
    {
        const uint8_t *p = k4a_image_get_buffer(handle);
        return std::vector<uint8_t>(p, p + k4a_image_get_size(handle));
    }
    size_t Nonzero() const
    {
        size_t n = 0;
        for (uint8_t b : Bytes())
            n += b != 0;
        return n;
    }
};

// Every output of one transformation handle for one depth frame, in one path.
struct Outputs
{
    std::vector<std::vector<uint8_t>> images;
};

Outputs RunAll(const k4a_calibration_t &cal, const std::vector<uint16_t> &depth_pixels, ok4a_simd_t level)
{
    Outputs out;
    const int dw = cal.depth_camera_calibration.resolution_width, dh = cal.depth_camera_calibration.resolution_height;
    const int cw = cal.color_camera_calibration.resolution_width, ch = cal.color_camera_calibration.resolution_height;
    k4a_transformation_t t = k4a_transformation_create(&cal);
    EXPECT_NE(t, nullptr);
    EXPECT_TRUE(ok4a_transformation_use_simd(t, level));
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, dw, dh, 2);
    std::memcpy(k4a_image_get_buffer(depth.handle), depth_pixels.data(), depth_pixels.size() * 2);

    Image cloud(K4A_IMAGE_FORMAT_CUSTOM, dw, dh, 6);
    EXPECT_EQ(k4a_transformation_depth_image_to_point_cloud(t, depth.handle, K4A_CALIBRATION_TYPE_DEPTH, cloud.handle),
              K4A_RESULT_SUCCEEDED);
    EXPECT_GT(cloud.Nonzero(), size_t(dw) * dh); // points, not an untouched or zeroed buffer
    out.images.push_back(cloud.Bytes());

    Image in_color(K4A_IMAGE_FORMAT_DEPTH16, cw, ch, 2);
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(t, depth.handle, in_color.handle), K4A_RESULT_SUCCEEDED);
    EXPECT_GT(in_color.Nonzero(), size_t(cw) * ch / 4);
    out.images.push_back(in_color.Bytes());

    Image color_cloud(K4A_IMAGE_FORMAT_CUSTOM, cw, ch, 6);
    EXPECT_EQ(k4a_transformation_depth_image_to_point_cloud(t, in_color.handle, K4A_CALIBRATION_TYPE_COLOR,
                                                            color_cloud.handle),
              K4A_RESULT_SUCCEEDED);
    out.images.push_back(color_cloud.Bytes());

    for (k4a_image_format_t format : {K4A_IMAGE_FORMAT_CUSTOM8, K4A_IMAGE_FORMAT_CUSTOM16})
    {
        const int bpp = format == K4A_IMAGE_FORMAT_CUSTOM8 ? 1 : 2;
        Image custom(format, dw, dh, bpp), depth_out(K4A_IMAGE_FORMAT_DEPTH16, cw, ch, 2),
            custom_out(format, cw, ch, bpp);
        uint8_t *c = k4a_image_get_buffer(custom.handle);
        for (size_t i = 0; i < k4a_image_get_size(custom.handle); i++)
            c[i] = uint8_t(i * 7 + i / 640);
        for (auto interpolation :
             {K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST, K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR})
        {
            EXPECT_EQ(k4a_transformation_depth_image_to_color_camera_custom(
                          t, depth.handle, custom.handle, depth_out.handle, custom_out.handle, interpolation, 3),
                      K4A_RESULT_SUCCEEDED);
            out.images.push_back(depth_out.Bytes());
            out.images.push_back(custom_out.Bytes());
        }
    }

    Image color(K4A_IMAGE_FORMAT_COLOR_BGRA32, cw, ch, 4), color_out(K4A_IMAGE_FORMAT_COLOR_BGRA32, dw, dh, 4);
    uint8_t *bgra = k4a_image_get_buffer(color.handle);
    for (size_t i = 0; i < k4a_image_get_size(color.handle); i++)
        bgra[i] = uint8_t(i * 13 + i / 4096);
    EXPECT_EQ(k4a_transformation_color_image_to_depth_camera(t, depth.handle, color.handle, color_out.handle),
              K4A_RESULT_SUCCEEDED);
    EXPECT_GT(color_out.Nonzero(), size_t(dw) * dh);
    out.images.push_back(color_out.Bytes());
    k4a_transformation_destroy(t);
    return out;
}

class SimdTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!ok4a_simd_available(OK4A_SIMD_AVX2))
            GTEST_SKIP() << "this CPU (or build) has no AVX2: only the portable loops exist here";
        auto json = openk4a::testing::ReadTestdata("recordings/azure_kinect_pyk4a_calibration.json");
        auto frame = openk4a::testing::ReadTestdata("frames/azure_kinect_nfov_640x576.depth16le");
        if (!json || !frame)
            GTEST_SKIP() << "shared testdata absent";
        json_.assign(json->begin(), json->end());
        frame_.resize(640 * 576);
        ASSERT_EQ(frame->size(), frame_.size() * 2);
        std::memcpy(frame_.data(), frame->data(), frame->size());
    }
    k4a_calibration_t Get(k4a_depth_mode_t d, k4a_color_resolution_t c)
    {
        k4a_calibration_t cal{};
        EXPECT_EQ(k4a_calibration_get_from_raw(json_.data(), json_.size(), d, c, &cal), K4A_RESULT_SUCCEEDED);
        return cal;
    }
    // The real frame resampled (nearest) to w x h, every pixel of a stripe of rows replaced by
    // hostile values, the rest of that stripe by noise.
    std::vector<uint16_t> Depth(int w, int h) const
    {
        std::vector<uint16_t> d(size_t(w) * h);
        std::mt19937 random(14);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                uint16_t v = frame_[size_t(y * 576 / h) * 640 + size_t(x * 640 / w)];
                if (y % 64 == 5)
                    v = uint16_t((x % 4 == 0) ? 0 : (x % 4 == 1) ? 1 : (x % 4 == 2) ? 65535 : random());
                else if (y % 64 == 6)
                    v = uint16_t(random() % 12000);
                d[size_t(y) * w + x] = v;
            }
        return d;
    }
    std::string json_;
    std::vector<uint16_t> frame_;
};

// Every call's outputs at every vector level this machine can run, byte for byte against the
// portable loops.
void ExpectSameBits(const k4a_calibration_t &cal, const std::vector<uint16_t> &depth)
{
    const Outputs portable = RunAll(cal, depth, OK4A_SIMD_PORTABLE);
    for (ok4a_simd_t level : {OK4A_SIMD_AVX2, OK4A_SIMD_AVX512})
    {
        if (!ok4a_simd_available(level))
        {
            std::printf("level %d: not on this CPU, not compared\n", int(level));
            continue;
        }
        const Outputs vector = RunAll(cal, depth, level);
        ASSERT_EQ(portable.images.size(), vector.images.size());
        for (size_t i = 0; i < portable.images.size(); i++)
        {
            const auto &a = portable.images[i], &b = vector.images[i];
            ASSERT_EQ(a.size(), b.size()) << "level " << level << ", output " << i;
            size_t differing = 0, first = a.size();
            for (size_t k = 0; k < a.size(); k++)
                if (a[k] != b[k] && differing++ == 0)
                    first = k;
            EXPECT_EQ(differing, 0u) << "level " << level << ", output " << i << ": first differing byte " << first;
        }
    }
}

// One test per mode (the target is sharded: each is a sanitizer run's worth of work).
TEST_F(SimdTest, NfovUnbinnedInto720pGivesTheSameBitsAtEveryLevel)
{
    const k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    ExpectSameBits(cal, Depth(640, 576));
}

TEST_F(SimdTest, Wfov2x2BinnedInto720pGivesTheSameBitsAtEveryLevel)
{
    const k4a_calibration_t cal = Get(K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P);
    ExpectSameBits(cal, Depth(512, 512));
}

} // namespace
