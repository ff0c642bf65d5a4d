/* Ordered parallel conversion to BGRA32 on raw buffers.
 *
 * Frames are submitted in order; a small set of worker threads (one per
 * available CPU by default) convert them concurrently, each with its own
 * TurboJPEG decoder; completions are reported in submission order, one at a
 * time, whatever order the workers finish in. The queue is bounded: at most
 * `queue_capacity` frames are in flight (submitted, not yet reported), so
 * memory stays fixed and a producer that outruns the decoders is told at once
 * (or after its timeout) instead of piling up frames.
 *
 * openk4a/color.h wraps this for k4a images; this level is for code that owns
 * raw buffers (tests, benchmarks, fuzzers). */
#ifndef OPENK4A_CORE_COLOR_DECODE_POOL_H_
#define OPENK4A_CORE_COLOR_DECODE_POOL_H_

#include <stdbool.h>
#include <stdint.h>

#include "core/color/to_bgra32.h"
#include "openk4a/color_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct openk4a_decode_pool openk4a_decode_pool_t;

    /* One frame. The pool copies this struct; the buffers it points to must stay
     * valid until the completion for this job has returned. The three pointers
     * are handed back untouched (the k4a layer keeps its images there). */
    typedef struct
    {
        openk4a_bgra32_request_t request;
        void *user_context;
        void *source_owner;
        void *destination_owner;
    } openk4a_decode_job_t;

    /* Called once per accepted job, in submission order, never concurrently with
     * itself, on one of the pool's threads. On any status but OK the destination
     * holds no valid image. The callback may submit with timeout 0 (a longer
     * timeout is treated as 0 there: waiting would deadlock) but must not flush
     * or destroy the pool. */
    typedef void (*openk4a_decode_pool_done_cb_t)(void *callback_context, const openk4a_decode_job_t *job,
                                                  openk4a_color_status_t status, bool warned);

    typedef struct
    {
        uint32_t worker_count;   /* 0: one per CPU this process may run on, at most 8 */
        uint32_t queue_capacity; /* 0: 2 * worker_count */
        openk4a_color_mode_t mode;
        openk4a_decode_pool_done_cb_t on_done; /* required */
        void *callback_context;
    } openk4a_decode_pool_config_t;

    /* CPUs this process may run on (sched_getaffinity), at least 1. */
    uint32_t openk4a_decode_pool_default_workers(void);

    /* OK, INVALID_ARGUMENT (NULL pointers, no callback, bad mode, more than 64
     * workers or 1024 slots) or NO_MEMORY. On failure *pool is NULL. */
    openk4a_color_status_t openk4a_decode_pool_create(const openk4a_decode_pool_config_t *config,
                                                      openk4a_decode_pool_t **pool);

    /* Queues a copy of `job`. Waits up to `timeout_ms` (0: not at all, -1:
     * forever) for a free slot. Returns OK (the callback will run exactly once),
     * QUEUE_FULL (timed out) or INVALID_ARGUMENT (NULL job); in both failure cases
     * the callback is not called and the refusal is counted in the statistics. */
    openk4a_color_status_t openk4a_decode_pool_submit(openk4a_decode_pool_t *pool, const openk4a_decode_job_t *job,
                                                      int32_t timeout_ms);

    /* Waits up to `timeout_ms` (-1: forever) until every accepted job has been
     * reported. True when none is left. */
    bool openk4a_decode_pool_flush(openk4a_decode_pool_t *pool, int32_t timeout_ms);

    void openk4a_decode_pool_get_stats(openk4a_decode_pool_t *pool, openk4a_color_decoder_stats_t *stats);

    /* Finishes and reports every accepted job, then stops the threads. Accepts
     * NULL. Must not be called from the completion callback. */
    void openk4a_decode_pool_destroy(openk4a_decode_pool_t *pool);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_DECODE_POOL_H_ */
