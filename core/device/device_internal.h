/* What the device's other parts (device_info.c, color_controls.c) reach of an
 * open device (internal to //core/device).
 *
 * device.c owns the device; the others borrow its libusb handle and
 * descriptor model for control requests, which are synchronous and may run
 * on any API thread while the device's event thread handles libusb's events
 * (ok4a_usb_control). */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_INTERNAL_H_
#define OPENK4A_CORE_DEVICE_DEVICE_INTERNAL_H_

#include <libusb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4atypes.h>

#include "core/device/mcu_command.h"
#include "openk4a/usb/uvc_descriptors.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* Timeout of one control request, in milliseconds. */
#define OK4A_CONTROL_TIMEOUT_MS 1000

    /* What device_info.c keeps per device: the factory calibration, read once. */
    typedef struct
    {
        pthread_mutex_t mutex;
        char *calibration;       /* NUL-terminated; NULL until read */
        size_t calibration_size; /* bytes including the NUL */
    } ok4a_device_info_t;

    void ok4a_device_info_init(ok4a_device_info_t *info);
    void ok4a_device_info_destroy(ok4a_device_info_t *info);

    struct _k4a_device_t;

    /* device_calibration.c: a malloc'd copy of the device's factory calibration
     * (NUL-terminated, *size bytes with the NUL), or NULL, logged. */
    char *ok4a_device_copy_raw_calibration(k4a_device_t handle, size_t *size);

    typedef struct
    {
        struct _k4a_device_t *device; /* held: close waits until ok4a_device_usb_done() */
        libusb_device_handle *handle;
        bool is_k4a;                       /* the k4a composite model, not a generic UVC camera */
        bool is_azure_kinect;              /* a real Azure Kinect (handle: its colour camera) */
        const openk4a_uvc_config_t *model; /* the parsed configuration descriptor */
        int vendor_interface;              /* the k4a vendor (IMU) interface, -1: none */
        ok4a_device_info_t *info;
        ok4a_mcu_t *depth_mcu; /* a real Azure Kinect's depth MCU; NULL for other devices */
        ok4a_mcu_t *color_mcu; /* a real Azure Kinect's colour MCU; NULL for other devices */
    } ok4a_device_usb_t;

    /* The USB side of the open device `handle`, held (k4a_device_close() waits)
     * until ok4a_device_usb_done(); false (logged with `caller`) for a NULL or
     * closed handle. Declare it OK4A_DEVICE_USB_SCOPED to let it go at the end of
     * the block. */
    bool ok4a_device_usb(k4a_device_t handle, const char *caller, ok4a_device_usb_t *out);
    void ok4a_device_usb_done(ok4a_device_usb_t *usb);
#define OK4A_DEVICE_USB_SCOPED __attribute__((cleanup(ok4a_device_usb_done)))

    /* Says in why[0, why_size) what a failed ok4a_usb_control() result means. */
    void ok4a_describe_usb_result(int result, int expected, char *why, size_t why_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_INTERNAL_H_ */
