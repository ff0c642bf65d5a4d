/* Buffers for k4a_image_create (internal): size-class pools, so a steady
 * stream of images of the same few sizes reuses buffers instead of calling
 * malloc (and, for large frames, mmap + page faults) every time.
 *
 * Sizes up to 4 KiB round up to a power of two (minimum 64), larger ones to a
 * quarter of their power of two (at most 25% waste), up to 64 MiB; larger
 * requests go straight to the system. Each class keeps a bounded number of
 * free buffers (about 128 MiB worth, 2..64 buffers). Classes up to 4 MiB also
 * have magazines: each thread keeps a few free buffers per class (up to 8,
 * at most 8 MiB worth), so a thread creating and releasing images of one size
 * takes no lock; and a depot per class holds full magazines' worth (at most
 * twice a magazine) for other threads, so images made on one thread and
 * released on another (the USB thread and the user's) go back and forth in
 * batches, one compare-and-swap per batch (core/handoff.h), instead of one
 * pool lock per buffer on each side. A thread's buffers go back to the pools when it exits; depots and the
 * calling thread's magazine when it calls ok4a_image_buffer_trim. */
#ifndef OPENK4A_CORE_IMAGE_BUFFERS_H_
#define OPENK4A_CORE_IMAGE_BUFFERS_H_

#include <stddef.h>
#include <stdint.h>

#include <k4a/k4atypes.h>

#include "core/allocator.h"
#include "core/thread_cache.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_IMAGE_BUFFER_MAX_POOLED ((size_t)64 << 20)

/* Size classes: powers of two from 2^6 to 2^12, then four per power of two
 * up to 2^26. Classes up to 2^22 (4 MiB) have the per-thread magazine. */
#define OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT 6
#define OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT 12
#define OK4A_IMAGE_BUFFER_MAGAZINE_MAX_SHIFT 22
#define OK4A_IMAGE_BUFFER_COARSE_CLASSES (OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT - OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT + 1)
#define OK4A_IMAGE_BUFFER_MAGAZINE_CLASSES                                                                             \
    (OK4A_IMAGE_BUFFER_COARSE_CLASSES + 4 * (OK4A_IMAGE_BUFFER_MAGAZINE_MAX_SHIFT - OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT))

#define OK4A_IMAGE_BUFFER_MAGAZINE_DEPTH 8

    /* One thread's cache: a stack of free buffers per magazine class. Only its
     * thread touches it; count[] is written with relaxed atomics because
     * ok4a_image_buffer_stats() reads it from other threads. In the header so the
     * hit path inlines. */
    typedef struct ok4a_image_magazine
    {
        ok4a_thread_cache_link_t link; /* core/thread_cache.h */
        uint8_t count[OK4A_IMAGE_BUFFER_MAGAZINE_CLASSES];
        uint8_t *buffers[OK4A_IMAGE_BUFFER_MAGAZINE_CLASSES][OK4A_IMAGE_BUFFER_MAGAZINE_DEPTH];
    } ok4a_image_magazine_t;

    /* The calling thread's ok4a_image_magazine_t; NULL until its first release
     * (void *: set and cleared by thread_cache.c). */
    extern __thread void *ok4a_image_magazine __attribute__((tls_model("initial-exec")));

    /* Index of the class for size (1..OK4A_IMAGE_BUFFER_MAX_POOLED), and its
     * buffer size. */
    static inline __attribute__((always_inline)) unsigned ok4a_image_buffer_class_of(size_t size, size_t *class_size)
    {
        /* 2^(shift-1) < size <= 2^shift */
        unsigned shift = size <= 1 ? 0 : 64u - (unsigned)__builtin_clzll((unsigned long long)size - 1);
        if (shift <= OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT)
        {
            shift = shift < OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT ? OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT : shift;
            *class_size = (size_t)1 << shift;
            return shift - OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT;
        }
        /* Four classes between 2^(shift-1) and 2^shift: steps of 2^(shift-3). */
        size_t quarters = ((size - 1) >> (shift - 3)) + 1; /* 5..8 */
        *class_size = quarters << (shift - 3);
        return OK4A_IMAGE_BUFFER_COARSE_CLASSES + 4 * (shift - 1 - OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT) +
               (unsigned)(quarters - 5);
    }

    /* The release callback of magazine-class buffers (context: the class index). */
    void ok4a_image_buffer_release_to_magazine(void *buffer, void *context);

    uint8_t *ok4a_image_buffer_acquire_slow(size_t size, k4a_memory_destroy_cb_t **release_cb, void **release_context);

    /* The fast half of ok4a_image_buffer_acquire(): a buffer from this thread's
     * magazine (with its callback and context), or NULL (sets them to NULL) and
     * the caller must call ok4a_image_buffer_acquire_slow(). */
    static inline __attribute__((always_inline)) uint8_t *
    ok4a_image_buffer_acquire_cached(size_t size, k4a_memory_destroy_cb_t **release_cb, void **release_context)
    {
        /* size - 1 wraps for 0, which takes the slow path, as does an
         * application allocator (k4a_set_allocator). */
        if (__builtin_expect(size - 1 < ((size_t)1 << OK4A_IMAGE_BUFFER_MAGAZINE_MAX_SHIFT), 1) &&
            __builtin_expect(!__atomic_load_n(&ok4a_allocator_set_hint, __ATOMIC_RELAXED), 1))
        {
            size_t class_size;
            unsigned index = ok4a_image_buffer_class_of(size, &class_size);
            ok4a_image_magazine_t *magazine = (ok4a_image_magazine_t *)ok4a_image_magazine;
            unsigned n = magazine != NULL ? magazine->count[index] : 0;
            if (__builtin_expect(n != 0, 1))
            {
                unsigned top = n - 1;
                __atomic_store_n(&magazine->count[index], (uint8_t)top, __ATOMIC_RELAXED);
                *release_cb = ok4a_image_buffer_release_to_magazine;
                *release_context = (void *)(uintptr_t)index;
                uint8_t *buffer = magazine->buffers[index][top];
                if (buffer == NULL)
                {
                    __builtin_unreachable(); /* magazines hold buffers only: the caller need not test */
                }
                return buffer;
            }
        }
        *release_cb = NULL;
        *release_context = NULL;
        return NULL;
    }

    /* Gets a buffer of at least `size` (> 0) bytes, 64-byte aligned (from the
     * application's allocator while one is set: aligned as its buffers are, plus
     * 64). On success
     * returns it with the callback and context that give it back; NULL when
     * memory runs out. */
    static inline uint8_t *ok4a_image_buffer_acquire(size_t size, k4a_memory_destroy_cb_t **release_cb,
                                                     void **release_context)
    {
        uint8_t *buffer = ok4a_image_buffer_acquire_cached(size, release_cb, release_context);
        return buffer != NULL ? buffer : ok4a_image_buffer_acquire_slow(size, release_cb, release_context);
    }

    /* The size class `size` falls into (for tests): its buffer size, or `size`
     * itself above OK4A_IMAGE_BUFFER_MAX_POOLED. */
    size_t ok4a_image_buffer_class_size(size_t size);

    typedef struct
    {
        uint64_t in_use;
        uint64_t pooled;
        uint64_t pooled_bytes;
    } ok4a_image_buffer_stats_t;

    void ok4a_image_buffer_stats(ok4a_image_buffer_stats_t *stats);

    /* Frees every pooled buffer not in use, including the depots' and the
     * calling thread's cached ones (other threads' caches are returned when they
     * exit). */
    void ok4a_image_buffer_trim(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_IMAGE_BUFFERS_H_ */
