/* Azure Kinect IMU payloads -> k4a_imu_sample_t, with the Sensor SDK 1.4's
 * unit conversions, and the reverse for an emulated device.
 *
 * The wire layout and its bounds-checked parser/encoder are generated
 * (imu_wire.h, from core/spec/imu_wire.toml). As in the SDK, gyroscope
 * sample i is paired with accelerometer sample i; a packet yields
 * min(gyro.sample_count, accel.sample_count) samples. Conversions:
 *   temperature (C)   = value / 256 + 15
 *   gyro (rad/s)      = raw * sensitivity * (3.141592 / 180) / 1e6
 *   accel (m/s^2)     = raw * sensitivity * 9.81 / 1e6
 *   timestamp (usec)  = ticks * 100 / 9      (90 kHz device clock)
 * evaluated in float in the SDK's order, so results match it bit for bit.
 * (The SDK computes ticks * 100 in 64 bits, which wraps above ~1.8e17 ticks;
 * here the result stays exact for every tick value.) */
#ifndef OPENK4A_USB_IMU_PACKET_H_
#define OPENK4A_USB_IMU_PACKET_H_

#include <stddef.h>
#include <stdint.h>

#include "k4a/k4atypes.h"
#include "openk4a/usb/imu_wire.h"
#include "openk4a/usb/usb_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /** Paired samples in a parsed packet: min(gyro, accel sample counts). */
    size_t openk4a_imu_packet_sample_count(const openk4a_imu_packet_t *packet);

    /** Converts paired sample i. ERR_INVALID_ARGUMENT when i is out of range. */
    openk4a_usb_status_t openk4a_imu_packet_get_sample(const openk4a_imu_packet_t *packet, size_t i,
                                                       k4a_imu_sample_t *sample);

    /** Parses one payload and converts every paired sample into samples[0, capacity).
     * *count (required) receives the number of samples; on ERR_BUFFER_TOO_SMALL it
     * is the number needed and nothing is converted. *consumed (may be NULL) is the
     * packet's size; bytes after it are ignored, as the SDK does. */
    openk4a_usb_status_t openk4a_imu_packet_decode(const uint8_t *data, size_t size, k4a_imu_sample_t *samples,
                                                   size_t capacity, size_t *count, size_t *consumed);

    /** Encodes a payload from metadata and raw samples (emulated devices). The
     * sample_count fields of gyro/accel are ignored: the counts given here are
     * written. ERR_BUFFER_TOO_SMALL sets *written (may be NULL) to the size needed. */
    openk4a_usb_status_t openk4a_imu_packet_encode_samples(const openk4a_imu_temperature_block_t *temperature,
                                                           const openk4a_imu_sensor_block_t *gyro,
                                                           const openk4a_imu_raw_sample_t *gyro_samples,
                                                           size_t gyro_count, const openk4a_imu_sensor_block_t *accel,
                                                           const openk4a_imu_raw_sample_t *accel_samples,
                                                           size_t accel_count, uint8_t *buf, size_t capacity,
                                                           size_t *written);

    /* Unit conversions (SDK-exact) and their inverses (rounded, saturated). */
    float openk4a_imu_temperature_celsius(int16_t value);
    float openk4a_imu_gyro_rad_per_s(int16_t raw, uint16_t sensitivity);
    float openk4a_imu_accel_m_per_s2(int16_t raw, uint16_t sensitivity);
    uint64_t openk4a_imu_ticks_to_usec(uint64_t ticks);
    int16_t openk4a_imu_temperature_raw(float celsius);
    int16_t openk4a_imu_gyro_raw(float rad_per_s, uint16_t sensitivity);
    int16_t openk4a_imu_accel_raw(float m_per_s2, uint16_t sensitivity);
    /** The smallest tick count whose openk4a_imu_ticks_to_usec() is >= usec. */
    uint64_t openk4a_imu_usec_to_ticks(uint64_t usec);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_IMU_PACKET_H_ */
