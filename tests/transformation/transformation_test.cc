// k4a_transformation_* checked independently: point clouds against OpenCV's undistortPoints per
// pixel (on the real depth frame), depth rendered into the colour camera against OpenCV's
// projection of the same 3D points, colour sampled into the depth camera against OpenCV's
// projection of a colour ramp, and the image rules.
#include <k4a/k4a.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>

#include "tests/log_capture.h"
#include "tests/testing/image_leaks.h"
#include "tests/testing/testdata.h"

namespace
{

struct Image
{
    k4a_image_t handle = nullptr;
    Image(k4a_image_format_t format, int w, int h, int stride)
    {
        EXPECT_EQ(k4a_image_create(format, w, h, stride, &handle), K4A_RESULT_SUCCEEDED);
    }
    ~Image()
    {
        k4a_image_release(handle);
    }
    template <typename T>
    T *at(int x, int y, int channels = 1)
    {
        return reinterpret_cast<T *>(k4a_image_get_buffer(handle) + size_t(y) * k4a_image_get_stride_bytes(handle)) +
               size_t(x) * channels;
    }
};

void OpenCvModel(const k4a_calibration_camera_t &cam, cv::Matx33d *K, std::vector<double> *dist)
{
    const auto &p = cam.intrinsics.parameters.param;
    *K = cv::Matx33d(p.fx, 0, p.cx, 0, p.fy, p.cy, 0, 0, 1);
    *dist = {p.k1, p.k2, p.p1, p.p2, p.k3, p.k4, p.k5, p.k6};
}

class TransformationTest : public openk4a::testing::NoImageLeaks
{
protected:
    void SetUp() override
    {
        cv::setNumThreads(0);
        auto bytes = openk4a::testing::ReadTestdata("recordings/azure_kinect_pyk4a_calibration.json");
        if (!bytes)
            GTEST_SKIP() << "shared testdata absent";
        json_.assign(bytes->begin(), bytes->end());
    }
    k4a_calibration_t Get(k4a_depth_mode_t d, k4a_color_resolution_t c)
    {
        k4a_calibration_t cal;
        EXPECT_EQ(k4a_calibration_get_from_raw(json_.data(), json_.size(), d, c, &cal), K4A_RESULT_SUCCEEDED);
        return cal;
    }
    std::string json_;
};

TEST_F(TransformationTest, PointCloudOfTheRealFrameMatchesOpenCvUndistortPoints)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(frame, "frames/azure_kinect_nfov_640x576.depth16le");
    ASSERT_EQ(frame.size(), 640u * 576u * 2u);
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    ASSERT_NE(t, nullptr);
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0), xyz(K4A_IMAGE_FORMAT_CUSTOM, 640, 576, 640 * 6);
    for (int y = 0; y < 576; y++)
        std::memcpy(depth.at<uint8_t>(0, y), frame.data() + size_t(y) * 1280, 1280);
    ASSERT_EQ(k4a_transformation_depth_image_to_point_cloud(t, depth.handle, K4A_CALIBRATION_TYPE_DEPTH, xyz.handle),
              K4A_RESULT_SUCCEEDED);

    cv::Matx33d K;
    std::vector<double> dist;
    OpenCvModel(cal.depth_camera_calibration, &K, &dist);
    std::vector<cv::Point2d> pixels, rays;
    for (int y = 0; y < 576; y++)
        for (int x = 0; x < 640; x++)
            pixels.emplace_back(x, y);
    cv::undistortPoints(pixels, rays, K, dist, cv::noArray(), cv::noArray(),
                        cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 100, 1e-14));
    int compared = 0, with_depth = 0;
    for (int y = 0; y < 576; y++)
    {
        for (int x = 0; x < 640; x++)
        {
            const uint16_t d = *depth.at<uint16_t>(x, y);
            const int16_t *p = xyz.at<int16_t>(x, y, 3);
            if (d == 0)
            {
                EXPECT_TRUE(p[0] == 0 && p[1] == 0 && p[2] == 0) << x << "," << y;
                continue;
            }
            with_depth++;
            const cv::Point2d ray = rays[size_t(y) * 640 + x];
            if (std::hypot(ray.x, ray.y) > cal.depth_camera_calibration.metric_radius)
                continue;
            EXPECT_EQ(p[2], d);
            EXPECT_NEAR(p[0], ray.x * d, 1.0) << x << "," << y;
            EXPECT_NEAR(p[1], ray.y * d, 1.0) << x << "," << y;
            compared++;
        }
    }
    EXPECT_GT(with_depth, 100000);
    EXPECT_GT(compared, with_depth * 9 / 10);
    k4a_transformation_destroy(t);
}

// A tilted wall in front of the depth camera: z = 1500 + 0.3 x (mm).
uint16_t Wall(int x)
{
    return uint16_t(1500 + x * 0.3);
}

// Brute force, independently of the library: depth pixels on a grid (margin
// and step in pixels) with the wall's depth, to 3D by OpenCV's undistortPoints,
// into the colour camera by the blob's extrinsics as a matrix, and projected by
// OpenCV's projectPoints.
struct WallInColour
{
    std::vector<cv::Point2d> pixels;    // depth pixels
    std::vector<cv::Point3d> in_color;  // their points in the colour camera
    std::vector<cv::Point2d> projected; // those points' colour pixels
};

WallInColour ProjectWallIntoColour(const k4a_calibration_t &cal, int margin, int step)
{
    cv::Matx33d Kd, Kc;
    std::vector<double> dd, dc;
    OpenCvModel(cal.depth_camera_calibration, &Kd, &dd);
    OpenCvModel(cal.color_camera_calibration, &Kc, &dc);
    const auto &c = cal.color_camera_calibration.extrinsics; // world (depth) -> colour
    cv::Matx33d R(c.rotation[0], c.rotation[1], c.rotation[2], c.rotation[3], c.rotation[4], c.rotation[5],
                  c.rotation[6], c.rotation[7], c.rotation[8]);
    cv::Vec3d tr(c.translation[0], c.translation[1], c.translation[2]);
    WallInColour w;
    std::vector<cv::Point2d> rays;
    for (int y = margin; y < 576 - margin; y += step)
        for (int x = margin; x < 640 - margin; x += step)
            w.pixels.emplace_back(x, y);
    cv::undistortPoints(w.pixels, rays, Kd, dd, cv::noArray(), cv::noArray(),
                        cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 100, 1e-14));
    for (size_t i = 0; i < w.pixels.size(); i++)
    {
        const double z = Wall(int(w.pixels[i].x));
        w.in_color.push_back(cv::Point3d(R * cv::Vec3d(rays[i].x * z, rays[i].y * z, z) + tr));
    }
    cv::projectPoints(w.in_color, cv::Vec3d(), cv::Vec3d(), Kc, dc, w.projected);
    return w;
}

// A handle computes a ray table row when a call first meets depth in it: a handle that saw a
// sparse frame first (rows without depth) then the whole frame gives the bytes of a handle that
// only saw the whole frame, and the sparse frame's rows without depth are zero.
TEST_F(TransformationTest, RowsFirstSeenWithoutDepthGetTheirRaysLater)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(frame, "frames/azure_kinect_nfov_640x576.depth16le");
    ASSERT_EQ(frame.size(), 640u * 576u * 2u);
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t sparse_first = k4a_transformation_create(&cal), whole_only = k4a_transformation_create(&cal);
    ASSERT_NE(sparse_first, nullptr);
    ASSERT_NE(whole_only, nullptr);
    Image sparse(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0), whole(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0);
    for (int y = 0; y < 576; y++)
    {
        std::memcpy(whole.at<uint8_t>(0, y), frame.data() + size_t(y) * 1280, 1280);
        if (y >= 300 && y < 332)
            std::memcpy(sparse.at<uint8_t>(0, y), frame.data() + size_t(y) * 1280, 1280);
        else
            std::memset(sparse.at<uint8_t>(0, y), 0, 1280);
    }
    auto bytes = [](const Image &image)
    {
        const uint8_t *p = k4a_image_get_buffer(image.handle);
        return std::vector<uint8_t>(p, p + k4a_image_get_size(image.handle));
    };
    Image xyz(K4A_IMAGE_FORMAT_CUSTOM, 640, 576, 640 * 6), in_color(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0);
    ASSERT_EQ(k4a_transformation_depth_image_to_point_cloud(sparse_first, sparse.handle, K4A_CALIBRATION_TYPE_DEPTH,
                                                            xyz.handle),
              K4A_RESULT_SUCCEEDED);
    size_t nonzero_outside = 0, nonzero_inside = 0;
    for (int y = 0; y < 576; y++)
        for (int x = 0; x < 640 * 3; x++)
            (y >= 300 && y < 332 ? nonzero_inside : nonzero_outside) += *xyz.at<int16_t>(x, y) != 0;
    EXPECT_EQ(nonzero_outside, 0u);
    EXPECT_GT(nonzero_inside, 640u * 32u);
    ASSERT_EQ(k4a_transformation_depth_image_to_color_camera(sparse_first, sparse.handle, in_color.handle),
              K4A_RESULT_SUCCEEDED);

    // now the whole frame, in both handles: the same bytes
    std::vector<std::vector<uint8_t>> outputs[2];
    k4a_transformation_t handles[2] = {sparse_first, whole_only};
    for (int h = 0; h < 2; h++)
    {
        Image color(K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 0), color_out(K4A_IMAGE_FORMAT_COLOR_BGRA32, 640, 576, 0);
        std::memset(k4a_image_get_buffer(color.handle), 0x7f, k4a_image_get_size(color.handle));
        ASSERT_EQ(k4a_transformation_depth_image_to_point_cloud(handles[h], whole.handle, K4A_CALIBRATION_TYPE_DEPTH,
                                                                xyz.handle),
                  K4A_RESULT_SUCCEEDED);
        outputs[h].push_back(bytes(xyz));
        ASSERT_EQ(k4a_transformation_depth_image_to_color_camera(handles[h], whole.handle, in_color.handle),
                  K4A_RESULT_SUCCEEDED);
        outputs[h].push_back(bytes(in_color));
        ASSERT_EQ(
            k4a_transformation_color_image_to_depth_camera(handles[h], whole.handle, color.handle, color_out.handle),
            K4A_RESULT_SUCCEEDED);
        outputs[h].push_back(bytes(color_out));
    }
    for (size_t i = 0; i < outputs[0].size(); i++)
        EXPECT_TRUE(outputs[0][i] == outputs[1][i]) << "output " << i;
    k4a_transformation_destroy(sparse_first);
    k4a_transformation_destroy(whole_only);
}

TEST_F(TransformationTest, DepthInTheColourCameraIsWhereOpenCvProjectsIt)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    ASSERT_NE(t, nullptr);
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0), out(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0);
    for (int y = 0; y < 576; y++)
        for (int x = 0; x < 640; x++)
            *depth.at<uint16_t>(x, y) = Wall(x);
    ASSERT_EQ(k4a_transformation_depth_image_to_color_camera(t, depth.handle, out.handle), K4A_RESULT_SUCCEEDED);

    // Where OpenCV projects each depth pixel, the output must hold that point's z.
    const auto &e = cal.depth_camera_calibration.extrinsics; // depth is the world: identity
    ASSERT_FLOAT_EQ(e.rotation[0], 1.f);
    const WallInColour wall = ProjectWallIntoColour(cal, 20, 7);
    const std::vector<cv::Point2d> &projected = wall.projected;
    const std::vector<cv::Point3d> &in_color = wall.in_color;
    int checked = 0;
    for (size_t i = 0; i < projected.size(); i++)
    {
        const int u = int(std::lround(projected[i].x)), v = int(std::lround(projected[i].y));
        if (u < 1 || v < 1 || u >= 1279 || v >= 719)
            continue;
        const uint16_t got = *out.at<uint16_t>(u, v);
        EXPECT_NEAR(got, in_color[i].z, 3.0) << "colour pixel " << u << "," << v;
        checked++;
    }
    EXPECT_GT(checked, 3000);
    // Outside the area the depth camera sees, nothing.
    EXPECT_EQ(*out.at<uint16_t>(0, 0), 0);
    k4a_transformation_destroy(t);
}

// A depth-only call draws most blocks four at a time (depth_to_color.c's blocks4); a call with a
// custom image draws every block on its own (the custom values depend on the drawing order). The
// real frame, with a row of hostile depths, must give the same depth image both ways.
TEST_F(TransformationTest, DepthOnlyAndCustomCallsDrawTheSameDepth)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(frame, "frames/azure_kinect_nfov_640x576.depth16le");
    ASSERT_EQ(frame.size(), 640u * 576u * 2u);
    for (k4a_color_resolution_t resolution : {K4A_COLOR_RESOLUTION_720P, K4A_COLOR_RESOLUTION_1080P})
    {
        k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, resolution);
        const int w = cal.color_camera_calibration.resolution_width, h = cal.color_camera_calibration.resolution_height;
        k4a_transformation_t t = k4a_transformation_create(&cal);
        ASSERT_NE(t, nullptr);
        Image depth(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0), custom(K4A_IMAGE_FORMAT_CUSTOM8, 640, 576, 0);
        std::memcpy(k4a_image_get_buffer(depth.handle), frame.data(), frame.size());
        for (int x = 0; x < 640; x++)
            *depth.at<uint16_t>(x, 300) = uint16_t(x % 3 == 0 ? 0 : x % 3 == 1 ? 1 : 65535);
        std::memset(k4a_image_get_buffer(custom.handle), 7, 640 * 576);
        Image alone(K4A_IMAGE_FORMAT_DEPTH16, w, h, 0), with_custom(K4A_IMAGE_FORMAT_DEPTH16, w, h, 0),
            custom_out(K4A_IMAGE_FORMAT_CUSTOM8, w, h, 0);
        ASSERT_EQ(k4a_transformation_depth_image_to_color_camera(t, depth.handle, alone.handle), K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(k4a_transformation_depth_image_to_color_camera_custom(
                      t, depth.handle, custom.handle, with_custom.handle, custom_out.handle,
                      K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST, 0),
                  K4A_RESULT_SUCCEEDED);
        size_t drawn = 0, differing = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                drawn += *alone.at<uint16_t>(x, y) != 0;
                differing += *alone.at<uint16_t>(x, y) != *with_custom.at<uint16_t>(x, y);
            }
        EXPECT_GT(drawn, size_t(w) * h / 4) << w << "x" << h;
        EXPECT_EQ(differing, 0u) << w << "x" << h;
        k4a_transformation_destroy(t);
    }
}

TEST_F(TransformationTest, TheNearerSurfaceWinsAndCustomValuesFollowIt)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    ASSERT_NE(t, nullptr);
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 0), custom(K4A_IMAGE_FORMAT_CUSTOM8, 320, 288, 0);
    Image out(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0), custom_out(K4A_IMAGE_FORMAT_CUSTOM8, 1280, 720, 0);
    // background 3000 mm (custom 10), a near square at 800 mm (custom 200), a hole with no depth
    for (int y = 0; y < 288; y++)
    {
        for (int x = 0; x < 320; x++)
        {
            const bool near = x >= 140 && x < 180 && y >= 124 && y < 164;
            const bool hole = x >= 20 && x < 40 && y >= 20 && y < 40;
            *depth.at<uint16_t>(x, y) = hole ? 0 : near ? 800 : 3000;
            *custom.at<uint8_t>(x, y) = near ? 200 : 10;
        }
    }
    for (auto interpolation :
         {K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST, K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR})
    {
        ASSERT_EQ(k4a_transformation_depth_image_to_color_camera_custom(t, depth.handle, custom.handle, out.handle,
                                                                        custom_out.handle, interpolation, 255),
                  K4A_RESULT_SUCCEEDED);
        k4a_float2_t centre = {{160, 144}}, in_color;
        int valid = 0;
        ASSERT_EQ(k4a_calibration_2d_to_2d(&cal, &centre, 800.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR,
                                           &in_color, &valid),
                  K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(valid, 1);
        const int u = int(std::lround(in_color.xy.x)), v = int(std::lround(in_color.xy.y));
        EXPECT_NEAR(*out.at<uint16_t>(u, v), 800, 40); // z in the colour camera, near 800
        EXPECT_EQ(*custom_out.at<uint8_t>(u, v), 200);
        // and a background pixel far from the square's edges keeps the background's value
        k4a_float2_t far = {{260, 60}};
        ASSERT_EQ(k4a_calibration_2d_to_2d(&cal, &far, 3000.f, K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR,
                                           &in_color, &valid),
                  K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(valid, 1);
        EXPECT_EQ(*custom_out.at<uint8_t>(int(std::lround(in_color.xy.x)), int(std::lround(in_color.xy.y))), 10);
        int zero = 0, nonzero = 0;
        for (int y = 0; y < 720; y++)
        {
            for (int x = 0; x < 1280; x++)
            {
                const uint16_t d = *out.at<uint16_t>(x, y);
                const uint8_t cv = *custom_out.at<uint8_t>(x, y);
                if (d == 0)
                {
                    EXPECT_EQ(cv, 255) << x << "," << y; // invalid_custom_value where no depth lands
                    zero++;
                }
                else if (interpolation == K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST)
                {
                    EXPECT_TRUE(cv == 10 || cv == 200) << int(cv); // always one of the vertices' values
                    nonzero++;
                }
                else
                {
                    EXPECT_TRUE(cv >= 10 && cv <= 200) << int(cv);
                    nonzero++;
                }
            }
        }
        EXPECT_GT(nonzero, 200000);
        EXPECT_GT(zero, 1000); // the hole and the margins
    }
    k4a_transformation_destroy(t);
}

TEST_F(TransformationTest, ColourSampledIntoTheDepthCameraIsWhereOpenCvProjects)
{
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    ASSERT_NE(t, nullptr);
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0), color(K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 0);
    Image out(K4A_IMAGE_FORMAT_COLOR_BGRA32, 640, 576, 0);
    for (int y = 0; y < 576; y++)
        for (int x = 0; x < 640; x++)
            *depth.at<uint16_t>(x, y) = (x == 5 && y == 5) ? 0 : Wall(x);
    for (int y = 0; y < 720; y++)
    {
        for (int x = 0; x < 1280; x++)
        {
            uint8_t *p = color.at<uint8_t>(x, y, 4);
            p[0] = uint8_t(x * 255 / 1279); // horizontal ramp
            p[1] = uint8_t(y * 255 / 719);  // vertical ramp
            p[2] = 128;
            p[3] = 255;
        }
    }
    ASSERT_EQ(k4a_transformation_color_image_to_depth_camera(t, depth.handle, color.handle, out.handle),
              K4A_RESULT_SUCCEEDED);
    const WallInColour wall = ProjectWallIntoColour(cal, 10, 11);
    const std::vector<cv::Point2d> &pixels = wall.pixels;
    const std::vector<cv::Point2d> &projected = wall.projected;
    int inside = 0;
    for (size_t i = 0; i < pixels.size(); i++)
    {
        const uint8_t *p = out.at<uint8_t>(int(pixels[i].x), int(pixels[i].y), 4);
        const cv::Point2d q = projected[i];
        const bool on_border = std::abs(q.x) < 0.05 || std::abs(q.y) < 0.05 || std::abs(q.x - 1279) < 0.05 ||
                               std::abs(q.y - 719) < 0.05; // float vs double may disagree there
        if (on_border)
            continue;
        if (q.x < 0 || q.y < 0 || q.x >= 1279 || q.y >= 719)
        {
            EXPECT_TRUE(p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) << pixels[i];
            continue;
        }
        EXPECT_NEAR(p[0], q.x * 255 / 1279, 1.5) << pixels[i];
        EXPECT_NEAR(p[1], q.y * 255 / 719, 1.5) << pixels[i];
        EXPECT_EQ(p[2], 128);
        EXPECT_EQ(p[3], 255);
        inside++;
    }
    EXPECT_GT(inside, 1000);
    const uint8_t *hole = out.at<uint8_t>(5, 5, 4);
    EXPECT_TRUE(hole[0] == 0 && hole[1] == 0 && hole[2] == 0 && hole[3] == 0);
    k4a_transformation_destroy(t);
}

TEST_F(TransformationTest, CallerImagesAreCheckedAndTheRuleIsLogged)
{
    openk4a::testing::LogCapture log(K4A_LOG_LEVEL_ERROR);
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    ASSERT_NE(t, nullptr);
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 0), ir(K4A_IMAGE_FORMAT_IR16, 320, 288, 0);
    Image small(K4A_IMAGE_FORMAT_DEPTH16, 640, 360, 0), right(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0);
    Image xyz_narrow(K4A_IMAGE_FORMAT_CUSTOM, 320, 288, 320 * 4);
    std::memset(k4a_image_get_buffer(depth.handle), 0, k4a_image_get_size(depth.handle));
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(t, ir.handle, right.handle), K4A_RESULT_FAILED);
    EXPECT_TRUE(
        log.Contains({"depth_image must be a K4A_IMAGE_FORMAT_DEPTH16 image of 320x288", "K4A_IMAGE_FORMAT_IR16"}));
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(t, depth.handle, small.handle), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"transformed_depth_image must be", "1280x720", "640x360"}));
    EXPECT_EQ(
        k4a_transformation_depth_image_to_point_cloud(t, depth.handle, K4A_CALIBRATION_TYPE_DEPTH, xyz_narrow.handle),
        K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"xyz_image", "stride of at least 1920 bytes", "stride 1280"}));
    EXPECT_EQ(
        k4a_transformation_depth_image_to_point_cloud(t, depth.handle, K4A_CALIBRATION_TYPE_GYRO, xyz_narrow.handle),
        K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(t, nullptr, right.handle), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(nullptr, depth.handle, right.handle), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera_custom(t, depth.handle, depth.handle, right.handle,
                                                                    right.handle,
                                                                    K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR, 0),
              K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"custom_image must be CUSTOM8 or CUSTOM16"}));
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(t, depth.handle, right.handle), K4A_RESULT_SUCCEEDED);
    k4a_transformation_destroy(t);
    k4a_transformation_destroy(nullptr);

    // A depth-only calibration: depth->colour is refused, the depth point cloud works.
    k4a_calibration_t depth_only = Get(K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_OFF);
    t = k4a_transformation_create(&depth_only);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(k4a_transformation_depth_image_to_color_camera(t, depth.handle, right.handle), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"needs both cameras"}));
    Image xyz(K4A_IMAGE_FORMAT_CUSTOM, 320, 288, 320 * 6);
    EXPECT_EQ(k4a_transformation_depth_image_to_point_cloud(t, depth.handle, K4A_CALIBRATION_TYPE_DEPTH, xyz.handle),
              K4A_RESULT_SUCCEEDED);
    k4a_transformation_destroy(t);
}

TEST_F(TransformationTest, HostileCalibrationsAreRefusedOrBounded)
{
    openk4a::testing::LogCapture log(K4A_LOG_LEVEL_ERROR);
    k4a_calibration_t cal = Get(K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_COLOR_RESOLUTION_720P);
    k4a_calibration_t bad = cal;
    bad.depth_camera_calibration.intrinsics.parameters.param.fx = 0.f;
    EXPECT_EQ(k4a_transformation_create(&bad), nullptr);
    EXPECT_TRUE(log.Contains({"focal length is not positive"}));
    bad = cal;
    bad.color_camera_calibration.intrinsics.parameters.param.k1 = NAN;
    EXPECT_EQ(k4a_transformation_create(&bad), nullptr);
    bad = cal;
    bad.depth_camera_calibration.resolution_width = 1 << 30;
    EXPECT_EQ(k4a_transformation_create(&bad), nullptr);
    EXPECT_TRUE(log.Contains({"its mode's images are 320x288"}));
    bad = cal;
    bad.depth_mode = k4a_depth_mode_t(77);
    EXPECT_EQ(k4a_transformation_create(&bad), nullptr);
    EXPECT_TRUE(log.Contains({"the calibration's depth mode is not a k4a mode"}));
    // A huge colour focal length stretches every block over the image: bounded, and refused.
    bad = cal;
    bad.color_camera_calibration.intrinsics.parameters.param.fx = 1e7f;
    bad.color_camera_calibration.intrinsics.parameters.param.fy = 1e7f;
    k4a_transformation_t t = k4a_transformation_create(&bad);
    ASSERT_NE(t, nullptr);
    Image depth(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 0), out(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0);
    for (int y = 0; y < 288; y++)
        for (int x = 0; x < 320; x++)
            *depth.at<uint16_t>(x, y) = 1000;
    (void)k4a_transformation_depth_image_to_color_camera(t, depth.handle, out.handle); // returns, either way
    k4a_transformation_destroy(t);
}

} // namespace
