/* A real Azure Kinect's colour MCU (internal to //core/device): the vendor
 * interface of the colour camera 045E:097D that carries the same command
 * protocol as the depth MCU (mcu_command.h, core/spec/k4a_mcu_wire.toml) and
 * the IMU stream. Wire facts from the Azure Kinect Sensor SDK's src/color_mcu
 * and src/usbcommand; the SDK reads no firmware version here (the depth MCU
 * reports every component's).
 *
 * The interface is claimed at open and held until close, as the SDK does, so
 * that a unit another program uses is busy at open. Commands need the
 * device's event thread (ok4a_mcu_read). */
#ifndef OPENK4A_CORE_DEVICE_COLOR_MCU_H_
#define OPENK4A_CORE_DEVICE_COLOR_MCU_H_

#include <libusb.h>
#include <stdbool.h>
#include <stddef.h>

#include <k4a/k4atypes.h>

#include "core/device/mcu_command.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* The colour camera's vendor interface and its endpoints (src/usbcommand). */
#define OK4A_COLOR_MCU_INTERFACE 2
#define OK4A_COLOR_MCU_COMMAND_OUT 0x04
#define OK4A_COLOR_MCU_COMMAND_IN 0x83
#define OK4A_COLOR_MCU_IMU_IN 0x82

    /* Claims the colour MCU's interface on the open colour camera `color`;
     * false with why[0, why_size) saying what a failure means (busy, not
     * permitted, gone) for `what` (e.g. "device 0's colour camera"). */
    bool ok4a_color_mcu_claim(libusb_device_handle *color, const char *what, char *why, size_t why_size);
    void ok4a_color_mcu_release(libusb_device_handle *color);

    /* The colour MCU of `color` (its interface claimed) into *mcu. */
    void ok4a_color_mcu_init(ok4a_mcu_t *mcu, libusb_device_handle *color);

    /* IMU_STREAM_START (on) or IMU_STREAM_STOP; an ok4a_imu_switch_fn
     * (imu_stream.h) whose context is the ok4a_mcu_t. */
    bool ok4a_color_mcu_switch_imu(void *mcu, bool on, char *why, size_t why_size);

    /* SET_SYS_CFG with `config`'s sync role, delays (in 90 kHz ticks) and
     * streaming indicator, as the SDK sends when the cameras start
     * (core/spec/k4a_color_mcu_wire.toml's sync_config). */
    bool ok4a_color_mcu_configure_sync(ok4a_mcu_t *mcu, const k4a_device_configuration_t *config, char *why,
                                       size_t why_size);

    /* GET_JACK_STATE: which sync jacks have a cable. The reply must be one
     * byte, as the SDK requires (k4a_color_mcu_wire.toml's jack_state); its bits
     * are k4a_vendor_wire.toml's SYNC_JACK. */
    bool ok4a_color_mcu_read_sync_jacks(ok4a_mcu_t *mcu, bool *sync_in, bool *sync_out, char *why, size_t why_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_COLOR_MCU_H_ */
