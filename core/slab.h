/* Fixed-size object recycling for images and captures (internal).
 *
 * Objects come from chunks that are never returned to the system, so a stale
 * handle still points at readable memory whose tag says "released" (until the
 * slot is reused). Each thread keeps a small cache per slab; the shared free
 * list is only touched (under a mutex) to move a batch in or out, so a steady
 * create/release loop takes no lock and makes no heap allocation.
 *
 * Objects are handed out uninitialised except for what the caller left in
 * them: a slab never writes into an object after its first allocation, so
 * fields such as a tag or a lock survive from one use to the next. */
#ifndef OPENK4A_CORE_SLAB_H_
#define OPENK4A_CORE_SLAB_H_

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Slabs are static objects with a fixed index (the index of their cache in
 * every thread's cache table). */
#define OK4A_SLAB_MAX 4
#define OK4A_SLAB_OBJECTS_PER_CHUNK 64

typedef struct ok4a_slab
{
    const char *name;
    size_t object_size; /* rounded up to a cache line at the first chunk */
    unsigned index;     /* < OK4A_SLAB_MAX, unique */
    /* Called once for each object when its chunk is made (e.g. to set a
     * "released" tag or initialise a lock). May be NULL. */
    void (*construct)(void *object);
    pthread_mutex_t lock;
    void **free_objects; /* guarded by lock */
    size_t free_count, free_capacity;
    void *chunks;        /* singly linked via the chunk's first word; guarded by lock */
    uint64_t total_objects;
} ok4a_slab_t;

#define OK4A_SLAB_INITIALIZER(name_, size_, index_, construct_)                                                        \
    {                                                                                                                  \
        (name_), (size_), (index_), (construct_), PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, NULL, 0                       \
    }

/* An object, or NULL when memory runs out. */
void *ok4a_slab_alloc(ok4a_slab_t *slab);

/* Returns an object obtained from ok4a_slab_alloc() on the same slab. */
void ok4a_slab_free(ok4a_slab_t *slab, void *object);

/* Objects allocated and not yet freed, summed over all threads (a snapshot). */
uint64_t ok4a_slab_live(const ok4a_slab_t *slab);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_SLAB_H_ */
