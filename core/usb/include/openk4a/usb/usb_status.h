/* Status codes of the USB parsers.
 * generated from core/spec/usb_status.toml by tools/codegen/wire_gen.py; do not edit */
#ifndef OPENK4A_USB_USB_STATUS_H_
#define OPENK4A_USB_USB_STATUS_H_

#ifdef __cplusplus
extern "C"
{
#endif

    /**
     * Result of a USB payload parser, encoder or state machine. OPENK4A_USB_OK (0) means success; every
     * error is negative and has a name and a one-line message.
     */
    typedef enum openk4a_usb_status
    {
        OPENK4A_USB_OK = 0,                    /**< success */
        OPENK4A_USB_ERR_INVALID_ARGUMENT = -1, /**< invalid argument (NULL pointer or out-of-range parameter) */
        OPENK4A_USB_ERR_TRUNCATED = -2,        /**< input ends before the structure does */
        OPENK4A_USB_ERR_TRAILING_BYTES = -3,  /**< bytes left over after a structure that must fill the input exactly */
        OPENK4A_USB_ERR_BAD_LENGTH = -4,      /**< a length field is smaller than the fields it must hold */
        OPENK4A_USB_ERR_LENGTH_PAST_END = -5, /**< a length field points past the end of the input */
        OPENK4A_USB_ERR_ZERO_LENGTH = -6,     /**< a descriptor with bLength 0 (would never advance) */
        OPENK4A_USB_ERR_BAD_TYPE = -7,        /**< unexpected descriptor type or subtype */
        OPENK4A_USB_ERR_BAD_VALUE = -8,       /**< a field holds a value the format does not allow */
        OPENK4A_USB_ERR_COUNT_PAST_END = -9,  /**< an element count describes more data than the input holds */
        OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH = -10, /**< wTotalLength disagrees with the descriptors it should cover */
        OPENK4A_USB_ERR_BUFFER_TOO_SMALL = -11,      /**< the output buffer is too small for the encoded structure */
        OPENK4A_USB_ERR_CAPACITY =
            -12, /**< more entries than the model has room for (see the OPENK4A_UVC_MAX_* limits) */
        OPENK4A_USB_ERR_INCONSISTENT =
            -13, /**< descriptors contradict each other (e.g. a frame descriptor before any format) */
        OPENK4A_USB_ERR_NOT_FOUND = -14, /**< no descriptor or entry matches the request */
    } openk4a_usb_status_t;

    /**
     * The enumerator's name, e.g. "OPENK4A_USB_ERR_NOT_FOUND"; "(unknown status)" for any other value.
     */
    const char *openk4a_usb_status_name(openk4a_usb_status_t status);

    /** A one-line English message for the status; never NULL. */
    const char *openk4a_usb_status_message(openk4a_usb_status_t status);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_USB_STATUS_H_ */
