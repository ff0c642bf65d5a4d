// An emulated Azure Kinect as the host sees a real one: the unit's own USB 3
// hub on a port of the emulated bus, and behind it the depth camera
// (045E:097C, hub port 1), the colour camera (045E:097D, hub port 2) and the
// microphone array (045E:097E, hub port 3), all with the unit's serial number.
// The real libusb enumerates them with their port paths (hub port, device
// port), so a driver can pair the depth and colour cameras of one unit by
// topology.
//
//   auto unit = openk4a::emulator::EmulatedAzureKinect::Create({}, &error);
//   unit->Unplug(AzureKinectPart::kColor);   // a half-attached unit
//
// What is modelled: enumeration (descriptors, strings, topology), opening and
// claiming each device, colour streaming over UVC (the colour camera is an
// EmulatedDevice), and the depth MCU's command protocol
// (core/spec/k4a_mcu_wire.toml) for the serial number, the firmware versions
// and the calibration document, with faults; the depth sensor's mode, rate,
// start/stop and raw depth stream (azure_kinect_depth.h); the colour MCU's
// commands and IMU stream (azure_kinect_color_mcu.h).
#ifndef OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_H_
#define OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_H_

#include <memory>
#include <string>

#include "tools/emulator/azure_kinect_color_mcu.h"
#include "tools/emulator/azure_kinect_depth.h"
#include "tools/emulator/emulated_device.h"
#include "tools/emulator/mcu_responder.h"
#include "tools/emulator/uvc_catalog.h"
#include "tools/emulator/usbfs_device.h"

namespace openk4a::emulator
{

enum class AzureKinectPart
{
    kDepth,
    kColor,
    kMicrophone
};

struct AzureKinectOptions
{
    std::string serial = "000123456789";
    // The calibration document the depth MCU serves (READ_CALIBRATION_DATA);
    // empty: <testdata_dir>/recordings/azure_kinect_pyk4a_calibration.json when
    // it exists, else none (the command fails).
    std::string calibration_file;
    // Shared test data folder for real colour frames; empty = synthetic.
    std::string testdata_dir;
};

class EmulatedAzureKinect
{
public:
    static std::unique_ptr<EmulatedAzureKinect> Create(const AzureKinectOptions &options, std::string *error);
    ~EmulatedAzureKinect();
    EmulatedAzureKinect(const EmulatedAzureKinect &) = delete;
    EmulatedAzureKinect &operator=(const EmulatedAzureKinect &) = delete;

    // Unplugs or plugs one of the three devices (the hub stays).
    void Unplug(AzureKinectPart part);
    bool Plug(AzureKinectPart part, std::string *error);

    // The next `count` depth MCU commands `command` (DEPTH_CMD_*) get `fault`.
    void InjectMcuFault(uint32_t command, McuFault fault, int count = 1);
    // The depth sensor behind the depth MCU: its mode, rate and raw stream.
    AzureKinectDepthSensor *depth_sensor();
    // Commands the depth MCU has received.
    uint64_t mcu_commands() const;

    EmulatedDevice *color()
    {
        return color_.get();
    }
    // The colour camera's MCU: IMU, sync jacks, its faults.
    AzureKinectColorMcu *color_mcu()
    {
        return color_mcu_.get();
    }
    UsbfsDevice *depth()
    {
        return depth_.get();
    }
    UsbfsDevice *hub()
    {
        return hub_.get();
    }
    const std::string &serial() const
    {
        return serial_;
    }

    class PassiveModel;  // answers standard requests only
    class DepthMcuModel; // the depth MCU's command protocol

private:
    EmulatedAzureKinect() = default;
    std::string serial_;
    std::unique_ptr<PassiveModel> hub_model_, microphone_model_;
    std::unique_ptr<DepthMcuModel> depth_model_;
    std::unique_ptr<AzureKinectColorMcu> color_mcu_; // outlives color_, which hands it bulk transfers
    std::unique_ptr<UsbfsDevice> hub_, depth_, microphone_;
    std::unique_ptr<EmulatedDevice> color_;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_H_
