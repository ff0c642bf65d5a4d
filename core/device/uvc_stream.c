/* POSIX: pthread rwlocks, clock_gettime, CLOCK_MONOTONIC condition variables. */
#define _POSIX_C_SOURCE 200809L

#include "core/device/uvc_stream.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/color/mjpeg_scan.h"
#include "core/device/camera_plan.h"
#include "core/device/device_frames.h"
#include "core/device/usb_control.h"
#include "core/device/why.h"
#include "core/image_format.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/wait.h"
#include "openk4a/usb/uvc_assembler.h"
#include "openk4a/usb/uvc_probe.h"
#include "openk4a/usb/uvc_wire.h"

/* Each pool buffer starts with this prefix holding its pool, so an image's
 * release callback can hand the buffer back without any allocation. The
 * USB transfer area follows it. */
#define OK4A_PREFIX 64
#define OK4A_CONTROL_TIMEOUT_MS 1000
#define OK4A_TRANSFER_TIMEOUT_MS 2000
#define OK4A_ISO_PACKETS 32
#define OK4A_STOP_WAIT_MS 3000
/* What the camera negotiates (dwMaxVideoFrameSize, dwMaxPayloadTransferSize)
 * is bounded by the mode's real size: an uncompressed frame's exact size, an
 * MJPG frame at most 4 bytes per pixel (more than a JPEG of the picture at
 * 4:4:4 and quality 100 needs), and never over OK4A_MAX_FRAME_BYTES; a payload
 * at most a frame plus the longest UVC header (255 bytes). */
#define OK4A_MJPG_MAX_BYTES_PER_PIXEL 4u
#define OK4A_MAX_FRAME_BYTES (64u << 20)
#define OK4A_UVC_MAX_HEADER 255u

typedef struct
{
    ok4a_uvc_stream_t *stream;
    struct libusb_transfer *transfer;
    uint8_t *base; /* pool buffer; the transfer uses base + OK4A_PREFIX */
    bool in_flight;
} slot_t;

struct ok4a_uvc_stream
{
    ok4a_uvc_stream_config_t config;
    uint8_t interface_number;
    uint8_t endpoint;
    uint8_t alt;
    bool iso;
    bool whole_frames; /* bulk, one transfer per frame: a failed transfer is a lost frame */
    bool claimed;
    openk4a_uvc_probe_commit_t commit;
    uint32_t clock_hz;
    size_t transfer_size;
    int packet_size;
    int stride;
    size_t exact_size;
    ok4a_pool_t *pool;          /* frame buffers */
    ok4a_pool_t *transfer_pool; /* payload-sized transfer buffers when frames span transfers; else NULL */
    openk4a_uvc_assembler_t assembler;
    openk4a_uvc_iso_packet_t packets[OK4A_ISO_PACKETS];
    slot_t *slots;
    int slot_count;
    slot_t *pushing;          /* slot whose payload the assembler is reading (zero copy) */
    bool bad_header_reported; /* the assembler dropped a frame for a bad header during this push */

    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int in_flight;
    bool stopping;
    bool halted;
    bool lost;
    bool need_resubmit; /* a submit failed: the service thread retries */
    bool failed;        /* recovery gave up: nothing streams any more */
    bool have_pts;
    uint64_t pts_extended; /* PTS with its 32-bit wraps counted */
    struct timespec started;
    openk4a_stream_stats_t stats;
};

/* A frame buffer whose first bytes hold its pool (ok4a_device_frame_release_base). */
static uint8_t *acquire_base(ok4a_pool_t *pool)
{
    uint8_t *base = ok4a_pool_acquire(pool);
    if (base != NULL)
    {
        memcpy(base, &pool, sizeof pool);
    }
    return base;
}

static uint64_t monotonic_nsec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static openk4a_frame_drop_reason_t map_drop(openk4a_uvc_drop_reason_t reason)
{
    switch (reason)
    {
    case OPENK4A_UVC_DROP_DEVICE_ERROR:
        return OPENK4A_FRAME_DROP_DEVICE_ERROR;
    case OPENK4A_UVC_DROP_TOO_LARGE:
        return OPENK4A_FRAME_DROP_TOO_LARGE;
    case OPENK4A_UVC_DROP_NO_BUFFER:
        return OPENK4A_FRAME_DROP_NO_BUFFER;
    case OPENK4A_UVC_DROP_BAD_HEADER:
        return OPENK4A_FRAME_DROP_BAD_HEADER;
    case OPENK4A_UVC_DROP_LOST_PAYLOAD:
        return OPENK4A_FRAME_DROP_LOST_PAYLOAD;
    case OPENK4A_UVC_DROP_SIZE_MISMATCH:
        return OPENK4A_FRAME_DROP_SIZE_MISMATCH;
    case OPENK4A_UVC_DROP_EMPTY:
        return OPENK4A_FRAME_DROP_EMPTY;
    case OPENK4A_UVC_DROP_PARTIAL_START:
        return OPENK4A_FRAME_DROP_PARTIAL_START;
    default:
        return OPENK4A_FRAME_DROP_STOPPED;
    }
}

/* ---------------------------------------------------------------- frames -- */

static bool on_acquire(void *context, size_t max_frame_size, uint8_t **buffer, size_t *capacity, void **buffer_context)
{
    (void)max_frame_size;
    ok4a_uvc_stream_t *s = context;
    uint8_t *base = acquire_base(s->pool);
    if (base == NULL)
    {
        return false;
    }
    *buffer = base + OK4A_PREFIX;
    *capacity = ok4a_pool_buffer_size(s->pool) - OK4A_PREFIX;
    *buffer_context = base;
    return true;
}

static void drop(ok4a_uvc_stream_t *s, openk4a_frame_drop_reason_t reason, uint8_t *base)
{
    s->stats.frames_dropped[reason]++;
    if (base != NULL)
    {
        ok4a_device_frame_release_base(NULL, base);
    }
}

/* Device timestamp of a frame: its PTS on the device clock, wraps counted. */
static uint64_t device_usec(ok4a_uvc_stream_t *s, const openk4a_uvc_frame_t *f)
{
    if (!f->has_pts || s->clock_hz == 0)
    {
        /* No PTS: time since the stream started, on the host clock. */
        const uint64_t start = (uint64_t)s->started.tv_sec * 1000000000u + (uint64_t)s->started.tv_nsec;
        return (monotonic_nsec() - start) / 1000u;
    }
    if (!s->have_pts)
    {
        s->pts_extended = f->pts;
        s->have_pts = true;
    }
    else
    {
        uint64_t next = (s->pts_extended & ~(uint64_t)0xffffffffu) | f->pts;
        if (next + 0x80000000u < s->pts_extended)
        {
            next += (uint64_t)1 << 32; /* wrapped */
        }
        else if (next > s->pts_extended + 0x80000000u && next >= ((uint64_t)1 << 32))
        {
            next -= (uint64_t)1 << 32; /* a late frame from before the wrap */
        }
        s->pts_extended = next;
    }
    return (uint64_t)((unsigned __int128)s->pts_extended * 1000000u / s->clock_hz);
}

static void on_frame(void *context, const openk4a_uvc_frame_t *f)
{
    ok4a_uvc_stream_t *s = context;
    s->stats.frames_received++;
    uint8_t *base = f->zero_copy ? NULL : (uint8_t *)f->buffer_context;
    if (f->status != OPENK4A_UVC_FRAME_COMPLETE)
    {
        s->bad_header_reported = s->bad_header_reported || f->drop_reason == OPENK4A_UVC_DROP_BAD_HEADER;
        drop(s, map_drop(f->drop_reason), base);
        return;
    }
    const k4a_image_format_t format = s->config.image_format;
    const int width = s->config.frame->width, height = s->config.frame->height;
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        openk4a_mjpeg_info_t info;
        if (openk4a_mjpeg_scan(f->data, f->size, &info) != OPENK4A_COLOR_OK)
        {
            drop(s, OPENK4A_FRAME_DROP_CORRUPT, base);
            return;
        }
        if (info.width != (uint32_t)width || info.height != (uint32_t)height)
        {
            drop(s, OPENK4A_FRAME_DROP_SIZE_MISMATCH, base);
            return;
        }
    }
    uint8_t *data;
    if (f->zero_copy)
    {
        /* The transfer's own buffer becomes the image; the transfer goes on
         * with a fresh one. */
        uint8_t *replacement = acquire_base(s->pool);
        if (replacement == NULL || s->pushing == NULL)
        {
            if (replacement != NULL)
                ok4a_device_frame_release_base(NULL, replacement);
            drop(s, OPENK4A_FRAME_DROP_NO_BUFFER, NULL);
            return;
        }
        base = s->pushing->base;
        s->pushing->base = replacement;
        data = (uint8_t *)f->data;
    }
    else
    {
        data = f->buffer;
    }
    k4a_image_t image = NULL;
    if (k4a_image_create_from_buffer(format, width, height, s->stride, data, f->size, ok4a_device_frame_release_base,
                                     base, &image) != K4A_RESULT_SUCCEEDED)
    {
        drop(s, OPENK4A_FRAME_DROP_IMAGE_FAILED, base); /* on failure we still own it */
        return;
    }
    const uint64_t ts = device_usec(s, f);
    k4a_image_set_device_timestamp_usec(image, ts);
    k4a_image_set_system_timestamp_nsec(image, monotonic_nsec());
    s->stats.frames_delivered++;
    if (f->zero_copy)
        s->stats.frames_zero_copy++;
    s->config.sink(s->config.sink_context, s->config.id, image, ts, NAN);
}

/* ------------------------------------------------------------- transfers -- */

static bool submit_locked(ok4a_uvc_stream_t *s, slot_t *slot)
{
    slot->transfer->buffer = slot->base + OK4A_PREFIX;
    const int r = libusb_submit_transfer(slot->transfer);
    if (r == 0)
    {
        slot->in_flight = true;
        s->in_flight++;
        return true;
    }
    if (r == LIBUSB_ERROR_NO_DEVICE)
    {
        s->lost = true;
    }
    else
    {
        s->stats.transfer_errors++;
        s->need_resubmit = true;
    }
    return false;
}

static void LIBUSB_CALL on_transfer(struct libusb_transfer *t)
{
    slot_t *slot = t->user_data;
    ok4a_uvc_stream_t *s = slot->stream;
    bool service = false, disconnected = false;
    pthread_mutex_lock(&s->mutex);
    slot->in_flight = false;
    s->in_flight--;
    s->stats.transfers++;
    const bool was_lost = s->lost;
    switch (t->status)
    {
    case LIBUSB_TRANSFER_COMPLETED:
    case LIBUSB_TRANSFER_TIMED_OUT: /* a bulk timeout may still carry data */
        if (t->status == LIBUSB_TRANSFER_TIMED_OUT)
            s->stats.transfer_errors++;
        if (s->stopping)
            break;
        s->pushing = slot;
        s->bad_header_reported = false;
        openk4a_usb_status_t status = OPENK4A_USB_OK;
        if (s->iso)
        {
            size_t total = 0;
            for (int i = 0; i < t->num_iso_packets; i++)
            {
                s->packets[i].length = t->iso_packet_desc[i].length;
                s->packets[i].actual_length = t->iso_packet_desc[i].actual_length;
                s->packets[i].status = t->iso_packet_desc[i].status == LIBUSB_TRANSFER_COMPLETED ? 0 : 1;
                total += t->iso_packet_desc[i].actual_length;
            }
            s->stats.bytes_received += total;
            status = openk4a_uvc_assembler_push_iso(&s->assembler, t->buffer, (size_t)t->length, s->packets,
                                                    (size_t)t->num_iso_packets);
        }
        else if (t->actual_length > 0)
        {
            s->stats.bytes_received += (uint64_t)t->actual_length;
            const uint64_t stray = openk4a_uvc_assembler_get_stats(&s->assembler).stray_payloads;
            status = openk4a_uvc_assembler_push(&s->assembler, t->buffer, (size_t)t->actual_length);
            openk4a_uvc_payload_header_t header;
            if (openk4a_uvc_assembler_get_stats(&s->assembler).stray_payloads != stray &&
                openk4a_uvc_payload_header_parse(t->buffer, (size_t)t->actual_length, &header, NULL) ==
                    OPENK4A_USB_OK &&
                (header.bmHeaderInfo & OPENK4A_UVC_HEADER_EOF) != 0)
            {
                /* A frame ended that never started for the assembler (its
                 * FID looked stale after a lost payload): count it. */
                s->stats.frames_received++;
                s->stats.frames_dropped[OPENK4A_FRAME_DROP_LOST_PAYLOAD]++;
            }
        }
        if (status != OPENK4A_USB_OK && !s->bad_header_reported)
        {
            /* An unreadable payload outside any open frame (e.g. one that was a
             * whole frame): the assembler drops it without a frame report. */
            s->stats.frames_received++;
            s->stats.frames_dropped[OPENK4A_FRAME_DROP_BAD_HEADER]++;
        }
        s->pushing = NULL;
        break;
    case LIBUSB_TRANSFER_CANCELLED:
        break;
    case LIBUSB_TRANSFER_STALL:
        s->stats.transfer_errors++;
        if (!s->halted && !s->stopping)
        {
            s->halted = true;
            service = true;
        }
        break;
    case LIBUSB_TRANSFER_NO_DEVICE:
        s->lost = true;
        break;
    default: /* ERROR, OVERFLOW: a payload is lost */
        s->stats.transfer_errors++;
        if (s->whole_frames)
            openk4a_uvc_assembler_report_lost_frame(&s->assembler); /* that payload was a frame: count it */
        else
            openk4a_uvc_assembler_report_lost(&s->assembler); /* the frame in progress (or the next) is dropped */
        break;
    }
    if (!s->stopping && !s->lost && !s->halted && t->status != LIBUSB_TRANSFER_CANCELLED)
    {
        if (!submit_locked(s, slot) && s->need_resubmit)
            service = true;
    }
    disconnected = s->lost && !was_lost;
    /* Once the mutex is released, a stop waiting for this transfer may free
     * the stream: nothing of it is read after that. */
    ok4a_stream_event_fn *const on_disconnect = disconnected ? s->config.on_disconnect : NULL;
    ok4a_stream_event_fn *const on_service_needed = service ? s->config.on_service_needed : NULL;
    void *const event_context = s->config.event_context;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mutex);
    if (on_disconnect != NULL)
        on_disconnect(event_context);
    if (on_service_needed != NULL)
        on_service_needed(event_context);
}

/* Waits until no transfer is in flight, at most timeout_ms. Holds s->mutex. */
static bool wait_idle_locked(ok4a_uvc_stream_t *s, int timeout_ms)
{
    const struct timespec deadline = ok4a_deadline_after_ms(timeout_ms);
    while (s->in_flight > 0 && ok4a_cond_wait_step(&s->cond, &s->mutex, timeout_ms, &deadline))
    {
    }
    return s->in_flight == 0;
}

/* ok4a_retry_pause_fn: waits, unless the stream stops meanwhile. */
static bool pause_unless_stopping(void *context, int ms)
{
    ok4a_uvc_stream_t *s = context;
    return ok4a_pause_unless_stopping(&s->cond, &s->mutex, &s->stopping, ms);
}

/* Waits `attempt`'s back-off before a retry, unless the stream stops.
 * Holds s->mutex. */
static void back_off_locked(ok4a_uvc_stream_t *s, int attempt)
{
    pthread_mutex_unlock(&s->mutex);
    pause_unless_stopping(s, OK4A_RETRY_FIRST_MS << attempt);
    pthread_mutex_lock(&s->mutex);
}

/* Clears the halt, retrying; false when it would not clear (or the device
 * went). Holds s->mutex. */
static bool clear_halt_locked(ok4a_uvc_stream_t *s, char *why, size_t why_size)
{
    /* Every transfer comes back stalled first; then clear the halt. */
    wait_idle_locked(s, OK4A_STOP_WAIT_MS);
    pthread_mutex_unlock(&s->mutex);
    int attempts = 0;
    const int r = ok4a_usb_clear_halt_retrying(s->config.handle, s->endpoint, pause_unless_stopping, s, &attempts);
    pthread_mutex_lock(&s->mutex);
    if (r == 0)
    {
        s->halted = false;
        s->stats.stalls_cleared++;
        openk4a_uvc_assembler_flush(&s->assembler); /* the frame in progress is gone */
        OK4A_LOG_WARNING("%s stream: endpoint 0x%02x stalled; halt cleared (attempt %d), streaming resumes",
                         ok4a_stream_name(s->config.id), s->endpoint, attempts);
        return true;
    }
    if (r == LIBUSB_ERROR_NO_DEVICE)
        s->lost = true;
    snprintf(why, why_size, "clearing the halt of endpoint 0x%02x failed %d times (%s)", s->endpoint, attempts,
             libusb_error_name(r));
    return false;
}

/* Submits every idle transfer, retrying those refused; false when, after
 * every attempt, none is in flight (the stream would wait forever). Holds
 * s->mutex. */
static bool resubmit_locked(ok4a_uvc_stream_t *s, char *why, size_t why_size)
{
    for (int attempt = 0; attempt < OK4A_RECOVERY_ATTEMPTS && !s->stopping && !s->lost; attempt++)
    {
        if (attempt > 0)
            back_off_locked(s, attempt - 1);
        s->need_resubmit = false;
        for (int i = 0; i < s->slot_count && !s->lost; i++)
        {
            if (!s->slots[i].in_flight)
                submit_locked(s, &s->slots[i]);
        }
        if (!s->need_resubmit)
            return true;
    }
    if (s->in_flight > 0 || s->stopping || s->lost)
        return true; /* what is in flight resubmits, and asks again, as it completes */
    snprintf(why, why_size, "no transfer could be submitted on endpoint 0x%02x in %d attempts", s->endpoint,
             OK4A_RECOVERY_ATTEMPTS);
    return false;
}

bool ok4a_uvc_stream_service(ok4a_uvc_stream_t *s)
{
    if (s == NULL)
        return true;
    pthread_mutex_lock(&s->mutex);
    if (s->stopping || s->lost || s->failed)
    {
        const bool failed = s->failed;
        pthread_mutex_unlock(&s->mutex);
        return !failed;
    }
    char why[160] = "";
    bool ok = !s->halted || clear_halt_locked(s, why, sizeof why);
    if (ok && !s->lost && !s->stopping)
        ok = resubmit_locked(s, why, sizeof why);
    if (!ok && !s->lost && !s->stopping)
    {
        s->failed = true;
        s->stats.failures++;
        OK4A_LOG_ERROR("%s stream failed: %s; stop the cameras and start them again", ok4a_stream_name(s->config.id),
                       why);
    }
    const bool failed = s->failed;
    pthread_mutex_unlock(&s->mutex);
    return !failed;
}

/* ---------------------------------------------------------- negotiation -- */

static int probe_control(ok4a_uvc_stream_t *s, uint8_t request, uint8_t selector, uint8_t *buf, uint16_t size)
{
    const uint8_t type = (request & 0x80) ? 0xA1 : 0x21;
    return ok4a_usb_control(s->config.handle, type, request, (uint16_t)(selector << 8), s->interface_number, buf, size,
                            OK4A_CONTROL_TIMEOUT_MS);
}

static bool negotiate(ok4a_uvc_stream_t *s, char *why, size_t why_size)
{
    const openk4a_uvc_config_t *model = s->config.model;
    openk4a_uvc_probe_commit_t probe;
    if (openk4a_uvc_probe_for_frame(model, s->config.format, s->config.frame, s->config.interval, &probe) !=
        OPENK4A_USB_OK)
    {
        return ok4a_why(why, why_size, "%s: the device does not offer the frame interval",
                        ok4a_stream_name(s->config.id));
    }
    uint8_t buf[64];
    size_t size = 0;
    if (openk4a_uvc_probe_commit_encode(&probe, buf, sizeof buf, &size) != OPENK4A_USB_OK)
    {
        return ok4a_why(why, why_size, "%s: cannot encode the probe request", ok4a_stream_name(s->config.id));
    }
    int r = probe_control(s, OPENK4A_UVC_REQ_SET_CUR, OPENK4A_UVC_VS_CTRL_PROBE, buf, (uint16_t)size);
    if (r < 0)
    {
        return ok4a_why(why, why_size, "%s: the device refused the probe (SET_CUR PROBE: %s)",
                        ok4a_stream_name(s->config.id), libusb_error_name(r));
    }
    memset(buf, 0, sizeof buf);
    r = probe_control(s, OPENK4A_UVC_REQ_GET_CUR, OPENK4A_UVC_VS_CTRL_PROBE, buf, (uint16_t)size);
    openk4a_uvc_probe_commit_t answer;
    if (r < 0 || openk4a_uvc_probe_commit_parse(buf, (size_t)r, &answer, NULL) != OPENK4A_USB_OK)
    {
        return ok4a_why(why, why_size, "%s: no valid probe answer (GET_CUR PROBE: %s)", ok4a_stream_name(s->config.id),
                        r < 0 ? libusb_error_name(r) : "malformed");
    }
    if (answer.bFormatIndex != probe.bFormatIndex || answer.bFrameIndex != probe.bFrameIndex ||
        answer.dwFrameInterval != probe.dwFrameInterval)
    {
        return ok4a_why(why, why_size, "%s: the device negotiated a different format, frame or interval",
                        ok4a_stream_name(s->config.id));
    }
    if (answer.dwMaxPayloadTransferSize == 0)
    {
        return ok4a_why(why, why_size, "%s: the device reports a maximum payload size of 0",
                        ok4a_stream_name(s->config.id));
    }
    size = 0;
    openk4a_uvc_probe_commit_encode(&answer, buf, sizeof buf, &size);
    r = probe_control(s, OPENK4A_UVC_REQ_SET_CUR, OPENK4A_UVC_VS_CTRL_COMMIT, buf, (uint16_t)size);
    if (r < 0)
    {
        return ok4a_why(why, why_size, "%s: the device refused the commit (SET_CUR COMMIT: %s)",
                        ok4a_stream_name(s->config.id), libusb_error_name(r));
    }
    s->commit = answer;
    if (s->commit.dwMaxVideoFrameSize == 0)
    {
        s->commit.dwMaxVideoFrameSize = s->config.frame->max_frame_buffer_size;
    }
    s->clock_hz = answer.wire_size >= OPENK4A_UVC_PROBE_COMMIT_SIZE_34 && answer.dwClockFrequency != 0 ?
                      answer.dwClockFrequency :
                      model->control.clock_frequency;
    return true;
}

/* ------------------------------------------------------------ lifecycle -- */

/* Only once no transfer is in flight. */
static void free_stream(ok4a_uvc_stream_t *s)
{
    if (s->slots != NULL)
    {
        for (int i = 0; i < s->slot_count; i++)
        {
            libusb_free_transfer(s->slots[i].transfer);
            if (s->slots[i].base != NULL)
                ok4a_device_frame_release_base(NULL, s->slots[i].base);
        }
        free(s->slots);
    }
    ok4a_pool_destroy(s->pool); /* buffers held by images stay valid */
    ok4a_pool_destroy(s->transfer_pool);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->mutex);
    free(s);
}

ok4a_uvc_stream_t *ok4a_uvc_stream_start(const ok4a_uvc_stream_config_t *config, char *why, size_t why_size)
{
    ok4a_uvc_stream_t *s = calloc(1, sizeof *s);
    if (s == NULL)
    {
        ok4a_why(why, why_size, "out of memory");
        return NULL;
    }
    s->config = *config;
    s->interface_number = config->format->interface_number;
    s->endpoint = config->model->streaming[config->format->streaming].endpoint_address;
    clock_gettime(CLOCK_MONOTONIC, &s->started);
    pthread_mutex_init(&s->mutex, NULL);
    ok4a_cond_init_monotonic(&s->cond);
    const char *name = ok4a_stream_name(config->id);
    libusb_device_handle *h = config->handle;

    if (libusb_kernel_driver_active(h, s->interface_number) == 1)
    {
        libusb_detach_kernel_driver(h, s->interface_number);
    }
    int r = libusb_claim_interface(h, s->interface_number);
    if (r != 0)
    {
        ok4a_why(why, why_size, "%s: cannot claim its streaming interface: %s", name, libusb_error_name(r));
        free_stream(s);
        return NULL;
    }
    s->claimed = true;
    /* UVC: alternate setting 0 (no bandwidth) while negotiating. */
    ok4a_usb_set_alt_setting(h, s->interface_number, 0, config->handle_unclosable);
    if (!negotiate(s, why, why_size))
        goto failed;

    /* Stride and exact size from the format table (0 for MJPG: no fixed size). */
    ok4a_image_layout_t layout;
    if (!ok4a_image_check_layout(config->image_format, config->frame->width, config->frame->height, 0, false, &layout,
                                 why, why_size))
        goto failed;
    s->stride = layout.stride_bytes;
    s->exact_size = layout.required_size;
    if (s->commit.dwMaxVideoFrameSize == 0 || (s->exact_size != 0 && s->commit.dwMaxVideoFrameSize < s->exact_size))
    {
        ok4a_why(why, why_size, "%s: the device's maximum frame size is smaller than a frame", name);
        goto failed;
    }
    size_t frame_bound = s->exact_size != 0 ?
                             s->exact_size :
                             (size_t)config->frame->width * config->frame->height * OK4A_MJPG_MAX_BYTES_PER_PIXEL;
    if (frame_bound > OK4A_MAX_FRAME_BYTES)
        frame_bound = OK4A_MAX_FRAME_BYTES;
    const size_t max_frame = s->commit.dwMaxVideoFrameSize < frame_bound ? s->commit.dwMaxVideoFrameSize : frame_bound;
    const uint32_t max_payload = s->commit.dwMaxPayloadTransferSize < max_frame + OK4A_UVC_MAX_HEADER ?
                                     s->commit.dwMaxPayloadTransferSize :
                                     (uint32_t)(max_frame + OK4A_UVC_MAX_HEADER);
    if (max_frame != s->commit.dwMaxVideoFrameSize || max_payload != s->commit.dwMaxPayloadTransferSize)
    {
        OK4A_LOG_WARNING("%s stream: the device negotiated frames of %u bytes and payloads of %u; a %ux%u frame needs "
                         "at most %zu and %zu: using those",
                         name, s->commit.dwMaxVideoFrameSize, s->commit.dwMaxPayloadTransferSize, config->frame->width,
                         config->frame->height, max_frame, max_frame + OK4A_UVC_MAX_HEADER);
    }
    const openk4a_uvc_alt_setting_t *alt = NULL;
    for (uint16_t i = 0; i < config->model->alt_count; i++)
    {
        const openk4a_uvc_alt_setting_t *a = &config->model->alts[i];
        if (a->interface_number == s->interface_number && a->has_endpoint && (a->endpoint_attributes & 3) == 1)
            s->iso = true;
    }
    if (s->iso)
    {
        alt = openk4a_uvc_config_pick_alt_setting(config->model, s->interface_number, max_payload);
        if (alt == NULL)
        {
            ok4a_why(why, why_size, "%s: no isochronous alternate setting carries the negotiated payload size", name);
            goto failed;
        }
        s->alt = alt->alternate_setting;
        s->endpoint = alt->endpoint_address;
        s->packet_size = (int)alt->bytes_per_interval;
        s->transfer_size = (size_t)s->packet_size * OK4A_ISO_PACKETS;
        s->slot_count = 8;
    }
    else
    {
        s->transfer_size = max_payload;
        /* Whole-frame payloads need few transfers; small payloads more. */
        s->slot_count = max_payload >= max_frame ? 4 : 16;
    }
    /* A transfer that can hold a whole frame may become its image (zero
     * copy): such transfers use frame buffers. Smaller ones get buffers of
     * their own size, and frames are assembled into frame buffers. */
    s->whole_frames = !s->iso && s->transfer_size >= max_frame;
    const bool whole_frames = s->whole_frames;
    const size_t buffer = OK4A_PREFIX + (whole_frames ? s->transfer_size : max_frame);
    ok4a_pool_config_t pool_config = {
        .name = name,
        .buffer_size = buffer,
        .max_buffers = (whole_frames ? (uint32_t)s->slot_count : 0u) + config->spare_buffers + 2,
        .max_free = 0,
        .preallocate = (whole_frames ? (uint32_t)s->slot_count : 0u) + 2,
    };
    s->pool = ok4a_pool_create(&pool_config);
    if (!whole_frames && s->pool != NULL)
    {
        const ok4a_pool_config_t transfer_config = {
            .name = name,
            .buffer_size = OK4A_PREFIX + s->transfer_size,
            .max_buffers = (uint32_t)s->slot_count,
            .preallocate = (uint32_t)s->slot_count,
        };
        s->transfer_pool = ok4a_pool_create(&transfer_config);
    }
    if (s->pool == NULL || (!whole_frames && s->transfer_pool == NULL))
    {
        ok4a_why(why, why_size, "%s: out of memory for frame buffers", name);
        goto failed;
    }
    openk4a_uvc_assembler_config_t assembler_config = {
        .max_frame_size = max_frame,
        .exact_frame_size = s->exact_size,
        /* An isochronous transfer holds many packets, maybe parts of two
         * frames: its buffer cannot become one image. */
        .allow_zero_copy = whole_frames,
        .sync_to_frame_start = s->iso,
    };
    openk4a_uvc_assembler_callbacks_t callbacks = {.acquire = on_acquire, .frame = on_frame, .context = s};
    if (openk4a_uvc_assembler_init(&s->assembler, &assembler_config, &callbacks) != OPENK4A_USB_OK)
    {
        ok4a_why(why, why_size, "%s: invalid frame assembler settings", name);
        goto failed;
    }
    s->slots = calloc((size_t)s->slot_count, sizeof *s->slots);
    if (s->slots == NULL)
    {
        ok4a_why(why, why_size, "%s: out of memory", name);
        goto failed;
    }
    for (int i = 0; i < s->slot_count; i++)
    {
        slot_t *slot = &s->slots[i];
        slot->stream = s;
        slot->base = acquire_base(whole_frames ? s->pool : s->transfer_pool);
        slot->transfer = libusb_alloc_transfer(s->iso ? OK4A_ISO_PACKETS : 0);
        if (slot->base == NULL || slot->transfer == NULL)
        {
            ok4a_why(why, why_size, "%s: out of memory for transfers", name);
            goto failed;
        }
        if (s->iso)
        {
            libusb_fill_iso_transfer(slot->transfer, h, s->endpoint, slot->base + OK4A_PREFIX, (int)s->transfer_size,
                                     OK4A_ISO_PACKETS, on_transfer, slot, OK4A_TRANSFER_TIMEOUT_MS);
            libusb_set_iso_packet_lengths(slot->transfer, (unsigned)s->packet_size);
        }
        else
        {
            libusb_fill_bulk_transfer(slot->transfer, h, s->endpoint, slot->base + OK4A_PREFIX, (int)s->transfer_size,
                                      on_transfer, slot, OK4A_TRANSFER_TIMEOUT_MS);
        }
    }
    if (s->iso)
    {
        r = ok4a_usb_set_alt_setting(h, s->interface_number, s->alt, config->handle_unclosable);
        if (r != 0)
        {
            ok4a_why(why, why_size, "%s: cannot select the isochronous alternate setting: %s", name,
                     libusb_error_name(r));
            goto failed;
        }
    }
    pthread_mutex_lock(&s->mutex);
    for (int i = 0; i < s->slot_count; i++)
    {
        if (!submit_locked(s, &s->slots[i]))
        {
            pthread_mutex_unlock(&s->mutex);
            ok4a_why(why, why_size, "%s: cannot submit USB transfers%s", name, s->lost ? " (device gone)" : "");
            goto failed;
        }
    }
    pthread_mutex_unlock(&s->mutex);
    OK4A_LOG_INFO("%s stream: interface %u %s endpoint 0x%02x, %ux%u, payload %u bytes, %d transfers of %zu bytes, "
                  "frame buffers of %zu bytes",
                  name, s->interface_number, s->iso ? "isochronous" : "bulk", s->endpoint, config->frame->width,
                  config->frame->height, max_payload, s->slot_count, s->transfer_size, buffer - OK4A_PREFIX);
    return s;

failed:
    ok4a_uvc_stream_stop(s, NULL);
    return NULL;
}

void ok4a_uvc_stream_stop(ok4a_uvc_stream_t *s, openk4a_stream_stats_t *final_stats)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->mutex);
    s->stopping = true;
    for (int i = 0; i < s->slot_count && s->slots != NULL; i++)
    {
        if (s->slots[i].in_flight)
            libusb_cancel_transfer(s->slots[i].transfer);
    }
    const bool idle = wait_idle_locked(s, OK4A_STOP_WAIT_MS);
    if (!idle)
    {
        /* Their callbacks may still come: the stream stays allocated for them. */
        OK4A_LOG_ERROR("%s stream: %d transfers did not come back after cancel; leaking the stream",
                       ok4a_stream_name(s->config.id), s->in_flight);
    }
    const bool lost = s->lost;
    pthread_mutex_unlock(&s->mutex);
    if (s->claimed)
    {
        if (!lost)
            ok4a_usb_set_alt_setting(s->config.handle, s->interface_number, 0, s->config.handle_unclosable);
        libusb_release_interface(s->config.handle, s->interface_number);
    }
    pthread_mutex_lock(&s->mutex);
    if (s->assembler.callbacks.frame != NULL)
        openk4a_uvc_assembler_flush(&s->assembler);
    if (final_stats != NULL)
        *final_stats = s->stats;
    pthread_mutex_unlock(&s->mutex);
    if (idle)
        free_stream(s);
}

void ok4a_uvc_stream_get_stats(ok4a_uvc_stream_t *s, openk4a_stream_stats_t *stats)
{
    pthread_mutex_lock(&s->mutex);
    *stats = s->stats;
    pthread_mutex_unlock(&s->mutex);
}

uint32_t ok4a_uvc_stream_max_payload(const ok4a_uvc_stream_t *s)
{
    return s->commit.dwMaxPayloadTransferSize;
}

uint32_t ok4a_uvc_stream_clock_hz(const ok4a_uvc_stream_t *s)
{
    return s->clock_hz;
}
