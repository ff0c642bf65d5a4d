/* A real Azure Kinect's depth stream (depth_stream.h). */
#define _POSIX_C_SOURCE 200809L

#include "core/device/depth_stream.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/device/usb_control.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/wait.h"
#include "openk4a/usb/k4a_mcu_wire.h"

#define RAW_TRANSFERS 3
#define RAW_WAITING 2 /* raw frames waiting for the engine, at most */
#define TRANSFER_ALIGN 1024u
#define TRANSFER_TIMEOUT_MS 2000
#define STOP_WAIT_MS 3000
/* The engine's calibration block: the SDK reads at most this much. */
#define CAL_BLOCK_MAX 2000000u
/* Each output buffer starts with this prefix: its pool and how many images
 * still use it (depth and IR share one buffer). */
#define PREFIX 64

typedef struct
{
    ok4a_pool_t *pool;
    atomic_int users;
} output_prefix_t;

typedef struct
{
    ok4a_depth_stream_t *stream;
    struct libusb_transfer *transfer;
    uint8_t *buffer; /* a raw pool buffer */
    bool in_flight;
} slot_t;

typedef struct
{
    uint8_t *buffer;
    size_t size;
} raw_frame_t;

struct ok4a_depth_stream
{
    ok4a_depth_stream_config_t config;
    ok4a_depth_mode_info_t mode;
    ok4a_depth_engine_context_t *engine;
    k4a_calibration_camera_t camera_calibration; /* the engine may keep a pointer to it */
    uint8_t *cal_block;
    size_t output_size;
    ok4a_pool_t *raw_pool;
    ok4a_pool_t *output_pool;
    slot_t slots[RAW_TRANSFERS];
    pthread_t worker;
    bool worker_started;

    pthread_mutex_t mutex;
    pthread_cond_t cond;
    raw_frame_t waiting[RAW_WAITING]; /* under mutex: a FIFO */
    int waiting_count;
    int in_flight;
    bool stopping;
    bool lost;
    bool failed;
    bool halted; /* the raw endpoint stalled: the worker clears it once no transfer is out */
    bool logged_size, logged_engine;
    bool had_good_frame; /* worker only */
    openk4a_stream_stats_t stats[2];
};

bool ok4a_depth_mode_info(k4a_depth_mode_t mode, ok4a_depth_mode_info_t *info)
{
    memset(info, 0, sizeof *info);
    info->input_format = OK4A_DE_INPUT_12BIT_COMPRESSED;
    info->has_depth = true;
    switch (mode)
    {
    case K4A_DEPTH_MODE_NFOV_2X2BINNED:
    case K4A_DEPTH_MODE_NFOV_UNBINNED:
        info->sensor_mode = OPENK4A_K4A_MCU_SENSOR_MODE_LONG_THROW_NATIVE;
        info->raw_size = OPENK4A_K4A_MCU_SENSOR_MODE_LONG_THROW_NATIVE_SIZE;
        const bool binned = mode == K4A_DEPTH_MODE_NFOV_2X2BINNED;
        info->engine_mode = binned ? OK4A_DE_MODE_LT_SW_BINNING : OK4A_DE_MODE_LT_NATIVE;
        info->width = binned ? 320 : 640;
        info->height = binned ? 288 : 576;
        break;
    case K4A_DEPTH_MODE_WFOV_2X2BINNED:
        info->sensor_mode = OPENK4A_K4A_MCU_SENSOR_MODE_QUARTER_MEGA_PIXEL;
        info->raw_size = OPENK4A_K4A_MCU_SENSOR_MODE_QUARTER_MEGA_PIXEL_SIZE;
        info->engine_mode = OK4A_DE_MODE_QUARTER_MEGA_PIXEL;
        info->width = info->height = 512;
        break;
    case K4A_DEPTH_MODE_WFOV_UNBINNED:
        info->sensor_mode = OPENK4A_K4A_MCU_SENSOR_MODE_MEGA_PIXEL;
        info->raw_size = OPENK4A_K4A_MCU_SENSOR_MODE_MEGA_PIXEL_SIZE;
        info->engine_mode = OK4A_DE_MODE_MEGA_PIXEL;
        info->input_format = OK4A_DE_INPUT_8BIT_COMPRESSED;
        info->width = info->height = 1024;
        break;
    case K4A_DEPTH_MODE_PASSIVE_IR:
        info->sensor_mode = OPENK4A_K4A_MCU_SENSOR_MODE_PSEUDO_COMMON;
        info->raw_size = OPENK4A_K4A_MCU_SENSOR_MODE_PSEUDO_COMMON_SIZE;
        info->engine_mode = OK4A_DE_MODE_PCM;
        info->width = info->height = 1024;
        info->has_depth = false;
        break;
    default:
        return false;
    }
    info->transfer_size = (info->raw_size + TRANSFER_ALIGN - 1) / TRANSFER_ALIGN * TRANSFER_ALIGN;
    return true;
}

openk4a_frame_drop_reason_t ok4a_depth_raw_frame_check(const ok4a_depth_mode_info_t *info, size_t length)
{
    return length == info->raw_size ? OPENK4A_FRAME_DROP_REASON_COUNT : OPENK4A_FRAME_DROP_SIZE_MISMATCH;
}

static uint64_t monotonic_nsec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* One raw frame's fate, for each enabled output. Holds mutex. */
static void count_locked(ok4a_depth_stream_t *s, openk4a_frame_drop_reason_t reason)
{
    const bool enabled[2] = {s->config.deliver_depth, s->config.deliver_ir};
    for (int i = 0; i < 2; i++)
    {
        if (!enabled[i])
            continue;
        s->stats[i].frames_received++;
        if (reason == OPENK4A_FRAME_DROP_REASON_COUNT)
            s->stats[i].frames_delivered++;
        else
            s->stats[i].frames_dropped[reason]++;
    }
}

static void count(ok4a_depth_stream_t *s, openk4a_frame_drop_reason_t reason)
{
    pthread_mutex_lock(&s->mutex);
    count_locked(s, reason);
    pthread_mutex_unlock(&s->mutex);
}

/* Transfer counters go to the first enabled output. */
static openk4a_stream_stats_t *transfer_stats(ok4a_depth_stream_t *s)
{
    return &s->stats[s->config.deliver_depth ? 0 : 1];
}

/* ----------------------------------------------------------- transfers -- */

static bool submit_locked(ok4a_depth_stream_t *s, slot_t *slot)
{
    slot->transfer->buffer = slot->buffer;
    const int r = libusb_submit_transfer(slot->transfer);
    if (r == 0)
    {
        slot->in_flight = true;
        s->in_flight++;
        return true;
    }
    if (r == LIBUSB_ERROR_NO_DEVICE)
        s->lost = true;
    else
        transfer_stats(s)->transfer_errors++;
    return false;
}

/* A good raw frame goes to the worker; the slot takes a fresh buffer. Holds
 * mutex. */
static void hand_over_locked(ok4a_depth_stream_t *s, slot_t *slot, size_t size)
{
    uint8_t *fresh = ok4a_pool_acquire(s->raw_pool);
    if (fresh == NULL)
    {
        count_locked(s, OPENK4A_FRAME_DROP_NO_BUFFER);
        return;
    }
    if (s->waiting_count == RAW_WAITING)
    {
        /* The engine is behind: the oldest waiting frame goes. */
        ok4a_pool_release(s->waiting[0].buffer, s->raw_pool);
        memmove(&s->waiting[0], &s->waiting[1], sizeof s->waiting[0] * (RAW_WAITING - 1));
        s->waiting_count--;
        count_locked(s, OPENK4A_FRAME_DROP_NO_BUFFER);
    }
    s->waiting[s->waiting_count++] = (raw_frame_t){slot->buffer, size};
    slot->buffer = fresh;
    pthread_cond_broadcast(&s->cond);
}

static void LIBUSB_CALL on_transfer(struct libusb_transfer *t)
{
    slot_t *slot = t->user_data;
    ok4a_depth_stream_t *s = slot->stream;
    pthread_mutex_lock(&s->mutex);
    slot->in_flight = false;
    s->in_flight--;
    openk4a_stream_stats_t *ts = transfer_stats(s);
    ts->transfers++;
    const bool was_lost = s->lost;
    switch (t->status)
    {
    case LIBUSB_TRANSFER_COMPLETED:
    case LIBUSB_TRANSFER_TIMED_OUT:
        if (t->status == LIBUSB_TRANSFER_TIMED_OUT)
            ts->transfer_errors++;
        if (s->stopping || (t->status == LIBUSB_TRANSFER_TIMED_OUT && t->actual_length == 0))
            break; /* a timeout without data: the sensor sent nothing yet */
        ts->bytes_received += (uint64_t)t->actual_length;
        const openk4a_frame_drop_reason_t reason = ok4a_depth_raw_frame_check(&s->mode, (size_t)t->actual_length);
        if (reason != OPENK4A_FRAME_DROP_REASON_COUNT || t->status != LIBUSB_TRANSFER_COMPLETED)
        {
            if (!s->logged_size)
                OK4A_LOG_WARNING("depth stream: a raw transfer of %d bytes (%s); a frame of this mode is %zu bytes: "
                                 "dropped",
                                 t->actual_length, t->status == LIBUSB_TRANSFER_COMPLETED ? "completed" : "timed out",
                                 s->mode.raw_size);
            s->logged_size = true;
            count_locked(s, OPENK4A_FRAME_DROP_SIZE_MISMATCH);
            break;
        }
        hand_over_locked(s, slot, (size_t)t->actual_length);
        break;
    case LIBUSB_TRANSFER_CANCELLED:
        break;
    case LIBUSB_TRANSFER_NO_DEVICE:
        s->lost = true;
        break;
    case LIBUSB_TRANSFER_STALL:
        ts->transfer_errors++;
        s->halted = true; /* nothing is resubmitted until the worker cleared it */
        break;
    default: /* ERROR, OVERFLOW: that transfer's frame is lost */
        ts->transfer_errors++;
        if (!s->stopping)
            count_locked(s, OPENK4A_FRAME_DROP_LOST_PAYLOAD);
        break;
    }
    if (!s->stopping && !s->lost && !s->failed && !s->halted && t->status != LIBUSB_TRANSFER_CANCELLED)
        submit_locked(s, slot);
    const bool disconnected = s->lost && !was_lost;
    ok4a_depth_stream_event_fn *const on_disconnect = disconnected ? s->config.on_disconnect : NULL;
    void *const event_context = s->config.event_context;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mutex);
    if (on_disconnect != NULL)
        on_disconnect(event_context);
}

/* -------------------------------------------------------------- engine -- */

/* k4a_memory_destroy_cb_t of the output images: the buffer goes back to its
 * pool when both images are gone. */
static void release_output(void *data, void *base)
{
    (void)data;
    output_prefix_t *prefix = base;
    if (atomic_fetch_sub(&prefix->users, 1) == 1)
        ok4a_pool_release(base, prefix->pool);
}

static k4a_image_t make_image(k4a_image_format_t format, const ok4a_depth_mode_info_t *m, uint8_t *base, size_t offset)
{
    output_prefix_t *prefix = (output_prefix_t *)base;
    const int stride = m->width * 2;
    const size_t size = (size_t)stride * m->height;
    atomic_fetch_add(&prefix->users, 1);
    k4a_image_t image = NULL;
    if (k4a_image_create_from_buffer(format, m->width, m->height, stride, base + PREFIX + offset, size, release_output,
                                     base, &image) != K4A_RESULT_SUCCEEDED)
    {
        atomic_fetch_sub(&prefix->users, 1); /* on failure the callback is not called */
        return NULL;
    }
    return image;
}

/* One raw frame through the engine to the sink (worker thread). */
static void process(ok4a_depth_stream_t *s, raw_frame_t raw)
{
    const ok4a_depth_mode_info_t *m = &s->mode;
    uint8_t *base = ok4a_pool_acquire(s->output_pool);
    if (base == NULL)
    {
        ok4a_pool_release(raw.buffer, s->raw_pool);
        count(s, OPENK4A_FRAME_DROP_NO_BUFFER);
        return;
    }
    output_prefix_t *prefix = (output_prefix_t *)base;
    prefix->pool = s->output_pool;
    atomic_init(&prefix->users, 1); /* this function's own hold */
    ok4a_depth_engine_output_info_t info;
    memset(&info, 0, sizeof info);
    const int r = s->config.engine->depth_process(s->engine, raw.buffer, raw.size, OK4A_DE_OUTPUT_Z_DEPTH,
                                                  base + PREFIX, s->output_size, &info, NULL);
    ok4a_pool_release(raw.buffer, s->raw_pool);
    openk4a_frame_drop_reason_t reason = OPENK4A_FRAME_DROP_REASON_COUNT;
    if (r != OK4A_DE_RESULT_SUCCEEDED || info.output_width != m->width || info.output_height != m->height)
    {
        pthread_mutex_lock(&s->mutex);
        if (!s->logged_engine)
        {
            OK4A_LOG_ERROR(
                "depth stream: the depth engine %s (result %d, output %ux%u, expected %ux%u): frame dropped%s",
                r != OK4A_DE_RESULT_SUCCEEDED ? "refused a raw frame" : "gave an output of the wrong size", r,
                info.output_width, info.output_height, m->width, m->height,
                r >= 100 ? "; a fatal engine error: stop the cameras and start them again" : "");
        }
        s->logged_engine = true;
        pthread_mutex_unlock(&s->mutex);
        reason = OPENK4A_FRAME_DROP_ENGINE_FAILED;
    }
    else if (info.center_of_exposure_in_ticks == 0 && s->had_good_frame)
    {
        reason = OPENK4A_FRAME_DROP_NO_TIMESTAMP;
    }
    if (reason != OPENK4A_FRAME_DROP_REASON_COUNT)
    {
        release_output(NULL, base);
        count(s, reason);
        return;
    }
    s->had_good_frame = true;
    /* 90 kHz ticks to microseconds, as the SDK's K4A_90K_HZ_TICK_TO_USEC. */
    const uint64_t usec = info.center_of_exposure_in_ticks * 100 / 9;
    const size_t plane = (size_t)m->width * 2 * m->height;
    k4a_image_t depth =
        m->has_depth && s->config.deliver_depth ? make_image(K4A_IMAGE_FORMAT_DEPTH16, m, base, 0) : NULL;
    k4a_image_t ir = s->config.deliver_ir ? make_image(K4A_IMAGE_FORMAT_IR16, m, base, m->has_depth ? plane : 0) : NULL;
    release_output(NULL, base);
    if ((m->has_depth && s->config.deliver_depth && depth == NULL) || (s->config.deliver_ir && ir == NULL))
    {
        k4a_image_release(depth);
        k4a_image_release(ir);
        count(s, OPENK4A_FRAME_DROP_IMAGE_FAILED);
        return;
    }
    const uint64_t now = monotonic_nsec();
    count(s, OPENK4A_FRAME_DROP_REASON_COUNT);
    if (depth != NULL)
    {
        k4a_image_set_device_timestamp_usec(depth, usec);
        k4a_image_set_system_timestamp_nsec(depth, now);
        s->config.sink(s->config.sink_context, OPENK4A_STREAM_DEPTH, depth, usec, info.sensor_temp);
    }
    if (ir != NULL)
    {
        k4a_image_set_device_timestamp_usec(ir, usec);
        k4a_image_set_system_timestamp_nsec(ir, now);
        s->config.sink(s->config.sink_context, OPENK4A_STREAM_IR, ir, usec, info.sensor_temp);
    }
}

/* ok4a_retry_pause_fn: waits, unless the stream stops meanwhile. */
static bool pause_unless_stopping(void *context, int ms)
{
    ok4a_depth_stream_t *s = context;
    return ok4a_pause_unless_stopping(&s->cond, &s->mutex, &s->stopping, ms);
}

/* The raw endpoint stalled and every transfer came back: clear the halt
 * (retrying, as the colour stream does) and submit them all again; the
 * stream fails, saying why, when it will not clear. Worker thread, holds
 * mutex. */
static void recover_from_stall_locked(ok4a_depth_stream_t *s)
{
    pthread_mutex_unlock(&s->mutex);
    int attempts = 0;
    const int r =
        ok4a_usb_clear_halt_retrying(s->config.handle, s->config.endpoint, pause_unless_stopping, s, &attempts);
    pthread_mutex_lock(&s->mutex);
    s->halted = false;
    if (s->stopping)
        return;
    openk4a_stream_stats_t *ts = transfer_stats(s);
    int submitted = 0;
    if (r == 0)
    {
        ts->stalls_cleared++;
        for (int i = 0; i < RAW_TRANSFERS; i++)
            submitted += !s->slots[i].in_flight && submit_locked(s, &s->slots[i]);
    }
    if (r == 0 && submitted > 0)
    {
        OK4A_LOG_WARNING("depth stream: the raw depth endpoint 0x%02x stalled; halt cleared (attempt %d), depth "
                         "resumes",
                         s->config.endpoint, attempts);
        return;
    }
    if (r == LIBUSB_ERROR_NO_DEVICE || s->lost)
    {
        s->lost = true;
        return; /* the unplug is reported by the device's own monitor */
    }
    s->failed = true;
    ts->failures++;
    OK4A_LOG_ERROR("depth stream: the raw depth endpoint 0x%02x stalled and %s; depth stops: stop the cameras and "
                   "start them again",
                   s->config.endpoint,
                   r != 0 ? "its halt would not clear" : "no transfer could be submitted after clearing it");
}

static void *worker(void *context)
{
    ok4a_depth_stream_t *s = context;
    pthread_mutex_lock(&s->mutex);
    for (;;)
    {
        while (s->waiting_count == 0 && !s->stopping && !(s->halted && s->in_flight == 0))
            pthread_cond_wait(&s->cond, &s->mutex);
        if (s->halted && s->in_flight == 0 && !s->stopping)
        {
            recover_from_stall_locked(s);
            continue;
        }
        if (s->waiting_count == 0)
            break; /* stopping, nothing left */
        const raw_frame_t raw = s->waiting[0];
        memmove(&s->waiting[0], &s->waiting[1], sizeof s->waiting[0] * (RAW_WAITING - 1));
        s->waiting_count--;
        if (s->stopping)
        {
            ok4a_pool_release(raw.buffer, s->raw_pool);
            count_locked(s, OPENK4A_FRAME_DROP_STOPPED);
            continue;
        }
        pthread_mutex_unlock(&s->mutex);
        process(s, raw);
        pthread_mutex_lock(&s->mutex);
    }
    pthread_mutex_unlock(&s->mutex);
    return NULL;
}

/* --------------------------------------------------------------- setup -- */

static bool command(ok4a_depth_stream_t *s, uint32_t code, const uint32_t *value, const char *what, char *why,
                    size_t why_size)
{
    uint8_t data[4];
    if (value != NULL)
    {
        for (int i = 0; i < 4; i++)
            data[i] = (uint8_t)(*value >> (8 * i)); /* little-endian */
    }
    size_t n = 0;
    char reason[256] = "";
    if (ok4a_mcu_read(s->config.mcu, code, value != NULL ? data : NULL, value != NULL ? 4 : 0, NULL, 0, &n, reason,
                      sizeof reason))
        return true;
    snprintf(why, why_size, "depth: the depth MCU did not %s: %s", what, reason);
    return false;
}

static bool read_cal_block(ok4a_depth_stream_t *s, size_t *size, char *why, size_t why_size)
{
    s->cal_block = malloc(CAL_BLOCK_MAX);
    if (s->cal_block == NULL)
    {
        snprintf(why, why_size, "depth: out of memory for the depth calibration block");
        return false;
    }
    uint8_t tag[4] = {OPENK4A_K4A_MCU_NV_IR_SENSOR_CALIBRATION, 0, 0, 0};
    char reason[256] = "";
    if (!ok4a_mcu_read(s->config.mcu, OPENK4A_K4A_MCU_DEPTH_CMD_NV_DATA_GET, tag, sizeof tag, s->cal_block,
                       CAL_BLOCK_MAX, size, reason, sizeof reason))
    {
        snprintf(why, why_size, "depth: cannot read the depth calibration block from the depth MCU: %s", reason);
        return false;
    }
    if (*size < 4)
    {
        snprintf(why, why_size,
                 "depth: the depth MCU sent a depth calibration block of %zu bytes (the SDK needs 4 or "
                 "more; is the sensor on?)",
                 *size);
        return false;
    }
    return true;
}

static void stop_sensor(ok4a_depth_stream_t *s, bool quiet)
{
    char why[320] = "";
    if (!command(s, OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_STOP, NULL, "stop the stream", why, sizeof why) && !quiet)
        OK4A_LOG_WARNING("%s", why);
    if (!command(s, OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STOP, NULL, "stop the sensor", why, sizeof why) && !quiet)
        OK4A_LOG_WARNING("%s", why);
}

static void free_stream(ok4a_depth_stream_t *s)
{
    for (int i = 0; i < RAW_TRANSFERS; i++)
    {
        libusb_free_transfer(s->slots[i].transfer);
        if (s->slots[i].buffer != NULL)
            ok4a_pool_release(s->slots[i].buffer, s->raw_pool);
    }
    for (int i = 0; i < s->waiting_count; i++)
        ok4a_pool_release(s->waiting[i].buffer, s->raw_pool);
    if (s->engine != NULL)
        s->config.engine->depth_destroy(&s->engine);
    free(s->cal_block);
    ok4a_pool_destroy(s->raw_pool);
    ok4a_pool_destroy(s->output_pool); /* buffers held by images stay valid */
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->mutex);
    free(s);
}

ok4a_depth_stream_t *ok4a_depth_stream_start(const ok4a_depth_stream_config_t *config, char *why, size_t why_size)
{
    ok4a_depth_stream_t *s = calloc(1, sizeof *s);
    if (s == NULL)
    {
        snprintf(why, why_size, "depth: out of memory");
        return NULL;
    }
    s->config = *config;
    pthread_mutex_init(&s->mutex, NULL);
    ok4a_cond_init_monotonic(&s->cond);
    bool sensor_started = false;
    if (!ok4a_depth_mode_info(config->depth_mode, &s->mode))
    {
        snprintf(why, why_size, "depth: depth mode %d has no raw sensor mode", (int)config->depth_mode);
        goto failed;
    }
    const uint32_t fps_values[] = {5, 15, 30}; /* K4A_FRAMES_PER_SECOND_5, _15, _30 */
    if ((unsigned)config->fps >= sizeof fps_values / sizeof fps_values[0])
    {
        snprintf(why, why_size, "depth: frame rate %d is not one of k4a's", (int)config->fps);
        goto failed;
    }
    const uint32_t fps = fps_values[config->fps];
    const uint32_t sensor_mode = s->mode.sensor_mode;
    sensor_started = true; /* from here on, a failure tells the sensor to stop */
    if (!command(s, OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_MODE_SET, &sensor_mode, "take the sensor mode", why, why_size))
        goto failed;
    size_t cal_size = 0;
    if (!read_cal_block(s, &cal_size, why, why_size))
        goto failed;
    if (config->camera_calibration != NULL)
        s->camera_calibration = *config->camera_calibration;
    const int r =
        config->engine->depth_create(&s->engine, cal_size, s->cal_block, s->mode.engine_mode, s->mode.input_format,
                                     config->camera_calibration != NULL ? &s->camera_calibration : NULL, NULL, NULL);
    if (r != OK4A_DE_RESULT_SUCCEEDED || s->engine == NULL)
    {
        snprintf(why, why_size, "depth: the depth engine would not start (result %d)%s", r,
                 config->camera_calibration == NULL ? "; it was given no camera calibration" : "");
        s->engine = NULL;
        goto failed;
    }
    s->output_size = config->engine->depth_output_size(s->engine);
    const size_t needed = (size_t)s->mode.width * s->mode.height * 2 * (s->mode.has_depth ? 2 : 1);
    if (s->output_size < needed || s->output_size > needed * 4)
    {
        snprintf(why, why_size, "depth: the depth engine wants %zu output bytes for %ux%u %s; expected %zu",
                 s->output_size, s->mode.width, s->mode.height, s->mode.has_depth ? "depth + IR" : "IR", needed);
        goto failed;
    }
    const ok4a_pool_config_t raw_config = {
        .name = "depth raw",
        .buffer_size = s->mode.transfer_size,
        .max_buffers = RAW_TRANSFERS + RAW_WAITING + 1,
        .preallocate = RAW_TRANSFERS + 1,
    };
    const ok4a_pool_config_t output_config = {
        .name = "depth output",
        .buffer_size = PREFIX + s->output_size,
        .max_buffers = config->spare_outputs + 2,
        .preallocate = 2,
    };
    s->raw_pool = ok4a_pool_create(&raw_config);
    s->output_pool = ok4a_pool_create(&output_config);
    if (s->raw_pool == NULL || s->output_pool == NULL)
    {
        snprintf(why, why_size, "depth: out of memory for raw frame and output buffers");
        goto failed;
    }
    for (int i = 0; i < RAW_TRANSFERS; i++)
    {
        slot_t *slot = &s->slots[i];
        slot->stream = s;
        slot->buffer = ok4a_pool_acquire(s->raw_pool);
        slot->transfer = libusb_alloc_transfer(0);
        if (slot->buffer == NULL || slot->transfer == NULL)
        {
            snprintf(why, why_size, "depth: out of memory for transfers");
            goto failed;
        }
        libusb_fill_bulk_transfer(slot->transfer, config->handle, config->endpoint, slot->buffer,
                                  (int)s->mode.transfer_size, on_transfer, slot, TRANSFER_TIMEOUT_MS);
    }
    if (pthread_create(&s->worker, NULL, worker, s) != 0)
    {
        snprintf(why, why_size, "depth: cannot start the depth engine's thread");
        goto failed;
    }
    s->worker_started = true;
    if (!command(s, OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_FPS_SET, &fps, "take the frame rate", why, why_size) ||
        !command(s, OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_START, NULL, "start the sensor", why, why_size) ||
        !command(s, OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_START, NULL, "start the stream", why, why_size))
        goto failed;
    /* An endpoint that stalled during an earlier run stays halted until
     * cleared; a clear endpoint takes this as a no-op. */
    const int cleared = libusb_clear_halt(config->handle, config->endpoint);
    if (cleared != 0)
        OK4A_LOG_WARNING("depth stream: clearing endpoint 0x%02x: %s", config->endpoint, libusb_error_name(cleared));
    pthread_mutex_lock(&s->mutex);
    for (int i = 0; i < RAW_TRANSFERS; i++)
    {
        if (!submit_locked(s, &s->slots[i]))
        {
            pthread_mutex_unlock(&s->mutex);
            snprintf(why, why_size, "depth: cannot submit transfers on the raw depth endpoint 0x%02x%s",
                     config->endpoint, s->lost ? " (the depth camera is gone)" : "");
            goto failed;
        }
    }
    pthread_mutex_unlock(&s->mutex);
    OK4A_LOG_INFO("depth stream: sensor mode %u at %u fps, raw frames of %zu bytes in %d transfers of %zu, engine "
                  "output %ux%u (%zu bytes)",
                  sensor_mode, fps, s->mode.raw_size, RAW_TRANSFERS, s->mode.transfer_size, s->mode.width,
                  s->mode.height, s->output_size);
    return s;

failed:
    if (!sensor_started)
    {
        free_stream(s);
        return NULL;
    }
    ok4a_depth_stream_stop(s, NULL);
    return NULL;
}

void ok4a_depth_stream_stop(ok4a_depth_stream_t *s, openk4a_stream_stats_t final_stats[2])
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->mutex);
    s->stopping = true;
    for (int i = 0; i < RAW_TRANSFERS; i++)
    {
        if (s->slots[i].in_flight)
            libusb_cancel_transfer(s->slots[i].transfer);
    }
    const struct timespec deadline = ok4a_deadline_after_ms(STOP_WAIT_MS);
    while (s->in_flight > 0 && ok4a_cond_wait_step(&s->cond, &s->mutex, STOP_WAIT_MS, &deadline))
    {
    }
    const bool idle = s->in_flight == 0;
    const bool lost = s->lost;
    pthread_cond_broadcast(&s->cond); /* the worker sees stopping */
    pthread_mutex_unlock(&s->mutex);
    if (s->worker_started)
        pthread_join(s->worker, NULL);
    stop_sensor(s, lost);
    pthread_mutex_lock(&s->mutex);
    if (final_stats != NULL)
    {
        final_stats[0] = s->stats[0];
        final_stats[1] = s->stats[1];
    }
    pthread_mutex_unlock(&s->mutex);
    if (!idle)
    {
        /* Their callbacks may still come: the stream stays allocated for them. */
        OK4A_LOG_ERROR("depth stream: %d transfers did not come back after cancel; leaking the stream", s->in_flight);
        return;
    }
    free_stream(s);
}

void ok4a_depth_stream_get_stats(ok4a_depth_stream_t *s, openk4a_stream_stats_t stats[2])
{
    pthread_mutex_lock(&s->mutex);
    stats[0] = s->stats[0];
    stats[1] = s->stats[1];
    pthread_mutex_unlock(&s->mutex);
}
