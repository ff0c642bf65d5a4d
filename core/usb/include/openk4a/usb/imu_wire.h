/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/imu_wire.toml by tools/codegen/wire_gen.py; do not edit */
#ifndef OPENK4A_USB_IMU_WIRE_H_
#define OPENK4A_USB_IMU_WIRE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "openk4a/usb/usb_status.h"
#include "openk4a/usb/wire_runtime.h"

#ifdef __cplusplus
extern "C"
{
#endif

/*
 * Bounds-checked parser and encoder for the Azure Kinect IMU payload. Sample arrays are borrowed
 * views into the caller's input; a sample count that describes more bytes than the payload holds is
 * rejected (OPENK4A_USB_ERR_COUNT_PAST_END).
 */

/** Sizes of the IMU payload. */
#define OPENK4A_IMU_PACKET_METADATA_SIZE 0x1Cu       /**< temperature, gyro and accel blocks */
#define OPENK4A_IMU_PACKET_SAMPLE_SIZE 0xEu          /**< one raw sample: u64 pts + 3 x i16 */
#define OPENK4A_IMU_PACKET_MAX_SAMPLES_PER_SENSOR 8u /**< what the firmware sends at most per sensor */
#define OPENK4A_IMU_PACKET_MAX_SIZE 0xFCu            /**< 28 + 2 * 8 * 14 */

    /** Temperature reading. Celsius = value / 256 + 15. */
    typedef struct openk4a_imu_temperature_block
    {
        uint32_t reporting_rate_us;
        uint16_t sensitivity;
        int16_t value;
    } openk4a_imu_temperature_block_t;
#define OPENK4A_IMU_TEMPERATURE_BLOCK_WIRE_SIZE 8 /**< bytes on the wire */

    /**
     * Reads one temperature_block from OPENK4A_IMU_TEMPERATURE_BLOCK_WIRE_SIZE bytes at p; the caller
     * has checked the size.
     */
    static inline void openk4a_imu_temperature_block_read(const uint8_t *p, openk4a_imu_temperature_block_t *out)
    {
        out->reporting_rate_us = openk4a_wire_u32le((p + 0));
        out->sensitivity = openk4a_wire_u16le((p + 4));
        out->value = (int16_t)openk4a_wire_u16le((p + 6));
    }

    /**
     * Writes one temperature_block as OPENK4A_IMU_TEMPERATURE_BLOCK_WIRE_SIZE bytes at p; the caller
     * has checked the room.
     */
    static inline void openk4a_imu_temperature_block_write(uint8_t *p, const openk4a_imu_temperature_block_t *in)
    {
        openk4a_wire_put_u32le((p + 0), (uint32_t)(in->reporting_rate_us));
        openk4a_wire_put_u16le((p + 4), (uint16_t)(in->sensitivity));
        openk4a_wire_put_u16le((p + 6), (uint16_t)(in->value));
    }

    /**
     * Gyroscope or accelerometer metadata. Physical value = raw * sensitivity / 1e6 in degrees per
     * second (gyro) or g (accel).
     */
    typedef struct openk4a_imu_sensor_block
    {
        uint16_t sensitivity;
        uint32_t sample_rate_us;
        uint32_t sample_count;
    } openk4a_imu_sensor_block_t;
#define OPENK4A_IMU_SENSOR_BLOCK_WIRE_SIZE 10 /**< bytes on the wire */

    /**
     * Reads one sensor_block from OPENK4A_IMU_SENSOR_BLOCK_WIRE_SIZE bytes at p; the caller has checked
     * the size.
     */
    static inline void openk4a_imu_sensor_block_read(const uint8_t *p, openk4a_imu_sensor_block_t *out)
    {
        out->sensitivity = openk4a_wire_u16le((p + 0));
        out->sample_rate_us = openk4a_wire_u32le((p + 2));
        out->sample_count = openk4a_wire_u32le((p + 6));
    }

    /**
     * Writes one sensor_block as OPENK4A_IMU_SENSOR_BLOCK_WIRE_SIZE bytes at p; the caller has checked
     * the room.
     */
    static inline void openk4a_imu_sensor_block_write(uint8_t *p, const openk4a_imu_sensor_block_t *in)
    {
        openk4a_wire_put_u16le((p + 0), (uint16_t)(in->sensitivity));
        openk4a_wire_put_u32le((p + 2), (uint32_t)(in->sample_rate_us));
        openk4a_wire_put_u32le((p + 6), (uint32_t)(in->sample_count));
    }

    /** One raw sample: device timestamp in 90 kHz ticks and three signed axes. */
    typedef struct openk4a_imu_raw_sample
    {
        uint64_t pts;
        int16_t x;
        int16_t y;
        int16_t z;
    } openk4a_imu_raw_sample_t;
#define OPENK4A_IMU_RAW_SAMPLE_WIRE_SIZE 14 /**< bytes on the wire */

    /**
     * Reads one raw_sample from OPENK4A_IMU_RAW_SAMPLE_WIRE_SIZE bytes at p; the caller has checked the
     * size.
     */
    static inline void openk4a_imu_raw_sample_read(const uint8_t *p, openk4a_imu_raw_sample_t *out)
    {
        out->pts = openk4a_wire_u64le((p + 0));
        out->x = (int16_t)openk4a_wire_u16le((p + 8));
        out->y = (int16_t)openk4a_wire_u16le((p + 10));
        out->z = (int16_t)openk4a_wire_u16le((p + 12));
    }

    /**
     * Writes one raw_sample as OPENK4A_IMU_RAW_SAMPLE_WIRE_SIZE bytes at p; the caller has checked the
     * room.
     */
    static inline void openk4a_imu_raw_sample_write(uint8_t *p, const openk4a_imu_raw_sample_t *in)
    {
        openk4a_wire_put_u64le((p + 0), (uint64_t)(in->pts));
        openk4a_wire_put_u16le((p + 8), (uint16_t)(in->x));
        openk4a_wire_put_u16le((p + 10), (uint16_t)(in->y));
        openk4a_wire_put_u16le((p + 12), (uint16_t)(in->z));
    }

    /** One IMU payload: metadata, then the gyroscope samples, then the accelerometer samples. */
    typedef struct openk4a_imu_packet
    {
        openk4a_imu_temperature_block_t temperature;
        openk4a_imu_sensor_block_t gyro;
        openk4a_imu_sensor_block_t accel;
        const uint8_t *gyro_samples;  /**< gyro.sample_count elements of 14 bytes borrowed from the input (wire order);
                                         read them with the _at() accessor */
        const uint8_t *accel_samples; /**< accel.sample_count elements of 14 bytes borrowed from the input (wire order);
                                         read them with the _at() accessor */
    } openk4a_imu_packet_t;

#define OPENK4A_IMU_PACKET_MIN_SIZE 28 /**< smallest valid encoding */

    /**
     * Parses a packet from the start of data[0, size). On success *consumed (may be NULL) is the number
     * of bytes the structure occupies: the structure occupies exactly the bytes its fields and counts
     * describe. On error it is the offset where parsing stopped and *out is unspecified. Array fields
     * borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_imu_packet_parse(const uint8_t *data, size_t size, openk4a_imu_packet_t *out,
                                                  size_t *consumed);

    /**
     * Like openk4a_imu_packet_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_imu_packet_parse_complete(const uint8_t *data, size_t size, openk4a_imu_packet_t *out);

    /** Validates *in and computes its encoded size. */
    openk4a_usb_status_t openk4a_imu_packet_encoded_size(const openk4a_imu_packet_t *in, size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_imu_packet_encode(const openk4a_imu_packet_t *in, uint8_t *buf, size_t capacity,
                                                   size_t *written);

    /** Number of gyro_samples elements (gyro.sample_count). */
    static inline size_t openk4a_imu_packet_gyro_samples_count(const openk4a_imu_packet_t *s)
    {
        return (size_t)s->gyro.sample_count;
    }

    /** Element i of gyro_samples; a zeroed value when i is out of range. */
    static inline openk4a_imu_raw_sample_t openk4a_imu_packet_gyro_samples_at(const openk4a_imu_packet_t *s, size_t i)
    {
        openk4a_imu_raw_sample_t value;
        memset(&value, 0, sizeof value);
        if (s->gyro_samples != NULL && i < openk4a_imu_packet_gyro_samples_count(s))
        {
            openk4a_imu_raw_sample_read(s->gyro_samples + i * 14u, &value);
        }
        return value;
    }

    /** Number of accel_samples elements (accel.sample_count). */
    static inline size_t openk4a_imu_packet_accel_samples_count(const openk4a_imu_packet_t *s)
    {
        return (size_t)s->accel.sample_count;
    }

    /** Element i of accel_samples; a zeroed value when i is out of range. */
    static inline openk4a_imu_raw_sample_t openk4a_imu_packet_accel_samples_at(const openk4a_imu_packet_t *s, size_t i)
    {
        openk4a_imu_raw_sample_t value;
        memset(&value, 0, sizeof value);
        if (s->accel_samples != NULL && i < openk4a_imu_packet_accel_samples_count(s))
        {
            openk4a_imu_raw_sample_read(s->accel_samples + i * 14u, &value);
        }
        return value;
    }

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_IMU_WIRE_H_ */
