#include "core/color/yuv_convert.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* BT.601 limited range, coefficients in 2.13 fixed point (they fit int16, so
 * the SIMD path can use pmaddwd; rounding error stays far below 1 level):
 *   R = 1.164383 (Y - 16)                     + 1.596027 (V - 128)
 *   G = 1.164383 (Y - 16) - 0.391762 (U - 128) - 0.812968 (V - 128)
 *   B = 1.164383 (Y - 16) + 2.017232 (U - 128)
 * Scalar and SIMD paths compute exactly the same integers. */
enum
{
    SHIFT = 13,
    K_Y = 9539,   /* 1.164383 * 8192 */
    K_RV = 13075, /* 1.596027 * 8192 */
    K_GU = 3209,  /* 0.391762 * 8192 */
    K_GV = 6660,  /* 0.812968 * 8192 */
    K_BU = 16525, /* 2.017232 * 8192 */
    ROUND = 1 << (SHIFT - 1),
};

static inline uint8_t clamp_shift(int32_t v)
{
    v >>= SHIFT; /* arithmetic shift, as psrad */
    return (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
}

/* Pixel pair i of a row: y[2i], y[2i+1] sharing u[i * uv_step], v[i * uv_step]. */
static inline void convert_pair(uint8_t y0, uint8_t y1, uint8_t u, uint8_t v, uint8_t *out)
{
    const int32_t cu = (int32_t)u - 128, cv = (int32_t)v - 128;
    const int32_t r = K_RV * cv, g = -K_GU * cu - K_GV * cv, b = K_BU * cu;
    const int32_t l0 = K_Y * ((int32_t)y0 - 16) + ROUND, l1 = K_Y * ((int32_t)y1 - 16) + ROUND;
    out[0] = clamp_shift(l0 + b);
    out[1] = clamp_shift(l0 + g);
    out[2] = clamp_shift(l0 + r);
    out[3] = 0xFF;
    out[4] = clamp_shift(l1 + b);
    out[5] = clamp_shift(l1 + g);
    out[6] = clamp_shift(l1 + r);
    out[7] = 0xFF;
}

#if defined(__SSE2__)
/* 8 pixels: `y` holds Y0..Y7 and `uv` U0 V0 .. U3 V3, each as 16-bit lanes.
 * Writes 32 bytes of BGRA. */
static inline void convert8_sse2(__m128i y, __m128i uv, uint8_t *out)
{
    const __m128i y16 = _mm_sub_epi16(y, _mm_set1_epi16(16));
    const __m128i c16 = _mm_sub_epi16(uv, _mm_set1_epi16(128));
    /* (y, 1) pairs times (K_Y, ROUND): K_Y * (Y - 16) + ROUND per pixel. */
    const __m128i luma_lo =
        _mm_madd_epi16(_mm_unpacklo_epi16(y16, _mm_set1_epi16(1)), _mm_set1_epi32(K_Y | (ROUND << 16)));
    const __m128i luma_hi =
        _mm_madd_epi16(_mm_unpackhi_epi16(y16, _mm_set1_epi16(1)), _mm_set1_epi32(K_Y | (ROUND << 16)));
    /* Each (U, V) pair repeated for the two pixels that share it. */
    const __m128i uv_lo = _mm_unpacklo_epi32(c16, c16); /* pixels 0..3 */
    const __m128i uv_hi = _mm_unpackhi_epi32(c16, c16); /* pixels 4..7 */
    const __m128i kb = _mm_set1_epi32(K_BU & 0xFFFF);
    const __m128i kg = _mm_set1_epi32((int32_t)((uint32_t)(-K_GU & 0xFFFF) | ((uint32_t)(-K_GV & 0xFFFF) << 16)));
    const __m128i kr = _mm_set1_epi32((int32_t)((uint32_t)K_RV << 16));
#define OPENK4A_CHANNEL(k)                                                                                             \
    _mm_packs_epi32(_mm_srai_epi32(_mm_add_epi32(luma_lo, _mm_madd_epi16(uv_lo, k)), SHIFT),                           \
                    _mm_srai_epi32(_mm_add_epi32(luma_hi, _mm_madd_epi16(uv_hi, k)), SHIFT))
    const __m128i b = OPENK4A_CHANNEL(kb);
    const __m128i g = OPENK4A_CHANNEL(kg);
    const __m128i r = OPENK4A_CHANNEL(kr);
#undef OPENK4A_CHANNEL
    /* Saturate to 0..255 and interleave B G R A. */
    const __m128i bg = _mm_unpacklo_epi8(_mm_packus_epi16(b, b), _mm_packus_epi16(g, g));
    const __m128i ra = _mm_unpacklo_epi8(_mm_packus_epi16(r, r), _mm_set1_epi8((char)0xFF));
    _mm_storeu_si128((__m128i *)out, _mm_unpacklo_epi16(bg, ra));
    _mm_storeu_si128((__m128i *)(out + 16), _mm_unpackhi_epi16(bg, ra));
}
#endif

static void nv12_row(const uint8_t *y, const uint8_t *uv, uint32_t width, uint8_t *out)
{
    uint32_t x = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    for (; x + 8 <= width; x += 8)
    {
        const __m128i yy = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(y + x)), zero);
        const __m128i cc = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(uv + x)), zero);
        convert8_sse2(yy, cc, out + 4 * x);
    }
#endif
    for (; x < width; x += 2)
        convert_pair(y[x], y[x + 1], uv[x], uv[x + 1], out + 4 * x);
}

static void yuy2_row(const uint8_t *p, uint32_t width, uint8_t *out)
{
    uint32_t x = 0;
#if defined(__SSE2__)
    const __m128i low_bytes = _mm_set1_epi16(0x00FF);
    for (; x + 8 <= width; x += 8)
    {
        const __m128i v = _mm_loadu_si128((const __m128i *)(p + 2 * x)); /* Y0 U0 Y1 V0 ... */
        convert8_sse2(_mm_and_si128(v, low_bytes), _mm_srli_epi16(v, 8), out + 4 * x);
    }
#endif
    for (; x < width; x += 2)
        convert_pair(p[2 * x], p[2 * x + 2], p[2 * x + 1], p[2 * x + 3], out + 4 * x);
}

static int destination_ok(const uint8_t *dst, size_t dst_size, uint32_t dst_stride, uint32_t width, uint32_t height)
{
    return dst != NULL && (uint64_t)dst_stride >= 4ull * width &&
           (uint64_t)dst_stride * (height - 1) + 4ull * width <= dst_size;
}

openk4a_color_status_t openk4a_nv12_to_bgra32(const uint8_t *src, size_t src_size, uint32_t src_stride, uint32_t width,
                                              uint32_t height, uint8_t *dst, size_t dst_size, uint32_t dst_stride)
{
    if (src == NULL || width == 0 || height == 0 || width % 2 || height % 2 || src_stride < width ||
        (uint64_t)src_stride * height * 3 / 2 > src_size || !destination_ok(dst, dst_size, dst_stride, width, height))
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    const uint8_t *uv_plane = src + (size_t)src_stride * height;
    for (uint32_t row = 0; row < height; row++)
        nv12_row(src + (size_t)row * src_stride, uv_plane + (size_t)(row / 2) * src_stride, width,
                 dst + (size_t)row * dst_stride);
    return OPENK4A_COLOR_OK;
}

openk4a_color_status_t openk4a_yuy2_to_bgra32(const uint8_t *src, size_t src_size, uint32_t src_stride, uint32_t width,
                                              uint32_t height, uint8_t *dst, size_t dst_size, uint32_t dst_stride)
{
    if (src == NULL || width == 0 || height == 0 || width % 2 || (uint64_t)src_stride < 2ull * width ||
        (uint64_t)src_stride * (height - 1) + 2ull * width > src_size ||
        !destination_ok(dst, dst_size, dst_stride, width, height))
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    for (uint32_t row = 0; row < height; row++)
        yuy2_row(src + (size_t)row * src_stride, width, dst + (size_t)row * dst_stride);
    return OPENK4A_COLOR_OK;
}
