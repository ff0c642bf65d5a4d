/* Colour conversion of k4a images to BGRA32: MJPG (libjpeg-turbo), NV12 and
 * YUY2 (BT.601 limited range).
 *
 * Two ways in:
 * - openk4a_image_decode_to_bgra32(): one image, now, on the calling thread.
 * - openk4a_color_decoder_t: a stream. Frames are submitted in order with a
 *   destination image (typically from a buffer pool); worker threads decode
 *   them concurrently straight into the destination buffers; a callback
 *   reports each frame in submission order with its status. The queue is
 *   bounded, every frame that fails is reported and counted with its reason,
 *   and a failed frame is never reported as good.
 *
 * Real camera output is handled: Azure Kinect frames (4:2:2, no JFIF header,
 * restart markers), webcam frames without Huffman tables, stray bytes before a
 * marker (decoded; counted as a warning). Truncated frames, lost restart
 * intervals and corrupt entropy data are dropped: libjpeg-turbo alone would
 * return them half grey with only a warning. */
#ifndef OPENK4A_COLOR_H_
#define OPENK4A_COLOR_H_

#include <stdint.h>

#include <k4a/k4a.h>
#include <openk4a/color_status.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---- One image ---- */

    /**
     * Converts an MJPG, NV12 or YUY2 image to a new BGRA32 image.
     *
     * \param source MJPG (its size comes from the JPEG header; the image's own
     * width/height are not used), NV12 or YUY2 (their width/height/stride).
     * \param mode OPENK4A_COLOR_MODE_FAST or OPENK4A_COLOR_MODE_ACCURATE (MJPG only).
     * \param[out] bgra_image Receives the new image (reference count 1, minimum
     * stride, the source's timestamps, exposure, white balance and ISO speed);
     * NULL on failure.
     * \param[out] status Optional (may be NULL): why it failed, OPENK4A_COLOR_OK on success.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED for a bad handle or an
     * unsupported source format (logged as errors) or a frame that cannot be
     * decoded (logged as a warning, with the reason).
     */
    K4A_EXPORT k4a_result_t openk4a_image_decode_to_bgra32(k4a_image_t source, openk4a_color_mode_t mode,
                                                           k4a_image_t *bgra_image, openk4a_color_status_t *status);

    /**
     * As openk4a_image_decode_to_bgra32(), into an existing BGRA32 image of the
     * frame's exact width and height (any stride). On failure the destination's
     * pixels are unspecified (it may be partly written) and its metadata unchanged.
     */
    K4A_EXPORT k4a_result_t openk4a_image_decode_into_bgra32(k4a_image_t source, k4a_image_t destination,
                                                             openk4a_color_mode_t mode, openk4a_color_status_t *status);

    /* ---- A stream of images ---- */

    typedef struct _openk4a_color_decoder_t *openk4a_color_decoder_t;

    /**
     * Reports one submitted frame. Called once per accepted frame, in submission
     * order, never concurrently with itself, on one of the decoder's threads.
     *
     * \param callback_context The decoder's config.callback_context.
     * \param frame_context What was given to openk4a_color_decoder_submit().
     * \param source, destination The submitted images, borrowed: the decoder
     * releases its references after the callback returns (call
     * k4a_image_reference() to keep one). The destination carries the source's
     * timestamps, exposure, white balance and ISO speed.
     * \param status OPENK4A_COLOR_OK: the destination holds the decoded frame.
     * Anything else: the frame was dropped; the destination's pixels are
     * unspecified and must not be shown.
     *
     * The callback may call openk4a_color_decoder_submit() (it never waits there:
     * a full queue returns K4A_WAIT_RESULT_TIMEOUT at once) but must not flush or
     * destroy the decoder.
     */
    typedef void(openk4a_color_decoder_cb_t)(void *callback_context, void *frame_context, k4a_image_t source,
                                             k4a_image_t destination, openk4a_color_status_t status);

    typedef struct
    {
        /* Decode threads; 0 = one per CPU this process may run on (at most 8). */
        uint32_t worker_count;
        /* Frames in flight (submitted, callback not yet returned), at most;
         * 0 = twice the worker count. Each holds its destination image, so this
         * also bounds the memory the decoder keeps busy. */
        uint32_t queue_capacity;
        openk4a_color_mode_t mode;
        openk4a_color_decoder_cb_t *callback; /* required */
        void *callback_context;
    } openk4a_color_decoder_config_t;

#define OPENK4A_COLOR_DECODER_CONFIG_INIT                                                                              \
    {                                                                                                                  \
        0, 0, OPENK4A_COLOR_MODE_FAST, NULL, NULL                                                                      \
    }

    /**
     * Starts the decode threads.
     *
     * \returns K4A_RESULT_SUCCEEDED with *decoder set, or K4A_RESULT_FAILED
     * (logged; *decoder = NULL) for a bad config (no callback, more than 64
     * workers or 1024 slots) or when threads or memory cannot be had.
     */
    K4A_EXPORT k4a_result_t openk4a_color_decoder_create(const openk4a_color_decoder_config_t *config,
                                                         openk4a_color_decoder_t *decoder);

    /**
     * Queues one frame: `source` (MJPG, NV12 or YUY2) is decoded into
     * `destination` (BGRA32 of the frame's width and height; for NV12/YUY2 the
     * same width and height as the source). Both get a reference until the
     * frame's callback has returned.
     *
     * \param timeout_in_ms How long to wait for room in the queue: 0 = not at
     * all, K4A_WAIT_INFINITE = as long as it takes.
     *
     * \returns K4A_WAIT_RESULT_SUCCEEDED: the callback will run exactly once for
     * this frame. K4A_WAIT_RESULT_TIMEOUT: the queue stayed full; the frame was
     * not taken (counted as OPENK4A_COLOR_QUEUE_FULL). K4A_WAIT_RESULT_FAILED:
     * bad handles, formats or sizes (logged; counted as INVALID_ARGUMENT). The
     * callback never runs for a frame that was not taken.
     */
    K4A_EXPORT k4a_wait_result_t openk4a_color_decoder_submit(openk4a_color_decoder_t decoder, k4a_image_t source,
                                                              k4a_image_t destination, void *frame_context,
                                                              int32_t timeout_in_ms);

    /**
     * Waits until every accepted frame has been reported.
     *
     * \returns K4A_WAIT_RESULT_SUCCEEDED when none is left, K4A_WAIT_RESULT_TIMEOUT
     * otherwise, K4A_WAIT_RESULT_FAILED for a NULL decoder.
     */
    K4A_EXPORT k4a_wait_result_t openk4a_color_decoder_flush(openk4a_color_decoder_t decoder, int32_t timeout_in_ms);

    /* The decoder's counters (zeroed for a NULL decoder). */
    K4A_EXPORT void openk4a_color_decoder_get_stats(openk4a_color_decoder_t decoder,
                                                    openk4a_color_decoder_stats_t *stats);

    /**
     * Decodes and reports every accepted frame, then stops the threads and frees
     * the decoder. NULL is ignored. Must not be called from the callback.
     */
    K4A_EXPORT void openk4a_color_decoder_destroy(openk4a_color_decoder_t decoder);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_COLOR_H_ */
