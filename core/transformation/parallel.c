#define _POSIX_C_SOURCE 200809L /* sysconf */

#include "core/transformation/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#define OK4A_PARALLEL_MAX_THREADS 8

struct ok4a_parallel
{
    pthread_mutex_t mutex;
    pthread_cond_t start; /* workers wait for a new generation */
    pthread_cond_t done;  /* the caller waits for active == 0 */
    unsigned long generation;
    bool stopping;
    /* A run is closed once the caller has found no task left: workers waking later sit it out,
     * so a descheduled thread never delays the caller (machines with more threads than cores). */
    bool closed;
    int active; /* workers that joined the current run and are still in it */
    ok4a_parallel_fn *fn;
    void *context;
    int tasks;
    atomic_int next_task;
    int workers;
    pthread_t threads[OK4A_PARALLEL_MAX_THREADS];
};

static void drain(ok4a_parallel_t *pool)
{
    for (;;)
    {
        int task = atomic_fetch_add_explicit(&pool->next_task, 1, memory_order_relaxed);
        if (task >= pool->tasks)
        {
            return;
        }
        pool->fn(pool->context, task);
    }
}

static void *worker(void *arg)
{
    ok4a_parallel_t *pool = arg;
    unsigned long seen = 0;
    pthread_mutex_lock(&pool->mutex);
    for (;;)
    {
        while (pool->generation == seen && !pool->stopping)
        {
            pthread_cond_wait(&pool->start, &pool->mutex);
        }
        if (pool->stopping)
        {
            break;
        }
        seen = pool->generation;
        if (pool->closed)
        {
            continue; /* woke too late for this run */
        }
        pool->active++;
        pthread_mutex_unlock(&pool->mutex);
        drain(pool);
        pthread_mutex_lock(&pool->mutex);
        if (--pool->active == 0 && pool->closed)
        {
            pthread_cond_signal(&pool->done);
        }
    }
    pthread_mutex_unlock(&pool->mutex);
    return NULL;
}

ok4a_parallel_t *ok4a_parallel_create(int threads)
{
    if (threads <= 0)
    {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus > 0 ? (int)cpus : 1;
    }
    threads = threads < OK4A_PARALLEL_MAX_THREADS + 1 ? threads : OK4A_PARALLEL_MAX_THREADS + 1;
    ok4a_parallel_t *pool = calloc(1, sizeof *pool);
    if (pool == NULL)
    {
        return NULL;
    }
    pthread_mutex_init(&pool->mutex, NULL);
    pthread_cond_init(&pool->start, NULL);
    pthread_cond_init(&pool->done, NULL);
    for (int i = 0; i < threads - 1; i++)
    {
        if (pthread_create(&pool->threads[i], NULL, worker, pool) != 0)
        {
            break; /* fewer threads still work */
        }
        pool->workers++;
    }
    return pool;
}

void ok4a_parallel_destroy(ok4a_parallel_t *pool)
{
    if (pool == NULL)
    {
        return;
    }
    pthread_mutex_lock(&pool->mutex);
    pool->stopping = true;
    pthread_cond_broadcast(&pool->start);
    pthread_mutex_unlock(&pool->mutex);
    for (int i = 0; i < pool->workers; i++)
    {
        pthread_join(pool->threads[i], NULL);
    }
    pthread_cond_destroy(&pool->done);
    pthread_cond_destroy(&pool->start);
    pthread_mutex_destroy(&pool->mutex);
    free(pool);
}

int ok4a_parallel_threads(const ok4a_parallel_t *pool)
{
    return pool->workers + 1;
}

void ok4a_parallel_run(ok4a_parallel_t *pool, int tasks, ok4a_parallel_fn *fn, void *context)
{
    if (tasks <= 0)
    {
        return;
    }
    pthread_mutex_lock(&pool->mutex);
    pool->fn = fn;
    pool->context = context;
    pool->tasks = tasks;
    atomic_store_explicit(&pool->next_task, 0, memory_order_relaxed);
    pool->closed = false;
    pool->generation++;
    pthread_cond_broadcast(&pool->start);
    pthread_mutex_unlock(&pool->mutex);
    drain(pool);
    pthread_mutex_lock(&pool->mutex);
    pool->closed = true; /* every task is claimed; wait only for those being finished */
    while (pool->active > 0)
    {
        pthread_cond_wait(&pool->done, &pool->mutex);
    }
    pthread_mutex_unlock(&pool->mutex);
}
