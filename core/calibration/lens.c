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

/* Pixels of four normalised points and the Jacobians d(uv)/d(xy) (row major, one lane each). */
static void distort4(const k4a_calibration_camera_t *camera, ok4a_f4 x_in, ok4a_f4 y_in, ok4a_f4 *u, ok4a_f4 *v,
                     ok4a_i4 *inside, ok4a_f4 J[4])
{
    ok4a_lens_project4(camera, x_in, y_in, u, v, inside);
    const struct _param *p = &camera->intrinsics.parameters.param;
    const float t = camera->intrinsics.type == K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT ? 1.f : 2.f;
    const ok4a_f4 x = x_in - p->codx;
    const ok4a_f4 y = y_in - p->cody;
    const ok4a_f4 xx = x * x, yy = y * y, xy = x * y;
    const ok4a_f4 r2 = xx + yy, r4 = r2 * r2;
    ok4a_f4 num, den;
    ok4a_lens_radial4(p, r2, &num, &den);
    const ok4a_f4 inv_den = ok4a_select4(den != 0.f, 1.f / den, ok4a_f4_splat(1.f));
    const ok4a_f4 radial = num * inv_den;
    const ok4a_f4 dnum = p->k1 + 2.f * p->k2 * r2 + 3.f * p->k3 * r4;
    const ok4a_f4 dden = p->k4 + 2.f * p->k5 * r2 + 3.f * p->k6 * r4;
    const ok4a_f4 dradial_dr2 = (dnum * den - num * dden) * inv_den * inv_den;
    /* d(radial)/dx = dradial_dr2 * 2x */
    J[0] = p->fx * (radial + 2.f * xx * dradial_dr2 + 6.f * x * p->p2 + t * y * p->p1);
    J[1] = p->fx * (2.f * xy * dradial_dr2 + 2.f * y * p->p2 + t * x * p->p1);
    J[2] = p->fy * (2.f * xy * dradial_dr2 + 2.f * x * p->p1 + t * y * p->p2);
    J[3] = p->fy * (radial + 2.f * yy * dradial_dr2 + 6.f * y * p->p1 + t * x * p->p2);
}

static bool any(ok4a_i4 mask)
{
    return (mask[0] | mask[1] | mask[2] | mask[3]) != 0;
}

void ok4a_lens_project(const k4a_calibration_camera_t *camera, const float xy[2], float uv[2], int *valid)
{
    ok4a_f4 u4, v4;
    ok4a_i4 inside;
    ok4a_lens_project4(camera, ok4a_f4_splat(xy[0]), ok4a_f4_splat(xy[1]), &u4, &v4, &inside);
    uv[0] = u4[0];
    uv[1] = v4[0];
    *valid = inside[0] != 0;
}

void ok4a_lens_unproject4(const k4a_calibration_camera_t *camera, ok4a_f4 u, ok4a_f4 v, ok4a_f4 *x_out, ok4a_f4 *y_out,
                          ok4a_i4 *valid)
{
    const struct _param *p = &camera->intrinsics.parameters.param;
    /* First guess: invert the radial part at the distorted radius, then remove the tangential
     * part to first order. */
    const ok4a_f4 xd = (u - p->cx) / p->fx - p->codx;
    const ok4a_f4 yd = (v - p->cy) / p->fy - p->cody;
    ok4a_f4 num, den;
    ok4a_lens_radial4(p, xd * xd + yd * yd, &num, &den);
    const ok4a_f4 scale = ok4a_select4(num != 0.f, den / num, den);
    ok4a_f4 x = xd * scale, y = yd * scale;
    const ok4a_f4 xx = x * x, yy = y * y, two_xy = 2.f * x * y;
    x -= (yy + 3.f * xx) * p->p2 + two_xy * p->p1;
    y -= (xx + 3.f * yy) * p->p1 + two_xy * p->p2;
    x += p->codx;
    y += p->cody;

    /* Gauss-Newton on the projection, keeping each lane's best estimate; at most 20 steps. A lane
     * stops when its error stops falling (or is NaN), is below 1e-22, the step is singular, or
     * it leaves the metric radius (then invalid, at the point that left). */
    ok4a_f4 best_x = x, best_y = y, best_err = ok4a_f4_splat(FLT_MAX);
    ok4a_i4 running = (ok4a_i4){-1, -1, -1, -1}, left = (ok4a_i4){0, 0, 0, 0};
    for (int pass = 0; pass < 20 && any(running); pass++)
    {
        ok4a_f4 pu, pv, J[4];
        ok4a_i4 inside;
        distort4(camera, x, y, &pu, &pv, &inside, J);
        const ok4a_i4 leaving = running & ~inside;
        left |= leaving;
        best_x = ok4a_select4(leaving, x, best_x);
        best_y = ok4a_select4(leaving, y, best_y);
        const ok4a_f4 ex = u - pu, ey = v - pv;
        const ok4a_f4 err = ex * ex + ey * ey;
        running &= inside & (err < best_err);
        best_err = ok4a_select4(running, err, best_err);
        best_x = ok4a_select4(running, x, best_x);
        best_y = ok4a_select4(running, y, best_y);
        const ok4a_f4 det = J[0] * J[3] - J[1] * J[2];
        running &= ~(err < 1e-22f) & (det != 0.f);
        const ok4a_f4 inv = 1.f / det;
        x = ok4a_select4(running, x + inv * (J[3] * ex - J[1] * ey), x);
        y = ok4a_select4(running, y + inv * (-J[2] * ex + J[0] * ey), y);
    }
    *x_out = best_x;
    *y_out = best_y;
    *valid = ~left & (best_err <= 1e-6f);
}

void ok4a_lens_unproject(const k4a_calibration_camera_t *camera, const float uv[2], float xy[2], int *valid)
{
    ok4a_f4 x, y;
    ok4a_i4 valid4;
    ok4a_lens_unproject4(camera, ok4a_f4_splat(uv[0]), ok4a_f4_splat(uv[1]), &x, &y, &valid4);
    xy[0] = x[0];
    xy[1] = y[0];
    *valid = valid4[0] != 0;
}

void ok4a_lens_project_3d(const k4a_calibration_camera_t *camera, const float point3d[3], float uv[2], int *valid)
{
    ok4a_f4 u4, v4;
    ok4a_i4 valid4;
    ok4a_lens_project_3d4(camera, ok4a_f4_splat(point3d[0]), ok4a_f4_splat(point3d[1]), ok4a_f4_splat(point3d[2]), &u4,
                          &v4, &valid4);
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
