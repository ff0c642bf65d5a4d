// Configuration descriptor -> video function model, on the real descriptors
// in ../shared/testdata/uvc/ and on hostile variants of them.
//
// The expected lists below were written by reading the descriptors with a
// separate Python dump (bLength walk, subtype 0x05/0x07/0x11 frame fields).
#include "openk4a/usb/uvc_descriptors.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "openk4a/usb/wire_runtime.h"
#include "tests/testing/testdata.h"

namespace
{

using Bytes = std::vector<uint8_t>;

struct Parsed
{
    std::unique_ptr<openk4a_uvc_config_t> model{new openk4a_uvc_config_t};
    openk4a_usb_status_t status;
    size_t consumed = 0;
};

// Parses from an exact-size heap copy (over-reads trip ASan).
Parsed Parse(const Bytes &bytes)
{
    Parsed p;
    std::unique_ptr<uint8_t[]> exact(new uint8_t[bytes.size() + 1]);
    if (!bytes.empty())
        std::memcpy(exact.get(), bytes.data(), bytes.size());
    p.status = openk4a_uvc_config_parse(exact.get(), bytes.size(), p.model.get(), &p.consumed);
    return p;
}

struct Size
{
    uint16_t w, h;
    bool operator==(const Size &o) const
    {
        return w == o.w && h == o.h;
    }
};

std::vector<Size> FrameSizes(const openk4a_uvc_config_t &m, const openk4a_uvc_format_t &f)
{
    std::vector<Size> out;
    for (size_t i = 0; i < f.frame_count; ++i)
    {
        const openk4a_uvc_frame_desc_t &fr = m.frames[f.first_frame + i];
        out.push_back({fr.width, fr.height});
    }
    return out;
}

std::vector<uint32_t> Intervals(const openk4a_uvc_config_t &m, const openk4a_uvc_frame_desc_t &fr)
{
    std::vector<uint32_t> out;
    for (size_t i = 0; i < fr.interval_type; ++i)
        out.push_back(openk4a_uvc_frame_interval_at(&m, &fr, i));
    return out;
}

std::vector<uint32_t> AltBandwidths(const openk4a_uvc_config_t &m, uint8_t interface_number)
{
    std::vector<uint32_t> out;
    for (size_t i = 0; i < m.alt_count; ++i)
    {
        if (m.alts[i].interface_number == interface_number && m.alts[i].has_endpoint)
        {
            out.push_back(m.alts[i].bytes_per_interval);
        }
    }
    return out;
}

const std::vector<uint32_t> k6 = {333333, 400000, 500000, 666666, 1000000, 2000000};
const std::vector<uint32_t> k5 = {400000, 500000, 666666, 1000000, 2000000};
const std::vector<uint32_t> k4 = {500000, 666666, 1000000, 2000000};
const std::vector<uint32_t> k3 = {666666, 1000000, 2000000};
const std::vector<uint32_t> k2 = {1000000, 2000000};
const std::vector<uint32_t> k2slow = {1333333, 2000000};

const std::vector<Size> kLogitechSizes = {{640, 480},  {160, 120},  {176, 144},  {320, 176}, {320, 240},
                                          {352, 288},  {432, 240},  {544, 288},  {640, 360}, {752, 416},
                                          {800, 448},  {800, 600},  {864, 480},  {960, 544}, {960, 720},
                                          {1024, 576}, {1184, 656}, {1280, 720}, {1280, 960}};

void ExpectLogitech(const openk4a_uvc_config_t &m, const std::vector<std::vector<uint32_t>> &yuy2)
{
    // A real quirk: the input header says bNumFormats 3, two formats follow.
    EXPECT_EQ(m.warnings, OPENK4A_UVC_WARN_FORMAT_COUNT);
    EXPECT_EQ(m.streaming[0].num_formats_declared, 3);
    EXPECT_EQ(m.control.bcd_uvc, 0x0100);
    EXPECT_EQ(m.control.clock_frequency, 48000000u);
    EXPECT_EQ(m.control.entity_count, 7u); // camera, PU, four XUs, output terminal
    EXPECT_EQ(m.control.interrupt_endpoint, 0x87);
    EXPECT_EQ(m.control.interrupt_max_transfer_size, 16);
    ASSERT_EQ(m.streaming_count, 1u);
    const openk4a_uvc_streaming_interface_t &si = m.streaming[0];
    EXPECT_EQ(si.interface_number, 1);
    EXPECT_EQ(si.endpoint_address, 0x81);
    ASSERT_EQ(si.format_count, 2u);
    const openk4a_uvc_format_t &y = m.formats[si.first_format];
    const openk4a_uvc_format_t &j = m.formats[si.first_format + 1];
    EXPECT_EQ(y.pixel_format, OPENK4A_UVC_PIXEL_YUY2);
    EXPECT_EQ(y.bits_per_pixel, 16);
    EXPECT_EQ(y.format_index, 1);
    EXPECT_EQ(j.pixel_format, OPENK4A_UVC_PIXEL_MJPEG);
    EXPECT_EQ(j.format_index, 2);
    EXPECT_EQ(FrameSizes(m, y), kLogitechSizes);
    EXPECT_EQ(FrameSizes(m, j), kLogitechSizes);
    ASSERT_EQ(yuy2.size(), 19u);
    for (size_t i = 0; i < 19; ++i)
    {
        EXPECT_EQ(Intervals(m, m.frames[y.first_frame + i]), yuy2[i]) << "YUY2 frame " << i + 1;
        EXPECT_EQ(Intervals(m, m.frames[j.first_frame + i]), k6) << "MJPG frame " << i + 1;
    }
    EXPECT_TRUE(y.has_color_matching);
    EXPECT_TRUE(j.has_color_matching);
    EXPECT_FALSE(y.has_still);
    // Eleven isochronous alternate settings, high-bandwidth ones included.
    EXPECT_EQ(AltBandwidths(m, 1), (std::vector<uint32_t>{192, 384, 512, 640, 800, 944, 1280, 1600, 1984, 2688, 3060}));
    EXPECT_GT(m.skipped_descriptors, 0u); // IADs and the audio function
}

TEST(UvcDescriptors, LogitechC270)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/logitech_c270.cfg.bin");
    Parsed p = Parse(bytes);
    ASSERT_EQ(p.status, OPENK4A_USB_OK) << openk4a_usb_status_message(p.status) << " at " << p.consumed;
    EXPECT_EQ(p.consumed, 2466u);
    const std::vector<std::vector<uint32_t>> yuy2 = {k6, k6, k6, k6, k6, k6, k6, k6,     k6,    k5,
                                                     k4, k4, k4, k3, k2, k2, k2, k2slow, k2slow};
    ExpectLogitech(*p.model, yuy2);
    EXPECT_EQ(p.model->num_interfaces, 4);
}

TEST(UvcDescriptors, LogitechC310)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/logitech_c310.cfg.bin");
    Parsed p = Parse(bytes);
    ASSERT_EQ(p.status, OPENK4A_USB_OK) << openk4a_usb_status_message(p.status) << " at " << p.consumed;
    EXPECT_EQ(p.consumed, 2469u);
    const std::vector<std::vector<uint32_t>> yuy2 = {k6, k6, k6, k6, k6, k6, k6, k6, k6,    k5,
                                                     k5, k4, k4, k3, k2, k2, k2, k2, k2slow};
    ExpectLogitech(*p.model, yuy2);
}

TEST(UvcDescriptors, AnkerPowerConfC200)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/anker_powerconf_c200.cfg.bin");
    Parsed p = Parse(bytes);
    ASSERT_EQ(p.status, OPENK4A_USB_OK) << openk4a_usb_status_message(p.status) << " at " << p.consumed;
    const openk4a_uvc_config_t &m = *p.model;
    EXPECT_EQ(m.warnings, 0u);
    EXPECT_EQ(m.control.bcd_uvc, 0x0110);
    EXPECT_EQ(m.control.entity_count, 4u);
    ASSERT_EQ(m.streaming_count, 1u);
    ASSERT_EQ(m.format_count, 3u);
    const std::vector<Size> big = {{2560, 1440}, {1920, 1080}, {1280, 720}, {640, 480}, {640, 360}, {320, 240}};
    EXPECT_EQ(m.formats[0].pixel_format, OPENK4A_UVC_PIXEL_MJPEG);
    EXPECT_EQ(FrameSizes(m, m.formats[0]), big);
    EXPECT_EQ(m.formats[1].pixel_format, OPENK4A_UVC_PIXEL_YUY2);
    EXPECT_EQ(FrameSizes(m, m.formats[1]), (std::vector<Size>{{640, 480}, {640, 360}, {320, 240}}));
    EXPECT_EQ(m.formats[2].subtype, OPENK4A_UVC_VS_FORMAT_FRAME_BASED);
    EXPECT_EQ(m.formats[2].pixel_format, OPENK4A_UVC_PIXEL_H264);
    EXPECT_EQ(FrameSizes(m, m.formats[2]), big);
    for (size_t i = 0; i < m.frame_count; ++i)
    {
        EXPECT_EQ(Intervals(m, m.frames[i]), std::vector<uint32_t>{333333}) << i;
    }
    // Still images: 1920x1080 for MJPEG and YUY2; colour matching after H.264.
    ASSERT_TRUE(m.formats[0].has_still);
    ASSERT_EQ(m.formats[0].still_size_count, 1u);
    EXPECT_EQ(m.still_sizes[m.formats[0].first_still_size].wWidth, 1920);
    EXPECT_EQ(m.still_sizes[m.formats[0].first_still_size].wHeight, 1080);
    EXPECT_TRUE(m.formats[1].has_still);
    EXPECT_FALSE(m.formats[2].has_still);
    EXPECT_TRUE(m.formats[2].has_color_matching);
    EXPECT_EQ(AltBandwidths(m, 1), std::vector<uint32_t>{2048});
}

TEST(UvcDescriptors, TrustWebcam)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/trust_webcam.cfg.bin");
    Parsed p = Parse(bytes);
    ASSERT_EQ(p.status, OPENK4A_USB_OK) << openk4a_usb_status_message(p.status) << " at " << p.consumed;
    const openk4a_uvc_config_t &m = *p.model;
    EXPECT_EQ(m.warnings, 0u);
    EXPECT_EQ(m.control.clock_frequency, 15000000u);
    EXPECT_EQ(m.control.entity_count, 4u);
    ASSERT_EQ(m.format_count, 1u);
    const openk4a_uvc_format_t &f = m.formats[0];
    EXPECT_EQ(f.pixel_format, OPENK4A_UVC_PIXEL_YUY2);
    EXPECT_EQ(FrameSizes(m, f),
              (std::vector<Size>{{640, 480}, {352, 288}, {320, 240}, {176, 144}, {1280, 1024}, {160, 120}}));
    EXPECT_EQ(Intervals(m, m.frames[f.first_frame + 4]), std::vector<uint32_t>{2000000});
    EXPECT_EQ(Intervals(m, m.frames[f.first_frame + 5]), k6);
    ASSERT_TRUE(f.has_still);
    ASSERT_EQ(f.still_size_count, 5u);
    EXPECT_EQ(m.still_sizes[f.first_still_size + 1].wWidth, 352);
    EXPECT_EQ(m.still_sizes[f.first_still_size + 4].wHeight, 120);
    EXPECT_EQ(AltBandwidths(m, 1), (std::vector<uint32_t>{128, 256, 800, 1600, 2400, 3072}));
}

TEST(UvcDescriptors, AMalformedStillImageFrameIsAWarningNotARefusal)
{
    // A real webcam's descriptors, its still image frame descriptor declaring
    // more patterns than fit in its length (real cameras do this with their
    // compression patterns).
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/trust_webcam.cfg.bin");
    const Parsed intact = Parse(bytes);
    ASSERT_EQ(intact.status, OPENK4A_USB_OK);
    Bytes broken = bytes;
    size_t still = 0;
    bool streaming = false; // in a VideoStreaming interface (subclass 2)
    for (size_t i = 0; i + 6 < broken.size() && broken[i] != 0; i += broken[i])
    {
        if (broken[i + 1] == 0x04)
            streaming = broken[i + 5] == 0x0E && broken[i + 6] == 0x02;
        if (streaming && broken[i + 1] == 0x24 && broken[i + 2] == OPENK4A_UVC_VS_STILL_IMAGE_FRAME)
            still = i;
    }
    ASSERT_NE(still, 0u) << "no still image frame descriptor";
    broken[still + 4] = 200; // bNumImageSizePatterns: patterns past the descriptor's end
    const Parsed p = Parse(broken);
    ASSERT_EQ(p.status, OPENK4A_USB_OK) << openk4a_usb_status_message(p.status) << " at " << p.consumed;
    const openk4a_uvc_config_t &m = *p.model;
    EXPECT_EQ(m.warnings, OPENK4A_UVC_WARN_STILL_FRAME);
    EXPECT_FALSE(m.formats[0].has_still);
    // Everything streaming uses is as in the intact descriptors.
    ASSERT_EQ(m.format_count, intact.model->format_count);
    EXPECT_EQ(FrameSizes(m, m.formats[0]), FrameSizes(*intact.model, intact.model->formats[0]));
    EXPECT_EQ(AltBandwidths(m, 1), AltBandwidths(*intact.model, 1));
}

TEST(UvcDescriptors, QueriesOnARealModel)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/logitech_c270.cfg.bin");
    Parsed p = Parse(bytes);
    ASSERT_EQ(p.status, OPENK4A_USB_OK);
    const openk4a_uvc_config_t *m = p.model.get();
    const openk4a_uvc_format_t *mjpg = openk4a_uvc_config_find_pixel_format(m, OPENK4A_UVC_PIXEL_MJPEG);
    ASSERT_NE(mjpg, nullptr);
    EXPECT_EQ(openk4a_uvc_config_find_format(m, 1, 2), mjpg);
    EXPECT_EQ(openk4a_uvc_config_find_format(m, 1, 9), nullptr);
    const openk4a_uvc_frame_desc_t *hd = openk4a_uvc_config_find_frame_by_size(m, mjpg, 1280, 720);
    ASSERT_NE(hd, nullptr);
    EXPECT_EQ(hd->frame_index, 18);
    EXPECT_EQ(openk4a_uvc_config_find_frame(m, mjpg, 18), hd);
    EXPECT_TRUE(openk4a_uvc_frame_supports_interval(m, hd, 333333));
    EXPECT_FALSE(openk4a_uvc_frame_supports_interval(m, hd, 333334));
    EXPECT_EQ(openk4a_uvc_config_find_frame_by_size(m, mjpg, 1920, 1080), nullptr);
    // Smallest alternate setting that carries 1000 bytes per microframe.
    const openk4a_uvc_alt_setting_t *alt = openk4a_uvc_config_pick_alt_setting(m, 1, 1000);
    ASSERT_NE(alt, nullptr);
    EXPECT_EQ(alt->alternate_setting, 7);
    EXPECT_EQ(openk4a_uvc_config_pick_alt_setting(m, 1, 4000), nullptr);
    EXPECT_STREQ(openk4a_uvc_pixel_format_name(OPENK4A_UVC_PIXEL_YUY2), "YUY2");
}

// ---- hostile variants --------------------------------------------------------

// Offset of the first descriptor of `type` (and `subtype` when >= 0) at or after `from`.
size_t FindDescriptor(const Bytes &b, uint8_t type, int subtype = -1, size_t from = 0)
{
    size_t i = 0;
    while (i + 2 < b.size() && b[i] != 0)
    {
        if (i >= from && b[i + 1] == type && (subtype < 0 || b[i + 2] == subtype))
            return i;
        i += b[i];
    }
    return SIZE_MAX;
}

// A VideoStreaming class descriptor (subtypes overlap with VideoControl ones).
size_t FindVs(const Bytes &b, uint8_t subtype)
{
    size_t i = 0;
    while (i + 6 < b.size() && b[i] != 0)
    {
        if (b[i + 1] == OPENK4A_UVC_DT_INTERFACE && b[i + 5] == OPENK4A_UVC_CLASS_VIDEO &&
            b[i + 6] == OPENK4A_UVC_SC_VIDEOSTREAMING)
        {
            return FindDescriptor(b, OPENK4A_UVC_DT_CS_INTERFACE, subtype, i);
        }
        i += b[i];
    }
    return SIZE_MAX;
}

void SetTotalLength(Bytes *b, size_t total)
{
    openk4a_wire_put_u16le(b->data() + 2, static_cast<uint16_t>(total));
}

TEST(UvcDescriptors, HostileLengths)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(real, "uvc/trust_webcam.cfg.bin");
    { // bLength 0 somewhere in the middle
        Bytes b = real;
        const size_t at = FindVs(b, OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED);
        ASSERT_NE(at, SIZE_MAX);
        b[at] = 0;
        Parsed p = Parse(b);
        EXPECT_EQ(p.status, OPENK4A_USB_ERR_ZERO_LENGTH);
        EXPECT_EQ(p.consumed, at);
    }
    { // bLength 1
        Bytes b = real;
        b[9] = 1;
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_BAD_LENGTH);
    }
    { // the last descriptor runs past wTotalLength
        Bytes b = real;
        b.resize(b.size() - 1);
        SetTotalLength(&b, b.size());
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH);
    }
    { // wTotalLength beyond the data
        Bytes b = real;
        SetTotalLength(&b, b.size() + 1);
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_TRUNCATED);
    }
    { // wTotalLength smaller than the configuration descriptor itself
        Bytes b = real;
        SetTotalLength(&b, 4);
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH);
    }
    { // wTotalLength shorter than the data: parse stops there; complete refuses
        Bytes b = real;
        b.push_back(0x00);
        Parsed p = Parse(b);
        EXPECT_EQ(p.status, OPENK4A_USB_OK);
        EXPECT_EQ(p.consumed, real.size());
        auto m = std::make_unique<openk4a_uvc_config_t>();
        EXPECT_EQ(openk4a_uvc_config_parse_complete(b.data(), b.size(), m.get()), OPENK4A_USB_ERR_TRAILING_BYTES);
        EXPECT_EQ(openk4a_uvc_config_parse_complete(real.data(), real.size(), m.get()), OPENK4A_USB_OK);
    }
    { // a frame that claims more intervals than its bLength holds
        Bytes b = real;
        const size_t at = FindVs(b, OPENK4A_UVC_VS_FRAME_UNCOMPRESSED);
        b[at + 25] = 7;
        Parsed p = Parse(b);
        EXPECT_EQ(p.status, OPENK4A_USB_ERR_COUNT_PAST_END);
        EXPECT_EQ(p.consumed, at);
    }
    { // a frame descriptor whose bLength is too short for its fixed fields
        Bytes b = real;
        const size_t at = FindVs(b, OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED);
        b[at] = 20; // the walk would resume mid-descriptor; the format itself fails first
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_BAD_LENGTH);
    }
    EXPECT_EQ(Parse(Bytes{}).status, OPENK4A_USB_ERR_TRUNCATED);
    EXPECT_EQ(Parse(Bytes{9, 4, 0, 0, 0, 0, 0, 0, 0}).status, OPENK4A_USB_ERR_BAD_TYPE);
}

TEST(UvcDescriptors, InconsistentStructure)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(real, "uvc/trust_webcam.cfg.bin");
    { // a frame whose format is MJPEG-typed under an uncompressed format
        Bytes b = real;
        const size_t at = FindVs(b, OPENK4A_UVC_VS_FRAME_UNCOMPRESSED);
        b[at + 2] = OPENK4A_UVC_VS_FRAME_MJPEG;
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_INCONSISTENT);
    }
    { // the format descriptor turned into a vendor subtype: frames have no format
        Bytes b = real;
        const size_t at = FindVs(b, OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED);
        b[at + 2] = 0x7F;
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_INCONSISTENT);
    }
    { // a second configuration descriptor inside the first
        Bytes b = real;
        b.insert(b.end(), real.begin(), real.begin() + 9);
        SetTotalLength(&b, b.size());
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_INCONSISTENT);
    }
    { // an alternate setting listed twice
        Bytes b = real;
        const size_t at = FindDescriptor(b, OPENK4A_UVC_DT_INTERFACE);
        const size_t vs = at + 9 + 77 + 7 + 5; // trust: VC interface, its class descriptors, endpoint
        ASSERT_EQ(b[vs + 1], OPENK4A_UVC_DT_INTERFACE);
        Bytes dup(b.begin() + static_cast<long>(vs), b.begin() + static_cast<long>(vs + 9));
        dup[3] = 3; // interface 1, alt 3 again, appended at the end
        b.insert(b.end(), dup.begin(), dup.end());
        SetTotalLength(&b, b.size());
        EXPECT_EQ(Parse(b).status, OPENK4A_USB_ERR_INCONSISTENT);
    }
}

TEST(UvcDescriptors, OdditiesBecomeWarnings)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(real, "uvc/trust_webcam.cfg.bin");
    Bytes b = real;
    const size_t vc = FindDescriptor(b, 0x24, OPENK4A_UVC_VC_HEADER);
    openk4a_wire_put_u16le(b.data() + vc + 5, 1); // VC wTotalLength wrong
    const size_t fmt = FindVs(b, OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED);
    b[fmt + 4] = 9; // bNumFrameDescriptors 9, six follow
    Parsed p = Parse(b);
    ASSERT_EQ(p.status, OPENK4A_USB_OK);
    EXPECT_EQ(p.model->warnings, OPENK4A_UVC_WARN_VC_TOTAL_LENGTH | OPENK4A_UVC_WARN_FRAME_COUNT);
    EXPECT_EQ(p.model->frame_count, 6u);
}

// Every prefix and every single-byte corruption: an error or a model, never a
// crash, a hang or an out-of-range index.
void CheckModel(const openk4a_uvc_config_t &m)
{
    ASSERT_LE(m.format_count, OPENK4A_UVC_MAX_FORMATS);
    ASSERT_LE(m.frame_count, OPENK4A_UVC_MAX_FRAMES);
    for (size_t i = 0; i < m.format_count; ++i)
    {
        const openk4a_uvc_format_t &f = m.formats[i];
        ASSERT_LE(static_cast<size_t>(f.first_frame) + f.frame_count, m.frame_count);
        ASSERT_LE(static_cast<size_t>(f.first_still_size) + f.still_size_count, m.still_size_count);
        ASSERT_LT(f.streaming, m.streaming_count);
    }
    for (size_t i = 0; i < m.frame_count; ++i)
    {
        const openk4a_uvc_frame_desc_t &fr = m.frames[i];
        ASSERT_LT(fr.format, m.format_count);
        if (fr.interval_type != 0)
        {
            ASSERT_LE(fr.first_interval + size_t{fr.interval_type}, m.interval_count);
        }
    }
}

TEST(UvcDescriptors, EveryPrefixAndEveryByteFlip)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(real, "uvc/anker_powerconf_c200.cfg.bin");
    for (size_t len = 0; len <= real.size(); ++len)
    {
        Bytes b(real.begin(), real.begin() + static_cast<long>(len));
        if (len >= 4)
            SetTotalLength(&b, len);
        Parsed p = Parse(b);
        if (p.status == OPENK4A_USB_OK)
        {
            CheckModel(*p.model);
        }
    }
    for (size_t i = 0; i < real.size(); ++i)
    {
        for (uint8_t x : {0x01, 0x80, 0xFF})
        {
            Bytes b = real;
            b[i] ^= x;
            Parsed p = Parse(b);
            if (p.status == OPENK4A_USB_OK)
            {
                CheckModel(*p.model);
            }
            else
            {
                EXPECT_LE(p.consumed, b.size());
            }
        }
    }
}

} // namespace
