#include "tools/emulator/uvc_catalog.h"

#include <stddef.h>

#include <algorithm>
#include <memory>

#include "openk4a/usb/k4a_vendor_wire.h"
#include "openk4a/usb/uvc_descriptors.h"
#include "tools/emulator/uvc_controls.h"

namespace openk4a::emulator
{
namespace
{

constexpr uint32_t kFps30 = 333333, kFps15 = 666666, kFps5 = 2000000; // 100 ns units

// Little-endian descriptor writer with back-patching of length fields.
class Writer
{
public:
    size_t size() const
    {
        return bytes_.size();
    }
    void U8(uint32_t v)
    {
        bytes_.push_back(static_cast<uint8_t>(v));
    }
    void U16(uint32_t v)
    {
        U8(v & 0xff);
        U8(v >> 8);
    }
    void U32(uint32_t v)
    {
        U16(v & 0xffff);
        U16(v >> 16);
    }
    void Bytes(const uint8_t *p, size_t n)
    {
        bytes_.insert(bytes_.end(), p, p + n);
    }
    void Patch16(size_t at, uint32_t v)
    {
        bytes_[at] = static_cast<uint8_t>(v);
        bytes_[at + 1] = static_cast<uint8_t>(v >> 8);
    }
    std::vector<uint8_t> &bytes()
    {
        return bytes_;
    }

private:
    std::vector<uint8_t> bytes_;
};

void Guid(Writer &w, uint32_t fourcc)
{
    static const uint8_t kSuffix[12] = {0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
    w.U32(fourcc);
    w.Bytes(kSuffix, sizeof kSuffix);
}

constexpr uint32_t FourCC(char a, char b, char c, char d)
{
    return static_cast<uint32_t>(a) | static_cast<uint32_t>(b) << 8 | static_cast<uint32_t>(c) << 16 |
           static_cast<uint32_t>(d) << 24;
}

void Interface(Writer &w, uint8_t number, uint8_t alt, uint8_t endpoints, uint8_t cls, uint8_t subclass, uint8_t string)
{
    w.U8(9), w.U8(4), w.U8(number), w.U8(alt), w.U8(endpoints), w.U8(cls), w.U8(subclass), w.U8(0), w.U8(string);
}

// SuperSpeed endpoint + companion.
void Endpoint(Writer &w, uint8_t address, bool iso, uint8_t burst, uint8_t mult)
{
    w.U8(7), w.U8(5), w.U8(address), w.U8(iso ? 0x05 : 0x02), w.U16(1024), w.U8(iso ? 1 : 0);
    const uint32_t per_interval = iso ? 1024u * (burst + 1u) * (mult + 1u) : 0;
    w.U8(6), w.U8(0x30), w.U8(burst), w.U8(mult), w.U16(per_interval);
}

void FormatAndFrames(Writer &w, const FormatSpec &format)
{
    if (format.kind == PixelKind::kMjpeg)
    {
        w.U8(11), w.U8(0x24), w.U8(0x06), w.U8(format.index), w.U8(format.frames.size());
        w.U8(0), w.U8(format.default_frame_index), w.U8(0), w.U8(0), w.U8(0), w.U8(0);
    }
    else
    {
        w.U8(27), w.U8(0x24), w.U8(0x04), w.U8(format.index), w.U8(format.frames.size());
        Guid(w, format.fourcc);
        w.U8(format.bits_per_pixel), w.U8(format.default_frame_index), w.U8(0), w.U8(0), w.U8(0), w.U8(0);
    }
    for (const FrameSpec &frame : format.frames)
    {
        const uint8_t subtype = format.kind == PixelKind::kMjpeg ? 0x07 : 0x05;
        w.U8(26 + 4 * frame.intervals.size()), w.U8(0x24), w.U8(subtype), w.U8(frame.index), w.U8(0);
        w.U16(frame.width), w.U16(frame.height);
        const uint32_t bytes = FrameBytes(format, frame);
        const uint32_t slowest = frame.intervals.back();
        w.U32(static_cast<uint32_t>(uint64_t{bytes} * 8 * 10000000 / slowest)); // min bit rate
        w.U32(static_cast<uint32_t>(uint64_t{bytes} * 8 * 10000000 / frame.intervals.front()));
        w.U32(bytes);
        w.U32(frame.default_interval);
        w.U8(frame.intervals.size());
        for (uint32_t interval : frame.intervals)
            w.U32(interval);
    }
}

// One VideoStreaming interface; its endpoint in alt 0 (bulk) or in alt 1
// (isochronous, alt 0 without endpoints).
void StreamingInterface(Writer &w, const StreamSpec &stream, uint8_t terminal_link, bool iso)
{
    Interface(w, stream.interface_number, 0, iso ? 0 : 1, 0x0E, 0x02, 0);
    const size_t header = w.size();
    const size_t formats = stream.formats.size();
    w.U8(13 + formats), w.U8(0x24), w.U8(0x01), w.U8(formats);
    w.U16(0); // wTotalLength, patched below
    w.U8(stream.endpoint), w.U8(0), w.U8(terminal_link), w.U8(0), w.U8(0), w.U8(0), w.U8(1);
    for (size_t i = 0; i < formats; i++)
        w.U8(0);
    for (const FormatSpec &format : stream.formats)
        FormatAndFrames(w, format);
    w.Patch16(header + 4, static_cast<uint32_t>(w.size() - header));
    if (iso)
    {
        Interface(w, stream.interface_number, 1, 1, 0x0E, 0x02, 0);
        Endpoint(w, stream.endpoint, true, 15, 2);
    }
    else
    {
        Endpoint(w, stream.endpoint, false, 15, 0);
    }
}

FrameSpec Frame(uint8_t index, uint16_t width, uint16_t height, bool thirty_fps)
{
    FrameSpec f;
    f.index = index;
    f.width = width;
    f.height = height;
    f.intervals = thirty_fps ? std::vector<uint32_t>{kFps30, kFps15, kFps5} : std::vector<uint32_t>{kFps15, kFps5};
    f.default_interval = f.intervals.front();
    f.min_interval = f.intervals.front();
    f.max_interval = f.intervals.back();
    return f;
}

std::vector<FrameSpec> DepthModeFrames()
{
    // NFOV 2x2 binned, NFOV unbinned, WFOV 2x2 binned, WFOV unbinned / passive IR.
    return {Frame(1, 320, 288, true), Frame(2, 640, 576, true), Frame(3, 512, 512, true), Frame(4, 1024, 1024, true)};
}

} // namespace

uint32_t FrameBytes(const FormatSpec &format, const FrameSpec &frame)
{
    if (frame.max_frame_size != 0 && format.kind != PixelKind::kMjpeg)
        return frame.max_frame_size;
    const uint64_t pixels = uint64_t{frame.width} * frame.height;
    switch (format.kind)
    {
    case PixelKind::kMjpeg:
        // A bound for one compressed frame: 4 bits per pixel (real Azure Kinect
        // frames take about 1.6).
        return frame.max_frame_size != 0 ? frame.max_frame_size : static_cast<uint32_t>(pixels / 2);
    case PixelKind::kNv12:
        return static_cast<uint32_t>(pixels * 3 / 2);
    default:
        return static_cast<uint32_t>(pixels * (format.bits_per_pixel ? format.bits_per_pixel : 16) / 8);
    }
}

bool FunctionFromConfig(const std::vector<uint8_t> &config, FunctionSpec *out, std::string *error)
{
    auto model = std::make_unique<openk4a_uvc_config_t>(); // ~100 KiB: not on the stack
    size_t consumed = 0;
    const openk4a_usb_status_t status = openk4a_uvc_config_parse(config.data(), config.size(), model.get(), &consumed);
    if (status != OPENK4A_USB_OK)
    {
        *error = "configuration descriptor rejected at byte " + std::to_string(consumed) + ": " +
                 openk4a_usb_status_message(status);
        return false;
    }
    if (!model->control.present || model->streaming_count == 0)
    {
        *error = "configuration descriptor has no UVC VideoControl and VideoStreaming interfaces";
        return false;
    }
    FunctionSpec fn;
    fn.vc_interface = model->control.interface_number;
    fn.bcd_uvc = model->control.bcd_uvc;
    fn.clock_hz = model->control.clock_frequency != 0 ? model->control.clock_frequency : 48000000;
    for (uint16_t s = 0; s < model->streaming_count; s++)
    {
        const openk4a_uvc_streaming_interface_t &vs = model->streaming[s];
        StreamSpec stream;
        stream.interface_number = vs.interface_number;
        stream.endpoint = vs.endpoint_address;
        for (uint16_t a = 0; a < model->alt_count; a++)
        {
            const openk4a_uvc_alt_setting_t &alt = model->alts[a];
            if (alt.interface_number != vs.interface_number || !alt.has_endpoint)
                continue;
            AltSpec spec;
            spec.alt = alt.alternate_setting;
            spec.endpoint = alt.endpoint_address;
            spec.isochronous = (alt.endpoint_attributes & 3) == 1;
            spec.bytes_per_interval = alt.bytes_per_interval;
            stream.alts.push_back(spec);
        }
        for (uint16_t f = vs.first_format; f < vs.first_format + vs.format_count; f++)
        {
            const openk4a_uvc_format_t &format = model->formats[f];
            FormatSpec spec;
            spec.index = format.format_index;
            spec.fourcc = format.fourcc;
            spec.bits_per_pixel = format.bits_per_pixel;
            spec.default_frame_index = format.default_frame_index;
            switch (format.pixel_format)
            {
            case OPENK4A_UVC_PIXEL_MJPEG:
                spec.kind = PixelKind::kMjpeg;
                break;
            case OPENK4A_UVC_PIXEL_YUY2:
                spec.kind = PixelKind::kYuy2;
                break;
            case OPENK4A_UVC_PIXEL_NV12:
                spec.kind = PixelKind::kNv12;
                break;
            case OPENK4A_UVC_PIXEL_Z16:
                spec.kind = PixelKind::kZ16;
                break;
            case OPENK4A_UVC_PIXEL_Y16:
                spec.kind = PixelKind::kY16;
                break;
            default:
                spec.kind = PixelKind::kOther;
                break;
            }
            for (uint16_t i = format.first_frame; i < format.first_frame + format.frame_count; i++)
            {
                const openk4a_uvc_frame_desc_t &frame = model->frames[i];
                FrameSpec fs;
                fs.index = frame.frame_index;
                fs.width = frame.width;
                fs.height = frame.height;
                fs.max_frame_size = frame.max_frame_buffer_size;
                fs.default_interval = frame.default_interval;
                fs.min_interval = frame.min_interval;
                fs.max_interval = frame.max_interval;
                fs.interval_step = frame.interval_step;
                for (uint8_t k = 0; k < frame.interval_type; k++)
                {
                    fs.intervals.push_back(openk4a_uvc_frame_interval_at(model.get(), &frame, k));
                }
                spec.frames.push_back(fs);
            }
            if (!spec.frames.empty())
                stream.formats.push_back(spec);
        }
        if (!stream.formats.empty())
            fn.streams.push_back(stream);
    }
    if (fn.streams.empty())
    {
        *error = "configuration descriptor has no streaming interface with a usable format";
        return false;
    }
    *out = std::move(fn);
    return true;
}

namespace
{

// The k4a colour camera's streaming interface 1 (endpoint 0x81).
StreamSpec K4aColorStream()
{
    StreamSpec color;
    color.interface_number = 1;
    color.endpoint = 0x81;
    FormatSpec mjpg;
    mjpg.index = 1;
    mjpg.kind = PixelKind::kMjpeg;
    mjpg.fourcc = FourCC('M', 'J', 'P', 'G');
    // k4a colour resolutions: 720p 1080p 1440p 1536p 2160p 3072p (3072p max 15 fps).
    mjpg.frames = {Frame(1, 1280, 720, true),  Frame(2, 1920, 1080, true), Frame(3, 2560, 1440, true),
                   Frame(4, 2048, 1536, true), Frame(5, 3840, 2160, true), Frame(6, 4096, 3072, false)};
    FormatSpec yuy2;
    yuy2.index = 2;
    yuy2.kind = PixelKind::kYuy2;
    yuy2.fourcc = FourCC('Y', 'U', 'Y', '2');
    yuy2.bits_per_pixel = 16;
    yuy2.frames = {Frame(1, 1280, 720, true)};
    FormatSpec nv12;
    nv12.index = 3;
    nv12.kind = PixelKind::kNv12;
    nv12.fourcc = FourCC('N', 'V', '1', '2');
    nv12.bits_per_pixel = 12;
    nv12.frames = {Frame(1, 1280, 720, true)};
    color.formats = {mjpg, yuy2, nv12};
    return color;
}

} // namespace

std::vector<uint8_t> StringDescriptor(const std::string &text)
{
    std::vector<uint8_t> d = {static_cast<uint8_t>(2 + 2 * std::min<size_t>(text.size(), 126)), 3};
    for (size_t i = 0; i < text.size() && i < 126; i++)
    {
        d.push_back(static_cast<uint8_t>(text[i]));
        d.push_back(0);
    }
    return d;
}

std::vector<uint8_t> FirmwareVersionsReply(uint8_t build_config, uint8_t signature_type)
{
    openk4a_k4a_vendor_firmware_versions_t v{};
    v.rgb_major = 1, v.rgb_minor = 6, v.rgb_build = 110;
    v.depth_major = 1, v.depth_minor = 6, v.depth_build = 79;
    v.audio_major = 1, v.audio_minor = 6, v.audio_build = 14;
    v.depth_sensor_cfg_major = 6109, v.depth_sensor_cfg_minor = 7;
    v.build_config = build_config;
    v.signature_type = signature_type;
    std::vector<uint8_t> reply(OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE);
    size_t written = 0;
    if (openk4a_k4a_vendor_firmware_versions_encode(&v, reply.data(), reply.size(), &written) != OPENK4A_USB_OK)
    {
        reply.clear();
    }
    return reply;
}

DescriptorSet BuildK4aDescriptors(const K4aDescriptorOptions &options)
{
    DescriptorSet set;
    set.strings = {"openk4a", "openk4a emulated Azure Kinect (UVC)", options.serial};

    FunctionSpec &fn = set.function;
    fn.vc_interface = 0;
    fn.bcd_uvc = 0x0110;
    fn.clock_hz = 90000;

    StreamSpec color = K4aColorStream();

    StreamSpec depth;
    depth.interface_number = 2;
    depth.endpoint = 0x82;
    FormatSpec z16;
    z16.index = 1;
    z16.kind = PixelKind::kZ16;
    z16.fourcc = FourCC('Z', '1', '6', ' ');
    z16.bits_per_pixel = 16;
    z16.frames = DepthModeFrames();
    z16.frames[3] = Frame(4, 1024, 1024, false); // WFOV unbinned: 15 fps at most
    depth.formats = {z16};

    StreamSpec ir;
    ir.interface_number = 3;
    ir.endpoint = 0x83;
    FormatSpec y16 = z16;
    y16.kind = PixelKind::kY16;
    y16.fourcc = FourCC('Y', '1', '6', ' ');
    y16.frames = DepthModeFrames(); // passive IR: 1024x1024 at 30 fps
    ir.formats = {y16};

    for (StreamSpec *s : {&color, &depth, &ir})
    {
        AltSpec alt;
        alt.alt = options.isochronous ? 1 : 0;
        alt.endpoint = s->endpoint;
        alt.isochronous = options.isochronous;
        alt.bytes_per_interval = options.isochronous ? 1024u * 16u * 3u : 0;
        s->alts = {alt};
    }
    fn.streams = {color, depth, ir};
    fn.imu_interface = 4;
    fn.color_controls = true;
    fn.imu_endpoint = 0x84;

    // ---- device descriptor: USB 3.2, composite (IAD) ----
    set.device = {18,
                  1,
                  0x20,
                  0x03,
                  0xEF,
                  0x02,
                  0x01,
                  9,
                  kK4aVendorId & 0xff,
                  kK4aVendorId >> 8,
                  kK4aProductId & 0xff,
                  kK4aProductId >> 8,
                  0x00,
                  0x01,
                  1,
                  2,
                  3,
                  1};

    // ---- configuration ----
    Writer w;
    w.U8(9), w.U8(2), w.U16(0), w.U8(5), w.U8(1), w.U8(0), w.U8(0x80), w.U8(112);
    // IAD over the video function: interfaces 0..3.
    w.U8(8), w.U8(0x0B), w.U8(0), w.U8(4), w.U8(0x0E), w.U8(0x03), w.U8(0), w.U8(2);
    Interface(w, 0, 0, 0, 0x0E, 0x01, 2);
    const size_t vc = w.size();
    w.U8(15), w.U8(0x24), w.U8(0x01), w.U16(fn.bcd_uvc), w.U16(0), w.U32(fn.clock_hz), w.U8(3);
    w.U8(1), w.U8(2), w.U8(3);
    // Input terminals: 1 colour camera (exposure controls), 5 depth camera (none).
    const UvcControls controls;
    for (uint8_t id : {kColorCameraTerminalId, uint8_t{5}})
    {
        const uint32_t bits = id == kColorCameraTerminalId ? controls.camera_terminal_controls() : 0;
        w.U8(18), w.U8(0x24), w.U8(0x02), w.U8(id), w.U16(0x0201), w.U8(0), w.U8(0);
        w.U16(0), w.U16(0), w.U16(0), w.U8(3), w.U8(bits & 0xff), w.U8(bits >> 8 & 0xff), w.U8(bits >> 16);
    }
    // Processing unit after the colour camera (UVC 1.1 layout: 2-byte bmControls,
    // iProcessing, bmVideoStandards).
    const uint32_t pu_bits = controls.processing_unit_controls();
    w.U8(12), w.U8(0x24), w.U8(0x05), w.U8(kColorProcessingUnitId), w.U8(kColorCameraTerminalId), w.U16(0);
    w.U8(2), w.U8(pu_bits & 0xff), w.U8(pu_bits >> 8), w.U8(0), w.U8(0);
    // Output (streaming) terminals 2 colour, 3 depth, 4 IR.
    const uint8_t outputs[3][2] = {{2, kColorProcessingUnitId}, {3, 5}, {4, 5}};
    for (const auto &out : outputs)
    {
        w.U8(9), w.U8(0x24), w.U8(0x03), w.U8(out[0]), w.U16(0x0101), w.U8(0), w.U8(out[1]), w.U8(0);
    }
    w.Patch16(vc + 5, static_cast<uint32_t>(w.size() - vc));
    StreamingInterface(w, color, 2, options.isochronous);
    StreamingInterface(w, depth, 3, options.isochronous);
    StreamingInterface(w, ir, 4, options.isochronous);
    // Vendor interface: IMU packets on a bulk IN endpoint.
    Interface(w, 4, 0, 1, 0xFF, 0x00, 0);
    Endpoint(w, fn.imu_endpoint, false, 0, 0);
    w.Patch16(2, static_cast<uint32_t>(w.size()));
    set.config = std::move(w.bytes());
    return set;
}

// ---- a real Azure Kinect's USB devices ----
// Endpoint map and interface numbers as the Azure Kinect Sensor SDK opens them
// (src/usbcommand/usb_cmd_priv.h); the rest of each descriptor is ours, not a
// capture of a real unit (none was at hand).

namespace
{

std::vector<uint8_t> DeviceDescriptor(uint16_t bcd_usb, uint8_t cls, uint8_t subclass, uint8_t protocol,
                                      uint16_t product_id)
{
    return {18,
            1,
            static_cast<uint8_t>(bcd_usb & 0xff),
            static_cast<uint8_t>(bcd_usb >> 8),
            cls,
            subclass,
            protocol,
            9,
            kK4aVendorId & 0xff,
            kK4aVendorId >> 8,
            static_cast<uint8_t>(product_id & 0xff),
            static_cast<uint8_t>(product_id >> 8),
            0x00,
            0x01,
            1,
            2,
            3,
            1};
}

// A bulk-only vendor interface with the command OUT, command IN and stream IN
// endpoints of the SDK's map.
void CommandInterface(Writer &w, uint8_t number, uint8_t command_out, uint8_t command_in, uint8_t stream_in)
{
    Interface(w, number, 0, 3, 0xFF, 0x00, 0);
    for (uint8_t address : {command_out, command_in, stream_in})
        Endpoint(w, address, false, 0, 0);
}

} // namespace

DescriptorSet BuildAzureKinectColorDescriptors(const K4aDescriptorOptions &options)
{
    DescriptorSet set;
    set.strings = {"Microsoft", "Azure Kinect 4K Camera", options.serial};
    FunctionSpec &fn = set.function;
    fn.vc_interface = 0;
    fn.bcd_uvc = 0x0110;
    fn.clock_hz = 90000;
    StreamSpec color = K4aColorStream();
    AltSpec alt;
    alt.endpoint = color.endpoint;
    color.alts = {alt};
    fn.streams = {color};
    // The IMU comes through the colour MCU (azure_kinect_color_mcu.h), not this model.
    fn.imu_interface = -1;
    fn.color_controls = true;

    set.device = DeviceDescriptor(0x0320, 0xEF, 0x02, 0x01, kAzureKinectColorProductId);
    Writer w;
    w.U8(9), w.U8(2), w.U16(0), w.U8(3), w.U8(1), w.U8(0), w.U8(0x80), w.U8(112);
    w.U8(8), w.U8(0x0B), w.U8(0), w.U8(2), w.U8(0x0E), w.U8(0x03), w.U8(0), w.U8(2);
    Interface(w, 0, 0, 0, 0x0E, 0x01, 2);
    const size_t vc = w.size();
    w.U8(13), w.U8(0x24), w.U8(0x01), w.U16(fn.bcd_uvc), w.U16(0), w.U32(fn.clock_hz), w.U8(1), w.U8(1);
    const UvcControls controls;
    const uint32_t ct_bits = controls.camera_terminal_controls();
    w.U8(18), w.U8(0x24), w.U8(0x02), w.U8(kColorCameraTerminalId), w.U16(0x0201), w.U8(0), w.U8(0);
    w.U16(0), w.U16(0), w.U16(0), w.U8(3), w.U8(ct_bits & 0xff), w.U8(ct_bits >> 8 & 0xff), w.U8(ct_bits >> 16);
    const uint32_t pu_bits = controls.processing_unit_controls();
    w.U8(12), w.U8(0x24), w.U8(0x05), w.U8(kColorProcessingUnitId), w.U8(kColorCameraTerminalId), w.U16(0);
    w.U8(2), w.U8(pu_bits & 0xff), w.U8(pu_bits >> 8), w.U8(0), w.U8(0);
    w.U8(9), w.U8(0x24), w.U8(0x03), w.U8(2), w.U16(0x0101), w.U8(0), w.U8(kColorProcessingUnitId), w.U8(0);
    w.Patch16(vc + 5, static_cast<uint32_t>(w.size() - vc));
    StreamingInterface(w, color, 2, false);
    CommandInterface(w, kAzureKinectColorCommandInterface, 0x04, 0x83, 0x82);
    w.Patch16(2, static_cast<uint32_t>(w.size()));
    set.config = std::move(w.bytes());
    return set;
}

DescriptorSet BuildAzureKinectDepthDescriptors(const std::string &serial)
{
    DescriptorSet set;
    set.strings = {"Microsoft", "Azure Kinect Depth Camera", serial};
    set.device = DeviceDescriptor(0x0320, 0xFF, 0x00, 0x00, kAzureKinectDepthProductId);
    Writer w;
    w.U8(9), w.U8(2), w.U16(0), w.U8(1), w.U8(1), w.U8(0), w.U8(0x80), w.U8(112);
    CommandInterface(w, kAzureKinectDepthCommandInterface, 0x02, 0x81, 0x83);
    w.Patch16(2, static_cast<uint32_t>(w.size()));
    set.config = std::move(w.bytes());
    return set;
}

DescriptorSet BuildAzureKinectMicrophoneDescriptors(const std::string &serial)
{
    DescriptorSet set;
    set.strings = {"Microsoft", "Azure Kinect Microphone Array", serial};
    set.device = DeviceDescriptor(0x0200, 0x00, 0x00, 0x00, kAzureKinectMicrophoneProductId);
    Writer w;
    // Audio control + one audio streaming interface (class-specific parts left
    // out: nothing here reads them).
    w.U8(9), w.U8(2), w.U16(0), w.U8(2), w.U8(1), w.U8(0), w.U8(0x80), w.U8(50);
    Interface(w, 0, 0, 0, 0x01, 0x01, 0);
    Interface(w, 1, 0, 0, 0x01, 0x02, 0);
    w.Patch16(2, static_cast<uint32_t>(w.size()));
    set.config = std::move(w.bytes());
    return set;
}

DescriptorSet BuildUsbHubDescriptors()
{
    DescriptorSet set;
    set.strings = {"Microsoft", "Generic Superspeed USB Hub", ""};
    set.device = DeviceDescriptor(0x0320, 0x09, 0x00, 0x03, kAzureKinectHubProductId);
    set.device[16] = 0; // no serial number string
    Writer w;
    w.U8(9), w.U8(2), w.U16(0), w.U8(1), w.U8(1), w.U8(0), w.U8(0xE0), w.U8(0);
    Interface(w, 0, 0, 1, 0x09, 0x00, 0);
    w.U8(7), w.U8(5), w.U8(0x81), w.U8(0x03), w.U16(2), w.U8(8);
    w.U8(6), w.U8(0x30), w.U8(0), w.U8(0), w.U16(2);
    w.Patch16(2, static_cast<uint32_t>(w.size()));
    set.config = std::move(w.bytes());
    return set;
}

} // namespace openk4a::emulator
