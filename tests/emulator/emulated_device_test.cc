// The emulated cameras seen from outside, through plain libusb calls:
// enumeration, descriptors, serial number, probe/commit, streamed frames and
// their headers and content, every injected fault, the IMU, and real webcam
// descriptors.
#include "tools/emulator/emulated_device.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <libusb.h>
#include <turbojpeg.h>

#include <algorithm>
#include <memory>
#include <set>

#include "openk4a/usb/imu_packet.h"
#include "openk4a/usb/k4a_vendor_wire.h"
#include "openk4a/usb/uvc_descriptors.h"
#include "tests/emulator/uvc_host.h"
#include "tests/testing/testdata.h"

namespace openk4a::emulator
{
namespace
{

using openk4a::testing::HostFrame;
using openk4a::testing::UvcHost;

constexpr uint32_t k30Fps = 333333, k15Fps = 666666;
constexpr size_t kBigTransfer = 16 << 20;

std::string TestdataDir()
{
    auto readme = openk4a::testing::TestdataPath("README.md");
    return readme ? readme->substr(0, readme->size() - strlen("/README.md")) : std::string();
}

bool JpegDimensions(const std::vector<uint8_t> &jpeg, int *width, int *height)
{
    tjhandle h = tjInitDecompress();
    int subsamp = 0, colorspace = 0;
    const bool ok = tjDecompressHeader3(h, jpeg.data(), jpeg.size(), width, height, &subsamp, &colorspace) == 0;
    tjDestroy(h);
    return ok;
}

bool JpegDecodes(const std::vector<uint8_t> &jpeg)
{
    int w = 0, h = 0;
    if (!JpegDimensions(jpeg, &w, &h))
        return false;
    tjhandle handle = tjInitDecompress();
    std::vector<uint8_t> rgb(static_cast<size_t>(w) * h * 3);
    const int r = tjDecompress2(handle, jpeg.data(), jpeg.size(), rgb.data(), w, 0, h, TJPF_RGB, TJFLAG_STOPONWARNING);
    tjDestroy(handle);
    return r == 0;
}

class EmulatedDeviceTest : public ::testing::Test
{
protected:
    void Start(EmulatorOptions options = {})
    {
        std::string error;
        device_ = EmulatedDevice::Create(options, &error);
        ASSERT_NE(device_, nullptr) << error;
        host_ = std::make_unique<UvcHost>();
        ASSERT_TRUE(host_->Open(device_->vendor_id(), device_->product_id()));
    }
    void TearDown() override
    {
        host_.reset(); // libusb handles go before the device
        device_.reset();
    }
    // Negotiates and starts a bulk stream of the k4a model.
    openk4a_uvc_probe_commit_t StartStream(int stream, uint8_t format, uint8_t frame, uint32_t interval)
    {
        const StreamSpec &spec = device_->function().streams[stream];
        EXPECT_EQ(libusb_claim_interface(host_->handle(), spec.interface_number), 0);
        openk4a_uvc_probe_commit_t commit{};
        EXPECT_EQ(host_->Negotiate(spec.interface_number, format, frame, interval, 34, &commit), 0);
        return commit;
    }
    std::vector<HostFrame> Read(int stream, size_t frames, int timeout_ms = 5000, int *error = nullptr)
    {
        std::vector<HostFrame> out;
        const int r =
            host_->ReadBulkFrames(device_->function().streams[stream].endpoint, kBigTransfer, frames, timeout_ms, &out);
        if (error != nullptr)
        {
            *error = r;
        }
        else
        {
            EXPECT_EQ(r, 0) << libusb_error_name(r);
        }
        return out;
    }

    std::unique_ptr<EmulatedDevice> device_;
    std::unique_ptr<UvcHost> host_;
};

TEST_F(EmulatedDeviceTest, EnumeratesAsTheK4aCompositeDevice)
{
    EmulatorOptions options;
    options.serial = "000123456789";
    Start(options);
    libusb_device *dev = libusb_get_device(host_->handle());
    libusb_device_descriptor dd;
    ASSERT_EQ(libusb_get_device_descriptor(dev, &dd), 0);
    EXPECT_EQ(dd.idVendor, kK4aVendorId);
    EXPECT_EQ(dd.idProduct, kK4aProductId);
    EXPECT_EQ(dd.bDeviceClass, 0xEF); // composite with IAD
    EXPECT_EQ(libusb_get_device_speed(dev), LIBUSB_SPEED_SUPER);
    unsigned char serial[64] = {};
    ASSERT_GT(libusb_get_string_descriptor_ascii(host_->handle(), dd.iSerialNumber, serial, 64), 0);
    EXPECT_STREQ(reinterpret_cast<char *>(serial), "000123456789");

    // The configuration descriptor, fetched over the wire, parses as UVC.
    std::vector<uint8_t> config(4096);
    const int n = libusb_get_descriptor(host_->handle(), LIBUSB_DT_CONFIG, 0, config.data(), 4096);
    ASSERT_GT(n, 9);
    config.resize(static_cast<size_t>(n));
    EXPECT_EQ(config, device_->descriptors().config);
    auto model = std::make_unique<openk4a_uvc_config_t>();
    ASSERT_EQ(openk4a_uvc_config_parse_complete(config.data(), config.size(), model.get()), OPENK4A_USB_OK);
    EXPECT_EQ(model->control.clock_frequency, 90000u);
    ASSERT_EQ(model->streaming_count, 3);
    const openk4a_uvc_format_t *mjpg = openk4a_uvc_config_find_pixel_format(model.get(), OPENK4A_UVC_PIXEL_MJPEG);
    ASSERT_NE(mjpg, nullptr);
    EXPECT_EQ(mjpg->frame_count, 6);
    ASSERT_NE(openk4a_uvc_config_find_frame_by_size(model.get(), mjpg, 3840, 2160), nullptr);
    const openk4a_uvc_frame_desc_t *f3072 = openk4a_uvc_config_find_frame_by_size(model.get(), mjpg, 4096, 3072);
    ASSERT_NE(f3072, nullptr);
    EXPECT_FALSE(openk4a_uvc_frame_supports_interval(model.get(), f3072, k30Fps));
    EXPECT_TRUE(openk4a_uvc_frame_supports_interval(model.get(), f3072, k15Fps));
    for (auto pixel : {OPENK4A_UVC_PIXEL_YUY2, OPENK4A_UVC_PIXEL_NV12})
    {
        const openk4a_uvc_format_t *f = openk4a_uvc_config_find_pixel_format(model.get(), pixel);
        ASSERT_NE(f, nullptr);
        EXPECT_NE(openk4a_uvc_config_find_frame_by_size(model.get(), f, 1280, 720), nullptr);
    }
    for (auto pixel : {OPENK4A_UVC_PIXEL_Z16, OPENK4A_UVC_PIXEL_Y16})
    {
        const openk4a_uvc_format_t *f = openk4a_uvc_config_find_pixel_format(model.get(), pixel);
        ASSERT_NE(f, nullptr);
        for (auto size : {std::pair<int, int>{320, 288}, {640, 576}, {512, 512}, {1024, 1024}})
        {
            EXPECT_NE(openk4a_uvc_config_find_frame_by_size(model.get(), f, size.first, size.second), nullptr);
        }
    }
    // The vendor IMU interface.
    libusb_config_descriptor *parsed = nullptr;
    ASSERT_EQ(libusb_get_active_config_descriptor(dev, &parsed), 0);
    ASSERT_EQ(parsed->bNumInterfaces, 5);
    EXPECT_EQ(parsed->interface[4].altsetting[0].bInterfaceClass, 0xFF);
    EXPECT_EQ(parsed->interface[4].altsetting[0].endpoint[0].bEndpointAddress, 0x84);
    libusb_free_config_descriptor(parsed);
}

TEST_F(EmulatedDeviceTest, ProbeCommitNegotiation)
{
    Start();
    const uint8_t vs = device_->function().streams[kColorStream].interface_number;
    ASSERT_EQ(libusb_claim_interface(host_->handle(), vs), 0);
    openk4a_uvc_probe_commit_t p{};
    ASSERT_EQ(host_->GetProbe(vs, OPENK4A_UVC_REQ_GET_DEF, 34, &p), 0);
    EXPECT_EQ(p.bFormatIndex, 1);
    EXPECT_EQ(p.bFrameIndex, 1);
    EXPECT_EQ(p.dwFrameInterval, k30Fps);
    EXPECT_EQ(p.dwClockFrequency, 90000u);
    ASSERT_EQ(host_->GetProbe(vs, OPENK4A_UVC_REQ_GET_MAX, 34, &p), 0);
    EXPECT_EQ(p.dwFrameInterval, 2000000u);
    ASSERT_EQ(host_->GetProbe(vs, OPENK4A_UVC_REQ_GET_MIN, 34, &p), 0);
    EXPECT_EQ(p.dwFrameInterval, k30Fps);
    // 3072p at 30 fps does not exist: the device settles on 15 fps.
    ASSERT_EQ(host_->Negotiate(vs, 1, 6, k30Fps, 34, &p), 0);
    EXPECT_EQ(p.bFrameIndex, 6);
    EXPECT_EQ(p.dwFrameInterval, k15Fps);
    EXPECT_EQ(p.dwMaxVideoFrameSize, 4096u * 3072u / 2u);
    EXPECT_EQ(p.dwMaxPayloadTransferSize, p.dwMaxVideoFrameSize + 12); // one transfer per frame
    // A 26-byte (UVC 1.0) probe is accepted as well.
    ASSERT_EQ(host_->Negotiate(vs, 2, 1, k30Fps, 26, &p), 0);
    EXPECT_EQ(p.dwMaxVideoFrameSize, 1280u * 720u * 2u);
    // A format or frame that does not exist stalls the request.
    EXPECT_EQ(host_->Negotiate(vs, 9, 1, k30Fps, 34, &p), LIBUSB_ERROR_PIPE);
    EXPECT_EQ(host_->Negotiate(vs, 2, 4, k30Fps, 34, &p), LIBUSB_ERROR_PIPE);
    EXPECT_EQ(libusb_release_interface(host_->handle(), vs), 0);
}

TEST_F(EmulatedDeviceTest, StreamsMjpgWithHeadersAndRealContent)
{
    EmulatorOptions options;
    options.testdata_dir = TestdataDir();
    Start(options);
    StartStream(kColorStream, 1, 1, k30Fps);
    std::vector<HostFrame> frames = Read(kColorStream, 6);
    ASSERT_GE(frames.size(), 6u);
    for (size_t i = 0; i < frames.size(); i++)
    {
        const HostFrame &f = frames[i];
        ASSERT_EQ(f.payloads.size(), 1u); // one bulk transfer carries the whole frame
        const auto &h = f.payloads[0].header;
        EXPECT_EQ(h.bHeaderLength, 12);
        EXPECT_TRUE(h.bmHeaderInfo & OPENK4A_UVC_HEADER_EOF);
        EXPECT_TRUE(h.bmHeaderInfo & OPENK4A_UVC_HEADER_PTS);
        EXPECT_TRUE(h.bmHeaderInfo & OPENK4A_UVC_HEADER_SCR);
        EXPECT_FALSE(h.bmHeaderInfo & OPENK4A_UVC_HEADER_ERR);
        int w = 0, hh = 0;
        ASSERT_TRUE(JpegDimensions(f.data, &w, &hh));
        EXPECT_EQ(w, 1280);
        EXPECT_EQ(hh, 720);
        if (i > 0)
        {
            // FID toggles per device frame; equal FIDs mean the device dropped the
            // frame between (its FIFO overflowed on a slow host): PTS tells.
            const bool skipped = f.pts - frames[i - 1].pts > 4500;
            EXPECT_TRUE(f.fid != frames[i - 1].fid || skipped);
            // Consecutive frames, 1/30 s apart on the 90 kHz clock (the first
            // frames may be one slot apart more if the host was slow).
            const uint32_t delta = f.pts - frames[i - 1].pts;
            EXPECT_EQ(delta % 3000 <= 1 || delta % 3000 >= 2999, true) << delta;
        }
    }
    EXPECT_TRUE(JpegDecodes(frames.back().data));
    if (!options.testdata_dir.empty())
    {
        OPENK4A_READ_TESTDATA_OR_SKIP(real, "mjpeg/azure_kinect_720p_422.jpg");
        EXPECT_EQ(frames.back().data, real);
    }
    EXPECT_GE(device_->stream_stats(kColorStream).frames_sent, 6u);
}

TEST_F(EmulatedDeviceTest, DepthAndIrOfOneCaptureShareTheTimestamp)
{
    EmulatorOptions options;
    options.testdata_dir = TestdataDir();
    Start(options);
    StartStream(kDepthStream, 1, 2, k30Fps);
    StartStream(kIrStream, 1, 2, k30Fps);
    std::vector<HostFrame> depth = Read(kDepthStream, 4);
    std::vector<HostFrame> ir = Read(kIrStream, 4);
    std::set<uint32_t> depth_pts;
    for (const auto &f : depth)
    {
        EXPECT_EQ(f.data.size(), 640u * 576u * 2u);
        depth_pts.insert(f.pts);
    }
    int shared = 0;
    for (const auto &f : ir)
    {
        EXPECT_EQ(f.data.size(), 640u * 576u * 2u);
        shared += depth_pts.count(f.pts);
    }
    EXPECT_GE(shared, 1) << "no IR frame has a depth frame with the same PTS";
    if (!options.testdata_dir.empty())
    {
        OPENK4A_READ_TESTDATA_OR_SKIP(real, "frames/azure_kinect_nfov_640x576.depth16le");
        EXPECT_EQ(depth.back().data, real);
    }
}

TEST_F(EmulatedDeviceTest, EveryK4aFormatAndSizeStreams)
{
    EmulatorOptions options;
    options.testdata_dir = TestdataDir();
    Start(options);
    for (int stream : {kColorStream, kDepthStream, kIrStream})
    {
        const StreamSpec &spec = device_->function().streams[stream];
        ASSERT_EQ(libusb_claim_interface(host_->handle(), spec.interface_number), 0);
        for (const FormatSpec &format : spec.formats)
        {
            for (const FrameSpec &frame : format.frames)
            {
                SCOPED_TRACE(::testing::Message() << "stream " << stream << " format " << int(format.index) << " "
                                                  << frame.width << "x" << frame.height);
                openk4a_uvc_probe_commit_t commit{};
                ASSERT_EQ(host_->Negotiate(spec.interface_number, format.index, frame.index, frame.intervals.front(),
                                           34, &commit),
                          0);
                std::vector<HostFrame> frames = Read(stream, 1, 20000);
                ASSERT_EQ(frames.size(), 1u);
                if (format.kind == PixelKind::kMjpeg)
                {
                    int w = 0, h = 0;
                    ASSERT_TRUE(JpegDimensions(frames[0].data, &w, &h));
                    EXPECT_EQ(w, frame.width);
                    EXPECT_EQ(h, frame.height);
                    EXPECT_LE(frames[0].data.size(), commit.dwMaxVideoFrameSize);
                }
                else
                {
                    EXPECT_EQ(frames[0].data.size(), FrameBytes(format, frame));
                }
                ASSERT_EQ(libusb_set_interface_alt_setting(host_->handle(), spec.interface_number, 0), 0);
            }
        }
    }
}

TEST_F(EmulatedDeviceTest, SplitPayloadsCarryOneEofPerFrame)
{
    EmulatorOptions options;
    options.bulk_payload_size = 16384;
    Start(options);
    const openk4a_uvc_probe_commit_t commit = StartStream(kDepthStream, 1, 1, k30Fps);
    EXPECT_EQ(commit.dwMaxPayloadTransferSize, 16384u);
    std::vector<HostFrame> frames;
    ASSERT_EQ(host_->ReadBulkFrames(0x82, 16384, 3, 5000, &frames), 0);
    for (const HostFrame &f : frames)
    {
        EXPECT_EQ(f.data.size(), 320u * 288u * 2u);
        EXPECT_EQ(f.payloads.size(), (320u * 288u * 2u + 16371u) / 16372u);
        for (size_t i = 0; i + 1 < f.payloads.size(); i++)
        {
            EXPECT_FALSE(f.payloads[i].header.bmHeaderInfo & OPENK4A_UVC_HEADER_EOF);
            EXPECT_EQ(f.payloads[i].header.dwPresentationTime, f.pts);
        }
        EXPECT_TRUE(f.eof);
    }
}

TEST_F(EmulatedDeviceTest, IsochronousVariantStreamsWhileAltSettingIsSelected)
{
    EmulatorOptions options;
    options.isochronous = true;
    Start(options);
    const StreamSpec &spec = device_->function().streams[kIrStream];
    ASSERT_TRUE(spec.isochronous());
    ASSERT_EQ(libusb_claim_interface(host_->handle(), spec.interface_number), 0);
    openk4a_uvc_probe_commit_t commit{};
    ASSERT_EQ(host_->Negotiate(spec.interface_number, 1, 1, k30Fps, 34, &commit), 0);
    EXPECT_FALSE(device_->stream_stats(kIrStream).streaming); // not before the alt setting
    ASSERT_EQ(libusb_set_interface_alt_setting(host_->handle(), spec.interface_number, 1), 0);
    std::vector<HostFrame> frames;
    ASSERT_EQ(host_->ReadIsoFrames(spec.endpoint, static_cast<int>(spec.alts[0].bytes_per_interval), 3, 5000, &frames),
              0);
    for (const HostFrame &f : frames)
    {
        if (!f.eof)
            continue; // the first may have started before the host listened
        EXPECT_EQ(f.data.size(), 320u * 288u * 2u);
    }
    ASSERT_EQ(libusb_set_interface_alt_setting(host_->handle(), spec.interface_number, 0), 0);
    EXPECT_FALSE(device_->stream_stats(kIrStream).streaming);
}

TEST_F(EmulatedDeviceTest, ImuPacketsOnTheVendorEndpoint)
{
    Start();
    ASSERT_EQ(libusb_claim_interface(host_->handle(), 4), 0);
    ASSERT_EQ(libusb_control_transfer(host_->handle(), 0x41, OPENK4A_K4A_VENDOR_REQ_IMU_STREAM, 1, 4, nullptr, 0, 1000),
              0);
    uint64_t last_ts = 0;
    for (int i = 0; i < 10; i++)
    {
        uint8_t buf[512];
        int got = 0;
        ASSERT_EQ(libusb_bulk_transfer(host_->handle(), 0x84, buf, sizeof buf, &got, 1000), 0);
        k4a_imu_sample_t samples[8];
        size_t count = 0;
        ASSERT_EQ(openk4a_imu_packet_decode(buf, static_cast<size_t>(got), samples, 8, &count, nullptr),
                  OPENK4A_USB_OK);
        ASSERT_EQ(count, 8u);
        for (size_t s = 0; s < count; s++)
        {
            EXPECT_NEAR(samples[s].acc_sample.xyz.z, -9.81f, 0.05f);
            EXPECT_NEAR(samples[s].temperature, 31.5f, 0.1f);
            if (last_ts != 0)
            {
                EXPECT_EQ(samples[s].acc_timestamp_usec - last_ts, 600u);
            }
            last_ts = samples[s].acc_timestamp_usec;
        }
    }
    ASSERT_EQ(libusb_control_transfer(host_->handle(), 0x41, OPENK4A_K4A_VENDOR_REQ_IMU_STREAM, 0, 4, nullptr, 0, 1000),
              0);
    EXPECT_FALSE(device_->imu_stats().streaming);
}

// The colour controls on the VideoControl interface, asked with plain libusb
// calls and checked against UVC 1.5 section 4.2 (request codes, GET_INFO bits,
// VC_REQUEST_ERROR_CODE_CONTROL codes): wIndex = entity << 8 | interface 0.
TEST_F(EmulatedDeviceTest, ColourControlsAnswerAsUvc15Says)
{
    Start();
    ASSERT_EQ(libusb_claim_interface(host_->handle(), 0), 0);
    libusb_device_handle *h = host_->handle();
    const uint16_t pu = 6 << 8, ct = 1 << 8;
    auto get = [&](uint8_t request, uint8_t selector, uint16_t entity, uint16_t length, uint8_t *data)
    {
        return libusb_control_transfer(h, 0xA1, request, selector << 8, entity, data, length, 1000);
    };
    auto set = [&](uint8_t selector, uint16_t entity, std::vector<uint8_t> data)
    {
        return libusb_control_transfer(h, 0x21, 0x01, selector << 8, entity, data.data(),
                                       static_cast<uint16_t>(data.size()), 1000);
    };
    auto error_code = [&]
    {
        uint8_t code = 0xEE;
        EXPECT_EQ(get(0x81, 0x02, 0, 1, &code), 1); // VC_REQUEST_ERROR_CODE_CONTROL
        return code;
    };
    uint8_t b[4] = {};
    ASSERT_EQ(get(0x86, 0x02, pu, 1, b), 1); // GET_INFO brightness: GET and SET supported
    EXPECT_EQ(b[0], 0x03);
    ASSERT_EQ(get(0x85, 0x02, pu, 2, b), 2); // GET_LEN: 2 bytes
    EXPECT_EQ(b[0] | b[1] << 8, 2);
    ASSERT_EQ(get(0x84, 0x02, ct, 1, b), 1); // GET_RES of the AE mode: the supported modes
    EXPECT_EQ(b[0], 0x01 | 0x08);            // manual, aperture priority
    ASSERT_EQ(get(0x87, 0x02, ct, 1, b), 1); // GET_DEF: aperture priority
    EXPECT_EQ(b[0], 0x08);
    EXPECT_EQ(get(0x82, 0x02, ct, 1, b), LIBUSB_ERROR_PIPE); // AE mode has no GET_MIN
    EXPECT_EQ(error_code(), 0x07);                           // invalid request
    // Exposure time is under automatic control: GET_INFO says so, SET_CUR stalls.
    ASSERT_EQ(get(0x86, 0x04, ct, 1, b), 1);
    EXPECT_EQ(b[0], 0x03 | 0x04);
    EXPECT_EQ(set(0x04, ct, {100, 0, 0, 0}), LIBUSB_ERROR_PIPE);
    EXPECT_EQ(error_code(), 0x02);       // wrong state
    ASSERT_EQ(set(0x02, ct, {0x01}), 1); // manual exposure
    EXPECT_EQ(error_code(), 0x00);
    EXPECT_EQ(set(0x04, ct, {100, 0, 0}), LIBUSB_ERROR_PIPE); // wLength 3 for a 4-byte control
    EXPECT_EQ(error_code(), 0x07);
    ASSERT_EQ(set(0x04, ct, {100, 0, 0, 0}), 4);
    ASSERT_EQ(get(0x81, 0x04, ct, 4, b), 4);
    EXPECT_EQ(b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24, 100);
    EXPECT_EQ(set(0x02, pu, {0x2C, 0x01}), LIBUSB_ERROR_PIPE); // brightness 300 > GET_MAX
    EXPECT_EQ(error_code(), 0x04);                             // out of range
    EXPECT_EQ(get(0x81, 0x06, pu, 2, b), LIBUSB_ERROR_PIPE);   // hue: not declared
    EXPECT_EQ(error_code(), 0x06);                             // invalid control
}

TEST_F(EmulatedDeviceTest, DeviceDropsFramesTheHostDoesNotTake)
{
    EmulatorOptions options;
    options.device_buffer_frames = 2;
    Start(options);
    StartStream(kDepthStream, 1, 1, k30Fps);
    ASSERT_TRUE(device_->WaitForFrames(kDepthStream, 8, 5000));
    EXPECT_GE(device_->stream_stats(kDepthStream).frames_dropped, 5u);
}

// ---- faults, each seen on the wire ----

class FaultTest : public EmulatedDeviceTest
{
protected:
    void SetUp() override
    {
        Start(DeepFifo());
        StartStream(kDepthStream, 1, 1, k30Fps); // 320x288 Z16, one payload per frame
    }
    // Reads `frames` frames that must all have reached the host: a frame the
    // device dropped could have been the faulted one, and the counts the tests
    // check hold only for a host that kept up.
    std::vector<HostFrame> ReadEvery(int stream, size_t frames)
    {
        std::vector<HostFrame> out = Read(stream, frames);
        EXPECT_EQ(device_->stream_stats(stream).frames_dropped, 0u) << "the host fell behind the device";
        return out;
    }
    // A second of frames: a host slowed by a sanitizer on busy cores (one run
    // lost the faulted frame from the default 3-frame FIFO) still gets each one.
    static EmulatorOptions DeepFifo()
    {
        EmulatorOptions options;
        options.device_buffer_frames = 30;
        return options;
    }
    static constexpr size_t kFrame = 320 * 288 * 2;
};

TEST_F(FaultTest, ErrBit)
{
    device_->InjectFault({FaultKind::kErrBit, kDepthStream, 1, 2});
    auto frames = ReadEvery(kDepthStream, 5);
    EXPECT_EQ(std::count_if(frames.begin(), frames.end(), [](const HostFrame &f) { return f.err; }), 2);
}

TEST_F(FaultTest, WrongHeaderLength)
{
    device_->InjectFault({FaultKind::kBadHeaderLength, kDepthStream, 1, 1, 0});
    device_->InjectFault({FaultKind::kBadHeaderLength, kDepthStream, 2, 1, 1});
    auto frames = ReadEvery(kDepthStream, 5);
    int bad = 0;
    for (const auto &f : frames)
    {
        for (const auto &p : f.payloads)
            bad += p.bytes[0] != 12 ? 1 : 0;
    }
    EXPECT_EQ(bad, 2);
}

TEST_F(FaultTest, FidToggleMidFrame)
{
    device_->InjectFault({FaultKind::kFidToggleMidFrame, kDepthStream, 1, 1});
    auto frames = ReadEvery(kDepthStream, 5);
    int cut = 0;
    for (const auto &f : frames)
        cut += !f.eof && f.data.size() < kFrame;
    EXPECT_GE(cut, 1);
}

TEST_F(FaultTest, LostEof)
{
    device_->InjectFault({FaultKind::kLostEof, kDepthStream, 1, 1});
    auto frames = ReadEvery(kDepthStream, 4);
    int without_eof = 0;
    for (const auto &f : frames)
    {
        without_eof += !f.eof;
        EXPECT_EQ(f.data.size(), kFrame); // whole, just not marked
    }
    EXPECT_EQ(without_eof, 1);
}

TEST_F(FaultTest, TruncatedAndOversizedFrames)
{
    device_->InjectFault({FaultKind::kTruncated, kDepthStream, 1, 1, 1000});
    device_->InjectFault({FaultKind::kOversized, kDepthStream, 2, 1, 4096});
    auto frames = ReadEvery(kDepthStream, 5);
    std::multiset<size_t> sizes;
    for (const auto &f : frames)
        sizes.insert(f.data.size());
    EXPECT_EQ(sizes.count(1000), 1u);
    EXPECT_EQ(sizes.count(kFrame + 4096), 1u);
}

TEST_F(FaultTest, CorruptJpeg)
{
    host_.reset();
    device_.reset();
    Start(DeepFifo());
    StartStream(kColorStream, 1, 1, k30Fps);
    device_->InjectFault({FaultKind::kCorruptJpeg, kColorStream, 1, 1});
    auto frames = ReadEvery(kColorStream, 4);
    int broken = 0;
    for (const auto &f : frames)
        broken += !JpegDecodes(f.data);
    EXPECT_EQ(broken, 1);
}

// Reads until frames arrive live (one per interval), so faults are not
// hidden behind frames the device had already buffered.
void CatchUp(UvcHost *host)
{
    for (int i = 0; i < 30; i++)
    {
        std::vector<HostFrame> one;
        const auto before = std::chrono::steady_clock::now();
        if (host->ReadBulkFrames(0x82, kBigTransfer, 1, 2000, &one) != 0)
            return;
        if (std::chrono::steady_clock::now() - before > std::chrono::milliseconds(15))
            return;
    }
}

TEST_F(FaultTest, SlowSource)
{
    CatchUp(host_.get());
    // Timed on the device side: how late the host reads depends on how busy the
    // machine is (sanitizers, other jobs), how late the device sends does not.
    const uint64_t sent = device_->stream_stats(kDepthStream).frames_sent;
    const auto injected = std::chrono::steady_clock::now();
    device_->InjectFault({FaultKind::kSlowSource, kDepthStream, 0, 1, 400});
    // The slowed frame is one of the next few (one may have gone out meanwhile).
    ASSERT_TRUE(device_->WaitForFrames(kDepthStream, sent + 3, 10000));
    const auto late =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - injected);
    EXPECT_GE(late.count(), 400);
    // The frames exposed while it was held up are never sent (a camera's
    // pipeline drops them): the device passes over them, counted as late.
    EXPECT_GE(device_->stream_stats(kDepthStream).frames_late, 10u);
    // And the stream goes on afterwards.
    EXPECT_EQ(Read(kDepthStream, 3).size(), 3u);
}

TEST_F(FaultTest, BurstySource)
{
    CatchUp(host_.get());
    device_->InjectFault({FaultKind::kBurst, kDepthStream, 0, 6, 6});
    auto frames = Read(kDepthStream, 10);
    // Six frames 1/30 s apart on the device clock arrive together: some run of
    // six spans far less wall time than its 167 ms of PTS.
    bool burst = false;
    for (size_t i = 0; i + 5 < frames.size(); i++)
    {
        const double pts_ms = (frames[i + 5].pts - frames[i].pts) / 90.0;
        const auto wall =
            std::chrono::duration_cast<std::chrono::milliseconds>(frames[i + 5].arrived - frames[i].arrived).count();
        burst = burst || (pts_ms > 150 && wall < pts_ms * 0.6);
    }
    EXPECT_TRUE(burst);
}

TEST_F(FaultTest, PauseMakesTransfersTimeOut)
{
    CatchUp(host_.get());
    device_->InjectFault({FaultKind::kPause, kDepthStream, 0, 1, 1500});
    std::vector<uint8_t> buf(kBigTransfer);
    int got = 0;
    // Drain what was queued before the pause, then wait into it.
    int r = 0;
    for (int i = 0; i < 40 && r == 0; i++)
    {
        r = libusb_bulk_transfer(host_->handle(), 0x82, buf.data(), static_cast<int>(buf.size()), &got, 150);
    }
    EXPECT_EQ(r, LIBUSB_ERROR_TIMEOUT);
    Read(kDepthStream, 2); // and frames come again
}

TEST_F(FaultTest, StallIsClearedAndStreamingContinues)
{
    device_->InjectFault({FaultKind::kStall, kDepthStream, 1});
    std::vector<HostFrame> frames;
    const int r = host_->ReadBulkFrames(0x82, kBigTransfer, 10, 3000, &frames);
    EXPECT_EQ(r, LIBUSB_ERROR_PIPE);
    ASSERT_EQ(libusb_clear_halt(host_->handle(), 0x82), 0);
    Read(kDepthStream, 3);
}

TEST_F(FaultTest, TransferError)
{
    device_->InjectFault({FaultKind::kTransferError, kDepthStream, 1, 1, 1});
    std::vector<HostFrame> frames;
    EXPECT_EQ(host_->ReadBulkFrames(0x82, kBigTransfer, 10, 3000, &frames), LIBUSB_ERROR_IO);
    Read(kDepthStream, 2);
}

TEST_F(FaultTest, UnplugMidStreamThenReplug)
{
    device_->InjectFault({FaultKind::kUnplug, kDepthStream, 2});
    std::vector<HostFrame> frames;
    EXPECT_EQ(host_->ReadBulkFrames(0x82, kBigTransfer, 100, 5000, &frames), LIBUSB_ERROR_NO_DEVICE);
    EXPECT_FALSE(device_->plugged());
    host_->Close();
    std::string error;
    ASSERT_TRUE(device_->Plug(&error)) << error;
    ASSERT_TRUE(host_->Open(device_->vendor_id(), device_->product_id()));
    StartStream(kDepthStream, 1, 1, k30Fps);
    Read(kDepthStream, 2);
}

// ---- real webcam descriptors ----

class WebcamDescriptorTest : public ::testing::TestWithParam<const char *>
{
};

TEST_P(WebcamDescriptorTest, StreamsItsFirstFormatOverIsochronousTransfers)
{
    const std::string name = GetParam();
    auto cfg = openk4a::testing::TestdataPath("uvc/" + name + ".cfg.bin");
    if (!cfg)
        GTEST_SKIP() << "shared testdata absent: uvc/" << name << ".cfg.bin";
    EmulatorOptions options;
    options.config_descriptor_file = *cfg;
    if (auto dev = openk4a::testing::TestdataPath("uvc/" + name + ".dev.bin"))
    {
        options.device_descriptor_file = *dev;
    }
    std::string error;
    auto device = EmulatedDevice::Create(options, &error);
    ASSERT_NE(device, nullptr) << error;
    UvcHost host;
    ASSERT_TRUE(host.Open(device->vendor_id(), device->product_id()));
    const StreamSpec &spec = device->function().streams[0];
    ASSERT_TRUE(spec.isochronous());
    // MJPG when the camera has it, else its first format; the smallest frame.
    const FormatSpec *format = &spec.formats[0];
    for (const FormatSpec &f : spec.formats)
    {
        if (f.kind == PixelKind::kMjpeg)
            format = &f;
    }
    const FrameSpec *frame = &format->frames[0];
    for (const FrameSpec &f : format->frames)
    {
        if (f.width * f.height < frame->width * frame->height)
            frame = &f;
    }
    ASSERT_EQ(libusb_claim_interface(host.handle(), spec.interface_number), 0);
    openk4a_uvc_probe_commit_t commit{};
    const size_t probe_size = device->function().bcd_uvc >= 0x0110 ? 34 : 26;
    ASSERT_EQ(host.Negotiate(spec.interface_number, format->index, frame->index, 0, probe_size, &commit), 0);
    const AltSpec &alt = spec.alts.back(); // the widest
    ASSERT_EQ(libusb_set_interface_alt_setting(host.handle(), spec.interface_number, alt.alt), 0);
    std::vector<HostFrame> frames;
    ASSERT_EQ(host.ReadIsoFrames(spec.endpoint, static_cast<int>(alt.bytes_per_interval), 3, 8000, &frames), 0);
    const HostFrame &last = frames.back();
    EXPECT_TRUE(last.eof);
    if (format->kind == PixelKind::kMjpeg)
    {
        int w = 0, h = 0;
        ASSERT_TRUE(JpegDimensions(last.data, &w, &h));
        EXPECT_EQ(w, frame->width);
        EXPECT_EQ(h, frame->height);
    }
    else
    {
        EXPECT_EQ(last.data.size(), FrameBytes(*format, *frame));
    }
    ASSERT_EQ(libusb_set_interface_alt_setting(host.handle(), spec.interface_number, 0), 0);
    host.Close();
}

INSTANTIATE_TEST_SUITE_P(RealDescriptors, WebcamDescriptorTest,
                         ::testing::Values("logitech_c310", "logitech_c270", "anker_powerconf_c200", "trust_webcam"));

} // namespace
} // namespace openk4a::emulator
