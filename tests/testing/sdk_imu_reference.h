// The Azure Kinect SDK's IMU sample correction (src/imu/imu.c: imu_get_sample,
// imu_refresh_bias_and_mixing_matrix, imu_apply_intrinsic_calibration; the
// math in src/math/math.c), restated from its formula in double precision for
// tests to compare the driver against. It takes the calibration's numbers as
// plain arrays, never through openk4a's parser.
//
//   b[row]     = poly3(t, bias model of row)        poly3 = c0 + c1 t + c2 t^2 + c3 t^3
//   M[row][col]= poly3(t, mixing model of 3 row + col)
//   gyro'  = M_g gyro + b_g
//   accel' = M_a accel + b_a + S_a (accel .* accel)
//
// M and b are evaluated at each sensor's TemperatureC when the device is
// created, with the last temperature 0; a read sample re-evaluates both
// sensors at its own temperature when that is more than 0.25 from the last.
#ifndef OPENK4A_TESTS_TESTING_SDK_IMU_REFERENCE_H_
#define OPENK4A_TESTS_TESTING_SDK_IMU_REFERENCE_H_

#include <array>
#include <cstdio>
#include <string>

namespace openk4a::testing
{

struct SdkImuSensor
{
    std::array<double, 12> bias_model{};   // BiasTemperatureModel
    std::array<double, 36> mixing_model{}; // MixingMatrixTemperatureModel
    std::array<double, 9> second_order{};  // SecondOrderScaling (used for the accelerometer)
    double temperature_c = 0;              // TemperatureC
};

class SdkImuReference
{
public:
    SdkImuReference(const SdkImuSensor &gyro, const SdkImuSensor &accel) : gyro_(gyro), accel_(accel)
    {
        Evaluate(gyro_, gyro_.temperature_c, &gyro_bias_, &gyro_mixing_);
        Evaluate(accel_, accel_.temperature_c, &accel_bias_, &accel_mixing_);
    }

    // Corrects one sample read at `temperature` (in place).
    void Correct(double temperature, std::array<double, 3> *gyro, std::array<double, 3> *accel)
    {
        if (temperature > last_ + 0.25 || temperature < last_ - 0.25)
        {
            Evaluate(gyro_, temperature, &gyro_bias_, &gyro_mixing_);
            Evaluate(accel_, temperature, &accel_bias_, &accel_mixing_);
            last_ = temperature;
        }
        std::array<double, 3> g{}, a{};
        for (int row = 0; row < 3; row++)
        {
            g[row] = gyro_bias_[row];
            a[row] = accel_bias_[row];
            for (int col = 0; col < 3; col++)
            {
                g[row] += gyro_mixing_[3 * row + col] * (*gyro)[col];
                a[row] += accel_mixing_[3 * row + col] * (*accel)[col] +
                          accel_.second_order[3 * row + col] * (*accel)[col] * (*accel)[col];
            }
        }
        *gyro = g;
        *accel = a;
    }

private:
    static double Poly3(double t, const double *c)
    {
        return c[0] + c[1] * t + c[2] * t * t + c[3] * t * t * t;
    }
    static void Evaluate(const SdkImuSensor &s, double t, std::array<double, 3> *bias, std::array<double, 9> *mixing)
    {
        for (int row = 0; row < 3; row++)
            (*bias)[row] = Poly3(t, &s.bias_model[4 * row]);
        for (int e = 0; e < 9; e++)
            (*mixing)[e] = Poly3(t, &s.mixing_model[4 * e]);
    }

    SdkImuSensor gyro_, accel_;
    std::array<double, 3> gyro_bias_{}, accel_bias_{};
    std::array<double, 9> gyro_mixing_{}, accel_mixing_{};
    double last_ = 0;
};

// A calibration document holding only these two inertial sensors, every field
// the SDK reads present (Noise, BiasUncertainty and Rt as a real unit has them).
inline std::string SdkImuCalibrationJson(const SdkImuSensor &gyro, const SdkImuSensor &accel)
{
    auto list = [](const double *v, size_t n)
    {
        std::string out = "[";
        char number[32];
        for (size_t i = 0; i < n; i++)
        {
            snprintf(number, sizeof number, "%s%.17g", i ? "," : "", v[i]);
            out += number;
        }
        return out + "]";
    };
    auto sensor = [&](const SdkImuSensor &s, const char *type)
    {
        char temperature[32];
        snprintf(temperature, sizeof temperature, "%.17g", s.temperature_c);
        return std::string("{\"BiasTemperatureModel\":") + list(s.bias_model.data(), 12) +
               ",\"BiasUncertainty\":[0.0001,0.0001,0.0001],\"Id\":\"CALIBRATION_InertialSensorId_LSM6DSM\"," +
               "\"MixingMatrixTemperatureModel\":" + list(s.mixing_model.data(), 36) +
               ",\"ModelTypeMask\":16,\"Noise\":[0.00095,0.00095,0.00095,0,0,0]," +
               "\"Rt\":{\"Rotation\":[1,0,0,0,1,0,0,0,1],\"Translation\":[0,0,0]},\"SecondOrderScaling\":" +
               list(s.second_order.data(), 9) + ",\"SensorType\":\"" + type +
               "\",\"TemperatureBounds\":[5,60],\"TemperatureC\":" + temperature + "}";
    };
    return "{\"CalibrationInformation\":{\"Cameras\":[],\"InertialSensors\":[" +
           sensor(gyro, "CALIBRATION_InertialSensorType_Gyro") + "," +
           sensor(accel, "CALIBRATION_InertialSensorType_Accelerometer") + "]}}";
}

// Sensors whose every coefficient matters: temperature terms up to the cubic,
// off-diagonal mixing, a second-order accelerometer term, TemperatureC 20.
inline SdkImuSensor SdkImuTestSensor(double scale)
{
    SdkImuSensor s;
    for (int row = 0; row < 3; row++)
    {
        const double c[4] = {0.05 * scale * (row + 1), 0.002 * scale, -1e-5 * scale, 1e-7 * scale};
        for (int k = 0; k < 4; k++)
            s.bias_model[4 * row + k] = c[k];
    }
    for (int e = 0; e < 9; e++)
    {
        const bool diagonal = e % 4 == 0;
        const double c[4] = {diagonal ? 1.0 - 0.01 * e / 4 : 0.003 * (e + 1) * scale, 1e-3 * scale, -2e-5 * scale,
                             3e-7 * scale};
        for (int k = 0; k < 4; k++)
            s.mixing_model[4 * e + k] = c[k];
        s.second_order[e] = diagonal ? 1e-3 * scale : -2e-4 * scale;
    }
    s.temperature_c = 20;
    return s;
}

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_TESTING_SDK_IMU_REFERENCE_H_
