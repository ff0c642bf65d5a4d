/* The allocator of k4a_set_allocator() (internal): while the application has
 * set one, the buffers of k4a_image_create() come from it instead of the
 * size-class pools (core/image_buffers.h), and each goes back through the free
 * function that was set when it was allocated, as in the Azure Kinect SDK. */
#ifndef OPENK4A_CORE_ALLOCATOR_H_
#define OPENK4A_CORE_ALLOCATOR_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Nonzero while an application allocator is set: a hint for fast paths
     * (read with __atomic_load_n, relaxed); ok4a_allocator_acquire decides. */
    extern int ok4a_allocator_set_hint;

    /* A buffer of `size` bytes from the application's allocator, with the
     * callback and context that free it. Returns false (and touches nothing) when
     * no allocator is set; true otherwise, with *buffer NULL when the allocator
     * failed or `size` exceeds what its int size parameter can ask for (logged). */
    bool ok4a_allocator_acquire(size_t size, uint8_t **buffer, k4a_memory_destroy_cb_t **release_cb,
                                void **release_context);

    /* Buffers from the application's allocator not yet freed. */
    uint64_t ok4a_allocator_in_use(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_ALLOCATOR_H_ */
