/* Handles libusb must not close (internal to //core/device).
 *
 * ok4a_usb_set_alt_setting() marks a handle unclosable when the device went
 * while its interface setting changed (libusb issue 1199, fixed in 1.0.27):
 * libusb_close() would then abort. Such a handle is kept with its context
 * for the life of the process: a few kilobytes and three file descriptors
 * per unplug that raced a stream's start or stop, instead of an abort.
 * Thread-safe. */
#ifndef OPENK4A_CORE_DEVICE_HANDLE_PARKING_H_
#define OPENK4A_CORE_DEVICE_HANDLE_PARKING_H_

#include <libusb.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Keeps `handle` and its context `ctx` open for good (logged). */
    void ok4a_park_handle(libusb_context *ctx, libusb_device_handle *handle);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_HANDLE_PARKING_H_ */
