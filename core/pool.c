#include "core/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define HEADER_SIZE 64 /* keeps the buffer 64-byte aligned */
#define MAGIC_FREE 0x6f6b3446u
#define MAGIC_IN_USE 0x6f6b3455u

/* Precedes every buffer. Only read for buffers the pool knows to be alive
 * (in its in-use set or free list): a released buffer may be freed memory. */
typedef struct
{
    uint32_t magic; /* guarded by the pool's lock */
    ok4a_pool_t *pool;
} buffer_header_t;

struct ok4a_pool
{
    pthread_mutex_t lock;
    char name[32];
    size_t buffer_size;
    uint32_t max_buffers;
    uint32_t max_free;
    bool destroyed;
    /* Free buffers (headers), a stack: the most recently used one is reused first. */
    buffer_header_t **free_list;
    size_t free_capacity;
    /* Buffers in use: an open-addressing set of header addresses (linear
     * probing, 0 = empty), at most half full, so a release is checked
     * without touching the buffer's memory. */
    uintptr_t *in_use_set;
    size_t set_capacity; /* a power of two */
    ok4a_pool_stats_t stats;
    struct ok4a_pool *prev, *next; /* g_pools, for fork() */
};

/* Every pool, so that fork() can take their locks (no pool lock is ever held
 * while g_pools_lock is taken). */
static pthread_mutex_t g_pools_lock = PTHREAD_MUTEX_INITIALIZER;
static ok4a_pool_t *g_pools;
static pthread_once_t g_atfork_once = PTHREAD_ONCE_INIT;

static void lock_all_for_fork(void)
{
    pthread_mutex_lock(&g_pools_lock);
    for (ok4a_pool_t *p = g_pools; p != NULL; p = p->next)
        pthread_mutex_lock(&p->lock);
}

static void unlock_all_after_fork(void)
{
    for (ok4a_pool_t *p = g_pools; p != NULL; p = p->next)
        pthread_mutex_unlock(&p->lock);
    pthread_mutex_unlock(&g_pools_lock);
}

static void register_atfork(void)
{
    pthread_atfork(lock_all_for_fork, unlock_all_after_fork, unlock_all_after_fork);
}

static void link_pool(ok4a_pool_t *pool)
{
    pthread_once(&g_atfork_once, register_atfork);
    pthread_mutex_lock(&g_pools_lock);
    pool->next = g_pools;
    if (g_pools != NULL)
        g_pools->prev = pool;
    g_pools = pool;
    pthread_mutex_unlock(&g_pools_lock);
}

static void unlink_pool(ok4a_pool_t *pool)
{
    pthread_mutex_lock(&g_pools_lock);
    if (pool->prev != NULL)
        pool->prev->next = pool->next;
    else if (g_pools == pool)
        g_pools = pool->next;
    if (pool->next != NULL)
        pool->next->prev = pool->prev;
    pthread_mutex_unlock(&g_pools_lock);
}

_Static_assert(sizeof(buffer_header_t) <= HEADER_SIZE, "buffer header too large");

static buffer_header_t *header_of(void *buffer)
{
    return (buffer_header_t *)((uint8_t *)buffer - HEADER_SIZE);
}

static uint8_t *buffer_of(buffer_header_t *header)
{
    return (uint8_t *)header + HEADER_SIZE;
}

static size_t set_home(const ok4a_pool_t *pool, uintptr_t key)
{
    /* Headers are 64-byte aligned: mix the bits above that. */
    const uint64_t h = (uint64_t)(key >> 6) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (pool->set_capacity - 1);
}

static void set_put(uintptr_t *set, size_t capacity, size_t home, uintptr_t key)
{
    size_t i = home;
    while (set[i] != 0)
        i = (i + 1) & (capacity - 1);
    set[i] = key;
}

/* Room for one more in-use buffer; false when out of memory. Lock held. */
static bool set_reserve_locked(ok4a_pool_t *pool)
{
    if ((pool->stats.in_use + 1) * 2 <= pool->set_capacity)
        return true;
    const size_t capacity = pool->set_capacity != 0 ? pool->set_capacity * 2 : 16;
    uintptr_t *grown = calloc(capacity, sizeof *grown);
    if (grown == NULL)
        return false;
    uintptr_t *old = pool->in_use_set;
    const size_t old_capacity = pool->set_capacity;
    pool->in_use_set = grown;
    pool->set_capacity = capacity;
    for (size_t i = 0; i < old_capacity; i++)
    {
        if (old[i] != 0)
            set_put(grown, capacity, set_home(pool, old[i]), old[i]);
    }
    free(old);
    return true;
}

/* Removes `key`; false when it is not there. Lock held. */
static bool set_take_locked(ok4a_pool_t *pool, uintptr_t key)
{
    if (pool->set_capacity == 0)
        return false;
    const size_t mask = pool->set_capacity - 1;
    size_t i = set_home(pool, key);
    while (pool->in_use_set[i] != key)
    {
        if (pool->in_use_set[i] == 0)
            return false;
        i = (i + 1) & mask;
    }
    /* Backward-shift deletion: later entries of the run move up. */
    for (size_t j = (i + 1) & mask; pool->in_use_set[j] != 0; j = (j + 1) & mask)
    {
        const size_t home = set_home(pool, pool->in_use_set[j]);
        /* Move j to i unless its home lies cyclically in (i, j]. */
        const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
        if (!stays)
        {
            pool->in_use_set[i] = pool->in_use_set[j];
            i = j;
        }
    }
    pool->in_use_set[i] = 0;
    return true;
}

static bool in_free_list_locked(const ok4a_pool_t *pool, const buffer_header_t *header)
{
    for (uint64_t i = 0; i < pool->stats.free; i++)
    {
        if (pool->free_list[i] == header)
            return true;
    }
    return false;
}

/* Called with the lock held. */
static buffer_header_t *allocate_locked(ok4a_pool_t *pool)
{
    /* aligned_alloc wants a multiple of the alignment. */
    size_t bytes = HEADER_SIZE + (pool->buffer_size + HEADER_SIZE - 1) / HEADER_SIZE * HEADER_SIZE;
    buffer_header_t *header = aligned_alloc(HEADER_SIZE, bytes);
    if (header != NULL)
    {
        header->pool = pool;
        header->magic = MAGIC_FREE;
        pool->stats.allocations++;
    }
    return header;
}

static void free_buffers_locked(ok4a_pool_t *pool)
{
    while (pool->stats.free > 0)
    {
        buffer_header_t *header = pool->free_list[--pool->stats.free];
        header->magic = 0;
        free(header);
    }
}

static void destroy_now(ok4a_pool_t *pool)
{
    unlink_pool(pool);
    pthread_mutex_destroy(&pool->lock);
    free(pool->free_list);
    free(pool->in_use_set);
    free(pool);
}

ok4a_pool_t *ok4a_pool_create(const ok4a_pool_config_t *config)
{
    if (config == NULL || config->buffer_size == 0 || config->buffer_size > SIZE_MAX / 2 ||
        (config->max_buffers != 0 && config->preallocate > config->max_buffers))
    {
        OK4A_LOG_ERROR("ok4a_pool_create: invalid config (buffer_size 0 or huge, or preallocate > max_buffers)");
        return NULL;
    }
    ok4a_pool_t *pool = calloc(1, sizeof *pool);
    if (pool == NULL)
    {
        OK4A_LOG_ERROR("ok4a_pool_create: out of memory");
        return NULL;
    }
    pthread_mutex_init(&pool->lock, NULL);
    link_pool(pool);
    snprintf(pool->name, sizeof pool->name, "%s", config->name != NULL ? config->name : "pool");
    pool->buffer_size = config->buffer_size;
    pool->max_buffers = config->max_buffers;
    pool->max_free = config->max_free;
    /* Room for every buffer the pool may keep, so releasing never allocates. */
    size_t keep = config->max_free != 0 ? config->max_free : config->max_buffers;
    pool->free_capacity = keep != 0 ? keep : 16;
    if (pool->free_capacity < config->preallocate)
    {
        pool->free_capacity = config->preallocate;
    }
    pool->free_list = calloc(pool->free_capacity, sizeof(buffer_header_t *));
    bool ok = pool->free_list != NULL;
    pthread_mutex_lock(&pool->lock);
    for (uint32_t i = 0; ok && i < config->preallocate; i++)
    {
        buffer_header_t *header = allocate_locked(pool);
        ok = header != NULL;
        if (ok)
        {
            pool->free_list[pool->stats.free++] = header;
        }
    }
    if (!ok)
    {
        free_buffers_locked(pool);
    }
    pthread_mutex_unlock(&pool->lock);
    if (!ok)
    {
        OK4A_LOG_ERROR("ok4a_pool_create %s: out of memory", pool->name);
        destroy_now(pool);
        return NULL;
    }
    return pool;
}

void ok4a_pool_destroy(ok4a_pool_t *pool)
{
    if (pool == NULL)
    {
        return;
    }
    pthread_mutex_lock(&pool->lock);
    if (pool->destroyed)
    {
        pthread_mutex_unlock(&pool->lock);
        OK4A_LOG_CRITICAL("ok4a_pool_destroy %s: destroyed twice", pool->name);
        return;
    }
    pool->destroyed = true;
    free_buffers_locked(pool);
    bool last = pool->stats.in_use == 0;
    pthread_mutex_unlock(&pool->lock);
    if (last)
    {
        destroy_now(pool);
    }
}

uint8_t *ok4a_pool_acquire(ok4a_pool_t *pool)
{
    if (pool == NULL)
    {
        OK4A_LOG_ERROR("ok4a_pool_acquire: NULL pool");
        return NULL;
    }
    pthread_mutex_lock(&pool->lock);
    buffer_header_t *header = NULL;
    if (!set_reserve_locked(pool))
    {
        pool->stats.failed++;
    }
    else if (pool->stats.free > 0)
    {
        header = pool->free_list[--pool->stats.free];
    }
    else if (pool->max_buffers != 0 && pool->stats.in_use >= pool->max_buffers)
    {
        pool->stats.exhausted++;
    }
    else if ((header = allocate_locked(pool)) == NULL)
    {
        pool->stats.failed++;
    }
    if (header != NULL)
    {
        header->magic = MAGIC_IN_USE;
        set_put(pool->in_use_set, pool->set_capacity, set_home(pool, (uintptr_t)header), (uintptr_t)header);
        pool->stats.in_use++;
        pool->stats.acquired++;
    }
    pthread_mutex_unlock(&pool->lock);
    return header != NULL ? buffer_of(header) : NULL;
}

void ok4a_pool_release(void *buffer, void *context)
{
    if (buffer == NULL)
    {
        return;
    }
    ok4a_pool_t *pool = context;
    if (pool == NULL)
    {
        OK4A_LOG_CRITICAL("ok4a_pool_release: buffer %p released to a NULL pool; ignored", buffer);
        return;
    }
    buffer_header_t *header = header_of(buffer);
    pthread_mutex_lock(&pool->lock);
    /* Membership first: the header of a buffer not in use here may be freed
     * memory (released twice after the pool freed it) or another pool's. */
    if (!set_take_locked(pool, (uintptr_t)header))
    {
        pool->stats.bad_releases++;
        const bool kept = in_free_list_locked(pool, header);
        pthread_mutex_unlock(&pool->lock);
        OK4A_LOG_CRITICAL("ok4a_pool_release %s: buffer %p %s; ignored", pool->name, buffer,
                          kept ? "released twice" : "does not belong to this pool (or was released twice and freed)");
        return;
    }
    pool->stats.in_use--;
    bool keep = !pool->destroyed && (pool->max_free == 0 || pool->stats.free < pool->max_free);
    if (keep && pool->stats.free == pool->free_capacity)
    {
        /* Only pools without a bound grow their free list (a warm-up cost). */
        size_t capacity = pool->free_capacity * 2;
        buffer_header_t **grown = realloc(pool->free_list, capacity * sizeof *grown);
        if (grown != NULL)
        {
            pool->free_list = grown;
            pool->free_capacity = capacity;
        }
        else
        {
            keep = false;
        }
    }
    if (keep)
    {
        header->magic = MAGIC_FREE;
        pool->free_list[pool->stats.free++] = header;
    }
    else
    {
        header->magic = 0;
        free(header);
    }
    bool last = pool->destroyed && pool->stats.in_use == 0;
    pthread_mutex_unlock(&pool->lock);
    if (last)
    {
        destroy_now(pool);
    }
}

size_t ok4a_pool_buffer_size(const ok4a_pool_t *pool)
{
    return pool != NULL ? pool->buffer_size : 0;
}

void ok4a_pool_trim(ok4a_pool_t *pool)
{
    if (pool != NULL)
    {
        pthread_mutex_lock(&pool->lock);
        free_buffers_locked(pool);
        pthread_mutex_unlock(&pool->lock);
    }
}

void ok4a_pool_get_stats(const ok4a_pool_t *pool, ok4a_pool_stats_t *stats)
{
    if (pool == NULL || stats == NULL)
    {
        if (stats != NULL)
        {
            memset(stats, 0, sizeof *stats);
        }
        return;
    }
    ok4a_pool_t *mutable_pool = (ok4a_pool_t *)pool;
    pthread_mutex_lock(&mutable_pool->lock);
    *stats = pool->stats;
    pthread_mutex_unlock(&mutable_pool->lock);
}
