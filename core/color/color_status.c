#include "openk4a/color_status.h"

const char *openk4a_color_status_str(openk4a_color_status_t status)
{
    switch (status)
    {
    case OPENK4A_COLOR_OK:
        return "ok";
    case OPENK4A_COLOR_INVALID_ARGUMENT:
        return "invalid argument";
    case OPENK4A_COLOR_NOT_JPEG:
        return "not a JPEG stream";
    case OPENK4A_COLOR_TRUNCATED:
        return "truncated frame";
    case OPENK4A_COLOR_CORRUPT:
        return "corrupt frame data";
    case OPENK4A_COLOR_UNSUPPORTED:
        return "unsupported JPEG variant";
    case OPENK4A_COLOR_SIZE_MISMATCH:
        return "frame size differs from destination";
    case OPENK4A_COLOR_DECODE_FAILED:
        return "libjpeg-turbo decode error";
    case OPENK4A_COLOR_NO_MEMORY:
        return "out of memory";
    case OPENK4A_COLOR_QUEUE_FULL:
        return "decode queue full";
    case OPENK4A_COLOR_STATUS_COUNT:
        break;
    }
    return "unknown status";
}
