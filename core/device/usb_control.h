/* Control requests while the device's event thread runs (internal).
 *
 * libusb's synchronous libusb_control_transfer() frees its transfer on the
 * calling thread after seeing a completion flag the event thread set with a
 * plain store; ThreadSanitizer (rightly, formally) reports that. Here the
 * request goes out asynchronously and libusb frees the transfer on the event
 * thread itself, after the callback copied the answer out under our mutex. */
#ifndef OPENK4A_CORE_DEVICE_USB_CONTROL_H_
#define OPENK4A_CORE_DEVICE_USB_CONTROL_H_

#include <libusb.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* As libusb_control_transfer(): bytes transferred, or a LIBUSB_ERROR. Only
 * while another thread handles the context's events. */
int ok4a_usb_control(libusb_device_handle *handle, uint8_t request_type, uint8_t request, uint16_t value,
                     uint16_t index, uint8_t *data, uint16_t length, unsigned int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_USB_CONTROL_H_ */
