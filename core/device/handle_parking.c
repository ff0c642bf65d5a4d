/* Handles libusb must not close (handle_parking.h). */
#include "core/device/handle_parking.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/log.h"

typedef struct parked_handle
{
    libusb_context *ctx;
    libusb_device_handle *handle;
    struct parked_handle *next;
} parked_handle_t;

static pthread_mutex_t g_parked_mutex = PTHREAD_MUTEX_INITIALIZER;
static parked_handle_t *g_parked; /* under g_parked_mutex */

void ok4a_park_handle(libusb_context *ctx, libusb_device_handle *handle)
{
    const struct libusb_version *v = libusb_get_version();
    OK4A_LOG_WARNING("the device went while its interface setting changed: libusb %u.%u.%u may have left this "
                     "handle's lock unbalanced (libusb issue 1199, fixed in 1.0.27), so the handle stays open",
                     v->major, v->minor, v->micro);
    parked_handle_t *p = malloc(sizeof *p);
    if (p == NULL)
        return; /* still never closed */
    p->ctx = ctx;
    p->handle = handle;
    pthread_mutex_lock(&g_parked_mutex);
    p->next = g_parked;
    g_parked = p;
    pthread_mutex_unlock(&g_parked_mutex);
}
