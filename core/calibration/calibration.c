/* k4a_calibration_*: the blob to a per-mode calibration, and points between cameras. */
#include <math.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/calibration/calibration.h"
#include "core/calibration/calibration_modes.h"
#include "core/calibration/lens.h"
#include "core/log.h"

/* R2 * inverse(R1, t1) composed: source coordinates -> world (depth) -> target. */
static void source_to_target(const k4a_calibration_extrinsics_t *world_to_source,
                             const k4a_calibration_extrinsics_t *world_to_target, k4a_calibration_extrinsics_t *out)
{
    const float *Rs = world_to_source->rotation, *ts = world_to_source->translation;
    const float *Rt = world_to_target->rotation, *tt = world_to_target->translation;
    float inv_t[3];
    for (int i = 0; i < 3; i++) /* -Rs^T ts */
    {
        inv_t[i] = -(Rs[0 * 3 + i] * ts[0] + Rs[1 * 3 + i] * ts[1] + Rs[2 * 3 + i] * ts[2]);
    }
    for (int r = 0; r < 3; r++)
    {
        for (int c = 0; c < 3; c++) /* Rt * Rs^T */
        {
            out->rotation[r * 3 + c] =
                Rt[r * 3 + 0] * Rs[c * 3 + 0] + Rt[r * 3 + 1] * Rs[c * 3 + 1] + Rt[r * 3 + 2] * Rs[c * 3 + 2];
        }
        out->translation[r] = Rt[r * 3 + 0] * inv_t[0] + Rt[r * 3 + 1] * inv_t[1] + Rt[r * 3 + 2] * inv_t[2] + tt[r];
    }
}

k4a_result_t k4a_calibration_get_from_raw(char *raw_calibration, size_t raw_calibration_size,
                                          const k4a_depth_mode_t depth_mode,
                                          const k4a_color_resolution_t color_resolution, k4a_calibration_t *calibration)
{
    if (calibration == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    char reason[160];
    ok4a_raw_calibration_t raw;
    if (ok4a_raw_calibration_parse(raw_calibration, raw_calibration_size, &raw, reason, sizeof reason) !=
        K4A_RESULT_SUCCEEDED)
    {
        OK4A_LOG_ERROR("%s: %s", __func__, reason);
        return K4A_RESULT_FAILED;
    }
    return ok4a_calibration_for_mode(&raw, depth_mode, color_resolution, calibration, __func__);
}

k4a_result_t ok4a_calibration_for_mode(const ok4a_raw_calibration_t *raw, k4a_depth_mode_t depth_mode,
                                       k4a_color_resolution_t color_resolution, k4a_calibration_t *calibration,
                                       const char *caller)
{
    char reason[160];
    k4a_calibration_t out;
    memset(&out, 0, sizeof out);
    if (depth_mode == K4A_DEPTH_MODE_OFF && color_resolution == K4A_COLOR_RESOLUTION_OFF)
    {
        OK4A_LOG_ERROR("%s: depth mode and colour resolution are both OFF", caller);
        return K4A_RESULT_FAILED;
    }
    if (depth_mode != K4A_DEPTH_MODE_OFF &&
        ok4a_depth_camera_for_mode(&raw->depth, depth_mode, &out.depth_camera_calibration, reason, sizeof reason) !=
            K4A_RESULT_SUCCEEDED)
    {
        OK4A_LOG_ERROR("%s: depth camera: %s", caller, reason);
        return K4A_RESULT_FAILED;
    }
    if (color_resolution != K4A_COLOR_RESOLUTION_OFF &&
        ok4a_color_camera_for_mode(&raw->color, color_resolution, &out.color_camera_calibration, reason,
                                   sizeof reason) != K4A_RESULT_SUCCEEDED)
    {
        OK4A_LOG_ERROR("%s: colour camera: %s", caller, reason);
        return K4A_RESULT_FAILED;
    }
    /* As in the SDK, an OFF camera contributes all-zero extrinsics to the table. */
    const k4a_calibration_extrinsics_t *world_to[K4A_CALIBRATION_TYPE_NUM] = {
        [K4A_CALIBRATION_TYPE_DEPTH] = &out.depth_camera_calibration.extrinsics,
        [K4A_CALIBRATION_TYPE_COLOR] = &out.color_camera_calibration.extrinsics,
        [K4A_CALIBRATION_TYPE_GYRO] = &raw->gyro,
        [K4A_CALIBRATION_TYPE_ACCEL] = &raw->accel,
    };
    for (int s = 0; s < K4A_CALIBRATION_TYPE_NUM; s++)
    {
        for (int t = 0; t < K4A_CALIBRATION_TYPE_NUM; t++)
        {
            source_to_target(world_to[s], world_to[t], &out.extrinsics[s][t]);
        }
    }
    out.depth_mode = depth_mode;
    out.color_resolution = color_resolution;
    *calibration = out;
    return K4A_RESULT_SUCCEEDED;
}

/* The camera `type` names, when its mode is on and its lens model usable; else logs and NULL. */
const k4a_calibration_camera_t *ok4a_calibration_camera(const k4a_calibration_t *calibration,
                                                        k4a_calibration_type_t type, const char *caller)
{
    const k4a_calibration_camera_t *camera = NULL;
    if (type == K4A_CALIBRATION_TYPE_DEPTH && calibration->depth_mode != K4A_DEPTH_MODE_OFF)
    {
        camera = &calibration->depth_camera_calibration;
    }
    else if (type == K4A_CALIBRATION_TYPE_COLOR && calibration->color_resolution != K4A_COLOR_RESOLUTION_OFF)
    {
        camera = &calibration->color_camera_calibration;
    }
    else
    {
        OK4A_LOG_ERROR("%s: camera %d is not DEPTH or COLOR, or its mode is OFF in this calibration", caller,
                       (int)type);
        return NULL;
    }
    const char *why = ok4a_lens_check(camera);
    if (why != NULL)
    {
        OK4A_LOG_ERROR("%s: %s camera: %s", caller, type == K4A_CALIBRATION_TYPE_DEPTH ? "depth" : "colour", why);
        return NULL;
    }
    return camera;
}

static bool sensor_usable(const k4a_calibration_t *calibration, k4a_calibration_type_t type, const char *caller)
{
    if ((int)type < 0 || type >= K4A_CALIBRATION_TYPE_NUM ||
        (type == K4A_CALIBRATION_TYPE_DEPTH && calibration->depth_mode == K4A_DEPTH_MODE_OFF) ||
        (type == K4A_CALIBRATION_TYPE_COLOR && calibration->color_resolution == K4A_COLOR_RESOLUTION_OFF))
    {
        OK4A_LOG_ERROR("%s: sensor %d is not DEPTH, COLOR, GYRO or ACCEL, or its mode is OFF in this calibration",
                       caller, (int)type);
        return false;
    }
    return true;
}

k4a_result_t k4a_calibration_3d_to_3d(const k4a_calibration_t *calibration, const k4a_float3_t *source_point3d_mm,
                                      const k4a_calibration_type_t source_camera,
                                      const k4a_calibration_type_t target_camera, k4a_float3_t *target_point3d_mm)
{
    if (calibration == NULL || source_point3d_mm == NULL || target_point3d_mm == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration, source or target is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    if (!sensor_usable(calibration, source_camera, __func__) || !sensor_usable(calibration, target_camera, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    k4a_float3_t in = *source_point3d_mm; /* source and target may be the same object */
    if (source_camera == target_camera)
    {
        *target_point3d_mm = in;
        return K4A_RESULT_SUCCEEDED;
    }
    ok4a_extrinsics_apply(&calibration->extrinsics[source_camera][target_camera], in.v, target_point3d_mm->v);
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_calibration_2d_to_3d(const k4a_calibration_t *calibration, const k4a_float2_t *source_point2d,
                                      const float source_depth_mm, const k4a_calibration_type_t source_camera,
                                      const k4a_calibration_type_t target_camera, k4a_float3_t *target_point3d_mm,
                                      int *valid)
{
    if (calibration == NULL || source_point2d == NULL || target_point3d_mm == NULL || valid == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration, source, target or valid is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    const k4a_calibration_camera_t *camera = ok4a_calibration_camera(calibration, source_camera, __func__);
    if (camera == NULL || !sensor_usable(calibration, target_camera, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    k4a_float3_t point;
    ok4a_lens_unproject_3d(camera, source_point2d->v, source_depth_mm, point.v, valid);
    if (source_camera != target_camera)
    {
        ok4a_extrinsics_apply(&calibration->extrinsics[source_camera][target_camera], point.v, point.v);
    }
    *target_point3d_mm = point;
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_calibration_3d_to_2d(const k4a_calibration_t *calibration, const k4a_float3_t *source_point3d_mm,
                                      const k4a_calibration_type_t source_camera,
                                      const k4a_calibration_type_t target_camera, k4a_float2_t *target_point2d,
                                      int *valid)
{
    if (calibration == NULL || source_point3d_mm == NULL || target_point2d == NULL || valid == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration, source, target or valid is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    const k4a_calibration_camera_t *camera = ok4a_calibration_camera(calibration, target_camera, __func__);
    if (camera == NULL || !sensor_usable(calibration, source_camera, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    k4a_float3_t point = *source_point3d_mm;
    if (source_camera != target_camera)
    {
        ok4a_extrinsics_apply(&calibration->extrinsics[source_camera][target_camera], source_point3d_mm->v, point.v);
    }
    ok4a_lens_project_3d(camera, point.v, target_point2d->v, valid);
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_calibration_2d_to_2d(const k4a_calibration_t *calibration, const k4a_float2_t *source_point2d,
                                      const float source_depth_mm, const k4a_calibration_type_t source_camera,
                                      const k4a_calibration_type_t target_camera, k4a_float2_t *target_point2d,
                                      int *valid)
{
    if (calibration == NULL || source_point2d == NULL || target_point2d == NULL || valid == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration, source, target or valid is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    if (source_camera == target_camera && sensor_usable(calibration, source_camera, __func__))
    {
        *target_point2d = *source_point2d;
        *valid = 1;
        return K4A_RESULT_SUCCEEDED;
    }
    k4a_float3_t point;
    int valid_3d = 0;
    if (k4a_calibration_2d_to_3d(calibration, source_point2d, source_depth_mm, source_camera, target_camera, &point,
                                 &valid_3d) != K4A_RESULT_SUCCEEDED ||
        k4a_calibration_3d_to_2d(calibration, &point, target_camera, target_camera, target_point2d, valid) !=
            K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    *valid = *valid && valid_3d;
    return K4A_RESULT_SUCCEEDED;
}
