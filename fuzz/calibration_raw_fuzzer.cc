// k4a_calibration_get_from_raw and the IMU calibration parser on arbitrary bytes (seeds:
// calibration blobs with the Azure Kinect schema). Whatever the input: no crash, no leak, no hang;
// a success is a usable calibration whose image sizes are the k4a modes' and whose lens models
// project a point, or IMU intrinsics that correct the most extreme samples to finite values.
#include <k4a/k4a.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/calibration/calibration_raw.h"
#include "core/calibration/imu_correction.h"
#include "fuzz/harness.h"

namespace
{

struct Mode
{
    k4a_depth_mode_t depth;
    k4a_color_resolution_t color;
    int depth_w, color_w;
};

void Check(const uint8_t *data, size_t size, const Mode &m)
{
    // An exact-size copy without a terminating NUL: a read past the end is caught.
    std::vector<char> json(data, data + size);
    k4a_calibration_t cal;
    if (k4a_calibration_get_from_raw(json.data(), json.size(), m.depth, m.color, &cal) != K4A_RESULT_SUCCEEDED)
        return;
    CHECK(cal.depth_mode == m.depth && cal.color_resolution == m.color);
    CHECK(cal.depth_camera_calibration.resolution_width == m.depth_w);
    CHECK(cal.color_camera_calibration.resolution_width == m.color_w);
    for (k4a_calibration_type_t type : {K4A_CALIBRATION_TYPE_DEPTH, K4A_CALIBRATION_TYPE_COLOR})
    {
        const k4a_calibration_camera_t &cam =
            type == K4A_CALIBRATION_TYPE_DEPTH ? cal.depth_camera_calibration : cal.color_camera_calibration;
        if (cam.resolution_width == 0)
            continue;
        CHECK(cam.intrinsics.parameters.param.fx > 0.f && std::isfinite(cam.intrinsics.parameters.param.fx));
        k4a_float2_t centre = {{cam.intrinsics.parameters.param.cx, cam.intrinsics.parameters.param.cy}}, back;
        k4a_float3_t p;
        int valid = -1;
        CHECK(k4a_calibration_2d_to_3d(&cal, &centre, 1000.f, type, type, &p, &valid) == K4A_RESULT_SUCCEEDED);
        CHECK(valid == 0 || valid == 1);
        if (valid)
        {
            CHECK(k4a_calibration_3d_to_2d(&cal, &p, type, type, &back, &valid) == K4A_RESULT_SUCCEEDED);
            CHECK(valid == 0 || valid == 1);
        }
    }
}

// The largest magnitudes a sample can have: int16 readings at the largest uint16 sensitivity, and
// the temperature range of an int16 reading (value / 256 + 15).
void CheckImu(const uint8_t *data, size_t size)
{
    std::vector<char> json(data, data + size);
    ok4a_imu_intrinsics_t gyro, accel;
    char why[256];
    if (ok4a_raw_calibration_parse_imu(json.data(), json.size(), &gyro, &accel, why, sizeof why) !=
        K4A_RESULT_SUCCEEDED)
    {
        CHECK(why[0] != '\0');
        return;
    }
    CHECK(gyro.model_type_mask != 0 && accel.model_type_mask != 0);
    ok4a_imu_correction_t correction;
    ok4a_imu_correction_init(&correction, &gyro, &accel);
    for (float temperature : {-113.f, 15.f, 143.f})
    {
        for (float value : {-2.2e4f, 2.2e4f})
        {
            k4a_imu_sample_t s{};
            s.temperature = temperature;
            s.gyro_sample = {{value, -value, value}};
            s.acc_sample = {{value, value, -value}};
            ok4a_imu_correction_apply(&correction, &s);
            for (int i = 0; i < 3; i++)
                CHECK(std::isfinite(s.gyro_sample.v[i]) && std::isfinite(s.acc_sample.v[i]));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Check(data, size, {K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P, 640, 1280});
    Check(data, size, {K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_COLOR_RESOLUTION_OFF, 512, 0});
    Check(data, size, {K4A_DEPTH_MODE_OFF, K4A_COLOR_RESOLUTION_3072P, 0, 4096});
    CheckImu(data, size);
    return 0;
}
