/* POSIX: CLOCK_MONOTONIC condition variables. */
#define _POSIX_C_SOURCE 200809L

#include "core/device/usb_control.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/wait.h"

typedef struct
{
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    bool done;
    int status;
    int actual;
    uint8_t *data; /* the caller's buffer for IN data */
    uint32_t length;
} waiter_t;

static void LIBUSB_CALL on_control(struct libusb_transfer *t)
{
    waiter_t *w = t->user_data;
    pthread_mutex_lock(&w->mutex);
    w->status = t->status;
    w->actual = t->actual_length;
    const uint8_t *setup = t->buffer;
    if (t->status == LIBUSB_TRANSFER_COMPLETED && (setup[0] & LIBUSB_ENDPOINT_IN) && w->data != NULL)
    {
        const int n = t->actual_length < (int)w->length ? t->actual_length : (int)w->length;
        memcpy(w->data, libusb_control_transfer_get_data(t), (size_t)n);
    }
    w->done = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->mutex);
    /* LIBUSB_TRANSFER_FREE_TRANSFER | FREE_BUFFER: libusb frees both now. */
}

/* On the event thread: a bulk transfer ended; IN data goes to the caller's buffer. */
static void LIBUSB_CALL on_bulk(struct libusb_transfer *t)
{
    waiter_t *w = t->user_data;
    pthread_mutex_lock(&w->mutex);
    w->status = t->status;
    w->actual = t->actual_length;
    if (t->status == LIBUSB_TRANSFER_COMPLETED && (t->endpoint & LIBUSB_ENDPOINT_IN) && w->data != NULL)
        memcpy(w->data, t->buffer, (size_t)t->actual_length < w->length ? (size_t)t->actual_length : w->length);
    w->done = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->mutex);
}

/* Submits `t` (filled, with LIBUSB_TRANSFER_FREE_BUFFER | FREE_TRANSFER and
 * user_data = w) and waits for its callback: bytes transferred, or a
 * LIBUSB_ERROR. */
static int run_transfer(struct libusb_transfer *t, waiter_t *w, unsigned int timeout_ms)
{
    pthread_mutex_init(&w->mutex, NULL);
    ok4a_cond_init_monotonic(&w->cond);
    const int r = libusb_submit_transfer(t);
    if (r != 0)
    {
        libusb_free_transfer(t); /* frees the buffer too (FREE_BUFFER) */
        pthread_cond_destroy(&w->cond);
        pthread_mutex_destroy(&w->mutex);
        return r;
    }
    /* libusb's own timeout ends the transfer; past that (and a margin) it is
     * cancelled, and the callback still comes: `w` must outlive it. */
    const int32_t patience = (int32_t)timeout_ms + 2000;
    const struct timespec deadline = ok4a_deadline_after_ms(patience);
    pthread_mutex_lock(&w->mutex);
    while (!w->done && ok4a_cond_wait_step(&w->cond, &w->mutex, patience, &deadline))
    {
    }
    if (!w->done)
    {
        libusb_cancel_transfer(t);
        while (!w->done)
            pthread_cond_wait(&w->cond, &w->mutex);
    }
    const int status = w->status, actual = w->actual;
    pthread_mutex_unlock(&w->mutex);
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->mutex);
    switch (status)
    {
    case LIBUSB_TRANSFER_COMPLETED:
        return actual;
    case LIBUSB_TRANSFER_STALL:
        return LIBUSB_ERROR_PIPE;
    case LIBUSB_TRANSFER_TIMED_OUT:
        return LIBUSB_ERROR_TIMEOUT;
    case LIBUSB_TRANSFER_NO_DEVICE:
        return LIBUSB_ERROR_NO_DEVICE;
    case LIBUSB_TRANSFER_OVERFLOW:
        return LIBUSB_ERROR_OVERFLOW;
    default:
        return LIBUSB_ERROR_IO;
    }
}

int ok4a_usb_control(libusb_device_handle *handle, uint8_t request_type, uint8_t request, uint16_t value,
                     uint16_t index, uint8_t *data, uint16_t length, unsigned int timeout_ms)
{
    uint8_t *buffer = malloc(LIBUSB_CONTROL_SETUP_SIZE + (size_t)length);
    struct libusb_transfer *t = libusb_alloc_transfer(0);
    if (buffer == NULL || t == NULL)
    {
        free(buffer);
        libusb_free_transfer(t);
        return LIBUSB_ERROR_NO_MEM;
    }
    libusb_fill_control_setup(buffer, request_type, request, value, index, length);
    if (!(request_type & LIBUSB_ENDPOINT_IN) && length > 0)
        memcpy(buffer + LIBUSB_CONTROL_SETUP_SIZE, data, length);
    waiter_t w = {.data = data, .length = length};
    libusb_fill_control_transfer(t, handle, buffer, on_control, &w, timeout_ms);
    t->flags = LIBUSB_TRANSFER_FREE_BUFFER | LIBUSB_TRANSFER_FREE_TRANSFER;
    return run_transfer(t, &w, timeout_ms);
}

int ok4a_usb_bulk(libusb_device_handle *handle, uint8_t endpoint, uint8_t *data, uint32_t length,
                  unsigned int timeout_ms)
{
    if (length > INT32_MAX)
        return LIBUSB_ERROR_INVALID_PARAM;
    uint8_t *buffer = malloc(length > 0 ? length : 1);
    struct libusb_transfer *t = libusb_alloc_transfer(0);
    if (buffer == NULL || t == NULL)
    {
        free(buffer);
        libusb_free_transfer(t);
        return LIBUSB_ERROR_NO_MEM;
    }
    if (!(endpoint & LIBUSB_ENDPOINT_IN) && length > 0)
        memcpy(buffer, data, length);
    waiter_t w = {.data = data, .length = length};
    libusb_fill_bulk_transfer(t, handle, endpoint, buffer, (int)length, on_bulk, &w, timeout_ms);
    t->flags = LIBUSB_TRANSFER_FREE_BUFFER | LIBUSB_TRANSFER_FREE_TRANSFER;
    return run_transfer(t, &w, timeout_ms);
}

/* libusb 1.0.27 dropped the unpaired unlock in libusb_set_interface_alt_setting(). */
static bool set_alt_setting_unlocks_unlocked(void)
{
    const struct libusb_version *v = libusb_get_version();
    if (v->major != 1)
        return v->major < 1;
    return v->minor == 0 && v->micro < 27;
}

int ok4a_usb_set_alt_setting(libusb_device_handle *handle, uint8_t interface_number, uint8_t alt_setting,
                             atomic_bool *unclosable)
{
    if (!set_alt_setting_unlocks_unlocked())
        return libusb_set_interface_alt_setting(handle, interface_number, alt_setting);
    /* Asks the kernel (USBDEVFS_GETDRIVER on Linux), after libusb's own
     * "attached" flag: a device the kernel lost is never asked. */
    if (libusb_kernel_driver_active(handle, interface_number) == LIBUSB_ERROR_NO_DEVICE)
        return LIBUSB_ERROR_NO_DEVICE;
    const int r = libusb_set_interface_alt_setting(handle, interface_number, alt_setting);
    if (r == LIBUSB_ERROR_NO_DEVICE && unclosable != NULL)
        atomic_store(unclosable, true); /* gone in between: libusb may have taken the bad path */
    return r;
}

int ok4a_usb_clear_halt_retrying(libusb_device_handle *handle, uint8_t endpoint, ok4a_retry_pause_fn *pause,
                                 void *context, int *attempts)
{
    int r = LIBUSB_ERROR_OTHER;
    *attempts = 0;
    for (int attempt = 0; attempt < OK4A_RECOVERY_ATTEMPTS; attempt++)
    {
        if (attempt > 0 && !pause(context, OK4A_RETRY_FIRST_MS << (attempt - 1)))
            break;
        r = libusb_clear_halt(handle, endpoint);
        *attempts = attempt + 1;
        if (r == 0 || r == LIBUSB_ERROR_NO_DEVICE)
            break;
    }
    return r;
}
