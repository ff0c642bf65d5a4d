/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/k4a_vendor_wire.toml by tools/codegen/wire_gen.py; do not edit */
#include "openk4a/usb/k4a_vendor_wire.h"

#include <stdint.h>
#include <string.h>

/* ---- firmware_versions ---- */

openk4a_usb_status_t openk4a_k4a_vendor_firmware_versions_parse(const uint8_t *data, size_t size,
                                                                openk4a_k4a_vendor_firmware_versions_t *out,
                                                                size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* rgb_major: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->rgb_major = (data + pos)[0];
    pos += 1u;
    /* rgb_minor: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->rgb_minor = (data + pos)[0];
    pos += 1u;
    /* rgb_build: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->rgb_build = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* depth_major: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->depth_major = (data + pos)[0];
    pos += 1u;
    /* depth_minor: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->depth_minor = (data + pos)[0];
    pos += 1u;
    /* depth_build: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->depth_build = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* audio_major: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->audio_major = (data + pos)[0];
    pos += 1u;
    /* audio_minor: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->audio_minor = (data + pos)[0];
    pos += 1u;
    /* audio_build: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->audio_build = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* depth_sensor_cfg_major: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->depth_sensor_cfg_major = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* depth_sensor_cfg_minor: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->depth_sensor_cfg_minor = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* build_config: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->build_config = (data + pos)[0];
    pos += 1u;
    /* signature_type: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->signature_type = (data + pos)[0];
    pos += 1u;
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_vendor_firmware_versions_parse_complete(const uint8_t *data, size_t size,
                                                                         openk4a_k4a_vendor_firmware_versions_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_k4a_vendor_firmware_versions_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_k4a_vendor_firmware_versions_encoded_size(const openk4a_k4a_vendor_firmware_versions_t *in,
                                                                       size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 2u;
    n += 2u;
    n += 1u;
    n += 1u;
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_vendor_firmware_versions_encode(const openk4a_k4a_vendor_firmware_versions_t *in,
                                                                 uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_k4a_vendor_firmware_versions_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(in->rgb_major);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->rgb_minor);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->rgb_build));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->depth_major);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->depth_minor);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->depth_build));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->audio_major);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->audio_minor);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->audio_build));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->depth_sensor_cfg_major));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->depth_sensor_cfg_minor));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->build_config);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->signature_type);
    pos += 1u;
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}
