/* The colour camera's controls (k4a_device_get_color_control_capabilities,
 * k4a_device_get_color_control, k4a_device_set_color_control) over UVC Camera
 * Terminal and Processing Unit requests (UVC 1.5 section 4.2.2), with the Azure
 * Kinect SDK's mapping (its libuvc colour reader): exposure in microseconds
 * over the UVC 100 us unit, snapped to the exposures the sensor offers at the
 * power line frequency in use; automatic exposure = aperture priority; white
 * balance in kelvin with its own automatic switch; the other controls as the
 * UVC values. The camera terminal and processing unit are found by following
 * the colour streaming interface's output terminal back through the units;
 * a control is used only when that entity declares it in bmControls. The
 * VideoControl interface is claimed for the requests (a kernel driver bound
 * to it is detached first). */
#include <libusb.h>
#include <stdio.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/device/device_internal.h"
#include "core/device/usb_control.h"
#include "core/log.h"
#include "openk4a/usb/uvc_wire.h"

#define CLASS_IN (LIBUSB_ENDPOINT_IN | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE)
#define CLASS_OUT (LIBUSB_ENDPOINT_OUT | LIBUSB_REQUEST_TYPE_CLASS | LIBUSB_RECIPIENT_INTERFACE)
#define VC_REQUEST_ERROR_CODE_CONTROL 0x02
#define USEC_PER_UVC_EXPOSURE_UNIT 100

/* ------------------------------------------------------- the UVC side -- */

typedef enum
{
    CAMERA_TERMINAL,
    PROCESSING_UNIT,
} entity_kind_t;

typedef struct
{
    entity_kind_t entity;
    uint8_t selector;
    uint8_t bit; /* in the entity's bmControls */
    uint8_t size;
    bool is_signed;
    const char *name;
} uvc_control_t;

static const uvc_control_t AE_MODE = {
    CAMERA_TERMINAL, OPENK4A_UVC_CT_AE_MODE_CONTROL, OPENK4A_UVC_CT_BIT_AE_MODE, 1, false, "auto-exposure mode"};
static const uvc_control_t EXPOSURE = {
    CAMERA_TERMINAL, OPENK4A_UVC_CT_EXPOSURE_TIME_ABSOLUTE_CONTROL, OPENK4A_UVC_CT_BIT_EXPOSURE_TIME_ABSOLUTE, 4, false,
    "exposure time"};
static const uvc_control_t BRIGHTNESS = {
    PROCESSING_UNIT, OPENK4A_UVC_PU_BRIGHTNESS_CONTROL, OPENK4A_UVC_PU_BIT_BRIGHTNESS, 2, true, "brightness"};
static const uvc_control_t CONTRAST = {
    PROCESSING_UNIT, OPENK4A_UVC_PU_CONTRAST_CONTROL, OPENK4A_UVC_PU_BIT_CONTRAST, 2, false, "contrast"};
static const uvc_control_t SATURATION = {
    PROCESSING_UNIT, OPENK4A_UVC_PU_SATURATION_CONTROL, OPENK4A_UVC_PU_BIT_SATURATION, 2, false, "saturation"};
static const uvc_control_t SHARPNESS = {
    PROCESSING_UNIT, OPENK4A_UVC_PU_SHARPNESS_CONTROL, OPENK4A_UVC_PU_BIT_SHARPNESS, 2, false, "sharpness"};
static const uvc_control_t WHITE_BALANCE = {PROCESSING_UNIT,
                                            OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_CONTROL,
                                            OPENK4A_UVC_PU_BIT_WHITE_BALANCE_TEMPERATURE,
                                            2,
                                            false,
                                            "white balance temperature"};
static const uvc_control_t WHITE_BALANCE_AUTO = {PROCESSING_UNIT,
                                                 OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_AUTO_CONTROL,
                                                 OPENK4A_UVC_PU_BIT_WHITE_BALANCE_TEMPERATURE_AUTO,
                                                 1,
                                                 false,
                                                 "automatic white balance"};
static const uvc_control_t BACKLIGHT = {PROCESSING_UNIT,
                                        OPENK4A_UVC_PU_BACKLIGHT_COMPENSATION_CONTROL,
                                        OPENK4A_UVC_PU_BIT_BACKLIGHT_COMPENSATION,
                                        2,
                                        false,
                                        "backlight compensation"};
static const uvc_control_t GAIN = {PROCESSING_UNIT, OPENK4A_UVC_PU_GAIN_CONTROL, OPENK4A_UVC_PU_BIT_GAIN, 2, false,
                                   "gain"};
static const uvc_control_t POWERLINE = {PROCESSING_UNIT,
                                        OPENK4A_UVC_PU_POWER_LINE_FREQUENCY_CONTROL,
                                        OPENK4A_UVC_PU_BIT_POWER_LINE_FREQUENCY,
                                        1,
                                        false,
                                        "power line frequency"};

/* The controls that map one to one (no automatic mode, no unit change). */
static const uvc_control_t *plain_control(k4a_color_control_command_t command)
{
    switch (command)
    {
    case K4A_COLOR_CONTROL_BRIGHTNESS:
        return &BRIGHTNESS;
    case K4A_COLOR_CONTROL_CONTRAST:
        return &CONTRAST;
    case K4A_COLOR_CONTROL_SATURATION:
        return &SATURATION;
    case K4A_COLOR_CONTROL_SHARPNESS:
        return &SHARPNESS;
    case K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION:
        return &BACKLIGHT;
    case K4A_COLOR_CONTROL_GAIN:
        return &GAIN;
    case K4A_COLOR_CONTROL_POWERLINE_FREQUENCY:
        return &POWERLINE;
    default:
        return NULL;
    }
}

/* The colour chain of an open device: its camera terminal and processing unit. */
typedef struct
{
    ok4a_device_usb_t usb;
    const openk4a_uvc_entity_t *entity[2]; /* by entity_kind_t; NULL: absent */
    const char *caller;
} chain_t;

static const openk4a_uvc_entity_t *find_entity(const openk4a_uvc_config_t *m, uint8_t id)
{
    for (uint16_t i = m->control.first_entity; i < m->control.first_entity + m->control.entity_count; i++)
    {
        if (m->entities[i].id == id)
            return &m->entities[i];
    }
    return NULL;
}

/* The output terminal the colour stream leaves through: that of the first
 * streaming interface with a colour format (else the first one). */
static uint8_t color_output_terminal(const openk4a_uvc_config_t *m)
{
    for (uint16_t s = 0; s < m->streaming_count; s++)
    {
        const openk4a_uvc_streaming_interface_t *vs = &m->streaming[s];
        for (uint16_t f = vs->first_format; f < vs->first_format + vs->format_count; f++)
        {
            const openk4a_uvc_pixel_format_t p = m->formats[f].pixel_format;
            if (p == OPENK4A_UVC_PIXEL_MJPEG || p == OPENK4A_UVC_PIXEL_YUY2 || p == OPENK4A_UVC_PIXEL_NV12)
                return vs->terminal_link;
        }
    }
    return m->streaming_count > 0 ? m->streaming[0].terminal_link : 0;
}

static void close_chain(chain_t *chain)
{
    ok4a_device_usb_done(&chain->usb);
}

/* usbfs passes a class request to an interface only from the file that has
 * claimed it (it claims it on the fly, which fails while a kernel driver holds
 * it): on a real camera, uvcvideo binds the VideoControl interface. Claimed
 * once and kept until the device closes; claiming again is a no-op. */
static bool claim_control_interface(const chain_t *chain)
{
    const uint8_t interface_number = chain->usb.model->control.interface_number;
    if (libusb_kernel_driver_active(chain->usb.handle, interface_number) == 1)
        libusb_detach_kernel_driver(chain->usb.handle, interface_number);
    const int r = libusb_claim_interface(chain->usb.handle, interface_number);
    if (r == 0)
        return true;
    OK4A_LOG_ERROR("%s: cannot claim the colour camera's VideoControl interface %u: %s%s", chain->caller,
                   interface_number, libusb_error_name(r),
                   r == LIBUSB_ERROR_BUSY ? " (another program or driver holds it; close it first)" : "");
    return false;
}

static bool open_chain(k4a_device_t handle, const char *caller, chain_t *chain)
{
    memset(chain, 0, sizeof *chain);
    chain->caller = caller;
    if (!ok4a_device_usb(handle, caller, &chain->usb))
        return false;
    const openk4a_uvc_config_t *m = chain->usb.model;
    if (!claim_control_interface(chain))
        return false;
    uint8_t id = color_output_terminal(m);
    /* Each step moves to a source; a loop in hostile descriptors ends here. */
    for (uint16_t step = 0; step <= m->control.entity_count && id != 0; step++)
    {
        const openk4a_uvc_entity_t *e = find_entity(m, id);
        if (e == NULL)
            break;
        switch (e->subtype)
        {
        case OPENK4A_UVC_VC_INPUT_TERMINAL:
            if (e->terminal_type == OPENK4A_UVC_TT_ITT_CAMERA)
                chain->entity[CAMERA_TERMINAL] = e;
            id = 0;
            break;
        case OPENK4A_UVC_VC_PROCESSING_UNIT:
            if (chain->entity[PROCESSING_UNIT] == NULL)
                chain->entity[PROCESSING_UNIT] = e;
            id = e->source_id;
            break;
        case OPENK4A_UVC_VC_SELECTOR_UNIT:
        case OPENK4A_UVC_VC_EXTENSION_UNIT:
            id = e->num_sources > 0 && e->source_ids != NULL ? e->source_ids[0] : 0;
            break;
        default: /* output terminal, encoding unit */
            id = e->source_id;
            break;
        }
    }
    return true;
}

static bool declares(const chain_t *chain, const uvc_control_t *control)
{
    const openk4a_uvc_entity_t *e = chain->entity[control->entity];
    return e != NULL && e->controls != NULL && control->bit / 8u < e->control_size &&
           (e->controls[control->bit / 8u] >> (control->bit % 8u) & 1u) != 0;
}

static const char *request_name(uint8_t request)
{
    switch (request)
    {
    case OPENK4A_UVC_REQ_SET_CUR:
        return "SET_CUR";
    case OPENK4A_UVC_REQ_GET_CUR:
        return "GET_CUR";
    case OPENK4A_UVC_REQ_GET_MIN:
        return "GET_MIN";
    case OPENK4A_UVC_REQ_GET_MAX:
        return "GET_MAX";
    case OPENK4A_UVC_REQ_GET_RES:
        return "GET_RES";
    default:
        return "GET_DEF";
    }
}

/* After a STALL: the device's reason (VC_REQUEST_ERROR_CODE_CONTROL). */
static const char *stall_reason(const chain_t *chain)
{
    uint8_t code = 0xFF;
    const int r =
        ok4a_usb_control(chain->usb.handle, CLASS_IN, OPENK4A_UVC_REQ_GET_CUR, VC_REQUEST_ERROR_CODE_CONTROL << 8,
                         chain->usb.model->control.interface_number, &code, 1, OK4A_CONTROL_TIMEOUT_MS);
    if (r != 1)
        return "no error code";
    switch (code)
    {
    case 0x01:
        return "not ready";
    case 0x02:
        return "wrong state";
    case 0x04:
        return "out of range";
    case 0x05:
        return "invalid unit";
    case 0x06:
        return "invalid control";
    case 0x07:
        return "invalid request";
    case 0x08:
        return "invalid value within range";
    default:
        return "unknown error";
    }
}

/* One request on `control`; GETs decode into *value, SET_CUR sends it. */
static bool uvc_request(const chain_t *chain, uint8_t request, const uvc_control_t *control, int32_t *value)
{
    if (!declares(chain, control))
    {
        OK4A_LOG_ERROR("%s: the device's colour camera does not declare the %s control", chain->caller, control->name);
        return false;
    }
    const bool set = request == OPENK4A_UVC_REQ_SET_CUR;
    uint8_t data[4] = {0};
    if (set)
    {
        for (uint8_t i = 0; i < control->size; i++)
            data[i] = (uint8_t)((uint32_t)*value >> (8u * i));
    }
    const uint16_t index =
        (uint16_t)(chain->entity[control->entity]->id << 8 | chain->usb.model->control.interface_number);
    const int r =
        ok4a_usb_control(chain->usb.handle, set ? CLASS_OUT : CLASS_IN, request, (uint16_t)(control->selector << 8),
                         index, data, control->size, OK4A_CONTROL_TIMEOUT_MS);
    if (r != control->size)
    {
        char why[96];
        if (r == LIBUSB_ERROR_PIPE)
            snprintf(why, sizeof why, "the device refused it (STALL: %s)", stall_reason(chain));
        else
            ok4a_describe_usb_result(r, control->size, why, sizeof why);
        if (set)
            OK4A_LOG_ERROR("%s: %s %s = %d: %s", chain->caller, request_name(request), control->name, (int)*value, why);
        else
            OK4A_LOG_ERROR("%s: %s %s: %s", chain->caller, request_name(request), control->name, why);
        return false;
    }
    if (!set)
    {
        uint32_t v = 0;
        for (uint8_t i = 0; i < control->size; i++)
            v |= (uint32_t)data[i] << (8u * i);
        *value = control->is_signed && control->size == 2 ? (int32_t)(int16_t)v : (int32_t)v;
    }
    return true;
}

/* ----------------------------------------------- the SDK's exposure map -- */

/* The exposures (us) the Azure Kinect colour sensor offers, at 50 Hz and at
 * 60 Hz power line frequency: the Azure Kinect SDK's published table
 * (src/color/color_priv.h). A requested exposure becomes the first entry at or
 * above it; beyond the last, the last. */
static const int32_t EXPOSURES_50HZ[] = {500,   1250,  2500,  10000,  20000,  30000, 40000,
                                         50000, 60000, 80000, 100000, 120000, 130000};
static const int32_t EXPOSURES_60HZ[] = {500,   1250,  2500,  8330,   16670,  33330, 41670,
                                         50000, 66670, 83330, 100000, 116670, 133330};
#define EXPOSURE_COUNT (sizeof EXPOSURES_50HZ / sizeof EXPOSURES_50HZ[0])

static int32_t snap_exposure_usec(int32_t usec, bool sixty_hz)
{
    const int32_t *table = sixty_hz ? EXPOSURES_60HZ : EXPOSURES_50HZ;
    for (size_t i = 0; i < EXPOSURE_COUNT; i++)
    {
        if (usec <= table[i])
            return table[i];
    }
    return table[EXPOSURE_COUNT - 1];
}

static int32_t exposure_from_uvc(int32_t units, bool sixty_hz)
{
    return snap_exposure_usec(units * USEC_PER_UVC_EXPOSURE_UNIT, sixty_hz);
}

static int32_t exposure_to_uvc(int32_t usec, bool sixty_hz)
{
    return snap_exposure_usec(usec, sixty_hz) / USEC_PER_UVC_EXPOSURE_UNIT;
}

/* Which exposure table applies: the device's power line frequency (1 = 50 Hz,
 * 2 = 60 Hz); 60 Hz when the camera has no such control. */
static bool power_line_is_60hz(const chain_t *chain, bool *sixty_hz)
{
    *sixty_hz = true;
    if (!declares(chain, &POWERLINE))
        return true;
    int32_t frequency = 0;
    if (!uvc_request(chain, OPENK4A_UVC_REQ_GET_CUR, &POWERLINE, &frequency))
        return false;
    *sixty_hz = frequency != 1;
    return true;
}

/* UVC auto-exposure mode -> k4a mode (manual exposure time or not). */
static bool exposure_mode(const chain_t *chain, int32_t ae_mode, k4a_color_control_mode_t *mode)
{
    switch (ae_mode)
    {
    case OPENK4A_UVC_AE_MODE_MANUAL:
    case OPENK4A_UVC_AE_MODE_SHUTTER_PRIORITY:
        *mode = K4A_COLOR_CONTROL_MODE_MANUAL;
        return true;
    case OPENK4A_UVC_AE_MODE_AUTO:
    case OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY:
        *mode = K4A_COLOR_CONTROL_MODE_AUTO;
        return true;
    default:
        OK4A_LOG_ERROR("%s: the device reports auto-exposure mode %d, not one UVC defines", chain->caller,
                       (int)ae_mode);
        return false;
    }
}

static bool white_balance_mode(const chain_t *chain, int32_t automatic, k4a_color_control_mode_t *mode)
{
    if (automatic != 0 && automatic != 1)
    {
        OK4A_LOG_ERROR("%s: the device reports automatic white balance %d (must be 0 or 1)", chain->caller,
                       (int)automatic);
        return false;
    }
    *mode = automatic ? K4A_COLOR_CONTROL_MODE_AUTO : K4A_COLOR_CONTROL_MODE_MANUAL;
    return true;
}

/* A value the control's wire field cannot carry would wrap on the way out. */
static bool fits_field(const chain_t *chain, const uvc_control_t *control, int32_t value)
{
    const int64_t lowest = control->is_signed ? -((int64_t)1 << (8 * control->size - 1)) : 0;
    const int64_t highest =
        control->is_signed ? ((int64_t)1 << (8 * control->size - 1)) - 1 : ((int64_t)1 << (8 * control->size)) - 1;
    if (value >= lowest && value <= highest)
        return true;
    OK4A_LOG_ERROR("%s: %s %d does not fit the control's %u-byte field", chain->caller, control->name, (int)value,
                   control->size);
    return false;
}

static bool unsupported(const char *caller, k4a_color_control_command_t command)
{
    OK4A_LOG_ERROR("%s: %d is not a k4a_color_control_command_t", caller, (int)command);
    return false;
}

/* ------------------------------------------------------------- the API -- */

k4a_result_t k4a_device_get_color_control_capabilities(k4a_device_t device_handle, k4a_color_control_command_t command,
                                                       bool *supports_auto, int32_t *min_value, int32_t *max_value,
                                                       int32_t *step_value, int32_t *default_value,
                                                       k4a_color_control_mode_t *default_mode)
{
    chain_t chain __attribute__((cleanup(close_chain))) = {0};
    if (!open_chain(device_handle, __func__, &chain))
        return K4A_RESULT_FAILED;
    if (supports_auto == NULL || min_value == NULL || max_value == NULL || step_value == NULL ||
        default_value == NULL || default_mode == NULL)
    {
        OK4A_LOG_ERROR("%s: an output pointer is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    int32_t min = 0, max = 0, step = 0, def = 0;
    bool automatic = false;
    k4a_color_control_mode_t mode = K4A_COLOR_CONTROL_MODE_MANUAL;
    const uvc_control_t *control = plain_control(command);
    bool ok = true;
    switch (command)
    {
    case K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE:
    {
        int32_t ae_default = 0;
        bool sixty_hz = true;
        ok = uvc_request(&chain, OPENK4A_UVC_REQ_GET_DEF, &AE_MODE, &ae_default) &&
             exposure_mode(&chain, ae_default, &mode) && power_line_is_60hz(&chain, &sixty_hz) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_MIN, &EXPOSURE, &min) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_MAX, &EXPOSURE, &max) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_RES, &EXPOSURE, &step) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_DEF, &EXPOSURE, &def);
        automatic = true;
        step *= USEC_PER_UVC_EXPOSURE_UNIT;
        min = exposure_from_uvc(min, sixty_hz);
        max = exposure_from_uvc(max, sixty_hz);
        def = exposure_from_uvc(def, sixty_hz);
        break;
    }
    case K4A_COLOR_CONTROL_WHITEBALANCE:
    {
        int32_t auto_default = 0;
        ok = uvc_request(&chain, OPENK4A_UVC_REQ_GET_DEF, &WHITE_BALANCE_AUTO, &auto_default) &&
             white_balance_mode(&chain, auto_default, &mode) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_MIN, &WHITE_BALANCE, &min) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_MAX, &WHITE_BALANCE, &max) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_RES, &WHITE_BALANCE, &step) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_DEF, &WHITE_BALANCE, &def);
        automatic = true;
        break;
    }
    case K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY:
        OK4A_LOG_WARNING("%s: K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY is deprecated and does nothing", __func__);
        break;
    default:
        ok = control != NULL ? uvc_request(&chain, OPENK4A_UVC_REQ_GET_MIN, control, &min) &&
                                   uvc_request(&chain, OPENK4A_UVC_REQ_GET_MAX, control, &max) &&
                                   uvc_request(&chain, OPENK4A_UVC_REQ_GET_RES, control, &step) &&
                                   uvc_request(&chain, OPENK4A_UVC_REQ_GET_DEF, control, &def) :
                               unsupported(__func__, command);
        break;
    }
    if (!ok)
        return K4A_RESULT_FAILED;
    *supports_auto = automatic;
    *min_value = min;
    *max_value = max;
    *step_value = step;
    *default_value = def;
    *default_mode = mode;
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_device_get_color_control(k4a_device_t device_handle, k4a_color_control_command_t command,
                                          k4a_color_control_mode_t *mode, int32_t *value)
{
    chain_t chain __attribute__((cleanup(close_chain))) = {0};
    if (!open_chain(device_handle, __func__, &chain))
        return K4A_RESULT_FAILED;
    if (mode == NULL || value == NULL)
    {
        OK4A_LOG_ERROR("%s: %s is NULL", __func__, mode == NULL ? "mode" : "value");
        return K4A_RESULT_FAILED;
    }
    k4a_color_control_mode_t m = K4A_COLOR_CONTROL_MODE_MANUAL;
    int32_t v = 0;
    const uvc_control_t *control = plain_control(command);
    bool ok = true;
    switch (command)
    {
    case K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE:
    {
        int32_t ae_mode = 0;
        bool sixty_hz = true;
        ok = uvc_request(&chain, OPENK4A_UVC_REQ_GET_CUR, &AE_MODE, &ae_mode) && exposure_mode(&chain, ae_mode, &m) &&
             power_line_is_60hz(&chain, &sixty_hz) && uvc_request(&chain, OPENK4A_UVC_REQ_GET_CUR, &EXPOSURE, &v);
        v = exposure_from_uvc(v, sixty_hz);
        break;
    }
    case K4A_COLOR_CONTROL_WHITEBALANCE:
    {
        int32_t automatic = 0;
        ok = uvc_request(&chain, OPENK4A_UVC_REQ_GET_CUR, &WHITE_BALANCE_AUTO, &automatic) &&
             white_balance_mode(&chain, automatic, &m) &&
             uvc_request(&chain, OPENK4A_UVC_REQ_GET_CUR, &WHITE_BALANCE, &v);
        break;
    }
    case K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY:
        OK4A_LOG_WARNING("%s: K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY is deprecated and does nothing", __func__);
        break;
    default:
        ok = control != NULL ? uvc_request(&chain, OPENK4A_UVC_REQ_GET_CUR, control, &v) :
                               unsupported(__func__, command);
        break;
    }
    if (!ok)
        return K4A_RESULT_FAILED;
    *mode = m;
    *value = v;
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_device_set_color_control(k4a_device_t device_handle, k4a_color_control_command_t command,
                                          k4a_color_control_mode_t mode, int32_t value)
{
    chain_t chain __attribute__((cleanup(close_chain))) = {0};
    if (!open_chain(device_handle, __func__, &chain))
        return K4A_RESULT_FAILED;
    if (mode != K4A_COLOR_CONTROL_MODE_AUTO && mode != K4A_COLOR_CONTROL_MODE_MANUAL)
    {
        OK4A_LOG_ERROR("%s: %d is not a k4a_color_control_mode_t", __func__, (int)mode);
        return K4A_RESULT_FAILED;
    }
    const bool manual = mode == K4A_COLOR_CONTROL_MODE_MANUAL;
    const uvc_control_t *control = plain_control(command);
    switch (command)
    {
    case K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE:
    {
        /* Manual: the mode first (exposure time is read-only in an automatic
         * mode), then the time; automatic: aperture priority, as the SDK. */
        int32_t ae_mode = manual ? OPENK4A_UVC_AE_MODE_MANUAL : OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY;
        bool sixty_hz = true;
        if (!uvc_request(&chain, OPENK4A_UVC_REQ_SET_CUR, &AE_MODE, &ae_mode))
            return K4A_RESULT_FAILED;
        if (!manual)
            return K4A_RESULT_SUCCEEDED;
        int32_t units = 0;
        if (!power_line_is_60hz(&chain, &sixty_hz))
            return K4A_RESULT_FAILED;
        units = exposure_to_uvc(value, sixty_hz);
        return uvc_request(&chain, OPENK4A_UVC_REQ_SET_CUR, &EXPOSURE, &units) ? K4A_RESULT_SUCCEEDED :
                                                                                 K4A_RESULT_FAILED;
    }
    case K4A_COLOR_CONTROL_WHITEBALANCE:
    {
        int32_t automatic = manual ? 0 : 1;
        if (!uvc_request(&chain, OPENK4A_UVC_REQ_SET_CUR, &WHITE_BALANCE_AUTO, &automatic))
            return K4A_RESULT_FAILED;
        return !manual || (fits_field(&chain, &WHITE_BALANCE, value) &&
                           uvc_request(&chain, OPENK4A_UVC_REQ_SET_CUR, &WHITE_BALANCE, &value)) ?
                   K4A_RESULT_SUCCEEDED :
                   K4A_RESULT_FAILED;
    }
    case K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY:
        OK4A_LOG_WARNING("%s: K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY is deprecated and does nothing", __func__);
        return K4A_RESULT_SUCCEEDED;
    default:
        break;
    }
    if (control == NULL)
    {
        unsupported(__func__, command);
        return K4A_RESULT_FAILED;
    }
    if (!manual)
    {
        OK4A_LOG_ERROR("%s: the %s control has no automatic mode", __func__, control->name);
        return K4A_RESULT_FAILED;
    }
    if (command == K4A_COLOR_CONTROL_POWERLINE_FREQUENCY && value != 1 && value != 2)
    {
        /* The firmware would take 0 (disabled) yet cannot turn the filter off. */
        OK4A_LOG_ERROR("%s: power line frequency %d: must be 1 (50 Hz) or 2 (60 Hz)", __func__, (int)value);
        return K4A_RESULT_FAILED;
    }
    return fits_field(&chain, control, value) && uvc_request(&chain, OPENK4A_UVC_REQ_SET_CUR, control, &value) ?
               K4A_RESULT_SUCCEEDED :
               K4A_RESULT_FAILED;
}
