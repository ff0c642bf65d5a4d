#include "core/device/device_handles.h"

#include <pthread.h>
#include <stdint.h>

/* Bits of a handle below the generation: the slot number + 1 (0 is never a
 * valid handle, so NULL never is one). */
#define OK4A_SLOT_BITS 8
#define OK4A_GENERATION_MASK (UINTPTR_MAX >> OK4A_SLOT_BITS)

typedef struct
{
    void *device;         /* NULL: free */
    uintptr_t generation; /* changes at each removal; never 0 once used */
    int users;            /* calls holding the device */
    bool removing;
} slot_t;

static pthread_mutex_t g_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_released = PTHREAD_COND_INITIALIZER;
static slot_t g_slots[OK4A_MAX_OPEN_DEVICES];

static k4a_device_t encode(uint32_t slot, uintptr_t generation)
{
    return (k4a_device_t)((generation << OK4A_SLOT_BITS) | (uintptr_t)(slot + 1));
}

/* The slot `handle` names while its generation lives; NULL otherwise. Caller
 * holds g_mutex. */
static slot_t *find(k4a_device_t handle)
{
    const uintptr_t value = (uintptr_t)handle;
    const uintptr_t index = (value & ((1u << OK4A_SLOT_BITS) - 1)) - 1;
    if (value == 0 || index >= OK4A_MAX_OPEN_DEVICES)
        return NULL;
    slot_t *s = &g_slots[index];
    if (s->device == NULL || s->generation != value >> OK4A_SLOT_BITS)
        return NULL;
    return s;
}

bool ok4a_device_handle_add(void *device, k4a_device_t *handle)
{
    pthread_mutex_lock(&g_mutex);
    for (uint32_t i = 0; i < OK4A_MAX_OPEN_DEVICES; i++)
    {
        slot_t *s = &g_slots[i];
        if (s->device != NULL)
            continue;
        s->device = device;
        s->users = 0;
        s->removing = false;
        /* Generation 0 is never used: a handle is never a small integer. */
        if (s->generation == 0)
            s->generation = 1;
        *handle = encode(i, s->generation);
        pthread_mutex_unlock(&g_mutex);
        return true;
    }
    pthread_mutex_unlock(&g_mutex);
    return false;
}

void *ok4a_device_handle_acquire(k4a_device_t handle)
{
    pthread_mutex_lock(&g_mutex);
    slot_t *s = find(handle);
    void *device = NULL;
    if (s != NULL && !s->removing)
    {
        s->users++;
        device = s->device;
    }
    pthread_mutex_unlock(&g_mutex);
    return device;
}

void ok4a_device_handle_release(k4a_device_t handle)
{
    pthread_mutex_lock(&g_mutex);
    slot_t *s = find(handle);
    if (s != NULL && --s->users == 1 && s->removing)
        pthread_cond_broadcast(&g_released);
    pthread_mutex_unlock(&g_mutex);
}

void *ok4a_device_handle_begin_remove(k4a_device_t handle)
{
    pthread_mutex_lock(&g_mutex);
    slot_t *s = find(handle);
    void *device = NULL;
    if (s != NULL && !s->removing)
    {
        s->users++;
        s->removing = true;
        device = s->device;
    }
    pthread_mutex_unlock(&g_mutex);
    return device;
}

void ok4a_device_handle_finish_remove(k4a_device_t handle)
{
    pthread_mutex_lock(&g_mutex);
    slot_t *s = find(handle);
    if (s != NULL)
    {
        while (s->users > 1)
            pthread_cond_wait(&g_released, &g_mutex);
        s->device = NULL;
        s->users = 0;
        s->removing = false;
        s->generation = (s->generation + 1) & OK4A_GENERATION_MASK; /* 0 is skipped at the next add */
    }
    pthread_mutex_unlock(&g_mutex);
}
