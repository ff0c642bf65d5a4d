// The emulated Azure Kinect's depth sensor: the depth MCU commands that set
// the sensor mode and frame rate and start and stop it (as the Azure Kinect
// SDK sends them, src/depth_mcu/depth_mcu.c), the engine's calibration block
// (NV_DATA_GET IR_SENSOR_CALIBRATION), and raw frames on the raw depth
// endpoint 0x83 while streaming: one frame of the mode's raw size per frame
// period, on the frame grid of the colour camera's clock (same epoch), when
// the host has a transfer waiting (else the frame is skipped, as a real
// sensor's FIFO would lose it). Frames are TEST raw frames
// (test_depth_frame.h), which only the TEST depth engine plugin reads.
#ifndef OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_DEPTH_H_
#define OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_DEPTH_H_

#include <stdint.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "openk4a/usb/k4a_mcu_wire.h"
#include "tools/emulator/usbfs_device.h"

namespace openk4a::emulator
{

// How the next raw frames lie.
enum class RawDepthFault
{
    kShortFrame,     // 1000 bytes fewer than the mode's raw size
    kOversizedFrame, // 48 bytes more (still inside one transfer)
    kCorruptHeader,  // the TEST header's magic is wrong
    kEngineFails,    // the TEST header asks the engine to refuse the frame
    kZeroExposure,   // the TEST header's exposure time is 0 (the engine reports 0)
};

struct RawDepthCounters
{
    uint64_t frames_sent = 0;
    uint64_t frames_skipped = 0; // due while the host had no transfer waiting
    uint64_t frames_late = 0;    // passed over: the sensor loop ran late (frame_clock.h)
    uint32_t sensor_mode = 0;    // the last DEPTH_MODE_SET
    uint32_t fps = 0;            // the last DEPTH_FPS_SET
    bool streaming = false;
};

class AzureKinectDepthSensor
{
public:
    static constexpr uint8_t kRawDepthIn = 0x83;

    AzureKinectDepthSensor();
    ~AzureKinectDepthSensor();
    AzureKinectDepthSensor(const AzureKinectDepthSensor &) = delete;
    AzureKinectDepthSensor &operator=(const AzureKinectDepthSensor &) = delete;

    void Attach(UsbfsDevice *transport)
    {
        transport_ = transport;
    }
    // The colour camera's frame clock starts here too.
    void SetEpoch(std::chrono::steady_clock::time_point epoch);

    // A depth MCU command this sensor answers: true with *status (and the data
    // phase in *reply); false when it is not one of its commands.
    bool Answer(const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data, size_t size,
                std::vector<uint8_t> *reply, uint32_t *status);
    // Every host handle closed or the camera unplugged: streaming stops.
    void Stop();

    void InjectFault(RawDepthFault fault, int count = 1);
    // The host may hold transfers without frames coming (bulk timeouts).
    void Pause(bool paused);
    RawDepthCounters counters();
    // The seed of frame `number` on the frame grid, if it was sent (the TEST
    // frame's pixel values follow from it, test_depth_frame.h).
    bool SeedOfFrame(uint64_t number, uint32_t *seed);
    static uint32_t SeedFor(uint64_t number);
    // The raw frame size of a sensor mode; 0 for an unknown one.
    static size_t RawSize(uint32_t sensor_mode);

private:
    void Run();
    void StopLocked(std::unique_lock<std::mutex> *lock);

    UsbfsDevice *transport_ = nullptr;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::chrono::steady_clock::time_point epoch_;
    std::thread thread_;
    bool quit_ = false;
    bool sensor_on_ = false;
    bool paused_ = false;
    RawDepthCounters counters_;
    std::map<RawDepthFault, int> faults_;
    std::map<uint64_t, uint32_t> sent_; // frame number -> seed, the last few hundred
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_AZURE_KINECT_DEPTH_H_
