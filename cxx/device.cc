// openk4a::Device: the C device calls with their failures turned into
// statuses that say why (openk4a_device_check_configuration, the device's
// statistics for disconnection).
#include "openk4a/cxx/device.h"

#include <k4a/k4a.h>
#include <openk4a/device.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace openk4a
{
namespace
{

int32_t WaitMilliseconds(std::chrono::milliseconds timeout)
{
    if (timeout.count() < 0)
        return 0;
    if (timeout.count() >= INT32_MAX)
        return K4A_WAIT_INFINITE;
    return static_cast<int32_t>(timeout.count());
}

bool Disconnected(k4a_device_t handle)
{
    openk4a_device_stats_t stats;
    return openk4a_device_get_stats(handle, &stats) == K4A_RESULT_SUCCEEDED && stats.disconnected;
}

absl::Status WaitFailure(k4a_device_t handle, k4a_wait_result_t result, const char *caller,
                         std::chrono::milliseconds timeout, const char *what)
{
    if (result == K4A_WAIT_RESULT_TIMEOUT)
    {
        return absl::DeadlineExceededError(absl::StrCat(caller, ": no ", what, " within ", timeout.count(), " ms"));
    }
    if (Disconnected(handle))
    {
        return absl::UnavailableError(
            absl::StrCat(caller, ": the device was disconnected; reopen it after re-plugging"));
    }
    return absl::FailedPreconditionError(absl::StrCat(caller, ": not streaming (start it first)"));
}

} // namespace

absl::StatusOr<Device> Device::Open(uint32_t index)
{
    k4a_device_t handle = nullptr;
    if (k4a_device_open(index, &handle) == K4A_RESULT_SUCCEEDED)
        return Device(handle);
    const uint32_t count = InstalledCount();
    if (index >= count)
    {
        return absl::NotFoundError(absl::StrCat("Device::Open: no device at index ", index, " (", count, " attached)"));
    }
    return absl::UnavailableError(
        absl::StrCat("Device::Open: device ", index, " could not be opened (already open, or an I/O error)"));
}

absl::StatusOr<Device> Device::Adopt(k4a_device_t handle)
{
    if (handle == nullptr)
        return absl::InvalidArgumentError("Device::Adopt: handle is NULL");
    return Device(handle);
}

absl::StatusOr<std::string> Device::SerialNumber() const
{
    size_t size = 0;
    if (k4a_device_get_serialnum(live(), nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL || size == 0)
    {
        return absl::UnavailableError("Device::SerialNumber: the device did not report one");
    }
    std::string serial(size, '\0');
    if (k4a_device_get_serialnum(live(), serial.data(), &size) != K4A_BUFFER_RESULT_SUCCEEDED)
    {
        return absl::UnavailableError("Device::SerialNumber: reading it failed");
    }
    serial.resize(serial.find('\0') == std::string::npos ? serial.size() : serial.find('\0'));
    return serial;
}

absl::Status Device::CheckConfiguration(const k4a_device_configuration_t &config) const
{
    char why[256];
    if (openk4a_device_check_configuration(live(), &config, why, sizeof why) == K4A_RESULT_SUCCEEDED)
    {
        return absl::OkStatus();
    }
    return absl::InvalidArgumentError(absl::StrCat("Device::CheckConfiguration: ", why));
}

absl::Status Device::StartCameras(const k4a_device_configuration_t &config)
{
    if (k4a_device_start_cameras(live(), &config) == K4A_RESULT_SUCCEEDED)
        return absl::OkStatus();
    char why[256];
    if (openk4a_device_check_configuration(handle_, &config, why, sizeof why) != K4A_RESULT_SUCCEEDED)
    {
        return absl::InvalidArgumentError(absl::StrCat("Device::StartCameras: ", why));
    }
    if (Disconnected(handle_))
        return absl::UnavailableError("Device::StartCameras: the device was disconnected");
    return absl::FailedPreconditionError(
        "Device::StartCameras: the cameras are already running, or the device failed to start them");
}

absl::StatusOr<Capture> Device::GetCapture(std::chrono::milliseconds timeout)
{
    k4a_capture_t handle = nullptr;
    const k4a_wait_result_t result = k4a_device_get_capture(live(), &handle, WaitMilliseconds(timeout));
    if (result == K4A_WAIT_RESULT_SUCCEEDED && handle != nullptr)
        return Capture::Adopt(handle);
    return WaitFailure(handle_, result, "Device::GetCapture", timeout, "capture");
}

absl::Status Device::StartImu()
{
    if (k4a_device_start_imu(live()) == K4A_RESULT_SUCCEEDED)
        return absl::OkStatus();
    if (Disconnected(handle_))
        return absl::UnavailableError("Device::StartImu: the device was disconnected");
    return absl::FailedPreconditionError(
        "Device::StartImu: start the cameras first, and the IMU only once (or the device failed to start it)");
}

absl::StatusOr<k4a_imu_sample_t> Device::GetImuSample(std::chrono::milliseconds timeout)
{
    k4a_imu_sample_t sample;
    const k4a_wait_result_t result = k4a_device_get_imu_sample(live(), &sample, WaitMilliseconds(timeout));
    if (result == K4A_WAIT_RESULT_SUCCEEDED)
        return sample;
    return WaitFailure(handle_, result, "Device::GetImuSample", timeout, "IMU sample");
}

absl::StatusOr<openk4a_device_stats_t> Device::Stats() const
{
    openk4a_device_stats_t stats;
    if (openk4a_device_get_stats(live(), &stats) != K4A_RESULT_SUCCEEDED)
    {
        return absl::InternalError("Device::Stats: the device refused the query");
    }
    return stats;
}

absl::StatusOr<std::string> Device::RawCalibration() const
{
    size_t size = 0;
    if (k4a_device_get_raw_calibration(live(), nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL || size == 0)
    {
        return absl::UnavailableError("Device::RawCalibration: the device has no calibration, or reading it failed");
    }
    std::string json(size, '\0');
    if (k4a_device_get_raw_calibration(live(), reinterpret_cast<uint8_t *>(json.data()), &size) !=
        K4A_BUFFER_RESULT_SUCCEEDED)
    {
        return absl::UnavailableError("Device::RawCalibration: reading the calibration failed");
    }
    json.resize(size - 1); // the C API's NUL
    return json;
}

absl::StatusOr<k4a_hardware_version_t> Device::Version() const
{
    k4a_hardware_version_t version;
    if (k4a_device_get_version(live(), &version) != K4A_RESULT_SUCCEEDED)
    {
        return absl::UnavailableError("Device::Version: the device did not report its firmware versions");
    }
    return version;
}

absl::StatusOr<SyncJacks> Device::SyncJackState() const
{
    SyncJacks jacks;
    if (k4a_device_get_sync_jack(live(), &jacks.in, &jacks.out) != K4A_RESULT_SUCCEEDED)
    {
        return absl::UnavailableError("Device::SyncJackState: the device did not report its sync jacks");
    }
    return jacks;
}

namespace
{

bool IsColorControlCommand(k4a_color_control_command_t command)
{
    return command >= K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE && command <= K4A_COLOR_CONTROL_POWERLINE_FREQUENCY;
}

} // namespace

absl::StatusOr<ColorControlCapabilities> Device::GetColorControlCapabilities(k4a_color_control_command_t command) const
{
    if (!IsColorControlCommand(command))
    {
        return absl::InvalidArgumentError(
            absl::StrCat("Device::GetColorControlCapabilities: ", command, " is not a k4a_color_control_command_t"));
    }
    ColorControlCapabilities c;
    if (k4a_device_get_color_control_capabilities(live(), command, &c.supports_auto, &c.min, &c.max, &c.step,
                                                  &c.default_value, &c.default_mode) != K4A_RESULT_SUCCEEDED)
    {
        return absl::UnavailableError(absl::StrCat("Device::GetColorControlCapabilities: the colour camera did not "
                                                   "report control ",
                                                   command));
    }
    return c;
}

absl::StatusOr<ColorControl> Device::GetColorControl(k4a_color_control_command_t command) const
{
    if (!IsColorControlCommand(command))
    {
        return absl::InvalidArgumentError(
            absl::StrCat("Device::GetColorControl: ", command, " is not a k4a_color_control_command_t"));
    }
    ColorControl c;
    if (k4a_device_get_color_control(live(), command, &c.mode, &c.value) != K4A_RESULT_SUCCEEDED)
    {
        return absl::UnavailableError(
            absl::StrCat("Device::GetColorControl: the colour camera did not report control ", command));
    }
    return c;
}

absl::Status Device::SetColorControl(k4a_color_control_command_t command, k4a_color_control_mode_t mode, int32_t value)
{
    if (!IsColorControlCommand(command))
    {
        return absl::InvalidArgumentError(
            absl::StrCat("Device::SetColorControl: ", command, " is not a k4a_color_control_command_t"));
    }
    if (k4a_device_set_color_control(live(), command, mode, value) == K4A_RESULT_SUCCEEDED)
        return absl::OkStatus();
    // Say why when the capabilities explain it.
    absl::StatusOr<ColorControlCapabilities> caps = GetColorControlCapabilities(command);
    if (caps.ok() && mode == K4A_COLOR_CONTROL_MODE_AUTO && !caps->supports_auto)
    {
        return absl::InvalidArgumentError(
            absl::StrCat("Device::SetColorControl: control ", command, " has no automatic mode"));
    }
    if (caps.ok() && mode == K4A_COLOR_CONTROL_MODE_MANUAL && command != K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE &&
        (value < caps->min || value > caps->max))
    {
        return absl::InvalidArgumentError(absl::StrCat("Device::SetColorControl: control ", command, " value ", value,
                                                       " is outside ", caps->min, "..", caps->max));
    }
    return absl::UnavailableError(
        absl::StrCat("Device::SetColorControl: the colour camera refused control ", command, " = ", value));
}

} // namespace openk4a
