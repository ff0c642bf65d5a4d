// PNG writers: raw layouts, then openk4a_image_write_png() per k4a format.
// Every file is read back with libpng.
#include <dirent.h>
#include <png.h>
#include <sys/stat.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/color/image_render.h"
#include "core/color/png_writer.h"
#include "gtest/gtest.h"
#include "openk4a/color.h"
#include "openk4a/image_png.h"
#include "tests/color/jpeg_fixtures.h"
#include "tests/testing/testdata.h"

namespace openk4a::testing
{
namespace
{

struct ReadBack
{
    bool ok = false;
    uint32_t width = 0, height = 0;
    png_uint_32 file_format = 0; // PNG_FORMAT_* as stored in the file
    std::vector<uint8_t> pixels; // in the requested format
};

ReadBack ReadPng(const std::string &path, png_uint_32 format)
{
    ReadBack r;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str()))
        return r;
    r.file_format = image.format;
    r.width = image.width;
    r.height = image.height;
    image.format = format;
    r.pixels.resize(PNG_IMAGE_SIZE(image));
    r.ok = png_image_finish_read(&image, nullptr, r.pixels.data(), 0, nullptr) != 0;
    return r;
}

std::string TempDir()
{
    const char *dir = getenv("TEST_TMPDIR");
    return dir ? dir : "/tmp";
}

// Files in `dir` (names only).
std::vector<std::string> ListDir(const std::string &dir)
{
    std::vector<std::string> names;
    if (DIR *d = opendir(dir.c_str()))
    {
        while (dirent *e = readdir(d))
            if (e->d_name[0] != '.')
                names.emplace_back(e->d_name);
        closedir(d);
    }
    return names;
}

class PngTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        dir_ = TempDir() + "/png_test_" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
        mkdir(dir_.c_str(), 0755);
    }
    std::string Path(const char *name) const
    {
        return dir_ + "/" + name;
    }
    std::string dir_;
};

TEST_F(PngTest, Bgra8RoundTripsAsRgbWhenOpaqueAndRgbaOtherwise)
{
    const uint32_t w = 37, h = 11, stride = 4 * w + 8;
    std::vector<uint8_t> bgra(stride * h, 0);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
        {
            uint8_t *p = &bgra[y * stride + 4 * x];
            p[0] = static_cast<uint8_t>(x * 7);
            p[1] = static_cast<uint8_t>(y * 23);
            p[2] = static_cast<uint8_t>(x * y);
            p[3] = 0xFF;
        }
    ASSERT_EQ(openk4a_png_write(Path("opaque.png").c_str(), bgra.data(), w, h, stride, OPENK4A_PNG_BGRA8), 0);
    ReadBack r = ReadPng(Path("opaque.png"), PNG_FORMAT_BGRA);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.width, w);
    EXPECT_EQ(r.height, h);
    EXPECT_EQ(r.file_format, static_cast<png_uint_32>(PNG_FORMAT_RGB));
    for (uint32_t y = 0; y < h; y++)
        EXPECT_EQ(0, memcmp(&r.pixels[y * w * 4], &bgra[y * stride], w * 4)) << y;

    bgra[5 * stride + 4 * 3 + 3] = 0x40; // one translucent pixel
    ASSERT_EQ(openk4a_png_write(Path("alpha.png").c_str(), bgra.data(), w, h, stride, OPENK4A_PNG_BGRA8), 0);
    r = ReadPng(Path("alpha.png"), PNG_FORMAT_BGRA);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.file_format, static_cast<png_uint_32>(PNG_FORMAT_RGBA));
    // libpng's simplified reader premultiplies nothing for 8-bit: exact.
    for (uint32_t y = 0; y < h; y++)
        EXPECT_EQ(0, memcmp(&r.pixels[y * w * 4], &bgra[y * stride], w * 4)) << y;
    // Only the two finished files: no temporary left behind.
    EXPECT_EQ(ListDir(dir_).size(), 2u);
}

TEST_F(PngTest, GreyAndRgbLayouts)
{
    std::vector<uint8_t> grey = {0, 50, 100, 150, 200, 250};
    ASSERT_EQ(openk4a_png_write(Path("g.png").c_str(), grey.data(), 3, 2, 3, OPENK4A_PNG_GREY8), 0);
    ReadBack r = ReadPng(Path("g.png"), PNG_FORMAT_GRAY);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.file_format, static_cast<png_uint_32>(PNG_FORMAT_GRAY));
    EXPECT_EQ(r.pixels, grey);
    std::vector<uint8_t> rgb = {255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9};
    ASSERT_EQ(openk4a_png_write(Path("c.png").c_str(), rgb.data(), 2, 2, 6, OPENK4A_PNG_RGB8), 0);
    r = ReadPng(Path("c.png"), PNG_FORMAT_RGB);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.pixels, rgb);
}

TEST_F(PngTest, FailuresLeaveNothingBehindAndKeepTheOldFile)
{
    std::vector<uint8_t> grey(16, 7);
    EXPECT_EQ(openk4a_png_write(Path("no/such/dir/x.png").c_str(), grey.data(), 4, 4, 4, OPENK4A_PNG_GREY8), ENOENT);
    EXPECT_EQ(openk4a_png_write(Path("x.png").c_str(), grey.data(), 4, 4, 3, OPENK4A_PNG_GREY8), EINVAL);
    EXPECT_EQ(openk4a_png_write(Path("x.png").c_str(), nullptr, 4, 4, 4, OPENK4A_PNG_GREY8), EINVAL);
    EXPECT_EQ(openk4a_png_write("", grey.data(), 4, 4, 4, OPENK4A_PNG_GREY8), EINVAL);
    EXPECT_TRUE(ListDir(dir_).empty());

    // Replacing a file: its old content survives a failed write, and a
    // successful one replaces it whole.
    ASSERT_EQ(openk4a_png_write(Path("keep.png").c_str(), grey.data(), 4, 4, 4, OPENK4A_PNG_GREY8), 0);
    EXPECT_EQ(openk4a_png_write(Path("keep.png").c_str(), grey.data(), 4, 4, 2, OPENK4A_PNG_GREY8), EINVAL);
    EXPECT_TRUE(ReadPng(Path("keep.png"), PNG_FORMAT_GRAY).ok);
    if (geteuid() != 0)
    { // root ignores directory permissions
        chmod(dir_.c_str(), 0555);
        EXPECT_EQ(openk4a_png_write(Path("keep.png").c_str(), grey.data(), 4, 4, 4, OPENK4A_PNG_GREY8), EACCES);
        chmod(dir_.c_str(), 0755);
    }
    std::vector<uint8_t> other(64, 200);
    ASSERT_EQ(openk4a_png_write(Path("keep.png").c_str(), other.data(), 8, 8, 8, OPENK4A_PNG_GREY8), 0);
    const ReadBack r = ReadPng(Path("keep.png"), PNG_FORMAT_GRAY);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.width, 8u);
    EXPECT_EQ(r.pixels, other);
    EXPECT_EQ(ListDir(dir_).size(), 1u);
}

TEST(ImageRenderTest, ColormapRunsBlueToRedAndAutoRangeIgnoresOutliers)
{
    uint8_t c[3];
    openk4a_render_colormap(0, c);
    EXPECT_EQ((std::vector<uint8_t>{c[0], c[1], c[2]}), (std::vector<uint8_t>{0, 0, 255}));
    openk4a_render_colormap(512, c);
    EXPECT_EQ((std::vector<uint8_t>{c[0], c[1], c[2]}), (std::vector<uint8_t>{0, 255, 0}));
    openk4a_render_colormap(1023, c);
    EXPECT_EQ((std::vector<uint8_t>{c[0], c[1], c[2]}), (std::vector<uint8_t>{255, 0, 0}));

    // 1000 samples 500..1499, zeros, and two far outliers.
    std::vector<uint16_t> depth;
    for (int i = 0; i < 1000; i++)
        depth.push_back(static_cast<uint16_t>(500 + i));
    depth.insert(depth.end(), 300, 0);
    depth.push_back(60000);
    depth.push_back(1);
    const auto *bytes = reinterpret_cast<const uint8_t *>(depth.data());
    const uint32_t n = static_cast<uint32_t>(depth.size());
    const openk4a_render_range_t with_zero_skipped = openk4a_render_auto_range(bytes, n, 1, 2 * n, true);
    EXPECT_NEAR(with_zero_skipped.min, 509, 2);
    EXPECT_NEAR(with_zero_skipped.max, 1490, 2);
    const openk4a_render_range_t flat = openk4a_render_auto_range(bytes, 1, 1, 2, true); // one sample
    EXPECT_EQ(flat.min + 1, flat.max);
    // IR: 3 x the median of the non-zero samples, capped at the 99th percentile.
    std::vector<uint16_t> ir(200, 100);
    ir.insert(ir.end(), 10, 65535); // saturated reflections
    ir.insert(ir.end(), 50, 0);
    const openk4a_render_range_t ir_range = openk4a_render_auto_ir_range(
        reinterpret_cast<const uint8_t *>(ir.data()), static_cast<uint32_t>(ir.size()), 1, 2 * ir.size());
    EXPECT_EQ(ir_range.min, 0);
    EXPECT_EQ(ir_range.max, 300);
    const std::vector<uint16_t> zeros(10, 0);
    const openk4a_render_range_t empty =
        openk4a_render_auto_range(reinterpret_cast<const uint8_t *>(zeros.data()), 10, 1, 20, true);
    EXPECT_EQ(empty.min, 0);
    EXPECT_EQ(empty.max, 1);
}

// A k4a image of `format` with the given 16-bit samples.
k4a_image_t Image16(k4a_image_format_t format, int w, int h, const std::vector<uint16_t> &samples)
{
    k4a_image_t image = nullptr;
    EXPECT_EQ(k4a_image_create(format, w, h, 0, &image), K4A_RESULT_SUCCEEDED);
    uint8_t *buffer = k4a_image_get_buffer(image);
    const int stride = k4a_image_get_stride_bytes(image);
    for (int y = 0; y < h; y++)
        memcpy(buffer + y * stride, &samples[static_cast<size_t>(y) * w], 2 * w);
    return image;
}

TEST_F(PngTest, Depth16IsColourMappedNearBlueFarRedZeroBlack)
{
    const int w = 64, h = 4;
    std::vector<uint16_t> depth(w * h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            depth[y * w + x] = y == 3 ? 0 : static_cast<uint16_t>(500 + 100 * x);
    k4a_image_t image = Image16(K4A_IMAGE_FORMAT_DEPTH16, w, h, depth);
    openk4a_png_options_t options = {500, 500 + 100 * 63};
    ASSERT_EQ(openk4a_image_write_png(image, Path("depth.png").c_str(), &options), K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    const ReadBack r = ReadPng(Path("depth.png"), PNG_FORMAT_RGB);
    ASSERT_TRUE(r.ok);
    ASSERT_EQ(r.width, 64u);
    ASSERT_EQ(r.height, 4u);
    auto px = [&](int x, int y)
    {
        return &r.pixels[(y * w + x) * 3];
    };
    EXPECT_EQ(px(0, 0)[2], 255); // nearest: blue
    EXPECT_EQ(px(0, 0)[0], 0);
    EXPECT_EQ(px(63, 0)[0], 255); // farthest: red
    EXPECT_EQ(px(63, 0)[2], 0);
    EXPECT_EQ(px(31, 1)[1], 255); // middle: green-ish
    for (int x = 0; x < w; x++)
        for (int c = 0; c < 3; c++)
            ASSERT_EQ(px(x, 3)[c], 0) << "invalid depth must be black";
}

TEST_F(PngTest, Ir16IsAGreyRamp)
{
    const int w = 256, h = 2;
    std::vector<uint16_t> ir(w * h);
    for (int x = 0; x < w; x++)
        ir[x] = ir[w + x] = static_cast<uint16_t>(x * 10);
    k4a_image_t image = Image16(K4A_IMAGE_FORMAT_IR16, w, h, ir);
    openk4a_png_options_t options = {0, 2550};
    ASSERT_EQ(openk4a_image_write_png(image, Path("ir.png").c_str(), &options), K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    const ReadBack r = ReadPng(Path("ir.png"), PNG_FORMAT_GRAY);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.file_format, static_cast<png_uint_32>(PNG_FORMAT_GRAY));
    for (int x = 0; x < w; x++)
        ASSERT_NEAR(r.pixels[x], x, 1) << x;
}

TEST_F(PngTest, RealDepthAndIrFrames)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(depth_bytes, "frames/azure_kinect_nfov_640x576.depth16le");
    OPENK4A_READ_TESTDATA_OR_SKIP(ir_bytes, "frames/azure_kinect_nfov_640x576.ir16le");
    std::vector<uint16_t> depth(640 * 576), ir(640 * 576);
    ASSERT_EQ(depth_bytes.size(), depth.size() * 2);
    memcpy(depth.data(), depth_bytes.data(), depth_bytes.size());
    memcpy(ir.data(), ir_bytes.data(), ir_bytes.size());
    k4a_image_t d = Image16(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, depth);
    k4a_image_t i = Image16(K4A_IMAGE_FORMAT_IR16, 640, 576, ir);
    ASSERT_EQ(openk4a_image_write_png(d, Path("depth.png").c_str(), nullptr), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(openk4a_image_write_png(i, Path("ir.png").c_str(), nullptr), K4A_RESULT_SUCCEEDED);
    k4a_image_release(d);
    k4a_image_release(i);
    const ReadBack rd = ReadPng(Path("depth.png"), PNG_FORMAT_RGB);
    ASSERT_TRUE(rd.ok);
    EXPECT_EQ(rd.width, 640u);
    EXPECT_EQ(rd.height, 576u);
    size_t black = 0, zero = 0;
    for (size_t p = 0; p < depth.size(); p++)
    {
        zero += depth[p] == 0;
        black += rd.pixels[3 * p] == 0 && rd.pixels[3 * p + 1] == 0 && rd.pixels[3 * p + 2] == 0;
    }
    EXPECT_EQ(black, zero); // exactly the pixels without a measurement are black
    const ReadBack ri = ReadPng(Path("ir.png"), PNG_FORMAT_GRAY);
    ASSERT_TRUE(ri.ok);
    double mean = 0;
    for (uint8_t g : ri.pixels)
        mean += g;
    mean /= static_cast<double>(ri.pixels.size());
    // Automatic range: the scene (around the median) mid-grey, not black.
    EXPECT_GT(mean, 40);
    EXPECT_LT(mean, 200);
    std::vector<uint16_t> sorted;
    for (uint16_t v : ir)
        if (v)
            sorted.push_back(v);
    std::sort(sorted.begin(), sorted.end());
    const uint16_t median = sorted[sorted.size() / 2];
    for (size_t p = 0; p < ir.size(); p++)
        if (ir[p] == median)
        {
            EXPECT_NEAR(ri.pixels[p], 85, 2); // a third of the way up
            break;
        }
}

TEST_F(PngTest, ColourImagesAndUnsupportedFormats)
{
    auto jpeg = CompressWithTurboJpeg(96, 64, TJSAMP_422, 90);
    k4a_image_t mjpg = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, 96, 64, 0, jpeg.data(), jpeg.size(), nullptr,
                                           nullptr, &mjpg),
              K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(openk4a_image_write_png(mjpg, Path("mjpg.png").c_str(), nullptr), K4A_RESULT_SUCCEEDED);
    k4a_image_t bgra = nullptr;
    ASSERT_EQ(openk4a_image_decode_to_bgra32(mjpg, OPENK4A_COLOR_MODE_ACCURATE, &bgra, nullptr), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(openk4a_image_write_png(bgra, Path("bgra.png").c_str(), nullptr), K4A_RESULT_SUCCEEDED);
    const ReadBack a = ReadPng(Path("mjpg.png"), PNG_FORMAT_BGRA);
    const ReadBack b = ReadPng(Path("bgra.png"), PNG_FORMAT_BGRA);
    ASSERT_TRUE(a.ok);
    ASSERT_TRUE(b.ok);
    EXPECT_EQ(a.pixels, b.pixels);
    const uint8_t *decoded = k4a_image_get_buffer(bgra);
    EXPECT_EQ(0, memcmp(b.pixels.data(), decoded, b.pixels.size()));
    k4a_image_release(bgra);
    k4a_image_release(mjpg);

    k4a_image_t custom16 = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM16, 4, 4, 0, &custom16), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_write_png(custom16, Path("c16.png").c_str(), nullptr), K4A_RESULT_FAILED);
    EXPECT_EQ(openk4a_image_write_png(custom16, nullptr, nullptr), K4A_RESULT_FAILED);
    EXPECT_EQ(openk4a_image_write_png(nullptr, Path("n.png").c_str(), nullptr), K4A_RESULT_FAILED);
    k4a_image_release(custom16);
    std::vector<uint8_t> garbage(100, 1);
    k4a_image_t bad = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, 8, 8, 0, garbage.data(), garbage.size(),
                                           nullptr, nullptr, &bad),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_write_png(bad, Path("bad.png").c_str(), nullptr), K4A_RESULT_FAILED);
    k4a_image_release(bad);
    EXPECT_EQ(ListDir(dir_).size(), 2u); // mjpg.png and bgra.png only
}

// openk4a_image_write_png_explained(): every failure says which kind it is and why.
TEST_F(PngTest, ExplainedFailuresSayWhy)
{
    k4a_image_t ir = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 8, 4, 0, &ir), K4A_RESULT_SUCCEEDED);
    memset(k4a_image_get_buffer(ir), 0x11, k4a_image_get_size(ir));
    openk4a_png_error_t error;
    memset(&error, 0x5a, sizeof error);
    EXPECT_EQ(openk4a_image_write_png_explained(ir, Path("ir.png").c_str(), nullptr, &error), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(error.status, OPENK4A_PNG_OK);
    EXPECT_EQ(error.color_status, OPENK4A_COLOR_OK);
    EXPECT_EQ(error.file_errno, 0);
    EXPECT_STREQ(error.message, "");

    EXPECT_EQ(openk4a_image_write_png_explained(ir, Path("missing/ir.png").c_str(), nullptr, &error),
              K4A_RESULT_FAILED);
    EXPECT_EQ(error.status, OPENK4A_PNG_FILE_ERROR);
    EXPECT_EQ(error.file_errno, ENOENT);
    EXPECT_EQ(error.message, Path("missing/ir.png") + ": " + strerror(ENOENT));

    EXPECT_EQ(openk4a_image_write_png_explained(ir, nullptr, nullptr, &error), K4A_RESULT_FAILED);
    EXPECT_EQ(error.status, OPENK4A_PNG_INVALID_ARGUMENT);
    EXPECT_STREQ(error.message, "invalid image or NULL path");
    EXPECT_EQ(openk4a_image_write_png_explained(nullptr, Path("n.png").c_str(), nullptr, &error), K4A_RESULT_FAILED);
    EXPECT_EQ(error.status, OPENK4A_PNG_INVALID_ARGUMENT);
    k4a_image_release(ir);

    k4a_image_t custom16 = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM16, 4, 4, 0, &custom16), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_write_png_explained(custom16, Path("c16.png").c_str(), nullptr, &error), K4A_RESULT_FAILED);
    EXPECT_EQ(error.status, OPENK4A_PNG_NO_PICTURE);
    EXPECT_STREQ(error.message, "no picture for image format K4A_IMAGE_FORMAT_CUSTOM16 (7)");
    k4a_image_release(custom16);

    auto jpeg = CompressWithTurboJpeg(32, 16, TJSAMP_422, 90);
    jpeg.resize(jpeg.size() / 2);
    k4a_image_t cut = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, 32, 16, 0, jpeg.data(), jpeg.size(), nullptr,
                                           nullptr, &cut),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_write_png_explained(cut, Path("cut.png").c_str(), nullptr, &error), K4A_RESULT_FAILED);
    EXPECT_EQ(error.status, OPENK4A_PNG_DECODE_FAILED);
    EXPECT_EQ(error.color_status, OPENK4A_COLOR_TRUNCATED);
    EXPECT_EQ(error.file_errno, 0);
    EXPECT_STREQ(error.message, "not decoded: truncated frame");
    k4a_image_release(cut);

    // NULL error: same result, nothing to fill.
    EXPECT_EQ(openk4a_image_write_png_explained(nullptr, Path("n.png").c_str(), nullptr, nullptr), K4A_RESULT_FAILED);
    std::vector<std::string> files = ListDir(dir_);
    EXPECT_EQ(files, std::vector<std::string>{"ir.png"});
}

} // namespace
} // namespace openk4a::testing
