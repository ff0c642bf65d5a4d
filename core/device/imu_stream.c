/* POSIX: pthread rwlocks, clock_gettime, CLOCK_MONOTONIC condition variables. */
#define _POSIX_C_SOURCE 200809L

#include "core/device/imu_stream.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/device/usb_control.h"
#include "core/log.h"
#include "core/wait.h"
#include "openk4a/usb/k4a_vendor_wire.h"
#include "openk4a/usb/imu_packet.h"
#include "openk4a/usb/imu_wire.h"

#define OK4A_IMU_TRANSFERS 4
#define OK4A_IMU_TRANSFER_SIZE 512
#define OK4A_IMU_QUEUE 2048 /* about 1.2 s at 1.6 kHz */
#define OK4A_IMU_WHY 384

typedef struct
{
    ok4a_imu_stream_t *imu;
    struct libusb_transfer *transfer;
    uint8_t buffer[OK4A_IMU_TRANSFER_SIZE];
    bool in_flight;
} imu_slot_t;

struct ok4a_imu_stream
{
    libusb_device_handle *handle;
    uint8_t interface_number;
    uint8_t endpoint;
    ok4a_imu_switch_t on_off;
    ok4a_stream_event_fn *on_disconnect;
    ok4a_stream_event_fn *on_service_needed;
    void *event_context;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    imu_slot_t slots[OK4A_IMU_TRANSFERS];
    int in_flight;
    bool stopping;
    bool closed;
    bool lost;
    bool failed; /* the halt would not clear: closed for good */
    bool halted; /* the endpoint stalled: nothing is resubmitted until the service thread clears it */
    bool waiting_for_clock_reset;
    k4a_imu_sample_t queue[OK4A_IMU_QUEUE];
    uint32_t head;
    uint32_t count;
    ok4a_imu_stats_t stats;
};

static void push_samples_locked(ok4a_imu_stream_t *imu, const uint8_t *data, size_t size)
{
    k4a_imu_sample_t samples[OPENK4A_IMU_PACKET_MAX_SAMPLES_PER_SENSOR];
    size_t count = 0;
    if (openk4a_imu_packet_decode(data, size, samples, OPENK4A_IMU_PACKET_MAX_SAMPLES_PER_SENSOR, &count, NULL) !=
        OPENK4A_USB_OK)
    {
        imu->stats.bad_packets++;
        return;
    }
    size_t first = 0;
    if (imu->waiting_for_clock_reset)
    {
        while (first < count && samples[first].acc_timestamp_usec > OK4A_IMU_CLOCK_RESET_MS * 1000ull)
            first++;
        imu->stats.before_clock_reset += first;
        if (first < count)
        {
            imu->waiting_for_clock_reset = false;
            if (imu->stats.before_clock_reset > 0)
                OK4A_LOG_WARNING("IMU: skipped %llu samples stamped before the device clock reset at the colour "
                                 "camera's start",
                                 (unsigned long long)imu->stats.before_clock_reset);
        }
    }
    for (size_t i = first; i < count; i++)
    {
        if (imu->count == OK4A_IMU_QUEUE)
        {
            imu->head = (imu->head + 1) % OK4A_IMU_QUEUE; /* the oldest goes */
            imu->count--;
            imu->stats.dropped++;
        }
        imu->queue[(imu->head + imu->count) % OK4A_IMU_QUEUE] = samples[i];
        imu->count++;
    }
    if (count > first)
        pthread_cond_broadcast(&imu->cond);
}

static void LIBUSB_CALL on_imu_transfer(struct libusb_transfer *t)
{
    imu_slot_t *slot = t->user_data;
    ok4a_imu_stream_t *imu = slot->imu;
    bool disconnected = false, service = false;
    pthread_mutex_lock(&imu->mutex);
    slot->in_flight = false;
    imu->in_flight--;
    switch (t->status)
    {
    case LIBUSB_TRANSFER_COMPLETED:
        if (!imu->stopping)
            push_samples_locked(imu, t->buffer, (size_t)t->actual_length);
        break;
    case LIBUSB_TRANSFER_CANCELLED:
        break;
    case LIBUSB_TRANSFER_STALL:
        /* Resubmitting would stall again at once (a busy loop on the thread
         * that also carries video): the service thread clears the halt. */
        imu->stats.transfer_errors++;
        service = !imu->halted && !imu->stopping;
        imu->halted = true;
        break;
    case LIBUSB_TRANSFER_NO_DEVICE:
        disconnected = !imu->lost;
        imu->lost = true;
        imu->closed = true;
        break;
    default:
        imu->stats.transfer_errors++;
        break;
    }
    if (!imu->stopping && !imu->lost && !imu->halted && t->status != LIBUSB_TRANSFER_CANCELLED)
    {
        const int r = libusb_submit_transfer(t);
        if (r == 0)
        {
            slot->in_flight = true;
            imu->in_flight++;
        }
        else
        {
            imu->stats.transfer_errors++;
            disconnected = r == LIBUSB_ERROR_NO_DEVICE && !imu->lost;
            imu->lost = imu->lost || r == LIBUSB_ERROR_NO_DEVICE;
            imu->closed = imu->closed || imu->lost;
        }
    }
    /* Once the mutex is released, a stop waiting for this transfer may free
     * the stream: nothing of it is read after that. */
    ok4a_stream_event_fn *const on_disconnect = disconnected ? imu->on_disconnect : NULL;
    ok4a_stream_event_fn *const on_service_needed = service ? imu->on_service_needed : NULL;
    void *const event_context = imu->event_context;
    pthread_cond_broadcast(&imu->cond);
    pthread_mutex_unlock(&imu->mutex);
    if (on_disconnect != NULL)
        on_disconnect(event_context);
    if (on_service_needed != NULL)
        on_service_needed(event_context);
}

/* ok4a_retry_pause_fn: waits, unless the stream stops meanwhile. */
static bool pause_unless_stopping(void *context, int ms)
{
    ok4a_imu_stream_t *imu = context;
    return ok4a_pause_unless_stopping(&imu->cond, &imu->mutex, &imu->stopping, ms);
}

void ok4a_imu_stream_service(ok4a_imu_stream_t *imu)
{
    if (imu == NULL)
        return;
    pthread_mutex_lock(&imu->mutex);
    if (!imu->halted || imu->stopping || imu->lost)
    {
        pthread_mutex_unlock(&imu->mutex);
        return;
    }
    /* Every transfer comes back stalled first; then clear the halt. */
    const struct timespec deadline = ok4a_deadline_after_ms(3000);
    while (imu->in_flight > 0 && ok4a_cond_wait_step(&imu->cond, &imu->mutex, 3000, &deadline))
    {
    }
    pthread_mutex_unlock(&imu->mutex);
    int attempts = 0;
    const int r = ok4a_usb_clear_halt_retrying(imu->handle, imu->endpoint, pause_unless_stopping, imu, &attempts);
    pthread_mutex_lock(&imu->mutex);
    if (r == 0 && !imu->stopping)
    {
        imu->halted = false;
        imu->stats.stalls_cleared++;
        OK4A_LOG_WARNING("IMU: endpoint 0x%02x stalled; halt cleared (attempt %d), samples resume", imu->endpoint,
                         attempts);
        for (int i = 0; i < OK4A_IMU_TRANSFERS; i++)
        {
            imu_slot_t *slot = &imu->slots[i];
            if (!slot->in_flight && libusb_submit_transfer(slot->transfer) == 0)
            {
                slot->in_flight = true;
                imu->in_flight++;
            }
        }
    }
    if (imu->in_flight == 0 && !imu->stopping && !imu->closed)
    {
        /* Nothing can come any more: waiting consumers get FAILED. */
        imu->failed = true;
        imu->closed = true;
        imu->stats.failures++;
        OK4A_LOG_ERROR("IMU failed: endpoint 0x%02x: %s after %d attempts; stop the IMU and start it again",
                       imu->endpoint, r == 0 ? "no transfer could be resubmitted" : libusb_error_name(r), attempts);
        pthread_cond_broadcast(&imu->cond);
    }
    pthread_mutex_unlock(&imu->mutex);
}

/* The k4a composite's switch: a vendor request on the IMU interface. */
static bool vendor_switch(ok4a_imu_stream_t *imu, bool on, char *why, size_t why_size)
{
    const int r = ok4a_usb_control(imu->handle, 0x41, OPENK4A_K4A_VENDOR_REQ_IMU_STREAM, on ? 1 : 0,
                                   imu->interface_number, NULL, 0, 1000);
    if (r >= 0)
        return true;
    snprintf(why, why_size, "the IMU %s request failed: %s", on ? "start" : "stop", libusb_error_name(r));
    return false;
}

static bool switch_imu(ok4a_imu_stream_t *imu, bool on, char *why, size_t why_size)
{
    if (imu->on_off.fn == NULL)
        return vendor_switch(imu, on, why, why_size);
    return imu->on_off.fn(imu->on_off.context, on, why, why_size);
}

ok4a_imu_stream_t *ok4a_imu_stream_start(libusb_device_handle *handle, uint8_t interface_number, uint8_t endpoint,
                                         ok4a_imu_switch_t on_off, bool wait_for_clock_reset,
                                         ok4a_stream_event_fn *on_disconnect, ok4a_stream_event_fn *on_service_needed,
                                         void *event_context, char *why, size_t why_size)
{
    ok4a_imu_stream_t *imu = calloc(1, sizeof *imu);
    if (imu == NULL)
    {
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    imu->handle = handle;
    imu->interface_number = interface_number;
    imu->endpoint = endpoint;
    imu->on_off = on_off;
    imu->waiting_for_clock_reset = wait_for_clock_reset;
    imu->on_disconnect = on_disconnect;
    imu->on_service_needed = on_service_needed;
    imu->event_context = event_context;
    pthread_mutex_init(&imu->mutex, NULL);
    ok4a_cond_init_monotonic(&imu->cond);
    int r = on_off.fn == NULL ? libusb_claim_interface(handle, interface_number) : 0;
    if (r != 0)
    {
        snprintf(why, why_size, "cannot claim the IMU interface %u: %s", interface_number, libusb_error_name(r));
        pthread_cond_destroy(&imu->cond);
        pthread_mutex_destroy(&imu->mutex);
        free(imu);
        return NULL;
    }
    for (int i = 0; i < OK4A_IMU_TRANSFERS; i++)
    {
        imu_slot_t *slot = &imu->slots[i];
        slot->imu = imu;
        slot->transfer = libusb_alloc_transfer(0);
        if (slot->transfer == NULL)
        {
            snprintf(why, why_size, "out of memory for IMU transfers");
            ok4a_imu_stream_stop(imu, NULL);
            return NULL;
        }
        libusb_fill_bulk_transfer(slot->transfer, handle, endpoint, slot->buffer, OK4A_IMU_TRANSFER_SIZE,
                                  on_imu_transfer, slot, 0);
    }
    pthread_mutex_lock(&imu->mutex);
    for (int i = 0; i < OK4A_IMU_TRANSFERS; i++)
    {
        r = libusb_submit_transfer(imu->slots[i].transfer);
        if (r != 0)
            break;
        imu->slots[i].in_flight = true;
        imu->in_flight++;
    }
    pthread_mutex_unlock(&imu->mutex);
    if (r < 0)
    {
        snprintf(why, why_size, "cannot start the IMU stream: %s", libusb_error_name(r));
        ok4a_imu_stream_stop(imu, NULL);
        return NULL;
    }
    if (!switch_imu(imu, true, why, why_size))
    {
        ok4a_imu_stream_stop(imu, NULL);
        return NULL;
    }
    return imu;
}

void ok4a_imu_stream_stop(ok4a_imu_stream_t *imu, ok4a_imu_stats_t *final_stats)
{
    if (imu == NULL)
        return;
    pthread_mutex_lock(&imu->mutex);
    const bool lost = imu->lost;
    pthread_mutex_unlock(&imu->mutex);
    char why[OK4A_IMU_WHY];
    if (!lost && !switch_imu(imu, false, why, sizeof why))
        OK4A_LOG_WARNING("IMU: %s", why);
    pthread_mutex_lock(&imu->mutex);
    imu->stopping = true;
    imu->closed = true;
    for (int i = 0; i < OK4A_IMU_TRANSFERS; i++)
    {
        if (imu->slots[i].in_flight)
            libusb_cancel_transfer(imu->slots[i].transfer);
    }
    const struct timespec deadline = ok4a_deadline_after_ms(3000);
    while (imu->in_flight > 0 && ok4a_cond_wait_step(&imu->cond, &imu->mutex, 3000, &deadline))
    {
    }
    const bool leaked = imu->in_flight > 0;
    pthread_cond_broadcast(&imu->cond);
    pthread_mutex_unlock(&imu->mutex);
    if (imu->on_off.fn == NULL)
        libusb_release_interface(imu->handle, imu->interface_number);
    if (final_stats != NULL)
        *final_stats = imu->stats;
    if (leaked)
    {
        OK4A_LOG_ERROR("IMU: transfers did not come back after cancel; leaking them");
        return;
    }
    for (int i = 0; i < OK4A_IMU_TRANSFERS; i++)
        libusb_free_transfer(imu->slots[i].transfer);
    pthread_cond_destroy(&imu->cond);
    pthread_mutex_destroy(&imu->mutex);
    free(imu);
}

k4a_wait_result_t ok4a_imu_stream_pop(ok4a_imu_stream_t *imu, k4a_imu_sample_t *sample, int32_t timeout_ms)
{
    const struct timespec deadline = ok4a_deadline_after_ms(timeout_ms);
    pthread_mutex_lock(&imu->mutex);
    while (imu->count == 0 && !imu->closed && ok4a_cond_wait_step(&imu->cond, &imu->mutex, timeout_ms, &deadline))
    {
    }
    k4a_wait_result_t result;
    if (imu->count > 0)
    {
        *sample = imu->queue[imu->head];
        imu->head = (imu->head + 1) % OK4A_IMU_QUEUE;
        imu->count--;
        imu->stats.delivered++;
        result = K4A_WAIT_RESULT_SUCCEEDED;
    }
    else
    {
        result = imu->closed ? K4A_WAIT_RESULT_FAILED : K4A_WAIT_RESULT_TIMEOUT;
    }
    pthread_mutex_unlock(&imu->mutex);
    return result;
}

void ok4a_imu_stream_close(ok4a_imu_stream_t *imu)
{
    pthread_mutex_lock(&imu->mutex);
    imu->closed = true;
    pthread_cond_broadcast(&imu->cond);
    pthread_mutex_unlock(&imu->mutex);
}

void ok4a_imu_stream_get_stats(ok4a_imu_stream_t *imu, ok4a_imu_stats_t *stats)
{
    pthread_mutex_lock(&imu->mutex);
    *stats = imu->stats;
    pthread_mutex_unlock(&imu->mutex);
}
