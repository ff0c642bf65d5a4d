#include "core/color/to_bgra32.h"

#include "core/color/yuv_convert.h"

openk4a_color_status_t openk4a_to_bgra32(openk4a_mjpeg_decoder_t *mjpeg, const openk4a_bgra32_request_t *request,
                                         openk4a_color_mode_t mode, bool *warned)
{
    if (warned != NULL)
        *warned = false;
    if (request == NULL)
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    const openk4a_bgra32_request_t *r = request;
    switch (r->source_format)
    {
    case OPENK4A_BGRA32_FROM_MJPG:
        if (mjpeg == NULL)
            return OPENK4A_COLOR_INVALID_ARGUMENT;
        return openk4a_mjpeg_decoder_decode(mjpeg, r->source, r->source_size, r->destination, r->destination_size,
                                            r->width, r->height, r->destination_stride, mode, warned);
    case OPENK4A_BGRA32_FROM_NV12:
        return openk4a_nv12_to_bgra32(r->source, r->source_size, r->source_stride, r->width, r->height, r->destination,
                                      r->destination_size, r->destination_stride);
    case OPENK4A_BGRA32_FROM_YUY2:
        return openk4a_yuy2_to_bgra32(r->source, r->source_size, r->source_stride, r->width, r->height, r->destination,
                                      r->destination_size, r->destination_stride);
    }
    return OPENK4A_COLOR_INVALID_ARGUMENT;
}
