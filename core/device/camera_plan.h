/* k4a_device_configuration_t -> what to stream from a UVC device (internal).
 *
 * Step one checks the configuration against the k4a rules alone (modes,
 * frame rates, combinations), step two finds each stream on the device's
 * descriptors. Either step fails with a message naming the part that is not
 * supported. No allocation, no I/O: unit-testable. */
#ifndef OPENK4A_CORE_DEVICE_CAMERA_PLAN_H_
#define OPENK4A_CORE_DEVICE_CAMERA_PLAN_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4atypes.h>

#include "openk4a/device.h"
#include "openk4a/usb/uvc_descriptors.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        bool enabled;
        openk4a_uvc_pixel_format_t pixel; /* what the device must offer */
        k4a_image_format_t image_format;  /* what the stream's images carry (before any decode) */
        uint16_t width;
        uint16_t height;
        uint32_t interval; /* 100 ns units */
        /* Filled by ok4a_camera_plan_bind(): */
        const openk4a_uvc_format_t *format;
        const openk4a_uvc_frame_desc_t *frame;
    } ok4a_stream_plan_t;

    typedef struct
    {
        ok4a_stream_plan_t streams[OPENK4A_STREAM_COUNT];
        /* Colour is MJPG on the wire (YUY2 or NV12 when bind finds no MJPG at the
         * size and rate), decoded to BGRA32 for the user. */
        bool decode_to_bgra32;
        bool synchronized_images_only;
        int32_t depth_delay_off_color_usec;
        uint32_t frame_period_usec;
        /* MASTER and SUBORDINATE need a device with sync jacks and the cable
         * in the right one: checked at start, not here. */
        k4a_wired_sync_mode_t wired_sync_mode;
    } ok4a_camera_plan_t;

    /* Checks `config` against the k4a rules and fills `plan`. False with a
     * message in why[0, why_size) when something is not allowed. */
    bool ok4a_camera_plan_from_config(const k4a_device_configuration_t *config, ok4a_camera_plan_t *plan, char *why,
                                      size_t why_size);

    /* Finds every enabled stream of `plan` on the device (format, frame size,
     * interval); BGRA32 colour falls back from MJPG to YUY2, then NV12. False
     * with a message naming what the device does not offer. */
    bool ok4a_camera_plan_bind(ok4a_camera_plan_t *plan, const openk4a_uvc_config_t *model, char *why, size_t why_size);

    const char *ok4a_stream_name(openk4a_stream_t stream);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_CAMERA_PLAN_H_ */
