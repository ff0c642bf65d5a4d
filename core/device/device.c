/* The k4a device API over libusb, a userspace UVC driver: opening and closing
 * a device, and what it is (serial number, decode mode). The rest of the
 * open device lives beside this file (see open_device.h). */
#include <libusb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/device/color_mcu.h"
#include "core/device/device_discovery.h"
#include "core/device/device_handles.h"
#include "core/device/device_internal.h"
#include "core/device/device_registry.h"
#include "core/device/handle_parking.h"
#include "core/device/mcu_command.h"
#include "core/device/open_device.h"
#include "core/log.h"
#include "openk4a/device.h"
#include "openk4a/usb/uvc_descriptors.h"

struct _k4a_device_t *ok4a_device_acquire(k4a_device_t handle, const char *caller)
{
    struct _k4a_device_t *d = ok4a_device_handle_acquire(handle);
    if (d == NULL)
        OK4A_LOG_ERROR("%s: invalid device handle %p (closed, or never opened)", caller, (void *)handle);
    return d;
}

void ok4a_device_leave(struct _k4a_device_t **d)
{
    if (*d != NULL)
        ok4a_device_handle_release((*d)->api_handle);
}

bool ok4a_device_usb(k4a_device_t handle, const char *caller, ok4a_device_usb_t *out)
{
    struct _k4a_device_t *d = ok4a_device_acquire(handle, caller);
    if (d == NULL)
        return false;
    /* Held until ok4a_device_usb_done(): k4a_device_close() waits for it. */
    *out = (ok4a_device_usb_t){
        .device = d,
        .handle = d->handle,
        .is_k4a = d->is_k4a,
        .is_azure_kinect = d->is_azure_kinect,
        .model = d->model,
        .vendor_interface = d->imu_interface,
        .info = &d->info,
        .depth_mcu = d->has_depth_mcu ? &d->depth_mcu : NULL,
        .color_mcu = d->has_color_mcu ? &d->color_mcu : NULL,
    };
    return true;
}

void ok4a_device_usb_done(ok4a_device_usb_t *usb)
{
    if (usb->device != NULL)
        ok4a_device_handle_release(usb->device->api_handle);
    usb->device = NULL;
}

/* ----------------------------------------------------------- open/close -- */

/* The interface the Azure Kinect SDK claims on the depth camera (its depth
 * MCU's command interface, src/usbcommand). */
#define OK4A_AZURE_KINECT_DEPTH_INTERFACE 0
#define OK4A_AZURE_KINECT_DEPTH_COMMAND_OUT 0x02
#define OK4A_AZURE_KINECT_DEPTH_COMMAND_IN 0x81

static bool read_config(struct _k4a_device_t *d, char *why, size_t why_size)
{
    uint8_t header[9];
    int r = libusb_get_descriptor(d->handle, LIBUSB_DT_CONFIG, 0, header, sizeof header);
    if (r < (int)sizeof header)
    {
        snprintf(why, why_size, "cannot read the configuration descriptor: %s", r < 0 ? libusb_error_name(r) : "short");
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
        r < 0 ? OPENK4A_USB_ERR_TRUNCATED : openk4a_uvc_config_parse(d->config_bytes, (size_t)r, d->model, &consumed);
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

static void destroy_device(struct _k4a_device_t *d);

/* Once no thread of ours uses the context any more. */
static void free_device(struct _k4a_device_t *d)
{
    ok4a_device_unregister_open(d); /* if it got that far */
    if (d->depth_handle != NULL)
    {
        libusb_release_interface(d->depth_handle, OK4A_AZURE_KINECT_DEPTH_INTERFACE);
        libusb_close(d->depth_handle);
    }
    if (d->color_mcu_claimed && !atomic_load(&d->handle_unclosable))
        ok4a_color_mcu_release(d->handle);
    if (d->handle != NULL && atomic_load(&d->handle_unclosable))
    {
        ok4a_park_handle(d->ctx, d->handle);
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

/* Opens the USB devices of `unit` into `d`: its UVC device, and a real Azure
 * Kinect's depth camera with its command interface claimed (so that a unit
 * another program uses is found busy here, not half-way through a start).
 * False with the reason in why[0, why_size). */
static bool open_unit(struct _k4a_device_t *d, const ok4a_unit_t *unit, uint32_t index, char *why, size_t why_size)
{
    d->is_k4a = unit->kind == OK4A_UNIT_K4A_COMPOSITE;
    d->is_azure_kinect = unit->kind == OK4A_UNIT_AZURE_KINECT;
    d->location = ok4a_bus_locate(unit->uvc);
    if (!ok4a_device_register_open(d))
    {
        snprintf(why, why_size, "device %u is already open in this process; close that handle first", index);
        return false;
    }
    char what[96];
    snprintf(what, sizeof what, d->is_azure_kinect ? "device %u's colour camera (045E:097D)" : "device %u", index);
    int r = libusb_open(unit->uvc, &d->handle);
    if (r != 0)
    {
        d->handle = NULL;
        ok4a_describe_open_error(r, what, why, why_size);
        return false;
    }
    if (!d->is_azure_kinect)
        return true;
    d->color_mcu_claimed = ok4a_color_mcu_claim(d->handle, what, why, why_size);
    if (!d->color_mcu_claimed)
        return false;
    snprintf(what, sizeof what, "device %u's depth camera (045E:097C)", index);
    r = libusb_open(unit->depth, &d->depth_handle);
    if (r != 0)
    {
        d->depth_handle = NULL;
        ok4a_describe_open_error(r, what, why, why_size);
        return false;
    }
    r = libusb_claim_interface(d->depth_handle, OK4A_AZURE_KINECT_DEPTH_INTERFACE);
    if (r != 0)
    {
        libusb_close(d->depth_handle); /* nothing claimed to release */
        d->depth_handle = NULL;
        ok4a_describe_open_error(r, what, why, why_size);
        return false;
    }
    return true;
}

/* A real Azure Kinect's depth MCU, once the event thread runs: it answers
 * with the unit's serial number (as the SDK reads it), or the unit is not
 * usable. */
static bool start_depth_mcu(struct _k4a_device_t *d, char *why, size_t why_size)
{
    ok4a_mcu_init(&d->depth_mcu, d->depth_handle, OK4A_AZURE_KINECT_DEPTH_COMMAND_OUT,
                  OK4A_AZURE_KINECT_DEPTH_COMMAND_IN);
    d->has_depth_mcu = true;
    char reason[256];
    if (ok4a_mcu_read_serial(&d->depth_mcu, d->serial, sizeof d->serial, reason, sizeof reason))
        return true;
    snprintf(why, why_size, "the depth camera's MCU does not give its serial number: %s", reason);
    return false;
}

/* A real Azure Kinect's colour MCU, once the event thread runs: its IMU is
 * stopped first, as the SDK does, in case a program that died left it
 * streaming (a failure there is only logged: the SDK ignores it too). */
static void start_color_mcu(struct _k4a_device_t *d)
{
    ok4a_color_mcu_init(&d->color_mcu, d->handle);
    d->has_color_mcu = true;
    d->imu_interface = OK4A_COLOR_MCU_INTERFACE;
    d->imu_endpoint = OK4A_COLOR_MCU_IMU_IN;
    char why[OK4A_WHY];
    if (!ok4a_color_mcu_switch_imu(&d->color_mcu, false, why, sizeof why))
        OK4A_LOG_WARNING("%s", why);
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
    ok4a_unit_t units[OK4A_MAX_CANDIDATES];
    const int count = ok4a_list_units(d->ctx, &list, units);
    bool opened = false;
    if (index >= (uint32_t)count)
    {
        OK4A_LOG_ERROR("%s: no device at index %u (%d installed)", __func__, index, count);
    }
    else if (ok4a_unit_half_attached(&units[index]))
    {
        ok4a_describe_half_attached(&units[index], why, sizeof why);
        OK4A_LOG_ERROR("%s: device %u: %s", __func__, index, why);
    }
    else
    {
        opened = open_unit(d, &units[index], index, why, sizeof why);
        if (!opened)
            OK4A_LOG_ERROR("%s: %s", __func__, why);
    }
    if (list != NULL)
        libusb_free_device_list(list, 1);
    if (!opened)
    {
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    /* A real unit's serial number comes from its depth MCU (start_depth_mcu). */
    struct libusb_device_descriptor dd;
    libusb_get_device_descriptor(libusb_get_device(d->handle), &dd);
    if (dd.iSerialNumber != 0 &&
        libusb_get_string_descriptor_ascii(d->handle, dd.iSerialNumber, (unsigned char *)d->serial,
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
    pthread_mutex_init(&d->imu_correction_mutex, NULL);
    ok4a_device_info_init(&d->info);
    if (!ok4a_device_threads_start(d, __func__))
    {
        free_device(d);
        return K4A_RESULT_FAILED;
    }
    if (d->is_azure_kinect && !start_depth_mcu(d, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: device %u: %s", __func__, index, why);
        destroy_device(d);
        return K4A_RESULT_FAILED;
    }
    if (d->is_azure_kinect)
        start_color_mcu(d);
    if (!ok4a_device_handle_add(d, &d->api_handle))
    {
        OK4A_LOG_ERROR("%s: %d devices are open already; close one first", __func__, OK4A_MAX_OPEN_DEVICES);
        destroy_device(d);
        return K4A_RESULT_FAILED;
    }
    OK4A_LOG_INFO("k4a device %u opened: %04x:%04x serial %s%s", index, dd.idVendor, dd.idProduct, d->serial,
                  d->is_azure_kinect ? " (Azure Kinect: depth and colour cameras)" :
                  d->is_k4a          ? "" :
                                       " (generic UVC camera, colour only)");
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
    ok4a_device_unregister_open(d);
    pthread_mutex_lock(&d->api_mutex);
    d->closing = true;
    pthread_mutex_unlock(&d->api_mutex);
    /* Waiting consumers return (FAILED) once their queues close; then the
     * calls in progress end and the device is ours alone. */
    ok4a_device_stop_cameras(d);
    ok4a_device_stop_imu(d);
    ok4a_device_handle_finish_remove(device_handle);
    destroy_device(d);
}

/* Ends the threads and frees everything (the device has no handle any more,
 * or never had one). */
static void destroy_device(struct _k4a_device_t *d)
{
    ok4a_device_threads_stop(d);
    if (d->has_depth_mcu)
        ok4a_mcu_destroy(&d->depth_mcu);
    if (d->has_color_mcu)
        ok4a_mcu_destroy(&d->color_mcu);
    pthread_cond_destroy(&d->queue_returned);
    pthread_mutex_destroy(&d->queue_mutex);
    pthread_mutex_destroy(&d->imu_correction_mutex);
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
