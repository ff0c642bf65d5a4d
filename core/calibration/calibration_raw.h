/* The calibration blob an Azure Kinect stores (JSON) read into full-sensor camera calibrations.
 *
 * Intrinsics stay as the blob has them: principal point and focal length divided by the sensor
 * size, (0, 0) at the top-left corner of the top-left pixel. Translations are converted from
 * metres to millimetres. Caller-owned input, not modified; nothing is kept after the call. */
#ifndef OPENK4A_CORE_CALIBRATION_CALIBRATION_RAW_H_
#define OPENK4A_CORE_CALIBRATION_CALIBRATION_RAW_H_

#include <stddef.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        k4a_calibration_camera_t depth;     /* "CALIBRATION_CameraLocationD0" */
        k4a_calibration_camera_t color;     /* "CALIBRATION_CameraLocationPV0" */
        k4a_calibration_extrinsics_t gyro;  /* depth -> gyroscope */
        k4a_calibration_extrinsics_t accel; /* depth -> accelerometer */
    } ok4a_raw_calibration_t;

    /* Parses `size` bytes of JSON (a NUL inside ends the text). On failure writes why into `reason`
     * (NUL-terminated, truncated to reason_size) and returns K4A_RESULT_FAILED. Locale independent. */
    k4a_result_t ok4a_raw_calibration_parse(const char *json, size_t size, ok4a_raw_calibration_t *out, char *reason,
                                            size_t reason_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CALIBRATION_CALIBRATION_RAW_H_ */
