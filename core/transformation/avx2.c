/* The AVX2 loops of avx2.h. Only these functions carry the AVX2 target attribute, so the rest of
 * the library runs on any x86-64 CPU; they are called only after ok4a_avx2_available(). */
#include "core/transformation/avx2.h"

#include <string.h>

#include "core/calibration/lens_vector.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define OK4A_TARGET_AVX2 __attribute__((target("avx2")))

typedef float ok4a_f8 __attribute__((vector_size(32)));
typedef int32_t ok4a_i8 __attribute__((vector_size(32)));
typedef uint16_t ok4a_h8 __attribute__((vector_size(16)));

#define OK4A_LANES_F ok4a_f8
#define OK4A_LANES_I ok4a_i8
#define OK4A_LANES_H ok4a_h8
#define OK4A_LANES(name) ok4a_##name##8
#define OK4A_LANES_TARGET OK4A_TARGET_AVX2
#include "core/calibration/lens_vector_lanes.h"
#include "core/transformation/correspond_lanes.h"

bool ok4a_avx2_available(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

/* floor(v + 0.5) as int32 (the SDK's rounding): the portable round_i16 before its saturation. */
static inline OK4A_TARGET_AVX2 __m256i round_half_up(__m256 v)
{
    return _mm256_cvtps_epi32(
        _mm256_round_ps(_mm256_add_ps(v, _mm256_set1_ps(0.5f)), _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC));
}

/* pshufb pattern picking 16-bit word w of a 128-bit lane into word slot k (-1: zero), the same
 * in both lanes. */
#define W(w) (char)((w) < 0 ? -1 : 2 * (w)), (char)((w) < 0 ? -1 : 2 * (w) + 1)
#define LANES(a, b, c, d, e, f, g, h) W(a), W(b), W(c), W(d), W(e), W(f), W(g), W(h)
#define PATTERN(a, b, c, d, e, f, g, h)                                                                                \
    _mm256_setr_epi8(LANES(a, b, c, d, e, f, g, h), LANES(a, b, c, d, e, f, g, h))

OK4A_TARGET_AVX2 void ok4a_cloud_row_avx2(const uint8_t *depth, const float *x, const float *y, uint8_t *xyz,
                                          int pixels)
{
    /* Per 128-bit lane, four pixels: xy = x0..x3 y0..y3 and zz = z0..z3 (twice) as int16 make
     * 24 bytes x0 y0 z0 x1 y1 z1 x2 y2 | z2 x3 y3 z3, as 16 bytes (first) and 8 (second). */
    const __m256i first_xy = PATTERN(0, 4, -1, 1, 5, -1, 2, 6), first_z = PATTERN(-1, -1, 0, -1, -1, 1, -1, -1);
    const __m256i second_xy = PATTERN(-1, 3, 7, -1, -1, -1, -1, -1), second_z = PATTERN(2, -1, -1, 3, -1, -1, -1, -1);
    for (int u = 0; u < pixels; u += 8)
    {
        const __m256i d32 = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(const void *)(depth + 2 * u)));
        const __m256 rx = _mm256_loadu_ps(x + u);
        const __m256 ray = _mm256_cmp_ps(rx, rx, _CMP_ORD_Q); /* x is NaN outside the lens model */
        const __m256 d = _mm256_and_ps(_mm256_cvtepi32_ps(d32), ray);
        /* (0, 0, 0) without a ray; |ray| <= 1000 keeps x, y within int32 before saturation */
        const __m256i px = round_half_up(_mm256_mul_ps(_mm256_and_ps(rx, ray), d));
        const __m256i py = round_half_up(_mm256_mul_ps(_mm256_loadu_ps(y + u), d));
        const __m256i pz = _mm256_and_si256(d32, _mm256_castps_si256(ray));
        const __m256i xy = _mm256_packs_epi32(px, py); /* saturated to int16, as round_i16 */
        const __m256i zz = _mm256_packs_epi32(pz, pz);
        const __m256i first = _mm256_or_si256(_mm256_shuffle_epi8(xy, first_xy), _mm256_shuffle_epi8(zz, first_z));
        const __m256i second = _mm256_or_si256(_mm256_shuffle_epi8(xy, second_xy), _mm256_shuffle_epi8(zz, second_z));
        uint8_t *out = xyz + 6 * (size_t)u;
        _mm_storeu_si128((__m128i *)(void *)out, _mm256_castsi256_si128(first));
        _mm_storel_epi64((__m128i *)(void *)(out + 16), _mm256_castsi256_si128(second));
        _mm_storeu_si128((__m128i *)(void *)(out + 24), _mm256_extracti128_si256(first, 1));
        _mm_storel_epi64((__m128i *)(void *)(out + 40), _mm256_extracti128_si256(second, 1));
    }
}

OK4A_TARGET_AVX2 void ok4a_correspond_row_avx2(const k4a_calibration_t *calibration, const uint8_t *depth,
                                               const float *x, const float *y, float *u, float *v, float *z,
                                               int32_t *valid, int pixels, float extent[2])
{
    const ok4a_f8 zero = {0};
    ok4a_f8 lo = zero + extent[0], hi = zero + extent[1];
    for (int i = 0; i < pixels; i += 8)
    {
        ok4a_correspond8(calibration, depth + 2 * (size_t)i, x + i, y + i, u + i, v + i, z + i, valid + i, &lo, &hi);
    }
    for (int k = 0; k < 8; k++)
    {
        extent[0] = lo[k] < extent[0] ? lo[k] : extent[0];
        extent[1] = hi[k] > extent[1] ? hi[k] : extent[1];
    }
}

#else /* not x86-64: the portable loops only */

bool ok4a_avx2_available(void)
{
    return false;
}

void ok4a_cloud_row_avx2(const uint8_t *depth, const float *x, const float *y, uint8_t *xyz, int pixels)
{
    (void)depth, (void)x, (void)y, (void)xyz, (void)pixels;
}

void ok4a_correspond_row_avx2(const k4a_calibration_t *calibration, const uint8_t *depth, const float *x,
                              const float *y, float *u, float *v, float *z, int32_t *valid, int pixels,
                              float extent[2])
{
    (void)calibration, (void)depth, (void)x, (void)y, (void)u, (void)v, (void)z, (void)valid, (void)pixels,
        (void)extent;
}

#endif
