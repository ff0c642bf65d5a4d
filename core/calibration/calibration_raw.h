/* The calibration blob an Azure Kinect stores (JSON) read into full-sensor camera calibrations.
 *
 * Intrinsics stay as the blob has them: principal point and focal length divided by the sensor
 * size, (0, 0) at the top-left corner of the top-left pixel. Translations are converted from
 * metres to millimetres. Caller-owned input, not modified; nothing is kept after the call. */
#ifndef OPENK4A_CORE_CALIBRATION_CALIBRATION_RAW_H_
#define OPENK4A_CORE_CALIBRATION_CALIBRATION_RAW_H_

#include <stddef.h>
#include <stdint.h>

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

/* Coefficients of each temperature model: c0 + c1 t + c2 t^2 + c3 t^3, t in degrees Celsius. */
#define OK4A_IMU_MODEL_COEFFICIENTS 4

    /* One inertial sensor's intrinsic calibration, as the blob's InertialSensors entry has it
     * (the SDK's k4a_calibration_imu_t without the extrinsics, the noise and the uncertainty,
     * which the sample correction does not use). */
    typedef struct
    {
        float bias_temperature_model[3 * OK4A_IMU_MODEL_COEFFICIENTS];          /* per axis */
        float mixing_matrix_temperature_model[9 * OK4A_IMU_MODEL_COEFFICIENTS]; /* 3x3 row-major, per element */
        float second_order_scaling[9];                                          /* 3x3 row-major */
        float temperature_c;         /* TemperatureC: where the models are first evaluated */
        float temperature_bounds[2]; /* TemperatureBounds: the calibrated range (not enforced, as the SDK) */
        uint32_t model_type_mask;    /* ModelTypeMask: non-zero */
    } ok4a_imu_intrinsics_t;

    /* The gyroscope's and accelerometer's intrinsics from the same blob; every field the SDK reads
     * must be there, coefficients within +-1e6 (real ones are below 10), so that a correction of
     * any sample stays finite. Failure as ok4a_raw_calibration_parse. */
    k4a_result_t ok4a_raw_calibration_parse_imu(const char *json, size_t size, ok4a_imu_intrinsics_t *gyro,
                                                ok4a_imu_intrinsics_t *accel, char *reason, size_t reason_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CALIBRATION_CALIBRATION_RAW_H_ */
