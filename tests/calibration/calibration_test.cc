// k4a_calibration_* against independent sources: the real calibration blob read a second time by
// OpenCV's own JSON reader (cv::FileStorage), the SDK's published per-mode crop/scale table,
// OpenCV's projectPoints/undistortPoints with the rational model on the same intrinsics, round trips.
#include <k4a/k4a.h>

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>

#include "tests/log_capture.h"
#include "tests/testing/testdata.h"

namespace
{

constexpr char kCalibration[] = "recordings/azure_kinect_pyk4a_calibration.json";

struct SensorCalibration
{
    std::vector<double> params; // cx, cy, fx, fy (normalised), k1..k6, codx, cody, p2, p1
    int width = 0, height = 0;
    double metric_radius = 0;
    cv::Matx33d R;
    cv::Vec3d t_m;
};

// The blob read by OpenCV's JSON parser, not by ours.
SensorCalibration ReadCamera(const std::string &json, const std::string &location)
{
    cv::FileStorage fs(json, cv::FileStorage::READ | cv::FileStorage::MEMORY | cv::FileStorage::FORMAT_JSON);
    SensorCalibration out;
    for (const cv::FileNode &camera : fs["CalibrationInformation"]["Cameras"])
    {
        if (std::string(camera["Location"]) != location)
            continue;
        for (const cv::FileNode &p : camera["Intrinsics"]["ModelParameters"])
            out.params.push_back(double(p));
        out.width = int(camera["SensorWidth"]);
        out.height = int(camera["SensorHeight"]);
        out.metric_radius = double(camera["MetricRadius"]);
        int i = 0;
        for (const cv::FileNode &r : camera["Rt"]["Rotation"])
            out.R(i / 3, i % 3) = double(r), i++;
        i = 0;
        for (const cv::FileNode &v : camera["Rt"]["Translation"])
            out.t_m[i++] = double(v);
    }
    return out;
}

// The SDK's published mode table: sensor scaled to `scaled`, image cropped at `crop`.
struct Window
{
    int scaled_w, scaled_h, crop_x, crop_y, w, h;
};
Window DepthWindow(k4a_depth_mode_t m)
{
    switch (m)
    {
    case K4A_DEPTH_MODE_NFOV_2X2BINNED:
        return {512, 512, 96, 90, 320, 288};
    case K4A_DEPTH_MODE_NFOV_UNBINNED:
        return {1024, 1024, 192, 180, 640, 576};
    case K4A_DEPTH_MODE_WFOV_2X2BINNED:
        return {512, 512, 0, 0, 512, 512};
    default:
        return {1024, 1024, 0, 0, 1024, 1024};
    }
}
Window ColorWindow(k4a_color_resolution_t r)
{
    switch (r)
    {
    case K4A_COLOR_RESOLUTION_720P:
        return {1280, 960, 0, 120, 1280, 720};
    case K4A_COLOR_RESOLUTION_1080P:
        return {1920, 1440, 0, 180, 1920, 1080};
    case K4A_COLOR_RESOLUTION_1440P:
        return {2560, 1920, 0, 240, 2560, 1440};
    case K4A_COLOR_RESOLUTION_1536P:
        return {2048, 1536, 0, 0, 2048, 1536};
    case K4A_COLOR_RESOLUTION_2160P:
        return {3840, 2880, 0, 360, 3840, 2160};
    default:
        return {4096, 3072, 0, 0, 4096, 3072};
    }
}

class CalibrationTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        cv::setNumThreads(0);
        auto bytes = openk4a::testing::ReadTestdata(kCalibration);
        if (!bytes)
            GTEST_SKIP() << "shared testdata absent: " << kCalibration;
        json_.assign(bytes->begin(), bytes->end());
        depth_ = ReadCamera(json_, "CALIBRATION_CameraLocationD0");
        color_ = ReadCamera(json_, "CALIBRATION_CameraLocationPV0");
        ASSERT_EQ(depth_.params.size(), 14u);
        ASSERT_EQ(color_.params.size(), 14u);
    }
    k4a_calibration_t Get(k4a_depth_mode_t d, k4a_color_resolution_t c)
    {
        k4a_calibration_t cal;
        EXPECT_EQ(k4a_calibration_get_from_raw(json_.data(), json_.size(), d, c, &cal), K4A_RESULT_SUCCEEDED);
        return cal;
    }
    std::string json_;
    SensorCalibration depth_, color_;
};

void ExpectModeIntrinsics(const k4a_calibration_camera_t &cam, const SensorCalibration &s, const Window &w,
                          double metric_radius)
{
    EXPECT_EQ(cam.resolution_width, w.w);
    EXPECT_EQ(cam.resolution_height, w.h);
    const auto &p = cam.intrinsics.parameters.param;
    EXPECT_NEAR(p.cx, s.params[0] * w.scaled_w - w.crop_x - 0.5, 1e-3);
    EXPECT_NEAR(p.cy, s.params[1] * w.scaled_h - w.crop_y - 0.5, 1e-3);
    EXPECT_NEAR(p.fx, s.params[2] * w.scaled_w, 1e-3);
    EXPECT_NEAR(p.fy, s.params[3] * w.scaled_h, 1e-3);
    for (int i = 4; i < 14; i++)
        EXPECT_FLOAT_EQ(cam.intrinsics.parameters.v[i], float(s.params[i])) << i;
    EXPECT_EQ(cam.intrinsics.type, K4A_CALIBRATION_LENS_DISTORTION_MODEL_BROWN_CONRADY);
    EXPECT_EQ(cam.intrinsics.parameter_count, 14u);
    EXPECT_FLOAT_EQ(cam.metric_radius, float(metric_radius));
}

TEST_F(CalibrationTest, EveryModeIsCutFromTheSensorAsTheSdkPublishes)
{
    for (int d = K4A_DEPTH_MODE_NFOV_2X2BINNED; d <= K4A_DEPTH_MODE_PASSIVE_IR; d++)
    {
        for (int c = K4A_COLOR_RESOLUTION_720P; c <= K4A_COLOR_RESOLUTION_3072P; c++)
        {
            SCOPED_TRACE(std::to_string(d) + "/" + std::to_string(c));
            k4a_calibration_t cal = Get(k4a_depth_mode_t(d), k4a_color_resolution_t(c));
            EXPECT_EQ(cal.depth_mode, d);
            EXPECT_EQ(cal.color_resolution, c);
            ExpectModeIntrinsics(cal.depth_camera_calibration, depth_, DepthWindow(k4a_depth_mode_t(d)),
                                 depth_.metric_radius);
            // A metric radius of 0 in the blob means "not estimated": the SDK uses 1.7.
            ExpectModeIntrinsics(cal.color_camera_calibration, color_, ColorWindow(k4a_color_resolution_t(c)),
                                 color_.metric_radius > 0.0001 ? color_.metric_radius : 1.7);
        }
    }
}

TEST_F(CalibrationTest, OneCameraOffLeavesItsPartZero)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_OFF, K4A_COLOR_RESOLUTION_1080P);
    EXPECT_EQ(cal.depth_camera_calibration.resolution_width, 0);
    EXPECT_EQ(cal.color_camera_calibration.resolution_width, 1920);
    k4a_float3_t p = {{1, 2, 3}}, out;
    EXPECT_EQ(k4a_calibration_3d_to_3d(&cal, &p, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR, &out),
              K4A_RESULT_FAILED);
    k4a_calibration_t unused;
    EXPECT_EQ(
        k4a_calibration_get_from_raw(json_.data(), json_.size(), K4A_DEPTH_MODE_OFF, K4A_COLOR_RESOLUTION_OFF, &unused),
        K4A_RESULT_FAILED);
}

TEST_F(CalibrationTest, ExtrinsicsAreTheBlobsRotationAndTranslationInMillimetres)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    cv::Vec3d p(123.0, -456.0, 1789.0);
    cv::Vec3d expected = color_.R * p + color_.t_m * 1000.0; // depth is the world frame in the blob
    k4a_float3_t in = {{float(p[0]), float(p[1]), float(p[2])}}, out, back;
    ASSERT_EQ(k4a_calibration_3d_to_3d(&cal, &in, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR, &out),
              K4A_RESULT_SUCCEEDED);
    for (int i = 0; i < 3; i++)
        EXPECT_NEAR(out.v[i], expected[i], 1e-2);
    ASSERT_EQ(k4a_calibration_3d_to_3d(&cal, &out, K4A_CALIBRATION_TYPE_COLOR, K4A_CALIBRATION_TYPE_DEPTH, &back),
              K4A_RESULT_SUCCEEDED);
    for (int i = 0; i < 3; i++)
        EXPECT_NEAR(back.v[i], in.v[i], 1e-2);
    // Gyro and accelerometer: same rule with their own Rt.
    cv::FileStorage fs(json_, cv::FileStorage::READ | cv::FileStorage::MEMORY | cv::FileStorage::FORMAT_JSON);
    for (const cv::FileNode &s : fs["CalibrationInformation"]["InertialSensors"])
    {
        const std::string type(s["SensorType"]);
        k4a_calibration_type_t target =
            type == "CALIBRATION_InertialSensorType_Gyro" ? K4A_CALIBRATION_TYPE_GYRO : K4A_CALIBRATION_TYPE_ACCEL;
        cv::Matx33d R;
        cv::Vec3d t;
        int i = 0;
        for (const cv::FileNode &r : s["Rt"]["Rotation"])
            R(i / 3, i % 3) = double(r), i++;
        i = 0;
        for (const cv::FileNode &v : s["Rt"]["Translation"])
            t[i++] = double(v);
        cv::Vec3d e = R * p + t * 1000.0;
        ASSERT_EQ(k4a_calibration_3d_to_3d(&cal, &in, K4A_CALIBRATION_TYPE_DEPTH, target, &out), K4A_RESULT_SUCCEEDED);
        for (int k = 0; k < 3; k++)
            EXPECT_NEAR(out.v[k], e[k], 1e-2) << type;
    }
}

// OpenCV's rational model: (k1, k2, p1, p2, k3, k4, k5, k6).
void OpenCvModel(const k4a_calibration_camera_t &cam, cv::Matx33d *K, std::vector<double> *dist)
{
    const auto &p = cam.intrinsics.parameters.param;
    *K = cv::Matx33d(p.fx, 0, p.cx, 0, p.fy, p.cy, 0, 0, 1);
    *dist = {p.k1, p.k2, p.p1, p.p2, p.k3, p.k4, p.k5, p.k6};
}

TEST_F(CalibrationTest, ProjectionMatchesOpenCvProjectPoints)
{
    for (auto [d, c] : {std::pair{K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P},
                        std::pair{K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_COLOR_RESOLUTION_3072P}})
    {
        k4a_calibration_t cal = Get(d, c);
        for (k4a_calibration_type_t type : {K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR})
        {
            const k4a_calibration_camera_t &cam =
                type == K4A_CALIBRATION_TYPE_DEPTH ? cal.depth_camera_calibration : cal.color_camera_calibration;
            ASSERT_EQ(cam.intrinsics.parameters.param.codx, 0.f); // OpenCV has no centre of distortion
            cv::Matx33d K;
            std::vector<double> dist;
            OpenCvModel(cam, &K, &dist);
            std::vector<cv::Point3d> points;
            for (double x = -0.9; x <= 0.9; x += 0.15)
                for (double y = -0.8; y <= 0.8; y += 0.16)
                    points.emplace_back(x * 1500, y * 1500, 1500);
            std::vector<cv::Point2d> expected;
            cv::projectPoints(points, cv::Vec3d(0, 0, 0), cv::Vec3d(0, 0, 0), K, dist, expected);
            int compared = 0;
            for (size_t i = 0; i < points.size(); i++)
            {
                k4a_float3_t p = {{float(points[i].x), float(points[i].y), float(points[i].z)}};
                k4a_float2_t uv;
                int valid = -1;
                ASSERT_EQ(k4a_calibration_3d_to_2d(&cal, &p, type, type, &uv, &valid), K4A_RESULT_SUCCEEDED);
                double r = std::hypot(points[i].x / points[i].z, points[i].y / points[i].z);
                EXPECT_EQ(valid, r <= cam.metric_radius ? 1 : 0) << "r " << r;
                if (!valid)
                    continue;
                // float arithmetic against OpenCV's double: within a hundredth of a pixel (4096 px wide)
                EXPECT_NEAR(uv.xy.x, expected[i].x, 1e-2) << i;
                EXPECT_NEAR(uv.xy.y, expected[i].y, 1e-2) << i;
                compared++;
            }
            EXPECT_GT(compared, 50);
        }
    }
}

TEST_F(CalibrationTest, UnprojectionMatchesOpenCvUndistortPoints)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_WFOV_UNBINNED, K4A_COLOR_RESOLUTION_1536P);
    for (k4a_calibration_type_t type : {K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR})
    {
        const k4a_calibration_camera_t &cam =
            type == K4A_CALIBRATION_TYPE_DEPTH ? cal.depth_camera_calibration : cal.color_camera_calibration;
        cv::Matx33d K;
        std::vector<double> dist;
        OpenCvModel(cam, &K, &dist);
        std::vector<cv::Point2d> pixels, normalised;
        for (int v = 0; v < cam.resolution_height; v += cam.resolution_height / 12)
            for (int u = 0; u < cam.resolution_width; u += cam.resolution_width / 12)
                pixels.emplace_back(u, v);
        cv::undistortPoints(pixels, normalised, K, dist, cv::noArray(), cv::noArray(),
                            cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 200, 1e-14));
        int compared = 0;
        for (size_t i = 0; i < pixels.size(); i++)
        {
            k4a_float2_t uv = {{float(pixels[i].x), float(pixels[i].y)}};
            k4a_float3_t p;
            int valid = -1;
            ASSERT_EQ(k4a_calibration_2d_to_3d(&cal, &uv, 1000.f, type, type, &p, &valid), K4A_RESULT_SUCCEEDED);
            if (!valid)
                continue;
            // Only where OpenCV's own answer reprojects onto the pixel (its iteration can stall at the rim).
            std::vector<cv::Point2d> re;
            cv::projectPoints(std::vector<cv::Point3d>{{normalised[i].x, normalised[i].y, 1}}, cv::Vec3d(), cv::Vec3d(),
                              K, dist, re);
            if (cv::norm(re[0] - pixels[i]) > 1e-3)
                continue;
            EXPECT_NEAR(p.xyz.x / 1000.0, normalised[i].x, 2e-5) << pixels[i];
            EXPECT_NEAR(p.xyz.y / 1000.0, normalised[i].y, 2e-5) << pixels[i];
            EXPECT_FLOAT_EQ(p.xyz.z, 1000.f);
            compared++;
        }
        EXPECT_GT(compared, 100);
    }
}

TEST_F(CalibrationTest, PixelsRoundTripThroughThreeDimensions)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_1080P);
    int round_trips = 0;
    for (int v = 0; v < 576; v += 24)
    {
        for (int u = 0; u < 640; u += 24)
        {
            k4a_float2_t px = {{float(u), float(v)}}, in_color, back;
            int valid = -1, valid_back = -1;
            ASSERT_EQ(k4a_calibration_2d_to_2d(&cal, &px, 2000.f, K4A_CALIBRATION_TYPE_DEPTH,
                                               K4A_CALIBRATION_TYPE_COLOR, &in_color, &valid),
                      K4A_RESULT_SUCCEEDED);
            if (!valid)
                continue;
            // back: colour pixel with the colour-camera depth of the same 3D point
            k4a_float3_t p_depth, p_color;
            int v1, v2;
            ASSERT_EQ(k4a_calibration_2d_to_3d(&cal, &px, 2000.f, K4A_CALIBRATION_TYPE_DEPTH,
                                               K4A_CALIBRATION_TYPE_DEPTH, &p_depth, &v1),
                      K4A_RESULT_SUCCEEDED);
            ASSERT_EQ(k4a_calibration_3d_to_3d(&cal, &p_depth, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR,
                                               &p_color),
                      K4A_RESULT_SUCCEEDED);
            ASSERT_EQ(k4a_calibration_2d_to_2d(&cal, &in_color, p_color.xyz.z, K4A_CALIBRATION_TYPE_COLOR,
                                               K4A_CALIBRATION_TYPE_DEPTH, &back, &valid_back),
                      K4A_RESULT_SUCCEEDED);
            (void)v2;
            ASSERT_EQ(valid_back, 1) << u << "," << v;
            EXPECT_NEAR(back.xy.x, u, 0.01);
            EXPECT_NEAR(back.xy.y, v, 0.01);
            round_trips++;
        }
    }
    EXPECT_GT(round_trips, 400);
}

TEST_F(CalibrationTest, ValidMeansInFrontOfTheCameraInsideTheRadiusWithDepth)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_WFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_float2_t uv;
    int valid = -1;
    k4a_float3_t behind = {{0, 0, -100}}, at_zero = {{10, 10, 0}};
    const float r = cal.depth_camera_calibration.metric_radius;
    k4a_float3_t beyond = {{1000.f * (r + 0.05f), 0, 1000}}, inside = {{1000.f * (r - 0.05f), 0, 1000}};
    ASSERT_EQ(
        k4a_calibration_3d_to_2d(&cal, &behind, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &uv, &valid),
        K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(valid, 0);
    ASSERT_EQ(
        k4a_calibration_3d_to_2d(&cal, &at_zero, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &uv, &valid),
        K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(valid, 0);
    ASSERT_EQ(
        k4a_calibration_3d_to_2d(&cal, &beyond, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &uv, &valid),
        K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(valid, 0);
    ASSERT_EQ(
        k4a_calibration_3d_to_2d(&cal, &inside, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &uv, &valid),
        K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(valid, 1);
    k4a_float2_t centre = {{512, 512}};
    k4a_float3_t p;
    ASSERT_EQ(k4a_calibration_2d_to_3d(&cal, &centre, 0.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH, &p,
                                       &valid),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(valid, 0);
    // Far outside the image the inversion cannot converge inside the radius.
    k4a_float2_t far_away = {{-40000, 90000}};
    ASSERT_EQ(k4a_calibration_2d_to_3d(&cal, &far_away, 1000.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_DEPTH,
                                       &p, &valid),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(valid, 0);
}

TEST_F(CalibrationTest, ColorPixelFindsTheDepthPixelOnAFlatWall)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    std::vector<uint16_t> wall(640 * 576, 1500);
    k4a_image_t depth = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0,
                                           reinterpret_cast<uint8_t *>(wall.data()), wall.size() * 2, nullptr, nullptr,
                                           &depth),
              K4A_RESULT_SUCCEEDED);
    for (auto [u, v] : {std::pair{320, 288}, std::pair{100, 100}, std::pair{500, 400}})
    {
        k4a_float2_t px = {{float(u), float(v)}}, in_color, found;
        int valid = 0;
        ASSERT_EQ(k4a_calibration_2d_to_2d(&cal, &px, 1500.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR,
                                           &in_color, &valid),
                  K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(valid, 1);
        ASSERT_EQ(k4a_calibration_color_2d_to_depth_2d(&cal, &in_color, depth, &found, &valid), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(valid, 1);
        EXPECT_NEAR(found.xy.x, u, 1.0);
        EXPECT_NEAR(found.xy.y, v, 1.0);
    }
    k4a_image_release(depth);
}

TEST_F(CalibrationTest, BrokenBlobsAreRefusedWithAReason)
{
    openk4a::testing::LogCapture log(K4A_LOG_LEVEL_ERROR);
    k4a_calibration_t cal;
    std::string truncated = json_.substr(0, json_.size() / 2);
    EXPECT_EQ(k4a_calibration_get_from_raw(truncated.data(), truncated.size(), K4A_DEPTH_MODE_NFOV_UNBINNED,
                                           K4A_COLOR_RESOLUTION_720P, &cal),
              K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"k4a_calibration_get_from_raw", "not valid JSON"}));
    std::string no_color = json_;
    no_color.replace(no_color.find("CALIBRATION_CameraLocationPV0"), 29, "CALIBRATION_CameraLocationXX0");
    EXPECT_EQ(k4a_calibration_get_from_raw(no_color.data(), no_color.size(), K4A_DEPTH_MODE_NFOV_UNBINNED,
                                           K4A_COLOR_RESOLUTION_720P, &cal),
              K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"no camera with Location CALIBRATION_CameraLocationPV0"}));
    std::string zero_focal = json_;
    size_t at = zero_focal.find("0.4927808940410614"); // the depth camera's fx
    ASSERT_NE(at, std::string::npos);
    zero_focal.replace(at, 18, "0                 ");
    EXPECT_EQ(k4a_calibration_get_from_raw(zero_focal.data(), zero_focal.size(), K4A_DEPTH_MODE_NFOV_UNBINNED,
                                           K4A_COLOR_RESOLUTION_720P, &cal),
              K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"depth camera", "focal length is not positive"}));
    EXPECT_EQ(k4a_calibration_get_from_raw(nullptr, 10, K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P, &cal),
              K4A_RESULT_FAILED);
    EXPECT_EQ(
        k4a_calibration_get_from_raw(json_.data(), json_.size(), k4a_depth_mode_t(9), K4A_COLOR_RESOLUTION_720P, &cal),
        K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"depth mode 9"}));
    // Without the terminating NUL counted, and with it: the same result.
    k4a_calibration_t a, b;
    ASSERT_EQ(k4a_calibration_get_from_raw(json_.data(), json_.size(), K4A_DEPTH_MODE_NFOV_UNBINNED,
                                           K4A_COLOR_RESOLUTION_720P, &a),
              K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_calibration_get_from_raw(json_.data(), json_.size() + 1, K4A_DEPTH_MODE_NFOV_UNBINNED,
                                           K4A_COLOR_RESOLUTION_720P, &b),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(memcmp(&a, &b, sizeof a), 0);
}

} // namespace
