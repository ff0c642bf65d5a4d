/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/k4a_vendor_wire.toml by tools/codegen/wire_gen.py; do not edit */
#ifndef OPENK4A_USB_K4A_VENDOR_WIRE_H_
#define OPENK4A_USB_K4A_VENDOR_WIRE_H_

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
 * Vendor requests of the k4a composite UVC device: IMU streaming, the factory calibration (the JSON
 * document an Azure Kinect stores), firmware versions and the sync jacks.
 */

/** bRequest of the vendor requests (wIndex = the vendor interface). */
#define OPENK4A_K4A_VENDOR_REQ_IMU_STREAM 1u /**< OUT, no data: wValue 1 starts the IMU packets, 0 stops them */
#define OPENK4A_K4A_VENDOR_REQ_CALIBRATION_SIZE                                                                        \
    2u /**< IN, 4 bytes: u32 size of the calibration document in bytes (no NUL); STALL when the device has none */
#define OPENK4A_K4A_VENDOR_REQ_CALIBRATION_READ                                                                        \
    3u /**< IN: block wValue of the document (CALIBRATION_BLOCK bytes each, the last one shorter) */
#define OPENK4A_K4A_VENDOR_REQ_VERSION 4u   /**< IN, 18 bytes: firmware_versions */
#define OPENK4A_K4A_VENDOR_REQ_SYNC_JACK 5u /**< IN, 1 byte: SYNC_JACK bits */

/** Sizes of the calibration transfer. */
#define OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK 0x1000u /**< bytes per CALIBRATION_READ block */
#define OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE                                                                        \
    0x100000u /**< the largest document a host accepts (a real one is about 8 KiB) */

/** Bits of the SYNC_JACK reply: which 3.5 mm sync jacks have a cable plugged in. */
#define OPENK4A_K4A_VENDOR_SYNC_JACK_IN 1u  /**< sync in */
#define OPENK4A_K4A_VENDOR_SYNC_JACK_OUT 2u /**< sync out */

/**
 * firmware_versions.build_config and signature_type values, as the Azure Kinect depth MCU reports
 * them.
 */
#define OPENK4A_K4A_VENDOR_FIRMWARE_BUILD_RELEASE 0u
#define OPENK4A_K4A_VENDOR_FIRMWARE_BUILD_DEBUG 1u
#define OPENK4A_K4A_VENDOR_FIRMWARE_SIGNATURE_MSFT 0u
#define OPENK4A_K4A_VENDOR_FIRMWARE_SIGNATURE_TEST 1u
#define OPENK4A_K4A_VENDOR_FIRMWARE_SIGNATURE_UNSIGNED 2u

    /**
     * Firmware versions, laid out as the Azure Kinect depth MCU reports them (packed, little-endian):
     * colour, depth and audio firmware major.minor.build, the depth sensor configuration major.minor,
     * the build type and the signature type.
     */
    typedef struct openk4a_k4a_vendor_firmware_versions
    {
        uint8_t rgb_major;
        uint8_t rgb_minor;
        uint16_t rgb_build;
        uint8_t depth_major;
        uint8_t depth_minor;
        uint16_t depth_build;
        uint8_t audio_major;
        uint8_t audio_minor;
        uint16_t audio_build;
        uint16_t depth_sensor_cfg_major;
        uint16_t depth_sensor_cfg_minor;
        uint8_t build_config;   /**< FIRMWARE_BUILD_* */
        uint8_t signature_type; /**< FIRMWARE_SIGNATURE_* */
    } openk4a_k4a_vendor_firmware_versions_t;

#define OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE 18 /**< smallest valid encoding */

    /**
     * Parses a firmware_versions from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies exactly the bytes its fields
     * and counts describe. On error it is the offset where parsing stopped and *out is unspecified.
     * Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_k4a_vendor_firmware_versions_parse(const uint8_t *data, size_t size,
                                                                    openk4a_k4a_vendor_firmware_versions_t *out,
                                                                    size_t *consumed);

    /**
     * Like openk4a_k4a_vendor_firmware_versions_parse, but the structure must fill data[0, size)
     * exactly (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t
    openk4a_k4a_vendor_firmware_versions_parse_complete(const uint8_t *data, size_t size,
                                                        openk4a_k4a_vendor_firmware_versions_t *out);

    /** Validates *in and computes its encoded size. */
    openk4a_usb_status_t
    openk4a_k4a_vendor_firmware_versions_encoded_size(const openk4a_k4a_vendor_firmware_versions_t *in, size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_k4a_vendor_firmware_versions_encode(const openk4a_k4a_vendor_firmware_versions_t *in,
                                                                     uint8_t *buf, size_t capacity, size_t *written);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_K4A_VENDOR_WIRE_H_ */
