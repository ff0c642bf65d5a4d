/* Configuration descriptor walk -> openk4a_uvc_config_t (see uvc_descriptors.h). */
#include "openk4a/usb/uvc_descriptors.h"

#include <stddef.h>
#include <string.h>

#include "openk4a/usb/wire_runtime.h"

/* Which interface the descriptors being walked belong to. */
enum
{
    MODE_NONE = 0,
    MODE_CONTROL,
    MODE_STREAMING,
    MODE_OTHER
};

/* What the format in progress is: none yet, a modelled one, or skipped. */
enum
{
    FORMAT_NONE = -1,
    FORMAT_UNSUPPORTED = -2
};

typedef struct walk
{
    openk4a_uvc_config_t *m;
    int mode;
    uint8_t interface_number;
    uint8_t alternate_setting;
    int streaming;    /* index into m->streaming, -1 when none */
    int alt;          /* index into m->alts of the current alternate setting, -1 */
    int endpoint_alt; /* alt whose endpoint the last endpoint descriptor filled, -1 */
    int format;       /* index into m->formats, or FORMAT_NONE / FORMAT_UNSUPPORTED */
    uint8_t endpoints_seen;
    uint32_t vc_bytes; /* class-specific VideoControl bytes seen (vs header wTotalLength) */
    uint32_t vs_bytes; /* class-specific bytes of the current streaming interface */
} walk_t;

static const uint8_t kGuidSuffix[12] = {0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};

static uint32_t fourcc(char a, char b, char c, char d)
{
    return (uint32_t)(uint8_t)a | ((uint32_t)(uint8_t)b << 8) | ((uint32_t)(uint8_t)c << 16) |
           ((uint32_t)(uint8_t)d << 24);
}

openk4a_uvc_pixel_format_t openk4a_uvc_pixel_format_from_guid(const uint8_t guid[16])
{
    if (guid == NULL || memcmp(guid + 4, kGuidSuffix, sizeof kGuidSuffix) != 0)
    {
        return OPENK4A_UVC_PIXEL_UNKNOWN;
    }
    const uint32_t code = openk4a_wire_u32le(guid);
    if (code == fourcc('Y', 'U', 'Y', '2'))
        return OPENK4A_UVC_PIXEL_YUY2;
    if (code == fourcc('N', 'V', '1', '2'))
        return OPENK4A_UVC_PIXEL_NV12;
    if (code == fourcc('Z', '1', '6', ' '))
        return OPENK4A_UVC_PIXEL_Z16;
    if (code == fourcc('Y', '1', '6', ' '))
        return OPENK4A_UVC_PIXEL_Y16;
    if (code == fourcc('Y', '8', ' ', ' ') || code == fourcc('G', 'R', 'E', 'Y'))
    {
        return OPENK4A_UVC_PIXEL_Y8;
    }
    if (code == fourcc('M', 'J', 'P', 'G'))
        return OPENK4A_UVC_PIXEL_MJPEG;
    if (code == fourcc('H', '2', '6', '4'))
        return OPENK4A_UVC_PIXEL_H264;
    return OPENK4A_UVC_PIXEL_UNKNOWN;
}

const char *openk4a_uvc_pixel_format_name(openk4a_uvc_pixel_format_t pixel_format)
{
    switch (pixel_format)
    {
    case OPENK4A_UVC_PIXEL_MJPEG:
        return "MJPEG";
    case OPENK4A_UVC_PIXEL_YUY2:
        return "YUY2";
    case OPENK4A_UVC_PIXEL_NV12:
        return "NV12";
    case OPENK4A_UVC_PIXEL_Z16:
        return "Z16";
    case OPENK4A_UVC_PIXEL_Y16:
        return "Y16";
    case OPENK4A_UVC_PIXEL_Y8:
        return "Y8";
    case OPENK4A_UVC_PIXEL_H264:
        return "H264";
    case OPENK4A_UVC_PIXEL_UNKNOWN:
        break;
    }
    return "UNKNOWN";
}

/* ---- interfaces and endpoints -------------------------------------------- */

static int find_streaming(const openk4a_uvc_config_t *m, uint8_t interface_number)
{
    for (int i = 0; i < m->streaming_count; ++i)
    {
        if (m->streaming[i].interface_number == interface_number)
            return i;
    }
    return -1;
}

static void end_format(walk_t *w);

/* Checks on the interface being left (at the next interface, or the end). */
static void leave_interface(walk_t *w)
{
    openk4a_uvc_config_t *m = w->m;
    end_format(w);
    if (w->alt >= 0 && w->endpoints_seen != m->alts[w->alt].num_endpoints)
    {
        m->warnings |= OPENK4A_UVC_WARN_ENDPOINT_COUNT;
    }
    if (w->mode == MODE_STREAMING && w->alternate_setting == 0 && w->streaming >= 0)
    {
        const openk4a_uvc_streaming_interface_t *si = &m->streaming[w->streaming];
        if (si->has_input_header && si->total_length != w->vs_bytes)
        {
            m->warnings |= OPENK4A_UVC_WARN_VS_TOTAL_LENGTH;
        }
    }
}

static openk4a_usb_status_t on_interface(walk_t *w, const uint8_t *d, size_t n, size_t *used)
{
    openk4a_uvc_config_t *m = w->m;
    openk4a_uvc_interface_descriptor_t desc;
    openk4a_usb_status_t s = openk4a_uvc_interface_descriptor_parse(d, n, &desc, used);
    if (s != OPENK4A_USB_OK)
        return s;
    leave_interface(w);
    w->interface_number = desc.bInterfaceNumber;
    w->alternate_setting = desc.bAlternateSetting;
    w->streaming = -1;
    w->alt = -1;
    w->endpoint_alt = -1;
    w->format = FORMAT_NONE;
    w->endpoints_seen = 0;
    if (desc.bInterfaceClass != OPENK4A_UVC_CLASS_VIDEO)
    {
        w->mode = MODE_OTHER;
        m->skipped_descriptors++;
        return OPENK4A_USB_OK;
    }
    if (desc.bInterfaceSubClass == OPENK4A_UVC_SC_VIDEOCONTROL)
    {
        if (m->control.present && desc.bInterfaceNumber != m->control.interface_number)
        {
            m->warnings |= OPENK4A_UVC_WARN_EXTRA_VIDEO_CONTROL;
            w->mode = MODE_OTHER;
            m->skipped_descriptors++;
            return OPENK4A_USB_OK;
        }
        if (m->control.present && desc.bAlternateSetting == 0)
            return OPENK4A_USB_ERR_INCONSISTENT;
        m->control.present = true;
        m->control.interface_number = desc.bInterfaceNumber;
        w->mode = MODE_CONTROL;
        return OPENK4A_USB_OK;
    }
    if (desc.bInterfaceSubClass != OPENK4A_UVC_SC_VIDEOSTREAMING)
    {
        w->mode = MODE_OTHER;
        m->skipped_descriptors++;
        return OPENK4A_USB_OK;
    }
    int si = find_streaming(m, desc.bInterfaceNumber);
    if (si < 0)
    {
        if (m->streaming_count >= OPENK4A_UVC_MAX_STREAMING_INTERFACES)
            return OPENK4A_USB_ERR_CAPACITY;
        si = m->streaming_count++;
        memset(&m->streaming[si], 0, sizeof m->streaming[si]);
        m->streaming[si].interface_number = desc.bInterfaceNumber;
        m->streaming[si].first_format = m->format_count;
    }
    for (int i = 0; i < m->alt_count; ++i)
    {
        if (m->alts[i].interface_number == desc.bInterfaceNumber &&
            m->alts[i].alternate_setting == desc.bAlternateSetting)
        {
            return OPENK4A_USB_ERR_INCONSISTENT; /* the same alternate setting twice */
        }
    }
    if (m->alt_count >= OPENK4A_UVC_MAX_ALT_SETTINGS)
        return OPENK4A_USB_ERR_CAPACITY;
    openk4a_uvc_alt_setting_t *alt = &m->alts[m->alt_count];
    memset(alt, 0, sizeof *alt);
    alt->interface_number = desc.bInterfaceNumber;
    alt->alternate_setting = desc.bAlternateSetting;
    alt->num_endpoints = desc.bNumEndpoints;
    w->alt = m->alt_count++;
    m->streaming[si].alt_count++;
    w->streaming = si;
    w->vs_bytes = 0;
    w->mode = MODE_STREAMING;
    return OPENK4A_USB_OK;
}

static uint32_t bytes_per_interval(const openk4a_uvc_alt_setting_t *alt)
{
    const bool isochronous = (alt->endpoint_attributes & 0x03u) == 0x01u;
    if (alt->has_ss_companion && isochronous)
        return alt->ss_bytes_per_interval;
    const uint32_t size = alt->max_packet_size & 0x07FFu;
    const uint32_t transactions = 1u + ((alt->max_packet_size >> 11) & 0x03u);
    if (alt->has_ss_companion)
        return size * (1u + alt->ss_max_burst);
    return size * transactions;
}

static openk4a_usb_status_t on_endpoint(walk_t *w, const uint8_t *d, size_t n, size_t *used)
{
    openk4a_uvc_config_t *m = w->m;
    openk4a_uvc_endpoint_descriptor_t desc;
    openk4a_usb_status_t s = openk4a_uvc_endpoint_descriptor_parse(d, n, &desc, used);
    if (s != OPENK4A_USB_OK)
        return s;
    w->endpoints_seen++;
    w->endpoint_alt = -1;
    if (w->mode == MODE_CONTROL)
    {
        m->control.interrupt_endpoint = desc.bEndpointAddress;
        m->control.interrupt_max_packet_size = desc.wMaxPacketSize;
    }
    else if (w->mode == MODE_STREAMING && w->alt >= 0)
    {
        openk4a_uvc_alt_setting_t *alt = &m->alts[w->alt];
        /* The video endpoint is the first one, or the one the input header names
         * (a method-3 still endpoint may also be listed). */
        const uint8_t video_ep = m->streaming[w->streaming].endpoint_address;
        if (!alt->has_endpoint ||
            (video_ep != 0 && desc.bEndpointAddress == video_ep && alt->endpoint_address != video_ep))
        {
            alt->has_endpoint = true;
            alt->has_ss_companion = false;
            alt->endpoint_address = desc.bEndpointAddress;
            alt->endpoint_attributes = desc.bmAttributes;
            alt->max_packet_size = desc.wMaxPacketSize;
            alt->interval = desc.bInterval;
            alt->bytes_per_interval = bytes_per_interval(alt);
            w->endpoint_alt = w->alt;
        }
    }
    else
    {
        m->skipped_descriptors++;
    }
    return OPENK4A_USB_OK;
}

static openk4a_usb_status_t on_companion(walk_t *w, const uint8_t *d, size_t n, size_t *used)
{
    openk4a_uvc_ss_endpoint_companion_t desc;
    openk4a_usb_status_t s = openk4a_uvc_ss_endpoint_companion_parse(d, n, &desc, used);
    if (s != OPENK4A_USB_OK)
        return s;
    if (w->endpoint_alt < 0)
    {
        w->m->skipped_descriptors++;
        return OPENK4A_USB_OK;
    }
    openk4a_uvc_alt_setting_t *alt = &w->m->alts[w->endpoint_alt];
    alt->has_ss_companion = true;
    alt->ss_max_burst = desc.bMaxBurst;
    alt->ss_attributes = desc.bmAttributes;
    alt->ss_bytes_per_interval = desc.wBytesPerInterval;
    alt->bytes_per_interval = bytes_per_interval(alt);
    return OPENK4A_USB_OK;
}

/* ---- VideoControl ---------------------------------------------------------- */

static openk4a_usb_status_t new_entity(walk_t *w, uint8_t subtype, uint8_t id, openk4a_uvc_entity_t **out)
{
    openk4a_uvc_config_t *m = w->m;
    if (m->entity_count >= OPENK4A_UVC_MAX_ENTITIES)
        return OPENK4A_USB_ERR_CAPACITY;
    openk4a_uvc_entity_t *e = &m->entities[m->entity_count++];
    memset(e, 0, sizeof *e);
    e->subtype = subtype;
    e->id = id;
    m->control.entity_count++;
    *out = e;
    return OPENK4A_USB_OK;
}

static openk4a_usb_status_t on_vc(walk_t *w, const uint8_t *d, size_t n, size_t *used)
{
    openk4a_uvc_config_t *m = w->m;
    openk4a_uvc_video_control_t *vc = &m->control;
    openk4a_uvc_entity_t *e = NULL;
    openk4a_usb_status_t s = OPENK4A_USB_OK;
    const uint8_t subtype = n >= 3 ? d[2] : 0;
    if (w->alternate_setting != 0)
    {
        m->warnings |= OPENK4A_UVC_WARN_STRAY_DESCRIPTOR;
        return OPENK4A_USB_OK; /* the caller skips it by bLength */
    }
    switch (subtype)
    {
    case OPENK4A_UVC_VC_HEADER:
    {
        openk4a_uvc_vc_header_t h;
        if ((s = openk4a_uvc_vc_header_parse(d, n, &h, used)) != OPENK4A_USB_OK)
            return s;
        if (vc->bcd_uvc != 0)
            return OPENK4A_USB_ERR_INCONSISTENT; /* a second header */
        vc->bcd_uvc = h.bcdUVC;
        vc->total_length = h.wTotalLength;
        vc->clock_frequency = h.dwClockFrequency;
        vc->num_in_collection = h.bInCollection;
        vc->in_collection = h.baInterfaceNr;
        vc->first_entity = m->entity_count;
        break;
    }
    case OPENK4A_UVC_VC_INPUT_TERMINAL:
    {
        openk4a_uvc_vc_input_terminal_t t;
        if ((s = openk4a_uvc_vc_input_terminal_parse(d, n, &t, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_entity(w, subtype, t.bTerminalID, &e)) != OPENK4A_USB_OK)
            return s;
        e->terminal_type = t.wTerminalType;
        e->assoc_terminal = t.bAssocTerminal;
        e->string_index = t.iTerminal;
        e->objective_focal_length_min = t.wObjectiveFocalLengthMin;
        e->objective_focal_length_max = t.wObjectiveFocalLengthMax;
        e->ocular_focal_length = t.wOcularFocalLength;
        e->control_size = t.bControlSize;
        e->controls = t.bmControls;
        break;
    }
    case OPENK4A_UVC_VC_OUTPUT_TERMINAL:
    {
        openk4a_uvc_vc_output_terminal_t t;
        if ((s = openk4a_uvc_vc_output_terminal_parse(d, n, &t, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_entity(w, subtype, t.bTerminalID, &e)) != OPENK4A_USB_OK)
            return s;
        e->terminal_type = t.wTerminalType;
        e->assoc_terminal = t.bAssocTerminal;
        e->source_id = t.bSourceID;
        e->string_index = t.iTerminal;
        break;
    }
    case OPENK4A_UVC_VC_SELECTOR_UNIT:
    {
        openk4a_uvc_vc_selector_unit_t u;
        if ((s = openk4a_uvc_vc_selector_unit_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_entity(w, subtype, u.bUnitID, &e)) != OPENK4A_USB_OK)
            return s;
        e->num_sources = u.bNrInPins;
        e->source_ids = u.baSourceID;
        e->string_index = u.iSelector;
        break;
    }
    case OPENK4A_UVC_VC_PROCESSING_UNIT:
    {
        openk4a_uvc_vc_processing_unit_t u;
        if ((s = openk4a_uvc_vc_processing_unit_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_entity(w, subtype, u.bUnitID, &e)) != OPENK4A_USB_OK)
            return s;
        e->source_id = u.bSourceID;
        e->max_multiplier = u.wMaxMultiplier;
        e->control_size = u.bControlSize;
        e->controls = u.bmControls;
        e->string_index = u.iProcessing;
        e->has_video_standards = u.has_bmVideoStandards;
        e->video_standards = u.bmVideoStandards;
        break;
    }
    case OPENK4A_UVC_VC_EXTENSION_UNIT:
    {
        openk4a_uvc_vc_extension_unit_t u;
        if ((s = openk4a_uvc_vc_extension_unit_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_entity(w, subtype, u.bUnitID, &e)) != OPENK4A_USB_OK)
            return s;
        memcpy(e->guid, u.guidExtensionCode, sizeof e->guid);
        e->num_controls = u.bNumControls;
        e->num_sources = u.bNrInPins;
        e->source_ids = u.baSourceID;
        e->control_size = u.bControlSize;
        e->controls = u.bmControls;
        e->string_index = u.iExtension;
        break;
    }
    case OPENK4A_UVC_VC_ENCODING_UNIT:
    {
        openk4a_uvc_vc_encoding_unit_t u;
        if ((s = openk4a_uvc_vc_encoding_unit_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_entity(w, subtype, u.bUnitID, &e)) != OPENK4A_USB_OK)
            return s;
        e->source_id = u.bSourceID;
        e->control_size = u.bControlSize;
        e->controls = u.bmControls;
        e->string_index = u.iEncoding;
        break;
    }
    default:
        m->skipped_descriptors++;
        return OPENK4A_USB_OK;
    }
    if (subtype != OPENK4A_UVC_VC_HEADER && vc->bcd_uvc == 0)
    {
        return OPENK4A_USB_ERR_INCONSISTENT; /* a terminal or unit before the header */
    }
    return OPENK4A_USB_OK;
}

static openk4a_usb_status_t on_cs_endpoint(walk_t *w, const uint8_t *d, size_t n, size_t *used)
{
    if (w->mode == MODE_CONTROL && n >= 3 && d[2] == 0x03)
    {
        openk4a_uvc_vc_interrupt_endpoint_t ep;
        openk4a_usb_status_t s = openk4a_uvc_vc_interrupt_endpoint_parse(d, n, &ep, used);
        if (s != OPENK4A_USB_OK)
            return s;
        w->m->control.interrupt_max_transfer_size = ep.wMaxTransferSize;
        return OPENK4A_USB_OK;
    }
    w->m->skipped_descriptors++;
    return OPENK4A_USB_OK;
}

/* ---- VideoStreaming -------------------------------------------------------- */

static openk4a_usb_status_t new_format(walk_t *w, uint8_t subtype, uint8_t index, uint8_t num_frames,
                                       openk4a_uvc_format_t **out)
{
    openk4a_uvc_config_t *m = w->m;
    openk4a_uvc_streaming_interface_t *si = &m->streaming[w->streaming];
    if (!si->has_input_header)
        return OPENK4A_USB_ERR_INCONSISTENT;
    if (m->format_count >= OPENK4A_UVC_MAX_FORMATS)
        return OPENK4A_USB_ERR_CAPACITY;
    /* Formats of one interface are contiguous: alt 0 of an interface appears once. */
    if (si->first_format + si->format_count != m->format_count)
        return OPENK4A_USB_ERR_INCONSISTENT;
    openk4a_uvc_format_t *f = &m->formats[m->format_count];
    memset(f, 0, sizeof *f);
    f->streaming = (uint16_t)w->streaming;
    f->interface_number = si->interface_number;
    f->subtype = subtype;
    f->format_index = index;
    f->num_frames_declared = num_frames;
    f->first_frame = m->frame_count;
    f->first_still_size = m->still_size_count;
    w->format = m->format_count++;
    si->format_count++;
    *out = f;
    return OPENK4A_USB_OK;
}

/* Closes the format in progress: a frame count that disagrees is a warning. */
static void end_format(walk_t *w)
{
    if (w->format >= 0)
    {
        const openk4a_uvc_format_t *f = &w->m->formats[w->format];
        if (f->frame_count != f->num_frames_declared)
            w->m->warnings |= OPENK4A_UVC_WARN_FRAME_COUNT;
    }
    w->format = FORMAT_NONE;
}

static openk4a_usb_status_t add_frame(walk_t *w, uint8_t subtype, openk4a_uvc_frame_desc_t **out)
{
    openk4a_uvc_config_t *m = w->m;
    if (w->format < 0)
        return OPENK4A_USB_ERR_INCONSISTENT;
    openk4a_uvc_format_t *f = &m->formats[w->format];
    const uint8_t want = f->subtype == OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED ? OPENK4A_UVC_VS_FRAME_UNCOMPRESSED :
                         f->subtype == OPENK4A_UVC_VS_FORMAT_MJPEG        ? OPENK4A_UVC_VS_FRAME_MJPEG :
                                                                            OPENK4A_UVC_VS_FRAME_FRAME_BASED;
    if (subtype != want)
        return OPENK4A_USB_ERR_INCONSISTENT; /* e.g. an MJPEG frame under YUY2 */
    if (m->frame_count >= OPENK4A_UVC_MAX_FRAMES)
        return OPENK4A_USB_ERR_CAPACITY;
    openk4a_uvc_frame_desc_t *fr = &m->frames[m->frame_count++];
    memset(fr, 0, sizeof *fr);
    fr->format = (uint16_t)w->format;
    fr->subtype = subtype;
    f->frame_count++;
    *out = fr;
    return OPENK4A_USB_OK;
}

/* Copies the discrete intervals (wire order) into the model's pool. */
static openk4a_usb_status_t add_intervals(walk_t *w, openk4a_uvc_frame_desc_t *fr, const uint8_t *wire, uint8_t count)
{
    openk4a_uvc_config_t *m = w->m;
    if (count > OPENK4A_UVC_MAX_INTERVALS - m->interval_count)
        return OPENK4A_USB_ERR_CAPACITY;
    fr->first_interval = (uint16_t)m->interval_count;
    fr->min_interval = UINT32_MAX;
    fr->max_interval = 0;
    for (uint8_t i = 0; i < count; ++i)
    {
        const uint32_t v = openk4a_wire_u32le(wire + 4u * i);
        m->intervals[m->interval_count++] = v;
        if (v < fr->min_interval)
            fr->min_interval = v;
        if (v > fr->max_interval)
            fr->max_interval = v;
    }
    return OPENK4A_USB_OK;
}

/* The interval part shared by every frame descriptor kind: a continuous
 * range (type 0: min, max, step) or a discrete list of `type` intervals. */
static openk4a_usb_status_t set_intervals(walk_t *w, openk4a_uvc_frame_desc_t *fr, uint32_t default_interval,
                                          uint8_t type, uint32_t min, uint32_t max, uint32_t step, const uint8_t *list)
{
    fr->default_interval = default_interval;
    fr->interval_type = type;
    if (type != 0)
        return add_intervals(w, fr, list, type);
    fr->min_interval = min;
    fr->max_interval = max;
    fr->interval_step = step;
    return OPENK4A_USB_OK;
}

static openk4a_usb_status_t on_vs(walk_t *w, const uint8_t *d, size_t n, size_t *used)
{
    openk4a_uvc_config_t *m = w->m;
    openk4a_uvc_streaming_interface_t *si = &m->streaming[w->streaming];
    openk4a_usb_status_t s = OPENK4A_USB_OK;
    openk4a_uvc_format_t *f = NULL;
    openk4a_uvc_frame_desc_t *fr = NULL;
    const uint8_t subtype = n >= 3 ? d[2] : 0;
    if (w->alternate_setting != 0)
    {
        m->warnings |= OPENK4A_UVC_WARN_STRAY_DESCRIPTOR;
        return OPENK4A_USB_OK;
    }
    switch (subtype)
    {
    case OPENK4A_UVC_VS_INPUT_HEADER:
    {
        openk4a_uvc_vs_input_header_t h;
        if ((s = openk4a_uvc_vs_input_header_parse(d, n, &h, used)) != OPENK4A_USB_OK)
            return s;
        if (si->has_input_header)
            return OPENK4A_USB_ERR_INCONSISTENT;
        si->has_input_header = true;
        si->num_formats_declared = h.bNumFormats;
        si->total_length = h.wTotalLength;
        si->endpoint_address = h.bEndpointAddress;
        si->info = h.bmInfo;
        si->terminal_link = h.bTerminalLink;
        si->still_capture_method = h.bStillCaptureMethod;
        si->trigger_support = h.bTriggerSupport;
        si->trigger_usage = h.bTriggerUsage;
        si->control_size = h.bControlSize;
        si->format_controls = h.bmaControls;
        break;
    }
    case OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED:
    case OPENK4A_UVC_VS_FORMAT_FRAME_BASED:
    {
        end_format(w);
        if (subtype == OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED)
        {
            openk4a_uvc_vs_format_uncompressed_t u;
            if ((s = openk4a_uvc_vs_format_uncompressed_parse(d, n, &u, used)) != OPENK4A_USB_OK)
                return s;
            if ((s = new_format(w, subtype, u.bFormatIndex, u.bNumFrameDescriptors, &f)) != OPENK4A_USB_OK)
                return s;
            memcpy(f->guid, u.guidFormat, 16);
            f->bits_per_pixel = u.bBitsPerPixel;
            f->default_frame_index = u.bDefaultFrameIndex;
            f->aspect_ratio_x = u.bAspectRatioX;
            f->aspect_ratio_y = u.bAspectRatioY;
            f->interlace_flags = u.bmInterlaceFlags;
            f->copy_protect = u.bCopyProtect;
        }
        else
        {
            openk4a_uvc_vs_format_frame_based_t u;
            if ((s = openk4a_uvc_vs_format_frame_based_parse(d, n, &u, used)) != OPENK4A_USB_OK)
                return s;
            if ((s = new_format(w, subtype, u.bFormatIndex, u.bNumFrameDescriptors, &f)) != OPENK4A_USB_OK)
                return s;
            memcpy(f->guid, u.guidFormat, 16);
            f->bits_per_pixel = u.bBitsPerPixel;
            f->default_frame_index = u.bDefaultFrameIndex;
            f->aspect_ratio_x = u.bAspectRatioX;
            f->aspect_ratio_y = u.bAspectRatioY;
            f->interlace_flags = u.bmInterlaceFlags;
            f->copy_protect = u.bCopyProtect;
            f->variable_size = u.bVariableSize;
        }
        f->fourcc = openk4a_wire_u32le(f->guid);
        f->pixel_format = openk4a_uvc_pixel_format_from_guid(f->guid);
        break;
    }
    case OPENK4A_UVC_VS_FORMAT_MJPEG:
    {
        end_format(w);
        openk4a_uvc_vs_format_mjpeg_t u;
        if ((s = openk4a_uvc_vs_format_mjpeg_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if ((s = new_format(w, subtype, u.bFormatIndex, u.bNumFrameDescriptors, &f)) != OPENK4A_USB_OK)
            return s;
        f->pixel_format = OPENK4A_UVC_PIXEL_MJPEG;
        f->fourcc = fourcc('M', 'J', 'P', 'G');
        f->mjpeg_flags = u.bmFlags;
        f->default_frame_index = u.bDefaultFrameIndex;
        f->aspect_ratio_x = u.bAspectRatioX;
        f->aspect_ratio_y = u.bAspectRatioY;
        f->interlace_flags = u.bmInterlaceFlags;
        f->copy_protect = u.bCopyProtect;
        break;
    }
    case OPENK4A_UVC_VS_FRAME_UNCOMPRESSED:
    case OPENK4A_UVC_VS_FRAME_MJPEG:
    {
        openk4a_uvc_vs_frame_t u;
        if ((s = openk4a_uvc_vs_frame_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if (w->format == FORMAT_UNSUPPORTED)
            return OPENK4A_USB_ERR_INCONSISTENT;
        if ((s = add_frame(w, subtype, &fr)) != OPENK4A_USB_OK)
            return s;
        fr->frame_index = u.bFrameIndex;
        fr->capabilities = u.bmCapabilities;
        fr->width = u.wWidth;
        fr->height = u.wHeight;
        fr->min_bit_rate = u.dwMinBitRate;
        fr->max_bit_rate = u.dwMaxBitRate;
        fr->max_frame_buffer_size = u.dwMaxVideoFrameBufferSize;
        if ((s = set_intervals(w, fr, u.dwDefaultFrameInterval, u.bFrameIntervalType, u.dwMinFrameInterval,
                               u.dwMaxFrameInterval, u.dwFrameIntervalStep, u.dwFrameInterval)) != OPENK4A_USB_OK)
            return s;
        break;
    }
    case OPENK4A_UVC_VS_FRAME_FRAME_BASED:
    {
        openk4a_uvc_vs_frame_frame_based_t u;
        if ((s = openk4a_uvc_vs_frame_frame_based_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if (w->format == FORMAT_UNSUPPORTED)
            return OPENK4A_USB_ERR_INCONSISTENT;
        if ((s = add_frame(w, subtype, &fr)) != OPENK4A_USB_OK)
            return s;
        fr->frame_index = u.bFrameIndex;
        fr->capabilities = u.bmCapabilities;
        fr->width = u.wWidth;
        fr->height = u.wHeight;
        fr->min_bit_rate = u.dwMinBitRate;
        fr->max_bit_rate = u.dwMaxBitRate;
        fr->bytes_per_line = u.dwBytesPerLine;
        if ((s = set_intervals(w, fr, u.dwDefaultFrameInterval, u.bFrameIntervalType, u.dwMinFrameInterval,
                               u.dwMaxFrameInterval, u.dwFrameIntervalStep, u.dwFrameInterval)) != OPENK4A_USB_OK)
            return s;
        break;
    }
    case OPENK4A_UVC_VS_STILL_IMAGE_FRAME:
    {
        /* Still images are never streamed here: a defect in their
         * descriptor (counts past its length, a second one, a stray one, more
         * sizes than the model holds) skips it with a warning rather than
         * refusing the configuration. Its bLength was checked by the walk. */
        openk4a_uvc_vs_still_image_frame_t u;
        size_t still_used = 0; /* the walk reports the descriptor's own offset */
        if (openk4a_uvc_vs_still_image_frame_parse(d, n, &u, &still_used) != OPENK4A_USB_OK)
        {
            m->warnings |= OPENK4A_UVC_WARN_STILL_FRAME;
            break;
        }
        if (w->format == FORMAT_UNSUPPORTED)
            break;
        if (w->format < 0 || m->formats[w->format].has_still ||
            u.bNumImageSizePatterns > OPENK4A_UVC_MAX_STILL_SIZES - m->still_size_count)
        {
            m->warnings |= OPENK4A_UVC_WARN_STILL_FRAME;
            break;
        }
        f = &m->formats[w->format];
        f->has_still = true;
        f->still_endpoint = u.bEndpointAddress;
        f->first_still_size = m->still_size_count;
        for (size_t i = 0; i < u.bNumImageSizePatterns; ++i)
        {
            m->still_sizes[m->still_size_count++] = openk4a_uvc_vs_still_image_frame_sizes_at(&u, i);
        }
        f->still_size_count = u.bNumImageSizePatterns;
        f->still_compression_count = u.bNumCompressionPattern;
        f->still_compression = u.bCompression;
        break;
    }
    case OPENK4A_UVC_VS_COLORFORMAT:
    {
        openk4a_uvc_vs_color_matching_t u;
        if ((s = openk4a_uvc_vs_color_matching_parse(d, n, &u, used)) != OPENK4A_USB_OK)
            return s;
        if (w->format == FORMAT_UNSUPPORTED)
            break;
        if (w->format < 0)
        {
            m->warnings |= OPENK4A_UVC_WARN_STRAY_DESCRIPTOR;
            break;
        }
        f = &m->formats[w->format];
        f->has_color_matching = true;
        f->color_primaries = u.bColorPrimaries;
        f->transfer_characteristics = u.bTransferCharacteristics;
        f->matrix_coefficients = u.bMatrixCoefficients;
        break;
    }
    case OPENK4A_UVC_VS_FORMAT_MPEG2TS:
    case OPENK4A_UVC_VS_FORMAT_DV:
    case OPENK4A_UVC_VS_FORMAT_STREAM_BASED:
    case OPENK4A_UVC_VS_FORMAT_H264:
    case 0x16: /* FORMAT_VP8 (UVC 1.5) */
    case 0x18: /* FORMAT_H264_SIMULCAST */
    case 0x19: /* FORMAT_VP8_SIMULCAST */
        end_format(w);
        w->format = FORMAT_UNSUPPORTED;
        m->warnings |= OPENK4A_UVC_WARN_UNSUPPORTED_FORMAT;
        m->skipped_descriptors++;
        return OPENK4A_USB_OK;
    default:
        /* Output headers, frames of unsupported formats, vendor subtypes. */
        m->skipped_descriptors++;
        return OPENK4A_USB_OK;
    }
    return OPENK4A_USB_OK;
}

/* ---- the walk -------------------------------------------------------------- */

/* Checks made once the whole configuration has been seen. */
static void finish(walk_t *w, openk4a_uvc_config_t *m)
{
    leave_interface(w);
    if (m->control.present && m->control.total_length != w->vc_bytes)
    {
        m->warnings |= OPENK4A_UVC_WARN_VC_TOTAL_LENGTH;
    }
    for (int i = 0; i < m->streaming_count; ++i)
    {
        const openk4a_uvc_streaming_interface_t *si = &m->streaming[i];
        if (si->format_count != si->num_formats_declared)
            m->warnings |= OPENK4A_UVC_WARN_FORMAT_COUNT;
        bool listed = false;
        for (int k = 0; k < m->control.num_in_collection; ++k)
        {
            if (m->control.in_collection[k] == si->interface_number)
                listed = true;
        }
        if (!listed)
            m->warnings |= OPENK4A_UVC_WARN_NOT_IN_COLLECTION;
    }
}

openk4a_usb_status_t openk4a_uvc_config_parse(const uint8_t *data, size_t size, openk4a_uvc_config_t *m,
                                              size_t *consumed)
{
    size_t pos = 0;
    if (consumed != NULL)
        *consumed = 0;
    if (m == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    /* Only the fixed part and the counts: each array entry is cleared when it is
     * added, so the ~100 KiB of tables is never swept. */
    memset(m, 0, offsetof(openk4a_uvc_config_t, streaming));

    openk4a_uvc_config_descriptor_t config;
    size_t used = 0;
    openk4a_usb_status_t s = openk4a_uvc_config_descriptor_parse(data, size, &config, &used);
    if (s != OPENK4A_USB_OK)
        return openk4a_wire_fail(consumed, used, s);
    const size_t total = config.wTotalLength;
    if (total < used)
        return openk4a_wire_fail(consumed, 0, OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH);
    if (total > size)
        return openk4a_wire_fail(consumed, 0, OPENK4A_USB_ERR_TRUNCATED);
    m->total_length = config.wTotalLength;
    m->num_interfaces = config.bNumInterfaces;
    m->configuration_value = config.bConfigurationValue;
    m->attributes = config.bmAttributes;
    m->max_power = config.bMaxPower;

    walk_t w;
    memset(&w, 0, sizeof w);
    w.m = m;
    w.streaming = -1;
    w.alt = -1;
    w.endpoint_alt = -1;
    w.format = FORMAT_NONE;
    pos = used;
    /* Each step moves pos forward by bLength >= 2, so the loop ends. */
    while (pos < total)
    {
        const uint8_t *d = data + pos;
        const size_t left = total - pos;
        if (left < 2)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH);
        const uint8_t length = d[0];
        const uint8_t type = d[1];
        if (length == 0)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_ZERO_LENGTH);
        if (length < 2)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        if (length > left)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH);
        used = length;
        switch (type)
        {
        case OPENK4A_UVC_DT_INTERFACE:
            s = on_interface(&w, d, length, &used);
            break;
        case OPENK4A_UVC_DT_ENDPOINT:
            s = on_endpoint(&w, d, length, &used);
            break;
        case OPENK4A_UVC_DT_SS_ENDPOINT_COMPANION:
            s = on_companion(&w, d, length, &used);
            break;
        case OPENK4A_UVC_DT_INTERFACE_ASSOCIATION:
        {
            openk4a_uvc_interface_association_t iad;
            s = openk4a_uvc_interface_association_parse(d, length, &iad, &used);
            m->skipped_descriptors++;
            break;
        }
        case OPENK4A_UVC_DT_CS_INTERFACE:
            /* Header wTotalLength values count every class-specific byte of alt 0. */
            if (w.mode == MODE_CONTROL)
            {
                if (w.alternate_setting == 0)
                    w.vc_bytes += length;
                s = on_vc(&w, d, length, &used);
            }
            else if (w.mode == MODE_STREAMING)
            {
                if (w.alternate_setting == 0)
                    w.vs_bytes += length;
                s = on_vs(&w, d, length, &used);
            }
            else
            {
                m->skipped_descriptors++;
            }
            break;
        case OPENK4A_UVC_DT_CS_ENDPOINT:
            s = on_cs_endpoint(&w, d, length, &used);
            break;
        case OPENK4A_UVC_DT_DEVICE:
        case OPENK4A_UVC_DT_CONFIGURATION:
            s = OPENK4A_USB_ERR_INCONSISTENT; /* cannot sit inside a configuration */
            break;
        default:
            m->skipped_descriptors++; /* HID, vendor, OTG, debug... */
            break;
        }
        if (s != OPENK4A_USB_OK)
            return openk4a_wire_fail(consumed, pos, s);
        pos += length; /* bLength governs, even when a parser knew fewer fields */
    }
    finish(&w, m);
    if (consumed != NULL)
        *consumed = total;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_config_parse_complete(const uint8_t *data, size_t size, openk4a_uvc_config_t *model)
{
    size_t consumed = 0;
    openk4a_usb_status_t s = openk4a_uvc_config_parse(data, size, model, &consumed);
    if (s != OPENK4A_USB_OK)
        return s;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

/* ---- queries ------------------------------------------------------------------ */

const openk4a_uvc_format_t *openk4a_uvc_config_find_format(const openk4a_uvc_config_t *m, uint8_t interface_number,
                                                           uint8_t format_index)
{
    if (m == NULL)
        return NULL;
    for (int i = 0; i < m->format_count; ++i)
    {
        const openk4a_uvc_format_t *f = &m->formats[i];
        if (f->interface_number == interface_number && f->format_index == format_index)
            return f;
    }
    return NULL;
}

const openk4a_uvc_format_t *openk4a_uvc_config_find_pixel_format(const openk4a_uvc_config_t *m,
                                                                 openk4a_uvc_pixel_format_t pixel_format)
{
    if (m == NULL)
        return NULL;
    for (int i = 0; i < m->format_count; ++i)
    {
        if (m->formats[i].pixel_format == pixel_format)
            return &m->formats[i];
    }
    return NULL;
}

/* The frames of a format that belongs to this model, or NULL. */
static const openk4a_uvc_frame_desc_t *frames_of(const openk4a_uvc_config_t *m, const openk4a_uvc_format_t *f,
                                                 size_t *count)
{
    *count = 0;
    if (m == NULL || f == NULL || f < m->formats || f >= m->formats + m->format_count)
        return NULL;
    if (f->first_frame > m->frame_count || f->frame_count > m->frame_count - f->first_frame)
    {
        return NULL;
    }
    *count = f->frame_count;
    return &m->frames[f->first_frame];
}

const openk4a_uvc_frame_desc_t *openk4a_uvc_config_find_frame(const openk4a_uvc_config_t *m,
                                                              const openk4a_uvc_format_t *f, uint8_t frame_index)
{
    size_t count = 0;
    const openk4a_uvc_frame_desc_t *frames = frames_of(m, f, &count);
    for (size_t i = 0; i < count; ++i)
    {
        if (frames[i].frame_index == frame_index)
            return &frames[i];
    }
    return NULL;
}

const openk4a_uvc_frame_desc_t *openk4a_uvc_config_find_frame_by_size(const openk4a_uvc_config_t *m,
                                                                      const openk4a_uvc_format_t *f, uint16_t width,
                                                                      uint16_t height)
{
    size_t count = 0;
    const openk4a_uvc_frame_desc_t *frames = frames_of(m, f, &count);
    for (size_t i = 0; i < count; ++i)
    {
        if (frames[i].width == width && frames[i].height == height)
            return &frames[i];
    }
    return NULL;
}

uint32_t openk4a_uvc_frame_interval_at(const openk4a_uvc_config_t *m, const openk4a_uvc_frame_desc_t *fr, size_t i)
{
    if (m == NULL || fr == NULL || fr->interval_type == 0 || i >= fr->interval_type)
        return 0;
    const size_t at = (size_t)fr->first_interval + i;
    return at < m->interval_count ? m->intervals[at] : 0;
}

bool openk4a_uvc_frame_supports_interval(const openk4a_uvc_config_t *m, const openk4a_uvc_frame_desc_t *fr,
                                         uint32_t interval)
{
    if (m == NULL || fr == NULL)
        return false;
    if (fr->interval_type == 0)
    {
        if (interval < fr->min_interval || interval > fr->max_interval)
            return false;
        return fr->interval_step == 0 || (interval - fr->min_interval) % fr->interval_step == 0;
    }
    for (size_t i = 0; i < fr->interval_type; ++i)
    {
        if (openk4a_uvc_frame_interval_at(m, fr, i) == interval)
            return true;
    }
    return false;
}

const openk4a_uvc_alt_setting_t *openk4a_uvc_config_pick_alt_setting(const openk4a_uvc_config_t *m,
                                                                     uint8_t interface_number, uint32_t needed)
{
    if (m == NULL)
        return NULL;
    const openk4a_uvc_alt_setting_t *best = NULL;
    for (int i = 0; i < m->alt_count; ++i)
    {
        const openk4a_uvc_alt_setting_t *alt = &m->alts[i];
        if (alt->interface_number != interface_number || !alt->has_endpoint)
            continue;
        if (alt->bytes_per_interval < needed || alt->bytes_per_interval == 0)
            continue;
        if (best == NULL || alt->bytes_per_interval < best->bytes_per_interval)
            best = alt;
    }
    return best;
}
