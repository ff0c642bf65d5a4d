#include "core/image_buffers.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/pool.h"

#define MIN_CLASS_SHIFT 6   /* 64 B */
#define FINE_CLASS_SHIFT 12 /* 4 KiB: quarter steps above this */
#define MAX_CLASS_SHIFT 26  /* 64 MiB */
#define COARSE_CLASSES (FINE_CLASS_SHIFT - MIN_CLASS_SHIFT + 1)
#define CLASS_COUNT (COARSE_CLASSES + 4 * (MAX_CLASS_SHIFT - FINE_CLASS_SHIFT))
#define KEEP_BYTES ((size_t)128 << 20)

static _Atomic(ok4a_pool_t *) g_pools[CLASS_COUNT];
/* Buffers too large to pool, currently held by images. */
static atomic_uint_fast64_t g_unpooled_in_use;

static unsigned log2_ceil(size_t size)
{
    return size <= 1 ? 0 : (unsigned)(sizeof(unsigned long long) * 8) - (unsigned)__builtin_clzll((unsigned long long)size - 1);
}

/* Index of the class for size (<= OK4A_IMAGE_BUFFER_MAX_POOLED), and its buffer size. */
static unsigned class_of(size_t size, size_t *class_size)
{
    unsigned shift = log2_ceil(size); /* 2^(shift-1) < size <= 2^shift */
    if (shift <= FINE_CLASS_SHIFT)
    {
        shift = shift < MIN_CLASS_SHIFT ? MIN_CLASS_SHIFT : shift;
        *class_size = (size_t)1 << shift;
        return shift - MIN_CLASS_SHIFT;
    }
    /* Four classes between 2^(shift-1) and 2^shift: steps of 2^(shift-3). */
    size_t step = (size_t)1 << (shift - 3);
    size_t quarters = (size + step - 1) / step; /* 5..8 */
    *class_size = quarters * step;
    return COARSE_CLASSES + 4 * (shift - 1 - FINE_CLASS_SHIFT) + (unsigned)(quarters - 5);
}

size_t ok4a_image_buffer_class_size(size_t size)
{
    size_t class_size = size;
    if (size > 0 && size <= OK4A_IMAGE_BUFFER_MAX_POOLED)
    {
        class_of(size, &class_size);
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

static void free_unpooled(void *buffer, void *context)
{
    (void)context;
    free(buffer);
    atomic_fetch_sub_explicit(&g_unpooled_in_use, 1, memory_order_relaxed);
}

uint8_t *ok4a_image_buffer_acquire(size_t size, k4a_memory_destroy_cb_t **release_cb, void **release_context)
{
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
    unsigned index = class_of(size == 0 ? 1 : size, &class_size);
    ok4a_pool_t *pool = pool_for(index, class_size);
    uint8_t *buffer = pool != NULL ? ok4a_pool_acquire(pool) : NULL;
    if (buffer != NULL)
    {
        *release_cb = ok4a_pool_release;
        *release_context = pool;
    }
    return buffer;
}

void ok4a_image_buffer_stats(ok4a_image_buffer_stats_t *stats)
{
    memset(stats, 0, sizeof *stats);
    stats->in_use = atomic_load_explicit(&g_unpooled_in_use, memory_order_relaxed);
    for (unsigned i = 0; i < CLASS_COUNT; i++)
    {
        ok4a_pool_t *pool = atomic_load_explicit(&g_pools[i], memory_order_acquire);
        if (pool != NULL)
        {
            ok4a_pool_stats_t s;
            ok4a_pool_get_stats(pool, &s);
            stats->in_use += s.in_use;
            stats->pooled += s.free;
            stats->pooled_bytes += s.free * ok4a_pool_buffer_size(pool);
        }
    }
}

void ok4a_image_buffer_trim(void)
{
    for (unsigned i = 0; i < CLASS_COUNT; i++)
    {
        ok4a_pool_trim(atomic_load_explicit(&g_pools[i], memory_order_acquire));
    }
}
