/* The lens model and the extrinsics four points at a time, with GCC/Clang vector extensions
 * (SSE2 on x86-64, NEON on arm64, plain code elsewhere), for the per-pixel loops of
 * core/transformation. The scalar functions of lens.h are lane 0 of these, so both give the same
 * bits for the same point.
 *
 * Masks are ok4a_i4 lanes of -1 (true) or 0 (false), as vector comparisons produce them. */
#ifndef OPENK4A_CORE_CALIBRATION_LENS_VECTOR_H_
#define OPENK4A_CORE_CALIBRATION_LENS_VECTOR_H_

#include <stdint.h>
#ifdef __SSE__
#include <xmmintrin.h>
#endif

#include <k4a/k4atypes.h>

typedef float ok4a_f4 __attribute__((vector_size(16)));
typedef int32_t ok4a_i4 __attribute__((vector_size(16)));
typedef uint32_t ok4a_u4 __attribute__((vector_size(16)));

static inline ok4a_f4 ok4a_f4_splat(float v)
{
    return (ok4a_f4){v, v, v, v};
}

/* yes where mask, else no. */
static inline ok4a_f4 ok4a_f4_select(ok4a_i4 mask, ok4a_f4 yes, ok4a_f4 no)
{
    return (ok4a_f4)(((ok4a_i4)yes & mask) | ((ok4a_i4)no & ~mask));
}

/* v limited to [lo, hi]; v must not be NaN. */
static inline ok4a_f4 ok4a_f4_clamp(ok4a_f4 v, float lo, float hi)
{
#ifdef __SSE__
    return (ok4a_f4)_mm_min_ps(_mm_max_ps((__m128)v, _mm_set1_ps(lo)), _mm_set1_ps(hi));
#else
    v = ok4a_f4_select(v < lo, ok4a_f4_splat(lo), v);
    return ok4a_f4_select(v > hi, ok4a_f4_splat(hi), v);
#endif
}

/* The rational radial factor's numerator and denominator at squared radius r2. */
static inline void ok4a_lens_radial4(const struct _param *p, ok4a_f4 r2, ok4a_f4 *num, ok4a_f4 *den)
{
    const ok4a_f4 r4 = r2 * r2, r6 = r4 * r2;
    *num = 1.f + p->k1 * r2 + p->k2 * r4 + p->k3 * r6;
    *den = 1.f + p->k4 * r2 + p->k5 * r4 + p->k6 * r6;
}

/* Normalised image point (x/z, y/z) -> pixel; inside where within the metric radius. */
static inline void ok4a_lens_project4(const k4a_calibration_camera_t *camera, ok4a_f4 x_in, ok4a_f4 y_in, ok4a_f4 *u,
                                      ok4a_f4 *v, ok4a_i4 *inside)
{
    const struct _param *p = &camera->intrinsics.parameters.param;
    /* Brown-Conrady doubles the mixed tangential term; the older Rational 6KT did not. */
    const float t = camera->intrinsics.type == K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT ? 1.f : 2.f;
    const ok4a_f4 x = x_in - p->codx;
    const ok4a_f4 y = y_in - p->cody;
    const ok4a_f4 xx = x * x, yy = y * y, xy = x * y;
    const ok4a_f4 r2 = xx + yy;
    *inside = r2 <= camera->metric_radius * camera->metric_radius;
    ok4a_f4 num, den;
    ok4a_lens_radial4(p, r2, &num, &den);
    /* one division per point; a zero denominator leaves the radial factor at num */
    const ok4a_f4 inv_den = ok4a_f4_select(den != 0.f, 1.f / den, ok4a_f4_splat(1.f));
    const ok4a_f4 radial = num * inv_den;
    const ok4a_f4 xd = x * radial + (r2 + 2.f * xx) * p->p2 + t * xy * p->p1;
    const ok4a_f4 yd = y * radial + (r2 + 2.f * yy) * p->p1 + t * xy * p->p2;
    *u = (xd + p->codx) * p->fx + p->cx;
    *v = (yd + p->cody) * p->fy + p->cy;
}

/* 3D point (mm, camera coordinates) -> pixel; valid where z > 0 and inside the metric radius,
 * pixel (0, 0) where z <= 0. */
static inline void ok4a_lens_project_3d4(const k4a_calibration_camera_t *camera, ok4a_f4 x, ok4a_f4 y, ok4a_f4 z,
                                         ok4a_f4 *u, ok4a_f4 *v, ok4a_i4 *valid)
{
    const ok4a_i4 front = z > 0.f;
    ok4a_i4 inside;
    ok4a_lens_project4(camera, x / z, y / z, u, v, &inside);
    *u = ok4a_f4_select(front, *u, ok4a_f4_splat(0.f));
    *v = ok4a_f4_select(front, *v, ok4a_f4_splat(0.f));
    *valid = front & inside;
}

/* Pixels -> normalised image points, by Gauss-Newton per lane (ok4a_lens_unproject is lane 0);
 * valid where the iteration converged inside the metric radius. */
void ok4a_lens_unproject4(const k4a_calibration_camera_t *camera, ok4a_f4 u, ok4a_f4 v, ok4a_f4 *x, ok4a_f4 *y,
                          ok4a_i4 *valid);

/* (x, y, z) <- R (x, y, z) + t. */
static inline void ok4a_extrinsics_apply4(const k4a_calibration_extrinsics_t *e, ok4a_f4 *x, ok4a_f4 *y, ok4a_f4 *z)
{
    const float *R = e->rotation, *t = e->translation;
    const ok4a_f4 a = *x, b = *y, c = *z;
    *x = R[0] * a + R[1] * b + R[2] * c + t[0];
    *y = R[3] * a + R[4] * b + R[5] * c + t[1];
    *z = R[6] * a + R[7] * b + R[8] * c + t[2];
}

#endif /* OPENK4A_CORE_CALIBRATION_LENS_VECTOR_H_ */
