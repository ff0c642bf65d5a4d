// Recordings made here with k4a_record_* (never copied from testdata): for
// round-trip tests, fuzz seeds and benchmarks. Every byte written is kept so
// a reader can be checked against it.
#ifndef OPENK4A_TESTS_RECORD_RECORDING_FIXTURES_H_
#define OPENK4A_TESTS_RECORD_RECORDING_FIXTURES_H_

#include <k4a/k4atypes.h>

#include <cstdint>
#include <string>
#include <vector>

namespace openk4a::testing
{

struct RecordingSpec
{
    k4a_image_format_t color_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
    k4a_color_resolution_t color_resolution = K4A_COLOR_RESOLUTION_720P;
    k4a_depth_mode_t depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
    k4a_fps_t fps = K4A_FRAMES_PER_SECOND_30;
    int captures = 10;
    int imu_per_capture = 0;    // IMU samples between captures (0: no IMU track)
    bool custom_tracks = false; // a custom subtitle and a custom video track
    bool calibration = true;    // a calibration.json attachment
    uint64_t first_timestamp_usec = 1000000;
    int32_t depth_delay_off_color_usec = 0;
};

struct WrittenImage
{
    uint64_t device_timestamp_usec = 0;
    std::vector<uint8_t> bytes; // as the k4a image held them (DEPTH16 little-endian)
};

struct WrittenCapture
{
    WrittenImage color, depth, ir;
};

struct WrittenBlock
{
    uint64_t device_timestamp_usec = 0;
    std::vector<uint8_t> bytes;
};

struct WrittenRecording
{
    std::vector<WrittenCapture> captures;
    std::vector<k4a_imu_sample_t> imu;
    std::vector<WrittenBlock> subtitle_blocks; // track "NOTES"
    std::vector<WrittenBlock> video_blocks;    // track "THERMAL"
    std::string calibration_json;
    uint64_t start_offset_usec = 0;
};

inline constexpr char kCustomSubtitleTrack[] = "NOTES";
inline constexpr char kCustomSubtitleCodec[] = "S_TEXT/UTF8";
inline constexpr char kCustomVideoTrack[] = "THERMAL";
inline constexpr char kCustomVideoCodec[] = "V_MS/VFW/FOURCC";
inline constexpr uint32_t kCustomVideoWidth = 32;
inline constexpr uint32_t kCustomVideoHeight = 24;

// Writes `spec` to `path`; false (with a gtest-free message in `error`) on failure.
bool WriteTestRecording(const std::string &path, const RecordingSpec &spec, WrittenRecording *written,
                        std::string *error);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_RECORD_RECORDING_FIXTURES_H_
