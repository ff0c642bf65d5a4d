/* A real Azure Kinect's MCU command protocol, host side (mcu_command.h). */
#include "core/device/mcu_command.h"

#include <stdio.h>
#include <string.h>

#include "core/device/usb_control.h"
#include "openk4a/usb/k4a_mcu_wire.h"
#include "openk4a/usb/usb_status.h"

#define HEADER_SIZE 20
#define RESPONSE_SIZE 16

void ok4a_mcu_init(ok4a_mcu_t *mcu, libusb_device_handle *handle, uint8_t command_out, uint8_t reply_in)
{
    mcu->handle = handle;
    mcu->command_out = command_out;
    mcu->reply_in = reply_in;
    mcu->next_transaction = 1;
    pthread_mutex_init(&mcu->mutex, NULL);
}

void ok4a_mcu_destroy(ok4a_mcu_t *mcu)
{
    pthread_mutex_destroy(&mcu->mutex);
}

static bool transfer_failed(int r, const char *phase, uint32_t command, char *why, size_t why_size)
{
    if (r >= 0)
        return false;
    snprintf(why, why_size, "MCU command 0x%08X: %s failed: %s%s", command, phase, libusb_error_name(r),
             r == LIBUSB_ERROR_TIMEOUT ? " (the MCU did not answer)" : "");
    return true;
}

/* The exchange, with the mutex held. */
static bool exchange(ok4a_mcu_t *mcu, uint32_t command, const uint8_t *command_data, size_t command_data_size,
                     uint8_t *reply, size_t capacity, size_t *reply_size, char *why, size_t why_size)
{
    uint8_t packet[HEADER_SIZE + OPENK4A_K4A_MCU_PACKET_MAX_COMMAND_DATA];
    const openk4a_k4a_mcu_command_header_t header = {
        .packet_type = OPENK4A_K4A_MCU_PACKET_COMMAND,
        .transaction_id = mcu->next_transaction++,
        .payload_size = (uint32_t)capacity,
        .command = command,
        .reserved = 0,
    };
    size_t written = 0;
    if (openk4a_k4a_mcu_command_header_encode(&header, packet, sizeof packet, &written) != OPENK4A_USB_OK)
    {
        snprintf(why, why_size, "MCU command 0x%08X: cannot encode its header", command);
        return false;
    }
    if (command_data_size > 0)
        memcpy(packet + written, command_data, command_data_size);
    int r = ok4a_usb_bulk(mcu->handle, mcu->command_out, packet, (uint32_t)(written + command_data_size),
                          OK4A_MCU_TIMEOUT_MS);
    if (transfer_failed(r, "sending it", command, why, why_size))
        return false;
    *reply_size = 0;
    if (capacity > 0)
    {
        r = ok4a_usb_bulk(mcu->handle, mcu->reply_in, reply, (uint32_t)capacity, OK4A_MCU_TIMEOUT_MS);
        if (transfer_failed(r, "reading its data", command, why, why_size))
            return false;
        *reply_size = (size_t)r; /* never more than capacity: the transfer is that long */
    }
    /* One byte more than a response: a longer packet is a lie, not a response. */
    uint8_t bytes[RESPONSE_SIZE + 1];
    r = ok4a_usb_bulk(mcu->handle, mcu->reply_in, bytes, sizeof bytes, OK4A_MCU_TIMEOUT_MS);
    if (transfer_failed(r, "reading its response", command, why, why_size))
        return false;
    openk4a_k4a_mcu_command_response_t response;
    const openk4a_usb_status_t s = openk4a_k4a_mcu_command_response_parse_complete(bytes, (size_t)r, &response);
    if (s != OPENK4A_USB_OK)
    {
        snprintf(why, why_size, "MCU command 0x%08X: the response (%d bytes) is not one: %s", command, r,
                 openk4a_usb_status_message(s));
        return false;
    }
    if (response.transaction_id != header.transaction_id)
    {
        snprintf(why, why_size, "MCU command 0x%08X: the response is for transaction %u, not %u", command,
                 response.transaction_id, header.transaction_id);
        return false;
    }
    if (response.status != OPENK4A_K4A_MCU_STATUS_PASS)
    {
        snprintf(why, why_size, "MCU command 0x%08X failed on the device (status 0x%08X)", command, response.status);
        return false;
    }
    return true;
}

/* After a failed exchange the MCU may still have bytes queued for the host
 * (a reply longer than asked for, a late response): read them away, so the
 * next exchange starts clean. Bounded: a device that never stops talking
 * costs OK4A_MCU_DRAIN_READS short reads. */
#define OK4A_MCU_DRAIN_READS 16
#define OK4A_MCU_DRAIN_TIMEOUT_MS 100
static void drain(ok4a_mcu_t *mcu)
{
    uint8_t scrap[1024];
    for (int i = 0; i < OK4A_MCU_DRAIN_READS; i++)
    {
        if (ok4a_usb_bulk(mcu->handle, mcu->reply_in, scrap, sizeof scrap, OK4A_MCU_DRAIN_TIMEOUT_MS) < 0)
            break;
    }
}

bool ok4a_mcu_read(ok4a_mcu_t *mcu, uint32_t command, const uint8_t *command_data, size_t command_data_size,
                   uint8_t *reply, size_t capacity, size_t *reply_size, char *why, size_t why_size)
{
    if (command_data_size > OPENK4A_K4A_MCU_PACKET_MAX_COMMAND_DATA || capacity > INT32_MAX)
    {
        snprintf(why, why_size, "MCU command 0x%08X: %zu bytes of command data, %zu of reply: too many", command,
                 command_data_size, capacity);
        return false;
    }
    pthread_mutex_lock(&mcu->mutex);
    const bool ok = exchange(mcu, command, command_data, command_data_size, reply, capacity, reply_size, why, why_size);
    if (!ok)
        drain(mcu);
    pthread_mutex_unlock(&mcu->mutex);
    return ok;
}

bool ok4a_mcu_read_serial(ok4a_mcu_t *mcu, char *serial, size_t size, char *why, size_t why_size)
{
    uint8_t reply[256];
    size_t n = 0;
    if (!ok4a_mcu_read(mcu, OPENK4A_K4A_MCU_DEPTH_CMD_READ_PRODUCT_SN, NULL, 0, reply, sizeof reply - 1, &n, why,
                       why_size))
        return false;
    reply[n] = 0;
    const size_t length = strlen((const char *)reply); /* a NUL may end it early */
    for (size_t i = 0; i < length; i++)
    {
        if (reply[i] <= 0x20 || reply[i] >= 0x7F)
        {
            snprintf(why, why_size, "the serial number the depth MCU sent has a byte 0x%02X at %zu: not printable",
                     reply[i], i);
            return false;
        }
    }
    if (length == 0 || length >= size)
    {
        snprintf(why, why_size, "the serial number the depth MCU sent is %zu characters long", length);
        return false;
    }
    memcpy(serial, reply, length + 1);
    return true;
}
