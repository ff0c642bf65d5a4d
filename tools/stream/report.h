// What k4a-stream shows: a line per capture (as the SDK's streaming example),
// the live status line, and the summary at the end (text or JSON). Pure
// formatting of numbers the streamer collects.
#ifndef OPENK4A_TOOLS_STREAM_REPORT_H_
#define OPENK4A_TOOLS_STREAM_REPORT_H_

#include <k4a/k4a.h>
#include <stdint.h>

#include <array>
#include <string>
#include <vector>

#include "openk4a/device.h"
#include "tools/stream/cpu_time.h"
#include "tools/stream/latency_histogram.h"

namespace openk4a::stream
{

struct ImageInfo
{
    bool present = false;
    k4a_image_format_t format = K4A_IMAGE_FORMAT_CUSTOM;
    int width = 0;
    int height = 0;
    int stride = 0;
    uint64_t device_timestamp_usec = 0;
};

ImageInfo DescribeImage(k4a_image_t image);

struct CaptureInfo
{
    uint64_t number = 0; // 1, 2, ...
    std::array<ImageInfo, OPENK4A_STREAM_COUNT> images;
    bool imu_on = false;
    uint64_t imu_samples = 0; // since the previous capture
};

// "Capture 12 | Color MJPG 1280x720 stride 0 ts 400000 us | Depth16 ... | IMU 53 samples"
std::string CaptureLine(const CaptureInfo &capture);

// Facts of the run fixed at the start.
struct RunInfo
{
    uint32_t device_index = 0;
    std::string serial;
    bool emulated = false;
    k4a_device_configuration_t config{};
    bool accurate_decode = false; // BGRA32: the driver's accurate decode mode
    bool imu_on = false;
};

struct Picture
{
    const char *stream = ""; // "colour", "depth", "IR"
    std::string path;
    int width = 0;
    int height = 0;
    std::string what;  // "colour", "depth, colour-mapped", "IR, grey"
    std::string error; // empty when written
};

// "colour MJPG 1280x720, depth nfov_unbinned 640x576 at 30 fps, IMU on"
std::string ConfigurationText(const RunInfo &info);

// Totals at the end of a run (or when it was cut short).
struct RunTotals
{
    std::string outcome = "completed"; // completed, interrupted, disconnected, stalled, failed
    double elapsed_s = 0;
    uint64_t captures = 0;                               // shown (handed out by get_capture)
    std::array<uint64_t, OPENK4A_STREAM_COUNT> images{}; // images in those captures, per stream
    openk4a_device_stats_t device{};
    // Of the device's STOPPED counts, those that k4a_device_stop_cameras at
    // the end of the run added: captures still queued and frames in flight
    // that the program never asked for (the SDK discards them uncounted). Not
    // losses while streaming: the text summary shows them apart from drops.
    uint64_t captures_unread_at_stop = 0;
    std::array<uint64_t, OPENK4A_STREAM_COUNT> frames_unread_at_stop{};
    LatencyHistogram latency; // frame complete -> capture in hand (BGRA32 decode included)
    uint64_t imu_samples = 0;
    CpuSplit cpu;
    std::vector<Picture> pictures;
    std::string output_dir;
};

// The drop reasons of one stream as "LOST_PAYLOAD 1, CORRUPT 2" (in the
// enum's order), or "" when none; all of the device's counts (the unread at
// stop included, as in the JSON summary).
std::string StreamDrops(const RunTotals &totals, int stream);
// Capture drops as "QUEUE_FULL 3", or "".
std::string CaptureDrops(const openk4a_device_stats_t &stats);

std::string SummaryText(const RunInfo &info, const RunTotals &totals);
std::string SummaryJson(const RunInfo &info, const RunTotals &totals, int exit_status);

// The live status line: rates over the last second or so.
class StatusLine
{
public:
    // `now_s`: seconds since streaming started. Returns the line (no newline).
    std::string Update(double now_s, const RunInfo &info, const RunTotals &totals);

private:
    struct Sample
    {
        double t = 0;
        std::array<uint64_t, OPENK4A_STREAM_COUNT> images{};
        uint64_t imu = 0;
        uint64_t bytes = 0;
        uint64_t decoded = 0;
        uint64_t decode_nsec = 0;
    };
    std::vector<Sample> window_;
};

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_REPORT_H_
