/* Writes 8-bit images as PNG files (libpng), atomically: the picture goes to
 * a temporary file next to `path` that is renamed over it only when complete,
 * so a failure never leaves a half-written file nor destroys an old one. */
#ifndef OPENK4A_CORE_COLOR_PNG_WRITER_H_
#define OPENK4A_CORE_COLOR_PNG_WRITER_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef enum
    {
        OPENK4A_PNG_GREY8, /* 1 byte per pixel */
        OPENK4A_PNG_RGB8,  /* R, G, B */
        OPENK4A_PNG_BGRA8, /* B, G, R, A (k4a BGRA32); saved as RGB when every alpha is 0xFF */
    } openk4a_png_layout_t;

    /* Returns 0, or an errno value: EINVAL (bad arguments, size above 2^31-1
     * pixels a side), ENOMEM, or the error of the failed file operation (EIO when
     * libpng failed without one). */
    int openk4a_png_write(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride,
                          openk4a_png_layout_t layout);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_PNG_WRITER_H_ */
