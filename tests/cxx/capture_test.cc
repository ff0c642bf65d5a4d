// openk4a::Capture: optional images per slot, setters that take the image,
// temperature as std::optional<float>, escape hatches.
#include "openk4a/cxx/capture.h"

#include <k4a/k4a.h>
#include <openk4a/memory.h>

#include <cmath>
#include <optional>
#include <type_traits>
#include <utility>

#include "gtest/gtest.h"
#include "tests/cxx/test_owners.h"

namespace openk4a
{
namespace
{

using ::openk4a::testing::CountingOwner;
using ::openk4a::testing::DestroyLog;

static_assert(!std::is_default_constructible_v<Capture>, "a Capture is never null");
static_assert(!std::is_copy_constructible_v<Capture> && !std::is_copy_assignable_v<Capture>);
static_assert(std::is_nothrow_move_constructible_v<Capture> && std::is_nothrow_move_assignable_v<Capture>);
static_assert(!std::is_constructible_v<Capture, k4a_capture_t>);
// Setters take the image by value: passing an lvalue Image does not compile.
static_assert(!std::is_invocable_v<decltype(&Capture::set_depth_image), Capture &, Image &>);
static_assert(std::is_invocable_v<decltype(&Capture::set_depth_image), Capture &, Image &&>);

class CaptureTest : public ::testing::Test
{
protected:
    void TearDown() override
    {
        openk4a_memory_stats_t stats;
        ASSERT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(stats.images_live, 0u);
        EXPECT_EQ(stats.captures_live, 0u);
    }

    static Image Counted(DestroyLog *log)
    {
        absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {4, 4}, CountingOwner(32, log));
        EXPECT_TRUE(image.ok()) << image.status();
        return *std::move(image);
    }
};

TEST_F(CaptureTest, ANewCaptureIsEmpty)
{
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok()) << capture.status();
    EXPECT_FALSE(capture->color_image().has_value());
    EXPECT_FALSE(capture->depth_image().has_value());
    EXPECT_FALSE(capture->ir_image().has_value());
    EXPECT_FALSE(capture->temperature_c().has_value());
}

TEST_F(CaptureTest, SettingHandsTheReferenceToTheCapture)
{
    DestroyLog log;
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok());
    Image depth = Counted(&log);
    const k4a_image_t handle = depth.get();
    capture->set_depth_image(std::move(depth));

    std::optional<Image> got = capture->depth_image();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->get(), handle);
    EXPECT_FALSE(got->IsUnique()) << "the capture still holds one";
    EXPECT_FALSE(capture->color_image().has_value());
    EXPECT_FALSE(capture->ir_image().has_value());
    got.reset();
    EXPECT_EQ(log.destroyed.load(), 0);
    capture = Capture::Create(); // the old capture goes, and its image with it
    EXPECT_EQ(log.destroyed.load(), 1);
}

TEST_F(CaptureTest, ACloneSetKeepsTheCallersReference)
{
    absl::StatusOr<Capture> capture = Capture::Create();
    absl::StatusOr<Image> color = Image::Create(K4A_IMAGE_FORMAT_COLOR_BGRA32, {4, 4});
    ASSERT_TRUE(capture.ok() && color.ok());
    capture->set_color_image(color->Clone());
    EXPECT_FALSE(color->IsUnique());
    capture->clear_image(Capture::Slot::kColor);
    EXPECT_TRUE(color->IsUnique());
    EXPECT_FALSE(capture->color_image().has_value());
}

TEST_F(CaptureTest, ReplacingAnImageReleasesTheOldOne)
{
    DestroyLog first, second;
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok());
    capture->set_image(Capture::Slot::kIr, Counted(&first));
    capture->set_image(Capture::Slot::kIr, Counted(&second));
    EXPECT_EQ(first.destroyed.load(), 1);
    EXPECT_EQ(second.destroyed.load(), 0);
    capture->clear_image(Capture::Slot::kIr);
    EXPECT_EQ(second.destroyed.load(), 1);
}

TEST_F(CaptureTest, SlotsAreIndependent)
{
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok());
    for (Capture::Slot slot : {Capture::Slot::kColor, Capture::Slot::kDepth, Capture::Slot::kIr})
    {
        absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_CUSTOM8, {static_cast<int>(slot) + 1, 1});
        ASSERT_TRUE(image.ok());
        capture->set_image(slot, *std::move(image));
    }
    EXPECT_EQ(capture->color_image()->width_pixels(), 1);
    EXPECT_EQ(capture->depth_image()->width_pixels(), 2);
    EXPECT_EQ(capture->ir_image()->width_pixels(), 3);
}

TEST_F(CaptureTest, TemperatureIsOptional)
{
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok());
    capture->set_temperature_c(31.5f);
    EXPECT_EQ(capture->temperature_c(), std::optional<float>(31.5f));
    EXPECT_EQ(k4a_capture_get_temperature_c(capture->get()), 31.5f);
    capture->set_temperature_c(std::nullopt);
    EXPECT_FALSE(capture->temperature_c().has_value());
    EXPECT_TRUE(std::isnan(k4a_capture_get_temperature_c(capture->get())));
    capture->set_temperature_c(NAN); // NaN is how C says "unknown"
    EXPECT_FALSE(capture->temperature_c().has_value());
}

TEST_F(CaptureTest, ClonesShareTheSlots)
{
    absl::StatusOr<Capture> capture = Capture::Create();
    absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {4, 4});
    ASSERT_TRUE(capture.ok() && image.ok());
    Capture clone = capture->Clone();
    EXPECT_EQ(clone.get(), capture->get());
    clone.set_depth_image(*std::move(image));
    EXPECT_TRUE(capture->depth_image().has_value());
}

TEST_F(CaptureTest, ReleaseAndAdopt)
{
    absl::StatusOr<Capture> capture = Capture::Create();
    ASSERT_TRUE(capture.ok());
    k4a_capture_t raw = std::move(*capture).release();
    ASSERT_NE(raw, nullptr);
    k4a_capture_set_temperature_c(raw, 20.0f);
    absl::StatusOr<Capture> adopted = Capture::Adopt(raw);
    ASSERT_TRUE(adopted.ok());
    EXPECT_EQ(adopted->temperature_c(), std::optional<float>(20.0f));

    absl::StatusOr<Capture> none = Capture::Adopt(nullptr);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().message(), "Capture::Adopt: handle is NULL");
}

TEST_F(CaptureTest, ImagesSetFromCAreSeenFromCxx)
{
    k4a_capture_t raw = nullptr;
    ASSERT_EQ(k4a_capture_create(&raw), K4A_RESULT_SUCCEEDED);
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_IR16, 8, 8, 0, &image), K4A_RESULT_SUCCEEDED);
    k4a_capture_set_ir_image(raw, image);
    k4a_image_release(image);
    absl::StatusOr<Capture> capture = Capture::Adopt(raw);
    ASSERT_TRUE(capture.ok());
    std::optional<Image> ir = capture->ir_image();
    ASSERT_TRUE(ir.has_value());
    EXPECT_EQ(ir->format(), K4A_IMAGE_FORMAT_IR16);
    EXPECT_TRUE(ir->Pixels<uint16_t>().ok());
}

} // namespace
} // namespace openk4a
