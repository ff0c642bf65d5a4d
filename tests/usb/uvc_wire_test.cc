// Generated UVC wire parsers/encoders (core/usb/uvc_wire.c from
// core/spec/uvc_wire.toml): payload headers, probe/commit, descriptors.
#include "openk4a/usb/uvc_wire.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

#include "openk4a/usb/usb_status.h"

namespace
{

using Bytes = std::vector<uint8_t>;

// Parses from an exact-size heap copy so any over-read trips ASan. The copy
// lives until the test program ends: parsed array fields borrow it.
template <typename T, typename Parse>
openk4a_usb_status_t ParseExact(Parse parse, const Bytes &bytes, T *out, size_t *consumed)
{
    static std::vector<std::unique_ptr<uint8_t[]>> keep;
    keep.emplace_back(new uint8_t[bytes.size() + 1]);
    uint8_t *exact = keep.back().get();
    if (!bytes.empty())
        std::memcpy(exact, bytes.data(), bytes.size());
    return parse(bytes.empty() ? nullptr : exact, bytes.size(), out, consumed);
}

openk4a_usb_status_t ParseHeader(const Bytes &b, openk4a_uvc_payload_header_t *h, size_t *n)
{
    return ParseExact(openk4a_uvc_payload_header_parse, b, h, n);
}

TEST(UsbStatus, NamesAndMessages)
{
    EXPECT_STREQ(openk4a_usb_status_name(OPENK4A_USB_OK), "OPENK4A_USB_OK");
    EXPECT_STREQ(openk4a_usb_status_name(OPENK4A_USB_ERR_ZERO_LENGTH), "OPENK4A_USB_ERR_ZERO_LENGTH");
    EXPECT_STREQ(openk4a_usb_status_message(OPENK4A_USB_ERR_TRUNCATED), "input ends before the structure does");
    EXPECT_STREQ(openk4a_usb_status_name(static_cast<openk4a_usb_status_t>(-999)), "(unknown status)");
    EXPECT_NE(openk4a_usb_status_message(static_cast<openk4a_usb_status_t>(5)), nullptr);
}

TEST(PayloadHeader, MinimalTwoByteHeader)
{
    openk4a_uvc_payload_header_t h;
    size_t n = 99;
    ASSERT_EQ(ParseHeader({0x02, 0x83, 0xAA, 0xBB}, &h, &n), OPENK4A_USB_OK);
    EXPECT_EQ(n, 2u); // the payload data starts after the header
    EXPECT_EQ(h.bmHeaderInfo & OPENK4A_UVC_HEADER_FID, 1);
    EXPECT_TRUE(h.bmHeaderInfo & OPENK4A_UVC_HEADER_EOF);
    EXPECT_TRUE(h.bmHeaderInfo & OPENK4A_UVC_HEADER_EOH);
}

TEST(PayloadHeader, PtsAndScr)
{
    const Bytes b = {0x0C, 0x8C, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0x07, 0xFF};
    openk4a_uvc_payload_header_t h;
    size_t n = 0;
    ASSERT_EQ(ParseHeader(b, &h, &n), OPENK4A_USB_OK);
    EXPECT_EQ(n, 12u);
    EXPECT_EQ(h.dwPresentationTime, 0x44332211u);
    EXPECT_EQ(h.scrSourceTimeClock, 0x88776655u);
    EXPECT_EQ(h.scrSofCounter, 0x0799u);
    // The complete variant rejects the data byte after the header.
    EXPECT_EQ(openk4a_uvc_payload_header_parse_complete(b.data(), b.size(), &h), OPENK4A_USB_ERR_TRAILING_BYTES);
    EXPECT_EQ(openk4a_uvc_payload_header_parse_complete(b.data(), 12, &h), OPENK4A_USB_OK);
}

TEST(PayloadHeader, ScrOnlyAndPtsOnly)
{
    openk4a_uvc_payload_header_t h;
    size_t n = 0;
    ASSERT_EQ(ParseHeader({0x08, 0x08, 1, 0, 0, 0, 2, 0}, &h, &n), OPENK4A_USB_OK);
    EXPECT_EQ(h.scrSourceTimeClock, 1u);
    EXPECT_EQ(h.scrSofCounter, 2u);
    EXPECT_EQ(h.dwPresentationTime, 0u);
    ASSERT_EQ(ParseHeader({0x06, 0x04, 9, 0, 0, 0}, &h, &n), OPENK4A_USB_OK);
    EXPECT_EQ(h.dwPresentationTime, 9u);
}

TEST(PayloadHeader, EveryLengthThatFitsIsAccepted)
{
    for (int len = 2; len <= 255; ++len)
    {
        Bytes b(static_cast<size_t>(len), 0xEE);
        b[0] = static_cast<uint8_t>(len);
        b[1] = 0x80; // no PTS/SCR: any length >= 2 works
        openk4a_uvc_payload_header_t h;
        size_t n = 0;
        ASSERT_EQ(ParseHeader(b, &h, &n), OPENK4A_USB_OK) << len;
        EXPECT_EQ(n, static_cast<size_t>(len));
    }
}

TEST(PayloadHeader, Errors)
{
    openk4a_uvc_payload_header_t h;
    size_t n = 0;
    EXPECT_EQ(ParseHeader({}, &h, &n), OPENK4A_USB_ERR_TRUNCATED);
    EXPECT_EQ(ParseHeader({0x00, 0x00}, &h, &n), OPENK4A_USB_ERR_BAD_LENGTH);
    EXPECT_EQ(ParseHeader({0x01, 0x00}, &h, &n), OPENK4A_USB_ERR_BAD_LENGTH);
    EXPECT_EQ(ParseHeader({0x0C, 0x00, 0x00}, &h, &n), OPENK4A_USB_ERR_LENGTH_PAST_END);
    // PTS announced but the header is too short for it.
    EXPECT_EQ(ParseHeader({0x04, 0x04, 0, 0, 0, 0}, &h, &n), OPENK4A_USB_ERR_BAD_LENGTH);
    EXPECT_EQ(n, 2u); // the offset where parsing stopped
    // SCR announced, room for the clock but not the SOF counter.
    EXPECT_EQ(ParseHeader({0x06, 0x08, 0, 0, 0, 0, 0, 0}, &h, &n), OPENK4A_USB_ERR_BAD_LENGTH);
    EXPECT_EQ(openk4a_uvc_payload_header_parse(nullptr, 4, &h, &n), OPENK4A_USB_ERR_INVALID_ARGUMENT);
    const uint8_t ok[2] = {2, 0};
    EXPECT_EQ(openk4a_uvc_payload_header_parse(ok, 2, nullptr, &n), OPENK4A_USB_ERR_INVALID_ARGUMENT);
}

TEST(PayloadHeader, EncodeComputesLengthAndRoundTrips)
{
    openk4a_uvc_payload_header_t in{};
    in.bmHeaderInfo = OPENK4A_UVC_HEADER_FID | OPENK4A_UVC_HEADER_PTS | OPENK4A_UVC_HEADER_SCR | OPENK4A_UVC_HEADER_EOH;
    in.dwPresentationTime = 0xCAFEBABE;
    in.scrSourceTimeClock = 0x01020304;
    in.scrSofCounter = 0x7FF;
    uint8_t buf[16];
    size_t written = 0;
    ASSERT_EQ(openk4a_uvc_payload_header_encode(&in, buf, sizeof buf, &written), OPENK4A_USB_OK);
    ASSERT_EQ(written, 12u);
    EXPECT_EQ(buf[0], 12);
    openk4a_uvc_payload_header_t out;
    ASSERT_EQ(openk4a_uvc_payload_header_parse_complete(buf, written, &out), OPENK4A_USB_OK);
    EXPECT_EQ(out.dwPresentationTime, in.dwPresentationTime);
    EXPECT_EQ(out.scrSourceTimeClock, in.scrSourceTimeClock);
    EXPECT_EQ(out.scrSofCounter, in.scrSofCounter);
    EXPECT_EQ(out.bmHeaderInfo, in.bmHeaderInfo);
}

TEST(PayloadHeader, EncodePadsToAnExplicitLengthAndChecksRoom)
{
    openk4a_uvc_payload_header_t in{};
    in.bHeaderLength = 9;
    in.bmHeaderInfo = OPENK4A_UVC_HEADER_PTS;
    in.dwPresentationTime = 7;
    uint8_t buf[9];
    std::memset(buf, 0xAA, sizeof buf);
    size_t written = 0;
    EXPECT_EQ(openk4a_uvc_payload_header_encode(&in, buf, 8, &written), OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(written, 9u);  // the size needed
    EXPECT_EQ(buf[0], 0xAA); // and nothing written
    ASSERT_EQ(openk4a_uvc_payload_header_encode(&in, buf, 9, &written), OPENK4A_USB_OK);
    EXPECT_EQ(buf[0], 9);
    EXPECT_EQ(buf[6], 0); // padding is zero
    EXPECT_EQ(buf[8], 0);
    in.bHeaderLength = 5; // too short for the PTS it announces
    EXPECT_EQ(openk4a_uvc_payload_header_encode(&in, buf, 9, &written), OPENK4A_USB_ERR_BAD_LENGTH);
}

Bytes ProbeBytes(size_t size)
{
    Bytes b(size);
    for (size_t i = 0; i < size; ++i)
        b[i] = static_cast<uint8_t>(i + 1);
    return b;
}

TEST(ProbeCommit, DecodesEachVariant)
{
    for (size_t size : {26u, 34u, 48u})
    {
        const Bytes b = ProbeBytes(size);
        openk4a_uvc_probe_commit_t p;
        size_t n = 0;
        ASSERT_EQ(ParseExact(openk4a_uvc_probe_commit_parse, b, &p, &n), OPENK4A_USB_OK) << size;
        EXPECT_EQ(n, size);
        EXPECT_EQ(p.wire_size, size);
        EXPECT_EQ(p.bmHint, 0x0201);
        EXPECT_EQ(p.bFormatIndex, 3);
        EXPECT_EQ(p.bFrameIndex, 4);
        EXPECT_EQ(p.dwFrameInterval, 0x08070605u);
        EXPECT_EQ(p.dwMaxVideoFrameSize, 0x16151413u);
        EXPECT_EQ(p.dwMaxPayloadTransferSize, 0x1A191817u);
        if (size >= 34)
        {
            EXPECT_EQ(p.dwClockFrequency, 0x1E1D1C1Bu);
            EXPECT_EQ(p.bmFramingInfo, 0x1F);
            EXPECT_EQ(p.bMaxVersion, 0x22);
        }
        else
        {
            EXPECT_EQ(p.dwClockFrequency, 0u);
        }
        if (size == 48)
        {
            EXPECT_EQ(p.bUsage, 0x23);
            EXPECT_EQ(p.bmRateControlModes, 0x2827);
            EXPECT_EQ(p.bmLayoutPerStream, 0x302F2E2D2C2B2A29ull);
        }
    }
}

TEST(ProbeCommit, PicksTheLargestVariantThatFits)
{
    openk4a_uvc_probe_commit_t p;
    size_t n = 0;
    const Bytes b = ProbeBytes(40);
    ASSERT_EQ(ParseExact(openk4a_uvc_probe_commit_parse, b, &p, &n), OPENK4A_USB_OK);
    EXPECT_EQ(p.wire_size, 34u);
    EXPECT_EQ(n, 34u);
    EXPECT_EQ(openk4a_uvc_probe_commit_parse_complete(b.data(), b.size(), &p), OPENK4A_USB_ERR_TRAILING_BYTES);
    EXPECT_EQ(ParseExact(openk4a_uvc_probe_commit_parse, ProbeBytes(25), &p, &n), OPENK4A_USB_ERR_TRUNCATED);
}

TEST(ProbeCommit, EncodeRoundTripsEveryVariant)
{
    for (size_t size : {26u, 34u, 48u})
    {
        const Bytes b = ProbeBytes(size);
        openk4a_uvc_probe_commit_t p;
        ASSERT_EQ(openk4a_uvc_probe_commit_parse_complete(b.data(), b.size(), &p), OPENK4A_USB_OK);
        uint8_t out[48];
        size_t written = 0;
        ASSERT_EQ(openk4a_uvc_probe_commit_encode(&p, out, sizeof out, &written), OPENK4A_USB_OK);
        ASSERT_EQ(written, size);
        EXPECT_EQ(Bytes(out, out + written), b);
    }
    openk4a_uvc_probe_commit_t bad{};
    bad.wire_size = 30;
    uint8_t out[48];
    size_t written = 0;
    EXPECT_EQ(openk4a_uvc_probe_commit_encode(&bad, out, sizeof out, &written), OPENK4A_USB_ERR_BAD_VALUE);
}

TEST(Descriptors, FrameWithDiscreteIntervals)
{
    // A real YUY2 frame descriptor (Logitech C270, 640x480, six intervals).
    const Bytes b = {0x32, 0x24, 0x05, 0x01, 0x01, 0x80, 0x02, 0xE0, 0x01, 0x00, 0x00, 0x77, 0x01,
                     0x00, 0x00, 0xCA, 0x08, 0x00, 0x60, 0x09, 0x00, 0x15, 0x16, 0x05, 0x00, 0x06,
                     0x15, 0x16, 0x05, 0x00, 0x80, 0x1A, 0x06, 0x00, 0x20, 0xA1, 0x07, 0x00, 0x2A,
                     0x2C, 0x0A, 0x00, 0x40, 0x42, 0x0F, 0x00, 0x80, 0x84, 0x1E, 0x00};
    openk4a_uvc_vs_frame_t f;
    size_t n = 0;
    ASSERT_EQ(ParseExact(openk4a_uvc_vs_frame_parse, b, &f, &n), OPENK4A_USB_OK);
    EXPECT_EQ(n, 50u);
    EXPECT_EQ(f.wWidth, 640);
    EXPECT_EQ(f.wHeight, 480);
    ASSERT_EQ(openk4a_uvc_vs_frame_dwFrameInterval_count(&f), 6u);
    EXPECT_EQ(openk4a_uvc_vs_frame_dwFrameInterval_at(&f, 0), 333333u);
    EXPECT_EQ(openk4a_uvc_vs_frame_dwFrameInterval_at(&f, 5), 2000000u);
    EXPECT_EQ(openk4a_uvc_vs_frame_dwFrameInterval_at(&f, 6), 0u); // out of range
    // The same bytes claiming one more interval than bLength holds.
    Bytes more = b;
    more[25] = 7;
    EXPECT_EQ(ParseExact(openk4a_uvc_vs_frame_parse, more, &f, &n), OPENK4A_USB_ERR_COUNT_PAST_END);
    EXPECT_EQ(n, 26u);
    // A frame descriptor that says it is an MJPEG format descriptor.
    Bytes wrong = b;
    wrong[2] = OPENK4A_UVC_VS_FORMAT_MJPEG;
    EXPECT_EQ(ParseExact(openk4a_uvc_vs_frame_parse, wrong, &f, &n), OPENK4A_USB_ERR_BAD_TYPE);
}

TEST(Descriptors, ContinuousIntervalsAndEncode)
{
    openk4a_uvc_vs_frame_t in{};
    in.bDescriptorSubtype = OPENK4A_UVC_VS_FRAME_MJPEG;
    in.bFrameIndex = 2;
    in.wWidth = 1280;
    in.wHeight = 720;
    in.bFrameIntervalType = 0;
    in.dwMinFrameInterval = 333333;
    in.dwMaxFrameInterval = 10000000;
    in.dwFrameIntervalStep = 333333;
    uint8_t buf[64];
    size_t written = 0;
    ASSERT_EQ(openk4a_uvc_vs_frame_encode(&in, buf, sizeof buf, &written), OPENK4A_USB_OK);
    EXPECT_EQ(written, 38u);
    EXPECT_EQ(buf[0], 38);
    EXPECT_EQ(buf[1], OPENK4A_UVC_DT_CS_INTERFACE); // constants are written for the caller
    openk4a_uvc_vs_frame_t out;
    ASSERT_EQ(openk4a_uvc_vs_frame_parse_complete(buf, written, &out), OPENK4A_USB_OK);
    EXPECT_EQ(out.dwMaxFrameInterval, 10000000u);
    EXPECT_EQ(openk4a_uvc_vs_frame_dwFrameInterval_count(&out), 0u);
    // A subtype outside one_of is refused by the encoder too.
    in.bDescriptorSubtype = 0x11;
    EXPECT_EQ(openk4a_uvc_vs_frame_encode(&in, buf, sizeof buf, &written), OPENK4A_USB_ERR_BAD_TYPE);
}

TEST(Descriptors, DiscreteIntervalsEncodeFromWireArray)
{
    uint8_t intervals[8];
    openk4a_wire_put_u32le(intervals, 333333);
    openk4a_wire_put_u32le(intervals + 4, 666666);
    openk4a_uvc_vs_frame_t in{};
    in.bDescriptorSubtype = OPENK4A_UVC_VS_FRAME_UNCOMPRESSED;
    in.bFrameIntervalType = 2;
    in.dwFrameInterval = intervals;
    uint8_t buf[64];
    size_t written = 0;
    ASSERT_EQ(openk4a_uvc_vs_frame_encode(&in, buf, sizeof buf, &written), OPENK4A_USB_OK);
    EXPECT_EQ(written, 34u);
    openk4a_uvc_vs_frame_t out;
    ASSERT_EQ(openk4a_uvc_vs_frame_parse_complete(buf, written, &out), OPENK4A_USB_OK);
    EXPECT_EQ(openk4a_uvc_vs_frame_dwFrameInterval_at(&out, 1), 666666u);
    in.dwFrameInterval = nullptr; // a count with no array behind it
    EXPECT_EQ(openk4a_uvc_vs_frame_encode(&in, buf, sizeof buf, &written), OPENK4A_USB_ERR_INVALID_ARGUMENT);
}

TEST(Descriptors, LengthRules)
{
    openk4a_uvc_interface_descriptor_t d;
    size_t n = 0;
    // bLength 0 cannot even hold itself.
    EXPECT_EQ(ParseExact(openk4a_uvc_interface_descriptor_parse, Bytes{0, 4, 0, 0, 0, 0, 0, 0, 0}, &d, &n),
              OPENK4A_USB_ERR_BAD_LENGTH);
    // bLength past the input.
    EXPECT_EQ(ParseExact(openk4a_uvc_interface_descriptor_parse, Bytes{10, 4, 0, 0, 0, 0, 0, 0, 0}, &d, &n),
              OPENK4A_USB_ERR_LENGTH_PAST_END);
    // bLength shorter than the fields: stops at the first field that does not fit.
    EXPECT_EQ(ParseExact(openk4a_uvc_interface_descriptor_parse, Bytes{5, 4, 0, 0, 0, 0, 0, 0, 0}, &d, &n),
              OPENK4A_USB_ERR_BAD_LENGTH);
    EXPECT_EQ(n, 5u);
    // Longer than known: extra bytes are skipped and counted as consumed.
    ASSERT_EQ(ParseExact(openk4a_uvc_interface_descriptor_parse, Bytes{11, 4, 1, 2, 1, 14, 2, 0, 0, 9, 9}, &d, &n),
              OPENK4A_USB_OK);
    EXPECT_EQ(n, 11u);
    EXPECT_EQ(d.bInterfaceNumber, 1);
    EXPECT_EQ(d.bAlternateSetting, 2);
    // Wrong type.
    EXPECT_EQ(ParseExact(openk4a_uvc_interface_descriptor_parse, Bytes{9, 5, 0, 0, 0, 0, 0, 0, 0}, &d, &n),
              OPENK4A_USB_ERR_BAD_TYPE);
}

TEST(Descriptors, TailFieldsAndConditionalCameraFields)
{
    openk4a_uvc_endpoint_descriptor_t ep;
    size_t n = 0;
    ASSERT_EQ(ParseExact(openk4a_uvc_endpoint_descriptor_parse, Bytes{7, 5, 0x81, 5, 0xFC, 0x13, 1}, &ep, &n),
              OPENK4A_USB_OK);
    EXPECT_FALSE(ep.has_bRefresh);
    EXPECT_EQ(ep.wMaxPacketSize, 0x13FC);
    ASSERT_EQ(ParseExact(openk4a_uvc_endpoint_descriptor_parse, Bytes{9, 5, 0x82, 0xD, 0xC0, 0, 4, 3, 7}, &ep, &n),
              OPENK4A_USB_OK);
    EXPECT_TRUE(ep.has_bRefresh);
    EXPECT_TRUE(ep.has_bSynchAddress);
    EXPECT_EQ(ep.bSynchAddress, 7);

    // Camera terminal (Logitech C270) vs a plain input terminal.
    const Bytes camera = {0x12, 0x24, 0x02, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00,
                          0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0E, 0x00, 0x00};
    openk4a_uvc_vc_input_terminal_t t;
    ASSERT_EQ(ParseExact(openk4a_uvc_vc_input_terminal_parse, camera, &t, &n), OPENK4A_USB_OK);
    EXPECT_EQ(t.wTerminalType, OPENK4A_UVC_TT_ITT_CAMERA);
    ASSERT_EQ(openk4a_uvc_vc_input_terminal_bmControls_count(&t), 3u);
    EXPECT_EQ(openk4a_uvc_vc_input_terminal_bmControls_at(&t, 0), 0x0E);
    const Bytes plain = {0x08, 0x24, 0x02, 0x02, 0x01, 0x04, 0x00, 0x00};
    ASSERT_EQ(ParseExact(openk4a_uvc_vc_input_terminal_parse, plain, &t, &n), OPENK4A_USB_OK);
    EXPECT_EQ(openk4a_uvc_vc_input_terminal_bmControls_count(&t), 0u);
}

TEST(Descriptors, StillImageRecordsAndInputHeaderProductCount)
{
    // Trust webcam still image frame: five sizes, no compression patterns.
    const Bytes still = {0x1A, 0x24, 0x03, 0x00, 0x05, 0x80, 0x02, 0xE0, 0x01, 0x60, 0x01, 0x20, 0x01,
                         0x40, 0x01, 0xF0, 0x00, 0xB0, 0x00, 0x90, 0x00, 0xA0, 0x00, 0x78, 0x00, 0x00};
    openk4a_uvc_vs_still_image_frame_t s;
    size_t n = 0;
    ASSERT_EQ(ParseExact(openk4a_uvc_vs_still_image_frame_parse, still, &s, &n), OPENK4A_USB_OK);
    ASSERT_EQ(openk4a_uvc_vs_still_image_frame_sizes_count(&s), 5u);
    const openk4a_uvc_still_size_t last = openk4a_uvc_vs_still_image_frame_sizes_at(&s, 4);
    EXPECT_EQ(last.wWidth, 160);
    EXPECT_EQ(last.wHeight, 120);
    // bmaControls holds bNumFormats * bControlSize bytes.
    const Bytes header = {0x10, 0x24, 0x01, 0x03, 0x36, 0x07, 0x81, 0x00,
                          0x05, 0x01, 0x00, 0x00, 0x01, 0x00, 0x04, 0x04};
    openk4a_uvc_vs_input_header_t h;
    ASSERT_EQ(ParseExact(openk4a_uvc_vs_input_header_parse, header, &h, &n), OPENK4A_USB_OK);
    EXPECT_EQ(openk4a_uvc_vs_input_header_bmaControls_count(&h), 3u);
    EXPECT_EQ(h.wTotalLength, 1846);
    Bytes two = header;
    two[12] = 2; // 3 formats * 2 bytes > the 3 bytes left
    EXPECT_EQ(ParseExact(openk4a_uvc_vs_input_header_parse, two, &h, &n), OPENK4A_USB_ERR_COUNT_PAST_END);
}

} // namespace
