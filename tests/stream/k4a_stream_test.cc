// k4a-stream and k4a-enum, run as programs against the built-in emulated
// device (the real libusb through umockdev): a normal run, each error path,
// an unplug mid-run, Ctrl-C and SIGTERM; their exit status, output and the
// PNG files they write (decoded with libpng and compared with what the
// emulated device sent).
#include <k4a/k4a.h>
#include <k4arecord/playback.h>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <turbojpeg.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/stream/png_reader.h"
#include "tests/stream/program_runner.h"
#include "tests/testing/testdata.h"
#include "tools/emulator/frame_source.h"

namespace openk4a
{
namespace
{

using testing::ProgramResult;

// Generous: sanitizer builds are several times slower; a hang still ends here.
constexpr double kTimeoutS = 120;

std::string StreamPath()
{
    return testing::RunfilePath("tools/stream/k4a-stream");
}
std::string EnumPath()
{
    return testing::RunfilePath("tools/stream/k4a-enum");
}

bool Exists(const std::string &path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0;
}

std::string Describe(const ProgramResult &r)
{
    return "exit " + std::to_string(r.exit_status) + (r.timed_out ? " TIMED OUT" : "") +
           (r.signal != 0 ? " signal " + std::to_string(r.signal) : "") + "\n--- stdout ---\n" + r.out +
           "--- stderr ---\n" + r.err;
}

// Runs k4a-stream on the emulated device with synthetic frames, pictures
// into a fresh folder (returned in *dir).
ProgramResult Stream(std::vector<std::string> args, std::string *dir = nullptr)
{
    const std::string out_dir = testing::FreshDir("pictures");
    if (dir != nullptr)
        *dir = out_dir;
    args.insert(args.begin(), {"--emulate", "--emulate-frames=", "--output=" + out_dir});
    return testing::RunProgram(StreamPath(), args, kTimeoutS);
}

size_t Count(const std::string &text, const std::string &what)
{
    size_t n = 0;
    for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
        n++;
    return n;
}

std::vector<std::string> CaptureLines(const std::string &out)
{
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < out.size())
    {
        size_t end = out.find('\n', start);
        if (end == std::string::npos)
            end = out.size();
        const std::string line = out.substr(start, end - start);
        if (line.rfind("Capture ", 0) == 0)
            lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// The number in "<label> ... <N>" of the summary table row for a stream.
long long SummaryFrames(const std::string &out, const std::string &row_label)
{
    std::smatch m;
    const std::regex row("\\n  " + row_label + " +\\S+ +\\S+ +([0-9]+) ");
    if (!std::regex_search(out, m, row))
        return -1;
    return std::stoll(m[1]);
}

// ---- the pictures against what the emulated device sent -----------------

std::vector<uint8_t> DecodeJpegRgb(const std::vector<uint8_t> &jpeg, int *width, int *height)
{
    tjhandle h = tjInitDecompress();
    int subsamp = 0, colorspace = 0;
    std::vector<uint8_t> rgb;
    if (tjDecompressHeader3(h, jpeg.data(), jpeg.size(), width, height, &subsamp, &colorspace) == 0)
    {
        rgb.resize(static_cast<size_t>(*width) * *height * 3);
        if (tjDecompress2(h, jpeg.data(), jpeg.size(), rgb.data(), *width, 0, *height, TJPF_RGB, 0) != 0)
            rgb.clear();
    }
    tjDestroy(h);
    return rgb;
}

double MeanAbsDiff(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b)
{
    if (a.size() != b.size() || a.empty())
        return 1e9;
    double sum = 0;
    for (size_t i = 0; i < a.size(); i++)
        sum += std::abs(int(a[i]) - int(b[i]));
    return sum / static_cast<double>(a.size());
}

// The colour picture is one of the scene's frames (it repeats every
// kSceneCycle frames): the mean difference to the closest one.
double ColorPictureDistance(const testing::Png &png, int width, int height)
{
    double best = 1e9;
    for (uint64_t seq = 0; seq < emulator::kSceneCycle; seq++)
    {
        int w = 0, h = 0;
        const std::vector<uint8_t> rgb = DecodeJpegRgb(emulator::EncodeSceneJpeg(width, height, seq), &w, &h);
        best = std::min(best, MeanAbsDiff(rgb, png.rgb));
    }
    return best;
}

std::vector<uint16_t> Samples(const emulator::FrameBytesPtr &bytes)
{
    std::vector<uint16_t> v(bytes->size() / 2);
    for (size_t i = 0; i < v.size(); i++)
        v[i] = uint16_t((*bytes)[2 * i] | (*bytes)[2 * i + 1] << 8);
    return v;
}

// Pixels where "no reading" (0) and "black" in the picture disagree, for the
// closest scene frame.
size_t DepthMaskMismatches(const testing::Png &png, const emulator::FrameSource &source)
{
    size_t best = SIZE_MAX;
    for (uint64_t seq = 0; seq < emulator::kSceneCycle; seq++)
    {
        const std::vector<uint16_t> depth =
            Samples(source.Get({emulator::PixelKind::kZ16, 16, uint16_t(png.width), uint16_t(png.height), seq}));
        size_t mismatches = 0;
        for (int y = 0; y < png.height; y++)
        {
            for (int x = 0; x < png.width; x++)
            {
                const uint8_t *p = png.At(x, y);
                const bool black = p[0] == 0 && p[1] == 0 && p[2] == 0;
                mismatches += black != (depth[size_t(y) * png.width + x] == 0);
            }
        }
        best = std::min(best, mismatches);
    }
    return best;
}

// The grey picture keeps the order of the IR values (a monotone ramp): pairs
// in the wrong order, for the closest scene frame.
size_t IrOrderViolations(const testing::Png &png, const emulator::FrameSource &source)
{
    size_t best = SIZE_MAX;
    for (uint64_t seq = 0; seq < emulator::kSceneCycle; seq++)
    {
        const std::vector<uint16_t> ir =
            Samples(source.Get({emulator::PixelKind::kY16, 16, uint16_t(png.width), uint16_t(png.height), seq}));
        size_t violations = 0;
        const size_t n = ir.size();
        for (size_t k = 0; k < 20000; k++)
        {
            const size_t a = (k * 7919u) % n, b = (k * 104729u + 17) % n;
            if (ir[a] < ir[b] && png.rgb[a * 3] > png.rgb[b * 3])
                violations++;
        }
        best = std::min(best, violations);
    }
    return best;
}

void ExpectPictures(const std::string &dir, int color_w, int color_h, int depth_w, int depth_h,
                    double color_tolerance = 2.0)
{
    emulator::FrameSource source("");
    std::string error;
    testing::Png color;
    ASSERT_TRUE(testing::ReadPng(dir + "/color.png", &color, &error)) << error;
    EXPECT_EQ(color.width, color_w);
    EXPECT_EQ(color.height, color_h);
    EXPECT_TRUE(color.colour);
    EXPECT_LT(ColorPictureDistance(color, color_w, color_h), color_tolerance);

    testing::Png depth;
    ASSERT_TRUE(testing::ReadPng(dir + "/depth.png", &depth, &error)) << error;
    EXPECT_EQ(depth.width, depth_w);
    EXPECT_EQ(depth.height, depth_h);
    EXPECT_TRUE(depth.colour); // colour-mapped
    EXPECT_EQ(DepthMaskMismatches(depth, source), 0u);
    std::set<uint32_t> colours;
    for (size_t i = 0; i < depth.rgb.size(); i += 3)
    {
        colours.insert(uint32_t(depth.rgb[i]) << 16 | depth.rgb[i + 1] << 8 | depth.rgb[i + 2]);
    }
    EXPECT_GT(colours.size(), 50u); // a ramp of colours, not a flat fill

    testing::Png ir;
    ASSERT_TRUE(testing::ReadPng(dir + "/ir.png", &ir, &error)) << error;
    EXPECT_EQ(ir.width, depth_w);
    EXPECT_EQ(ir.height, depth_h);
    EXPECT_FALSE(ir.colour); // grey
    EXPECT_EQ(IrOrderViolations(ir, source), 0u);
}

// ------------------------------------------------------------ normal runs --

TEST(K4aStream, NormalRunShowsEveryCaptureAndWritesThePictures)
{
    std::string dir;
    // Synchronized: on a busy machine a capture may otherwise come without
    // colour (its frame late), which this test does not want to allow for.
    const ProgramResult r = Stream({"-n", "20", "--line-rate=0", "--synchronized"}, &dir);
    ASSERT_FALSE(r.timed_out) << Describe(r);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("Streaming from device 0, serial 000000000001 (emulated): colour MJPG 1280x720, depth "
                         "nfov_unbinned 640x576 at 30 fps, synchronized only, IMU on; 20 captures"),
              std::string::npos)
        << r.out;
    const std::vector<std::string> lines = CaptureLines(r.out);
    ASSERT_EQ(lines.size(), 20u) << r.out;
    const std::regex line_re(
        "Capture +([0-9]+) \\| Color MJPG 1280x720 stride 0 ts ([0-9]+) us \\| Depth16 640x576 stride 1280 ts "
        "([0-9]+) us \\| Ir16 640x576 stride 1280 ts ([0-9]+) us \\| IMU ([0-9]+) samples");
    unsigned long long last_ts = 0, imu_in_lines = 0;
    for (size_t i = 0; i < lines.size(); i++)
    {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(lines[i], m, line_re)) << lines[i];
        EXPECT_EQ(std::stoull(m[1]), i + 1);
        imu_in_lines += std::stoull(m[5]);
        const unsigned long long ts = std::stoull(m[2]);
        EXPECT_EQ(m[3], m[2]); // depth, IR and colour of one capture share the device time
        EXPECT_EQ(m[4], m[2]);
        EXPECT_GT(ts, last_ts);
        last_ts = ts;
    }
    EXPECT_NE(r.out.find("Summary: 20 captures in "), std::string::npos);
    EXPECT_EQ(SummaryFrames(r.out, "colour"), 20);
    EXPECT_EQ(SummaryFrames(r.out, "depth"), 20);
    EXPECT_EQ(SummaryFrames(r.out, "IR"), 20);
    // The samples shown are the samples counted, and they flow. Not a rate: how many arrive during
    // 20 captures' wall time depends on the machine's load (under ASan on 2 busy cores the
    // emulator's IMU fell 0.5 s behind); device_test checks the rate in device time.
    EXPECT_GT(imu_in_lines, 0u);
    EXPECT_EQ(SummaryFrames(r.out, "IMU"), static_cast<long long>(imu_in_lines));
    EXPECT_NE(r.out.find("captures: 20 shown, 0 partial"), std::string::npos);
    EXPECT_TRUE(std::regex_search(r.out, std::regex("latency, frame complete -> capture in hand: mean [0-9.]+ ms, "
                                                    "p99 [0-9.]+ ms")))
        << r.out;
    std::smatch cpu;
    ASSERT_TRUE(std::regex_search(r.out, cpu,
                                  std::regex("CPU per capture: ([0-9.]+) ms openk4a \\+ k4a-stream, "
                                             "([0-9.]+) ms the emulated device")))
        << r.out;
    EXPECT_GT(std::stod(cpu[1]), 0) << r.out; // the driver's threads are ours,
    EXPECT_GT(std::stod(cpu[2]), 0) << r.out; // the emulator's are not

    EXPECT_NE(r.out.find("Pictures of the last capture in " + dir + ":"), std::string::npos);
    EXPECT_NE(r.out.find(dir + "/color.png  (1280x720"), std::string::npos);
    ExpectPictures(dir, 1280, 720, 640, 576);
}

TEST(K4aStream, WithoutADeviceItSaysSoInOneLineAndUsesTheEmulatedDevice)
{
    const std::string dir = testing::FreshDir("pictures");
    const ProgramResult r =
        testing::RunProgram(StreamPath(), {"-n", "5", "-s", "--emulate-frames=", "-o", dir}, kTimeoutS);
    ASSERT_FALSE(r.timed_out) << Describe(r);
    if (r.err.find("no Azure Kinect attached") == std::string::npos)
    {
        GTEST_SKIP() << "a real device is attached: " << Describe(r);
    }
    EXPECT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_EQ(Count(r.err, "\n"), 1u) << r.err; // one line
    EXPECT_NE(r.out.find("(emulated)"), std::string::npos);
    EXPECT_NE(r.out.find("Summary: 5 captures"), std::string::npos);
    EXPECT_TRUE(Exists(dir + "/color.png"));
}

TEST(K4aStream, Bgra32IsDecodedOnWorkerThreads)
{
    std::string dir;
    const ProgramResult r = Stream(
        {"-f", "bgra32", "-m", "nfov_2x2binned", "-r", "15", "-n", "15", "--line-rate=0", "--no-imu", "-s"}, &dir);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    const std::vector<std::string> lines = CaptureLines(r.out);
    ASSERT_EQ(lines.size(), 15u) << r.out;
    for (const std::string &line : lines)
    {
        EXPECT_NE(line.find("| Color BGRA32 1280x720 stride 5120 ts "), std::string::npos) << line;
        EXPECT_EQ(line.find("IMU"), std::string::npos) << line;
    }
    EXPECT_NE(r.out.find("colour BGRA32 1280x720 (fast decode), depth nfov_2x2binned"), std::string::npos) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("colour decode to BGRA32: [0-9]+ frames, mean [0-9.]+ ms")))
        << r.out;
    EXPECT_NE(r.out.find("(BGRA32 decode included)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("IMU off"), std::string::npos);
    // Fast decode (FASTDCT/FASTUPSAMPLE) differs slightly from the accurate reference.
    ExpectPictures(dir, 1280, 720, 320, 288, 4.0);
}

TEST(K4aStream, AccurateDecodeIsCloserToTheReference)
{
    std::string dir;
    const ProgramResult r =
        Stream({"-f", "bgra32", "--decode=accurate", "-m", "off", "-r", "15", "-n", "3", "-q"}, &dir);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_NE(r.out.find("colour BGRA32 1280x720 (accurate decode)"), std::string::npos) << r.out;
    std::string error;
    testing::Png color;
    ASSERT_TRUE(testing::ReadPng(dir + "/color.png", &color, &error)) << error;
    EXPECT_LT(ColorPictureDistance(color, 1280, 720), 1.0); // the accurate reference decode
}

TEST(K4aStream, Nv12AndYuy2)
{
    for (const char *format : {"nv12", "yuy2"})
    {
        std::string dir;
        const ProgramResult r = Stream({"-f", format, "-m", "off", "-r", "15", "-n", "5", "--line-rate=0"}, &dir);
        ASSERT_EQ(r.exit_status, 0) << Describe(r);
        const std::string expect = std::string(format) == "nv12" ? "| Color NV12 1280x720 stride 1280 ts" :
                                                                   "| Color YUY2 1280x720 stride 2560 ts";
        EXPECT_EQ(Count(r.out, expect), 5u) << r.out;
        EXPECT_EQ(Count(r.out, "| Depth16 None | Ir16 None"), 5u);
        std::string error;
        testing::Png color;
        ASSERT_TRUE(testing::ReadPng(dir + "/color.png", &color, &error)) << error;
        EXPECT_EQ(color.width, 1280);
        EXPECT_EQ(color.height, 720);
        EXPECT_FALSE(Exists(dir + "/depth.png"));
        EXPECT_FALSE(Exists(dir + "/ir.png"));
    }
}

TEST(K4aStream, PassiveIrOnly)
{
    std::string dir;
    const ProgramResult r = Stream({"-c", "off", "-m", "passive_ir", "-r", "15", "-n", "4", "--line-rate=0"}, &dir);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_EQ(Count(r.out, "| Color None | Depth16 None | Ir16 1024x1024 stride 2048 ts "), 4u) << r.out;
    EXPECT_FALSE(Exists(dir + "/color.png"));
    EXPECT_FALSE(Exists(dir + "/depth.png"));
    testing::Png ir;
    std::string error;
    ASSERT_TRUE(testing::ReadPng(dir + "/ir.png", &ir, &error)) << error;
    EXPECT_EQ(ir.width, 1024);
    EXPECT_FALSE(ir.colour);
}

TEST(K4aStream, SynchronizedCapturesHoldColourAndDepth)
{
    const ProgramResult r = Stream({"-s", "-n", "15", "--line-rate=0", "-m", "nfov_2x2binned", "-r", "15"});
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    const std::vector<std::string> lines = CaptureLines(r.out);
    ASSERT_EQ(lines.size(), 15u);
    for (const std::string &line : lines)
        EXPECT_EQ(line.find("None"), std::string::npos) << line;
    EXPECT_NE(r.out.find("synchronized only"), std::string::npos);
    EXPECT_NE(r.out.find("| Depth16 320x288 stride 640 ts"), std::string::npos);
}

TEST(K4aStream, DurationStopsTheRun)
{
    const ProgramResult r = Stream({"-t", "1s", "-r", "15", "-m", "nfov_2x2binned", "-s", "-q"});
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Summary: ([0-9]+) captures in ([0-9.]+) s"))) << r.out;
    EXPECT_GE(std::stoi(m[1]), 1);
    EXPECT_LE(std::stoi(m[1]), 17); // 15 fps
    EXPECT_GE(std::stod(m[2]), 0.99);
    EXPECT_LT(std::stod(m[2]), 2.0);
    EXPECT_EQ(CaptureLines(r.out).size(), 0u); // --quiet
}

// --record writes what was streamed; k4arecord playback reads the same captures back.
TEST(K4aStream, RecordWritesWhatWasStreamed)
{
    std::string dir;
    const std::string path = testing::FreshDir("recording") + "/out.mkv";
    const ProgramResult r = Stream({"-n", "20", "-m", "nfov_2x2binned", "-s", "--imu", "--record=" + path}, &dir);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Recorded ([0-9]+) captures and ([0-9]+) IMU samples to ")))
        << r.out;
    const int recorded = std::stoi(m[1]);
    const int imu = std::stoi(m[2]);
    EXPECT_EQ(recorded, 20);
    EXPECT_GT(imu, 0);
    EXPECT_TRUE(std::regex_search(r.out, std::regex("k4a_record_write_capture held the streaming thread: mean "
                                                    "[0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms")))
        << r.out;

    k4a_playback_t playback = nullptr;
    ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_SUCCEEDED);
    k4a_record_configuration_t config;
    ASSERT_EQ(k4a_playback_get_record_configuration(playback, &config), K4A_RESULT_SUCCEEDED);
    EXPECT_EQ(config.depth_mode, K4A_DEPTH_MODE_NFOV_2X2BINNED);
    EXPECT_EQ(config.color_resolution, K4A_COLOR_RESOLUTION_720P);
    EXPECT_TRUE(config.imu_track_enabled);
    int captures = 0;
    k4a_capture_t capture = nullptr;
    while (k4a_playback_get_next_capture(playback, &capture) == K4A_STREAM_RESULT_SUCCEEDED)
    {
        captures++;
        k4a_image_t color = k4a_capture_get_color_image(capture);
        k4a_image_t depth = k4a_capture_get_depth_image(capture);
        EXPECT_TRUE(color != nullptr && depth != nullptr) << "--synchronized captures hold both";
        k4a_image_release(color);
        k4a_image_release(depth);
        k4a_capture_release(capture);
    }
    EXPECT_EQ(captures, recorded);
    int samples = 0;
    k4a_imu_sample_t sample;
    while (k4a_playback_get_next_imu_sample(playback, &sample) == K4A_STREAM_RESULT_SUCCEEDED)
        samples++;
    EXPECT_EQ(samples, imu);
    k4a_playback_close(playback);
}

TEST(K4aStream, LineRateKeepsTheOutputReadable)
{
    const ProgramResult r = Stream({"-t", "2s", "--line-rate=2", "-m", "nfov_2x2binned", "-r", "15", "-s"});
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    // The first line, then at most one per 0.5 s however many captures come.
    const size_t lines = CaptureLines(r.out).size();
    EXPECT_GE(lines, 2u);
    EXPECT_LE(lines, 5u);
}

TEST(K4aStream, JsonSummaryForScripts)
{
    std::string dir;
    const ProgramResult r = Stream({"--json", "-n", "10", "-s"}, &dir);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_EQ(r.err, "");
    ASSERT_FALSE(r.out.empty());
    EXPECT_EQ(r.out.front(), '{');
    EXPECT_EQ(r.out.substr(r.out.size() - 2), "}\n");
    EXPECT_NE(r.out.find("\"outcome\": \"completed\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"captures\": 10,"), std::string::npos);
    EXPECT_NE(r.out.find("\"serial\": \"000000000001\""), std::string::npos);
    EXPECT_NE(r.out.find("\"color\": \"" + dir + "/color.png\""), std::string::npos);
    EXPECT_EQ(r.out.find("Capture "), std::string::npos);
    // A real JSON parser agrees, when there is one.
    if (system("python3 -c 'import json' > /dev/null 2>&1") == 0)
    {
        const std::string file = testing::FreshDir("json") + "/summary.json";
        FILE *f = fopen(file.c_str(), "w");
        ASSERT_NE(f, nullptr);
        fputs(r.out.c_str(), f);
        fclose(f);
        const std::string check = "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
                                  "sys.exit(0 if d[\"streams\"][\"color\"][\"frames\"]==10 else 1)' " +
                                  file;
        EXPECT_EQ(system(check.c_str()), 0) << r.out;
        // Every frame lost anywhere (in the device, the sync, the capture queue
        // at the stop) is in its stream's drops: what the program saw is what
        // the library counts delivered.
        const std::string accounted = "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
                                      "sys.exit(0 if all(s[\"frames\"]==s[\"frames_delivered\"] and "
                                      "s[\"frames_received\"]==s[\"frames_delivered\"]+sum(s[\"dropped\"].values()) "
                                      "for s in d[\"streams\"].values()) else 1)' " +
                                      file;
        EXPECT_EQ(system(accounted.c_str()), 0) << r.out;
    }
}

TEST(K4aStream, RealFramesWhenTheSharedTestDataIsThere)
{
    auto jpeg = testing::ReadTestdata("mjpeg/azure_kinect_720p_422.jpg");
    auto depth_file = testing::ReadTestdata("frames/azure_kinect_nfov_640x576.depth16le");
    if (!jpeg || !depth_file)
        GTEST_SKIP() << "shared testdata absent";
    const std::string readme = *testing::TestdataPath("README.md");
    const std::string testdata = readme.substr(0, readme.size() - strlen("/README.md"));
    const std::string dir = testing::FreshDir("pictures");
    const ProgramResult r = testing::RunProgram(
        StreamPath(), {"--emulate", "--emulate-frames=" + testdata, "-o", dir, "-n", "5", "-s", "-q"}, kTimeoutS);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    std::string error;
    testing::Png color, depth;
    ASSERT_TRUE(testing::ReadPng(dir + "/color.png", &color, &error)) << error;
    int w = 0, h = 0;
    EXPECT_LT(MeanAbsDiff(DecodeJpegRgb(*jpeg, &w, &h), color.rgb), 2.0); // the real Azure Kinect frame
    ASSERT_TRUE(testing::ReadPng(dir + "/depth.png", &depth, &error)) << error;
    size_t mismatches = 0;
    for (size_t i = 0; i < depth_file->size() / 2; i++)
    {
        const bool zero = ((*depth_file)[2 * i] | (*depth_file)[2 * i + 1]) == 0;
        const bool black = depth.rgb[3 * i] == 0 && depth.rgb[3 * i + 1] == 0 && depth.rgb[3 * i + 2] == 0;
        mismatches += zero != black;
    }
    EXPECT_EQ(mismatches, 0u);
}

// ------------------------------------------------------------ bad input --

TEST(K4aStream, HelpAndVersion)
{
    ProgramResult r = testing::RunProgram(StreamPath(), {"--help"}, kTimeoutS);
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_NE(r.out.find("Usage: k4a-stream [options]"), std::string::npos);
    EXPECT_NE(r.out.find("Examples:"), std::string::npos);
    EXPECT_NE(r.out.find("--emulate-fault=SPEC"), std::string::npos);
    EXPECT_NE(r.out.find("Exit status:"), std::string::npos);
    EXPECT_EQ(r.err, "");
    r = testing::RunProgram(StreamPath(), {"--version"}, kTimeoutS);
    EXPECT_EQ(r.exit_status, 0);
    EXPECT_EQ(r.out.rfind("k4a-stream (openk4a ", 0), 0u) << r.out;
}

TEST(K4aStream, BadCommandLinesSayWhatIsWrong)
{
    struct Case
    {
        std::vector<std::string> args;
        const char *message;
    } cases[] = {
        {{"--bogus"}, "unknown option '--bogus'"},
        {{"-z"}, "unknown option '-z'"},
        {{"--list=3"}, "option '--list' takes no value"},
        {{"-c", "999p"}, "unknown colour resolution '999p' (one of: off, 720p, 1080p"},
        {{"--format", "rgb"}, "unknown colour format 'rgb' (one of: mjpg, bgra32, nv12, yuy2)"},
        {{"--depth=nfov"}, "unknown depth mode 'nfov'"},
        {{"--fps=60"}, "60 fps is not a k4a frame rate (5, 15 or 30)"},
        {{"-n", "-1"}, "'-1' is not a whole number"},
        {{"--duration=soon"}, "is not a duration"},
        {{"--json", "--lines"}, "--json prints one JSON document"},
        {{"--emulate-fault=explode@3"}, "unknown fault 'explode'"},
        {{"--emulate-fault=stall:left"}, "unknown stream 'left'"},
        {{"extra"}, "unexpected argument 'extra'"},
        {{"--captures"}, "option '--captures' needs a value"},
        {{"--emulate-frames=/nonexistent/folder"}, "is not a folder"},
    };
    for (const Case &c : cases)
    {
        const ProgramResult r = testing::RunProgram(StreamPath(), c.args, kTimeoutS);
        EXPECT_EQ(r.exit_status, 2) << Describe(r);
        EXPECT_NE(r.err.find(c.message), std::string::npos) << c.message << "\n" << Describe(r);
        EXPECT_EQ(r.out, "");
    }
}

TEST(K4aStream, UnsupportedModesNameThePartAndWhatTheDeviceOffers)
{
    ProgramResult r = Stream({"-c", "1080p", "-f", "nv12"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("unsupported configuration: colour format NV12 exists only at 720P, not at 1080P"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("offers colour NV12 at: 720p at 5/15/30 fps"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("Summary"), std::string::npos);

    r = Stream({"-m", "wfov_unbinned", "-r", "30"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("depth mode WFOV_UNBINNED runs at 15 fps at most"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("offers depth modes: nfov_2x2binned, nfov_unbinned, wfov_2x2binned, passive_ir at "
                         "5/15/30 fps; wfov_unbinned at 5/15 fps"),
              std::string::npos)
        << r.err;

    r = Stream({"-c", "3072p", "-m", "off"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("3072P runs at 15 fps at most"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("3072p at 5/15 fps"), std::string::npos) << r.err;

    r = Stream({"-s", "-m", "off"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("synchronized_images_only needs both colour and depth"), std::string::npos) << r.err;

    r = Stream({"-c", "off", "-m", "off"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("neither colour nor depth"), std::string::npos) << r.err;
}

TEST(K4aStream, AWebcamDescriptorDecidesWhatIsOffered)
{
    auto cfg = testing::TestdataPath("uvc/logitech_c310.cfg.bin");
    if (!cfg)
        GTEST_SKIP() << "shared testdata absent: uvc/logitech_c310.cfg.bin";
    // Depth not asked for: off on a camera without it.
    ProgramResult r = Stream({"--emulate-descriptor=" + *cfg, "-r", "15", "-n", "3", "--line-rate=0"});
    EXPECT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_EQ(Count(r.out, "| Color MJPG 1280x720 stride 0 ts"), 3u) << r.out;
    EXPECT_NE(r.out.find("IMU off"), std::string::npos);
    // Asked for: refused, with the reason.
    r = Stream({"--emulate-descriptor=" + *cfg, "-m", "nfov_unbinned"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("depth_mode must be OFF on a generic UVC camera"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("offers depth modes: none"), std::string::npos) << r.err;
    // A size the camera does not have.
    r = Stream({"--emulate-descriptor=" + *cfg, "-c", "2160p"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("colour 3840x2160 MJPEG: the device has no frame of that size"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("offers colour MJPG at: 720p"), std::string::npos) << r.err;
    // No IMU on a webcam.
    r = Stream({"--emulate-descriptor=" + *cfg, "--imu"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("--imu: cannot start the IMU: "), std::string::npos) << r.err;
    // A fault for a stream it does not have.
    r = Stream({"--emulate-descriptor=" + *cfg, "--emulate-fault=stall:depth@1"});
    EXPECT_EQ(r.exit_status, 1) << Describe(r);
    EXPECT_NE(r.err.find("the emulated device has 1 stream; there is no stream 1"), std::string::npos) << r.err;
}

TEST(K4aStream, ReplaysARecordingInItsOwnModesOnly)
{
    auto recording = testing::TestdataPath("recordings/azure_kinect_pyk4a_1capture.mkv");
    if (!recording)
        GTEST_SKIP() << "shared testdata absent: recordings/azure_kinect_pyk4a_1capture.mkv";
    // The recording's modes (its K4A_COLOR_MODE and K4A_DEPTH_MODE tags: MJPG_720P, NFOV_UNBINNED).
    // Synchronised: the three captures hold colour and depth however late colour starts on a loaded machine.
    ProgramResult r = Stream({"--emulate-recording=" + *recording, "-c", "720p", "-m", "nfov_unbinned", "-n", "3",
                              "--synchronized", "--line-rate=0"});
    EXPECT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_NE(r.out.find("Color MJPG 1280x720"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Depth16 640x576"), std::string::npos) << r.out;
    // Another colour resolution: the device refuses it, saying why.
    r = Stream({"--emulate-recording=" + *recording, "-c", "1080p", "-m", "nfov_unbinned", "-n", "3"});
    EXPECT_EQ(r.exit_status, 1) << Describe(r);
    EXPECT_NE(r.err.find("has colour in MJPG 1280x720, not the MJPG 1920x1080 the host asked for"), std::string::npos)
        << r.err;
    r = Stream({"--emulate-recording=/no/such/recording.mkv"});
    EXPECT_EQ(r.exit_status, 1) << Describe(r);
    EXPECT_NE(r.err.find("cannot open the recording /no/such/recording.mkv"), std::string::npos) << r.err;
}

TEST(K4aStream, DeviceIndexAndOutputFolderErrors)
{
    ProgramResult r = Stream({"-d", "2"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("device index 2: only 1 device is attached (see --list)"), std::string::npos) << r.err;
    r = testing::RunProgram(StreamPath(), {"--emulate", "-o", "/proc/no/such/folder"}, kTimeoutS);
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("cannot create the output folder /proc/no"), std::string::npos) << r.err;
    r = Stream({"--emulate-descriptor=/no/such/file.bin"});
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("--emulate-descriptor: cannot read /no/such/file.bin"), std::string::npos) << r.err;
}

// ------------------------------------------------------------ faults --

TEST(K4aStream, UnplugMidRunSaysSoPrintsTheSummarySoFarAndFails)
{
    std::string dir;
    const ProgramResult r =
        Stream({"--emulate-fault=unplug@30", "-n", "0", "--line-rate=0", "-m", "nfov_2x2binned", "-r", "15"}, &dir);
    ASSERT_FALSE(r.timed_out) << Describe(r);
    EXPECT_EQ(r.exit_status, 1) << Describe(r);
    EXPECT_TRUE(std::regex_search(
        r.err, std::regex("device 0 \\(serial 000000000001\\) disappeared after [0-9]+ captures: unplugged")))
        << r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Summary \\(the device disappeared\\): ([0-9]+) captures")))
        << r.out;
    // 30 colour frames left the device; captures hold one each, or none when
    // split into partial ones on a slow machine.
    EXPECT_GE(std::stoi(m[1]), 1);
    EXPECT_LE(std::stoi(m[1]), 3 * 31);
    EXPECT_EQ(CaptureLines(r.out).size(), size_t(std::stoi(m[1])));
    // What arrived before is still shown as pictures (on a slow machine a
    // stream may have lost every frame; the summary then says so).
    int written = 0;
    for (const char *stream : {"color", "depth", "ir"})
    {
        const std::string file = dir + "/" + stream + ".png";
        if (Exists(file))
        {
            written++;
            EXPECT_NE(r.out.find(file + "  ("), std::string::npos) << r.out;
        }
        else
        {
            EXPECT_TRUE(std::regex_search(r.out, std::regex(file + "  NOT WRITTEN: no [a-zA-Z]+ image arrived")))
                << r.out;
        }
    }
    EXPECT_GE(written, 1) << r.out;
}

TEST(K4aStream, CorruptFramesAreDroppedAndCountedByReason)
{
    const ProgramResult r = Stream({"--emulate-fault=corrupt-jpeg@5x3", "--emulate-fault=err-bit:depth@8x2", "-n", "30",
                                    "-m", "nfov_2x2binned", "-r", "15", "-q"});
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    // Exactly these; a slow machine may lose more (LOST_PAYLOAD), listed too.
    EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n  colour .*[ (]CORRUPT 3[,)]"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n  depth .*[ (]DEVICE_ERROR 2[,)]"))) << r.out;
    EXPECT_LE(SummaryFrames(r.out, "colour"), 27) << r.out;
}

TEST(K4aStream, StallIsClearedAndTheRunCompletes)
{
    const ProgramResult r =
        Stream({"--emulate-fault=stall:depth@5", "-n", "30", "-m", "nfov_2x2binned", "-r", "15", "-q"});
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_NE(r.out.find(", 1 stalls cleared"), std::string::npos) << r.out;
}

TEST(K4aStream, ASilentDeviceEndsTheRunAfterTheTimeout)
{
    const ProgramResult r = Stream({"--emulate-fault=pause@5=4000", "-m", "off", "-n", "0", "--timeout=1000", "-q"});
    ASSERT_FALSE(r.timed_out) << Describe(r);
    EXPECT_EQ(r.exit_status, 1) << Describe(r);
    EXPECT_NE(r.err.find("no capture from device 0 for 1.0 s (--timeout); giving up"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("Summary (the device stopped sending): "), std::string::npos) << r.out;
}

// ------------------------------------------------------------ signals --

// Sends `sig` to the whole process group, as a terminal does for Ctrl-C
// (the emulator's re-exec parent and the program both get it), once the
// program has shown a few captures.
ProgramResult StreamUntilSignal(int sig, std::string *dir)
{
    const std::string out_dir = testing::FreshDir("pictures");
    *dir = out_dir;
    return testing::RunProgram(
        StreamPath(),
        {"--emulate", "--emulate-frames=", "-o", out_dir, "-n", "0", "--line-rate=0", "-m", "nfov_2x2binned", "-s"},
        kTimeoutS,
        [sig](pid_t group, const std::string &out, const std::string &)
        {
            if (Count(out, "Capture ") < 5)
                return false;
            kill(-group, sig);
            return true;
        });
}

TEST(K4aStream, CtrlCStopsTheCamerasPrintsTheSummaryAndExits130)
{
    std::string dir;
    const ProgramResult r = StreamUntilSignal(SIGINT, &dir);
    ASSERT_FALSE(r.timed_out) << Describe(r);
    EXPECT_TRUE(r.exited) << Describe(r);
    EXPECT_EQ(r.exit_status, 130) << Describe(r);
    EXPECT_NE(r.err.find("interrupted by SIGINT: cameras stopped cleanly"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("second signal"), std::string::npos) << r.err; // the duplicate was ignored
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Summary \\(interrupted\\): ([0-9]+) captures"))) << r.out;
    EXPECT_GE(std::stoi(m[1]), 5);
    EXPECT_TRUE(Exists(dir + "/color.png"));
    EXPECT_TRUE(Exists(dir + "/ir.png"));
}

TEST(K4aStream, SigtermToo)
{
    std::string dir;
    const ProgramResult r = StreamUntilSignal(SIGTERM, &dir);
    ASSERT_FALSE(r.timed_out) << Describe(r);
    EXPECT_EQ(r.exit_status, 143) << Describe(r);
    EXPECT_NE(r.err.find("interrupted by SIGTERM"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("Summary (interrupted)"), std::string::npos) << r.out;
}

// ------------------------------------------------------------ listing --

TEST(K4aStream, ListShowsSerialNumbersAndModes)
{
    const ProgramResult r =
        testing::RunProgram(StreamPath(), {"--emulate", "--emulate-serial=000000000042", "--list"}, kTimeoutS);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_NE(r.out.find("1 device attached (the built-in emulated device):"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Device 0: serial 000000000042, k4a device\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("MJPG    720p, 1080p, 1440p, 1536p, 2160p at 5/15/30 fps; 3072p at 5/15 fps"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("NV12    720p at 5/15/30 fps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("YUY2    720p at 5/15/30 fps"), std::string::npos) << r.out;
    EXPECT_NE(
        r.out.find("BGRA32  720p, 1080p, 1440p, 1536p, 2160p at 5/15/30 fps; 3072p at 5/15 fps (decoded on the host)"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("wfov_unbinned at 5/15 fps"), std::string::npos) << r.out;
}

TEST(K4aEnum, ListsDevicesAsTextAndJson)
{
    ProgramResult r = testing::RunProgram(EnumPath(), {"--emulate", "--emulate-frames=", "--json"}, kTimeoutS);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    EXPECT_NE(r.out.find("\"serial\": \"000000000001\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"kind\": \"k4a\""), std::string::npos);
    EXPECT_NE(r.out.find("\"resolution\": \"3072p\""), std::string::npos);
    EXPECT_NE(r.out.find("\"mode\": \"wfov_unbinned\""), std::string::npos);
    EXPECT_EQ(Count(r.out, "\"format\": \"nv12\""), 3u); // 720p at 5, 15, 30 fps

    r = testing::RunProgram(EnumPath(), {}, kTimeoutS);
    ASSERT_EQ(r.exit_status, 0) << Describe(r);
    if (r.out.find("No k4a device attached") == std::string::npos)
        GTEST_SKIP() << "a real device is attached";
    EXPECT_NE(r.out.find("--emulate lists the built-in emulated device"), std::string::npos);

    r = testing::RunProgram(EnumPath(), {"-n", "5"}, kTimeoutS);
    EXPECT_EQ(r.exit_status, 2) << Describe(r);
    EXPECT_NE(r.err.find("k4a-enum does not take -n/--captures"), std::string::npos) << r.err;
}

} // namespace
} // namespace openk4a
