/* The AVX2 loops of avx2.h. Only these functions carry the AVX2 target attribute, so the rest of
 * the library runs on any x86-64 CPU; they are called only after ok4a_avx2_available(). The
 * target is AVX2 without FMA on purpose: a fused multiply-add rounds once where the portable
 * loops round twice, and these loops must give the portable loops' bits. */
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
#define PATTERN(a, b, c, d, e, f, g, h) _mm256_setr_epi8(LANES(a, b, c, d, e, f, g, h), LANES(a, b, c, d, e, f, g, h))

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
        /* (0, 0, 0) without a ray: x masked to 0 and the table's y is 0 there, so d needs no mask;
         * |ray| <= 1000 keeps x, y within int32 before saturation */
        const __m256 d = _mm256_cvtepi32_ps(d32);
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

/* Channel k (0..3) of eight BGRA pixels as floats. */
static inline OK4A_TARGET_AVX2 __m256 channel(__m256i bgra, int k)
{
    return _mm256_cvtepi32_ps(
        _mm256_and_si256(_mm256_srlv_epi32(bgra, _mm256_set1_epi32(8 * k)), _mm256_set1_epi32(0xff)));
}

OK4A_TARGET_AVX2 void ok4a_sample_row_avx2(const uint8_t *color, size_t stride, int width, int height, const float *u,
                                           const float *v, const int32_t *valid, uint8_t *bgra_out, int pixels)
{
    const __m256 zero = _mm256_setzero_ps(), one = _mm256_set1_ps(1.f);
    const __m256 last_u = _mm256_set1_ps((float)(width - 1)), last_v = _mm256_set1_ps((float)(height - 1));
    const __m256i row = _mm256_set1_epi32((int)stride);
    for (int i = 0; i < pixels; i += 8)
    {
        __m256 cu = _mm256_loadu_ps(u + i), cv = _mm256_loadu_ps(v + i);
        /* the 2x2 neighbourhood must be inside (as sample_rows; NaN compares false) */
        const __m256i has =
            _mm256_cmpgt_epi32(_mm256_loadu_si256((const __m256i *)(const void *)(valid + i)), _mm256_setzero_si256());
        const __m256 inside =
            _mm256_and_ps(_mm256_and_ps(_mm256_cmp_ps(cu, zero, _CMP_GE_OQ), _mm256_cmp_ps(cv, zero, _CMP_GE_OQ)),
                          _mm256_and_ps(_mm256_cmp_ps(cu, last_u, _CMP_LT_OQ), _mm256_cmp_ps(cv, last_v, _CMP_LT_OQ)));
        const __m256i use = _mm256_and_si256(has, _mm256_castps_si256(inside));
        /* lanes not drawn read pixel (0, 0)'s neighbourhood instead */
        cu = _mm256_and_ps(cu, _mm256_castsi256_ps(use));
        cv = _mm256_and_ps(cv, _mm256_castsi256_ps(use));
        const __m256i x0 = _mm256_cvttps_epi32(cu), y0 = _mm256_cvttps_epi32(cv); /* floor, as u, v >= 0 */
        const __m256 fx = _mm256_sub_ps(cu, _mm256_cvtepi32_ps(x0)), fy = _mm256_sub_ps(cv, _mm256_cvtepi32_ps(y0));
        const __m256 gx = _mm256_sub_ps(one, fx), gy = _mm256_sub_ps(one, fy);
        const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(y0, row), _mm256_slli_epi32(x0, 2));
        const int *base = (const int *)(const void *)color;
        const __m256i p00 = _mm256_i32gather_epi32(base, at, 1);
        const __m256i p01 = _mm256_i32gather_epi32(base, _mm256_add_epi32(at, _mm256_set1_epi32(4)), 1);
        const __m256i p10 = _mm256_i32gather_epi32(base, _mm256_add_epi32(at, row), 1);
        const __m256i p11 =
            _mm256_i32gather_epi32(base, _mm256_add_epi32(_mm256_add_epi32(at, row), _mm256_set1_epi32(4)), 1);
        __m256i bgra = _mm256_setzero_si256();
        for (int k = 0; k < 4; k++)
        {
            /* the portable bilinear's operations, channel by channel */
            const __m256 top = _mm256_add_ps(_mm256_mul_ps(gx, channel(p00, k)), _mm256_mul_ps(fx, channel(p01, k)));
            const __m256 bottom = _mm256_add_ps(_mm256_mul_ps(gx, channel(p10, k)), _mm256_mul_ps(fx, channel(p11, k)));
            const __m256 value =
                _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(gy, top), _mm256_mul_ps(fy, bottom)), _mm256_set1_ps(0.5f));
            bgra = _mm256_or_si256(bgra, _mm256_slli_epi32(_mm256_cvttps_epi32(value), 8 * k));
        }
        /* (0,0,0,0) means "no colour here": a drawn black pixel becomes (1,0,0,0) */
        bgra = _mm256_or_si256(
            bgra, _mm256_and_si256(_mm256_cmpeq_epi32(bgra, _mm256_setzero_si256()), _mm256_set1_epi32(1)));
        _mm256_storeu_si256((__m256i *)(void *)(bgra_out + 4 * (size_t)i), _mm256_and_si256(bgra, use));
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
                              const float *y, float *u, float *v, float *z, int32_t *valid, int pixels, float extent[2])
{
    (void)calibration, (void)depth, (void)x, (void)y, (void)u, (void)v, (void)z, (void)valid, (void)pixels,
        (void)extent;
}

void ok4a_sample_row_avx2(const uint8_t *color, size_t stride, int width, int height, const float *u, const float *v,
                          const int32_t *valid, uint8_t *bgra, int pixels)
{
    (void)color, (void)stride, (void)width, (void)height, (void)u, (void)v, (void)valid, (void)bgra, (void)pixels;
}

#endif
