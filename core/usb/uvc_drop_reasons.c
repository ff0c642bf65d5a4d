/* Reason names (openk4a_uvc_drop_reason_name) from the [[reasons]] tables.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#include <openk4a/usb/uvc_drop_reasons.h>

const char *openk4a_uvc_drop_reason_name(openk4a_uvc_drop_reason_t reason)
{
    switch (reason)
    {
    case OPENK4A_UVC_DROP_NONE:
        return "NONE";
    case OPENK4A_UVC_DROP_DEVICE_ERROR:
        return "DEVICE_ERROR";
    case OPENK4A_UVC_DROP_TOO_LARGE:
        return "TOO_LARGE";
    case OPENK4A_UVC_DROP_NO_BUFFER:
        return "NO_BUFFER";
    case OPENK4A_UVC_DROP_BAD_HEADER:
        return "BAD_HEADER";
    case OPENK4A_UVC_DROP_LOST_PAYLOAD:
        return "LOST_PAYLOAD";
    case OPENK4A_UVC_DROP_SIZE_MISMATCH:
        return "SIZE_MISMATCH";
    case OPENK4A_UVC_DROP_EMPTY:
        return "EMPTY";
    case OPENK4A_UVC_DROP_PARTIAL_START:
        return "PARTIAL_START";
    case OPENK4A_UVC_DROP_FLUSHED:
        return "FLUSHED";
    case OPENK4A_UVC_DROP_REASON_COUNT:
        break;
    }
    return "UNKNOWN";
}
