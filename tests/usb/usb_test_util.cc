#include "tests/usb/usb_test_util.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "openk4a/usb/imu_packet.h"
#include "openk4a/usb/uvc_wire.h"

namespace openk4a::testing
{

Bytes MakePayload(const HeaderFields &header, const uint8_t *data, size_t size)
{
    openk4a_uvc_payload_header_t h{};
    h.bHeaderLength = header.header_length;
    h.bmHeaderInfo = header.info;
    h.dwPresentationTime = header.pts;
    h.scrSourceTimeClock = header.scr_stc;
    h.scrSofCounter = header.scr_sof;
    uint8_t buf[255];
    size_t written = 0;
    if (openk4a_uvc_payload_header_encode(&h, buf, sizeof buf, &written) != OPENK4A_USB_OK)
        std::abort();
    Bytes out(buf, buf + written);
    if (size != 0)
        out.insert(out.end(), data, data + size);
    return out;
}

std::vector<Bytes> SplitFrame(const Bytes &frame, size_t max_payload, uint8_t fid, uint32_t pts)
{
    constexpr size_t kHeader = 12;
    if (max_payload <= kHeader)
        std::abort();
    std::vector<Bytes> payloads;
    size_t pos = 0;
    do
    {
        const size_t n = std::min(max_payload - kHeader, frame.size() - pos);
        HeaderFields h;
        h.info =
            static_cast<uint8_t>((fid & 1) | OPENK4A_UVC_HEADER_PTS | OPENK4A_UVC_HEADER_SCR | OPENK4A_UVC_HEADER_EOH);
        if (pos + n == frame.size())
            h.info |= OPENK4A_UVC_HEADER_EOF;
        h.pts = pts;
        h.scr_stc = pts + static_cast<uint32_t>(payloads.size());
        h.scr_sof = static_cast<uint16_t>(payloads.size() & 0x7FF);
        payloads.push_back(MakePayload(h, frame.data() + pos, n));
        pos += n;
    } while (pos < frame.size());
    return payloads;
}

Bytes PatternBytes(size_t size, uint32_t seed)
{
    Bytes out(size);
    uint32_t x = seed * 2654435761u + 1u;
    for (size_t i = 0; i < size; ++i)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = static_cast<uint8_t>(x);
    }
    return out;
}

Bytes MakeImuPacket(int16_t temperature, uint16_t gyro_sensitivity, uint16_t accel_sensitivity,
                    const std::vector<ImuRaw> &gyro, const std::vector<ImuRaw> &accel)
{
    openk4a_imu_temperature_block_t t{};
    t.reporting_rate_us = 600;
    t.sensitivity = 256;
    t.value = temperature;
    openk4a_imu_sensor_block_t g{};
    g.sensitivity = gyro_sensitivity;
    g.sample_rate_us = 600;
    openk4a_imu_sensor_block_t a{};
    a.sensitivity = accel_sensitivity;
    a.sample_rate_us = 600;
    auto raw = [](const std::vector<ImuRaw> &in)
    {
        std::vector<openk4a_imu_raw_sample_t> out;
        for (const ImuRaw &s : in)
            out.push_back({s.pts, s.x, s.y, s.z});
        return out;
    };
    const auto gr = raw(gyro);
    const auto ar = raw(accel);
    Bytes out(OPENK4A_IMU_PACKET_METADATA_SIZE + (gr.size() + ar.size()) * OPENK4A_IMU_PACKET_SAMPLE_SIZE);
    size_t written = 0;
    if (openk4a_imu_packet_encode_samples(&t, &g, gr.data(), gr.size(), &a, ar.data(), ar.size(), out.data(),
                                          out.size(), &written) != OPENK4A_USB_OK ||
        written != out.size())
    {
        std::abort();
    }
    return out;
}

} // namespace openk4a::testing
