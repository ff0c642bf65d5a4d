/* The vector levels of simd.h and what this build and CPU can run. */
#include "core/transformation/simd.h"

#include "core/transformation/avx2.h"
#include "core/transformation/avx512.h"

bool ok4a_simd_available(ok4a_simd_t level)
{
    switch (level)
    {
    case OK4A_SIMD_PORTABLE:
        return true;
    case OK4A_SIMD_AVX2:
        return ok4a_avx2_available();
    case OK4A_SIMD_AVX512:
        return ok4a_avx2_available() && ok4a_avx512_available();
    }
    return false;
}

ok4a_simd_t ok4a_simd_best(void)
{
    return ok4a_simd_available(OK4A_SIMD_AVX512) ? OK4A_SIMD_AVX512 :
           ok4a_simd_available(OK4A_SIMD_AVX2)   ? OK4A_SIMD_AVX2 :
                                                   OK4A_SIMD_PORTABLE;
}
