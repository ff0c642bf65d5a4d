/* A lock-free hand-off of a batch of pointers between threads (internal):
 * behind the slab's shared list (core/slab.c) and the image buffer depots
 * (core/image_buffers.c), where objects made on one thread are released on
 * another and come back in batches.
 *
 * The slot lives in a few cache lines of its own: giving or taking a batch is
 * one compare-and-swap on its first line and plain copies, so a batch crosses
 * cores as those lines and nothing else (no lock word, no separate count, no
 * list header). Nobody waits: a slot another thread is using at that moment,
 * or one without room (give) or empty (take), refuses, and the caller uses its
 * slower shared storage instead.
 *
 *   ok4a_handoff_t slot = OK4A_HANDOFF_INITIALIZER;   // static, or zeroed
 *   ok4a_handoff_give(&slot, items, n, limit);        // all n, or none
 *   uint32_t got = ok4a_handoff_take(&slot, out, max); // 0..max: the last given, in order
 *
 * fork(): ok4a_handoff_hold_for_fork() in the prepare handler (waits for a
 * hand-off in progress), ok4a_handoff_release_after_fork() in parent and child. */
#ifndef OPENK4A_CORE_HANDOFF_H_
#define OPENK4A_CORE_HANDOFF_H_

#include <stdbool.h>
#include <stdint.h>

#include "core/prefetch.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_HANDOFF_CAPACITY 16

    typedef struct ok4a_handoff
    {
        uint32_t state; /* empty, full or held (handoff.c); atomics only */
        uint32_t count; /* written while the slot is held; read relaxed by ok4a_handoff_count */
        uint32_t state_before_fork;
        void *items[OK4A_HANDOFF_CAPACITY];
    } __attribute__((aligned(64))) ok4a_handoff_t;

#define OK4A_HANDOFF_INITIALIZER                                                                                       \
    {                                                                                                                  \
        0, 0, 0,                                                                                                       \
        {                                                                                                              \
            NULL                                                                                                       \
        }                                                                                                              \
    }

    /* Puts items[0..n) in the slot when it is free and holds at most limit
     * (<= OK4A_HANDOFF_CAPACITY) items with them; otherwise gives nothing and
     * returns false. */
    bool ok4a_handoff_give(ok4a_handoff_t *slot, void *const *items, uint32_t n, uint32_t limit);

    /* Moves up to max of the items given last out of the slot into out[], in
     * the order given (the last one given lands in out[got - 1]); returns how
     * many, got (0: empty, or in use by another thread at this moment). */
    uint32_t ok4a_handoff_take(ok4a_handoff_t *slot, void **out, uint32_t max);

    /* Items in the slot (a snapshot, exact while no other thread uses it). */
    uint32_t ok4a_handoff_count(const ok4a_handoff_t *slot);

    void ok4a_handoff_hold_for_fork(ok4a_handoff_t *slot);
    void ok4a_handoff_release_after_fork(ok4a_handoff_t *slot);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_HANDOFF_H_ */
