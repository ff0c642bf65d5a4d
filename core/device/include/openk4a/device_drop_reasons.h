/* Reasons (openk4a_frame_drop_reason_t, openk4a_capture_drop_reason_t) from the [[reasons]] tables.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef OPENK4A_DEVICE_DROP_REASONS_H_
#define OPENK4A_DEVICE_DROP_REASONS_H_

#include <k4a/k4a_export.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /** Why a frame from the device did not become an image (openk4a_device_get_stats()). */
    typedef enum
    {
        /** A payload carried the UVC ERR bit. */
        OPENK4A_FRAME_DROP_DEVICE_ERROR = 0,
        /** Larger than the negotiated frame size. */
        OPENK4A_FRAME_DROP_TOO_LARGE = 1,
        /** Uncompressed frame of the wrong size (truncated, oversized). */
        OPENK4A_FRAME_DROP_SIZE_MISMATCH = 2,
        /** A payload header was malformed. */
        OPENK4A_FRAME_DROP_BAD_HEADER = 3,
        /** A transfer or packet of the frame was lost. */
        OPENK4A_FRAME_DROP_LOST_PAYLOAD = 4,
        /** MJPG frame failed the structural check. */
        OPENK4A_FRAME_DROP_CORRUPT = 5,
        /** The frame ended without data. */
        OPENK4A_FRAME_DROP_EMPTY = 6,
        /** First frame after (re)joining the stream mid-frame. */
        OPENK4A_FRAME_DROP_PARTIAL_START = 7,
        /** All frame buffers were in use (the consumer holds too many images). */
        OPENK4A_FRAME_DROP_NO_BUFFER = 8,
        /** The stream stopped (or stalled) mid-frame. */
        OPENK4A_FRAME_DROP_STOPPED = 9,
        /** The image could not be created (out of memory). */
        OPENK4A_FRAME_DROP_IMAGE_FAILED = 10,
        /**
         * BGRA32: the frame did not decode (damage the structural check cannot see, an unsupported
         * JPEG).
         */
        OPENK4A_FRAME_DROP_DECODE_FAILED = 11,
        /** BGRA32: every colour decoder was busy (decoding is slower than the camera). */
        OPENK4A_FRAME_DROP_DECODER_BUSY = 12,
        /** Its capture was dropped from the full capture queue (the consumer was slow). */
        OPENK4A_FRAME_DROP_QUEUE_FULL = 13,
        /** synchronized_images_only: its partner never came. */
        OPENK4A_FRAME_DROP_UNMATCHED = 14,
        /** Azure Kinect depth: the depth engine refused the raw frame (its result code is logged). */
        OPENK4A_FRAME_DROP_ENGINE_FAILED = 15,
        /**
         * Azure Kinect depth: the depth engine gave the frame no exposure time after the first good one
         * (the SDK drops these too).
         */
        OPENK4A_FRAME_DROP_NO_TIMESTAMP = 16,
        OPENK4A_FRAME_DROP_REASON_COUNT
    } openk4a_frame_drop_reason_t;

    /**
     * The reason's name without OPENK4A_FRAME_DROP_ ("DEVICE_ERROR", "NO_TIMESTAMP", ...); "UNKNOWN"
     * for any other value. Static storage, never NULL.
     */
    K4A_EXPORT const char *openk4a_frame_drop_reason_name(openk4a_frame_drop_reason_t reason);

    /** Why a capture was not returned by k4a_device_get_capture(). */
    typedef enum
    {
        /** The consumer was slow: the oldest queued capture went. */
        OPENK4A_CAPTURE_DROP_QUEUE_FULL = 0,
        /** synchronized_images_only and its partner never came. */
        OPENK4A_CAPTURE_DROP_UNMATCHED = 1,
        /** Still queued when the cameras stopped. */
        OPENK4A_CAPTURE_DROP_STOPPED = 2,
        OPENK4A_CAPTURE_DROP_REASON_COUNT
    } openk4a_capture_drop_reason_t;

    /**
     * The reason's name without OPENK4A_CAPTURE_DROP_ ("QUEUE_FULL", "STOPPED", ...); "UNKNOWN" for any
     * other value. Static storage, never NULL.
     */
    K4A_EXPORT const char *openk4a_capture_drop_reason_name(openk4a_capture_drop_reason_t reason);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_DEVICE_DROP_REASONS_H_ */
