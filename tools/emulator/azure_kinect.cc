#include "tools/emulator/azure_kinect.h"

#include <errno.h>
#include <stdio.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "openk4a/usb/k4a_mcu_wire.h"
#include "openk4a/usb/k4a_vendor_wire.h"

namespace openk4a::emulator
{

// A device that answers its string descriptors and stalls every other
// request the transport does not answer itself.
class EmulatedAzureKinect::PassiveModel : public UsbDeviceModel
{
public:
    explicit PassiveModel(std::vector<std::string> strings) : strings_(std::move(strings)) {}
    int Control(const SetupPacket &setup, const uint8_t *, size_t, std::vector<uint8_t> *in) override
    {
        if (setup.bmRequestType == 0x80 && setup.bRequest == 6 && (setup.wValue >> 8) == 3)
        {
            const size_t index = setup.wValue & 0xff;
            if (index > strings_.size())
                return -EPIPE;
            *in = index == 0 ? std::vector<uint8_t>{4, 3, 0x09, 0x04} : StringDescriptor(strings_[index - 1]);
            return static_cast<int>(in->size());
        }
        return -EPIPE;
    }
    int SetInterface(uint8_t, uint8_t alt_setting) override
    {
        return alt_setting == 0 ? 0 : -EINVAL;
    }

private:
    std::vector<std::string> strings_;
};

// The depth MCU on its command interface: a command header (and command
// data) on endpoint 0x02; the data phase, then the response, on 0x81.
class EmulatedAzureKinect::DepthMcuModel : public PassiveModel
{
public:
    DepthMcuModel(std::vector<std::string> strings, std::string serial, std::vector<uint8_t> calibration) :
        PassiveModel(std::move(strings)), serial_(std::move(serial)), calibration_(std::move(calibration)),
        responder_(kCommandOut, kCommandIn,
                   [this](const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                          std::vector<uint8_t> *reply) { return Answer(header, data, size, reply); })
    {
    }
    void Attach(UsbfsDevice *transport)
    {
        responder_.Attach(transport);
        sensor_.Attach(transport);
    }
    AzureKinectDepthSensor *sensor()
    {
        return &sensor_;
    }
    void OnAllClientsGone() override
    {
        sensor_.Stop();
    }

    int BulkOut(uint8_t endpoint, const uint8_t *data, size_t length) override
    {
        return responder_.BulkOut(endpoint, data, length);
    }

    void InjectFault(uint32_t command, McuFault fault, int count)
    {
        responder_.InjectFault(command, fault, count);
    }
    uint64_t commands() const
    {
        return responder_.commands();
    }

private:
    static constexpr uint8_t kCommandOut = 0x02, kCommandIn = 0x81;

    // The reply data and status of a well-behaved depth MCU.
    uint32_t Answer(const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                    std::vector<uint8_t> *reply)
    {
        switch (header.command)
        {
        case OPENK4A_K4A_MCU_DEPTH_CMD_READ_PRODUCT_SN:
            reply->assign(serial_.begin(), serial_.end());
            reply->push_back(0);
            return OPENK4A_K4A_MCU_STATUS_PASS;
        case OPENK4A_K4A_MCU_DEPTH_CMD_COMPONENT_VERSION_GET:
            *reply = FirmwareVersionsReply(0, 0);
            return OPENK4A_K4A_MCU_STATUS_PASS;
        case OPENK4A_K4A_MCU_DEPTH_CMD_READ_CALIBRATION_DATA:
            if (calibration_.empty())
                return 1;
            *reply = calibration_;
            return OPENK4A_K4A_MCU_STATUS_PASS;
        default:
            uint32_t status = 1; // not modelled: the MCU says it failed
            sensor_.Answer(header, data, size, reply, &status);
            return status;
        }
    }

    AzureKinectDepthSensor sensor_; // mode, rate, start/stop and the raw depth stream
    const std::string serial_;
    const std::vector<uint8_t> calibration_;
    McuResponder responder_;
};

namespace
{

std::vector<uint8_t> ReadCalibration(const AzureKinectOptions &options)
{
    std::string path = options.calibration_file;
    if (path.empty() && !options.testdata_dir.empty())
    {
        path = options.testdata_dir + "/recordings/azure_kinect_pyk4a_calibration.json";
    }
    std::vector<uint8_t> bytes;
    FILE *f = path.empty() ? nullptr : fopen(path.c_str(), "rb");
    if (f == nullptr)
        return bytes;
    uint8_t chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && bytes.size() <= OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE)
    {
        bytes.insert(bytes.end(), chunk, chunk + n);
    }
    fclose(f);
    if (bytes.size() > OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE)
        bytes.clear();
    return bytes;
}

std::unique_ptr<UsbfsDevice> MakeDevice(const DescriptorSet &set, UsbDeviceModel *model, const std::string &parent,
                                        int port, int speed, std::string *error)
{
    UsbfsDevice::Options options;
    options.device_descriptor = set.device;
    options.config_descriptor = set.config;
    options.speed_mbps = speed;
    options.product_name = set.strings[1];
    options.parent_name = parent;
    options.parent_port = port;
    auto device = UsbfsDevice::Create(std::move(options), model, error);
    if (device && !device->Plug(error))
        return nullptr;
    return device;
}

} // namespace

std::unique_ptr<EmulatedAzureKinect> EmulatedAzureKinect::Create(const AzureKinectOptions &options, std::string *error)
{
    std::unique_ptr<EmulatedAzureKinect> unit(new EmulatedAzureKinect);
    unit->serial_ = options.serial;
    const DescriptorSet hub = BuildUsbHubDescriptors();
    const DescriptorSet depth = BuildAzureKinectDepthDescriptors(options.serial);
    const DescriptorSet microphone = BuildAzureKinectMicrophoneDescriptors(options.serial);
    unit->hub_model_ = std::make_unique<PassiveModel>(hub.strings);
    unit->depth_model_ = std::make_unique<DepthMcuModel>(depth.strings, options.serial, ReadCalibration(options));
    unit->microphone_model_ = std::make_unique<PassiveModel>(microphone.strings);
    unit->hub_ = MakeDevice(hub, unit->hub_model_.get(), "", 0, 5000, error);
    if (!unit->hub_)
        return nullptr;
    const std::string parent = unit->hub_->sysfs_name();
    unit->depth_ = MakeDevice(depth, unit->depth_model_.get(), parent, 1, 5000, error);
    if (!unit->depth_)
        return nullptr;
    unit->depth_model_->Attach(unit->depth_.get());
    EmulatorOptions color;
    color.azure_kinect_color = true;
    color.serial = options.serial;
    color.testdata_dir = options.testdata_dir;
    color.calibration_file = "none";
    color.parent_name = parent;
    color.parent_port = 2;
    color.plugged = false; // once its MCU can answer
    unit->color_mcu_ = std::make_unique<AzureKinectColorMcu>();
    color.vendor_bulk = unit->color_mcu_.get();
    unit->color_ = EmulatedDevice::Create(color, error);
    if (!unit->color_)
        return nullptr;
    unit->depth_model_->sensor()->SetEpoch(unit->color_->epoch());
    unit->color_mcu_->Attach(unit->color_->transport(), unit->color_.get());
    if (!unit->color_->Plug(error))
        return nullptr;
    unit->microphone_ = MakeDevice(microphone, unit->microphone_model_.get(), parent, 3, 480, error);
    if (!unit->microphone_)
        return nullptr;
    return unit;
}

EmulatedAzureKinect::~EmulatedAzureKinect()
{
    // Children first, as a hub's removal takes its ports with it; the colour
    // MCU's IMU producer before the colour camera's transport.
    if (color_mcu_)
        color_mcu_->Shutdown();
    color_.reset();
    color_mcu_.reset();
    microphone_.reset();
    depth_.reset();
    hub_.reset();
}

void EmulatedAzureKinect::InjectMcuFault(uint32_t command, McuFault fault, int count)
{
    depth_model_->InjectFault(command, fault, count);
}

AzureKinectDepthSensor *EmulatedAzureKinect::depth_sensor()
{
    return depth_model_->sensor();
}

uint64_t EmulatedAzureKinect::mcu_commands() const
{
    return depth_model_->commands();
}

void EmulatedAzureKinect::Unplug(AzureKinectPart part)
{
    switch (part)
    {
    case AzureKinectPart::kDepth:
        depth_->Unplug();
        break;
    case AzureKinectPart::kColor:
        color_->Unplug();
        break;
    case AzureKinectPart::kMicrophone:
        microphone_->Unplug();
        break;
    }
}

bool EmulatedAzureKinect::Plug(AzureKinectPart part, std::string *error)
{
    switch (part)
    {
    case AzureKinectPart::kDepth:
        return depth_->Plug(error);
    case AzureKinectPart::kColor:
        return color_->Plug(error);
    case AzureKinectPart::kMicrophone:
        return microphone_->Plug(error);
    }
    return false;
}

} // namespace openk4a::emulator
