/* Control requests while the device's event thread runs (internal).
 *
 * libusb's synchronous libusb_control_transfer() frees its transfer on the
 * calling thread after seeing a completion flag the event thread set with a
 * plain store; ThreadSanitizer (rightly, formally) reports that. Here the
 * request goes out asynchronously and libusb frees the transfer on the event
 * thread itself, after the callback copied the answer out under our mutex.
 *
 * SET_INTERFACE goes through ok4a_usb_set_alt_setting(), which steers around
 * a libusb bug that otherwise aborts the process when a device is unplugged
 * while its stream stops or starts. */
#ifndef OPENK4A_CORE_DEVICE_USB_CONTROL_H_
#define OPENK4A_CORE_DEVICE_USB_CONTROL_H_

#include <libusb.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* As libusb_control_transfer(): bytes transferred, or a LIBUSB_ERROR. Only
     * while another thread handles the context's events. */
    int ok4a_usb_control(libusb_device_handle *handle, uint8_t request_type, uint8_t request, uint16_t value,
                         uint16_t index, uint8_t *data, uint16_t length, unsigned int timeout_ms);

    /* As libusb_bulk_transfer() on `endpoint` (IN: up to `length` bytes into
     * `data`; OUT: `length` bytes from it): bytes transferred, or a LIBUSB_ERROR.
     * Only while another thread handles the context's events. */
    int ok4a_usb_bulk(libusb_device_handle *handle, uint8_t endpoint, uint8_t *data, uint32_t length,
                      unsigned int timeout_ms);

    /* libusb_set_interface_alt_setting() on a claimed interface.
     *
     * libusb before 1.0.27 (Debian 12 ships 1.0.26) has a bug there (libusb
     * issue 1199): once libusb has seen the device go, the call unlocks the
     * handle's mutex without having locked it, and libusb_close() on that handle
     * later aborts the process (assertion in usbi_mutex_destroy). libusb learns of
     * the unplug on its own hotplug thread, at any moment.
     *
     * So on such a libusb, nothing is sent to a device already gone (checked
     * through the kernel, which knows first): LIBUSB_ERROR_NO_DEVICE. If the device
     * still goes between that check and the call, which returns
     * LIBUSB_ERROR_NO_DEVICE then too, the handle may be damaged: *unclosable is
     * set and the handle must never reach libusb_close() (nor its context
     * libusb_exit()). Returns what libusb_set_interface_alt_setting() returns. */
    int ok4a_usb_set_alt_setting(libusb_device_handle *handle, uint8_t interface_number, uint8_t alt_setting,
                                 atomic_bool *unclosable);

/* A halt that will not clear is retried this many times, OK4A_RETRY_FIRST_MS
 * apart and doubling (about 0.3 s in all); then the stream fails visibly. */
#define OK4A_RECOVERY_ATTEMPTS 5
#define OK4A_RETRY_FIRST_MS 20

    /* Pauses `ms` before a retry; false to give up (the stream stops). */
    typedef bool ok4a_retry_pause_fn(void *context, int ms);

    /* libusb_clear_halt(), retried up to OK4A_RECOVERY_ATTEMPTS times with
     * growing pauses while it fails with anything but NO_DEVICE. Returns the
     * last result (0: cleared); *attempts says how many were made. */
    int ok4a_usb_clear_halt_retrying(libusb_device_handle *handle, uint8_t endpoint, ok4a_retry_pause_fn *pause,
                                     void *context, int *attempts);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_USB_CONTROL_H_ */
