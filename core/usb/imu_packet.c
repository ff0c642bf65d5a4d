/* IMU payload -> k4a_imu_sample_t (see include/openk4a/usb/imu_packet.h). */
#include "openk4a/usb/imu_packet.h"

#include <math.h>
#include <string.h>

/* The SDK's constants, spelled as it spells them so float results match. */
#define IMU_TEMPERATURE_DIVISOR 256
#define IMU_TEMPERATURE_CONSTANT 15
#define IMU_SCALE_NORMALIZATION 1000000
#define IMU_GRAVITATIONAL_CONSTANT 9.81f
#define IMU_PI 3.141592f
#define IMU_RADIANS_PER_DEGREES (IMU_PI / 180.0f)

float openk4a_imu_temperature_celsius(int16_t value)
{
    return ((float)value / IMU_TEMPERATURE_DIVISOR) + IMU_TEMPERATURE_CONSTANT;
}

float openk4a_imu_gyro_rad_per_s(int16_t raw, uint16_t sensitivity)
{
    return (float)raw * sensitivity * IMU_RADIANS_PER_DEGREES / IMU_SCALE_NORMALIZATION;
}

float openk4a_imu_accel_m_per_s2(int16_t raw, uint16_t sensitivity)
{
    return (float)raw * sensitivity * IMU_GRAVITATIONAL_CONSTANT / IMU_SCALE_NORMALIZATION;
}

uint64_t openk4a_imu_ticks_to_usec(uint64_t ticks)
{
    /* floor(ticks * 100 / 9) without the 64-bit overflow of ticks * 100. */
    return (ticks / 9u) * 100u + ((ticks % 9u) * 100u) / 9u;
}

uint64_t openk4a_imu_usec_to_ticks(uint64_t usec)
{
    /* ceil(usec * 9 / 100), overflow-free; then the smallest ticks that reach usec. */
    uint64_t ticks = (usec / 100u) * 9u + ((usec % 100u) * 9u + 99u) / 100u;
    while (ticks > 0 && openk4a_imu_ticks_to_usec(ticks - 1) >= usec)
        ticks--;
    return ticks;
}

static int16_t saturate(double v)
{
    if (!(v == v))
        return 0; /* NaN */
    v = round(v);
    if (v > INT16_MAX)
        return INT16_MAX;
    if (v < INT16_MIN)
        return INT16_MIN;
    return (int16_t)v;
}

int16_t openk4a_imu_temperature_raw(float celsius)
{
    return saturate(((double)celsius - IMU_TEMPERATURE_CONSTANT) * IMU_TEMPERATURE_DIVISOR);
}

int16_t openk4a_imu_gyro_raw(float rad_per_s, uint16_t sensitivity)
{
    if (sensitivity == 0)
        return 0;
    return saturate((double)rad_per_s * IMU_SCALE_NORMALIZATION /
                    ((double)sensitivity * (double)IMU_RADIANS_PER_DEGREES));
}

int16_t openk4a_imu_accel_raw(float m_per_s2, uint16_t sensitivity)
{
    if (sensitivity == 0)
        return 0;
    return saturate((double)m_per_s2 * IMU_SCALE_NORMALIZATION /
                    ((double)sensitivity * (double)IMU_GRAVITATIONAL_CONSTANT));
}

size_t openk4a_imu_packet_sample_count(const openk4a_imu_packet_t *packet)
{
    if (packet == NULL)
        return 0;
    const size_t gyro = openk4a_imu_packet_gyro_samples_count(packet);
    const size_t accel = openk4a_imu_packet_accel_samples_count(packet);
    return gyro < accel ? gyro : accel;
}

openk4a_usb_status_t openk4a_imu_packet_get_sample(const openk4a_imu_packet_t *packet, size_t i,
                                                   k4a_imu_sample_t *sample)
{
    if (packet == NULL || sample == NULL || i >= openk4a_imu_packet_sample_count(packet))
    {
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    }
    const openk4a_imu_raw_sample_t g = openk4a_imu_packet_gyro_samples_at(packet, i);
    const openk4a_imu_raw_sample_t a = openk4a_imu_packet_accel_samples_at(packet, i);
    const uint16_t gs = packet->gyro.sensitivity;
    const uint16_t as = packet->accel.sensitivity;
    memset(sample, 0, sizeof *sample);
    sample->temperature = openk4a_imu_temperature_celsius(packet->temperature.value);
    sample->gyro_sample.xyz.x = openk4a_imu_gyro_rad_per_s(g.x, gs);
    sample->gyro_sample.xyz.y = openk4a_imu_gyro_rad_per_s(g.y, gs);
    sample->gyro_sample.xyz.z = openk4a_imu_gyro_rad_per_s(g.z, gs);
    sample->gyro_timestamp_usec = openk4a_imu_ticks_to_usec(g.pts);
    sample->acc_sample.xyz.x = openk4a_imu_accel_m_per_s2(a.x, as);
    sample->acc_sample.xyz.y = openk4a_imu_accel_m_per_s2(a.y, as);
    sample->acc_sample.xyz.z = openk4a_imu_accel_m_per_s2(a.z, as);
    sample->acc_timestamp_usec = openk4a_imu_ticks_to_usec(a.pts);
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_imu_packet_decode(const uint8_t *data, size_t size, k4a_imu_sample_t *samples,
                                               size_t capacity, size_t *count, size_t *consumed)
{
    if (count == NULL || (samples == NULL && capacity != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *count = 0;
    openk4a_imu_packet_t packet;
    const openk4a_usb_status_t s = openk4a_imu_packet_parse(data, size, &packet, consumed);
    if (s != OPENK4A_USB_OK)
        return s;
    const size_t n = openk4a_imu_packet_sample_count(&packet);
    if (n > capacity)
    {
        *count = n;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    for (size_t i = 0; i < n; ++i)
        (void)openk4a_imu_packet_get_sample(&packet, i, &samples[i]);
    *count = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_imu_packet_encode_samples(
    const openk4a_imu_temperature_block_t *temperature, const openk4a_imu_sensor_block_t *gyro,
    const openk4a_imu_raw_sample_t *gyro_samples, size_t gyro_count, const openk4a_imu_sensor_block_t *accel,
    const openk4a_imu_raw_sample_t *accel_samples, size_t accel_count, uint8_t *buf, size_t capacity, size_t *written)
{
    if (written != NULL)
        *written = 0;
    if (temperature == NULL || gyro == NULL || accel == NULL || (gyro_samples == NULL && gyro_count != 0) ||
        (accel_samples == NULL && accel_count != 0) || (buf == NULL && capacity != 0) || gyro_count > UINT32_MAX ||
        accel_count > UINT32_MAX)
    {
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    }
    const size_t sample = OPENK4A_IMU_RAW_SAMPLE_WIRE_SIZE;
    if (gyro_count > (SIZE_MAX - OPENK4A_IMU_PACKET_METADATA_SIZE) / sample - accel_count)
    {
        return OPENK4A_USB_ERR_BAD_VALUE;
    }
    const size_t total = OPENK4A_IMU_PACKET_METADATA_SIZE + (gyro_count + accel_count) * sample;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    /* The layout the generated parser reads back (imu_wire.toml): metadata
     * blocks with the given counts, then gyro samples, then accel samples. */
    openk4a_imu_sensor_block_t g = *gyro;
    openk4a_imu_sensor_block_t a = *accel;
    g.sample_count = (uint32_t)gyro_count;
    a.sample_count = (uint32_t)accel_count;
    uint8_t *p = buf;
    openk4a_imu_temperature_block_write(p, temperature);
    p += OPENK4A_IMU_TEMPERATURE_BLOCK_WIRE_SIZE;
    openk4a_imu_sensor_block_write(p, &g);
    p += OPENK4A_IMU_SENSOR_BLOCK_WIRE_SIZE;
    openk4a_imu_sensor_block_write(p, &a);
    p += OPENK4A_IMU_SENSOR_BLOCK_WIRE_SIZE;
    for (size_t i = 0; i < gyro_count; ++i, p += sample)
    {
        openk4a_imu_raw_sample_write(p, &gyro_samples[i]);
    }
    for (size_t i = 0; i < accel_count; ++i, p += sample)
    {
        openk4a_imu_raw_sample_write(p, &accel_samples[i]);
    }
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}
