// openk4a::DecodeToBgra32 / DecodeIntoBgra32 / WritePng (cxx/color.h): the
// same pixels as the C calls, and errors that carry the core's reason.
#include "openk4a/cxx/color.h"

#include <k4a/k4a.h>
#include <openk4a/color.h>
#include <png.h>
#include <sys/stat.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "openk4a/cxx/image.h"
#include "tests/testing/image_leaks.h"
#include "tests/testing/testdata.h"

namespace openk4a
{
namespace
{

using ::testing::HasSubstr;

constexpr int kWidth = 48, kHeight = 32;

// A smooth BGRA picture (opaque), and the same picture as a JPEG made by
// TurboJPEG (4:4:4, quality 100, so the decode is close to the original).
std::vector<uint8_t> Picture()
{
    std::vector<uint8_t> bgra(kWidth * kHeight * 4);
    for (int y = 0; y < kHeight; y++)
        for (int x = 0; x < kWidth; x++)
        {
            uint8_t *p = &bgra[(y * kWidth + x) * 4];
            p[0] = static_cast<uint8_t>(40 + 4 * x);
            p[1] = static_cast<uint8_t>(200 - 5 * y);
            p[2] = static_cast<uint8_t>(60 + 2 * (x + y));
            p[3] = 0xff;
        }
    return bgra;
}

std::vector<uint8_t> EncodeJpeg(const std::vector<uint8_t> &bgra)
{
    tjhandle handle = tjInitCompress();
    unsigned char *jpeg = nullptr;
    unsigned long size = 0;
    std::vector<uint8_t> out;
    if (handle != nullptr && tjCompress2(handle, bgra.data(), kWidth, 0, kHeight, TJPF_BGRA, &jpeg, &size, TJSAMP_444,
                                         100, TJFLAG_ACCURATEDCT) == 0)
    {
        out.assign(jpeg, jpeg + size);
    }
    tjFree(jpeg);
    if (handle != nullptr)
        tjDestroy(handle);
    return out;
}

Image Mjpg(std::vector<uint8_t> bytes, int width = kWidth, int height = kHeight)
{
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_MJPG, {width, height}, std::move(bytes));
    EXPECT_TRUE(image.ok()) << image.status();
    return *std::move(image);
}

std::vector<uint8_t> Bytes(const Image &image)
{
    return {image.bytes().begin(), image.bytes().end()};
}

// What the C call gives for the same source: the wrapper must not differ.
std::vector<uint8_t> DecodedByC(const Image &source, openk4a_color_mode_t mode)
{
    k4a_image_t bgra = nullptr;
    if (openk4a_image_decode_to_bgra32(source.get(), mode, &bgra, nullptr) != K4A_RESULT_SUCCEEDED)
        return {};
    std::vector<uint8_t> out(k4a_image_get_buffer(bgra), k4a_image_get_buffer(bgra) + k4a_image_get_size(bgra));
    k4a_image_release(bgra);
    return out;
}

struct Png
{
    bool ok = false;
    uint32_t width = 0, height = 0;
    std::vector<uint8_t> bgra;
};

Png ReadPng(const std::string &path)
{
    Png r;
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str()))
        return r;
    image.format = PNG_FORMAT_BGRA;
    r.width = image.width;
    r.height = image.height;
    r.bgra.resize(PNG_IMAGE_SIZE(image));
    r.ok = png_image_finish_read(&image, nullptr, r.bgra.data(), 0, nullptr) != 0;
    return r;
}

class ColorTest : public testing::NoImageLeaks
{
protected:
    void SetUp() override
    {
        NoImageLeaks::SetUp();
        const char *tmp = std::getenv("TEST_TMPDIR");
        dir_ = std::string(tmp ? tmp : "/tmp") + "/cxx_color_test_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name();
        mkdir(dir_.c_str(), 0755);
    }
    std::string Path(const char *name) const
    {
        return dir_ + "/" + name;
    }

    std::string dir_;
};

TEST_F(ColorTest, DecodesAFrameMadeHereToANewUniqueImageWithItsMetadata)
{
    const std::vector<uint8_t> original = Picture();
    std::vector<uint8_t> jpeg = EncodeJpeg(original);
    ASSERT_FALSE(jpeg.empty());
    Image source = Mjpg(std::move(jpeg), 1, 1); // the JPEG header decides the size, not the image's
    source.set_device_timestamp(std::chrono::microseconds(123456));
    source.set_system_timestamp(std::chrono::nanoseconds(987654321));
    source.set_exposure(std::chrono::microseconds(8000));
    source.set_white_balance(4500);
    source.set_iso_speed(200);

    absl::StatusOr<Image> bgra = DecodeToBgra32(source, DecodeMode::kAccurate);
    ASSERT_TRUE(bgra.ok()) << bgra.status();
    EXPECT_EQ(bgra->format(), K4A_IMAGE_FORMAT_COLOR_BGRA32);
    EXPECT_EQ(bgra->width_pixels(), kWidth);
    EXPECT_EQ(bgra->height_pixels(), kHeight);
    EXPECT_EQ(bgra->stride_bytes(), kWidth * 4);
    EXPECT_TRUE(bgra->IsUnique());
    EXPECT_EQ(bgra->device_timestamp(), std::chrono::microseconds(123456));
    EXPECT_EQ(bgra->system_timestamp(), std::chrono::nanoseconds(987654321));
    EXPECT_EQ(bgra->exposure(), std::chrono::microseconds(8000));
    EXPECT_EQ(bgra->white_balance(), 4500u);
    EXPECT_EQ(bgra->iso_speed(), 200u);

    // Close to the picture that was encoded (quality 100, 4:4:4, accurate).
    const std::vector<uint8_t> decoded = Bytes(*bgra);
    ASSERT_EQ(decoded.size(), original.size());
    int worst = 0;
    for (size_t i = 0; i < decoded.size(); i++)
        worst = std::max(worst, std::abs(decoded[i] - original[i]));
    EXPECT_LE(worst, 6); // YCbCr rounding; a swapped channel or row would be off by tens
    EXPECT_EQ(decoded, DecodedByC(source, OPENK4A_COLOR_MODE_ACCURATE));

    absl::StatusOr<Image> fast = DecodeToBgra32(source); // kFast by default
    ASSERT_TRUE(fast.ok()) << fast.status();
    EXPECT_EQ(Bytes(*fast), DecodedByC(source, OPENK4A_COLOR_MODE_FAST));
}

TEST_F(ColorTest, DecodesRealCameraFramesAsTheCApiDoes)
{
    struct Frame
    {
        const char *file;
        int width, height;
    };
    for (const Frame &frame :
         {Frame{"mjpeg/azure_kinect_720p_422.jpg", 1280, 720}, Frame{"mjpeg/webcam_960x720_no_dht.jpg", 960, 720}})
    {
        SCOPED_TRACE(frame.file);
        OPENK4A_READ_TESTDATA_OR_SKIP(jpeg, frame.file);
        Image source = Mjpg(jpeg, frame.width, frame.height);
        for (DecodeMode mode : {DecodeMode::kFast, DecodeMode::kAccurate})
        {
            absl::StatusOr<Image> bgra = DecodeToBgra32(source, mode);
            ASSERT_TRUE(bgra.ok()) << bgra.status();
            EXPECT_EQ(bgra->width_pixels(), frame.width);
            EXPECT_EQ(bgra->height_pixels(), frame.height);
            EXPECT_EQ(Bytes(*bgra), DecodedByC(source, static_cast<openk4a_color_mode_t>(mode)));
        }
    }
}

TEST_F(ColorTest, BrokenFramesAreErrorsThatSayWhy)
{
    std::vector<uint8_t> jpeg = EncodeJpeg(Picture());
    const size_t whole = jpeg.size();
    jpeg.resize(whole / 2);
    absl::StatusOr<Image> cut = DecodeToBgra32(Mjpg(jpeg));
    EXPECT_EQ(cut.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(cut.status().message(),
              "DecodeToBgra32: MJPG 48x32 (" + std::to_string(whole / 2) + " bytes) source: truncated frame");

    absl::StatusOr<Image> garbage = DecodeToBgra32(Mjpg(std::vector<uint8_t>(100, 0x42)));
    EXPECT_EQ(garbage.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(garbage.status().message(), "DecodeToBgra32: MJPG 48x32 (100 bytes) source: not a JPEG stream");

    absl::StatusOr<Image> depth = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {8, 4});
    ASSERT_TRUE(depth.ok());
    absl::StatusOr<Image> not_colour = DecodeToBgra32(*depth);
    EXPECT_EQ(not_colour.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(not_colour.status().message(), "DecodeToBgra32: DEPTH16 8x4 (64 bytes) source: invalid argument");
}

TEST_F(ColorTest, DecodesIntoAnUnsharedImageOfTheFrameSize)
{
    std::vector<uint8_t> jpeg = EncodeJpeg(Picture());
    Image source = Mjpg(jpeg);
    source.set_device_timestamp(std::chrono::microseconds(77));
    const std::vector<uint8_t> expected = DecodedByC(source, OPENK4A_COLOR_MODE_FAST);

    const int stride = kWidth * 4 + 16; // padded rows
    absl::StatusOr<Image> destination = Image::Create(K4A_IMAGE_FORMAT_COLOR_BGRA32, {kWidth, kHeight, stride});
    ASSERT_TRUE(destination.ok());
    ASSERT_TRUE(DecodeIntoBgra32(source, *destination).ok());
    EXPECT_EQ(destination->device_timestamp(), std::chrono::microseconds(77));
    for (int y = 0; y < kHeight; y++)
    {
        ASSERT_EQ(0,
                  std::memcmp(destination->bytes().data() + y * stride, expected.data() + y * kWidth * 4, kWidth * 4))
            << "row " << y;
    }

    // Shared: refused before anything is written.
    Image clone = destination->Clone();
    absl::Status shared = DecodeIntoBgra32(source, *destination);
    EXPECT_EQ(shared.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(std::string(shared.message()), HasSubstr("DecodeIntoBgra32: the image is shared"));

    absl::StatusOr<Image> small = Image::Create(K4A_IMAGE_FORMAT_COLOR_BGRA32, {kWidth / 2, kHeight});
    ASSERT_TRUE(small.ok());
    absl::Status mismatch = DecodeIntoBgra32(source, *small);
    EXPECT_EQ(mismatch.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(mismatch.message(), "DecodeIntoBgra32: MJPG 48x32 (" + std::to_string(jpeg.size()) +
                                      " bytes) source into BGRA32 24x32 (3072 bytes) destination: frame size differs "
                                      "from destination");
}

TEST_F(ColorTest, WritesPngsAndSaysWhyNot)
{
    const std::vector<uint8_t> original = Picture();
    absl::StatusOr<Image> bgra = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_BGRA32, {kWidth, kHeight}, Picture());
    ASSERT_TRUE(bgra.ok());
    ASSERT_TRUE(WritePng(*bgra, Path("bgra.png")).ok());
    const Png png = ReadPng(Path("bgra.png"));
    ASSERT_TRUE(png.ok);
    EXPECT_EQ(png.width, static_cast<uint32_t>(kWidth));
    EXPECT_EQ(png.height, static_cast<uint32_t>(kHeight));
    EXPECT_EQ(png.bgra, original);

    // An MJPG frame is decoded (accurate mode) and saved as its BGRA32 picture.
    Image mjpg = Mjpg(EncodeJpeg(original));
    ASSERT_TRUE(WritePng(mjpg, Path("mjpg.png")).ok());
    EXPECT_EQ(ReadPng(Path("mjpg.png")).bgra, DecodedByC(mjpg, OPENK4A_COLOR_MODE_ACCURATE));

    // Options reach the renderer: a fixed range puts 1000 mm at the first colour's end.
    absl::StatusOr<Image> depth = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {4, 2}, std::vector<uint16_t>(8, 1000));
    ASSERT_TRUE(depth.ok());
    ASSERT_TRUE(WritePng(*depth, Path("near.png"), {1000, 2000}).ok());
    ASSERT_TRUE(WritePng(*depth, Path("far.png"), {500, 1000}).ok());
    EXPECT_NE(ReadPng(Path("near.png")).bgra, ReadPng(Path("far.png")).bgra);

    absl::Status missing = WritePng(*bgra, Path("no/such/dir.png"));
    EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(missing.message(), "WritePng: " + Path("no/such/dir.png") + ": " + std::strerror(ENOENT));

    absl::StatusOr<Image> custom16 = Image::Create(K4A_IMAGE_FORMAT_CUSTOM16, {4, 4});
    ASSERT_TRUE(custom16.ok());
    absl::Status no_picture = WritePng(*custom16, Path("c16.png"));
    EXPECT_EQ(no_picture.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(no_picture.message(), "WritePng: CUSTOM16 4x4 (32 bytes) image to " + Path("c16.png") +
                                        ": no picture for image format K4A_IMAGE_FORMAT_CUSTOM16 (7)");

    std::vector<uint8_t> jpeg = EncodeJpeg(original);
    jpeg.resize(jpeg.size() / 2);
    const size_t cut_size = jpeg.size();
    absl::Status broken = WritePng(Mjpg(std::move(jpeg)), Path("cut.png"));
    EXPECT_EQ(broken.code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(broken.message(), "WritePng: MJPG 48x32 (" + std::to_string(cut_size) + " bytes) image to " +
                                    Path("cut.png") + ": not decoded: truncated frame");

    absl::Status nul = WritePng(*bgra, std::string("a\0b.png", 7));
    EXPECT_EQ(nul.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(nul.message()), HasSubstr("NUL byte"));

    struct stat st;
    EXPECT_NE(stat(Path("c16.png").c_str(), &st), 0) << "a failed write left a file";
    EXPECT_NE(stat(Path("cut.png").c_str(), &st), 0) << "a failed write left a file";
}

TEST(ColorStatusToStatus, MapsEveryStatus)
{
    EXPECT_TRUE(ColorStatusToStatus(OPENK4A_COLOR_OK, "x").ok());
    const struct
    {
        openk4a_color_status_t status;
        absl::StatusCode code;
    } kCases[] = {
        {OPENK4A_COLOR_INVALID_ARGUMENT, absl::StatusCode::kInvalidArgument},
        {OPENK4A_COLOR_NOT_JPEG, absl::StatusCode::kDataLoss},
        {OPENK4A_COLOR_TRUNCATED, absl::StatusCode::kDataLoss},
        {OPENK4A_COLOR_CORRUPT, absl::StatusCode::kDataLoss},
        {OPENK4A_COLOR_UNSUPPORTED, absl::StatusCode::kUnimplemented},
        {OPENK4A_COLOR_SIZE_MISMATCH, absl::StatusCode::kInvalidArgument},
        {OPENK4A_COLOR_DECODE_FAILED, absl::StatusCode::kDataLoss},
        {OPENK4A_COLOR_NO_MEMORY, absl::StatusCode::kResourceExhausted},
        {OPENK4A_COLOR_QUEUE_FULL, absl::StatusCode::kUnavailable},
        {OPENK4A_COLOR_STATUS_COUNT, absl::StatusCode::kUnknown},
    };
    static_assert(sizeof kCases / sizeof kCases[0] == OPENK4A_COLOR_STATUS_COUNT, "a status without a case");
    for (const auto &c : kCases)
    {
        absl::Status status = ColorStatusToStatus(c.status, "ctx");
        EXPECT_EQ(status.code(), c.code) << openk4a_color_status_str(c.status);
        EXPECT_EQ(status.message(), std::string("ctx: ") + openk4a_color_status_str(c.status));
    }
}

} // namespace
} // namespace openk4a
