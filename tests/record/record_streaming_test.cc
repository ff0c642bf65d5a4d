// Recording what the emulated device streams, over the real libusb: the
// device's frames are held for k4arecord's writer thread instead of being
// copied on the caller's thread (core/device/device_frames.h), so what the
// file holds must still be every image as it was delivered, and holding them
// must never starve the device's frame pools. Images a caller makes are
// copied when written, as the SDK copies them: changing one afterwards does
// not change the file.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>
#include <k4arecord/record.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/device/device_frames.h"
#include "openk4a/device.h"
#include "tests/record/external_tools.h"
#include "tools/emulator/emulated_device.h"

namespace
{

using namespace openk4a::testing;
using Bytes = std::vector<uint8_t>;

struct Image
{
    uint64_t device_timestamp_usec = 0;
    Bytes bytes;
};

Image Copy(k4a_image_t image)
{
    const uint8_t *data = k4a_image_get_buffer(image);
    return {k4a_image_get_device_timestamp_usec(image), Bytes(data, data + k4a_image_get_size(image))};
}

// Every image of each stream k4a_playback reads from `path`, in file order.
void ReadBack(const std::string &path, std::vector<Image> *color, std::vector<Image> *depth, std::vector<Image> *ir,
              std::vector<k4a_imu_sample_t> *imu)
{
    k4a_playback_t playback = nullptr;
    ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_SUCCEEDED);
    k4a_capture_t capture = nullptr;
    while (k4a_playback_get_next_capture(playback, &capture) == K4A_STREAM_RESULT_SUCCEEDED)
    {
        const struct
        {
            k4a_image_t image;
            std::vector<Image> *list;
        } images[] = {{k4a_capture_get_color_image(capture), color},
                      {k4a_capture_get_depth_image(capture), depth},
                      {k4a_capture_get_ir_image(capture), ir}};
        for (const auto &i : images)
        {
            if (i.image == nullptr)
                continue;
            i.list->push_back(Copy(i.image));
            k4a_image_release(i.image);
        }
        k4a_capture_release(capture);
    }
    k4a_imu_sample_t sample;
    while (k4a_playback_get_next_imu_sample(playback, &sample) == K4A_STREAM_RESULT_SUCCEEDED)
        imu->push_back(sample);
    k4a_playback_close(playback);
}

void ExpectSame(const std::vector<Image> &delivered, const std::vector<Image> &read, const char *stream)
{
    ASSERT_EQ(read.size(), delivered.size()) << stream;
    for (size_t i = 0; i < read.size(); i++)
    {
        EXPECT_EQ(read[i].device_timestamp_usec, delivered[i].device_timestamp_usec) << stream << " " << i;
        EXPECT_TRUE(read[i].bytes == delivered[i].bytes) << stream << " image " << i << " differs";
    }
}

TEST(RecordStreamingTest, TheDevicesFramesAreRecordedAsDelivered)
{
    std::string error;
    auto emulated = openk4a::emulator::EmulatedDevice::Create({}, &error); // synthetic frames
    ASSERT_NE(emulated, nullptr) << error;
    k4a_device_t device = nullptr;
    ASSERT_EQ(k4a_device_open(0, &device), K4A_RESULT_SUCCEEDED);
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    ASSERT_EQ(k4a_device_start_cameras(device, &config), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_device_start_imu(device), K4A_RESULT_SUCCEEDED);

    const std::string path = TempPath(".mkv");
    k4a_record_t record = nullptr;
    ASSERT_EQ(k4a_record_create(path.c_str(), device, config, &record), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_record_add_imu_track(record), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_record_write_header(record), K4A_RESULT_SUCCEEDED);

    // 90 captures (3 s: more than the 2 s blocks wait before they are written).
    std::vector<Image> color, depth, ir;
    std::vector<k4a_imu_sample_t> imu;
    for (int n = 0; n < 90; n++)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(device, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED) << n;
        const struct
        {
            k4a_image_t image;
            std::vector<Image> *list;
        } images[] = {{k4a_capture_get_color_image(capture), &color},
                      {k4a_capture_get_depth_image(capture), &depth},
                      {k4a_capture_get_ir_image(capture), &ir}};
        for (const auto &i : images)
        {
            if (i.image == nullptr)
                continue;
            EXPECT_TRUE(ok4a_image_is_device_frame(i.image));
            i.list->push_back(Copy(i.image));
            k4a_image_release(i.image);
        }
        EXPECT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_SUCCEEDED) << n;
        k4a_capture_release(capture);
        k4a_imu_sample_t sample;
        while (k4a_device_get_imu_sample(device, &sample, 0) == K4A_WAIT_RESULT_SUCCEEDED)
        {
            EXPECT_EQ(k4a_record_write_imu_sample(record, sample), K4A_RESULT_SUCCEEDED);
            imu.push_back(sample);
        }
    }
    EXPECT_EQ(k4a_record_flush(record), K4A_RESULT_SUCCEEDED);
    k4a_record_close(record);
    openk4a_device_stats_t stats{};
    ASSERT_EQ(openk4a_device_get_stats(device, &stats), K4A_RESULT_SUCCEEDED);
    k4a_device_stop_imu(device);
    k4a_device_stop_cameras(device);
    k4a_device_close(device);
    emulated.reset();

    for (int s = 0; s < OPENK4A_STREAM_COUNT; s++)
        EXPECT_EQ(stats.streams[s].frames_dropped[OPENK4A_FRAME_DROP_NO_BUFFER], 0u) << "stream " << s;
    std::vector<Image> read_color, read_depth, read_ir;
    std::vector<k4a_imu_sample_t> read_imu;
    ReadBack(path, &read_color, &read_depth, &read_ir, &read_imu);
    ExpectSame(color, read_color, "colour");
    ExpectSame(depth, read_depth, "depth");
    ExpectSame(ir, read_ir, "IR");
    ASSERT_EQ(read_imu.size(), imu.size());
    for (size_t i = 0; i < imu.size(); i++)
    {
        EXPECT_EQ(read_imu[i].acc_timestamp_usec, imu[i].acc_timestamp_usec) << i;
        EXPECT_EQ(0, std::memcmp(&read_imu[i].acc_sample, &imu[i].acc_sample, sizeof imu[i].acc_sample)) << i;
        EXPECT_EQ(0, std::memcmp(&read_imu[i].gyro_sample, &imu[i].gyro_sample, sizeof imu[i].gyro_sample)) << i;
    }
    std::remove(path.c_str());
}

TEST(RecordStreamingTest, ACallersImageIsRecordedAsItWasAtTheCall)
{
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
    config.camera_fps = K4A_FRAMES_PER_SECOND_30;
    const std::string path = TempPath(".mkv");
    k4a_record_t record = nullptr;
    ASSERT_EQ(k4a_record_create(path.c_str(), nullptr, config, &record), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_record_write_header(record), K4A_RESULT_SUCCEEDED);
    // One depth and one IR image, written twice with new content and times.
    k4a_image_t depth = nullptr, ir = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 0, &depth), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 320, 288, 0, &ir), K4A_RESULT_SUCCEEDED);
    EXPECT_FALSE(ok4a_image_is_device_frame(depth));
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    k4a_capture_set_depth_image(capture, depth);
    k4a_capture_set_ir_image(capture, ir);
    std::vector<Image> written_depth, written_ir;
    for (int n = 0; n < 2; n++)
    {
        std::memset(k4a_image_get_buffer(depth), 0x11 * (n + 1), k4a_image_get_size(depth));
        std::memset(k4a_image_get_buffer(ir), 0x22 * (n + 1), k4a_image_get_size(ir));
        k4a_image_set_device_timestamp_usec(depth, 1000000 + 33333 * static_cast<uint64_t>(n));
        k4a_image_set_device_timestamp_usec(ir, 1000000 + 33333 * static_cast<uint64_t>(n));
        written_depth.push_back(Copy(depth));
        written_ir.push_back(Copy(ir));
        ASSERT_EQ(k4a_record_write_capture(record, capture), K4A_RESULT_SUCCEEDED);
    }
    std::memset(k4a_image_get_buffer(depth), 0x77, k4a_image_get_size(depth)); // after the last write
    k4a_capture_release(capture);
    k4a_image_release(depth);
    k4a_image_release(ir);
    ASSERT_EQ(k4a_record_flush(record), K4A_RESULT_SUCCEEDED);
    k4a_record_close(record);

    std::vector<Image> color, read_depth, read_ir;
    std::vector<k4a_imu_sample_t> imu;
    ReadBack(path, &color, &read_depth, &read_ir, &imu);
    EXPECT_TRUE(color.empty());
    ExpectSame(written_depth, read_depth, "depth");
    ExpectSame(written_ir, read_ir, "IR");
    std::remove(path.c_str());
}

} // namespace
