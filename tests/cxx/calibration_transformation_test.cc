// openk4a::Calibration and openk4a::Transformation: reasons in errors, valid as optional, owned
// results with the SDK's geometry, round trips, and the same numbers as the C calls (which
// tests/calibration and tests/transformation check against OpenCV).
#include <k4a/k4a.h>

#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "openk4a/cxx/calibration.h"
#include "openk4a/cxx/transformation.h"
#include "tests/testing/image_leaks.h"
#include "tests/testing/testdata.h"

namespace openk4a
{
namespace
{

class CxxCalibrationTest : public testing::NoImageLeaks
{
};

TEST_F(CxxCalibrationTest, ErrorsSayWhatIsWrongWithTheBlob)
{
    const std::string broken = R"({"CalibrationInformation": {"Cameras": [], "InertialSensors": []}})";
    absl::StatusOr<Calibration> cal =
        Calibration::FromRaw(absl::Span<const uint8_t>(reinterpret_cast<const uint8_t *>(broken.data()), broken.size()),
                             K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    ASSERT_FALSE(cal.ok());
    EXPECT_EQ(cal.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(cal.status().message().find("no camera with Location CALIBRATION_CameraLocationD0"), std::string::npos)
        << cal.status();
}

TEST_F(CxxCalibrationTest, ConversionsAndTransformationsOnTheRealCalibration)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(blob, "recordings/azure_kinect_pyk4a_calibration.json");
    absl::StatusOr<Calibration> cal =
        Calibration::FromRaw(blob, K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P);
    ASSERT_TRUE(cal.ok()) << cal.status();
    EXPECT_EQ(cal->c().depth_camera_calibration.resolution_width, 320);

    auto p = cal->Convert2dTo3d({{100.f, 80.f}}, 1234.f, Sensor::kDepth, Sensor::kColor);
    ASSERT_TRUE(p.ok() && p->has_value());
    auto back = cal->Convert3dTo2d(**p, Sensor::kColor, Sensor::kDepth);
    ASSERT_TRUE(back.ok() && back->has_value());
    EXPECT_NEAR((*back)->xy.x, 100.f, 0.01f);
    EXPECT_NEAR((*back)->xy.y, 80.f, 0.01f);
    // valid = 0 is an empty optional, not an error; a sensor without a mode is an error.
    auto no_depth = cal->Convert2dTo3d({{100.f, 80.f}}, 0.f, Sensor::kDepth, Sensor::kDepth);
    ASSERT_TRUE(no_depth.ok());
    EXPECT_FALSE(no_depth->has_value());
    absl::StatusOr<Calibration> depth_only =
        Calibration::FromRaw(blob, K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_OFF);
    ASSERT_TRUE(depth_only.ok());
    EXPECT_EQ(depth_only->Convert3dTo3d({{1, 2, 3}}, Sensor::kDepth, Sensor::kColor).status().code(),
              absl::StatusCode::kInvalidArgument);

    absl::StatusOr<Transformation> t = Transformation::Create(*cal);
    ASSERT_TRUE(t.ok()) << t.status();
    std::vector<uint16_t> wall(320 * 288, 1500);
    absl::StatusOr<Image> depth = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {320, 288}, std::move(wall));
    ASSERT_TRUE(depth.ok());
    absl::StatusOr<Image> in_color = t->DepthToColor(*depth);
    ASSERT_TRUE(in_color.ok()) << in_color.status();
    EXPECT_EQ(in_color->width_pixels(), 1280);
    // Same numbers as the C call.
    k4a_image_t c_out = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0, &c_out), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_transformation_depth_image_to_color_camera(t->get(), depth->get(), c_out), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(std::memcmp(k4a_image_get_buffer(c_out), k4a_image_get_buffer(in_color->get()), 1280 * 720 * 2), 0);
    k4a_image_release(c_out);

    absl::StatusOr<Image> cloud = t->PointCloud(*depth, Sensor::kDepth);
    ASSERT_TRUE(cloud.ok()) << cloud.status();
    EXPECT_EQ(cloud->stride_bytes(), 320 * 6);
    // The centre pixel's z is its depth.
    const int16_t *xyz =
        reinterpret_cast<const int16_t *>(k4a_image_get_buffer(cloud->get()) + 144 * 320 * 6 + 160 * 6);
    EXPECT_EQ(xyz[2], 1500);

    // A shared output is refused before anything is written; a wrong input is INVALID_ARGUMENT.
    Image shared = in_color->Clone();
    EXPECT_EQ(t->DepthToColorInto(*depth, shared).code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(t->DepthToColor(*in_color).status().code(), absl::StatusCode::kInvalidArgument);

    // Moves hand the handle over; the moved-to owner works.
    Transformation moved = std::move(*t);
    EXPECT_TRUE(moved.ColorToDepth(*depth, *in_color).status().code() == absl::StatusCode::kInvalidArgument);
}

} // namespace
} // namespace openk4a
