/* k4a_calibration_color_2d_to_depth_2d: which depth pixel a colour pixel sees.
 *
 * The colour pixel's ray, between 50 mm and 14 m (the SDK's range), is a segment of the epipolar
 * line in an undistorted (pinhole) view of the depth camera. Each pixel step along it is mapped
 * into the real depth image, its measured depth reprojected into the colour image, and the depth
 * pixel whose reprojection lands closest to the colour pixel wins (within 10 pixels). The walk is
 * clipped to a window around the depth image, so hostile calibrations cannot make it unbounded. */
#include <float.h>
#include <math.h>

#include <k4a/k4a.h>

#include "core/calibration/calibration.h"
#include "core/calibration/lens.h"
#include "core/log.h"

/* Pinhole field of view (degrees) of each depth mode's undistorted view, as the SDK uses. */
static void pinhole_fov(k4a_depth_mode_t mode, float fov[2])
{
    bool narrow = mode == K4A_DEPTH_MODE_NFOV_2X2BINNED || mode == K4A_DEPTH_MODE_NFOV_UNBINNED;
    fov[0] = narrow ? 75.f : 120.f;
    fov[1] = narrow ? 65.f : 120.f;
}

/* Clips the segment a + t (b - a), t in [0, 1], to the box [lo, hi]; false when nothing is left. */
static bool clip_segment(float a[2], float b[2], const float lo[2], const float hi[2])
{
    float t0 = 0.f, t1 = 1.f;
    for (int i = 0; i < 2; i++)
    {
        float d = b[i] - a[i];
        if (!isfinite(a[i]) || !isfinite(b[i]))
        {
            return false;
        }
        if (d == 0.f)
        {
            if (a[i] < lo[i] || a[i] > hi[i])
            {
                return false;
            }
            continue;
        }
        float ta = (lo[i] - a[i]) / d, tb = (hi[i] - a[i]) / d;
        if (ta > tb)
        {
            float swap = ta;
            ta = tb;
            tb = swap;
        }
        t0 = ta > t0 ? ta : t0;
        t1 = tb < t1 ? tb : t1;
    }
    if (t0 > t1)
    {
        return false;
    }
    float a0[2] = {a[0], a[1]};
    for (int i = 0; i < 2; i++)
    {
        float d = b[i] - a0[i];
        a[i] = a0[i] + t0 * d;
        b[i] = a0[i] + t1 * d;
    }
    return true;
}

k4a_result_t k4a_calibration_color_2d_to_depth_2d(const k4a_calibration_t *calibration,
                                                  const k4a_float2_t *source_point2d, const k4a_image_t depth_image,
                                                  k4a_float2_t *target_point2d, int *valid)
{
    if (calibration == NULL || source_point2d == NULL || target_point2d == NULL || valid == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration, source, target or valid is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    const k4a_calibration_camera_t *depth = ok4a_calibration_camera(calibration, K4A_CALIBRATION_TYPE_DEPTH, __func__);
    const k4a_calibration_camera_t *color = ok4a_calibration_camera(calibration, K4A_CALIBRATION_TYPE_COLOR, __func__);
    if (depth == NULL || color == NULL)
    {
        return K4A_RESULT_FAILED;
    }
    const int width = depth->resolution_width, height = depth->resolution_height;
    if (k4a_image_get_format(depth_image) != K4A_IMAGE_FORMAT_DEPTH16 ||
        k4a_image_get_width_pixels(depth_image) != width || k4a_image_get_height_pixels(depth_image) != height ||
        k4a_image_get_stride_bytes(depth_image) < width * 2)
    {
        OK4A_LOG_ERROR("%s: depth_image must be DEPTH16 %dx%d (the calibration's depth mode)", __func__, width, height);
        return K4A_RESULT_FAILED;
    }
    const uint8_t *pixels = k4a_image_get_buffer(depth_image);
    const size_t stride = (size_t)k4a_image_get_stride_bytes(depth_image);

    float fov[2];
    pinhole_fov(calibration->depth_mode, fov);
    const float pi = 3.14159265f;
    const float pfx = 0.5f / tanf(0.5f * fov[0] * pi / 180.f) * (float)width;
    const float pfy = 0.5f / tanf(0.5f * fov[1] * pi / 180.f) * (float)height;
    const float ppx = (float)width / 2.f, ppy = (float)height / 2.f;

    const k4a_calibration_extrinsics_t *color_to_depth =
        &calibration->extrinsics[K4A_CALIBRATION_TYPE_COLOR][K4A_CALIBRATION_TYPE_DEPTH];
    const k4a_calibration_extrinsics_t *depth_to_color =
        &calibration->extrinsics[K4A_CALIBRATION_TYPE_DEPTH][K4A_CALIBRATION_TYPE_COLOR];
    float ends[2][2];
    const float range_mm[2] = {50.f, 14000.f};
    *valid = 1;
    for (int i = 0; i < 2; i++)
    {
        float in_color[3], in_depth[3];
        int ok;
        ok4a_lens_unproject_3d(color, source_point2d->v, range_mm[i], in_color, &ok);
        ok4a_extrinsics_apply(color_to_depth, in_color, in_depth);
        if (!ok || !(in_depth[2] > 0.f))
        {
            *valid = 0;
            return K4A_RESULT_SUCCEEDED;
        }
        ends[i][0] = in_depth[0] / in_depth[2] * pfx + ppx;
        ends[i][1] = in_depth[1] / in_depth[2] * pfy + ppy;
    }
    const float lo[2] = {-(float)width, -(float)height}, hi[2] = {2.f * (float)width, 2.f * (float)height};
    if (!clip_segment(ends[0], ends[1], lo, hi))
    {
        *valid = 0;
        return K4A_RESULT_SUCCEEDED;
    }
    const float dx = ends[1][0] - ends[0][0], dy = ends[1][1] - ends[0][1];
    const float length = fabsf(dx) > fabsf(dy) ? fabsf(dx) : fabsf(dy);
    const int steps = (int)length; /* at most 3 * (width + height) after clipping */
    const float sx = steps > 0 ? dx / length : 0.f, sy = steps > 0 ? dy / length : 0.f;

    float best_error = FLT_MAX;
    for (int s = 0; s <= steps; s++)
    {
        const float ray[3] = {(ends[0][0] + sx * (float)s - ppx) / pfx, (ends[0][1] + sy * (float)s - ppy) / pfy, 1.f};
        float depth_uv[2];
        int ok;
        ok4a_lens_project_3d(depth, ray, depth_uv, &ok);
        if (!ok ||
            !(depth_uv[0] >= 0.f && depth_uv[0] < (float)width && depth_uv[1] >= 0.f && depth_uv[1] < (float)height))
        {
            continue;
        }
        int u = (int)floorf(depth_uv[0] + 0.5f), v = (int)floorf(depth_uv[1] + 0.5f);
        u = u < width ? u : width - 1;
        v = v < height ? v : height - 1;
        const uint8_t *at = pixels + (size_t)v * stride + (size_t)u * 2;
        const uint16_t d = (uint16_t)(at[0] | (at[1] << 8));
        float point[3], in_color[3], color_uv[2];
        ok4a_lens_unproject_3d(depth, depth_uv, (float)d, point, &ok);
        if (!ok)
        {
            continue;
        }
        ok4a_extrinsics_apply(depth_to_color, point, in_color);
        ok4a_lens_project_3d(color, in_color, color_uv, &ok);
        if (!ok || !(color_uv[0] >= 0.f && color_uv[0] < (float)color->resolution_width && color_uv[1] >= 0.f &&
                     color_uv[1] < (float)color->resolution_height))
        {
            continue;
        }
        const float error = hypotf(color_uv[0] - source_point2d->xy.x, color_uv[1] - source_point2d->xy.y);
        if (error < best_error)
        {
            best_error = error;
            target_point2d->xy.x = depth_uv[0];
            target_point2d->xy.y = depth_uv[1];
        }
    }
    if (!(best_error <= 10.f))
    {
        *valid = 0;
    }
    return K4A_RESULT_SUCCEEDED;
}
