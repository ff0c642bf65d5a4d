// openk4a/color.h on k4a images: the one-shot helpers and the stream decoder
// fed with pool-backed destination images, as the USB layer will feed it.
#include "openk4a/color.h"

#include <turbojpeg.h>

#include <mutex>
#include <vector>

#include "core/color/yuv_convert.h"
#include "core/pool.h"
#include "gtest/gtest.h"
#include "tests/color/jpeg_fixtures.h"
#include "tests/testing/image_leaks.h"
#include "tests/testing/testdata.h"

namespace openk4a::testing
{
namespace
{

// An MJPG image over `bytes` (borrowed: no release callback).
k4a_image_t MjpgImage(std::vector<uint8_t> *bytes, int width, int height)
{
    k4a_image_t image = nullptr;
    EXPECT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, width, height, 0, bytes->data(), bytes->size(),
                                           nullptr, nullptr, &image),
              K4A_RESULT_SUCCEEDED);
    return image;
}

std::vector<uint8_t> Reference(const std::vector<uint8_t> &jpeg, int w, int h, int flags)
{
    std::vector<uint8_t> out(static_cast<size_t>(w) * h * 4);
    tjhandle t = tjInitDecompress();
    tjDecompress2(t, jpeg.data(), jpeg.size(), out.data(), w, 0, h, TJPF_BGRA, flags);
    tjDestroy(t);
    return out;
}

std::vector<uint8_t> Pixels(k4a_image_t image)
{
    const uint8_t *b = k4a_image_get_buffer(image);
    return std::vector<uint8_t>(b, b + k4a_image_get_size(image));
}

using ColorImageTest = NoImageLeaks;

TEST_F(ColorImageTest, DecodesMjpgToANewImageWithTheSourceMetadata)
{
    auto jpeg = CompressWithTurboJpeg(200, 120, TJSAMP_422, 90);
    // The MJPG image's own size is not trusted: the header decides.
    k4a_image_t source = MjpgImage(&jpeg, 1, 1);
    k4a_image_set_device_timestamp_usec(source, 123456);
    k4a_image_set_system_timestamp_nsec(source, 987654321);
    k4a_image_set_exposure_usec(source, 8000);
    k4a_image_set_white_balance(source, 4500);
    k4a_image_set_iso_speed(source, 400);
    for (openk4a_color_mode_t mode : {OPENK4A_COLOR_MODE_FAST, OPENK4A_COLOR_MODE_ACCURATE})
    {
        k4a_image_t bgra = nullptr;
        openk4a_color_status_t status = OPENK4A_COLOR_QUEUE_FULL;
        ASSERT_EQ(openk4a_image_decode_to_bgra32(source, mode, &bgra, &status), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(status, OPENK4A_COLOR_OK);
        EXPECT_EQ(k4a_image_get_format(bgra), K4A_IMAGE_FORMAT_COLOR_BGRA32);
        EXPECT_EQ(k4a_image_get_width_pixels(bgra), 200);
        EXPECT_EQ(k4a_image_get_height_pixels(bgra), 120);
        EXPECT_EQ(k4a_image_get_stride_bytes(bgra), 800);
        EXPECT_EQ(k4a_image_get_device_timestamp_usec(bgra), 123456u);
        EXPECT_EQ(k4a_image_get_system_timestamp_nsec(bgra), 987654321u);
        EXPECT_EQ(k4a_image_get_exposure_usec(bgra), 8000u);
        EXPECT_EQ(k4a_image_get_white_balance(bgra), 4500u);
        EXPECT_EQ(k4a_image_get_iso_speed(bgra), 400u);
        const int flags = mode == OPENK4A_COLOR_MODE_FAST ? TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE : TJFLAG_ACCURATEDCT;
        EXPECT_TRUE(Pixels(bgra) == Reference(jpeg, 200, 120, flags));
        k4a_image_release(bgra);
    }
    k4a_image_release(source);
}

TEST_F(ColorImageTest, DecodesNv12AndYuy2Images)
{
    for (k4a_image_format_t format : {K4A_IMAGE_FORMAT_COLOR_NV12, K4A_IMAGE_FORMAT_COLOR_YUY2})
    {
        k4a_image_t source = nullptr;
        ASSERT_EQ(k4a_image_create(format, 64, 32, 0, &source), K4A_RESULT_SUCCEEDED);
        uint8_t *p = k4a_image_get_buffer(source);
        for (size_t i = 0; i < k4a_image_get_size(source); i++)
            p[i] = static_cast<uint8_t>(i * 37 + 11);
        k4a_image_set_device_timestamp_usec(source, 42);
        k4a_image_t bgra = nullptr;
        ASSERT_EQ(openk4a_image_decode_to_bgra32(source, OPENK4A_COLOR_MODE_FAST, &bgra, nullptr),
                  K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(k4a_image_get_width_pixels(bgra), 64);
        EXPECT_EQ(k4a_image_get_height_pixels(bgra), 32);
        EXPECT_EQ(k4a_image_get_device_timestamp_usec(bgra), 42u);
        std::vector<uint8_t> expected(64 * 32 * 4);
        const uint32_t stride = static_cast<uint32_t>(k4a_image_get_stride_bytes(source));
        const auto convert = format == K4A_IMAGE_FORMAT_COLOR_NV12 ? openk4a_nv12_to_bgra32 : openk4a_yuy2_to_bgra32;
        ASSERT_EQ(convert(p, k4a_image_get_size(source), stride, 64, 32, expected.data(), expected.size(), 256),
                  OPENK4A_COLOR_OK);
        EXPECT_EQ(Pixels(bgra), expected);
        k4a_image_release(bgra);
        k4a_image_release(source);
    }
}

TEST_F(ColorImageTest, OneShotFailuresSayWhy)
{
    std::vector<uint8_t> garbage(300, 0x42);
    k4a_image_t source = MjpgImage(&garbage, 16, 16);
    k4a_image_t bgra = reinterpret_cast<k4a_image_t>(1);
    openk4a_color_status_t status = OPENK4A_COLOR_OK;
    EXPECT_EQ(openk4a_image_decode_to_bgra32(source, OPENK4A_COLOR_MODE_FAST, &bgra, &status), K4A_RESULT_FAILED);
    EXPECT_EQ(bgra, nullptr);
    EXPECT_EQ(status, OPENK4A_COLOR_NOT_JPEG);
    k4a_image_release(source);

    auto jpeg = EncodeFixtureFrame(FrameSpec{});
    std::vector<uint8_t> cut(jpeg.begin(), jpeg.end() - 10);
    source = MjpgImage(&cut, 64, 32);
    EXPECT_EQ(openk4a_image_decode_to_bgra32(source, OPENK4A_COLOR_MODE_FAST, &bgra, &status), K4A_RESULT_FAILED);
    EXPECT_EQ(status, OPENK4A_COLOR_TRUNCATED);
    k4a_image_release(source);

    k4a_image_t depth = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 8, 8, 0, &depth), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_decode_to_bgra32(depth, OPENK4A_COLOR_MODE_FAST, &bgra, &status), K4A_RESULT_FAILED);
    EXPECT_EQ(status, OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(openk4a_image_decode_to_bgra32(nullptr, OPENK4A_COLOR_MODE_FAST, &bgra, &status), K4A_RESULT_FAILED);
    EXPECT_EQ(openk4a_image_decode_to_bgra32(depth, OPENK4A_COLOR_MODE_FAST, nullptr, nullptr), K4A_RESULT_FAILED);

    // Into an existing image: the frame must fit exactly; metadata untouched on failure.
    source = MjpgImage(&jpeg, 64, 32);
    k4a_image_set_device_timestamp_usec(source, 77);
    k4a_image_t small = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 32, 32, 0, &small), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_decode_into_bgra32(source, small, OPENK4A_COLOR_MODE_FAST, &status), K4A_RESULT_FAILED);
    EXPECT_EQ(status, OPENK4A_COLOR_SIZE_MISMATCH);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(small), 0u);
    EXPECT_EQ(openk4a_image_decode_into_bgra32(source, depth, OPENK4A_COLOR_MODE_FAST, &status), K4A_RESULT_FAILED);
    EXPECT_EQ(status, OPENK4A_COLOR_INVALID_ARGUMENT);
    k4a_image_t padded = nullptr; // any stride works
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 64, 32, 64 * 4 + 64, &padded), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_image_decode_into_bgra32(source, padded, OPENK4A_COLOR_MODE_FAST, &status), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(padded), 77u);
    k4a_image_release(padded);
    k4a_image_release(small);
    k4a_image_release(depth);
    k4a_image_release(source);
}

// What the USB layer does: each frame's MJPG bytes in an image, a destination
// from a fixed pool, submitted in order; the callback sees them in order.
struct Stream
{
    std::mutex mutex;
    std::vector<size_t> order;
    std::vector<uint64_t> timestamps;
    std::vector<openk4a_color_status_t> statuses;
    std::vector<std::vector<uint8_t>> kept; // pixels of good frames

    static void OnFrame(void *context, void *frame, k4a_image_t source, k4a_image_t destination,
                        openk4a_color_status_t status)
    {
        auto *self = static_cast<Stream *>(context);
        std::lock_guard<std::mutex> lock(self->mutex);
        self->order.push_back(reinterpret_cast<size_t>(frame));
        self->timestamps.push_back(k4a_image_get_device_timestamp_usec(destination));
        EXPECT_EQ(k4a_image_get_device_timestamp_usec(source), k4a_image_get_device_timestamp_usec(destination));
        self->statuses.push_back(status);
        self->kept.push_back(status == OPENK4A_COLOR_OK ? Pixels(destination) : std::vector<uint8_t>());
    }
};

TEST_F(ColorImageTest, StreamDecoderWithPooledDestinations)
{
    const int w = 320, h = 240;
    auto good = CompressWithTurboJpeg(w, h, TJSAMP_422, 85);
    std::vector<uint8_t> truncated(good.begin(), good.begin() + good.size() / 2);
    const auto reference = Reference(good, w, h, TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE);

    ok4a_pool_config_t pool_config = {};
    pool_config.name = "bgra";
    pool_config.buffer_size = static_cast<size_t>(w) * h * 4;
    pool_config.max_buffers = 6;
    ok4a_pool_t *pool = ok4a_pool_create(&pool_config);
    ASSERT_NE(pool, nullptr);

    Stream stream;
    openk4a_color_decoder_config_t config = OPENK4A_COLOR_DECODER_CONFIG_INIT;
    config.worker_count = 2;
    config.queue_capacity = 4;
    config.callback = Stream::OnFrame;
    config.callback_context = &stream;
    openk4a_color_decoder_t decoder = nullptr;
    ASSERT_EQ(openk4a_color_decoder_create(&config, &decoder), K4A_RESULT_SUCCEEDED);

    const size_t frames = 40;
    for (size_t i = 0; i < frames; i++)
    {
        k4a_image_t source = MjpgImage(i % 9 == 4 ? &truncated : &good, w, h);
        k4a_image_set_device_timestamp_usec(source, 1000 + 33333 * i);
        uint8_t *buffer = ok4a_pool_acquire(pool);
        ASSERT_NE(buffer, nullptr) << "the decoder holds more destinations than its queue allows";
        k4a_image_t destination = nullptr;
        ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_BGRA32, w, h, 0, buffer, pool_config.buffer_size,
                                               ok4a_pool_release, pool, &destination),
                  K4A_RESULT_SUCCEEDED);
        ASSERT_EQ(
            openk4a_color_decoder_submit(decoder, source, destination, reinterpret_cast<void *>(i), K4A_WAIT_INFINITE),
            K4A_WAIT_RESULT_SUCCEEDED);
        // The decoder holds its own references: ours can go at once.
        k4a_image_release(source);
        k4a_image_release(destination);
    }
    ASSERT_EQ(openk4a_color_decoder_flush(decoder, K4A_WAIT_INFINITE), K4A_WAIT_RESULT_SUCCEEDED);

    // A bad submit fails at once, is counted, and never reaches the callback.
    k4a_image_t depth = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, w, h, 0, &depth), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(openk4a_color_decoder_submit(decoder, depth, depth, nullptr, 0), K4A_WAIT_RESULT_FAILED);
    EXPECT_EQ(openk4a_color_decoder_submit(nullptr, depth, depth, nullptr, 0), K4A_WAIT_RESULT_FAILED);
    k4a_image_release(depth);

    openk4a_color_decoder_stats_t stats;
    openk4a_color_decoder_get_stats(decoder, &stats);
    openk4a_color_decoder_destroy(decoder);

    size_t bad = 0;
    for (size_t i = 0; i < frames; i++)
        bad += i % 9 == 4;
    EXPECT_EQ(stats.submitted, frames);
    EXPECT_EQ(stats.delivered, frames - bad);
    EXPECT_EQ(stats.dropped, bad);
    EXPECT_EQ(stats.by_status[OPENK4A_COLOR_TRUNCATED], bad);
    EXPECT_EQ(stats.rejected, 1u);
    EXPECT_EQ(stats.by_status[OPENK4A_COLOR_INVALID_ARGUMENT], 1u);
    ASSERT_EQ(stream.order.size(), frames);
    for (size_t i = 0; i < frames; i++)
    {
        EXPECT_EQ(stream.order[i], i);
        EXPECT_EQ(stream.timestamps[i], 1000 + 33333 * i);
        EXPECT_EQ(stream.statuses[i], i % 9 == 4 ? OPENK4A_COLOR_TRUNCATED : OPENK4A_COLOR_OK);
        if (stream.statuses[i] == OPENK4A_COLOR_OK)
        {
            EXPECT_TRUE(stream.kept[i] == reference) << "frame " << i;
        }
    }
    ok4a_pool_stats_t pool_stats;
    ok4a_pool_get_stats(pool, &pool_stats);
    EXPECT_EQ(pool_stats.in_use, 0u); // every destination went back
    EXPECT_EQ(pool_stats.exhausted, 0u);
    ok4a_pool_destroy(pool);
}

TEST_F(ColorImageTest, RealAzureKinectFramesThroughTheStreamDecoder)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(real, "mjpeg/azure_kinect_720p_422.jpg");
    std::vector<uint8_t> jpeg = real;
    Stream stream;
    openk4a_color_decoder_config_t config = OPENK4A_COLOR_DECODER_CONFIG_INIT;
    config.callback = Stream::OnFrame;
    config.callback_context = &stream;
    openk4a_color_decoder_t decoder = nullptr;
    ASSERT_EQ(openk4a_color_decoder_create(&config, &decoder), K4A_RESULT_SUCCEEDED);
    for (size_t i = 0; i < 6; i++)
    {
        k4a_image_t source = MjpgImage(&jpeg, 1280, 720);
        k4a_image_t destination = nullptr;
        ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 0, &destination), K4A_RESULT_SUCCEEDED);
        k4a_image_set_device_timestamp_usec(source, i);
        ASSERT_EQ(
            openk4a_color_decoder_submit(decoder, source, destination, reinterpret_cast<void *>(i), K4A_WAIT_INFINITE),
            K4A_WAIT_RESULT_SUCCEEDED);
        k4a_image_release(source);
        k4a_image_release(destination);
    }
    openk4a_color_decoder_destroy(decoder);
    const auto reference = Reference(jpeg, 1280, 720, TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE);
    ASSERT_EQ(stream.order.size(), 6u);
    for (size_t i = 0; i < 6; i++)
    {
        EXPECT_EQ(stream.order[i], i);
        ASSERT_EQ(stream.statuses[i], OPENK4A_COLOR_OK);
        EXPECT_TRUE(stream.kept[i] == reference);
    }
}

TEST_F(ColorImageTest, DecoderConfigIsChecked)
{
    openk4a_color_decoder_t decoder = reinterpret_cast<openk4a_color_decoder_t>(1);
    openk4a_color_decoder_config_t config = OPENK4A_COLOR_DECODER_CONFIG_INIT;
    EXPECT_EQ(openk4a_color_decoder_create(&config, &decoder), K4A_RESULT_FAILED); // no callback
    EXPECT_EQ(decoder, nullptr);
    config.callback = Stream::OnFrame;
    config.worker_count = 1000;
    EXPECT_EQ(openk4a_color_decoder_create(&config, &decoder), K4A_RESULT_FAILED);
    EXPECT_EQ(openk4a_color_decoder_create(nullptr, &decoder), K4A_RESULT_FAILED);
    EXPECT_EQ(openk4a_color_decoder_flush(nullptr, 0), K4A_WAIT_RESULT_FAILED);
    openk4a_color_decoder_stats_t stats;
    stats.submitted = 5;
    openk4a_color_decoder_get_stats(nullptr, &stats);
    EXPECT_EQ(stats.submitted, 0u);
    openk4a_color_decoder_destroy(nullptr);
}

} // namespace
} // namespace openk4a::testing
