#include "core/slab.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define CACHE_BATCH (OK4A_SLAB_CACHE_SIZE / 2)
#define CACHE_LINE 64

__thread void *ok4a_slab_thread_cache __attribute__((tls_model("initial-exec")));

/* Slabs seen so far, so an exiting thread can hand its cached objects back
 * and fork() can take their locks. A slab is listed, under g_slabs_lock,
 * before its lock is first taken: fork() holds g_slabs_lock, so no slab it
 * did not lock can be locked by another thread at the fork (the child would
 * inherit that lock held). */
static ok4a_slab_t *g_slabs[OK4A_SLAB_MAX];
static pthread_mutex_t g_slabs_lock = PTHREAD_MUTEX_INITIALIZER;

static void list_slab(ok4a_slab_t *slab)
{
    if (__atomic_load_n(&g_slabs[slab->index], __ATOMIC_ACQUIRE) == NULL)
    {
        pthread_mutex_lock(&g_slabs_lock);
        __atomic_store_n(&g_slabs[slab->index], slab, __ATOMIC_RELEASE);
        pthread_mutex_unlock(&g_slabs_lock);
    }
}

static void flush_thread_cache(void *cache);
static void lock_all_for_fork(void);
static void unlock_all_after_fork(void);

/* Lock order: a slab's lock before the registry's (ok4a_slab_live). */
static ok4a_thread_cache_registry_t g_registry = OK4A_THREAD_CACHE_REGISTRY_INITIALIZER(
    "slab", sizeof(ok4a_slab_cache_t), flush_thread_cache, lock_all_for_fork, unlock_all_after_fork);

static uint32_t count_of(ok4a_slab_cache_t *cache, unsigned idx)
{
    return __atomic_load_n(&cache->count[idx], __ATOMIC_RELAXED);
}

static void set_count(ok4a_slab_cache_t *cache, unsigned idx, uint32_t n)
{
    __atomic_store_n(&cache->count[idx], n, __ATOMIC_RELAXED);
}

/* Moves up to n objects from the thread cache back to the slab: a batch to
 * the hand-off slot when it takes them, else to the free list. */
static void give_back(ok4a_slab_t *slab, ok4a_slab_cache_t *cache, unsigned n)
{
    unsigned idx = slab->index;
    uint32_t cached = count_of(cache, idx);
    if (n == CACHE_BATCH && cached >= n &&
        ok4a_handoff_give(&slab->handoff, &cache->objects[idx][cached - n], n, CACHE_BATCH))
    {
        set_count(cache, idx, cached - n);
        return;
    }
    pthread_mutex_lock(&slab->lock);
    /* free_capacity >= total_objects, so this never overflows. */
    uint32_t count = count_of(cache, idx);
    while (n > 0 && count > 0)
    {
        slab->free_objects[slab->free_count++] = cache->objects[idx][--count];
        n--;
    }
    set_count(cache, idx, count);
    pthread_mutex_unlock(&slab->lock);
}

/* At thread exit: every cached object back to its slab's shared list. */
static void flush_thread_cache(void *cache)
{
    for (unsigned i = 0; i < OK4A_SLAB_MAX; i++)
    {
        ok4a_slab_t *slab = __atomic_load_n(&g_slabs[i], __ATOMIC_ACQUIRE);
        if (slab != NULL)
        {
            give_back(slab, cache, OK4A_SLAB_CACHE_SIZE);
        }
    }
}

/* fork(): no slab lock may be held by a thread that does not exist in the
 * child. Taken in index order, released in reverse. */
static void lock_all_for_fork(void)
{
    pthread_mutex_lock(&g_slabs_lock);
    for (unsigned i = 0; i < OK4A_SLAB_MAX; i++)
    {
        ok4a_slab_t *slab = __atomic_load_n(&g_slabs[i], __ATOMIC_ACQUIRE);
        if (slab != NULL)
        {
            pthread_mutex_lock(&slab->lock);
            ok4a_handoff_hold_for_fork(&slab->handoff);
        }
    }
}

static void unlock_all_after_fork(void)
{
    for (unsigned i = OK4A_SLAB_MAX; i-- > 0;)
    {
        ok4a_slab_t *slab = __atomic_load_n(&g_slabs[i], __ATOMIC_ACQUIRE);
        if (slab != NULL)
        {
            ok4a_handoff_release_after_fork(&slab->handoff);
            pthread_mutex_unlock(&slab->lock);
        }
    }
    pthread_mutex_unlock(&g_slabs_lock);
}

static ok4a_slab_cache_t *new_thread_cache(void)
{
    return ok4a_thread_cache_make(&g_registry, &ok4a_slab_thread_cache);
}

/* Called with slab->lock held: adds one chunk of objects to the free list. */
static bool grow_locked(ok4a_slab_t *slab)
{
    if (slab->chunks == NULL)
    {
        slab->object_size = (slab->object_size + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
    }
    size_t new_capacity = (size_t)slab->total_objects + OK4A_SLAB_OBJECTS_PER_CHUNK;
    if (new_capacity > slab->free_capacity)
    {
        void **grown = realloc(slab->free_objects, new_capacity * 2 * sizeof(void *));
        if (grown == NULL)
        {
            return false;
        }
        slab->free_objects = grown;
        slab->free_capacity = new_capacity * 2;
    }
    /* The first cache line holds the chunk link, so objects stay aligned. */
    uint8_t *chunk = aligned_alloc(CACHE_LINE, CACHE_LINE + slab->object_size * OK4A_SLAB_OBJECTS_PER_CHUNK);
    if (chunk == NULL)
    {
        return false;
    }
    memcpy(chunk, &slab->chunks, sizeof(void *));
    slab->chunks = chunk;
    for (int i = OK4A_SLAB_OBJECTS_PER_CHUNK - 1; i >= 0; i--)
    {
        void *object = chunk + CACHE_LINE + (size_t)i * slab->object_size;
        memset(object, 0, slab->object_size);
        if (slab->construct != NULL)
        {
            slab->construct(object);
        }
        slab->free_objects[slab->free_count++] = object;
    }
    slab->total_objects += OK4A_SLAB_OBJECTS_PER_CHUNK;
    return true;
}

/* Objects that come back from other threads are about to be filled here:
 * asking for their first lines now overlaps those misses, instead of each
 * create waiting for its own (the stores of a few creates fill the store
 * buffer). The handles may carry a generation in their low bits. */
static void prefetch_for_write(void *const *objects, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
    {
        ok4a_prefetch_for_write((const void *)((uintptr_t)objects[i] & ~(uintptr_t)(CACHE_LINE - 1)));
    }
}

void *ok4a_slab_alloc_slow(ok4a_slab_t *slab)
{
    ok4a_slab_cache_t *cache = ok4a_slab_thread_cache;
    if (cache == NULL)
    {
        cache = new_thread_cache(); /* NULL: work straight from the shared list */
    }
    list_slab(slab); /* every other use of a slab follows an allocation */
    unsigned idx = slab->index;
    uint32_t count = cache != NULL ? count_of(cache, idx) : CACHE_BATCH;
    if (count < CACHE_BATCH)
    {
        /* A batch another thread gave back, without the lock. */
        uint32_t got = ok4a_handoff_take(&slab->handoff, &cache->objects[idx][count], CACHE_BATCH - count);
        if (got > 0)
        {
            prefetch_for_write(&cache->objects[idx][count], got);
            set_count(cache, idx, count + got - 1);
            return cache->objects[idx][count + got - 1];
        }
    }
    pthread_mutex_lock(&slab->lock);
    if (slab->free_count == 0 && !grow_locked(slab))
    {
        pthread_mutex_unlock(&slab->lock);
        OK4A_LOG_ERROR("slab %s: out of memory", slab->name);
        return NULL;
    }
    if (cache != NULL)
    {
        while (count < CACHE_BATCH && slab->free_count > 1)
        {
            cache->objects[idx][count++] = slab->free_objects[--slab->free_count];
        }
        set_count(cache, idx, count);
    }
    void *object = slab->free_objects[--slab->free_count];
    pthread_mutex_unlock(&slab->lock);
    return object;
}

void ok4a_slab_free_slow(ok4a_slab_t *slab, void *object)
{
    ok4a_slab_cache_t *cache = ok4a_slab_thread_cache;
    if (cache == NULL)
    {
        cache = new_thread_cache();
    }
    if (cache != NULL)
    {
        unsigned idx = slab->index;
        if (count_of(cache, idx) == OK4A_SLAB_CACHE_SIZE)
        {
            give_back(slab, cache, CACHE_BATCH);
        }
        uint32_t n = count_of(cache, idx);
        cache->objects[idx][n] = object;
        set_count(cache, idx, n + 1);
        return;
    }
    pthread_mutex_lock(&slab->lock);
    slab->free_objects[slab->free_count++] = object;
    pthread_mutex_unlock(&slab->lock);
}

struct idle_count
{
    unsigned index;
    uint64_t idle;
};

static void count_idle(void *cache, void *arg)
{
    struct idle_count *count = arg;
    count->idle += count_of(cache, count->index);
}

uint64_t ok4a_slab_live(ok4a_slab_t *slab)
{
    /* Everything ever made, minus what sits in the shared list and in the
     * thread caches (and the hand-off slot). Moves to and from the list
     * happen under the slab lock, held here. */
    list_slab(slab);
    pthread_mutex_lock(&slab->lock);
    struct idle_count count = {slab->index, slab->free_count + ok4a_handoff_count(&slab->handoff)};
    ok4a_thread_cache_visit(&g_registry, count_idle, &count);
    uint64_t total = slab->total_objects;
    pthread_mutex_unlock(&slab->lock);
    return total > count.idle ? total - count.idle : 0;
}
