/* Buffers for k4a_image_create (internal): size-class pools, so a steady
 * stream of images of the same few sizes reuses buffers instead of calling
 * malloc (and, for large frames, mmap + page faults) every time.
 *
 * Sizes up to 4 KiB round up to a power of two (minimum 64), larger ones to a
 * quarter of their power of two (at most 25% waste), up to 64 MiB; larger
 * requests go straight to the system. Each class keeps a bounded number of
 * free buffers (about 128 MiB worth, 2..64 buffers). Classes up to 4 MiB also
 * keep one free buffer per thread, so a thread creating and releasing images
 * of one size takes no lock; a thread's buffers go back to the pools when it
 * exits (or when it calls ok4a_image_buffer_trim). */
#ifndef OPENK4A_CORE_IMAGE_BUFFERS_H_
#define OPENK4A_CORE_IMAGE_BUFFERS_H_

#include <stddef.h>
#include <stdint.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OK4A_IMAGE_BUFFER_MAX_POOLED ((size_t)64 << 20)

/* Gets a buffer of at least `size` (> 0) bytes, 64-byte aligned. On success
 * returns it with the callback and context that give it back; NULL when
 * memory runs out. */
uint8_t *ok4a_image_buffer_acquire(size_t size, k4a_memory_destroy_cb_t **release_cb, void **release_context);

/* The size class `size` falls into (for tests): its buffer size, or `size`
 * itself above OK4A_IMAGE_BUFFER_MAX_POOLED. */
size_t ok4a_image_buffer_class_size(size_t size);

typedef struct
{
    uint64_t in_use;
    uint64_t pooled;
    uint64_t pooled_bytes;
} ok4a_image_buffer_stats_t;

void ok4a_image_buffer_stats(ok4a_image_buffer_stats_t *stats);

/* Frees every pooled buffer not in use, including the calling thread's
 * cached ones (other threads' caches are returned when they exit). */
void ok4a_image_buffer_trim(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_IMAGE_BUFFERS_H_ */
