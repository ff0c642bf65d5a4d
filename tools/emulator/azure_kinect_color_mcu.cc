#include "tools/emulator/azure_kinect_color_mcu.h"

#include <errno.h>

#include <memory>
#include <utility>
#include <vector>

#include "openk4a/usb/imu_packet.h"
#include "openk4a/usb/k4a_vendor_wire.h"

namespace openk4a::emulator
{
namespace
{

constexpr uint8_t kCommandOut = 0x04, kCommandIn = 0x83, kImuIn = 0x82;
constexpr int64_t kSamplePeriodUs = 600;
constexpr int64_t kPacketPeriodUs = kAzureKinectImuSamplesPerPacket * kSamplePeriodUs;
constexpr uint64_t kUptimePackets = 3600ull * 1000000 / kPacketPeriodUs; // the clock at an hour

// A raw axis value that walks the i16 range at its own pace per axis.
int16_t Walk(uint64_t sample, uint32_t stride, uint32_t offset)
{
    return static_cast<int16_t>(static_cast<uint16_t>(sample * stride + offset));
}

} // namespace

AzureKinectImuPacket MakeAzureKinectImuPacket(uint64_t n)
{
    AzureKinectImuPacket p{};
    p.temperature.reporting_rate_us = 1000000;
    p.temperature.sensitivity = 256;
    p.temperature.value = static_cast<int16_t>(4000 + static_cast<int>(n % 512)); // 30.6 .. 32.6 C
    p.gyro.sensitivity = 61035;                                                   // 2000 dps full scale
    p.accel.sensitivity = 244;                                                    // 8 g full scale
    p.gyro.sample_rate_us = p.accel.sample_rate_us = kSamplePeriodUs;
    p.gyro.sample_count = p.accel.sample_count = kAzureKinectImuSamplesPerPacket;
    for (int i = 0; i < kAzureKinectImuSamplesPerPacket; i++)
    {
        const uint64_t sample = n * kAzureKinectImuSamplesPerPacket + static_cast<uint64_t>(i);
        const uint64_t ticks = sample * kAzureKinectImuTicksPerSample;
        p.gyro_samples[i] = {ticks, Walk(sample, 97, 0), Walk(sample, 389, 1000), Walk(sample, 1021, 30000)};
        p.accel_samples[i] = {ticks, Walk(sample, 13, 200), Walk(sample, 701, 5000), Walk(sample, 4093, 60000)};
    }
    return p;
}

AzureKinectColorMcu::AzureKinectColorMcu() :
    epoch_(Clock::now()),
    responder_(kCommandOut, kCommandIn,
               [this](const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                      std::vector<uint8_t> *reply) { return Answer(header, data, size, reply); }),
    base_packet_(kUptimePackets), clock_origin_(epoch_)
{
}

AzureKinectColorMcu::~AzureKinectColorMcu()
{
    Shutdown();
}

void AzureKinectColorMcu::Attach(UsbfsDevice *transport, const EmulatedDevice *color)
{
    transport_ = transport;
    color_ = color;
    responder_.Attach(transport);
    imu_thread_ = std::thread([this] { ImuLoop(); });
}

void AzureKinectColorMcu::Shutdown()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        quit_ = true;
    }
    cv_.notify_all();
    if (imu_thread_.joinable())
        imu_thread_.join();
}

int AzureKinectColorMcu::Control(const SetupPacket &, const uint8_t *, size_t, std::vector<uint8_t> *)
{
    return -EPIPE;
}

int AzureKinectColorMcu::SetInterface(uint8_t, uint8_t)
{
    return -EINVAL;
}

int AzureKinectColorMcu::BulkOut(uint8_t endpoint, const uint8_t *data, size_t length)
{
    return responder_.BulkOut(endpoint, data, length);
}

void AzureKinectColorMcu::OnAllClientsGone()
{
    std::lock_guard<std::mutex> lock(mutex_);
    imu_.streaming = false;
    colour_streaming_ = false; // the host's streams went with it
    cv_.notify_all();
}

bool AzureKinectColorMcu::ColourStreaming() const
{
    return color_ != nullptr && color_->stream_stats(kColorStream).streaming;
}

void AzureKinectColorMcu::SeeColourLocked(bool streaming)
{
    if (streaming && !colour_streaming_)
        stale_left_ = kAzureKinectImuStalePackets;
    colour_streaming_ = streaming;
}

uint64_t AzureKinectColorMcu::PacketAtLocked(Clock::time_point t) const
{
    const auto since = std::chrono::duration_cast<std::chrono::microseconds>(t - clock_origin_).count();
    return base_packet_ + static_cast<uint64_t>(since > 0 ? since / kPacketPeriodUs : 0);
}

uint32_t AzureKinectColorMcu::Answer(const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                                     std::vector<uint8_t> *reply)
{
    const bool colour = ColourStreaming(); // before mutex_: the colour model has its own
    std::lock_guard<std::mutex> lock(mutex_);
    switch (header.command)
    {
    case OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_START:
    case OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_STOP:
        imu_.streaming = header.command == OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_START;
        if (imu_.streaming)
            SeeColourLocked(colour);
        cv_.notify_all();
        return OPENK4A_K4A_MCU_STATUS_PASS;
    case OPENK4A_K4A_MCU_COLOR_CMD_GET_JACK_STATE:
        reply->assign(1, jacks_);
        return OPENK4A_K4A_MCU_STATUS_PASS;
    case OPENK4A_K4A_MCU_COLOR_CMD_SET_SYS_CFG:
    {
        openk4a_k4a_color_mcu_sync_config_t config;
        if (openk4a_k4a_color_mcu_sync_config_parse_complete(data, size, &config) != OPENK4A_USB_OK)
            return 2; // the MCU refuses what it cannot read
        sync_config_ = config;
        has_sync_config_ = true;
        return OPENK4A_K4A_MCU_STATUS_PASS;
    }
    default:
        return 1; // not modelled: the MCU says it failed
    }
}

void AzureKinectColorMcu::ImuLoop()
{
    std::unique_lock<std::mutex> lock(mutex_);
    while (!quit_)
    {
        cv_.wait(lock, [&] { return quit_ || imu_.streaming; });
        uint64_t n = PacketAtLocked(Clock::now()) + 1;
        while (!quit_ && imu_.streaming)
        {
            const Clock::time_point due =
                clock_origin_ + std::chrono::microseconds(static_cast<int64_t>(n - base_packet_) * kPacketPeriodUs);
            if (cv_.wait_until(lock, due, [&] { return quit_ || !imu_.streaming; }))
                break;
            const bool lying = lying_packets_ > 0;
            if (lying)
                lying_packets_--;
            const uint64_t packet = n++;
            lock.unlock();
            const bool queued = SendImuPacket(packet, lying);
            const bool colour = ColourStreaming();
            lock.lock();
            if (queued)
                imu_.packets_sent++;
            else
                imu_.packets_dropped++;
            if (stale_left_ > 0)
            {
                imu_.packets_before_reset++;
                if (--stale_left_ == 0)
                {
                    // The colour start has reset the clock: the next packet is 0.
                    base_packet_ = 0;
                    clock_origin_ = Clock::now();
                    n = 0;
                    imu_.clock_resets++;
                }
            }
            SeeColourLocked(colour);
        }
    }
}

bool AzureKinectColorMcu::SendImuPacket(uint64_t n, bool lying)
{
    const AzureKinectImuPacket p = MakeAzureKinectImuPacket(n);
    auto bytes = std::make_shared<std::vector<uint8_t>>(OPENK4A_IMU_PACKET_MAX_SIZE);
    size_t written = 0;
    if (openk4a_imu_packet_encode_samples(&p.temperature, &p.gyro, p.gyro_samples, kAzureKinectImuSamplesPerPacket,
                                          &p.accel, p.accel_samples, kAzureKinectImuSamplesPerPacket, bytes->data(),
                                          bytes->size(), &written) != OPENK4A_USB_OK)
    {
        return false;
    }
    bytes->resize(written);
    if (lying)
    {
        openk4a_imu_sensor_block_t gyro = p.gyro;
        gyro.sample_count = 200; // 2800 bytes of samples in a 252-byte packet
        openk4a_imu_sensor_block_write(bytes->data() + OPENK4A_IMU_TEMPERATURE_BLOCK_WIRE_SIZE, &gyro);
    }
    Payload payload;
    payload.body = bytes;
    payload.length = written;
    std::vector<Payload> one;
    one.push_back(std::move(payload));
    // The IMU FIFO holds about a tenth of a second.
    return transport_->Send(kImuIn, std::move(one), 20 * written) == UsbfsDevice::SendResult::kQueued;
}

void AzureKinectColorMcu::SetSyncJacks(bool sync_in, bool sync_out)
{
    std::lock_guard<std::mutex> lock(mutex_);
    jacks_ = static_cast<uint8_t>((sync_in ? OPENK4A_K4A_VENDOR_SYNC_JACK_IN : 0) |
                                  (sync_out ? OPENK4A_K4A_VENDOR_SYNC_JACK_OUT : 0));
}

void AzureKinectColorMcu::InjectFault(uint32_t command, McuFault fault, int count)
{
    responder_.InjectFault(command, fault, count);
}

void AzureKinectColorMcu::InjectLyingImuPackets(int count)
{
    std::lock_guard<std::mutex> lock(mutex_);
    lying_packets_ = count;
}

uint64_t AzureKinectColorMcu::commands() const
{
    return responder_.commands();
}

bool AzureKinectColorMcu::sync_config(openk4a_k4a_color_mcu_sync_config_t *config) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    *config = sync_config_;
    return has_sync_config_;
}

AzureKinectImuStats AzureKinectColorMcu::imu_stats() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return imu_;
}

} // namespace openk4a::emulator
