/* The open device's threads (open_device.h): the event thread runs libusb's
 * event loop (every transfer callback); the service thread does what must
 * not run there (clearing a stalled endpoint, failing consumers of a stream
 * that cannot recover). */
#include <libusb.h>
#include <pthread.h>
#include <sys/prctl.h>

#include "core/device/capture_sync.h"
#include "core/device/imu_stream.h"
#include "core/device/open_device.h"
#include "core/device/uvc_stream.h"
#include "core/log.h"

static void *event_loop(void *arg)
{
    struct _k4a_device_t *d = arg;
    prctl(PR_SET_NAME, "ok4a-usb", 0, 0, 0); /* for profilers and per-thread accounting */
    while (!atomic_load(&d->quit_events))
    {
        struct timeval tv = {0, 200000};
        libusb_handle_events_timeout_completed(d->ctx, &tv, NULL);
    }
    return NULL;
}

/* A stream cannot recover: consumers get what is queued, then FAILED. */
static void fail_consumers(struct _k4a_device_t *d)
{
    atomic_store(&d->stream_failed, true);
    ok4a_capture_sync_t *sync = ok4a_device_borrow(d, &d->sync);
    if (sync != NULL)
    {
        ok4a_capture_sync_close(sync);
        ok4a_device_give_back(d, &d->sync);
    }
}

static void *service_loop(void *arg)
{
    struct _k4a_device_t *d = arg;
    prctl(PR_SET_NAME, "ok4a-service", 0, 0, 0);
    pthread_mutex_lock(&d->service_mutex);
    while (!d->quit_service)
    {
        while (!d->service_requested && !d->quit_service)
            pthread_cond_wait(&d->service_cond, &d->service_mutex);
        if (d->quit_service)
            break;
        d->service_requested = false;
        pthread_mutex_unlock(&d->service_mutex);
        pthread_mutex_lock(&d->api_mutex);
        bool failed = false;
        for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
            failed = !ok4a_uvc_stream_service(d->streams[i]) || failed;
        if (failed)
            fail_consumers(d);
        ok4a_imu_stream_service(d->imu.queue); /* api_mutex: it stays installed */
        pthread_mutex_unlock(&d->api_mutex);
        pthread_mutex_lock(&d->service_mutex);
    }
    pthread_mutex_unlock(&d->service_mutex);
    return NULL;
}

void ok4a_device_request_service(void *context)
{
    struct _k4a_device_t *d = context;
    pthread_mutex_lock(&d->service_mutex);
    d->service_requested = true;
    pthread_cond_signal(&d->service_cond);
    pthread_mutex_unlock(&d->service_mutex);
}

/* On the event thread: the device is gone. Wake everyone who waits. */
void ok4a_device_on_disconnect(void *context)
{
    struct _k4a_device_t *d = context;
    if (atomic_exchange(&d->disconnected, true))
        return;
    OK4A_LOG_ERROR("k4a device %s: disconnected", d->serial);
    ok4a_capture_sync_t *sync = ok4a_device_borrow(d, &d->sync);
    if (sync != NULL)
    {
        ok4a_capture_sync_close(sync);
        ok4a_device_give_back(d, &d->sync);
    }
    ok4a_imu_stream_t *imu = ok4a_device_borrow(d, &d->imu);
    if (imu != NULL)
    {
        ok4a_imu_stream_close(imu);
        ok4a_device_give_back(d, &d->imu);
    }
}

bool ok4a_device_threads_start(struct _k4a_device_t *d, const char *caller)
{
    if (pthread_create(&d->event_thread, NULL, event_loop, d) != 0)
    {
        OK4A_LOG_ERROR("%s: cannot start the USB event thread", caller);
        return false;
    }
    if (pthread_create(&d->service_thread, NULL, service_loop, d) != 0)
    {
        OK4A_LOG_ERROR("%s: cannot start the service thread", caller);
        atomic_store(&d->quit_events, true);
        libusb_interrupt_event_handler(d->ctx);
        pthread_join(d->event_thread, NULL);
        return false;
    }
    return true;
}

void ok4a_device_threads_stop(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->service_mutex);
    d->quit_service = true;
    pthread_cond_signal(&d->service_cond);
    pthread_mutex_unlock(&d->service_mutex);
    pthread_join(d->service_thread, NULL);
    atomic_store(&d->quit_events, true);
    libusb_interrupt_event_handler(d->ctx);
    pthread_join(d->event_thread, NULL);
}
