/* Probe/commit negotiation helpers on top of the generated
 * openk4a_uvc_probe_commit_t parser/encoder (uvc_wire.h): which variant a
 * device speaks, and a probe request built from the descriptor model. */
#ifndef OPENK4A_USB_UVC_PROBE_H_
#define OPENK4A_USB_UVC_PROBE_H_

#include <stddef.h>
#include <stdint.h>

#include "openk4a/usb/usb_status.h"
#include "openk4a/usb/uvc_descriptors.h"
#include "openk4a/usb/uvc_wire.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /** Size of the probe/commit structure for a device's bcdUVC: 26 before UVC 1.1,
     * 34 for 1.1 up to 1.5, 48 from 1.5 on. */
    size_t openk4a_uvc_probe_size_for_version(uint16_t bcd_uvc);

    /** Fills *probe with a request for `frame` of `format` at `interval` (100 ns
     * units; 0 = the frame's default), keeping the frame interval fixed (bmHint),
     * sized for the model's bcdUVC. ERR_NOT_FOUND when the frame does not offer
     * the interval; ERR_INVALID_ARGUMENT when the frame is not the format's. */
    openk4a_usb_status_t openk4a_uvc_probe_for_frame(const openk4a_uvc_config_t *model,
                                                     const openk4a_uvc_format_t *format,
                                                     const openk4a_uvc_frame_desc_t *frame, uint32_t interval,
                                                     openk4a_uvc_probe_commit_t *probe);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_UVC_PROBE_H_ */
