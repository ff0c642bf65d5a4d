/* Probe/commit helpers (see include/openk4a/usb/uvc_probe.h). */
#include "openk4a/usb/uvc_probe.h"

#include <string.h>

size_t openk4a_uvc_probe_size_for_version(uint16_t bcd_uvc)
{
    if (bcd_uvc < 0x0110)
        return OPENK4A_UVC_PROBE_COMMIT_SIZE_26;
    if (bcd_uvc < 0x0150)
        return OPENK4A_UVC_PROBE_COMMIT_SIZE_34;
    return OPENK4A_UVC_PROBE_COMMIT_SIZE_48;
}

openk4a_usb_status_t openk4a_uvc_probe_for_frame(const openk4a_uvc_config_t *model, const openk4a_uvc_format_t *format,
                                                 const openk4a_uvc_frame_desc_t *frame, uint32_t interval,
                                                 openk4a_uvc_probe_commit_t *probe)
{
    if (model == NULL || format == NULL || frame == NULL || probe == NULL)
    {
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    }
    if (format < model->formats || format >= model->formats + model->format_count || frame < model->frames ||
        frame >= model->frames + model->frame_count || &model->formats[frame->format] != format)
    {
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    }
    if (interval == 0)
        interval = frame->default_interval;
    if (!openk4a_uvc_frame_supports_interval(model, frame, interval))
        return OPENK4A_USB_ERR_NOT_FOUND;
    memset(probe, 0, sizeof *probe);
    probe->wire_size = openk4a_uvc_probe_size_for_version(model->control.bcd_uvc);
    probe->bmHint = OPENK4A_UVC_PROBE_HINT_FRAME_INTERVAL;
    probe->bFormatIndex = format->format_index;
    probe->bFrameIndex = frame->frame_index;
    probe->dwFrameInterval = interval;
    return OPENK4A_USB_OK;
}
