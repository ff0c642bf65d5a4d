// Azure Kinect IMU payloads: counts are bounded by the payload, conversion
// never reads outside it, re-encoding reproduces the packet bytes (the
// generated encoder and the sample encoder), and the inverse unit
// conversions the emulated device uses give the raw values back.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/imu_packet.h"

namespace
{

// What a caller may get wrong is refused, and SI values beyond a raw int16
// (or not numbers at all) saturate instead of wrapping.
void CheckEdgeContracts()
{
    size_t count = 1;
    k4a_imu_sample_t sample;
    const uint8_t byte = 0;
    CHECK(openk4a_imu_packet_decode(&byte, 1, nullptr, 1, &count, nullptr) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    CHECK(openk4a_imu_packet_decode(&byte, 1, &sample, 1, nullptr, nullptr) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    CHECK(openk4a_imu_packet_sample_count(nullptr) == 0);
    size_t written = 7;
    CHECK(openk4a_imu_packet_encode_samples(nullptr, nullptr, nullptr, 0, nullptr, nullptr, 0, nullptr, 0, &written) ==
          OPENK4A_USB_ERR_INVALID_ARGUMENT);
    CHECK(written == 0);
    CHECK(openk4a_imu_temperature_raw(NAN) == 0);
    CHECK(openk4a_imu_temperature_raw(1e9f) == INT16_MAX);
    CHECK(openk4a_imu_temperature_raw(-1e9f) == INT16_MIN);
    CHECK(openk4a_imu_gyro_raw(1.0f, 0) == 0 && openk4a_imu_accel_raw(1.0f, 0) == 0);
}

// SI values -> raw (rounded, saturated) undoes the SDK's raw -> SI.
void CheckInverseConversions(const openk4a_imu_packet_t &p, size_t i)
{
    CHECK(openk4a_imu_temperature_raw(openk4a_imu_temperature_celsius(p.temperature.value)) == p.temperature.value);
    const openk4a_imu_raw_sample_t g = openk4a_imu_packet_gyro_samples_at(&p, i);
    const openk4a_imu_raw_sample_t a = openk4a_imu_packet_accel_samples_at(&p, i);
    const uint16_t gs = p.gyro.sensitivity, as = p.accel.sensitivity;
    for (int16_t raw : {g.x, g.y, g.z})
    {
        CHECK(openk4a_imu_gyro_raw(openk4a_imu_gyro_rad_per_s(raw, gs), gs) == (gs == 0 ? 0 : raw));
    }
    for (int16_t raw : {a.x, a.y, a.z})
    {
        CHECK(openk4a_imu_accel_raw(openk4a_imu_accel_m_per_s2(raw, as), as) == (as == 0 ? 0 : raw));
    }
    // The first tick count that reaches a timestamp: no later than the tick it
    // came from, and the one before it is earlier.
    for (uint64_t ticks : {uint64_t{g.pts}, uint64_t{a.pts}})
    {
        // Past UINT64_MAX microseconds (~9e16 years of device time) the
        // timestamp itself wraps, as the SDK's ticks * 100 / 9 does earlier.
        if (ticks > UINT64_MAX / 100 * 9)
            continue;
        const uint64_t usec = openk4a_imu_ticks_to_usec(ticks);
        const uint64_t first = openk4a_imu_usec_to_ticks(usec);
        CHECK(first <= ticks && openk4a_imu_ticks_to_usec(first) == usec);
        CHECK(first == 0 || openk4a_imu_ticks_to_usec(first - 1) < usec);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    CheckEdgeContracts();
    openk4a_imu_packet_t p;
    size_t consumed = 0;
    const openk4a_usb_status_t s =
        openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_imu_packet), data, size, &p, &consumed);
    if (s != OPENK4A_USB_OK)
    {
        CHECK(s == OPENK4A_USB_ERR_TRUNCATED || s == OPENK4A_USB_ERR_COUNT_PAST_END);
        size_t count = 1;
        k4a_imu_sample_t one;
        CHECK(openk4a_imu_packet_decode(data, size, &one, 1, &count, nullptr) == s && count == 0);
        return 0;
    }
    const size_t g = p.gyro.sample_count, a = p.accel.sample_count;
    CHECK(consumed == 28 + (g + a) * 14 && consumed <= size);
    const size_t n = openk4a_imu_packet_sample_count(&p);
    CHECK(n == (g < a ? g : a));
    std::vector<k4a_imu_sample_t> samples(n + 1);
    size_t count = 0;
    CHECK(openk4a_imu_packet_decode(data, size, samples.data(), samples.size(), &count, nullptr) == OPENK4A_USB_OK);
    CHECK(count == n);
    for (size_t i = 0; i < n; ++i)
    {
        CHECK(std::isfinite(samples[i].temperature));
        CHECK(std::isfinite(samples[i].acc_sample.xyz.x) && std::isfinite(samples[i].gyro_sample.xyz.z));
        CheckInverseConversions(p, i);
    }
    CHECK(openk4a_imu_packet_get_sample(&p, n, &samples[0]) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    if (n > 0)
    {
        // No room: nothing decoded, the count needed reported.
        CHECK(openk4a_imu_packet_decode(data, size, nullptr, 0, &count, nullptr) == OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
        CHECK(count == n);
    }

    // Re-encode from the raw samples: identical bytes.
    std::vector<openk4a_imu_raw_sample_t> gyro(g), accel(a);
    for (size_t i = 0; i < g; ++i)
        gyro[i] = openk4a_imu_packet_gyro_samples_at(&p, i);
    for (size_t i = 0; i < a; ++i)
        accel[i] = openk4a_imu_packet_accel_samples_at(&p, i);
    std::vector<uint8_t> out(consumed);
    size_t written = 0;
    CHECK(openk4a_imu_packet_encode_samples(&p.temperature, &p.gyro, gyro.data(), g, &p.accel, accel.data(), a,
                                            out.data(), out.size(), &written) == OPENK4A_USB_OK);
    CHECK(written == consumed && std::memcmp(out.data(), data, consumed) == 0);
    written = 0;
    CHECK(openk4a_imu_packet_encode_samples(&p.temperature, &p.gyro, gyro.data(), g, &p.accel, accel.data(), a,
                                            out.data(), consumed - 1, &written) == OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
    CHECK(written == consumed);
    return 0;
}
