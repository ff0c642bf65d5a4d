#include "tools/emulator/mcu_responder.h"

#include <errno.h>

#include <memory>

namespace openk4a::emulator
{
namespace
{

Payload Whole(std::vector<uint8_t> bytes)
{
    Payload p;
    p.length = bytes.size();
    p.body = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
    return p;
}

} // namespace

McuResponder::McuResponder(uint8_t command_out, uint8_t reply_in, Answer answer) :
    command_out_(command_out), reply_in_(reply_in), answer_(std::move(answer))
{
}

int McuResponder::BulkOut(uint8_t endpoint, const uint8_t *data, size_t length)
{
    if (endpoint != command_out_)
        return -EPIPE;
    openk4a_k4a_mcu_command_header_t header;
    size_t consumed = 0;
    if (openk4a_k4a_mcu_command_header_parse(data, length, &header, &consumed) != OPENK4A_USB_OK)
    {
        return -EPIPE; // not a command: the MCU halts the endpoint
    }
    McuFault fault = McuFault::kNoReply; // set by TakeFault when faulty
    const bool faulty = TakeFault(header.command, &fault);
    std::vector<uint8_t> reply;
    const uint32_t status = answer_(header, data + consumed, length - consumed, &reply);
    if (faulty && fault == McuFault::kNoReply)
        return 0;
    if (reply.size() > header.payload_size)
        reply.resize(header.payload_size);
    if (faulty && fault == McuFault::kOverlongData)
        reply.resize(size_t{header.payload_size} + 64, 'x');
    openk4a_k4a_mcu_command_response_t response{};
    response.packet_type = OPENK4A_K4A_MCU_PACKET_RESPONSE;
    response.transaction_id = header.transaction_id;
    response.status = status;
    if (faulty && fault == McuFault::kWrongTransaction)
        response.transaction_id++;
    if (faulty && fault == McuFault::kErrorStatus)
        response.status = 0x0BAD;
    std::vector<uint8_t> packet(16);
    size_t written = 0;
    openk4a_k4a_mcu_command_response_encode(&response, packet.data(), packet.size(), &written);
    if (faulty && fault == McuFault::kBadPacketType)
        packet[0] ^= 0xFF; // after encoding: the encoder checks it
    std::vector<Payload> payloads;
    if (header.payload_size > 0)
        payloads.push_back(Whole(std::move(reply)));
    payloads.push_back(Whole(std::move(packet)));
    transport_->Send(reply_in_, std::move(payloads), 1 << 24);
    return 0;
}

void McuResponder::InjectFault(uint32_t command, McuFault fault, int count)
{
    std::lock_guard<std::mutex> lock(mutex_);
    faults_[command] = {fault, count};
}

uint64_t McuResponder::commands() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return commands_;
}

bool McuResponder::TakeFault(uint32_t command, McuFault *fault)
{
    std::lock_guard<std::mutex> lock(mutex_);
    commands_++;
    auto it = faults_.find(command);
    if (it == faults_.end())
        return false;
    *fault = it->second.first;
    if (--it->second.second <= 0)
        faults_.erase(it);
    return true;
}

} // namespace openk4a::emulator
