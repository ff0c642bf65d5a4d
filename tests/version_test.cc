#include "openk4a/version.h"

#include <string>

#include "gtest/gtest.h"

TEST(VersionTest, StringMatchesComponents)
{
    const std::string expected = std::to_string(OPENK4A_VERSION_MAJOR) + "." + std::to_string(OPENK4A_VERSION_MINOR) +
                                 "." + std::to_string(OPENK4A_VERSION_PATCH);
    EXPECT_EQ(expected, openk4a_version_string());
}
