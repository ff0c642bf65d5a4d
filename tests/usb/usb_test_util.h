// Builders of UVC payloads and IMU packets for tests, fuzz seeds and
// benchmarks, on top of the generated encoders.
#ifndef OPENK4A_TESTS_USB_USB_TEST_UTIL_H_
#define OPENK4A_TESTS_USB_USB_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace openk4a::testing
{

using Bytes = std::vector<uint8_t>;

struct HeaderFields
{
    uint8_t info = 0; // OPENK4A_UVC_HEADER_* bits (PTS/SCR bits select the fields)
    uint32_t pts = 0;
    uint32_t scr_stc = 0;
    uint16_t scr_sof = 0;
    uint8_t header_length = 0; // 0 = exactly what the flags need
};

// Header + data as one payload.
Bytes MakePayload(const HeaderFields &header, const uint8_t *data, size_t size);

// A frame cut into payloads of at most max_payload bytes (header included),
// every one with FID `fid`, PTS and SCR (12-byte headers), EOF on the last.
std::vector<Bytes> SplitFrame(const Bytes &frame, size_t max_payload, uint8_t fid, uint32_t pts);

// Deterministic, non-repeating-looking bytes.
Bytes PatternBytes(size_t size, uint32_t seed);

struct ImuRaw
{
    uint64_t pts;
    int16_t x, y, z;
};

// An Azure Kinect IMU payload (metadata + gyro then accel samples).
Bytes MakeImuPacket(int16_t temperature, uint16_t gyro_sensitivity, uint16_t accel_sensitivity,
                    const std::vector<ImuRaw> &gyro, const std::vector<ImuRaw> &accel);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_USB_USB_TEST_UTIL_H_
