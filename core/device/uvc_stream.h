/* One UVC video stream over libusb (internal).
 *
 * Start: claim the streaming interface (detaching a kernel driver), probe and
 * commit the format, frame size and interval, pick the isochronous alternate
 * setting that carries the committed payload size (bulk devices stay on alt
 * 0), then keep a ring of asynchronous transfers in flight.
 *
 * Buffers come from a pool sized for the stream. A transfer that carries a
 * whole frame becomes the image itself: the transfer gets a fresh pool buffer
 * and the image's release callback gives the old one back (zero copy).
 * Otherwise payloads are assembled into a pool buffer (one copy). Frames go
 * through the core/usb frame assembler; MJPG frames must also pass the
 * structural scan. Every frame is delivered to the sink or dropped and
 * counted with a reason.
 *
 * Faults: a stalled endpoint is cleared from the device's service thread
 * (ok4a_uvc_stream_service) and the ring resubmitted, with bounded retries
 * after which the stream fails visibly; a transfer error loses the frame in
 * progress, or on a bulk stream with a transfer per frame that transfer's own
 * frame, counted as dropped (LOST_PAYLOAD) either way; NO_DEVICE marks the
 * stream lost and calls on_disconnect. Transfer callbacks run on the device's
 * libusb event thread. */
#ifndef OPENK4A_CORE_DEVICE_UVC_STREAM_H_
#define OPENK4A_CORE_DEVICE_UVC_STREAM_H_

#include <libusb.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4a.h>

#include "core/device/frame_sink.h"
#include "openk4a/device.h"
#include "openk4a/usb/uvc_descriptors.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct ok4a_uvc_stream ok4a_uvc_stream_t;

    /* Something needs the service thread (a stall to clear). */
    typedef void(ok4a_stream_event_fn)(void *context);

    typedef struct
    {
        openk4a_stream_t id;
        libusb_device_handle *handle;
        const openk4a_uvc_config_t *model;
        const openk4a_uvc_format_t *format;
        const openk4a_uvc_frame_desc_t *frame;
        uint32_t interval; /* 100 ns */
        k4a_image_format_t image_format;
        /* Extra pool buffers beyond the transfer ring: images the consumer and
         * the capture queue may hold at once. Bounds the stream's memory. */
        uint32_t spare_buffers;
        ok4a_frame_sink_fn *sink; /* called on the libusb event thread */
        void *sink_context;
        ok4a_stream_event_fn *on_service_needed; /* stall: call ok4a_uvc_stream_service() */
        ok4a_stream_event_fn *on_disconnect;
        void *event_context;
        /* Set when the handle must not be closed (ok4a_usb_set_alt_setting). */
        atomic_bool *handle_unclosable;
    } ok4a_uvc_stream_config_t;

    /* Negotiates and starts streaming. NULL with a message in why[] on failure;
     * then nothing is left claimed, allocated or in flight. */
    ok4a_uvc_stream_t *ok4a_uvc_stream_start(const ok4a_uvc_stream_config_t *config, char *why, size_t why_size);

    /* Stops: cancels the ring, waits for it (bounded), returns the interface to
     * alt 0 and releases it, frees everything (a stream whose transfers did not
     * come back in time is leaked instead, for their late callbacks). Safe after
     * and during a disconnect. NULL is ignored. Must not be called on the event
     * thread. The stream's last counters (a frame cut short by the stop
     * included) go to *final_stats (may be NULL). */
    void ok4a_uvc_stream_stop(ok4a_uvc_stream_t *stream, openk4a_stream_stats_t *final_stats);

    /* From the service thread: clears a halted endpoint and resubmits, each
     * retried a few times with a growing pause. False when the stream cannot
     * recover (logged, counted in its stats as failed): nothing streams any more
     * and the caller should fail its consumers. NULL is ignored (true). */
    bool ok4a_uvc_stream_service(ok4a_uvc_stream_t *stream);

    void ok4a_uvc_stream_get_stats(ok4a_uvc_stream_t *stream, openk4a_stream_stats_t *stats);

    /* What was negotiated (for tests and logs). */
    uint32_t ok4a_uvc_stream_max_payload(const ok4a_uvc_stream_t *stream);
    uint32_t ok4a_uvc_stream_clock_hz(const ok4a_uvc_stream_t *stream);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_UVC_STREAM_H_ */
