/* The lens model and the extrinsics four points at a time, with GCC/Clang vector extensions
 * (SSE2 on x86-64, NEON on arm64, plain code elsewhere), for the per-pixel loops of
 * core/transformation (lens_vector_lanes.h holds the arithmetic, the same at every width). The
 * scalar functions of lens.h are lane 0 of these, so both give the same bits for the same point.
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

#define OK4A_LANES_F ok4a_f4
#define OK4A_LANES_I ok4a_i4
#define OK4A_LANES(name) ok4a_##name##4
#define OK4A_LANES_TARGET
#include "core/calibration/lens_vector_lanes.h"
#undef OK4A_LANES_TARGET
#undef OK4A_LANES
#undef OK4A_LANES_I
#undef OK4A_LANES_F

/* v limited to [lo, hi]; v must not be NaN. */
static inline ok4a_f4 ok4a_f4_clamp(ok4a_f4 v, float lo, float hi)
{
#ifdef __SSE__
    return (ok4a_f4)_mm_min_ps(_mm_max_ps((__m128)v, _mm_set1_ps(lo)), _mm_set1_ps(hi));
#else
    v = ok4a_select4(v < lo, ok4a_f4_splat(lo), v);
    return ok4a_select4(v > hi, ok4a_f4_splat(hi), v);
#endif
}

/* Pixels -> normalised image points, by Gauss-Newton per lane (ok4a_lens_unproject is lane 0);
 * valid where the iteration converged inside the metric radius. */
void ok4a_lens_unproject4(const k4a_calibration_camera_t *camera, ok4a_f4 u, ok4a_f4 v, ok4a_f4 *x, ok4a_f4 *y,
                          ok4a_i4 *valid);

#endif /* OPENK4A_CORE_CALIBRATION_LENS_VECTOR_H_ */
