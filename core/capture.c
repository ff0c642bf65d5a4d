/* k4a captures: up to three images (color, depth, IR) and a temperature,
 * reference counted, from a slab. */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/capture.h"
#include "core/handle.h"
#include "core/image.h"
#include "core/log.h"
#include "core/slab.h"

/* Tag kinds; a tag is kind + the handle's low 32 bits (core/handle.h). */
#define TAG_LIVE 0x4b344340u /* "@C4K" */
#define TAG_RELEASED 0x4b344380u
#define MAX_REFERENCES 0x7fffffffu

enum
{
    SLOT_COLOR,
    SLOT_DEPTH,
    SLOT_IR,
    SLOT_COUNT
};

struct _k4a_capture_t
{
    ok4a_handle_tag_t tag; /* first: core/handle.h */
    _Atomic(uint32_t) refcount;
    /* Spin lock over images[]: held only to swap a pointer or add a reference. */
    _Atomic(int) lock;
    k4a_image_t images[SLOT_COUNT];
    _Atomic(uint32_t) temperature_bits; /* a float */
};

static void construct_capture(void *object)
{
    struct _k4a_capture_t *capture = object;
    atomic_init(&capture->tag, ok4a_handle_tag(object, TAG_RELEASED));
    atomic_init(&capture->refcount, 0);
    atomic_init(&capture->lock, 0);
}

static ok4a_slab_t g_capture_slab =
    OK4A_SLAB_INITIALIZER("k4a_capture", sizeof(struct _k4a_capture_t), 1, construct_capture);

uint64_t ok4a_capture_live_count(void)
{
    return ok4a_slab_live(&g_capture_slab);
}

static void lock_images(struct _k4a_capture_t *capture)
{
    while (atomic_exchange_explicit(&capture->lock, 1, memory_order_acquire) != 0)
    {
        while (atomic_load_explicit(&capture->lock, memory_order_relaxed) != 0)
        {
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
#endif
        }
    }
}

static void unlock_images(struct _k4a_capture_t *capture)
{
    atomic_store_explicit(&capture->lock, 0, memory_order_release);
}

/* The capture behind a handle, or NULL (logged) for a NULL, released or
 * stale handle. */
static struct _k4a_capture_t *enter(k4a_capture_t handle, const char *caller)
{
    struct _k4a_capture_t *capture = ok4a_handle_live_object(handle, TAG_LIVE);
    if (__builtin_expect(capture == NULL, 0))
    {
        ok4a_handle_report(handle, caller, "capture", TAG_LIVE, TAG_RELEASED);
    }
    return capture;
}

static uint32_t float_bits(float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static float bits_float(uint32_t bits)
{
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

k4a_result_t k4a_capture_create(k4a_capture_t *capture_handle)
{
    if (capture_handle == NULL)
    {
        OK4A_LOG_ERROR("%s: capture_handle is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    *capture_handle = NULL;
    /* The slab gives back the last handle of the object (see image.c's fill_image). */
    void *recycled = ok4a_slab_alloc(&g_capture_slab);
    if (recycled == NULL)
    {
        OK4A_LOG_ERROR("%s: out of memory", __func__);
        return K4A_RESULT_FAILED;
    }
    struct _k4a_capture_t *capture = ok4a_handle_object(recycled);
    for (int i = 0; i < SLOT_COUNT; i++)
    {
        capture->images[i] = NULL;
    }
    atomic_store_explicit(&capture->temperature_bits, float_bits(NAN), memory_order_relaxed);
    atomic_store_explicit(&capture->refcount, 1, memory_order_relaxed);
    k4a_capture_t handle = ok4a_handle_next(recycled);
    atomic_store_explicit(&capture->tag, ok4a_handle_tag(handle, TAG_LIVE), memory_order_release);
    *capture_handle = handle;
    return K4A_RESULT_SUCCEEDED;
}

void k4a_capture_reference(k4a_capture_t capture_handle)
{
    struct _k4a_capture_t *capture = enter(capture_handle, __func__);
    if (capture == NULL)
    {
        return;
    }
    uint32_t old = atomic_fetch_add_explicit(&capture->refcount, 1, memory_order_relaxed);
    if (__builtin_expect(old == 0 || old >= MAX_REFERENCES, 0))
    {
        atomic_fetch_sub_explicit(&capture->refcount, 1, memory_order_relaxed);
        OK4A_LOG_CRITICAL("%s: capture %p %s; reference not taken", __func__, (void *)capture,
                          old == 0 ? "is being released concurrently" : "has too many references (leak?)");
    }
}

void k4a_capture_release(k4a_capture_t capture_handle)
{
    if (capture_handle == NULL)
    {
        return;
    }
    struct _k4a_capture_t *capture = enter(capture_handle, __func__);
    if (capture == NULL)
    {
        return;
    }
    /* As for images: a count of 1 is the caller's own, sole reference. */
    uint32_t old = atomic_load_explicit(&capture->refcount, memory_order_acquire) == 1 ?
                       1 :
                       atomic_fetch_sub_explicit(&capture->refcount, 1, memory_order_acq_rel);
    if (old == 1)
    {
        k4a_image_t images[SLOT_COUNT];
        memcpy(images, capture->images, sizeof images);
        atomic_store_explicit(&capture->tag, ok4a_handle_tag(capture_handle, TAG_RELEASED), memory_order_relaxed);
        ok4a_slab_free(&g_capture_slab, capture_handle); /* with its generation */
        for (int i = 0; i < SLOT_COUNT; i++)
        {
            k4a_image_release(images[i]);
        }
    }
    else if (__builtin_expect(old == 0, 0))
    {
        atomic_fetch_add_explicit(&capture->refcount, 1, memory_order_relaxed);
        OK4A_LOG_CRITICAL("%s: capture %p released more times than referenced", __func__, (void *)capture);
    }
}

static k4a_image_t get_image(k4a_capture_t capture_handle, int slot, const char *caller)
{
    struct _k4a_capture_t *capture = enter(capture_handle, caller);
    if (capture == NULL)
    {
        return NULL;
    }
    lock_images(capture);
    k4a_image_t image = capture->images[slot];
    if (image != NULL)
    {
        /* The capture's own reference keeps the count above 0. */
        struct _k4a_image_t *object = ok4a_handle_object(image);
        atomic_fetch_add_explicit(&object->refcount, 1, memory_order_relaxed);
    }
    unlock_images(capture);
    return image;
}

static void set_image(k4a_capture_t capture_handle, int slot, k4a_image_t image_handle, const char *caller)
{
    struct _k4a_capture_t *capture = enter(capture_handle, caller);
    if (capture == NULL)
    {
        return;
    }
    if (image_handle != NULL)
    {
        if (ok4a_image_enter(image_handle, caller) == NULL)
        {
            return; /* keep the current image */
        }
        k4a_image_reference(image_handle);
    }
    lock_images(capture);
    k4a_image_t old = capture->images[slot];
    capture->images[slot] = image_handle;
    unlock_images(capture);
    k4a_image_release(old);
}

k4a_image_t k4a_capture_get_color_image(k4a_capture_t capture_handle)
{
    return get_image(capture_handle, SLOT_COLOR, __func__);
}

k4a_image_t k4a_capture_get_depth_image(k4a_capture_t capture_handle)
{
    return get_image(capture_handle, SLOT_DEPTH, __func__);
}

k4a_image_t k4a_capture_get_ir_image(k4a_capture_t capture_handle)
{
    return get_image(capture_handle, SLOT_IR, __func__);
}

void k4a_capture_set_color_image(k4a_capture_t capture_handle, k4a_image_t image_handle)
{
    set_image(capture_handle, SLOT_COLOR, image_handle, __func__);
}

void k4a_capture_set_depth_image(k4a_capture_t capture_handle, k4a_image_t image_handle)
{
    set_image(capture_handle, SLOT_DEPTH, image_handle, __func__);
}

void k4a_capture_set_ir_image(k4a_capture_t capture_handle, k4a_image_t image_handle)
{
    set_image(capture_handle, SLOT_IR, image_handle, __func__);
}

void k4a_capture_set_temperature_c(k4a_capture_t capture_handle, float temperature_c)
{
    struct _k4a_capture_t *capture = enter(capture_handle, __func__);
    if (capture != NULL)
    {
        atomic_store_explicit(&capture->temperature_bits, float_bits(temperature_c), memory_order_relaxed);
    }
}

float k4a_capture_get_temperature_c(k4a_capture_t capture_handle)
{
    struct _k4a_capture_t *capture = enter(capture_handle, __func__);
    return capture != NULL ? bits_float(atomic_load_explicit(&capture->temperature_bits, memory_order_relaxed)) : NAN;
}
