/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/k4a_color_mcu_wire.toml by tools/codegen/wire_gen.py; do not edit */
#include "openk4a/usb/k4a_color_mcu_wire.h"

#include <stdint.h>
#include <string.h>

/* ---- sync_config ---- */

openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_parse(const uint8_t *data, size_t size,
                                                             openk4a_k4a_color_mcu_sync_config_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* mode: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->mode = openk4a_wire_u32le((data + pos));
    if (out->mode != 0u && out->mode != 1u && out->mode != 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_VALUE);
    pos += 4u;
    /* subordinate_delay_off_master_pts: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->subordinate_delay_off_master_pts = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* depth_delay_off_color_pts: i32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->depth_delay_off_color_pts = (int32_t)openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* enable_privacy_led: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->enable_privacy_led = (data + pos)[0];
    if (out->enable_privacy_led != 0u && out->enable_privacy_led != 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_VALUE);
    pos += 1u;
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_k4a_color_mcu_sync_config_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_k4a_color_mcu_sync_config_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_encoded_size(const openk4a_k4a_color_mcu_sync_config_t *in,
                                                                    size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    if (in->mode != 0u && in->mode != 1u && in->mode != 2u)
        return OPENK4A_USB_ERR_BAD_VALUE;
    n += 4u;
    n += 4u;
    n += 4u;
    if (in->enable_privacy_led != 0u && in->enable_privacy_led != 1u)
        return OPENK4A_USB_ERR_BAD_VALUE;
    n += 1u;
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_encode(const openk4a_k4a_color_mcu_sync_config_t *in,
                                                              uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_k4a_color_mcu_sync_config_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->mode));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->subordinate_delay_off_master_pts));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->depth_delay_off_color_pts));
    pos += 4u;
    (buf + pos)[0] = (uint8_t)(in->enable_privacy_led);
    pos += 1u;
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- jack_state ---- */

openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_parse(const uint8_t *data, size_t size,
                                                            openk4a_k4a_color_mcu_jack_state_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* state: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->state = (data + pos)[0];
    pos += 1u;
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_k4a_color_mcu_jack_state_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_k4a_color_mcu_jack_state_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_encoded_size(const openk4a_k4a_color_mcu_jack_state_t *in,
                                                                   size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_encode(const openk4a_k4a_color_mcu_jack_state_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_k4a_color_mcu_jack_state_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(in->state);
    pos += 1u;
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}
