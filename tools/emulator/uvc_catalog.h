// What a UVC function offers, as the device model needs it: streaming
// interfaces, their alternate settings, formats, frame sizes and intervals,
// and the vendor IMU interface. Built together with the descriptors for the
// k4a device model, or read from any configuration descriptor.
#ifndef OPENK4A_TOOLS_EMULATOR_UVC_CATALOG_H_
#define OPENK4A_TOOLS_EMULATOR_UVC_CATALOG_H_

#include <stdint.h>

#include <string>
#include <vector>

namespace openk4a::emulator
{

enum class PixelKind
{
    kMjpeg,
    kYuy2,
    kNv12,
    kZ16,
    kY16,
    kOther
};

struct FrameSpec
{
    uint8_t index = 0; // bFrameIndex
    uint16_t width = 0;
    uint16_t height = 0;
    uint32_t max_frame_size = 0;     // bytes; 0 = from the format
    uint32_t default_interval = 0;   // 100 ns
    std::vector<uint32_t> intervals; // discrete list; empty = continuous
    uint32_t min_interval = 0, max_interval = 0, interval_step = 0;
};

struct FormatSpec
{
    uint8_t index = 0; // bFormatIndex
    PixelKind kind = PixelKind::kOther;
    uint32_t fourcc = 0;
    uint8_t bits_per_pixel = 0; // 0 for MJPEG
    uint8_t default_frame_index = 1;
    std::vector<FrameSpec> frames;
};

struct AltSpec
{
    uint8_t alt = 0;
    uint8_t endpoint = 0;
    bool isochronous = false;
    uint32_t bytes_per_interval = 0; // one iso service interval (packet incl. mult/burst)
};

struct StreamSpec
{
    uint8_t interface_number = 0;
    uint8_t endpoint = 0;      // from the input header
    std::vector<AltSpec> alts; // those with an endpoint
    std::vector<FormatSpec> formats;
    bool isochronous() const
    {
        return !alts.empty() && alts.front().isochronous;
    }
};

struct FunctionSpec
{
    uint8_t vc_interface = 0;
    uint16_t bcd_uvc = 0x0110;
    uint32_t clock_hz = 90000;
    std::vector<StreamSpec> streams;
    int imu_interface = -1; // vendor interface delivering IMU packets, -1 = none
    uint8_t imu_endpoint = 0;
    // The VideoControl interface declares UvcControls' camera terminal and
    // processing unit (the k4a models), which then answer control requests.
    bool color_controls = false;
};

// Bytes per frame for uncompressed formats, the buffer bound for others.
uint32_t FrameBytes(const FormatSpec &format, const FrameSpec &frame);

// Reads any configuration descriptor (e.g. a real webcam's) with core/usb's
// descriptor parser. False with `error` set when it is not a usable UVC
// function (no VideoControl or no streaming interface).
bool FunctionFromConfig(const std::vector<uint8_t> &config, FunctionSpec *out, std::string *error);

// A USB string descriptor (UTF-16LE) holding `text` (at most 126 characters).
std::vector<uint8_t> StringDescriptor(const std::string &text);

// The firmware versions the emulated devices report (k4a_vendor_wire.toml's
// firmware_versions, 18 bytes): those of the Azure Kinect that made
// ../shared/testdata's recording (colour 1.6.110, depth 1.6.79, audio 1.6.14,
// depth sensor 6109.7); empty if it cannot be encoded.
std::vector<uint8_t> FirmwareVersionsReply(uint8_t build_config, uint8_t signature_type);

// ---- the k4a device model ----

// VID/PID of the emulated k4a device: Microsoft's vendor ID with a product ID
// no real Azure Kinect uses (those are 0x097C depth and 0x097D colour/IMU,
// whose raw depth needs a closed engine). The driver recognises this pair as
// a composite UVC k4a device streaming DEPTH16/IR16 directly.
constexpr uint16_t kK4aVendorId = 0x045E;
constexpr uint16_t kK4aProductId = 0x0A7E;

// Vendor requests of the vendor (IMU) interface: core/spec/k4a_vendor_wire.toml.

struct K4aDescriptorOptions
{
    bool isochronous = false; // VS interfaces with iso alternate settings instead of bulk
    std::string serial = "000000000001";
};

struct DescriptorSet
{
    std::vector<uint8_t> device;
    std::vector<uint8_t> config;
    FunctionSpec function;
    std::vector<std::string> strings; // index 1.. (index 0 is the language list)
};

// The composite device: IAD + VideoControl (colour camera terminal with
// exposure controls and a processing unit, see uvc_controls.h) + colour (MJPG at the six k4a
// resolutions, YUY2 and NV12 at 720p), depth ('Z16 ') and IR ('Y16 ') at the
// k4a depth-mode sizes, each at 5/15/30 fps where k4a allows it, plus a
// vendor IMU interface. Clock: 90 kHz, the k4a device clock.
DescriptorSet BuildK4aDescriptors(const K4aDescriptorOptions &options);

// ---- a real Azure Kinect: three USB devices behind the unit's own hub ----
// (IDs and endpoint map from the Azure Kinect Sensor SDK's src/usbcommand.)
constexpr uint16_t kAzureKinectHubProductId = 0x097A; // the unit's SuperSpeed hub
constexpr uint16_t kAzureKinectDepthProductId = 0x097C;
constexpr uint16_t kAzureKinectColorProductId = 0x097D;
constexpr uint16_t kAzureKinectMicrophoneProductId = 0x097E;
// The depth camera's vendor interface (command OUT 0x02, command IN 0x81, raw
// depth IN 0x83) and the colour camera's (command OUT 0x04, command IN 0x83,
// IMU IN 0x82).
constexpr uint8_t kAzureKinectDepthCommandInterface = 0;
constexpr uint8_t kAzureKinectColorCommandInterface = 2;

// The colour camera: IAD + VideoControl + colour streaming (the k4a colour
// modes, bulk) + the colour MCU's vendor interface. No IMU is modelled yet.
DescriptorSet BuildAzureKinectColorDescriptors(const K4aDescriptorOptions &options);
// The depth camera: the depth MCU's vendor interface only (no UVC).
DescriptorSet BuildAzureKinectDepthDescriptors(const std::string &serial);
// The microphone array: USB audio (no driver here uses it).
DescriptorSet BuildAzureKinectMicrophoneDescriptors(const std::string &serial);
// The unit's own SuperSpeed hub (045E:097A): enumerated only, never opened.
DescriptorSet BuildUsbHubDescriptors();

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_UVC_CATALOG_H_
