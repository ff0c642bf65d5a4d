// k4a_calibration_get_from_raw on arbitrary bytes (seeds: calibration blobs with the Azure Kinect
// schema). Whatever the input: no crash, no leak, no hang; a success is a usable calibration whose
// image sizes are the k4a modes' and whose lens models project a point.
#include <k4a/k4a.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Check(data, size, {K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P, 640, 1280});
    Check(data, size, {K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_COLOR_RESOLUTION_OFF, 512, 0});
    Check(data, size, {K4A_DEPTH_MODE_OFF, K4A_COLOR_RESOLUTION_3072P, 0, 4096});
    return 0;
}
