/* k4a image glue over the raw conversion path (to_bgra32) and the ordered
 * decode workers (decode_pool). */
#include <stdatomic.h>
#include <stdlib.h>

#include "core/color/decode_pool.h"
#include "core/color/mjpeg_scan.h"
#include "core/color/to_bgra32.h"
#include "core/log.h"
#include "openk4a/color.h"
#include "openk4a/image.h"

/* Describes the conversion of `source` into `destination` (either may be a
 * bad handle: the getters then return NULL/0 and this fails). */
static bool make_request(k4a_image_t source, k4a_image_t destination, openk4a_bgra32_request_t *request,
                         const char *caller)
{
    const uint8_t *source_buffer = k4a_image_get_buffer(source);
    uint8_t *destination_buffer = k4a_image_get_buffer(destination);
    if (source_buffer == NULL || destination_buffer == NULL)
    {
        OK4A_LOG_ERROR("%s: invalid source or destination image", caller);
        return false;
    }
    const k4a_image_format_t format = k4a_image_get_format(source);
    if (format != K4A_IMAGE_FORMAT_COLOR_MJPG && format != K4A_IMAGE_FORMAT_COLOR_NV12 &&
        format != K4A_IMAGE_FORMAT_COLOR_YUY2)
    {
        OK4A_LOG_ERROR("%s: source format %d is not MJPG, NV12 or YUY2", caller, (int)format);
        return false;
    }
    if (k4a_image_get_format(destination) != K4A_IMAGE_FORMAT_COLOR_BGRA32)
    {
        OK4A_LOG_ERROR("%s: destination format %d is not BGRA32", caller, (int)k4a_image_get_format(destination));
        return false;
    }
    const int width = k4a_image_get_width_pixels(destination);
    const int height = k4a_image_get_height_pixels(destination);
    if (format != K4A_IMAGE_FORMAT_COLOR_MJPG &&
        (k4a_image_get_width_pixels(source) != width || k4a_image_get_height_pixels(source) != height))
    {
        OK4A_LOG_ERROR("%s: source is %dx%d, destination %dx%d", caller, k4a_image_get_width_pixels(source),
                       k4a_image_get_height_pixels(source), width, height);
        return false;
    }
    *request = (openk4a_bgra32_request_t){
        .source_format = (openk4a_bgra32_source_format_t)format,
        .source = source_buffer,
        .source_size = k4a_image_get_size(source),
        .source_stride = (uint32_t)k4a_image_get_stride_bytes(source),
        .width = (uint32_t)width,
        .height = (uint32_t)height,
        .destination = destination_buffer,
        .destination_size = k4a_image_get_size(destination),
        .destination_stride = (uint32_t)k4a_image_get_stride_bytes(destination),
    };
    return true;
}

static void set_status(openk4a_color_status_t *out, openk4a_color_status_t status)
{
    if (out != NULL)
        *out = status;
}

k4a_result_t openk4a_image_decode_into_bgra32(k4a_image_t source, k4a_image_t destination, openk4a_color_mode_t mode,
                                              openk4a_color_status_t *status)
{
    openk4a_bgra32_request_t request;
    if (!make_request(source, destination, &request, __func__))
    {
        set_status(status, OPENK4A_COLOR_INVALID_ARGUMENT);
        return K4A_RESULT_FAILED;
    }
    openk4a_mjpeg_decoder_t *mjpeg = NULL;
    if (request.source_format == OPENK4A_BGRA32_FROM_MJPG && (mjpeg = openk4a_mjpeg_decoder_create()) == NULL)
    {
        set_status(status, OPENK4A_COLOR_NO_MEMORY);
        return K4A_RESULT_FAILED;
    }
    const openk4a_color_status_t result = openk4a_to_bgra32(mjpeg, &request, mode, NULL);
    if (result != OPENK4A_COLOR_OK)
        OK4A_LOG_WARNING("%s: frame dropped: %s%s%s", __func__, openk4a_color_status_str(result), mjpeg ? ": " : "",
                         mjpeg ? openk4a_mjpeg_decoder_last_message(mjpeg) : "");
    openk4a_mjpeg_decoder_destroy(mjpeg);
    set_status(status, result);
    if (result != OPENK4A_COLOR_OK)
        return K4A_RESULT_FAILED;
    (void)openk4a_image_copy_properties(destination, source); /* both live (checked or held): cannot fail */
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t openk4a_image_decode_to_bgra32(k4a_image_t source, openk4a_color_mode_t mode, k4a_image_t *bgra_image,
                                            openk4a_color_status_t *status)
{
    if (bgra_image == NULL)
    {
        OK4A_LOG_ERROR("%s: bgra_image is NULL", __func__);
        set_status(status, OPENK4A_COLOR_INVALID_ARGUMENT);
        return K4A_RESULT_FAILED;
    }
    *bgra_image = NULL;
    const uint8_t *buffer = k4a_image_get_buffer(source);
    if (buffer == NULL)
    {
        OK4A_LOG_ERROR("%s: invalid source image", __func__);
        set_status(status, OPENK4A_COLOR_INVALID_ARGUMENT);
        return K4A_RESULT_FAILED;
    }
    int width = k4a_image_get_width_pixels(source);
    int height = k4a_image_get_height_pixels(source);
    if (k4a_image_get_format(source) == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        /* The frame's own header decides the size; a bad frame fails here,
         * before any allocation. */
        openk4a_mjpeg_info_t info;
        const openk4a_color_status_t scanned = openk4a_mjpeg_scan(buffer, k4a_image_get_size(source), &info);
        if (scanned != OPENK4A_COLOR_OK)
        {
            OK4A_LOG_WARNING("%s: frame dropped: %s", __func__, openk4a_color_status_str(scanned));
            set_status(status, scanned);
            return K4A_RESULT_FAILED;
        }
        width = (int)info.width;
        height = (int)info.height;
    }
    k4a_image_t image = NULL;
    if (K4A_FAILED(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, width, height, 0, &image)))
    {
        set_status(status, OPENK4A_COLOR_NO_MEMORY);
        return K4A_RESULT_FAILED;
    }
    if (K4A_FAILED(openk4a_image_decode_into_bgra32(source, image, mode, status)))
    {
        k4a_image_release(image);
        return K4A_RESULT_FAILED;
    }
    *bgra_image = image;
    return K4A_RESULT_SUCCEEDED;
}

/* ---- Stream decoder ---- */

struct _openk4a_color_decoder_t
{
    openk4a_decode_pool_t *pool;
    openk4a_color_decoder_config_t config;
    _Atomic(uint64_t) invalid_submits;
    /* Drops per status, for rate-limited logging; touched only by the
     * delivering thread (one at a time, ordered by the pool's mutex). */
    uint64_t drops_logged[OPENK4A_COLOR_STATUS_COUNT];
};

static void on_frame_done(void *context, const openk4a_decode_job_t *job, openk4a_color_status_t status, bool warned)
{
    struct _openk4a_color_decoder_t *decoder = context;
    (void)warned;
    k4a_image_t source = job->source_owner;
    k4a_image_t destination = job->destination_owner;
    (void)openk4a_image_copy_properties(destination, source); /* both live (checked or held): cannot fail */
    if (status != OPENK4A_COLOR_OK)
    {
        /* Log the 1st, 2nd, 4th, 8th... drop of each kind: visible, never a flood. */
        const uint64_t n = ++decoder->drops_logged[status];
        if ((n & (n - 1)) == 0)
            OK4A_LOG_WARNING("colour decode: frame at %llu us dropped (%s), %llu such drops so far",
                             (unsigned long long)k4a_image_get_device_timestamp_usec(source),
                             openk4a_color_status_str(status), (unsigned long long)n);
    }
    decoder->config.callback(decoder->config.callback_context, job->user_context, source, destination, status);
    k4a_image_release(source);
    k4a_image_release(destination);
}

k4a_result_t openk4a_color_decoder_create(const openk4a_color_decoder_config_t *config, openk4a_color_decoder_t *out)
{
    if (out == NULL || config == NULL || config->callback == NULL)
    {
        OK4A_LOG_ERROR("%s: config, its callback and the output handle are required", __func__);
        if (out != NULL)
            *out = NULL;
        return K4A_RESULT_FAILED;
    }
    *out = NULL;
    struct _openk4a_color_decoder_t *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL)
    {
        OK4A_LOG_ERROR("%s: out of memory", __func__);
        return K4A_RESULT_FAILED;
    }
    decoder->config = *config;
    const openk4a_decode_pool_config_t pool_config = {
        .worker_count = config->worker_count,
        .queue_capacity = config->queue_capacity,
        .mode = config->mode,
        .on_done = on_frame_done,
        .callback_context = decoder,
    };
    const openk4a_color_status_t status = openk4a_decode_pool_create(&pool_config, &decoder->pool);
    if (status != OPENK4A_COLOR_OK)
    {
        OK4A_LOG_ERROR("%s: %s (workers %u, queue %u, mode %d)", __func__, openk4a_color_status_str(status),
                       config->worker_count, config->queue_capacity, (int)config->mode);
        free(decoder);
        return K4A_RESULT_FAILED;
    }
    *out = decoder;
    return K4A_RESULT_SUCCEEDED;
}

k4a_wait_result_t openk4a_color_decoder_submit(openk4a_color_decoder_t decoder, k4a_image_t source,
                                               k4a_image_t destination, void *frame_context, int32_t timeout_in_ms)
{
    if (decoder == NULL)
    {
        OK4A_LOG_ERROR("%s: decoder is NULL", __func__);
        return K4A_WAIT_RESULT_FAILED;
    }
    openk4a_decode_job_t job = {
        .user_context = frame_context, .source_owner = source, .destination_owner = destination};
    if (!make_request(source, destination, &job.request, __func__))
    {
        atomic_fetch_add_explicit(&decoder->invalid_submits, 1, memory_order_relaxed);
        return K4A_WAIT_RESULT_FAILED;
    }
    /* The references travel with the job and are dropped after its callback. */
    k4a_image_reference(source);
    k4a_image_reference(destination);
    const openk4a_color_status_t status = openk4a_decode_pool_submit(decoder->pool, &job, timeout_in_ms);
    if (status == OPENK4A_COLOR_OK)
        return K4A_WAIT_RESULT_SUCCEEDED;
    k4a_image_release(source);
    k4a_image_release(destination);
    return status == OPENK4A_COLOR_QUEUE_FULL ? K4A_WAIT_RESULT_TIMEOUT : K4A_WAIT_RESULT_FAILED;
}

k4a_wait_result_t openk4a_color_decoder_flush(openk4a_color_decoder_t decoder, int32_t timeout_in_ms)
{
    if (decoder == NULL)
        return K4A_WAIT_RESULT_FAILED;
    return openk4a_decode_pool_flush(decoder->pool, timeout_in_ms) ? K4A_WAIT_RESULT_SUCCEEDED :
                                                                     K4A_WAIT_RESULT_TIMEOUT;
}

void openk4a_color_decoder_get_stats(openk4a_color_decoder_t decoder, openk4a_color_decoder_stats_t *stats)
{
    if (stats == NULL)
        return;
    *stats = (openk4a_color_decoder_stats_t){0};
    if (decoder == NULL)
        return;
    openk4a_decode_pool_get_stats(decoder->pool, stats);
    const uint64_t invalid = atomic_load_explicit(&decoder->invalid_submits, memory_order_relaxed);
    stats->rejected += invalid;
    stats->by_status[OPENK4A_COLOR_INVALID_ARGUMENT] += invalid;
}

void openk4a_color_decoder_destroy(openk4a_color_decoder_t decoder)
{
    if (decoder == NULL)
        return;
    openk4a_decode_pool_destroy(decoder->pool);
    free(decoder);
}
