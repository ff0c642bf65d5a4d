// The command line of k4a-stream / k4a-enum and the --emulate-fault syntax.
#include "tools/stream/options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tools/stream/fault_spec.h"

namespace openk4a::stream
{
namespace
{

bool Parse(std::vector<std::string> args, Options *options, std::string *error, Program program = Program::kStream)
{
    args.insert(args.begin(), "k4a-stream");
    std::vector<char *> argv;
    for (std::string &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return ParseOptions(program, static_cast<int>(args.size()), argv.data(), options, error);
}

TEST(Options, DefaultsStreamNinetyCapturesOfTheStreamingExampleKind)
{
    Options o;
    std::string error;
    ASSERT_TRUE(Parse({}, &o, &error)) << error;
    EXPECT_EQ(o.captures, kDefaultCaptures);
    EXPECT_EQ(o.duration_s, 0);
    EXPECT_EQ(o.color_resolution, K4A_COLOR_RESOLUTION_720P);
    EXPECT_EQ(o.color_format, K4A_IMAGE_FORMAT_COLOR_MJPG);
    EXPECT_EQ(o.depth_mode, K4A_DEPTH_MODE_NFOV_UNBINNED);
    EXPECT_FALSE(o.depth_given);
    EXPECT_EQ(o.fps, K4A_FRAMES_PER_SECOND_30);
    EXPECT_EQ(o.imu, ImuChoice::kAuto);
    EXPECT_EQ(o.progress, Progress::kAuto);
    EXPECT_FALSE(o.emulate);
    EXPECT_FALSE(o.emulate_frames.has_value());
    const k4a_device_configuration_t c = DeviceConfiguration(o);
    EXPECT_EQ(c.camera_fps, K4A_FRAMES_PER_SECOND_30);
    EXPECT_EQ(c.wired_sync_mode, K4A_WIRED_SYNC_MODE_STANDALONE);
}

TEST(Options, NamesAreForgiving)
{
    Options o;
    std::string error;
    ASSERT_TRUE(Parse({"-c", "2160P", "-f", "MJPEG", "--depth=WFOV-2x2binned", "-r", "15"}, &o, &error)) << error;
    EXPECT_EQ(o.color_resolution, K4A_COLOR_RESOLUTION_2160P);
    EXPECT_EQ(o.color_format, K4A_IMAGE_FORMAT_COLOR_MJPG);
    EXPECT_EQ(o.depth_mode, K4A_DEPTH_MODE_WFOV_2X2BINNED);
    EXPECT_TRUE(o.depth_given);
    EXPECT_EQ(o.fps, K4A_FRAMES_PER_SECOND_15);
    ASSERT_TRUE(Parse(
        {"--color", "K4A_COLOR_RESOLUTION_1536P", "--format=bgra", "-m", "K4A_DEPTH_MODE_PASSIVE_IR", "--colour=720"},
        &o, &error))
        << error;
    EXPECT_EQ(o.color_resolution, K4A_COLOR_RESOLUTION_720P); // the last one wins
    EXPECT_EQ(o.color_format, K4A_IMAGE_FORMAT_COLOR_BGRA32);
    EXPECT_EQ(o.depth_mode, K4A_DEPTH_MODE_PASSIVE_IR);
}

TEST(Options, RunLengthAndOutput)
{
    Options o;
    std::string error;
    ASSERT_TRUE(Parse({"-t", "2.5s"}, &o, &error)) << error;
    EXPECT_EQ(o.captures, 0u); // the duration alone decides
    EXPECT_DOUBLE_EQ(o.duration_s, 2.5);
    ASSERT_TRUE(Parse({"-t", "500ms", "-n", "7"}, &o, &error)) << error;
    EXPECT_DOUBLE_EQ(o.duration_s, 0.5);
    EXPECT_EQ(o.captures, 7u);
    ASSERT_TRUE(Parse({"--duration=2m"}, &o, &error)) << error;
    EXPECT_DOUBLE_EQ(o.duration_s, 120);
    ASSERT_TRUE(Parse({"-n", "0"}, &o, &error)) << error;
    EXPECT_EQ(o.captures, 0u); // until Ctrl-C
    ASSERT_TRUE(Parse({"-o", "shots", "--no-png", "--line-rate=0", "-vv"}, &o, &error)) << error;
    EXPECT_EQ(o.output_dir, "shots");
    EXPECT_FALSE(o.png);
    EXPECT_EQ(o.progress, Progress::kLines);
    EXPECT_EQ(o.line_rate, 0);
    EXPECT_EQ(o.verbose, 2);
    ASSERT_TRUE(Parse({"--json"}, &o, &error)) << error;
    EXPECT_EQ(o.progress, Progress::kNone);
    ASSERT_TRUE(Parse({"-q"}, &o, &error)) << error;
    EXPECT_EQ(o.progress, Progress::kNone);
}

TEST(Options, EmulatorOptionsImplyTheEmulator)
{
    Options o;
    std::string error;
    ASSERT_TRUE(Parse({"--emulate-fault=unplug@30", "--emulate-fault=err-bit:depth@5x2"}, &o, &error)) << error;
    EXPECT_TRUE(o.emulate);
    ASSERT_EQ(o.faults.size(), 2u);
    EXPECT_EQ(o.faults[0].kind, emulator::FaultKind::kUnplug);
    EXPECT_EQ(o.faults[1].stream, emulator::kDepthStream);
    ASSERT_TRUE(Parse({"--emulate-frames="}, &o, &error)) << error;
    EXPECT_FALSE(o.emulate); // frames alone do not force the emulator
    ASSERT_TRUE(o.emulate_frames.has_value());
    EXPECT_EQ(*o.emulate_frames, "");
}

TEST(Options, BadInputIsRefusedWithAReason)
{
    struct Case
    {
        std::vector<std::string> args;
        const char *message;
    } cases[] = {
        {{"--frobnicate"}, "unknown option '--frobnicate'"},
        {{"-x"}, "unknown option '-x'"},
        {{"--quiet=yes"}, "option '--quiet' takes no value"},
        {{"-c"}, "option '-c' needs a value"},
        {{"-c", "4k"}, "-c/--color: unknown colour resolution '4k'"},
        {{"-f", "h264"}, "unknown colour format 'h264'"},
        {{"-m", "far"}, "unknown depth mode 'far'"},
        {{"-r", "25"}, "25 fps is not a k4a frame rate"},
        {{"-r", "thirty"}, "'thirty' is not a whole number"},
        {{"-d", "64"}, "'64' is not a whole number from 0 to 63"},
        {{"-n", "1e3"}, "'1e3' is not a whole number"},
        {{"-t", "0"}, "is not a duration"},
        {{"-t", "5 years"}, "is not a duration"},
        {{"--timeout=5"}, "from 100 to"},
        {{"--line-rate=-1"}, "is not a rate"},
        {{"--decode=slow"}, "is not a decode mode"},
        {{"--quiet", "--status"}, "--quiet does not go with"},
        {{"--json", "--line-rate=3"}, "--json prints one JSON document"},
        {{"-c", "off", "-m", "off", "--imu"}, "--imu needs a camera running"},
        {{"-o", ""}, "needs a folder"},
        {{"--emulate-serial="}, "a serial number of 1 to 64 characters"},
        {{"stray"}, "unexpected argument 'stray'"},
    };
    for (const Case &c : cases)
    {
        Options o;
        std::string error;
        EXPECT_FALSE(Parse(c.args, &o, &error)) << c.message;
        EXPECT_NE(error.find(c.message), std::string::npos) << "wanted: " << c.message << "\ngot: " << error;
    }
}

TEST(Options, EnumTakesOnlyListingOptions)
{
    Options o;
    std::string error;
    ASSERT_TRUE(Parse({"--json", "--uvc", "-d", "1", "--emulate"}, &o, &error, Program::kEnum)) << error;
    EXPECT_TRUE(o.list);
    EXPECT_TRUE(o.json);
    EXPECT_TRUE(o.device_given);
    EXPECT_FALSE(Parse({"-c", "720p"}, &o, &error, Program::kEnum));
    EXPECT_NE(error.find("k4a-enum does not take -c/--color"), std::string::npos) << error;
    EXPECT_NE(HelpText(Program::kEnum).find("Usage: k4a-enum"), std::string::npos);
}

TEST(Options, HelpHasExamplesForEveryMainOption)
{
    const std::string help = HelpText(Program::kStream);
    for (const char *option :
         {"--device", "--list", "--color", "--format", "--depth", "--fps", "--synchronized", "--captures", "--duration",
          "--imu", "--no-imu", "--output", "--quiet", "--json", "--emulate-fault", "Examples:", "Exit status:"})
    {
        EXPECT_NE(help.find(option), std::string::npos) << option;
    }
    for (const char *kind : {"err-bit", "bad-header-length", "corrupt-jpeg", "unplug", "transfer-error"})
    {
        EXPECT_NE(help.find(kind), std::string::npos) << kind;
    }
    size_t longest = 0;
    for (size_t start = 0, end; start < help.size(); start = end + 1)
    {
        end = help.find('\n', start);
        if (end == std::string::npos)
            end = help.size();
        longest = std::max(longest, end - start);
    }
    EXPECT_LE(longest, 100u); // fits a terminal
}

TEST(Options, ModeTables)
{
    EXPECT_STREQ(ColorResolutionName(K4A_COLOR_RESOLUTION_3072P), "3072p");
    EXPECT_STREQ(DepthModeName(K4A_DEPTH_MODE_NFOV_2X2BINNED), "nfov_2x2binned");
    EXPECT_STREQ(ColorFormatName(K4A_IMAGE_FORMAT_COLOR_YUY2), "yuy2");
    EXPECT_STREQ(ImageFormatLabel(K4A_IMAGE_FORMAT_DEPTH16), "Depth16");
    EXPECT_EQ(ColorSize(K4A_COLOR_RESOLUTION_1536P).width, 2048);
    EXPECT_EQ(DepthSize(K4A_DEPTH_MODE_WFOV_2X2BINNED).height, 512);
    EXPECT_EQ(ColorSize(K4A_COLOR_RESOLUTION_OFF).width, 0);
    EXPECT_EQ(DepthSize(static_cast<k4a_depth_mode_t>(6)).height, 0);
    EXPECT_STREQ(ColorResolutionName(static_cast<k4a_color_resolution_t>(7)), "?");

    // Every mode the library names, in enum order; --help lists each.
    std::string names;
    for (k4a_color_resolution_t r : ColorResolutions())
        names += std::string(ColorResolutionName(r)) + " ";
    EXPECT_EQ(names, "off 720p 1080p 1440p 1536p 2160p 3072p ");
    names.clear();
    for (k4a_depth_mode_t m : DepthModes())
        names += std::string(DepthModeName(m)) + " ";
    EXPECT_EQ(names, "off nfov_2x2binned nfov_unbinned wfov_2x2binned wfov_unbinned passive_ir ");
    names.clear();
    for (k4a_image_format_t f : ColorFormats())
        names += std::string(ColorFormatName(f)) + " ";
    EXPECT_EQ(names, "mjpg bgra32 nv12 yuy2 ");
    EXPECT_EQ(FrameRates(),
              (std::vector<k4a_fps_t>{K4A_FRAMES_PER_SECOND_5, K4A_FRAMES_PER_SECOND_15, K4A_FRAMES_PER_SECOND_30}));
    const std::string help = HelpText(Program::kStream);
    for (k4a_color_resolution_t r : ColorResolutions())
        EXPECT_NE(help.find(ColorResolutionName(r)), std::string::npos);
    for (k4a_depth_mode_t m : DepthModes())
        EXPECT_NE(help.find(DepthModeName(m)), std::string::npos);
    for (k4a_image_format_t f : ColorFormats())
        EXPECT_NE(help.find(ColorFormatName(f)), std::string::npos);

    Options o;
    std::string error;
    ASSERT_TRUE(Parse({"-r", "5", "-c", "K4A_COLOR_RESOLUTION_3072P", "-m", "passive-ir"}, &o, &error)) << error;
    EXPECT_EQ(o.fps, K4A_FRAMES_PER_SECOND_5);
    EXPECT_EQ(o.color_resolution, K4A_COLOR_RESOLUTION_3072P);
    EXPECT_EQ(o.depth_mode, K4A_DEPTH_MODE_PASSIVE_IR);
}

TEST(FaultSpec, FullAndShortForms)
{
    FaultSpec s;
    std::string error;
    ASSERT_TRUE(ParseFaultSpec("unplugx3", &s, &error)) << error;
    EXPECT_EQ(s.count, 3);
    ASSERT_TRUE(ParseFaultSpec("pause:ir@20x2=3000", &s, &error)) << error;
    EXPECT_EQ(s.kind, emulator::FaultKind::kPause);
    EXPECT_EQ(s.stream, emulator::kIrStream);
    EXPECT_EQ(s.frame, 20u);
    EXPECT_EQ(s.count, 2);
    EXPECT_EQ(s.param, 3000);
    ASSERT_TRUE(ParseFaultSpec("stall", &s, &error)) << error;
    EXPECT_EQ(s.kind, emulator::FaultKind::kStall);
    EXPECT_FALSE(s.stream.has_value());
    EXPECT_EQ(s.frame, 0u);
    EXPECT_EQ(s.count, 1);
    const emulator::Fault f = ToFault(s, emulator::kDepthStream);
    EXPECT_EQ(f.stream, emulator::kDepthStream); // the default stream
    ASSERT_TRUE(ParseFaultSpec("truncated:colour=100", &s, &error)) << error;
    EXPECT_EQ(s.stream, emulator::kColorStream);
    EXPECT_EQ(s.param, 100);
    for (const char *kind : {"err-bit", "bad-header-length", "fid-toggle", "lost-eof", "truncated", "oversized",
                             "corrupt-jpeg", "slow", "burst", "pause", "stall", "unplug", "transfer-error"})
    {
        EXPECT_TRUE(ParseFaultSpec(std::string(kind) + "@1", &s, &error)) << kind << ": " << error;
    }
}

TEST(FaultSpec, Mistakes)
{
    FaultSpec s;
    std::string error;
    EXPECT_FALSE(ParseFaultSpec("", &s, &error));
    EXPECT_FALSE(ParseFaultSpec("explode@3", &s, &error));
    EXPECT_NE(error.find("unknown fault 'explode'"), std::string::npos) << error;
    EXPECT_FALSE(ParseFaultSpec("unplug@", &s, &error));
    EXPECT_NE(error.find("'@' needs a frame number"), std::string::npos) << error;
    EXPECT_FALSE(ParseFaultSpec("unplug@3x0", &s, &error));
    EXPECT_NE(error.find("'x' needs a frame count"), std::string::npos) << error;
    EXPECT_FALSE(ParseFaultSpec("unplug@3x2=", &s, &error));
    EXPECT_FALSE(ParseFaultSpec("unplug@3!", &s, &error));
    EXPECT_NE(error.find("unexpected '!'"), std::string::npos) << error;
    EXPECT_FALSE(ParseFaultSpec("unplug:audio", &s, &error));
    EXPECT_NE(error.find("unknown stream 'audio'"), std::string::npos) << error;
    EXPECT_FALSE(ParseFaultSpec("unplug@99999999999999999999", &s, &error));
}

} // namespace
} // namespace openk4a::stream
