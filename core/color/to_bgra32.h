/* The one conversion path to BGRA32 (MJPG, NV12, YUY2) on raw buffers. The
 * one-shot helpers, the decode workers and the fuzzers all go through it. */
#ifndef OPENK4A_CORE_COLOR_TO_BGRA32_H_
#define OPENK4A_CORE_COLOR_TO_BGRA32_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/color/mjpeg_decoder.h"
#include "openk4a/color_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Source formats, numbered as k4a_image_format_t. */
    typedef enum
    {
        OPENK4A_BGRA32_FROM_MJPG = 0,
        OPENK4A_BGRA32_FROM_NV12 = 1,
        OPENK4A_BGRA32_FROM_YUY2 = 2,
    } openk4a_bgra32_source_format_t;

    /* Borrowed buffers: the caller keeps both alive for the call (or the job). */
    typedef struct
    {
        openk4a_bgra32_source_format_t source_format;
        const uint8_t *source;
        size_t source_size;
        uint32_t source_stride; /* NV12/YUY2 only; ignored for MJPG */
        uint32_t width;         /* of both images */
        uint32_t height;
        uint8_t *destination;
        size_t destination_size;
        uint32_t destination_stride;
    } openk4a_bgra32_request_t;

    /* Converts one image. `mjpeg` is only used for MJPG sources (may be NULL for
     * the others). Status and `warned` as openk4a_mjpeg_decoder_decode(). */
    openk4a_color_status_t openk4a_to_bgra32(openk4a_mjpeg_decoder_t *mjpeg, const openk4a_bgra32_request_t *request,
                                             openk4a_color_mode_t mode, bool *warned);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_TO_BGRA32_H_ */
