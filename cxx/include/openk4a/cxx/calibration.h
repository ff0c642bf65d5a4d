// Calibration in the C++ layer: a value type over k4a_calibration_t, made from the device's blob,
// with conversions that say "not valid" as an empty optional and bad arguments as a Status.
//
//   absl::StatusOr<openk4a::Calibration> cal =
//       openk4a::Calibration::FromRaw(blob, K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
//   if (!cal.ok()) return cal.status();   // e.g. INVALID_ARGUMENT: ... no camera with Location ...
//   absl::StatusOr<std::optional<k4a_float3_t>> p =
//       cal->Convert2dTo3d({{320, 288}}, 1500.f, openk4a::Sensor::kDepth, openk4a::Sensor::kColor);
#ifndef OPENK4A_CXX_CALIBRATION_H_
#define OPENK4A_CXX_CALIBRATION_H_

#include <k4a/k4a.h>

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace openk4a
{

enum class Sensor
{
    kDepth = K4A_CALIBRATION_TYPE_DEPTH,
    kColor = K4A_CALIBRATION_TYPE_COLOR,
    kGyro = K4A_CALIBRATION_TYPE_GYRO,
    kAccel = K4A_CALIBRATION_TYPE_ACCEL,
};

class Calibration final
{
public:
    // Parses the blob (JSON; no NUL terminator needed) and derives the modes' intrinsics. The error
    // says what in the blob is wrong, or which mode is not a k4a one.
    [[nodiscard]] static absl::StatusOr<Calibration>
    FromRaw(absl::Span<const uint8_t> blob, k4a_depth_mode_t depth_mode, k4a_color_resolution_t color_resolution);
    // Takes a calibration from the C API (k4a_device_get_calibration, a file...) as it is.
    static Calibration FromC(const k4a_calibration_t &calibration)
    {
        return Calibration(calibration);
    }

    const k4a_calibration_t &c() const
    {
        return calibration_;
    }
    k4a_depth_mode_t depth_mode() const
    {
        return calibration_.depth_mode;
    }
    k4a_color_resolution_t color_resolution() const
    {
        return calibration_.color_resolution;
    }

    // Errors: INVALID_ARGUMENT for a sensor this calibration has no mode for. An empty optional:
    // the C API's valid = 0 (outside the lens model, behind the camera, no depth).
    [[nodiscard]] absl::StatusOr<k4a_float3_t> Convert3dTo3d(const k4a_float3_t &point_mm, Sensor from,
                                                             Sensor to) const;
    [[nodiscard]] absl::StatusOr<std::optional<k4a_float3_t>> Convert2dTo3d(const k4a_float2_t &pixel, float depth_mm,
                                                                            Sensor from, Sensor to) const;
    [[nodiscard]] absl::StatusOr<std::optional<k4a_float2_t>> Convert3dTo2d(const k4a_float3_t &point_mm, Sensor from,
                                                                            Sensor to) const;
    [[nodiscard]] absl::StatusOr<std::optional<k4a_float2_t>> Convert2dTo2d(const k4a_float2_t &pixel, float depth_mm,
                                                                            Sensor from, Sensor to) const;

private:
    explicit Calibration(const k4a_calibration_t &calibration) : calibration_(calibration) {}
    k4a_calibration_t calibration_;
};

} // namespace openk4a

#endif // OPENK4A_CXX_CALIBRATION_H_
