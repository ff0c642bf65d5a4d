// The openk4a/image.h extension the C++ layer is built on: the check
// functions agree with k4a_image_create*() on every geometry, and their
// reason is exactly what the creators log; openk4a_image_is_unique() follows
// every reference, including a capture's.
#include <k4a/k4a.h>
#include <openk4a/image.h>

#include <climits>
#include <cstring>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace
{

// The last message logged while in scope.
class LastLog
{
public:
    LastLog()
    {
        EXPECT_EQ(k4a_set_debug_message_handler(&Handler, this, K4A_LOG_LEVEL_ERROR), K4A_RESULT_SUCCEEDED);
    }
    ~LastLog()
    {
        k4a_set_debug_message_handler(nullptr, nullptr, K4A_LOG_LEVEL_OFF);
    }
    std::string message()
    {
        std::lock_guard<std::mutex> lock(mu_);
        return message_;
    }

private:
    static void Handler(void *context, k4a_log_level_t, const char *, const int, const char *message)
    {
        auto *self = static_cast<LastLog *>(context);
        std::lock_guard<std::mutex> lock(self->mu_);
        self->message_ = message;
    }
    std::mutex mu_;
    std::string message_;
};

struct Geometry
{
    int format, width, height, stride;
};

// Every rule, its boundaries, and hostile numbers.
std::vector<Geometry> Geometries()
{
    std::vector<Geometry> out;
    const int dims[] = {INT_MIN, -1, 0, 1, 2, 3, 64, 641, 32768, 32769, INT_MAX};
    const int strides[] = {INT_MIN, -1, 0, 1, 63, 127, 128, 129, 256, 1 << 20, INT_MAX};
    for (int format = 0; format <= 9; format++)
    {
        for (int w : dims)
        {
            for (int h : {1, 2, 3, 64, 32768, 32769, 0, -5})
            {
                for (int s : strides)
                    out.push_back({format, w, h, s});
            }
        }
    }
    return out;
}

void NoRelease(void *, void *) {}

TEST(ImageRules, CheckCreateAgreesWithCreateAndItsLog)
{
    int refused = 0;
    for (const Geometry &g : Geometries())
    {
        SCOPED_TRACE(testing::Message() << g.format << " " << g.width << "x" << g.height << " stride " << g.stride);
        const auto format = static_cast<k4a_image_format_t>(g.format);
        char reason[256] = "garbage";
        LastLog log;
        const k4a_result_t checked =
            openk4a_image_check_create(format, g.width, g.height, g.stride, reason, sizeof reason);
        ASSERT_EQ(log.message(), "") << "the check logs nothing";
        k4a_image_t image = nullptr;
        const k4a_result_t created = k4a_image_create(format, g.width, g.height, g.stride, &image);
        k4a_image_release(image);
        ASSERT_EQ(checked, created);
        if (checked == K4A_RESULT_SUCCEEDED)
        {
            EXPECT_STREQ(reason, "");
        }
        else
        {
            refused++;
            EXPECT_EQ(log.message(), std::string("k4a_image_create: ") + reason);
        }
    }
    EXPECT_GT(refused, 100);
}

TEST(ImageRules, CheckCreateFromBufferAgreesWithCreateFromBufferAndItsLog)
{
    static uint8_t buffer[1]; // never read: sizes are what matter
    int refused = 0, accepted = 0;
    for (const Geometry &g : Geometries())
    {
        for (size_t size : {size_t{0}, size_t{1}, size_t{4096}, size_t{1} << 40, SIZE_MAX})
        {
            for (uint8_t *data : {buffer, static_cast<uint8_t *>(nullptr)})
            {
                SCOPED_TRACE(testing::Message() << g.format << " " << g.width << "x" << g.height << " stride "
                                                << g.stride << " size " << size << (data ? "" : " NULL"));
                const auto format = static_cast<k4a_image_format_t>(g.format);
                char reason[256] = "garbage";
                LastLog log;
                const k4a_result_t checked = openk4a_image_check_create_from_buffer(format, g.width, g.height, g.stride,
                                                                                    data, size, reason, sizeof reason);
                ASSERT_EQ(log.message(), "") << "the check logs nothing";
                k4a_image_t image = nullptr;
                const k4a_result_t created = k4a_image_create_from_buffer(format, g.width, g.height, g.stride, data,
                                                                          size, &NoRelease, nullptr, &image);
                k4a_image_release(image);
                ASSERT_EQ(checked, created);
                if (checked == K4A_RESULT_SUCCEEDED)
                {
                    accepted++;
                    EXPECT_STREQ(reason, "");
                }
                else
                {
                    refused++;
                    EXPECT_EQ(log.message(), std::string("k4a_image_create_from_buffer: ") + reason);
                }
            }
        }
    }
    EXPECT_GT(refused, 100);
    EXPECT_GT(accepted, 100);
}

TEST(ImageRules, ReasonIsTruncatedSafely)
{
    char reason[8];
    std::memset(reason, 'x', sizeof reason);
    EXPECT_EQ(openk4a_image_check_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 640, 480, 100, reason, sizeof reason),
              K4A_RESULT_FAILED);
    EXPECT_STREQ(reason, "BGRA32 ");
    EXPECT_EQ(openk4a_image_check_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 640, 480, 100, nullptr, 0), K4A_RESULT_FAILED);
    EXPECT_EQ(openk4a_image_check_create_from_buffer(K4A_IMAGE_FORMAT_CUSTOM8, 4, 4, 0, nullptr, 16, nullptr, 0),
              K4A_RESULT_FAILED);
    char full[256];
    EXPECT_EQ(openk4a_image_check_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 640, 480, 100, full, sizeof full),
              K4A_RESULT_FAILED);
    EXPECT_STREQ(full, "BGRA32 image 640 pixels wide: stride 100 is below the minimum 2560");
}

TEST(ImageRules, IsUniqueCountsEveryReference)
{
    k4a_image_t image = nullptr;
    ASSERT_EQ(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 4, 4, 0, &image), K4A_RESULT_SUCCEEDED);
    EXPECT_TRUE(openk4a_image_is_unique(image));
    k4a_image_reference(image);
    EXPECT_FALSE(openk4a_image_is_unique(image));
    k4a_image_release(image);
    EXPECT_TRUE(openk4a_image_is_unique(image));

    k4a_capture_t capture = nullptr;
    ASSERT_EQ(k4a_capture_create(&capture), K4A_RESULT_SUCCEEDED);
    k4a_capture_set_depth_image(capture, image);
    EXPECT_FALSE(openk4a_image_is_unique(image));
    k4a_capture_release(capture);
    EXPECT_TRUE(openk4a_image_is_unique(image));
    k4a_image_release(image);

    LastLog log;
    EXPECT_FALSE(openk4a_image_is_unique(nullptr));
    EXPECT_EQ(log.message(), "openk4a_image_is_unique: image handle is NULL");
}

} // namespace
