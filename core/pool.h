/* Thread-safe pools of fixed-size buffers (internal: //core:pool).
 *
 * For frame buffers: the USB transport fills a pooled buffer, wraps it in an
 * image without copying, and the image gives it back when its last reference
 * is released, on whatever thread that happens:
 *
 *   ok4a_pool_config_t config = {.name = "depth", .buffer_size = size, .max_buffers = 8};
 *   ok4a_pool_t *pool = ok4a_pool_create(&config);
 *   uint8_t *buffer = ok4a_pool_acquire(pool);       // NULL: all 8 in use (counted)
 *   ... fill buffer ...
 *   if (K4A_FAILED(k4a_image_create_from_buffer(format, w, h, stride, buffer, used,
 *                                               ok4a_pool_release, pool, &image)))
 *       ok4a_pool_release(buffer, pool);             // on failure we still own it
 *
 * Buffers are 64-byte aligned and not cleared. Each carries a small header, so
 * returning a buffer twice, or to the wrong pool, is detected, logged and
 * ignored instead of corrupting the pool. */
#ifndef OPENK4A_CORE_POOL_H_
#define OPENK4A_CORE_POOL_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct ok4a_pool ok4a_pool_t;

    typedef struct
    {
        const char *name;     /* for log messages (copied, truncated to 31 bytes); may be NULL */
        size_t buffer_size;   /* bytes per buffer, > 0 */
        uint32_t max_buffers; /* buffers in use + free, at most; 0 = no limit */
        uint32_t max_free;    /* free buffers kept for reuse, the rest are freed; 0 = keep all */
        uint32_t preallocate; /* buffers allocated up front (<= max_buffers when that is set) */
    } ok4a_pool_config_t;

    typedef struct
    {
        uint64_t in_use;       /* acquired and not yet released */
        uint64_t free;         /* kept for reuse */
        uint64_t allocations;  /* buffers ever allocated from the system */
        uint64_t acquired;     /* successful ok4a_pool_acquire() calls */
        uint64_t exhausted;    /* ok4a_pool_acquire() calls refused: max_buffers in use */
        uint64_t failed;       /* ok4a_pool_acquire() calls refused: out of memory */
        uint64_t bad_releases; /* double or foreign releases that were ignored */
    } ok4a_pool_stats_t;

    /* A new pool, or NULL (logged) for an invalid config or when memory runs out. */
    ok4a_pool_t *ok4a_pool_create(const ok4a_pool_config_t *config);

    /* Destroys the pool. Buffers still in use stay valid; the pool's memory is
     * freed when the last of them is released. NULL is ignored. */
    void ok4a_pool_destroy(ok4a_pool_t *pool);

    /* A buffer of ok4a_pool_buffer_size() bytes, or NULL when max_buffers are in
     * use or memory runs out (both counted in the stats, neither logged). */
    uint8_t *ok4a_pool_acquire(ok4a_pool_t *pool);

    /* Gives a buffer back. Has the k4a_memory_destroy_cb_t signature, so it can be
     * the release callback of k4a_image_create_from_buffer() with the pool as
     * context. A NULL buffer is ignored. */
    void ok4a_pool_release(void *buffer, void *pool);

    size_t ok4a_pool_buffer_size(const ok4a_pool_t *pool);

    /* Frees every free buffer (those in use are unaffected). */
    void ok4a_pool_trim(ok4a_pool_t *pool);

    void ok4a_pool_get_stats(const ok4a_pool_t *pool, ok4a_pool_stats_t *stats);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_POOL_H_ */
