/* A real Azure Kinect's MCU command protocol, host side (internal to
 * //core/device): one exchange at a time per MCU, each command header and
 * response parsed by the generated code of core/spec/k4a_mcu_wire.toml.
 *
 * A lying or failing device gives false with the reason (timeout, STALL, a
 * response of the wrong type or transaction, an error status, a data phase
 * longer than asked for), never more bytes than the caller's buffer holds.
 * Thread-safe; the device's event thread must be running (ok4a_usb_bulk). */
#ifndef OPENK4A_CORE_DEVICE_MCU_COMMAND_H_
#define OPENK4A_CORE_DEVICE_MCU_COMMAND_H_

#include <libusb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

/* Milliseconds one transfer of an exchange may take (the SDK waits 2 s). */
#define OK4A_MCU_TIMEOUT_MS 2000

    typedef struct
    {
        libusb_device_handle *handle; /* its command interface claimed */
        uint8_t command_out;          /* e.g. 0x02 on the depth MCU */
        uint8_t reply_in;             /* e.g. 0x81 */
        pthread_mutex_t mutex;        /* one exchange at a time */
        uint32_t next_transaction;    /* under mutex */
    } ok4a_mcu_t;

    void ok4a_mcu_init(ok4a_mcu_t *mcu, libusb_device_handle *handle, uint8_t command_out, uint8_t reply_in);
    void ok4a_mcu_destroy(ok4a_mcu_t *mcu);

    /* Sends `command` with command_data[0, command_data_size) (at most
     * OPENK4A_K4A_MCU_PACKET_MAX_COMMAND_DATA bytes), reads at most `capacity`
     * bytes of reply into `reply` (*reply_size: how many came; capacity 0: no
     * data phase), then the response. False with why[0, why_size) set. */
    bool ok4a_mcu_read(ok4a_mcu_t *mcu, uint32_t command, const uint8_t *command_data, size_t command_data_size,
                       uint8_t *reply, size_t capacity, size_t *reply_size, char *why, size_t why_size);

    /* The depth MCU's serial number (printable ASCII, NUL-terminated) into
     * serial[0, size). */
    bool ok4a_mcu_read_serial(ok4a_mcu_t *mcu, char *serial, size_t size, char *why, size_t why_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_MCU_COMMAND_H_ */
