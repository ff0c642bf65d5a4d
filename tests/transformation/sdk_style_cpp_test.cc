// Written like SDK C++ programs (the transformation and opencv_compatibility examples), against
// <k4a/k4a.hpp> alone: k4a::calibration, k4a::transformation, k4a::image, k4a::error.
#include <k4a/k4a.hpp>

#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/testing/testdata.h"

namespace
{

TEST(SdkStyleCpp, CalibrationAndTransformationThroughK4aHpp)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(raw, "recordings/azure_kinect_pyk4a_calibration.json");
    std::vector<uint8_t> blob(raw.begin(), raw.end());
    k4a::calibration calibration =
        k4a::calibration::get_from_raw(blob, K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P);
    EXPECT_EQ(calibration.color_camera_calibration.resolution_width, 1280);

    k4a_float2_t pixel = {{160.f, 144.f}}, back;
    k4a_float3_t point;
    ASSERT_TRUE(
        calibration.convert_2d_to_3d(pixel, 1000.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &point));
    ASSERT_TRUE(calibration.convert_3d_to_2d(point, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &back));
    EXPECT_NEAR(back.xy.x, 160.f, 0.01f);
    EXPECT_NEAR(back.xy.y, 144.f, 0.01f);
    k4a_float3_t in_color = calibration.convert_3d_to_3d(point, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR);
    EXPECT_GT(in_color.xyz.z, 900.f);

    k4a::transformation transformation(calibration);
    k4a::image depth = k4a::image::create(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 320 * 2);
    std::vector<uint16_t> wall(320 * 288, 1200);
    std::memcpy(depth.get_buffer(), wall.data(), wall.size() * 2);
    k4a::image in_color_camera = transformation.depth_image_to_color_camera(depth);
    EXPECT_EQ(in_color_camera.get_width_pixels(), 1280);
    k4a::image cloud = transformation.depth_image_to_point_cloud(depth, K4A_CALIBRATION_TYPE_DEPTH);
    EXPECT_EQ(cloud.get_stride_bytes(), 320 * 6);
    k4a::image custom = k4a::image::create(K4A_IMAGE_FORMAT_CUSTOM8, 320, 288, 320);
    std::memset(custom.get_buffer(), 9, 320 * 288);
    auto [depth_out, custom_out] = transformation.depth_image_to_color_camera_custom(
        depth, custom, K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST, 0);
    EXPECT_EQ(custom_out.get_format(), K4A_IMAGE_FORMAT_CUSTOM8);

    // A wrong image is a k4a::error, as in the SDK.
    k4a::image wrong = k4a::image::create(K4A_IMAGE_FORMAT_IR16, 320, 288, 0);
    EXPECT_THROW(transformation.depth_image_to_color_camera(wrong), k4a::error);
    std::vector<uint8_t> garbage = {'{', '}'};
    EXPECT_THROW(k4a::calibration::get_from_raw(garbage, K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P),
                 k4a::error);
}

} // namespace
