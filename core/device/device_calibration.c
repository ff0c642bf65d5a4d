/* The device's factory calibration (k4a_device_get_raw_calibration,
 * device_info.c) put to use: k4a_device_get_calibration turns it into a
 * k4a_calibration_t for one depth mode and colour resolution by
 * k4a_calibration_get_from_raw(), and a real Azure Kinect's IMU samples are
 * corrected with its IMU part, as the Azure Kinect SDK does.
 */
#include <stdlib.h>

#include <k4a/k4a.h>

#include "core/device/device_internal.h"
#include "core/log.h"

char *ok4a_device_copy_raw_calibration(k4a_device_t device_handle, size_t *size)
{
    /* The document is read from the device once and kept: its size does not
     * change between the two calls. */
    *size = 0;
    if (k4a_device_get_raw_calibration(device_handle, NULL, size) != K4A_BUFFER_RESULT_TOO_SMALL)
        return NULL; /* logged there */
    char *raw = malloc(*size);
    if (raw == NULL)
    {
        OK4A_LOG_ERROR("%s: out of memory for a %zu-byte calibration", __func__, *size);
        return NULL;
    }
    if (k4a_device_get_raw_calibration(device_handle, (uint8_t *)raw, size) != K4A_BUFFER_RESULT_SUCCEEDED)
    {
        free(raw);
        return NULL;
    }
    return raw;
}

k4a_result_t k4a_device_get_calibration(k4a_device_t device_handle, const k4a_depth_mode_t depth_mode,
                                        const k4a_color_resolution_t color_resolution, k4a_calibration_t *calibration)
{
    if (calibration == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    size_t size;
    char *raw = ok4a_device_copy_raw_calibration(device_handle, &size);
    if (raw == NULL)
        return K4A_RESULT_FAILED;
    const k4a_result_t result = k4a_calibration_get_from_raw(raw, size, depth_mode, color_resolution, calibration);
    free(raw);
    return result;
}
