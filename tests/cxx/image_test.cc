// openk4a::Image: construction and its errors, owners (moved in on success,
// untouched on failure, destroyed exactly once), escape hatches, uniqueness,
// typed views, metadata.
#include "openk4a/cxx/image.h"

#include <k4a/k4a.h>
#include <openk4a/k4a_strings.h>
#include <openk4a/memory.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <list>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "openk4a/cxx/capture.h"
#include "tests/cxx/test_owners.h"

namespace openk4a
{
namespace
{

using ::openk4a::testing::CountingOwner;
using ::openk4a::testing::DestroyLog;
using ::openk4a::testing::PoolSlot;
using ::testing::HasSubstr;

// ---- Compile-time rules ----------------------------------------------------

static_assert(!std::is_default_constructible_v<Image>, "an Image is never null");
static_assert(!std::is_copy_constructible_v<Image> && !std::is_copy_assignable_v<Image>, "Clone() explicitly");
static_assert(std::is_nothrow_move_constructible_v<Image> && std::is_nothrow_move_assignable_v<Image>);
static_assert(!std::is_constructible_v<Image, k4a_image_t>, "Adopt() is the named way in");

struct ThrowingMoveOwner
{
    ThrowingMoveOwner(ThrowingMoveOwner &&) {}
    ThrowingMoveOwner &operator=(ThrowingMoveOwner &&)
    {
        return *this;
    }
    uint8_t *data();
    size_t size() const;
};
struct ConstBytesOwner
{
    const uint8_t *data() const;
    size_t size() const;
};
struct SignedSizeOwner
{
    uint8_t *data();
    int size() const;
};

static_assert(kIsBufferOwner<std::vector<uint8_t>>);
static_assert(kIsBufferOwner<std::vector<uint16_t>>);
static_assert(kIsBufferOwner<std::string>);
static_assert(kIsBufferOwner<std::array<uint8_t, 64>>);
static_assert(kIsBufferOwner<testing::CountingOwner>);
static_assert(kIsBufferOwner<testing::PoolSlot>);
static_assert(!kIsBufferOwner<std::vector<uint8_t> &>, "an lvalue owner would be copied or stolen");
static_assert(!kIsBufferOwner<const std::vector<uint8_t>>, "a const owner cannot move in");
static_assert(!kIsBufferOwner<uint8_t[64]>);
static_assert(!kIsBufferOwner<std::unique_ptr<uint8_t[]>>, "no size: use the (bytes, size) overload");
static_assert(!kIsBufferOwner<std::vector<bool>>, "not contiguous");
static_assert(!kIsBufferOwner<std::vector<std::string>>, "elements are not plain bytes");
static_assert(!kIsBufferOwner<std::list<uint8_t>>, "not contiguous");
static_assert(!kIsBufferOwner<ThrowingMoveOwner>, "a throwing move could lose the owner");
static_assert(!kIsBufferOwner<ConstBytesOwner>, "the image buffer is writable");
static_assert(!kIsBufferOwner<SignedSizeOwner>);

class ImageTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        openk4a_memory_stats_t stats;
        ASSERT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(stats.images_live, 0u) << "an image leaked";
        EXPECT_EQ(stats.captures_live, 0u) << "a capture leaked";
    }
};

// ---- Create ------------------------------------------------------------------

TEST_F(ImageTest, CreateMakesTheGeometryAsked)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {640, 576});
    ASSERT_TRUE(image.ok()) << image.status();
    EXPECT_EQ(image->format(), K4A_IMAGE_FORMAT_DEPTH16);
    EXPECT_EQ(image->width_pixels(), 640);
    EXPECT_EQ(image->height_pixels(), 576);
    EXPECT_EQ(image->stride_bytes(), 1280);
    EXPECT_EQ(image->size(), 1280u * 576u);
    EXPECT_EQ(image->bytes().size(), image->size());
    EXPECT_NE(image->bytes().data(), nullptr);
    EXPECT_TRUE(image->IsUnique());
    const Geometry g = image->geometry();
    EXPECT_EQ(g.width_pixels, 640);
    EXPECT_EQ(g.height_pixels, 576);
    EXPECT_EQ(g.stride_bytes, 1280);
}

TEST_F(ImageTest, CreateErrorsSayWhichRuleWasBroken)
{
    struct Case
    {
        k4a_image_format_t format;
        Geometry geometry;
        const char *fragment;
    };
    const Case cases[] = {
        {K4A_IMAGE_FORMAT_COLOR_BGRA32,
         {640, 480, 100},
         "BGRA32 image 640 pixels wide: stride 100 is below the minimum 2560"},
        {K4A_IMAGE_FORMAT_COLOR_MJPG, {1280, 720}, "MJPG images have no fixed size"},
        {K4A_IMAGE_FORMAT_CUSTOM, {10, 10}, "no default stride"},
        {K4A_IMAGE_FORMAT_DEPTH16, {0, 10}, "width and height must be 1..32768"},
        {K4A_IMAGE_FORMAT_COLOR_NV12, {11, 10}, "must be even"},
        {K4A_IMAGE_FORMAT_DEPTH16, {10, 10, -20}, "negative stride -20"},
        {K4A_IMAGE_FORMAT_COLOR_BGRA32, {32768, 32768}, "1 GiB"},
        {static_cast<k4a_image_format_t>(9), {4, 4}, "format 9 is not a k4a_image_format_t"},
    };
    for (const Case &c : cases)
    {
        SCOPED_TRACE(c.fragment);
        absl::StatusOr<Image> image = Image::Create(c.format, c.geometry);
        ASSERT_FALSE(image.ok());
        EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument);
        EXPECT_THAT(std::string(image.status().message()), HasSubstr("Image::Create: "));
        EXPECT_THAT(std::string(image.status().message()), HasSubstr(c.fragment));
    }
}

// ---- FromOwner ---------------------------------------------------------------

TEST_F(ImageTest, FromOwnerMovesAVectorInWithoutCopying)
{
    std::vector<uint8_t> pixels(64 * 48 * 2, 7);
    const uint8_t *const data = pixels.data();
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {64, 48}, std::move(pixels));
    ASSERT_TRUE(image.ok()) << image.status();
    EXPECT_TRUE(pixels.empty()); // NOLINT(bugprone-use-after-move): moved into the image
    EXPECT_EQ(image->bytes().data(), data) << "zero copy";
    EXPECT_EQ(image->size(), 64u * 48u * 2u);
    EXPECT_EQ(image->bytes()[100], 7);
}

TEST_F(ImageTest, FailedFromOwnerLeavesTheOwnerWithTheCallerIntact)
{
    std::vector<uint8_t> pixels(640 * 480 * 4);
    for (size_t i = 0; i < pixels.size(); i++)
        pixels[i] = static_cast<uint8_t>(i * 31);
    const std::vector<uint8_t> before = pixels;
    const uint8_t *const data = pixels.data();

    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_BGRA32, {640, 480, 100}, std::move(pixels));
    ASSERT_FALSE(image.ok());
    EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(image.status().message(),
              "Image::FromOwner: BGRA32 image 640 pixels wide: stride 100 is below the minimum 2560");
    // Same allocation, same bytes: the caller can retry with it.
    EXPECT_EQ(pixels.data(), data); // NOLINT(bugprone-use-after-move): not consumed on failure
    EXPECT_EQ(pixels, before);

    absl::StatusOr<Image> retry = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_BGRA32, {640, 480}, std::move(pixels));
    ASSERT_TRUE(retry.ok()) << retry.status();
    EXPECT_EQ(retry->bytes().data(), data);
}

TEST_F(ImageTest, FailedFromOwnerNeverDestroysTheOwner)
{
    DestroyLog log;
    CountingOwner owner(100, &log, 0x5a);
    struct Case
    {
        k4a_image_format_t format;
        Geometry geometry;
        const char *fragment;
    };
    const Case cases[] = {
        {K4A_IMAGE_FORMAT_DEPTH16, {10, 10}, "DEPTH16 image 10x10 stride 20 needs 200 bytes, buffer_size is 100"},
        {K4A_IMAGE_FORMAT_COLOR_NV12, {3, 4}, "must be even"},
        {K4A_IMAGE_FORMAT_CUSTOM8, {4, 4, -1}, "negative stride"},
        {K4A_IMAGE_FORMAT_CUSTOM8, {INT32_MAX, 1}, "1..32768"},
        {static_cast<k4a_image_format_t>(12), {4, 4}, "not a k4a_image_format_t"},
    };
    for (const Case &c : cases)
    {
        SCOPED_TRACE(c.fragment);
        absl::StatusOr<Image> image = Image::FromOwner(c.format, c.geometry, std::move(owner));
        ASSERT_FALSE(image.ok());
        EXPECT_THAT(std::string(image.status().message()), HasSubstr(c.fragment));
        EXPECT_TRUE(owner.live()); // NOLINT(bugprone-use-after-move)
        EXPECT_EQ(owner.size(), 100u);
        EXPECT_EQ(owner.bytes(), std::vector<uint8_t>(100, 0x5a));
        EXPECT_EQ(log.destroyed.load(), 0);
    }
    {
        absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {10, 10}, std::move(owner));
        ASSERT_TRUE(image.ok()) << image.status();
        EXPECT_FALSE(owner.live()); // NOLINT(bugprone-use-after-move)
        EXPECT_EQ(log.destroyed.load(), 0) << "the image holds it";
    }
    EXPECT_EQ(log.destroyed.load(), 1);
}

TEST_F(ImageTest, AnEmptyOwnerIsRefused)
{
    std::vector<uint8_t> empty;
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_MJPG, {4, 4}, std::move(empty));
    ASSERT_FALSE(image.ok());
    EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument);
    const std::string message(image.status().message());
    EXPECT_TRUE(message.find("buffer is NULL") != std::string::npos ||
                message.find("buffer_size is 0") != std::string::npos)
        << message;
}

TEST_F(ImageTest, OwnerIsDestroyedOnceAfterTheLastReference)
{
    DestroyLog log;
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {8, 8}, CountingOwner(64, &log));
    ASSERT_TRUE(image.ok()) << image.status();
    Image first = *std::move(image);
    Image second = first.Clone();
    {
        Image third = second.Clone();
        EXPECT_EQ(third.get(), first.get());
    }
    EXPECT_EQ(log.destroyed.load(), 0);
    {
        Image gone = std::move(first);
    }
    EXPECT_EQ(log.destroyed.load(), 0);
    {
        Image gone = std::move(second);
    }
    EXPECT_EQ(log.destroyed.load(), 1);
}

TEST_F(ImageTest, OwnersThatRelocateTheirBytesOnMoveStillWork)
{
    // A short std::string keeps its bytes inside the object: they move with it.
    std::string small = "abcdefgh";
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {4, 2}, std::move(small));
    ASSERT_TRUE(image.ok()) << image.status();
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(image->bytes().data()), image->size()), "abcdefgh");

    std::array<uint8_t, 16> array{};
    array[15] = 42;
    absl::StatusOr<Image> from_array = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4}, std::move(array));
    ASSERT_TRUE(from_array.ok()) << from_array.status();
    EXPECT_EQ(from_array->bytes()[15], 42);

    // On failure they come back with their bytes.
    std::string tiny = "xyz";
    absl::StatusOr<Image> failed = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4}, std::move(tiny));
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(tiny, "xyz"); // NOLINT(bugprone-use-after-move)
}

TEST_F(ImageTest, TypedOwnerElementsCountInBytes)
{
    std::vector<uint16_t> depth(6 * 4);
    for (size_t i = 0; i < depth.size(); i++)
        depth[i] = static_cast<uint16_t>(1000 + i);
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {6, 4}, std::move(depth));
    ASSERT_TRUE(image.ok()) << image.status();
    EXPECT_EQ(image->size(), 6u * 4u * 2u);
    absl::StatusOr<PixelView<const uint16_t>> view = image->Pixels<uint16_t>();
    ASSERT_TRUE(view.ok()) << view.status();
    EXPECT_EQ(view->row(2)[5], 1000 + 2 * 6 + 5);
}

TEST_F(ImageTest, UniquePtrBytesWithTheirSize)
{
    std::unique_ptr<uint8_t[]> bytes(new uint8_t[32]());
    uint8_t *const raw = bytes.get();
    absl::StatusOr<Image> failed = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM16, {4, 4}, std::move(bytes), 32 - 1);
    ASSERT_FALSE(failed.ok());
    EXPECT_THAT(std::string(failed.status().message()), HasSubstr("needs 32 bytes, buffer_size is 31"));
    EXPECT_EQ(bytes.get(), raw) << "still the caller's"; // NOLINT(bugprone-use-after-move)

    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM16, {4, 4}, std::move(bytes), 32);
    ASSERT_TRUE(image.ok()) << image.status();
    EXPECT_EQ(bytes, nullptr); // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(image->bytes().data(), raw);
    // ASan checks that delete[] runs exactly once when `image` goes.

    std::unique_ptr<uint8_t[]> none;
    absl::StatusOr<Image> null_bytes = Image::FromOwner(K4A_IMAGE_FORMAT_CUSTOM16, {4, 4}, std::move(none), 32);
    ASSERT_FALSE(null_bytes.ok());
    EXPECT_THAT(std::string(null_bytes.status().message()), HasSubstr("buffer is NULL"));
}

TEST_F(ImageTest, APoolSlotGoesBackToItsPool)
{
    ok4a_pool_config_t config = {};
    config.name = "cxx-test";
    config.buffer_size = 64 * 64 * 2;
    config.max_buffers = 2;
    ok4a_pool_t *pool = ok4a_pool_create(&config);
    ASSERT_NE(pool, nullptr);
    ok4a_pool_stats_t stats;
    {
        absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_IR16, {64, 64}, PoolSlot(pool));
        ASSERT_TRUE(image.ok()) << image.status();
        ok4a_pool_get_stats(pool, &stats);
        EXPECT_EQ(stats.in_use, 1u);
        // Too big for the slot: the slot comes back to us, then to the pool.
        PoolSlot slot(pool);
        absl::StatusOr<Image> too_big = Image::FromOwner(K4A_IMAGE_FORMAT_IR16, {64, 65}, std::move(slot));
        EXPECT_FALSE(too_big.ok());
        EXPECT_NE(slot.data(), nullptr); // NOLINT(bugprone-use-after-move)
        ok4a_pool_get_stats(pool, &stats);
        EXPECT_EQ(stats.in_use, 2u);
    }
    ok4a_pool_get_stats(pool, &stats);
    EXPECT_EQ(stats.in_use, 0u);
    EXPECT_EQ(stats.bad_releases, 0u);
    ok4a_pool_destroy(pool);
}

// ---- The raw C-callback variant ---------------------------------------------

struct ReleaseRecord
{
    int calls = 0;
    void *buffer = nullptr;
    static void Callback(void *buffer, void *context)
    {
        auto *record = static_cast<ReleaseRecord *>(context);
        record->calls++;
        record->buffer = buffer;
    }
};

TEST_F(ImageTest, FromRawBufferKeepsTheCContract)
{
    std::vector<uint8_t> pixels(16 * 16);
    ReleaseRecord record;
    absl::StatusOr<Image> failed = Image::FromRawBuffer(K4A_IMAGE_FORMAT_CUSTOM8, {16, 17}, absl::MakeSpan(pixels),
                                                        &ReleaseRecord::Callback, &record);
    ASSERT_FALSE(failed.ok());
    EXPECT_THAT(std::string(failed.status().message()),
                HasSubstr("Image::FromRawBuffer: CUSTOM8 image 16x17 stride 16 needs 272 bytes, buffer_size is 256"));
    EXPECT_EQ(record.calls, 0) << "no callback on failure";
    {
        absl::StatusOr<Image> image = Image::FromRawBuffer(K4A_IMAGE_FORMAT_CUSTOM8, {16, 16}, absl::MakeSpan(pixels),
                                                           &ReleaseRecord::Callback, &record);
        ASSERT_TRUE(image.ok()) << image.status();
        Image clone = image->Clone();
        EXPECT_EQ(record.calls, 0);
    }
    EXPECT_EQ(record.calls, 1);
    EXPECT_EQ(record.buffer, pixels.data());
}

TEST_F(ImageTest, FromRawBufferRefusesANullCallback)
{
    std::vector<uint8_t> pixels(16);
    absl::StatusOr<Image> image =
        Image::FromRawBuffer(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4}, absl::MakeSpan(pixels), nullptr, nullptr);
    ASSERT_FALSE(image.ok());
    EXPECT_EQ(image.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(image.status().message()), HasSubstr("release_cb is NULL"));
}

// ---- Escape hatches ------------------------------------------------------------

TEST_F(ImageTest, GetReleaseAdoptRoundTrip)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4});
    ASSERT_TRUE(image.ok());
    k4a_image_t handle = image->get();
    EXPECT_EQ(k4a_image_get_width_pixels(handle), 4); // borrowed, still ours

    k4a_image_t raw = std::move(*image).release();
    EXPECT_EQ(raw, handle);
    // The C side now holds the only reference: a C reference makes two.
    k4a_image_reference(raw);
    absl::StatusOr<Image> adopted = Image::Adopt(raw);
    ASSERT_TRUE(adopted.ok());
    EXPECT_FALSE(adopted->IsUnique());
    k4a_image_release(raw);
    EXPECT_TRUE(adopted->IsUnique());
    // `image` was emptied by release(): destroying it releases nothing (TearDown checks the count).
}

TEST_F(ImageTest, AdoptRefusesNull)
{
    absl::StatusOr<Image> image = Image::Adopt(nullptr);
    ASSERT_FALSE(image.ok());
    EXPECT_EQ(image.status().message(), "Image::Adopt: handle is NULL");
}

TEST_F(ImageTest, MovedFromImagesCanBeAssignedAgain)
{
    absl::StatusOr<Image> a = Image::Create(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4});
    absl::StatusOr<Image> b = Image::Create(K4A_IMAGE_FORMAT_CUSTOM8, {8, 8});
    ASSERT_TRUE(a.ok() && b.ok());
    Image x = *std::move(a);
    Image y = std::move(x);
    x = std::move(*b); // NOLINT(bugprone-use-after-move): assigning is allowed
    EXPECT_EQ(x.width_pixels(), 8);
    EXPECT_EQ(y.width_pixels(), 4);
    Image &self = x;
    x = std::move(self); // self-move keeps the image
    EXPECT_EQ(x.width_pixels(), 8);
    y = std::move(x); // the old 4x4 image is released here
    EXPECT_EQ(y.width_pixels(), 8);
}

TEST(ImageDeathTest, UsingAMovedFromImageIsLoudInDebugBuilds)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_CUSTOM8, {4, 4});
    ASSERT_TRUE(image.ok());
    Image moved = *std::move(image);
    // NOLINTNEXTLINE(bugprone-use-after-move): the misuse under test
    EXPECT_DEBUG_DEATH((void)image->width_pixels(), "use of a moved-from openk4a::Image");
    EXPECT_EQ(moved.width_pixels(), 4);
}

// ---- Uniqueness: writable access only through the sole reference --------------

TEST_F(ImageTest, MutableAccessIsRefusedWhileACloneLives)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {4, 4});
    ASSERT_TRUE(image.ok());
    ASSERT_TRUE(image->MutableBytes().ok());
    {
        Image clone = image->Clone();
        EXPECT_FALSE(image->IsUnique());
        EXPECT_FALSE(clone.IsUnique());
        absl::StatusOr<absl::Span<uint8_t>> bytes = image->MutableBytes();
        ASSERT_FALSE(bytes.ok());
        EXPECT_EQ(bytes.status().code(), absl::StatusCode::kFailedPrecondition);
        EXPECT_THAT(std::string(bytes.status().message()), HasSubstr("Image::MutableBytes: the image is shared"));
        absl::StatusOr<PixelView<uint16_t>> pixels = clone.MutablePixels<uint16_t>();
        ASSERT_FALSE(pixels.ok());
        EXPECT_EQ(pixels.status().code(), absl::StatusCode::kFailedPrecondition);
        // Reading is always fine.
        EXPECT_TRUE(clone.Pixels<uint16_t>().ok());
    }
    EXPECT_TRUE(image->IsUnique());
    absl::StatusOr<PixelView<uint16_t>> pixels = image->MutablePixels<uint16_t>();
    ASSERT_TRUE(pixels.ok()) << pixels.status();
    pixels->row(3)[3] = 0xbeef;
    uint16_t last;
    std::memcpy(&last, image->bytes().data() + 3 * 8 + 3 * 2, 2);
    EXPECT_EQ(last, 0xbeef);
}

TEST_F(ImageTest, ACaptureHoldingTheImageMakesItShared)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_IR16, {4, 4});
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(image.ok() && capture.ok());
    capture->set_ir_image(image->Clone());
    EXPECT_FALSE(image->IsUnique());
    EXPECT_EQ(image->MutableBytes().status().code(), absl::StatusCode::kFailedPrecondition);
    capture->clear_image(Capture::Slot::kIr);
    EXPECT_TRUE(image->IsUnique());
    EXPECT_TRUE(image->MutableBytes().ok());
}

TEST_F(ImageTest, DeepCopyGivesAnUnsharedCopy)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_CUSTOM16, {5, 3, 12});
    ASSERT_TRUE(image.ok());
    absl::StatusOr<absl::Span<uint8_t>> bytes = image->MutableBytes();
    ASSERT_TRUE(bytes.ok());
    for (size_t i = 0; i < bytes->size(); i++)
        (*bytes)[i] = static_cast<uint8_t>(i);
    image->set_device_timestamp(std::chrono::microseconds(123));
    image->set_system_timestamp(std::chrono::nanoseconds(456));
    image->set_exposure(std::chrono::microseconds(789));
    image->set_white_balance(4500);
    image->set_iso_speed(800);
    Image shared = image->Clone();

    absl::StatusOr<Image> copy = shared.DeepCopy();
    ASSERT_TRUE(copy.ok()) << copy.status();
    EXPECT_TRUE(copy->IsUnique());
    EXPECT_NE(copy->bytes().data(), image->bytes().data());
    EXPECT_TRUE(std::equal(copy->bytes().begin(), copy->bytes().end(), image->bytes().begin(), image->bytes().end()));
    EXPECT_EQ(copy->format(), K4A_IMAGE_FORMAT_CUSTOM16);
    EXPECT_EQ(copy->stride_bytes(), 12);
    EXPECT_EQ(copy->device_timestamp(), std::chrono::microseconds(123));
    EXPECT_EQ(copy->system_timestamp(), std::chrono::nanoseconds(456));
    EXPECT_EQ(copy->exposure(), std::chrono::microseconds(789));
    EXPECT_EQ(copy->white_balance(), 4500u);
    EXPECT_EQ(copy->iso_speed(), 800u);
}

TEST_F(ImageTest, DeepCopyOfACompressedImage)
{
    std::vector<uint8_t> jpeg(1234, 0xff);
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_MJPG, {1280, 720}, std::move(jpeg));
    ASSERT_TRUE(image.ok());
    absl::StatusOr<Image> copy = image->DeepCopy();
    ASSERT_TRUE(copy.ok()) << copy.status();
    EXPECT_EQ(copy->size(), 1234u);
    EXPECT_EQ(copy->width_pixels(), 1280);
}

// ---- Typed views ---------------------------------------------------------------

TEST_F(ImageTest, TypedViewsAcceptOnlyTheirFormats)
{
    struct Case
    {
        k4a_image_format_t format;
        bool u16, bgra, u8;
    };
    const Case cases[] = {
        {K4A_IMAGE_FORMAT_DEPTH16, true, false, false},     {K4A_IMAGE_FORMAT_IR16, true, false, false},
        {K4A_IMAGE_FORMAT_CUSTOM16, true, false, false},    {K4A_IMAGE_FORMAT_COLOR_BGRA32, false, true, false},
        {K4A_IMAGE_FORMAT_CUSTOM8, false, false, true},     {K4A_IMAGE_FORMAT_COLOR_NV12, false, false, false},
        {K4A_IMAGE_FORMAT_COLOR_YUY2, false, false, false}, {K4A_IMAGE_FORMAT_COLOR_MJPG, false, false, false},
        {K4A_IMAGE_FORMAT_CUSTOM, false, false, false},
    };
    for (const Case &c : cases)
    {
        SCOPED_TRACE(openk4a_image_format_to_string(c.format));
        std::vector<uint8_t> pixels(4096);
        absl::StatusOr<Image> image = Image::FromOwner(c.format, {8, 8, 32}, std::move(pixels));
        ASSERT_TRUE(image.ok()) << image.status();
        EXPECT_EQ(image->Pixels<uint16_t>().ok(), c.u16);
        EXPECT_EQ(image->Pixels<Bgra>().ok(), c.bgra);
        EXPECT_EQ(image->Pixels<uint8_t>().ok(), c.u8);
        EXPECT_EQ(image->MutablePixels<uint16_t>().ok(), c.u16);
        EXPECT_EQ(image->MutablePixels<Bgra>().ok(), c.bgra);
        EXPECT_EQ(image->MutablePixels<uint8_t>().ok(), c.u8);
    }
}

TEST_F(ImageTest, AMismatchSaysWhatWasAskedAndWhatIsThere)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_COLOR_BGRA32, {4, 4});
    ASSERT_TRUE(image.ok());
    absl::StatusOr<PixelView<const uint16_t>> view = image->Pixels<uint16_t>();
    ASSERT_FALSE(view.ok());
    EXPECT_EQ(view.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(view.status().message(),
              "Image::Pixels<uint16_t>: image format is BGRA32; uint16_t pixels need DEPTH16, IR16 or CUSTOM16");
    absl::StatusOr<Image> depth = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {4, 4});
    ASSERT_TRUE(depth.ok());
    EXPECT_EQ(depth->MutablePixels<Bgra>().status().message(),
              "Image::MutablePixels<Bgra>: image format is DEPTH16; Bgra pixels need BGRA32");
}

TEST_F(ImageTest, RowsRespectTheStride)
{
    // 3 pixels wide, 10 bytes per row: 4 bytes of padding after each row.
    std::vector<uint8_t> bytes(10 * 4, 0xee);
    for (int y = 0; y < 4; y++)
    {
        for (int x = 0; x < 3; x++)
        {
            const uint16_t v = static_cast<uint16_t>(100 * y + x);
            std::memcpy(&bytes[y * 10 + x * 2], &v, 2);
        }
    }
    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {3, 4, 10}, std::move(bytes));
    ASSERT_TRUE(image.ok()) << image.status();
    absl::StatusOr<PixelView<const uint16_t>> view = image->Pixels<uint16_t>();
    ASSERT_TRUE(view.ok()) << view.status();
    EXPECT_EQ(view->width(), 3);
    EXPECT_EQ(view->height(), 4);
    EXPECT_EQ(view->stride_bytes(), 10);
    for (int y = 0; y < 4; y++)
    {
        ASSERT_EQ(view->row(y).size(), 3u);
        for (int x = 0; x < 3; x++)
            EXPECT_EQ(view->row(y)[x], 100 * y + x) << x << "," << y;
    }
    EXPECT_TRUE(view->row(-1).empty());
    EXPECT_TRUE(view->row(4).empty());
}

TEST_F(ImageTest, BgraPixelsAreInMemoryOrder)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_COLOR_BGRA32, {2, 2});
    ASSERT_TRUE(image.ok());
    absl::StatusOr<PixelView<Bgra>> pixels = image->MutablePixels<Bgra>();
    ASSERT_TRUE(pixels.ok());
    pixels->row(1)[1] = Bgra{1, 2, 3, 4};
    EXPECT_EQ(image->bytes()[12], 1);
    EXPECT_EQ(image->bytes()[15], 4);
    PixelView<const Bgra> read_only = *pixels;
    EXPECT_EQ(read_only.row(1)[1].r, 3);
}

TEST_F(ImageTest, MisalignedRowsAreRefusedNotReinterpreted)
{
    std::vector<uint8_t> bytes(7 * 4);
    absl::StatusOr<Image> odd_stride = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {3, 4, 7}, std::move(bytes));
    ASSERT_TRUE(odd_stride.ok()) << odd_stride.status();
    absl::StatusOr<PixelView<const uint16_t>> view = odd_stride->Pixels<uint16_t>();
    ASSERT_FALSE(view.ok());
    EXPECT_EQ(view.status().message(), "Image::Pixels<uint16_t>: stride 7 is not a multiple of 2 bytes");
    EXPECT_TRUE(odd_stride->bytes().size() == 28u); // bytes are always available

    alignas(8) static uint8_t storage[64];
    absl::StatusOr<Image> odd_start = Image::FromRawBuffer(
        K4A_IMAGE_FORMAT_IR16, {4, 4}, absl::MakeSpan(storage + 1, 40), [](void *, void *) {}, nullptr);
    ASSERT_TRUE(odd_start.ok()) << odd_start.status();
    view = odd_start->Pixels<uint16_t>();
    ASSERT_FALSE(view.ok());
    EXPECT_THAT(std::string(view.status().message()), HasSubstr("is not 2-byte aligned"));
}

// ---- Metadata ----------------------------------------------------------------

TEST_F(ImageTest, MetadataUsesChronoTypes)
{
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {4, 4});
    ASSERT_TRUE(image.ok());
    EXPECT_EQ(image->device_timestamp(), std::chrono::microseconds(0)); // unknown
    image->set_device_timestamp(std::chrono::milliseconds(1500));
    EXPECT_EQ(image->device_timestamp(), std::chrono::microseconds(1500000));
    EXPECT_EQ(k4a_image_get_device_timestamp_usec(image->get()), 1500000u);
    image->set_system_timestamp(std::chrono::seconds(2));
    EXPECT_EQ(k4a_image_get_system_timestamp_nsec(image->get()), 2000000000u);
    EXPECT_EQ(image->system_timestamp(), std::chrono::seconds(2));
    image->set_exposure(std::chrono::microseconds(33333));
    EXPECT_EQ(k4a_image_get_exposure_usec(image->get()), 33333u);
    EXPECT_EQ(image->exposure(), std::chrono::microseconds(33333));
    image->set_white_balance(5000);
    image->set_iso_speed(100);
    EXPECT_EQ(k4a_image_get_white_balance(image->get()), 5000u);
    EXPECT_EQ(image->iso_speed(), 100u);

    // Negative durations mean nothing to the unsigned C fields: stored as unknown.
    image->set_exposure(std::chrono::microseconds(-5));
    EXPECT_EQ(k4a_image_get_exposure_usec(image->get()), 0u);
    // Values C code set beyond the signed range saturate instead of wrapping.
    k4a_image_set_device_timestamp_usec(image->get(), UINT64_MAX);
    EXPECT_EQ(image->device_timestamp(), std::chrono::microseconds::max());
}

} // namespace
} // namespace openk4a
