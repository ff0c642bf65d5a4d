// The command line of k4a-stream and k4a-enum: what to open, what to stream,
// how long, what to show, and the emulated device's settings.
#ifndef OPENK4A_TOOLS_STREAM_OPTIONS_H_
#define OPENK4A_TOOLS_STREAM_OPTIONS_H_

#include <k4a/k4a.h>
#include <stdint.h>

#include <optional>
#include <string>
#include <vector>

#include "tools/stream/fault_spec.h"

namespace openk4a::stream
{

enum class Program
{
    kStream,
    kEnum
};

// What goes to stdout while streaming.
enum class Progress
{
    kAuto,   // a live status line on a terminal, capture lines otherwise
    kLines,  // one line per capture (rate-limited by line_rate)
    kStatus, // a status line rewritten in place
    kNone,   // nothing until the summary
};

enum class ImuChoice
{
    kAuto,
    kOn,
    kOff
};

struct Options
{
    Program program = Program::kStream;
    bool help = false;
    bool version = false;
    bool list = false;

    uint32_t device_index = 0;
    bool device_given = false;
    bool generic_uvc = false;

    k4a_color_resolution_t color_resolution = K4A_COLOR_RESOLUTION_720P;
    k4a_image_format_t color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    k4a_depth_mode_t depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    bool depth_given = false; // not given: off on a device without depth (a webcam)
    k4a_fps_t fps = K4A_FRAMES_PER_SECOND_30;
    bool synchronized = false;
    int32_t depth_delay_usec = 0;
    ImuChoice imu = ImuChoice::kAuto;
    bool accurate_decode = false;

    // Stop after `captures` (0 = no limit) or `duration_s` (0 = no limit),
    // whichever comes first. Without either: kDefaultCaptures.
    uint64_t captures = 0;
    double duration_s = 0;
    int timeout_ms = 5000; // no capture for this long: the device stopped

    std::string output_dir;  // empty: DefaultOutputDir()
    std::string record_path; // --record: also write the captures and IMU samples to this .mkv
    bool png = true;

    Progress progress = Progress::kAuto;
    double line_rate = 5; // capture lines per second at most; 0 = every capture
    bool quiet = false;
    bool json = false;
    int verbose = 0;

    // The emulated device (the built-in stand-in when no device is attached).
    bool emulate = false;
    std::string emulate_serial = "000000000001";
    std::string emulate_descriptor;            // a UVC configuration descriptor file
    std::optional<std::string> emulate_frames; // test data folder; "" = synthetic
    std::string emulate_recording;             // a .mkv the device replays (EmulatorOptions::recording_path)
    bool emulate_isochronous = false;
    std::vector<FaultSpec> faults;
};

constexpr uint64_t kDefaultCaptures = 90;

// Parses argv (argv[0] is the program). On failure returns false with a
// one-line message in `error` (no "k4a-stream:" prefix).
bool ParseOptions(Program program, int argc, char **argv, Options *options, std::string *error);

// --help text, with examples.
std::string HelpText(Program program);

// The k4a modes in enum order (OFF included), from the library's own tables:
// its enumerator names (openk4a/k4a_strings.h), sizes and rates (openk4a/device.h).
const std::vector<k4a_color_resolution_t> &ColorResolutions();
const std::vector<k4a_depth_mode_t> &DepthModes();
const std::vector<k4a_fps_t> &FrameRates();
// The formats a colour camera streams: MJPG, BGRA32, NV12, YUY2.
const std::vector<k4a_image_format_t> &ColorFormats();

// Names as typed on the command line ("720p", "nfov_unbinned", "mjpg"):
// the k4a enumerators' names, lower case without their prefix; "?" for a
// value that is not one. Frame rates: openk4a_fps_to_uint().
const char *ColorResolutionName(k4a_color_resolution_t resolution);
const char *DepthModeName(k4a_depth_mode_t mode);
const char *ColorFormatName(k4a_image_format_t format);
// For people: "MJPG", "BGRA32", "NV12", "YUY2", "Depth16", "Ir16".
const char *ImageFormatLabel(k4a_image_format_t format);

// Image geometry of the k4a modes (openk4a/device.h); 0x0 for OFF or a
// value that is not a mode.
struct Size
{
    int width = 0;
    int height = 0;
};
Size ColorSize(k4a_color_resolution_t resolution);
Size DepthSize(k4a_depth_mode_t mode);

// The configuration the options ask for.
k4a_device_configuration_t DeviceConfiguration(const Options &options);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_OPTIONS_H_
