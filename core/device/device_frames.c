#include "core/device/device_frames.h"

#include <string.h>

#include "core/image.h"
#include "core/pool.h"

void ok4a_device_frame_release_base(void *data, void *base)
{
    (void)data;
    ok4a_pool_t *pool;
    memcpy(&pool, base, sizeof pool);
    ok4a_pool_release(base, pool);
}

void ok4a_device_frame_release_pooled(void *buffer, void *pool)
{
    ok4a_pool_release(buffer, pool);
}

bool ok4a_image_is_device_frame(k4a_image_t handle)
{
    const struct _k4a_image_t *image = ok4a_image_enter(handle, "ok4a_image_is_device_frame");
    return image != NULL && (image->release_cb == ok4a_device_frame_release_base ||
                             image->release_cb == ok4a_device_frame_release_pooled);
}
