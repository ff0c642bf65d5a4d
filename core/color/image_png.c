/* openk4a_image_write_png(): picks the rendering for the image format and
 * hands 8-bit pixels to the PNG writer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/color/image_render.h"
#include "core/color/png_writer.h"
#include "core/log.h"
#include "openk4a/color.h"
#include "openk4a/image_png.h"
#include "openk4a/k4a_strings.h"

/* Records why the write failed and logs it (a decode failure was logged by
 * the decoder already). Returns K4A_RESULT_FAILED. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static k4a_result_t
fail(openk4a_png_error_t *error, openk4a_png_status_t status, const char *format, ...)
{
    char message[sizeof error->message];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (status != OPENK4A_PNG_DECODE_FAILED)
        OK4A_LOG_ERROR("openk4a_image_write_png: %s", message);
    error->status = status;
    memcpy(error->message, message, sizeof message);
    return K4A_RESULT_FAILED;
}

static k4a_result_t write_pixels(const char *path, const uint8_t *pixels, int width, int height, size_t stride,
                                 openk4a_png_layout_t layout, openk4a_png_error_t *error)
{
    const int file_errno = openk4a_png_write(path, pixels, (uint32_t)width, (uint32_t)height, stride, layout);
    if (file_errno != 0)
    {
        error->file_errno = file_errno;
        return fail(error, OPENK4A_PNG_FILE_ERROR, "%s: %s", path, strerror(file_errno));
    }
    return K4A_RESULT_SUCCEEDED;
}

/* DEPTH16/IR16 through the renderer into a packed 8-bit buffer. */
static k4a_result_t write_rendered(k4a_image_t image, const char *path, const openk4a_png_options_t *options,
                                   bool depth, openk4a_png_error_t *error)
{
    const int width = k4a_image_get_width_pixels(image);
    const int height = k4a_image_get_height_pixels(image);
    const size_t stride = (size_t)k4a_image_get_stride_bytes(image);
    const uint8_t *data = k4a_image_get_buffer(image);
    if (stride < 2 * (size_t)width || k4a_image_get_size(image) < stride * (size_t)(height - 1) + 2 * (size_t)width)
        return fail(error, OPENK4A_PNG_INVALID_ARGUMENT, "image buffer smaller than its geometry");
    openk4a_render_range_t range = {options ? options->range_min : 0, options ? options->range_max : 0};
    if (range.min == 0 && range.max == 0)
        range = depth ? openk4a_render_auto_range(data, (uint32_t)width, (uint32_t)height, stride, true) :
                        openk4a_render_auto_ir_range(data, (uint32_t)width, (uint32_t)height, stride);
    const size_t channels = depth ? 3 : 1;
    uint8_t *pixels = malloc((size_t)width * (size_t)height * channels);
    if (pixels == NULL)
        return fail(error, OPENK4A_PNG_NO_MEMORY, "out of memory for %dx%d", width, height);
    if (depth)
        openk4a_render_depth16(data, (uint32_t)width, (uint32_t)height, stride, range, pixels);
    else
        openk4a_render_ir16(data, (uint32_t)width, (uint32_t)height, stride, range, pixels);
    const k4a_result_t result = write_pixels(path, pixels, width, height, (size_t)width * channels,
                                             depth ? OPENK4A_PNG_RGB8 : OPENK4A_PNG_GREY8, error);
    free(pixels);
    return result;
}

static k4a_result_t write_png(k4a_image_t image, const char *path, const openk4a_png_options_t *options,
                              openk4a_png_error_t *error)
{
    const uint8_t *buffer = k4a_image_get_buffer(image);
    if (buffer == NULL || path == NULL)
        return fail(error, OPENK4A_PNG_INVALID_ARGUMENT, "invalid image or NULL path");
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
            return fail(error, OPENK4A_PNG_INVALID_ARGUMENT, "image buffer smaller than its geometry");
        return write_pixels(path, buffer, width, height, (size_t)stride, bgra ? OPENK4A_PNG_BGRA8 : OPENK4A_PNG_GREY8,
                            error);
    }
    case K4A_IMAGE_FORMAT_DEPTH16:
        return write_rendered(image, path, options, true, error);
    case K4A_IMAGE_FORMAT_IR16:
        return write_rendered(image, path, options, false, error);
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
    case K4A_IMAGE_FORMAT_COLOR_NV12:
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
    {
        k4a_image_t bgra = NULL;
        openk4a_color_status_t color_status = OPENK4A_COLOR_OK;
        if (K4A_FAILED(openk4a_image_decode_to_bgra32(image, OPENK4A_COLOR_MODE_ACCURATE, &bgra, &color_status)))
        {
            error->color_status = color_status;
            return fail(error, OPENK4A_PNG_DECODE_FAILED, "not decoded: %s", openk4a_color_status_str(color_status));
        }
        const k4a_result_t result = write_png(bgra, path, options, error);
        k4a_image_release(bgra);
        return result;
    }
    default:
        return fail(error, OPENK4A_PNG_NO_PICTURE, "no picture for image format %s (%d)",
                    openk4a_image_format_to_string(k4a_image_get_format(image)), (int)k4a_image_get_format(image));
    }
}

k4a_result_t openk4a_image_write_png_explained(k4a_image_t image, const char *path,
                                               const openk4a_png_options_t *options, openk4a_png_error_t *error)
{
    openk4a_png_error_t local;
    if (error == NULL)
        error = &local;
    *error = (openk4a_png_error_t){.status = OPENK4A_PNG_OK, .color_status = OPENK4A_COLOR_OK};
    return write_png(image, path, options, error);
}

k4a_result_t openk4a_image_write_png(k4a_image_t image, const char *path, const openk4a_png_options_t *options)
{
    return openk4a_image_write_png_explained(image, path, options, NULL);
}
