// k4a_image_*: creation rules, ownership of caller buffers, accessors,
// reference counting and misuse handling (core/image.c).
#include <k4a/k4a.h>
#include <openk4a/image.h>
#include <openk4a/memory.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/log_capture.h"

namespace
{

using openk4a::testing::LogCapture;

// Counts release callback calls and remembers their arguments and thread.
struct ReleaseRecord
{
    int calls = 0;
    void *buffer = nullptr;
    void *context = nullptr;
    std::thread::id thread;
    static void Callback(void *buffer, void *context)
    {
        auto *self = static_cast<ReleaseRecord *>(context);
        self->calls++;
        self->buffer = buffer;
        self->context = context;
        self->thread = std::this_thread::get_id();
    }
};

openk4a_memory_stats_t Stats()
{
    openk4a_memory_stats_t stats;
    EXPECT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
    return stats;
}

class ImageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        live_before_ = Stats().images_live;
    }
    void TearDown() override
    {
        EXPECT_EQ(Stats().images_live, live_before_) << "an image leaked";
    }
    uint64_t live_before_ = 0;
};

struct CreateCase
{
    k4a_image_format_t format;
    int width, height, stride;
    int expected_stride;
    size_t expected_size;
};

TEST_F(ImageTest, CreateComputesStrideAndSizePerFormat)
{
    const CreateCase cases[] = {
        {K4A_IMAGE_FORMAT_COLOR_NV12, 1280, 720, 0, 1280, 1280 * 720 * 3 / 2},
        {K4A_IMAGE_FORMAT_COLOR_NV12, 4, 2, 8, 8, 8 * 3},
        {K4A_IMAGE_FORMAT_COLOR_YUY2, 1280, 720, 0, 2560, 2560 * 720},
        {K4A_IMAGE_FORMAT_COLOR_YUY2, 2, 3, 0, 4, 12}, // odd height is fine for YUY2
        {K4A_IMAGE_FORMAT_COLOR_BGRA32, 1920, 1080, 0, 7680, 7680 * 1080},
        {K4A_IMAGE_FORMAT_COLOR_BGRA32, 3, 3, 16, 16, 48},
        {K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, 1280, 1280 * 576},
        {K4A_IMAGE_FORMAT_IR16, 1024, 1024, 0, 2048, 2048 * 1024},
        {K4A_IMAGE_FORMAT_CUSTOM8, 5, 7, 0, 5, 35},
        {K4A_IMAGE_FORMAT_CUSTOM16, 5, 7, 0, 10, 70},
        {K4A_IMAGE_FORMAT_CUSTOM, 10, 10, 12, 12, 120},
    };
    for (const CreateCase &c : cases)
    {
        SCOPED_TRACE(::testing::Message() << "format " << c.format << " " << c.width << "x" << c.height);
        k4a_image_t image = nullptr;
        ASSERT_EQ(k4a_image_create(c.format, c.width, c.height, c.stride, &image), K4A_RESULT_SUCCEEDED);
        ASSERT_NE(image, nullptr);
        EXPECT_EQ(k4a_image_get_format(image), c.format);
        EXPECT_EQ(k4a_image_get_width_pixels(image), c.width);
        EXPECT_EQ(k4a_image_get_height_pixels(image), c.height);
        EXPECT_EQ(k4a_image_get_stride_bytes(image), c.expected_stride);
        EXPECT_EQ(k4a_image_get_size(image), c.expected_size);
        uint8_t *buffer = k4a_image_get_buffer(image);
        ASSERT_NE(buffer, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer) % 64, 0u);
        std::memset(buffer, 0xA5, c.expected_size); // the whole size is writable (ASan checks)
        EXPECT_EQ(k4a_image_get_device_timestamp_usec(image), 0u);
        EXPECT_EQ(k4a_image_get_system_timestamp_nsec(image), 0u);
        EXPECT_EQ(k4a_image_get_exposure_usec(image), 0u);
        EXPECT_EQ(k4a_image_get_white_balance(image), 0u);
        EXPECT_EQ(k4a_image_get_iso_speed(image), 0u);
        k4a_image_release(image);
    }
}

struct RejectCase
{
    const char *why;
    k4a_image_format_t format;
    int width, height, stride;
    const char *log_fragment;
};

const RejectCase kCreateRejects[] = {
    {"MJPG has no fixed size", K4A_IMAGE_FORMAT_COLOR_MJPG, 1280, 720, 0, "no fixed size"},
    {"CUSTOM has no default stride", K4A_IMAGE_FORMAT_CUSTOM, 10, 10, 0, "no default stride"},
    {"zero width", K4A_IMAGE_FORMAT_DEPTH16, 0, 10, 0, "1..32768"},
    {"negative width", K4A_IMAGE_FORMAT_DEPTH16, -2, 10, 0, "1..32768"},
    {"zero height", K4A_IMAGE_FORMAT_DEPTH16, 10, 0, 0, "1..32768"},
    {"negative height", K4A_IMAGE_FORMAT_DEPTH16, 10, INT_MIN, 0, "1..32768"},
    {"width above the bound", K4A_IMAGE_FORMAT_CUSTOM8, 32769, 1, 0, "1..32768"},
    {"height above the bound", K4A_IMAGE_FORMAT_CUSTOM8, 1, 32769, 0, "1..32768"},
    {"huge width", K4A_IMAGE_FORMAT_COLOR_BGRA32, INT_MAX, 1, 0, "1..32768"},
    {"negative stride", K4A_IMAGE_FORMAT_DEPTH16, 10, 10, -20, "negative stride"},
    {"stride below minimum", K4A_IMAGE_FORMAT_DEPTH16, 10, 10, 19, "below the minimum 20"},
    {"BGRA32 stride below 4*width", K4A_IMAGE_FORMAT_COLOR_BGRA32, 10, 10, 39, "below the minimum 40"},
    {"YUY2 stride below 2*width", K4A_IMAGE_FORMAT_COLOR_YUY2, 10, 10, 19, "below the minimum 20"},
    {"NV12 stride below width", K4A_IMAGE_FORMAT_COLOR_NV12, 10, 10, 9, "below the minimum 10"},
    {"NV12 odd width", K4A_IMAGE_FORMAT_COLOR_NV12, 11, 10, 0, "must be even"},
    {"NV12 odd height", K4A_IMAGE_FORMAT_COLOR_NV12, 10, 11, 0, "must be even"},
    {"YUY2 odd width", K4A_IMAGE_FORMAT_COLOR_YUY2, 11, 10, 0, "must be even"},
    {"format above the enum", static_cast<k4a_image_format_t>(9), 10, 10, 0, "not a k4a_image_format_t"},
    {"largest format C++ can hold", static_cast<k4a_image_format_t>(15), 10, 10, 0, "not a k4a_image_format_t"},
    {"more than 1 GiB", K4A_IMAGE_FORMAT_COLOR_BGRA32, 32768, 32768, 0, "1 GiB"},
    {"hostile stride * height", K4A_IMAGE_FORMAT_CUSTOM, 1, 32768, INT_MAX, "1 GiB"},
};

TEST_F(ImageTest, CreateRejectsEveryBrokenRuleAndSaysWhich)
{
    for (const RejectCase &c : kCreateRejects)
    {
        SCOPED_TRACE(c.why);
        LogCapture log;
        k4a_image_t image = reinterpret_cast<k4a_image_t>(0x1); // must be reset to NULL
        EXPECT_EQ(k4a_image_create(c.format, c.width, c.height, c.stride, &image), K4A_RESULT_FAILED);
        EXPECT_EQ(image, nullptr);
        EXPECT_TRUE(log.Contains({"k4a_image_create", c.log_fragment}))
            << "log: " << (log.count() ? log.messages()[0] : std::string("(none)"));
    }
}

TEST_F(ImageTest, CreateRejectsNullOutputHandle)
{
    LogCapture log;
    EXPECT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 4, 4, 0, nullptr), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"k4a_image_create", "image_handle is NULL"}));
}

TEST_F(ImageTest, CreateAcceptsTheBoundaries)
{
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 32768, 1, 0, &image), K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 1, 1, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_size(image), 1u);
    k4a_image_release(image);
    // Exactly 1 GiB is allowed.
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM, 1, 16384, 65536, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_size(image), size_t{1} << 30);
    k4a_image_release(image);
}

TEST_F(ImageTest, CreateFromBufferOwnsTheBufferAndCallsBackOnce)
{
    std::vector<uint8_t> pixels(640 * 576 * 2);
    ReleaseRecord record;
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, pixels.data(), pixels.size(),
                                           &ReleaseRecord::Callback, &record, &image),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_buffer(image), pixels.data());
    EXPECT_EQ(k4a_image_get_size(image), pixels.size());
    EXPECT_EQ(k4a_image_get_stride_bytes(image), 1280);
    k4a_image_reference(image);
    k4a_image_reference(image);
    k4a_image_release(image);
    k4a_image_release(image);
    EXPECT_EQ(record.calls, 0) << "callback before the last reference went";
    k4a_image_release(image);
    EXPECT_EQ(record.calls, 1);
    EXPECT_EQ(record.buffer, pixels.data());
    EXPECT_EQ(record.context, &record);
}

TEST_F(ImageTest, CreateFromBufferKeepsALargerBufferSize)
{
    std::vector<uint8_t> pixels(1000);
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 10, 10, 0, pixels.data(), pixels.size(), nullptr,
                                           nullptr, &image),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_size(image), 1000u);
    k4a_image_release(image);
}

TEST_F(ImageTest, CallbackRunsOnTheThreadThatDropsTheLastReference)
{
    std::vector<uint8_t> pixels(64);
    ReleaseRecord record;
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 8, 8, 0, pixels.data(), pixels.size(),
                                           &ReleaseRecord::Callback, &record, &image),
              K4A_RESULT_SUCCEEDED);
    std::thread::id releaser;
    std::thread other(
        [&]
        {
            releaser = std::this_thread::get_id();
            k4a_image_release(image);
        });
    other.join();
    EXPECT_EQ(record.calls, 1);
    EXPECT_EQ(record.thread, releaser);
    EXPECT_NE(record.thread, std::this_thread::get_id());
}

TEST_F(ImageTest, NullCallbackLeavesOwnershipWithTheCaller)
{
    std::vector<uint8_t> pixels(16);
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, pixels.data(), pixels.size(), nullptr,
                                           nullptr, &image),
              K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    pixels[0] = 1; // still ours (ASan would flag a free)
    EXPECT_EQ(pixels[0], 1);
}

TEST_F(ImageTest, CreateFromBufferAcceptsFormatsWithoutFixedSize)
{
    std::vector<uint8_t> jpeg(12345);
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, 1280, 720, 0, jpeg.data(), jpeg.size(), nullptr,
                                           nullptr, &image),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_stride_bytes(image), 0);
    EXPECT_EQ(k4a_image_get_size(image), jpeg.size());
    k4a_image_release(image);
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM, 1280, 720, 0, jpeg.data(), jpeg.size(), nullptr,
                                           nullptr, &image),
              K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_stride_bytes(image), 0);
    k4a_image_release(image);
}

struct BufferRejectCase
{
    const char *why;
    k4a_image_format_t format;
    int width, height, stride;
    size_t buffer_size;
    bool null_buffer;
    const char *log_fragment;
};

TEST_F(ImageTest, CreateFromBufferFailsWithoutCallingBackOrTakingTheBuffer)
{
    const size_t big = size_t{1} << 20;
    const BufferRejectCase cases[] = {
        {"NULL buffer", K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, 16, true, "buffer is NULL"},
        {"zero buffer_size", K4A_IMAGE_FORMAT_COLOR_MJPG, 4, 4, 0, 0, false, "buffer_size is 0"},
        {"buffer one byte short", K4A_IMAGE_FORMAT_DEPTH16, 640, 576, 0, 640 * 576 * 2 - 1, false, "needs 737280"},
        {"NV12 buffer without the UV plane", K4A_IMAGE_FORMAT_COLOR_NV12, 64, 64, 0, 64 * 64, false, "needs 6144"},
        {"stride * height beyond the buffer", K4A_IMAGE_FORMAT_CUSTOM, 4, 4, 1000, 3999, false, "needs 4000"},
        {"hostile stride * height", K4A_IMAGE_FORMAT_CUSTOM16, 1, 32768, INT_MAX, big, false, "needs"},
        {"stride below minimum", K4A_IMAGE_FORMAT_IR16, 10, 10, 19, big, false, "below the minimum"},
        {"odd NV12", K4A_IMAGE_FORMAT_COLOR_NV12, 3, 4, 0, big, false, "must be even"},
        {"odd YUY2", K4A_IMAGE_FORMAT_COLOR_YUY2, 3, 4, 0, big, false, "must be even"},
        {"zero width", K4A_IMAGE_FORMAT_COLOR_MJPG, 0, 4, 0, big, false, "1..32768"},
        {"negative stride", K4A_IMAGE_FORMAT_COLOR_MJPG, 4, 4, -1, big, false, "negative stride"},
        {"invalid format", static_cast<k4a_image_format_t>(12), 4, 4, 0, big, false, "not a k4a_image_format_t"},
    };
    std::vector<uint8_t> pixels(big);
    for (const BufferRejectCase &c : cases)
    {
        SCOPED_TRACE(c.why);
        LogCapture log;
        ReleaseRecord record;
        k4a_image_t image = reinterpret_cast<k4a_image_t>(0x1);
        EXPECT_EQ(k4a_image_create_from_buffer(c.format, c.width, c.height, c.stride,
                                               c.null_buffer ? nullptr : pixels.data(), c.buffer_size,
                                               &ReleaseRecord::Callback, &record, &image),
                  K4A_RESULT_FAILED);
        EXPECT_EQ(image, nullptr);
        EXPECT_EQ(record.calls, 0) << "callback called on failure";
        EXPECT_TRUE(log.Contains({"k4a_image_create_from_buffer", c.log_fragment}))
            << "log: " << (log.count() ? log.messages()[0] : std::string("(none)"));
    }
    LogCapture log;
    ReleaseRecord record;
    EXPECT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, pixels.data(), 16,
                                           &ReleaseRecord::Callback, &record, nullptr),
              K4A_RESULT_FAILED);
    EXPECT_EQ(record.calls, 0);
    EXPECT_TRUE(log.Contains({"image_handle is NULL"}));
}

TEST_F(ImageTest, HostileGeometryIsExactNotWrapped)
{
    // INT_MAX * 2 rows needs 4294967294 bytes: one byte less must fail, the
    // exact size must pass (the buffer is never touched by the library).
    uint8_t byte = 0;
    const size_t needed = size_t{INT_MAX} * 2;
    k4a_image_t image = nullptr;
    EXPECT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM, 1, 2, INT_MAX, &byte, needed - 1, nullptr, nullptr,
                                           &image),
              K4A_RESULT_FAILED);
    ASSERT_EQ(
        k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM, 1, 2, INT_MAX, &byte, needed, nullptr, nullptr, &image),
        K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_size(image), needed);
    k4a_image_release(image);
}

TEST_F(ImageTest, PropertiesRoundTripAndDeprecatedNamesShareThem)
{
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 4, 4, 0, &image), K4A_RESULT_SUCCEEDED);
    k4a_image_set_device_timestamp_usec(image, 0x1122334455667788ull);
    k4a_image_set_system_timestamp_nsec(image, UINT64_MAX);
    k4a_image_set_exposure_usec(image, 33333);
    k4a_image_set_white_balance(image, 4500);
    k4a_image_set_iso_speed(image, UINT32_MAX);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(image), 0x1122334455667788ull);
    EXPECT_EQ(k4a_image_get_system_timestamp_nsec(image), UINT64_MAX);
    EXPECT_EQ(k4a_image_get_exposure_usec(image), 33333u);
    EXPECT_EQ(k4a_image_get_white_balance(image), 4500u);
    EXPECT_EQ(k4a_image_get_iso_speed(image), UINT32_MAX);
    // Deprecated names (k4a < 1.2) read and write the same fields.
    EXPECT_EQ(k4a_image_get_timestamp_usec(image), 0x1122334455667788ull);
    k4a_image_set_timestamp_usec(image, 77);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(image), 77u);
    k4a_image_set_exposure_time_usec(image, 99);
    EXPECT_EQ(k4a_image_get_exposure_usec(image), 99u);
    k4a_image_release(image);
    // A recycled image starts with fresh metadata.
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 4, 4, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(image), 0u);
    EXPECT_EQ(k4a_image_get_exposure_usec(image), 0u);
    EXPECT_EQ(k4a_image_get_iso_speed(image), 0u);
    k4a_image_release(image);
}

TEST_F(ImageTest, CopyPropertiesCopiesEveryPropertyAndRefusesBadHandles)
{
    k4a_image_t source = nullptr;
    k4a_image_t destination = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 4, 4, 0, &source), K4A_RESULT_SUCCEEDED);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 8, 2, 0, &destination), K4A_RESULT_SUCCEEDED);
    // Every k4a 1.4 property (k4a.h's getters), each with a value of its full width.
    k4a_image_set_device_timestamp_usec(source, 0x1122334455667788ull);
    k4a_image_set_system_timestamp_nsec(source, UINT64_MAX);
    k4a_image_set_exposure_usec(source, 33333);
    k4a_image_set_white_balance(source, 4500);
    k4a_image_set_iso_speed(source, UINT32_MAX);
    k4a_image_set_iso_speed(destination, 1); // overwritten, not kept
    ASSERT_EQ(openk4a_image_copy_properties(destination, source), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(destination), 0x1122334455667788ull);
    EXPECT_EQ(k4a_image_get_system_timestamp_nsec(destination), UINT64_MAX);
    EXPECT_EQ(k4a_image_get_exposure_usec(destination), 33333u);
    EXPECT_EQ(k4a_image_get_white_balance(destination), 4500u);
    EXPECT_EQ(k4a_image_get_iso_speed(destination), UINT32_MAX);
    // Only metadata: the geometry stays the destination's.
    EXPECT_EQ(k4a_image_get_format(destination), K4A_IMAGE_FORMAT_IR16);
    EXPECT_EQ(k4a_image_get_width_pixels(destination), 8);
    {
        LogCapture log;
        EXPECT_EQ(openk4a_image_copy_properties(destination, nullptr), K4A_RESULT_FAILED);
        EXPECT_EQ(openk4a_image_copy_properties(nullptr, source), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"openk4a_image_copy_properties:", "NULL"}));
    }
    EXPECT_EQ(k4a_image_get_white_balance(destination), 4500u); // a refused copy wrote nothing
    k4a_image_release(source);
    k4a_image_release(destination);
}

TEST_F(ImageTest, NullHandleGettersReturnZeroAndSettersFailLoudly)
{
    LogCapture log;
    EXPECT_EQ(k4a_image_get_buffer(nullptr), nullptr);
    EXPECT_EQ(k4a_image_get_size(nullptr), 0u);
    EXPECT_EQ(k4a_image_get_format(nullptr), K4A_IMAGE_FORMAT_CUSTOM);
    EXPECT_EQ(k4a_image_get_width_pixels(nullptr), 0);
    EXPECT_EQ(k4a_image_get_height_pixels(nullptr), 0);
    EXPECT_EQ(k4a_image_get_stride_bytes(nullptr), 0);
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(nullptr), 0u);
    EXPECT_EQ(k4a_image_get_timestamp_usec(nullptr), 0u);
    EXPECT_EQ(k4a_image_get_system_timestamp_nsec(nullptr), 0u);
    EXPECT_EQ(k4a_image_get_exposure_usec(nullptr), 0u);
    EXPECT_EQ(k4a_image_get_white_balance(nullptr), 0u);
    EXPECT_EQ(k4a_image_get_iso_speed(nullptr), 0u);
    k4a_image_set_device_timestamp_usec(nullptr, 1);
    k4a_image_set_timestamp_usec(nullptr, 1);
    k4a_image_set_system_timestamp_nsec(nullptr, 1);
    k4a_image_set_exposure_usec(nullptr, 1);
    k4a_image_set_exposure_time_usec(nullptr, 1);
    k4a_image_set_white_balance(nullptr, 1);
    k4a_image_set_iso_speed(nullptr, 1);
    k4a_image_reference(nullptr);
    for (const char *fn :
         {"k4a_image_get_buffer", "k4a_image_get_size", "k4a_image_get_format", "k4a_image_get_width_pixels",
          "k4a_image_get_height_pixels", "k4a_image_get_stride_bytes", "k4a_image_get_device_timestamp_usec",
          "k4a_image_get_system_timestamp_nsec", "k4a_image_get_exposure_usec", "k4a_image_get_white_balance",
          "k4a_image_get_iso_speed", "k4a_image_set_device_timestamp_usec", "k4a_image_set_system_timestamp_nsec",
          "k4a_image_set_exposure_usec", "k4a_image_set_white_balance", "k4a_image_set_iso_speed",
          "k4a_image_reference"})
    {
        EXPECT_TRUE(log.Contains({std::string(fn) + ":", "NULL"})) << fn;
    }
    const size_t before = log.count();
    k4a_image_release(nullptr); // like free(NULL): silent
    EXPECT_EQ(log.count(), before);
}

TEST_F(ImageTest, ReleasedHandleIsDetectedNotUsed)
{
    std::vector<uint8_t> pixels(16);
    ReleaseRecord record;
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, pixels.data(), pixels.size(),
                                           &ReleaseRecord::Callback, &record, &image),
              K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    ASSERT_EQ(record.calls, 1);
    LogCapture log;
    // Nothing is created in between, so the slot is not reused yet.
    EXPECT_EQ(k4a_image_get_buffer(image), nullptr);
    EXPECT_EQ(k4a_image_get_width_pixels(image), 0);
    EXPECT_EQ(k4a_image_get_format(image), K4A_IMAGE_FORMAT_CUSTOM);
    k4a_image_set_iso_speed(image, 5);
    k4a_image_reference(image);
    k4a_image_release(image); // a double release must not call back again
    EXPECT_EQ(record.calls, 1);
    EXPECT_TRUE(log.Contains({"k4a_image_get_buffer", "already released"}));
    EXPECT_TRUE(log.Contains({"k4a_image_release", "already released"}));
    EXPECT_TRUE(log.Contains({"k4a_image_reference", "already released"}));
}

// Issue 17 item 8: the next image is made in the memory just released (the
// thread's cache hands it back first), so without a generation in the handle
// the stale handle would equal the new one and reach its buffer.
TEST_F(ImageTest, AStaleHandleIsRefusedOnceItsMemoryHoldsAnotherImage)
{
    k4a_image_t stale = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 64, 64, 0, &stale), K4A_RESULT_SUCCEEDED);
    k4a_image_release(stale);
    LogCapture log;
    // Every reuse of that memory within the generations a handle tells apart.
    for (int round = 0; round < 63; round++)
    {
        k4a_image_t fresh = nullptr;
        ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 32, 16, 0, &fresh), K4A_RESULT_SUCCEEDED);
        ASSERT_NE(fresh, stale) << "round " << round;
        EXPECT_EQ(k4a_image_get_buffer(stale), nullptr) << "round " << round;
        EXPECT_EQ(k4a_image_get_width_pixels(stale), 0) << "round " << round;
        k4a_image_reference(stale); // must not add to the new image
        k4a_image_release(stale);   // must not drop the new image
        k4a_image_set_iso_speed(stale, 7);
        // The new image is untouched: its own geometry, one reference, no metadata written.
        EXPECT_EQ(k4a_image_get_width_pixels(fresh), 32);
        EXPECT_NE(k4a_image_get_buffer(fresh), nullptr);
        EXPECT_EQ(k4a_image_get_iso_speed(fresh), 0u);
        EXPECT_TRUE(openk4a_image_is_unique(fresh)) << "round " << round;
        k4a_image_release(fresh);
        EXPECT_EQ(k4a_image_get_buffer(fresh), nullptr); // released: refused as well
    }
    EXPECT_TRUE(log.Contains({"k4a_image_get_buffer", "stale handle"}));
    EXPECT_TRUE(log.Contains({"k4a_image_release", "stale handle"}));
    EXPECT_TRUE(log.Contains({"k4a_image_reference", "stale handle"}));
}

TEST_F(ImageTest, CreatedBuffersAreRecycledThroughSizeClassPools)
{
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 512, 1024, 0, &image), K4A_RESULT_SUCCEEDED);
    uint8_t *first = k4a_image_get_buffer(image);
    EXPECT_EQ(Stats().image_buffers_in_use, 1u);
    k4a_image_release(image);
    EXPECT_EQ(Stats().image_buffers_in_use, 0u);
    EXPECT_GE(Stats().image_buffers_pooled, 1u);
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 512, 1024, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_buffer(image), first) << "the pooled buffer was not reused";
    k4a_image_release(image);
    openk4a_trim_memory();
    EXPECT_EQ(Stats().image_buffers_pooled, 0u);
    EXPECT_EQ(Stats().image_bytes_pooled, 0u);
}

TEST_F(ImageTest, AThreadsCachedBufferGoesBackToThePoolWhenItExits)
{
    openk4a_trim_memory();
    uint8_t *used = nullptr;
    std::thread worker(
        [&used]
        {
            k4a_image_t image = nullptr;
            ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 320, 288, 0, &image), K4A_RESULT_SUCCEEDED);
            used = k4a_image_get_buffer(image);
            k4a_image_release(image); // kept in this thread's cache
            EXPECT_EQ(Stats().image_buffers_pooled, 1u);
        });
    worker.join();
    const openk4a_memory_stats_t stats = Stats();
    EXPECT_EQ(stats.image_buffers_in_use, 0u);
    EXPECT_EQ(stats.image_buffers_pooled, 1u) << "the exited thread's buffer was lost";
    // Now in the shared pool: this thread gets the same buffer.
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 320, 288, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_buffer(image), used);
    k4a_image_release(image);
    openk4a_trim_memory();
    EXPECT_EQ(Stats().image_buffers_pooled, 0u);
}

TEST_F(ImageTest, ImagesAboveThePooledSizesWork)
{
    k4a_image_t image = nullptr;
    // 8192 * 4 * 2100 bytes = 68.8 MB: above the largest size class (64 MiB).
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 8192, 2100, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(k4a_image_get_size(image), size_t{8192} * 4 * 2100);
    k4a_image_get_buffer(image)[k4a_image_get_size(image) - 1] = 1;
    EXPECT_EQ(Stats().image_buffers_in_use, 1u);
    k4a_image_release(image);
    EXPECT_EQ(Stats().image_buffers_in_use, 0u);
}

// A release callback may itself use the API (create or release other images).
TEST_F(ImageTest, ReleaseCallbackMayReenterTheApi)
{
    struct Context
    {
        k4a_image_t other = nullptr;
        int calls = 0;
    } context;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, &context.other), K4A_RESULT_SUCCEEDED);
    std::vector<uint8_t> pixels(16);
    k4a_image_t image = nullptr;
    auto callback = [](void *, void *raw)
    {
        auto *c = static_cast<Context *>(raw);
        c->calls++;
        k4a_image_release(c->other);
        k4a_image_t fresh = nullptr;
        if (k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM8, 2, 2, 0, &fresh) == K4A_RESULT_SUCCEEDED)
            k4a_image_release(fresh);
    };
    ASSERT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, pixels.data(), pixels.size(), callback,
                                           &context, &image),
              K4A_RESULT_SUCCEEDED);
    k4a_image_release(image);
    EXPECT_EQ(context.calls, 1);
}

} // namespace
