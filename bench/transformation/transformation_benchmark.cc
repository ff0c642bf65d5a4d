// Calibration/transformation jobs, openk4a next to the peers a user would pick for the same job
// and a memory floor, in one binary (run with -c opt from the top of the checkout; the real
// NFOV depth frame and calibration come from ../shared/testdata):
//   PointCloud/*     NFOV unbinned 640x576 real frame -> XYZ
//     openk4a        k4a_transformation_depth_image_to_point_cloud (lens model, all cores)
//     openk4a_level  the same at a narrower vector level (AVX2, portable) than the CPU's widest
//     OpenCvRays     rays from cv::undistortPoints computed once, then per frame the multiply
//                    (what a user who wants the lens model does with OpenCV)
//     OpenCvDepthTo3d cv::rgbd::depthTo3d (pinhole only: ignores the lens distortion)
//     Open3D         open3d::geometry::PointCloud::CreateFromDepthImage (pinhole only)
//     MemcpyFloor    memcpy of the output's 640*576*6 bytes
//   DepthToColor/*   the frame rendered into the 720p and 2160p colour camera
//     openk4a        k4a_transformation_depth_image_to_color_camera
//     OpenCvRegisterDepth  cv::rgbd::registerDepth (lens model of the colour camera, z-buffer)
//     MemcpyFloor    memcpy of the output
//   ColorToDepth/*   a 720p BGRA image sampled into the depth camera
//     openk4a        k4a_transformation_color_image_to_depth_camera
//     OpenCvRemap    cached rays x depth -> cv::projectPoints -> cv::remap (bilinear)
//     MemcpyFloor    memcpy of the output's 640*576*4 bytes
//
// Every benchmark reports wall time and, as its CPU time, the whole process's (every thread:
// openk4a's pool, OpenCV's): the work ratio stays measurable on a loaded machine, where the
// wall time of a thread pool mostly measures the scheduler.
#include <k4a/k4a.h>

#include <cstring>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/rgbd.hpp>

#ifdef OPENK4A_BENCH_OPEN3D
#include <open3d/camera/PinholeCameraIntrinsic.h>
#include <open3d/geometry/Image.h>
#include <open3d/geometry/PointCloud.h>
#endif

#include "core/transformation/simd.h"
#include "tests/testing/testdata.h"

namespace
{

struct Fixture
{
    bool ok = false;
    std::string why;
    std::vector<char> json;
    std::vector<uint16_t> depth; // 640x576
};

const Fixture &Data()
{
    static Fixture f = []
    {
        Fixture out;
        auto json = openk4a::testing::ReadTestdata("recordings/azure_kinect_pyk4a_calibration.json");
        auto frame = openk4a::testing::ReadTestdata("frames/azure_kinect_nfov_640x576.depth16le");
        if (!json || !frame || frame->size() != 640 * 576 * 2)
        {
            out.why = "shared testdata absent (../shared/testdata or $OPENK4A_TESTDATA)";
            return out;
        }
        out.json.assign(json->begin(), json->end());
        out.depth.resize(640 * 576);
        std::memcpy(out.depth.data(), frame->data(), frame->size());
        out.ok = true;
        return out;
    }();
    return f;
}

k4a_calibration_t Calibration(k4a_color_resolution_t color)
{
    std::vector<char> json = Data().json;
    k4a_calibration_t cal{};
    k4a_calibration_get_from_raw(json.data(), json.size(), K4A_DEPTH_MODE_NFOV_UNBINNED, color, &cal);
    return cal;
}

cv::Matx33d K(const k4a_calibration_camera_t &c)
{
    const auto &p = c.intrinsics.parameters.param;
    return {p.fx, 0, p.cx, 0, p.fy, p.cy, 0, 0, 1};
}
std::vector<double> Dist(const k4a_calibration_camera_t &c)
{
    const auto &p = c.intrinsics.parameters.param;
    return {p.k1, p.k2, p.p1, p.p2, p.k3, p.k4, p.k5, p.k6};
}

k4a_image_t DepthImage()
{
    k4a_image_t image = nullptr;
    k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, &image);
    std::memcpy(k4a_image_get_buffer(image), Data().depth.data(), 640 * 576 * 2);
    return image;
}

// Rays of every depth pixel (z = 1), by OpenCV, computed once.
void Rays(const k4a_calibration_t &cal, cv::Mat *xt, cv::Mat *yt)
{
    std::vector<cv::Point2f> pixels, rays;
    for (int y = 0; y < 576; y++)
        for (int x = 0; x < 640; x++)
            pixels.emplace_back(float(x), float(y));
    cv::undistortPoints(pixels, rays, K(cal.depth_camera_calibration), Dist(cal.depth_camera_calibration),
                        cv::noArray(), cv::noArray(),
                        cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 20, 1e-10));
    xt->create(576, 640, CV_32F);
    yt->create(576, 640, CV_32F);
    for (int i = 0; i < 640 * 576; i++)
    {
        xt->at<float>(i / 640, i % 640) = rays[i].x;
        yt->at<float>(i / 640, i % 640) = rays[i].y;
    }
}

#define REQUIRE_DATA(state)                                                                                            \
    if (!Data().ok)                                                                                                    \
    {                                                                                                                  \
        (state).SkipWithError(Data().why.c_str());                                                                     \
        return;                                                                                                        \
    }

// level: the vector loops to run (core/transformation/simd.h), or the widest (a new handle's).
void PointCloud(benchmark::State &state, const ok4a_simd_t *level)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    if (level != nullptr && !ok4a_transformation_use_simd(t, *level))
    {
        state.SkipWithError("this CPU cannot run that level");
        k4a_transformation_destroy(t);
        return;
    }
    k4a_image_t depth = DepthImage(), xyz = nullptr;
    k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM, 640, 576, 640 * 6, &xyz);
    // the steady state: the first call computes the ray table's rows (as the peers' rays are
    // computed before their loops)
    k4a_transformation_depth_image_to_point_cloud(t, depth, K4A_CALIBRATION_TYPE_DEPTH, xyz);
    for (auto _ : state)
    {
        if (k4a_transformation_depth_image_to_point_cloud(t, depth, K4A_CALIBRATION_TYPE_DEPTH, xyz) !=
            K4A_RESULT_SUCCEEDED)
        {
            state.SkipWithError("the call failed");
            break;
        }
        benchmark::DoNotOptimize(k4a_image_get_buffer(xyz));
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 640 * 576 * 6);
    k4a_image_release(xyz);
    k4a_image_release(depth);
    k4a_transformation_destroy(t);
}
void PointCloud_openk4a(benchmark::State &state)
{
    PointCloud(state, nullptr);
}
BENCHMARK(PointCloud_openk4a)->MeasureProcessCPUTime()->UseRealTime();

// The narrower levels, for CPUs without AVX-512 (a new handle takes the widest).
void PointCloud_openk4a_level(benchmark::State &state, ok4a_simd_t level)
{
    PointCloud(state, &level);
}
BENCHMARK_CAPTURE(PointCloud_openk4a_level, avx2, OK4A_SIMD_AVX2)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_CAPTURE(PointCloud_openk4a_level, portable, OK4A_SIMD_PORTABLE)->MeasureProcessCPUTime()->UseRealTime();

void PointCloud_OpenCvRays(benchmark::State &state)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(K4A_COLOR_RESOLUTION_720P);
    cv::Mat xt, yt, depth(576, 640, CV_16U, const_cast<uint16_t *>(Data().depth.data())), d, x, y;
    Rays(cal, &xt, &yt);
    std::vector<cv::Mat> channels(3);
    cv::Mat xyz;
    for (auto _ : state)
    {
        depth.convertTo(d, CV_32F);
        cv::multiply(xt, d, channels[0]);
        cv::multiply(yt, d, channels[1]);
        channels[2] = d;
        cv::merge(channels, xyz);
        benchmark::DoNotOptimize(xyz.data);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 640 * 576 * 6);
}
BENCHMARK(PointCloud_OpenCvRays)->MeasureProcessCPUTime()->UseRealTime();

void PointCloud_OpenCvDepthTo3d(benchmark::State &state)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(K4A_COLOR_RESOLUTION_720P);
    cv::Mat depth(576, 640, CV_16U, const_cast<uint16_t *>(Data().depth.data())), points;
    cv::Mat k = cv::Mat(K(cal.depth_camera_calibration));
    for (auto _ : state)
    {
        cv::rgbd::depthTo3d(depth, k, points);
        benchmark::DoNotOptimize(points.data);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 640 * 576 * 6);
}
BENCHMARK(PointCloud_OpenCvDepthTo3d)->MeasureProcessCPUTime()->UseRealTime();

#ifdef OPENK4A_BENCH_OPEN3D
void PointCloud_Open3D(benchmark::State &state)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(K4A_COLOR_RESOLUTION_720P);
    const auto &p = cal.depth_camera_calibration.intrinsics.parameters.param;
    open3d::camera::PinholeCameraIntrinsic intrinsic(640, 576, p.fx, p.fy, p.cx, p.cy);
    open3d::geometry::Image depth;
    depth.Prepare(640, 576, 1, 2);
    std::memcpy(depth.data_.data(), Data().depth.data(), 640 * 576 * 2);
    for (auto _ : state)
    {
        auto cloud = open3d::geometry::PointCloud::CreateFromDepthImage(depth, intrinsic, Eigen::Matrix4d::Identity(),
                                                                        1000.0, 100.0);
        benchmark::DoNotOptimize(cloud->points_.data());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 640 * 576 * 6);
}
BENCHMARK(PointCloud_Open3D)->MeasureProcessCPUTime()->UseRealTime();
#endif

void MemcpyFloor(benchmark::State &state, size_t bytes)
{
    std::vector<uint8_t> from(bytes, 1), to(bytes);
    for (auto _ : state)
    {
        std::memcpy(to.data(), from.data(), bytes);
        benchmark::DoNotOptimize(to.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes));
}
BENCHMARK_CAPTURE(MemcpyFloor, PointCloud_MemcpyFloor, size_t(640 * 576 * 6))->MeasureProcessCPUTime()->UseRealTime();

void DepthToColor_openk4a(benchmark::State &state, k4a_color_resolution_t resolution)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(resolution);
    const int w = cal.color_camera_calibration.resolution_width, h = cal.color_camera_calibration.resolution_height;
    k4a_transformation_t t = k4a_transformation_create(&cal);
    k4a_image_t depth = DepthImage(), out = nullptr;
    k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, w, h, 0, &out);
    k4a_transformation_depth_image_to_color_camera(t, depth, out); // the steady state (see PointCloud_openk4a)
    for (auto _ : state)
    {
        if (k4a_transformation_depth_image_to_color_camera(t, depth, out) != K4A_RESULT_SUCCEEDED)
        {
            state.SkipWithError("the call failed");
            break;
        }
        benchmark::DoNotOptimize(k4a_image_get_buffer(out));
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * w * h * 2);
    k4a_image_release(out);
    k4a_image_release(depth);
    k4a_transformation_destroy(t);
}
BENCHMARK_CAPTURE(DepthToColor_openk4a, 720p, K4A_COLOR_RESOLUTION_720P)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_CAPTURE(DepthToColor_openk4a, 2160p, K4A_COLOR_RESOLUTION_2160P)->MeasureProcessCPUTime()->UseRealTime();

void DepthToColor_OpenCvRegisterDepth(benchmark::State &state, k4a_color_resolution_t resolution)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(resolution);
    const int w = cal.color_camera_calibration.resolution_width, h = cal.color_camera_calibration.resolution_height;
    const auto &e = cal.extrinsics[K4A_CALIBRATION_TYPE_DEPTH][K4A_CALIBRATION_TYPE_COLOR];
    cv::Matx44f Rt(e.rotation[0], e.rotation[1], e.rotation[2], e.translation[0] / 1000.f, e.rotation[3], e.rotation[4],
                   e.rotation[5], e.translation[1] / 1000.f, e.rotation[6], e.rotation[7], e.rotation[8],
                   e.translation[2] / 1000.f, 0, 0, 0, 1);
    cv::Mat depth(576, 640, CV_16U, const_cast<uint16_t *>(Data().depth.data())), out;
    std::vector<double> dist = Dist(cal.color_camera_calibration);
    dist.resize(5); // registerDepth takes k1, k2, p1, p2, k3
    for (auto _ : state)
    {
        cv::rgbd::registerDepth(cv::Mat(cv::Matx33f(K(cal.depth_camera_calibration))),
                                cv::Mat(cv::Matx33f(K(cal.color_camera_calibration))), dist, cv::Mat(Rt), depth,
                                cv::Size(w, h), out, false);
        benchmark::DoNotOptimize(out.data);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * w * h * 2);
}
BENCHMARK_CAPTURE(DepthToColor_OpenCvRegisterDepth, 720p, K4A_COLOR_RESOLUTION_720P)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(DepthToColor_OpenCvRegisterDepth, 2160p, K4A_COLOR_RESOLUTION_2160P)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(MemcpyFloor, DepthToColor_720p_MemcpyFloor, size_t(1280 * 720 * 2))
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(MemcpyFloor, DepthToColor_2160p_MemcpyFloor, size_t(3840 * 2160 * 2))
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void ColorToDepth_openk4a(benchmark::State &state)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(K4A_COLOR_RESOLUTION_720P);
    k4a_transformation_t t = k4a_transformation_create(&cal);
    k4a_image_t depth = DepthImage(), color = nullptr, out = nullptr;
    k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 0, &color);
    std::memset(k4a_image_get_buffer(color), 0x7f, k4a_image_get_size(color));
    k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 640, 576, 0, &out);
    k4a_transformation_color_image_to_depth_camera(t, depth, color, out); // the steady state (see PointCloud_openk4a)
    for (auto _ : state)
    {
        if (k4a_transformation_color_image_to_depth_camera(t, depth, color, out) != K4A_RESULT_SUCCEEDED)
        {
            state.SkipWithError("the call failed");
            break;
        }
        benchmark::DoNotOptimize(k4a_image_get_buffer(out));
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 640 * 576 * 4);
    k4a_image_release(out);
    k4a_image_release(color);
    k4a_image_release(depth);
    k4a_transformation_destroy(t);
}
BENCHMARK(ColorToDepth_openk4a)->MeasureProcessCPUTime()->UseRealTime();

void ColorToDepth_OpenCvRemap(benchmark::State &state)
{
    REQUIRE_DATA(state);
    k4a_calibration_t cal = Calibration(K4A_COLOR_RESOLUTION_720P);
    cv::Mat xt, yt;
    Rays(cal, &xt, &yt);
    const auto &e = cal.extrinsics[K4A_CALIBRATION_TYPE_DEPTH][K4A_CALIBRATION_TYPE_COLOR];
    cv::Matx33d R(e.rotation[0], e.rotation[1], e.rotation[2], e.rotation[3], e.rotation[4], e.rotation[5],
                  e.rotation[6], e.rotation[7], e.rotation[8]);
    cv::Vec3d rvec, tvec(e.translation[0], e.translation[1], e.translation[2]);
    cv::Rodrigues(R, rvec);
    cv::Mat color(720, 1280, CV_8UC4, cv::Scalar(127, 127, 127, 127)), out, map;
    cv::Mat depth(576, 640, CV_16U, const_cast<uint16_t *>(Data().depth.data())), d;
    std::vector<cv::Mat> channels(3);
    cv::Mat points, projected;
    for (auto _ : state)
    {
        depth.convertTo(d, CV_32F);
        cv::multiply(xt, d, channels[0]);
        cv::multiply(yt, d, channels[1]);
        channels[2] = d;
        cv::merge(channels, points);
        cv::projectPoints(points.reshape(3, 640 * 576), rvec, tvec, K(cal.color_camera_calibration),
                          Dist(cal.color_camera_calibration), projected);
        map = projected.reshape(2, 576);
        cv::remap(color, out, map, cv::noArray(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
        benchmark::DoNotOptimize(out.data);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * 640 * 576 * 4);
}
BENCHMARK(ColorToDepth_OpenCvRemap)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_CAPTURE(MemcpyFloor, ColorToDepth_MemcpyFloor, size_t(640 * 576 * 4))->MeasureProcessCPUTime()->UseRealTime();

} // namespace

BENCHMARK_MAIN();
