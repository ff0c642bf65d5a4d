// The k4a device API end to end: the real libusb against the emulated device
// (tools/emulator) through umockdev. Every configuration the emulator
// offers, the timeouts, statistics, the IMU, every fault, and real webcam
// descriptors streaming MJPG.
#include <gtest/gtest.h>
#include <k4a/k4a.h>
#include <turbojpeg.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "openk4a/color.h"
#include "openk4a/device.h"
#include "tests/testing/device_stats_text.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/emulated_device.h"

namespace openk4a
{
namespace
{

using emulator::EmulatedDevice;
using emulator::EmulatorOptions;
using emulator::Fault;
using emulator::FaultKind;

std::string TestdataDir()
{
    auto readme = testing::TestdataPath("README.md");
    return readme ? readme->substr(0, readme->size() - strlen("/README.md")) : std::string();
}

// Error messages of the library while in scope.
class Messages
{
public:
    explicit Messages(k4a_log_level_t level = K4A_LOG_LEVEL_ERROR)
    {
        k4a_set_debug_message_handler(
            [](void *self, k4a_log_level_t, const char *, const int, const char *message)
            {
                auto *m = static_cast<Messages *>(self);
                std::lock_guard<std::mutex> lock(m->mutex_);
                m->text_ += message;
                m->text_ += "\n";
            },
            this, level);
    }
    ~Messages()
    {
        k4a_set_debug_message_handler(nullptr, nullptr, K4A_LOG_LEVEL_OFF);
    }
    std::string text()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return text_;
    }

private:
    std::mutex mutex_;
    std::string text_;
};

k4a_device_configuration_t Config(k4a_image_format_t format, k4a_color_resolution_t color, k4a_depth_mode_t depth,
                                  k4a_fps_t fps)
{
    k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    c.color_format = format;
    c.color_resolution = color;
    c.depth_mode = depth;
    c.camera_fps = fps;
    return c;
}

struct Size
{
    int width, height;
};
Size ColorSize(k4a_color_resolution_t r)
{
    static const Size sizes[] = {{0, 0},       {1280, 720},  {1920, 1080}, {2560, 1440},
                                 {2048, 1536}, {3840, 2160}, {4096, 3072}};
    return sizes[r];
}
Size DepthSize(k4a_depth_mode_t m)
{
    static const Size sizes[] = {{0, 0}, {320, 288}, {640, 576}, {512, 512}, {1024, 1024}, {1024, 1024}};
    return sizes[m];
}
uint64_t PeriodUsec(k4a_fps_t fps)
{
    return fps == K4A_FRAMES_PER_SECOND_30 ? 33333 : fps == K4A_FRAMES_PER_SECOND_15 ? 66667 : 200000;
}

bool JpegSize(k4a_image_t image, int *width, int *height)
{
    tjhandle h = tjInitDecompress();
    int subsamp = 0, colorspace = 0;
    const bool ok = tjDecompressHeader3(h, k4a_image_get_buffer(image), k4a_image_get_size(image), width, height,
                                        &subsamp, &colorspace) == 0;
    tjDestroy(h);
    return ok;
}

// An MJPG image over `jpeg` (borrowed).
k4a_image_t MjpgImage(std::vector<uint8_t> *jpeg)
{
    k4a_image_t image = nullptr;
    EXPECT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, 1, 1, 0, jpeg->data(), jpeg->size(), nullptr,
                                           nullptr, &image),
              K4A_RESULT_SUCCEEDED);
    return image;
}

class DeviceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        openk4a_device_set_generic_uvc(false);
    }
    void TearDown() override
    {
        if (device_ != nullptr)
            k4a_device_close(device_);
        device_ = nullptr;
        emulator_.reset();
    }
    void Emulate(EmulatorOptions options = {})
    {
        if (options.testdata_dir.empty())
            options.testdata_dir = TestdataDir();
        std::string error;
        emulator_ = EmulatedDevice::Create(options, &error);
        ASSERT_NE(emulator_, nullptr) << error;
    }
    void Open()
    {
        ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
        ASSERT_NE(device_, nullptr);
    }
    openk4a_device_stats_t Stats()
    {
        openk4a_device_stats_t s;
        EXPECT_EQ(openk4a_device_get_stats(device_, &s), K4A_RESULT_SUCCEEDED);
        return s;
    }
    // A consumer on another thread: takes and releases captures, each call
    // waiting forever, until get_capture returns something else, which it
    // stores in *result (the caller joins the thread, then checks it).
    std::thread ConsumeUntilGetCaptureFails(std::atomic<int> *result)
    {
        return std::thread(
            [this, result]
            {
                while (true)
                {
                    k4a_capture_t capture = nullptr;
                    const k4a_wait_result_t r = k4a_device_get_capture(device_, &capture, K4A_WAIT_INFINITE);
                    if (r != K4A_WAIT_RESULT_SUCCEEDED)
                    {
                        *result = r;
                        return;
                    }
                    k4a_capture_release(capture);
                }
            });
    }
    // Whether a BGRA32 colour image equals core/color's one-shot decode of the
    // MJPG frame the emulator sent for its timestamp (the device clock puts
    // frame k at k * interval).
    ::testing::AssertionResult EqualsOneShotDecode(k4a_image_t bgra, openk4a_color_mode_t mode)
    {
        const emulator::StreamStats committed = emulator_->stream_stats(emulator::kColorStream);
        const uint64_t ts = k4a_image_get_device_timestamp_usec(bgra);
        const uint64_t frame = (ts * 10 + committed.interval / 2) / committed.interval;
        std::vector<uint8_t> jpeg =
            emulator_->FrameContent(emulator::kColorStream, committed.format_index, committed.frame_index, frame);
        k4a_image_t source = MjpgImage(&jpeg);
        k4a_image_t expected = nullptr;
        openk4a_color_status_t status = OPENK4A_COLOR_OK;
        const bool decoded = openk4a_image_decode_to_bgra32(source, mode, &expected, &status) == K4A_RESULT_SUCCEEDED;
        k4a_image_release(source);
        if (!decoded)
            return ::testing::AssertionFailure() << "frame " << frame << ": " << openk4a_color_status_str(status);
        const bool same =
            k4a_image_get_size(expected) == k4a_image_get_size(bgra) &&
            memcmp(k4a_image_get_buffer(bgra), k4a_image_get_buffer(expected), k4a_image_get_size(bgra)) == 0;
        k4a_image_release(expected);
        if (!same)
            return ::testing::AssertionFailure() << "frame " << frame << " differs from its one-shot decode";
        return ::testing::AssertionSuccess();
    }
    // Checks `n` captures of a running configuration.
    // Takes captures until `n` of them held a depth image (a loaded machine may
    // deliver some without: synchronisation is off), at most 50 per wanted one.
    void WaitForDepthCaptures(int n)
    {
        int with_depth = 0;
        for (int i = 0; i < 50 * n && with_depth < n; i++)
        {
            k4a_capture_t capture = nullptr;
            ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED)
                << "capture " << i << ": " << testing::DeviceStatsText(device_);
            k4a_image_t depth = k4a_capture_get_depth_image(capture);
            if (depth != nullptr)
            {
                with_depth++;
                k4a_image_release(depth);
            }
            k4a_capture_release(capture);
        }
        ASSERT_EQ(with_depth, n);
    }

    void ExpectCaptures(const k4a_device_configuration_t &c, int n)
    {
        const bool color = c.color_resolution != K4A_COLOR_RESOLUTION_OFF;
        const bool depth = c.depth_mode != K4A_DEPTH_MODE_OFF && c.depth_mode != K4A_DEPTH_MODE_PASSIVE_IR;
        const bool ir = c.depth_mode != K4A_DEPTH_MODE_OFF;
        uint64_t last[OPENK4A_STREAM_COUNT] = {}; // per stream: newest timestamp + 1
        for (int i = 0; i < n; i++)
        {
            k4a_capture_t capture = nullptr;
            ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED)
                << "capture " << i << ": " << testing::DeviceStatsText(device_);
            k4a_image_t ci = k4a_capture_get_color_image(capture);
            k4a_image_t di = k4a_capture_get_depth_image(capture);
            k4a_image_t ii = k4a_capture_get_ir_image(capture);
            if (c.synchronized_images_only)
            {
                EXPECT_NE(ci, nullptr);
                EXPECT_NE(di, nullptr);
            }
            EXPECT_TRUE(ci != nullptr || di != nullptr || ii != nullptr);
            if (!color)
            {
                EXPECT_EQ(ci, nullptr);
            }
            if (!depth)
            {
                EXPECT_EQ(di, nullptr);
            }
            if (!ir)
            {
                EXPECT_EQ(ii, nullptr);
            }
            if (ci != nullptr)
            {
                const Size size = ColorSize(c.color_resolution);
                EXPECT_EQ(k4a_image_get_format(ci), c.color_format);
                EXPECT_EQ(k4a_image_get_width_pixels(ci), size.width);
                EXPECT_EQ(k4a_image_get_height_pixels(ci), size.height);
                if (c.color_format == K4A_IMAGE_FORMAT_COLOR_MJPG)
                {
                    int w = 0, h = 0;
                    EXPECT_TRUE(JpegSize(ci, &w, &h));
                    EXPECT_EQ(w, size.width);
                }
                else if (c.color_format == K4A_IMAGE_FORMAT_COLOR_BGRA32)
                {
                    EXPECT_EQ(k4a_image_get_stride_bytes(ci), size.width * 4);
                    EXPECT_EQ(k4a_image_get_size(ci), size_t(size.width) * size.height * 4);
                }
                else if (c.color_format == K4A_IMAGE_FORMAT_COLOR_YUY2)
                {
                    EXPECT_EQ(k4a_image_get_stride_bytes(ci), size.width * 2);
                    EXPECT_EQ(k4a_image_get_size(ci), size_t(size.width) * size.height * 2);
                }
                else
                {
                    EXPECT_EQ(k4a_image_get_size(ci), size_t(size.width) * size.height * 3 / 2);
                }
                EXPECT_GT(k4a_image_get_system_timestamp_nsec(ci), 0u);
            }
            for (k4a_image_t img : {di, ii})
            {
                if (img == nullptr)
                    continue;
                const Size size = DepthSize(c.depth_mode);
                EXPECT_EQ(k4a_image_get_width_pixels(img), size.width);
                EXPECT_EQ(k4a_image_get_height_pixels(img), size.height);
                EXPECT_EQ(k4a_image_get_stride_bytes(img), size.width * 2);
                EXPECT_EQ(k4a_image_get_size(img), size_t(size.width) * size.height * 2);
            }
            if (di != nullptr)
            {
                EXPECT_EQ(k4a_image_get_format(di), K4A_IMAGE_FORMAT_DEPTH16);
            }
            if (ii != nullptr)
            {
                EXPECT_EQ(k4a_image_get_format(ii), K4A_IMAGE_FORMAT_IR16);
            }
            if (di != nullptr && ii != nullptr)
            {
                EXPECT_EQ(k4a_image_get_device_timestamp_usec(di), k4a_image_get_device_timestamp_usec(ii));
            }
            if (ci != nullptr && di != nullptr)
            {
                const int64_t skew = int64_t(k4a_image_get_device_timestamp_usec(ci)) + c.depth_delay_off_color_usec -
                                     int64_t(k4a_image_get_device_timestamp_usec(di));
                EXPECT_LE(std::abs(skew), int64_t(PeriodUsec(c.camera_fps) / 2));
            }
            // Each stream's images leave in order (without synchronisation a
            // colour image whose depth left alone first may follow newer captures).
            for (int stream = 0; stream < OPENK4A_STREAM_COUNT; stream++)
            {
                const k4a_image_t img = stream == OPENK4A_STREAM_COLOR ? ci : stream == OPENK4A_STREAM_DEPTH ? di : ii;
                if (img == nullptr)
                    continue;
                const uint64_t ts = k4a_image_get_device_timestamp_usec(img);
                EXPECT_GT(ts + 1, last[stream]) << "stream " << stream;
                last[stream] = ts + 1;
            }
            for (k4a_image_t img : {ci, di, ii})
                k4a_image_release(img);
            k4a_capture_release(capture);
        }
    }

    std::unique_ptr<EmulatedDevice> emulator_;
    k4a_device_t device_ = nullptr;
};

// ---------------------------------------------------------------- basics --

TEST_F(DeviceTest, CountOpenSerialClose)
{
    EXPECT_EQ(k4a_device_get_installed_count(), 0u);
    EmulatorOptions options;
    options.serial = "000987654321";
    Emulate(options);
    EXPECT_EQ(k4a_device_get_installed_count(), 1u);
    k4a_device_t other = nullptr;
    {
        Messages messages;
        EXPECT_EQ(k4a_device_open(1, &other), K4A_RESULT_FAILED);
        EXPECT_NE(messages.text().find("no device at index 1"), std::string::npos) << messages.text();
    }
    EXPECT_EQ(other, nullptr);
    EXPECT_EQ(k4a_device_open(0, nullptr), K4A_RESULT_FAILED);
    Open();
    {
        // As the Azure Kinect SDK: a device open in this process cannot be opened again.
        Messages messages;
        k4a_device_t again = reinterpret_cast<k4a_device_t>(0x1);
        EXPECT_EQ(k4a_device_open(0, &again), K4A_RESULT_FAILED);
        EXPECT_EQ(again, nullptr);
        EXPECT_NE(messages.text().find("device 0 is already open in this process"), std::string::npos)
            << messages.text();
    }
    EXPECT_TRUE(openk4a_device_has_imu(device_));
    size_t size = 0;
    EXPECT_EQ(k4a_device_get_serialnum(device_, nullptr, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    EXPECT_EQ(size, 13u);
    char small[4];
    size = sizeof small;
    EXPECT_EQ(k4a_device_get_serialnum(device_, small, &size), K4A_BUFFER_RESULT_TOO_SMALL);
    EXPECT_EQ(size, 13u);
    char serial[32];
    size = sizeof serial;
    ASSERT_EQ(k4a_device_get_serialnum(device_, serial, &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_STREQ(serial, "000987654321");
    EXPECT_EQ(size, 13u);
    EXPECT_EQ(k4a_device_get_serialnum(device_, serial, nullptr), K4A_BUFFER_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_serialnum(nullptr, serial, &size), K4A_BUFFER_RESULT_FAILED);
    k4a_device_close(device_);
    device_ = nullptr;
    k4a_device_close(nullptr); // ignored
    k4a_device_stop_cameras(nullptr);
    k4a_device_stop_imu(nullptr);
    Open(); // closed: it opens again
}

TEST_F(DeviceTest, OpensAgainAfterReplugWhileTheOldHandleIsStillOpen)
{
    Emulate();
    Open();
    k4a_device_t old = device_;
    emulator_->Unplug(); // idle: no transfer notices
    std::string error;
    ASSERT_TRUE(emulator_->Plug(&error)) << error;
    ASSERT_EQ(k4a_device_get_installed_count(), 1u);
    // A new device on the bus (new address): the stale handle does not make it "already open".
    ASSERT_EQ(k4a_device_open(0, &device_), K4A_RESULT_SUCCEEDED);
    EXPECT_FALSE(Stats().disconnected);
    k4a_device_close(old);
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(c, 2);
}

TEST_F(DeviceTest, RejectsUnsupportedConfigurationsWithAReason)
{
    Emulate();
    Open();
    struct Case
    {
        k4a_device_configuration_t config;
        const char *reason;
    } cases[] = {
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "neither colour nor depth"},
        {Config(K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_1080P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "NV12 exists only at 720P"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "3072P runs at 15 fps at most"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_WFOV_UNBINNED,
                K4A_FRAMES_PER_SECOND_30),
         "WFOV_UNBINNED runs at 15 fps at most"},
        {Config(K4A_IMAGE_FORMAT_DEPTH16, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "color_format DEPTH16 is not a colour camera format"},
        {Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF,
                K4A_FRAMES_PER_SECOND_30),
         "3072P runs at 15 fps at most"},
    };
    for (Case &c : cases)
    {
        Messages messages;
        EXPECT_EQ(k4a_device_start_cameras(device_, &c.config), K4A_RESULT_FAILED) << c.reason;
        EXPECT_NE(messages.text().find(c.reason), std::string::npos) << messages.text();
    }
    k4a_device_configuration_t c =
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    c.synchronized_images_only = true;
    {
        Messages messages;
        EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
        EXPECT_NE(messages.text().find("synchronized_images_only needs both"), std::string::npos);
    }
    c.synchronized_images_only = false;
    c.wired_sync_mode = K4A_WIRED_SYNC_MODE_MASTER;
    EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
    c.wired_sync_mode = K4A_WIRED_SYNC_MODE_STANDALONE;
    c.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    c.depth_delay_off_color_usec = 40000; // more than a frame at 30 fps
    EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_device_start_cameras(device_, nullptr), K4A_RESULT_FAILED);
    // Nothing was left running: a valid start works and the stream is clean.
    c.depth_delay_off_color_usec = 0;
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(c, 2);
    EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED); // already running
    k4a_device_stop_cameras(device_);
}

TEST_F(DeviceTest, AClosedHandleIsRefusedAndNeverNamesALaterDevice)
{
    Emulate();
    Open();
    const k4a_device_t closed = device_;
    k4a_device_close(closed);
    device_ = nullptr;
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    char serial[64];
    size_t size = sizeof serial;
    k4a_capture_t capture = nullptr;
    k4a_imu_sample_t sample;
    openk4a_device_stats_t stats;
    // Every call on the closed handle fails and says why (never reads freed memory: ASan).
    auto expect_refused = [&](k4a_device_t handle)
    {
        Messages messages;
        EXPECT_EQ(k4a_device_get_serialnum(handle, serial, &size), K4A_BUFFER_RESULT_FAILED);
        EXPECT_EQ(k4a_device_start_cameras(handle, &c), K4A_RESULT_FAILED);
        EXPECT_EQ(k4a_device_get_capture(handle, &capture, 0), K4A_WAIT_RESULT_FAILED);
        EXPECT_EQ(k4a_device_start_imu(handle), K4A_RESULT_FAILED);
        EXPECT_EQ(k4a_device_get_imu_sample(handle, &sample, 0), K4A_WAIT_RESULT_FAILED);
        EXPECT_EQ(openk4a_device_get_stats(handle, &stats), K4A_RESULT_FAILED);
        EXPECT_FALSE(openk4a_device_has_imu(handle));
        k4a_device_stop_imu(handle);
        k4a_device_stop_cameras(handle);
        k4a_device_close(handle);
        EXPECT_NE(messages.text().find("invalid device handle"), std::string::npos) << messages.text();
    };
    expect_refused(closed);
    // A device opened later (its memory may well be the closed one's) is not
    // reached through the old handle: the old close does not close it.
    Open();
    EXPECT_NE(device_, closed);
    expect_refused(closed);
    size = sizeof serial;
    EXPECT_EQ(k4a_device_get_serialnum(device_, serial, &size), K4A_BUFFER_RESULT_SUCCEEDED);
    EXPECT_EQ(std::string(serial), emulator_->serial());
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(c, 2);
}

TEST_F(DeviceTest, GetCaptureTimeouts)
{
    Emulate();
    Open();
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(k4a_device_get_capture(device_, &capture, 0), K4A_WAIT_RESULT_FAILED); // not started
    EXPECT_EQ(k4a_device_get_capture(device_, nullptr, 0), K4A_WAIT_RESULT_FAILED);
    k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                          K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_5);
    // The first frames are held back (the emulator's pause, not a race
    // against the 5 fps clock): the queue stays empty while we look.
    emulator_->InjectFault({FaultKind::kPause, emulator::kDepthStream, 0, 1, 1500});
    emulator_->InjectFault({FaultKind::kPause, emulator::kIrStream, 0, 1, 1500});
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    // Empty queue: 0 returns at once, a short timeout waits at least that long.
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(k4a_device_get_capture(device_, &capture, 0), K4A_WAIT_RESULT_TIMEOUT);
    EXPECT_EQ(k4a_device_get_capture(device_, &capture, 30), K4A_WAIT_RESULT_TIMEOUT);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(30));
    ASSERT_EQ(k4a_device_get_capture(device_, &capture, K4A_WAIT_INFINITE), K4A_WAIT_RESULT_SUCCEEDED);
    k4a_capture_release(capture);
    // A consumer waiting forever is released by stop_cameras.
    std::atomic<int> result{-1};
    std::thread waiter = ConsumeUntilGetCaptureFails(&result); // takes what is queued, then waits
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    k4a_device_stop_cameras(device_);
    waiter.join();
    EXPECT_EQ(result.load(), K4A_WAIT_RESULT_FAILED);
    EXPECT_EQ(k4a_device_get_capture(device_, &capture, 100), K4A_WAIT_RESULT_FAILED);
    k4a_device_stop_cameras(device_); // twice is fine
}

// ------------------------------------------------------ configurations --

struct ConfigCase
{
    const char *name;
    k4a_device_configuration_t config;
};

class ConfigurationTest : public DeviceTest, public ::testing::WithParamInterface<ConfigCase>
{
};

TEST_P(ConfigurationTest, Streams)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = GetParam().config;
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(c, 3);
    k4a_device_stop_cameras(device_);
    const openk4a_device_stats_t s = Stats();
    EXPECT_GE(s.captures_delivered, 3u);
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        EXPECT_EQ(s.streams[i].frames_dropped[OPENK4A_FRAME_DROP_CORRUPT], 0u);
        EXPECT_EQ(s.streams[i].frames_dropped[OPENK4A_FRAME_DROP_SIZE_MISMATCH], 0u);
        EXPECT_EQ(s.streams[i].frames_dropped[OPENK4A_FRAME_DROP_DEVICE_ERROR], 0u);
    }
}

ConfigCase Case(const char *name, k4a_image_format_t f, k4a_color_resolution_t r, k4a_depth_mode_t d, k4a_fps_t fps,
                bool sync = false)
{
    ConfigCase c{name, Config(f, r, d, fps)};
    c.config.synchronized_images_only = sync;
    return c;
}

INSTANTIATE_TEST_SUITE_P(
    All, ConfigurationTest,
    ::testing::Values(Case("Mjpg720p30", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("Mjpg720p15", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_15),
                      Case("Mjpg720p5", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_5),
                      Case("Mjpg1080p", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_1080P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("Mjpg1440p", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_1440P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("Mjpg1536p", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_1536P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("Mjpg2160p", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_2160P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("Mjpg3072p15", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_15),
                      Case("Yuy2720p", K4A_IMAGE_FORMAT_COLOR_YUY2, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("Nv12720p", K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                           K4A_FRAMES_PER_SECOND_30),
                      Case("NfovBinned", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                           K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30),
                      Case("NfovUnbinned", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                           K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30),
                      Case("WfovBinned", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                           K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30),
                      Case("WfovUnbinned15", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                           K4A_DEPTH_MODE_WFOV_UNBINNED, K4A_FRAMES_PER_SECOND_15),
                      Case("PassiveIr", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                           K4A_DEPTH_MODE_PASSIVE_IR, K4A_FRAMES_PER_SECOND_30),
                      Case("SyncMjpg720pNfov", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                           K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30, true),
                      Case("SyncMjpg2160pNfov", K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_2160P,
                           K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30, true),
                      Case("Yuy2WfovBinned15", K4A_IMAGE_FORMAT_COLOR_YUY2, K4A_COLOR_RESOLUTION_720P,
                           K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_15, true),
                      Case("Nv12PassiveIr5", K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_720P,
                           K4A_DEPTH_MODE_PASSIVE_IR, K4A_FRAMES_PER_SECOND_5),
                      Case("Bgra32_1080p15", K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_1080P,
                           K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_15),
                      Case("Bgra32_1536pWfov15", K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_1536P,
                           K4A_DEPTH_MODE_WFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_15, true)),
    [](const ::testing::TestParamInfo<ConfigCase> &param) { return std::string(param.param.name); });

TEST_F(DeviceTest, IsochronousDeviceStreamsToo)
{
    EmulatorOptions options;
    options.isochronous = true;
    Emulate(options);
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(c, 4);
    k4a_device_stop_cameras(device_);
}

TEST_F(DeviceTest, WholeFrameTransfersAreZeroCopyAndSplitOnesAssembled)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    WaitForDepthCaptures(4);
    openk4a_device_stats_t s = Stats();
    EXPECT_GE(s.streams[OPENK4A_STREAM_DEPTH].frames_zero_copy, 4u);
    // Every depth frame that left the assembler was its transfer buffer; a
    // loaded machine may drop some later (in the sync), which zero-copy keeps.
    EXPECT_GE(s.streams[OPENK4A_STREAM_DEPTH].frames_zero_copy, s.streams[OPENK4A_STREAM_DEPTH].frames_delivered);
    EXPECT_LE(s.streams[OPENK4A_STREAM_DEPTH].frames_zero_copy, s.streams[OPENK4A_STREAM_DEPTH].frames_received);
    // The image IS the transfer buffer: its pixels equal the real frame.
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_device_get_capture(device_, &capture, 2000), K4A_WAIT_RESULT_SUCCEEDED);
    k4a_image_t depth = k4a_capture_get_depth_image(capture);
    ASSERT_NE(depth, nullptr);
    if (!TestdataDir().empty())
    {
        OPENK4A_READ_TESTDATA_OR_SKIP(real, "frames/azure_kinect_nfov_640x576.depth16le");
        EXPECT_EQ(memcmp(k4a_image_get_buffer(depth), real.data(), real.size()), 0);
    }
    k4a_image_release(depth);
    k4a_capture_release(capture);
    k4a_device_stop_cameras(device_);
    k4a_device_close(device_);
    device_ = nullptr;
    emulator_.reset();

    EmulatorOptions options;
    options.bulk_payload_size = 32768;
    Emulate(options);
    Open();
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    WaitForDepthCaptures(4);
    s = Stats();
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].frames_zero_copy, 0u);
    EXPECT_GE(s.streams[OPENK4A_STREAM_DEPTH].frames_delivered, 4u);
}

// The number after `key` on the log line of `stream` ("colour stream: ..."); -1 if none.
long long LoggedNumber(const std::string &log, const std::string &stream, const std::string &key)
{
    size_t line = log.find(stream + " stream: interface");
    if (line == std::string::npos)
        return -1;
    const size_t end = log.find('\n', line);
    const size_t at = log.find(key, line);
    if (at == std::string::npos || at > end)
        return -1;
    return std::atoll(log.c_str() + at + key.size());
}

TEST_F(DeviceTest, FramesSplitIntoPayloadsUsePayloadSizedTransfers)
{
    // A 1080p bulk camera with 32 KiB payloads: transfers of 32 KiB, not of a
    // frame each (which cost ~75 MB up front).
    EmulatorOptions options;
    options.bulk_payload_size = 32768;
    Emulate(options);
    Open();
    const k4a_device_configuration_t c =
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_1080P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    Messages messages(K4A_LOG_LEVEL_INFO);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(emulator_->stream_stats(emulator::kColorStream).max_payload, 32768u);
    EXPECT_EQ(LoggedNumber(messages.text(), "colour", "transfers of "), 32768) << messages.text();
    ExpectCaptures(c, 3);
}

TEST_F(DeviceTest, SizesALyingDeviceNegotiatesAreBoundedByTheMode)
{
    // The device claims ~4 GiB frames and payloads; it sends ordinary ones.
    EmulatorOptions options;
    options.claimed_max_frame_size = 0xFFFFFFF0u;
    options.claimed_max_payload_size = 0xFFFFFFF0u;
    Emulate(options);
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                                K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    Messages messages(K4A_LOG_LEVEL_INFO);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED) << messages.text();
    const std::string log = messages.text();
    EXPECT_NE(log.find("negotiated frames of 4294967280 bytes"), std::string::npos) << log;
    // MJPG: at most 4 bytes per pixel; DEPTH16: exactly its size (SDK figures),
    // plus the longest UVC header for a transfer that carries a whole frame.
    const long long colour = LoggedNumber(log, "colour", "frame buffers of ");
    EXPECT_GT(colour, 0) << log;
    EXPECT_LE(colour, 1280LL * 720 * 4 + 255) << log; // a whole-frame transfer: frame + UVC header
    EXPECT_EQ(LoggedNumber(log, "depth", "frame buffers of "), 640LL * 576 * 2 + 255) << log;
    ExpectCaptures(c, 3);
}

TEST_F(DeviceTest, SlowConsumerDropsTheOldestAndMemoryStaysBounded)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    // Nobody consumes while 20 depth frames arrive (counted on the host, not
    // timed): the queue holds 8.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (Stats().streams[OPENK4A_STREAM_DEPTH].frames_received < 20 && std::chrono::steady_clock::now() < give_up)
    {
        emulator_->WaitForFrames(emulator::kDepthStream,
                                 emulator_->stream_stats(emulator::kDepthStream).frames_sent + 1, 1000);
    }
    openk4a_device_stats_t s = Stats();
    EXPECT_GE(s.captures_dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL], 5u);
    // What is queued is the newest: oldest first, at most 9 periods before the last.
    k4a_capture_t capture = nullptr;
    uint64_t first = 0, last = 0;
    int queued = 0;
    while (k4a_device_get_capture(device_, &capture, 0) == K4A_WAIT_RESULT_SUCCEEDED)
    {
        k4a_image_t d = k4a_capture_get_depth_image(capture);
        if (d != nullptr)
        {
            last = k4a_image_get_device_timestamp_usec(d);
            if (first == 0)
                first = last;
        }
        queued++;
        k4a_image_release(d);
        k4a_capture_release(capture);
    }
    EXPECT_LE(queued, 9);
    EXPECT_GE(first + 9 * PeriodUsec(K4A_FRAMES_PER_SECOND_30), last);
    EXPECT_GT(first, 0u);
    s = Stats();
    // Every frame accounted for: delivered into captures or dropped with a reason.
    for (int i : {OPENK4A_STREAM_DEPTH, OPENK4A_STREAM_IR})
    {
        uint64_t dropped = 0;
        for (uint64_t d : s.streams[i].frames_dropped)
            dropped += d;
        EXPECT_EQ(s.streams[i].frames_received, s.streams[i].frames_delivered + dropped);
    }
}

// -------------------------------------------------------- BGRA32 colour --

class Bgra32Test : public DeviceTest
{
protected:
    // Checks captures of a running BGRA32 configuration until `n` colour images
    // came: geometry, order, timestamps, and every colour image equal to
    // core/color's one-shot decode of the MJPG frame the emulator sent for that
    // timestamp. (Depth may come alone first: under a sanitizer, decoding 2160p
    // is slower than the camera and frames are dropped as DECODER_BUSY.)
    void ExpectDecodedCaptures(const k4a_device_configuration_t &c, int n, openk4a_color_mode_t mode)
    {
        const emulator::StreamStats committed = emulator_->stream_stats(emulator::kColorStream);
        ASSERT_GT(committed.interval, 0u);
        const Size size = ColorSize(c.color_resolution);
        const bool depth = c.depth_mode != K4A_DEPTH_MODE_OFF;
        uint64_t last_ts = 0, last_system = 0;
        int colour = 0;
        for (int i = 0; colour < n; i++)
        {
            ASSERT_LT(i, 100 * n) << "too few colour images";
            k4a_capture_t capture = nullptr;
            ASSERT_EQ(k4a_device_get_capture(device_, &capture, 10000), K4A_WAIT_RESULT_SUCCEEDED)
                << "capture " << i << ": " << testing::DeviceStatsText(device_);
            k4a_image_t ci = k4a_capture_get_color_image(capture);
            k4a_image_t di = k4a_capture_get_depth_image(capture);
            if (c.synchronized_images_only)
            {
                EXPECT_NE(ci, nullptr);
                EXPECT_NE(di, nullptr);
            }
            if (ci != nullptr)
            {
                colour++;
                EXPECT_EQ(k4a_image_get_format(ci), K4A_IMAGE_FORMAT_COLOR_BGRA32);
                EXPECT_EQ(k4a_image_get_width_pixels(ci), size.width);
                EXPECT_EQ(k4a_image_get_height_pixels(ci), size.height);
                EXPECT_EQ(k4a_image_get_stride_bytes(ci), size.width * 4);
                ASSERT_EQ(k4a_image_get_size(ci), size_t(size.width) * size.height * 4);
                const uint64_t ts = k4a_image_get_device_timestamp_usec(ci);
                const uint64_t system = k4a_image_get_system_timestamp_nsec(ci);
                EXPECT_GT(ts, last_ts) << "colour images leave in order, each once";
                EXPECT_GT(system, last_system);
                last_ts = ts;
                last_system = system;
                if (di != nullptr)
                {
                    const int64_t skew =
                        int64_t(ts) + c.depth_delay_off_color_usec - int64_t(k4a_image_get_device_timestamp_usec(di));
                    EXPECT_LE(std::abs(skew), int64_t(PeriodUsec(c.camera_fps) / 2));
                }
                EXPECT_TRUE(EqualsOneShotDecode(ci, mode)) << "capture " << i;
            }
            if (!depth)
            {
                EXPECT_EQ(di, nullptr);
            }
            k4a_image_release(ci);
            k4a_image_release(di);
            k4a_capture_release(capture);
        }
    }
    // Every colour frame the device sent is delivered or dropped with a reason.
    void ExpectColourAccounted()
    {
        const openk4a_device_stats_t s = Stats();
        const openk4a_stream_stats_t &colour = s.streams[OPENK4A_STREAM_COLOR];
        uint64_t dropped = 0;
        for (uint64_t d : colour.frames_dropped)
            dropped += d;
        EXPECT_EQ(colour.frames_received, colour.frames_delivered + dropped);
        EXPECT_EQ(colour.frames_dropped[OPENK4A_FRAME_DROP_DECODE_FAILED], 0u);
    }
};

TEST_F(Bgra32Test, Colour720pWithDepthEqualsTheOneShotDecode)
{
    Emulate();
    Open();
    k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P,
                                          K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    c.synchronized_images_only = true;
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectDecodedCaptures(c, 10, OPENK4A_COLOR_MODE_FAST);
    k4a_device_stop_cameras(device_);
    ExpectColourAccounted();
    EXPECT_GE(Stats().captures_delivered, 10u);
}

TEST_F(Bgra32Test, Colour2160pEqualsTheOneShotDecode)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_2160P,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectDecodedCaptures(c, 8, OPENK4A_COLOR_MODE_FAST);
    k4a_device_stop_cameras(device_);
    ExpectColourAccounted();
}

TEST_F(Bgra32Test, AccurateModeIsSelectable)
{
    Emulate();
    Open();
    {
        Messages messages;
        EXPECT_EQ(openk4a_device_set_color_decode_mode(device_, static_cast<openk4a_color_mode_t>(7)),
                  K4A_RESULT_FAILED);
        EXPECT_NE(messages.text().find("is not OPENK4A_COLOR_MODE_FAST"), std::string::npos) << messages.text();
        EXPECT_EQ(openk4a_device_set_color_decode_mode(nullptr, OPENK4A_COLOR_MODE_FAST), K4A_RESULT_FAILED);
    }
    ASSERT_EQ(openk4a_device_set_color_decode_mode(device_, OPENK4A_COLOR_MODE_ACCURATE), K4A_RESULT_SUCCEEDED);
    const k4a_device_configuration_t c =
        Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_15);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectDecodedCaptures(c, 3, OPENK4A_COLOR_MODE_ACCURATE);
    k4a_device_stop_cameras(device_);
    // Back to fast from the next start on.
    ASSERT_EQ(openk4a_device_set_color_decode_mode(device_, OPENK4A_COLOR_MODE_FAST), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectDecodedCaptures(c, 3, OPENK4A_COLOR_MODE_FAST);
    k4a_device_stop_cameras(device_);
}

TEST_F(Bgra32Test, ConsumerHoldingImagesMeetsABoundNotUnboundedMemory)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c =
        Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    std::vector<k4a_capture_t> held;
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(2500); // ~75 frames
    while (std::chrono::steady_clock::now() < end)
    {
        k4a_capture_t capture = nullptr;
        if (k4a_device_get_capture(device_, &capture, 50) == K4A_WAIT_RESULT_SUCCEEDED)
            held.push_back(capture);
    }
    // BGRA32 images come from a pool: decoders + sync + queue + what a consumer
    // may hold. Past that, new frames are dropped and counted, not allocated.
    EXPECT_LE(held.size(), 40u);
    openk4a_device_stats_t s = Stats();
    const openk4a_stream_stats_t &colour = s.streams[OPENK4A_STREAM_COLOR];
    EXPECT_GT(colour.frames_dropped[OPENK4A_FRAME_DROP_NO_BUFFER] +
                  colour.frames_dropped[OPENK4A_FRAME_DROP_DECODER_BUSY],
              0u);
    for (k4a_capture_t capture : held)
        k4a_capture_release(capture);
    ExpectDecodedCaptures(c, 3, OPENK4A_COLOR_MODE_FAST); // and it recovers
    k4a_device_stop_cameras(device_);
    ExpectColourAccounted();
}

TEST_F(Bgra32Test, StopAndCloseWhileFramesAreBeingDecoded)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_2160P,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    for (int round = 0; round < 3; round++)
    {
        ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
        ASSERT_TRUE(emulator_->WaitForFrames(emulator::kColorStream,
                                             emulator_->stream_stats(emulator::kColorStream).frames_sent + 3, 5000));
        const auto start = std::chrono::steady_clock::now();
        k4a_device_stop_cameras(device_); // the decoders finish what they hold
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
        ExpectColourAccounted();
    }
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ASSERT_TRUE(emulator_->WaitForFrames(emulator::kColorStream,
                                         emulator_->stream_stats(emulator::kColorStream).frames_sent + 3, 5000));
    k4a_device_close(device_); // while streaming and decoding
    device_ = nullptr;
}

// ------------------------------------------------------------------ IMU --

TEST_F(DeviceTest, ImuSamples)
{
    Emulate();
    Open();
    k4a_imu_sample_t sample;
    EXPECT_EQ(k4a_device_get_imu_sample(device_, &sample, 0), K4A_WAIT_RESULT_FAILED); // not started
    {
        // As the Azure Kinect SDK: a camera must run first.
        Messages messages;
        EXPECT_EQ(k4a_device_start_imu(device_), K4A_RESULT_FAILED);
        EXPECT_NE(messages.text().find("the cameras are not running"), std::string::npos) << messages.text();
    }
    EXPECT_EQ(k4a_device_get_imu_sample(device_, &sample, 0), K4A_WAIT_RESULT_FAILED);
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_device_start_imu(device_), K4A_RESULT_FAILED); // already running
    uint64_t last = 0;
    for (int i = 0; i < 40; i++)
    {
        ASSERT_EQ(k4a_device_get_imu_sample(device_, &sample, 1000), K4A_WAIT_RESULT_SUCCEEDED);
        EXPECT_NEAR(sample.acc_sample.xyz.z, -9.81f, 0.05f);
        EXPECT_NEAR(sample.temperature, 31.5f, 0.1f);
        if (last != 0)
        {
            EXPECT_EQ(sample.acc_timestamp_usec - last, 600u);
        }
        last = sample.acc_timestamp_usec;
    }
    // Stopping the cameras leaves the IMU running (as the SDK does).
    k4a_device_stop_cameras(device_);
    while (k4a_device_get_imu_sample(device_, &sample, 0) == K4A_WAIT_RESULT_SUCCEEDED)
    {
    }
    EXPECT_EQ(k4a_device_get_imu_sample(device_, &sample, 1000), K4A_WAIT_RESULT_SUCCEEDED);
    k4a_device_stop_imu(device_);
    EXPECT_EQ(k4a_device_get_imu_sample(device_, &sample, 100), K4A_WAIT_RESULT_FAILED);
    EXPECT_GE(Stats().imu_samples_delivered, 40u);
}

// Samples until get_imu_sample stops succeeding (at most a minute); its result.
k4a_wait_result_t DrainImu(k4a_device_t device)
{
    k4a_imu_sample_t sample;
    k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (r == K4A_WAIT_RESULT_SUCCEEDED && std::chrono::steady_clock::now() < end)
    {
        r = k4a_device_get_imu_sample(device, &sample, 60000);
    }
    return r;
}

TEST_F(DeviceTest, ImuStallIsClearedOnTheServiceThread)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t sample;
    ASSERT_EQ(k4a_device_get_imu_sample(device_, &sample, 5000), K4A_WAIT_RESULT_SUCCEEDED);
    const uint8_t endpoint = emulator_->function().imu_endpoint;
    emulator_->transport()->FailClearHalts(endpoint, 2); // cleared at the third attempt
    emulator_->transport()->Halt(endpoint);
    // Samples come again once the halt is cleared.
    while (Stats().imu_stalls_cleared == 0)
    {
        ASSERT_NE(k4a_device_get_imu_sample(device_, &sample, 60000), K4A_WAIT_RESULT_FAILED);
    }
    while (k4a_device_get_imu_sample(device_, &sample, 0) == K4A_WAIT_RESULT_SUCCEEDED)
    {
    }
    EXPECT_EQ(k4a_device_get_imu_sample(device_, &sample, 5000), K4A_WAIT_RESULT_SUCCEEDED);
    EXPECT_FALSE(emulator_->transport()->halted(endpoint));
    EXPECT_EQ(Stats().imu_failures, 0u);
}

TEST_F(DeviceTest, ImuStallThatNeverClearsFailsWithoutABusyLoop)
{
    Emulate();
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    k4a_imu_sample_t sample;
    ASSERT_EQ(k4a_device_get_imu_sample(device_, &sample, 5000), K4A_WAIT_RESULT_SUCCEEDED);
    const uint8_t endpoint = emulator_->function().imu_endpoint;
    Messages messages;
    const uint64_t submitted = emulator_->transport()->counters().urbs_submitted;
    emulator_->transport()->FailClearHalts(endpoint, -1);
    emulator_->transport()->Halt(endpoint);
    EXPECT_EQ(DrainImu(device_), K4A_WAIT_RESULT_FAILED);
    // A stalled transfer is not resubmitted at once: the URBs submitted
    // meanwhile are the video ring's (tens), not a busy loop's (thousands).
    EXPECT_LT(emulator_->transport()->counters().urbs_submitted - submitted, 400u);
    const openk4a_device_stats_t s = Stats();
    EXPECT_EQ(s.imu_failures, 1u);
    EXPECT_EQ(s.imu_stalls_cleared, 0u);
    EXPECT_NE(messages.text().find("IMU failed"), std::string::npos) << messages.text();
    // The cameras stream on.
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED);
    k4a_capture_release(capture);
}

// --------------------------------------------------------------- faults --

class FaultTest : public DeviceTest
{
protected:
    void Start(k4a_device_configuration_t c, EmulatorOptions options = {})
    {
        // A deep device FIFO: a slow machine must not make the device itself
        // drop the frame a fault was injected into.
        options.device_buffer_frames = 30;
        Emulate(options);
        Open();
        config_ = c;
        ASSERT_EQ(k4a_device_start_cameras(device_, &config_), K4A_RESULT_SUCCEEDED);
        ExpectCaptures(config_, 2);
    }
    void StartDepth()
    {
        Start(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_NFOV_2X2BINNED,
                     K4A_FRAMES_PER_SECOND_30));
    }
    void StartColor()
    {
        Start(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                     K4A_FRAMES_PER_SECOND_30));
    }
    // Whether the host has received every frame the device sent of each
    // running stream (the last one may still be in assembly: a lost EOF ends
    // it only at the next frame).
    bool HostCaughtUp()
    {
        const openk4a_device_stats_t s = Stats();
        for (int i : {emulator::kColorStream, emulator::kDepthStream})
        {
            const openk4a_stream_t stream = i == emulator::kColorStream ? OPENK4A_STREAM_COLOR : OPENK4A_STREAM_DEPTH;
            const emulator::StreamStats sent = emulator_->stream_stats(i);
            if (!sent.streaming)
                continue;
            // A frame a fault lost whole (a failed transfer) may never be seen.
            if (s.streams[stream].frames_received + 1 + sent.frames_faulted < sent.frames_sent - sent.frames_dropped)
            {
                return false;
            }
        }
        return true;
    }
    // Consumes captures, checking every image that comes, until the device has
    // sent about `ms` worth (30 fps) more frames and the host has received
    // them: driven by the device's frame count, not the wall clock, so a
    // loaded machine only makes it slower. The captures consumed.
    int Drain(int ms)
    {
        const int stream = config_.depth_mode == K4A_DEPTH_MODE_OFF ? emulator::kColorStream : emulator::kDepthStream;
        const uint64_t target = emulator_->stream_stats(stream).frames_sent + static_cast<uint64_t>(ms / 33);
        int n = 0;
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < give_up &&
               !(emulator_->stream_stats(stream).frames_sent >= target && HostCaughtUp()))
        {
            k4a_capture_t capture = nullptr;
            if (k4a_device_get_capture(device_, &capture, 50) != K4A_WAIT_RESULT_SUCCEEDED)
                continue;
            k4a_image_t img = k4a_capture_get_depth_image(capture);
            if (img == nullptr)
                img = k4a_capture_get_color_image(capture);
            if (img != nullptr)
            {
                if (k4a_image_get_format(img) == K4A_IMAGE_FORMAT_COLOR_MJPG)
                {
                    int w = 0, h = 0;
                    EXPECT_TRUE(JpegSize(img, &w, &h)) << "a corrupt frame was delivered";
                }
                else if (k4a_image_get_format(img) == K4A_IMAGE_FORMAT_COLOR_BGRA32)
                {
                    EXPECT_TRUE(EqualsOneShotDecode(img, OPENK4A_COLOR_MODE_FAST)) << "a damaged frame was delivered";
                }
                else
                {
                    EXPECT_EQ(k4a_image_get_size(img), 320u * 288u * 2u);
                }
            }
            k4a_image_release(img);
            k4a_capture_release(capture);
            n++;
        }
        return n;
    }
    // Stops; every frame received was delivered or dropped with a reason.
    openk4a_device_stats_t ExpectEveryFrameCounted()
    {
        k4a_device_stop_cameras(device_);
        const openk4a_device_stats_t s = Stats();
        for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
        {
            uint64_t dropped = 0;
            for (uint64_t d : s.streams[i].frames_dropped)
                dropped += d;
            EXPECT_EQ(s.streams[i].frames_received, s.streams[i].frames_delivered + dropped) << i;
        }
        return s;
    }
    // Every frame the device sent is delivered or dropped with a reason.
    // `split` device frames were cut in two by a mid-frame FID toggle.
    void ExpectAccounted(uint64_t split = 0)
    {
        // Everything sent so far arrives before the stop (no guess at how many
        // a loaded host still has in flight).
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!HostCaughtUp() && std::chrono::steady_clock::now() < give_up)
        {
            k4a_capture_t capture = nullptr;
            if (k4a_device_get_capture(device_, &capture, 50) == K4A_WAIT_RESULT_SUCCEEDED)
                k4a_capture_release(capture);
        }
        uint64_t expected[OPENK4A_STREAM_COUNT] = {};
        for (int i : {emulator::kColorStream, emulator::kDepthStream})
        {
            const emulator::StreamStats sent = emulator_->stream_stats(i);
            expected[i == emulator::kColorStream ? OPENK4A_STREAM_COLOR : OPENK4A_STREAM_DEPTH] =
                sent.frames_sent - sent.frames_dropped -
                std::min(sent.frames_faulted, sent.frames_sent - sent.frames_dropped);
        }
        const openk4a_device_stats_t s = ExpectEveryFrameCounted();
        for (int i : {emulator::kColorStream, emulator::kDepthStream})
        {
            const openk4a_stream_t stream = i == emulator::kColorStream ? OPENK4A_STREAM_COLOR : OPENK4A_STREAM_DEPTH;
            if (s.streams[stream].frames_received == 0)
                continue;
            // What the device sent before the stop arrived and was counted (the
            // last frame may have been cut by the stop).
            const emulator::StreamStats sent = emulator_->stream_stats(i);
            EXPECT_LE(s.streams[stream].frames_received, sent.frames_sent + split);
            EXPECT_GE(s.streams[stream].frames_received + 1, expected[stream]);
        }
    }
    uint64_t Dropped(openk4a_stream_t stream, openk4a_frame_drop_reason_t reason)
    {
        return Stats().streams[stream].frames_dropped[reason];
    }
    k4a_device_configuration_t config_;
};

TEST_F(FaultTest, ErrBitFramesAreDroppedAndCounted)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kErrBit, emulator::kDepthStream, 1, 3});
    EXPECT_GT(Drain(400), 3);
    EXPECT_EQ(Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_DEVICE_ERROR), 3u);
    ExpectAccounted();
}

TEST_F(FaultTest, WrongHeaderLengths)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kBadHeaderLength, emulator::kDepthStream, 1, 1, 1});
    emulator_->InjectFault({FaultKind::kBadHeaderLength, emulator::kDepthStream, 6, 1, 0});
    Drain(500);
    // Length 1 is unreadable, and the assembler then distrusts the next two
    // frames (the lost payload might have started one); 255 reads as a long
    // header and the frame misses 243 bytes. All dropped, none delivered.
    EXPECT_EQ(Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_BAD_HEADER), 1u);
    EXPECT_EQ(Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_LOST_PAYLOAD), 2u);
    EXPECT_EQ(Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_SIZE_MISMATCH), 1u);
    ExpectAccounted();
}

TEST_F(FaultTest, FidToggleMidFrameDropsBothHalves)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kFidToggleMidFrame, emulator::kDepthStream, 1, 1});
    Drain(400);
    EXPECT_GE(Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_SIZE_MISMATCH), 1u);
    ExpectAccounted(1);
}

TEST_F(FaultTest, LostEofStillDeliversTheFrameAtTheNextToggle)
{
    StartDepth();
    const uint64_t before = Stats().streams[OPENK4A_STREAM_DEPTH].frames_delivered;
    emulator_->InjectFault({FaultKind::kLostEof, emulator::kDepthStream, 1, 2});
    Drain(400);
    const openk4a_device_stats_t s = Stats();
    uint64_t dropped = 0;
    for (uint64_t d : s.streams[OPENK4A_STREAM_DEPTH].frames_dropped)
        dropped += d;
    EXPECT_EQ(dropped, 0u);
    EXPECT_GE(s.streams[OPENK4A_STREAM_DEPTH].frames_delivered, before + 8);
    ExpectAccounted();
}

TEST_F(FaultTest, TruncatedAndOversizedFramesAreDropped)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kTruncated, emulator::kDepthStream, 1, 2});
    emulator_->InjectFault({FaultKind::kOversized, emulator::kDepthStream, 4, 1, 100});
    Drain(500);
    EXPECT_EQ(Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_SIZE_MISMATCH) +
                  Dropped(OPENK4A_STREAM_DEPTH, OPENK4A_FRAME_DROP_TOO_LARGE),
              3u);
    ExpectAccounted();
}

TEST_F(FaultTest, CorruptAndTruncatedJpegNeverDelivered)
{
    StartColor();
    emulator_->InjectFault({FaultKind::kCorruptJpeg, emulator::kColorStream, 1, 2});
    emulator_->InjectFault({FaultKind::kTruncated, emulator::kColorStream, 4, 1});
    Drain(500);
    EXPECT_EQ(Dropped(OPENK4A_STREAM_COLOR, OPENK4A_FRAME_DROP_CORRUPT), 3u);
    ExpectAccounted();
}

TEST_F(FaultTest, CorruptJpegWithBgra32IsDroppedNeverDecodedIntoACapture)
{
    Start(
        Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30));
    emulator_->InjectFault({FaultKind::kCorruptJpeg, emulator::kColorStream, 1, 2});
    emulator_->InjectFault({FaultKind::kTruncated, emulator::kColorStream, 4, 1});
    // Good frames keep coming around the damaged ones (how many depends on how
    // fast this machine decodes: the rest are counted DECODER_BUSY), and every
    // one delivered equals its one-shot decode (checked in Drain).
    EXPECT_GT(Drain(600), 0);
    EXPECT_EQ(Dropped(OPENK4A_STREAM_COLOR, OPENK4A_FRAME_DROP_CORRUPT), 3u);
    ExpectAccounted();
}

TEST_F(FaultTest, UnplugWhileDecodingBgra32FailsWaitersAndNeverHangs)
{
    Start(Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_2160P, K4A_DEPTH_MODE_NFOV_2X2BINNED,
                 K4A_FRAMES_PER_SECOND_30));
    std::atomic<int> result{-1};
    std::thread waiter = ConsumeUntilGetCaptureFails(&result);
    emulator_->InjectFault({FaultKind::kUnplug, emulator::kColorStream, 2});
    waiter.join();
    EXPECT_EQ(result.load(), K4A_WAIT_RESULT_FAILED);
    EXPECT_TRUE(Stats().disconnected);
    const auto start = std::chrono::steady_clock::now();
    k4a_device_stop_cameras(device_);
    k4a_device_close(device_);
    device_ = nullptr;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(FaultTest, SlowAndBurstySource)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kSlowSource, emulator::kDepthStream, 0, 5, 60});
    emulator_->InjectFault({FaultKind::kBurst, emulator::kDepthStream, 6, 6, 3});
    EXPECT_GE(Drain(900), 8);
    uint64_t dropped = 0;
    for (uint64_t d : Stats().streams[OPENK4A_STREAM_DEPTH].frames_dropped)
        dropped += d;
    EXPECT_EQ(dropped, 0u);
    ExpectAccounted();
}

TEST_F(FaultTest, LateColourWithoutSynchronisationStillReachesTheConsumer)
{
    // Colour held back by the device for eight frames while depth goes on (a
    // 2160p MJPG stream behind NFOV depth): each depth exposure leaves alone
    // before its colour comes. With synchronisation off every colour frame
    // still reaches the consumer, in a capture of its own.
    EmulatorOptions options;
    options.device_buffer_frames = 30;
    Emulate(options);
    Open();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                                K4A_DEPTH_MODE_NFOV_2X2BINNED, K4A_FRAMES_PER_SECOND_30);
    emulator_->InjectFault({FaultKind::kBurst, emulator::kColorStream, 2, 8, 8});
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    uint64_t colour = 0, last_colour = 0;
    while (colour < 20)
    {
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED) << colour;
        k4a_image_t ci = k4a_capture_get_color_image(capture);
        if (ci != nullptr)
        {
            EXPECT_GT(k4a_image_get_device_timestamp_usec(ci) + 1, last_colour);
            last_colour = k4a_image_get_device_timestamp_usec(ci) + 1;
            colour++;
        }
        k4a_image_release(ci);
        k4a_capture_release(capture);
    }
    EXPECT_GE(emulator_->stream_stats(emulator::kColorStream).frames_faulted, 8u);
    k4a_device_stop_cameras(device_);
    const openk4a_device_stats_t s = Stats();
    EXPECT_EQ(s.captures_dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 0u);
    const openk4a_stream_stats_t &cs = s.streams[OPENK4A_STREAM_COLOR];
    EXPECT_EQ(cs.frames_dropped[OPENK4A_FRAME_DROP_UNMATCHED], 0u);
    // Delivered means what the consumer got; the rest (queued at the stop) is
    // counted dropped on the stream.
    EXPECT_EQ(cs.frames_delivered, colour);
    uint64_t dropped = 0;
    for (uint64_t d : cs.frames_dropped)
        dropped += d;
    EXPECT_EQ(cs.frames_received, cs.frames_delivered + dropped);
}

TEST_F(FaultTest, PauseLongerThanTheTransferTimeout)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kPause, emulator::kDepthStream, 0, 1, 2600});
    emulator_->InjectFault({FaultKind::kPause, emulator::kIrStream, 0, 1, 2600});
    k4a_capture_t capture = nullptr;
    // Drain what was queued, then the queue runs dry: TIMEOUT, not FAILED.
    k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
    for (int i = 0; i < 20 && r == K4A_WAIT_RESULT_SUCCEEDED; i++)
    {
        r = k4a_device_get_capture(device_, &capture, 300);
        if (r == K4A_WAIT_RESULT_SUCCEEDED)
            k4a_capture_release(capture);
    }
    EXPECT_EQ(r, K4A_WAIT_RESULT_TIMEOUT);
    ASSERT_EQ(k4a_device_get_capture(device_, &capture, 5000), K4A_WAIT_RESULT_SUCCEEDED); // and back
    k4a_capture_release(capture);
    EXPECT_GE(Stats().streams[OPENK4A_STREAM_DEPTH].transfer_errors, 1u); // libusb timeouts, resubmitted
}

// Runs `step` on another thread; a step that does not return within a minute
// hangs (a lock held across a blocking wait): the test fails and the process
// exits, since nothing could unblock it.
void ExpectReturns(const char *what, std::function<void()> step)
{
    std::future<void> done = std::async(std::launch::async, std::move(step));
    if (done.wait_for(std::chrono::seconds(60)) != std::future_status::ready)
    {
        ADD_FAILURE() << what << " waits for another thread's pending k4a_device_get_capture";
        fflush(stdout);
        std::_Exit(1);
    }
}

TEST_F(FaultTest, StopImuAndStatsNeverWaitForAPendingGetCapture)
{
    StartDepth();
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    // Nothing arrives any more: a consumer waiting forever keeps waiting.
    emulator_->InjectFault({FaultKind::kPause, emulator::kDepthStream, 0, 1, 600000});
    emulator_->InjectFault({FaultKind::kPause, emulator::kIrStream, 0, 1, 600000});
    k4a_capture_t capture = nullptr;
    while (k4a_device_get_capture(device_, &capture, 500) == K4A_WAIT_RESULT_SUCCEEDED)
        k4a_capture_release(capture);
    std::atomic<int> result{-1};
    std::thread waiter(
        [&]
        {
            k4a_capture_t c = nullptr;
            result = k4a_device_get_capture(device_, &c, K4A_WAIT_INFINITE);
            if (c != nullptr)
                k4a_capture_release(c);
        });
    // Lets the waiter block first (without it the test passes trivially;
    // with the fix it passes whatever the timing).
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ExpectReturns("openk4a_device_get_stats", [&] { Stats(); });
    ExpectReturns("k4a_device_stop_imu", [&] { k4a_device_stop_imu(device_); });
    ExpectReturns("openk4a_device_get_stats after stop_imu", [&] { Stats(); });
    EXPECT_EQ(result.load(), -1) << "the consumer is still waiting for a capture";
    k4a_imu_sample_t sample;
    EXPECT_EQ(k4a_device_get_imu_sample(device_, &sample, 0), K4A_WAIT_RESULT_FAILED);
    ExpectReturns("k4a_device_stop_cameras", [&] { k4a_device_stop_cameras(device_); });
    waiter.join();
    EXPECT_EQ(result.load(), K4A_WAIT_RESULT_FAILED);
}

TEST_F(FaultTest, CloseWhileAnotherThreadWaitsInGetCapture)
{
    StartDepth();
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    emulator_->InjectFault({FaultKind::kPause, emulator::kDepthStream, 0, 1, 600000});
    emulator_->InjectFault({FaultKind::kPause, emulator::kIrStream, 0, 1, 600000});
    k4a_capture_t capture = nullptr;
    while (k4a_device_get_capture(device_, &capture, 500) == K4A_WAIT_RESULT_SUCCEEDED)
        k4a_capture_release(capture);
    std::atomic<int> result{-1}, imu_result{-1};
    std::thread waiter(
        [&]
        {
            k4a_capture_t c = nullptr;
            result = k4a_device_get_capture(device_, &c, K4A_WAIT_INFINITE);
            if (c != nullptr)
                k4a_capture_release(c);
        });
    std::thread imu_waiter(
        [&]
        {
            k4a_imu_sample_t sample;
            k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
            while (r == K4A_WAIT_RESULT_SUCCEEDED)
                r = k4a_device_get_imu_sample(device_, &sample, K4A_WAIT_INFINITE);
            imu_result = r;
        });
    // Lets the waiters block first (the test passes whatever the timing).
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    // The waiters return FAILED and never touch the freed device (ASan, TSan).
    ExpectReturns("k4a_device_close", [&] { k4a_device_close(device_); });
    waiter.join();
    imu_waiter.join();
    EXPECT_EQ(result.load(), K4A_WAIT_RESULT_FAILED);
    EXPECT_EQ(imu_result.load(), K4A_WAIT_RESULT_FAILED);
    const k4a_device_t closed = device_;
    device_ = nullptr;
    EXPECT_EQ(k4a_device_get_capture(closed, &capture, K4A_WAIT_INFINITE), K4A_WAIT_RESULT_FAILED);
}

TEST_F(FaultTest, StallIsClearedAndStreamingContinues)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kStall, emulator::kDepthStream, 1});
    Drain(600);
    const openk4a_device_stats_t s = Stats();
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].stalls_cleared, 1u);
    const uint64_t delivered = s.streams[OPENK4A_STREAM_DEPTH].frames_delivered;
    ExpectCaptures(config_, 3);
    EXPECT_GT(Stats().streams[OPENK4A_STREAM_DEPTH].frames_delivered, delivered);
    ExpectAccounted();
}

TEST_F(FaultTest, AHaltThatClearsOnARetryRecovers)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kStall, emulator::kDepthStream, 1, 1, 2}); // two clears fail
    const uint64_t delivered = Stats().streams[OPENK4A_STREAM_DEPTH].frames_delivered;
    ExpectCaptures(config_, 8);
    const openk4a_device_stats_t s = Stats();
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].stalls_cleared, 1u);
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].failures, 0u);
    EXPECT_GT(s.streams[OPENK4A_STREAM_DEPTH].frames_delivered, delivered);
    ExpectAccounted();
}

// Waits (at most a minute) for get_capture to stop succeeding; its result.
k4a_wait_result_t WaitForTheEnd(k4a_device_t device)
{
    k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (r == K4A_WAIT_RESULT_SUCCEEDED && std::chrono::steady_clock::now() < end)
    {
        k4a_capture_t capture = nullptr;
        r = k4a_device_get_capture(device, &capture, 60000);
        if (capture != nullptr)
            k4a_capture_release(capture);
    }
    return r;
}

TEST_F(FaultTest, AHaltThatNeverClearsFailsTheStreamVisibly)
{
    StartDepth();
    Messages messages;
    emulator_->InjectFault({FaultKind::kStall, emulator::kDepthStream, 1, 1, -1});
    // Not a timeout forever: FAILED, counted, logged.
    EXPECT_EQ(WaitForTheEnd(device_), K4A_WAIT_RESULT_FAILED);
    const openk4a_device_stats_t s = Stats();
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].failures, 1u);
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].stalls_cleared, 0u);
    EXPECT_FALSE(s.disconnected);
    EXPECT_NE(messages.text().find("depth stream failed: clearing the halt"), std::string::npos) << messages.text();
    ExpectEveryFrameCounted();
}

TEST_F(FaultTest, TransfersThatCannotBeSubmittedFailTheStreamVisibly)
{
    StartDepth();
    Messages messages;
    emulator_->InjectFault({FaultKind::kRefuseSubmit, emulator::kDepthStream, 1, 1, -1});
    EXPECT_EQ(WaitForTheEnd(device_), K4A_WAIT_RESULT_FAILED);
    EXPECT_EQ(Stats().streams[OPENK4A_STREAM_DEPTH].failures, 1u);
    EXPECT_NE(messages.text().find("depth stream failed: no transfer could be submitted"), std::string::npos)
        << messages.text();
    ExpectEveryFrameCounted();
}

TEST_F(FaultTest, TransferErrorsLoseAFrameAndGoOn)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kTransferError, emulator::kDepthStream, 1, 1, 2});
    Drain(400);
    const openk4a_device_stats_t s = Stats();
    EXPECT_GE(s.streams[OPENK4A_STREAM_DEPTH].transfer_errors, 2u);
    // Each failed transfer carried one whole depth frame: two frames lost,
    // each counted once, and no good frame after them thrown away.
    EXPECT_EQ(s.streams[OPENK4A_STREAM_DEPTH].frames_dropped[OPENK4A_FRAME_DROP_LOST_PAYLOAD], 2u);
    ExpectCaptures(config_, 2);
    ExpectAccounted();
}

// A bulk transfer that carries a whole frame (the k4a depth stream: one
// transfer per frame) ends in an error: that frame never reaches the user, so
// it must appear in the stream's drop counts, and only it.
TEST_F(FaultTest, AFailedWholeFrameTransferIsOneCountedDrop)
{
    StartDepth();
    emulator_->InjectFault({FaultKind::kTransferError, emulator::kDepthStream, 1, 1, 1});
    Drain(400);
    ExpectAccounted(); // stops the cameras
    const openk4a_stream_stats_t depth = Stats().streams[OPENK4A_STREAM_DEPTH];
    EXPECT_EQ(depth.frames_dropped[OPENK4A_FRAME_DROP_LOST_PAYLOAD], 1u);
    uint64_t dropped = 0;
    for (uint64_t d : depth.frames_dropped)
        dropped += d;
    EXPECT_EQ(dropped, 1u) << "a good frame was dropped too";
    EXPECT_EQ(depth.frames_received, depth.frames_delivered + 1);
}

TEST_F(FaultTest, UnplugMidStreamFailsWaitersThenReopenAfterReplug)
{
    StartDepth();
    std::atomic<int> result{-1};
    std::thread waiter = ConsumeUntilGetCaptureFails(&result);
    ASSERT_EQ(k4a_device_start_imu(device_), K4A_RESULT_SUCCEEDED);
    emulator_->InjectFault({FaultKind::kUnplug, emulator::kDepthStream, 3});
    waiter.join(); // returns: FAILED, not a hang
    EXPECT_EQ(result.load(), K4A_WAIT_RESULT_FAILED);
    EXPECT_TRUE(Stats().disconnected);
    k4a_imu_sample_t sample;
    k4a_wait_result_t r = K4A_WAIT_RESULT_SUCCEEDED;
    for (int i = 0; i < 5000 && r == K4A_WAIT_RESULT_SUCCEEDED; i++)
        r = k4a_device_get_imu_sample(device_, &sample, 1000);
    EXPECT_EQ(r, K4A_WAIT_RESULT_FAILED);
    EXPECT_EQ(k4a_device_start_cameras(device_, &config_), K4A_RESULT_FAILED);
    k4a_device_stop_imu(device_);
    k4a_device_stop_cameras(device_);
    k4a_device_close(device_);
    device_ = nullptr;
    EXPECT_EQ(k4a_device_get_installed_count(), 0u);
    std::string error;
    ASSERT_TRUE(emulator_->Plug(&error)) << error;
    EXPECT_EQ(k4a_device_get_installed_count(), 1u);
    Open();
    ASSERT_EQ(k4a_device_start_cameras(device_, &config_), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(config_, 3);
}

TEST_F(FaultTest, StartOnAnUnpluggedDeviceLeavesNothingRunning)
{
    Emulate();
    Open();
    emulator_->Unplug();
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                                K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    {
        Messages messages;
        EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
        EXPECT_FALSE(messages.text().empty());
    }
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(k4a_device_get_capture(device_, &capture, 100), K4A_WAIT_RESULT_FAILED);
    const openk4a_device_stats_t s = Stats();
    for (const auto &stream : s.streams)
        EXPECT_EQ(stream.transfers, 0u);
}

// ------------------------------------------------------ real webcams --

class WebcamTest : public DeviceTest, public ::testing::WithParamInterface<const char *>
{
};

TEST_P(WebcamTest, StreamsMjpgThroughTheK4aApi)
{
    const std::string name = GetParam();
    auto cfg = testing::TestdataPath("uvc/" + name + ".cfg.bin");
    if (!cfg)
        GTEST_SKIP() << "shared testdata absent: uvc/" << name << ".cfg.bin";
    EmulatorOptions options;
    options.config_descriptor_file = *cfg;
    if (auto dev = testing::TestdataPath("uvc/" + name + ".dev.bin"))
        options.device_descriptor_file = *dev;
    Emulate(options);
    EXPECT_EQ(k4a_device_get_installed_count(), 0u); // not a k4a device
    openk4a_device_set_generic_uvc(true);
    ASSERT_EQ(k4a_device_get_installed_count(), 1u);
    Open();
    EXPECT_FALSE(openk4a_device_has_imu(device_));
    // The fastest k4a rate the camera's 1280x720 MJPG offers.
    const emulator::FrameSpec *frame = nullptr;
    for (const auto &stream : emulator_->function().streams)
        for (const auto &format : stream.formats)
            for (const auto &f : format.frames)
                if (format.kind == emulator::PixelKind::kMjpeg && f.width == 1280 && f.height == 720)
                    frame = &f;
    k4a_device_configuration_t c =
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    if (frame == nullptr)
    {
        Messages messages;
        EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
        EXPECT_NE(messages.text().find("colour 1280x720 MJPEG"), std::string::npos) << messages.text();
        return;
    }
    for (k4a_fps_t fps : {K4A_FRAMES_PER_SECOND_30, K4A_FRAMES_PER_SECOND_15, K4A_FRAMES_PER_SECOND_5})
    {
        const uint32_t interval = fps == K4A_FRAMES_PER_SECOND_30 ? 333333 :
                                  fps == K4A_FRAMES_PER_SECOND_15 ? 666666 :
                                                                    2000000;
        bool offered = frame->intervals.empty();
        for (uint32_t i : frame->intervals)
            offered = offered || i == interval;
        if (offered)
        {
            c.camera_fps = fps;
            break;
        }
    }
    ASSERT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_SUCCEEDED);
    ExpectCaptures(c, 3);
    // A depth mode cannot come from a webcam.
    k4a_device_stop_cameras(device_);
    c.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    EXPECT_EQ(k4a_device_start_cameras(device_, &c), K4A_RESULT_FAILED);
}

INSTANTIATE_TEST_SUITE_P(RealDescriptors, WebcamTest,
                         ::testing::Values("logitech_c310", "logitech_c270", "anker_powerconf_c200", "trust_webcam"));

TEST(DropReasonNames, AreDistinct)
{
    EXPECT_STREQ(openk4a_frame_drop_reason_name(OPENK4A_FRAME_DROP_CORRUPT), "CORRUPT");
    EXPECT_STREQ(openk4a_capture_drop_reason_name(OPENK4A_CAPTURE_DROP_QUEUE_FULL), "QUEUE_FULL");
    EXPECT_STREQ(openk4a_frame_drop_reason_name(OPENK4A_FRAME_DROP_UNMATCHED), "UNMATCHED");
    EXPECT_STREQ(openk4a_frame_drop_reason_name(OPENK4A_FRAME_DROP_REASON_COUNT), "UNKNOWN");
}

} // namespace
} // namespace openk4a
