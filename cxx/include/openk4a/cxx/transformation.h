// Transformations in the C++ layer: one owner of a k4a_transformation_t (move only, never null),
// functions that return new openk4a::Image results or fill caller images.
//
//   absl::StatusOr<openk4a::Transformation> t = openk4a::Transformation::Create(*calibration);
//   absl::StatusOr<openk4a::Image> cloud = t->PointCloud(depth, openk4a::Sensor::kDepth);
//
// One thread at a time per Transformation (its scratch memory is reused from call to call).
#ifndef OPENK4A_CXX_TRANSFORMATION_H_
#define OPENK4A_CXX_TRANSFORMATION_H_

#include <k4a/k4a.h>

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "openk4a/cxx/calibration.h"
#include "openk4a/cxx/image.h"

namespace openk4a
{

enum class Interpolation
{
    kNearest = K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST,
    kLinear = K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR,
};

class Transformation final
{
public:
    [[nodiscard]] static absl::StatusOr<Transformation> Create(const Calibration &calibration);

    Transformation(const Transformation &) = delete;
    Transformation &operator=(const Transformation &) = delete;
    Transformation(Transformation &&other) noexcept :
        handle_(std::exchange(other.handle_, nullptr)), calibration_(other.calibration_)
    {
    }
    Transformation &operator=(Transformation &&other) noexcept
    {
        if (this != &other)
        {
            k4a_transformation_destroy(std::exchange(handle_, std::exchange(other.handle_, nullptr)));
            calibration_ = other.calibration_;
        }
        return *this;
    }
    ~Transformation()
    {
        k4a_transformation_destroy(handle_);
    }

    // New images of the right format and size. Errors: INVALID_ARGUMENT when an input breaks the
    // rules (the library logs which one), RESOURCE_EXHAUSTED when no output image can be made.
    [[nodiscard]] absl::StatusOr<Image> DepthToColor(const Image &depth) const;
    [[nodiscard]] absl::StatusOr<std::pair<Image, Image>> DepthToColorCustom(const Image &depth, const Image &custom,
                                                                             Interpolation interpolation,
                                                                             uint32_t invalid_value) const;
    [[nodiscard]] absl::StatusOr<Image> ColorToDepth(const Image &depth, const Image &color) const;
    [[nodiscard]] absl::StatusOr<Image> PointCloud(const Image &depth, Sensor camera) const;

    // The same into caller images (no allocation): they must be unshared (IsUnique), so nobody else
    // sees them change.
    [[nodiscard]] absl::Status DepthToColorInto(const Image &depth, Image &out) const;
    [[nodiscard]] absl::Status PointCloudInto(const Image &depth, Sensor camera, Image &out) const;

    k4a_transformation_t get() const noexcept
    {
        return handle_;
    }

private:
    Transformation(k4a_transformation_t handle, const Calibration &calibration) :
        handle_(handle), calibration_(calibration)
    {
    }
    k4a_transformation_t handle_;
    Calibration calibration_;
};

} // namespace openk4a

#endif // OPENK4A_CXX_TRANSFORMATION_H_
