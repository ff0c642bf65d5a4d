// The pure parts of k4a-stream's output: latency statistics, JSON, capture
// lines, the summary and the status line.
#include "tools/stream/report.h"

#include <gtest/gtest.h>

#include <string>

#include "tools/stream/json_writer.h"
#include "tools/stream/latency_histogram.h"

namespace openk4a::stream
{
namespace
{

TEST(LatencyHistogram, ExactMeanAndMaxCloseQuantiles)
{
    LatencyHistogram h;
    EXPECT_EQ(h.Percentile(0.99), 0);
    for (uint64_t v = 1; v <= 1000; v++)
        h.Add(v * 10); // 10 us .. 10 ms
    EXPECT_EQ(h.count(), 1000u);
    EXPECT_DOUBLE_EQ(h.mean_usec(), 5005);
    EXPECT_EQ(h.max_usec(), 10000u);
    EXPECT_NEAR(h.Percentile(0.5), 5000, 5000 / 64.0);
    EXPECT_NEAR(h.Percentile(0.99), 9900, 9900 / 64.0);
    EXPECT_LE(h.Percentile(1.0), 10000);
    LatencyHistogram small;
    for (uint64_t v : {3, 3, 3, 40})
        small.Add(v);
    EXPECT_EQ(small.Percentile(0.5), 3); // small values are exact
    EXPECT_EQ(small.Percentile(0.99), 40);
    LatencyHistogram huge;
    huge.Add(UINT64_MAX / 2);
    EXPECT_GT(huge.Percentile(0.5), 0);
}

TEST(JsonWriter, NestedDocumentWithEscapes)
{
    JsonWriter j;
    j.BeginObject();
    j.Key("text").String("a\"b\\c\n\x01");
    j.Key("list").BeginArray().Integer(1).Signed(-2).Number(0.5).Bool(true).Null().EndArray();
    j.Key("empty").BeginObject().EndObject();
    j.Key("nan").Number(0.0 / 0.0);
    j.EndObject();
    EXPECT_EQ(j.text(), "{\n"
                        "  \"text\": \"a\\\"b\\\\c\\n\\u0001\",\n"
                        "  \"list\": [\n"
                        "    1,\n"
                        "    -2,\n"
                        "    0.5,\n"
                        "    true,\n"
                        "    null\n"
                        "  ],\n"
                        "  \"empty\": {},\n"
                        "  \"nan\": null\n"
                        "}\n");
}

TEST(Report, CaptureLineLikeTheSdkExample)
{
    CaptureInfo c;
    c.number = 12;
    c.images[OPENK4A_STREAM_COLOR] = {true, K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 5120, 400000};
    c.images[OPENK4A_STREAM_IR] = {true, K4A_IMAGE_FORMAT_IR16, 640, 576, 1280, 400123};
    c.imu_on = true;
    c.imu_samples = 53;
    EXPECT_EQ(CaptureLine(c),
              "Capture     12 | Color BGRA32 1280x720 stride 5120 ts 400000 us | Depth16 None | Ir16 640x576 stride "
              "1280 ts 400123 us | IMU 53 samples");
}

RunInfo Info()
{
    RunInfo info;
    info.serial = "000000000001";
    info.emulated = true;
    info.config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    info.config.color_resolution = K4A_COLOR_RESOLUTION_720P;
    info.config.depth_mode = K4A_DEPTH_MODE_NFOV_UNBINNED;
    info.imu_on = true;
    return info;
}

TEST(Report, SummaryCountsDropsByReason)
{
    RunTotals t;
    t.elapsed_s = 2;
    t.captures = 58;
    t.images = {55, 58, 58};
    t.imu_samples = 3200;
    t.device.streams[OPENK4A_STREAM_COLOR].frames_dropped[OPENK4A_FRAME_DROP_CORRUPT] = 2;
    t.device.streams[OPENK4A_STREAM_COLOR].frames_dropped[OPENK4A_FRAME_DROP_LOST_PAYLOAD] = 1;
    t.device.captures_dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL] = 4;
    t.device.streams[OPENK4A_STREAM_DEPTH].bytes_received = 20000000;
    t.latency.Add(500);
    t.latency.Add(1500);
    t.cpu.process_s = 0.58;
    t.cpu.ours_s = 0.29;
    t.cpu.others_s = 0.29;
    t.output_dir = "/tmp/x";
    t.pictures.push_back({"colour", "/tmp/x/color.png", 1280, 720, "colour", ""});
    t.pictures.push_back({"depth", "/tmp/x/depth.png", 640, 576, "depth", "disk full"});
    const std::string s = SummaryText(Info(), t);
    EXPECT_NE(s.find("Summary: 58 captures in 2.00 s (29.0 per second) from device 0, serial 000000000001 (emulated)"),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("colour  MJPG     1280x720         55     27.5  3 (LOST_PAYLOAD 1, CORRUPT 2)"), std::string::npos)
        << s;
    EXPECT_NE(s.find("IMU     -        -              3200   1600.0  0"), std::string::npos) << s;
    EXPECT_NE(s.find("4 dropped (QUEUE_FULL 4)"), std::string::npos) << s;
    EXPECT_NE(s.find("mean 1.00 ms"), std::string::npos) << s;
    EXPECT_NE(s.find("CPU per capture: 5.00 ms openk4a + k4a-stream, 5.00 ms the emulated device (process 10.00 ms)"),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("USB: 20.0 MB received, 10.0 MB/s"), std::string::npos) << s;
    EXPECT_NE(s.find("/tmp/x/depth.png  NOT WRITTEN: disk full"), std::string::npos) << s;
    EXPECT_EQ(StreamDrops(t, OPENK4A_STREAM_COLOR), "LOST_PAYLOAD 1, CORRUPT 2"); // in enum order
    EXPECT_EQ(CaptureDrops(t.device), "QUEUE_FULL 4");

    const std::string j = SummaryJson(Info(), t, 1);
    EXPECT_NE(j.find("\"exit_status\": 1"), std::string::npos) << j;
    EXPECT_NE(j.find("\"CORRUPT\": 2"), std::string::npos) << j;
    EXPECT_NE(j.find("\"QUEUE_FULL\": 4"), std::string::npos) << j;
    EXPECT_NE(j.find("\"depth\": null"), std::string::npos) << j; // not written
}

TEST(Report, Bgra32DecodeTimeFromTheDriverStats)
{
    RunInfo info = Info();
    info.config.color_format = K4A_IMAGE_FORMAT_COLOR_BGRA32;
    RunTotals t;
    t.captures = 10;
    t.elapsed_s = 1;
    t.device.streams[OPENK4A_STREAM_COLOR].frames_decoded = 10;
    t.device.streams[OPENK4A_STREAM_COLOR].decode_nsec = 25000000;
    t.device.streams[OPENK4A_STREAM_COLOR].frames_dropped[OPENK4A_FRAME_DROP_DECODER_BUSY] = 1;
    const std::string s = SummaryText(info, t);
    EXPECT_NE(s.find("colour BGRA32 1280x720 (fast decode)"), std::string::npos) << s;
    EXPECT_NE(s.find("colour decode to BGRA32: 10 frames, mean 2.50 ms from arrival to decoded"), std::string::npos)
        << s;
    EXPECT_NE(s.find("1 (DECODER_BUSY 1)"), std::string::npos) << s;
    EXPECT_NE(SummaryJson(info, t, 0).find("\"mean_ms\": 2.5"), std::string::npos);
    StatusLine line;
    RunTotals start;
    line.Update(0, info, start);
    EXPECT_NE(line.Update(1, info, t).find("| decode 2.50 ms |"), std::string::npos);
}

TEST(Report, WhatTheStopLeftUnreadIsNotADrop)
{
    RunTotals t;
    t.elapsed_s = 60;
    t.captures = 1800;
    t.images = {1800, 1800, 1800};
    // 3 captures and 1 IR frame STOPPED mid-run (a stall): drops. The stop at
    // the end added 2 queued captures and 1 IR frame: shown apart.
    t.device.captures_dropped[OPENK4A_CAPTURE_DROP_STOPPED] = 5;
    t.device.captures_dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL] = 1;
    t.device.streams[OPENK4A_STREAM_IR].frames_dropped[OPENK4A_FRAME_DROP_STOPPED] = 2;
    t.captures_unread_at_stop = 2;
    t.frames_unread_at_stop[OPENK4A_STREAM_IR] = 1;
    const std::string s = SummaryText(Info(), t);
    EXPECT_NE(s.find("4 dropped (QUEUE_FULL 1, STOPPED 3)"), std::string::npos) << s;
    EXPECT_NE(s.find("IR      Ir16     640x576        1800     30.0  1 (STOPPED 1)"), std::string::npos) << s;
    EXPECT_NE(s.find("at the stop: 2 captures still queued, 1 frames queued or in flight"), std::string::npos) << s;
    // The JSON keeps the device's counts, and says which part the stop added.
    const std::string j = SummaryJson(Info(), t, 0);
    EXPECT_NE(j.find("\"STOPPED\": 5"), std::string::npos) << j;
    EXPECT_NE(j.find("\"captures_unread_at_stop\": 2"), std::string::npos) << j;
    EXPECT_NE(j.find("\"unread_at_stop\": 1"), std::string::npos) << j;

    RunTotals clean;
    clean.elapsed_s = 1;
    EXPECT_EQ(SummaryText(Info(), clean).find("at the stop"), std::string::npos);
}

TEST(Report, StatusLineRatesOverTheLastSecond)
{
    StatusLine line;
    RunTotals t;
    RunInfo info = Info();
    line.Update(0, info, t);
    t.captures = 30;
    t.images = {30, 30, 30};
    t.imu_samples = 1600;
    t.device.streams[OPENK4A_STREAM_DEPTH].bytes_received = 5000000;
    const std::string s = line.Update(1.0, info, t);
    EXPECT_EQ(s, "   1.0 s     30 captures | drops 0 | colour 30.0 depth 30.0 IR 30.0 fps | IMU 1600 Hz | 5.0 MB/s");
    t.device.streams[OPENK4A_STREAM_COLOR].frames_dropped[OPENK4A_FRAME_DROP_CORRUPT] = 1;
    t.device.captures_dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL] = 2;
    const std::string later = line.Update(1.25, info, t);
    EXPECT_NE(later.find("| drops 3 |"), std::string::npos) << later;
    EXPECT_NE(later.find("| colour CORRUPT 1; captures QUEUE_FULL 2"), std::string::npos) << later;
}

} // namespace
} // namespace openk4a::stream
