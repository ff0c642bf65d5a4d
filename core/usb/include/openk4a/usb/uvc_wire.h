/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/uvc_wire.toml by tools/codegen/wire_gen.py; do not edit */
#ifndef OPENK4A_USB_UVC_WIRE_H_
#define OPENK4A_USB_UVC_WIRE_H_

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
 * Bounds-checked parsers and encoders for UVC payload headers, probe/commit controls and video-
 * function descriptors. Parsers borrow the caller's input (array fields point into it), never
 * allocate, read each byte at most once, and return an openk4a_usb_status_t plus the number of
 * bytes the structure occupies.
 */

/** bmHeaderInfo bits of a payload header (UVC 1.5, 2.4.3.3). */
#define OPENK4A_UVC_HEADER_FID 1u    /**< frame identifier; toggles at the start of each frame */
#define OPENK4A_UVC_HEADER_EOF 2u    /**< end of frame: this payload holds the frame's last bytes */
#define OPENK4A_UVC_HEADER_PTS 4u    /**< dwPresentationTime follows */
#define OPENK4A_UVC_HEADER_SCR 8u    /**< source clock reference (4 + 2 bytes) follows */
#define OPENK4A_UVC_HEADER_RES 0x10u /**< payload specific (reserved for most formats) */
#define OPENK4A_UVC_HEADER_STI 0x20u /**< still image */
#define OPENK4A_UVC_HEADER_ERR 0x40u /**< error in device streaming; the frame is bad */
#define OPENK4A_UVC_HEADER_EOH 0x80u /**< end of header */

/** Descriptor types (bDescriptorType). */
#define OPENK4A_UVC_DT_DEVICE 1u
#define OPENK4A_UVC_DT_CONFIGURATION 2u
#define OPENK4A_UVC_DT_STRING 3u
#define OPENK4A_UVC_DT_INTERFACE 4u
#define OPENK4A_UVC_DT_ENDPOINT 5u
#define OPENK4A_UVC_DT_INTERFACE_ASSOCIATION 0xBu
#define OPENK4A_UVC_DT_CS_INTERFACE 0x24u /**< class-specific interface */
#define OPENK4A_UVC_DT_CS_ENDPOINT 0x25u  /**< class-specific endpoint */
#define OPENK4A_UVC_DT_SS_ENDPOINT_COMPANION 0x30u

/** Interface class codes. */
#define OPENK4A_UVC_CLASS_AUDIO 1u
#define OPENK4A_UVC_CLASS_VIDEO 0xEu

/** Video interface subclasses. */
#define OPENK4A_UVC_SC_VIDEOCONTROL 1u
#define OPENK4A_UVC_SC_VIDEOSTREAMING 2u
#define OPENK4A_UVC_SC_VIDEO_INTERFACE_COLLECTION 3u

/** VideoControl class-specific descriptor subtypes. */
#define OPENK4A_UVC_VC_HEADER 1u
#define OPENK4A_UVC_VC_INPUT_TERMINAL 2u
#define OPENK4A_UVC_VC_OUTPUT_TERMINAL 3u
#define OPENK4A_UVC_VC_SELECTOR_UNIT 4u
#define OPENK4A_UVC_VC_PROCESSING_UNIT 5u
#define OPENK4A_UVC_VC_EXTENSION_UNIT 6u
#define OPENK4A_UVC_VC_ENCODING_UNIT 7u

/** VideoStreaming class-specific descriptor subtypes. */
#define OPENK4A_UVC_VS_INPUT_HEADER 1u
#define OPENK4A_UVC_VS_OUTPUT_HEADER 2u
#define OPENK4A_UVC_VS_STILL_IMAGE_FRAME 3u
#define OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED 4u
#define OPENK4A_UVC_VS_FRAME_UNCOMPRESSED 5u
#define OPENK4A_UVC_VS_FORMAT_MJPEG 6u
#define OPENK4A_UVC_VS_FRAME_MJPEG 7u
#define OPENK4A_UVC_VS_FORMAT_MPEG2TS 0xAu
#define OPENK4A_UVC_VS_FORMAT_DV 0xCu
#define OPENK4A_UVC_VS_COLORFORMAT 0xDu
#define OPENK4A_UVC_VS_FORMAT_FRAME_BASED 0x10u
#define OPENK4A_UVC_VS_FRAME_FRAME_BASED 0x11u
#define OPENK4A_UVC_VS_FORMAT_STREAM_BASED 0x12u
#define OPENK4A_UVC_VS_FORMAT_H264 0x13u
#define OPENK4A_UVC_VS_FRAME_H264 0x14u

/** Terminal types (wTerminalType). */
#define OPENK4A_UVC_TT_VENDOR_SPECIFIC 0x100u
#define OPENK4A_UVC_TT_STREAMING 0x101u
#define OPENK4A_UVC_TT_ITT_CAMERA 0x201u
#define OPENK4A_UVC_TT_ITT_MEDIA_TRANSPORT_INPUT 0x202u
#define OPENK4A_UVC_TT_OTT_DISPLAY 0x301u

/** Class-specific request codes (bRequest). */
#define OPENK4A_UVC_REQ_SET_CUR 1u
#define OPENK4A_UVC_REQ_GET_CUR 0x81u
#define OPENK4A_UVC_REQ_GET_MIN 0x82u
#define OPENK4A_UVC_REQ_GET_MAX 0x83u
#define OPENK4A_UVC_REQ_GET_RES 0x84u
#define OPENK4A_UVC_REQ_GET_LEN 0x85u
#define OPENK4A_UVC_REQ_GET_INFO 0x86u
#define OPENK4A_UVC_REQ_GET_DEF 0x87u

/** VideoStreaming interface control selectors (high byte of wValue). */
#define OPENK4A_UVC_VS_CTRL_PROBE 1u
#define OPENK4A_UVC_VS_CTRL_COMMIT 2u
#define OPENK4A_UVC_VS_CTRL_STILL_PROBE 3u
#define OPENK4A_UVC_VS_CTRL_STILL_COMMIT 4u
#define OPENK4A_UVC_VS_CTRL_STILL_IMAGE_TRIGGER 5u

/** Camera Terminal control selectors (high byte of wValue; UVC 1.5, A.9.4). */
#define OPENK4A_UVC_CT_SCANNING_MODE_CONTROL 1u
#define OPENK4A_UVC_CT_AE_MODE_CONTROL 2u /**< 1 byte: one AE_MODE bit; GET_RES gives the bitmap of supported modes */
#define OPENK4A_UVC_CT_AE_PRIORITY_CONTROL 3u
#define OPENK4A_UVC_CT_EXPOSURE_TIME_ABSOLUTE_CONTROL 4u /**< 4 bytes, unsigned, in 100 us units */

/** Bit numbers of a Camera Terminal's bmControls (UVC 1.5, 3.7.2.3). */
#define OPENK4A_UVC_CT_BIT_SCANNING_MODE 0u
#define OPENK4A_UVC_CT_BIT_AE_MODE 1u
#define OPENK4A_UVC_CT_BIT_AE_PRIORITY 2u
#define OPENK4A_UVC_CT_BIT_EXPOSURE_TIME_ABSOLUTE 3u

/** Values of CT_AE_MODE_CONTROL (UVC 1.5, 4.2.2.1.2). */
#define OPENK4A_UVC_AE_MODE_MANUAL 1u            /**< manual exposure time, manual iris */
#define OPENK4A_UVC_AE_MODE_AUTO 2u              /**< auto exposure time, auto iris */
#define OPENK4A_UVC_AE_MODE_SHUTTER_PRIORITY 4u  /**< manual exposure time, auto iris */
#define OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY 8u /**< auto exposure time, manual iris */

/** Processing Unit control selectors (high byte of wValue; UVC 1.5, A.9.5). */
#define OPENK4A_UVC_PU_BACKLIGHT_COMPENSATION_CONTROL 1u /**< 2 bytes, unsigned */
#define OPENK4A_UVC_PU_BRIGHTNESS_CONTROL 2u             /**< 2 bytes, signed */
#define OPENK4A_UVC_PU_CONTRAST_CONTROL 3u               /**< 2 bytes, unsigned */
#define OPENK4A_UVC_PU_GAIN_CONTROL 4u                   /**< 2 bytes, unsigned */
#define OPENK4A_UVC_PU_POWER_LINE_FREQUENCY_CONTROL 5u   /**< 1 byte: 0 disabled, 1 50 Hz, 2 60 Hz, 3 auto */
#define OPENK4A_UVC_PU_HUE_CONTROL 6u
#define OPENK4A_UVC_PU_SATURATION_CONTROL 7u /**< 2 bytes, unsigned */
#define OPENK4A_UVC_PU_SHARPNESS_CONTROL 8u  /**< 2 bytes, unsigned */
#define OPENK4A_UVC_PU_GAMMA_CONTROL 9u
#define OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_CONTROL 0xAu      /**< 2 bytes, unsigned, kelvin */
#define OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_AUTO_CONTROL 0xBu /**< 1 byte: 1 auto, 0 manual */

/** Bit numbers of a Processing Unit's bmControls (UVC 1.5, 3.7.2.5). */
#define OPENK4A_UVC_PU_BIT_BRIGHTNESS 0u
#define OPENK4A_UVC_PU_BIT_CONTRAST 1u
#define OPENK4A_UVC_PU_BIT_HUE 2u
#define OPENK4A_UVC_PU_BIT_SATURATION 3u
#define OPENK4A_UVC_PU_BIT_SHARPNESS 4u
#define OPENK4A_UVC_PU_BIT_GAMMA 5u
#define OPENK4A_UVC_PU_BIT_WHITE_BALANCE_TEMPERATURE 6u
#define OPENK4A_UVC_PU_BIT_WHITE_BALANCE_COMPONENT 7u
#define OPENK4A_UVC_PU_BIT_BACKLIGHT_COMPENSATION 8u
#define OPENK4A_UVC_PU_BIT_GAIN 9u
#define OPENK4A_UVC_PU_BIT_POWER_LINE_FREQUENCY 0xAu
#define OPENK4A_UVC_PU_BIT_HUE_AUTO 0xBu
#define OPENK4A_UVC_PU_BIT_WHITE_BALANCE_TEMPERATURE_AUTO 0xCu

/** Bits of a GET_INFO reply (UVC 1.5, 4.1.2). */
#define OPENK4A_UVC_INFO_GET 1u              /**< supports GET requests */
#define OPENK4A_UVC_INFO_SET 2u              /**< supports SET_CUR */
#define OPENK4A_UVC_INFO_DISABLED_BY_AUTO 4u /**< disabled by an automatic mode */
#define OPENK4A_UVC_INFO_AUTOUPDATE 8u
#define OPENK4A_UVC_INFO_ASYNCHRONOUS 0x10u

/** bmHint bits of the probe/commit control: which fields the host wants kept fixed. */
#define OPENK4A_UVC_PROBE_HINT_FRAME_INTERVAL 1u
#define OPENK4A_UVC_PROBE_HINT_KEY_FRAME_RATE 2u
#define OPENK4A_UVC_PROBE_HINT_P_FRAME_RATE 4u
#define OPENK4A_UVC_PROBE_HINT_COMP_QUALITY 8u
#define OPENK4A_UVC_PROBE_HINT_COMP_WINDOW_SIZE 0x10u

/** bmFramingInfo bits of the probe/commit control (UVC 1.1+). */
#define OPENK4A_UVC_FRAMING_FID_REQUIRED 1u
#define OPENK4A_UVC_FRAMING_EOF_PRESENT 2u
#define OPENK4A_UVC_FRAMING_EOS_PRESENT 4u

    /** One still image size of a still image frame descriptor. */
    typedef struct openk4a_uvc_still_size
    {
        uint16_t wWidth;
        uint16_t wHeight;
    } openk4a_uvc_still_size_t;
#define OPENK4A_UVC_STILL_SIZE_WIRE_SIZE 4 /**< bytes on the wire */

    /**
     * Reads one still_size from OPENK4A_UVC_STILL_SIZE_WIRE_SIZE bytes at p; the caller has checked the
     * size.
     */
    static inline void openk4a_uvc_still_size_read(const uint8_t *p, openk4a_uvc_still_size_t *out)
    {
        out->wWidth = openk4a_wire_u16le((p + 0));
        out->wHeight = openk4a_wire_u16le((p + 2));
    }

    /**
     * Writes one still_size as OPENK4A_UVC_STILL_SIZE_WIRE_SIZE bytes at p; the caller has checked the
     * room.
     */
    static inline void openk4a_uvc_still_size_write(uint8_t *p, const openk4a_uvc_still_size_t *in)
    {
        openk4a_wire_put_u16le((p + 0), (uint16_t)(in->wWidth));
        openk4a_wire_put_u16le((p + 2), (uint16_t)(in->wHeight));
    }

    /**
     * The header at the start of every UVC payload (each bulk payload transfer, each isochronous
     * packet). Any bHeaderLength from 2 to 255 is accepted when the input holds it and it has room for
     * the PTS/SCR fields its flags announce; extra header bytes are skipped.
     */
    typedef struct openk4a_uvc_payload_header
    {
        uint8_t bHeaderLength; /**< header size in bytes, counting this byte */
        uint8_t bmHeaderInfo;  /**< OPENK4A_UVC_HEADER_* bits */
        uint32_t
            dwPresentationTime; /**< PTS in device clock ticks (when HEADER_PTS); present when bmHeaderInfo & 0x04 */
        uint32_t scrSourceTimeClock; /**< SCR: source time clock (when HEADER_SCR); present when bmHeaderInfo & 0x08 */
        uint16_t scrSofCounter; /**< SCR: 1 kHz SOF counter, 11 bits used (when HEADER_SCR); present when bmHeaderInfo &
                                   0x08 */
    } openk4a_uvc_payload_header_t;

#define OPENK4A_UVC_PAYLOAD_HEADER_MIN_SIZE 2 /**< smallest valid encoding */

    /**
     * Parses a payload_header from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bHeaderLength bytes (bytes
     * past its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_payload_header_parse(const uint8_t *data, size_t size,
                                                          openk4a_uvc_payload_header_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_payload_header_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_payload_header_parse_complete(const uint8_t *data, size_t size,
                                                                   openk4a_uvc_payload_header_t *out);

    /**
     * Validates *in and computes its encoded size. bHeaderLength 0 means exactly the size of the
     * fields; a larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_payload_header_encoded_size(const openk4a_uvc_payload_header_t *in, size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_payload_header_encode(const openk4a_uvc_payload_header_t *in, uint8_t *buf,
                                                           size_t capacity, size_t *written);

    /**
     * Video probe and commit control (VS_PROBE_CONTROL / VS_COMMIT_CONTROL). 26 bytes in UVC 1.0, 34 in
     * 1.1, 48 in 1.5; wire_size says which variant was parsed or is to be encoded.
     */
    typedef struct openk4a_uvc_probe_commit
    {
        uint16_t bmHint;          /**< OPENK4A_UVC_PROBE_HINT_* bits; in the 26-byte variant and larger */
        uint8_t bFormatIndex;     /**< in the 26-byte variant and larger */
        uint8_t bFrameIndex;      /**< in the 26-byte variant and larger */
        uint32_t dwFrameInterval; /**< frame interval in 100 ns units; in the 26-byte variant and larger */
        uint16_t wKeyFrameRate;   /**< in the 26-byte variant and larger */
        uint16_t wPFrameRate;     /**< in the 26-byte variant and larger */
        uint16_t wCompQuality;    /**< in the 26-byte variant and larger */
        uint16_t wCompWindowSize; /**< in the 26-byte variant and larger */
        uint16_t wDelay;          /**< internal video streaming latency in ms; in the 26-byte variant and larger */
        uint32_t
            dwMaxVideoFrameSize; /**< largest frame the device will send, in bytes; in the 26-byte variant and larger */
        uint32_t dwMaxPayloadTransferSize; /**< largest payload (header + data) in bytes; in the 26-byte variant and
                                              larger */
        uint32_t dwClockFrequency;         /**< device clock in Hz (PTS/SCR units); in the 34-byte variant and larger */
        uint8_t bmFramingInfo;             /**< OPENK4A_UVC_FRAMING_* bits; in the 34-byte variant and larger */
        uint8_t bPreferedVersion;          /**< in the 34-byte variant and larger */
        uint8_t bMinVersion;               /**< in the 34-byte variant and larger */
        uint8_t bMaxVersion;               /**< in the 34-byte variant and larger */
        uint8_t bUsage;                    /**< in the 48-byte variant and larger */
        uint8_t bBitDepthLuma;             /**< in the 48-byte variant and larger */
        uint8_t bmSettings;                /**< in the 48-byte variant and larger */
        uint8_t bMaxNumberOfRefFramesPlus1; /**< in the 48-byte variant and larger */
        uint16_t bmRateControlModes;        /**< in the 48-byte variant and larger */
        uint64_t bmLayoutPerStream;         /**< in the 48-byte variant and larger */
        size_t wire_size;                   /**< the variant: one of 26, 34, 48 bytes */
    } openk4a_uvc_probe_commit_t;

#define OPENK4A_UVC_PROBE_COMMIT_SIZE_26 26
#define OPENK4A_UVC_PROBE_COMMIT_SIZE_34 34
#define OPENK4A_UVC_PROBE_COMMIT_SIZE_48 48

#define OPENK4A_UVC_PROBE_COMMIT_MIN_SIZE 26 /**< smallest valid encoding */

    /**
     * Parses a probe_commit from the start of data[0, size). On success *consumed (may be NULL) is the
     * number of bytes the structure occupies: the largest variant that fits the input is parsed
     * (wire_size says which); fewer than 26 bytes is ERR_TRUNCATED. On error it is the offset where
     * parsing stopped and *out is unspecified. Array fields borrow data: keep it alive while you use
     * them.
     */
    openk4a_usb_status_t openk4a_uvc_probe_commit_parse(const uint8_t *data, size_t size,
                                                        openk4a_uvc_probe_commit_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_probe_commit_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_probe_commit_parse_complete(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_probe_commit_t *out);

    /** Validates *in and computes its encoded size. wire_size selects the variant. */
    openk4a_usb_status_t openk4a_uvc_probe_commit_encoded_size(const openk4a_uvc_probe_commit_t *in, size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_probe_commit_encode(const openk4a_uvc_probe_commit_t *in, uint8_t *buf,
                                                         size_t capacity, size_t *written);

    /** Standard device descriptor. */
    typedef struct openk4a_uvc_device_descriptor
    {
        uint8_t bLength;
        uint8_t bDescriptorType; /**< always 0x01 */
        uint16_t bcdUSB;
        uint8_t bDeviceClass;
        uint8_t bDeviceSubClass;
        uint8_t bDeviceProtocol;
        uint8_t bMaxPacketSize0;
        uint16_t idVendor;
        uint16_t idProduct;
        uint16_t bcdDevice;
        uint8_t iManufacturer;
        uint8_t iProduct;
        uint8_t iSerialNumber;
        uint8_t bNumConfigurations;
    } openk4a_uvc_device_descriptor_t;

#define OPENK4A_UVC_DEVICE_DESCRIPTOR_MIN_SIZE 18 /**< smallest valid encoding */

    /**
     * Parses a device_descriptor from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_device_descriptor_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_device_descriptor_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_device_descriptor_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_device_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_device_descriptor_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_device_descriptor_encoded_size(const openk4a_uvc_device_descriptor_t *in,
                                                                    size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_device_descriptor_encode(const openk4a_uvc_device_descriptor_t *in, uint8_t *buf,
                                                              size_t capacity, size_t *written);

    /** Standard configuration descriptor (the first 9 bytes of a configuration). */
    typedef struct openk4a_uvc_config_descriptor
    {
        uint8_t bLength;
        uint8_t bDescriptorType; /**< always 0x02 */
        uint16_t wTotalLength;   /**< size of the whole configuration, all descriptors included */
        uint8_t bNumInterfaces;
        uint8_t bConfigurationValue;
        uint8_t iConfiguration;
        uint8_t bmAttributes;
        uint8_t bMaxPower; /**< in 2 mA (USB 2) or 8 mA (USB 3) units */
    } openk4a_uvc_config_descriptor_t;

#define OPENK4A_UVC_CONFIG_DESCRIPTOR_MIN_SIZE 9 /**< smallest valid encoding */

    /**
     * Parses a config_descriptor from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_config_descriptor_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_config_descriptor_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_config_descriptor_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_config_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_config_descriptor_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_config_descriptor_encoded_size(const openk4a_uvc_config_descriptor_t *in,
                                                                    size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_config_descriptor_encode(const openk4a_uvc_config_descriptor_t *in, uint8_t *buf,
                                                              size_t capacity, size_t *written);

    /** Interface association descriptor: groups the interfaces of one function. */
    typedef struct openk4a_uvc_interface_association
    {
        uint8_t bLength;
        uint8_t bDescriptorType; /**< always 0x0B */
        uint8_t bFirstInterface;
        uint8_t bInterfaceCount;
        uint8_t bFunctionClass;
        uint8_t bFunctionSubClass;
        uint8_t bFunctionProtocol;
        uint8_t iFunction;
    } openk4a_uvc_interface_association_t;

#define OPENK4A_UVC_INTERFACE_ASSOCIATION_MIN_SIZE 8 /**< smallest valid encoding */

    /**
     * Parses a interface_association from the start of data[0, size). On success *consumed (may be
     * NULL) is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes
     * past its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_interface_association_parse(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_interface_association_t *out,
                                                                 size_t *consumed);

    /**
     * Like openk4a_uvc_interface_association_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_interface_association_parse_complete(const uint8_t *data, size_t size,
                                                                          openk4a_uvc_interface_association_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_interface_association_encoded_size(const openk4a_uvc_interface_association_t *in,
                                                                        size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_interface_association_encode(const openk4a_uvc_interface_association_t *in,
                                                                  uint8_t *buf, size_t capacity, size_t *written);

    /** Standard interface descriptor (one per alternate setting). */
    typedef struct openk4a_uvc_interface_descriptor
    {
        uint8_t bLength;
        uint8_t bDescriptorType; /**< always 0x04 */
        uint8_t bInterfaceNumber;
        uint8_t bAlternateSetting;
        uint8_t bNumEndpoints;
        uint8_t bInterfaceClass;
        uint8_t bInterfaceSubClass;
        uint8_t bInterfaceProtocol;
        uint8_t iInterface;
    } openk4a_uvc_interface_descriptor_t;

#define OPENK4A_UVC_INTERFACE_DESCRIPTOR_MIN_SIZE 9 /**< smallest valid encoding */

    /**
     * Parses a interface_descriptor from the start of data[0, size). On success *consumed (may be NULL)
     * is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past
     * its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_interface_descriptor_parse(const uint8_t *data, size_t size,
                                                                openk4a_uvc_interface_descriptor_t *out,
                                                                size_t *consumed);

    /**
     * Like openk4a_uvc_interface_descriptor_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_interface_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                         openk4a_uvc_interface_descriptor_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_interface_descriptor_encoded_size(const openk4a_uvc_interface_descriptor_t *in,
                                                                       size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_interface_descriptor_encode(const openk4a_uvc_interface_descriptor_t *in,
                                                                 uint8_t *buf, size_t capacity, size_t *written);

    /**
     * Standard endpoint descriptor. Audio-class endpoints are 9 bytes long and add bRefresh and
     * bSynchAddress.
     */
    typedef struct openk4a_uvc_endpoint_descriptor
    {
        uint8_t bLength;
        uint8_t bDescriptorType;  /**< always 0x05 */
        uint8_t bEndpointAddress; /**< bit 7: IN; bits 3..0: endpoint number */
        uint8_t bmAttributes;     /**< bits 1..0: 0 control, 1 isochronous, 2 bulk, 3 interrupt */
        uint16_t wMaxPacketSize;  /**< bits 10..0: size; bits 12..11: additional transactions per microframe */
        uint8_t bInterval;
        uint8_t bRefresh;       /**< optional trailing field, see has_bRefresh */
        uint8_t bSynchAddress;  /**< optional trailing field, see has_bSynchAddress */
        bool has_bRefresh;      /**< bRefresh was present */
        bool has_bSynchAddress; /**< bSynchAddress was present */
    } openk4a_uvc_endpoint_descriptor_t;

#define OPENK4A_UVC_ENDPOINT_DESCRIPTOR_MIN_SIZE 7 /**< smallest valid encoding */

    /**
     * Parses a endpoint_descriptor from the start of data[0, size). On success *consumed (may be NULL)
     * is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past
     * its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_parse(const uint8_t *data, size_t size,
                                                               openk4a_uvc_endpoint_descriptor_t *out,
                                                               size_t *consumed);

    /**
     * Like openk4a_uvc_endpoint_descriptor_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_parse_complete(const uint8_t *data, size_t size,
                                                                        openk4a_uvc_endpoint_descriptor_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_encoded_size(const openk4a_uvc_endpoint_descriptor_t *in,
                                                                      size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_endpoint_descriptor_encode(const openk4a_uvc_endpoint_descriptor_t *in,
                                                                uint8_t *buf, size_t capacity, size_t *written);

    /** SuperSpeed endpoint companion descriptor (follows an endpoint on USB 3 devices). */
    typedef struct openk4a_uvc_ss_endpoint_companion
    {
        uint8_t bLength;
        uint8_t bDescriptorType; /**< always 0x30 */
        uint8_t bMaxBurst;       /**< packets per burst minus one */
        uint8_t bmAttributes;    /**< isochronous: bits 1..0 = Mult (bursts per interval minus one) */
        uint16_t wBytesPerInterval;
    } openk4a_uvc_ss_endpoint_companion_t;

#define OPENK4A_UVC_SS_ENDPOINT_COMPANION_MIN_SIZE 6 /**< smallest valid encoding */

    /**
     * Parses a ss_endpoint_companion from the start of data[0, size). On success *consumed (may be
     * NULL) is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes
     * past its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_parse(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_ss_endpoint_companion_t *out,
                                                                 size_t *consumed);

    /**
     * Like openk4a_uvc_ss_endpoint_companion_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_parse_complete(const uint8_t *data, size_t size,
                                                                          openk4a_uvc_ss_endpoint_companion_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_encoded_size(const openk4a_uvc_ss_endpoint_companion_t *in,
                                                                        size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_ss_endpoint_companion_encode(const openk4a_uvc_ss_endpoint_companion_t *in,
                                                                  uint8_t *buf, size_t capacity, size_t *written);

    /** Class-specific VideoControl interface header. */
    typedef struct openk4a_uvc_vc_header
    {
        uint8_t bLength;
        uint8_t bDescriptorType;      /**< always 0x24 */
        uint8_t bDescriptorSubtype;   /**< always 0x01 */
        uint16_t bcdUVC;              /**< UVC version, BCD (0x0100, 0x0110, 0x0150) */
        uint16_t wTotalLength;        /**< size of all VideoControl class-specific descriptors */
        uint32_t dwClockFrequency;    /**< device clock in Hz (deprecated in UVC 1.5) */
        uint8_t bInCollection;        /**< number of VideoStreaming interfaces */
        const uint8_t *baInterfaceNr; /**< bInCollection elements of 1 bytes borrowed from the input (wire order); read
                                         them with the _at() accessor */
    } openk4a_uvc_vc_header_t;

#define OPENK4A_UVC_VC_HEADER_MIN_SIZE 12 /**< smallest valid encoding */

    /**
     * Parses a vc_header from the start of data[0, size). On success *consumed (may be NULL) is the
     * number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_header_parse(const uint8_t *data, size_t size, openk4a_uvc_vc_header_t *out,
                                                     size_t *consumed);

    /**
     * Like openk4a_uvc_vc_header_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_header_parse_complete(const uint8_t *data, size_t size,
                                                              openk4a_uvc_vc_header_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_header_encoded_size(const openk4a_uvc_vc_header_t *in, size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_header_encode(const openk4a_uvc_vc_header_t *in, uint8_t *buf, size_t capacity,
                                                      size_t *written);

    /** Number of baInterfaceNr elements (bInCollection). */
    static inline size_t openk4a_uvc_vc_header_baInterfaceNr_count(const openk4a_uvc_vc_header_t *s)
    {
        return (size_t)s->bInCollection;
    }

    /** Element i of baInterfaceNr; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_header_baInterfaceNr_at(const openk4a_uvc_vc_header_t *s, size_t i)
    {
        if (s->baInterfaceNr == NULL || i >= openk4a_uvc_vc_header_baInterfaceNr_count(s))
            return 0;
        return (s->baInterfaceNr + i * 1u)[0];
    }

    /**
     * Input terminal. The camera fields are present only for a camera terminal (wTerminalType ==
     * OPENK4A_UVC_TT_ITT_CAMERA).
     */
    typedef struct openk4a_uvc_vc_input_terminal
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x02 */
        uint8_t bTerminalID;
        uint16_t wTerminalType;
        uint8_t bAssocTerminal;
        uint8_t iTerminal;
        uint16_t wObjectiveFocalLengthMin; /**< present when wTerminalType == 0x0201 */
        uint16_t wObjectiveFocalLengthMax; /**< present when wTerminalType == 0x0201 */
        uint16_t wOcularFocalLength;       /**< present when wTerminalType == 0x0201 */
        uint8_t bControlSize;              /**< present when wTerminalType == 0x0201 */
        const uint8_t *bmControls; /**< present when wTerminalType == 0x0201; bControlSize elements of 1 bytes borrowed
                                      from the input (wire order); read them with the _at() accessor */
    } openk4a_uvc_vc_input_terminal_t;

#define OPENK4A_UVC_VC_INPUT_TERMINAL_MIN_SIZE 8 /**< smallest valid encoding */

    /**
     * Parses a vc_input_terminal from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_input_terminal_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_vc_input_terminal_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vc_input_terminal_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_input_terminal_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_vc_input_terminal_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_input_terminal_encoded_size(const openk4a_uvc_vc_input_terminal_t *in,
                                                                    size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_input_terminal_encode(const openk4a_uvc_vc_input_terminal_t *in, uint8_t *buf,
                                                              size_t capacity, size_t *written);

    /** Number of bmControls elements (bControlSize; 0 unless wTerminalType == 0x0201). */
    static inline size_t openk4a_uvc_vc_input_terminal_bmControls_count(const openk4a_uvc_vc_input_terminal_t *s)
    {
        return (s->wTerminalType == 0x201u) ? (size_t)s->bControlSize : 0u;
    }

    /** Element i of bmControls; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_input_terminal_bmControls_at(const openk4a_uvc_vc_input_terminal_t *s,
                                                                      size_t i)
    {
        if (s->bmControls == NULL || i >= openk4a_uvc_vc_input_terminal_bmControls_count(s))
            return 0;
        return (s->bmControls + i * 1u)[0];
    }

    /** Output terminal. */
    typedef struct openk4a_uvc_vc_output_terminal
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x03 */
        uint8_t bTerminalID;
        uint16_t wTerminalType;
        uint8_t bAssocTerminal;
        uint8_t bSourceID;
        uint8_t iTerminal;
    } openk4a_uvc_vc_output_terminal_t;

#define OPENK4A_UVC_VC_OUTPUT_TERMINAL_MIN_SIZE 9 /**< smallest valid encoding */

    /**
     * Parses a vc_output_terminal from the start of data[0, size). On success *consumed (may be NULL)
     * is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past
     * its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_output_terminal_parse(const uint8_t *data, size_t size,
                                                              openk4a_uvc_vc_output_terminal_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vc_output_terminal_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_output_terminal_parse_complete(const uint8_t *data, size_t size,
                                                                       openk4a_uvc_vc_output_terminal_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_output_terminal_encoded_size(const openk4a_uvc_vc_output_terminal_t *in,
                                                                     size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_output_terminal_encode(const openk4a_uvc_vc_output_terminal_t *in, uint8_t *buf,
                                                               size_t capacity, size_t *written);

    /** Selector unit. */
    typedef struct openk4a_uvc_vc_selector_unit
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x04 */
        uint8_t bUnitID;
        uint8_t bNrInPins;
        const uint8_t *baSourceID; /**< bNrInPins elements of 1 bytes borrowed from the input (wire order); read them
                                      with the _at() accessor */
        uint8_t iSelector;
    } openk4a_uvc_vc_selector_unit_t;

#define OPENK4A_UVC_VC_SELECTOR_UNIT_MIN_SIZE 6 /**< smallest valid encoding */

    /**
     * Parses a vc_selector_unit from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_selector_unit_parse(const uint8_t *data, size_t size,
                                                            openk4a_uvc_vc_selector_unit_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vc_selector_unit_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_selector_unit_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_uvc_vc_selector_unit_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_selector_unit_encoded_size(const openk4a_uvc_vc_selector_unit_t *in,
                                                                   size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_selector_unit_encode(const openk4a_uvc_vc_selector_unit_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written);

    /** Number of baSourceID elements (bNrInPins). */
    static inline size_t openk4a_uvc_vc_selector_unit_baSourceID_count(const openk4a_uvc_vc_selector_unit_t *s)
    {
        return (size_t)s->bNrInPins;
    }

    /** Element i of baSourceID; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_selector_unit_baSourceID_at(const openk4a_uvc_vc_selector_unit_t *s, size_t i)
    {
        if (s->baSourceID == NULL || i >= openk4a_uvc_vc_selector_unit_baSourceID_count(s))
            return 0;
        return (s->baSourceID + i * 1u)[0];
    }

    /** Processing unit. bmVideoStandards exists from UVC 1.1 on. */
    typedef struct openk4a_uvc_vc_processing_unit
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x05 */
        uint8_t bUnitID;
        uint8_t bSourceID;
        uint16_t wMaxMultiplier;
        uint8_t bControlSize;
        const uint8_t *bmControls; /**< bControlSize elements of 1 bytes borrowed from the input (wire order); read them
                                      with the _at() accessor */
        uint8_t iProcessing;
        uint8_t bmVideoStandards;  /**< optional trailing field, see has_bmVideoStandards */
        bool has_bmVideoStandards; /**< bmVideoStandards was present */
    } openk4a_uvc_vc_processing_unit_t;

#define OPENK4A_UVC_VC_PROCESSING_UNIT_MIN_SIZE 9 /**< smallest valid encoding */

    /**
     * Parses a vc_processing_unit from the start of data[0, size). On success *consumed (may be NULL)
     * is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past
     * its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_processing_unit_parse(const uint8_t *data, size_t size,
                                                              openk4a_uvc_vc_processing_unit_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vc_processing_unit_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_processing_unit_parse_complete(const uint8_t *data, size_t size,
                                                                       openk4a_uvc_vc_processing_unit_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_processing_unit_encoded_size(const openk4a_uvc_vc_processing_unit_t *in,
                                                                     size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_processing_unit_encode(const openk4a_uvc_vc_processing_unit_t *in, uint8_t *buf,
                                                               size_t capacity, size_t *written);

    /** Number of bmControls elements (bControlSize). */
    static inline size_t openk4a_uvc_vc_processing_unit_bmControls_count(const openk4a_uvc_vc_processing_unit_t *s)
    {
        return (size_t)s->bControlSize;
    }

    /** Element i of bmControls; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_processing_unit_bmControls_at(const openk4a_uvc_vc_processing_unit_t *s,
                                                                       size_t i)
    {
        if (s->bmControls == NULL || i >= openk4a_uvc_vc_processing_unit_bmControls_count(s))
            return 0;
        return (s->bmControls + i * 1u)[0];
    }

    /** Extension unit (vendor controls, identified by guidExtensionCode). */
    typedef struct openk4a_uvc_vc_extension_unit
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x06 */
        uint8_t bUnitID;
        uint8_t guidExtensionCode[16];
        uint8_t bNumControls;
        uint8_t bNrInPins;
        const uint8_t *baSourceID; /**< bNrInPins elements of 1 bytes borrowed from the input (wire order); read them
                                      with the _at() accessor */
        uint8_t bControlSize;
        const uint8_t *bmControls; /**< bControlSize elements of 1 bytes borrowed from the input (wire order); read them
                                      with the _at() accessor */
        uint8_t iExtension;
    } openk4a_uvc_vc_extension_unit_t;

#define OPENK4A_UVC_VC_EXTENSION_UNIT_MIN_SIZE 24 /**< smallest valid encoding */

    /**
     * Parses a vc_extension_unit from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_extension_unit_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_vc_extension_unit_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vc_extension_unit_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_extension_unit_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_vc_extension_unit_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_extension_unit_encoded_size(const openk4a_uvc_vc_extension_unit_t *in,
                                                                    size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_extension_unit_encode(const openk4a_uvc_vc_extension_unit_t *in, uint8_t *buf,
                                                              size_t capacity, size_t *written);

    /** Number of baSourceID elements (bNrInPins). */
    static inline size_t openk4a_uvc_vc_extension_unit_baSourceID_count(const openk4a_uvc_vc_extension_unit_t *s)
    {
        return (size_t)s->bNrInPins;
    }

    /** Element i of baSourceID; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_extension_unit_baSourceID_at(const openk4a_uvc_vc_extension_unit_t *s,
                                                                      size_t i)
    {
        if (s->baSourceID == NULL || i >= openk4a_uvc_vc_extension_unit_baSourceID_count(s))
            return 0;
        return (s->baSourceID + i * 1u)[0];
    }

    /** Number of bmControls elements (bControlSize). */
    static inline size_t openk4a_uvc_vc_extension_unit_bmControls_count(const openk4a_uvc_vc_extension_unit_t *s)
    {
        return (size_t)s->bControlSize;
    }

    /** Element i of bmControls; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_extension_unit_bmControls_at(const openk4a_uvc_vc_extension_unit_t *s,
                                                                      size_t i)
    {
        if (s->bmControls == NULL || i >= openk4a_uvc_vc_extension_unit_bmControls_count(s))
            return 0;
        return (s->bmControls + i * 1u)[0];
    }

    /** Encoding unit (UVC 1.5). */
    typedef struct openk4a_uvc_vc_encoding_unit
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x07 */
        uint8_t bUnitID;
        uint8_t bSourceID;
        uint8_t iEncoding;
        uint8_t bControlSize;
        const uint8_t *bmControls; /**< bControlSize elements of 1 bytes borrowed from the input (wire order); read them
                                      with the _at() accessor */
        const uint8_t *bmControlsRuntime; /**< bControlSize elements of 1 bytes borrowed from the input (wire order);
                                             read them with the _at() accessor */
    } openk4a_uvc_vc_encoding_unit_t;

#define OPENK4A_UVC_VC_ENCODING_UNIT_MIN_SIZE 7 /**< smallest valid encoding */

    /**
     * Parses a vc_encoding_unit from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_parse(const uint8_t *data, size_t size,
                                                            openk4a_uvc_vc_encoding_unit_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vc_encoding_unit_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_parse_complete(const uint8_t *data, size_t size,
                                                                     openk4a_uvc_vc_encoding_unit_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_encoded_size(const openk4a_uvc_vc_encoding_unit_t *in,
                                                                   size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_encoding_unit_encode(const openk4a_uvc_vc_encoding_unit_t *in, uint8_t *buf,
                                                             size_t capacity, size_t *written);

    /** Number of bmControls elements (bControlSize). */
    static inline size_t openk4a_uvc_vc_encoding_unit_bmControls_count(const openk4a_uvc_vc_encoding_unit_t *s)
    {
        return (size_t)s->bControlSize;
    }

    /** Element i of bmControls; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_encoding_unit_bmControls_at(const openk4a_uvc_vc_encoding_unit_t *s, size_t i)
    {
        if (s->bmControls == NULL || i >= openk4a_uvc_vc_encoding_unit_bmControls_count(s))
            return 0;
        return (s->bmControls + i * 1u)[0];
    }

    /** Number of bmControlsRuntime elements (bControlSize). */
    static inline size_t openk4a_uvc_vc_encoding_unit_bmControlsRuntime_count(const openk4a_uvc_vc_encoding_unit_t *s)
    {
        return (size_t)s->bControlSize;
    }

    /** Element i of bmControlsRuntime; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vc_encoding_unit_bmControlsRuntime_at(const openk4a_uvc_vc_encoding_unit_t *s,
                                                                            size_t i)
    {
        if (s->bmControlsRuntime == NULL || i >= openk4a_uvc_vc_encoding_unit_bmControlsRuntime_count(s))
            return 0;
        return (s->bmControlsRuntime + i * 1u)[0];
    }

    /** Class-specific VideoControl interrupt endpoint descriptor. */
    typedef struct openk4a_uvc_vc_interrupt_endpoint
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x25 */
        uint8_t bDescriptorSubtype; /**< always 0x03 */
        uint16_t wMaxTransferSize;
    } openk4a_uvc_vc_interrupt_endpoint_t;

#define OPENK4A_UVC_VC_INTERRUPT_ENDPOINT_MIN_SIZE 5 /**< smallest valid encoding */

    /**
     * Parses a vc_interrupt_endpoint from the start of data[0, size). On success *consumed (may be
     * NULL) is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes
     * past its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_parse(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_vc_interrupt_endpoint_t *out,
                                                                 size_t *consumed);

    /**
     * Like openk4a_uvc_vc_interrupt_endpoint_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_parse_complete(const uint8_t *data, size_t size,
                                                                          openk4a_uvc_vc_interrupt_endpoint_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_encoded_size(const openk4a_uvc_vc_interrupt_endpoint_t *in,
                                                                        size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vc_interrupt_endpoint_encode(const openk4a_uvc_vc_interrupt_endpoint_t *in,
                                                                  uint8_t *buf, size_t capacity, size_t *written);

    /**
     * Class-specific VideoStreaming input header. bmaControls holds bNumFormats bitmaps of bControlSize
     * bytes each, one per format in order.
     */
    typedef struct openk4a_uvc_vs_input_header
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x01 */
        uint8_t bNumFormats;
        uint16_t wTotalLength; /**< size of this header plus all format and frame descriptors */
        uint8_t bEndpointAddress;
        uint8_t bmInfo; /**< bit 0: dynamic format change supported */
        uint8_t bTerminalLink;
        uint8_t bStillCaptureMethod;
        uint8_t bTriggerSupport;
        uint8_t bTriggerUsage;
        uint8_t bControlSize;
        const uint8_t *bmaControls; /**< bNumFormats * bControlSize elements of 1 bytes borrowed from the input (wire
                                       order); read them with the _at() accessor */
    } openk4a_uvc_vs_input_header_t;

#define OPENK4A_UVC_VS_INPUT_HEADER_MIN_SIZE 13 /**< smallest valid encoding */

    /**
     * Parses a vs_input_header from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_input_header_parse(const uint8_t *data, size_t size,
                                                           openk4a_uvc_vs_input_header_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vs_input_header_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_input_header_parse_complete(const uint8_t *data, size_t size,
                                                                    openk4a_uvc_vs_input_header_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_input_header_encoded_size(const openk4a_uvc_vs_input_header_t *in,
                                                                  size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_input_header_encode(const openk4a_uvc_vs_input_header_t *in, uint8_t *buf,
                                                            size_t capacity, size_t *written);

    /** Number of bmaControls elements (bNumFormats * bControlSize). */
    static inline size_t openk4a_uvc_vs_input_header_bmaControls_count(const openk4a_uvc_vs_input_header_t *s)
    {
        return (size_t)s->bNumFormats * (size_t)s->bControlSize;
    }

    /** Element i of bmaControls; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vs_input_header_bmaControls_at(const openk4a_uvc_vs_input_header_t *s, size_t i)
    {
        if (s->bmaControls == NULL || i >= openk4a_uvc_vs_input_header_bmaControls_count(s))
            return 0;
        return (s->bmaControls + i * 1u)[0];
    }

    /** Still image frame descriptor: the still sizes and compression ratios of the format before it. */
    typedef struct openk4a_uvc_vs_still_image_frame
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x03 */
        uint8_t bEndpointAddress;   /**< 0 when stills travel on the video endpoint (method 2) */
        uint8_t bNumImageSizePatterns;
        const uint8_t *sizes; /**< bNumImageSizePatterns elements of 4 bytes borrowed from the input (wire order); read
                                 them with the _at() accessor */
        uint8_t bNumCompressionPattern;
        const uint8_t *bCompression; /**< bNumCompressionPattern elements of 1 bytes borrowed from the input (wire
                                        order); read them with the _at() accessor */
    } openk4a_uvc_vs_still_image_frame_t;

#define OPENK4A_UVC_VS_STILL_IMAGE_FRAME_MIN_SIZE 6 /**< smallest valid encoding */

    /**
     * Parses a vs_still_image_frame from the start of data[0, size). On success *consumed (may be NULL)
     * is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past
     * its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_parse(const uint8_t *data, size_t size,
                                                                openk4a_uvc_vs_still_image_frame_t *out,
                                                                size_t *consumed);

    /**
     * Like openk4a_uvc_vs_still_image_frame_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_parse_complete(const uint8_t *data, size_t size,
                                                                         openk4a_uvc_vs_still_image_frame_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_encoded_size(const openk4a_uvc_vs_still_image_frame_t *in,
                                                                       size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_still_image_frame_encode(const openk4a_uvc_vs_still_image_frame_t *in,
                                                                 uint8_t *buf, size_t capacity, size_t *written);

    /** Number of sizes elements (bNumImageSizePatterns). */
    static inline size_t openk4a_uvc_vs_still_image_frame_sizes_count(const openk4a_uvc_vs_still_image_frame_t *s)
    {
        return (size_t)s->bNumImageSizePatterns;
    }

    /** Element i of sizes; a zeroed value when i is out of range. */
    static inline openk4a_uvc_still_size_t
    openk4a_uvc_vs_still_image_frame_sizes_at(const openk4a_uvc_vs_still_image_frame_t *s, size_t i)
    {
        openk4a_uvc_still_size_t value;
        memset(&value, 0, sizeof value);
        if (s->sizes != NULL && i < openk4a_uvc_vs_still_image_frame_sizes_count(s))
        {
            openk4a_uvc_still_size_read(s->sizes + i * 4u, &value);
        }
        return value;
    }

    /** Number of bCompression elements (bNumCompressionPattern). */
    static inline size_t
    openk4a_uvc_vs_still_image_frame_bCompression_count(const openk4a_uvc_vs_still_image_frame_t *s)
    {
        return (size_t)s->bNumCompressionPattern;
    }

    /** Element i of bCompression; 0 when i is out of range. */
    static inline uint8_t openk4a_uvc_vs_still_image_frame_bCompression_at(const openk4a_uvc_vs_still_image_frame_t *s,
                                                                           size_t i)
    {
        if (s->bCompression == NULL || i >= openk4a_uvc_vs_still_image_frame_bCompression_count(s))
            return 0;
        return (s->bCompression + i * 1u)[0];
    }

    /** Uncompressed video format; the pixel format is named by a GUID (FourCC in the first 4 bytes). */
    typedef struct openk4a_uvc_vs_format_uncompressed
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x04 */
        uint8_t bFormatIndex;
        uint8_t bNumFrameDescriptors;
        uint8_t guidFormat[16];
        uint8_t bBitsPerPixel;
        uint8_t bDefaultFrameIndex;
        uint8_t bAspectRatioX;
        uint8_t bAspectRatioY;
        uint8_t bmInterlaceFlags;
        uint8_t bCopyProtect;
    } openk4a_uvc_vs_format_uncompressed_t;

#define OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED_MIN_SIZE 27 /**< smallest valid encoding */

    /**
     * Parses a vs_format_uncompressed from the start of data[0, size). On success *consumed (may be
     * NULL) is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes
     * past its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_parse(const uint8_t *data, size_t size,
                                                                  openk4a_uvc_vs_format_uncompressed_t *out,
                                                                  size_t *consumed);

    /**
     * Like openk4a_uvc_vs_format_uncompressed_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_parse_complete(const uint8_t *data, size_t size,
                                                                           openk4a_uvc_vs_format_uncompressed_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_encoded_size(const openk4a_uvc_vs_format_uncompressed_t *in,
                                                                         size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_uncompressed_encode(const openk4a_uvc_vs_format_uncompressed_t *in,
                                                                   uint8_t *buf, size_t capacity, size_t *written);

    /** Motion-JPEG video format. */
    typedef struct openk4a_uvc_vs_format_mjpeg
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x06 */
        uint8_t bFormatIndex;
        uint8_t bNumFrameDescriptors;
        uint8_t bmFlags; /**< bit 0: fixed-size samples */
        uint8_t bDefaultFrameIndex;
        uint8_t bAspectRatioX;
        uint8_t bAspectRatioY;
        uint8_t bmInterlaceFlags;
        uint8_t bCopyProtect;
    } openk4a_uvc_vs_format_mjpeg_t;

#define OPENK4A_UVC_VS_FORMAT_MJPEG_MIN_SIZE 11 /**< smallest valid encoding */

    /**
     * Parses a vs_format_mjpeg from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_parse(const uint8_t *data, size_t size,
                                                           openk4a_uvc_vs_format_mjpeg_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vs_format_mjpeg_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_parse_complete(const uint8_t *data, size_t size,
                                                                    openk4a_uvc_vs_format_mjpeg_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_encoded_size(const openk4a_uvc_vs_format_mjpeg_t *in,
                                                                  size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_mjpeg_encode(const openk4a_uvc_vs_format_mjpeg_t *in, uint8_t *buf,
                                                            size_t capacity, size_t *written);

    /** Frame-based video format (e.g. H.264 in a UVC 1.1 device); GUID-named like uncompressed. */
    typedef struct openk4a_uvc_vs_format_frame_based
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x10 */
        uint8_t bFormatIndex;
        uint8_t bNumFrameDescriptors;
        uint8_t guidFormat[16];
        uint8_t bBitsPerPixel;
        uint8_t bDefaultFrameIndex;
        uint8_t bAspectRatioX;
        uint8_t bAspectRatioY;
        uint8_t bmInterlaceFlags;
        uint8_t bCopyProtect;
        uint8_t bVariableSize;
    } openk4a_uvc_vs_format_frame_based_t;

#define OPENK4A_UVC_VS_FORMAT_FRAME_BASED_MIN_SIZE 28 /**< smallest valid encoding */

    /**
     * Parses a vs_format_frame_based from the start of data[0, size). On success *consumed (may be
     * NULL) is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes
     * past its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_parse(const uint8_t *data, size_t size,
                                                                 openk4a_uvc_vs_format_frame_based_t *out,
                                                                 size_t *consumed);

    /**
     * Like openk4a_uvc_vs_format_frame_based_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_parse_complete(const uint8_t *data, size_t size,
                                                                          openk4a_uvc_vs_format_frame_based_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_encoded_size(const openk4a_uvc_vs_format_frame_based_t *in,
                                                                        size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_format_frame_based_encode(const openk4a_uvc_vs_format_frame_based_t *in,
                                                                  uint8_t *buf, size_t capacity, size_t *written);

    /**
     * Uncompressed or MJPEG frame descriptor (subtype FRAME_UNCOMPRESSED or FRAME_MJPEG).
     * bFrameIntervalType 0 means a continuous range (min, max, step); otherwise it counts the discrete
     * intervals in dwFrameInterval. Intervals are in 100 ns units.
     */
    typedef struct openk4a_uvc_vs_frame
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< one of 0x05, 0x07 */
        uint8_t bFrameIndex;
        uint8_t bmCapabilities; /**< bit 0: still image supported; bit 1: fixed frame rate */
        uint16_t wWidth;
        uint16_t wHeight;
        uint32_t dwMinBitRate;
        uint32_t dwMaxBitRate;
        uint32_t dwMaxVideoFrameBufferSize; /**< deprecated in UVC 1.5 (use probe dwMaxVideoFrameSize) */
        uint32_t dwDefaultFrameInterval;
        uint8_t bFrameIntervalType;
        uint32_t dwMinFrameInterval;    /**< present when bFrameIntervalType == 0 */
        uint32_t dwMaxFrameInterval;    /**< present when bFrameIntervalType == 0 */
        uint32_t dwFrameIntervalStep;   /**< present when bFrameIntervalType == 0 */
        const uint8_t *dwFrameInterval; /**< bFrameIntervalType elements of 4 bytes borrowed from the input (wire
                                           order); read them with the _at() accessor */
    } openk4a_uvc_vs_frame_t;

#define OPENK4A_UVC_VS_FRAME_MIN_SIZE 26 /**< smallest valid encoding */

    /**
     * Parses a vs_frame from the start of data[0, size). On success *consumed (may be NULL) is the
     * number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_parse(const uint8_t *data, size_t size, openk4a_uvc_vs_frame_t *out,
                                                    size_t *consumed);

    /**
     * Like openk4a_uvc_vs_frame_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_parse_complete(const uint8_t *data, size_t size,
                                                             openk4a_uvc_vs_frame_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_encoded_size(const openk4a_uvc_vs_frame_t *in, size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_encode(const openk4a_uvc_vs_frame_t *in, uint8_t *buf, size_t capacity,
                                                     size_t *written);

    /** Number of dwFrameInterval elements (bFrameIntervalType). */
    static inline size_t openk4a_uvc_vs_frame_dwFrameInterval_count(const openk4a_uvc_vs_frame_t *s)
    {
        return (size_t)s->bFrameIntervalType;
    }

    /** Element i of dwFrameInterval; 0 when i is out of range. */
    static inline uint32_t openk4a_uvc_vs_frame_dwFrameInterval_at(const openk4a_uvc_vs_frame_t *s, size_t i)
    {
        if (s->dwFrameInterval == NULL || i >= openk4a_uvc_vs_frame_dwFrameInterval_count(s))
            return 0;
        return openk4a_wire_u32le((s->dwFrameInterval + i * 4u));
    }

    /** Frame-based frame descriptor: like vs_frame, with dwBytesPerLine instead of a buffer size. */
    typedef struct openk4a_uvc_vs_frame_frame_based
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x11 */
        uint8_t bFrameIndex;
        uint8_t bmCapabilities;
        uint16_t wWidth;
        uint16_t wHeight;
        uint32_t dwMinBitRate;
        uint32_t dwMaxBitRate;
        uint32_t dwDefaultFrameInterval;
        uint8_t bFrameIntervalType;
        uint32_t dwBytesPerLine;        /**< 0 for variable-size formats */
        uint32_t dwMinFrameInterval;    /**< present when bFrameIntervalType == 0 */
        uint32_t dwMaxFrameInterval;    /**< present when bFrameIntervalType == 0 */
        uint32_t dwFrameIntervalStep;   /**< present when bFrameIntervalType == 0 */
        const uint8_t *dwFrameInterval; /**< bFrameIntervalType elements of 4 bytes borrowed from the input (wire
                                           order); read them with the _at() accessor */
    } openk4a_uvc_vs_frame_frame_based_t;

#define OPENK4A_UVC_VS_FRAME_FRAME_BASED_MIN_SIZE 26 /**< smallest valid encoding */

    /**
     * Parses a vs_frame_frame_based from the start of data[0, size). On success *consumed (may be NULL)
     * is the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past
     * its known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_parse(const uint8_t *data, size_t size,
                                                                openk4a_uvc_vs_frame_frame_based_t *out,
                                                                size_t *consumed);

    /**
     * Like openk4a_uvc_vs_frame_frame_based_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_parse_complete(const uint8_t *data, size_t size,
                                                                         openk4a_uvc_vs_frame_frame_based_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_encoded_size(const openk4a_uvc_vs_frame_frame_based_t *in,
                                                                       size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_frame_frame_based_encode(const openk4a_uvc_vs_frame_frame_based_t *in,
                                                                 uint8_t *buf, size_t capacity, size_t *written);

    /** Number of dwFrameInterval elements (bFrameIntervalType). */
    static inline size_t
    openk4a_uvc_vs_frame_frame_based_dwFrameInterval_count(const openk4a_uvc_vs_frame_frame_based_t *s)
    {
        return (size_t)s->bFrameIntervalType;
    }

    /** Element i of dwFrameInterval; 0 when i is out of range. */
    static inline uint32_t
    openk4a_uvc_vs_frame_frame_based_dwFrameInterval_at(const openk4a_uvc_vs_frame_frame_based_t *s, size_t i)
    {
        if (s->dwFrameInterval == NULL || i >= openk4a_uvc_vs_frame_frame_based_dwFrameInterval_count(s))
            return 0;
        return openk4a_wire_u32le((s->dwFrameInterval + i * 4u));
    }

    /** Colour matching descriptor: colour primaries, transfer characteristics, matrix. */
    typedef struct openk4a_uvc_vs_color_matching
    {
        uint8_t bLength;
        uint8_t bDescriptorType;    /**< always 0x24 */
        uint8_t bDescriptorSubtype; /**< always 0x0D */
        uint8_t bColorPrimaries;
        uint8_t bTransferCharacteristics;
        uint8_t bMatrixCoefficients;
    } openk4a_uvc_vs_color_matching_t;

#define OPENK4A_UVC_VS_COLOR_MATCHING_MIN_SIZE 6 /**< smallest valid encoding */

    /**
     * Parses a vs_color_matching from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies bLength bytes (bytes past its
     * known fields are skipped). On error it is the offset where parsing stopped and *out is
     * unspecified. Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_uvc_vs_color_matching_parse(const uint8_t *data, size_t size,
                                                             openk4a_uvc_vs_color_matching_t *out, size_t *consumed);

    /**
     * Like openk4a_uvc_vs_color_matching_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_uvc_vs_color_matching_parse_complete(const uint8_t *data, size_t size,
                                                                      openk4a_uvc_vs_color_matching_t *out);

    /**
     * Validates *in and computes its encoded size. bLength 0 means exactly the size of the fields; a
     * larger value pads with zero bytes; a smaller one is ERR_BAD_LENGTH.
     */
    openk4a_usb_status_t openk4a_uvc_vs_color_matching_encoded_size(const openk4a_uvc_vs_color_matching_t *in,
                                                                    size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_uvc_vs_color_matching_encode(const openk4a_uvc_vs_color_matching_t *in, uint8_t *buf,
                                                              size_t capacity, size_t *written);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_UVC_WIRE_H_ */
