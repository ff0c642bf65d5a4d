// Facts of the Azure Kinect recording format (k4arecord 1.4) that the writer
// and the reader share: track names, codec IDs, tag names, the 40-byte
// BITMAPINFOHEADER of V_MS/VFW/FOURCC tracks, the 40-byte IMU sample and the
// time base. Everything here is little-endian on disk, encoded byte by byte.
#ifndef OPENK4A_CORE_RECORD_RECORDING_FORMAT_H_
#define OPENK4A_CORE_RECORD_RECORDING_FORMAT_H_

#include <k4a/k4atypes.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace ok4a::record
{

inline constexpr char kTrackColor[] = "COLOR";
inline constexpr char kTrackDepth[] = "DEPTH";
inline constexpr char kTrackIr[] = "IR";
inline constexpr char kTrackIrLegacy[] = "DEPTH_IR";
inline constexpr char kTrackImu[] = "IMU";

inline constexpr char kCodecFourcc[] = "V_MS/VFW/FOURCC";
inline constexpr char kCodecImu[] = "S_K4A/IMU";
inline constexpr char kCalibrationFile[] = "calibration.json";
inline constexpr char kAttachmentMime[] = "application/octet-stream";

// Matroska track types (TrackType element).
inline constexpr uint64_t kTrackTypeVideo = 1;
inline constexpr uint64_t kTrackTypeSubtitle = 0x11;

// k4arecord's time base: one Matroska tick is 1 us (TimestampScale 1000 ns).
inline constexpr uint64_t kTimecodeScaleNs = 1000;

// FourCCs in BITMAPINFOHEADER.biCompression.
inline constexpr uint32_t kFourccMjpg = 0x47504A4D; // "MJPG"
inline constexpr uint32_t kFourccNv12 = 0x3231564E; // "NV12"
inline constexpr uint32_t kFourccYuy2 = 0x32595559; // "YUY2"
inline constexpr uint32_t kFourccBgra = 0x41524742; // "BGRA"
inline constexpr uint32_t kFourccB16g = 0x67363162; // "b16g": 16-bit grey, big-endian samples

inline constexpr size_t kBitmapInfoHeaderSize = 40;
inline constexpr size_t kImuSampleSize = 40;

struct BitmapInfo
{
    uint32_t width = 0;
    uint32_t height = 0;
    uint16_t bit_count = 0;
    uint32_t fourcc = 0;
    uint32_t image_size = 0;
};

// The FourCC a recorded image format is stored with, or nullopt.
std::optional<uint32_t> FourccOfFormat(k4a_image_format_t format);
// The image format a FourCC reads back as (b16g: DEPTH16), or nullopt.
std::optional<k4a_image_format_t> FormatOfFourcc(uint32_t fourcc);

// A BITMAPINFOHEADER for a track of `format` images, or false for a format
// that cannot be recorded.
bool MakeBitmapInfo(k4a_image_format_t format, uint32_t width, uint32_t height, BitmapInfo *info);
void EncodeBitmapInfo(const BitmapInfo &info, uint8_t out[kBitmapInfoHeaderSize]);
// False when `size` is not exactly a BITMAPINFOHEADER.
bool DecodeBitmapInfo(const uint8_t *data, size_t size, BitmapInfo *info);

// IMU sample as stored: acc timestamp (ns), acc xyz, gyro timestamp (ns), gyro
// xyz. Temperature is not stored (reads back as NaN).
void EncodeImuSample(const k4a_imu_sample_t &sample, uint8_t out[kImuSampleSize]);
k4a_imu_sample_t DecodeImuSample(const uint8_t in[kImuSampleSize]);
uint64_t ImuSampleAccTimestampNs(const uint8_t in[kImuSampleSize]);

// b16g samples are big-endian on disk, k4a images little-endian: swaps the
// bytes of each 16-bit sample of `size` bytes (an odd last byte stays) from
// `in` to `out`, which may be the same buffer. Vectorised: playback and
// recording of depth and IR pass every pixel through it.
void SwapBytes16(const uint8_t *in, uint8_t *out, size_t size);

// The integer an enum argument from C holds, read without loading it as the
// C++ enum (a value outside the enumerators is undefined behaviour there).
template <typename Enum>
int EnumValue(const Enum &value)
{
    static_assert(sizeof(Enum) == sizeof(int), "k4a enums are int-sized");
    int raw;
    std::memcpy(&raw, &value, sizeof raw);
    return raw;
}

// Tag values: "NFOV_UNBINNED", "STANDALONE", "MJPG_720P" and back.
const char *DepthModeName(k4a_depth_mode_t mode);
std::optional<k4a_depth_mode_t> DepthModeFromName(const std::string &name);
const char *WiredSyncModeName(k4a_wired_sync_mode_t mode);
std::optional<k4a_wired_sync_mode_t> WiredSyncModeFromName(const std::string &name);
// "MJPG_720P" (k4arecorder names BGRA32 "BGRA"), or empty for an unknown pair.
std::string ColorModeName(k4a_image_format_t format, k4a_color_resolution_t resolution);

} // namespace ok4a::record

#endif // OPENK4A_CORE_RECORD_RECORDING_FORMAT_H_
