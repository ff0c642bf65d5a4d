// openk4a::Device: an open k4a device, closed when the Device goes.
//
//   absl::StatusOr<Device> device = Device::Open();
//   k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
//   config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
//   if (absl::Status started = device->StartCameras(config); !started.ok()) return started;  // says why
//   absl::StatusOr<Capture> capture = device->GetCapture(std::chrono::milliseconds(500));
//
// A device has one owner (k4a_device_t is not reference counted): Device is
// move-only and never null, with no Clone(); get() / release() && / Adopt()
// are the escape hatches. Captures and images from the device stay valid
// after it is closed.
#ifndef OPENK4A_CXX_DEVICE_H_
#define OPENK4A_CXX_DEVICE_H_

#include <k4a/k4a.h>
#include <openk4a/device.h>

#include <cassert>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "openk4a/cxx/capture.h"

namespace openk4a
{

// What k4a_device_get_color_control_capabilities() reports for a control.
struct ColorControlCapabilities
{
    bool supports_auto = false;
    int32_t min = 0;
    int32_t max = 0;
    int32_t step = 0;
    int32_t default_value = 0;
    k4a_color_control_mode_t default_mode = K4A_COLOR_CONTROL_MODE_MANUAL;
};

// A colour control's mode and value (k4a_device_get_color_control()).
struct ColorControl
{
    k4a_color_control_mode_t mode = K4A_COLOR_CONTROL_MODE_MANUAL;
    int32_t value = 0;
};

// Whether cables are plugged into the sync jacks.
struct SyncJacks
{
    bool in = false;
    bool out = false;
};

class Device final
{
public:
    // GetCapture()/GetImuSample() with this timeout wait until something comes.
    static constexpr std::chrono::milliseconds kForever = std::chrono::milliseconds::max();

    // Devices k4a_device_open() can open.
    static uint32_t InstalledCount()
    {
        return k4a_device_get_installed_count();
    }

    // NotFound when there is no device at `index`, Unavailable when it cannot
    // be opened (already open, or an I/O error).
    [[nodiscard]] static absl::StatusOr<Device> Open(uint32_t index = K4A_DEVICE_DEFAULT);

    // Takes over an open handle (the caller must not close it). Fails only for NULL.
    [[nodiscard]] static absl::StatusOr<Device> Adopt(k4a_device_t handle);

    Device(const Device &) = delete;
    Device &operator=(const Device &) = delete;
    Device(Device &&other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    Device &operator=(Device &&other) noexcept
    {
        if (this != &other)
        {
            k4a_device_t old = std::exchange(handle_, std::exchange(other.handle_, nullptr));
            if (old != nullptr)
                k4a_device_close(old);
        }
        return *this;
    }
    // Stops any streaming and closes the device.
    ~Device()
    {
        if (handle_ != nullptr)
            k4a_device_close(handle_);
    }

    [[nodiscard]] k4a_device_t get() const noexcept
    {
        return live();
    }
    // Hands the open device to the caller, who must k4a_device_close() it.
    [[nodiscard]] k4a_device_t release() &&noexcept
    {
        return std::exchange(handle_, nullptr);
    }

    [[nodiscard]] absl::StatusOr<std::string> SerialNumber() const;

    // Whether StartCameras() would accept `config`, without starting anything;
    // InvalidArgument names the part this device does not support.
    [[nodiscard]] absl::Status CheckConfiguration(const k4a_device_configuration_t &config) const;

    // InvalidArgument (with the reason) for a configuration the device does
    // not support, FailedPrecondition when already streaming, Unavailable when
    // the device is gone or failed.
    [[nodiscard]] absl::Status StartCameras(const k4a_device_configuration_t &config);
    void StopCameras()
    {
        k4a_device_stop_cameras(live());
    }

    // The next capture: DeadlineExceeded after `timeout` (negative = do not
    // wait), FailedPrecondition when not streaming, Unavailable when the device
    // was disconnected.
    [[nodiscard]] absl::StatusOr<Capture> GetCapture(std::chrono::milliseconds timeout = kForever);

    // The cameras must be running first.
    [[nodiscard]] absl::Status StartImu();
    void StopImu()
    {
        k4a_device_stop_imu(live());
    }
    [[nodiscard]] absl::StatusOr<k4a_imu_sample_t> GetImuSample(std::chrono::milliseconds timeout = kForever);

    // Frames and captures delivered and dropped (with reasons), openk4a/device.h.
    [[nodiscard]] absl::StatusOr<openk4a_device_stats_t> Stats() const;

    // The factory calibration: the JSON document the device stores (without the
    // C API's terminating NUL). Unavailable when the device has none (a generic
    // UVC camera) or reading it failed.
    [[nodiscard]] absl::StatusOr<std::string> RawCalibration() const;

    // Firmware versions; Unavailable on a generic UVC camera or a failed read.
    [[nodiscard]] absl::StatusOr<k4a_hardware_version_t> Version() const;

    [[nodiscard]] absl::StatusOr<SyncJacks> SyncJackState() const;

    // The colour camera's controls, in k4a units (exposure in microseconds).
    // InvalidArgument for a command the camera does not have; Unavailable when
    // the device refused or did not answer (the log says which request).
    [[nodiscard]] absl::StatusOr<ColorControlCapabilities>
    GetColorControlCapabilities(k4a_color_control_command_t command) const;
    [[nodiscard]] absl::StatusOr<ColorControl> GetColorControl(k4a_color_control_command_t command) const;
    // InvalidArgument when the value is outside the control's range, or AUTO is
    // asked of a control without an automatic mode (the message gives the
    // range); Unavailable when the device refused otherwise.
    [[nodiscard]] absl::Status SetColorControl(k4a_color_control_command_t command, k4a_color_control_mode_t mode,
                                               int32_t value);

private:
    explicit Device(k4a_device_t handle) noexcept : handle_(handle) {}

    k4a_device_t live() const noexcept
    {
        assert(handle_ != nullptr && "use of a moved-from openk4a::Device");
        return handle_;
    }

    k4a_device_t handle_;
};

} // namespace openk4a

#endif // OPENK4A_CXX_DEVICE_H_
