#include "tools/stream/recorder.h"

#include <chrono>

#include "tools/stream/text.h"

namespace openk4a::stream
{

Recorder::~Recorder()
{
    if (record_ != nullptr)
        k4a_record_close(record_);
}

bool Recorder::Start(const std::string &path, k4a_device_t device, const k4a_device_configuration_t &config, bool imu,
                     std::string *error)
{
    path_ = path;
    imu_ = imu;
    if (k4a_record_create(path.c_str(), device, config, &record_) != K4A_RESULT_SUCCEEDED)
    {
        *error = "--record: cannot create " + path;
        return false;
    }
    if ((imu && k4a_record_add_imu_track(record_) != K4A_RESULT_SUCCEEDED) ||
        k4a_record_write_header(record_) != K4A_RESULT_SUCCEEDED)
    {
        *error = "--record: cannot set up " + path;
        k4a_record_close(record_);
        record_ = nullptr;
        return false;
    }
    return true;
}

void Recorder::WriteCapture(k4a_capture_t capture)
{
    if (record_ == nullptr)
        return;
    const auto start = std::chrono::steady_clock::now();
    const bool written = k4a_record_write_capture(record_, capture) == K4A_RESULT_SUCCEEDED;
    const auto held = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    write_time_.Add(static_cast<uint64_t>(held.count()));
    if (written)
    {
        captures_++;
    }
    else
    {
        failures_++;
    }
}

void Recorder::WriteImu(const k4a_imu_sample_t &sample)
{
    if (record_ == nullptr || !imu_)
        return;
    if (k4a_record_write_imu_sample(record_, sample) == K4A_RESULT_SUCCEEDED)
    {
        imu_samples_++;
    }
    else
    {
        failures_++;
    }
}

bool Recorder::Close(std::string *error)
{
    if (record_ == nullptr)
        return true;
    const bool flushed = k4a_record_flush(record_) == K4A_RESULT_SUCCEEDED;
    k4a_record_close(record_);
    record_ = nullptr;
    if (!flushed || failures_ > 0)
    {
        *error = Printf("--record: %s: %llu writes failed%s (see the library's messages, -v)", path_.c_str(),
                        static_cast<unsigned long long>(failures_), flushed ? "" : " and the final flush failed");
        return false;
    }
    return true;
}

} // namespace openk4a::stream
