/* Colour conversion to BGRA32: result codes and decode modes.
 *
 * Shared by the one-shot helpers, the ordered decode workers and their
 * statistics. This header has no k4a dependency. */
#ifndef OPENK4A_COLOR_STATUS_H_
#define OPENK4A_COLOR_STATUS_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Why a frame was (not) converted. Every value but OK means the destination
     * holds no valid image (it may be partly written) and the frame was dropped. */
    typedef enum
    {
        OPENK4A_COLOR_OK = 0,
        /* Caller error: NULL pointers, unsupported format pair, stride or buffer
         * size too small for the stated geometry. */
        OPENK4A_COLOR_INVALID_ARGUMENT,
        /* The bytes are not a JPEG stream (no SOI marker at the start). */
        OPENK4A_COLOR_NOT_JPEG,
        /* The stream ends too early: no EOI marker, a segment runs past the end,
         * or too few entropy-coded bytes for the declared image. */
        OPENK4A_COLOR_TRUNCATED,
        /* Broken structure or entropy data: restart markers missing or out of
         * sequence, bad segment lengths, or libjpeg-turbo warned about corrupt data. */
        OPENK4A_COLOR_CORRUPT,
        /* A valid JPEG this decoder does not take: progressive, arithmetic or
         * lossless coding, 12-bit samples, CMYK, sides above 16384. */
        OPENK4A_COLOR_UNSUPPORTED,
        /* The frame's width/height differ from the destination's. */
        OPENK4A_COLOR_SIZE_MISMATCH,
        /* libjpeg-turbo stopped with a fatal error. */
        OPENK4A_COLOR_DECODE_FAILED,
        /* Out of memory (decoder handle or destination image). */
        OPENK4A_COLOR_NO_MEMORY,
        /* Asynchronous decoder: the bounded queue stayed full until the timeout. */
        OPENK4A_COLOR_QUEUE_FULL,
        OPENK4A_COLOR_STATUS_COUNT
    } openk4a_color_status_t;

    /* A short constant English name for `status` (never NULL). */
    const char *openk4a_color_status_str(openk4a_color_status_t status);

    /* MJPG decode quality/speed trade-off (NV12/YUY2 conversion is exact either way). */
    typedef enum
    {
        /* Fast integer IDCT and fast (nearest) chroma upsampling, as the Azure
         * Kinect SDK decodes: about 8-10% less CPU on Azure Kinect 4:2:2 frames
         * (bench/color), slightly blockier chroma. */
        OPENK4A_COLOR_MODE_FAST = 0,
        /* Accurate integer IDCT and smooth ("fancy") chroma upsampling. */
        OPENK4A_COLOR_MODE_ACCURATE = 1,
    } openk4a_color_mode_t;

    /* Counters of an asynchronous decoder, taken at one instant. Every accepted
     * frame ends up in exactly one of `delivered` or `dropped`. */
    typedef struct
    {
        uint64_t submitted;                             /* frames accepted by submit */
        uint64_t delivered;                             /* completed with OPENK4A_COLOR_OK */
        uint64_t delivered_with_warning;                /* of those, decoded despite a tolerated libjpeg warning */
        uint64_t dropped;                               /* completed with another status */
        uint64_t rejected;                              /* refused by submit (queue full, bad argument): never queued */
        uint64_t by_status[OPENK4A_COLOR_STATUS_COUNT]; /* completions and refusals per status */
        uint64_t handle_recreations;                    /* TurboJPEG handles replaced after an error */
        uint32_t worker_count;
        uint32_t queue_capacity;
        uint32_t in_flight;     /* submitted, not yet delivered */
        uint32_t max_in_flight; /* high-water mark of in_flight */
    } openk4a_color_decoder_stats_t;

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_COLOR_STATUS_H_ */
