/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/uvc_wire.toml by tools/codegen/wire_gen.py; do not edit */
#include "openk4a/usb/uvc_wire.h"

#include <stdint.h>
#include <string.h>

/* ---- payload_header ---- */

openk4a_usb_status_t openk4a_uvc_payload_header_parse(const uint8_t *data, size_t size,
                                                      openk4a_uvc_payload_header_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bHeaderLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bHeaderLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bHeaderLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bHeaderLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bHeaderLength;
    /* bmHeaderInfo: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmHeaderInfo = (data + pos)[0];
    pos += 1u;
    if ((out->bmHeaderInfo & 0x04u) != 0u)
    {
        /* dwPresentationTime: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwPresentationTime = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if ((out->bmHeaderInfo & 0x08u) != 0u)
    {
        /* scrSourceTimeClock: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->scrSourceTimeClock = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if ((out->bmHeaderInfo & 0x08u) != 0u)
    {
        /* scrSofCounter: u16 */
        if (end - pos < 2u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->scrSofCounter = openk4a_wire_u16le((data + pos));
        pos += 2u;
    }
    /* Bytes between the known fields and bHeaderLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_payload_header_parse_complete(const uint8_t *data, size_t size,
                                                               openk4a_uvc_payload_header_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_payload_header_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_payload_header_encoded_size(const openk4a_uvc_payload_header_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    if ((in->bmHeaderInfo & 0x04u) != 0u)
        n += 4u;
    if ((in->bmHeaderInfo & 0x08u) != 0u)
        n += 4u;
    if ((in->bmHeaderInfo & 0x08u) != 0u)
        n += 2u;
    if (in->bHeaderLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bHeaderLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bHeaderLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_payload_header_encode(const openk4a_uvc_payload_header_t *in, uint8_t *buf,
                                                       size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_payload_header_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmHeaderInfo);
    pos += 1u;
    if ((in->bmHeaderInfo & 0x04u) != 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwPresentationTime));
        pos += 4u;
    }
    if ((in->bmHeaderInfo & 0x08u) != 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->scrSourceTimeClock));
        pos += 4u;
    }
    if ((in->bmHeaderInfo & 0x08u) != 0u)
    {
        openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->scrSofCounter));
        pos += 2u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- probe_commit ---- */

openk4a_usb_status_t openk4a_uvc_probe_commit_parse(const uint8_t *data, size_t size, openk4a_uvc_probe_commit_t *out,
                                                    size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* The largest variant that fits the input. */
    if (size >= 48u)
    {
        end = 48u;
    }
    else if (size >= 34u)
    {
        end = 34u;
    }
    else if (size >= 26u)
    {
        end = 26u;
    }
    else
    {
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    }
    out->wire_size = end;
    /* bmHint: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bmHint = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bFormatIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bFormatIndex = (data + pos)[0];
    pos += 1u;
    /* bFrameIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bFrameIndex = (data + pos)[0];
    pos += 1u;
    /* dwFrameInterval: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->dwFrameInterval = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* wKeyFrameRate: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->wKeyFrameRate = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wPFrameRate: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->wPFrameRate = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wCompQuality: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->wCompQuality = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wCompWindowSize: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->wCompWindowSize = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wDelay: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->wDelay = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* dwMaxVideoFrameSize: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->dwMaxVideoFrameSize = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* dwMaxPayloadTransferSize: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->dwMaxPayloadTransferSize = openk4a_wire_u32le((data + pos));
    pos += 4u;
    if (end >= 34u)
    {
        /* dwClockFrequency: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->dwClockFrequency = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if (end >= 34u)
    {
        /* bmFramingInfo: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bmFramingInfo = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 34u)
    {
        /* bPreferedVersion: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bPreferedVersion = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 34u)
    {
        /* bMinVersion: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bMinVersion = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 34u)
    {
        /* bMaxVersion: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bMaxVersion = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 48u)
    {
        /* bUsage: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bUsage = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 48u)
    {
        /* bBitDepthLuma: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bBitDepthLuma = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 48u)
    {
        /* bmSettings: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bmSettings = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 48u)
    {
        /* bMaxNumberOfRefFramesPlus1: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bMaxNumberOfRefFramesPlus1 = (data + pos)[0];
        pos += 1u;
    }
    if (end >= 48u)
    {
        /* bmRateControlModes: u16 */
        if (end - pos < 2u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bmRateControlModes = openk4a_wire_u16le((data + pos));
        pos += 2u;
    }
    if (end >= 48u)
    {
        /* bmLayoutPerStream: u64 */
        if (end - pos < 8u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
        out->bmLayoutPerStream = openk4a_wire_u64le((data + pos));
        pos += 8u;
    }
    if (consumed != NULL)
        *consumed = pos;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_probe_commit_parse_complete(const uint8_t *data, size_t size,
                                                             openk4a_uvc_probe_commit_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_probe_commit_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_probe_commit_encoded_size(const openk4a_uvc_probe_commit_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    if (in->wire_size != 26u && in->wire_size != 34u && in->wire_size != 48u)
        return OPENK4A_USB_ERR_BAD_VALUE;
    n += 2u;
    n += 1u;
    n += 1u;
    n += 4u;
    n += 2u;
    n += 2u;
    n += 2u;
    n += 2u;
    n += 2u;
    n += 4u;
    n += 4u;
    if (in->wire_size >= 34u)
        n += 4u;
    if (in->wire_size >= 34u)
        n += 1u;
    if (in->wire_size >= 34u)
        n += 1u;
    if (in->wire_size >= 34u)
        n += 1u;
    if (in->wire_size >= 34u)
        n += 1u;
    if (in->wire_size >= 48u)
        n += 1u;
    if (in->wire_size >= 48u)
        n += 1u;
    if (in->wire_size >= 48u)
        n += 1u;
    if (in->wire_size >= 48u)
        n += 1u;
    if (in->wire_size >= 48u)
        n += 2u;
    if (in->wire_size >= 48u)
        n += 8u;
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_probe_commit_encode(const openk4a_uvc_probe_commit_t *in, uint8_t *buf,
                                                     size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_probe_commit_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->bmHint));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bFormatIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFrameIndex);
    pos += 1u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwFrameInterval));
    pos += 4u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wKeyFrameRate));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wPFrameRate));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wCompQuality));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wCompWindowSize));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wDelay));
    pos += 2u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxVideoFrameSize));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxPayloadTransferSize));
    pos += 4u;
    if (in->wire_size >= 34u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwClockFrequency));
        pos += 4u;
    }
    if (in->wire_size >= 34u)
    {
        (buf + pos)[0] = (uint8_t)(in->bmFramingInfo);
        pos += 1u;
    }
    if (in->wire_size >= 34u)
    {
        (buf + pos)[0] = (uint8_t)(in->bPreferedVersion);
        pos += 1u;
    }
    if (in->wire_size >= 34u)
    {
        (buf + pos)[0] = (uint8_t)(in->bMinVersion);
        pos += 1u;
    }
    if (in->wire_size >= 34u)
    {
        (buf + pos)[0] = (uint8_t)(in->bMaxVersion);
        pos += 1u;
    }
    if (in->wire_size >= 48u)
    {
        (buf + pos)[0] = (uint8_t)(in->bUsage);
        pos += 1u;
    }
    if (in->wire_size >= 48u)
    {
        (buf + pos)[0] = (uint8_t)(in->bBitDepthLuma);
        pos += 1u;
    }
    if (in->wire_size >= 48u)
    {
        (buf + pos)[0] = (uint8_t)(in->bmSettings);
        pos += 1u;
    }
    if (in->wire_size >= 48u)
    {
        (buf + pos)[0] = (uint8_t)(in->bMaxNumberOfRefFramesPlus1);
        pos += 1u;
    }
    if (in->wire_size >= 48u)
    {
        openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->bmRateControlModes));
        pos += 2u;
    }
    if (in->wire_size >= 48u)
    {
        openk4a_wire_put_u64le((buf + pos), (uint64_t)(in->bmLayoutPerStream));
        pos += 8u;
    }
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- device_descriptor ---- */

openk4a_usb_status_t openk4a_uvc_device_descriptor_parse(const uint8_t *data, size_t size,
                                                         openk4a_uvc_device_descriptor_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bcdUSB: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bcdUSB = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bDeviceClass: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDeviceClass = (data + pos)[0];
    pos += 1u;
    /* bDeviceSubClass: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDeviceSubClass = (data + pos)[0];
    pos += 1u;
    /* bDeviceProtocol: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDeviceProtocol = (data + pos)[0];
    pos += 1u;
    /* bMaxPacketSize0: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bMaxPacketSize0 = (data + pos)[0];
    pos += 1u;
    /* idVendor: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->idVendor = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* idProduct: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->idProduct = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bcdDevice: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bcdDevice = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* iManufacturer: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iManufacturer = (data + pos)[0];
    pos += 1u;
    /* iProduct: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iProduct = (data + pos)[0];
    pos += 1u;
    /* iSerialNumber: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iSerialNumber = (data + pos)[0];
    pos += 1u;
    /* bNumConfigurations: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumConfigurations = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_device_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                  openk4a_uvc_device_descriptor_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_device_descriptor_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_device_descriptor_encoded_size(const openk4a_uvc_device_descriptor_t *in, size_t *size)
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
    n += 1u;
    n += 1u;
    n += 2u;
    n += 2u;
    n += 2u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_device_descriptor_encode(const openk4a_uvc_device_descriptor_t *in, uint8_t *buf,
                                                          size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_device_descriptor_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(1u);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->bcdUSB));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bDeviceClass);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bDeviceSubClass);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bDeviceProtocol);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bMaxPacketSize0);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->idVendor));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->idProduct));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->bcdDevice));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->iManufacturer);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iProduct);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iSerialNumber);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumConfigurations);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- config_descriptor ---- */

openk4a_usb_status_t openk4a_uvc_config_descriptor_parse(const uint8_t *data, size_t size,
                                                         openk4a_uvc_config_descriptor_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* wTotalLength: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wTotalLength = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bNumInterfaces: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumInterfaces = (data + pos)[0];
    pos += 1u;
    /* bConfigurationValue: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bConfigurationValue = (data + pos)[0];
    pos += 1u;
    /* iConfiguration: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iConfiguration = (data + pos)[0];
    pos += 1u;
    /* bmAttributes: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmAttributes = (data + pos)[0];
    pos += 1u;
    /* bMaxPower: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bMaxPower = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_config_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                  openk4a_uvc_config_descriptor_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_config_descriptor_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_config_descriptor_encoded_size(const openk4a_uvc_config_descriptor_t *in, size_t *size)
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
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_config_descriptor_encode(const openk4a_uvc_config_descriptor_t *in, uint8_t *buf,
                                                          size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_config_descriptor_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(2u);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wTotalLength));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bNumInterfaces);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bConfigurationValue);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iConfiguration);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmAttributes);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bMaxPower);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- interface_association ---- */

openk4a_usb_status_t openk4a_uvc_interface_association_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_interface_association_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0xBu)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bFirstInterface: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFirstInterface = (data + pos)[0];
    pos += 1u;
    /* bInterfaceCount: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInterfaceCount = (data + pos)[0];
    pos += 1u;
    /* bFunctionClass: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFunctionClass = (data + pos)[0];
    pos += 1u;
    /* bFunctionSubClass: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFunctionSubClass = (data + pos)[0];
    pos += 1u;
    /* bFunctionProtocol: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFunctionProtocol = (data + pos)[0];
    pos += 1u;
    /* iFunction: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iFunction = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_interface_association_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_interface_association_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_interface_association_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_interface_association_encoded_size(const openk4a_uvc_interface_association_t *in,
                                                                    size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_interface_association_encode(const openk4a_uvc_interface_association_t *in,
                                                              uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_interface_association_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0xBu);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFirstInterface);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bInterfaceCount);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFunctionClass);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFunctionSubClass);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFunctionProtocol);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iFunction);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- interface_descriptor ---- */

openk4a_usb_status_t openk4a_uvc_interface_descriptor_parse(const uint8_t *data, size_t size,
                                                            openk4a_uvc_interface_descriptor_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bInterfaceNumber: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInterfaceNumber = (data + pos)[0];
    pos += 1u;
    /* bAlternateSetting: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAlternateSetting = (data + pos)[0];
    pos += 1u;
    /* bNumEndpoints: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumEndpoints = (data + pos)[0];
    pos += 1u;
    /* bInterfaceClass: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInterfaceClass = (data + pos)[0];
    pos += 1u;
    /* bInterfaceSubClass: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInterfaceSubClass = (data + pos)[0];
    pos += 1u;
    /* bInterfaceProtocol: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInterfaceProtocol = (data + pos)[0];
    pos += 1u;
    /* iInterface: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iInterface = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_interface_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_uvc_interface_descriptor_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_interface_descriptor_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_interface_descriptor_encoded_size(const openk4a_uvc_interface_descriptor_t *in,
                                                                   size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_interface_descriptor_encode(const openk4a_uvc_interface_descriptor_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_interface_descriptor_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(4u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bInterfaceNumber);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAlternateSetting);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumEndpoints);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bInterfaceClass);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bInterfaceSubClass);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bInterfaceProtocol);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iInterface);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- endpoint_descriptor ---- */

openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_parse(const uint8_t *data, size_t size,
                                                           openk4a_uvc_endpoint_descriptor_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 5u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bEndpointAddress: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bEndpointAddress = (data + pos)[0];
    pos += 1u;
    /* bmAttributes: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmAttributes = (data + pos)[0];
    pos += 1u;
    /* wMaxPacketSize: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wMaxPacketSize = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bInterval: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInterval = (data + pos)[0];
    pos += 1u;
    /* bRefresh: u8 */
    if (end - pos >= 1u)
    {
        out->bRefresh = (data + pos)[0];
        out->has_bRefresh = true;
        pos += 1u;
    }
    /* bSynchAddress: u8 */
    if (end - pos >= 1u)
    {
        out->bSynchAddress = (data + pos)[0];
        out->has_bSynchAddress = true;
        pos += 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                    openk4a_uvc_endpoint_descriptor_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_endpoint_descriptor_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_encoded_size(const openk4a_uvc_endpoint_descriptor_t *in,
                                                                  size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    if (in->has_bSynchAddress && !in->has_bRefresh)
        return OPENK4A_USB_ERR_BAD_VALUE; /* tails are contiguous */
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    if (in->has_bRefresh)
        n += 1u;
    if (in->has_bSynchAddress)
        n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_encode(const openk4a_uvc_endpoint_descriptor_t *in, uint8_t *buf,
                                                            size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_endpoint_descriptor_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(5u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bEndpointAddress);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmAttributes);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wMaxPacketSize));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bInterval);
    pos += 1u;
    if (in->has_bRefresh)
    {
        (buf + pos)[0] = (uint8_t)(in->bRefresh);
        pos += 1u;
    }
    if (in->has_bSynchAddress)
    {
        (buf + pos)[0] = (uint8_t)(in->bSynchAddress);
        pos += 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- ss_endpoint_companion ---- */

openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_ss_endpoint_companion_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x30u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bMaxBurst: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bMaxBurst = (data + pos)[0];
    pos += 1u;
    /* bmAttributes: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmAttributes = (data + pos)[0];
    pos += 1u;
    /* wBytesPerInterval: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wBytesPerInterval = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_ss_endpoint_companion_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_ss_endpoint_companion_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_encoded_size(const openk4a_uvc_ss_endpoint_companion_t *in,
                                                                    size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_encode(const openk4a_uvc_ss_endpoint_companion_t *in,
                                                              uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_ss_endpoint_companion_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x30u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bMaxBurst);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmAttributes);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wBytesPerInterval));
    pos += 2u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_header ---- */

openk4a_usb_status_t openk4a_uvc_vc_header_parse(const uint8_t *data, size_t size, openk4a_uvc_vc_header_t *out,
                                                 size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bcdUVC: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bcdUVC = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wTotalLength: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wTotalLength = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* dwClockFrequency: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwClockFrequency = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* bInCollection: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bInCollection = (data + pos)[0];
    pos += 1u;
    /* baInterfaceNr: u8[] */
    {
        const size_t count = (size_t)out->bInCollection;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->baInterfaceNr = data + pos;
        pos += count * 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_header_parse_complete(const uint8_t *data, size_t size,
                                                          openk4a_uvc_vc_header_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_header_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_header_encoded_size(const openk4a_uvc_vc_header_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 2u;
    n += 4u;
    n += 1u;
    {
        const size_t count = (size_t)in->bInCollection;
        if (count != 0 && in->baInterfaceNr == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_header_encode(const openk4a_uvc_vc_header_t *in, uint8_t *buf, size_t capacity,
                                                  size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_header_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(1u);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->bcdUVC));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wTotalLength));
    pos += 2u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwClockFrequency));
    pos += 4u;
    (buf + pos)[0] = (uint8_t)(in->bInCollection);
    pos += 1u;
    {
        const size_t count = (size_t)in->bInCollection;
        if (count != 0)
            memcpy(buf + pos, in->baInterfaceNr, count * 1u);
        pos += count * 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_input_terminal ---- */

openk4a_usb_status_t openk4a_uvc_vc_input_terminal_parse(const uint8_t *data, size_t size,
                                                         openk4a_uvc_vc_input_terminal_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bTerminalID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bTerminalID = (data + pos)[0];
    pos += 1u;
    /* wTerminalType: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wTerminalType = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bAssocTerminal: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAssocTerminal = (data + pos)[0];
    pos += 1u;
    /* iTerminal: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iTerminal = (data + pos)[0];
    pos += 1u;
    if (out->wTerminalType == 0x201u)
    {
        /* wObjectiveFocalLengthMin: u16 */
        if (end - pos < 2u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->wObjectiveFocalLengthMin = openk4a_wire_u16le((data + pos));
        pos += 2u;
    }
    if (out->wTerminalType == 0x201u)
    {
        /* wObjectiveFocalLengthMax: u16 */
        if (end - pos < 2u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->wObjectiveFocalLengthMax = openk4a_wire_u16le((data + pos));
        pos += 2u;
    }
    if (out->wTerminalType == 0x201u)
    {
        /* wOcularFocalLength: u16 */
        if (end - pos < 2u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->wOcularFocalLength = openk4a_wire_u16le((data + pos));
        pos += 2u;
    }
    if (out->wTerminalType == 0x201u)
    {
        /* bControlSize: u8 */
        if (end - pos < 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->bControlSize = (data + pos)[0];
        pos += 1u;
    }
    /* bmControls: u8[] */
    if (out->wTerminalType == 0x201u)
    {
        const size_t count = (size_t)out->bControlSize;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bmControls = data + pos;
        pos += count * 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_input_terminal_parse_complete(const uint8_t *data, size_t size,
                                                                  openk4a_uvc_vc_input_terminal_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_input_terminal_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_input_terminal_encoded_size(const openk4a_uvc_vc_input_terminal_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    n += 1u;
    if (in->wTerminalType == 0x201u)
        n += 2u;
    if (in->wTerminalType == 0x201u)
        n += 2u;
    if (in->wTerminalType == 0x201u)
        n += 2u;
    if (in->wTerminalType == 0x201u)
        n += 1u;
    if (in->wTerminalType == 0x201u)
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0 && in->bmControls == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_input_terminal_encode(const openk4a_uvc_vc_input_terminal_t *in, uint8_t *buf,
                                                          size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_input_terminal_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(2u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bTerminalID);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wTerminalType));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bAssocTerminal);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iTerminal);
    pos += 1u;
    if (in->wTerminalType == 0x201u)
    {
        openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wObjectiveFocalLengthMin));
        pos += 2u;
    }
    if (in->wTerminalType == 0x201u)
    {
        openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wObjectiveFocalLengthMax));
        pos += 2u;
    }
    if (in->wTerminalType == 0x201u)
    {
        openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wOcularFocalLength));
        pos += 2u;
    }
    if (in->wTerminalType == 0x201u)
    {
        (buf + pos)[0] = (uint8_t)(in->bControlSize);
        pos += 1u;
    }
    if (in->wTerminalType == 0x201u)
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0)
            memcpy(buf + pos, in->bmControls, count * 1u);
        pos += count * 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_output_terminal ---- */

openk4a_usb_status_t openk4a_uvc_vc_output_terminal_parse(const uint8_t *data, size_t size,
                                                          openk4a_uvc_vc_output_terminal_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 3u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bTerminalID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bTerminalID = (data + pos)[0];
    pos += 1u;
    /* wTerminalType: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wTerminalType = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bAssocTerminal: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAssocTerminal = (data + pos)[0];
    pos += 1u;
    /* bSourceID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bSourceID = (data + pos)[0];
    pos += 1u;
    /* iTerminal: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iTerminal = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_output_terminal_parse_complete(const uint8_t *data, size_t size,
                                                                   openk4a_uvc_vc_output_terminal_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_output_terminal_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_output_terminal_encoded_size(const openk4a_uvc_vc_output_terminal_t *in,
                                                                 size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_output_terminal_encode(const openk4a_uvc_vc_output_terminal_t *in, uint8_t *buf,
                                                           size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_output_terminal_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(3u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bTerminalID);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wTerminalType));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bAssocTerminal);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bSourceID);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iTerminal);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_selector_unit ---- */

openk4a_usb_status_t openk4a_uvc_vc_selector_unit_parse(const uint8_t *data, size_t size,
                                                        openk4a_uvc_vc_selector_unit_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bUnitID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bUnitID = (data + pos)[0];
    pos += 1u;
    /* bNrInPins: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNrInPins = (data + pos)[0];
    pos += 1u;
    /* baSourceID: u8[] */
    {
        const size_t count = (size_t)out->bNrInPins;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->baSourceID = data + pos;
        pos += count * 1u;
    }
    /* iSelector: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iSelector = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_selector_unit_parse_complete(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_vc_selector_unit_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_selector_unit_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_selector_unit_encoded_size(const openk4a_uvc_vc_selector_unit_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    {
        const size_t count = (size_t)in->bNrInPins;
        if (count != 0 && in->baSourceID == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_selector_unit_encode(const openk4a_uvc_vc_selector_unit_t *in, uint8_t *buf,
                                                         size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_selector_unit_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(4u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bUnitID);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNrInPins);
    pos += 1u;
    {
        const size_t count = (size_t)in->bNrInPins;
        if (count != 0)
            memcpy(buf + pos, in->baSourceID, count * 1u);
        pos += count * 1u;
    }
    (buf + pos)[0] = (uint8_t)(in->iSelector);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_processing_unit ---- */

openk4a_usb_status_t openk4a_uvc_vc_processing_unit_parse(const uint8_t *data, size_t size,
                                                          openk4a_uvc_vc_processing_unit_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 5u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bUnitID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bUnitID = (data + pos)[0];
    pos += 1u;
    /* bSourceID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bSourceID = (data + pos)[0];
    pos += 1u;
    /* wMaxMultiplier: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wMaxMultiplier = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bControlSize: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bControlSize = (data + pos)[0];
    pos += 1u;
    /* bmControls: u8[] */
    {
        const size_t count = (size_t)out->bControlSize;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bmControls = data + pos;
        pos += count * 1u;
    }
    /* iProcessing: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iProcessing = (data + pos)[0];
    pos += 1u;
    /* bmVideoStandards: u8 */
    if (end - pos >= 1u)
    {
        out->bmVideoStandards = (data + pos)[0];
        out->has_bmVideoStandards = true;
        pos += 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_processing_unit_parse_complete(const uint8_t *data, size_t size,
                                                                   openk4a_uvc_vc_processing_unit_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_processing_unit_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_processing_unit_encoded_size(const openk4a_uvc_vc_processing_unit_t *in,
                                                                 size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0 && in->bmControls == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    n += 1u;
    if (in->has_bmVideoStandards)
        n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_processing_unit_encode(const openk4a_uvc_vc_processing_unit_t *in, uint8_t *buf,
                                                           size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_processing_unit_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(5u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bUnitID);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bSourceID);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wMaxMultiplier));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bControlSize);
    pos += 1u;
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0)
            memcpy(buf + pos, in->bmControls, count * 1u);
        pos += count * 1u;
    }
    (buf + pos)[0] = (uint8_t)(in->iProcessing);
    pos += 1u;
    if (in->has_bmVideoStandards)
    {
        (buf + pos)[0] = (uint8_t)(in->bmVideoStandards);
        pos += 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_extension_unit ---- */

openk4a_usb_status_t openk4a_uvc_vc_extension_unit_parse(const uint8_t *data, size_t size,
                                                         openk4a_uvc_vc_extension_unit_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 6u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bUnitID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bUnitID = (data + pos)[0];
    pos += 1u;
    /* guidExtensionCode: bytes16 */
    if (end - pos < 16u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    memcpy(out->guidExtensionCode, data + pos, 16u);
    pos += 16u;
    /* bNumControls: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumControls = (data + pos)[0];
    pos += 1u;
    /* bNrInPins: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNrInPins = (data + pos)[0];
    pos += 1u;
    /* baSourceID: u8[] */
    {
        const size_t count = (size_t)out->bNrInPins;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->baSourceID = data + pos;
        pos += count * 1u;
    }
    /* bControlSize: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bControlSize = (data + pos)[0];
    pos += 1u;
    /* bmControls: u8[] */
    {
        const size_t count = (size_t)out->bControlSize;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bmControls = data + pos;
        pos += count * 1u;
    }
    /* iExtension: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iExtension = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_extension_unit_parse_complete(const uint8_t *data, size_t size,
                                                                  openk4a_uvc_vc_extension_unit_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_extension_unit_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_extension_unit_encoded_size(const openk4a_uvc_vc_extension_unit_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 16u;
    n += 1u;
    n += 1u;
    {
        const size_t count = (size_t)in->bNrInPins;
        if (count != 0 && in->baSourceID == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    n += 1u;
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0 && in->bmControls == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_extension_unit_encode(const openk4a_uvc_vc_extension_unit_t *in, uint8_t *buf,
                                                          size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_extension_unit_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(6u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bUnitID);
    pos += 1u;
    memcpy(buf + pos, in->guidExtensionCode, 16u);
    pos += 16u;
    (buf + pos)[0] = (uint8_t)(in->bNumControls);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNrInPins);
    pos += 1u;
    {
        const size_t count = (size_t)in->bNrInPins;
        if (count != 0)
            memcpy(buf + pos, in->baSourceID, count * 1u);
        pos += count * 1u;
    }
    (buf + pos)[0] = (uint8_t)(in->bControlSize);
    pos += 1u;
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0)
            memcpy(buf + pos, in->bmControls, count * 1u);
        pos += count * 1u;
    }
    (buf + pos)[0] = (uint8_t)(in->iExtension);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_encoding_unit ---- */

openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_parse(const uint8_t *data, size_t size,
                                                        openk4a_uvc_vc_encoding_unit_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 7u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bUnitID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bUnitID = (data + pos)[0];
    pos += 1u;
    /* bSourceID: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bSourceID = (data + pos)[0];
    pos += 1u;
    /* iEncoding: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->iEncoding = (data + pos)[0];
    pos += 1u;
    /* bControlSize: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bControlSize = (data + pos)[0];
    pos += 1u;
    /* bmControls: u8[] */
    {
        const size_t count = (size_t)out->bControlSize;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bmControls = data + pos;
        pos += count * 1u;
    }
    /* bmControlsRuntime: u8[] */
    {
        const size_t count = (size_t)out->bControlSize;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bmControlsRuntime = data + pos;
        pos += count * 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_parse_complete(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_vc_encoding_unit_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_encoding_unit_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_encoded_size(const openk4a_uvc_vc_encoding_unit_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0 && in->bmControls == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0 && in->bmControlsRuntime == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_encode(const openk4a_uvc_vc_encoding_unit_t *in, uint8_t *buf,
                                                         size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_encoding_unit_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(7u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bUnitID);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bSourceID);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->iEncoding);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bControlSize);
    pos += 1u;
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0)
            memcpy(buf + pos, in->bmControls, count * 1u);
        pos += count * 1u;
    }
    {
        const size_t count = (size_t)in->bControlSize;
        if (count != 0)
            memcpy(buf + pos, in->bmControlsRuntime, count * 1u);
        pos += count * 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vc_interrupt_endpoint ---- */

openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_vc_interrupt_endpoint_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x25u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 3u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* wMaxTransferSize: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wMaxTransferSize = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_vc_interrupt_endpoint_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vc_interrupt_endpoint_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_encoded_size(const openk4a_uvc_vc_interrupt_endpoint_t *in,
                                                                    size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_encode(const openk4a_uvc_vc_interrupt_endpoint_t *in,
                                                              uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vc_interrupt_endpoint_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x25u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(3u);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wMaxTransferSize));
    pos += 2u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_input_header ---- */

openk4a_usb_status_t openk4a_uvc_vs_input_header_parse(const uint8_t *data, size_t size,
                                                       openk4a_uvc_vs_input_header_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bNumFormats: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumFormats = (data + pos)[0];
    pos += 1u;
    /* wTotalLength: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wTotalLength = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* bEndpointAddress: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bEndpointAddress = (data + pos)[0];
    pos += 1u;
    /* bmInfo: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmInfo = (data + pos)[0];
    pos += 1u;
    /* bTerminalLink: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bTerminalLink = (data + pos)[0];
    pos += 1u;
    /* bStillCaptureMethod: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bStillCaptureMethod = (data + pos)[0];
    pos += 1u;
    /* bTriggerSupport: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bTriggerSupport = (data + pos)[0];
    pos += 1u;
    /* bTriggerUsage: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bTriggerUsage = (data + pos)[0];
    pos += 1u;
    /* bControlSize: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bControlSize = (data + pos)[0];
    pos += 1u;
    /* bmaControls: u8[] */
    {
        const size_t count = (size_t)out->bNumFormats * (size_t)out->bControlSize;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bmaControls = data + pos;
        pos += count * 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_input_header_parse_complete(const uint8_t *data, size_t size,
                                                                openk4a_uvc_vs_input_header_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_input_header_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_input_header_encoded_size(const openk4a_uvc_vs_input_header_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    {
        const size_t count = (size_t)in->bNumFormats * (size_t)in->bControlSize;
        if (count != 0 && in->bmaControls == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_input_header_encode(const openk4a_uvc_vs_input_header_t *in, uint8_t *buf,
                                                        size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_input_header_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(1u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumFormats);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wTotalLength));
    pos += 2u;
    (buf + pos)[0] = (uint8_t)(in->bEndpointAddress);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmInfo);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bTerminalLink);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bStillCaptureMethod);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bTriggerSupport);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bTriggerUsage);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bControlSize);
    pos += 1u;
    {
        const size_t count = (size_t)in->bNumFormats * (size_t)in->bControlSize;
        if (count != 0)
            memcpy(buf + pos, in->bmaControls, count * 1u);
        pos += count * 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_still_image_frame ---- */

openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_parse(const uint8_t *data, size_t size,
                                                            openk4a_uvc_vs_still_image_frame_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 3u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bEndpointAddress: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bEndpointAddress = (data + pos)[0];
    pos += 1u;
    /* bNumImageSizePatterns: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumImageSizePatterns = (data + pos)[0];
    pos += 1u;
    /* sizes: still_size[] */
    {
        const size_t count = (size_t)out->bNumImageSizePatterns;
        if (count > (end - pos) / 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->sizes = data + pos;
        pos += count * 4u;
    }
    /* bNumCompressionPattern: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumCompressionPattern = (data + pos)[0];
    pos += 1u;
    /* bCompression: u8[] */
    {
        const size_t count = (size_t)out->bNumCompressionPattern;
        if (count > (end - pos) / 1u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->bCompression = data + pos;
        pos += count * 1u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_uvc_vs_still_image_frame_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_still_image_frame_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_encoded_size(const openk4a_uvc_vs_still_image_frame_t *in,
                                                                   size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    {
        const size_t count = (size_t)in->bNumImageSizePatterns;
        if (count != 0 && in->sizes == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 4u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 4u;
    }
    n += 1u;
    {
        const size_t count = (size_t)in->bNumCompressionPattern;
        if (count != 0 && in->bCompression == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 1u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 1u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_encode(const openk4a_uvc_vs_still_image_frame_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_still_image_frame_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(3u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bEndpointAddress);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumImageSizePatterns);
    pos += 1u;
    {
        const size_t count = (size_t)in->bNumImageSizePatterns;
        if (count != 0)
            memcpy(buf + pos, in->sizes, count * 4u);
        pos += count * 4u;
    }
    (buf + pos)[0] = (uint8_t)(in->bNumCompressionPattern);
    pos += 1u;
    {
        const size_t count = (size_t)in->bNumCompressionPattern;
        if (count != 0)
            memcpy(buf + pos, in->bCompression, count * 1u);
        pos += count * 1u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_format_uncompressed ---- */

openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_parse(const uint8_t *data, size_t size,
                                                              openk4a_uvc_vs_format_uncompressed_t *out,
                                                              size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bFormatIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFormatIndex = (data + pos)[0];
    pos += 1u;
    /* bNumFrameDescriptors: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumFrameDescriptors = (data + pos)[0];
    pos += 1u;
    /* guidFormat: bytes16 */
    if (end - pos < 16u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    memcpy(out->guidFormat, data + pos, 16u);
    pos += 16u;
    /* bBitsPerPixel: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bBitsPerPixel = (data + pos)[0];
    pos += 1u;
    /* bDefaultFrameIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDefaultFrameIndex = (data + pos)[0];
    pos += 1u;
    /* bAspectRatioX: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAspectRatioX = (data + pos)[0];
    pos += 1u;
    /* bAspectRatioY: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAspectRatioY = (data + pos)[0];
    pos += 1u;
    /* bmInterlaceFlags: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmInterlaceFlags = (data + pos)[0];
    pos += 1u;
    /* bCopyProtect: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bCopyProtect = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_parse_complete(const uint8_t *data, size_t size,
                                                                       openk4a_uvc_vs_format_uncompressed_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_format_uncompressed_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_encoded_size(const openk4a_uvc_vs_format_uncompressed_t *in,
                                                                     size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 16u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_encode(const openk4a_uvc_vs_format_uncompressed_t *in,
                                                               uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_format_uncompressed_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(4u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFormatIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumFrameDescriptors);
    pos += 1u;
    memcpy(buf + pos, in->guidFormat, 16u);
    pos += 16u;
    (buf + pos)[0] = (uint8_t)(in->bBitsPerPixel);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bDefaultFrameIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAspectRatioX);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAspectRatioY);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmInterlaceFlags);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bCopyProtect);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_format_mjpeg ---- */

openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_parse(const uint8_t *data, size_t size,
                                                       openk4a_uvc_vs_format_mjpeg_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 6u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bFormatIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFormatIndex = (data + pos)[0];
    pos += 1u;
    /* bNumFrameDescriptors: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumFrameDescriptors = (data + pos)[0];
    pos += 1u;
    /* bmFlags: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmFlags = (data + pos)[0];
    pos += 1u;
    /* bDefaultFrameIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDefaultFrameIndex = (data + pos)[0];
    pos += 1u;
    /* bAspectRatioX: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAspectRatioX = (data + pos)[0];
    pos += 1u;
    /* bAspectRatioY: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAspectRatioY = (data + pos)[0];
    pos += 1u;
    /* bmInterlaceFlags: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmInterlaceFlags = (data + pos)[0];
    pos += 1u;
    /* bCopyProtect: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bCopyProtect = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_parse_complete(const uint8_t *data, size_t size,
                                                                openk4a_uvc_vs_format_mjpeg_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_format_mjpeg_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_encoded_size(const openk4a_uvc_vs_format_mjpeg_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_encode(const openk4a_uvc_vs_format_mjpeg_t *in, uint8_t *buf,
                                                        size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_format_mjpeg_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(6u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFormatIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumFrameDescriptors);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmFlags);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bDefaultFrameIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAspectRatioX);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAspectRatioY);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmInterlaceFlags);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bCopyProtect);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_format_frame_based ---- */

openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_vs_format_frame_based_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 0x10u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bFormatIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFormatIndex = (data + pos)[0];
    pos += 1u;
    /* bNumFrameDescriptors: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bNumFrameDescriptors = (data + pos)[0];
    pos += 1u;
    /* guidFormat: bytes16 */
    if (end - pos < 16u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    memcpy(out->guidFormat, data + pos, 16u);
    pos += 16u;
    /* bBitsPerPixel: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bBitsPerPixel = (data + pos)[0];
    pos += 1u;
    /* bDefaultFrameIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDefaultFrameIndex = (data + pos)[0];
    pos += 1u;
    /* bAspectRatioX: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAspectRatioX = (data + pos)[0];
    pos += 1u;
    /* bAspectRatioY: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bAspectRatioY = (data + pos)[0];
    pos += 1u;
    /* bmInterlaceFlags: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmInterlaceFlags = (data + pos)[0];
    pos += 1u;
    /* bCopyProtect: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bCopyProtect = (data + pos)[0];
    pos += 1u;
    /* bVariableSize: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bVariableSize = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_vs_format_frame_based_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_format_frame_based_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_encoded_size(const openk4a_uvc_vs_format_frame_based_t *in,
                                                                    size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 16u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_encode(const openk4a_uvc_vs_format_frame_based_t *in,
                                                              uint8_t *buf, size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_format_frame_based_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x10u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFormatIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bNumFrameDescriptors);
    pos += 1u;
    memcpy(buf + pos, in->guidFormat, 16u);
    pos += 16u;
    (buf + pos)[0] = (uint8_t)(in->bBitsPerPixel);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bDefaultFrameIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAspectRatioX);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bAspectRatioY);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmInterlaceFlags);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bCopyProtect);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bVariableSize);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_frame ---- */

openk4a_usb_status_t openk4a_uvc_vs_frame_parse(const uint8_t *data, size_t size, openk4a_uvc_vs_frame_t *out,
                                                size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 5u && out->bDescriptorSubtype != 7u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bFrameIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFrameIndex = (data + pos)[0];
    pos += 1u;
    /* bmCapabilities: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmCapabilities = (data + pos)[0];
    pos += 1u;
    /* wWidth: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wWidth = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wHeight: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wHeight = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* dwMinBitRate: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwMinBitRate = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* dwMaxBitRate: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwMaxBitRate = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* dwMaxVideoFrameBufferSize: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwMaxVideoFrameBufferSize = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* dwDefaultFrameInterval: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwDefaultFrameInterval = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* bFrameIntervalType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFrameIntervalType = (data + pos)[0];
    pos += 1u;
    if (out->bFrameIntervalType == 0u)
    {
        /* dwMinFrameInterval: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwMinFrameInterval = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if (out->bFrameIntervalType == 0u)
    {
        /* dwMaxFrameInterval: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwMaxFrameInterval = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if (out->bFrameIntervalType == 0u)
    {
        /* dwFrameIntervalStep: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwFrameIntervalStep = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    /* dwFrameInterval: u32[] */
    {
        const size_t count = (size_t)out->bFrameIntervalType;
        if (count > (end - pos) / 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->dwFrameInterval = data + pos;
        pos += count * 4u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_frame_parse_complete(const uint8_t *data, size_t size, openk4a_uvc_vs_frame_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_frame_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_frame_encoded_size(const openk4a_uvc_vs_frame_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    if (in->bDescriptorSubtype != 5u && in->bDescriptorSubtype != 7u)
        return OPENK4A_USB_ERR_BAD_TYPE;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 2u;
    n += 4u;
    n += 4u;
    n += 4u;
    n += 4u;
    n += 1u;
    if (in->bFrameIntervalType == 0u)
        n += 4u;
    if (in->bFrameIntervalType == 0u)
        n += 4u;
    if (in->bFrameIntervalType == 0u)
        n += 4u;
    {
        const size_t count = (size_t)in->bFrameIntervalType;
        if (count != 0 && in->dwFrameInterval == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 4u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 4u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_frame_encode(const openk4a_uvc_vs_frame_t *in, uint8_t *buf, size_t capacity,
                                                 size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_frame_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bDescriptorSubtype);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFrameIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmCapabilities);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wWidth));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wHeight));
    pos += 2u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMinBitRate));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxBitRate));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxVideoFrameBufferSize));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwDefaultFrameInterval));
    pos += 4u;
    (buf + pos)[0] = (uint8_t)(in->bFrameIntervalType);
    pos += 1u;
    if (in->bFrameIntervalType == 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMinFrameInterval));
        pos += 4u;
    }
    if (in->bFrameIntervalType == 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxFrameInterval));
        pos += 4u;
    }
    if (in->bFrameIntervalType == 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwFrameIntervalStep));
        pos += 4u;
    }
    {
        const size_t count = (size_t)in->bFrameIntervalType;
        if (count != 0)
            memcpy(buf + pos, in->dwFrameInterval, count * 4u);
        pos += count * 4u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_frame_frame_based ---- */

openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_parse(const uint8_t *data, size_t size,
                                                            openk4a_uvc_vs_frame_frame_based_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 0x11u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bFrameIndex: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFrameIndex = (data + pos)[0];
    pos += 1u;
    /* bmCapabilities: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bmCapabilities = (data + pos)[0];
    pos += 1u;
    /* wWidth: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wWidth = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* wHeight: u16 */
    if (end - pos < 2u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->wHeight = openk4a_wire_u16le((data + pos));
    pos += 2u;
    /* dwMinBitRate: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwMinBitRate = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* dwMaxBitRate: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwMaxBitRate = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* dwDefaultFrameInterval: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwDefaultFrameInterval = openk4a_wire_u32le((data + pos));
    pos += 4u;
    /* bFrameIntervalType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bFrameIntervalType = (data + pos)[0];
    pos += 1u;
    /* dwBytesPerLine: u32 */
    if (end - pos < 4u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->dwBytesPerLine = openk4a_wire_u32le((data + pos));
    pos += 4u;
    if (out->bFrameIntervalType == 0u)
    {
        /* dwMinFrameInterval: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwMinFrameInterval = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if (out->bFrameIntervalType == 0u)
    {
        /* dwMaxFrameInterval: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwMaxFrameInterval = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    if (out->bFrameIntervalType == 0u)
    {
        /* dwFrameIntervalStep: u32 */
        if (end - pos < 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
        out->dwFrameIntervalStep = openk4a_wire_u32le((data + pos));
        pos += 4u;
    }
    /* dwFrameInterval: u32[] */
    {
        const size_t count = (size_t)out->bFrameIntervalType;
        if (count > (end - pos) / 4u)
            return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_COUNT_PAST_END);
        out->dwFrameInterval = data + pos;
        pos += count * 4u;
    }
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_uvc_vs_frame_frame_based_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_frame_frame_based_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_encoded_size(const openk4a_uvc_vs_frame_frame_based_t *in,
                                                                   size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 2u;
    n += 2u;
    n += 4u;
    n += 4u;
    n += 4u;
    n += 1u;
    n += 4u;
    if (in->bFrameIntervalType == 0u)
        n += 4u;
    if (in->bFrameIntervalType == 0u)
        n += 4u;
    if (in->bFrameIntervalType == 0u)
        n += 4u;
    {
        const size_t count = (size_t)in->bFrameIntervalType;
        if (count != 0 && in->dwFrameInterval == NULL)
            return OPENK4A_USB_ERR_INVALID_ARGUMENT;
        if (count > (SIZE_MAX - n) / 4u)
            return OPENK4A_USB_ERR_BAD_VALUE;
        n += count * 4u;
    }
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_encode(const openk4a_uvc_vs_frame_frame_based_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_frame_frame_based_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x11u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bFrameIndex);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bmCapabilities);
    pos += 1u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wWidth));
    pos += 2u;
    openk4a_wire_put_u16le((buf + pos), (uint16_t)(in->wHeight));
    pos += 2u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMinBitRate));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxBitRate));
    pos += 4u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwDefaultFrameInterval));
    pos += 4u;
    (buf + pos)[0] = (uint8_t)(in->bFrameIntervalType);
    pos += 1u;
    openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwBytesPerLine));
    pos += 4u;
    if (in->bFrameIntervalType == 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMinFrameInterval));
        pos += 4u;
    }
    if (in->bFrameIntervalType == 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwMaxFrameInterval));
        pos += 4u;
    }
    if (in->bFrameIntervalType == 0u)
    {
        openk4a_wire_put_u32le((buf + pos), (uint32_t)(in->dwFrameIntervalStep));
        pos += 4u;
    }
    {
        const size_t count = (size_t)in->bFrameIntervalType;
        if (count != 0)
            memcpy(buf + pos, in->dwFrameInterval, count * 4u);
        pos += count * 4u;
    }
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}

/* ---- vs_color_matching ---- */

openk4a_usb_status_t openk4a_uvc_vs_color_matching_parse(const uint8_t *data, size_t size,
                                                         openk4a_uvc_vs_color_matching_t *out, size_t *consumed)
{
    size_t pos = 0;
    size_t end = size;
    if (consumed != NULL)
        *consumed = 0;
    if (out == NULL || (data == NULL && size != 0))
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    /* bLength: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_TRUNCATED);
    out->bLength = (data + pos)[0];
    pos += 1u;
    /* The declared length bounds everything that follows. */
    if (out->bLength < pos)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    if (out->bLength > size)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_LENGTH_PAST_END);
    end = out->bLength;
    /* bDescriptorType: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorType = (data + pos)[0];
    if (out->bDescriptorType != 0x24u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bDescriptorSubtype: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bDescriptorSubtype = (data + pos)[0];
    if (out->bDescriptorSubtype != 0xDu)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_TYPE);
    pos += 1u;
    /* bColorPrimaries: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bColorPrimaries = (data + pos)[0];
    pos += 1u;
    /* bTransferCharacteristics: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bTransferCharacteristics = (data + pos)[0];
    pos += 1u;
    /* bMatrixCoefficients: u8 */
    if (end - pos < 1u)
        return openk4a_wire_fail(consumed, pos, OPENK4A_USB_ERR_BAD_LENGTH);
    out->bMatrixCoefficients = (data + pos)[0];
    pos += 1u;
    /* Bytes between the known fields and bLength are skipped. */
    if (consumed != NULL)
        *consumed = end;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_color_matching_parse_complete(const uint8_t *data, size_t size,
                                                                  openk4a_uvc_vs_color_matching_t *out)
{
    size_t consumed = 0;
    openk4a_usb_status_t status = openk4a_uvc_vs_color_matching_parse(data, size, out, &consumed);
    if (status != OPENK4A_USB_OK)
        return status;
    return consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES;
}

openk4a_usb_status_t openk4a_uvc_vs_color_matching_encoded_size(const openk4a_uvc_vs_color_matching_t *in, size_t *size)
{
    size_t n = 0;
    if (in == NULL || size == NULL)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    *size = 0;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    n += 1u;
    if (in->bLength == 0)
    {
        if (n > 255u)
            return OPENK4A_USB_ERR_BAD_LENGTH;
    }
    else
    {
        if (in->bLength < n)
            return OPENK4A_USB_ERR_BAD_LENGTH;
        n = in->bLength;
    }
    *size = n;
    return OPENK4A_USB_OK;
}

openk4a_usb_status_t openk4a_uvc_vs_color_matching_encode(const openk4a_uvc_vs_color_matching_t *in, uint8_t *buf,
                                                          size_t capacity, size_t *written)
{
    size_t total = 0;
    size_t pos = 0;
    openk4a_usb_status_t status;
    if (written != NULL)
        *written = 0;
    if (buf == NULL && capacity != 0)
        return OPENK4A_USB_ERR_INVALID_ARGUMENT;
    status = openk4a_uvc_vs_color_matching_encoded_size(in, &total);
    if (status != OPENK4A_USB_OK)
        return status;
    if (capacity < total)
    {
        if (written != NULL)
            *written = total;
        return OPENK4A_USB_ERR_BUFFER_TOO_SMALL;
    }
    (buf + pos)[0] = (uint8_t)(total);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0x24u);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(0xDu);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bColorPrimaries);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bTransferCharacteristics);
    pos += 1u;
    (buf + pos)[0] = (uint8_t)(in->bMatrixCoefficients);
    pos += 1u;
    /* Padding up to the declared length. */
    if (pos < total)
        memset(buf + pos, 0, total - pos);
    if (written != NULL)
        *written = total;
    return OPENK4A_USB_OK;
}
