/* A real Azure Kinect's colour MCU (color_mcu.h). */
#include "core/device/color_mcu.h"

#include <stdint.h>
#include <stdio.h>

#include "core/device/device_discovery.h"
#include "openk4a/usb/k4a_color_mcu_wire.h"
#include "openk4a/usb/k4a_mcu_wire.h"
#include "openk4a/usb/k4a_vendor_wire.h"

bool ok4a_color_mcu_claim(libusb_device_handle *color, const char *what, char *why, size_t why_size)
{
    const int r = libusb_claim_interface(color, OK4A_COLOR_MCU_INTERFACE);
    if (r == 0)
        return true;
    char subject[160];
    snprintf(subject, sizeof subject, "%s's MCU interface %d", what, OK4A_COLOR_MCU_INTERFACE);
    ok4a_describe_open_error(r, subject, why, why_size);
    return false;
}

void ok4a_color_mcu_release(libusb_device_handle *color)
{
    libusb_release_interface(color, OK4A_COLOR_MCU_INTERFACE);
}

void ok4a_color_mcu_init(ok4a_mcu_t *mcu, libusb_device_handle *color)
{
    ok4a_mcu_init(mcu, color, OK4A_COLOR_MCU_COMMAND_OUT, OK4A_COLOR_MCU_COMMAND_IN);
}

bool ok4a_color_mcu_switch_imu(void *mcu, bool on, char *why, size_t why_size)
{
    size_t unused = 0;
    char reason[256];
    const uint32_t command =
        on ? OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_START : OPENK4A_K4A_MCU_COLOR_CMD_IMU_STREAM_STOP;
    if (ok4a_mcu_read(mcu, command, NULL, 0, NULL, 0, &unused, reason, sizeof reason))
        return true;
    snprintf(why, why_size, "the colour MCU does not %s the IMU: %s", on ? "start" : "stop", reason);
    return false;
}

bool ok4a_color_mcu_read_sync_jacks(ok4a_mcu_t *mcu, bool *sync_in, bool *sync_out, char *why, size_t why_size)
{
    /* One byte asked for, as the SDK asks; a device sending more overflows
     * the transfer and fails the exchange. */
    uint8_t reply[1] = {0};
    size_t n = 0;
    char reason[256];
    if (!ok4a_mcu_read(mcu, OPENK4A_K4A_MCU_COLOR_CMD_GET_JACK_STATE, NULL, 0, reply, sizeof reply, &n, reason,
                       sizeof reason))
    {
        snprintf(why, why_size, "the colour MCU does not give the sync jack state: %s", reason);
        return false;
    }
    openk4a_k4a_color_mcu_jack_state_t state;
    const openk4a_usb_status_t s = openk4a_k4a_color_mcu_jack_state_parse_complete(reply, n, &state);
    if (s != OPENK4A_USB_OK)
    {
        snprintf(why, why_size, "the colour MCU's sync jack state (%zu bytes) is not one: %s", n,
                 openk4a_usb_status_message(s));
        return false;
    }
    *sync_in = (state.state & OPENK4A_K4A_VENDOR_SYNC_JACK_IN) != 0;
    *sync_out = (state.state & OPENK4A_K4A_VENDOR_SYNC_JACK_OUT) != 0;
    return true;
}

/* The SDK's K4A_USEC_TO_90K_HZ_TICK, without its overflow for long delays. */
static int64_t usec_to_ticks(int64_t usec)
{
    return usec * 9 / 100;
}

bool ok4a_color_mcu_configure_sync(ok4a_mcu_t *mcu, const k4a_device_configuration_t *config, char *why,
                                   size_t why_size)
{
    const openk4a_k4a_color_mcu_sync_config_t sync = {
        .mode = (uint32_t)config->wired_sync_mode, /* k4a's values are the MCU's (SYNC_MODE_*) */
        .subordinate_delay_off_master_pts = (uint32_t)usec_to_ticks(config->subordinate_delay_off_master_usec),
        .depth_delay_off_color_pts = (int32_t)usec_to_ticks(config->depth_delay_off_color_usec),
        .enable_privacy_led = config->disable_streaming_indicator ? 0 : 1,
    };
    uint8_t data[OPENK4A_K4A_COLOR_MCU_SYNC_CONFIG_MIN_SIZE];
    size_t written = 0;
    const openk4a_usb_status_t s = openk4a_k4a_color_mcu_sync_config_encode(&sync, data, sizeof data, &written);
    if (s != OPENK4A_USB_OK)
    {
        snprintf(why, why_size, "the sync settings cannot be sent (wired_sync_mode %d): %s",
                 (int)config->wired_sync_mode, openk4a_usb_status_message(s));
        return false;
    }
    size_t unused = 0;
    char reason[256];
    if (ok4a_mcu_read(mcu, OPENK4A_K4A_MCU_COLOR_CMD_SET_SYS_CFG, data, written, NULL, 0, &unused, reason,
                      sizeof reason))
        return true;
    snprintf(why, why_size, "the colour MCU does not take the sync settings: %s", reason);
    return false;
}
