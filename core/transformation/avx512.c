/* The AVX-512 point cloud loop of avx512.h. Only this function carries the AVX-512 target
 * attribute; it is called only after ok4a_avx512_available(). As in avx2.c, every multiply and
 * add is its own intrinsic, so no fused multiply-add can change the portable loop's bits. */
#include "core/transformation/avx512.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define OK4A_TARGET_AVX512 __attribute__((target("avx512f,avx512bw")))

bool ok4a_avx512_available(void)
{
    __builtin_cpu_init();
    /* both compilers' runtimes also check that the OS saves the zmm and mask registers */
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
}

/* Word k (0..47) of 16 pixels' x0 y0 z0 x1 y1 z1 ... picked from packs_epi32(x, y) (x at words
 * 8q + r, y at 8q + 4 + r for pixel 4q + r) and, 32 words on, packs_epi32(z, z). */
#define PICK(k) (short)(((k) % 3 == 2 ? 32 : 0) + 8 * ((k) / 3 / 4) + ((k) % 3 == 1 ? 4 : 0) + (k) / 3 % 4)
#define PICK8(k) PICK(k), PICK(k + 1), PICK(k + 2), PICK(k + 3), PICK(k + 4), PICK(k + 5), PICK(k + 6), PICK(k + 7)

OK4A_TARGET_AVX512 void ok4a_cloud_row_avx512(const uint8_t *depth, const float *x, const float *y, uint8_t *xyz,
                                              int pixels)
{
    /* the word indices as arrays in word order (_mm512_set_epi16 would list them high to low) */
    static const short first_words[32] = {PICK8(0), PICK8(8), PICK8(16), PICK8(24)};
    static const short second_words[32] = {PICK8(32), PICK8(40)};
    const __m512i first_pick = _mm512_loadu_si512(first_words), second_pick = _mm512_loadu_si512(second_words);
    const __m512 half = _mm512_set1_ps(0.5f);
    for (int u = 0; u < pixels; u += 16)
    {
        const __m512i d32 = _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)(const void *)(depth + 2 * u)));
        const __m512 rx = _mm512_loadu_ps(x + u);
        const __mmask16 ray = _mm512_cmp_ps_mask(rx, rx, _CMP_ORD_Q); /* x is NaN outside the lens model */
        const __m512 d = _mm512_cvtepi32_ps(d32);
        /* floor(v + 0.5) (the SDK's rounding) in the conversion itself; (0, 0, 0) without a ray:
         * x and z masked to 0, and the table's y is 0 there */
        const __m512i px = _mm512_maskz_cvt_roundps_epi32(ray, _mm512_add_ps(_mm512_mul_ps(rx, d), half),
                                                          _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
        const __m512i py = _mm512_cvt_roundps_epi32(_mm512_add_ps(_mm512_mul_ps(_mm512_loadu_ps(y + u), d), half),
                                                    _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
        const __m512i pz = _mm512_maskz_mov_epi32(ray, d32);
        const __m512i xy = _mm512_packs_epi32(px, py); /* saturated to int16, as round_i16 */
        const __m512i zz = _mm512_packs_epi32(pz, pz);
        uint8_t *out = xyz + 6 * (size_t)u;
        _mm512_storeu_si512(out, _mm512_permutex2var_epi16(xy, first_pick, zz));
        _mm256_storeu_si256((__m256i *)(void *)(out + 64),
                            _mm512_castsi512_si256(_mm512_permutex2var_epi16(xy, second_pick, zz)));
    }
}

#else /* not x86-64: the narrower loops only */

bool ok4a_avx512_available(void)
{
    return false;
}

void ok4a_cloud_row_avx512(const uint8_t *depth, const float *x, const float *y, uint8_t *xyz, int pixels)
{
    (void)depth, (void)x, (void)y, (void)xyz, (void)pixels;
}

#endif
