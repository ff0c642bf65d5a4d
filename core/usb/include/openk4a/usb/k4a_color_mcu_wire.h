/* Bounds-checked wire-format parsers and encoders.
 * generated from core/spec/k4a_color_mcu_wire.toml by tools/codegen/wire_gen.py; do not edit */
#ifndef OPENK4A_USB_K4A_COLOR_MCU_WIRE_H_
#define OPENK4A_USB_K4A_COLOR_MCU_WIRE_H_

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
 * The Azure Kinect colour MCU's command data: the synchronisation settings SET_SYS_CFG carries and
 * the sync jack state GET_JACK_STATE answers.
 */

/** sync_config.mode: the unit's role on the sync cable (k4a_wired_sync_mode_t's values). */
#define OPENK4A_K4A_COLOR_MCU_SYNC_MODE_STANDALONE 0u
#define OPENK4A_K4A_COLOR_MCU_SYNC_MODE_MASTER 1u
#define OPENK4A_K4A_COLOR_MCU_SYNC_MODE_SUBORDINATE 2u

    /**
     * The command data of COLOR_CMD_SET_SYS_CFG, which the host sends when the cameras start (13 bytes,
     * packed). Delays are in 90 kHz device clock ticks (usec * 9 / 100, as the SDK's
     * K4A_USEC_TO_90K_HZ_TICK).
     */
    typedef struct openk4a_k4a_color_mcu_sync_config
    {
        uint32_t mode;                             /**< SYNC_MODE_*; one of 0x00, 0x01, 0x02 */
        uint32_t subordinate_delay_off_master_pts; /**< capture delay of a subordinate after its master */
        int32_t depth_delay_off_color_pts;         /**< depth capture delay after colour */
        uint8_t enable_privacy_led; /**< 1: the streaming indicator lights while streaming; one of 0x00, 0x01 */
    } openk4a_k4a_color_mcu_sync_config_t;

#define OPENK4A_K4A_COLOR_MCU_SYNC_CONFIG_MIN_SIZE 13 /**< smallest valid encoding */

    /**
     * Parses a sync_config from the start of data[0, size). On success *consumed (may be NULL) is the
     * number of bytes the structure occupies: the structure occupies exactly the bytes its fields and
     * counts describe. On error it is the offset where parsing stopped and *out is unspecified. Array
     * fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_parse(const uint8_t *data, size_t size,
                                                                 openk4a_k4a_color_mcu_sync_config_t *out,
                                                                 size_t *consumed);

    /**
     * Like openk4a_k4a_color_mcu_sync_config_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_parse_complete(const uint8_t *data, size_t size,
                                                                          openk4a_k4a_color_mcu_sync_config_t *out);

    /** Validates *in and computes its encoded size. */
    openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_encoded_size(const openk4a_k4a_color_mcu_sync_config_t *in,
                                                                        size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_k4a_color_mcu_sync_config_encode(const openk4a_k4a_color_mcu_sync_config_t *in,
                                                                  uint8_t *buf, size_t capacity, size_t *written);

    /**
     * The reply of COLOR_CMD_GET_JACK_STATE: exactly one byte whose bits are k4a_vendor_wire.toml's
     * SYNC_JACK_IN and SYNC_JACK_OUT (the others are not defined and ignored, as the SDK ignores them).
     */
    typedef struct openk4a_k4a_color_mcu_jack_state
    {
        uint8_t state;
    } openk4a_k4a_color_mcu_jack_state_t;

#define OPENK4A_K4A_COLOR_MCU_JACK_STATE_MIN_SIZE 1 /**< smallest valid encoding */

    /**
     * Parses a jack_state from the start of data[0, size). On success *consumed (may be NULL) is the
     * number of bytes the structure occupies: the structure occupies exactly the bytes its fields and
     * counts describe. On error it is the offset where parsing stopped and *out is unspecified. Array
     * fields borrow data: keep it alive while you use them.
     */
    openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_parse(const uint8_t *data, size_t size,
                                                                openk4a_k4a_color_mcu_jack_state_t *out,
                                                                size_t *consumed);

    /**
     * Like openk4a_k4a_color_mcu_jack_state_parse, but the structure must fill data[0, size) exactly
     * (ERR_TRAILING_BYTES otherwise).
     */
    openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_parse_complete(const uint8_t *data, size_t size,
                                                                         openk4a_k4a_color_mcu_jack_state_t *out);

    /** Validates *in and computes its encoded size. */
    openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_encoded_size(const openk4a_k4a_color_mcu_jack_state_t *in,
                                                                       size_t *size);

    /**
     * Encodes *in into buf[0, capacity). Constant fields are written with their constant. On success
     * *written (may be NULL) is the encoded size; on ERR_BUFFER_TOO_SMALL it is the size needed and
     * nothing was written.
     */
    openk4a_usb_status_t openk4a_k4a_color_mcu_jack_state_encode(const openk4a_k4a_color_mcu_jack_state_t *in,
                                                                 uint8_t *buf, size_t capacity, size_t *written);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_K4A_COLOR_MCU_WIRE_H_ */
