/* Images the device delivers (internal). Their buffers come from the device's
 * frame pools: the device never writes to a frame once it is an image, and
 * the buffer lives until the image's last reference is released. So a
 * consumer may hold a reference instead of copying (k4arecord's writer
 * thread does); an image made by the caller gives no such promise. */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_FRAMES_H_
#define OPENK4A_CORE_DEVICE_DEVICE_FRAMES_H_

#include <stdbool.h>

#include <k4a/k4a.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* k4a_memory_destroy_cb_t of a frame whose buffer `base` starts with the
     * pointer of the pool it came from (uvc_stream.c); `data` is unused. */
    void ok4a_device_frame_release_base(void *data, void *base);

    /* k4a_memory_destroy_cb_t of a decoded frame (colour stage): `buffer`
     * goes back to `pool`. */
    void ok4a_device_frame_release_pooled(void *buffer, void *pool);

    /* Whether `image` is a frame the device delivered (released with one of
     * the callbacks above). False for NULL or an invalid handle. */
    bool ok4a_image_is_device_frame(k4a_image_t image);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_FRAMES_H_ */
