#include "core/color/mjpeg_decoder.h"

#include <turbojpeg.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/color/mjpeg_scan.h"
#include "gtest/gtest.h"
#include "tests/color/jpeg_fixtures.h"
#include "tests/testing/testdata.h"

namespace openk4a::testing
{
namespace
{

struct DecoderDeleter
{
    void operator()(openk4a_mjpeg_decoder_t *d) const
    {
        openk4a_mjpeg_decoder_destroy(d);
    }
};
using Decoder = std::unique_ptr<openk4a_mjpeg_decoder_t, DecoderDeleter>;

struct Decoded
{
    openk4a_color_status_t status;
    bool warned;
    std::vector<uint8_t> bgra;
};

Decoded Decode(openk4a_mjpeg_decoder_t *decoder, const std::vector<uint8_t> &jpeg, uint32_t width, uint32_t height,
               openk4a_color_mode_t mode = OPENK4A_COLOR_MODE_FAST, uint32_t stride = 0)
{
    if (stride == 0)
        stride = 4 * width;
    Decoded d{OPENK4A_COLOR_OK, false, std::vector<uint8_t>(static_cast<size_t>(stride) * height, 0xAB)};
    d.status = openk4a_mjpeg_decoder_decode(decoder, jpeg.data(), jpeg.size(), d.bgra.data(), d.bgra.size(), width,
                                            height, stride, mode, &d.warned);
    return d;
}

// An independent decode with a fresh TurboJPEG handle: the reference.
std::vector<uint8_t> Reference(const std::vector<uint8_t> &jpeg, uint32_t width, uint32_t height, int flags)
{
    std::vector<uint8_t> out(static_cast<size_t>(width) * height * 4);
    tjhandle h = tjInitDecompress();
    tjDecompress2(h, jpeg.data(), jpeg.size(), out.data(), static_cast<int>(width), 0, static_cast<int>(height),
                  TJPF_BGRA, flags);
    tjDestroy(h);
    return out;
}

constexpr int kFastFlags = TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE;

TEST(MjpegDecoderTest, FlatBlockFrameDecodesToTheKnownColours)
{
    for (Sampling sampling : {Sampling::kGrey, Sampling::k444, Sampling::k422, Sampling::k420})
    {
        for (bool tables : {true, false})
        {
            FrameSpec spec;
            spec.width = 80;
            spec.height = 48;
            spec.sampling = sampling;
            spec.huffman_tables = tables;
            spec.restart_interval = 3;
            Decoder decoder(openk4a_mjpeg_decoder_create());
            const Decoded d = Decode(decoder.get(), EncodeFixtureFrame(spec), spec.width, spec.height);
            ASSERT_EQ(d.status, OPENK4A_COLOR_OK) << openk4a_mjpeg_decoder_last_message(decoder.get());
            EXPECT_FALSE(d.warned);
            for (uint32_t y = 0; y < spec.height; y++)
                for (uint32_t x = 0; x < spec.width; x++)
                {
                    const auto ycc = FixtureBlockYCbCr(spec, x / 8, y / 8);
                    const auto bgr = sampling == Sampling::kGrey ?
                                         std::array<double, 3>{1.0 * ycc[0], 1.0 * ycc[0], 1.0 * ycc[0]} :
                                         JfifToBgr(ycc[0], ycc[1], ycc[2]);
                    const uint8_t *px = &d.bgra[(static_cast<size_t>(y) * spec.width + x) * 4];
                    for (int c = 0; c < 3; c++)
                    {
                        const double want = std::fmin(255, std::fmax(0, bgr[c]));
                        ASSERT_NEAR(px[c], want, 1.5) << "x=" << x << " y=" << y << " c=" << c;
                    }
                    ASSERT_EQ(px[3], 0xFF);
                }
        }
    }
}

TEST(MjpegDecoderTest, ModesMatchAnIndependentTurboJpegDecode)
{
    const auto jpeg = CompressWithTurboJpeg(320, 240, TJSAMP_422, 85);
    ASSERT_FALSE(jpeg.empty());
    Decoder decoder(openk4a_mjpeg_decoder_create());
    const Decoded fast = Decode(decoder.get(), jpeg, 320, 240, OPENK4A_COLOR_MODE_FAST);
    const Decoded accurate = Decode(decoder.get(), jpeg, 320, 240, OPENK4A_COLOR_MODE_ACCURATE);
    ASSERT_EQ(fast.status, OPENK4A_COLOR_OK);
    ASSERT_EQ(accurate.status, OPENK4A_COLOR_OK);
    EXPECT_EQ(fast.bgra, Reference(jpeg, 320, 240, kFastFlags));
    EXPECT_EQ(accurate.bgra, Reference(jpeg, 320, 240, TJFLAG_ACCURATEDCT));
    EXPECT_NE(fast.bgra, accurate.bgra); // the modes really differ
}

TEST(MjpegDecoderTest, WritesOnlyInsideTheStridedRows)
{
    const auto jpeg = CompressWithTurboJpeg(64, 16, TJSAMP_420, 90);
    Decoder decoder(openk4a_mjpeg_decoder_create());
    const uint32_t stride = 64 * 4 + 12;
    const Decoded d = Decode(decoder.get(), jpeg, 64, 16, OPENK4A_COLOR_MODE_FAST, stride);
    ASSERT_EQ(d.status, OPENK4A_COLOR_OK);
    const auto reference = Reference(jpeg, 64, 16, kFastFlags);
    for (uint32_t y = 0; y < 16; y++)
    {
        EXPECT_EQ(0, memcmp(&d.bgra[y * stride], &reference[y * 64 * 4], 64 * 4)) << "row " << y;
        for (uint32_t pad = 64 * 4; pad < stride; pad++)
            ASSERT_EQ(d.bgra[y * stride + pad], 0xAB);
    }
}

TEST(MjpegDecoderTest, StrayBytesBeforeAMarkerWarnButDecode)
{
    FrameSpec spec;
    spec.width = 64;
    spec.height = 16;
    spec.restart_interval = 2;
    spec.stray_bytes = 6; // as the real webcam frame has
    spec.huffman_tables = false;
    Decoder decoder(openk4a_mjpeg_decoder_create());
    const Decoded d = Decode(decoder.get(), EncodeFixtureFrame(spec), 64, 16);
    ASSERT_EQ(d.status, OPENK4A_COLOR_OK);
    EXPECT_TRUE(d.warned);
    EXPECT_NE(std::string(openk4a_mjpeg_decoder_last_message(decoder.get())).find("extraneous bytes"),
              std::string::npos);
    EXPECT_EQ(openk4a_mjpeg_decoder_handle_recreations(decoder.get()), 1u);

    spec.stray_bytes = 0;
    const Decoded clean = Decode(decoder.get(), EncodeFixtureFrame(spec), 64, 16);
    ASSERT_EQ(clean.status, OPENK4A_COLOR_OK);
    EXPECT_FALSE(clean.warned);
    EXPECT_EQ(d.bgra, clean.bgra); // the padding changed nothing in the picture
}

TEST(MjpegDecoderTest, StrayBytesBetweenHeaderSegmentsWarnButDecode)
{
    FrameSpec spec;
    const auto clean = EncodeFixtureFrame(spec);
    auto stray = clean;
    stray.insert(stray.begin() + 2, {0x12, 0x34, 0x56}); // between SOI and the first segment
    Decoder decoder(openk4a_mjpeg_decoder_create());
    const Decoded d = Decode(decoder.get(), stray, spec.width, spec.height);
    ASSERT_EQ(d.status, OPENK4A_COLOR_OK) << openk4a_mjpeg_decoder_last_message(decoder.get());
    EXPECT_TRUE(d.warned);
    const Decoded c = Decode(decoder.get(), clean, spec.width, spec.height);
    ASSERT_EQ(c.status, OPENK4A_COLOR_OK);
    EXPECT_FALSE(c.warned);
    EXPECT_EQ(d.bgra, c.bgra);
    // The header read and the decode each warned: two fresh handles.
    EXPECT_EQ(openk4a_mjpeg_decoder_handle_recreations(decoder.get()), 2u);
}

// TurboJPEG 2.1.5 still says "warning" when a fatal error follows a warning in
// the same frame; the reason counted must be the fatal one.
TEST(MjpegDecoderTest, AFatalErrorAfterAWarningIsADecodeFailure)
{
    FrameSpec spec;
    auto frame = EncodeFixtureFrame(spec);
    frame[3] = 0xFE;                                     // DQT -> COM: no quantisation table
    frame.insert(frame.begin() + 2, {0x12, 0x34, 0x56}); // and a warning before that
    Decoder decoder(openk4a_mjpeg_decoder_create());
    EXPECT_EQ(Decode(decoder.get(), frame, spec.width, spec.height).status, OPENK4A_COLOR_DECODE_FAILED)
        << openk4a_mjpeg_decoder_last_message(decoder.get());
    EXPECT_NE(std::string(openk4a_mjpeg_decoder_last_message(decoder.get())).find("Quantization table"),
              std::string::npos);
}

TEST(MjpegDecoderTest, BrokenFramesAreDroppedAndTheDecoderRecovers)
{
    FrameSpec spec;
    spec.width = 128;
    spec.height = 32;
    spec.restart_interval = 4;
    const auto good = EncodeFixtureFrame(spec);
    Decoder decoder(openk4a_mjpeg_decoder_create());
    const Decoded first = Decode(decoder.get(), good, 128, 32);
    ASSERT_EQ(first.status, OPENK4A_COLOR_OK);

    std::vector<std::pair<std::vector<uint8_t>, openk4a_color_status_t>> bad;
    bad.push_back({std::vector<uint8_t>(good.begin(), good.begin() + good.size() / 2), OPENK4A_COLOR_TRUNCATED});
    bad.push_back({std::vector<uint8_t>(100, 0x5A), OPENK4A_COLOR_NOT_JPEG});
    auto no_dqt = good; // DQT renamed to COM: the table must not be borrowed from the last frame
    no_dqt[3] = 0xFE;
    bad.push_back({no_dqt, OPENK4A_COLOR_DECODE_FAILED});
    // Bytes lost inside a restart interval (markers intact, so only libjpeg can
    // tell): it warns about the short interval and the frame is dropped.
    size_t rst1 = 0, rst2 = 0;
    for (size_t i = 0, n = 0; i + 1 < good.size(); i++)
        if (good[i] == 0xFF && good[i + 1] >= 0xD0 && good[i + 1] <= 0xD7 && ++n <= 2)
            (n == 1 ? rst1 : rst2) = i;
    ASSERT_GT(rst2, rst1 + 8);
    auto short_interval = good;
    short_interval.erase(short_interval.begin() + (rst1 + rst2) / 2, short_interval.begin() + (rst1 + rst2) / 2 + 3);
    bad.push_back({short_interval, OPENK4A_COLOR_CORRUPT});
    FrameSpec other = spec;
    other.width = 64;
    bad.push_back({EncodeFixtureFrame(other), OPENK4A_COLOR_SIZE_MISMATCH});

    for (const auto &[frame, expected] : bad)
    {
        const Decoded d = Decode(decoder.get(), frame, 128, 32);
        EXPECT_EQ(d.status, expected) << openk4a_color_status_str(d.status) << ": "
                                      << openk4a_mjpeg_decoder_last_message(decoder.get());
        const Decoded again = Decode(decoder.get(), good, 128, 32);
        ASSERT_EQ(again.status, OPENK4A_COLOR_OK) << "after " << openk4a_color_status_str(expected);
        EXPECT_EQ(again.bgra, first.bgra);
    }
    // Only the two frames that reached libjpeg and failed cost a handle.
    EXPECT_EQ(openk4a_mjpeg_decoder_handle_recreations(decoder.get()), 2u);
    EXPECT_EQ(openk4a_mjpeg_decoder_table_resets(decoder.get()), 1u);
}

TEST(MjpegDecoderTest, AFrameWithoutHuffmanTablesNeverInheritsTheLastFramesTables)
{
    FrameSpec with_tables; // its own AC tables, unlike the standard ones
    with_tables.width = 64;
    with_tables.height = 16;
    FrameSpec without = with_tables;
    without.huffman_tables = false;
    without.seed = 3;
    Decoder fresh(openk4a_mjpeg_decoder_create());
    const Decoded expected = Decode(fresh.get(), EncodeFixtureFrame(without), 64, 16);
    ASSERT_EQ(expected.status, OPENK4A_COLOR_OK);

    Decoder decoder(openk4a_mjpeg_decoder_create());
    for (int round = 0; round < 3; round++)
    {
        ASSERT_EQ(Decode(decoder.get(), EncodeFixtureFrame(with_tables), 64, 16).status, OPENK4A_COLOR_OK);
        const Decoded d = Decode(decoder.get(), EncodeFixtureFrame(without), 64, 16);
        ASSERT_EQ(d.status, OPENK4A_COLOR_OK) << openk4a_mjpeg_decoder_last_message(decoder.get());
        EXPECT_EQ(d.bgra, expected.bgra);
    }
    EXPECT_EQ(openk4a_mjpeg_decoder_table_resets(decoder.get()), 3u);
    // A steady stream of one kind keeps its handle.
    for (int i = 0; i < 3; i++)
        ASSERT_EQ(Decode(decoder.get(), EncodeFixtureFrame(without), 64, 16).status, OPENK4A_COLOR_OK);
    EXPECT_EQ(openk4a_mjpeg_decoder_table_resets(decoder.get()), 3u);
    EXPECT_EQ(openk4a_mjpeg_decoder_handle_recreations(decoder.get()), 0u);
}

TEST(MjpegDecoderTest, RejectsBadArgumentsWithoutWriting)
{
    const auto jpeg = EncodeFixtureFrame(FrameSpec{});
    Decoder decoder(openk4a_mjpeg_decoder_create());
    std::vector<uint8_t> dst(64 * 32 * 4, 0xAB);
    bool warned = true;
    auto decode = [&](uint32_t w, uint32_t h, uint32_t stride, size_t size)
    {
        return openk4a_mjpeg_decoder_decode(decoder.get(), jpeg.data(), jpeg.size(), dst.data(), size, w, h, stride,
                                            OPENK4A_COLOR_MODE_FAST, &warned);
    };
    EXPECT_EQ(decode(64, 32, 64 * 4 - 1, dst.size()), OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(decode(64, 32, 64 * 4, dst.size() - 1), OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(decode(0, 32, 64 * 4, dst.size()), OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_FALSE(warned);
    EXPECT_EQ(openk4a_mjpeg_decoder_decode(nullptr, jpeg.data(), jpeg.size(), dst.data(), dst.size(), 64, 32, 256,
                                           OPENK4A_COLOR_MODE_FAST, nullptr),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_mjpeg_decoder_decode(decoder.get(), jpeg.data(), jpeg.size(), dst.data(), dst.size(), 64, 32, 256,
                                           static_cast<openk4a_color_mode_t>(7), nullptr),
              OPENK4A_COLOR_INVALID_ARGUMENT);
    for (uint8_t b : dst)
        ASSERT_EQ(b, 0xAB);
    EXPECT_EQ(decode(64, 32, 64 * 4, dst.size()), OPENK4A_COLOR_OK); // the right call works
}

// Mean of each of B, G, R over the image.
std::array<double, 3> MeanBgr(const std::vector<uint8_t> &bgra)
{
    std::array<double, 3> sum{};
    for (size_t i = 0; i < bgra.size(); i += 4)
        for (int c = 0; c < 3; c++)
            sum[c] += bgra[i + c];
    for (double &s : sum)
        s /= static_cast<double>(bgra.size() / 4);
    return sum;
}

TEST(MjpegDecoderTest, EveryRealFrameDecodes)
{
    struct Case
    {
        const char *file;
        uint32_t width, height;
        bool warns;
    };
    const Case cases[] = {
        {"mjpeg/azure_kinect_720p_422.jpg", 1280, 720, false},
        {"mjpeg/azure_kinect_3072p_422.jpg", 4096, 3072, false},
        {"mjpeg/webcam_960x720_no_dht.jpg", 960, 720, true},
        {"mjpeg/libjpeg_turbo_testorig.jpg", 227, 149, false},
    };
    int found = 0;
    Decoder decoder(openk4a_mjpeg_decoder_create());
    for (const Case &c : cases)
    {
        const auto jpeg = ReadTestdata(c.file);
        if (!jpeg)
            continue;
        found++;
        for (openk4a_color_mode_t mode : {OPENK4A_COLOR_MODE_FAST, OPENK4A_COLOR_MODE_ACCURATE})
        {
            const Decoded d = Decode(decoder.get(), *jpeg, c.width, c.height, mode);
            ASSERT_EQ(d.status, OPENK4A_COLOR_OK)
                << c.file << ": " << openk4a_mjpeg_decoder_last_message(decoder.get());
            EXPECT_EQ(d.warned, c.warns) << c.file;
            // Same pixels as a bare TurboJPEG call with the same flags.
            const int flags = mode == OPENK4A_COLOR_MODE_FAST ? kFastFlags : TJFLAG_ACCURATEDCT;
            EXPECT_TRUE(d.bgra == Reference(*jpeg, c.width, c.height, flags)) << c.file;
            // A real picture: not flat, not black, not the grey libjpeg fills lost data with.
            const auto mean = MeanBgr(d.bgra);
            for (int ch = 0; ch < 3; ch++)
            {
                EXPECT_GT(mean[ch], 10.0) << c.file;
                EXPECT_LT(mean[ch], 245.0) << c.file;
            }
            size_t grey128 = 0;
            for (size_t i = 0; i < d.bgra.size(); i += 4)
                grey128 += d.bgra[i] == 128 && d.bgra[i + 1] == 128 && d.bgra[i + 2] == 128;
            EXPECT_LT(grey128, d.bgra.size() / 4 / 20) << c.file;
            for (size_t i = 3; i < d.bgra.size(); i += 4)
                ASSERT_EQ(d.bgra[i], 0xFF);
        }
    }
    if (found == 0)
        GTEST_SKIP() << "shared testdata absent: mjpeg/*.jpg";
}

TEST(MjpegDecoderTest, DamagedRealFramesAreDroppedAndRecovered)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(jpeg, "mjpeg/azure_kinect_720p_422.jpg");
    Decoder decoder(openk4a_mjpeg_decoder_create());
    const Decoded good = Decode(decoder.get(), jpeg, 1280, 720);
    ASSERT_EQ(good.status, OPENK4A_COLOR_OK);
    // Truncated at 90% (libjpeg alone would only warn and fill with grey).
    const std::vector<uint8_t> cut(jpeg.begin(), jpeg.begin() + jpeg.size() * 9 / 10);
    EXPECT_EQ(Decode(decoder.get(), cut, 1280, 720).status, OPENK4A_COLOR_TRUNCATED);
    // One restart interval lost in transit.
    std::vector<size_t> rst;
    for (size_t i = 0; i + 1 < jpeg.size(); i++)
        if (jpeg[i] == 0xFF && jpeg[i + 1] >= 0xD0 && jpeg[i + 1] <= 0xD7)
            rst.push_back(i);
    ASSERT_GE(rst.size(), 4u);
    std::vector<uint8_t> lost(jpeg.begin(), jpeg.begin() + rst[2]);
    lost.insert(lost.end(), jpeg.begin() + rst[3], jpeg.end());
    EXPECT_EQ(Decode(decoder.get(), lost, 1280, 720).status, OPENK4A_COLOR_CORRUPT);
    const Decoded again = Decode(decoder.get(), jpeg, 1280, 720);
    ASSERT_EQ(again.status, OPENK4A_COLOR_OK);
    EXPECT_TRUE(again.bgra == good.bgra);
}

} // namespace
} // namespace openk4a::testing
