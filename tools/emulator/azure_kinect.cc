#include "tools/emulator/azure_kinect.h"

#include <errno.h>
#include <stdio.h>

#include <algorithm>
#include <map>
#include <mutex>
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
        PassiveModel(std::move(strings)), serial_(std::move(serial)), calibration_(std::move(calibration))
    {
    }
    void Attach(UsbfsDevice *transport)
    {
        transport_ = transport;
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
        if (endpoint != kCommandOut)
            return -EPIPE;
        openk4a_k4a_mcu_command_header_t header;
        size_t consumed = 0;
        if (openk4a_k4a_mcu_command_header_parse(data, length, &header, &consumed) != OPENK4A_USB_OK)
        {
            return -EPIPE; // not a command: the MCU halts the endpoint
        }
        McuFault fault = McuFault::kNoReply; // set by TakeFault when faulty
        const bool faulty = TakeFault(header.command, &fault);
        std::vector<uint8_t> reply;
        uint32_t status = Answer(header, data + consumed, length - consumed, &reply);
        if (faulty && fault == McuFault::kNoReply)
            return 0;
        if (reply.size() > header.payload_size)
            reply.resize(header.payload_size);
        if (faulty && fault == McuFault::kOverlongData)
            reply.resize(size_t{header.payload_size} + 64, 'x');
        openk4a_k4a_mcu_command_response_t response{};
        response.packet_type = OPENK4A_K4A_MCU_PACKET_RESPONSE;
        response.transaction_id = header.transaction_id;
        response.status = status;
        if (faulty && fault == McuFault::kWrongTransaction)
            response.transaction_id++;
        if (faulty && fault == McuFault::kErrorStatus)
            response.status = 0x0BAD;
        std::vector<uint8_t> packet(16);
        size_t written = 0;
        openk4a_k4a_mcu_command_response_encode(&response, packet.data(), packet.size(), &written);
        if (faulty && fault == McuFault::kBadPacketType)
            packet[0] ^= 0xFF; // after encoding: the encoder checks it
        std::vector<Payload> payloads;
        if (header.payload_size > 0)
            payloads.push_back(Whole(std::move(reply)));
        payloads.push_back(Whole(std::move(packet)));
        transport_->Send(kCommandIn, std::move(payloads), 1 << 24);
        return 0;
    }

    void InjectFault(uint32_t command, McuFault fault, int count)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        faults_[command] = {fault, count};
    }
    uint64_t commands() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return commands_;
    }

private:
    static constexpr uint8_t kCommandOut = 0x02, kCommandIn = 0x81;

    static Payload Whole(std::vector<uint8_t> bytes)
    {
        Payload p;
        p.length = bytes.size();
        p.body = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
        return p;
    }

    bool TakeFault(uint32_t command, McuFault *fault)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        commands_++;
        auto it = faults_.find(command);
        if (it == faults_.end())
            return false;
        *fault = it->second.first;
        if (--it->second.second <= 0)
            faults_.erase(it);
        return true;
    }

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

    UsbfsDevice *transport_ = nullptr;
    AzureKinectDepthSensor sensor_; // mode, rate, start/stop and the raw depth stream
    const std::string serial_;
    const std::vector<uint8_t> calibration_;
    mutable std::mutex mutex_;
    std::map<uint32_t, std::pair<McuFault, int>> faults_;
    uint64_t commands_ = 0;
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
    unit->color_ = EmulatedDevice::Create(color, error);
    if (!unit->color_)
        return nullptr;
    unit->depth_model_->sensor()->SetEpoch(unit->color_->epoch());
    unit->microphone_ = MakeDevice(microphone, unit->microphone_model_.get(), parent, 3, 480, error);
    if (!unit->microphone_)
        return nullptr;
    return unit;
}

EmulatedAzureKinect::~EmulatedAzureKinect()
{
    // Children first, as a hub's removal takes its ports with it.
    color_.reset();
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
