#include "core/calibration/imu_correction.h"

/* The SDK refreshes the models only past this change of temperature (degrees Celsius). */
#define OK4A_IMU_REFRESH_CELSIUS 0.25f

/* c[0] + t c[1] + t^2 c[2] + t^3 c[3], in Horner's form and single precision as the SDK. */
static float cubic(float t, const float c[OK4A_IMU_MODEL_COEFFICIENTS])
{
    return c[0] + t * (c[1] + t * (c[2] + t * c[3]));
}

static void evaluate(const ok4a_imu_intrinsics_t *sensor, float t, float bias[3], float mixing[9])
{
    for (int row = 0; row < 3; row++)
    {
        bias[row] = cubic(t, &sensor->bias_temperature_model[row * OK4A_IMU_MODEL_COEFFICIENTS]);
    }
    for (int element = 0; element < 9; element++)
    {
        mixing[element] = cubic(t, &sensor->mixing_matrix_temperature_model[element * OK4A_IMU_MODEL_COEFFICIENTS]);
    }
}

/* out = m v + b, for each row in the SDK's order of summation. */
static void affine(const float m[9], const float v[3], const float b[3], float out[3])
{
    float result[3];
    for (int row = 0; row < 3; row++)
    {
        result[row] = m[3 * row] * v[0] + m[3 * row + 1] * v[1] + m[3 * row + 2] * v[2] + b[row];
    }
    for (int row = 0; row < 3; row++)
    {
        out[row] = result[row];
    }
}

void ok4a_imu_correction_init(ok4a_imu_correction_t *correction, const ok4a_imu_intrinsics_t *gyro,
                              const ok4a_imu_intrinsics_t *accel)
{
    correction->gyro = *gyro;
    correction->accel = *accel;
    evaluate(gyro, gyro->temperature_c, correction->gyro_bias, correction->gyro_mixing);
    evaluate(accel, accel->temperature_c, correction->accel_bias, correction->accel_mixing);
    correction->temperature = 0.f;
}

void ok4a_imu_correction_apply(ok4a_imu_correction_t *c, k4a_imu_sample_t *sample)
{
    const float t = sample->temperature;
    if (t > c->temperature + OK4A_IMU_REFRESH_CELSIUS || t < c->temperature - OK4A_IMU_REFRESH_CELSIUS)
    {
        evaluate(&c->gyro, t, c->gyro_bias, c->gyro_mixing);
        evaluate(&c->accel, t, c->accel_bias, c->accel_mixing);
        c->temperature = t;
    }
    affine(c->gyro_mixing, sample->gyro_sample.v, c->gyro_bias, sample->gyro_sample.v);

    const float *a = sample->acc_sample.v;
    const float squared[3] = {a[0] * a[0], a[1] * a[1], a[2] * a[2]};
    float linear[3];
    affine(c->accel_mixing, a, c->accel_bias, linear);
    affine(c->accel.second_order_scaling, squared, linear, sample->acc_sample.v);
}
