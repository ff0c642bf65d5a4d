#define _GNU_SOURCE /* sched_getaffinity, pthread_setname_np */
#include "core/color/decode_pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/wait.h"

#define MAX_WORKERS 64u
#define MAX_CAPACITY 1024u
#define DEFAULT_MAX_WORKERS 8u

typedef enum
{
    SLOT_QUEUED,
    SLOT_RUNNING,
    SLOT_DONE,
} slot_state_t;

typedef struct
{
    openk4a_decode_job_t job;
    openk4a_color_status_t status;
    bool warned;
    slot_state_t state;
} slot_t;

typedef struct
{
    openk4a_decode_pool_t *pool;
    openk4a_mjpeg_decoder_t *decoder;
    uint64_t recreations_reported;
    pthread_t thread;
} worker_t;

/* Jobs live in a ring indexed by sequence number. Sequence numbers only grow:
 * next_deliver <= next_take <= next_submit <= next_deliver + capacity. */
struct openk4a_decode_pool
{
    openk4a_decode_pool_config_t config;
    pthread_mutex_t mutex;
    pthread_cond_t work_ready; /* workers: a job was queued or stop requested */
    pthread_cond_t slot_freed; /* submitters and flushers: a job was reported */
    slot_t *slots;
    worker_t *workers;
    uint32_t worker_count;
    uint32_t capacity;
    uint64_t next_submit;
    uint64_t next_take;
    uint64_t next_deliver;
    bool delivering; /* one thread at a time runs callbacks, in order */
    bool stopping;
    openk4a_color_decoder_stats_t stats;
};

/* The pool whose callback this thread is running, to keep submit from waiting
 * on itself. */
static _Thread_local const openk4a_decode_pool_t *tls_in_callback;

uint32_t openk4a_decode_pool_default_workers(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    int count = 0;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        count = CPU_COUNT(&set);
    return count > 0 ? (uint32_t)count : 1u;
}

/* Reports finished jobs in order. Called with the mutex held; releases it
 * around each callback. Whoever finishes the oldest job delivers it and any
 * finished jobs behind it, so nothing waits for a dedicated thread. */
static void deliver_ready_locked(openk4a_decode_pool_t *pool)
{
    if (pool->delivering)
        return; /* that thread re-checks after each callback and will see ours */
    pool->delivering = true;
    while (pool->next_deliver < pool->next_take)
    {
        slot_t *slot = &pool->slots[pool->next_deliver % pool->capacity];
        if (slot->state != SLOT_DONE)
            break;
        const slot_t done = *slot;
        openk4a_color_decoder_stats_t *stats = &pool->stats;
        stats->by_status[done.status]++;
        if (done.status == OPENK4A_COLOR_OK)
        {
            stats->delivered++;
            stats->delivered_with_warning += done.warned;
        }
        else
        {
            stats->dropped++;
        }

        pthread_mutex_unlock(&pool->mutex);
        tls_in_callback = pool;
        pool->config.on_done(pool->config.callback_context, &done.job, done.status, done.warned);
        tls_in_callback = NULL;
        pthread_mutex_lock(&pool->mutex);

        /* The slot stays taken until its callback returned: in_flight counts
         * frames whose buffers the pool may still hand out. */
        pool->next_deliver++;
        pool->stats.in_flight--;
        pthread_cond_broadcast(&pool->slot_freed);
    }
    pool->delivering = false;
}

static void *worker_main(void *arg)
{
    worker_t *worker = arg;
    openk4a_decode_pool_t *pool = worker->pool;
    pthread_setname_np(pthread_self(), "openk4a-color");
    pthread_mutex_lock(&pool->mutex);
    for (;;)
    {
        while (pool->next_take == pool->next_submit && !pool->stopping)
            pthread_cond_wait(&pool->work_ready, &pool->mutex);
        if (pool->next_take == pool->next_submit)
            break; /* stopping and nothing left to take */
        slot_t *slot = &pool->slots[pool->next_take++ % pool->capacity];
        slot->state = SLOT_RUNNING;
        const openk4a_bgra32_request_t request = slot->job.request;
        pthread_mutex_unlock(&pool->mutex);

        bool warned = false;
        const openk4a_color_status_t status = openk4a_to_bgra32(worker->decoder, &request, pool->config.mode, &warned);
        const uint64_t recreations = openk4a_mjpeg_decoder_handle_recreations(worker->decoder);

        pthread_mutex_lock(&pool->mutex);
        pool->stats.handle_recreations += recreations - worker->recreations_reported;
        worker->recreations_reported = recreations;
        slot->status = status;
        slot->warned = warned;
        slot->state = SLOT_DONE;
        deliver_ready_locked(pool);
    }
    pthread_mutex_unlock(&pool->mutex);
    return NULL;
}

/* Stops and joins the first `started` workers, frees everything. */
static void teardown(openk4a_decode_pool_t *pool, uint32_t started)
{
    pthread_mutex_lock(&pool->mutex);
    pool->stopping = true;
    pthread_cond_broadcast(&pool->work_ready);
    pthread_mutex_unlock(&pool->mutex);
    for (uint32_t i = 0; i < started; i++)
        pthread_join(pool->workers[i].thread, NULL);
    for (uint32_t i = 0; i < pool->worker_count; i++)
        openk4a_mjpeg_decoder_destroy(pool->workers[i].decoder);
    pthread_cond_destroy(&pool->slot_freed);
    pthread_cond_destroy(&pool->work_ready);
    pthread_mutex_destroy(&pool->mutex);
    free(pool->workers);
    free(pool->slots);
    free(pool);
}

openk4a_color_status_t openk4a_decode_pool_create(const openk4a_decode_pool_config_t *config,
                                                  openk4a_decode_pool_t **out)
{
    if (out == NULL)
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    *out = NULL;
    if (config == NULL || config->on_done == NULL || config->worker_count > MAX_WORKERS ||
        config->queue_capacity > MAX_CAPACITY ||
        (config->mode != OPENK4A_COLOR_MODE_FAST && config->mode != OPENK4A_COLOR_MODE_ACCURATE))
        return OPENK4A_COLOR_INVALID_ARGUMENT;

    uint32_t workers = config->worker_count;
    if (workers == 0)
    {
        workers = openk4a_decode_pool_default_workers();
        workers = workers > DEFAULT_MAX_WORKERS ? DEFAULT_MAX_WORKERS : workers;
    }
    const uint32_t capacity = config->queue_capacity ? config->queue_capacity : 2 * workers;

    openk4a_decode_pool_t *pool = calloc(1, sizeof *pool);
    if (pool == NULL)
        return OPENK4A_COLOR_NO_MEMORY;
    pool->config = *config;
    pool->worker_count = workers;
    pool->capacity = capacity;
    pool->stats.worker_count = workers;
    pool->stats.queue_capacity = capacity;

    pthread_mutex_init(&pool->mutex, NULL);
    ok4a_cond_init_monotonic(&pool->work_ready);
    ok4a_cond_init_monotonic(&pool->slot_freed);

    pool->slots = calloc(capacity, sizeof *pool->slots);
    pool->workers = calloc(workers, sizeof *pool->workers);
    if (pool->slots == NULL || pool->workers == NULL)
    {
        teardown(pool, 0);
        return OPENK4A_COLOR_NO_MEMORY;
    }
    for (uint32_t i = 0; i < workers; i++)
    {
        pool->workers[i].pool = pool;
        if ((pool->workers[i].decoder = openk4a_mjpeg_decoder_create()) == NULL)
        {
            teardown(pool, 0);
            return OPENK4A_COLOR_NO_MEMORY;
        }
    }
    for (uint32_t i = 0; i < workers; i++)
    {
        if (pthread_create(&pool->workers[i].thread, NULL, worker_main, &pool->workers[i]) != 0)
        {
            teardown(pool, i);
            return OPENK4A_COLOR_NO_MEMORY;
        }
    }
    *out = pool;
    return OPENK4A_COLOR_OK;
}

openk4a_color_status_t openk4a_decode_pool_submit(openk4a_decode_pool_t *pool, const openk4a_decode_job_t *job,
                                                  int32_t timeout_ms)
{
    if (pool == NULL)
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    if (tls_in_callback == pool)
        timeout_ms = 0;
    const struct timespec deadline = ok4a_deadline_after_ms(timeout_ms);
    pthread_mutex_lock(&pool->mutex);
    openk4a_color_status_t status = OPENK4A_COLOR_OK;
    if (job == NULL || pool->stopping)
        status = OPENK4A_COLOR_INVALID_ARGUMENT;
    while (status == OPENK4A_COLOR_OK && pool->next_submit - pool->next_deliver >= pool->capacity)
    {
        if (!ok4a_cond_wait_step(&pool->slot_freed, &pool->mutex, timeout_ms, &deadline))
            status = OPENK4A_COLOR_QUEUE_FULL;
    }
    if (status != OPENK4A_COLOR_OK)
    {
        pool->stats.rejected++;
        pool->stats.by_status[status]++;
        pthread_mutex_unlock(&pool->mutex);
        return status;
    }
    slot_t *slot = &pool->slots[pool->next_submit++ % pool->capacity];
    slot->job = *job;
    slot->state = SLOT_QUEUED;
    slot->warned = false;
    pool->stats.submitted++;
    pool->stats.in_flight++;
    if (pool->stats.in_flight > pool->stats.max_in_flight)
        pool->stats.max_in_flight = pool->stats.in_flight;
    pthread_cond_signal(&pool->work_ready);
    pthread_mutex_unlock(&pool->mutex);
    return OPENK4A_COLOR_OK;
}

bool openk4a_decode_pool_flush(openk4a_decode_pool_t *pool, int32_t timeout_ms)
{
    if (pool == NULL)
        return true;
    const struct timespec deadline = ok4a_deadline_after_ms(timeout_ms);
    pthread_mutex_lock(&pool->mutex);
    bool drained = true;
    while (pool->next_deliver != pool->next_submit)
    {
        if (!ok4a_cond_wait_step(&pool->slot_freed, &pool->mutex, timeout_ms, &deadline))
        {
            drained = pool->next_deliver == pool->next_submit;
            break;
        }
    }
    pthread_mutex_unlock(&pool->mutex);
    return drained;
}

void openk4a_decode_pool_get_stats(openk4a_decode_pool_t *pool, openk4a_color_decoder_stats_t *stats)
{
    if (pool == NULL || stats == NULL)
        return;
    pthread_mutex_lock(&pool->mutex);
    *stats = pool->stats;
    pthread_mutex_unlock(&pool->mutex);
}

void openk4a_decode_pool_destroy(openk4a_decode_pool_t *pool)
{
    if (pool == NULL)
        return;
    if (tls_in_callback == pool)
    {
        /* Joining our own thread would hang forever: fail loudly instead. */
        fprintf(stderr, "openk4a: openk4a_decode_pool_destroy called from its own completion callback\n");
        abort();
    }
    /* Workers leave only when nothing is left to take; the last one to finish
     * reports everything still pending. */
    teardown(pool, pool->worker_count);
}
