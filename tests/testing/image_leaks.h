// A gtest fixture that fails any test which leaves alive images it created:
// the library's live image count (openk4a/memory.h) must be back where it was
// when the test ends.
#ifndef OPENK4A_TESTS_TESTING_IMAGE_LEAKS_H_
#define OPENK4A_TESTS_TESTING_IMAGE_LEAKS_H_

#include <openk4a/memory.h>

#include <cstdint>

#include "gtest/gtest.h"

namespace openk4a::testing
{

class NoImageLeaks : public ::testing::Test
{
protected:
    static uint64_t LiveImages()
    {
        openk4a_memory_stats_t stats{};
        EXPECT_EQ(openk4a_get_memory_stats(&stats), K4A_RESULT_SUCCEEDED);
        return stats.images_live;
    }
    // Subclasses that override these call them too.
    void SetUp() override
    {
        live_before_ = LiveImages();
    }
    void TearDown() override
    {
        EXPECT_EQ(LiveImages(), live_before_) << "an image leaked";
    }

private:
    uint64_t live_before_ = 0;
};

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_TESTING_IMAGE_LEAKS_H_
