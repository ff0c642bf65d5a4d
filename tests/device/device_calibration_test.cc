// k4a_device_get_calibration (waiting for the calibration half of issue 14,
// tagged manual like //core/device:device_calibration): what the device gives
// equals k4a_calibration_get_from_raw() on the real calibration file read
// straight from ../shared/testdata, for every depth mode and colour resolution.
#include <gtest/gtest.h>
#include <k4a/k4a.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

constexpr char kCalibration[] = "recordings/azure_kinect_pyk4a_calibration.json";

TEST(DeviceCalibrationTest, EqualsTheCalibrationOfTheRealFile)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(json, kCalibration);
    auto readme = testing::TestdataPath("README.md");
    emulator::EmulatorOptions options;
    options.testdata_dir = readme->substr(0, readme->size() - strlen("/README.md"));
    std::string error;
    auto emulated = emulator::EmulatedDevice::Create(options, &error);
    ASSERT_NE(emulated, nullptr) << error;
    k4a_device_t device = nullptr;
    ASSERT_EQ(k4a_device_open(0, &device), K4A_RESULT_SUCCEEDED);
    std::vector<char> raw(json.begin(), json.end());
    raw.push_back('\0');
    for (int depth = K4A_DEPTH_MODE_NFOV_2X2BINNED; depth <= K4A_DEPTH_MODE_PASSIVE_IR; depth++)
    {
        for (int color = K4A_COLOR_RESOLUTION_720P; color <= K4A_COLOR_RESOLUTION_3072P; color++)
        {
            k4a_calibration_t expected, got;
            memset(&expected, 0, sizeof expected);
            memset(&got, 0xFF, sizeof got);
            ASSERT_EQ(k4a_calibration_get_from_raw(raw.data(), raw.size(), static_cast<k4a_depth_mode_t>(depth),
                                                   static_cast<k4a_color_resolution_t>(color), &expected),
                      K4A_RESULT_SUCCEEDED);
            ASSERT_EQ(k4a_device_get_calibration(device, static_cast<k4a_depth_mode_t>(depth),
                                                 static_cast<k4a_color_resolution_t>(color), &got),
                      K4A_RESULT_SUCCEEDED);
            EXPECT_EQ(got.depth_mode, expected.depth_mode);
            EXPECT_EQ(got.color_resolution, expected.color_resolution);
            EXPECT_EQ(0, memcmp(&got.depth_camera_calibration, &expected.depth_camera_calibration,
                                sizeof got.depth_camera_calibration));
            EXPECT_EQ(0, memcmp(&got.color_camera_calibration, &expected.color_camera_calibration,
                                sizeof got.color_camera_calibration));
            EXPECT_EQ(0, memcmp(got.extrinsics, expected.extrinsics, sizeof got.extrinsics));
        }
    }
    k4a_calibration_t c;
    EXPECT_EQ(k4a_device_get_calibration(device, K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P, nullptr),
              K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_calibration(nullptr, K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_COLOR_RESOLUTION_720P, &c),
              K4A_RESULT_FAILED);
    k4a_device_close(device);
}

} // namespace
} // namespace openk4a
