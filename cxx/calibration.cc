#include "openk4a/cxx/calibration.h"

#include "absl/strings/str_cat.h"
#include "core/calibration/calibration.h"
#include "core/calibration/calibration_raw.h"

namespace openk4a
{
namespace
{

k4a_calibration_type_t C(Sensor s)
{
    return static_cast<k4a_calibration_type_t>(s);
}

absl::Status SensorError(const char *caller)
{
    return absl::InvalidArgumentError(
        absl::StrCat(caller, ": a sensor is not DEPTH, COLOR, GYRO or ACCEL, or its mode is OFF in this calibration"));
}

} // namespace

absl::StatusOr<Calibration> Calibration::FromRaw(absl::Span<const uint8_t> blob, k4a_depth_mode_t depth_mode,
                                                 k4a_color_resolution_t color_resolution)
{
    char reason[160];
    ok4a_raw_calibration_t raw;
    if (ok4a_raw_calibration_parse(reinterpret_cast<const char *>(blob.data()), blob.size(), &raw, reason,
                                   sizeof reason) != K4A_RESULT_SUCCEEDED)
    {
        return absl::InvalidArgumentError(absl::StrCat("Calibration::FromRaw: ", reason));
    }
    k4a_calibration_t calibration;
    if (ok4a_calibration_for_mode(&raw, depth_mode, color_resolution, &calibration, "Calibration::FromRaw") !=
        K4A_RESULT_SUCCEEDED)
    {
        return absl::InvalidArgumentError(absl::StrCat("Calibration::FromRaw: depth mode ", depth_mode,
                                                       " / colour resolution ", color_resolution,
                                                       " cannot be cut from this blob's sensors (the log says why)"));
    }
    return Calibration(calibration);
}

absl::StatusOr<k4a_float3_t> Calibration::Convert3dTo3d(const k4a_float3_t &point_mm, Sensor from, Sensor to) const
{
    k4a_float3_t out;
    if (k4a_calibration_3d_to_3d(&calibration_, &point_mm, C(from), C(to), &out) != K4A_RESULT_SUCCEEDED)
    {
        return SensorError("Convert3dTo3d");
    }
    return out;
}

absl::StatusOr<std::optional<k4a_float3_t>> Calibration::Convert2dTo3d(const k4a_float2_t &pixel, float depth_mm,
                                                                       Sensor from, Sensor to) const
{
    k4a_float3_t out;
    int valid = 0;
    if (k4a_calibration_2d_to_3d(&calibration_, &pixel, depth_mm, C(from), C(to), &out, &valid) != K4A_RESULT_SUCCEEDED)
    {
        return SensorError("Convert2dTo3d");
    }
    return valid ? std::optional<k4a_float3_t>(out) : std::nullopt;
}

absl::StatusOr<std::optional<k4a_float2_t>> Calibration::Convert3dTo2d(const k4a_float3_t &point_mm, Sensor from,
                                                                       Sensor to) const
{
    k4a_float2_t out;
    int valid = 0;
    if (k4a_calibration_3d_to_2d(&calibration_, &point_mm, C(from), C(to), &out, &valid) != K4A_RESULT_SUCCEEDED)
    {
        return SensorError("Convert3dTo2d");
    }
    return valid ? std::optional<k4a_float2_t>(out) : std::nullopt;
}

absl::StatusOr<std::optional<k4a_float2_t>> Calibration::Convert2dTo2d(const k4a_float2_t &pixel, float depth_mm,
                                                                       Sensor from, Sensor to) const
{
    k4a_float2_t out;
    int valid = 0;
    if (k4a_calibration_2d_to_2d(&calibration_, &pixel, depth_mm, C(from), C(to), &out, &valid) != K4A_RESULT_SUCCEEDED)
    {
        return SensorError("Convert2dTo2d");
    }
    return valid ? std::optional<k4a_float2_t>(out) : std::nullopt;
}

} // namespace openk4a
