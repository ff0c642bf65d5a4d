// Azure Kinect IMU payloads: layout, SDK unit conversions, hostile counts.
#include "openk4a/usb/imu_packet.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "tests/usb/usb_test_util.h"

namespace
{

using openk4a::testing::Bytes;
using openk4a::testing::ImuRaw;
using openk4a::testing::MakeImuPacket;

openk4a_usb_status_t Decode(const Bytes &b, std::vector<k4a_imu_sample_t> *out, size_t *consumed)
{
    std::unique_ptr<uint8_t[]> exact(new uint8_t[b.size() + 1]);
    if (!b.empty())
        std::memcpy(exact.get(), b.data(), b.size());
    out->assign(8, k4a_imu_sample_t{});
    size_t count = 0;
    const openk4a_usb_status_t s =
        openk4a_imu_packet_decode(exact.get(), b.size(), out->data(), out->size(), &count, consumed);
    out->resize(s == OPENK4A_USB_OK ? count : 0);
    return s;
}

TEST(ImuPacket, LayoutIsMetadataThenGyroThenAccel)
{
    const Bytes b = MakeImuPacket(0x0A00, 1000, 2000, {{900, 1, 2, 3}}, {{909, -4, 5, -6}});
    ASSERT_EQ(b.size(), 28u + 2 * 14);
    // temperature block: rate u32, sensitivity u16, value i16
    EXPECT_EQ(b[6], 0x00);
    EXPECT_EQ(b[7], 0x0A);
    // gyro block at 8: sensitivity u16 = 1000, rate u32, count u32 = 1
    EXPECT_EQ(b[8] | (b[9] << 8), 1000);
    EXPECT_EQ(b[14], 1);
    // accel block at 18, its count at 24
    EXPECT_EQ(b[18] | (b[19] << 8), 2000);
    EXPECT_EQ(b[24], 1);
    // gyro sample at 28: pts u64 = 900, x = 1
    EXPECT_EQ(b[28] | (b[29] << 8), 900);
    EXPECT_EQ(b[36], 1);
    // accel sample at 42: x = -4
    EXPECT_EQ(static_cast<int16_t>(b[50] | (b[51] << 8)), -4);
}

TEST(ImuPacket, ConversionsMatchTheSdkFormulas)
{
    // The SDK's expressions, evaluated here independently in float.
    const float pi = 3.141592f;
    const uint16_t gs = 1000, as = 2440;
    const Bytes b = MakeImuPacket(2560, gs, as, {{90000, 100, -200, 300}, {90015, 1, 2, 3}},
                                  {{90001, 4096, -4096, 32767}, {90016, 0, 0, -32768}});
    std::vector<k4a_imu_sample_t> s;
    size_t consumed = 0;
    ASSERT_EQ(Decode(b, &s, &consumed), OPENK4A_USB_OK);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(consumed, b.size());
    EXPECT_EQ(s[0].temperature, ((float)(2560) / 256) + 15); // 25 C
    EXPECT_FLOAT_EQ(s[0].temperature, 25.0f);
    EXPECT_EQ(s[0].gyro_sample.xyz.x, (float)100 * gs * (pi / 180.0f) / 1000000);
    EXPECT_EQ(s[0].gyro_sample.xyz.y, (float)-200 * gs * (pi / 180.0f) / 1000000);
    EXPECT_EQ(s[0].acc_sample.xyz.x, (float)4096 * as * 9.81f / 1000000);
    EXPECT_EQ(s[0].acc_sample.xyz.z, (float)32767 * as * 9.81f / 1000000);
    EXPECT_NEAR(s[0].acc_sample.xyz.x, 98.04, 0.01); // 4096 * 2440 ug = 9.99 g
    EXPECT_EQ(s[0].gyro_timestamp_usec, 1000000u);   // 90000 ticks = 1 s
    EXPECT_EQ(s[0].acc_timestamp_usec, 90001ull * 100 / 9);
    EXPECT_EQ(s[1].acc_sample.xyz.z, (float)-32768 * as * 9.81f / 1000000);
    EXPECT_EQ(s[1].gyro_timestamp_usec, 90015ull * 100 / 9);
}

TEST(ImuPacket, UnpairedSamplesArePairedByIndexLikeTheSdk)
{
    const Bytes b = MakeImuPacket(0, 1, 1, {{1, 0, 0, 0}, {2, 0, 0, 0}, {3, 0, 0, 0}}, {{1, 0, 0, 0}});
    std::vector<k4a_imu_sample_t> s;
    size_t consumed = 0;
    ASSERT_EQ(Decode(b, &s, &consumed), OPENK4A_USB_OK);
    EXPECT_EQ(s.size(), 1u);
    EXPECT_EQ(consumed, 28u + 4 * 14);
}

TEST(ImuPacket, SampleCountsBeyondThePacketAreRejected)
{
    Bytes b = MakeImuPacket(0, 1, 1, {{1, 0, 0, 0}}, {{1, 0, 0, 0}});
    std::vector<k4a_imu_sample_t> s;
    size_t consumed = 0;
    Bytes more = b;
    more[24] = 2; // accel count 2, one sample present
    EXPECT_EQ(Decode(more, &s, &consumed), OPENK4A_USB_ERR_COUNT_PAST_END);
    EXPECT_EQ(consumed, 28u + 14); // where the accel samples start
    more = b;
    more[14] = 0xFF; // gyro count 0xFFFFFFFF: no overflow, just rejected
    more[15] = 0xFF;
    more[16] = 0xFF;
    more[17] = 0xFF;
    EXPECT_EQ(Decode(more, &s, &consumed), OPENK4A_USB_ERR_COUNT_PAST_END);
    EXPECT_EQ(Decode(Bytes(b.begin(), b.begin() + 27), &s, &consumed), OPENK4A_USB_ERR_TRUNCATED);
    // Trailing bytes are tolerated and reported through consumed.
    b.push_back(0xEE);
    ASSERT_EQ(Decode(b, &s, &consumed), OPENK4A_USB_OK);
    EXPECT_EQ(consumed, b.size() - 1);
    openk4a_imu_packet_t p;
    EXPECT_EQ(openk4a_imu_packet_parse_complete(b.data(), b.size(), &p), OPENK4A_USB_ERR_TRAILING_BYTES);
}

TEST(ImuPacket, FullPacketAndSmallOutputBuffer)
{
    std::vector<ImuRaw> g, a;
    for (int i = 0; i < 8; ++i)
    {
        g.push_back({static_cast<uint64_t>(i * 54), static_cast<int16_t>(i), 0, 0});
        a.push_back({static_cast<uint64_t>(i * 54 + 1), 0, static_cast<int16_t>(i), 0});
    }
    const Bytes b = MakeImuPacket(0, 1, 1, g, a);
    EXPECT_EQ(b.size(), static_cast<size_t>(OPENK4A_IMU_PACKET_MAX_SIZE));
    k4a_imu_sample_t out[4];
    size_t count = 0;
    EXPECT_EQ(openk4a_imu_packet_decode(b.data(), b.size(), out, 4, &count, nullptr), OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(count, 8u);
    std::vector<k4a_imu_sample_t> s;
    size_t consumed = 0;
    ASSERT_EQ(Decode(b, &s, &consumed), OPENK4A_USB_OK);
    ASSERT_EQ(s.size(), 8u);
    EXPECT_EQ(s[7].acc_timestamp_usec, (7ull * 54 + 1) * 100 / 9);
}

TEST(ImuPacket, TimestampsAndInverseConversions)
{
    EXPECT_EQ(openk4a_imu_ticks_to_usec(9), 100u);
    EXPECT_EQ(openk4a_imu_ticks_to_usec(1), 11u);
    // No 64-bit overflow where the SDK's ticks * 100 would wrap.
    EXPECT_EQ(openk4a_imu_ticks_to_usec(UINT64_MAX), UINT64_MAX / 9 * 100 + (UINT64_MAX % 9) * 100 / 9);
    for (uint64_t usec : {0ull, 1ull, 11ull, 12ull, 1000000ull, 123456789ull})
    {
        const uint64_t t = openk4a_imu_usec_to_ticks(usec);
        EXPECT_GE(openk4a_imu_ticks_to_usec(t), usec);
        if (t > 0)
        {
            EXPECT_LT(openk4a_imu_ticks_to_usec(t - 1), usec);
        }
    }
    EXPECT_EQ(openk4a_imu_temperature_raw(25.0f), 2560);
    EXPECT_EQ(openk4a_imu_accel_raw(openk4a_imu_accel_m_per_s2(4096, 2440), 2440), 4096);
    EXPECT_EQ(openk4a_imu_gyro_raw(openk4a_imu_gyro_rad_per_s(-1234, 1000), 1000), -1234);
    EXPECT_EQ(openk4a_imu_accel_raw(1e9f, 1), INT16_MAX);
    EXPECT_EQ(openk4a_imu_gyro_raw(NAN, 1), 0);
}

TEST(ImuPacket, EncoderChecksItsArguments)
{
    openk4a_imu_temperature_block_t t{};
    openk4a_imu_sensor_block_t g{}, a{};
    uint8_t buf[28];
    size_t written = 0;
    EXPECT_EQ(openk4a_imu_packet_encode_samples(&t, &g, nullptr, 1, &a, nullptr, 0, buf, sizeof buf, &written),
              OPENK4A_USB_ERR_INVALID_ARGUMENT);
    openk4a_imu_raw_sample_t one{};
    EXPECT_EQ(openk4a_imu_packet_encode_samples(&t, &g, &one, 1, &a, nullptr, 0, buf, sizeof buf, &written),
              OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(written, 42u);
    g.sample_count = 5; // ignored: the count given is written
    ASSERT_EQ(openk4a_imu_packet_encode_samples(&t, &g, nullptr, 0, &a, nullptr, 0, buf, sizeof buf, &written),
              OPENK4A_USB_OK);
    EXPECT_EQ(written, 28u);
    EXPECT_EQ(buf[14], 0);
}

} // namespace
