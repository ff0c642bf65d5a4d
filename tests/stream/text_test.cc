#include "tools/stream/text.h"

#include <gtest/gtest.h>

#include <string>

namespace openk4a::stream
{
namespace
{

TEST(Printf, FormatsAndKeepsLongTextWhole)
{
    EXPECT_EQ(Printf("%s %dx%d at %u fps", "colour", 1280, 720, 30u), "colour 1280x720 at 30 fps");
    EXPECT_EQ(Printf("%s", ""), "");
    const std::string long_path(3000, 'p');
    const std::string text = Printf("  %-7s %s  NOT WRITTEN: %s", "depth", long_path.c_str(), "disk full");
    EXPECT_EQ(text, "  depth   " + long_path + "  NOT WRITTEN: disk full");
    const std::string edge(255, 'e'); // the in-place buffer's size, with its NUL
    EXPECT_EQ(Printf("%s", edge.c_str()), edge);
    EXPECT_EQ(Printf("%s!", edge.c_str()), edge + "!");
}

} // namespace
} // namespace openk4a::stream
