/* Adding up a device's counters (internal to //core/device): a stopped
 * stream's or queue's last counters go into the device's past; live ones are
 * added on top for openk4a_device_get_stats(). A frame counted delivered by
 * its stream and lost later (colour stage, capture sync) moves to its drop
 * reason. */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_STATS_H_
#define OPENK4A_CORE_DEVICE_DEVICE_STATS_H_

#include "core/device/capture_sync.h"
#include "core/device/color_stage.h"
#include "core/device/imu_stream.h"
#include "openk4a/device.h"

#ifdef __cplusplus
extern "C"
{
#endif

    void ok4a_stats_add_stream(openk4a_stream_stats_t *to, const openk4a_stream_stats_t *from);
    void ok4a_stats_add_color_stage(openk4a_stream_stats_t *to, const ok4a_color_stage_stats_t *from);
    void ok4a_stats_add_sync(openk4a_device_stats_t *to, const ok4a_capture_sync_stats_t *from);
    void ok4a_stats_add_imu(openk4a_device_stats_t *to, const ok4a_imu_stats_t *from);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_STATS_H_ */
