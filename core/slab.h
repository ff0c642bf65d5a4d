/* Fixed-size object recycling for images and captures (internal).
 *
 * Objects come from chunks that are never returned to the system, so a stale
 * handle still points at readable memory whose tag says "released" (until the
 * slot is reused). Each thread keeps a small cache per slab; the shared free
 * list is only touched (under a mutex) to move a batch in or out, so a steady
 * create/release loop takes no lock, no atomic read-modify-write and makes no
 * heap allocation. Batches between threads (objects made on one and freed on
 * another) go first through a lock-free slot (core/handoff.h), the list only
 * when the slot is full, empty or busy. A thread's cache goes back to the
 * shared list at exit.
 *
 * Objects are 64-byte aligned (core/handle.h keeps a generation in the low
 * bits of their handles). ok4a_slab_free() may be given an object's address
 * with those bits set: the slab never reads them and hands the value back from
 * ok4a_slab_alloc() as it was given (new objects come with the bits clear).
 *
 * Objects are handed out uninitialised except for what the caller left in
 * them: a slab never writes into an object after its first allocation, so
 * fields such as a tag or a lock survive from one use to the next.
 *
 * C and C++ can include this header (tests do): atomics are GNU builtins. */
#ifndef OPENK4A_CORE_SLAB_H_
#define OPENK4A_CORE_SLAB_H_

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/handoff.h"
#include "core/thread_cache.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* Slabs are static objects with a fixed index (the index of their cache in
 * every thread's cache table). */
#define OK4A_SLAB_MAX 4
#define OK4A_SLAB_OBJECTS_PER_CHUNK 64
#define OK4A_SLAB_CACHE_SIZE 32

    typedef struct ok4a_slab
    {
        const char *name;
        size_t object_size; /* rounded up to a cache line at the first chunk */
        unsigned index;     /* < OK4A_SLAB_MAX, unique */
        /* Called once for each object when its chunk is made (e.g. to set a
         * "released" tag or initialise a lock). May be NULL. */
        void (*construct)(void *object);
        pthread_mutex_t lock;
        void **free_objects; /* guarded by lock */
        size_t free_count, free_capacity;
        void *chunks; /* singly linked via the chunk's first word; guarded by lock */
        uint64_t total_objects;
        ok4a_handoff_t handoff; /* a batch on its way between threads, in front of free_objects */
    } ok4a_slab_t;

#define OK4A_SLAB_INITIALIZER(name_, size_, index_, construct_)                                                        \
    {                                                                                                                  \
        (name_), (size_), (index_), (construct_), PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, NULL, 0,                      \
            OK4A_HANDOFF_INITIALIZER                                                                                   \
    }

    /* One per thread (core/thread_cache.h), reached through a single TLS pointer. */
    typedef struct ok4a_slab_cache
    {
        ok4a_thread_cache_link_t link;
        void *objects[OK4A_SLAB_MAX][OK4A_SLAB_CACHE_SIZE];
        /* Written by the owner; read by ok4a_slab_live() (atomically, relaxed). */
        uint32_t count[OK4A_SLAB_MAX];
    } ok4a_slab_cache_t;

    /* This thread's ok4a_slab_cache_t (void *: set and cleared by thread_cache.c). */
    extern __thread void *ok4a_slab_thread_cache __attribute__((tls_model("initial-exec")));

    void *ok4a_slab_alloc_slow(ok4a_slab_t *slab);
    void ok4a_slab_free_slow(ok4a_slab_t *slab, void *object);

    /* The fast half of ok4a_slab_alloc() on the slab whose index is `idx`: an
     * object from this thread's cache, or NULL (cache empty or not made yet) and
     * the caller must call ok4a_slab_alloc_slow(). With a constant index (a
     * slab's owner knows it) the cache slot's address is a constant offset. */
    static inline __attribute__((always_inline)) void *ok4a_slab_alloc_cached_at(unsigned idx)
    {
        ok4a_slab_cache_t *cache = (ok4a_slab_cache_t *)ok4a_slab_thread_cache;
        if (__builtin_expect(cache != NULL, 1))
        {
            uint32_t n = __atomic_load_n(&cache->count[idx], __ATOMIC_RELAXED);
            if (__builtin_expect(n > 0, 1))
            {
                void *object = cache->objects[idx][n - 1];
                __atomic_store_n(&cache->count[idx], n - 1, __ATOMIC_RELAXED);
                if (object == NULL)
                {
                    __builtin_unreachable(); /* caches hold objects only: callers need not test */
                }
                return object;
            }
        }
        return NULL;
    }

    static inline void *ok4a_slab_alloc_cached(ok4a_slab_t *slab)
    {
        /* Read once: the compiler may not move plain loads across the atomics. */
        return ok4a_slab_alloc_cached_at(slab->index);
    }

    /* An object, or NULL when memory runs out. */
    static inline void *ok4a_slab_alloc(ok4a_slab_t *slab)
    {
        void *object = ok4a_slab_alloc_cached(slab);
        return object != NULL ? object : ok4a_slab_alloc_slow(slab);
    }

    /* The fast half of ok4a_slab_free() on the slab whose index is `idx`: puts
     * the object in this thread's cache and returns true, or returns false
     * (cache full or not made yet) and the caller must call ok4a_slab_free_slow(). */
    static inline __attribute__((always_inline)) bool ok4a_slab_free_cached_at(unsigned idx, void *object)
    {
        ok4a_slab_cache_t *cache = (ok4a_slab_cache_t *)ok4a_slab_thread_cache;
        if (__builtin_expect(cache != NULL, 1))
        {
            uint32_t n = __atomic_load_n(&cache->count[idx], __ATOMIC_RELAXED);
            if (__builtin_expect(n < OK4A_SLAB_CACHE_SIZE, 1))
            {
                cache->objects[idx][n] = object;
                __atomic_store_n(&cache->count[idx], n + 1, __ATOMIC_RELAXED);
                return true;
            }
        }
        return false;
    }

    static inline bool ok4a_slab_free_cached(ok4a_slab_t *slab, void *object)
    {
        return ok4a_slab_free_cached_at(slab->index, object);
    }

    /* Returns an object obtained from ok4a_slab_alloc() on the same slab, from
     * any thread. */
    static inline void ok4a_slab_free(ok4a_slab_t *slab, void *object)
    {
        if (!ok4a_slab_free_cached(slab, object))
        {
            ok4a_slab_free_slow(slab, object);
        }
    }

    /* Objects allocated and not yet freed (a snapshot; exact when no other
     * thread is allocating or freeing). */
    uint64_t ok4a_slab_live(ok4a_slab_t *slab);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_SLAB_H_ */
