#include "core/image_buffers.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/handoff.h"
#include "core/log.h"
#include "core/pool.h"

#define MAX_CLASS_SHIFT 26 /* 64 MiB */
#define COARSE_CLASSES OK4A_IMAGE_BUFFER_COARSE_CLASSES
#define CLASS_COUNT (COARSE_CLASSES + 4 * (MAX_CLASS_SHIFT - OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT))
#define KEEP_BYTES ((size_t)128 << 20)
#define MAGAZINE_CLASSES OK4A_IMAGE_BUFFER_MAGAZINE_CLASSES
#define MAGAZINE_BYTES_SHIFT 23

static _Atomic(ok4a_pool_t *) g_pools[CLASS_COUNT];

typedef ok4a_image_magazine_t magazine_t;

#define MAGAZINE_DEPTH OK4A_IMAGE_BUFFER_MAGAZINE_DEPTH
#define DEPOT_CAPACITY (2 * MAGAZINE_DEPTH)

/* Free buffers of a magazine class on their way between threads: a full
 * magazine gives its buffers here, an empty one takes them, a batch at a time
 * (core/handoff.h: one compare-and-swap, no lock). Buffers here (and in
 * magazines) are "in use" for their pool. */
static ok4a_handoff_t g_depots[MAGAZINE_CLASSES];
_Static_assert(DEPOT_CAPACITY <= OK4A_HANDOFF_CAPACITY, "a depot holds two magazines");

__thread void *ok4a_image_magazine __attribute__((tls_model("initial-exec")));
static void flush_magazine(void *magazine);
static void lock_depots_for_fork(void);
static void unlock_depots_after_fork(void);
static ok4a_thread_cache_registry_t g_registry = OK4A_THREAD_CACHE_REGISTRY_INITIALIZER(
    "image buffers", sizeof(magazine_t), flush_magazine, lock_depots_for_fork, unlock_depots_after_fork);
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
        .max_free = (uint32_t)(keep < 2  ? 2 :
                               keep > 64 ? 64 :
                                           keep),
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

static size_t magazine_class_size(unsigned index)
{
    if (index < COARSE_CLASSES)
    {
        return (size_t)1 << (OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT + index);
    }
    unsigned fine = index - COARSE_CLASSES; /* 4 per power of two above 2^12 */
    return (size_t)(5 + fine % 4) << (OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT + fine / 4 - 2);
}

/* Buffers a thread keeps per class: up to MAGAZINE_DEPTH, at most 8 MiB
 * (2^MAGAZINE_BYTES_SHIFT) worth (counted at the power of two above the class
 * size), at least one: a whole stream queue of 1 MiB frames (8) moves between
 * threads as one batch. A depot holds twice that. A table, so the
 * release path makes one load, no arithmetic. */
#define CLASS_SHIFT(index)                                                                                             \
    ((index) < COARSE_CLASSES ? OK4A_IMAGE_BUFFER_MIN_CLASS_SHIFT + (index) :                                          \
                                OK4A_IMAGE_BUFFER_FINE_CLASS_SHIFT + 1 + ((index)-COARSE_CLASSES) / 4)
#define DEPTH_OF(index)                                                                                                \
    (CLASS_SHIFT(index) + 3 <= MAGAZINE_BYTES_SHIFT ? MAGAZINE_DEPTH :                                                 \
                                                      (1u << MAGAZINE_BYTES_SHIFT) >> CLASS_SHIFT(index))
/* The cast: clang checks both arms of DEPTH_OF against uint8_t, the unused one too. */
#define DEPTH_BYTE(index) ((uint8_t)DEPTH_OF(index))
#define DEPTHS_4(i) DEPTH_BYTE(i), DEPTH_BYTE((i) + 1), DEPTH_BYTE((i) + 2), DEPTH_BYTE((i) + 3)
#define DEPTHS_16(i) DEPTHS_4(i), DEPTHS_4((i) + 4), DEPTHS_4((i) + 8), DEPTHS_4((i) + 12)
/* 64 entries, those past the magazine classes unused. */
static const uint8_t g_magazine_depth[64] = {DEPTHS_16(0), DEPTHS_16(16), DEPTHS_16(32), DEPTHS_16(48)};
_Static_assert(MAGAZINE_CLASSES <= 64, "g_magazine_depth covers every magazine class");

static inline unsigned magazine_depth(size_t index)
{
    return g_magazine_depth[index];
}

static ok4a_pool_t *pool_of(unsigned index)
{
    return atomic_load_explicit(&g_pools[index], memory_order_acquire);
}

static void set_count(magazine_t *magazine, size_t index, unsigned n)
{
    __atomic_store_n(&magazine->count[index], (uint8_t)n, __ATOMIC_RELAXED);
}

/* Moves the magazine's buffers of a class into its depot; when the depot has
 * no room for them (or another thread is using it), they go back to the pool. */
static void give_to_depot(magazine_t *magazine, unsigned index)
{
    unsigned n = magazine->count[index];
    if (ok4a_handoff_give(&g_depots[index], (void *const *)magazine->buffers[index], n, 2 * magazine_depth(index)))
    {
        set_count(magazine, index, 0);
        return;
    }
    while (n > 0)
    {
        ok4a_pool_release(magazine->buffers[index][--n], pool_of(index));
        set_count(magazine, index, n);
    }
}

/* Fills an empty magazine from its class's depot; false when the depot is empty. */
static bool take_from_depot(magazine_t *magazine, unsigned index)
{
    unsigned n = magazine->count[index];
    n += ok4a_handoff_take(&g_depots[index], (void **)&magazine->buffers[index][n], magazine_depth(index) - n);
    set_count(magazine, index, n);
    return n > 0;
}

/* Hands every buffer of a magazine back to its pool (at thread exit too). */
static void flush_magazine(void *cache)
{
    magazine_t *magazine = cache;
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        for (unsigned n = magazine->count[i]; n > 0;)
        {
            uint8_t *buffer = magazine->buffers[i][--n];
            set_count(magazine, i, n);
            ok4a_pool_release(buffer, pool_of(i));
        }
    }
}

static void empty_depots(void)
{
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        void *buffers[DEPOT_CAPACITY];
        for (uint32_t n = ok4a_handoff_take(&g_depots[i], buffers, DEPOT_CAPACITY); n > 0;)
        {
            ok4a_pool_release(buffers[--n], pool_of(i));
        }
    }
}

/* fork(): no depot half moved by a thread the child lacks. */
static void lock_depots_for_fork(void)
{
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        ok4a_handoff_hold_for_fork(&g_depots[i]);
    }
}

static void unlock_depots_after_fork(void)
{
    for (unsigned i = MAGAZINE_CLASSES; i-- > 0;)
    {
        ok4a_handoff_release_after_fork(&g_depots[i]);
    }
}

/* The calling thread's magazine, made on first use; NULL if that fails. */
static inline magazine_t *my_magazine(void)
{
    magazine_t *magazine = ok4a_image_magazine;
    return __builtin_expect(magazine != NULL, 1) ? magazine : ok4a_thread_cache_make(&g_registry, &ok4a_image_magazine);
}

/* Off the release fast path (which then saves no registers): no magazine
 * yet, or a full one that first goes to the depot. */
static __attribute__((noinline)) void release_slow(uint8_t *buffer, unsigned index)
{
    magazine_t *magazine = my_magazine();
    if (magazine == NULL)
    {
        ok4a_pool_release(buffer, pool_of(index));
        return;
    }
    if (magazine->count[index] >= magazine_depth(index))
    {
        give_to_depot(magazine, index);
    }
    unsigned n = magazine->count[index];
    magazine->buffers[index][n] = buffer;
    set_count(magazine, index, n + 1);
}

/* Keeps the buffer in this thread's magazine; a full magazine first goes to
 * the depot (for the thread that makes the images, when it is another). */
void ok4a_image_buffer_release_to_magazine(void *buffer, void *context)
{
    uintptr_t index = (uintptr_t)context; /* not narrowed: no zero-extension on this path */
    magazine_t *magazine = ok4a_image_magazine;
    unsigned n;
    if (__builtin_expect(magazine == NULL || (n = magazine->count[index]) >= magazine_depth(index), 0))
    {
        release_slow(buffer, (unsigned)index);
        return;
    }
    magazine->buffers[index][n] = buffer;
    set_count(magazine, index, n + 1);
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
    /* The hint first: no lock taken (an atomic read-modify-write) per batch of
     * images while no application allocator is set. */
    if (__atomic_load_n(&ok4a_allocator_set_hint, __ATOMIC_RELAXED) &&
        ok4a_allocator_acquire(size, &from_application, release_cb, release_context))
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
        /* Its magazine was empty (ok4a_image_buffer_acquire_cached): refill
         * it from the depot, or take one from the pool. */
        *release_cb = ok4a_image_buffer_release_to_magazine;
        *release_context = (void *)(uintptr_t)index;
        magazine_t *magazine = my_magazine();
        if (magazine != NULL && take_from_depot(magazine, index))
        {
            unsigned n = magazine->count[index] - 1u;
            set_count(magazine, index, n);
            return magazine->buffers[index][n];
        }
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

/* Buffers in magazines and depots are out of their pool but not in use. */
static void count_held(void *cache, void *arg)
{
    magazine_t *magazine = cache;
    struct held_count *held = arg;
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        unsigned n = __atomic_load_n(&magazine->count[i], __ATOMIC_RELAXED);
        held->buffers += n;
        held->bytes += n * magazine_class_size(i);
    }
}

void ok4a_image_buffer_stats(ok4a_image_buffer_stats_t *stats)
{
    memset(stats, 0, sizeof *stats);
    struct held_count held = {0, 0};
    ok4a_thread_cache_visit(&g_registry, count_held, &held);
    for (unsigned i = 0; i < MAGAZINE_CLASSES; i++)
    {
        uint32_t n = ok4a_handoff_count(&g_depots[i]);
        held.buffers += n;
        held.bytes += n * magazine_class_size(i);
    }
    uint64_t out_of_pools = atomic_load_explicit(&g_unpooled_in_use, memory_order_relaxed) + ok4a_allocator_in_use();
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
    empty_depots();
    for (unsigned i = 0; i < CLASS_COUNT; i++)
    {
        ok4a_pool_trim(atomic_load_explicit(&g_pools[i], memory_order_acquire));
    }
}
