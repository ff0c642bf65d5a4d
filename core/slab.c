#include "core/slab.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define CACHE_SIZE 32
#define CACHE_BATCH (CACHE_SIZE / 2)
#define CACHE_LINE 64

/* One per thread, on the heap (the TLS part is a single pointer). */
typedef struct thread_cache
{
    void *objects[OK4A_SLAB_MAX][CACHE_SIZE];
    unsigned count[OK4A_SLAB_MAX];
    /* Written by the owning thread only (load + store, no lock prefix), read
     * by ok4a_slab_live() from any thread. */
    _Atomic uint64_t allocs[OK4A_SLAB_MAX];
    _Atomic uint64_t frees[OK4A_SLAB_MAX];
    struct thread_cache *prev, *next; /* registry, guarded by g_registry_lock */
} thread_cache_t;

static _Thread_local thread_cache_t *t_cache __attribute__((tls_model("initial-exec")));

static pthread_mutex_t g_registry_lock = PTHREAD_MUTEX_INITIALIZER;
static thread_cache_t *g_registry;
/* Counts of threads that have exited; guarded by g_registry_lock. */
static uint64_t g_retired_allocs[OK4A_SLAB_MAX];
static uint64_t g_retired_frees[OK4A_SLAB_MAX];
/* Slabs seen so far, so an exiting thread can hand its cached objects back. */
static ok4a_slab_t *g_slabs[OK4A_SLAB_MAX];
static pthread_key_t g_exit_key;
static pthread_once_t g_exit_key_once = PTHREAD_ONCE_INIT;

static void bump(_Atomic uint64_t *counter)
{
    atomic_store_explicit(counter, atomic_load_explicit(counter, memory_order_relaxed) + 1, memory_order_relaxed);
}

/* Moves up to n objects from the thread cache back to the slab's free list. */
static void give_back(ok4a_slab_t *slab, thread_cache_t *cache, unsigned n)
{
    unsigned idx = slab->index;
    pthread_mutex_lock(&slab->lock);
    /* free_capacity >= total_objects, so this never overflows. */
    while (n > 0 && cache->count[idx] > 0)
    {
        slab->free_objects[slab->free_count++] = cache->objects[idx][--cache->count[idx]];
        n--;
    }
    pthread_mutex_unlock(&slab->lock);
}

static void thread_exit(void *arg)
{
    thread_cache_t *cache = arg;
    for (unsigned i = 0; i < OK4A_SLAB_MAX; i++)
    {
        ok4a_slab_t *slab = __atomic_load_n(&g_slabs[i], __ATOMIC_ACQUIRE);
        if (slab != NULL)
        {
            give_back(slab, cache, CACHE_SIZE);
        }
    }
    pthread_mutex_lock(&g_registry_lock);
    for (unsigned i = 0; i < OK4A_SLAB_MAX; i++)
    {
        g_retired_allocs[i] += atomic_load_explicit(&cache->allocs[i], memory_order_relaxed);
        g_retired_frees[i] += atomic_load_explicit(&cache->frees[i], memory_order_relaxed);
    }
    if (cache->prev != NULL)
    {
        cache->prev->next = cache->next;
    }
    else
    {
        g_registry = cache->next;
    }
    if (cache->next != NULL)
    {
        cache->next->prev = cache->prev;
    }
    pthread_mutex_unlock(&g_registry_lock);
    t_cache = NULL;
    free(cache);
}

static void make_exit_key(void)
{
    if (pthread_key_create(&g_exit_key, thread_exit) != 0)
    {
        OK4A_LOG_CRITICAL("slab: pthread_key_create failed; thread caches will not be returned at thread exit");
    }
}

static thread_cache_t *new_thread_cache(void)
{
    pthread_once(&g_exit_key_once, make_exit_key);
    thread_cache_t *cache = calloc(1, sizeof *cache);
    if (cache == NULL)
    {
        return NULL;
    }
    pthread_mutex_lock(&g_registry_lock);
    cache->next = g_registry;
    if (g_registry != NULL)
    {
        g_registry->prev = cache;
    }
    g_registry = cache;
    pthread_mutex_unlock(&g_registry_lock);
    pthread_setspecific(g_exit_key, cache);
    t_cache = cache;
    return cache;
}

/* Called with slab->lock held: adds one chunk of objects to the free list. */
static bool grow_locked(ok4a_slab_t *slab)
{
    if (slab->chunks == NULL)
    {
        slab->object_size = (slab->object_size + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
        __atomic_store_n(&g_slabs[slab->index], slab, __ATOMIC_RELEASE);
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

static void *refill_and_alloc(ok4a_slab_t *slab, thread_cache_t *cache)
{
    unsigned idx = slab->index;
    pthread_mutex_lock(&slab->lock);
    if (slab->free_count == 0 && !grow_locked(slab))
    {
        pthread_mutex_unlock(&slab->lock);
        OK4A_LOG_ERROR("slab %s: out of memory", slab->name);
        return NULL;
    }
    while (cache->count[idx] < CACHE_BATCH && slab->free_count > 1)
    {
        cache->objects[idx][cache->count[idx]++] = slab->free_objects[--slab->free_count];
    }
    void *object = slab->free_objects[--slab->free_count];
    pthread_mutex_unlock(&slab->lock);
    return object;
}

void *ok4a_slab_alloc(ok4a_slab_t *slab)
{
    thread_cache_t *cache = t_cache;
    if (__builtin_expect(cache == NULL, 0))
    {
        cache = new_thread_cache();
        if (cache == NULL)
        {
            OK4A_LOG_ERROR("slab %s: out of memory", slab->name);
            return NULL;
        }
    }
    unsigned idx = slab->index;
    void *object;
    if (__builtin_expect(cache->count[idx] > 0, 1))
    {
        object = cache->objects[idx][--cache->count[idx]];
    }
    else
    {
        object = refill_and_alloc(slab, cache);
        if (object == NULL)
        {
            return NULL;
        }
    }
    bump(&cache->allocs[idx]);
    return object;
}

void ok4a_slab_free(ok4a_slab_t *slab, void *object)
{
    thread_cache_t *cache = t_cache;
    unsigned idx = slab->index;
    if (__builtin_expect(cache == NULL, 0))
    {
        cache = new_thread_cache();
        if (cache == NULL)
        {
            /* No cache: hand the object straight back to the shared list. */
            pthread_mutex_lock(&slab->lock);
            slab->free_objects[slab->free_count++] = object;
            pthread_mutex_unlock(&slab->lock);
            pthread_mutex_lock(&g_registry_lock);
            g_retired_frees[idx]++;
            pthread_mutex_unlock(&g_registry_lock);
            return;
        }
    }
    if (__builtin_expect(cache->count[idx] == CACHE_SIZE, 0))
    {
        give_back(slab, cache, CACHE_BATCH);
    }
    cache->objects[idx][cache->count[idx]++] = object;
    bump(&cache->frees[idx]);
}

uint64_t ok4a_slab_live(const ok4a_slab_t *slab)
{
    unsigned idx = slab->index;
    /* Frees are summed before allocs: an object freed on one thread was
     * allocated earlier, so this order never counts a free without its alloc. */
    pthread_mutex_lock(&g_registry_lock);
    uint64_t frees = g_retired_frees[idx];
    for (const thread_cache_t *c = g_registry; c != NULL; c = c->next)
    {
        frees += atomic_load_explicit(&c->frees[idx], memory_order_acquire);
    }
    uint64_t allocs = g_retired_allocs[idx];
    for (const thread_cache_t *c = g_registry; c != NULL; c = c->next)
    {
        allocs += atomic_load_explicit(&c->allocs[idx], memory_order_acquire);
    }
    pthread_mutex_unlock(&g_registry_lock);
    return allocs > frees ? allocs - frees : 0;
}
