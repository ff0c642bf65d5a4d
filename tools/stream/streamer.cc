#include "tools/stream/streamer.h"

#include <errno.h>
#include <k4a/k4a.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <string>

#include "openk4a/device.h"
#include "openk4a/image_png.h"
#include "tools/stream/recorder.h"
#include "tools/stream/cpu_time.h"
#include "tools/stream/device_modes.h"
#include "tools/stream/library_log.h"
#include "tools/stream/report.h"
#include "tools/stream/stop_signal.h"
#include "tools/stream/text.h"

namespace openk4a::stream
{
namespace
{

constexpr int kPollMs = 100; // longest wait between stop-signal checks
constexpr double kStatusPeriodS = 0.25;

uint64_t MonotonicNs()
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); // the clock of images' system timestamps
    return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

// mkdir -p
bool MakeDirectories(const std::string &path, std::string *error)
{
    for (size_t pos = 1; pos <= path.size(); pos++)
    {
        if (pos != path.size() && path[pos] != '/')
            continue;
        const std::string part = path.substr(0, pos);
        if (mkdir(part.c_str(), 0777) != 0 && errno != EEXIST)
        {
            *error = part + ": " + strerror(errno);
            return false;
        }
    }
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    {
        *error = path + ": not a folder";
        return false;
    }
    return true;
}

class Streamer
{
public:
    Streamer(const Options &options, bool emulated, Console *console) :
        options_(options), emulated_(emulated), console_(console)
    {
    }
    ~Streamer();

    StreamResult Run();

private:
    int Open();
    int CheckConfiguration(k4a_device_configuration_t *config);
    int Start(const k4a_device_configuration_t &config);
    void Loop();
    void OnCapture(k4a_capture_t capture, uint64_t now_ns);
    void DrainImu();
    void Finish();
    void WritePictures();
    void ShowStatus(uint64_t now_ns);
    bool Limited() const;

    const Options &options_;
    const bool emulated_;
    Console *console_;
    k4a_device_t device_ = nullptr;
    RunInfo info_;
    RunTotals totals_;
    std::string outcome_message_;

    uint64_t start_ns_ = 0;
    uint64_t imu_since_capture_ = 0;
    uint64_t last_line_ns_ = 0;
    uint64_t last_status_ns_ = 0;
    StatusLine status_line_;
    CpuSnapshot cpu_start_;
    std::array<k4a_image_t, OPENK4A_STREAM_COUNT> last_{}; // newest image per stream (for the PNGs)
    Recorder recorder_;                                    // --record
};

Streamer::~Streamer()
{
    for (k4a_image_t &image : last_)
        k4a_image_release(image);
    if (device_ != nullptr)
        k4a_device_close(device_);
}

int Streamer::Open()
{
    ClearLibraryError();
    const uint32_t count = k4a_device_get_installed_count();
    if (options_.device_index >= count)
    {
        if (count == 0)
        {
            console_->Error("no device attached");
            return kExitFailed;
        }
        console_->Error(Printf("device index %u: only %u device%s attached (see --list)", options_.device_index, count,
                               count == 1 ? " is" : "s are"));
        return kExitUsage;
    }
    if (k4a_device_open(options_.device_index, &device_) != K4A_RESULT_SUCCEEDED)
    {
        device_ = nullptr;
        console_->Error(Printf("cannot open device %u: %s", options_.device_index, LastLibraryError().c_str()));
        return kExitFailed;
    }
    char serial[128] = "";
    size_t size = sizeof serial;
    if (k4a_device_get_serialnum(device_, serial, &size) != K4A_BUFFER_RESULT_SUCCEEDED)
        serial[0] = '\0';
    info_.device_index = options_.device_index;
    info_.serial = serial[0] != '\0' ? serial : "(none)";
    info_.emulated = emulated_;
    return kExitOk;
}

// The part of the configuration that fails and what the device offers instead.
int Streamer::CheckConfiguration(k4a_device_configuration_t *config)
{
    const DeviceModes modes = ProbeModes(device_);
    if (!options_.depth_given && modes.depth.empty())
        config->depth_mode = K4A_DEPTH_MODE_OFF; // a webcam
    const bool color = config->color_resolution != K4A_COLOR_RESOLUTION_OFF;
    info_.config = *config;
    info_.accurate_decode = options_.accurate_decode;
    char why[256] = "";
    if (openk4a_device_check_configuration(device_, config, why, sizeof why) == K4A_RESULT_SUCCEEDED)
    {
        return kExitOk;
    }
    std::string message = std::string("unsupported configuration: ") + why;
    const std::string device = Printf("device %u (serial %s)", info_.device_index, info_.serial.c_str());
    k4a_device_configuration_t part = *config;
    part.synchronized_images_only = false;
    part.depth_delay_off_color_usec = 0;
    part.depth_mode = K4A_DEPTH_MODE_OFF;
    bool explained = false;
    if (color && openk4a_device_check_configuration(device_, &part, nullptr, 0) != K4A_RESULT_SUCCEEDED)
    {
        const std::string offered = DescribeColorModes(modes, config->color_format);
        if (offered != "none")
        {
            message +=
                "\n  " + device + " offers colour " + ImageFormatLabel(info_.config.color_format) + " at: " + offered;
        }
        else
        {
            message += "\n  " + device + " offers no " + ImageFormatLabel(info_.config.color_format) +
                       " colour; its modes:\n" + DescribeModes(modes, "    ");
            message.pop_back();
        }
        explained = true;
    }
    part = *config;
    part.synchronized_images_only = false;
    part.depth_delay_off_color_usec = 0;
    part.color_resolution = K4A_COLOR_RESOLUTION_OFF;
    if (config->depth_mode != K4A_DEPTH_MODE_OFF &&
        openk4a_device_check_configuration(device_, &part, nullptr, 0) != K4A_RESULT_SUCCEEDED)
    {
        message += "\n  " + device + " offers depth modes: " + DescribeDepthModes(modes);
        explained = true;
    }
    if (!explained)
        message += "\n  (each camera's mode is offered; the combination is not)";
    console_->Error(message);
    return kExitUsage;
}

int Streamer::Start(const k4a_device_configuration_t &config)
{
    if (options_.accurate_decode &&
        openk4a_device_set_color_decode_mode(device_, OPENK4A_COLOR_MODE_ACCURATE) != K4A_RESULT_SUCCEEDED)
    {
        console_->Error("--decode=accurate: " + LastLibraryError());
        return kExitFailed;
    }
    cpu_start_ = CpuSnapshot::Take();
    ClearLibraryError();
    if (k4a_device_start_cameras(device_, &config) != K4A_RESULT_SUCCEEDED)
    {
        openk4a_device_stats_t stats{};
        openk4a_device_get_stats(device_, &stats);
        console_->Error(stats.disconnected ? Printf("device %u disappeared before it streamed", info_.device_index) :
                                             "cannot start the cameras: " + LastLibraryError());
        return kExitFailed;
    }
    start_ns_ = MonotonicNs();
    if (options_.imu != ImuChoice::kOff)
    {
        ClearLibraryError();
        if (k4a_device_start_imu(device_) == K4A_RESULT_SUCCEEDED)
        {
            info_.imu_on = true;
        }
        else if (options_.imu == ImuChoice::kOn)
        {
            console_->Error("--imu: cannot start the IMU: " + LastLibraryError());
            k4a_device_stop_cameras(device_);
            return kExitUsage;
        }
    }
    return kExitOk;
}

bool Streamer::Limited() const
{
    if (options_.captures != 0 && totals_.captures >= options_.captures)
        return true;
    if (options_.duration_s > 0 && static_cast<double>(MonotonicNs() - start_ns_) / 1e9 >= options_.duration_s)
    {
        return true;
    }
    return false;
}

void Streamer::Loop()
{
    uint64_t last_capture_ns = start_ns_;
    for (;;)
    {
        if (StopSignal() != 0)
        {
            totals_.outcome = "interrupted";
            break;
        }
        if (Limited())
            break;
        int wait_ms = kPollMs;
        if (options_.duration_s > 0)
        {
            const double left_ms = options_.duration_s * 1e3 - static_cast<double>(MonotonicNs() - start_ns_) / 1e6;
            wait_ms = std::clamp(static_cast<int>(left_ms) + 1, 1, kPollMs);
        }
        k4a_capture_t capture = nullptr;
        const k4a_wait_result_t result = k4a_device_get_capture(device_, &capture, wait_ms);
        const uint64_t now = MonotonicNs();
        if (result == K4A_WAIT_RESULT_SUCCEEDED)
        {
            last_capture_ns = now;
            if (info_.imu_on)
                DrainImu();
            OnCapture(capture, now);
        }
        else if (result == K4A_WAIT_RESULT_FAILED)
        {
            openk4a_device_stats_t stats{};
            openk4a_device_get_stats(device_, &stats);
            if (stats.disconnected)
            {
                totals_.outcome = "disconnected";
                outcome_message_ =
                    Printf("device %u (serial %s) disappeared after %llu captures: unplugged or lost power",
                           info_.device_index, info_.serial.c_str(), static_cast<unsigned long long>(totals_.captures));
            }
            else
            {
                totals_.outcome = "failed";
                outcome_message_ = "the device stopped delivering captures: " + LastLibraryError();
            }
            break;
        }
        else if (now - last_capture_ns > static_cast<uint64_t>(options_.timeout_ms) * 1000000u)
        {
            totals_.outcome = "stalled";
            outcome_message_ = Printf("no capture from device %u for %.1f s (--timeout); giving up", info_.device_index,
                                      options_.timeout_ms / 1e3);
            break;
        }
        else if (info_.imu_on)
        {
            DrainImu();
        }
        ShowStatus(now);
    }
}

void Streamer::DrainImu()
{
    k4a_imu_sample_t sample;
    while (k4a_device_get_imu_sample(device_, &sample, 0) == K4A_WAIT_RESULT_SUCCEEDED)
    {
        recorder_.WriteImu(sample);
        totals_.imu_samples++;
        imu_since_capture_++;
    }
}

void Streamer::OnCapture(k4a_capture_t capture, uint64_t now_ns)
{
    CaptureInfo line;
    line.number = ++totals_.captures;
    line.imu_on = info_.imu_on;
    line.imu_samples = imu_since_capture_;
    imu_since_capture_ = 0;
    recorder_.WriteCapture(capture);
    uint64_t complete_ns = 0;
    for (int s = 0; s < OPENK4A_STREAM_COUNT; s++)
    {
        k4a_image_t image = s == OPENK4A_STREAM_COLOR ? k4a_capture_get_color_image(capture) :
                            s == OPENK4A_STREAM_DEPTH ? k4a_capture_get_depth_image(capture) :
                                                        k4a_capture_get_ir_image(capture);
        line.images[s] = DescribeImage(image);
        if (image == nullptr)
            continue;
        totals_.images[s]++;
        // The frame's last byte arrived at its system timestamp (a BGRA32
        // image keeps its MJPG frame's, so its decode counts as latency).
        complete_ns = std::max(complete_ns, k4a_image_get_system_timestamp_nsec(image));
        k4a_image_release(last_[s]);
        last_[s] = image; // keeps the reference get_*_image gave
    }
    if (complete_ns != 0 && now_ns >= complete_ns)
        totals_.latency.Add((now_ns - complete_ns) / 1000);
    k4a_capture_release(capture);

    if (console_->shows_status() || options_.progress == Progress::kNone)
        return;
    const uint64_t gap_ns = options_.line_rate > 0 ? static_cast<uint64_t>(1e9 / options_.line_rate) : 0;
    if (line.number == 1 || now_ns - last_line_ns_ >= gap_ns)
    {
        last_line_ns_ = now_ns;
        console_->Out(CaptureLine(line));
    }
}

void Streamer::ShowStatus(uint64_t now_ns)
{
    if (!console_->shows_status())
        return;
    if (static_cast<double>(now_ns - last_status_ns_) / 1e9 < kStatusPeriodS)
        return;
    last_status_ns_ = now_ns;
    openk4a_device_get_stats(device_, &totals_.device);
    console_->Status(status_line_.Update(static_cast<double>(now_ns - start_ns_) / 1e9, info_, totals_));
}

void Streamer::WritePictures()
{
    static const char *const kFiles[OPENK4A_STREAM_COUNT] = {"color.png", "depth.png", "ir.png"};
    static const char *const kLabels[OPENK4A_STREAM_COUNT] = {"colour", "depth", "IR"};
    static const char *const kWhat[OPENK4A_STREAM_COUNT] = {
        "colour", "depth colour-mapped: near blue to far red, no reading black", "IR as grey"};
    const k4a_device_configuration_t &c = info_.config;
    const bool enabled[OPENK4A_STREAM_COUNT] = {
        c.color_resolution != K4A_COLOR_RESOLUTION_OFF,
        c.depth_mode != K4A_DEPTH_MODE_OFF && c.depth_mode != K4A_DEPTH_MODE_PASSIVE_IR,
        c.depth_mode != K4A_DEPTH_MODE_OFF,
    };
    totals_.output_dir = options_.output_dir;
    for (int s = 0; s < OPENK4A_STREAM_COUNT; s++)
    {
        if (!enabled[s])
            continue;
        Picture picture;
        picture.stream = kLabels[s];
        picture.path = options_.output_dir + "/" + kFiles[s];
        picture.what = kWhat[s];
        if (last_[s] == nullptr)
        {
            picture.error = "no " + std::string(kLabels[s]) + " image arrived";
        }
        else
        {
            picture.width = k4a_image_get_width_pixels(last_[s]);
            picture.height = k4a_image_get_height_pixels(last_[s]);
            openk4a_png_error_t error;
            if (openk4a_image_write_png_explained(last_[s], picture.path.c_str(), nullptr, &error) !=
                K4A_RESULT_SUCCEEDED)
            {
                picture.error = error.message;
            }
        }
        totals_.pictures.push_back(picture);
    }
}

void Streamer::Finish()
{
    const CpuSnapshot cpu_end = CpuSnapshot::Take(); // before stopping: the threads still run
    totals_.cpu = cpu_end.Since(cpu_start_);
    totals_.elapsed_s = static_cast<double>(MonotonicNs() - start_ns_) / 1e9;
    openk4a_device_stats_t streaming{};
    openk4a_device_get_stats(device_, &streaming);
    if (info_.imu_on)
        k4a_device_stop_imu(device_);
    k4a_device_stop_cameras(device_);
    openk4a_device_get_stats(device_, &totals_.device);
    // What the stop itself counted STOPPED: queued or in flight, never asked for.
    totals_.captures_unread_at_stop = totals_.device.captures_dropped[OPENK4A_CAPTURE_DROP_STOPPED] -
                                      streaming.captures_dropped[OPENK4A_CAPTURE_DROP_STOPPED];
    for (int s = 0; s < OPENK4A_STREAM_COUNT; s++)
    {
        totals_.frames_unread_at_stop[s] = totals_.device.streams[s].frames_dropped[OPENK4A_FRAME_DROP_STOPPED] -
                                           streaming.streams[s].frames_dropped[OPENK4A_FRAME_DROP_STOPPED];
    }
}

StreamResult Streamer::Run()
{
    StreamResult result;
    std::string error;
    if (options_.png && !MakeDirectories(options_.output_dir, &error))
    {
        console_->Error("cannot create the output folder " + error);
        result.exit_status = kExitUsage;
        return result;
    }
    result.exit_status = Open();
    if (result.exit_status != kExitOk)
        return result;
    k4a_device_configuration_t config = DeviceConfiguration(options_);
    result.exit_status = CheckConfiguration(&config);
    if (result.exit_status != kExitOk)
        return result;
    result.exit_status = Start(config);
    if (result.exit_status != kExitOk)
        return result;
    if (!options_.record_path.empty() && !recorder_.Start(options_.record_path, device_, config, info_.imu_on, &error))
    {
        console_->Error(error);
        Finish();
        result.exit_status = kExitUsage;
        return result;
    }

    if (!options_.quiet && !options_.json)
    {
        std::string until = options_.captures != 0 ?
                                Printf("%llu captures", static_cast<unsigned long long>(options_.captures)) :
                                std::string();
        if (options_.duration_s > 0)
            until += Printf("%s%.1f s", until.empty() ? "" : " or ", options_.duration_s);
        console_->Out(Printf("Streaming from device %u, serial %s%s: ", info_.device_index, info_.serial.c_str(),
                             emulated_ ? " (emulated)" : "") +
                      ConfigurationText(info_) + "; " + (until.empty() ? "until Ctrl-C" : until + " (Ctrl-C stops)"));
    }
    Loop();
    Finish();
    if (recorder_.active())
    {
        if (recorder_.Close(&error))
        {
            if (!options_.json)
            {
                const LatencyHistogram &t = recorder_.write_time();
                console_->Out(Printf("Recorded %llu captures and %llu IMU samples to %s\n"
                                     "  k4a_record_write_capture held the streaming thread: mean %.3f ms, p99 %.3f "
                                     "ms, max %.3f ms",
                                     static_cast<unsigned long long>(recorder_.captures()),
                                     static_cast<unsigned long long>(recorder_.imu_samples()), recorder_.path().c_str(),
                                     t.mean_usec() / 1e3, t.Percentile(0.99) / 1e3,
                                     static_cast<double>(t.max_usec()) / 1e3));
            }
        }
        else
        {
            console_->Error(error);
            if (totals_.outcome == "completed")
                totals_.outcome = "failed";
        }
    }
    if (options_.png)
        WritePictures();
    for (k4a_image_t &image : last_)
    {
        k4a_image_release(image);
        image = nullptr;
    }
    k4a_device_close(device_);
    device_ = nullptr;

    if (!outcome_message_.empty())
        console_->Error(outcome_message_);
    if (totals_.outcome == "interrupted")
    {
        console_->Error(std::string("interrupted by ") + (StopSignal() == SIGTERM ? "SIGTERM" : "SIGINT") +
                        ": cameras stopped cleanly");
    }
    result.exit_status = totals_.outcome == "completed" || totals_.outcome == "interrupted" ? kExitOk : kExitFailed;
    for (const Picture &p : totals_.pictures)
    {
        if (!p.error.empty() && totals_.outcome == "completed")
            result.exit_status = kExitFailed;
    }
    if (totals_.outcome == "interrupted")
    {
        result.stop_signal = StopSignal();
        result.exit_status = 128 + result.stop_signal;
    }
    console_->Raw(options_.json ? SummaryJson(info_, totals_, result.exit_status) : SummaryText(info_, totals_));
    return result;
}

} // namespace

StreamResult RunStream(const Options &options, bool emulated, Console *console)
{
    Streamer streamer(options, emulated, console);
    return streamer.Run();
}

} // namespace openk4a::stream
