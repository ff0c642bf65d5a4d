/* Reasons (openk4a_uvc_drop_reason_t) from the [[reasons]] tables.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef OPENK4A_USB_UVC_DROP_REASONS_H_
#define OPENK4A_USB_UVC_DROP_REASONS_H_

#ifdef __cplusplus
extern "C"
{
#endif

    /** Why the UVC frame assembler dropped a frame. The first reason that applied is kept. */
    typedef enum openk4a_uvc_drop_reason
    {
        /** Not dropped. */
        OPENK4A_UVC_DROP_NONE = 0,
        /** A payload of the frame had the ERR bit. */
        OPENK4A_UVC_DROP_DEVICE_ERROR = 1,
        /** More bytes than max_frame_size or the buffer: cut. */
        OPENK4A_UVC_DROP_TOO_LARGE = 2,
        /** acquire() had no buffer for it. */
        OPENK4A_UVC_DROP_NO_BUFFER = 3,
        /** A payload inside the frame had a malformed header. */
        OPENK4A_UVC_DROP_BAD_HEADER = 4,
        /** The transport reported a lost payload (packet error). */
        OPENK4A_UVC_DROP_LOST_PAYLOAD = 5,
        /** exact_frame_size is set and the frame differs. */
        OPENK4A_UVC_DROP_SIZE_MISMATCH = 6,
        /** The frame ended without any data. */
        OPENK4A_UVC_DROP_EMPTY = 7,
        /** First frame after joining a stream (sync_to_frame_start). */
        OPENK4A_UVC_DROP_PARTIAL_START = 8,
        /** The stream stopped mid-frame (flush()). */
        OPENK4A_UVC_DROP_FLUSHED = 9,
        OPENK4A_UVC_DROP_REASON_COUNT
    } openk4a_uvc_drop_reason_t;

    /**
     * The reason's name without OPENK4A_UVC_DROP_ ("NONE", "FLUSHED", ...); "UNKNOWN" for any other
     * value. Static storage, never NULL.
     */
    const char *openk4a_uvc_drop_reason_name(openk4a_uvc_drop_reason_t reason);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_USB_UVC_DROP_REASONS_H_ */
