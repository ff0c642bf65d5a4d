/* The image object (internal): layout, handle checks, shared by image.c, the
 * generated property accessors and capture.c. */
#ifndef OPENK4A_CORE_IMAGE_H_
#define OPENK4A_CORE_IMAGE_H_

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4a.h>

#include "core/handle.h"
#include "core/image_properties_generated.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* Tag kinds (core/handle.h: a tag is kind + the handle's low 32 bits): a live
 * image, and one whose last reference is gone (its memory stays in the slab,
 * so reading the tag of a stale handle is always safe). */
#define OK4A_IMAGE_TAG_LIVE 0x4b344140u /* "@A4K" */
#define OK4A_IMAGE_TAG_RELEASED 0x4b344180u

    struct _k4a_image_t
    {
        ok4a_handle_tag_t tag; /* first: core/handle.h */
        _Atomic(uint32_t) refcount;
        /* Set at creation, read-only afterwards. */
        k4a_image_format_t format;
        int width_pixels;
        int height_pixels;
        int stride_bytes;
        uint8_t *buffer;
        size_t size;
        k4a_memory_destroy_cb_t *release_cb;
        void *release_context;
        /* Metadata, relaxed atomics (set and read from any thread). */
        OK4A_IMAGE_PROPERTY_FIELDS
    };

    /* Logs why `handle` cannot be used by `caller` (NULL, released, stale, not an image). */
    void ok4a_image_report_bad_handle(k4a_image_t handle, const char *caller);

    /* The image behind a handle, or NULL (logged) for a NULL, released or stale
     * handle (one whose image was released and its memory reused). */
    static inline struct _k4a_image_t *ok4a_image_enter(k4a_image_t handle, const char *caller)
    {
        struct _k4a_image_t *image = (struct _k4a_image_t *)ok4a_handle_live_object(handle, OK4A_IMAGE_TAG_LIVE);
        if (__builtin_expect(image != NULL, 1))
        {
            return image;
        }
        ok4a_image_report_bad_handle(handle, caller);
        return NULL;
    }

    /* Images currently alive (created, last reference not yet released). */
    uint64_t ok4a_image_live_count(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_IMAGE_H_ */
