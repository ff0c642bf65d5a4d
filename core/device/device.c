/* POSIX: clock_gettime, CLOCK_MONOTONIC condition variables. */
#define _POSIX_C_SOURCE 200809L

/* The k4a device API over libusb: a userspace UVC driver.
 *
 * One libusb context per open device, with two threads: the event thread
 * runs libusb's event loop (all transfer callbacks: frame assembly, image
 * creation, capture sync), the service thread does what must not run there
 * (clearing a stalled endpoint). API calls that change streaming state are
 * serialised by api_mutex; the capture and IMU queues are borrowed (a count
 * of users under queue_mutex, never a lock held while waiting), so
 * get_capture()/get_imu_sample() never see a queue being freed and never
 * hold up stop_imu/stop_cameras/close/get_stats: those close the queue
 * first, which returns every waiter at once, then wait for the borrowers.
 *
 * Devices: VID 0x045E / PID 0x0A7E is a k4a composite UVC device (colour,
 * depth 'Z16 ', IR 'Y16 ', IMU); see tools/emulator/uvc_catalog.h. With
 * openk4a_device_set_generic_uvc(true), any UVC camera is also accepted as a
 * colour-only device. */
#include <libusb.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/device/camera_plan.h"
#include "core/device/capture_sync.h"
#include "core/device/color_stage.h"
#include "core/device/device_handles.h"
#include "core/device/device_internal.h"
#include "core/device/imu_stream.h"
#include "core/device/usb_control.h"
#include "core/device/uvc_stream.h"
#include "core/device/wait.h"
#include "core/log.h"
#include "openk4a/device.h"
#include "openk4a/usb/uvc_descriptors.h"

#define OK4A_K4A_VID 0x045E
#define OK4A_K4A_PID 0x0A7E
#define OK4A_CAPTURE_QUEUE 8
/* Images a consumer may reasonably hold at once, beyond the capture queue. */
#define OK4A_CONSUMER_HELD 8
/* Frame buffers per stream beyond its transfers: the capture queue plus
 * what a consumer may reasonably hold at once. Bounds memory. */
#define OK4A_SPARE_BUFFERS (OK4A_CAPTURE_QUEUE + OK4A_CONSUMER_HELD)
#define OK4A_MAX_CANDIDATES 64
#define OK4A_WHY 256

static atomic_bool g_generic_uvc;

/* Where a device sits on the bus: what "already open" is judged by. */
typedef struct
{
    uint8_t bus;
    uint8_t address;
    int port_count;
    uint8_t ports[8];
} bus_location_t;

/* A queue that API calls borrow while they wait on it (see borrow()). */
typedef struct
{
    void *queue;
    int borrowers;
} queue_slot_t;

struct _k4a_device_t
{
    k4a_device_t api_handle; /* what the API knows it by (core/device/device_handles) */
    libusb_context *ctx;
    libusb_device_handle *handle;
    bool is_k4a;
    char serial[128];
    uint8_t *config_bytes;
    openk4a_uvc_config_t *model;
    int imu_interface; /* -1: none */
    uint8_t imu_endpoint;

    pthread_t event_thread;
    atomic_bool quit_events;
    pthread_t service_thread;
    pthread_mutex_t service_mutex;
    pthread_cond_t service_cond;
    bool service_requested;
    bool quit_service;

    pthread_mutex_t api_mutex;
    ok4a_uvc_stream_t *streams[OPENK4A_STREAM_COUNT];
    ok4a_color_stage_t *color_stage; /* BGRA32 colour: between the colour stream and the sync */
    bool cameras_running;
    bool closing; /* under api_mutex: k4a_device_close() began, nothing may start */
    _Atomic(int) color_mode;         /* openk4a_color_mode_t for the next start */

    pthread_mutex_t queue_mutex; /* guards the two queue slots; never held while waiting for data */
    pthread_cond_t queue_returned;
    queue_slot_t sync; /* ok4a_capture_sync_t */
    queue_slot_t imu;  /* ok4a_imu_stream_t */

    atomic_bool disconnected;
    atomic_bool stream_failed; /* a stream could not recover since the cameras started */
    atomic_bool handle_unclosable; /* see ok4a_usb_set_alt_setting */
    bus_location_t location;
    struct _k4a_device_t *next_open; /* the process's open devices (g_open_devices) */
    pthread_mutex_t stats_mutex;
    openk4a_device_stats_t past; /* counters of stopped streams and queues */
    ok4a_device_info_t info;     /* device_info.c: calibration */
};

void openk4a_device_set_generic_uvc(bool enabled)
{
    atomic_store(&g_generic_uvc, enabled);
}

static struct _k4a_device_t *acquire(k4a_device_t handle, const char *caller)
{
    struct _k4a_device_t *d = ok4a_device_handle_acquire(handle);
    if (d == NULL)
        OK4A_LOG_ERROR("%s: invalid device handle %p (closed, or never opened)", caller, (void *)handle);
    return d;
}

static void leave(struct _k4a_device_t **d)
{
    if (*d != NULL)
        ok4a_device_handle_release((*d)->api_handle);
}

/* Declares `d`: the device of `handle` for the rest of the enclosing block
 * (k4a_device_close() waits for it), or NULL, logged, for a bad handle. */
#define USING_DEVICE(d, handle) \
    struct _k4a_device_t *d __attribute__((cleanup(leave))) = acquire((handle), __func__)

bool ok4a_device_usb(k4a_device_t handle, const char *caller, ok4a_device_usb_t *out)
{
    struct _k4a_device_t *d = acquire(handle, caller);
    if (d == NULL)
        return false;
    /* Held until ok4a_device_usb_done(): k4a_device_close() waits for it. */
    *out = (ok4a_device_usb_t){
        .device = d,
        .handle = d->handle,
        .is_k4a = d->is_k4a,
        .model = d->model,
        .vendor_interface = d->imu_interface,
        .info = &d->info,
    };
    return true;
}

void ok4a_device_usb_done(ok4a_device_usb_t *usb)
{
    if (usb->device != NULL)
        ok4a_device_handle_release(usb->device->api_handle);
    usb->device = NULL;
}

/* ---------------------------------------------------------- open devices -- */

/* Devices open in this process. The Azure Kinect SDK fails a second open of a
 * device (its interfaces are claimed); so does this driver, up front. */
static pthread_mutex_t g_open_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct _k4a_device_t *g_open_devices;

static bus_location_t locate(libusb_device *dev)
{
    bus_location_t l = {.bus = libusb_get_bus_number(dev), .address = libusb_get_device_address(dev)};
    l.port_count = libusb_get_port_numbers(dev, l.ports, (int)sizeof l.ports);
    if (l.port_count < 0)
        l.port_count = 0;
    return l;
}

static bool same_location(const bus_location_t *a, const bus_location_t *b)
{
    return a->bus == b->bus && a->address == b->address && a->port_count == b->port_count &&
           memcmp(a->ports, b->ports, (size_t)a->port_count) == 0;
}

/* Records `d` as open at its location, unless a device there is open
 * already. A re-plugged device gets a new address, so a handle left open on
 * the unplugged one does not block it. */
static bool register_open(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&g_open_mutex);
    for (struct _k4a_device_t *o = g_open_devices; o != NULL; o = o->next_open)
    {
        if (same_location(&o->location, &d->location) && !atomic_load(&o->disconnected))
        {
            pthread_mutex_unlock(&g_open_mutex);
            return false;
        }
    }
    d->next_open = g_open_devices;
    g_open_devices = d;
    pthread_mutex_unlock(&g_open_mutex);
    return true;
}

static void unregister_open(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&g_open_mutex);
    for (struct _k4a_device_t **o = &g_open_devices; *o != NULL; o = &(*o)->next_open)
    {
        if (*o == d)
        {
            *o = d->next_open;
            break;
        }
    }
    pthread_mutex_unlock(&g_open_mutex);
}

/* ------------------------------------------------------------ discovery -- */

static bool has_video_control(libusb_device *dev)
{
    struct libusb_config_descriptor *config = NULL;
    if (libusb_get_active_config_descriptor(dev, &config) != 0 && libusb_get_config_descriptor(dev, 0, &config) != 0)
        return false;
    bool found = false;
    for (int i = 0; i < config->bNumInterfaces && !found; i++)
    {
        for (int a = 0; a < config->interface[i].num_altsetting && !found; a++)
        {
            const struct libusb_interface_descriptor *alt = &config->interface[i].altsetting[a];
            found = alt->bInterfaceClass == LIBUSB_CLASS_VIDEO && alt->bInterfaceSubClass == 1;
        }
    }
    libusb_free_config_descriptor(config);
    return found;
}

static bool is_candidate(libusb_device *dev, bool *is_k4a)
{
    struct libusb_device_descriptor dd;
    if (libusb_get_device_descriptor(dev, &dd) != 0)
        return false;
    *is_k4a = dd.idVendor == OK4A_K4A_VID && dd.idProduct == OK4A_K4A_PID;
    return *is_k4a || (atomic_load(&g_generic_uvc) && has_video_control(dev));
}

/* Stable order: bus, then port path. */
static int compare_devices(const void *a, const void *b)
{
    libusb_device *da = *(libusb_device *const *)a, *db = *(libusb_device *const *)b;
    if (libusb_get_bus_number(da) != libusb_get_bus_number(db))
        return libusb_get_bus_number(da) - libusb_get_bus_number(db);
    uint8_t pa[8] = {0}, pb[8] = {0};
    const int na = libusb_get_port_numbers(da, pa, 8), nb = libusb_get_port_numbers(db, pb, 8);
    const int c = memcmp(pa, pb, 8);
    if (c != 0)
        return c;
    if (na != nb)
        return na - nb;
    return libusb_get_device_address(da) - libusb_get_device_address(db);
}

/* The candidates, sorted; the list (free with libusb_free_device_list) keeps them alive. */
static int list_candidates(libusb_context *ctx, libusb_device ***list, libusb_device **out, bool *is_k4a)
{
    const ssize_t n = libusb_get_device_list(ctx, list);
    if (n < 0)
    {
        *list = NULL;
        return 0;
    }
    int count = 0;
    for (ssize_t i = 0; i < n && count < OK4A_MAX_CANDIDATES; i++)
    {
        bool k4a = false;
        if (is_candidate((*list)[i], &k4a))
            out[count++] = (*list)[i];
    }
    qsort(out, (size_t)count, sizeof *out, compare_devices);
    for (int i = 0; i < count && is_k4a != NULL; i++)
        is_candidate(out[i], &is_k4a[i]);
    return count;
}

uint32_t k4a_device_get_installed_count(void)
{
    libusb_context *ctx = NULL;
    if (libusb_init(&ctx) != 0)
    {
        OK4A_LOG_ERROR("%s: libusb_init failed", __func__);
        return 0;
    }
    libusb_device **list = NULL;
    libusb_device *candidates[OK4A_MAX_CANDIDATES];
    const int count = list_candidates(ctx, &list, candidates, NULL);
    if (list != NULL)
        libusb_free_device_list(list, 1);
    libusb_exit(ctx);
    return (uint32_t)count;
}

/* ------------------------------------------------------ borrowed queues -- */

/* The queue in `slot`, counted as borrowed until give_back(); NULL when none. */
static void *borrow(struct _k4a_device_t *d, queue_slot_t *slot)
{
    pthread_mutex_lock(&d->queue_mutex);
    void *queue = slot->queue;
    if (queue != NULL)
        slot->borrowers++;
    pthread_mutex_unlock(&d->queue_mutex);
    return queue;
}

static void give_back(struct _k4a_device_t *d, queue_slot_t *slot)
{
    pthread_mutex_lock(&d->queue_mutex);
    if (--slot->borrowers == 0)
        pthread_cond_broadcast(&d->queue_returned);
    pthread_mutex_unlock(&d->queue_mutex);
}

static void install(struct _k4a_device_t *d, queue_slot_t *slot, void *queue)
{
    pthread_mutex_lock(&d->queue_mutex);
    slot->queue = queue;
    pthread_mutex_unlock(&d->queue_mutex);
}

/* Empties `slot` and waits until nobody borrows its queue. The queue must be
 * closed first, so that its waiters return at once. */
static void uninstall(struct _k4a_device_t *d, queue_slot_t *slot)
{
    pthread_mutex_lock(&d->queue_mutex);
    slot->queue = NULL;
    while (slot->borrowers > 0)
        pthread_cond_wait(&d->queue_returned, &d->queue_mutex);
    pthread_mutex_unlock(&d->queue_mutex);
}

/* --------------------------------------------------------------- threads -- */

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
    ok4a_capture_sync_t *sync = borrow(d, &d->sync);
    if (sync != NULL)
    {
        ok4a_capture_sync_close(sync);
        give_back(d, &d->sync);
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

static void request_service(void *context)
{
    struct _k4a_device_t *d = context;
    pthread_mutex_lock(&d->service_mutex);
    d->service_requested = true;
    pthread_cond_signal(&d->service_cond);
    pthread_mutex_unlock(&d->service_mutex);
}

/* On the event thread: the device is gone. Wake everyone who waits. */
static void on_disconnect(void *context)
{
    struct _k4a_device_t *d = context;
    if (atomic_exchange(&d->disconnected, true))
        return;
    OK4A_LOG_ERROR("k4a device %s: disconnected", d->serial);
    ok4a_capture_sync_t *sync = borrow(d, &d->sync);
    if (sync != NULL)
    {
        ok4a_capture_sync_close(sync);
        give_back(d, &d->sync);
    }
    ok4a_imu_stream_t *imu = borrow(d, &d->imu);
    if (imu != NULL)
    {
        ok4a_imu_stream_close(imu);
        give_back(d, &d->imu);
    }
}

static void sink(void *context, openk4a_stream_t stream, k4a_image_t image, uint64_t device_timestamp_usec)
{
    ok4a_capture_sync_push(context, stream, image, device_timestamp_usec);
}

/* ----------------------------------------------------------- open/close -- */

static bool read_config(struct _k4a_device_t *d, char *why, size_t why_size)
{
    uint8_t header[9];
    int r = libusb_get_descriptor(d->handle, LIBUSB_DT_CONFIG, 0, header, sizeof header);
    if (r < (int)sizeof header)
    {
        snprintf(why, why_size, "cannot read the configuration descriptor: %s",
                 r < 0 ? libusb_error_name(r) : "short");
        return false;
    }
    const size_t total = (size_t)(header[2] | header[3] << 8);
    d->config_bytes = malloc(total);
    d->model = malloc(sizeof *d->model);
    if (d->config_bytes == NULL || d->model == NULL)
    {
        snprintf(why, why_size, "out of memory");
        return false;
    }
    r = libusb_get_descriptor(d->handle, LIBUSB_DT_CONFIG, 0, d->config_bytes, (int)total);
    size_t consumed = 0;
    const openk4a_usb_status_t status =
        r < 0 ? OPENK4A_USB_ERR_TRUNCATED
              : openk4a_uvc_config_parse(d->config_bytes, (size_t)r, d->model, &consumed);
    if (status != OPENK4A_USB_OK)
    {
        snprintf(why, why_size, "the configuration descriptor is not usable UVC (byte %zu: %s)", consumed,
                 openk4a_usb_status_message(status));
        return false;
    }
    if (!d->model->control.present || d->model->streaming_count == 0)
    {
        snprintf(why, why_size, "the device has no UVC video streaming interface");
        return false;
    }
    return true;
}

/* The vendor interface with a bulk IN endpoint: IMU packets. */
static void find_imu(struct _k4a_device_t *d)
{
    d->imu_interface = -1;
    struct libusb_config_descriptor *config = NULL;
    if (!d->is_k4a || libusb_get_active_config_descriptor(libusb_get_device(d->handle), &config) != 0)
        return;
    for (int i = 0; i < config->bNumInterfaces && d->imu_interface < 0; i++)
    {
        const struct libusb_interface_descriptor *alt = &config->interface[i].altsetting[0];
        if (alt->bInterfaceClass != LIBUSB_CLASS_VENDOR_SPEC)
            continue;
        for (int e = 0; e < alt->bNumEndpoints; e++)
        {
            const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];
            if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_IN) &&
                (ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == LIBUSB_TRANSFER_TYPE_BULK)
            {
                d->imu_interface = alt->bInterfaceNumber;
                d->imu_endpoint = ep->bEndpointAddress;
                break;
            }
        }
    }
    libusb_free_config_descriptor(config);
}

/* Handles libusb must not close (ok4a_usb_set_alt_setting), kept with their
 * context for the life of the process: a few kilobytes and three file
 * descriptors per unplug that raced a stream's start or stop, instead of an
 * abort in libusb_close(). */
typedef struct parked_handle
{
    libusb_context *ctx;
    libusb_device_handle *handle;
    struct parked_handle *next;
} parked_handle_t;
static parked_handle_t *g_parked; /* under g_open_mutex */

static void park(libusb_context *ctx, libusb_device_handle *handle)
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
    pthread_mutex_lock(&g_open_mutex);
    p->next = g_parked;
    g_parked = p;
    pthread_mutex_unlock(&g_open_mutex);
}

static void destroy_device(struct _k4a_device_t *d);
static void stop_cameras(struct _k4a_device_t *d);
static void stop_imu(struct _k4a_device_t *d);

/* Once no thread of ours uses the context any more. */
static void free_device(struct _k4a_device_t *d)
{
    unregister_open(d); /* if it got that far */
    if (d->handle != NULL && atomic_load(&d->handle_unclosable))
    {
        park(d->ctx, d->handle);
    }
    else
    {
        if (d->handle != NULL)
            libusb_close(d->handle);
        if (d->ctx != NULL)
            libusb_exit(d->ctx);
    }
    free(d->config_bytes);
    free(d->model);
    free(d);
}

k4a_result_t k4a_device_open(uint32_t index, k4a_device_t *device_handle)
{
    if (device_handle == NULL)
    {
        OK4A_LOG_ERROR("%s: device_handle is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    *device_handle = NULL;
    struct _k4a_device_t *d = calloc(1, sizeof *d);
    if (d == NULL)
        return K4A_RESULT_FAILED;
    char why[OK4A_WHY] = "";
    if (libusb_init(&d->ctx) != 0)
    {
        OK4A_LOG_ERROR("%s: libusb_init failed", __func__);
        d->ctx = NULL;
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    libusb_device **list = NULL;
    libusb_device *candidates[OK4A_MAX_CANDIDATES];
    bool k4a[OK4A_MAX_CANDIDATES];
    const int count = list_candidates(d->ctx, &list, candidates, k4a);
    int r = LIBUSB_ERROR_NOT_FOUND;
    bool already_open = false;
    if (index < (uint32_t)count)
    {
        d->is_k4a = k4a[index];
        d->location = locate(candidates[index]);
        already_open = !register_open(d);
        if (!already_open)
            r = libusb_open(candidates[index], &d->handle);
    }
    if (list != NULL)
        libusb_free_device_list(list, 1);
    if (r != 0)
    {
        if (index >= (uint32_t)count)
            OK4A_LOG_ERROR("%s: no device at index %u (%d installed)", __func__, index, count);
        else if (already_open)
            OK4A_LOG_ERROR("%s: device %u is already open in this process; close that handle first", __func__,
                           index);
        else
            OK4A_LOG_ERROR("%s: cannot open device %u: %s", __func__, index, libusb_error_name(r));
        d->handle = NULL;
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    struct libusb_device_descriptor dd;
    libusb_get_device_descriptor(libusb_get_device(d->handle), &dd);
    if (dd.iSerialNumber != 0 && libusb_get_string_descriptor_ascii(d->handle, dd.iSerialNumber,
                                                                    (unsigned char *)d->serial,
                                                                    (int)sizeof d->serial) < 0)
    {
        d->serial[0] = '\0';
    }
    if (!read_config(d, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: device %u: %s", __func__, index, why);
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    find_imu(d);
    pthread_mutex_init(&d->api_mutex, NULL);
    pthread_mutex_init(&d->service_mutex, NULL);
    pthread_mutex_init(&d->stats_mutex, NULL);
    pthread_cond_init(&d->service_cond, NULL);
    pthread_mutex_init(&d->queue_mutex, NULL);
    pthread_cond_init(&d->queue_returned, NULL);
    ok4a_device_info_init(&d->info);
    if (pthread_create(&d->event_thread, NULL, event_loop, d) != 0)
    {
        OK4A_LOG_ERROR("%s: cannot start the USB event thread", __func__);
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    if (pthread_create(&d->service_thread, NULL, service_loop, d) != 0)
    {
        OK4A_LOG_ERROR("%s: cannot start the service thread", __func__);
        atomic_store(&d->quit_events, true);
        libusb_interrupt_event_handler(d->ctx);
        pthread_join(d->event_thread, NULL);
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    if (!ok4a_device_handle_add(d, &d->api_handle))
    {
        OK4A_LOG_ERROR("%s: %d devices are open already; close one first", __func__, OK4A_MAX_OPEN_DEVICES);
        destroy_device(d);
        return K4A_RESULT_FAILED;
    }
    OK4A_LOG_INFO("k4a device %u opened: %04x:%04x serial %s%s", index, dd.idVendor, dd.idProduct, d->serial,
                  d->is_k4a ? "" : " (generic UVC camera, colour only)");
    *device_handle = d->api_handle;
    return K4A_RESULT_SUCCEEDED;
}

void k4a_device_close(k4a_device_t device_handle)
{
    if (device_handle == NULL)
        return;
    struct _k4a_device_t *d = ok4a_device_handle_begin_remove(device_handle);
    if (d == NULL)
    {
        OK4A_LOG_ERROR("%s: invalid device handle %p (closed, or never opened)", __func__, (void *)device_handle);
        return;
    }
    unregister_open(d);
    pthread_mutex_lock(&d->api_mutex);
    d->closing = true;
    pthread_mutex_unlock(&d->api_mutex);
    /* Waiting consumers return (FAILED) once their queues close; then the
     * calls in progress end and the device is ours alone. */
    stop_cameras(d);
    stop_imu(d);
    ok4a_device_handle_finish_remove(device_handle);
    destroy_device(d);
}

/* Ends the threads and frees everything (the device has no handle any more,
 * or never had one). */
static void destroy_device(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->service_mutex);
    d->quit_service = true;
    pthread_cond_signal(&d->service_cond);
    pthread_mutex_unlock(&d->service_mutex);
    pthread_join(d->service_thread, NULL);
    atomic_store(&d->quit_events, true);
    libusb_interrupt_event_handler(d->ctx);
    pthread_join(d->event_thread, NULL);
    pthread_cond_destroy(&d->queue_returned);
    pthread_mutex_destroy(&d->queue_mutex);
    ok4a_device_info_destroy(&d->info);
    pthread_cond_destroy(&d->service_cond);
    pthread_mutex_destroy(&d->stats_mutex);
    pthread_mutex_destroy(&d->service_mutex);
    pthread_mutex_destroy(&d->api_mutex);
    free_device(d);
}

k4a_buffer_result_t k4a_device_get_serialnum(k4a_device_t device_handle, char *serial_number,
                                             size_t *serial_number_size)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL)
        return K4A_BUFFER_RESULT_FAILED;
    if (serial_number_size == NULL)
    {
        OK4A_LOG_ERROR("%s: serial_number_size is NULL", __func__);
        return K4A_BUFFER_RESULT_FAILED;
    }
    const size_t needed = strlen(d->serial) + 1;
    if (serial_number == NULL || *serial_number_size < needed)
    {
        *serial_number_size = needed;
        return K4A_BUFFER_RESULT_TOO_SMALL;
    }
    memcpy(serial_number, d->serial, needed);
    *serial_number_size = needed;
    return K4A_BUFFER_RESULT_SUCCEEDED;
}

/* -------------------------------------------------------------- cameras -- */

static void add_stream_stats(openk4a_stream_stats_t *to, const openk4a_stream_stats_t *from)
{
    to->frames_received += from->frames_received;
    to->frames_delivered += from->frames_delivered;
    for (int i = 0; i < OPENK4A_FRAME_DROP_REASON_COUNT; i++)
        to->frames_dropped[i] += from->frames_dropped[i];
    to->frames_zero_copy += from->frames_zero_copy;
    to->bytes_received += from->bytes_received;
    to->transfers += from->transfers;
    to->transfer_errors += from->transfer_errors;
    to->stalls_cleared += from->stalls_cleared;
    to->failures += from->failures;
}

/* Frames the colour stage dropped had been counted delivered by the colour
 * stream: they move to their drop reason. */
static void add_color_stage_stats(openk4a_stream_stats_t *to, const ok4a_color_stage_stats_t *from)
{
    to->frames_decoded += from->delivered;
    to->decode_nsec += from->decode_nsec;
    for (int i = 0; i < OPENK4A_FRAME_DROP_REASON_COUNT; i++)
    {
        to->frames_dropped[i] += from->dropped[i];
        to->frames_delivered -= from->dropped[i];
    }
}

static void add_sync_stats(openk4a_device_stats_t *to, const ok4a_capture_sync_stats_t *from)
{
    to->captures_delivered += from->delivered;
    to->captures_partial += from->partial;
    for (int i = 0; i < OPENK4A_CAPTURE_DROP_REASON_COUNT; i++)
        to->captures_dropped[i] += from->dropped[i];
    /* Frames lost in the sync had been counted delivered by their stream. */
    for (int stream = 0; stream < OPENK4A_STREAM_COUNT; stream++)
    {
        for (int i = 0; i < OPENK4A_FRAME_DROP_REASON_COUNT; i++)
        {
            to->streams[stream].frames_dropped[i] += from->frames_dropped[stream][i];
            to->streams[stream].frames_delivered -= from->frames_dropped[stream][i];
        }
    }
}

static void add_imu_stats(openk4a_device_stats_t *to, const ok4a_imu_stats_t *from)
{
    to->imu_samples_delivered += from->delivered;
    to->imu_samples_dropped += from->dropped;
    to->imu_packets_bad += from->bad_packets;
    to->imu_transfer_errors += from->transfer_errors;
    to->imu_stalls_cleared += from->stalls_cleared;
    to->imu_failures += from->failures;
}

/* Stops what runs (api_mutex held); the queue goes after its producers. */
static void stop_cameras_locked(struct _k4a_device_t *d)
{
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (d->streams[i] == NULL)
            continue;
        openk4a_stream_stats_t last;
        ok4a_uvc_stream_stop(d->streams[i], &last);
        d->streams[i] = NULL;
        pthread_mutex_lock(&d->stats_mutex);
        add_stream_stats(&d->past.streams[i], &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    if (d->color_stage != NULL)
    {
        /* No more input: the frames being decoded finish into the sync. */
        ok4a_color_stage_stats_t last;
        ok4a_color_stage_destroy(d->color_stage, &last);
        d->color_stage = NULL;
        pthread_mutex_lock(&d->stats_mutex);
        add_color_stage_stats(&d->past.streams[OPENK4A_STREAM_COLOR], &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    ok4a_capture_sync_t *sync = d->sync.queue; /* api_mutex: nobody installs one now */
    if (sync != NULL)
    {
        ok4a_capture_sync_close(sync); /* waiting consumers return */
        uninstall(d, &d->sync);
        ok4a_capture_sync_stats_t last;
        ok4a_capture_sync_destroy(sync, &last);
        pthread_mutex_lock(&d->stats_mutex);
        add_sync_stats(&d->past, &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    d->cameras_running = false;
}

/* Everything start_cameras checks before touching the device: the k4a rules,
 * what this driver can do, and the device's descriptors. */
static bool check_configuration(const struct _k4a_device_t *d, const k4a_device_configuration_t *config,
                                ok4a_camera_plan_t *plan, char *why, size_t why_size)
{
    if (!ok4a_camera_plan_from_config(config, plan, why, why_size))
        return false;
    if (!d->is_k4a && (plan->streams[OPENK4A_STREAM_DEPTH].enabled || plan->streams[OPENK4A_STREAM_IR].enabled))
    {
        snprintf(why, why_size, "depth_mode must be OFF on a generic UVC camera");
        return false;
    }
    return ok4a_camera_plan_bind(plan, d->model, why, why_size);
}

k4a_result_t openk4a_device_check_configuration(k4a_device_t device_handle, const k4a_device_configuration_t *config,
                                                char *why, size_t why_size)
{
    char scratch[OK4A_WHY] = "";
    if (why == NULL || why_size == 0)
    {
        why = scratch;
        why_size = sizeof scratch;
    }
    why[0] = '\0';
    USING_DEVICE(d, device_handle);
    if (d == NULL)
    {
        snprintf(why, why_size, "invalid device handle");
        return K4A_RESULT_FAILED;
    }
    ok4a_camera_plan_t plan;
    return check_configuration(d, config, &plan, why, why_size) ? K4A_RESULT_SUCCEEDED : K4A_RESULT_FAILED;
}

k4a_result_t k4a_device_start_cameras(k4a_device_t device_handle, const k4a_device_configuration_t *config)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL)
        return K4A_RESULT_FAILED;
    char why[OK4A_WHY] = "";
    ok4a_camera_plan_t plan;
    if (!check_configuration(d, config, &plan, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: unsupported configuration: %s", __func__, why);
        return K4A_RESULT_FAILED;
    }
    pthread_mutex_lock(&d->api_mutex);
    if (atomic_load(&d->disconnected))
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: the device is disconnected; close it and open it again", __func__);
        return K4A_RESULT_FAILED;
    }
    if (d->cameras_running || d->closing)
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: %s", __func__,
                       d->closing ? "the device is being closed" : "the cameras are already running; stop them first");
        return K4A_RESULT_FAILED;
    }
    /* Decoded colour comes a few frames after its depth: let the sync keep
     * that many depth images waiting. */
    const uint32_t pending = plan.decode_to_bgra32 ? OK4A_SYNC_MAX_PENDING : 0;
    ok4a_capture_sync_config_t sync_config = {
        .synchronized_images_only = plan.synchronized_images_only,
        .depth_delay_off_color_usec = plan.depth_delay_off_color_usec,
        .frame_period_usec = plan.frame_period_usec,
        .queue_capacity = OK4A_CAPTURE_QUEUE,
        .pending_slots = pending,
    };
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
        sync_config.enabled[i] = plan.streams[i].enabled;
    ok4a_capture_sync_t *sync = ok4a_capture_sync_create(&sync_config);
    if (sync == NULL)
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: out of memory", __func__);
        return K4A_RESULT_FAILED;
    }
    install(d, &d->sync, sync);
    d->cameras_running = true;
    atomic_store(&d->stream_failed, false);
    if (plan.decode_to_bgra32)
    {
        const ok4a_stream_plan_t *color = &plan.streams[OPENK4A_STREAM_COLOR];
        const ok4a_color_stage_config_t stage_config = {
            .width = color->width,
            .height = color->height,
            .mode = (openk4a_color_mode_t)atomic_load(&d->color_mode),
            .spare_images = OK4A_SYNC_MAX_PENDING + OK4A_CAPTURE_QUEUE + OK4A_CONSUMER_HELD,
            .sink = sink,
            .sink_context = sync,
        };
        d->color_stage = ok4a_color_stage_create(&stage_config, why, sizeof why);
        if (d->color_stage == NULL)
        {
            stop_cameras_locked(d);
            pthread_mutex_unlock(&d->api_mutex);
            OK4A_LOG_ERROR("%s: %s", __func__, why);
            return K4A_RESULT_FAILED;
        }
        ok4a_color_stage_stats_t stage;
        ok4a_color_stage_get_stats(d->color_stage, &stage);
        OK4A_LOG_INFO("colour: %ux%u %s decoded to BGRA32 (%s) on %u threads, %u frames at once", color->width,
                      color->height, color->image_format == K4A_IMAGE_FORMAT_COLOR_MJPG ? "MJPG" : "YUV",
                      stage_config.mode == OPENK4A_COLOR_MODE_ACCURATE ? "accurate" : "fast", stage.workers,
                      stage.queue_capacity);
    }
    /* Depth side first: its frames wait for colour, not the other way round. */
    static const openk4a_stream_t order[] = {OPENK4A_STREAM_DEPTH, OPENK4A_STREAM_IR, OPENK4A_STREAM_COLOR};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
    {
        const openk4a_stream_t i = order[k];
        const ok4a_stream_plan_t *p = &plan.streams[i];
        if (!p->enabled)
            continue;
        ok4a_uvc_stream_config_t stream_config = {
            .id = i,
            .handle = d->handle,
            .model = d->model,
            .format = p->format,
            .frame = p->frame,
            .interval = p->interval,
            .image_format = p->image_format,
            .spare_buffers = OK4A_SPARE_BUFFERS + pending,
            .sink = i == OPENK4A_STREAM_COLOR && d->color_stage != NULL ? ok4a_color_stage_push : sink,
            .sink_context = i == OPENK4A_STREAM_COLOR && d->color_stage != NULL ? (void *)d->color_stage
                                                                                 : (void *)sync,
            .on_service_needed = request_service,
            .on_disconnect = on_disconnect,
            .event_context = d,
            .handle_unclosable = &d->handle_unclosable,
        };
        d->streams[i] = ok4a_uvc_stream_start(&stream_config, why, sizeof why);
        if (d->streams[i] == NULL)
        {
            stop_cameras_locked(d); /* nothing stays running or allocated */
            pthread_mutex_unlock(&d->api_mutex);
            OK4A_LOG_ERROR("%s: %s", __func__, why);
            return K4A_RESULT_FAILED;
        }
    }
    pthread_mutex_unlock(&d->api_mutex);
    return K4A_RESULT_SUCCEEDED;
}

static void stop_cameras(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->api_mutex);
    if (d->cameras_running)
        stop_cameras_locked(d);
    pthread_mutex_unlock(&d->api_mutex);
}

void k4a_device_stop_cameras(k4a_device_t device_handle)
{
    if (device_handle == NULL)
        return;
    USING_DEVICE(d, device_handle);
    if (d != NULL)
        stop_cameras(d);
}

k4a_wait_result_t k4a_device_get_capture(k4a_device_t device_handle, k4a_capture_t *capture_handle,
                                         int32_t timeout_in_ms)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL || capture_handle == NULL)
    {
        if (d != NULL)
            OK4A_LOG_ERROR("%s: capture_handle is NULL", __func__);
        return K4A_WAIT_RESULT_FAILED;
    }
    *capture_handle = NULL;
    k4a_wait_result_t result = K4A_WAIT_RESULT_FAILED;
    ok4a_capture_sync_t *sync = borrow(d, &d->sync);
    if (sync != NULL)
    {
        result = ok4a_capture_sync_pop(sync, capture_handle, timeout_in_ms);
        give_back(d, &d->sync);
    }
    if (result == K4A_WAIT_RESULT_FAILED)
    {
        OK4A_LOG_WARNING("%s: %s", __func__,
                         atomic_load(&d->disconnected)   ? "the device is disconnected"
                         : atomic_load(&d->stream_failed) ? "a stream failed (see the log); stop and start the cameras"
                                                          : "the cameras are not running");
    }
    return result;
}

/* ------------------------------------------------------------------ IMU -- */

k4a_result_t k4a_device_start_imu(k4a_device_t device_handle)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL)
        return K4A_RESULT_FAILED;
    if (d->imu_interface < 0)
    {
        OK4A_LOG_ERROR("%s: this device has no IMU", __func__);
        return K4A_RESULT_FAILED;
    }
    pthread_mutex_lock(&d->api_mutex);
    k4a_result_t result = K4A_RESULT_FAILED;
    char why[OK4A_WHY] = "";
    if (d->closing)
    {
        OK4A_LOG_ERROR("%s: the device is being closed", __func__);
    }
    else if (d->imu.queue != NULL)
    {
        OK4A_LOG_ERROR("%s: the IMU is already running", __func__);
    }
    else if (!d->cameras_running)
    {
        /* As the Azure Kinect SDK: the colour camera's start sets the clock
         * IMU timestamps count on, so a camera must run first. */
        OK4A_LOG_ERROR("%s: the cameras are not running; start them with k4a_device_start_cameras() first", __func__);
    }
    else if (atomic_load(&d->disconnected))
    {
        OK4A_LOG_ERROR("%s: the device is disconnected", __func__);
    }
    else
    {
        ok4a_imu_stream_t *imu = ok4a_imu_stream_start(d->handle, (uint8_t)d->imu_interface, d->imu_endpoint,
                                                       on_disconnect, request_service, d, why, sizeof why);
        if (imu == NULL)
        {
            OK4A_LOG_ERROR("%s: %s", __func__, why);
        }
        else
        {
            install(d, &d->imu, imu);
            result = K4A_RESULT_SUCCEEDED;
        }
    }
    pthread_mutex_unlock(&d->api_mutex);
    return result;
}

void k4a_device_stop_imu(k4a_device_t device_handle)
{
    if (device_handle == NULL)
        return;
    USING_DEVICE(d, device_handle);
    if (d != NULL)
        stop_imu(d);
}

static void stop_imu(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->api_mutex);
    ok4a_imu_stream_t *imu = d->imu.queue; /* api_mutex: nobody installs one now */
    if (imu != NULL)
    {
        ok4a_imu_stream_close(imu); /* waiting consumers return */
        uninstall(d, &d->imu);
        ok4a_imu_stats_t last;
        ok4a_imu_stream_stop(imu, &last);
        pthread_mutex_lock(&d->stats_mutex);
        add_imu_stats(&d->past, &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    pthread_mutex_unlock(&d->api_mutex);
}

k4a_wait_result_t k4a_device_get_imu_sample(k4a_device_t device_handle, k4a_imu_sample_t *imu_sample,
                                            int32_t timeout_in_ms)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL || imu_sample == NULL)
    {
        if (d != NULL)
            OK4A_LOG_ERROR("%s: imu_sample is NULL", __func__);
        return K4A_WAIT_RESULT_FAILED;
    }
    k4a_wait_result_t result = K4A_WAIT_RESULT_FAILED;
    ok4a_imu_stream_t *imu = borrow(d, &d->imu);
    if (imu != NULL)
    {
        result = ok4a_imu_stream_pop(imu, imu_sample, timeout_in_ms);
        give_back(d, &d->imu);
    }
    return result;
}

/* ----------------------------------------------------------- statistics -- */

k4a_result_t openk4a_device_get_stats(k4a_device_t device_handle, openk4a_device_stats_t *stats)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL || stats == NULL)
        return K4A_RESULT_FAILED;
    pthread_mutex_lock(&d->api_mutex);
    pthread_mutex_lock(&d->stats_mutex);
    *stats = d->past;
    pthread_mutex_unlock(&d->stats_mutex);
    if (d->color_stage != NULL)
    {
        /* Before the colour stream's counters: every frame the stage counts
         * was already counted there. */
        ok4a_color_stage_stats_t live;
        ok4a_color_stage_get_stats(d->color_stage, &live);
        add_color_stage_stats(&stats->streams[OPENK4A_STREAM_COLOR], &live);
    }
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (d->streams[i] == NULL)
            continue;
        openk4a_stream_stats_t live;
        ok4a_uvc_stream_get_stats(d->streams[i], &live);
        add_stream_stats(&stats->streams[i], &live);
    }
    /* api_mutex: the queues stay installed meanwhile. */
    if (d->sync.queue != NULL)
    {
        ok4a_capture_sync_stats_t live;
        ok4a_capture_sync_get_stats(d->sync.queue, &live);
        add_sync_stats(stats, &live);
    }
    if (d->imu.queue != NULL)
    {
        ok4a_imu_stats_t live;
        ok4a_imu_stream_get_stats(d->imu.queue, &live);
        add_imu_stats(stats, &live);
    }
    pthread_mutex_unlock(&d->api_mutex);
    stats->disconnected = atomic_load(&d->disconnected);
    return K4A_RESULT_SUCCEEDED;
}

bool openk4a_device_has_imu(k4a_device_t device_handle)
{
    USING_DEVICE(d, device_handle);
    return d != NULL && d->imu_interface >= 0;
}

k4a_result_t openk4a_device_set_color_decode_mode(k4a_device_t device_handle, openk4a_color_mode_t mode)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL)
        return K4A_RESULT_FAILED;
    if (mode != OPENK4A_COLOR_MODE_FAST && mode != OPENK4A_COLOR_MODE_ACCURATE)
    {
        OK4A_LOG_ERROR("%s: %d is not OPENK4A_COLOR_MODE_FAST or OPENK4A_COLOR_MODE_ACCURATE", __func__, (int)mode);
        return K4A_RESULT_FAILED;
    }
    atomic_store(&d->color_mode, (int)mode);
    return K4A_RESULT_SUCCEEDED;
}
