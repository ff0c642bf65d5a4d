#include "core/color/yuv_convert.h"

/* BT.601 limited range in 16.16 fixed point:
 *   R = 1.164383 (Y - 16)                   + 1.596027 (V - 128)
 *   G = 1.164383 (Y - 16) - 0.391762 (U - 128) - 0.812968 (V - 128)
 *   B = 1.164383 (Y - 16) + 2.017232 (U - 128)                       */
enum
{
    K_Y = 76309,  /* 1.164383 * 65536 */
    K_RV = 104597, /* 1.596027 * 65536 */
    K_GU = 25675,  /* 0.391762 * 65536 */
    K_GV = 53279,  /* 0.812968 * 65536 */
    K_BU = 132201, /* 2.017232 * 65536 */
    ROUND = 1 << 15,
};

static inline uint8_t clamp_shift(int32_t v)
{
    v >>= 16;
    return (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
}

/* Converts one row of `width` pixels (even) whose pixel pairs share one U/V
 * sample: y[2i], y[2i+1] with u[i * uv_step], v[i * uv_step]. */
static inline void convert_row(const uint8_t *restrict y,
                               uint32_t y_step,
                               const uint8_t *restrict u,
                               const uint8_t *restrict v,
                               uint32_t uv_step,
                               uint32_t width,
                               uint8_t *restrict out)
{
    for (uint32_t i = 0; i < width / 2; i++)
    {
        const int32_t cu = (int32_t)u[i * uv_step] - 128;
        const int32_t cv = (int32_t)v[i * uv_step] - 128;
        const int32_t r = K_RV * cv + ROUND;
        const int32_t g = -K_GU * cu - K_GV * cv + ROUND;
        const int32_t b = K_BU * cu + ROUND;
        for (uint32_t k = 0; k < 2; k++)
        {
            const int32_t luma = K_Y * ((int32_t)y[(2 * i + k) * y_step] - 16);
            uint8_t *px = out + 8 * i + 4 * k;
            px[0] = clamp_shift(luma + b);
            px[1] = clamp_shift(luma + g);
            px[2] = clamp_shift(luma + r);
            px[3] = 0xFF;
        }
    }
}

static int destination_ok(const uint8_t *dst, size_t dst_size, uint32_t dst_stride, uint32_t width, uint32_t height)
{
    return dst != NULL && (uint64_t)dst_stride >= 4ull * width &&
           (uint64_t)dst_stride * (height - 1) + 4ull * width <= dst_size;
}

openk4a_color_status_t openk4a_nv12_to_bgra32(const uint8_t *src,
                                              size_t src_size,
                                              uint32_t src_stride,
                                              uint32_t width,
                                              uint32_t height,
                                              uint8_t *dst,
                                              size_t dst_size,
                                              uint32_t dst_stride)
{
    if (src == NULL || width == 0 || height == 0 || width % 2 || height % 2 || src_stride < width ||
        (uint64_t)src_stride * height * 3 / 2 > src_size || !destination_ok(dst, dst_size, dst_stride, width, height))
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    const uint8_t *uv_plane = src + (size_t)src_stride * height;
    for (uint32_t row = 0; row < height; row++)
    {
        const uint8_t *y = src + (size_t)row * src_stride;
        const uint8_t *uv = uv_plane + (size_t)(row / 2) * src_stride;
        convert_row(y, 1, uv, uv + 1, 2, width, dst + (size_t)row * dst_stride);
    }
    return OPENK4A_COLOR_OK;
}

openk4a_color_status_t openk4a_yuy2_to_bgra32(const uint8_t *src,
                                              size_t src_size,
                                              uint32_t src_stride,
                                              uint32_t width,
                                              uint32_t height,
                                              uint8_t *dst,
                                              size_t dst_size,
                                              uint32_t dst_stride)
{
    if (src == NULL || width == 0 || height == 0 || width % 2 || (uint64_t)src_stride < 2ull * width ||
        (uint64_t)src_stride * (height - 1) + 2ull * width > src_size ||
        !destination_ok(dst, dst_size, dst_stride, width, height))
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    for (uint32_t row = 0; row < height; row++)
    {
        const uint8_t *p = src + (size_t)row * src_stride;
        convert_row(p, 2, p + 1, p + 3, 4, width, dst + (size_t)row * dst_stride);
    }
    return OPENK4A_COLOR_OK;
}
