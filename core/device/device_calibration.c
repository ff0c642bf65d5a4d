/* k4a_device_get_calibration: the device's factory calibration
 * (k4a_device_get_raw_calibration, device_info.c) turned into a
 * k4a_calibration_t for one depth mode and colour resolution by
 * k4a_calibration_get_from_raw(), as the Azure Kinect SDK does.
 */
#include <stdlib.h>

#include <k4a/k4a.h>

#include "core/log.h"

k4a_result_t k4a_device_get_calibration(k4a_device_t device_handle, const k4a_depth_mode_t depth_mode,
                                        const k4a_color_resolution_t color_resolution, k4a_calibration_t *calibration)
{
    if (calibration == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    /* The document is read from the device once and kept: its size does not
     * change between the two calls. */
    size_t size = 0;
    if (k4a_device_get_raw_calibration(device_handle, NULL, &size) != K4A_BUFFER_RESULT_TOO_SMALL)
        return K4A_RESULT_FAILED; /* logged there */
    char *raw = malloc(size);
    if (raw == NULL)
    {
        OK4A_LOG_ERROR("%s: out of memory for a %zu-byte calibration", __func__, size);
        return K4A_RESULT_FAILED;
    }
    k4a_result_t result = K4A_RESULT_FAILED;
    if (k4a_device_get_raw_calibration(device_handle, (uint8_t *)raw, &size) == K4A_BUFFER_RESULT_SUCCEEDED)
        result = k4a_calibration_get_from_raw(raw, size, depth_mode, color_resolution, calibration);
    free(raw);
    return result;
}
