/* Which USB devices make which k4a devices, and in which order (internal to
 * //core/device).
 *
 * A k4a device ("unit") is one of:
 * - a real Azure Kinect: its depth camera (045E:097C) and colour camera
 *   (045E:097D) are two USB devices behind the unit's own hub (its microphone
 *   array, 045E:097E, is not used). They are paired by topology: the same
 *   bus and the same parent port path (the unit's hub), never by enumeration
 *   order. A unit whose other half is missing (or whose pairing is not
 *   unambiguous) is listed half-attached, so that opening it can say so.
 * - the k4a composite UVC device (045E:0A7E: colour, depth 'Z16 ', IR
 *   'Y16 ', IMU; the emulated device's model, tools/emulator/uvc_catalog.h);
 * - with openk4a_device_set_generic_uvc(true), any other UVC camera, colour
 *   only.
 * Device indices are positions in a stable order: bus, then port path. */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_DISCOVERY_H_
#define OPENK4A_CORE_DEVICE_DEVICE_DISCOVERY_H_

#include <libusb.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_MAX_CANDIDATES 64

#define OK4A_MICROSOFT_VID 0x045E
#define OK4A_AZURE_KINECT_DEPTH_PID 0x097C
#define OK4A_AZURE_KINECT_COLOR_PID 0x097D
#define OK4A_AZURE_KINECT_MICROPHONE_PID 0x097E
#define OK4A_K4A_COMPOSITE_PID 0x0A7E

    typedef enum
    {
        OK4A_UNIT_K4A_COMPOSITE,
        OK4A_UNIT_AZURE_KINECT,
        OK4A_UNIT_GENERIC_UVC,
    } ok4a_unit_kind_t;

    typedef struct
    {
        ok4a_unit_kind_t kind;
        libusb_device *uvc;   /* the UVC (colour) device; NULL: an Azure Kinect without its colour camera */
        libusb_device *depth; /* an Azure Kinect's depth camera; NULL when missing, or another kind */
    } ok4a_unit_t;

    /* The units of `ctx`, sorted, into out[0, OK4A_MAX_CANDIDATES); returns how
     * many. *list keeps their devices alive: free it with
     * libusb_free_device_list(*list, 1) when not NULL. */
    int ok4a_list_units(libusb_context *ctx, libusb_device ***list, ok4a_unit_t *out);

    /* An Azure Kinect with one of its two cameras missing. */
    bool ok4a_unit_half_attached(const ok4a_unit_t *unit);

    /* Says in why[0, why_size) where `unit` sits and which half is missing. */
    void ok4a_describe_half_attached(const ok4a_unit_t *unit, char *why, size_t why_size);

    /* Says in why[0, why_size) what a failed libusb_open()/claim of `what` (e.g.
     * "the depth camera 045E:097C") means and what to do: not permitted (no udev
     * rule), busy (another program has it), gone. */
    void ok4a_describe_open_error(int libusb_error, const char *what, char *why, size_t why_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_DISCOVERY_H_ */
