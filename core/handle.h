/* Handles with a generation (internal): images and captures.
 *
 * Objects come from a slab (core/slab.h) and are reused, so a handle kept
 * after its release would otherwise equal the handle of the next object made
 * in the same memory, and calls on it would silently reach that object. Slab
 * objects are 64-byte aligned: a handle is the object's address with a
 * generation in its low 6 bits, and the object's tag holds its kind and
 * its current generation. Each reuse advances the generation,
 * so a stale handle no longer matches its object's tag: it is refused, not
 * aliased, until the same memory has been reused 64 times.
 *
 * The tag: kind + the low 32 bits of the handle (object address | generation);
 * kinds have their low 6 bits clear. Adding the address costs nothing on the
 * check (one lea from the handle, no masking and or-ing of the generation), and
 * the kind is still there: tag - (uint32_t)object. Handles are opaque to
 * users; only these functions turn them into object pointers. */
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

    /* The object a handle names (not checked: compare its tag first). */
    static inline void *ok4a_handle_object(const void *handle)
    {
        return (void *)((uintptr_t)handle & ~(uintptr_t)OK4A_HANDLE_GENERATION_MASK);
    }

    /* The tag of the object `handle` names when it is of `kind` in the
     * handle's generation. */
    static inline uint32_t ok4a_handle_tag(const void *handle, uint32_t kind)
    {
        return (uint32_t)(uintptr_t)handle + kind;
    }

    /* The handle of the object `handle` names in its next generation. */
    static inline void *ok4a_handle_next(const void *handle)
    {
        uintptr_t h = (uintptr_t)handle;
        return (void *)((h & ~(uintptr_t)OK4A_HANDLE_GENERATION_MASK) | ((h + 1) & OK4A_HANDLE_GENERATION_MASK));
    }

    /* True when `tag`, read from `object`, is of `kind`, whatever its generation. */
    static inline int ok4a_handle_tag_is(uint32_t tag, const void *object, uint32_t kind)
    {
        return ((tag - (uint32_t)(uintptr_t)object) & ~OK4A_HANDLE_GENERATION_MASK) == kind;
    }

    /* Objects named by handles start with their tag. */
    typedef _Atomic(uint32_t) ok4a_handle_tag_t;

    /* The object `handle` names when it is live in the handle's generation, else
     * NULL. A handle below 64 (NULL with or without a generation) names no object:
     * one test covers both, and tells the caller's NULL check it cannot fail. */
    static inline void *ok4a_handle_live_object(const void *handle, uint32_t live_kind)
    {
        ok4a_handle_tag_t *tag = (ok4a_handle_tag_t *)ok4a_handle_object(handle);
        if (__builtin_expect(tag != NULL, 1) &&
            __builtin_expect(atomic_load_explicit(tag, memory_order_relaxed) == ok4a_handle_tag(handle, live_kind), 1))
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
        void *object = ok4a_handle_object(handle);
        if (object == NULL)
        {
            OK4A_LOG_ERROR("%s: %p is not a k4a_%s_t", caller, handle, what);
            return;
        }
        uint32_t tag = atomic_load_explicit((ok4a_handle_tag_t *)object, memory_order_relaxed);
        if (ok4a_handle_tag_is(tag, object, released_kind))
        {
            OK4A_LOG_ERROR("%s: %s %p was already released (use after release)", caller, what, handle);
        }
        else if (ok4a_handle_tag_is(tag, object, live_kind))
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
