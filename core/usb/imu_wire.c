/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/imu_wire.toml by tools/codegen/wire_gen.py; do not edit */
#include "openk4a/usb/imu_wire.h"

#include <stdint.h>
#include <string.h>

/* ---- packet ---- */

openk4a_usb_status_t openk4a_imu_packet_parse(const uint8_t *data, size_t size, openk4a_imu_packet_t *out,
                                              size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* temperature: temperature_block */
    if (end - pos < 8u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    openk4a_imu_temperature_block_read(data + pos, &out->temperature);
    pos += 8u;
    /* gyro: sensor_block */
    if (end - pos < 10u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    openk4a_imu_sensor_block_read(data + pos, &out->gyro);
    pos += 10u;
    /* accel: sensor_block */
    if (end - pos < 10u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    openk4a_imu_sensor_block_read(data + pos, &out->accel);
    pos += 10u;
    /* gyro_samples: raw_sample[] */
    {
        const size_t count = (size_t)out->gyro.sample_count;
        if (count > (end - pos) / 14u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->gyro_samples = data + pos;
        pos += count * 14u;
    }
    /* accel_samples: raw_sample[] */
    {
        const size_t count = (size_t)out->accel.sample_count;
        if (count > (end - pos) / 14u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->accel_samples = data + pos;
        pos += count * 14u;
    }
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_imu_packet_parse_complete(const uint8_t *data, size_t size, openk4a_imu_packet_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_imu_packet_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_imu_packet_encoded_size(const openk4a_imu_packet_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 8u;
    n += 10u;
    n += 10u;
    {
        const size_t count = (size_t)in->gyro.sample_count;
        if (count != 0 && in->gyro_samples == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 14u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 14u;
    }
    {
        const size_t count = (size_t)in->accel.sample_count;
        if (count != 0 && in->accel_samples == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 14u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 14u;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_imu_packet_encode(const openk4a_imu_packet_t *in, uint8_t *buf, size_t capacity,
                                               size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_imu_packet_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    openk4a_imu_temperature_block_write(buf + pos, &in->temperature);
    pos += 8u;
    openk4a_imu_sensor_block_write(buf + pos, &in->gyro);
    pos += 10u;
    openk4a_imu_sensor_block_write(buf + pos, &in->accel);
    pos += 10u;
    {
        const size_t count = (size_t)in->gyro.sample_count;
        if (count != 0)
            memcpy(buf + pos, in->gyro_samples, count * 14u);
        pos += count * 14u;
    }
    {
        const size_t count = (size_t)in->accel.sample_count;
        if (count != 0)
            memcpy(buf + pos, in->accel_samples, count * 14u);
        pos += count * 14u;
    }
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}
