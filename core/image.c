/* k4a images: creation (validated against the generated format rules),
 * reference counting, and the fixed accessors. The metadata accessors are
 * generated (image_properties_generated.c). */
#include "core/image.h"

#include <stdbool.h>

#include "core/image_buffers.h"
#include "core/image_format.h"
#include "core/log.h"
#include "core/prefetch.h"
#include "core/slab.h"

/* Far below 2^32: a reference count this high is a leak in a loop. */
#define MAX_REFERENCES 0x7fffffffu

static void construct_image(void *object)
{
    struct _k4a_image_t *image = object;
    atomic_init(&image->tag, ok4a_handle_tag(object, OK4A_IMAGE_TAG_RELEASED));
    atomic_init(&image->refcount, 0);
}

/* A constant, so the fast paths address this thread's image cache at a fixed offset. */
#define IMAGE_SLAB_INDEX 0
static ok4a_slab_t g_image_slab =
    OK4A_SLAB_INITIALIZER("k4a_image", sizeof(struct _k4a_image_t), IMAGE_SLAB_INDEX, construct_image);

uint64_t ok4a_image_live_count(void)
{
    return ok4a_slab_live(&g_image_slab);
}

void ok4a_image_report_bad_handle(k4a_image_t handle, const char *caller)
{
    ok4a_handle_report(handle, caller, "image", OK4A_IMAGE_TAG_LIVE, OK4A_IMAGE_TAG_RELEASED);
}

/* Fills a fresh image and returns its handle, in the object's next
 * generation. `recycled` is what the slab gave: the object's last handle (the
 * slab keeps released handles as they were), so the generation is known
 * without reading the object, whose memory another thread may have released
 * last (a cache miss). The geometry has been validated. The object is still
 * private to this thread: only the tag store publishes it. */
static inline __attribute__((always_inline)) k4a_image_t
fill_image(void *recycled, k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
           uint8_t *buffer, size_t size, k4a_memory_destroy_cb_t *release_cb, void *release_context)
{
    struct _k4a_image_t *image = ok4a_handle_object(recycled);
    image->format = format;
    image->width_pixels = width_pixels;
    image->height_pixels = height_pixels;
    image->stride_bytes = stride_bytes;
    image->buffer = buffer;
    image->size = size;
    image->release_cb = release_cb;
    image->release_context = release_context;
    OK4A_IMAGE_PROPERTIES_RESET(image);
    atomic_store_explicit(&image->refcount, 1, memory_order_relaxed);
    k4a_image_t handle = ok4a_handle_next(recycled);
    atomic_store_explicit(&image->tag, ok4a_handle_tag(handle, OK4A_IMAGE_TAG_LIVE), memory_order_release);
    return handle;
}

/* The failure and slow paths below are separate functions, reached by tail
 * calls, so the fast paths make no call and save no registers. */

static __attribute__((cold, noinline)) k4a_result_t refuse_null_handle(const char *caller)
{
    OK4A_LOG_ERROR("%s: image_handle is NULL", caller);
    return K4A_RESULT_FAILED;
}

static __attribute__((cold, noinline)) k4a_result_t refuse_create(k4a_image_format_t format, int width_pixels,
                                                                  int height_pixels, int stride_bytes)
{
    ok4a_image_layout_t layout;
    /* The same rules again, this time for the message. */
    ok4a_image_layout("k4a_image_create", format, width_pixels, height_pixels, stride_bytes, true, &layout);
    return K4A_RESULT_FAILED;
}

/* k4a_image_create when this thread's caches cannot serve it: recycled (from the
 * slab's thread cache) may be NULL, the buffer has not been taken. */
static __attribute__((noinline)) k4a_result_t create_slow(void *recycled, k4a_image_format_t format, int width_pixels,
                                                          int height_pixels, int stride_bytes,
                                                          k4a_image_t *image_handle)
{
    /* They passed a moment ago; computing the layout again is cheaper for
     * the fast path than passing it. */
    ok4a_image_layout_t layout;
    if (!ok4a_image_layout_rules(format, width_pixels, height_pixels, stride_bytes, true, &layout, NULL, 0))
    {
        if (recycled != NULL)
        {
            ok4a_slab_free(&g_image_slab, recycled);
        }
        return refuse_create(format, width_pixels, height_pixels, stride_bytes);
    }
    k4a_memory_destroy_cb_t *release_cb;
    void *release_context;
    uint8_t *buffer = ok4a_image_buffer_acquire(layout.required_size, &release_cb, &release_context);
    if (buffer == NULL)
    {
        if (recycled != NULL)
        {
            ok4a_slab_free(&g_image_slab, recycled);
        }
        OK4A_LOG_ERROR("k4a_image_create: out of memory for %zu bytes", layout.required_size);
        return K4A_RESULT_FAILED;
    }
    if (recycled == NULL)
    {
        recycled = ok4a_slab_alloc(&g_image_slab);
        if (recycled == NULL)
        {
            OK4A_LOG_ERROR("k4a_image_create: out of memory");
            release_cb(buffer, release_context);
            return K4A_RESULT_FAILED;
        }
    }
    *image_handle = fill_image(recycled, format, width_pixels, height_pixels, layout.stride_bytes, buffer,
                               layout.required_size, release_cb, release_context);
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_image_create(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                              k4a_image_t *image_handle)
{
    if (image_handle == NULL)
    {
        return refuse_null_handle(__func__);
    }
    *image_handle = NULL;
    ok4a_image_layout_t layout;
    if (__builtin_expect(
            !ok4a_image_layout_rules(format, width_pixels, height_pixels, stride_bytes, true, &layout, NULL, 0), 0))
    {
        return refuse_create(format, width_pixels, height_pixels, stride_bytes);
    }
    /* The steady state: an object from this thread's slab cache and a buffer
     * from its magazine, no lock, no atomic read-modify-write. */
    void *recycled = ok4a_slab_alloc_cached_at(IMAGE_SLAB_INDEX);
    k4a_memory_destroy_cb_t *release_cb;
    void *release_context;
    uint8_t *buffer =
        recycled != NULL ? ok4a_image_buffer_acquire_cached(layout.required_size, &release_cb, &release_context) : NULL;
    if (__builtin_expect(buffer == NULL, 0))
    {
        return create_slow(recycled, format, width_pixels, height_pixels, stride_bytes, image_handle);
    }
    *image_handle = fill_image(recycled, format, width_pixels, height_pixels, layout.stride_bytes, buffer,
                               layout.required_size, release_cb, release_context);
    return K4A_RESULT_SUCCEEDED;
}

/* Off the fast path: the message buffer would cost a stack canary per call. */
static __attribute__((cold, noinline)) k4a_result_t refuse_from_buffer(k4a_image_format_t format, int width_pixels,
                                                                       int height_pixels, int stride_bytes,
                                                                       const uint8_t *buffer, size_t buffer_size)
{
    ok4a_image_layout_t layout;
    char why[256];
    if (!ok4a_image_check_from_buffer(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size, &layout,
                                      why, sizeof why))
    {
        OK4A_LOG_ERROR("k4a_image_create_from_buffer: %s", why);
    }
    return K4A_RESULT_FAILED;
}

/* k4a_image_create_from_buffer when this thread's slab cache is empty (the
 * geometry is valid; stride_bytes is the layout's). On failure the callback
 * is not called: the caller keeps the buffer. */
static __attribute__((noinline)) k4a_result_t
create_from_buffer_slow(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                        uint8_t *buffer, size_t buffer_size, k4a_memory_destroy_cb_t *buffer_release_cb,
                        void *buffer_release_cb_context, k4a_image_t *image_handle)
{
    void *recycled = ok4a_slab_alloc_slow(&g_image_slab);
    if (recycled == NULL)
    {
        OK4A_LOG_ERROR("k4a_image_create_from_buffer: out of memory");
        return K4A_RESULT_FAILED;
    }
    *image_handle = fill_image(recycled, format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size,
                               buffer_release_cb, buffer_release_cb_context);
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_image_create_from_buffer(k4a_image_format_t format, int width_pixels, int height_pixels,
                                          int stride_bytes, uint8_t *buffer, size_t buffer_size,
                                          k4a_memory_destroy_cb_t *buffer_release_cb, void *buffer_release_cb_context,
                                          k4a_image_t *image_handle)
{
    if (image_handle == NULL)
    {
        return refuse_null_handle(__func__);
    }
    *image_handle = NULL;
    ok4a_image_layout_t layout;
    if (__builtin_expect(!ok4a_image_from_buffer_rules(format, width_pixels, height_pixels, stride_bytes, buffer,
                                                       buffer_size, &layout, NULL, 0),
                         0))
    {
        return refuse_from_buffer(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size);
    }
    void *recycled = ok4a_slab_alloc_cached_at(IMAGE_SLAB_INDEX);
    if (__builtin_expect(recycled == NULL, 0))
    {
        return create_from_buffer_slow(format, width_pixels, height_pixels, layout.stride_bytes, buffer, buffer_size,
                                       buffer_release_cb, buffer_release_cb_context, image_handle);
    }
    *image_handle = fill_image(recycled, format, width_pixels, height_pixels, layout.stride_bytes, buffer, buffer_size,
                               buffer_release_cb, buffer_release_cb_context);
    return K4A_RESULT_SUCCEEDED;
}

uint8_t *k4a_image_get_buffer(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image != NULL ? image->buffer : NULL;
}

size_t k4a_image_get_size(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image != NULL ? image->size : 0;
}

k4a_image_format_t k4a_image_get_format(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image != NULL ? image->format : K4A_IMAGE_FORMAT_CUSTOM;
}

int k4a_image_get_width_pixels(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image != NULL ? image->width_pixels : 0;
}

int k4a_image_get_height_pixels(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image != NULL ? image->height_pixels : 0;
}

int k4a_image_get_stride_bytes(k4a_image_t image_handle)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image != NULL ? image->stride_bytes : 0;
}

/* A reference that could not be taken: undone and logged. Separate, so the
 * fast path makes no call and saves no registers. */
static __attribute__((cold, noinline)) void refuse_reference(struct _k4a_image_t *image, uint32_t old)
{
    atomic_fetch_sub_explicit(&image->refcount, 1, memory_order_relaxed);
    OK4A_LOG_CRITICAL("k4a_image_reference: image %p %s; reference not taken", (void *)image,
                      old == 0 ? "is being released concurrently" : "has too many references (leak?)");
}

void k4a_image_reference(k4a_image_t image_handle)
{
    /* The tag check reads the line the count's atomic then writes: owned from the start, a
     * line that threads share crosses once per call, not twice. */
    ok4a_prefetch_for_write(ok4a_handle_object(image_handle));
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    if (image == NULL)
    {
        return;
    }
    uint32_t old = atomic_fetch_add_explicit(&image->refcount, 1, memory_order_relaxed);
    if (__builtin_expect(old == 0 || old >= MAX_REFERENCES, 0))
    {
        refuse_reference(image, old);
    }
}

/* Off the fast path: the slab's shared list (under its lock), then the
 * callback. Taking the callback along keeps the fast path free of calls
 * that would make it save registers. */
static __attribute__((noinline)) void destroy_image_slow(k4a_image_t handle, k4a_memory_destroy_cb_t *release_cb,
                                                         uint8_t *buffer, void *release_context)
{
    ok4a_slab_free_slow(&g_image_slab, handle);
    if (release_cb != NULL)
    {
        release_cb(buffer, release_context);
    }
}

/* A release with no reference left to drop: undone and logged. */
static __attribute__((cold, noinline)) void report_over_release(struct _k4a_image_t *image)
{
    atomic_fetch_add_explicit(&image->refcount, 1, memory_order_relaxed);
    OK4A_LOG_CRITICAL("k4a_image_release: image %p released more times than referenced", (void *)image);
}

void k4a_image_release(k4a_image_t image_handle)
{
    ok4a_prefetch_for_write(ok4a_handle_object(image_handle)); /* as in k4a_image_reference */
    struct _k4a_image_t *image = ok4a_handle_live_object(image_handle, OK4A_IMAGE_TAG_LIVE);
    if (__builtin_expect(image == NULL, 0))
    {
        if (image_handle != NULL) /* NULL is no error, like free(NULL): tested off the fast path */
        {
            ok4a_image_report_bad_handle(image_handle, __func__);
        }
        return;
    }
    /* A count of 1 is the caller's own reference: no other thread can add
     * one (that needs a reference), so the image can go without an atomic
     * read-modify-write. The acquire pairs with other threads' releases. */
    if (atomic_load_explicit(&image->refcount, memory_order_acquire) != 1)
    {
        /* acq_rel: the thread that frees sees every other thread's use of
         * the image (and its buffer) as finished. */
        uint32_t old = atomic_fetch_sub_explicit(&image->refcount, 1, memory_order_acq_rel);
        if (old != 1)
        {
            if (__builtin_expect(old == 0, 0))
            {
                report_over_release(image);
            }
            return;
        }
    }
    k4a_memory_destroy_cb_t *release_cb = image->release_cb;
    uint8_t *buffer = image->buffer;
    void *release_context = image->release_context;
    atomic_store_explicit(&image->tag, ok4a_handle_tag(image_handle, OK4A_IMAGE_TAG_RELEASED), memory_order_relaxed);
    atomic_store_explicit(&image->refcount, 0, memory_order_relaxed);
    /* The image goes back first, the callback last: whoever waits for the
     * callback sees the image gone (memory stats included). */
    /* The slab keeps the handle, generation and all, for the next create. */
    if (__builtin_expect(!ok4a_slab_free_cached_at(IMAGE_SLAB_INDEX, image_handle), 0))
    {
        destroy_image_slow(image_handle, release_cb, buffer, release_context);
        return;
    }
    if (release_cb != NULL)
    {
        release_cb(buffer, release_context);
    }
}
