/* A real Azure Kinect's IMU samples corrected with the unit's IMU calibration, as the Azure Kinect
 * SDK corrects them when they are read (src/imu/imu.c):
 *
 *   gyro  = M_g(t) * gyro + b_g(t)
 *   accel = M_a(t) * accel + S_a * accel^2 + b_a(t)     (accel^2 element-wise)
 *
 * where every element of the mixing matrices M and biases b is a cubic in temperature t and S is
 * the accelerometer's second-order scaling. M and b start evaluated at each sensor's TemperatureC
 * and are evaluated again at a sample's temperature only when it is more than 0.25 C from the
 * last one they were evaluated at (the SDK's hysteresis, starting from 0 C), so corrected values
 * depend on the samples read before. Not thread-safe: one owner, or a lock around apply. */
#ifndef OPENK4A_CORE_CALIBRATION_IMU_CORRECTION_H_
#define OPENK4A_CORE_CALIBRATION_IMU_CORRECTION_H_

#include <k4a/k4atypes.h>

#include "core/calibration/calibration_raw.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        ok4a_imu_intrinsics_t gyro, accel;
        float gyro_bias[3], gyro_mixing[9];
        float accel_bias[3], accel_mixing[9];
        float temperature; /* the sample temperature M and b were last evaluated at */
    } ok4a_imu_correction_t;

    void ok4a_imu_correction_init(ok4a_imu_correction_t *correction, const ok4a_imu_intrinsics_t *gyro,
                                  const ok4a_imu_intrinsics_t *accel);
    /* Corrects sample's gyro and accel in place (its temperature and timestamps unchanged). */
    void ok4a_imu_correction_apply(ok4a_imu_correction_t *correction, k4a_imu_sample_t *sample);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CALIBRATION_IMU_CORRECTION_H_ */
