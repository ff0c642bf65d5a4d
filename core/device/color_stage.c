/* POSIX: clock_gettime. */
#define _POSIX_C_SOURCE 200809L

#include "core/device/color_stage.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/color/decode_pool.h"
#include "core/device/device_frames.h"
#include "core/image_format.h"
#include "core/log.h"
#include "core/pool.h"
#include "openk4a/color.h"

#define OK4A_MAX_DEFAULT_WORKERS 8u
#define OK4A_MIN_QUEUE 4u
/* BGRA32 images beyond those being decoded while a consumer keeps up: one
 * waiting for its depth, one queued, one or two held by the consumer. */
#define OK4A_STEADY_EXTRA 4u

struct ok4a_color_stage
{
    ok4a_color_stage_config_t config;
    size_t image_size;
    int stride;
    ok4a_pool_t *pool; /* BGRA32 buffers */
    openk4a_color_decoder_t decoder;
    pthread_mutex_t mutex; /* guards stats: pushes come from the USB thread, results from decode threads */
    ok4a_color_stage_stats_t stats;
};

static void count_drop(ok4a_color_stage_t *s, openk4a_frame_drop_reason_t reason)
{
    pthread_mutex_lock(&s->mutex);
    s->stats.dropped[reason]++;
    pthread_mutex_unlock(&s->mutex);
}

static openk4a_frame_drop_reason_t drop_reason(openk4a_color_status_t status)
{
    switch (status)
    {
    case OPENK4A_COLOR_SIZE_MISMATCH:
        return OPENK4A_FRAME_DROP_SIZE_MISMATCH;
    case OPENK4A_COLOR_NO_MEMORY:
        return OPENK4A_FRAME_DROP_IMAGE_FAILED;
    case OPENK4A_COLOR_QUEUE_FULL:
        return OPENK4A_FRAME_DROP_DECODER_BUSY;
    default: /* corrupt or truncated data, an unsupported JPEG, libjpeg-turbo's own failure */
        return OPENK4A_FRAME_DROP_DECODE_FAILED;
    }
}

static uint64_t monotonic_nsec(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* On a decode thread, once per frame, in push order. The decoder drops its
 * references after this returns: a failed frame's image goes back to the
 * pool unseen. */
static void on_decoded(void *context, void *frame_context, k4a_image_t source, k4a_image_t destination,
                       openk4a_color_status_t status)
{
    ok4a_color_stage_t *s = context;
    const uint64_t pushed_nsec = (uint64_t)(uintptr_t)frame_context;
    (void)source;
    if (status != OPENK4A_COLOR_OK)
    {
        count_drop(s, drop_reason(status));
        return;
    }
    const uint64_t now = monotonic_nsec();
    pthread_mutex_lock(&s->mutex);
    s->stats.delivered++;
    s->stats.decode_nsec += now - pushed_nsec;
    pthread_mutex_unlock(&s->mutex);
    k4a_image_reference(destination); /* the sink's reference */
    s->config.sink(s->config.sink_context, OPENK4A_STREAM_COLOR, destination,
                   k4a_image_get_device_timestamp_usec(destination), NAN);
}

ok4a_color_stage_t *ok4a_color_stage_create(const ok4a_color_stage_config_t *config, char *why, size_t why_size)
{
    if (config == NULL || config->sink == NULL || config->width <= 0 || config->height <= 0 ||
        config->width > OK4A_IMAGE_MAX_DIMENSION || config->height > OK4A_IMAGE_MAX_DIMENSION)
    {
        snprintf(why, why_size, "colour decode: invalid stage configuration");
        return NULL;
    }
    ok4a_color_stage_t *s = calloc(1, sizeof *s);
    if (s == NULL)
    {
        snprintf(why, why_size, "colour decode: out of memory");
        return NULL;
    }
    s->config = *config;
    s->stride = config->width * 4;
    s->image_size = (size_t)s->stride * (size_t)config->height;
    uint32_t workers = config->worker_count;
    if (workers == 0)
    {
        workers = openk4a_decode_pool_default_workers();
        workers = workers > OK4A_MAX_DEFAULT_WORKERS ? OK4A_MAX_DEFAULT_WORKERS : workers;
    }
    uint32_t capacity = config->queue_capacity;
    if (capacity == 0)
        capacity = 2 * workers > OK4A_MIN_QUEUE ? 2 * workers : OK4A_MIN_QUEUE;
    pthread_mutex_init(&s->mutex, NULL);
    /* Every buffer is kept for reuse (max_free 0): freeing and faulting in
     * tens of MiB again per frame would cost more than the decode. Those a
     * consumer that keeps up cycles through exist from the start. */
    const uint32_t steady = capacity + OK4A_STEADY_EXTRA;
    const ok4a_pool_config_t pool_config = {
        .name = "bgra32",
        .buffer_size = s->image_size,
        .max_buffers = capacity + config->spare_images,
        .max_free = 0,
        .preallocate = steady < capacity + config->spare_images ? steady : capacity + config->spare_images,
    };
    s->pool = ok4a_pool_create(&pool_config);
    openk4a_color_decoder_config_t decoder_config = OPENK4A_COLOR_DECODER_CONFIG_INIT;
    decoder_config.worker_count = workers;
    decoder_config.queue_capacity = capacity;
    decoder_config.mode = config->mode;
    decoder_config.callback = on_decoded;
    decoder_config.callback_context = s;
    if (s->pool == NULL || openk4a_color_decoder_create(&decoder_config, &s->decoder) != K4A_RESULT_SUCCEEDED)
    {
        snprintf(why, why_size, "colour decode: cannot start %u decode threads with %u buffers of %zu bytes", workers,
                 pool_config.max_buffers, s->image_size);
        ok4a_pool_destroy(s->pool);
        pthread_mutex_destroy(&s->mutex);
        free(s);
        return NULL;
    }
    s->stats.workers = workers;
    s->stats.queue_capacity = capacity;
    return s;
}

void ok4a_color_stage_push(void *context, openk4a_stream_t stream, k4a_image_t image, uint64_t device_timestamp_usec,
                           float temperature_c)
{
    ok4a_color_stage_t *s = context;
    (void)stream;
    (void)device_timestamp_usec; /* the image carries it; the decoder copies it over */
    (void)temperature_c;         /* colour carries none */
    pthread_mutex_lock(&s->mutex);
    s->stats.pushed++;
    pthread_mutex_unlock(&s->mutex);
    uint8_t *buffer = ok4a_pool_acquire(s->pool);
    if (buffer == NULL)
    {
        count_drop(s, OPENK4A_FRAME_DROP_NO_BUFFER);
        k4a_image_release(image);
        return;
    }
    k4a_image_t destination = NULL;
    if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_BGRA32, s->config.width, s->config.height, s->stride,
                                     buffer, s->image_size, ok4a_device_frame_release_pooled, s->pool,
                                     &destination) != K4A_RESULT_SUCCEEDED)
    {
        ok4a_pool_release(buffer, s->pool); /* on failure we still own it */
        count_drop(s, OPENK4A_FRAME_DROP_IMAGE_FAILED);
        k4a_image_release(image);
        return;
    }
    /* Never wait: this runs on the USB event thread, which also serves the
     * other streams. A full queue means decoding is behind: drop the new frame. */
    /* The push time rides along as the frame's context (decode time). */
    const k4a_wait_result_t r =
        openk4a_color_decoder_submit(s->decoder, image, destination, (void *)(uintptr_t)monotonic_nsec(), 0);
    k4a_image_release(image); /* the decoder holds its own references */
    k4a_image_release(destination);
    if (r == K4A_WAIT_RESULT_TIMEOUT)
        count_drop(s, OPENK4A_FRAME_DROP_DECODER_BUSY);
    else if (r != K4A_WAIT_RESULT_SUCCEEDED)
        count_drop(s, OPENK4A_FRAME_DROP_DECODE_FAILED); /* wrong format or size: logged by the decoder */
}

bool ok4a_color_stage_flush(ok4a_color_stage_t *s, int32_t timeout_ms)
{
    return openk4a_color_decoder_flush(s->decoder, timeout_ms) == K4A_WAIT_RESULT_SUCCEEDED;
}

void ok4a_color_stage_get_stats(ok4a_color_stage_t *s, ok4a_color_stage_stats_t *stats)
{
    openk4a_color_decoder_stats_t decoder;
    openk4a_color_decoder_get_stats(s->decoder, &decoder);
    pthread_mutex_lock(&s->mutex);
    *stats = s->stats;
    pthread_mutex_unlock(&s->mutex);
    stats->max_in_flight = decoder.max_in_flight;
}

void ok4a_color_stage_destroy(ok4a_color_stage_t *s, ok4a_color_stage_stats_t *final_stats)
{
    if (s == NULL)
        return;
    openk4a_color_decoder_stats_t decoder;
    openk4a_color_decoder_get_stats(s->decoder, &decoder);
    openk4a_color_decoder_destroy(s->decoder); /* decodes and reports what is queued */
    s->stats.max_in_flight = decoder.max_in_flight;
    if (final_stats != NULL)
        *final_stats = s->stats;
    ok4a_pool_destroy(s->pool); /* images still held keep their buffers */
    pthread_mutex_destroy(&s->mutex);
    free(s);
}
