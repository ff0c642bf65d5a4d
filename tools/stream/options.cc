#include "tools/stream/options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openk4a/device.h>
#include <openk4a/k4a_strings.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace openk4a::stream
{
namespace
{

// A k4a enum's values as typed on the command line: the generated enumerator
// names (openk4a/k4a_strings.h) without their prefix, lower case ("720p" for
// K4A_COLOR_RESOLUTION_720P), so the program knows no mode the library does not.
template <typename T>
class NameTable
{
public:
    using ToString = const char *(*)(T);

    // Every value `to_string` names, from 0 up (the k4a mode enums are dense).
    NameTable(ToString to_string, const char *prefix) : NameTable(to_string, prefix, EveryValue(to_string)) {}
    NameTable(ToString to_string, const char *prefix, const std::vector<T> &values) : prefix_(prefix), values_(values)
    {
        for (T value : values)
        {
            std::string name = to_string(value);
            if (name.compare(0, prefix_.size(), prefix_) == 0)
                name.erase(0, prefix_.size());
            for (char &c : name)
                c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
            entries_.push_back({value, name});
        }
    }

    const std::string &prefix() const
    {
        return prefix_;
    }
    const std::vector<T> &values() const
    {
        return values_;
    }
    const std::vector<std::pair<T, std::string>> &entries() const
    {
        return entries_;
    }

private:
    static std::vector<T> EveryValue(ToString to_string)
    {
        std::vector<T> values;
        for (int v = 0; strcmp(to_string(static_cast<T>(v)), "(unknown)") != 0; v++)
            values.push_back(static_cast<T>(v));
        return values;
    }

    std::string prefix_;
    std::vector<T> values_;
    std::vector<std::pair<T, std::string>> entries_;
};

const NameTable<k4a_color_resolution_t> &ColorResolutionTable()
{
    static const NameTable<k4a_color_resolution_t> table(openk4a_color_resolution_to_string, "K4A_COLOR_RESOLUTION_");
    return table;
}

const NameTable<k4a_depth_mode_t> &DepthModeTable()
{
    static const NameTable<k4a_depth_mode_t> table(openk4a_depth_mode_to_string, "K4A_DEPTH_MODE_");
    return table;
}

// The image formats a colour camera streams (in the order --help lists them).
const NameTable<k4a_image_format_t> &ColorFormatTable()
{
    static const NameTable<k4a_image_format_t> table(openk4a_image_format_to_string, "K4A_IMAGE_FORMAT_COLOR_",
                                                     {K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_IMAGE_FORMAT_COLOR_BGRA32,
                                                      K4A_IMAGE_FORMAT_COLOR_NV12, K4A_IMAGE_FORMAT_COLOR_YUY2});
    return table;
}

const NameTable<k4a_fps_t> &FrameRateTable()
{
    static const NameTable<k4a_fps_t> table(openk4a_fps_to_string, "K4A_FRAMES_PER_SECOND_");
    return table;
}

// Case-insensitive, '-' and '_' alike, an optional k4a enum prefix
// ("K4A_DEPTH_MODE_NFOV_UNBINNED", "nfov-unbinned").
std::string Normalise(std::string text, const std::string &k4a_prefix)
{
    for (char &c : text)
    {
        if (c == '-')
            c = '_';
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    std::string prefix = k4a_prefix;
    for (char &c : prefix)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (text.compare(0, prefix.size(), prefix) == 0)
        text = text.substr(prefix.size());
    return text;
}

template <typename T>
bool Lookup(const NameTable<T> &table, const std::string &text, const char *what, const char *option, T *value,
            std::string *error)
{
    const std::string key = Normalise(text, table.prefix());
    std::string names;
    for (const auto &[entry_value, name] : table.entries())
    {
        if (key == name || key + "p" == name || (key == "mjpeg" && name == "mjpg") ||
            (key == "bgra" && name == "bgra32"))
        {
            *value = entry_value;
            return true;
        }
        names += names.empty() ? "" : ", ";
        names += name;
    }
    *error = std::string(option) + ": unknown " + what + " '" + text + "' (one of: " + names + ")";
    return false;
}

template <typename T>
const char *NameOf(const NameTable<T> &table, T value)
{
    for (const auto &[entry_value, name] : table.entries())
    {
        if (entry_value == value)
            return name.c_str();
    }
    return "?";
}

bool Integer(const char *text, long long min, long long max, const char *option, long long *value, std::string *error)
{
    char *end = nullptr;
    errno = 0;
    const long long v = strtoll(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
    {
        *error = std::string(option) + ": '" + text + "' is not a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max);
        return false;
    }
    *value = v;
    return true;
}

// "10", "2.5s", "500ms", "1m", "1h".
bool Duration(const char *text, double *seconds, std::string *error)
{
    char *end = nullptr;
    errno = 0;
    double v = strtod(text, &end);
    const std::string unit = end != nullptr ? end : "";
    double scale = 0;
    if (unit.empty() || unit == "s")
        scale = 1;
    if (unit == "ms")
        scale = 0.001;
    if (unit == "m" || unit == "min")
        scale = 60;
    if (unit == "h")
        scale = 3600;
    v *= scale;
    if (end == text || errno != 0 || scale == 0 || !isfinite(v) || v <= 0 || v > 366.0 * 86400)
    {
        *error = std::string("--duration: '") + text + "' is not a duration (e.g. 10, 2.5s, 500ms, 1m)";
        return false;
    }
    *seconds = v;
    return true;
}

enum LongOnly
{
    kOptUvc = 256,
    kOptDepthDelay,
    kOptImu,
    kOptNoImu,
    kOptDecode,
    kOptTimeout,
    kOptNoPng,
    kOptRecord,
    kOptLines,
    kOptLineRate,
    kOptStatus,
    kOptJson,
    kOptVersion,
    kOptEmulate,
    kOptEmulateSerial,
    kOptEmulateDescriptor,
    kOptEmulateFrames,
    kOptEmulateIso,
    kOptEmulateFault,
    kOptEmulateRecording,
};

const struct option kLongOptions[] = {
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, kOptVersion},
    {"list", no_argument, nullptr, 'l'},
    {"device", required_argument, nullptr, 'd'},
    {"uvc", no_argument, nullptr, kOptUvc},
    {"color", required_argument, nullptr, 'c'},
    {"colour", required_argument, nullptr, 'c'},
    {"format", required_argument, nullptr, 'f'},
    {"depth", required_argument, nullptr, 'm'},
    {"fps", required_argument, nullptr, 'r'},
    {"synchronized", no_argument, nullptr, 's'},
    {"depth-delay", required_argument, nullptr, kOptDepthDelay},
    {"imu", no_argument, nullptr, kOptImu},
    {"no-imu", no_argument, nullptr, kOptNoImu},
    {"decode", required_argument, nullptr, kOptDecode},
    {"captures", required_argument, nullptr, 'n'},
    {"duration", required_argument, nullptr, 't'},
    {"timeout", required_argument, nullptr, kOptTimeout},
    {"output", required_argument, nullptr, 'o'},
    {"no-png", no_argument, nullptr, kOptNoPng},
    {"record", required_argument, nullptr, kOptRecord},
    {"lines", no_argument, nullptr, kOptLines},
    {"line-rate", required_argument, nullptr, kOptLineRate},
    {"status", no_argument, nullptr, kOptStatus},
    {"quiet", no_argument, nullptr, 'q'},
    {"json", no_argument, nullptr, kOptJson},
    {"verbose", no_argument, nullptr, 'v'},
    {"emulate", no_argument, nullptr, kOptEmulate},
    {"emulate-serial", required_argument, nullptr, kOptEmulateSerial},
    {"emulate-descriptor", required_argument, nullptr, kOptEmulateDescriptor},
    {"emulate-frames", required_argument, nullptr, kOptEmulateFrames},
    {"emulate-isochronous", no_argument, nullptr, kOptEmulateIso},
    {"emulate-fault", required_argument, nullptr, kOptEmulateFault},
    {"emulate-recording", required_argument, nullptr, kOptEmulateRecording},
    {nullptr, 0, nullptr, 0},
};

constexpr char kShortOptions[] = ":hld:c:f:m:r:sn:t:o:qv";

// The option as the user typed it, for messages.
std::string OptionName(int c, int long_index)
{
    if (long_index >= 0)
        return std::string("--") + kLongOptions[long_index].name;
    for (const struct option &o : kLongOptions)
    {
        if (o.name != nullptr && o.val == c)
            return std::string("-") + static_cast<char>(c) + "/--" + o.name;
    }
    return std::string("-") + static_cast<char>(c);
}

// Options k4a-enum takes: listing and the emulated device.
bool EnumAccepts(int c)
{
    switch (c)
    {
    case 'h':
    case kOptVersion:
    case 'l':
    case 'd':
    case kOptUvc:
    case kOptJson:
    case 'v':
    case kOptEmulate:
    case kOptEmulateSerial:
    case kOptEmulateDescriptor:
    case kOptEmulateFrames:
    case kOptEmulateIso:
        return true;
    default:
        return false;
    }
}

// `text` broken after ", " so no line passes `width` columns; lines after the
// first are indented to `column` (where the text starts).
std::string Wrapped(const std::string &text, size_t column, size_t width)
{
    std::string out;
    size_t line = column;
    size_t pos = 0;
    while (pos < text.size())
    {
        size_t end = text.find(", ", pos);
        end = end == std::string::npos ? text.size() : end + 2;
        std::string word = text.substr(pos, end - pos);
        if (line + word.size() > width && line > column)
        {
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
            out += "\n" + std::string(column, ' ');
            line = column;
        }
        out += word;
        line += word.size();
        pos = end;
    }
    return out;
}

} // namespace

const std::vector<k4a_color_resolution_t> &ColorResolutions()
{
    return ColorResolutionTable().values();
}
const std::vector<k4a_depth_mode_t> &DepthModes()
{
    return DepthModeTable().values();
}
const std::vector<k4a_image_format_t> &ColorFormats()
{
    return ColorFormatTable().values();
}
const std::vector<k4a_fps_t> &FrameRates()
{
    return FrameRateTable().values();
}

const char *ColorResolutionName(k4a_color_resolution_t resolution)
{
    return NameOf(ColorResolutionTable(), resolution);
}
const char *DepthModeName(k4a_depth_mode_t mode)
{
    return NameOf(DepthModeTable(), mode);
}
const char *ColorFormatName(k4a_image_format_t format)
{
    return NameOf(ColorFormatTable(), format);
}

const char *ImageFormatLabel(k4a_image_format_t format)
{
    switch (format)
    {
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
        return "MJPG";
    case K4A_IMAGE_FORMAT_COLOR_NV12:
        return "NV12";
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
        return "YUY2";
    case K4A_IMAGE_FORMAT_COLOR_BGRA32:
        return "BGRA32";
    case K4A_IMAGE_FORMAT_DEPTH16:
        return "Depth16";
    case K4A_IMAGE_FORMAT_IR16:
        return "Ir16";
    default:
        return "Custom";
    }
}

Size ColorSize(k4a_color_resolution_t resolution)
{
    Size size;
    openk4a_color_resolution_size(resolution, &size.width, &size.height);
    return size;
}

Size DepthSize(k4a_depth_mode_t mode)
{
    Size size;
    openk4a_depth_mode_size(mode, &size.width, &size.height);
    return size;
}

k4a_device_configuration_t DeviceConfiguration(const Options &options)
{
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    config.color_format = options.color_format;
    config.color_resolution = options.color_resolution;
    config.depth_mode = options.depth_mode;
    config.camera_fps = options.fps;
    config.synchronized_images_only = options.synchronized;
    config.depth_delay_off_color_usec = options.depth_delay_usec;
    return config;
}

bool ParseOptions(Program program, int argc, char **argv, Options *options, std::string *error)
{
    *options = Options();
    options->program = program;
    options->list = program == Program::kEnum;
    bool captures_given = false;
    optind = 0; // GNU: start over (tests parse several command lines)
    opterr = 0;
    for (;;)
    {
        int long_index = -1;
        const int c = getopt_long(argc, argv, kShortOptions, kLongOptions, &long_index);
        if (c == -1)
            break;
        if (c == '?')
        {
            const std::string arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
            if (arg.compare(0, 2, "--") == 0)
            {
                const std::string given = arg.substr(0, arg.find('='));
                *error = given.size() < arg.size() && optopt != 0 ? "option '" + given + "' takes no value" :
                                                                    "unknown option '" + given + "'";
            }
            else
            {
                *error = std::string("unknown option '-") + static_cast<char>(optopt) + "'";
            }
            return false;
        }
        if (c == ':')
        {
            const std::string arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
            *error = "option '" + arg + "' needs a value";
            return false;
        }
        const std::string name = OptionName(c, long_index);
        if (program == Program::kEnum && !EnumAccepts(c))
        {
            *error = "k4a-enum does not take " + name + " (it only lists devices; k4a-stream streams)";
            return false;
        }
        long long n = 0;
        switch (c)
        {
        case 'h':
            options->help = true;
            break;
        case kOptVersion:
            options->version = true;
            break;
        case 'l':
            options->list = true;
            break;
        case 'd':
            if (!Integer(optarg, 0, 63, name.c_str(), &n, error))
                return false;
            options->device_index = static_cast<uint32_t>(n);
            options->device_given = true;
            break;
        case kOptUvc:
            options->generic_uvc = true;
            break;
        case 'c':
            if (!Lookup(ColorResolutionTable(), optarg, "colour resolution", name.c_str(), &options->color_resolution,
                        error))
                return false;
            break;
        case 'f':
            if (!Lookup(ColorFormatTable(), optarg, "colour format", name.c_str(), &options->color_format, error))
                return false;
            break;
        case 'm':
            if (!Lookup(DepthModeTable(), optarg, "depth mode", name.c_str(), &options->depth_mode, error))
                return false;
            options->depth_given = true;
            break;
        case 'r':
        {
            if (!Integer(optarg, 0, 1000, name.c_str(), &n, error))
                return false;
            const std::vector<k4a_fps_t> &rates = FrameRates();
            const auto rate =
                std::find_if(rates.begin(), rates.end(),
                             [n](k4a_fps_t fps) { return openk4a_fps_to_uint(fps) == static_cast<uint32_t>(n); });
            if (rate == rates.end())
            {
                *error = name + ": " + optarg + " fps is not a k4a frame rate (5, 15 or 30)";
                return false;
            }
            options->fps = *rate;
            break;
        }
        case 's':
            options->synchronized = true;
            break;
        case kOptDepthDelay:
            if (!Integer(optarg, -1000000, 1000000, name.c_str(), &n, error))
                return false;
            options->depth_delay_usec = static_cast<int32_t>(n);
            break;
        case kOptImu:
            options->imu = ImuChoice::kOn;
            break;
        case kOptNoImu:
            options->imu = ImuChoice::kOff;
            break;
        case kOptDecode:
            if (strcasecmp(optarg, "fast") == 0)
            {
                options->accurate_decode = false;
            }
            else if (strcasecmp(optarg, "accurate") == 0)
            {
                options->accurate_decode = true;
            }
            else
            {
                *error = name + ": '" + optarg + "' is not a decode mode (fast or accurate)";
                return false;
            }
            break;
        case 'n':
            if (!Integer(optarg, 0, 1000000000000LL, name.c_str(), &n, error))
                return false;
            options->captures = static_cast<uint64_t>(n);
            captures_given = true;
            break;
        case 't':
            if (!Duration(optarg, &options->duration_s, error))
                return false;
            break;
        case kOptTimeout:
            if (!Integer(optarg, 100, 3600000, name.c_str(), &n, error))
                return false;
            options->timeout_ms = static_cast<int>(n);
            break;
        case 'o':
            if (*optarg == '\0')
            {
                *error = name + " needs a folder";
                return false;
            }
            options->output_dir = optarg;
            break;
        case kOptNoPng:
            options->png = false;
            break;
        case kOptRecord:
            if (*optarg == '\0')
            {
                *error = name + " needs a file";
                return false;
            }
            options->record_path = optarg;
            break;
        case kOptLines:
            options->progress = Progress::kLines;
            break;
        case kOptLineRate:
        {
            char *end = nullptr;
            const double rate = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(rate >= 0 && rate <= 1000))
            {
                *error = name + ": '" + optarg + "' is not a rate from 0 (every capture) to 1000 lines per second";
                return false;
            }
            options->line_rate = rate;
            options->progress = Progress::kLines;
            break;
        }
        case kOptStatus:
            options->progress = Progress::kStatus;
            break;
        case 'q':
            options->quiet = true;
            break;
        case kOptJson:
            options->json = true;
            break;
        case 'v':
            options->verbose++;
            break;
        case kOptEmulate:
            options->emulate = true;
            break;
        case kOptEmulateSerial:
            if (*optarg == '\0' || strlen(optarg) > 64)
            {
                *error = name + ": a serial number of 1 to 64 characters, please";
                return false;
            }
            options->emulate_serial = optarg;
            options->emulate = true;
            break;
        case kOptEmulateDescriptor:
            options->emulate_descriptor = optarg;
            options->emulate = true;
            break;
        case kOptEmulateFrames:
            options->emulate_frames = std::string(optarg);
            break;
        case kOptEmulateRecording:
            options->emulate_recording = optarg;
            options->emulate = true;
            break;
        case kOptEmulateIso:
            options->emulate_isochronous = true;
            options->emulate = true;
            break;
        case kOptEmulateFault:
        {
            FaultSpec spec;
            std::string why;
            if (!ParseFaultSpec(optarg, &spec, &why))
            {
                *error = name + ": " + why;
                return false;
            }
            options->faults.push_back(spec);
            options->emulate = true;
            break;
        }
        default:
            *error = "option '" + name + "' is not handled";
            return false;
        }
    }
    if (optind < argc)
    {
        *error = std::string("unexpected argument '") + argv[optind] + "' (options start with --)";
        return false;
    }
    if (options->json && options->progress != Progress::kAuto)
    {
        *error = "--json prints one JSON document; it does not go with --lines, --line-rate or --status";
        return false;
    }
    if (options->quiet && options->progress != Progress::kAuto)
    {
        *error = "--quiet does not go with --lines, --line-rate or --status";
        return false;
    }
    if (options->quiet || options->json)
        options->progress = Progress::kNone;
    if (options->imu == ImuChoice::kOn && options->depth_mode == K4A_DEPTH_MODE_OFF &&
        options->color_resolution == K4A_COLOR_RESOLUTION_OFF)
    {
        *error = "--imu needs a camera running (the IMU starts after the cameras)";
        return false;
    }
    if (!captures_given && options->duration_s == 0)
        options->captures = kDefaultCaptures;
    return true;
}

std::string HelpText(Program program)
{
    if (program == Program::kEnum)
    {
        return "Usage: k4a-enum [options]\n"
               "\n"
               "Lists the attached Azure Kinect (k4a) devices: index, serial number and the colour and\n"
               "depth modes each offers (read from its USB descriptors). Same as k4a-stream --list.\n"
               "\n"
               "Options:\n"
               "  -d, --device=N    only device N\n"
               "      --uvc         also list ordinary UVC webcams (colour only)\n"
               "      --json        one JSON document on stdout\n"
               "  -v, --verbose     show the library's log messages\n"
               "      --emulate     list the built-in emulated device instead (see k4a-stream --help)\n"
               "  -h, --help        this text\n"
               "\n"
               "Examples:\n"
               "  k4a-enum\n"
               "  k4a-enum --json\n"
               "  k4a-enum --emulate\n"
               "\n"
               "Exit status: 0 listed (also when no device is attached), 1 a device could not be read,\n"
               "2 bad command line.\n";
    }
    return "Usage: k4a-stream [options]\n"
           "\n"
           "Streams captures from an Azure Kinect (k4a) device: starts the cameras (and the IMU), shows\n"
           "each capture, stops, prints a summary and writes the last colour, depth and IR images as\n"
           "PNG files. With no device attached it streams from the built-in emulated device (the real\n"
           "libusb talking to an emulated USB camera through umockdev).\n"
           "\n"
           "Device:\n"
           "  -d, --device=N          device index (default 0)\n"
           "  -l, --list              list attached devices with serial numbers and their modes, then exit\n"
           "      --uvc               also accept ordinary UVC webcams (colour only)\n"
           "\n"
           "Cameras:\n"
           "  -c, --color=RES         off, 720p, 1080p, 1440p, 1536p, 2160p, 3072p (default 720p)\n"
           "  -f, --format=FMT        mjpg, bgra32, nv12, yuy2 (default mjpg; bgra32 is decoded from MJPG)\n"
           "  -m, --depth=MODE        off, nfov_2x2binned, nfov_unbinned, wfov_2x2binned, wfov_unbinned,\n"
           "                          passive_ir (default nfov_unbinned)\n"
           "  -r, --fps=N             5, 15 or 30 (default 30)\n"
           "  -s, --synchronized      only captures that hold both colour and depth\n"
           "      --depth-delay=USEC  depth_delay_off_color_usec (default 0)\n"
           "      --imu, --no-imu     IMU samples on or off (default: on when the device has an IMU)\n"
           "      --decode=MODE       BGRA32 decode: fast (default, as the Azure Kinect SDK) or accurate\n"
           "\n"
           "How long:\n"
           "  -n, --captures=N        stop after N captures (default 90 unless --duration; 0 = no limit)\n"
           "  -t, --duration=TIME     stop after TIME (10, 2.5s, 500ms, 1m)\n"
           "      --timeout=MS        fail when no capture arrives for MS milliseconds (default 5000)\n"
           "  Ctrl-C stops the cameras cleanly and prints the summary (a second Ctrl-C a second later\n"
           "  quits at once).\n"
           "\n"
           "Output:\n"
           "  -o, --output=DIR        folder for color.png, depth.png and ir.png (default $TMPDIR/k4a-stream,\n"
           "                          /tmp/k4a-stream without TMPDIR)\n"
           "      --no-png            write no pictures\n"
           "      --record=FILE       also record the captures and IMU samples to FILE (.mkv, as\n"
           "                          k4arecorder; read it back with k4a-play)\n"
           "      --lines             one line per capture, as the SDK's streaming example (the default\n"
           "                          when stdout is not a terminal; on a terminal: a live status line)\n"
           "      --line-rate=N       at most N capture lines per second (default 5; 0 = every capture)\n"
           "      --status            the live status line (fps per stream, drops, decode time, bandwidth)\n"
           "  -q, --quiet             only the summary\n"
           "      --json              only a JSON summary on stdout (for scripts)\n"
           "  -v, --verbose           show the library's log messages (-vv: more)\n"
           "  -h, --help              this text;  --version: the openk4a version\n"
           "\n"
           "Emulated device (used when none is attached; also for tests and demos):\n"
           "      --emulate                 use it even when a device is attached\n"
           "      --emulate-serial=S        its serial number (default 000000000001)\n"
           "      --emulate-descriptor=FILE present this UVC configuration descriptor (e.g. a webcam's)\n"
           "                                instead of the k4a device; implies --uvc\n"
           "      --emulate-frames=DIR      real frames from this test data folder (mjpeg/, frames/);\n"
           "                                empty = synthetic scenes. Default: $OPENK4A_TESTDATA, or\n"
           "                                ../shared/testdata next to the source tree when present\n"
           "      --emulate-recording=FILE  replay this Azure Kinect recording (.mkv) as the frames,\n"
           "                                looping, with its calibration; stream its modes (-c, -f, -m)\n"
           "      --emulate-isochronous     isochronous instead of bulk endpoints\n"
           "      --emulate-fault=SPEC      inject a fault, repeatable: KIND[:STREAM][@FRAME][xCOUNT][=PARAM]\n"
           "                                KIND: " +
           Wrapped(FaultKindList(), 38, 98) +
           "\n"
           "                                STREAM: color (default), depth, ir; FRAME: frames of that stream\n"
           "                                sent before it (default 0); COUNT: frames it touches (default 1)\n"
           "\n"
           "Examples:\n"
           "  k4a-stream                                  90 captures from the first device (or the emulator)\n"
           "  k4a-stream --list                           devices, serial numbers, modes\n"
           "  k4a-stream -c 2160p -f bgra32 -m wfov_2x2binned -r 15 -t 10s\n"
           "  k4a-stream -c off -m passive_ir -n 0        IR only until Ctrl-C\n"
           "  k4a-stream --synchronized --no-imu -o shots\n"
           "  k4a-stream --json -n 300 > run.json\n"
           "  k4a-stream --emulate --emulate-fault=unplug@30 -n 0     what an unplug looks like\n"
           "  k4a-stream --emulate --emulate-fault=corrupt-jpeg@10x5  dropped frames, counted by reason\n"
           "\n"
           "Exit status: 0 done, 1 the device failed or disappeared (summary so far printed), 2 bad\n"
           "command line or a mode the device does not support, 130 stopped by Ctrl-C (143: SIGTERM).\n";
}

} // namespace openk4a::stream
