#include "core/image_buffers.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/pool.h"

#define MAX_CLASS_SHIFT 26 /* 64 MiB */
#define COARSE_CLASSES OK4A_IMAGE_BUFFER_COARSE_CLASSES
#define CLASS_COUNT (COARSE_CLASSES + 4 * (MAX_CLASS_SHIFT - OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT))
#define KEEP_BYTES ((size_t)128 << 20)
#define MAGAZINE_CLASSES OK4A_IMAGE_BUFFER_MAGAZINE_CLASSES

static _Atomic(ok4a_pool_t *) g_pools[CLASS_COUNT];

typedef ok4a_image_magazine_t magazine_t;

__thread magazine_t *ok4a_image_magazine __attribute__((tls_model("initial-exec")));
static pthread_mutex_t g_registry_lock = PTHREAD_MUTEX_INITIALIZER;
static magazine_t *g_registry;
static pthread_key_t g_exit_key;
static pthread_once_t g_exit_key_once = PTHREAD_ONCE_INIT;
/* Buffers too large to pool, currently held by images. */
static atomic_uint_fast64_t g_unpooled_in_use;

size_t ok4a_image_buffer_class_size(size_t size)
{
    size_t class_size = size;
    if (size > 0 && size <= OK4A_IMAGE_BUFFER_MAX_POOLED)
    {
        ok4a_image_buffer_class_of(size, &class_size);
    }
    return class_size;
}

static ok4a_pool_t *pool_for(unsigned index, size_t class_size)
{
    ok4a_pool_t *pool = atomic_load_explicit(&g_pools[index], memory_order_acquire);
    if (__builtin_expect(pool != NULL, 1))
    {
        return pool;
    }
    size_t keep = KEEP_BYTES / class_size;
    ok4a_pool_config_t config = {
        .name = "k4a_image_create",
        .buffer_size = class_size,
        .max_free = (uint32_t)(keep < 2 ? 2 : keep > 64 ? 64 : keep),
    };
    ok4a_pool_t *created = ok4a_pool_create(&config);
    if (created == NULL)
    {
        return NULL;
    }
    ok4a_pool_t *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(&g_pools[index], &expected, created, memory_order_acq_rel,
                                                 memory_order_acquire))
    {
        ok4a_pool_destroy(created); /* another thread won the race */
        return expected;
    }
    return created;
}

/* Hands every buffer of a magazine back to its pool. */
static void flush_magazine(magazine_t *magazine)
{
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        uint8_t *buffer = magazine->buffers[i];
        if (buffer != NULL)
        {
            __atomic_store_n(&magazine->buffers[i], NULL, __ATOMIC_RELAXED);
            ok4a_pool_release(buffer, atomic_load_explicit(&g_pools[i], memory_order_acquire));
        }
    }
}

static void magazine_thread_exit(void *arg)
{
    magazine_t *magazine = arg;
    flush_magazine(magazine);
    pthread_mutex_lock(&g_registry_lock);
    if (magazine->prev != NULL)
    {
        magazine->prev->next = magazine->next;
    }
    else
    {
        g_registry = magazine->next;
    }
    if (magazine->next != NULL)
    {
        magazine->next->prev = magazine->prev;
    }
    pthread_mutex_unlock(&g_registry_lock);
    ok4a_image_magazine = NULL;
    free(magazine);
}

/* fork(): the registry lock is not held by a thread the child lacks. */
static void lock_for_fork(void)
{
    pthread_mutex_lock(&g_registry_lock);
}

static void unlock_after_fork(void)
{
    pthread_mutex_unlock(&g_registry_lock);
}

static void make_exit_key(void)
{
    if (pthread_key_create(&g_exit_key, magazine_thread_exit) != 0)
    {
        OK4A_LOG_CRITICAL("image buffers: pthread_key_create failed; per-thread buffer caches are off");
    }
    pthread_atfork(lock_for_fork, unlock_after_fork, unlock_after_fork);
}

/* The calling thread's first magazine; NULL if making it fails. */
static __attribute__((noinline)) magazine_t *new_magazine(void)
{
    pthread_once(&g_exit_key_once, make_exit_key);
    magazine_t *magazine = calloc(1, sizeof *magazine);
    if (magazine == NULL)
    {
        return NULL;
    }
    if (pthread_setspecific(g_exit_key, magazine) != 0)
    {
        free(magazine); /* without an exit hook its buffers could leak */
        return NULL;
    }
    pthread_mutex_lock(&g_registry_lock);
    magazine->next = g_registry;
    if (g_registry != NULL)
    {
        g_registry->prev = magazine;
    }
    g_registry = magazine;
    pthread_mutex_unlock(&g_registry_lock);
    ok4a_image_magazine = magazine;
    return magazine;
}

/* The calling thread's magazine, made on first use; NULL if that fails. */
static inline magazine_t *my_magazine(void)
{
    magazine_t *magazine = ok4a_image_magazine;
    return __builtin_expect(magazine != NULL, 1) ? magazine : new_magazine();
}

/* Keeps one buffer per class per thread, gives the rest back to the pool. */
void ok4a_image_buffer_release_to_magazine(void *buffer, void *context)
{
    unsigned index = (unsigned)(uintptr_t)context;
    magazine_t *magazine = my_magazine();
    if (__builtin_expect(magazine != NULL && magazine->buffers[index] == NULL, 1))
    {
        __atomic_store_n(&magazine->buffers[index], (uint8_t *)buffer, __ATOMIC_RELAXED);
        return;
    }
    ok4a_pool_release(buffer, atomic_load_explicit(&g_pools[index], memory_order_acquire));
}

static void free_unpooled(void *buffer, void *context)
{
    (void)context;
    free(buffer);
    atomic_fetch_sub_explicit(&g_unpooled_in_use, 1, memory_order_relaxed);
}

/* Everything but a magazine hit: unpooled sizes, a first use, an empty slot. */
uint8_t *ok4a_image_buffer_acquire_slow(size_t size, k4a_memory_destroy_cb_t **release_cb, void **release_context)
{
    uint8_t *from_application = NULL;
    if (ok4a_allocator_acquire(size, &from_application, release_cb, release_context))
        return from_application; /* never the pools instead: the application asked for control */
    if (size > OK4A_IMAGE_BUFFER_MAX_POOLED)
    {
        uint8_t *buffer = aligned_alloc(64, (size + 63) / 64 * 64);
        if (buffer != NULL)
        {
            atomic_fetch_add_explicit(&g_unpooled_in_use, 1, memory_order_relaxed);
            *release_cb = free_unpooled;
            *release_context = NULL;
        }
        return buffer;
    }
    size_t class_size;
    unsigned index = ok4a_image_buffer_class_of(size == 0 ? 1 : size, &class_size);
    ok4a_pool_t *pool = pool_for(index, class_size);
    if (pool == NULL)
    {
        return NULL;
    }
    if (index < MAGAZINE_CLASSES)
    {
        /* Its magazine slot was empty (ok4a_image_buffer_acquire_cached). */
        *release_cb = ok4a_image_buffer_release_to_magazine;
        *release_context = (void *)(uintptr_t)index;
    }
    else
    {
        *release_cb = ok4a_pool_release;
        *release_context = pool;
    }
    return ok4a_pool_acquire(pool);
}

void ok4a_image_buffer_stats(ok4a_image_buffer_stats_t *stats)
{
    memset(stats, 0, sizeof *stats);
    /* Buffers in magazines are out of their pool but not in use. */
    uint64_t held = 0, held_bytes = 0;
    pthread_mutex_lock(&g_registry_lock);
    for (magazine_t *m = g_registry; m != NULL; m = m->next)
    {
        for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
        {
            if (__atomic_load_n(&m->buffers[i], __ATOMIC_RELAXED) != NULL)
            {
                ok4a_pool_t *pool = atomic_load_explicit(&g_pools[i], memory_order_acquire);
                held++;
                held_bytes += ok4a_pool_buffer_size(pool);
            }
        }
    }
    pthread_mutex_unlock(&g_registry_lock);
    uint64_t out_of_pools =
        atomic_load_explicit(&g_unpooled_in_use, memory_order_relaxed) + ok4a_allocator_in_use();
    stats->pooled = held;
    stats->pooled_bytes = held_bytes;
    for (unsigned i = 0; i < CLASS_COUNT; i++)
    {
        ok4a_pool_t *pool = atomic_load_explicit(&g_pools[i], memory_order_acquire);
        if (pool != NULL)
        {
            ok4a_pool_stats_t s;
            ok4a_pool_get_stats(pool, &s);
            out_of_pools += s.in_use;
            stats->pooled += s.free;
            stats->pooled_bytes += s.free * ok4a_pool_buffer_size(pool);
        }
    }
    /* Snapshots taken while other threads work may disagree briefly. */
    stats->in_use = out_of_pools > held ? out_of_pools - held : 0;
}

void ok4a_image_buffer_trim(void)
{
    magazine_t *magazine = ok4a_image_magazine;
    if (magazine != NULL)
    {
        flush_magazine(magazine);
    }
    for (unsigned i = 0; i < CLASS_COUNT; i++)
    {
        ok4a_pool_trim(atomic_load_explicit(&g_pools[i], memory_order_acquire));
    }
}
