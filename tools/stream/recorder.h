// k4a-stream --record: writes what is streamed to a k4arecord (Matroska) file,
// as k4arecorder would (<k4arecord/record.h>).
#ifndef OPENK4A_TOOLS_STREAM_RECORDER_H_
#define OPENK4A_TOOLS_STREAM_RECORDER_H_

#include <k4a/k4a.h>
#include <k4arecord/record.h>

#include <cstdint>
#include <string>

#include "tools/stream/latency_histogram.h"

namespace openk4a::stream
{

class Recorder
{
public:
    Recorder() = default;
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;
    ~Recorder();

    // Creates `path` for `config` (with an IMU track when `imu`) and writes its
    // header; false with the reason in `error`.
    bool Start(const std::string &path, k4a_device_t device, const k4a_device_configuration_t &config, bool imu,
               std::string *error);
    bool active() const
    {
        return record_ != nullptr;
    }

    // Each failure is counted (the library logs why); writing goes on. The
    // time each call holds the streaming thread is kept (write_time()).
    void WriteCapture(k4a_capture_t capture);
    void WriteImu(const k4a_imu_sample_t &sample);

    // Finishes the file (cues, seek head, duration). False, with the reason,
    // when any write failed.
    bool Close(std::string *error);

    const std::string &path() const
    {
        return path_;
    }
    uint64_t captures() const
    {
        return captures_;
    }
    uint64_t imu_samples() const
    {
        return imu_samples_;
    }
    // Microseconds per k4a_record_write_capture call.
    const LatencyHistogram &write_time() const
    {
        return write_time_;
    }

private:
    k4a_record_t record_ = nullptr;
    std::string path_;
    bool imu_ = false;
    uint64_t captures_ = 0;
    uint64_t imu_samples_ = 0;
    uint64_t failures_ = 0;
    LatencyHistogram write_time_;
};

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_RECORDER_H_
