#include "core/calibration/lens.h"

#include <float.h>
#include <math.h>

#include "core/calibration/lens_vector.h"

const char *ok4a_lens_check(const k4a_calibration_camera_t *camera)
{
    const k4a_calibration_intrinsics_t *in = &camera->intrinsics;
    if (in->type != K4A_CALIBRATION_LENS_DISTORTION_MODEL_BROWN_CONRADY &&
        in->type != K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT)
    {
        return "lens model is neither BROWN_CONRADY nor RATIONAL_6KT";
    }
    if (in->parameter_count < 14)
    {
        return "fewer than 14 lens parameters";
    }
    for (int i = 0; i < 14; i++)
    {
        if (!isfinite(in->parameters.v[i]))
        {
            return "a lens parameter is not a finite number";
        }
    }
    if (!(in->parameters.param.fx > 0.f && in->parameters.param.fy > 0.f))
    {
        return "focal length is not positive";
    }
    if (!(camera->metric_radius >= 0.f) || isinf(camera->metric_radius))
    {
        return "metric radius is not a finite number >= 0";
    }
    return NULL;
}

/* Distorted normalised point and, when J is not NULL, the Jacobian d(uv)/d(xy) (row major). */
static void distort(const k4a_calibration_camera_t *camera, const float xy[2], float uv[2], int *valid, float J[4])
{
    ok4a_f4 u4, v4;
    ok4a_i4 inside;
    ok4a_lens_project4(camera, ok4a_f4_splat(xy[0]), ok4a_f4_splat(xy[1]), &u4, &v4, &inside);
    uv[0] = u4[0];
    uv[1] = v4[0];
    *valid = inside[0] != 0;
    if (J == NULL)
    {
        return;
    }
    const struct _param *p = &camera->intrinsics.parameters.param;
    const float t = camera->intrinsics.type == K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT ? 1.f : 2.f;
    const float x = xy[0] - p->codx;
    const float y = xy[1] - p->cody;
    const float xx = x * x, yy = y * y, xy_ = x * y;
    const float r2 = xx + yy, r4 = r2 * r2;
    ok4a_f4 num4, den4;
    ok4a_lens_radial4(p, ok4a_f4_splat(r2), &num4, &den4);
    const float num = num4[0], den = den4[0];
    const float inv_den = den != 0.f ? 1.f / den : 1.f;
    const float radial = num * inv_den;
    const float dnum = p->k1 + 2.f * p->k2 * r2 + 3.f * p->k3 * r4;
    const float dden = p->k4 + 2.f * p->k5 * r2 + 3.f * p->k6 * r4;
    const float dradial_dr2 = (dnum * den - num * dden) * inv_den * inv_den;
    /* d(radial)/dx = dradial_dr2 * 2x */
    J[0] = p->fx * (radial + 2.f * xx * dradial_dr2 + 6.f * x * p->p2 + t * y * p->p1);
    J[1] = p->fx * (2.f * xy_ * dradial_dr2 + 2.f * y * p->p2 + t * x * p->p1);
    J[2] = p->fy * (2.f * xy_ * dradial_dr2 + 2.f * x * p->p1 + t * y * p->p2);
    J[3] = p->fy * (radial + 2.f * yy * dradial_dr2 + 6.f * y * p->p1 + t * x * p->p2);
}

void ok4a_lens_project(const k4a_calibration_camera_t *camera, const float xy[2], float uv[2], int *valid)
{
    distort(camera, xy, uv, valid, NULL);
}

void ok4a_lens_unproject(const k4a_calibration_camera_t *camera, const float uv[2], float xy[2], int *valid)
{
    const struct _param *p = &camera->intrinsics.parameters.param;
    /* First guess: invert the radial part at the distorted radius, then remove the tangential
     * part to first order. */
    const float xd = (uv[0] - p->cx) / p->fx - p->codx;
    const float yd = (uv[1] - p->cy) / p->fy - p->cody;
    const float r2 = xd * xd + yd * yd, r4 = r2 * r2, r6 = r4 * r2;
    const float num = 1.f + p->k1 * r2 + p->k2 * r4 + p->k3 * r6;
    const float den = 1.f + p->k4 * r2 + p->k5 * r4 + p->k6 * r6;
    const float scale = num != 0.f ? den / num : den;
    float x = xd * scale, y = yd * scale;
    const float xx = x * x, yy = y * y, two_xy = 2.f * x * y;
    x -= (yy + 3.f * xx) * p->p2 + two_xy * p->p1;
    y -= (xx + 3.f * yy) * p->p1 + two_xy * p->p2;
    x += p->codx;
    y += p->cody;

    /* Gauss-Newton on the projection, keeping the best estimate; at most 20 steps. */
    float best[2] = {x, y};
    float best_err = FLT_MAX;
    float cur[2] = {x, y};
    *valid = 1;
    for (int pass = 0; pass < 20; pass++)
    {
        float proj[2], J[4];
        int inside;
        distort(camera, cur, proj, &inside, J);
        if (!inside)
        {
            *valid = 0;
            xy[0] = cur[0];
            xy[1] = cur[1];
            return;
        }
        const float ex = uv[0] - proj[0], ey = uv[1] - proj[1];
        const float err = ex * ex + ey * ey;
        if (!(err < best_err)) /* also stops on NaN */
        {
            break;
        }
        best_err = err;
        best[0] = cur[0];
        best[1] = cur[1];
        if (err < 1e-22f)
        {
            break;
        }
        const float det = J[0] * J[3] - J[1] * J[2];
        if (det == 0.f)
        {
            break;
        }
        const float inv = 1.f / det;
        cur[0] += inv * (J[3] * ex - J[1] * ey);
        cur[1] += inv * (-J[2] * ex + J[0] * ey);
    }
    xy[0] = best[0];
    xy[1] = best[1];
    if (!(best_err <= 1e-6f))
    {
        *valid = 0;
    }
}

void ok4a_lens_project_3d(const k4a_calibration_camera_t *camera, const float point3d[3], float uv[2], int *valid)
{
    ok4a_f4 u4, v4;
    ok4a_i4 valid4;
    ok4a_lens_project_3d4(camera, ok4a_f4_splat(point3d[0]), ok4a_f4_splat(point3d[1]), ok4a_f4_splat(point3d[2]),
                          &u4, &v4, &valid4);
    uv[0] = u4[0];
    uv[1] = v4[0];
    *valid = valid4[0] != 0;
}

void ok4a_lens_unproject_3d(const k4a_calibration_camera_t *camera, const float uv[2], float depth, float point3d[3],
                            int *valid)
{
    if (depth == 0.f)
    {
        point3d[0] = point3d[1] = point3d[2] = 0.f;
        *valid = 0;
        return;
    }
    float xy[2];
    ok4a_lens_unproject(camera, uv, xy, valid);
    point3d[0] = xy[0] * depth;
    point3d[1] = xy[1] * depth;
    point3d[2] = depth;
}

void ok4a_extrinsics_apply(const k4a_calibration_extrinsics_t *e, const float x[3], float y[3])
{
    ok4a_f4 a = ok4a_f4_splat(x[0]), b = ok4a_f4_splat(x[1]), c = ok4a_f4_splat(x[2]);
    ok4a_extrinsics_apply4(e, &a, &b, &c);
    y[0] = a[0];
    y[1] = b[0];
    y[2] = c[0];
}
