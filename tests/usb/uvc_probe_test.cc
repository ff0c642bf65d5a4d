// Probe/commit helpers: variant per bcdUVC and a probe built from the model.
#include "openk4a/usb/uvc_probe.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

#include "tests/testing/testdata.h"

namespace
{

TEST(UvcProbe, SizeForVersion)
{
    EXPECT_EQ(openk4a_uvc_probe_size_for_version(0x0100), 26u);
    EXPECT_EQ(openk4a_uvc_probe_size_for_version(0x0110), 34u);
    EXPECT_EQ(openk4a_uvc_probe_size_for_version(0x0149), 34u);
    EXPECT_EQ(openk4a_uvc_probe_size_for_version(0x0150), 48u);
}

TEST(UvcProbe, ProbeForARealFrameEncodesAndDecodes)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, "uvc/anker_powerconf_c200.cfg.bin");
    auto model = std::make_unique<openk4a_uvc_config_t>();
    ASSERT_EQ(openk4a_uvc_config_parse_complete(bytes.data(), bytes.size(), model.get()), OPENK4A_USB_OK);
    const openk4a_uvc_format_t *yuy2 = openk4a_uvc_config_find_pixel_format(model.get(), OPENK4A_UVC_PIXEL_YUY2);
    ASSERT_NE(yuy2, nullptr);
    const openk4a_uvc_frame_desc_t *vga = openk4a_uvc_config_find_frame_by_size(model.get(), yuy2, 640, 480);
    ASSERT_NE(vga, nullptr);
    openk4a_uvc_probe_commit_t probe;
    ASSERT_EQ(openk4a_uvc_probe_for_frame(model.get(), yuy2, vga, 0, &probe), OPENK4A_USB_OK);
    EXPECT_EQ(probe.wire_size, 34u); // UVC 1.1 device
    EXPECT_EQ(probe.bFormatIndex, 2);
    EXPECT_EQ(probe.bFrameIndex, 1);
    EXPECT_EQ(probe.dwFrameInterval, 333333u);
    EXPECT_EQ(probe.bmHint, OPENK4A_UVC_PROBE_HINT_FRAME_INTERVAL);

    uint8_t wire[48];
    size_t written = 0;
    ASSERT_EQ(openk4a_uvc_probe_commit_encode(&probe, wire, sizeof wire, &written), OPENK4A_USB_OK);
    ASSERT_EQ(written, 34u);
    EXPECT_EQ(wire[0], 0x01); // bmHint, little-endian
    EXPECT_EQ(wire[2], 2);
    EXPECT_EQ(wire[3], 1);
    openk4a_uvc_probe_commit_t back;
    ASSERT_EQ(openk4a_uvc_probe_commit_parse_complete(wire, written, &back), OPENK4A_USB_OK);
    EXPECT_EQ(back.dwFrameInterval, 333333u);

    EXPECT_EQ(openk4a_uvc_probe_for_frame(model.get(), yuy2, vga, 666666, &probe), OPENK4A_USB_ERR_NOT_FOUND);
    const openk4a_uvc_format_t *mjpg = openk4a_uvc_config_find_pixel_format(model.get(), OPENK4A_UVC_PIXEL_MJPEG);
    EXPECT_EQ(openk4a_uvc_probe_for_frame(model.get(), mjpg, vga, 0, &probe), OPENK4A_USB_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_uvc_probe_for_frame(model.get(), yuy2, nullptr, 0, &probe), OPENK4A_USB_ERR_INVALID_ARGUMENT);
}

TEST(UvcProbe, DeviceReplyWithNegotiatedSizes)
{
    // A UVC 1.5 GET_CUR reply: the host reads dwMaxVideoFrameSize and
    // dwMaxPayloadTransferSize from it.
    openk4a_uvc_probe_commit_t reply{};
    reply.wire_size = 48;
    reply.bFormatIndex = 1;
    reply.bFrameIndex = 3;
    reply.dwFrameInterval = 333333;
    reply.dwMaxVideoFrameSize = 1280 * 720 * 2;
    reply.dwMaxPayloadTransferSize = 3072;
    reply.dwClockFrequency = 90000;
    reply.bmFramingInfo = OPENK4A_UVC_FRAMING_FID_REQUIRED | OPENK4A_UVC_FRAMING_EOF_PRESENT;
    reply.bmLayoutPerStream = 0x0102030405060708ull;
    uint8_t wire[48];
    size_t written = 0;
    ASSERT_EQ(openk4a_uvc_probe_commit_encode(&reply, wire, sizeof wire, &written), OPENK4A_USB_OK);
    openk4a_uvc_probe_commit_t got;
    ASSERT_EQ(openk4a_uvc_probe_commit_parse_complete(wire, written, &got), OPENK4A_USB_OK);
    EXPECT_EQ(got.dwMaxVideoFrameSize, 1280u * 720 * 2);
    EXPECT_EQ(got.dwMaxPayloadTransferSize, 3072u);
    EXPECT_EQ(got.dwClockFrequency, 90000u);
    EXPECT_EQ(got.bmFramingInfo, 3);
    EXPECT_EQ(got.bmLayoutPerStream, 0x0102030405060708ull);
    // The same reply truncated to the 1.1 size keeps the 1.1 fields only.
    ASSERT_EQ(openk4a_uvc_probe_commit_parse_complete(wire, 34, &got), OPENK4A_USB_OK);
    EXPECT_EQ(got.wire_size, 34u);
    EXPECT_EQ(got.dwClockFrequency, 90000u);
    EXPECT_EQ(got.bmLayoutPerStream, 0u);
}

} // namespace
