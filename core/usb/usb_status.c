/* Status codes of the USB parsers.
 * generated from core/spec/usb_status.toml by tools/codegen/wire_gen.py; do not edit */
#include "openk4a/usb/usb_status.h"

const char *openk4a_usb_status_name(openk4a_usb_status_t status)
{
    switch (status)
    {
    case OPENK4A_USB_OK:
        return "OPENK4A_USB_OK";
    case OPENK4A_USB_ERR_INVALID_ARGUMENT:
        return "OPENK4A_USB_ERR_INVALID_ARGUMENT";
    case OPENK4A_USB_ERR_TRUNCATED:
        return "OPENK4A_USB_ERR_TRUNCATED";
    case OPENK4A_USB_ERR_TRAILING_BYTES:
        return "OPENK4A_USB_ERR_TRAILING_BYTES";
    case OPENK4A_USB_ERR_BAD_LENGTH:
        return "OPENK4A_USB_ERR_BAD_LENGTH";
    case OPENK4A_USB_ERR_LENGTH_PAST_END:
        return "OPENK4A_USB_ERR_LENGTH_PAST_END";
    case OPENK4A_USB_ERR_ZERO_LENGTH:
        return "OPENK4A_USB_ERR_ZERO_LENGTH";
    case OPENK4A_USB_ERR_BAD_TYPE:
        return "OPENK4A_USB_ERR_BAD_TYPE";
    case OPENK4A_USB_ERR_BAD_VALUE:
        return "OPENK4A_USB_ERR_BAD_VALUE";
    case OPENK4A_USB_ERR_COUNT_PAST_END:
        return "OPENK4A_USB_ERR_COUNT_PAST_END";
    case OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH:
        return "OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH";
    case OPENK4A_USB_ERR_BUFFER_TOO_SMALL:
        return "OPENK4A_USB_ERR_BUFFER_TOO_SMALL";
    case OPENK4A_USB_ERR_CAPACITY:
        return "OPENK4A_USB_ERR_CAPACITY";
    case OPENK4A_USB_ERR_INCONSISTENT:
        return "OPENK4A_USB_ERR_INCONSISTENT";
    case OPENK4A_USB_ERR_NOT_FOUND:
        return "OPENK4A_USB_ERR_NOT_FOUND";
    }
    return "(unknown status)";
}

const char *openk4a_usb_status_message(openk4a_usb_status_t status)
{
    switch (status)
    {
    case OPENK4A_USB_OK:
        return "success";
    case OPENK4A_USB_ERR_INVALID_ARGUMENT:
        return "invalid argument (NULL pointer or out-of-range parameter)";
    case OPENK4A_USB_ERR_TRUNCATED:
        return "input ends before the structure does";
    case OPENK4A_USB_ERR_TRAILING_BYTES:
        return "bytes left over after a structure that must fill the input exactly";
    case OPENK4A_USB_ERR_BAD_LENGTH:
        return "a length field is smaller than the fields it must hold";
    case OPENK4A_USB_ERR_LENGTH_PAST_END:
        return "a length field points past the end of the input";
    case OPENK4A_USB_ERR_ZERO_LENGTH:
        return "a descriptor with bLength 0 (would never advance)";
    case OPENK4A_USB_ERR_BAD_TYPE:
        return "unexpected descriptor type or subtype";
    case OPENK4A_USB_ERR_BAD_VALUE:
        return "a field holds a value the format does not allow";
    case OPENK4A_USB_ERR_COUNT_PAST_END:
        return "an element count describes more data than the input holds";
    case OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH:
        return "wTotalLength disagrees with the descriptors it should cover";
    case OPENK4A_USB_ERR_BUFFER_TOO_SMALL:
        return "the output buffer is too small for the encoded structure";
    case OPENK4A_USB_ERR_CAPACITY:
        return "more entries than the model has room for (see the OPENK4A_UVC_MAX_* limits)";
    case OPENK4A_USB_ERR_INCONSISTENT:
        return "descriptors contradict each other (e.g. a frame descriptor before any format)";
    case OPENK4A_USB_ERR_NOT_FOUND:
        return "no descriptor or entry matches the request";
    }
    return "unknown status code";
}
