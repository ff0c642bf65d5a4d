/* Per-mode camera calibrations cut from the full-sensor ones, the way the Azure Kinect SDK does:
 * the sensor calibration (normalised, corner-origin) is scaled to the mode's binned sensor size,
 * shifted by the mode's crop offset and converted to pixels with (0, 0) at the centre of the
 * top-left pixel. Sizes and offsets (SDK's mode_specific_calibration.c; the image sizes are kept
 * once, in the device's mode table: openk4a_depth_mode_size, openk4a_color_resolution_size):
 *
 *   depth          binned sensor   crop offset   image        colour   scaled sensor   crop offset   image
 *   NFOV 2x2       512 x 512       (96, 90)      320 x 288    720p     1280 x 960      (0, 120)      1280 x 720
 *   NFOV unbinned  1024 x 1024     (192, 180)    640 x 576    1080p    1920 x 1440     (0, 180)      1920 x 1080
 *   WFOV 2x2       512 x 512       (0, 0)        512 x 512    1440p    2560 x 1920     (0, 240)      2560 x 1440
 *   WFOV unbinned  1024 x 1024     (0, 0)        1024 x 1024  1536p    2048 x 1536     (0, 0)        2048 x 1536
 *   passive IR     1024 x 1024     (0, 0)        1024 x 1024  2160p    3840 x 2880     (0, 360)      3840 x 2160
 *                                                             3072p    4096 x 3072     (0, 0)        4096 x 3072
 *
 * The depth sensor must be 1024 x 1024; the colour sensor 4:3, or 16:9 (older devices), which is
 * first extended to 4:3 (4096 x 2304 at (0, -384) of 4096 x 3072). */
#ifndef OPENK4A_CORE_CALIBRATION_CALIBRATION_MODES_H_
#define OPENK4A_CORE_CALIBRATION_CALIBRATION_MODES_H_

#include <stdbool.h>
#include <stddef.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* On failure writes why into reason (NUL-terminated, truncated). */
    k4a_result_t ok4a_depth_camera_for_mode(const k4a_calibration_camera_t *sensor, k4a_depth_mode_t mode,
                                            k4a_calibration_camera_t *out, char *reason, size_t reason_size);
    k4a_result_t ok4a_color_camera_for_mode(const k4a_calibration_camera_t *sensor, k4a_color_resolution_t resolution,
                                            k4a_calibration_camera_t *out, char *reason, size_t reason_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CALIBRATION_CALIBRATION_MODES_H_ */
