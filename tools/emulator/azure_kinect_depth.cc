#include "tools/emulator/azure_kinect_depth.h"

#include <string.h>

#include <utility>

#include "tools/emulator/frame_clock.h"
#include "tools/emulator/test_depth_frame.h"

namespace openk4a::emulator
{

namespace
{

using Clock = std::chrono::steady_clock;

constexpr size_t kKeptSeeds = 512;

uint32_t U32(const uint8_t *p)
{
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
           static_cast<uint32_t>(p[3]) << 24;
}

void PutU32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

// The body of every TEST frame of `size` bytes (the header is sent apart).
std::shared_ptr<const std::vector<uint8_t>> Body(size_t size)
{
    auto body = std::make_shared<std::vector<uint8_t>>(size);
    for (size_t i = 0; i < size; i++)
        (*body)[i] = ok4a_test_depth_body_byte(static_cast<uint32_t>(i));
    return body;
}

} // namespace

AzureKinectDepthSensor::AzureKinectDepthSensor() : epoch_(Clock::now()) {}

AzureKinectDepthSensor::~AzureKinectDepthSensor()
{
    Stop();
}

void AzureKinectDepthSensor::SetEpoch(Clock::time_point epoch)
{
    std::lock_guard<std::mutex> lock(mutex_);
    epoch_ = epoch;
}

size_t AzureKinectDepthSensor::RawSize(uint32_t sensor_mode)
{
    switch (sensor_mode)
    {
    case OPENK4A_K4A_MCU_SENSOR_MODE_PSEUDO_COMMON:
        return OPENK4A_K4A_MCU_SENSOR_MODE_PSEUDO_COMMON_SIZE;
    case OPENK4A_K4A_MCU_SENSOR_MODE_LONG_THROW_NATIVE:
        return OPENK4A_K4A_MCU_SENSOR_MODE_LONG_THROW_NATIVE_SIZE;
    case OPENK4A_K4A_MCU_SENSOR_MODE_MEGA_PIXEL:
        return OPENK4A_K4A_MCU_SENSOR_MODE_MEGA_PIXEL_SIZE;
    case OPENK4A_K4A_MCU_SENSOR_MODE_QUARTER_MEGA_PIXEL:
        return OPENK4A_K4A_MCU_SENSOR_MODE_QUARTER_MEGA_PIXEL_SIZE;
    default:
        return 0;
    }
}

uint32_t AzureKinectDepthSensor::SeedFor(uint64_t number)
{
    return static_cast<uint32_t>(number * 2654435761u) ^ 0x5A5Au;
}

bool AzureKinectDepthSensor::Answer(const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                                    std::vector<uint8_t> *reply, uint32_t *status)
{
    constexpr uint32_t kFail = 1;
    std::unique_lock<std::mutex> lock(mutex_);
    *status = OPENK4A_K4A_MCU_STATUS_PASS;
    switch (header.command)
    {
    case OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_MODE_SET:
        if (size < 4 || RawSize(U32(data)) == 0 || counters_.streaming)
            *status = kFail;
        else
            counters_.sensor_mode = U32(data);
        return true;
    case OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_FPS_SET:
        if (size < 4 || (U32(data) != 5 && U32(data) != 15 && U32(data) != 30) || counters_.streaming)
            *status = kFail;
        else
            counters_.fps = U32(data);
        return true;
    case OPENK4A_K4A_MCU_DEPTH_CMD_NV_DATA_GET:
        if (size < 4 || U32(data) != OPENK4A_K4A_MCU_NV_IR_SENSOR_CALIBRATION)
        {
            *status = kFail;
            return true;
        }
        reply->assign(OK4A_TEST_DEPTH_CAL_SIZE, 0);
        memcpy(reply->data(), OK4A_TEST_DEPTH_CAL_MAGIC, sizeof OK4A_TEST_DEPTH_CAL_MAGIC - 1);
        return true;
    case OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_START:
        sensor_on_ = true;
        return true;
    case OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_START:
        if (!sensor_on_ || counters_.sensor_mode == 0 || counters_.fps == 0 || counters_.streaming)
        {
            *status = kFail;
            return true;
        }
        counters_.streaming = true;
        quit_ = false;
        thread_ = std::thread(&AzureKinectDepthSensor::Run, this);
        return true;
    case OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_STOP:
        StopLocked(&lock);
        return true;
    case OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STOP:
        StopLocked(&lock);
        sensor_on_ = false;
        return true;
    default:
        return false;
    }
}

void AzureKinectDepthSensor::StopLocked(std::unique_lock<std::mutex> *lock)
{
    quit_ = true;
    counters_.streaming = false;
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
    {
        std::thread thread = std::move(thread_);
        lock->unlock();
        thread.join();
        lock->lock();
    }
}

void AzureKinectDepthSensor::Stop()
{
    std::unique_lock<std::mutex> lock(mutex_);
    StopLocked(&lock);
    sensor_on_ = false;
}

void AzureKinectDepthSensor::InjectFault(RawDepthFault fault, int count)
{
    std::lock_guard<std::mutex> lock(mutex_);
    faults_[fault] += count;
}

void AzureKinectDepthSensor::Pause(bool paused)
{
    std::lock_guard<std::mutex> lock(mutex_);
    paused_ = paused;
}

RawDepthCounters AzureKinectDepthSensor::counters()
{
    std::lock_guard<std::mutex> lock(mutex_);
    return counters_;
}

bool AzureKinectDepthSensor::SeedOfFrame(uint64_t number, uint32_t *seed)
{
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sent_.find(number);
    if (it == sent_.end())
        return false;
    *seed = it->second;
    return true;
}

void AzureKinectDepthSensor::Run()
{
    std::unique_lock<std::mutex> lock(mutex_);
    const uint32_t mode = counters_.sensor_mode, fps = counters_.fps;
    const size_t raw_size = RawSize(mode);
    const auto body = Body(raw_size + 64);
    const auto period = std::chrono::nanoseconds(1000000000 / fps);
    // The next frame on the grid that starts at the epoch.
    uint64_t number = FrameAt(epoch_, period, Clock::now()) + 1;
    while (!quit_)
    {
        const Clock::time_point due = epoch_ + number * period;
        if (wake_.wait_until(lock, due, [this] { return quit_; }))
            break;
        uint64_t late = 0;
        number = FrameToSend(epoch_, period, number, Clock::now(), &late);
        counters_.frames_late += late;
        if (paused_ || transport_ == nullptr || !transport_->plugged() || transport_->PendingUrbs(kRawDepthIn) == 0)
        {
            if (!paused_)
                counters_.frames_skipped++;
            number++;
            continue;
        }
        RawDepthFault fault = RawDepthFault::kShortFrame;
        bool faulty = false;
        for (auto &f : faults_)
        {
            if (f.second > 0)
            {
                fault = f.first;
                f.second--;
                faulty = true;
                break;
            }
        }
        const uint32_t seed = SeedFor(number);
        size_t size = raw_size;
        if (faulty && fault == RawDepthFault::kShortFrame)
            size -= 1000;
        if (faulty && fault == RawDepthFault::kOversizedFrame)
            size += 48;
        const uint64_t ticks =
            faulty && fault == RawDepthFault::kZeroExposure ? 0 : number * 90000u / fps; // the 90 kHz device clock
        Payload p;
        p.header.assign(OK4A_TEST_DEPTH_HEADER_SIZE, 0);
        PutU32(&p.header[0], OK4A_TEST_DEPTH_MAGIC ^ (faulty && fault == RawDepthFault::kCorruptHeader ? 0xFFu : 0u));
        PutU32(&p.header[4], mode);
        PutU32(&p.header[8], static_cast<uint32_t>(number));
        PutU32(&p.header[12], faulty && fault == RawDepthFault::kEngineFails ? OK4A_TEST_DEPTH_FAIL : 0u);
        PutU32(&p.header[16], static_cast<uint32_t>(ticks));
        PutU32(&p.header[20], static_cast<uint32_t>(ticks >> 32));
        PutU32(&p.header[24], seed);
        PutU32(&p.header[28], static_cast<uint32_t>(size));
        p.body = body;
        p.offset = OK4A_TEST_DEPTH_HEADER_SIZE;
        p.length = size - OK4A_TEST_DEPTH_HEADER_SIZE;
        sent_[number] = seed;
        if (sent_.size() > kKeptSeeds)
            sent_.erase(sent_.begin());
        counters_.frames_sent++;
        number++;
        UsbfsDevice *transport = transport_;
        lock.unlock();
        std::vector<Payload> payloads;
        payloads.push_back(std::move(p));
        transport->Send(kRawDepthIn, std::move(payloads), 2 * raw_size);
        lock.lock();
    }
}

} // namespace openk4a::emulator
