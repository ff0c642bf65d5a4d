/* The IMU of an open device: k4a_device_start_imu, k4a_device_stop_imu,
 * k4a_device_get_imu_sample, openk4a_device_has_imu. */
/* POSIX: clock_gettime. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <stdatomic.h>

#include <k4a/k4a.h>

#include "core/calibration/calibration_raw.h"
#include "core/calibration/imu_correction.h"
#include "core/device/color_mcu.h"
#include "core/device/device_stats.h"
#include "core/device/imu_stream.h"
#include "core/device/open_device.h"
#include "core/log.h"
#include "openk4a/device.h"

/* Under api_mutex: the colour camera started OK4A_IMU_CLOCK_RESET_MS ago or less. */
static bool color_started_lately(const struct _k4a_device_t *d)
{
    if (d->color_started_at.tv_sec == 0 && d->color_started_at.tv_nsec == 0)
        return false;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const int64_t ms = (int64_t)(now.tv_sec - d->color_started_at.tv_sec) * 1000 +
                       (now.tv_nsec - d->color_started_at.tv_nsec) / 1000000;
    return ms <= OK4A_IMU_CLOCK_RESET_MS;
}

/* A real unit's IMU calibration, loaded once (not under api_mutex: reading the
 * calibration takes the device's own locks). As the SDK, which will not open a
 * unit whose calibration lacks it, the IMU does not start without it. */
static bool load_imu_correction(k4a_device_t device_handle, struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->imu_correction_mutex);
    const bool loaded = d->imu_correction_loaded;
    pthread_mutex_unlock(&d->imu_correction_mutex);
    if (loaded)
        return true;
    size_t size;
    char *raw = ok4a_device_copy_raw_calibration(device_handle, &size);
    if (raw == NULL)
    {
        OK4A_LOG_ERROR("k4a_device_start_imu: the IMU calibration is needed to correct the samples, and the "
                       "device's calibration could not be read (see above)");
        return false;
    }
    ok4a_imu_intrinsics_t gyro, accel;
    char why[OK4A_WHY];
    const bool parsed =
        ok4a_raw_calibration_parse_imu(raw, size, &gyro, &accel, why, sizeof why) == K4A_RESULT_SUCCEEDED;
    free(raw);
    if (!parsed)
    {
        OK4A_LOG_ERROR("k4a_device_start_imu: the device's IMU calibration is unusable: %s", why);
        return false;
    }
    pthread_mutex_lock(&d->imu_correction_mutex);
    if (!d->imu_correction_loaded) /* another thread may have loaded it meanwhile: keep its state */
    {
        ok4a_imu_correction_init(&d->imu_correction, &gyro, &accel);
        d->imu_correction_loaded = true;
    }
    pthread_mutex_unlock(&d->imu_correction_mutex);
    return true;
}

k4a_result_t k4a_device_start_imu(k4a_device_t device_handle)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL)
        return K4A_RESULT_FAILED;
    if (d->imu_interface < 0)
    {
        OK4A_LOG_ERROR("%s: this device has no IMU", __func__);
        return K4A_RESULT_FAILED;
    }
    if (d->has_color_mcu && !load_imu_correction(device_handle, d))
        return K4A_RESULT_FAILED;
    pthread_mutex_lock(&d->api_mutex);
    k4a_result_t result = K4A_RESULT_FAILED;
    char why[OK4A_WHY] = "";
    if (d->closing)
    {
        OK4A_LOG_ERROR("%s: the device is being closed", __func__);
    }
    else if (d->imu.queue != NULL)
    {
        OK4A_LOG_ERROR("%s: the IMU is already running", __func__);
    }
    else if (!d->cameras_running)
    {
        /* As the Azure Kinect SDK: the colour camera's start sets the clock
         * IMU timestamps count on, so a camera must run first. */
        OK4A_LOG_ERROR("%s: the cameras are not running; start them with k4a_device_start_cameras() first", __func__);
    }
    else if (atomic_load(&d->disconnected))
    {
        OK4A_LOG_ERROR("%s: the device is disconnected", __func__);
    }
    else
    {
        /* A real unit's colour MCU switches its IMU; the composite's vendor request otherwise. */
        const ok4a_imu_switch_t on_off = d->has_color_mcu ?
                                             (ok4a_imu_switch_t){ok4a_color_mcu_switch_imu, &d->color_mcu} :
                                             (ok4a_imu_switch_t){NULL, NULL};
        ok4a_imu_stream_t *imu = ok4a_imu_stream_start(
            d->handle, (uint8_t)d->imu_interface, d->imu_endpoint, on_off, d->has_color_mcu && color_started_lately(d),
            ok4a_device_on_disconnect, ok4a_device_request_service, d, why, sizeof why);
        if (imu == NULL)
        {
            OK4A_LOG_ERROR("%s: %s", __func__, why);
        }
        else
        {
            ok4a_device_install_queue(d, &d->imu, imu);
            result = K4A_RESULT_SUCCEEDED;
        }
    }
    pthread_mutex_unlock(&d->api_mutex);
    return result;
}

void k4a_device_stop_imu(k4a_device_t device_handle)
{
    if (device_handle == NULL)
        return;
    USING_DEVICE(d, device_handle);
    if (d != NULL)
        ok4a_device_stop_imu(d);
}

void ok4a_device_stop_imu(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&d->api_mutex);
    ok4a_imu_stream_t *imu = d->imu.queue; /* api_mutex: nobody installs one now */
    if (imu != NULL)
    {
        ok4a_imu_stream_close(imu); /* waiting consumers return */
        ok4a_device_uninstall_queue(d, &d->imu);
        ok4a_imu_stats_t last;
        ok4a_imu_stream_stop(imu, &last);
        pthread_mutex_lock(&d->stats_mutex);
        ok4a_stats_add_imu(&d->past, &last);
        pthread_mutex_unlock(&d->stats_mutex);
    }
    pthread_mutex_unlock(&d->api_mutex);
}

k4a_wait_result_t k4a_device_get_imu_sample(k4a_device_t device_handle, k4a_imu_sample_t *imu_sample,
                                            int32_t timeout_in_ms)
{
    USING_DEVICE(d, device_handle);
    if (d == NULL || imu_sample == NULL)
    {
        if (d != NULL)
            OK4A_LOG_ERROR("%s: imu_sample is NULL", __func__);
        return K4A_WAIT_RESULT_FAILED;
    }
    k4a_wait_result_t result = K4A_WAIT_RESULT_FAILED;
    ok4a_imu_stream_t *imu = ok4a_device_borrow(d, &d->imu);
    if (imu != NULL)
    {
        result = ok4a_imu_stream_pop(imu, imu_sample, timeout_in_ms);
        ok4a_device_give_back(d, &d->imu);
    }
    if (result == K4A_WAIT_RESULT_SUCCEEDED && d->has_color_mcu)
    {
        /* As the SDK, a real unit's sample is corrected when it is read (loaded by start_imu). */
        pthread_mutex_lock(&d->imu_correction_mutex);
        if (d->imu_correction_loaded)
            ok4a_imu_correction_apply(&d->imu_correction, imu_sample);
        pthread_mutex_unlock(&d->imu_correction_mutex);
    }
    return result;
}

bool openk4a_device_has_imu(k4a_device_t device_handle)
{
    USING_DEVICE(d, device_handle);
    return d != NULL && d->imu_interface >= 0;
}
