#include "core/color/mjpeg_scan.h"

#include <turbojpeg.h>

#include <vector>

#include "gtest/gtest.h"
#include "tests/color/jpeg_fixtures.h"
#include "tests/testing/testdata.h"

namespace openk4a::testing
{
namespace
{

openk4a_color_status_t Scan(const std::vector<uint8_t> &bytes, openk4a_mjpeg_info_t *info)
{
    return openk4a_mjpeg_scan(bytes.data(), bytes.size(), info);
}

// Offset of the n-th (0-based) RSTm marker in the stream.
size_t RestartMarkerOffset(const std::vector<uint8_t> &f, int n)
{
    for (size_t i = 0; i + 1 < f.size(); i++)
        if (f[i] == 0xFF && f[i + 1] >= 0xD0 && f[i + 1] <= 0xD7 && n-- == 0)
            return i;
    return 0;
}

TEST(MjpegScanTest, AzureKinectShapedFrame)
{
    FrameSpec spec;
    spec.width = 128;
    spec.height = 48;
    spec.restart_interval = 6; // 8 x 6 = 48 MCUs -> 8 intervals -> 7 markers
    const auto frame = EncodeFixtureFrame(spec);
    openk4a_mjpeg_info_t info;
    ASSERT_EQ(Scan(frame, &info), OPENK4A_COLOR_OK);
    EXPECT_EQ(info.width, 128u);
    EXPECT_EQ(info.height, 48u);
    EXPECT_EQ(info.components, 3u);
    EXPECT_EQ(info.h_samp[0], 2);
    EXPECT_EQ(info.v_samp[0], 1);
    EXPECT_EQ(info.restart_interval, 6u);
    EXPECT_EQ(info.restart_markers, 7u);
    EXPECT_EQ(info.scans, 1u);
    EXPECT_TRUE(info.has_huffman_tables);
    EXPECT_EQ(info.end_offset, frame.size());
}

TEST(MjpegScanTest, WebcamShapedFrameWithoutHuffmanTables)
{
    FrameSpec spec;
    spec.width = 96;
    spec.height = 24;
    spec.huffman_tables = false;
    spec.avi1_header = true;
    spec.restart_interval = 1;
    auto frame = EncodeFixtureFrame(spec);
    frame.insert(frame.end(), 5, 0x00); // UVC payload padding after EOI
    openk4a_mjpeg_info_t info;
    ASSERT_EQ(Scan(frame, &info), OPENK4A_COLOR_OK);
    EXPECT_FALSE(info.has_huffman_tables);
    EXPECT_EQ(info.restart_markers, 6u * 3u - 1u);
    EXPECT_EQ(info.end_offset, frame.size() - 5);
}

TEST(MjpegScanTest, RealFramesMatchTheirKnownStructure)
{
    struct Case
    {
        const char *file;
        uint32_t width, height, restart_markers;
        bool huffman;
    };
    const Case cases[] = {
        {"mjpeg/azure_kinect_720p_422.jpg", 1280, 720, 15, true},
        {"mjpeg/azure_kinect_3072p_422.jpg", 4096, 3072, 15, true},
        {"mjpeg/webcam_960x720_no_dht.jpg", 960, 720, 539, false},
        {"mjpeg/libjpeg_turbo_testorig.jpg", 227, 149, 0, true},
    };
    int found = 0;
    for (const Case &c : cases)
    {
        const auto bytes = ReadTestdata(c.file);
        if (!bytes)
            continue;
        found++;
        openk4a_mjpeg_info_t info;
        ASSERT_EQ(Scan(*bytes, &info), OPENK4A_COLOR_OK) << c.file;
        EXPECT_EQ(info.width, c.width) << c.file;
        EXPECT_EQ(info.height, c.height) << c.file;
        EXPECT_EQ(info.restart_markers, c.restart_markers) << c.file;
        EXPECT_EQ(static_cast<bool>(info.has_huffman_tables), c.huffman) << c.file;
        EXPECT_EQ(info.end_offset, bytes->size()) << c.file;
    }
    if (found == 0)
        GTEST_SKIP() << "shared testdata absent: mjpeg/*.jpg";
}

TEST(MjpegScanTest, EveryTruncationIsRejected)
{
    FrameSpec spec;
    spec.width = 48;
    spec.height = 16;
    spec.restart_interval = 2;
    const auto frame = EncodeFixtureFrame(spec);
    openk4a_mjpeg_info_t info;
    for (size_t n = 0; n < frame.size(); n++)
    {
        const std::vector<uint8_t> cut(frame.begin(), frame.begin() + n);
        const openk4a_color_status_t status = Scan(cut, &info);
        EXPECT_NE(status, OPENK4A_COLOR_OK) << "cut at " << n;
        EXPECT_TRUE(status == OPENK4A_COLOR_TRUNCATED || status == OPENK4A_COLOR_NOT_JPEG ||
                    status == OPENK4A_COLOR_CORRUPT)
            << "cut at " << n << ": " << openk4a_color_status_str(status);
    }
}

TEST(MjpegScanTest, LostRestartIntervalIsCorrupt)
{
    FrameSpec spec;
    spec.width = 128;
    spec.height = 16;
    spec.restart_interval = 2;
    const auto frame = EncodeFixtureFrame(spec);
    // Cut out everything from RST1 up to RST2: one interval and its marker lost,
    // the way a dropped USB payload loses it.
    const size_t a = RestartMarkerOffset(frame, 1), b = RestartMarkerOffset(frame, 2);
    ASSERT_GT(b, a);
    std::vector<uint8_t> lost(frame.begin(), frame.begin() + a);
    lost.insert(lost.end(), frame.begin() + b, frame.end());
    openk4a_mjpeg_info_t info;
    EXPECT_EQ(Scan(lost, &info), OPENK4A_COLOR_CORRUPT);

    // Markers out of order.
    auto swapped = frame;
    swapped[RestartMarkerOffset(frame, 0) + 1] = 0xD3;
    EXPECT_EQ(Scan(swapped, &info), OPENK4A_COLOR_CORRUPT);
}

TEST(MjpegScanTest, RestartMarkerWithoutIntervalIsCorrupt)
{
    FrameSpec spec;
    spec.width = 64;
    spec.height = 16;
    spec.restart_interval = 1;
    auto frame = EncodeFixtureFrame(spec);
    // Blank the DRI segment into a COM segment: the RSTs are now unexpected.
    for (size_t i = 0; i + 1 < frame.size(); i++)
        if (frame[i] == 0xFF && frame[i + 1] == 0xDD)
        {
            frame[i + 1] = 0xFE;
            break;
        }
    openk4a_mjpeg_info_t info;
    EXPECT_EQ(Scan(frame, &info), OPENK4A_COLOR_CORRUPT);
}

TEST(MjpegScanTest, TooLittleEntropyDataForTheDeclaredSizeIsTruncated)
{
    FrameSpec spec;
    spec.width = 16;
    spec.height = 8;
    auto frame = EncodeFixtureFrame(spec);
    // Claim 4096x3072 for the same few bytes of entropy data.
    for (size_t i = 0; i + 1 < frame.size(); i++)
        if (frame[i] == 0xFF && frame[i + 1] == 0xC0)
        {
            frame[i + 5] = 0x0C; // height 3072
            frame[i + 6] = 0x00;
            frame[i + 7] = 0x10; // width 4096
            frame[i + 8] = 0x00;
            break;
        }
    openk4a_mjpeg_info_t info;
    EXPECT_EQ(Scan(frame, &info), OPENK4A_COLOR_TRUNCATED);
}

TEST(MjpegScanTest, NotJpegAndStructuralErrors)
{
    openk4a_mjpeg_info_t info;
    EXPECT_EQ(Scan({}, &info), OPENK4A_COLOR_NOT_JPEG);
    EXPECT_EQ(Scan({0x00, 0xD8, 0xFF}, &info), OPENK4A_COLOR_NOT_JPEG);
    EXPECT_EQ(Scan({0xFF, 0xD8}, &info), OPENK4A_COLOR_TRUNCATED);
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0xD9}, &info), OPENK4A_COLOR_CORRUPT);             // no image
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0xD8}, &info), OPENK4A_COLOR_CORRUPT);             // two SOI
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01}, &info), OPENK4A_COLOR_CORRUPT); // length < 2
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x00}, &info), OPENK4A_COLOR_TRUNCATED);
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02}, &info), OPENK4A_COLOR_CORRUPT); // SOS before SOF
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0x05, 0x00, 0x02}, &info), OPENK4A_COLOR_CORRUPT); // reserved marker
    EXPECT_EQ(openk4a_mjpeg_scan(nullptr, 4, &info), OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_mjpeg_scan(nullptr, 0, nullptr), OPENK4A_COLOR_INVALID_ARGUMENT);
}

TEST(MjpegScanTest, StrayBytesBetweenSegmentsAreCounted)
{
    auto frame = EncodeFixtureFrame(FrameSpec{});
    frame.insert(frame.begin() + 2, {0x12, 0x34, 0x56});
    openk4a_mjpeg_info_t info;
    ASSERT_EQ(Scan(frame, &info), OPENK4A_COLOR_OK);
    EXPECT_EQ(info.extraneous_bytes, 3u);
}

TEST(MjpegScanTest, UnsupportedVariants)
{
    std::vector<uint8_t> pixels(32 * 16 * 4, 0x80);
    auto compress = [&](int pixel_format, int subsamp, int flags)
    {
        // A fresh handle each time: a TurboJPEG compressor reused after a
        // progressive image writes a stream too short for its own tables.
        tjhandle handle = tjInitCompress();
        unsigned char *jpeg = nullptr;
        unsigned long size = 0;
        EXPECT_EQ(tjCompress2(handle, pixels.data(), 32, 0, 16, pixel_format, &jpeg, &size, subsamp, 90, flags), 0);
        std::vector<uint8_t> out(jpeg, jpeg + size);
        tjFree(jpeg);
        tjDestroy(handle);
        return out;
    };
    openk4a_mjpeg_info_t info;
    EXPECT_EQ(Scan(compress(TJPF_RGB, TJSAMP_422, TJFLAG_PROGRESSIVE), &info), OPENK4A_COLOR_UNSUPPORTED);
    EXPECT_EQ(Scan(compress(TJPF_CMYK, TJSAMP_444, 0), &info), OPENK4A_COLOR_UNSUPPORTED);
    EXPECT_EQ(Scan(compress(TJPF_RGB, TJSAMP_GRAY, 0), &info), OPENK4A_COLOR_OK);
    EXPECT_EQ(info.components, 1u);
}

TEST(MjpegScanTest, RecordsTheTablesAFrameDefines)
{
    openk4a_mjpeg_info_t info;
    FrameSpec spec;
    ASSERT_EQ(Scan(EncodeFixtureFrame(spec), &info), OPENK4A_COLOR_OK);
    EXPECT_EQ(info.tables_defined, OPENK4A_MJPEG_TABLE_DQT(0) | OPENK4A_MJPEG_TABLE_DQT(1) | OPENK4A_MJPEG_TABLE_DC(0) |
                                       OPENK4A_MJPEG_TABLE_DC(1) | OPENK4A_MJPEG_TABLE_AC(0) |
                                       OPENK4A_MJPEG_TABLE_AC(1));
    spec.huffman_tables = false;
    ASSERT_EQ(Scan(EncodeFixtureFrame(spec), &info), OPENK4A_COLOR_OK);
    EXPECT_EQ(info.tables_defined, OPENK4A_MJPEG_TABLE_DQT(0) | OPENK4A_MJPEG_TABLE_DQT(1));
    // A DQT segment whose table runs past its length.
    EXPECT_EQ(Scan({0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x05, 0x00, 0x01, 0x01}, &info), OPENK4A_COLOR_CORRUPT);
    // A DHT segment with more symbols than it holds.
    std::vector<uint8_t> dht = {0xFF, 0xD8, 0xFF, 0xC4, 0x00, 19, 0x00, 2};
    dht.insert(dht.end(), 15, 0);
    dht.push_back(0x00);
    EXPECT_EQ(Scan(dht, &info), OPENK4A_COLOR_CORRUPT);
}

} // namespace
} // namespace openk4a::testing
