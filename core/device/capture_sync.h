/* Capture synchronisation (internal): depth, IR and colour images -> captures.
 *
 * Depth and IR of one exposure carry the same device timestamp and become
 * one capture; colour joins the depth capture whose timestamp is
 * colour + depth_delay_off_color_usec within half a frame period. An image
 * whose partner cannot come any more (the other stream moved past it, or its
 * slot is needed) goes out alone, or is dropped (counted UNMATCHED) under
 * synchronized_images_only. Captures leave in timestamp order, but for one
 * case without synchronized_images_only: an image whose partner already left
 * alone still goes out, alone, after newer captures. Finished captures wait
 * in a bounded queue; when it is full the OLDEST capture is dropped (counted
 * QUEUE_FULL), so memory stays bounded whatever the consumer does. Every
 * image that does not reach the consumer is also counted per stream as a
 * dropped frame (UNMATCHED, QUEUE_FULL, STOPPED, IMAGE_FAILED).
 *
 * Thread-safe: producers push from the USB thread, consumers pop from any. */
#ifndef OPENK4A_CORE_DEVICE_CAPTURE_SYNC_H_
#define OPENK4A_CORE_DEVICE_CAPTURE_SYNC_H_

#include <stdbool.h>
#include <stdint.h>

#include <k4a/k4a.h>

#include "openk4a/device.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct ok4a_capture_sync ok4a_capture_sync_t;

#define OK4A_SYNC_MAX_PENDING 16

    typedef struct
    {
        bool enabled[OPENK4A_STREAM_COUNT];
        bool synchronized_images_only;
        int32_t depth_delay_off_color_usec;
        uint32_t frame_period_usec;
        uint32_t queue_capacity; /* finished captures kept for the consumer (>= 1) */
        /* Images per side (depth+IR, colour) waiting for their partner; 0 = 4,
         * at most OK4A_SYNC_MAX_PENDING. When full, the oldest goes on alone
         * (or is dropped UNMATCHED). More when one stream lags (colour decode). */
        uint32_t pending_slots;
    } ok4a_capture_sync_config_t;

    typedef struct
    {
        uint64_t delivered;
        uint64_t partial;
        uint64_t dropped[OPENK4A_CAPTURE_DROP_REASON_COUNT];
        uint64_t frames_in[OPENK4A_STREAM_COUNT]; /* images pushed */
        /* Of those, images that will not reach the consumer, by stream and reason. */
        uint64_t frames_dropped[OPENK4A_STREAM_COUNT][OPENK4A_FRAME_DROP_REASON_COUNT];
    } ok4a_capture_sync_stats_t;

    /* NULL when out of memory. */
    ok4a_capture_sync_t *ok4a_capture_sync_create(const ok4a_capture_sync_config_t *config);
    /* Releases everything still held (counted STOPPED); the last counters go to
     * *final_stats (may be NULL). NULL is ignored. */
    void ok4a_capture_sync_destroy(ok4a_capture_sync_t *sync, ok4a_capture_sync_stats_t *final_stats);

    /* Takes ownership of `image` (device timestamp already set). A depth or IR
     * image's `temperature_c` (not NAN) becomes its capture's temperature, as
     * the SDK gives a capture the depth sensor's; colour passes NAN. */
    void ok4a_capture_sync_push(ok4a_capture_sync_t *sync, openk4a_stream_t stream, k4a_image_t image,
                                uint64_t device_timestamp_usec, float temperature_c);

    /* Waits up to timeout_ms (0: no wait, K4A_WAIT_INFINITE: forever) for a
     * capture. FAILED once the sync is closed (stopped or device lost) and its
     * queue is empty. */
    k4a_wait_result_t ok4a_capture_sync_pop(ok4a_capture_sync_t *sync, k4a_capture_t *capture, int32_t timeout_ms);

    /* No more input: pending partial captures are flushed (as the rules say),
     * waiting consumers wake up and get what is queued, then FAILED. */
    void ok4a_capture_sync_close(ok4a_capture_sync_t *sync);

    void ok4a_capture_sync_get_stats(ok4a_capture_sync_t *sync, ok4a_capture_sync_stats_t *stats);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_CAPTURE_SYNC_H_ */
