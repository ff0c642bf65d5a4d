/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/k4a_mcu_wire.toml by tools/codegen/wire_gen.py; do not edit */
#ifndef OPENK4A_USB_K4A_MCU_WIRE_H_
#define OPENK4A_USB_K4A_MCU_WIRE_H_

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
 * The Azure Kinect depth and colour MCUs' bulk command protocol: the command header the host sends,
 * the response the device ends every exchange with, and the command codes.
 */

/** packet_type of the two packets, and the command data limit. */
#define OPENK4A_K4A_MCU_PACKET_COMMAND 0x6022009u     /**< command_header.packet_type */
#define OPENK4A_K4A_MCU_PACKET_RESPONSE 0xA6FE000u    /**< command_response.packet_type */
#define OPENK4A_K4A_MCU_PACKET_MAX_COMMAND_DATA 0x80u /**< bytes of command data after the header, at most */

/** command_response.status values. */
#define OPENK4A_K4A_MCU_STATUS_PASS 0u /**< the command succeeded; anything else is a device error code */

/** Depth MCU command codes (command_header.command). */
#define OPENK4A_K4A_MCU_DEPTH_CMD_RESET 0u
#define OPENK4A_K4A_MCU_DEPTH_CMD_VERSION_GET 2u
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_START 9u       /**< no data: the sensor starts */
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STOP 0xAu      /**< no data: the sensor stops */
#define OPENK4A_K4A_MCU_DEPTH_CMD_NV_DATA_GET 0x22u    /**< read: command data u32 NV tag (NV_*), reply the block */
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_MODE_SET 0xE1u /**< command data u32 SENSOR_MODE_* */
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_POWER_OFF 0xEFu
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_POWER_ON 0xF0u
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_START 0xF1u /**< no data: raw frames start on the stream endpoint */
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_STREAM_STOP 0xF2u
#define OPENK4A_K4A_MCU_DEPTH_CMD_DEPTH_FPS_SET 0x103u         /**< command data u32 frames per second: 5, 15 or 30 */
#define OPENK4A_K4A_MCU_DEPTH_CMD_READ_CALIBRATION_DATA 0x111u /**< read: the factory calibration JSON document */
#define OPENK4A_K4A_MCU_DEPTH_CMD_READ_PRODUCT_SN                                                                      \
    0x115u /**< read: the serial number, printable ASCII (a NUL may end it) */
#define OPENK4A_K4A_MCU_DEPTH_CMD_COMPONENT_VERSION_GET                                                                \
    0x201u /**< read: firmware_versions (k4a_vendor_wire.toml), 18 bytes */
#define OPENK4A_K4A_MCU_DEPTH_CMD_DOWNLOAD_FIRMWARE 0x202u
#define OPENK4A_K4A_MCU_DEPTH_CMD_GET_FIRMWARE_UPDATE_STATUS 0x203u

/** Colour MCU command codes (command_header.command): the high bit set. */
#define OPENK4A_K4A_MCU_COLOR_CMD_RESET 0x80000000u
#define OPENK4A_K4A_MCU_COLOR_CMD_SET_SYS_CFG 0x80000001u
#define OPENK4A_K4A_MCU_COLOR_CMD_GET_SYS_CFG 0x80000002u
#define OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_START 0x80000003u /**< no data: IMU packets start on the IMU endpoint */
#define OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_STOP 0x80000004u
#define OPENK4A_K4A_MCU_COLOR_CMD_GET_JACK_STATE 0x80000006u /**< read: the sync jacks' state */

/** NV tags of DEPTH_CMD_NV_DATA_GET (command data, u32). */
#define OPENK4A_K4A_MCU_NV_SERIAL_NUMBER 1u
#define OPENK4A_K4A_MCU_NV_IR_SENSOR_CALIBRATION 2u

/** Raw sensor modes of DEPTH_CMD_DEPTH_MODE_SET, and the raw frame size each streams (bytes). */
#define OPENK4A_K4A_MCU_SENSOR_MODE_PSEUDO_COMMON 3u      /**< passive IR */
#define OPENK4A_K4A_MCU_SENSOR_MODE_LONG_THROW_NATIVE 4u  /**< NFOV binned and unbinned */
#define OPENK4A_K4A_MCU_SENSOR_MODE_MEGA_PIXEL 5u         /**< WFOV unbinned */
#define OPENK4A_K4A_MCU_SENSOR_MODE_QUARTER_MEGA_PIXEL 7u /**< WFOV binned */
#define OPENK4A_K4A_MCU_SENSOR_MODE_PSEUDO_COMMON_SIZE 0x199AC8u
#define OPENK4A_K4A_MCU_SENSOR_MODE_LONG_THROW_NATIVE_SIZE 0x510928u
#define OPENK4A_K4A_MCU_SENSOR_MODE_MEGA_PIXEL_SIZE 0x9005C8u
#define OPENK4A_K4A_MCU_SENSOR_MODE_QUARTER_MEGA_PIXEL_SIZE 0x39A2D0u

    /**
     * What the host sends first in every exchange (20 bytes; command data may follow in the same
     * transfer).
     */
    typedef struct openk4a_k4a_mcu_command_header
    {
        uint32_t packet_type;    /**< PACKET_COMMAND; always 0x6022009 */
        uint32_t transaction_id; /**< chosen by the host, echoed by the response */
        uint32_t payload_size;   /**< bytes of the data phase (0: none) */
        uint32_t command;        /**< DEPTH_CMD_* or COLOR_CMD_* */
        uint32_t reserved;       /**< always 0x00 */
    } openk4a_k4a_mcu_command_header_t;

#define OPENK4A_K4A_MCU_COMMAND_HEADER_MIN_SIZE 20 /**< smallest valid encoding */

    /**
     * Parses a command_header from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies exactly the bytes its fields
     * and counts describe. On error it is the offset where parsing stopped and *out is unspecified.
     * Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_k4a_mcu_command_header_parse(const uint8_t *data, size_t size,
                                                              openk4a_k4a_mcu_command_header_t *out, size_t *consumed);

    /**
     * Like openk4a_k4a_mcu_command_header_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_k4a_mcu_command_header_parse_complete(const uint8_t *data, size_t size,
                                                                       openk4a_k4a_mcu_command_header_t *out);

    /** Validates *in and computes its encoded size. */
    openk4a_usb_status_t openk4a_k4a_mcu_command_header_encoded_size(const openk4a_k4a_mcu_command_header_t *in,
                                                                     size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_k4a_mcu_command_header_encode(const openk4a_k4a_mcu_command_header_t *in, uint8_t *buf,
                                                               size_t capacity, size_t *written);

    /** What the device sends last in every exchange (16 bytes). */
    typedef struct openk4a_k4a_mcu_command_response
    {
        uint32_t packet_type;    /**< PACKET_RESPONSE; always 0xA6FE000 */
        uint32_t transaction_id; /**< the command_header's */
        uint32_t status;         /**< STATUS_PASS, or the device's error code */
        uint32_t reserved;       /**< zero on the devices seen; not checked */
    } openk4a_k4a_mcu_command_response_t;

#define OPENK4A_K4A_MCU_COMMAND_RESPONSE_MIN_SIZE 16 /**< smallest valid encoding */

    /**
     * Parses a command_response from the start of data[0, size). On success *consumed (may be NULL) is
     * the number of bytes the structure occupies: the structure occupies exactly the bytes its fields
     * and counts describe. On error it is the offset where parsing stopped and *out is unspecified.
     * Array fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_k4a_mcu_command_response_parse(const uint8_t *data, size_t size,
                                                                openk4a_k4a_mcu_command_response_t *out,
                                                                size_t *consumed);

    /**
     * Like openk4a_k4a_mcu_command_response_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_k4a_mcu_command_response_parse_complete(const uint8_t *data, size_t size,
                                                                         openk4a_k4a_mcu_command_response_t *out);

    /** Validates *in and computes its encoded size. */
    openk4a_usb_status_t openk4a_k4a_mcu_command_response_encoded_size(const openk4a_k4a_mcu_command_response_t *in,
                                                                       size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_k4a_mcu_command_response_encode(const openk4a_k4a_mcu_command_response_t *in,
                                                                 uint8_t *buf, size_t capacity, size_t *written);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_K4A_MCU_WIRE_H_ */
