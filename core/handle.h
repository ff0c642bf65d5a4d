/* Handles with a generation (internal): images and captures.
 *
 * Objects come from a slab (core/slab.h) and are reused, so a handle kept
 * after its release would otherwise equal the handle of the next object made
 * in the same memory, and calls on it would silently reach that object. Slab
 * objects are 64-byte aligned: a handle is the object's address with a
 * generation in its low 6 bits, and the object's tag holds its kind (the
 * bits above) and its current generation. Each reuse advances the generation,
 * so a stale handle no longer matches its object's tag: it is refused, not
 * aliased, until the same memory has been reused 64 times.
 *
 * The tag: kind | generation; kinds have their low 6 bits clear. Handles are
 * opaque to users; only these functions turn them into object pointers. */
#ifndef OPENK4A_CORE_HANDLE_H_
#define OPENK4A_CORE_HANDLE_H_

#include <stdatomic.h>
#include <stdint.h>

#include "core/log.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_HANDLE_GENERATION_MASK 63u

    /* The generation a handle carries. */
    static inline uint32_t ok4a_handle_generation(const void *handle)
    {
        return (uint32_t)((uintptr_t)handle & OK4A_HANDLE_GENERATION_MASK);
    }

    /* The object a handle names (not checked: compare its tag first). */
    static inline void *ok4a_handle_object(const void *handle)
    {
        return (void *)((uintptr_t)handle & ~(uintptr_t)OK4A_HANDLE_GENERATION_MASK);
    }

    /* The tag a live object named by `handle` has. */
    static inline uint32_t ok4a_handle_live_tag(const void *handle, uint32_t live_kind)
    {
        return live_kind | ok4a_handle_generation(handle);
    }

    /* The generation for the next use of an object whose tag is `old_tag`. */
    static inline uint32_t ok4a_handle_next_generation(uint32_t old_tag)
    {
        return (old_tag + 1) & OK4A_HANDLE_GENERATION_MASK;
    }

    /* The handle of `object` (64-byte aligned) in `generation`. */
    static inline void *ok4a_handle_make(void *object, uint32_t generation)
    {
        return (void *)((uintptr_t)object | generation);
    }

    /* True when `tag` is of `kind`, whatever its generation. */
    static inline int ok4a_handle_tag_is(uint32_t tag, uint32_t kind)
    {
        return (tag & ~OK4A_HANDLE_GENERATION_MASK) == kind;
    }

    /* Objects named by handles start with their tag. */
    typedef _Atomic(uint32_t) ok4a_handle_tag_t;

    /* The object `handle` names when it is live in the handle's generation, else NULL. */
    static inline void *ok4a_handle_live_object(const void *handle, uint32_t live_kind)
    {
        ok4a_handle_tag_t *tag = (ok4a_handle_tag_t *)ok4a_handle_object(handle);
        if (__builtin_expect(handle != NULL, 1) &&
            __builtin_expect(atomic_load_explicit(tag, memory_order_relaxed) == ok4a_handle_live_tag(handle, live_kind),
                             1))
        {
            return tag;
        }
        return NULL;
    }

    /* Logs why ok4a_handle_live_object() refused `handle` in `caller`; `what`
     * names the kind ("image"). */
    static inline __attribute__((cold)) void ok4a_handle_report(const void *handle, const char *caller,
                                                                const char *what, uint32_t live_kind,
                                                                uint32_t released_kind)
    {
        if (handle == NULL)
        {
            OK4A_LOG_ERROR("%s: %s handle is NULL", caller, what);
            return;
        }
        uint32_t tag = atomic_load_explicit((ok4a_handle_tag_t *)ok4a_handle_object(handle), memory_order_relaxed);
        if (ok4a_handle_tag_is(tag, released_kind))
        {
            OK4A_LOG_ERROR("%s: %s %p was already released (use after release)", caller, what, handle);
        }
        else if (ok4a_handle_tag_is(tag, live_kind))
        {
            OK4A_LOG_ERROR("%s: %s %p was already released; its memory now holds another %s (stale handle)", caller,
                           what, handle, what);
        }
        else
        {
            OK4A_LOG_ERROR("%s: %p is not a k4a_%s_t", caller, handle, what);
        }
    }

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_HANDLE_H_ */
