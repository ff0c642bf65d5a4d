/* Which USB devices are k4a devices, and in which order (internal to
 * //core/device).
 *
 * VID 0x045E / PID 0x0A7E is a k4a composite UVC device (colour, depth
 * 'Z16 ', IR 'Y16 ', IMU); see tools/emulator/uvc_catalog.h. With
 * openk4a_device_set_generic_uvc(true), any UVC camera is also accepted as a
 * colour-only device. Device indices are positions in a stable order: bus,
 * then port path. */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_DISCOVERY_H_
#define OPENK4A_CORE_DEVICE_DEVICE_DISCOVERY_H_

#include <libusb.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OK4A_MAX_CANDIDATES 64

/* The candidates of `ctx`, sorted, into out[0, OK4A_MAX_CANDIDATES), and
 * whether each is a k4a device (is_k4a may be NULL); returns how many.
 * *list keeps them alive: free it with libusb_free_device_list(*list, 1)
 * when not NULL. */
int ok4a_list_candidates(libusb_context *ctx, libusb_device ***list, libusb_device **out, bool *is_k4a);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_DISCOVERY_H_ */
