/* openk4a extensions on images (openk4a/image.h): the uniqueness query
 * behind the C++ layer's writable access, and the reasons a geometry is
 * refused, from the same checks k4a_image_create*() make. */
#include <openk4a/image.h>

#include <stdatomic.h>

#include "core/image.h"
#include "core/image_format.h"

bool openk4a_image_is_unique(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    /* Acquire pairs with the acq_rel decrement of k4a_image_release(). */
    return image != NULL && atomic_load_explicit(&image->refcount, memory_order_acquire) == 1;
}

k4a_result_t openk4a_image_check_create(k4a_image_format_t format, int width_pixels, int height_pixels,
                                        int stride_bytes, char *reason, size_t reason_size)
{
    ok4a_image_layout_t layout;
    return ok4a_image_check_layout(format, width_pixels, height_pixels, stride_bytes, true, &layout, reason,
                                   reason_size) ?
               K4A_RESULT_SUCCEEDED :
               K4A_RESULT_FAILED;
}

k4a_result_t openk4a_image_check_create_from_buffer(k4a_image_format_t format, int width_pixels, int height_pixels,
                                                    int stride_bytes, const uint8_t *buffer, size_t buffer_size,
                                                    char *reason, size_t reason_size)
{
    ok4a_image_layout_t layout;
    return ok4a_image_check_from_buffer(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size, &layout,
                                        reason, reason_size) ?
               K4A_RESULT_SUCCEEDED :
               K4A_RESULT_FAILED;
}
