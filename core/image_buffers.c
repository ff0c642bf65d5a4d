#include "core/image_buffers.h"

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

__thread void *ok4a_image_magazine __attribute__((tls_model("initial-exec")));
static void flush_magazine(void *magazine);
static ok4a_thread_cache_registry_t g_registry =
    OK4A_THREAD_CACHE_REGISTRY_INITIALIZER("image buffers", sizeof(magazine_t), flush_magazine, NULL, NULL);
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

/* Hands every buffer of a magazine back to its pool (at thread exit too). */
static void flush_magazine(void *cache)
{
    magazine_t *magazine = cache;
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

/* The calling thread's magazine, made on first use; NULL if that fails. */
static inline magazine_t *my_magazine(void)
{
    magazine_t *magazine = ok4a_image_magazine;
    return __builtin_expect(magazine != NULL, 1) ? magazine
                                                 : ok4a_thread_cache_make(&g_registry, &ok4a_image_magazine);
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

struct held_count
{
    uint64_t buffers, bytes;
};

/* Buffers in magazines are out of their pool but not in use. */
static void count_held(void *cache, void *arg)
{
    magazine_t *magazine = cache;
    struct held_count *held = arg;
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        if (__atomic_load_n(&magazine->buffers[i], __ATOMIC_RELAXED) != NULL)
        {
            held->buffers++;
            held->bytes += ok4a_pool_buffer_size(atomic_load_explicit(&g_pools[i], memory_order_acquire));
        }
    }
}

void ok4a_image_buffer_stats(ok4a_image_buffer_stats_t *stats)
{
    memset(stats, 0, sizeof *stats);
    struct held_count held = {0, 0};
    ok4a_thread_cache_visit(&g_registry, count_held, &held);
    uint64_t out_of_pools =
        atomic_load_explicit(&g_unpooled_in_use, memory_order_relaxed) + ok4a_allocator_in_use();
    stats->pooled = held.buffers;
    stats->pooled_bytes = held.bytes;
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
    stats->in_use = out_of_pools > held.buffers ? out_of_pools - held.buffers : 0;
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
