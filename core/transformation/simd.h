/* Which vector build of the per-pixel loops a transformation runs. Each level gives the portable
 * loops' bits (checked by //tests/transformation:simd_test); a new transformation takes the
 * widest level this build and CPU can run. */
#ifndef OPENK4A_CORE_TRANSFORMATION_SIMD_H_
#define OPENK4A_CORE_TRANSFORMATION_SIMD_H_

#include <stdbool.h>

#include <k4a/k4a.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        OK4A_SIMD_PORTABLE = 0, /* lens_vector.h's 4-lane vector extensions, any CPU */
        OK4A_SIMD_AVX2,         /* avx2.h: 8 lanes */
        OK4A_SIMD_AVX512,       /* avx512.h where it has a loop (the point cloud), AVX2 elsewhere */
    } ok4a_simd_t;

    /* Whether this build and CPU (and its OS, which must save the wider registers) can run level. */
    bool ok4a_simd_available(ok4a_simd_t level);

    /* The widest available level. */
    ok4a_simd_t ok4a_simd_best(void);

    /* Makes the transformation run level's loops; false (nothing changed) when level is not
     * available. For tests and benchmarks that compare the levels. */
    bool ok4a_transformation_use_simd(k4a_transformation_t transformation_handle, ok4a_simd_t level);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_TRANSFORMATION_SIMD_H_ */
