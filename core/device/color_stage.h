/* BGRA32 colour for a device (internal): the stage between the colour
 * stream and the capture sync when color_format is BGRA32.
 *
 * Each MJPG (or NV12/YUY2) image pushed in goes to core/color's ordered
 * decode workers together with a BGRA32 image whose buffer comes from a
 * bounded pool; the workers decode consecutive frames at the same time,
 * straight into those buffers, and report them in the order they were
 * pushed. A decoded image carries the source's timestamps, exposure, white
 * balance and ISO speed and goes to the sink; a frame that cannot be decoded,
 * or finds no free decoder or buffer, is dropped and counted with a reason,
 * its half-written image never leaves. Pushing never waits, so the USB event
 * thread is never held up by decoding. */
#ifndef OPENK4A_CORE_DEVICE_COLOR_STAGE_H_
#define OPENK4A_CORE_DEVICE_COLOR_STAGE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4a.h>
#include <openk4a/color_status.h>

#include "core/device/frame_sink.h"
#include "openk4a/device.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct ok4a_color_stage ok4a_color_stage_t;

    typedef struct
    {
        int width; /* of every frame pushed, and of the BGRA32 images */
        int height;
        openk4a_color_mode_t mode;
        uint32_t worker_count;   /* decode threads; 0 = one per CPU, at most 8 */
        uint32_t queue_capacity; /* frames being decoded at once; 0 = 2 per worker, at least 4 */
        /* BGRA32 images beyond those being decoded: what the capture sync, the
         * capture queue and the consumer may hold at once. Bounds memory. */
        uint32_t spare_images;
        ok4a_frame_sink_fn *sink; /* decoded images, in push order, on a decode thread */
        void *sink_context;
    } ok4a_color_stage_config_t;

    typedef struct
    {
        uint64_t pushed;
        uint64_t delivered;
        uint64_t decode_nsec; /* of the delivered frames: their total time from push to decoded */
        /* Frames dropped here, by reason: DECODE_FAILED, SIZE_MISMATCH,
         * DECODER_BUSY, NO_BUFFER, IMAGE_FAILED. pushed = delivered + dropped +
         * frames still being decoded. */
        uint64_t dropped[OPENK4A_FRAME_DROP_REASON_COUNT];
        uint32_t workers;
        uint32_t queue_capacity;
        uint32_t max_in_flight; /* most frames decoded at once so far */
    } ok4a_color_stage_stats_t;

    /* Starts the decode threads. NULL with a message in why[] on failure. */
    ok4a_color_stage_t *ok4a_color_stage_create(const ok4a_color_stage_config_t *config, char *why, size_t why_size);

    /* Takes ownership of `image` (MJPG, NV12 or YUY2 of the configured size,
     * metadata set) and queues its decode, or drops it (counted). Never waits.
     * Same signature as ok4a_frame_sink_fn: the colour stream's sink. */
    void ok4a_color_stage_push(void *stage, openk4a_stream_t stream, k4a_image_t image, uint64_t device_timestamp_usec,
                               float temperature_c);

    /* Waits up to `timeout_ms` (-1: forever) until every frame pushed so far has
     * been handed to the sink or dropped, and its decode slot is free again: a
     * push that follows finds the queue as empty as before the frames came. True
     * when none is left. */
    bool ok4a_color_stage_flush(ok4a_color_stage_t *stage, int32_t timeout_ms);

    /* Counters at one instant (safe from any thread while running). */
    void ok4a_color_stage_get_stats(ok4a_color_stage_t *stage, ok4a_color_stage_stats_t *stats);

    /* Finishes every frame already pushed (each decoded and handed to the sink,
     * or dropped), stops the threads and frees the stage; BGRA32 images still
     * held elsewhere stay valid. The last counters go to *final_stats (may be
     * NULL). No push may run or follow. NULL is ignored. */
    void ok4a_color_stage_destroy(ok4a_color_stage_t *stage, ok4a_color_stage_stats_t *final_stats);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_COLOR_STAGE_H_ */
