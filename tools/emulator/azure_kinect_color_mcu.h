// The colour MCU of an emulated Azure Kinect (azure_kinect.h): the vendor
// interface 2 of the colour camera 045E:097D, which speaks the MCU command
// protocol (mcu_responder.h; commands OUT 0x04, replies IN 0x83) and streams
// IMU packets (core/spec/imu_wire.toml) on IN 0x82 while started, as the
// Azure Kinect Sensor SDK's src/color_mcu and src/imu expect.
//
// Commands answered: IMU_STREAM_START, IMU_STREAM_STOP, GET_JACK_STATE (one
// byte, the SYNC_JACK bits of k4a_vendor_wire.toml), SET_SYS_CFG (its
// sync_config of core/spec/k4a_color_mcu_wire.toml, kept for tests; a bad one
// fails); any other fails with an error status. Faults: misanswered commands (McuFault) and IMU packets that
// claim more samples than they carry.
//
// The IMU packets are deterministic: packet n is MakeAzureKinectImuPacket(n),
// so a test can compute what it must receive. Sample i has the timestamp
// i * kAzureKinectImuTicksPerSample on the 90 kHz device clock; packets leave
// on the wall clock at the IMU's rate, numbered by the device clock, so
// timestamps grow across IMU stops and starts. That clock starts at an hour
// (a unit long powered) and, as a real unit's, resets to 0 when the colour
// camera starts, a moment late: the first kAzureKinectImuStalePackets packets
// after a colour start seen (when the IMU starts, or while it streams) still
// carry the old clock.
#ifndef OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_COLOR_MCU_H_
#define OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_COLOR_MCU_H_

#include <stdint.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "openk4a/usb/imu_wire.h"
#include "openk4a/usb/k4a_color_mcu_wire.h"
#include "tools/emulator/emulated_device.h"
#include "tools/emulator/mcu_responder.h"
#include "tools/emulator/usbfs_device.h"

namespace openk4a::emulator
{

constexpr int kAzureKinectImuSamplesPerPacket = 8;
// 600 us between samples (1666 Hz): 54 ticks of the 90 kHz clock.
constexpr uint64_t kAzureKinectImuTicksPerSample = 54;
// Packets stamped by the old clock after a colour start.
constexpr int kAzureKinectImuStalePackets = 16;

struct AzureKinectImuStats : ImuStats
{
    uint64_t packets_before_reset = 0; // sent with the old clock after a colour start
    uint64_t clock_resets = 0;
};

struct AzureKinectImuPacket
{
    openk4a_imu_temperature_block_t temperature;
    openk4a_imu_sensor_block_t gyro, accel;
    openk4a_imu_raw_sample_t gyro_samples[kAzureKinectImuSamplesPerPacket];
    openk4a_imu_raw_sample_t accel_samples[kAzureKinectImuSamplesPerPacket];
};

// The n-th IMU packet the emulated colour MCU sends: raw values that change
// from sample to sample and axis to axis, over the whole i16 range.
AzureKinectImuPacket MakeAzureKinectImuPacket(uint64_t n);

// Only BulkOut and OnAllClientsGone are used: the colour camera's UVC model
// (emulated_device.h) hands them over (EmulatorOptions::vendor_bulk).
class AzureKinectColorMcu : public UsbDeviceModel
{
public:
    AzureKinectColorMcu();
    ~AzureKinectColorMcu() override;
    AzureKinectColorMcu(const AzureKinectColorMcu &) = delete;
    AzureKinectColorMcu &operator=(const AzureKinectColorMcu &) = delete;

    // Starts the IMU producer on the colour camera's transport; `color`
    // says when its colour stream starts.
    void Attach(UsbfsDevice *transport, const EmulatedDevice *color);
    // Ends the IMU producer (before the transport goes).
    void Shutdown();

    int Control(const SetupPacket &, const uint8_t *, size_t, std::vector<uint8_t> *) override;
    int SetInterface(uint8_t, uint8_t) override;
    int BulkOut(uint8_t endpoint, const uint8_t *data, size_t length) override;
    void OnAllClientsGone() override;

    // ---- for tests ----
    void SetSyncJacks(bool sync_in, bool sync_out);
    void InjectFault(uint32_t command, McuFault fault, int count = 1);
    // The next `count` IMU packets claim 200 gyro samples in a 252-byte packet.
    void InjectLyingImuPackets(int count);
    uint64_t commands() const;
    AzureKinectImuStats imu_stats() const;
    // The last SET_SYS_CFG the MCU took; false when none came.
    bool sync_config(openk4a_k4a_color_mcu_sync_config_t *config) const;

private:
    uint32_t Answer(const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                    std::vector<uint8_t> *reply);
    // Under mutex_: notes whether the colour stream runs (a start arms the clock reset).
    void SeeColourLocked(bool streaming);
    bool ColourStreaming() const;
    uint64_t PacketAtLocked(std::chrono::steady_clock::time_point t) const;
    void ImuLoop();
    bool SendImuPacket(uint64_t n, bool lying);

    using Clock = std::chrono::steady_clock;
    const Clock::time_point epoch_;
    McuResponder responder_;
    UsbfsDevice *transport_ = nullptr;
    const EmulatedDevice *color_ = nullptr;
    mutable std::mutex mutex_;
    // The device clock: packet number base_packet_ at clock_origin_.
    uint64_t base_packet_;
    Clock::time_point clock_origin_;
    bool colour_streaming_ = false;
    int stale_left_ = 0; // old-clock packets before the reset
    std::condition_variable cv_;
    bool quit_ = false;
    uint8_t jacks_ = 0;
    bool has_sync_config_ = false;
    openk4a_k4a_color_mcu_sync_config_t sync_config_{};
    int lying_packets_ = 0;
    AzureKinectImuStats imu_;
    std::thread imu_thread_;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_COLOR_MCU_H_
