/* openk4a extensions to the k4a API.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef OPENK4A_IMAGE_H_
#define OPENK4A_IMAGE_H_

#include <k4a/k4a_export.h>
#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---- openk4a extensions ---- */

    /**
     * Tells whether the caller's reference is the only reference to an image.
     *
     * \param image_handle The image.
     *
     * \returns true when no other reference exists (no other handle, clone or capture holds the image);
     * false otherwise, and for a NULL or released handle (logged).
     *
     * While the answer is true it stays true until the caller itself adds a reference or hands the
     * handle to another thread: nothing else can reach the image. The check is an acquire operation, so
     * every other thread's use of the image (and its buffer) before it released its reference happens
     * before the caller's next access: the caller may then write to the buffer.
     */
    K4A_EXPORT bool openk4a_image_is_unique(k4a_image_t image_handle);

    /**
     * Checks the arguments of k4a_image_create() without creating an image, and says what is wrong.
     *
     * \param format As for k4a_image_create().
     * \param width_pixels As for k4a_image_create().
     * \param height_pixels As for k4a_image_create().
     * \param stride_bytes As for k4a_image_create().
     * \param[out] reason Receives the broken rule (an empty string when there is none), NUL-terminated
     * and truncated to fit; may be NULL when reason_size is 0.
     * \param reason_size Bytes available in reason.
     *
     * \returns K4A_RESULT_SUCCEEDED when k4a_image_create() accepts the geometry (it can then fail only
     * for lack of memory), K4A_RESULT_FAILED otherwise.
     *
     * Applies the same rules, in the same order, as k4a_image_create(): the reason is the text that
     * k4a_image_create() logs after its name, for example "BGRA32 image 640 pixels wide: stride 100 is
     * below the minimum 2560". Logs nothing.
     */
    K4A_EXPORT k4a_result_t openk4a_image_check_create(k4a_image_format_t format, int width_pixels, int height_pixels,
                                                       int stride_bytes, char *reason, size_t reason_size);

    /**
     * Checks the arguments of k4a_image_create_from_buffer() without creating an image, and says what
     * is wrong.
     *
     * \param format As for k4a_image_create_from_buffer().
     * \param width_pixels As for k4a_image_create_from_buffer().
     * \param height_pixels As for k4a_image_create_from_buffer().
     * \param stride_bytes As for k4a_image_create_from_buffer().
     * \param buffer As for k4a_image_create_from_buffer(); only whether it is NULL matters (it is not
     * read).
     * \param buffer_size As for k4a_image_create_from_buffer().
     * \param[out] reason Receives the broken rule (an empty string when there is none), NUL-terminated
     * and truncated to fit; may be NULL when reason_size is 0.
     * \param reason_size Bytes available in reason.
     *
     * \returns K4A_RESULT_SUCCEEDED when k4a_image_create_from_buffer() accepts these arguments (it can
     * then fail only for lack of memory), K4A_RESULT_FAILED otherwise.
     *
     * Applies the same rules, in the same order, as k4a_image_create_from_buffer(): the reason is the
     * text that k4a_image_create_from_buffer() logs after its name. Logs nothing and calls no callback.
     */
    K4A_EXPORT k4a_result_t openk4a_image_check_create_from_buffer(k4a_image_format_t format, int width_pixels,
                                                                   int height_pixels, int stride_bytes,
                                                                   const uint8_t *buffer, size_t buffer_size,
                                                                   char *reason, size_t reason_size);

    /**
     * Copies every metadata property of one image to another.
     *
     * \param destination The image that receives the values.
     * \param source The image whose values are copied.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (logged, nothing copied) when either handle
     * is NULL or released.
     *
     * The properties (device timestamp in microseconds, system timestamp in nanoseconds, exposure time
     * in microseconds, white balance in kelvin, ISO speed) are the ones k4a_image_get_* and
     * k4a_image_set_* read and write; a property added to the library is copied too. For an image made
     * from another (a conversion, a deep copy). An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT k4a_result_t openk4a_image_copy_properties(k4a_image_t destination, k4a_image_t source);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_IMAGE_H_ */
