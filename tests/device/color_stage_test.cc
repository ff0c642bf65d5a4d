// The BGRA32 colour stage on its own (no USB): frames pushed as k4a images
// come out decoded, in push order, with their metadata, or are dropped and
// counted with a reason; nothing half-written is ever handed on.
#include "core/device/color_stage.h"

#include <gtest/gtest.h>
#include <k4a/k4a.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "openk4a/color.h"
#include "tools/emulator/frame_source.h"

namespace openk4a
{
namespace
{

constexpr int kWidth = 320;
constexpr int kHeight = 240;

// What reached the sink.
struct Received
{
    std::mutex mutex;
    std::vector<k4a_image_t> images;
    std::vector<uint64_t> timestamps;
    std::vector<openk4a_stream_t> streams;
    ~Received()
    {
        for (k4a_image_t image : images)
            k4a_image_release(image);
    }
};

void Sink(void *context, openk4a_stream_t stream, k4a_image_t image, uint64_t device_timestamp_usec,
          float temperature_c)
{
    EXPECT_TRUE(std::isnan(temperature_c)) << "colour carries no temperature";
    auto *received = static_cast<Received *>(context);
    std::lock_guard<std::mutex> lock(received->mutex);
    received->images.push_back(image);
    received->timestamps.push_back(device_timestamp_usec);
    received->streams.push_back(stream);
}

// An MJPG image of the synthetic scene (frame `sequence`) with metadata.
k4a_image_t Mjpg(const std::vector<uint8_t> &jpeg, uint64_t timestamp_usec)
{
    auto *copy = new std::vector<uint8_t>(jpeg);
    k4a_image_t image = nullptr;
    EXPECT_EQ(k4a_image_create_from_buffer(
                  K4A_IMAGE_FORMAT_COLOR_MJPG, kWidth, kHeight, 0, copy->data(), copy->size(),
                  [](void *, void *owner) { delete static_cast<std::vector<uint8_t> *>(owner); }, copy, &image),
              K4A_RESULT_SUCCEEDED);
    k4a_image_set_device_timestamp_usec(image, timestamp_usec);
    k4a_image_set_system_timestamp_nsec(image, timestamp_usec * 1000 + 7);
    k4a_image_set_exposure_usec(image, 8000 + timestamp_usec % 100);
    k4a_image_set_white_balance(image, 4500);
    k4a_image_set_iso_speed(image, 200);
    return image;
}

// The one-shot decode of the same bytes, for comparison.
std::vector<uint8_t> Reference(const std::vector<uint8_t> &jpeg, openk4a_color_mode_t mode)
{
    k4a_image_t source = Mjpg(jpeg, 0);
    k4a_image_t bgra = nullptr;
    EXPECT_EQ(openk4a_image_decode_to_bgra32(source, mode, &bgra, nullptr), K4A_RESULT_SUCCEEDED);
    std::vector<uint8_t> pixels(k4a_image_get_buffer(bgra), k4a_image_get_buffer(bgra) + k4a_image_get_size(bgra));
    k4a_image_release(bgra);
    k4a_image_release(source);
    return pixels;
}

class ColorStageTest : public ::testing::Test
{
protected:
    void Create(ok4a_color_stage_config_t config)
    {
        config.sink = Sink;
        config.sink_context = &received_;
        char why[256] = "";
        stage_ = ok4a_color_stage_create(&config, why, sizeof why);
        ASSERT_NE(stage_, nullptr) << why;
    }
    ok4a_color_stage_config_t Config(uint32_t workers = 2, uint32_t capacity = 0, uint32_t spare = 8)
    {
        ok4a_color_stage_config_t c{};
        c.width = kWidth;
        c.height = kHeight;
        c.mode = OPENK4A_COLOR_MODE_FAST;
        c.worker_count = workers;
        c.queue_capacity = capacity;
        c.spare_images = spare;
        return c;
    }
    ok4a_color_stage_stats_t Destroy()
    {
        ok4a_color_stage_stats_t stats{};
        ok4a_color_stage_destroy(stage_, &stats);
        stage_ = nullptr;
        return stats;
    }
    void TearDown() override
    {
        if (stage_ != nullptr)
            ok4a_color_stage_destroy(stage_, nullptr);
    }
    uint64_t Dropped(const ok4a_color_stage_stats_t &s)
    {
        uint64_t n = 0;
        for (uint64_t d : s.dropped)
            n += d;
        return n;
    }

    Received received_;
    ok4a_color_stage_t *stage_ = nullptr;
};

TEST_F(ColorStageTest, DecodesInOrderWithMetadata)
{
    Create(Config(2, 8, 16));
    std::vector<std::vector<uint8_t>> frames;
    for (int i = 0; i < emulator::kSceneCycle; i++)
        frames.push_back(emulator::EncodeSceneJpeg(kWidth, kHeight, i));
    std::vector<std::vector<uint8_t>> expected;
    for (const auto &f : frames)
        expected.push_back(Reference(f, OPENK4A_COLOR_MODE_FAST));
    ASSERT_NE(expected[0], expected[1]); // the scene moves: order is visible in the pixels
    constexpr int kFrames = 8;
    for (int i = 0; i < kFrames; i++)
    {
        ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(frames[i % frames.size()], 1000 + 33333u * i),
                              1000 + 33333u * i, NAN);
    }
    const ok4a_color_stage_stats_t stats = Destroy(); // drains
    EXPECT_EQ(stats.pushed, uint64_t(kFrames));
    EXPECT_EQ(stats.delivered, uint64_t(kFrames));
    EXPECT_EQ(Dropped(stats), 0u);
    EXPECT_GT(stats.decode_nsec, uint64_t(kFrames) * 10000); // a 320x240 decode takes more than 10 us
    EXPECT_LT(stats.decode_nsec, uint64_t(kFrames) * 60000000000ull);
    EXPECT_EQ(stats.workers, 2u);
    EXPECT_EQ(stats.queue_capacity, 8u);
    EXPECT_GE(stats.max_in_flight, 1u);
    ASSERT_EQ(received_.images.size(), size_t(kFrames));
    for (int i = 0; i < kFrames; i++)
    {
        k4a_image_t image = received_.images[i];
        const uint64_t ts = 1000 + 33333u * i;
        EXPECT_EQ(received_.streams[i], OPENK4A_STREAM_COLOR);
        EXPECT_EQ(received_.timestamps[i], ts);
        EXPECT_EQ(k4a_image_get_format(image), K4A_IMAGE_FORMAT_COLOR_BGRA32);
        EXPECT_EQ(k4a_image_get_width_pixels(image), kWidth);
        EXPECT_EQ(k4a_image_get_height_pixels(image), kHeight);
        EXPECT_EQ(k4a_image_get_stride_bytes(image), kWidth * 4);
        EXPECT_EQ(k4a_image_get_device_timestamp_usec(image), ts);
        EXPECT_EQ(k4a_image_get_system_timestamp_nsec(image), ts * 1000 + 7);
        EXPECT_EQ(k4a_image_get_exposure_usec(image), 8000 + ts % 100);
        EXPECT_EQ(k4a_image_get_white_balance(image), 4500u);
        EXPECT_EQ(k4a_image_get_iso_speed(image), 200u);
        const std::vector<uint8_t> &want = expected[i % expected.size()];
        ASSERT_EQ(k4a_image_get_size(image), want.size());
        EXPECT_EQ(memcmp(k4a_image_get_buffer(image), want.data(), want.size()), 0) << "frame " << i;
    }
}

TEST_F(ColorStageTest, AccurateModeDecodesAsTheOneShotAccurateHelper)
{
    ok4a_color_stage_config_t c = Config(1);
    c.mode = OPENK4A_COLOR_MODE_ACCURATE;
    Create(c);
    const std::vector<uint8_t> jpeg = emulator::EncodeSceneJpeg(kWidth, kHeight, 1);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(jpeg, 5), 5, NAN);
    Destroy();
    ASSERT_EQ(received_.images.size(), 1u);
    const std::vector<uint8_t> accurate = Reference(jpeg, OPENK4A_COLOR_MODE_ACCURATE);
    const std::vector<uint8_t> fast = Reference(jpeg, OPENK4A_COLOR_MODE_FAST);
    ASSERT_NE(accurate, fast); // the modes differ on this frame, so the check means something
    EXPECT_EQ(memcmp(k4a_image_get_buffer(received_.images[0]), accurate.data(), accurate.size()), 0);
}

TEST_F(ColorStageTest, UndecodableFramesAreDroppedNeverHandedOn)
{
    Create(Config(2, 8)); // room for all five: none may be dropped as busy
    const std::vector<uint8_t> good = emulator::EncodeSceneJpeg(kWidth, kHeight, 0);
    std::vector<uint8_t> truncated(good.begin(), good.begin() + good.size() / 2);
    std::vector<uint8_t> garbage(good.size(), 0x5A);
    const std::vector<uint8_t> other_size = emulator::EncodeSceneJpeg(kWidth * 2, kHeight, 0);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(good, 1), 1, NAN);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(truncated, 2), 2, NAN);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(garbage, 3), 3, NAN);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(other_size, 4), 4, NAN);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(good, 5), 5, NAN); // and it recovers
    const ok4a_color_stage_stats_t stats = Destroy();
    EXPECT_EQ(stats.pushed, 5u);
    EXPECT_EQ(stats.delivered, 2u);
    EXPECT_EQ(stats.dropped[OPENK4A_FRAME_DROP_DECODE_FAILED], 2u);
    EXPECT_EQ(stats.dropped[OPENK4A_FRAME_DROP_SIZE_MISMATCH], 1u);
    ASSERT_EQ(received_.timestamps.size(), 2u);
    EXPECT_EQ(received_.timestamps[0], 1u);
    EXPECT_EQ(received_.timestamps[1], 5u);
    const std::vector<uint8_t> want = Reference(good, OPENK4A_COLOR_MODE_FAST);
    for (k4a_image_t image : received_.images)
    {
        EXPECT_EQ(memcmp(k4a_image_get_buffer(image), want.data(), want.size()), 0);
    }
}

TEST_F(ColorStageTest, FullQueueDropsTheNewFrameWithoutWaiting)
{
    Create(Config(1, 1, 64));
    const std::vector<uint8_t> jpeg = emulator::EncodeSceneJpeg(kWidth, kHeight, 2);
    constexpr int kFrames = 40; // pushed far faster than one thread decodes
    for (int i = 0; i < kFrames; i++)
        ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(jpeg, i + 1), i + 1, NAN);
    const ok4a_color_stage_stats_t stats = Destroy();
    EXPECT_EQ(stats.pushed, uint64_t(kFrames));
    EXPECT_GT(stats.dropped[OPENK4A_FRAME_DROP_DECODER_BUSY], 0u);
    EXPECT_EQ(stats.delivered + stats.dropped[OPENK4A_FRAME_DROP_DECODER_BUSY], uint64_t(kFrames));
    EXPECT_EQ(stats.max_in_flight, 1u);
    for (size_t i = 1; i < received_.timestamps.size(); i++)
        EXPECT_LT(received_.timestamps[i - 1], received_.timestamps[i]);
}

TEST_F(ColorStageTest, MemoryIsBoundedByThePool)
{
    Create(Config(1, 1, 2)); // 1 being decoded + 2 held elsewhere
    const std::vector<uint8_t> jpeg = emulator::EncodeSceneJpeg(kWidth, kHeight, 3);
    // The sink keeps every image: after three, no buffer is left.
    for (int i = 0; i < 6; i++)
    {
        ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, Mjpg(jpeg, i + 1), i + 1, NAN);
        ASSERT_TRUE(ok4a_color_stage_flush(stage_, -1)); // decoded and its slot free before the next push
    }
    ok4a_color_stage_stats_t stats = Destroy();
    EXPECT_EQ(stats.delivered, 3u);
    EXPECT_EQ(stats.dropped[OPENK4A_FRAME_DROP_NO_BUFFER], 3u);
    // Images outlive the stage and still give their buffers back.
    EXPECT_EQ(received_.images.size(), 3u);
}

TEST_F(ColorStageTest, RawYuvSourcesConvertToo)
{
    ok4a_color_stage_config_t c = Config(2);
    Create(c);
    k4a_image_t yuy2 = nullptr, nv12 = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_YUY2, kWidth, kHeight, 0, &yuy2), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_NV12, kWidth, kHeight, 0, &nv12), K4A_RESULT_SUCCEEDED);
    // Mid grey: Y = 128, U = V = 128 -> B = G = R = 130 (BT.601 limited range).
    memset(k4a_image_get_buffer(yuy2), 128, k4a_image_get_size(yuy2));
    memset(k4a_image_get_buffer(nv12), 128, k4a_image_get_size(nv12));
    k4a_image_set_device_timestamp_usec(yuy2, 10);
    k4a_image_set_device_timestamp_usec(nv12, 20);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, yuy2, 10, NAN);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, nv12, 20, NAN);
    const ok4a_color_stage_stats_t stats = Destroy();
    EXPECT_EQ(stats.delivered, 2u);
    ASSERT_EQ(received_.images.size(), 2u);
    for (k4a_image_t image : received_.images)
    {
        const uint8_t *p = k4a_image_get_buffer(image);
        EXPECT_NEAR(p[0], 130, 1);
        EXPECT_EQ(p[0], p[1]);
        EXPECT_EQ(p[1], p[2]);
        EXPECT_EQ(p[3], 255);
    }
    EXPECT_EQ(received_.timestamps[0], 10u);
    EXPECT_EQ(received_.timestamps[1], 20u);
}

TEST_F(ColorStageTest, WrongFormatIsRefusedAndCounted)
{
    Create(Config(1));
    k4a_image_t depth = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, &depth), K4A_RESULT_SUCCEEDED);
    ok4a_color_stage_push(stage_, OPENK4A_STREAM_COLOR, depth, 1, NAN); // logs the refusal
    const ok4a_color_stage_stats_t stats = Destroy();
    EXPECT_EQ(stats.dropped[OPENK4A_FRAME_DROP_DECODE_FAILED], 1u);
    EXPECT_TRUE(received_.images.empty());
}

TEST(ColorStageConfig, RejectsBadConfigurations)
{
    char why[128] = "";
    ok4a_color_stage_config_t c{};
    c.width = 0;
    c.height = 10;
    c.sink = Sink;
    EXPECT_EQ(ok4a_color_stage_create(&c, why, sizeof why), nullptr);
    EXPECT_NE(std::string(why).find("invalid"), std::string::npos);
    c.width = 10;
    c.sink = nullptr;
    EXPECT_EQ(ok4a_color_stage_create(&c, why, sizeof why), nullptr);
    EXPECT_EQ(ok4a_color_stage_create(nullptr, why, sizeof why), nullptr);
    ok4a_color_stage_destroy(nullptr, nullptr); // ignored
}

} // namespace
} // namespace openk4a
