#include "tools/stream/report.h"

#include <stdio.h>

#include <algorithm>
#include <string>

#include "openk4a/device.h"
#include "openk4a/version.h"
#include "tools/stream/json_writer.h"
#include "tools/stream/options.h"
#include "tools/stream/text.h"

namespace openk4a::stream
{
namespace
{

const char *const kStreamLabels[OPENK4A_STREAM_COUNT] = {"colour", "depth", "IR"};
const char *const kStreamKeys[OPENK4A_STREAM_COUNT] = {"color", "depth", "ir"};

bool StreamEnabled(const RunInfo &info, int stream)
{
    const k4a_device_configuration_t &c = info.config;
    switch (stream)
    {
    case OPENK4A_STREAM_COLOR:
        return c.color_resolution != K4A_COLOR_RESOLUTION_OFF;
    case OPENK4A_STREAM_DEPTH:
        return c.depth_mode != K4A_DEPTH_MODE_OFF && c.depth_mode != K4A_DEPTH_MODE_PASSIVE_IR;
    default:
        return c.depth_mode != K4A_DEPTH_MODE_OFF;
    }
}

Size StreamSize(const RunInfo &info, int stream)
{
    return stream == OPENK4A_STREAM_COLOR ? ColorSize(info.config.color_resolution) : DepthSize(info.config.depth_mode);
}

k4a_image_format_t StreamFormat(const RunInfo &info, int stream)
{
    return stream == OPENK4A_STREAM_COLOR ? info.config.color_format :
           stream == OPENK4A_STREAM_DEPTH ? K4A_IMAGE_FORMAT_DEPTH16 :
                                            K4A_IMAGE_FORMAT_IR16;
}

struct Reason
{
    std::string name;
    uint64_t count;
};

// `while_streaming`: without what the stop at the end left unread (RunTotals).
std::vector<Reason> StreamReasons(const RunTotals &totals, int stream, bool while_streaming = false)
{
    std::vector<Reason> reasons;
    const openk4a_stream_stats_t &s = totals.device.streams[stream];
    for (int r = 0; r < OPENK4A_FRAME_DROP_REASON_COUNT; r++)
    {
        uint64_t count = s.frames_dropped[r];
        if (while_streaming && r == OPENK4A_FRAME_DROP_STOPPED)
            count -= std::min(count, totals.frames_unread_at_stop[stream]);
        if (count != 0)
            reasons.push_back({openk4a_frame_drop_reason_name(static_cast<openk4a_frame_drop_reason_t>(r)), count});
    }
    return reasons;
}

uint64_t Sum(const std::vector<Reason> &reasons)
{
    uint64_t n = 0;
    for (const Reason &r : reasons)
        n += r.count;
    return n;
}

std::string Join(const std::vector<Reason> &reasons)
{
    std::string s;
    for (const Reason &r : reasons)
        s += (s.empty() ? "" : ", ") + r.name + " " + std::to_string(r.count);
    return s;
}

// Without `unread_at_stop` of the STOPPED count (RunTotals).
std::vector<Reason> CaptureReasons(const openk4a_device_stats_t &stats, uint64_t unread_at_stop = 0)
{
    std::vector<Reason> reasons;
    for (int r = 0; r < OPENK4A_CAPTURE_DROP_REASON_COUNT; r++)
    {
        uint64_t count = stats.captures_dropped[r];
        if (r == OPENK4A_CAPTURE_DROP_STOPPED)
            count -= std::min(count, unread_at_stop);
        if (count != 0)
            reasons.push_back({openk4a_capture_drop_reason_name(static_cast<openk4a_capture_drop_reason_t>(r)), count});
    }
    return reasons;
}

uint64_t BytesReceived(const openk4a_device_stats_t &stats)
{
    uint64_t bytes = 0;
    for (const openk4a_stream_stats_t &s : stats.streams)
        bytes += s.bytes_received;
    return bytes;
}

double Rate(double count, double seconds)
{
    return seconds > 0 ? count / seconds : 0;
}

std::string Ms(double usec)
{
    return Printf("%.2f ms", usec / 1000.0);
}

} // namespace

std::string ConfigurationText(const RunInfo &info)
{
    std::string s;
    const k4a_device_configuration_t &c = info.config;
    if (c.color_resolution != K4A_COLOR_RESOLUTION_OFF)
    {
        const Size size = ColorSize(c.color_resolution);
        s += Printf("colour %s %dx%d", ImageFormatLabel(c.color_format), size.width, size.height);
        if (c.color_format == K4A_IMAGE_FORMAT_COLOR_BGRA32)
            s += info.accurate_decode ? " (accurate decode)" : " (fast decode)";
    }
    if (c.depth_mode != K4A_DEPTH_MODE_OFF)
    {
        const Size size = DepthSize(c.depth_mode);
        s += Printf("%sdepth %s %dx%d", s.empty() ? "" : ", ", DepthModeName(c.depth_mode), size.width, size.height);
    }
    s += Printf(" at %u fps", openk4a_fps_to_uint(c.camera_fps));
    if (c.synchronized_images_only)
        s += ", synchronized only";
    if (c.depth_delay_off_color_usec != 0)
        s += Printf(", depth delay %d us", c.depth_delay_off_color_usec);
    s += info.imu_on ? ", IMU on" : ", IMU off";
    return s;
}

ImageInfo DescribeImage(k4a_image_t image)
{
    ImageInfo info;
    if (image == nullptr)
        return info;
    info.present = true;
    info.format = k4a_image_get_format(image);
    info.width = k4a_image_get_width_pixels(image);
    info.height = k4a_image_get_height_pixels(image);
    info.stride = k4a_image_get_stride_bytes(image);
    info.device_timestamp_usec = k4a_image_get_device_timestamp_usec(image);
    return info;
}

std::string CaptureLine(const CaptureInfo &capture)
{
    static const char *const kNames[OPENK4A_STREAM_COUNT] = {"Color", "Depth16", "Ir16"};
    std::string line = Printf("Capture %6llu", static_cast<unsigned long long>(capture.number));
    for (int s = 0; s < OPENK4A_STREAM_COUNT; s++)
    {
        const ImageInfo &image = capture.images[s];
        if (!image.present)
        {
            line += Printf(" | %s None", kNames[s]);
            continue;
        }
        const std::string name = s == OPENK4A_STREAM_COLOR ? std::string("Color ") + ImageFormatLabel(image.format) :
                                                             ImageFormatLabel(image.format);
        line += Printf(" | %s %dx%d stride %d ts %llu us", name.c_str(), image.width, image.height, image.stride,
                       static_cast<unsigned long long>(image.device_timestamp_usec));
    }
    if (capture.imu_on)
        line += Printf(" | IMU %llu samples", static_cast<unsigned long long>(capture.imu_samples));
    return line;
}

std::string StreamDrops(const RunTotals &totals, int stream)
{
    return Join(StreamReasons(totals, stream));
}

std::string CaptureDrops(const openk4a_device_stats_t &stats)
{
    return Join(CaptureReasons(stats));
}

std::string SummaryText(const RunInfo &info, const RunTotals &totals)
{
    std::string s;
    const char *how = totals.outcome == "completed"    ? "" :
                      totals.outcome == "interrupted"  ? " (interrupted)" :
                      totals.outcome == "disconnected" ? " (the device disappeared)" :
                      totals.outcome == "stalled"      ? " (the device stopped sending)" :
                                                         " (failed)";
    s += Printf("Summary%s: %llu captures in %.2f s (%.1f per second) from device %u, serial %s%s\n", how,
                static_cast<unsigned long long>(totals.captures), totals.elapsed_s,
                Rate(static_cast<double>(totals.captures), totals.elapsed_s), info.device_index, info.serial.c_str(),
                info.emulated ? " (emulated)" : "");
    s += "  " + ConfigurationText(info) + "\n";
    s += Printf("  %-7s %-8s %-10s %8s %8s  %s\n", "stream", "format", "size", "frames", "fps", "dropped");
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (!StreamEnabled(info, i))
            continue;
        const Size size = StreamSize(info, i);
        const std::vector<Reason> reasons = StreamReasons(totals, i, true);
        const std::string dropped = reasons.empty() ? "0" : std::to_string(Sum(reasons)) + " (" + Join(reasons) + ")";
        const std::string dims = std::to_string(size.width) + "x" + std::to_string(size.height);
        s += Printf("  %-7s %-8s %-10s %8llu %8.1f  %s\n", kStreamLabels[i], ImageFormatLabel(StreamFormat(info, i)),
                    dims.c_str(), static_cast<unsigned long long>(totals.images[i]),
                    Rate(static_cast<double>(totals.images[i]), totals.elapsed_s), dropped.c_str());
    }
    if (info.imu_on)
    {
        const uint64_t dropped = totals.device.imu_samples_dropped;
        s += Printf("  %-7s %-8s %-10s %8llu %8.1f  %llu%s\n", "IMU", "-", "-",
                    static_cast<unsigned long long>(totals.imu_samples),
                    Rate(static_cast<double>(totals.imu_samples), totals.elapsed_s),
                    static_cast<unsigned long long>(dropped), dropped != 0 ? " (QUEUE_FULL: read too slowly)" : "");
    }
    const std::vector<Reason> capture_reasons = CaptureReasons(totals.device, totals.captures_unread_at_stop);
    s += Printf("  captures: %llu shown, %llu partial (an enabled image missing), %llu dropped%s\n",
                static_cast<unsigned long long>(totals.captures),
                static_cast<unsigned long long>(totals.device.captures_partial),
                static_cast<unsigned long long>(Sum(capture_reasons)),
                capture_reasons.empty() ? "" : (" (" + Join(capture_reasons) + ")").c_str());
    uint64_t frames_unread = 0;
    for (uint64_t n : totals.frames_unread_at_stop)
        frames_unread += n;
    if (totals.captures_unread_at_stop != 0 || frames_unread != 0)
    {
        s += Printf("  at the stop: %llu captures still queued, %llu frames queued or in flight (never asked for; "
                    "counted STOPPED in --json, not as drops here)\n",
                    static_cast<unsigned long long>(totals.captures_unread_at_stop),
                    static_cast<unsigned long long>(frames_unread));
    }
    if (totals.latency.count() > 0)
    {
        s += "  latency, frame complete -> capture in hand" +
             std::string(info.config.color_format == K4A_IMAGE_FORMAT_COLOR_BGRA32 ? " (BGRA32 decode included)" : "") +
             ": mean " + Ms(totals.latency.mean_usec()) + ", p99 " + Ms(totals.latency.Percentile(0.99)) + ", max " +
             Ms(static_cast<double>(totals.latency.max_usec())) + "\n";
    }
    const openk4a_stream_stats_t &color = totals.device.streams[OPENK4A_STREAM_COLOR];
    if (color.frames_decoded > 0)
    {
        s += Printf(
            "  colour decode to BGRA32: %llu frames, mean %s from arrival to decoded\n",
            static_cast<unsigned long long>(color.frames_decoded),
            Ms(static_cast<double>(color.decode_nsec) / 1e3 / static_cast<double>(color.frames_decoded)).c_str());
    }
    if (totals.captures > 0)
    {
        const double n = static_cast<double>(totals.captures);
        if (info.emulated)
        {
            s += Printf(
                "  CPU per capture: %.2f ms openk4a + k4a-stream, %.2f ms the emulated device (process %.2f ms)\n",
                totals.cpu.ours_s * 1e3 / n, totals.cpu.others_s * 1e3 / n, totals.cpu.process_s * 1e3 / n);
        }
        else
        {
            s += Printf("  CPU per capture: %.2f ms\n", totals.cpu.process_s * 1e3 / n);
        }
    }
    const uint64_t bytes = BytesReceived(totals.device);
    uint64_t errors = 0, stalls = 0;
    for (const openk4a_stream_stats_t &st : totals.device.streams)
    {
        errors += st.transfer_errors;
        stalls += st.stalls_cleared;
    }
    s += Printf("  USB: %.1f MB received, %.1f MB/s, %llu transfer errors, %llu stalls cleared\n", bytes / 1e6,
                Rate(static_cast<double>(bytes) / 1e6, totals.elapsed_s), static_cast<unsigned long long>(errors),
                static_cast<unsigned long long>(stalls));
    if (!totals.pictures.empty())
    {
        s += "Pictures of the last capture in " + totals.output_dir + ":\n";
        for (const Picture &p : totals.pictures)
        {
            if (p.error.empty())
            {
                s += Printf("  %-7s %s  (%dx%d, %s)\n", p.stream, p.path.c_str(), p.width, p.height, p.what.c_str());
            }
            else
            {
                s += Printf("  %-7s %s  NOT WRITTEN: %s\n", p.stream, p.path.c_str(), p.error.c_str());
            }
        }
    }
    return s;
}

std::string SummaryJson(const RunInfo &info, const RunTotals &totals, int exit_status)
{
    JsonWriter j;
    const k4a_device_configuration_t &c = info.config;
    j.BeginObject();
    j.Key("program").String("k4a-stream");
    j.Key("version").String(openk4a_version_string());
    j.Key("outcome").String(totals.outcome);
    j.Key("exit_status").Signed(exit_status);
    j.Key("device").BeginObject();
    j.Key("index").Integer(info.device_index);
    j.Key("serial").String(info.serial);
    j.Key("emulated").Bool(info.emulated);
    j.EndObject();
    j.Key("configuration").BeginObject();
    j.Key("color_resolution").String(ColorResolutionName(c.color_resolution));
    j.Key("color_format").String(ColorFormatName(c.color_format));
    j.Key("depth_mode").String(DepthModeName(c.depth_mode));
    j.Key("fps").Integer(openk4a_fps_to_uint(c.camera_fps));
    j.Key("synchronized_images_only").Bool(c.synchronized_images_only);
    j.Key("depth_delay_off_color_usec").Signed(c.depth_delay_off_color_usec);
    j.Key("imu").Bool(info.imu_on);
    j.EndObject();
    j.Key("elapsed_s").Number(totals.elapsed_s);
    j.Key("captures").Integer(totals.captures);
    j.Key("captures_partial").Integer(totals.device.captures_partial);
    j.Key("captures_dropped").BeginObject();
    for (int r = 0; r < OPENK4A_CAPTURE_DROP_REASON_COUNT; r++)
    {
        j.Key(openk4a_capture_drop_reason_name(static_cast<openk4a_capture_drop_reason_t>(r)))
            .Integer(totals.device.captures_dropped[r]);
    }
    j.EndObject();
    j.Key("captures_unread_at_stop").Integer(totals.captures_unread_at_stop); // of STOPPED above
    j.Key("streams").BeginObject();
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (!StreamEnabled(info, i))
            continue;
        const Size size = StreamSize(info, i);
        const openk4a_stream_stats_t &st = totals.device.streams[i];
        j.Key(kStreamKeys[i]).BeginObject();
        j.Key("format").String(ImageFormatLabel(StreamFormat(info, i)));
        j.Key("width").Integer(static_cast<uint64_t>(size.width));
        j.Key("height").Integer(static_cast<uint64_t>(size.height));
        j.Key("frames").Integer(totals.images[i]);
        j.Key("fps").Number(Rate(static_cast<double>(totals.images[i]), totals.elapsed_s));
        j.Key("frames_received").Integer(st.frames_received);
        j.Key("frames_delivered").Integer(st.frames_delivered);
        j.Key("bytes_received").Integer(st.bytes_received);
        j.Key("transfer_errors").Integer(st.transfer_errors);
        j.Key("dropped").BeginObject();
        for (const Reason &r : StreamReasons(totals, i))
            j.Key(r.name).Integer(r.count);
        j.EndObject();
        j.Key("unread_at_stop").Integer(totals.frames_unread_at_stop[i]); // of STOPPED above
        j.EndObject();
    }
    j.EndObject();
    j.Key("imu");
    if (info.imu_on)
    {
        j.BeginObject();
        j.Key("samples").Integer(totals.imu_samples);
        j.Key("dropped").Integer(totals.device.imu_samples_dropped);
        j.Key("bad_packets").Integer(totals.device.imu_packets_bad);
        j.EndObject();
    }
    else
    {
        j.Null();
    }
    j.Key("latency_ms");
    if (totals.latency.count() > 0)
    {
        j.BeginObject();
        j.Key("mean").Number(totals.latency.mean_usec() / 1e3);
        j.Key("p50").Number(totals.latency.Percentile(0.5) / 1e3);
        j.Key("p99").Number(totals.latency.Percentile(0.99) / 1e3);
        j.Key("max").Number(static_cast<double>(totals.latency.max_usec()) / 1e3);
        j.EndObject();
    }
    else
    {
        j.Null();
    }
    const openk4a_stream_stats_t &color = totals.device.streams[OPENK4A_STREAM_COLOR];
    j.Key("decode");
    if (color.frames_decoded > 0)
    {
        j.BeginObject();
        j.Key("frames").Integer(color.frames_decoded);
        j.Key("mean_ms").Number(static_cast<double>(color.decode_nsec) / 1e6 /
                                static_cast<double>(color.frames_decoded));
        j.EndObject();
    }
    else
    {
        j.Null();
    }
    const double n = static_cast<double>(std::max<uint64_t>(totals.captures, 1));
    j.Key("cpu_ms_per_capture").BeginObject();
    j.Key("process").Number(totals.cpu.process_s * 1e3 / n);
    if (info.emulated)
    {
        j.Key("openk4a").Number(totals.cpu.ours_s * 1e3 / n);
        j.Key("emulated_device").Number(totals.cpu.others_s * 1e3 / n);
    }
    j.EndObject();
    j.Key("usb_mb_per_s").Number(Rate(static_cast<double>(BytesReceived(totals.device)) / 1e6, totals.elapsed_s));
    j.Key("disconnected").Bool(totals.device.disconnected);
    j.Key("pictures").BeginObject();
    for (const Picture &p : totals.pictures)
    {
        j.Key(p.stream == std::string("colour") ? "color" : p.stream == std::string("depth") ? "depth" : "ir");
        if (p.error.empty())
        {
            j.String(p.path);
        }
        else
        {
            j.Null();
        }
    }
    j.EndObject();
    j.EndObject();
    return j.text();
}

std::string StatusLine::Update(double now_s, const RunInfo &info, const RunTotals &totals)
{
    Sample sample;
    sample.t = now_s;
    sample.images = totals.images;
    sample.imu = totals.imu_samples;
    sample.bytes = BytesReceived(totals.device);
    sample.decoded = totals.device.streams[OPENK4A_STREAM_COLOR].frames_decoded;
    sample.decode_nsec = totals.device.streams[OPENK4A_STREAM_COLOR].decode_nsec;
    window_.push_back(sample);
    // Keep about a second: the oldest sample at least 1 s back, if there is one.
    while (window_.size() > 2 && now_s - window_[1].t >= 1.0)
        window_.erase(window_.begin());
    const Sample &first = window_.front();
    const double dt = now_s - first.t;
    // Most telling first: a narrow terminal cuts the end of the line.
    std::string reasons;
    uint64_t drops = 0;
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        const std::vector<Reason> r = StreamReasons(totals, i);
        drops += Sum(r);
        if (!r.empty())
            reasons += (reasons.empty() ? "" : "; ") + std::string(kStreamLabels[i]) + " " + Join(r);
    }
    const std::vector<Reason> capture_reasons = CaptureReasons(totals.device);
    drops += Sum(capture_reasons);
    if (!capture_reasons.empty())
        reasons += (reasons.empty() ? "" : "; ") + std::string("captures ") + Join(capture_reasons);
    std::string s = Printf("%6.1f s %6llu captures | drops %llu |", now_s,
                           static_cast<unsigned long long>(totals.captures), static_cast<unsigned long long>(drops));
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        if (!StreamEnabled(info, i))
            continue;
        s += Printf(" %s %.1f", kStreamLabels[i], Rate(static_cast<double>(sample.images[i] - first.images[i]), dt));
    }
    s += " fps";
    if (info.imu_on)
        s += Printf(" | IMU %.0f Hz", Rate(static_cast<double>(sample.imu - first.imu), dt));
    if (sample.decoded > first.decoded)
    {
        s += " | decode " + Ms(static_cast<double>(sample.decode_nsec - first.decode_nsec) / 1e3 /
                               static_cast<double>(sample.decoded - first.decoded));
    }
    s += Printf(" | %.1f MB/s", Rate(static_cast<double>(sample.bytes - first.bytes) / 1e6, dt));
    if (!reasons.empty())
        s += " | " + reasons;
    return s;
}

} // namespace openk4a::stream
