// A k4arecorder recording as the emulated k4a device's frames: its colour
// (as recorded: MJPG, YUY2 or NV12), depth and IR images, read once through
// the project's own k4arecord playback API and replayed in order, looping
// when the file ends, its IMU samples as the device's IMU stream (in order,
// looping; see imu()), plus its calibration.json attachment as the device's
// factory calibration. The device streams a recording's mode only: a commit
// of another format or size is refused with Mismatch()'s reason.
#ifndef OPENK4A_TOOLS_EMULATOR_RECORDING_SOURCE_H_
#define OPENK4A_TOOLS_EMULATOR_RECORDING_SOURCE_H_

#include <stdint.h>

#include <k4a/k4atypes.h>

#include <memory>
#include <string>
#include <vector>

#include "tools/emulator/frame_source.h"
#include "tools/emulator/uvc_catalog.h"

namespace openk4a::emulator
{

class RecordingFrames
{
public:
    // nullptr with `error` set when the file does not open or holds no colour,
    // depth or IR image the device can send.
    static std::shared_ptr<const RecordingFrames> Open(const std::string &path, std::string *error);

    // Frame `request.sequence` (modulo the track's length) of the track that
    // streams `request.kind`; nullptr when Mismatch() is not empty.
    FrameBytesPtr Get(const FrameRequest &request) const;
    // Empty when the recording has `kind` frames of this size; otherwise why
    // the device cannot stream them (for the log line and the refused commit).
    std::string Mismatch(PixelKind kind, uint16_t width, uint16_t height) const;
    // The calibration attachment as a device stores it (the JSON document,
    // without the NUL k4a_playback_get_raw_calibration adds); empty when the
    // recording has none.
    const std::vector<uint8_t> &calibration() const
    {
        return calibration_;
    }

    // The recording's IMU samples in file order; empty when it has no IMU
    // track. The device sends their values (through its raw 16-bit units:
    // samples a device recorded come back exactly) at its own sample clock,
    // as it sends frames at its own frame clock; recordings keep no IMU
    // temperature, so it reports its own.
    const std::vector<k4a_imu_sample_t> &imu() const
    {
        return imu_;
    }

    // Recordings are held in memory; loading stops (with a log line) past this.
    static constexpr size_t kMaxBytes = size_t{1} << 30;
    // IMU samples kept (10 minutes at 1.6 kHz; 40 MiB).
    static constexpr size_t kMaxImuSamples = size_t{1} << 20;

private:
    struct Track
    {
        const char *name = "";
        PixelKind kind = PixelKind::kOther;
        uint16_t width = 0, height = 0;
        std::vector<FrameBytesPtr> frames;
    };

    const Track *TrackFor(PixelKind kind) const;
    std::string path_;
    Track color_, depth_, ir_;
    std::vector<uint8_t> calibration_;
    std::vector<k4a_imu_sample_t> imu_;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_RECORDING_SOURCE_H_
