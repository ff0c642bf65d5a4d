/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/k4a_mcu_wire.toml by tools/codegen/wire_gen.py; do not edit */
#include "openk4a/usb/k4a_mcu_wire.h"

#include <stdint.h>
#include <string.h>

/* ---- command_header ---- */

openk4a_usb_status_t openk4a_k4a_mcu_command_header_parse(const uint8_t *data, size_t size,
                                                          openk4a_k4a_mcu_command_header_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* packet_type: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->packet_type = openk4a_wire_u32le((data + pos));
    if (out->packet_type != 0x6022009u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 4u;
    /* transaction_id: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->transaction_id = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* payload_size: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->payload_size = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* command: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->command = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* reserved: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->reserved = openk4a_wire_u32le((data + pos));
    if (out->reserved != 0u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_VALUE);
    pos += 4u;
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_mcu_command_header_parse_complete(const uint8_t *data, size_t size,
                                                                   openk4a_k4a_mcu_command_header_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_k4a_mcu_command_header_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_k4a_mcu_command_header_encoded_size(const openk4a_k4a_mcu_command_header_t *in,
                                                                 size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 4u;
    n += 4u;
    n += 4u;
    n += 4u;
    n += 4u;
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_mcu_command_header_encode(const openk4a_k4a_mcu_command_header_t *in, uint8_t *buf,
                                                           size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_k4a_mcu_command_header_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(0x6022009u));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->transaction_id));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->payload_size));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->command));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(0u));
    pos += 4u;
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- command_response ---- */

openk4a_usb_status_t openk4a_k4a_mcu_command_response_parse(const uint8_t *data, size_t size,
                                                            openk4a_k4a_mcu_command_response_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* packet_type: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->packet_type = openk4a_wire_u32le((data + pos));
    if (out->packet_type != 0xA6FE000u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 4u;
    /* transaction_id: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->transaction_id = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* status: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->status = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* reserved: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->reserved = openk4a_wire_u32le((data + pos));
    pos += 4u;
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_mcu_command_response_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_k4a_mcu_command_response_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_k4a_mcu_command_response_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_k4a_mcu_command_response_encoded_size(const openk4a_k4a_mcu_command_response_t *in,
                                                                   size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 4u;
    n += 4u;
    n += 4u;
    n += 4u;
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_mcu_command_response_encode(const openk4a_k4a_mcu_command_response_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_k4a_mcu_command_response_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(0xA6FE000u));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->transaction_id));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->status));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->reserved));
    pos += 4u;
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}
