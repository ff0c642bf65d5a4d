// One Azure Kinect MCU's side of the command protocol
// (core/spec/k4a_mcu_wire.toml), shared by the emulated depth and colour MCUs:
// a command header (and command data) arrives on the command OUT endpoint;
// the data phase, then the response, leave on the reply IN endpoint. What a
// well-behaved MCU answers comes from the MCU's Answer; injected faults make
// it misanswer a command instead (no reply, wrong packet type or transaction,
// error status, overlong data).
#ifndef OPENK4A_TOOLS_EMULATOR_MCU_RESPONDER_H_
#define OPENK4A_TOOLS_EMULATOR_MCU_RESPONDER_H_

#include <stddef.h>
#include <stdint.h>

#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "openk4a/usb/k4a_mcu_wire.h"
#include "tools/emulator/usbfs_device.h"

namespace openk4a::emulator
{

// How an MCU misanswers a command.
enum class McuFault
{
    kNoReply,          // no data, no response: the host's read times out
    kBadPacketType,    // the response's packet_type is not PACKET_RESPONSE
    kWrongTransaction, // the response echoes another transaction_id
    kErrorStatus,      // the response's status is not STATUS_PASS
    kOverlongData,     // the data phase sends more than payload_size bytes
};

class McuResponder
{
public:
    // The reply data (cut to payload_size when longer) and the status
    // (OPENK4A_K4A_MCU_STATUS_PASS or an error code) of one command whose
    // command data is data[0, size).
    using Answer = std::function<uint32_t(const openk4a_k4a_mcu_command_header_t &header, const uint8_t *data,
                                          size_t size, std::vector<uint8_t> *reply)>;

    McuResponder(uint8_t command_out, uint8_t reply_in, Answer answer);

    // The transport replies leave through; set before the device is plugged.
    void Attach(UsbfsDevice *transport)
    {
        transport_ = transport;
    }
    // UsbDeviceModel::BulkOut: a command on the command endpoint; -EPIPE (a
    // STALL) on any other endpoint, or for bytes that are not a command.
    int BulkOut(uint8_t endpoint, const uint8_t *data, size_t length);

    // The next `count` commands `command` get `fault`.
    void InjectFault(uint32_t command, McuFault fault, int count);
    // Commands received, well-formed or not answered.
    uint64_t commands() const;

private:
    bool TakeFault(uint32_t command, McuFault *fault);

    const uint8_t command_out_, reply_in_;
    const Answer answer_;
    UsbfsDevice *transport_ = nullptr;
    mutable std::mutex mutex_;
    std::map<uint32_t, std::pair<McuFault, int>> faults_;
    uint64_t commands_ = 0;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_MCU_RESPONDER_H_
