#include "core/handoff.h"

#include <sched.h>
#include <string.h>

/* The slot's states. HELD: one thread is moving items in or out; nobody else
 * touches items or count until it stores EMPTY or FULL (release). */
#define EMPTY 0u
#define FULL 1u
#define HELD 2u

/* Holds the slot if its state is `from`; on failure *from is what it was. */
static bool hold(ok4a_handoff_t *slot, uint32_t *from)
{
    return __atomic_compare_exchange_n(&slot->state, from, HELD, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* The lines past the slot's first: their misses overlap the hold's instead of
 * following it. */
static void prefetch_items(ok4a_handoff_t *slot, int for_write)
{
    for (size_t offset = 64; offset < sizeof *slot; offset += 64)
    {
        if (for_write)
            ok4a_prefetch_for_write((char *)slot + offset);
        else
            __builtin_prefetch((char *)slot + offset, 0);
    }
}

bool ok4a_handoff_give(ok4a_handoff_t *slot, void *const *items, uint32_t n, uint32_t limit)
{
    if (n == 0)
        return true;
    if (limit > OK4A_HANDOFF_CAPACITY || n > limit)
        return false;
    prefetch_items(slot, 1);
    uint32_t was = EMPTY;
    if (!hold(slot, &was) && !(was == FULL && hold(slot, &was)))
        return false; /* held by another thread */
    uint32_t count = __atomic_load_n(&slot->count, __ATOMIC_RELAXED);
    if (count + n > limit)
    {
        __atomic_store_n(&slot->state, was, __ATOMIC_RELEASE);
        return false;
    }
    memcpy(&slot->items[count], items, n * sizeof items[0]);
    __atomic_store_n(&slot->count, count + n, __ATOMIC_RELAXED);
    __atomic_store_n(&slot->state, FULL, __ATOMIC_RELEASE);
    return true;
}

uint32_t ok4a_handoff_take(ok4a_handoff_t *slot, void **out, uint32_t max)
{
    if (max == 0)
        return 0;
    prefetch_items(slot, 0);
    uint32_t was = FULL;
    if (!hold(slot, &was))
        return 0; /* empty, or held by another thread */
    uint32_t count = __atomic_load_n(&slot->count, __ATOMIC_RELAXED);
    uint32_t got = count < max ? count : max;
    memcpy(out, &slot->items[count - got], got * sizeof out[0]);
    __atomic_store_n(&slot->count, count - got, __ATOMIC_RELAXED);
    __atomic_store_n(&slot->state, count > got ? FULL : EMPTY, __ATOMIC_RELEASE);
    return got;
}

uint32_t ok4a_handoff_count(const ok4a_handoff_t *slot)
{
    return __atomic_load_n(&slot->count, __ATOMIC_RELAXED);
}

void ok4a_handoff_hold_for_fork(ok4a_handoff_t *slot)
{
    for (;;)
    {
        uint32_t was = __atomic_load_n(&slot->state, __ATOMIC_RELAXED);
        if (was != HELD && hold(slot, &was))
        {
            slot->state_before_fork = was;
            return;
        }
        sched_yield(); /* a hand-off in progress: a few stores away from done */
    }
}

void ok4a_handoff_release_after_fork(ok4a_handoff_t *slot)
{
    __atomic_store_n(&slot->state, slot->state_before_fork, __ATOMIC_RELEASE);
}
