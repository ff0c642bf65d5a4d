#include "openk4a/cxx/transformation.h"

#include "absl/strings/str_cat.h"

namespace openk4a
{
namespace
{

absl::Status Refused(const char *what)
{
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": an image has the wrong format, size or stride, or the calibration lacks a camera "
                           "(the library's log line names the rule)"));
}

absl::Status Shared(const char *what)
{
    return absl::FailedPreconditionError(absl::StrCat(what, ": the output image is shared; it must be unique"));
}

} // namespace

absl::StatusOr<Transformation> Transformation::Create(const Calibration &calibration)
{
    k4a_transformation_t handle = k4a_transformation_create(&calibration.c());
    if (handle == nullptr)
    {
        return absl::InvalidArgumentError(
            "Transformation::Create: the calibration cannot be used, or memory ran out (the log says which)");
    }
    return Transformation(handle, calibration);
}

absl::Status Transformation::DepthToColorInto(const Image &depth, Image &out) const
{
    if (!out.IsUnique())
        return Shared("DepthToColorInto");
    if (k4a_transformation_depth_image_to_color_camera(handle_, depth.get(), out.get()) != K4A_RESULT_SUCCEEDED)
    {
        return Refused("DepthToColorInto");
    }
    return absl::OkStatus();
}

absl::StatusOr<Image> Transformation::DepthToColor(const Image &depth) const
{
    const k4a_calibration_camera_t &color = calibration_.c().color_camera_calibration;
    absl::StatusOr<Image> out =
        Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {color.resolution_width, color.resolution_height, 0});
    if (!out.ok())
        return out.status();
    if (absl::Status s = DepthToColorInto(depth, *out); !s.ok())
        return s;
    return out;
}

absl::StatusOr<std::pair<Image, Image>> Transformation::DepthToColorCustom(const Image &depth, const Image &custom,
                                                                           Interpolation interpolation,
                                                                           uint32_t invalid_value) const
{
    const k4a_calibration_camera_t &color = calibration_.c().color_camera_calibration;
    const Geometry size{color.resolution_width, color.resolution_height, 0};
    absl::StatusOr<Image> out_depth = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, size);
    if (!out_depth.ok())
        return out_depth.status();
    absl::StatusOr<Image> out_custom = Image::Create(custom.format(), size);
    if (!out_custom.ok())
        return Refused("DepthToColorCustom");
    if (k4a_transformation_depth_image_to_color_camera_custom(
            handle_, depth.get(), custom.get(), out_depth->get(), out_custom->get(),
            static_cast<k4a_transformation_interpolation_type_t>(interpolation), invalid_value) != K4A_RESULT_SUCCEEDED)
    {
        return Refused("DepthToColorCustom");
    }
    return std::pair<Image, Image>(std::move(*out_depth), std::move(*out_custom));
}

absl::StatusOr<Image> Transformation::ColorToDepth(const Image &depth, const Image &color) const
{
    const k4a_calibration_camera_t &d = calibration_.c().depth_camera_calibration;
    absl::StatusOr<Image> out =
        Image::Create(K4A_IMAGE_FORMAT_COLOR_BGRA32, {d.resolution_width, d.resolution_height, 0});
    if (!out.ok())
        return out.status();
    if (k4a_transformation_color_image_to_depth_camera(handle_, depth.get(), color.get(), out->get()) !=
        K4A_RESULT_SUCCEEDED)
    {
        return Refused("ColorToDepth");
    }
    return out;
}

absl::Status Transformation::PointCloudInto(const Image &depth, Sensor camera, Image &out) const
{
    if (!out.IsUnique())
        return Shared("PointCloudInto");
    if (k4a_transformation_depth_image_to_point_cloud(handle_, depth.get(), static_cast<k4a_calibration_type_t>(camera),
                                                      out.get()) != K4A_RESULT_SUCCEEDED)
    {
        return Refused("PointCloudInto");
    }
    return absl::OkStatus();
}

absl::StatusOr<Image> Transformation::PointCloud(const Image &depth, Sensor camera) const
{
    const int w = depth.width_pixels(), h = depth.height_pixels();
    absl::StatusOr<Image> out = Image::Create(K4A_IMAGE_FORMAT_CUSTOM, {w, h, w * 6});
    if (!out.ok())
        return Refused("PointCloud");
    if (absl::Status s = PointCloudInto(depth, camera, *out); !s.ok())
        return s;
    return out;
}

} // namespace openk4a
