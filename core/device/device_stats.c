/* A device's statistics (openk4a_device_get_stats); the drop reasons' names
 * are generated (device_drop_reasons.c). */
#include "core/device/device_stats.h"

#include <pthread.h>

#include "core/device/open_device.h"
#include "core/device/uvc_stream.h"

void ok4a_stats_add_stream(openk4a_stream_stats_t *to, const openk4a_stream_stats_t *from)
{
    to->frames_received += from->frames_received;
    to->frames_delivered += from->frames_delivered;
    for (int i = 0; i < OPENK4A_FRAME_DROP_REASON_COUNT; i++)
        to->frames_dropped[i] += from->frames_dropped[i];
    to->frames_zero_copy += from->frames_zero_copy;
    to->bytes_received += from->bytes_received;
    to->transfers += from->transfers;
    to->transfer_errors += from->transfer_errors;
    to->stalls_cleared += from->stalls_cleared;
    to->failures += from->failures;
}

/* Frames the colour stage dropped had been counted delivered by the colour
 * stream: they move to their drop reason. */
void ok4a_stats_add_color_stage(openk4a_stream_stats_t *to, const ok4a_color_stage_stats_t *from)
{
    to->frames_decoded += from->delivered;
    to->decode_nsec += from->decode_nsec;
    for (int i = 0; i < OPENK4A_FRAME_DROP_REASON_COUNT; i++)
    {
        to->frames_dropped[i] += from->dropped[i];
        to->frames_delivered -= from->dropped[i];
    }
}

void ok4a_stats_add_sync(openk4a_device_stats_t *to, const ok4a_capture_sync_stats_t *from)
{
    to->captures_delivered += from->delivered;
    to->captures_partial += from->partial;
    for (int i = 0; i < OPENK4A_CAPTURE_DROP_REASON_COUNT; i++)
        to->captures_dropped[i] += from->dropped[i];
    /* Frames lost in the sync had been counted delivered by their stream. */
    for (int stream = 0; stream < OPENK4A_STREAM_COUNT; stream++)
    {
        for (int i = 0; i < OPENK4A_FRAME_DROP_REASON_COUNT; i++)
        {
            to->streams[stream].frames_dropped[i] += from->frames_dropped[stream][i];
            to->streams[stream].frames_delivered -= from->frames_dropped[stream][i];
        }
    }
}

void ok4a_stats_add_imu(openk4a_device_stats_t *to, const ok4a_imu_stats_t *from)
{
    to->imu_samples_delivered += from->delivered;
    to->imu_samples_dropped += from->dropped;
    to->imu_packets_bad += from->bad_packets;
    to->imu_transfer_errors += from->transfer_errors;
    to->imu_stalls_cleared += from->stalls_cleared;
    to->imu_failures += from->failures;
}

k4a_result_t openk4a_device_get_stats(k4a_device_t device_handle, openk4a_device_stats_t *stats)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL || stats == NULL)
        return K4A_RESULT_FAILED;
    pthread_mutex_lock(&d->api_mutex);
    pthread_mutex_lock(&d->stats_mutex);
    *stats = d->past;
    pthread_mutex_unlock(&d->stats_mutex);
    if (d->color_stage != NULL)
    {
        /* Before the colour stream's counters: every frame the stage counts
         * was already counted there. */
        ok4a_color_stage_stats_t live;
        ok4a_color_stage_get_stats(d->color_stage, &live);
        ok4a_stats_add_color_stage(&stats->streams[OPENK4A_STREAM_COLOR], &live);
    }
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (d->streams[i] == NULL)
            continue;
        openk4a_stream_stats_t live;
        ok4a_uvc_stream_get_stats(d->streams[i], &live);
        ok4a_stats_add_stream(&stats->streams[i], &live);
    }
    if (d->depth_stream != NULL)
    {
        openk4a_stream_stats_t live[2];
        ok4a_depth_stream_get_stats(d->depth_stream, live);
        ok4a_stats_add_stream(&stats->streams[OPENK4A_STREAM_DEPTH], &live[0]);
        ok4a_stats_add_stream(&stats->streams[OPENK4A_STREAM_IR], &live[1]);
    }
    /* api_mutex: the queues stay installed meanwhile. */
    if (d->sync.queue != NULL)
    {
        ok4a_capture_sync_stats_t live;
        ok4a_capture_sync_get_stats(d->sync.queue, &live);
        ok4a_stats_add_sync(stats, &live);
    }
    if (d->imu.queue != NULL)
    {
        ok4a_imu_stats_t live;
        ok4a_imu_stream_get_stats(d->imu.queue, &live);
        ok4a_stats_add_imu(stats, &live);
    }
    pthread_mutex_unlock(&d->api_mutex);
    stats->disconnected = atomic_load(&d->disconnected);
    return K4A_RESULT_SUCCEEDED;
}
