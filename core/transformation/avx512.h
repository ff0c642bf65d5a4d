/* The point cloud's AVX-512 (F + BW) build: 16 pixels a step, chosen at run time (simd.h) on
 * CPUs that have it, giving the portable loop's bits. Without it the AVX2 loop runs. */
#ifndef OPENK4A_CORE_TRANSFORMATION_AVX512_H_
#define OPENK4A_CORE_TRANSFORMATION_AVX512_H_

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Whether this build, the CPU and its OS (the zmm state saved) can run the loop below. */
    bool ok4a_avx512_available(void);

    /* pixels (a multiple of 16) of a point cloud row, as ok4a_cloud_row_avx2 (avx2.h). */
    void ok4a_cloud_row_avx512(const uint8_t *depth, const float *x, const float *y, uint8_t *xyz, int pixels);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_TRANSFORMATION_AVX512_H_ */
