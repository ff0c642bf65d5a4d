/* A real Azure Kinect's colour MCU (color_mcu.h). */
#include "core/device/color_mcu.h"

#include <stdint.h>
#include <stdio.h>

#include "core/device/device_discovery.h"
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
    if (n != 1)
    {
        snprintf(why, why_size, "the colour MCU's sync jack state is %zu bytes, not 1", n);
        return false;
    }
    *sync_in = (reply[0] & OPENK4A_K4A_VENDOR_SYNC_JACK_IN) != 0;
    *sync_out = (reply[0] & OPENK4A_K4A_VENDOR_SYNC_JACK_OUT) != 0;
    return true;
}
