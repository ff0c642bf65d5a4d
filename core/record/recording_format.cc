#include "core/record/recording_format.h"

#include <cstring>

#include <openk4a/k4a_strings.h>

namespace ok4a::record
{
namespace
{

void Put16(uint8_t *p, uint16_t v)
{
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
}

void Put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

void Put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint16_t Get16(const uint8_t *p)
{
    return static_cast<uint16_t>(p[0] | p[1] << 8);
}

uint32_t Get32(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

uint64_t Get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

void PutFloat(uint8_t *p, float f)
{
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    Put32(p, bits);
}

float GetFloat(const uint8_t *p)
{
    uint32_t bits = Get32(p);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// "K4A_DEPTH_MODE_NFOV_UNBINNED" -> "NFOV_UNBINNED": the generated enum names
// carry the tag values after their prefix.
const char *AfterPrefix(const char *name, const char *prefix)
{
    const size_t length = std::strlen(prefix);
    return name != nullptr && std::strncmp(name, prefix, length) == 0 ? name + length : nullptr;
}

constexpr char kDepthPrefix[] = "K4A_DEPTH_MODE_";
constexpr char kSyncPrefix[] = "K4A_WIRED_SYNC_MODE_";
constexpr char kResolutionPrefix[] = "K4A_COLOR_RESOLUTION_";

} // namespace

std::optional<uint32_t> FourccOfFormat(k4a_image_format_t format)
{
    switch (format)
    {
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
        return kFourccMjpg;
    case K4A_IMAGE_FORMAT_COLOR_NV12:
        return kFourccNv12;
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
        return kFourccYuy2;
    case K4A_IMAGE_FORMAT_COLOR_BGRA32:
        return kFourccBgra;
    case K4A_IMAGE_FORMAT_DEPTH16:
    case K4A_IMAGE_FORMAT_IR16:
        return kFourccB16g;
    default:
        return std::nullopt;
    }
}

std::optional<k4a_image_format_t> FormatOfFourcc(uint32_t fourcc)
{
    switch (fourcc)
    {
    case kFourccMjpg:
        return K4A_IMAGE_FORMAT_COLOR_MJPG;
    case kFourccNv12:
        return K4A_IMAGE_FORMAT_COLOR_NV12;
    case kFourccYuy2:
        return K4A_IMAGE_FORMAT_COLOR_YUY2;
    case kFourccBgra:
        return K4A_IMAGE_FORMAT_COLOR_BGRA32;
    case kFourccB16g:
        return K4A_IMAGE_FORMAT_DEPTH16;
    default:
        return std::nullopt;
    }
}

bool MakeBitmapInfo(k4a_image_format_t format, uint32_t width, uint32_t height, BitmapInfo *info)
{
    const std::optional<uint32_t> fourcc = FourccOfFormat(format);
    if (!fourcc)
        return false;
    info->width = width;
    info->height = height;
    info->fourcc = *fourcc;
    const uint64_t pixels = static_cast<uint64_t>(width) * height;
    switch (format)
    {
    case K4A_IMAGE_FORMAT_COLOR_NV12:
        info->bit_count = 12;
        info->image_size = static_cast<uint32_t>(pixels * 3 / 2);
        break;
    case K4A_IMAGE_FORMAT_COLOR_BGRA32:
        info->bit_count = 32;
        info->image_size = static_cast<uint32_t>(pixels * 4);
        break;
    default: // MJPG (as k4arecorder: 16 bits, size of the decoded 4:2:2), YUY2, DEPTH16, IR16
        info->bit_count = 16;
        info->image_size = static_cast<uint32_t>(pixels * 2);
        break;
    }
    return true;
}

void EncodeBitmapInfo(const BitmapInfo &info, uint8_t out[kBitmapInfoHeaderSize])
{
    std::memset(out, 0, kBitmapInfoHeaderSize);
    Put32(out + 0, kBitmapInfoHeaderSize); // biSize
    Put32(out + 4, info.width);
    Put32(out + 8, info.height);
    Put16(out + 12, 1); // biPlanes
    Put16(out + 14, info.bit_count);
    Put32(out + 16, info.fourcc);
    Put32(out + 20, info.image_size);
    // biXPelsPerMeter, biYPelsPerMeter, biClrUsed, biClrImportant: 0
}

bool DecodeBitmapInfo(const uint8_t *data, size_t size, BitmapInfo *info)
{
    if (data == nullptr || size != kBitmapInfoHeaderSize)
        return false;
    info->width = Get32(data + 4);
    info->height = Get32(data + 8);
    info->bit_count = Get16(data + 14);
    info->fourcc = Get32(data + 16);
    info->image_size = Get32(data + 20);
    return true;
}

void EncodeImuSample(const k4a_imu_sample_t &sample, uint8_t out[kImuSampleSize])
{
    Put64(out, sample.acc_timestamp_usec * 1000);
    for (int i = 0; i < 3; i++)
        PutFloat(out + 8 + 4 * i, sample.acc_sample.v[i]);
    Put64(out + 20, sample.gyro_timestamp_usec * 1000);
    for (int i = 0; i < 3; i++)
        PutFloat(out + 28 + 4 * i, sample.gyro_sample.v[i]);
}

k4a_imu_sample_t DecodeImuSample(const uint8_t in[kImuSampleSize])
{
    k4a_imu_sample_t sample{};
    sample.temperature = __builtin_nanf("");
    sample.acc_timestamp_usec = Get64(in) / 1000;
    for (int i = 0; i < 3; i++)
        sample.acc_sample.v[i] = GetFloat(in + 8 + 4 * i);
    sample.gyro_timestamp_usec = Get64(in + 20) / 1000;
    for (int i = 0; i < 3; i++)
        sample.gyro_sample.v[i] = GetFloat(in + 28 + 4 * i);
    return sample;
}

uint64_t ImuSampleAccTimestampNs(const uint8_t in[kImuSampleSize])
{
    return Get64(in);
}

void SwapBytes16(const uint8_t *in, uint8_t *out, size_t size)
{
    // GCC/Clang vector extension: 8 samples per operation on any target
    // (a byte-by-byte loop is not vectorised at -O2 and was most of playback's CPU).
    typedef uint16_t Samples __attribute__((vector_size(16)));
    size_t i = 0;
    for (; i + sizeof(Samples) <= size; i += sizeof(Samples))
    {
        Samples v;
        std::memcpy(&v, in + i, sizeof v);
        v = (v << 8) | (v >> 8);
        std::memcpy(out + i, &v, sizeof v);
    }
    for (; i + 1 < size; i += 2)
    {
        const uint8_t high = in[i];
        out[i] = in[i + 1];
        out[i + 1] = high;
    }
}

const char *DepthModeName(k4a_depth_mode_t mode)
{
    return AfterPrefix(openk4a_depth_mode_to_string(mode), kDepthPrefix);
}

std::optional<k4a_depth_mode_t> DepthModeFromName(const std::string &name)
{
    for (int m = K4A_DEPTH_MODE_NFOV_2X2BINNED; m <= K4A_DEPTH_MODE_PASSIVE_IR; m++)
    {
        const char *known = DepthModeName(static_cast<k4a_depth_mode_t>(m));
        if (known != nullptr && name == known)
            return static_cast<k4a_depth_mode_t>(m);
    }
    return std::nullopt;
}

const char *WiredSyncModeName(k4a_wired_sync_mode_t mode)
{
    return AfterPrefix(openk4a_wired_sync_mode_to_string(mode), kSyncPrefix);
}

std::optional<k4a_wired_sync_mode_t> WiredSyncModeFromName(const std::string &name)
{
    for (int m = K4A_WIRED_SYNC_MODE_STANDALONE; m <= K4A_WIRED_SYNC_MODE_SUBORDINATE; m++)
    {
        const char *known = WiredSyncModeName(static_cast<k4a_wired_sync_mode_t>(m));
        if (known != nullptr && name == known)
            return static_cast<k4a_wired_sync_mode_t>(m);
    }
    return std::nullopt;
}

std::string ColorModeName(k4a_image_format_t format, k4a_color_resolution_t resolution)
{
    const char *resolution_name = AfterPrefix(openk4a_color_resolution_to_string(resolution), kResolutionPrefix);
    if (resolution_name == nullptr || resolution == K4A_COLOR_RESOLUTION_OFF)
        return std::string();
    switch (format)
    {
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
        return std::string("MJPG_") + resolution_name;
    case K4A_IMAGE_FORMAT_COLOR_NV12:
        return std::string("NV12_") + resolution_name;
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
        return std::string("YUY2_") + resolution_name;
    case K4A_IMAGE_FORMAT_COLOR_BGRA32:
        return std::string("BGRA_") + resolution_name;
    default:
        return std::string();
    }
}

} // namespace ok4a::record
