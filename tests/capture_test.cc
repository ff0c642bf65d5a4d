// k4a_capture_*: image slots, reference counting, temperature, misuse (core/capture.c).
#include <k4a/k4a.h>
#include <openk4a/memory.h>

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "tests/log_capture.h"

namespace
{

using openk4a::testing::LogCapture;

struct Counted
{
    int calls = 0;
    static void Callback(void *, void *context)
    {
        static_cast<Counted *>(context)->calls++;
    }
};

class CaptureTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        openk4a_memory_stats_t stats;
        ASSERT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
        images_before_ = stats.images_live;
        captures_before_ = stats.captures_live;
    }
    void TearDown() override
    {
        openk4a_memory_stats_t stats;
        ASSERT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
        EXPECT_EQ(stats.images_live, images_before_) << "an image leaked";
        EXPECT_EQ(stats.captures_live, captures_before_) << "a capture leaked";
    }
    k4a_image_t MakeImage(Counted *counted)
    {
        buffers_.emplace_back(16);
        k4a_image_t image = nullptr;
        EXPECT_EQ(k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, buffers_.back().data(), 16,
                                               &Counted::Callback, counted, &image),
                  K4A_RESULT_SUCCEEDED);
        return image;
    }
    uint64_t images_before_ = 0, captures_before_ = 0;
    std::vector<std::vector<uint8_t>> buffers_;
};

TEST_F(CaptureTest, NewCaptureIsEmptyWithUnknownTemperature)
{
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    ASSERT_NE(capture, nullptr);
    EXPECT_EQ(k4a_capture_get_color_image(capture), nullptr);
    EXPECT_EQ(k4a_capture_get_depth_image(capture), nullptr);
    EXPECT_EQ(k4a_capture_get_ir_image(capture), nullptr);
    EXPECT_TRUE(std::isnan(k4a_capture_get_temperature_c(capture)));
    k4a_capture_set_temperature_c(capture, 31.5f);
    EXPECT_EQ(k4a_capture_get_temperature_c(capture), 31.5f);
    k4a_capture_release(capture);
    // A recycled capture starts empty again.
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    EXPECT_TRUE(std::isnan(k4a_capture_get_temperature_c(capture)));
    k4a_capture_release(capture);
}

TEST_F(CaptureTest, CreateRejectsNullOutput)
{
    LogCapture log;
    EXPECT_EQ(k4a_capture_create(nullptr), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"k4a_capture_create", "NULL"}));
}

TEST_F(CaptureTest, SlotsHoldTheirOwnReferences)
{
    using Getter = k4a_image_t (*)(k4a_capture_t);
    using Setter = void (*)(k4a_capture_t, k4a_image_t);
    const struct
    {
        const char *name;
        Getter get;
        Setter set;
    } slots[] = {{"color", k4a_capture_get_color_image, k4a_capture_set_color_image},
                 {"depth", k4a_capture_get_depth_image, k4a_capture_set_depth_image},
                 {"ir", k4a_capture_get_ir_image, k4a_capture_set_ir_image}};
    for (const auto &slot : slots)
    {
        SCOPED_TRACE(slot.name);
        Counted first, second;
        k4a_capture_t capture = nullptr;
        ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
        k4a_image_t a = MakeImage(&first);
        k4a_image_t b = MakeImage(&second);
        slot.set(capture, a);
        k4a_image_release(a); // the capture keeps it alive
        EXPECT_EQ(first.calls, 0);
        k4a_image_t got = slot.get(capture);
        EXPECT_EQ(got, a);
        k4a_image_release(got); // get added a reference
        EXPECT_EQ(first.calls, 0);
        // Replacing releases the old image's capture reference.
        slot.set(capture, b);
        EXPECT_EQ(first.calls, 1);
        // Setting the same image again keeps exactly one capture reference.
        slot.set(capture, b);
        k4a_image_release(b);
        EXPECT_EQ(second.calls, 0);
        // NULL clears.
        slot.set(capture, nullptr);
        EXPECT_EQ(second.calls, 1);
        EXPECT_EQ(slot.get(capture), nullptr);
        k4a_capture_release(capture);
    }
}

TEST_F(CaptureTest, LastCaptureReferenceReleasesItsImages)
{
    Counted color, depth, ir;
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    k4a_image_t images[3] = {MakeImage(&color), MakeImage(&depth), MakeImage(&ir)};
    k4a_capture_set_color_image(capture, images[0]);
    k4a_capture_set_depth_image(capture, images[1]);
    k4a_capture_set_ir_image(capture, images[2]);
    for (k4a_image_t image : images)
        k4a_image_release(image);
    k4a_capture_reference(capture);
    k4a_capture_release(capture);
    EXPECT_EQ(color.calls + depth.calls + ir.calls, 0);
    k4a_image_t depth_image = k4a_capture_get_depth_image(capture); // outlives the capture
    k4a_capture_release(capture);
    EXPECT_EQ(color.calls, 1);
    EXPECT_EQ(ir.calls, 1);
    EXPECT_EQ(depth.calls, 0);
    EXPECT_EQ(k4a_image_get_width_pixels(depth_image), 4);
    k4a_image_release(depth_image);
    EXPECT_EQ(depth.calls, 1);
}

TEST_F(CaptureTest, NullAndReleasedHandlesAreLoggedAndHarmless)
{
    LogCapture log;
    EXPECT_EQ(k4a_capture_get_color_image(nullptr), nullptr);
    EXPECT_EQ(k4a_capture_get_depth_image(nullptr), nullptr);
    EXPECT_EQ(k4a_capture_get_ir_image(nullptr), nullptr);
    EXPECT_TRUE(std::isnan(k4a_capture_get_temperature_c(nullptr)));
    k4a_capture_set_temperature_c(nullptr, 1.0f);
    k4a_capture_set_color_image(nullptr, nullptr);
    k4a_capture_reference(nullptr);
    for (const char *fn : {"k4a_capture_get_color_image", "k4a_capture_get_depth_image", "k4a_capture_get_ir_image",
                           "k4a_capture_get_temperature_c", "k4a_capture_set_temperature_c",
                           "k4a_capture_set_color_image", "k4a_capture_reference"})
    {
        EXPECT_TRUE(log.Contains({std::string(fn) + ":", "NULL"})) << fn;
    }
    size_t before = log.count();
    k4a_capture_release(nullptr);
    EXPECT_EQ(log.count(), before);

    Counted counted;
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    k4a_image_t image = MakeImage(&counted);
    k4a_capture_set_ir_image(capture, image);
    k4a_image_release(image);
    k4a_capture_release(capture);
    EXPECT_EQ(counted.calls, 1);
    log.Clear();
    EXPECT_EQ(k4a_capture_get_ir_image(capture), nullptr);
    k4a_capture_release(capture); // double release: logged, no second image release
    EXPECT_EQ(counted.calls, 1);
    EXPECT_TRUE(log.Contains({"k4a_capture_get_ir_image", "already released"}));
    EXPECT_TRUE(log.Contains({"k4a_capture_release", "already released"}));
}

// Issue 17 item 8, for captures: the next capture is made in the memory just
// released; the stale handle must not reach it.
TEST_F(CaptureTest, AStaleHandleIsRefusedOnceItsMemoryHoldsAnotherCapture)
{
    k4a_capture_t stale = nullptr;
    ASSERT_EQ(k4a_capture_create(&stale), K4A_RESULT_SUCCEEDED);
    k4a_capture_release(stale);
    LogCapture log;
    for (int round = 0; round < 63; round++)
    {
        Counted counted;
        k4a_capture_t fresh = nullptr;
        ASSERT_EQ(k4a_capture_create(&fresh), K4A_RESULT_SUCCEEDED);
        ASSERT_NE(fresh, stale) << "round " << round;
        k4a_image_t image = MakeImage(&counted);
        k4a_capture_set_depth_image(fresh, image);
        k4a_image_release(image);
        EXPECT_EQ(k4a_capture_get_depth_image(stale), nullptr) << "round " << round;
        k4a_capture_set_temperature_c(stale, 99.0f);
        k4a_capture_set_depth_image(stale, nullptr); // must not empty the new capture
        k4a_capture_release(stale);                  // must not release the new capture
        EXPECT_TRUE(std::isnan(k4a_capture_get_temperature_c(fresh)));
        k4a_image_t kept = k4a_capture_get_depth_image(fresh);
        EXPECT_NE(kept, nullptr) << "round " << round;
        k4a_image_release(kept);
        EXPECT_EQ(counted.calls, 0);
        k4a_capture_release(fresh);
        EXPECT_EQ(counted.calls, 1); // the capture's reference was its image's last
    }
    EXPECT_TRUE(log.Contains({"k4a_capture_get_depth_image", "stale handle"}));
    EXPECT_TRUE(log.Contains({"k4a_capture_release", "stale handle"}));
}

TEST_F(CaptureTest, SettingAReleasedImageKeepsTheCurrentOne)
{
    Counted kept, gone;
    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    k4a_image_t current = MakeImage(&kept);
    k4a_capture_set_color_image(capture, current);
    k4a_image_t stale = MakeImage(&gone);
    k4a_image_release(stale);
    LogCapture log;
    k4a_capture_set_color_image(capture, stale);
    EXPECT_TRUE(log.Contains({"k4a_capture_set_color_image", "already released"}));
    k4a_image_t got = k4a_capture_get_color_image(capture);
    EXPECT_EQ(got, current);
    k4a_image_release(got);
    k4a_image_release(current);
    k4a_capture_release(capture);
    EXPECT_EQ(kept.calls, 1);
    EXPECT_EQ(gone.calls, 1);
}

} // namespace
