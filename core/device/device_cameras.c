/* The cameras of an open device: k4a_device_start_cameras (configuration ->
 * streams -> colour stage -> capture sync), k4a_device_stop_cameras,
 * k4a_device_get_capture, openk4a_device_check_configuration. */
/* POSIX: clock_gettime. */
#define _POSIX_C_SOURCE 200809L

#include <libusb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include <k4a/k4a.h>

#include "core/device/camera_plan.h"
#include "core/device/capture_sync.h"
#include "core/device/color_mcu.h"
#include "core/device/color_stage.h"
#include "core/device/depth_engine.h"
#include "core/device/depth_stream.h"
#include "core/device/device_stats.h"
#include "core/device/open_device.h"
#include "core/device/uvc_stream.h"
#include "core/log.h"
#include "openk4a/device.h"

static void sink(void *context, openk4a_stream_t stream, k4a_image_t image, uint64_t device_timestamp_usec,
                 float temperature_c)
{
    ok4a_capture_sync_push(context, stream, image, device_timestamp_usec, temperature_c);
}

/* A real Azure Kinect's depth and IR (api_mutex held): the raw stream of its
 * depth camera through the depth engine into the sync. */
static ok4a_depth_stream_t *ok4a_depth_stream_start_for(struct _k4a_device_t *d,
                                                        const k4a_device_configuration_t *config,
                                                        const ok4a_camera_plan_t *plan,
                                                        const k4a_calibration_t *calibration, ok4a_capture_sync_t *sync,
                                                        uint32_t pending, char *why, size_t why_size)
{
    const ok4a_depth_stream_config_t depth_config = {
        .handle = d->depth_handle,
        .endpoint = OK4A_AZURE_KINECT_DEPTH_STREAM_IN,
        .mcu = &d->depth_mcu,
        .engine = &d->depth_engine,
        .camera_calibration = calibration != NULL ? &calibration->depth_camera_calibration : NULL,
        .depth_mode = config->depth_mode,
        .fps = config->camera_fps,
        .deliver_depth = plan->streams[OPENK4A_STREAM_DEPTH].enabled,
        .deliver_ir = plan->streams[OPENK4A_STREAM_IR].enabled,
        .spare_outputs = OK4A_SPARE_BUFFERS + pending,
        .sink = sink,
        .sink_context = sync,
        .on_disconnect = ok4a_device_on_disconnect,
        .event_context = d,
    };
    return ok4a_depth_stream_start(&depth_config, why, why_size);
}

/* Stops what runs (api_mutex held); the queue goes after its producers. */
static void stop_cameras_locked(struct _k4a_device_t *d)
{
    if (d->depth_stream != NULL)
    {
        openk4a_stream_stats_t last[2];
        ok4a_depth_stream_stop(d->depth_stream, last);
        d->depth_stream = NULL;
        pthread_mutex_lock(&d->stats_mutex);
        ok4a_stats_add_stream(&d->past.streams[OPENK4A_STREAM_DEPTH], &last[0]);
        ok4a_stats_add_stream(&d->past.streams[OPENK4A_STREAM_IR], &last[1]);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (d->streams[i] == NULL)
            continue;
        openk4a_stream_stats_t last;
        ok4a_uvc_stream_stop(d->streams[i], &last);
        d->streams[i] = NULL;
        pthread_mutex_lock(&d->stats_mutex);
        ok4a_stats_add_stream(&d->past.streams[i], &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    if (d->color_stage != NULL)
    {
        /* No more input: the frames being decoded finish into the sync. */
        ok4a_color_stage_stats_t last;
        ok4a_color_stage_destroy(d->color_stage, &last);
        d->color_stage = NULL;
        pthread_mutex_lock(&d->stats_mutex);
        ok4a_stats_add_color_stage(&d->past.streams[OPENK4A_STREAM_COLOR], &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    ok4a_capture_sync_t *sync = d->sync.queue; /* api_mutex: nobody installs one now */
    if (sync != NULL)
    {
        ok4a_capture_sync_close(sync); /* waiting consumers return */
        ok4a_device_uninstall_queue(d, &d->sync);
        ok4a_capture_sync_stats_t last;
        ok4a_capture_sync_destroy(sync, &last);
        pthread_mutex_lock(&d->stats_mutex);
        ok4a_stats_add_sync(&d->past, &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    d->cameras_running = false;
}

/* Everything start_cameras checks before touching the device: the k4a rules,
 * what this driver can do, and the device's descriptors. */
static bool check_configuration(const struct _k4a_device_t *d, const k4a_device_configuration_t *config,
                                ok4a_camera_plan_t *plan, ok4a_depth_engine_plugin_t *engine, char *why,
                                size_t why_size)
{
    if (!ok4a_camera_plan_from_config(config, plan, why, why_size))
        return false;
    const bool depth = plan->streams[OPENK4A_STREAM_DEPTH].enabled || plan->streams[OPENK4A_STREAM_IR].enabled;
    if (depth && d->is_azure_kinect)
    {
        /* Depth comes from the depth camera's raw stream (depth_stream.h),
         * not from the colour camera's descriptors. */
        if (!d->has_depth_mcu)
        {
            snprintf(why, why_size, "depth needs the depth camera's MCU, which did not answer when the device opened");
            return false;
        }
        if (engine == NULL || !ok4a_depth_engine_load(engine, why, why_size))
            return false;
        ok4a_camera_plan_t color_only = *plan;
        color_only.streams[OPENK4A_STREAM_DEPTH].enabled = false;
        color_only.streams[OPENK4A_STREAM_IR].enabled = false;
        if (!ok4a_camera_plan_bind(&color_only, d->model, why, why_size))
            return false;
        plan->streams[OPENK4A_STREAM_COLOR] = color_only.streams[OPENK4A_STREAM_COLOR];
        plan->decode_to_bgra32 = color_only.decode_to_bgra32;
        return true;
    }
    if (depth && !d->is_k4a)
    {
        snprintf(why, why_size, "depth_mode must be OFF on a generic UVC camera");
        return false;
    }
    return ok4a_camera_plan_bind(plan, d->model, why, why_size);
}

/* A wired sync role needs the unit's sync jacks, with the cable where the
 * role takes its signal: the master's sync out, the subordinate's sync in
 * (the SDK's check, read from the colour MCU). */
static bool wired_sync_possible(struct _k4a_device_t *d, k4a_wired_sync_mode_t mode, char *why, size_t why_size)
{
    if (mode == K4A_WIRED_SYNC_MODE_STANDALONE)
        return true;
    const bool master = mode == K4A_WIRED_SYNC_MODE_MASTER;
    if (!d->has_color_mcu)
    {
        snprintf(why, why_size, "wired_sync_mode %s needs sync jacks, which only an Azure Kinect has",
                 master ? "MASTER" : "SUBORDINATE");
        return false;
    }
    bool sync_in = false, sync_out = false;
    char reason[256] = "";
    if (!ok4a_color_mcu_read_sync_jacks(&d->color_mcu, &sync_in, &sync_out, reason, sizeof reason))
    {
        snprintf(why, why_size, "wired_sync_mode %s: %s", master ? "MASTER" : "SUBORDINATE", reason);
        return false;
    }
    if (master ? sync_out : sync_in)
        return true;
    snprintf(why, why_size, "wired_sync_mode %s needs a cable in the sync %s jack; none is connected",
             master ? "MASTER" : "SUBORDINATE", master ? "out" : "in");
    return false;
}

k4a_result_t openk4a_device_check_configuration(k4a_device_t device_handle, const k4a_device_configuration_t *config,
                                                char *why, size_t why_size)
{
    char scratch[OK4A_WHY] = "";
    if (why == NULL || why_size == 0)
    {
        why = scratch;
        why_size = sizeof scratch;
    }
    why[0] = '\0';
    USING_DEVICE(d, device_handle);
    if (d == NULL)
    {
        snprintf(why, why_size, "invalid device handle");
        return K4A_RESULT_FAILED;
    }
    ok4a_camera_plan_t plan;
    ok4a_depth_engine_plugin_t engine;
    return check_configuration(d, config, &plan, &engine, why, why_size) ? K4A_RESULT_SUCCEEDED : K4A_RESULT_FAILED;
}

k4a_result_t k4a_device_start_cameras(k4a_device_t device_handle, const k4a_device_configuration_t *config)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL)
        return K4A_RESULT_FAILED;
    char why[OK4A_WHY] = "";
    ok4a_camera_plan_t plan;
    ok4a_depth_engine_plugin_t engine;
    if (!check_configuration(d, config, &plan, &engine, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: unsupported configuration: %s", __func__, why);
        return K4A_RESULT_FAILED;
    }
    /* The depth engine is given the depth camera's calibration for the mode,
     * as the SDK's depth_create does (read before api_mutex: it takes its own). */
    const bool engine_depth =
        d->is_azure_kinect && (plan.streams[OPENK4A_STREAM_DEPTH].enabled || plan.streams[OPENK4A_STREAM_IR].enabled);
    k4a_calibration_t calibration;
    const bool have_calibration =
        engine_depth && k4a_device_get_calibration(device_handle, config->depth_mode, K4A_COLOR_RESOLUTION_OFF,
                                                   &calibration) == K4A_RESULT_SUCCEEDED;
    if (engine_depth && have_calibration)
    {
        OK4A_LOG_INFO("depth: the depth engine gets the depth camera's calibration (%dx%d)",
                      calibration.depth_camera_calibration.resolution_width,
                      calibration.depth_camera_calibration.resolution_height);
    }
    else if (engine_depth)
    {
        OK4A_LOG_WARNING("depth: the device's calibration could not be read (see above): the depth engine gets none, "
                         "which Microsoft's engine may refuse");
    }
    pthread_mutex_lock(&d->api_mutex);
    if (atomic_load(&d->disconnected))
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: the device is disconnected; close it and open it again", __func__);
        return K4A_RESULT_FAILED;
    }
    if (d->cameras_running || d->closing)
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: %s", __func__,
                       d->closing ? "the device is being closed" : "the cameras are already running; stop them first");
        return K4A_RESULT_FAILED;
    }
    /* A real unit's colour MCU learns the sync role first, as the SDK does. */
    if (!wired_sync_possible(d, plan.wired_sync_mode, why, sizeof why) ||
        (d->has_color_mcu && !ok4a_color_mcu_configure_sync(&d->color_mcu, config, why, sizeof why)))
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: %s", __func__, why);
        return K4A_RESULT_FAILED;
    }
    /* Decoded colour comes a few frames after its depth, and engine-made
     * depth a few frames after its colour: let the sync keep that many
     * images waiting. */
    const uint32_t pending = plan.decode_to_bgra32 || engine_depth ? OK4A_SYNC_MAX_PENDING : 0;
    ok4a_capture_sync_config_t sync_config = {
        .synchronized_images_only = plan.synchronized_images_only,
        .depth_delay_off_color_usec = plan.depth_delay_off_color_usec,
        .frame_period_usec = plan.frame_period_usec,
        .queue_capacity = OK4A_CAPTURE_QUEUE,
        .pending_slots = pending,
    };
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
        sync_config.enabled[i] = plan.streams[i].enabled;
    ok4a_capture_sync_t *sync = ok4a_capture_sync_create(&sync_config);
    if (sync == NULL)
    {
        pthread_mutex_unlock(&d->api_mutex);
        OK4A_LOG_ERROR("%s: out of memory", __func__);
        return K4A_RESULT_FAILED;
    }
    ok4a_device_install_queue(d, &d->sync, sync);
    d->cameras_running = true;
    atomic_store(&d->stream_failed, false);
    if (plan.decode_to_bgra32)
    {
        const ok4a_stream_plan_t *color = &plan.streams[OPENK4A_STREAM_COLOR];
        const ok4a_color_stage_config_t stage_config = {
            .width = color->width,
            .height = color->height,
            .mode = (openk4a_color_mode_t)atomic_load(&d->color_mode),
            .spare_images = OK4A_SYNC_MAX_PENDING + OK4A_CAPTURE_QUEUE + OK4A_CONSUMER_HELD,
            .sink = sink,
            .sink_context = sync,
        };
        d->color_stage = ok4a_color_stage_create(&stage_config, why, sizeof why);
        if (d->color_stage == NULL)
        {
            stop_cameras_locked(d);
            pthread_mutex_unlock(&d->api_mutex);
            OK4A_LOG_ERROR("%s: %s", __func__, why);
            return K4A_RESULT_FAILED;
        }
        ok4a_color_stage_stats_t stage;
        ok4a_color_stage_get_stats(d->color_stage, &stage);
        OK4A_LOG_INFO("colour: %ux%u %s decoded to BGRA32 (%s) on %u threads, %u frames at once", color->width,
                      color->height, color->image_format == K4A_IMAGE_FORMAT_COLOR_MJPG ? "MJPG" : "YUV",
                      stage_config.mode == OPENK4A_COLOR_MODE_ACCURATE ? "accurate" : "fast", stage.workers,
                      stage.queue_capacity);
    }
    /* Depth side first: its frames wait for colour, not the other way round. */
    if (engine_depth)
    {
        d->depth_engine = engine;
        d->depth_stream = ok4a_depth_stream_start_for(d, config, &plan, have_calibration ? &calibration : NULL, sync,
                                                      pending, why, sizeof why);
        if (d->depth_stream == NULL)
        {
            stop_cameras_locked(d);
            pthread_mutex_unlock(&d->api_mutex);
            OK4A_LOG_ERROR("%s: %s", __func__, why);
            return K4A_RESULT_FAILED;
        }
    }
    static const openk4a_stream_t order[] = {OPENK4A_STREAM_DEPTH, OPENK4A_STREAM_IR, OPENK4A_STREAM_COLOR};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
    {
        const openk4a_stream_t i = order[k];
        const ok4a_stream_plan_t *p = &plan.streams[i];
        if (!p->enabled || (d->is_azure_kinect && i != OPENK4A_STREAM_COLOR))
            continue;
        ok4a_uvc_stream_config_t stream_config = {
            .id = i,
            .handle = d->handle,
            .model = d->model,
            .format = p->format,
            .frame = p->frame,
            .interval = p->interval,
            .image_format = p->image_format,
            .spare_buffers = OK4A_SPARE_BUFFERS + pending,
            .sink = i == OPENK4A_STREAM_COLOR && d->color_stage != NULL ? ok4a_color_stage_push : sink,
            .sink_context = i == OPENK4A_STREAM_COLOR && d->color_stage != NULL ? (void *)d->color_stage : (void *)sync,
            .on_service_needed = ok4a_device_request_service,
            .on_disconnect = ok4a_device_on_disconnect,
            .event_context = d,
            .handle_unclosable = &d->handle_unclosable,
        };
        d->streams[i] = ok4a_uvc_stream_start(&stream_config, why, sizeof why);
        if (d->streams[i] == NULL)
        {
            stop_cameras_locked(d); /* nothing stays running or allocated */
            pthread_mutex_unlock(&d->api_mutex);
            OK4A_LOG_ERROR("%s: %s", __func__, why);
            return K4A_RESULT_FAILED;
        }
    }
    if (plan.streams[OPENK4A_STREAM_COLOR].enabled)
        clock_gettime(CLOCK_MONOTONIC, &d->color_started_at); /* the IMU's clock resets now (device_imu.c) */
    pthread_mutex_unlock(&d->api_mutex);
    return K4A_RESULT_SUCCEEDED;
}

void ok4a_device_stop_cameras(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->api_mutex);
    if (d->cameras_running)
        stop_cameras_locked(d);
    pthread_mutex_unlock(&d->api_mutex);
}

void k4a_device_stop_cameras(k4a_device_t device_handle)
{
    if (device_handle == NULL)
        return;
    USING_DEVICE(d, device_handle);
    if (d != NULL)
        ok4a_device_stop_cameras(d);
}

k4a_wait_result_t k4a_device_get_capture(k4a_device_t device_handle, k4a_capture_t *capture_handle,
                                         int32_t timeout_in_ms)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL || capture_handle == NULL)
    {
        if (d != NULL)
            OK4A_LOG_ERROR("%s: capture_handle is NULL", __func__);
        return K4A_WAIT_RESULT_FAILED;
    }
    *capture_handle = NULL;
    k4a_wait_result_t result = K4A_WAIT_RESULT_FAILED;
    ok4a_capture_sync_t *sync = ok4a_device_borrow(d, &d->sync);
    if (sync != NULL)
    {
        result = ok4a_capture_sync_pop(sync, capture_handle, timeout_in_ms);
        ok4a_device_give_back(d, &d->sync);
    }
    if (result == K4A_WAIT_RESULT_FAILED)
    {
        OK4A_LOG_WARNING("%s: %s", __func__,
                         atomic_load(&d->disconnected)  ? "the device is disconnected" :
                         atomic_load(&d->stream_failed) ? "a stream failed (see the log); stop and start the cameras" :
                                                          "the cameras are not running");
    }
    return result;
}
