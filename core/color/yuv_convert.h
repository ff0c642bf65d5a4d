/* NV12 and YUY2 -> BGRA32, BT.601 limited range ("studio swing", Y 16..235,
 * Cb/Cr 16..240), which is what UVC cameras send for these formats.
 *
 * Why our own loops rather than libjpeg-turbo's tjDecodeYUVPlanes(): that
 * function takes separate Y/U/V planes and applies JPEG's full-range matrix;
 * NV12 (interleaved UV) and YUY2 (packed) would first need a deinterleaving
 * copy, and the colours would be wrong for video-range input. These read the
 * source once and write the destination once: SSE2 (every x86-64 CPU) for 8
 * pixels at a time, a scalar tail that computes the same integers, results
 * within 1 level of the exact formula.
 */
#ifndef OPENK4A_CORE_COLOR_YUV_CONVERT_H_
#define OPENK4A_CORE_COLOR_YUV_CONVERT_H_

#include <stddef.h>
#include <stdint.h>

#include "openk4a/color_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* NV12 as k4a lays it out: a Y plane of `height` rows, then the interleaved
     * UV plane of height/2 rows, both with `src_stride` bytes per row; width and
     * height even; src_size >= src_stride * height * 3 / 2. */
    openk4a_color_status_t openk4a_nv12_to_bgra32(const uint8_t *src, size_t src_size, uint32_t src_stride,
                                                  uint32_t width, uint32_t height, uint8_t *dst, size_t dst_size,
                                                  uint32_t dst_stride);

    /* YUY2 (Y0 U Y1 V per pixel pair), width even, src_stride >= 2 * width. */
    openk4a_color_status_t openk4a_yuy2_to_bgra32(const uint8_t *src, size_t src_size, uint32_t src_stride,
                                                  uint32_t width, uint32_t height, uint8_t *dst, size_t dst_size,
                                                  uint32_t dst_stride);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_YUV_CONVERT_H_ */
