// An emulated UVC camera on the umockdev test bed, talked to by the real
// libusb: by default the k4a composite device (colour MJPG/YUY2/NV12, depth
// Z16, IR Y16, IMU), or any configuration descriptor read from a file (a
// real webcam's), streaming frames for whatever gets committed.
//
//   openk4a::emulator::RunUnderUmockdevOrDie(argc, argv);   // first in main()
//   std::string error;
//   auto device = openk4a::emulator::EmulatedDevice::Create({}, &error);
//   ... libusb / k4a_device_open() now find it ...
//   device->InjectFault({FaultKind::kLostEof, kColorStream});
//
// Streaming follows UVC: GET/SET probe and commit on the VideoStreaming
// interface; bulk streams start at COMMIT and stop at SET_INTERFACE(0),
// isochronous ones run while an alternate setting > 0 is selected. Frames
// leave at the committed interval on a device clock shared by all streams
// (frame k of any stream at time k * interval), so depth, IR and colour at one
// rate carry the same PTS. Every payload has a 12-byte header with FID, EOF,
// PTS and SCR. The IMU interface streams packets at 1.6 kHz sample rate once
// started with the vendor request OPENK4A_K4A_VENDOR_REQ_IMU_STREAM.
//
// The k4a model also answers the vendor requests of
// core/spec/k4a_vendor_wire.toml on that interface: the factory calibration
// (EmulatorOptions::calibration_file), firmware versions (those of the Azure
// Kinect that made ../shared/testdata's recording: colour 1.6.110 and depth
// 1.6.79 as its Matroska tags say, audio 1.6.14 and depth sensor 6109.7 of the
// same firmware package 1.6.110079014) and the sync jacks (no cable: 0), and
// the colour camera's UVC controls (uvc_controls.h) on the VideoControl
// interface.
#ifndef OPENK4A_TOOLS_EMULATOR_EMULATED_DEVICE_H_
#define OPENK4A_TOOLS_EMULATOR_EMULATED_DEVICE_H_

#include <stdint.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tools/emulator/uvc_catalog.h"
#include "tools/emulator/usbfs_device.h"
#include "tools/emulator/uvc_controls.h"

namespace openk4a::emulator
{

// Stream indices of the k4a model (index into FunctionSpec::streams).
constexpr int kColorStream = 0;
constexpr int kDepthStream = 1;
constexpr int kIrStream = 2;

enum class FaultKind
{
    kErrBit,            // the frame's payloads carry ERR
    kBadHeaderLength,   // a payload's bHeaderLength is wrong: `param` (0 = longer than the payload)
    kFidToggleMidFrame, // FID flips halfway through the frame (no EOF before it)
    kLostEof,           // the last payload has no EOF bit
    kTruncated,         // only `param` bytes of the frame are sent (0 = half), EOF set
    kOversized,         // `param` garbage bytes appended (0 = half a frame more)
    kCorruptJpeg,       // entropy-coded data scrambled and the EOI marker dropped
    kSlowSource,        // each frame leaves `param` ms late (a slow sensor)
    kBurst,             // frames are held and released `param` at a time
    kPause,             // nothing leaves for `param` ms (host transfers time out)
    kStall,             // the endpoint halts (until the host clears it); the first `param`
                        // clear-halt requests fail (-1: every one: it stays halted)
    kUnplug,            // the device is unplugged
    kTransferError,     // `param` URBs end with -EPROTO (a bus error)
    kScrambleHeader,    // every payload's bmHeaderInfo is XORed with `param` (fuzzing)
    kRefuseSubmit,      // the host's next `param` URB submissions are refused (-1: all)
};

// A fault applies to `count` frames of `stream`, starting after `after_frames`
// more frames of it have left (0 = the next frame). kStall, kUnplug, kPause and
// kRefuseSubmit act once, at that frame.
struct Fault
{
    FaultKind kind = FaultKind::kErrBit;
    int stream = kColorStream;
    uint64_t after_frames = 0;
    int count = 1;
    int param = 0;
};

struct StreamStats
{
    bool streaming = false;
    uint8_t format_index = 0;
    uint8_t frame_index = 0;
    uint32_t interval = 0;    // committed, 100 ns
    uint32_t max_payload = 0; // committed dwMaxPayloadTransferSize
    uint64_t frames_sent = 0;
    uint64_t frames_faulted = 0; // frames a fault changed or withheld
    uint64_t frames_dropped = 0; // the host did not take them in time (device FIFO full, halted)
    uint64_t frames_late = 0;    // passed over: the device ran late (a starved machine; frame_clock.h)
    uint64_t payloads_sent = 0;
    uint32_t last_pts = 0;
    uint64_t last_frame_number = 0; // k: frame time = k * interval on the device clock
};

struct ImuStats
{
    bool streaming = false;
    uint64_t packets_sent = 0;
    uint64_t packets_dropped = 0;
};

struct EmulatorOptions
{
    // Empty: the k4a device model. Otherwise a configuration descriptor file
    // (e.g. ../shared/testdata/uvc/logitech_c310.cfg.bin) and optionally its
    // device descriptor; without one a plain device descriptor is made up.
    std::string config_descriptor_file;
    std::string device_descriptor_file;
    std::string serial = "000000000001";
    // Shared test data folder for real frames; empty = synthetic scenes only.
    std::string testdata_dir;
    // k4a model: an Azure Kinect recording (.mkv) whose colour, depth and IR
    // frames the device streams, looping, whose IMU samples (when it has an
    // IMU track) are its IMU stream, and whose calibration attachment it
    // serves unless calibration_file is set (recording_source.h). Commits of a
    // mode the recording does not hold are refused.
    std::string recording_path;
    // k4a model: isochronous VideoStreaming endpoints instead of bulk.
    bool isochronous = false;
    // Bulk dwMaxPayloadTransferSize; 0 = header + a whole frame (one transfer
    // per frame, as the k4a model does), else frames split into payloads.
    uint32_t bulk_payload_size = 0;
    // A lying device: dwMaxVideoFrameSize / dwMaxPayloadTransferSize it claims
    // in probe answers (0 = the truth); it still sends the mode's real frames.
    uint32_t claimed_max_frame_size = 0;
    uint32_t claimed_max_payload_size = 0;
    // Frames the device can buffer per stream before it drops (a camera FIFO).
    int device_buffer_frames = 3;
    // k4a model: the factory calibration it serves (the JSON document a real
    // Azure Kinect stores). Empty: <testdata_dir>/recordings/
    // azure_kinect_pyk4a_calibration.json when that file exists; otherwise, or
    // with "none", the device has no calibration (its calibration request STALLs).
    std::string calibration_file;
    // k4a model: build_config and signature_type of the firmware version reply
    // (core/spec/k4a_vendor_wire.toml; 0 = release, Microsoft signed).
    uint8_t firmware_build = 0;
    uint8_t firmware_signature = 0;
    bool plugged = true;
    // The colour camera of a real Azure Kinect (045E:097D, see
    // BuildAzureKinectColorDescriptors) instead of the k4a composite model;
    // azure_kinect.h puts it together with the rest of a unit.
    bool azure_kinect_color = false;
    // Takes the device's bulk OUT transfers and hears when its last client
    // goes (a real Azure Kinect colour camera's MCU, azure_kinect_color_mcu.h);
    // not owned, must outlive the device. Null: bulk OUT stalls.
    UsbDeviceModel *vendor_bulk = nullptr;
    // Behind an emulated hub: UsbfsDevice::Options::parent_name/parent_port.
    std::string parent_name;
    int parent_port = 0;
};

class EmulatedDevice
{
public:
    static std::unique_ptr<EmulatedDevice> Create(const EmulatorOptions &options, std::string *error);
    ~EmulatedDevice();
    EmulatedDevice(const EmulatedDevice &) = delete;
    EmulatedDevice &operator=(const EmulatedDevice &) = delete;

    // Close libusb handles to the device before destroying it.
    void Unplug();
    bool Plug(std::string *error);
    bool plugged() const;

    void InjectFault(const Fault &fault);
    // Faults of the colour camera's UVC controls (uvc_controls.h).
    void InjectControlFault(const ControlFault &fault);
    // The next `count` vendor requests `request` (OPENK4A_K4A_VENDOR_REQ_*)
    // STALL, or answer one byte short.
    void InjectVendorFault(uint8_t request, ControlFaultKind kind, int count = 1);
    // The colour camera's current raw UVC control value (for tests checking
    // what the device holds); false when there is no such control.
    bool ControlValue(uint8_t entity, uint8_t selector, int32_t *value) const;
    // The calibration document the device serves (empty: none).
    const std::vector<uint8_t> &calibration() const;

    // Stream and IMU counters, safe to read while streaming.
    StreamStats stream_stats(int stream) const;
    ImuStats imu_stats() const;
    // When the last payload of frame `frame_number` (its PTS slot on the
    // device clock) of `stream` was handed to the host, for latency
    // measurements; false when it is not among the last 512 frames sent.
    bool FrameSentAt(int stream, uint64_t frame_number, std::chrono::steady_clock::time_point *at) const;
    // Frame k of every stream is due at epoch() + k * its interval.
    std::chrono::steady_clock::time_point epoch() const;
    // Waits until `stream` has sent at least `frames` frames; false on timeout.
    bool WaitForFrames(int stream, uint64_t frames, int timeout_ms) const;

    const DescriptorSet &descriptors() const;
    const FunctionSpec &function() const;
    uint16_t vendor_id() const;
    uint16_t product_id() const;
    const std::string &serial() const;
    // The content the device sends for a frame (for tests comparing bytes).
    std::vector<uint8_t> FrameContent(int stream, uint8_t format_index, uint8_t frame_index,
                                      uint64_t frame_number) const;
    UsbfsDevice *transport();

    class Model; // the UVC device model (uvc_model.cc)

private:
    EmulatedDevice() = default;
    std::unique_ptr<Model> model_;
    std::unique_ptr<UsbfsDevice> transport_;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_EMULATED_DEVICE_H_
