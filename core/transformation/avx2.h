/* The per-pixel loops' AVX2 build: 8 pixels a step instead of the portable 4 (lens_vector.h's
 * vector extensions), chosen at run time for CPUs that have AVX2, giving the same bits as the
 * portable loops (no fused multiply-add; the same operations in the same order). Elsewhere
 * (other CPUs, other architectures) the portable loops run. */
#ifndef OPENK4A_CORE_TRANSFORMATION_AVX2_H_
#define OPENK4A_CORE_TRANSFORMATION_AVX2_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4a.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Whether this build and CPU can run the AVX2 loops. */
    bool ok4a_avx2_available(void);

    /* pixels (a multiple of 8) of a point cloud row: depths (DEPTH16) and rays in, XYZ int16 out
     * (see transformation.c's cloud4, whose results these are). */
    void ok4a_cloud_row_avx2(const uint8_t *depth, const float *x, const float *y, uint8_t *xyz, int pixels);

    /* pixels (a multiple of 8) of a correspondence row (see correspond_lanes.h), from depth
     * pixel first on; extent[0] and [1] lowered and raised to the finite colour rows seen. */
    void ok4a_correspond_row_avx2(const k4a_calibration_t *calibration, const uint8_t *depth, const float *x,
                                  const float *y, float *u, float *v, float *z, int32_t *valid, int pixels,
                                  float extent[2]);

    /* pixels (a multiple of 8) of a row of a colour image sampled into the depth camera at the
     * correspondences u, v, valid (see transformation.c's sample_rows, whose results these are);
     * the BGRA image is width x height with rows of stride bytes, its offsets within int32. */
    void ok4a_sample_row_avx2(const uint8_t *color, size_t stride, int width, int height, const float *u,
                              const float *v, const int32_t *valid, uint8_t *bgra, int pixels);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_TRANSFORMATION_AVX2_H_ */
