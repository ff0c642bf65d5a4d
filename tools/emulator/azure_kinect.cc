#include "tools/emulator/azure_kinect.h"

#include <errno.h>

#include <utility>
#include <vector>

namespace openk4a::emulator {

// A device that answers its string descriptors and stalls every other
// request the transport does not answer itself.
class EmulatedAzureKinect::PassiveModel : public UsbDeviceModel {
 public:
  explicit PassiveModel(std::vector<std::string> strings) : strings_(std::move(strings)) {}
  int Control(const SetupPacket& setup, const uint8_t*, size_t, std::vector<uint8_t>* in) override {
    if (setup.bmRequestType == 0x80 && setup.bRequest == 6 && (setup.wValue >> 8) == 3) {
      const size_t index = setup.wValue & 0xff;
      if (index > strings_.size()) return -EPIPE;
      *in = index == 0 ? std::vector<uint8_t>{4, 3, 0x09, 0x04} : StringDescriptor(strings_[index - 1]);
      return static_cast<int>(in->size());
    }
    return -EPIPE;
  }
  int SetInterface(uint8_t, uint8_t alt_setting) override { return alt_setting == 0 ? 0 : -EINVAL; }

 private:
  std::vector<std::string> strings_;
};

namespace {

std::unique_ptr<UsbfsDevice> MakeDevice(const DescriptorSet& set, UsbDeviceModel* model,
                                        const std::string& parent, int port, int speed,
                                        std::string* error) {
  UsbfsDevice::Options options;
  options.device_descriptor = set.device;
  options.config_descriptor = set.config;
  options.speed_mbps = speed;
  options.product_name = set.strings[1];
  options.parent_name = parent;
  options.parent_port = port;
  auto device = UsbfsDevice::Create(std::move(options), model, error);
  if (device && !device->Plug(error)) return nullptr;
  return device;
}

}  // namespace

std::unique_ptr<EmulatedAzureKinect> EmulatedAzureKinect::Create(const AzureKinectOptions& options,
                                                                 std::string* error) {
  std::unique_ptr<EmulatedAzureKinect> unit(new EmulatedAzureKinect);
  unit->serial_ = options.serial;
  const DescriptorSet hub = BuildUsbHubDescriptors();
  const DescriptorSet depth = BuildAzureKinectDepthDescriptors(options.serial);
  const DescriptorSet microphone = BuildAzureKinectMicrophoneDescriptors(options.serial);
  unit->hub_model_ = std::make_unique<PassiveModel>(hub.strings);
  unit->depth_model_ = std::make_unique<PassiveModel>(depth.strings);
  unit->microphone_model_ = std::make_unique<PassiveModel>(microphone.strings);
  unit->hub_ = MakeDevice(hub, unit->hub_model_.get(), "", 0, 5000, error);
  if (!unit->hub_) return nullptr;
  const std::string parent = unit->hub_->sysfs_name();
  unit->depth_ = MakeDevice(depth, unit->depth_model_.get(), parent, 1, 5000, error);
  if (!unit->depth_) return nullptr;
  EmulatorOptions color;
  color.azure_kinect_color = true;
  color.serial = options.serial;
  color.testdata_dir = options.testdata_dir;
  color.calibration_file = "none";
  color.parent_name = parent;
  color.parent_port = 2;
  unit->color_ = EmulatedDevice::Create(color, error);
  if (!unit->color_) return nullptr;
  unit->microphone_ = MakeDevice(microphone, unit->microphone_model_.get(), parent, 3, 480, error);
  if (!unit->microphone_) return nullptr;
  return unit;
}

EmulatedAzureKinect::~EmulatedAzureKinect() {
  // Children first, as a hub's removal takes its ports with it.
  color_.reset();
  microphone_.reset();
  depth_.reset();
  hub_.reset();
}

void EmulatedAzureKinect::Unplug(AzureKinectPart part) {
  switch (part) {
    case AzureKinectPart::kDepth: depth_->Unplug(); break;
    case AzureKinectPart::kColor: color_->Unplug(); break;
    case AzureKinectPart::kMicrophone: microphone_->Unplug(); break;
  }
}

bool EmulatedAzureKinect::Plug(AzureKinectPart part, std::string* error) {
  switch (part) {
    case AzureKinectPart::kDepth: return depth_->Plug(error);
    case AzureKinectPart::kColor: return color_->Plug(error);
    case AzureKinectPart::kMicrophone: return microphone_->Plug(error);
  }
  return false;
}

}  // namespace openk4a::emulator
