// The IMU calibration (ok4a_raw_calibration_parse_imu) and the sample correction
// (ok4a_imu_correction_*) against the Azure Kinect SDK's formula restated
// independently (tests/testing/sdk_imu_reference.h), on the real calibration
// blob read a second time by OpenCV's JSON reader (skipped when absent) and on
// a synthetic calibration in which every coefficient matters; hostile blobs
// are refused with a reason that names the field.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "core/calibration/calibration_raw.h"
#include "core/calibration/imu_correction.h"
#include "tests/testing/sdk_imu_reference.h"
#include "tests/testing/testdata.h"

namespace
{

using openk4a::testing::SdkImuCalibrationJson;
using openk4a::testing::SdkImuReference;
using openk4a::testing::SdkImuSensor;
using openk4a::testing::SdkImuTestSensor;

constexpr char kCalibration[] = "recordings/azure_kinect_pyk4a_calibration.json";

// One inertial sensor of the blob, read by OpenCV's parser, not by ours.
SdkImuSensor ReadSensor(const std::string &json, const std::string &type, std::vector<double> *bounds)
{
    cv::FileStorage fs(json, cv::FileStorage::READ | cv::FileStorage::MEMORY | cv::FileStorage::FORMAT_JSON);
    SdkImuSensor out;
    for (const cv::FileNode &s : fs["CalibrationInformation"]["InertialSensors"])
    {
        if (std::string(s["SensorType"]) != type)
            continue;
        size_t i = 0;
        for (const cv::FileNode &v : s["BiasTemperatureModel"])
            out.bias_model.at(i++) = double(v);
        EXPECT_EQ(i, 12u);
        i = 0;
        for (const cv::FileNode &v : s["MixingMatrixTemperatureModel"])
            out.mixing_model.at(i++) = double(v);
        EXPECT_EQ(i, 36u);
        i = 0;
        for (const cv::FileNode &v : s["SecondOrderScaling"])
            out.second_order.at(i++) = double(v);
        EXPECT_EQ(i, 9u);
        out.temperature_c = double(s["TemperatureC"]);
        for (const cv::FileNode &v : s["TemperatureBounds"])
            bounds->push_back(double(v));
    }
    return out;
}

// Samples read in this order: temperatures that refresh the models, that stay
// within 0.25 of the last refresh (the stale models apply), and one near 0 C
// before any refresh (the models at TemperatureC apply).
struct Reading
{
    float temperature;
    std::array<float, 3> gyro, accel;
};
const std::vector<Reading> kReadings = {
    {0.1f, {0.01f, -0.02f, 0.03f}, {0.1f, -9.7f, 0.4f}},
    {31.5f, {0.5f, -1.25f, 2.f}, {9.81f, 0.2f, -0.3f}},
    {31.7f, {-0.4f, 0.3f, -0.2f}, {-0.5f, 9.5f, 1.5f}},
    {31.8f, {3.f, 0.f, -3.f}, {-15.f, 2.f, 7.f}},
    {25.f, {0.f, 0.f, 0.f}, {0.f, 0.f, 0.f}},
    {24.76f, {1.f, 1.f, 1.f}, {4.f, -4.f, 4.f}},
    {55.f, {-2.5f, 0.125f, 0.75f}, {-9.81f, -0.1f, 0.05f}},
    {8.f, {0.2f, 0.2f, -0.2f}, {3.f, 3.f, -8.f}},
};

void ExpectCorrectedAsTheSdk(const ok4a_imu_intrinsics_t &gyro, const ok4a_imu_intrinsics_t &accel,
                             SdkImuReference reference)
{
    ok4a_imu_correction_t correction;
    ok4a_imu_correction_init(&correction, &gyro, &accel);
    for (size_t n = 0; n < kReadings.size(); n++)
    {
        const Reading &r = kReadings[n];
        k4a_imu_sample_t s{};
        s.temperature = r.temperature;
        s.acc_timestamp_usec = 1234;
        std::array<double, 3> want_gyro, want_accel;
        for (int i = 0; i < 3; i++)
        {
            s.gyro_sample.v[i] = r.gyro[i];
            s.acc_sample.v[i] = r.accel[i];
            want_gyro[i] = r.gyro[i];
            want_accel[i] = r.accel[i];
        }
        reference.Correct(r.temperature, &want_gyro, &want_accel);
        ok4a_imu_correction_apply(&correction, &s);
        for (int i = 0; i < 3; i++)
        {
            EXPECT_NEAR(s.gyro_sample.v[i], want_gyro[i], 2e-6 * (1 + std::fabs(want_gyro[i]))) << n << " gyro " << i;
            EXPECT_NEAR(s.acc_sample.v[i], want_accel[i], 2e-6 * (1 + std::fabs(want_accel[i]))) << n << " acc " << i;
        }
        EXPECT_EQ(s.temperature, r.temperature);
        EXPECT_EQ(s.acc_timestamp_usec, 1234u);
    }
}

TEST(ImuCorrectionTest, RealCalibrationCorrectsSamplesAsTheSdkFormula)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(bytes, kCalibration);
    const std::string json(bytes.begin(), bytes.end());
    std::vector<double> gyro_bounds, accel_bounds;
    const SdkImuSensor gyro_ref = ReadSensor(json, "CALIBRATION_InertialSensorType_Gyro", &gyro_bounds);
    const SdkImuSensor accel_ref = ReadSensor(json, "CALIBRATION_InertialSensorType_Accelerometer", &accel_bounds);

    ok4a_imu_intrinsics_t gyro, accel;
    char why[256] = "";
    ASSERT_EQ(ok4a_raw_calibration_parse_imu(json.data(), json.size(), &gyro, &accel, why, sizeof why),
              K4A_RESULT_SUCCEEDED)
        << why;
    for (size_t i = 0; i < 36; i++)
        EXPECT_FLOAT_EQ(accel.mixing_matrix_temperature_model[i], accel_ref.mixing_model[i]) << i;
    for (size_t i = 0; i < 12; i++)
        EXPECT_FLOAT_EQ(gyro.bias_temperature_model[i], gyro_ref.bias_model[i]) << i;
    ASSERT_EQ(accel_bounds.size(), 2u);
    EXPECT_FLOAT_EQ(accel.temperature_bounds[0], accel_bounds[0]);
    EXPECT_FLOAT_EQ(accel.temperature_bounds[1], accel_bounds[1]);
    EXPECT_NE(gyro.model_type_mask, 0u);
    // The real unit's corrections are small but not nothing: the accelerometer's
    // mixing differs from the identity by more than the test's tolerance.
    EXPECT_GT(std::fabs(accel_ref.mixing_model[0] - 1.0), 1e-4);
    ExpectCorrectedAsTheSdk(gyro, accel, SdkImuReference(gyro_ref, accel_ref));
}

TEST(ImuCorrectionTest, EveryCoefficientAndTheHysteresisAsTheSdk)
{
    const SdkImuSensor gyro_ref = SdkImuTestSensor(1.0), accel_ref = SdkImuTestSensor(-2.0);
    const std::string json = SdkImuCalibrationJson(gyro_ref, accel_ref);
    ok4a_imu_intrinsics_t gyro, accel;
    char why[256] = "";
    ASSERT_EQ(ok4a_raw_calibration_parse_imu(json.data(), json.size(), &gyro, &accel, why, sizeof why),
              K4A_RESULT_SUCCEEDED)
        << why;
    EXPECT_EQ(gyro.temperature_c, 20.f);
    ExpectCorrectedAsTheSdk(gyro, accel, SdkImuReference(gyro_ref, accel_ref));

    // The test can fail: without the hysteresis (models fresh at every
    // temperature) the sample at 31.7 C comes out differently.
    ok4a_imu_correction_t correction;
    ok4a_imu_correction_init(&correction, &gyro, &accel);
    k4a_imu_sample_t first{}, stale{}, fresh{};
    first.temperature = 31.5f;
    stale.temperature = fresh.temperature = 31.7f;
    stale.acc_sample = fresh.acc_sample = {{9.81f, 0.f, 0.f}};
    ok4a_imu_correction_apply(&correction, &first);
    ok4a_imu_correction_apply(&correction, &stale);
    ok4a_imu_correction_t at_317;
    ok4a_imu_correction_init(&at_317, &gyro, &accel);
    ok4a_imu_correction_apply(&at_317, &fresh);
    EXPECT_GT(std::fabs(stale.acc_sample.xyz.x - fresh.acc_sample.xyz.x), 1e-4);
}

struct Hostile
{
    const char *name;
    std::string from, to; // replaced once in the valid document
    const char *reason;
};

TEST(ImuCorrectionTest, HostileImuCalibrationIsRefusedWithAReason)
{
    const std::string valid = SdkImuCalibrationJson(SdkImuTestSensor(1.0), SdkImuTestSensor(1.0));
    const std::vector<Hostile> cases = {
        {"no sensors", "\"InertialSensors\"", "\"Sensors\"", "InertialSensors is missing"},
        {"no gyro", "InertialSensorType_Gyro", "InertialSensorType_Gyroscope", "no inertial sensor with SensorType"},
        {"short bias", "\"BiasTemperatureModel\":[", "\"BiasTemperatureModel\":[1,", "BiasTemperatureModel has 13"},
        {"no mixing", "\"MixingMatrixTemperatureModel\"", "\"Mixing\"", "MixingMatrixTemperatureModel is missing"},
        {"string coefficient", "\"SecondOrderScaling\":[", "\"SecondOrderScaling\":[\"x\",",
         "SecondOrderScaling has 10"},
        {"huge coefficient", "\"BiasTemperatureModel\":[",
         "\"BiasTemperatureModel\":[1e9,0,0,0,0,0,0,0,0,0,0,0],\"X\":[", "beyond the +-1e+06"},
        {"infinite coefficient", "\"SecondOrderScaling\":[", "\"SecondOrderScaling\":[1e400,0,0,0,0,0,0,0,0],\"X\":[",
         "SecondOrderScaling[0] is not a finite number"},
        {"zero mask", "\"ModelTypeMask\":16", "\"ModelTypeMask\":0", "ModelTypeMask is missing or not an integer"},
        {"fractional mask", "\"ModelTypeMask\":16", "\"ModelTypeMask\":1.5", "ModelTypeMask"},
        {"bounds reversed", "\"TemperatureBounds\":[5,60]", "\"TemperatureBounds\":[60,5]", "lower bound is above"},
        {"three bounds", "\"TemperatureBounds\":[5,60]", "\"TemperatureBounds\":[5,60,70]", "has 3 numbers"},
        {"no temperature", "\"TemperatureC\":", "\"Temperature\":", "TemperatureC is missing"},
        {"absurd temperature", "\"TemperatureC\":20", "\"TemperatureC\":1e9", "TemperatureC is missing or not"},
        {"truncated", "]}}", "]}", "not valid JSON"},
    };
    for (const Hostile &h : cases)
    {
        std::string json = valid;
        const size_t at = json.find(h.from);
        ASSERT_NE(at, std::string::npos) << h.name;
        json.replace(at, h.from.size(), h.to);
        ok4a_imu_intrinsics_t gyro, accel;
        char why[256] = "";
        EXPECT_EQ(ok4a_raw_calibration_parse_imu(json.data(), json.size(), &gyro, &accel, why, sizeof why),
                  K4A_RESULT_FAILED)
            << h.name;
        EXPECT_NE(std::string(why).find(h.reason), std::string::npos) << h.name << ": " << why;
    }
    char why[64] = "";
    ok4a_imu_intrinsics_t gyro, accel;
    EXPECT_EQ(ok4a_raw_calibration_parse_imu("", 0, &gyro, &accel, why, sizeof why), K4A_RESULT_FAILED);
    EXPECT_STREQ(why, "raw calibration is empty");
    EXPECT_EQ(ok4a_raw_calibration_parse_imu(nullptr, 10, &gyro, &accel, why, sizeof why), K4A_RESULT_FAILED);
    EXPECT_STREQ(why, "raw calibration is NULL");
}

} // namespace
