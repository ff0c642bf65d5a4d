/* UVC frame assembler: turns a stream of payloads (bulk payload transfers or
 * isochronous packets, each starting with a payload header) into frames.
 *
 * Rules (UVC 1.5, 2.4.3.3, plus what real cameras do):
 *  - a frame ends at a payload with EOF, or when FID toggles without EOF (the
 *    previous frame is then closed first, end = FID_TOGGLE);
 *  - after an EOF, payloads that still carry the old FID are stray (counted and
 *    discarded) until FID toggles;
 *  - a payload with ERR marks its frame bad (dropped, DEVICE_ERROR);
 *  - a frame larger than max_frame_size (or the buffer it was given) is cut:
 *    nothing is written past the buffer, the frame is dropped (TOO_LARGE);
 *  - empty payloads (common in isochronous streams) are counted and ignored;
 *    header-only payloads still carry FID/EOF/PTS/SCR and are honoured;
 *  - per frame: the first PTS seen and the last SCR seen.
 *
 * Buffers: the assembler never allocates. When a frame's first data byte
 * arrives it asks callbacks.acquire() for a buffer (e.g. from a pool) and
 * writes into it. Every frame, good or dropped, is reported exactly once
 * through callbacks.frame(), which also hands the buffer back to the caller.
 * Zero copy: when a single payload carries a whole frame (it starts the frame
 * and has EOF), the frame is reported with data pointing into that payload and
 * no buffer is acquired; such data is valid only until push() returns.
 *
 * Threading: one assembler per stream, used by one thread at a time. */
#ifndef OPENK4A_USB_UVC_ASSEMBLER_H_
#define OPENK4A_USB_UVC_ASSEMBLER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "openk4a/usb/usb_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /** How a reported frame turned out. */
    typedef enum openk4a_uvc_frame_status
    {
        OPENK4A_UVC_FRAME_COMPLETE = 0, /**< data/size hold a whole frame */
        OPENK4A_UVC_FRAME_DROPPED = 1,  /**< see drop_reason; data/size hold what was written */
    } openk4a_uvc_frame_status_t;

/* openk4a_uvc_drop_reason_t and openk4a_uvc_drop_reason_name() come from
 * core/spec/api.toml. */
#include <openk4a/usb/uvc_drop_reasons.h>

    /** What ended a frame. */
    typedef enum openk4a_uvc_frame_end
    {
        OPENK4A_UVC_END_EOF = 0,    /**< a payload with EOF */
        OPENK4A_UVC_END_FID_TOGGLE, /**< the next frame started (EOF missing or unused) */
        OPENK4A_UVC_END_FLUSH,      /**< openk4a_uvc_assembler_flush() */
        OPENK4A_UVC_END_LOST,       /**< openk4a_uvc_assembler_report_lost_frame() */
    } openk4a_uvc_frame_end_t;

    /** A frame handed to callbacks.frame(). */
    typedef struct openk4a_uvc_frame
    {
        uint64_t sequence; /**< 0, 1, 2... over every reported frame */
        openk4a_uvc_frame_status_t status;
        openk4a_uvc_drop_reason_t drop_reason; /**< NONE when status is COMPLETE */
        openk4a_uvc_frame_end_t end;
        const uint8_t *data; /**< the frame bytes (in buffer, or in the payload when zero_copy) */
        size_t size;         /**< bytes at data */
        uint8_t *buffer;     /**< the acquired buffer, now the callee's again; NULL when none */
        size_t buffer_capacity;
        void *buffer_context; /**< what acquire() returned with the buffer */
        bool zero_copy;       /**< data points into the payload passed to push() */
        uint8_t fid;          /**< the frame's FID bit (0 or 1) */
        bool still;           /**< a payload had STI (still image) */
        bool has_pts;
        uint32_t pts; /**< first dwPresentationTime of the frame */
        bool has_scr;
        uint32_t scr_stc;        /**< last SCR source time clock of the frame */
        uint16_t scr_sof;        /**< last SCR SOF counter of the frame */
        uint32_t payloads;       /**< payloads that belonged to the frame, header-only ones included */
        uint64_t bytes_received; /**< payload data bytes of the frame, written or not */
    } openk4a_uvc_frame_t;

    typedef struct openk4a_uvc_assembler_callbacks
    {
        /** Returns a writable buffer for a new frame, or false when none is free (the
         * frame is then dropped with NO_BUFFER). max_frame_size is a hint; a smaller
         * buffer only limits the frames that fit. May be NULL: then only zero-copy
         * frames can complete. */
        bool (*acquire)(void *context, size_t max_frame_size, uint8_t **buffer, size_t *capacity,
                        void **buffer_context);
        /** Receives every frame exactly once, with ownership of frame->buffer. The
         * frame struct itself is valid only during the call. Must not call back into
         * the same assembler. Required. */
        void (*frame)(void *context, const openk4a_uvc_frame_t *frame);
        void *context;
    } openk4a_uvc_assembler_callbacks_t;

    typedef struct openk4a_uvc_assembler_config
    {
        size_t max_frame_size;    /**< dwMaxVideoFrameSize from the commit; larger frames are dropped */
        size_t exact_frame_size;  /**< 0, or the size every frame must have (uncompressed formats) */
        bool allow_zero_copy;     /**< report single-payload frames without copying */
        bool sync_to_frame_start; /**< drop the first frame (joined a running stream mid-frame) */
    } openk4a_uvc_assembler_config_t;

    /** Counters. Every payload byte ends in exactly one of header_bytes, bytes_delivered,
     * bytes_discarded, or the frame in progress (openk4a_uvc_assembler_pending_bytes()). */
    typedef struct openk4a_uvc_assembler_stats
    {
        uint64_t payloads;                /**< push() calls */
        uint64_t empty_payloads;          /**< zero-length payloads */
        uint64_t header_only_payloads;    /**< a valid header and no data */
        uint64_t bad_header_payloads;     /**< header malformed: the whole payload is discarded */
        uint64_t error_payloads;          /**< ERR bit set */
        uint64_t stray_payloads;          /**< old FID after EOF: discarded */
        uint64_t lost_payloads;           /**< openk4a_uvc_assembler_report_lost() calls */
        uint64_t fid_toggles_without_eof; /**< frames ended by FID toggle */
        uint64_t bytes_in;                /**< all payload bytes, headers included */
        uint64_t header_bytes;            /**< bytes of valid headers */
        uint64_t bytes_delivered;         /**< bytes of completed frames */
        uint64_t bytes_discarded;         /**< data of dropped frames, stray payloads, bad headers */
        uint64_t frames_completed;
        uint64_t frames_zero_copy;                     /**< completed frames reported without a copy */
        uint64_t frames_dropped;                       /**< sum of drops[] */
        uint64_t drops[OPENK4A_UVC_DROP_REASON_COUNT]; /**< dropped frames by reason */
    } openk4a_uvc_assembler_stats_t;

    /** Caller-owned state; treat the members as private. */
    typedef struct openk4a_uvc_assembler
    {
        openk4a_uvc_assembler_config_t config;
        openk4a_uvc_assembler_callbacks_t callbacks;
        openk4a_uvc_assembler_stats_t stats;
        openk4a_uvc_frame_t current; /* the frame in progress */
        size_t limit;                /* writable bytes of current.buffer */
        uint64_t next_sequence;
        int state;
        uint8_t last_fid;
        bool lost_before_frame; /* a payload was lost while no frame was open */
        bool first_frame;
    } openk4a_uvc_assembler_t;

    /** Prepares an assembler. ERR_INVALID_ARGUMENT when max_frame_size is 0,
     * exact_frame_size exceeds it, or callbacks.frame is NULL. */
    openk4a_usb_status_t openk4a_uvc_assembler_init(openk4a_uvc_assembler_t *assembler,
                                                    const openk4a_uvc_assembler_config_t *config,
                                                    const openk4a_uvc_assembler_callbacks_t *callbacks);

    /** Feeds one payload (header + data). Frames that end are reported before it
     * returns (at most two: one closed by a FID toggle, one ended by EOF). A
     * malformed header returns its parse error; that payload is discarded, the
     * frame it falls in is dropped (BAD_HEADER) and the assembler stays usable. */
    openk4a_usb_status_t openk4a_uvc_assembler_push(openk4a_uvc_assembler_t *assembler, const uint8_t *payload,
                                                    size_t size);

    /** One isochronous packet of a transfer, as the transport saw it. */
    typedef struct openk4a_uvc_iso_packet
    {
        uint32_t length;        /**< slot size in the transfer buffer (packets are consecutive) */
        uint32_t actual_length; /**< bytes received, <= length */
        int status;             /**< 0 = received; anything else = lost */
    } openk4a_uvc_iso_packet_t;

    /** Pushes every packet of an isochronous transfer: each received packet is one
     * payload, each failed one is report_lost(). buffer_size bounds the slots; a
     * packet whose slot does not fit, or whose actual_length exceeds its length,
     * is reported lost. Returns the first error a packet produced (processing
     * continues with the next packet), else OK. */
    openk4a_usb_status_t openk4a_uvc_assembler_push_iso(openk4a_uvc_assembler_t *assembler, const uint8_t *buffer,
                                                        size_t buffer_size, const openk4a_uvc_iso_packet_t *packets,
                                                        size_t packet_count);

    /** The transport lost a payload (e.g. an isochronous packet error): the frame in
     * progress, or the next one when none is open, is dropped with LOST_PAYLOAD. */
    void openk4a_uvc_assembler_report_lost(openk4a_uvc_assembler_t *assembler);

    /** The transport lost a transfer that carried one whole frame (e.g. a bulk
     * stream with a transfer per frame whose transfer failed): that frame is
     * reported at once as dropped (LOST_PAYLOAD, no data, end LOST). A frame still
     * open is ended first, as the lost frame's FID toggle would have ended it. The
     * next payload starts a frame whatever its FID (the toggle was lost with the
     * frame), and unlike report_lost() no later frame is dropped for it. */
    void openk4a_uvc_assembler_report_lost_frame(openk4a_uvc_assembler_t *assembler);

    /** Ends the stream: a frame in progress is reported as dropped (FLUSHED) and its
     * buffer returned. The next payload starts afresh (as after init). */
    void openk4a_uvc_assembler_flush(openk4a_uvc_assembler_t *assembler);

    /** Data bytes held by the frame in progress (0 when none). */
    size_t openk4a_uvc_assembler_pending_bytes(const openk4a_uvc_assembler_t *assembler);

    /** Snapshot of the counters. */
    openk4a_uvc_assembler_stats_t openk4a_uvc_assembler_get_stats(const openk4a_uvc_assembler_t *assembler);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_UVC_ASSEMBLER_H_ */
