/* Saves k4a images as PNG files for people to look at.
 *
 *   BGRA32       colour as is (RGB, or RGBA when some alpha is not 0xFF)
 *   MJPG/NV12/YUY2  decoded to BGRA32 first (accurate mode)
 *   DEPTH16      colour-mapped: near blue -> cyan -> green -> yellow -> far red,
 *                no measurement (0) black
 *   IR16         8-bit grey ramp
 *   CUSTOM8      8-bit grey as is
 *
 * The file is written next to `path` under a temporary name and renamed over
 * `path` only when complete: a failure never leaves a partial picture behind
 * nor destroys an existing file. */
#ifndef OPENK4A_IMAGE_PNG_H_
#define OPENK4A_IMAGE_PNG_H_

#include <stdint.h>

#include <k4a/k4a.h>
#include <openk4a/color_status.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        /* DEPTH16 / IR16: the sample values mapped to the first and last colour
         * (grey 0 and 255). Both 0 = automatic: DEPTH16 the 1st..99th percentile
         * of its non-zero pixels; IR16 0 .. 3 x the median of its non-zero pixels
         * (active IR is heavy-tailed: bright reflections saturate, the scene is
         * dim), at most the 99th percentile. */
        uint16_t range_min;
        uint16_t range_max;
    } openk4a_png_options_t;

#define OPENK4A_PNG_OPTIONS_INIT                                                                                       \
    {                                                                                                                  \
        0, 0                                                                                                           \
    }

    /**
     * Writes `image` to `path` as PNG.
     *
     * \param options May be NULL (automatic ranges).
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log message (bad
     * handle, format without a picture such as CUSTOM16, undecodable frame, file
     * error with its errno text).
     */
    K4A_EXPORT k4a_result_t openk4a_image_write_png(k4a_image_t image, const char *path,
                                                    const openk4a_png_options_t *options);

    /* Why openk4a_image_write_png_explained() failed. */
    typedef enum
    {
        OPENK4A_PNG_OK = 0,
        /* Bad image handle, NULL path, or a buffer smaller than the image's geometry. */
        OPENK4A_PNG_INVALID_ARGUMENT,
        /* A format with no picture (CUSTOM16, or an unknown format). */
        OPENK4A_PNG_NO_PICTURE,
        /* An MJPG/NV12/YUY2 image that could not be decoded: see color_status. */
        OPENK4A_PNG_DECODE_FAILED,
        /* Creating, writing or renaming the file failed: see file_errno. */
        OPENK4A_PNG_FILE_ERROR,
        OPENK4A_PNG_NO_MEMORY,
    } openk4a_png_status_t;

    typedef struct
    {
        openk4a_png_status_t status;
        openk4a_color_status_t color_status; /* with OPENK4A_PNG_DECODE_FAILED, else OPENK4A_COLOR_OK */
        int file_errno;                      /* with OPENK4A_PNG_FILE_ERROR, else 0 */
        char message[256];                   /* what was wrong (the logged text), "" on success */
    } openk4a_png_error_t;

    /**
     * As openk4a_image_write_png(), and says why it failed in *error (which may
     * be NULL; it is filled on success too). Logs the same messages.
     */
    K4A_EXPORT k4a_result_t openk4a_image_write_png_explained(k4a_image_t image, const char *path,
                                                              const openk4a_png_options_t *options,
                                                              openk4a_png_error_t *error);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_IMAGE_PNG_H_ */
