/* Reason names (openk4a_frame_drop_reason_name, openk4a_capture_drop_reason_name) from the [[reasons]] tables.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#include <openk4a/device_drop_reasons.h>

const char *openk4a_frame_drop_reason_name(openk4a_frame_drop_reason_t reason)
{
    switch (reason)
    {
    case OPENK4A_FRAME_DROP_DEVICE_ERROR:
        return "DEVICE_ERROR";
    case OPENK4A_FRAME_DROP_TOO_LARGE:
        return "TOO_LARGE";
    case OPENK4A_FRAME_DROP_SIZE_MISMATCH:
        return "SIZE_MISMATCH";
    case OPENK4A_FRAME_DROP_BAD_HEADER:
        return "BAD_HEADER";
    case OPENK4A_FRAME_DROP_LOST_PAYLOAD:
        return "LOST_PAYLOAD";
    case OPENK4A_FRAME_DROP_CORRUPT:
        return "CORRUPT";
    case OPENK4A_FRAME_DROP_EMPTY:
        return "EMPTY";
    case OPENK4A_FRAME_DROP_PARTIAL_START:
        return "PARTIAL_START";
    case OPENK4A_FRAME_DROP_NO_BUFFER:
        return "NO_BUFFER";
    case OPENK4A_FRAME_DROP_STOPPED:
        return "STOPPED";
    case OPENK4A_FRAME_DROP_IMAGE_FAILED:
        return "IMAGE_FAILED";
    case OPENK4A_FRAME_DROP_DECODE_FAILED:
        return "DECODE_FAILED";
    case OPENK4A_FRAME_DROP_DECODER_BUSY:
        return "DECODER_BUSY";
    case OPENK4A_FRAME_DROP_QUEUE_FULL:
        return "QUEUE_FULL";
    case OPENK4A_FRAME_DROP_UNMATCHED:
        return "UNMATCHED";
    case OPENK4A_FRAME_DROP_ENGINE_FAILED:
        return "ENGINE_FAILED";
    case OPENK4A_FRAME_DROP_NO_TIMESTAMP:
        return "NO_TIMESTAMP";
    case OPENK4A_FRAME_DROP_REASON_COUNT:
        break;
    }
    return "UNKNOWN";
}

const char *openk4a_capture_drop_reason_name(openk4a_capture_drop_reason_t reason)
{
    switch (reason)
    {
    case OPENK4A_CAPTURE_DROP_QUEUE_FULL:
        return "QUEUE_FULL";
    case OPENK4A_CAPTURE_DROP_UNMATCHED:
        return "UNMATCHED";
    case OPENK4A_CAPTURE_DROP_STOPPED:
        return "STOPPED";
    case OPENK4A_CAPTURE_DROP_REASON_COUNT:
        break;
    }
    return "UNKNOWN";
}
