/* Borrowed queues (open_device.h): the capture and IMU queues stay alive
 * while an API call waits on them, without a lock held while it waits. */
#include "core/device/open_device.h"

void *ok4a_device_borrow(struct _k4a_device_t *d, ok4a_queue_slot_t *slot)
{
    pthread_mutex_lock(&d->queue_mutex);
    void *queue = slot->queue;
    if (queue != NULL)
        slot->borrowers++;
    pthread_mutex_unlock(&d->queue_mutex);
    return queue;
}

void ok4a_device_give_back(struct _k4a_device_t *d, ok4a_queue_slot_t *slot)
{
    pthread_mutex_lock(&d->queue_mutex);
    if (--slot->borrowers == 0)
        pthread_cond_broadcast(&d->queue_returned);
    pthread_mutex_unlock(&d->queue_mutex);
}

void ok4a_device_install_queue(struct _k4a_device_t *d, ok4a_queue_slot_t *slot, void *queue)
{
    pthread_mutex_lock(&d->queue_mutex);
    slot->queue = queue;
    pthread_mutex_unlock(&d->queue_mutex);
}

void ok4a_device_uninstall_queue(struct _k4a_device_t *d, ok4a_queue_slot_t *slot)
{
    pthread_mutex_lock(&d->queue_mutex);
    slot->queue = NULL;
    while (slot->borrowers > 0)
        pthread_cond_wait(&d->queue_returned, &d->queue_mutex);
    pthread_mutex_unlock(&d->queue_mutex);
}
