/* POSIX: pthread rwlocks. */
#define _POSIX_C_SOURCE 200809L

#include "core/allocator.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>

#include <k4a/k4a.h>

#include "core/log.h"

/* Each application buffer starts with this header: the free function and
 * context of its allocation. The image gets the bytes after it, at a 64-byte
 * offset so the application's alignment carries over. */
typedef struct
{
    k4a_memory_destroy_cb_t *free;
    void *context;
} allocation_t;
#define HEADER_SIZE 64

int ok4a_allocator_set_hint;

static pthread_rwlock_t g_lock = PTHREAD_RWLOCK_INITIALIZER;
static k4a_memory_allocate_cb_t *g_allocate; /* under g_lock */
static k4a_memory_destroy_cb_t *g_free;
static atomic_uint_fast64_t g_in_use;

k4a_result_t k4a_set_allocator(k4a_memory_allocate_cb_t allocate, k4a_memory_destroy_cb_t free)
{
    if ((allocate == NULL) != (free == NULL))
    {
        OK4A_LOG_ERROR("%s: allocate and free must both be set, or both be NULL (the default allocator)", __func__);
        return K4A_RESULT_FAILED;
    }
    pthread_rwlock_wrlock(&g_lock);
    g_allocate = allocate;
    g_free = free;
    __atomic_store_n(&ok4a_allocator_set_hint, allocate != NULL, __ATOMIC_RELAXED);
    pthread_rwlock_unlock(&g_lock);
    return K4A_RESULT_SUCCEEDED;
}

static void release(void *buffer, void *context)
{
    (void)buffer;
    allocation_t *a = context;
    atomic_fetch_sub_explicit(&g_in_use, 1, memory_order_relaxed);
    a->free(a, a->context);
}

bool ok4a_allocator_acquire(size_t size, uint8_t **buffer, k4a_memory_destroy_cb_t **release_cb, void **release_context)
{
    pthread_rwlock_rdlock(&g_lock);
    k4a_memory_allocate_cb_t *allocate = g_allocate;
    k4a_memory_destroy_cb_t *free_fn = g_free;
    if (allocate == NULL)
    {
        pthread_rwlock_unlock(&g_lock);
        return false;
    }
    *buffer = NULL;
    if (size > (size_t)INT_MAX - HEADER_SIZE)
    {
        pthread_rwlock_unlock(&g_lock);
        OK4A_LOG_ERROR("k4a_image_create: %zu bytes is more than the k4a_set_allocator() allocator can be asked for",
                       size);
        return true;
    }
    void *context = NULL;
    /* Called under the read lock: a concurrent k4a_set_allocator() waits, so
     * the pair used here stays a pair. */
    allocation_t *a = (allocation_t *)allocate((int)(size + HEADER_SIZE), &context);
    pthread_rwlock_unlock(&g_lock);
    if (a == NULL)
    {
        OK4A_LOG_ERROR("k4a_image_create: the k4a_set_allocator() allocator returned NULL for %zu bytes",
                       size + HEADER_SIZE);
        return true;
    }
    a->free = free_fn;
    a->context = context;
    atomic_fetch_add_explicit(&g_in_use, 1, memory_order_relaxed);
    *buffer = (uint8_t *)a + HEADER_SIZE;
    *release_cb = release;
    *release_context = a;
    return true;
}

uint64_t ok4a_allocator_in_use(void)
{
    return atomic_load_explicit(&g_in_use, memory_order_relaxed);
}
