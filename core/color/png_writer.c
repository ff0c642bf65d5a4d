#define _GNU_SOURCE /* mkstemp, fchmod */
#include "core/color/png_writer.h"

#include <errno.h>
#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool all_opaque(const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride)
{
    for (uint32_t y = 0; y < height; y++)
    {
        const uint8_t *row = pixels + y * stride;
        uint8_t acc = 0xFF;
        for (uint32_t x = 0; x < width; x++)
            acc &= row[4 * x + 3];
        if (acc != 0xFF)
            return false;
    }
    return true;
}

static void on_png_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message; /* warnings do not affect the file */
}

/* Everything libpng touches after setjmp lives here, so nothing needs to be
 * volatile. */
typedef struct
{
    FILE *file;
    const uint8_t *pixels;
    uint32_t width;
    uint32_t height;
    size_t stride;
    openk4a_png_layout_t layout;
    int error; /* errno seen by the write callbacks */
} png_job_t;

static void write_data(png_structp png, png_bytep data, size_t length)
{
    png_job_t *job = png_get_io_ptr(png);
    if (fwrite(data, 1, length, job->file) != length)
    {
        job->error = errno ? errno : EIO;
        png_error(png, "write failed");
    }
}

static void flush_data(png_structp png)
{
    png_job_t *job = png_get_io_ptr(png);
    if (fflush(job->file) != 0)
    {
        job->error = errno ? errno : EIO;
        png_error(png, "flush failed");
    }
}

/* 0 or an errno value. */
static int encode(png_job_t *job)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, on_png_warning);
    if (png == NULL)
        return ENOMEM;
    png_infop info = png_create_info_struct(png);
    if (info == NULL)
    {
        png_destroy_write_struct(&png, NULL);
        return ENOMEM;
    }
    if (setjmp(png_jmpbuf(png)))
    {
        png_destroy_write_struct(&png, &info);
        return job->error ? job->error : EIO;
    }
    png_set_write_fn(png, job, write_data, flush_data);
    /* Level 3: close to the default's size at a fraction of its time. */
    png_set_compression_level(png, 3);

    int color_type = PNG_COLOR_TYPE_GRAY;
    if (job->layout == OPENK4A_PNG_RGB8)
        color_type = PNG_COLOR_TYPE_RGB;
    else if (job->layout == OPENK4A_PNG_BGRA8)
        color_type = all_opaque(job->pixels, job->width, job->height, job->stride) ? PNG_COLOR_TYPE_RGB :
                                                                                     PNG_COLOR_TYPE_RGB_ALPHA;
    png_set_IHDR(png, info, job->width, job->height, 8, color_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (job->layout == OPENK4A_PNG_BGRA8)
    {
        png_set_bgr(png);
        if (color_type == PNG_COLOR_TYPE_RGB)
            png_set_filler(png, 0, PNG_FILLER_AFTER); /* drops the opaque alpha byte */
    }
    /* libpng copies each row before transforming it: the caller's pixels are
     * only read. */
    for (uint32_t y = 0; y < job->height; y++)
        png_write_row(png, job->pixels + y * job->stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

int openk4a_png_write(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height, size_t stride,
                      openk4a_png_layout_t layout)
{
    const size_t bytes_per_pixel = layout == OPENK4A_PNG_GREY8 ? 1 : (layout == OPENK4A_PNG_RGB8 ? 3 : 4);
    if (path == NULL || *path == '\0' || pixels == NULL || width == 0 || height == 0 || width > 0x7FFFFFFFu ||
        height > 0x7FFFFFFFu ||
        (layout != OPENK4A_PNG_GREY8 && layout != OPENK4A_PNG_RGB8 && layout != OPENK4A_PNG_BGRA8) ||
        stride / bytes_per_pixel < width)
        return EINVAL;

    const size_t path_length = strlen(path);
    char *temp_path = malloc(path_length + sizeof ".XXXXXX");
    if (temp_path == NULL)
        return ENOMEM;
    memcpy(temp_path, path, path_length);
    memcpy(temp_path + path_length, ".XXXXXX", sizeof ".XXXXXX");
    const int fd = mkstemp(temp_path);
    if (fd < 0)
    {
        const int error = errno;
        free(temp_path);
        return error;
    }
    fchmod(fd, 0644); /* mkstemp makes 0600; a picture is for people to open */
    FILE *file = fdopen(fd, "wb");
    if (file == NULL)
    {
        const int error = errno;
        close(fd);
        unlink(temp_path);
        free(temp_path);
        return error;
    }

    png_job_t job = {
        .file = file, .pixels = pixels, .width = width, .height = height, .stride = stride, .layout = layout};
    int error = encode(&job);
    if (fclose(file) != 0 && error == 0)
        error = errno ? errno : EIO;
    if (error == 0 && rename(temp_path, path) != 0)
        error = errno;
    if (error != 0)
        unlink(temp_path);
    free(temp_path);
    return error;
}
