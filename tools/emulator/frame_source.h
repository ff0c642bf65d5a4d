// Frame content for the emulated cameras: real Azure Kinect frames from the
// shared test data when they fit the committed format and size, otherwise a
// moving synthetic scene (MJPG encoded here with libjpeg-turbo, 4:2:2 like
// the Azure Kinect). Frames are immutable and shared; the scene repeats every
// kSceneCycle frames, so each distinct frame is made once per process.
#ifndef OPENK4A_TOOLS_EMULATOR_FRAME_SOURCE_H_
#define OPENK4A_TOOLS_EMULATOR_FRAME_SOURCE_H_

#include <stdint.h>

#include <memory>
#include <string>
#include <vector>

#include "tools/emulator/uvc_catalog.h"

namespace openk4a::emulator
{

using FrameBytesPtr = std::shared_ptr<const std::vector<uint8_t>>;

constexpr int kSceneCycle = 4;

struct FrameRequest
{
    PixelKind kind = PixelKind::kOther;
    uint8_t bits_per_pixel = 16;
    uint16_t width = 0;
    uint16_t height = 0;
    uint64_t sequence = 0; // frame number; picks the scene phase
};

class RecordingFrames; // recording_source.h

class FrameSource
{
public:
    // `testdata_dir`: the shared test data folder (with mjpeg/ and frames/), or
    // empty for synthetic content only. `recording`, when set, supplies the
    // frames of the modes it holds.
    explicit FrameSource(std::string testdata_dir, std::shared_ptr<const RecordingFrames> recording = nullptr) :
        testdata_dir_(std::move(testdata_dir)), recording_(std::move(recording))
    {
    }

    // The frame for `request`; never null (a format it cannot render gets a
    // grey pattern of the right size).
    FrameBytesPtr Get(const FrameRequest &request) const;

    // True when Get() returns real sensor data for this kind and size.
    bool IsReal(PixelKind kind, uint16_t width, uint16_t height) const;

    // Uncompressed size of a frame (MJPG: 0, the size varies).
    static size_t RawSize(const FrameRequest &request);

private:
    bool ProbeReal(PixelKind kind, uint16_t width, uint16_t height) const;
    std::string testdata_dir_;
    std::shared_ptr<const RecordingFrames> recording_;
};

// A JPEG of the synthetic scene (4:2:2, quality 85); used by the source and by
// tests that need a valid frame of a given size.
std::vector<uint8_t> EncodeSceneJpeg(uint16_t width, uint16_t height, uint64_t sequence);

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_FRAME_SOURCE_H_
