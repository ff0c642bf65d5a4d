/* UVC frame assembler: see include/openk4a/usb/uvc_assembler.h for the rules. */
#include "openk4a/usb/uvc_assembler.h"

#include <string.h>

#include "openk4a/usb/uvc_wire.h"

enum
{
    STATE_IDLE = 0, /* no FID known yet: the next payload starts a frame */
    STATE_BETWEEN,  /* the last frame ended with EOF; waiting for FID to toggle */
    STATE_IN_FRAME, /* current holds a frame in progress */
};

openk4a_usb_status_t openk4a_uvc_assembler_init(openk4a_uvc_assembler_t *a,
                                                const openk4a_uvc_assembler_config_t *config,
                                                const openk4a_uvc_assembler_callbacks_t *callbacks)
{
    if (a == NULL || config == NULL || callbacks == NULL || callbacks->frame == NULL || config->max_frame_size == 0 ||
        config->exact_frame_size > config->max_frame_size)
    {
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    }
    memset(a, 0, sizeof *a);
    a->config = *config;
    a->callbacks = *callbacks;
    a->state = STATE_IDLE;
    a->first_frame = true;
    return OPENK4A_USB_OK;
}

static void mark_dropped(openk4a_uvc_assembler_t *a, openk4a_uvc_drop_reason_t reason)
{
    if (a->current.drop_reason == OPENK4A_UVC_DROP_NONE)
        a->current.drop_reason = reason;
}

/* Reports the frame in progress and returns to `next_state`. */
static void end_frame(openk4a_uvc_assembler_t *a, openk4a_uvc_frame_end_t end, int next_state)
{
    openk4a_uvc_frame_t *f = &a->current;
    f->end = end;
    if (f->drop_reason == OPENK4A_UVC_DROP_NONE)
    {
        if (f->size == 0)
        {
            f->drop_reason = OPENK4A_UVC_DROP_EMPTY;
        }
        else if (a->config.exact_frame_size != 0 && f->size != a->config.exact_frame_size)
        {
            f->drop_reason = OPENK4A_UVC_DROP_SIZE_MISMATCH;
        }
    }
    if (f->drop_reason == OPENK4A_UVC_DROP_NONE)
    {
        f->status = OPENK4A_UVC_FRAME_COMPLETE;
        a->stats.frames_completed++;
        a->stats.bytes_delivered += f->size;
        if (f->zero_copy)
            a->stats.frames_zero_copy++;
    }
    else
    {
        f->status = OPENK4A_UVC_FRAME_DROPPED;
        a->stats.frames_dropped++;
        a->stats.drops[f->drop_reason]++;
        a->stats.bytes_discarded += f->size;
    }
    if (!f->zero_copy)
        f->data = f->buffer;
    a->last_fid = f->fid;
    a->state = next_state;
    a->limit = 0;
    /* Copy first: the callback may inspect the assembler (e.g. its stats). */
    openk4a_uvc_frame_t done = *f;
    memset(f, 0, sizeof *f);
    a->callbacks.frame(a->callbacks.context, &done);
}

static void start_frame(openk4a_uvc_assembler_t *a, uint8_t fid)
{
    openk4a_uvc_frame_t *f = &a->current;
    memset(f, 0, sizeof *f);
    f->sequence = a->next_sequence++;
    f->fid = fid;
    a->limit = 0;
    a->state = STATE_IN_FRAME;
    if (a->lost_before_frame)
    {
        f->drop_reason = OPENK4A_UVC_DROP_LOST_PAYLOAD;
        a->lost_before_frame = false;
    }
    if (a->first_frame && a->config.sync_to_frame_start)
        mark_dropped(a, OPENK4A_UVC_DROP_PARTIAL_START);
    a->first_frame = false;
}

/* Whether a payload that carries the whole frame may be reported in place. */
static bool can_zero_copy(const openk4a_uvc_assembler_t *a, size_t n)
{
    const openk4a_uvc_frame_t *f = &a->current;
    return a->config.allow_zero_copy && f->drop_reason == OPENK4A_UVC_DROP_NONE && f->size == 0 && f->buffer == NULL &&
           n <= a->config.max_frame_size && (a->config.exact_frame_size == 0 || n == a->config.exact_frame_size);
}

/* Adds n data bytes to the frame in progress: copy, or count as discarded. */
static void append(openk4a_uvc_assembler_t *a, const uint8_t *data, size_t n)
{
    openk4a_uvc_frame_t *f = &a->current;
    if (f->drop_reason != OPENK4A_UVC_DROP_NONE)
    {
        a->stats.bytes_discarded += n;
        return;
    }
    if (f->buffer == NULL)
    {
        uint8_t *buffer = NULL;
        size_t capacity = 0;
        void *context = NULL;
        if (a->callbacks.acquire == NULL ||
            !a->callbacks.acquire(a->callbacks.context, a->config.max_frame_size, &buffer, &capacity, &context) ||
            buffer == NULL)
        {
            mark_dropped(a, OPENK4A_UVC_DROP_NO_BUFFER);
            a->stats.bytes_discarded += n;
            return;
        }
        f->buffer = buffer;
        f->buffer_capacity = capacity;
        f->buffer_context = context;
        a->limit = capacity < a->config.max_frame_size ? capacity : a->config.max_frame_size;
    }
    if (n > a->limit - f->size)
    {
        /* Never write past the buffer: the frame is cut here and dropped. */
        mark_dropped(a, OPENK4A_UVC_DROP_TOO_LARGE);
        a->stats.bytes_discarded += n;
        return;
    }
    memcpy(f->buffer + f->size, data, n);
    f->size += n;
}

openk4a_usb_status_t openk4a_uvc_assembler_push(openk4a_uvc_assembler_t *a, const uint8_t *payload, size_t size)
{
    if (a == NULL || (payload == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    a->stats.payloads++;
    a->stats.bytes_in += size;
    if (size == 0)
    {
        a->stats.empty_payloads++;
        return OPENK4A_USB_OK;
    }
    openk4a_uvc_payload_header_t header;
    size_t header_size = 0;
    const openk4a_usb_status_t status = openk4a_uvc_payload_header_parse(payload, size, &header, &header_size);
    if (status != OPENK4A_USB_OK)
    {
        a->stats.bad_header_payloads++;
        a->stats.bytes_discarded += size;
        /* Its data is lost; it most likely belonged to the open frame. */
        if (a->state == STATE_IN_FRAME)
        {
            mark_dropped(a, OPENK4A_UVC_DROP_BAD_HEADER);
        }
        else
        {
            a->lost_before_frame = true;
        }
        return status;
    }
    a->stats.header_bytes += header_size;
    const uint8_t *data = payload + header_size;
    const size_t n = size - header_size;
    const uint8_t info = header.bmHeaderInfo;
    const uint8_t fid = info & OPENK4A_UVC_HEADER_FID;
    const bool eof = (info & OPENK4A_UVC_HEADER_EOF) != 0;
    const bool err = (info & OPENK4A_UVC_HEADER_ERR) != 0;
    if (n == 0)
        a->stats.header_only_payloads++;
    if (err)
        a->stats.error_payloads++;

    if (a->state == STATE_BETWEEN && fid == a->last_fid)
    {
        /* The frame with this FID already ended: out of sync until FID toggles. */
        a->stats.stray_payloads++;
        a->stats.bytes_discarded += n;
        return OPENK4A_USB_OK;
    }
    if (a->state == STATE_IN_FRAME && fid != a->current.fid)
    {
        a->stats.fid_toggles_without_eof++;
        end_frame(a, OPENK4A_UVC_END_FID_TOGGLE, STATE_IDLE);
    }
    if (a->state != STATE_IN_FRAME)
        start_frame(a, fid);

    openk4a_uvc_frame_t *f = &a->current;
    f->payloads++;
    f->bytes_received += n;
    if ((info & OPENK4A_UVC_HEADER_PTS) != 0 && !f->has_pts)
    {
        f->has_pts = true;
        f->pts = header.dwPresentationTime;
    }
    if ((info & OPENK4A_UVC_HEADER_SCR) != 0)
    {
        f->has_scr = true;
        f->scr_stc = header.scrSourceTimeClock;
        f->scr_sof = header.scrSofCounter;
    }
    if ((info & OPENK4A_UVC_HEADER_STI) != 0)
        f->still = true;
    if (err)
    {
        mark_dropped(a, OPENK4A_UVC_DROP_DEVICE_ERROR);
        a->stats.bytes_discarded += n;
    }
    else if (eof && n > 0 && can_zero_copy(a, n))
    {
        f->zero_copy = true;
        f->data = data;
        f->size = n;
    }
    else if (n > 0)
    {
        append(a, data, n);
    }
    if (eof)
        end_frame(a, OPENK4A_UVC_END_EOF, STATE_BETWEEN);
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_assembler_push_iso(openk4a_uvc_assembler_t *a, const uint8_t *buffer,
                                                    size_t buffer_size, const openk4a_uvc_iso_packet_t *packets,
                                                    size_t packet_count)
{
    if (a == NULL || (packets == NULL && packet_count != 0) || (buffer == NULL && buffer_size != 0))
    {
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    }
    openk4a_usb_status_t first_error = OPENK4A_USB_OK;
    size_t offset = 0;
    for (size_t i = 0; i < packet_count; ++i)
    {
        const openk4a_uvc_iso_packet_t *p = &packets[i];
        const bool fits = offset <= buffer_size && p->length <= buffer_size - offset;
        if (p->status != 0 || !fits || p->actual_length > p->length)
        {
            openk4a_uvc_assembler_report_lost(a);
            if (!fits && first_error == OPENK4A_USB_OK)
                first_error = OPENK4A_USB_ERR_INVALID_ARGUMENT;
        }
        else
        {
            const openk4a_usb_status_t status = openk4a_uvc_assembler_push(a, buffer + offset, p->actual_length);
            if (status != OPENK4A_USB_OK && first_error == OPENK4A_USB_OK)
                first_error = status;
        }
        if (!fits)
            break; /* later slots cannot fit either */
        offset += p->length;
    }
    return first_error;
}

void openk4a_uvc_assembler_report_lost(openk4a_uvc_assembler_t *a)
{
    if (a == NULL)
        return;
    a->stats.lost_payloads++;
    if (a->state == STATE_IN_FRAME)
    {
        mark_dropped(a, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    }
    else
    {
        a->lost_before_frame = true;
    }
}

void openk4a_uvc_assembler_report_lost_frame(openk4a_uvc_assembler_t *a)
{
    if (a == NULL)
        return;
    a->stats.lost_payloads++;
    /* An open frame (its EOF went missing) would have ended at this frame's
     * FID toggle: end it as that toggle would have. */
    if (a->state == STATE_IN_FRAME)
        end_frame(a, OPENK4A_UVC_END_LOST, STATE_IDLE);
    start_frame(a, (uint8_t)(a->last_fid ^ OPENK4A_UVC_HEADER_FID));
    mark_dropped(a, OPENK4A_UVC_DROP_LOST_PAYLOAD);
    /* IDLE: the next payload starts a frame whatever its FID, which may well
     * equal the last FID seen, since the toggle between them was lost. */
    end_frame(a, OPENK4A_UVC_END_LOST, STATE_IDLE);
}

void openk4a_uvc_assembler_flush(openk4a_uvc_assembler_t *a)
{
    if (a == NULL)
        return;
    if (a->state == STATE_IN_FRAME)
    {
        mark_dropped(a, OPENK4A_UVC_DROP_FLUSHED);
        end_frame(a, OPENK4A_UVC_END_FLUSH, STATE_IDLE);
    }
    a->state = STATE_IDLE;
    a->lost_before_frame = false;
}

size_t openk4a_uvc_assembler_pending_bytes(const openk4a_uvc_assembler_t *a)
{
    return (a != NULL && a->state == STATE_IN_FRAME) ? a->current.size : 0;
}

openk4a_uvc_assembler_stats_t openk4a_uvc_assembler_get_stats(const openk4a_uvc_assembler_t *a)
{
    openk4a_uvc_assembler_stats_t none;
    if (a == NULL)
    {
        memset(&none, 0, sizeof none);
        return none;
    }
    return a->stats;
}
