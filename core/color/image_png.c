/* openk4a_image_write_png(): picks the rendering for the image format and
 * hands 8-bit pixels to the PNG writer. */
#include <stdlib.h>
#include <string.h>

#include "core/color/image_render.h"
#include "core/color/png_writer.h"
#include "core/log.h"
#include "openk4a/color.h"
#include "openk4a/image_png.h"

static k4a_result_t write_pixels(const char *path,
                                 const uint8_t *pixels,
                                 int width,
                                 int height,
                                 size_t stride,
                                 openk4a_png_layout_t layout)
{
    const int error = openk4a_png_write(path, pixels, (uint32_t)width, (uint32_t)height, stride, layout);
    if (error != 0)
    {
        OK4A_LOG_ERROR("openk4a_image_write_png: %s: %s", path, strerror(error));
        return K4A_RESULT_FAILED;
    }
    return K4A_RESULT_SUCCEEDED;
}

/* DEPTH16/IR16 through the renderer into a packed 8-bit buffer. */
static k4a_result_t write_rendered(k4a_image_t image, const char *path, const openk4a_png_options_t *options, bool depth)
{
    const int width = k4a_image_get_width_pixels(image);
    const int height = k4a_image_get_height_pixels(image);
    const size_t stride = (size_t)k4a_image_get_stride_bytes(image);
    const uint8_t *data = k4a_image_get_buffer(image);
    if (stride < 2 * (size_t)width || k4a_image_get_size(image) < stride * (size_t)(height - 1) + 2 * (size_t)width)
    {
        OK4A_LOG_ERROR("openk4a_image_write_png: image buffer smaller than its geometry");
        return K4A_RESULT_FAILED;
    }
    openk4a_render_range_t range = { options ? options->range_min : 0, options ? options->range_max : 0 };
    if (range.min == 0 && range.max == 0)
        range = depth ? openk4a_render_auto_range(data, (uint32_t)width, (uint32_t)height, stride, true)
                      : openk4a_render_auto_ir_range(data, (uint32_t)width, (uint32_t)height, stride);
    const size_t channels = depth ? 3 : 1;
    uint8_t *pixels = malloc((size_t)width * (size_t)height * channels);
    if (pixels == NULL)
    {
        OK4A_LOG_ERROR("openk4a_image_write_png: out of memory for %dx%d", width, height);
        return K4A_RESULT_FAILED;
    }
    if (depth)
        openk4a_render_depth16(data, (uint32_t)width, (uint32_t)height, stride, range, pixels);
    else
        openk4a_render_ir16(data, (uint32_t)width, (uint32_t)height, stride, range, pixels);
    const k4a_result_t result = write_pixels(path,
                                             pixels,
                                             width,
                                             height,
                                             (size_t)width * channels,
                                             depth ? OPENK4A_PNG_RGB8 : OPENK4A_PNG_GREY8);
    free(pixels);
    return result;
}

k4a_result_t openk4a_image_write_png(k4a_image_t image, const char *path, const openk4a_png_options_t *options)
{
    const uint8_t *buffer = k4a_image_get_buffer(image);
    if (buffer == NULL || path == NULL)
    {
        OK4A_LOG_ERROR("openk4a_image_write_png: invalid image or NULL path");
        return K4A_RESULT_FAILED;
    }
    const int width = k4a_image_get_width_pixels(image);
    const int height = k4a_image_get_height_pixels(image);
    const int stride = k4a_image_get_stride_bytes(image);
    const size_t size = k4a_image_get_size(image);
    switch (k4a_image_get_format(image))
    {
    case K4A_IMAGE_FORMAT_COLOR_BGRA32:
    case K4A_IMAGE_FORMAT_CUSTOM8:
    {
        const bool bgra = k4a_image_get_format(image) == K4A_IMAGE_FORMAT_COLOR_BGRA32;
        const size_t row = (size_t)width * (bgra ? 4 : 1);
        if (width <= 0 || height <= 0 || (size_t)stride < row || size < (size_t)stride * (size_t)(height - 1) + row)
        {
            OK4A_LOG_ERROR("openk4a_image_write_png: image buffer smaller than its geometry");
            return K4A_RESULT_FAILED;
        }
        return write_pixels(path, buffer, width, height, (size_t)stride, bgra ? OPENK4A_PNG_BGRA8 : OPENK4A_PNG_GREY8);
    }
    case K4A_IMAGE_FORMAT_DEPTH16:
        return write_rendered(image, path, options, true);
    case K4A_IMAGE_FORMAT_IR16:
        return write_rendered(image, path, options, false);
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
    case K4A_IMAGE_FORMAT_COLOR_NV12:
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
    {
        k4a_image_t bgra = NULL;
        if (K4A_FAILED(openk4a_image_decode_to_bgra32(image, OPENK4A_COLOR_MODE_ACCURATE, &bgra, NULL)))
            return K4A_RESULT_FAILED; /* logged by the decoder */
        const k4a_result_t result = openk4a_image_write_png(bgra, path, options);
        k4a_image_release(bgra);
        return result;
    }
    default:
        OK4A_LOG_ERROR("openk4a_image_write_png: no picture for image format %d", (int)k4a_image_get_format(image));
        return K4A_RESULT_FAILED;
    }
}
