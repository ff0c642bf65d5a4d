// k4a-play on a recording written here and on broken input: its summary,
// its PNG previews (sizes read back by ffprobe) and its exit status.
#include <unistd.h>

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "tests/record/external_tools.h"
#include "tests/record/recording_fixtures.h"

namespace
{

using namespace openk4a::testing;

std::string PlayPath()
{
    const char *dir = std::getenv("TEST_SRCDIR");
    const char *workspace = std::getenv("TEST_WORKSPACE");
    return std::string(dir != nullptr ? dir : ".") + "/" + (workspace != nullptr ? workspace : "openk4a") +
           "/tools/play/k4a-play";
}

TEST(K4aPlay, SummaryAndPreviews)
{
    const std::string path = TempPath(".mkv");
    RecordingSpec spec;
    spec.captures = 5;
    spec.imu_per_capture = 2;
    WrittenRecording written;
    std::string error;
    ASSERT_TRUE(WriteTestRecording(path, spec, &written, &error)) << error;
    const std::string out = TempPath("_previews");
    const auto run = RunCommand(Quote(PlayPath()) + " -o " + Quote(out) + " " + Quote(path) + " 2>&1");
    ASSERT_TRUE(run) << "k4a-play failed";
    EXPECT_NE(run->find("Captures 5\n"), std::string::npos) << *run;
    EXPECT_NE(run->find("IMU    10 samples"), std::string::npos) << *run;
    EXPECT_NE(run->find("K4A_DEPTH_MODE = NFOV_2X2BINNED"), std::string::npos) << *run;
    const char *files[] = {"color.png", "depth.png", "ir.png"};
    const char *sizes[] = {"1280,720", "320,288", "320,288"};
    for (int i = 0; i < 3; i++)
    {
        const auto probe =
            RunCommand("ffprobe -v error -show_entries stream=width,height -of csv=p=0 " + Quote(out + "/" + files[i]));
        ASSERT_TRUE(probe) << files[i];
        EXPECT_EQ(*probe, std::string(sizes[i]) + "\n") << files[i];
    }
}

TEST(K4aPlay, BrokenFileExitsOneAndSaysWhere)
{
    const std::string path = TempPath(".mkv");
    FILE *f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("\x1a\x45\xdf\xa3 not really", f);
    std::fclose(f);
    const std::string command = Quote(PlayPath()) + " --no-png " + Quote(path) + " 2>&1";
    EXPECT_FALSE(RunCommand(command)) << "exit status 0 on a broken file";
    FILE *pipe = popen(command.c_str(), "r");
    char buffer[4096] = {};
    const size_t n = std::fread(buffer, 1, sizeof buffer - 1, pipe);
    const int status = pclose(pipe);
    EXPECT_EQ(WEXITSTATUS(status), 1);
    EXPECT_NE(std::string(buffer, n).find("offset"), std::string::npos) << std::string(buffer, n);
    EXPECT_FALSE(RunCommand(Quote(PlayPath()) + " --bogus 2>/dev/null")) << "bad option";
}

} // namespace
