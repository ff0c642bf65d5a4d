// The Azure Kinect MCU command protocol's packets (generated parsers,
// core/spec/k4a_mcu_wire.toml): the first byte picks the command header or
// the response, the rest is the packet. Never reads outside the input, a
// packet is exactly its size, a bad packet_type is ERR_BAD_TYPE, and
// parse -> encode gives back the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/k4a_mcu_wire.h"

namespace
{

uint32_t Le32(const uint8_t *p)
{
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
           static_cast<uint32_t>(p[3]) << 24;
}

void Header(const uint8_t *data, size_t size)
{
    openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_k4a_mcu_command_header), data, size);
    openk4a_k4a_mcu_command_header_t h;
    size_t consumed = 0;
    const openk4a_usb_status_t s = openk4a_k4a_mcu_command_header_parse(data, size, &h, &consumed);
    CHECK(consumed <= size);
    if (size >= 4 && Le32(data) != OPENK4A_K4A_MCU_PACKET_COMMAND)
        CHECK(s == OPENK4A_USB_ERR_BAD_TYPE);
    if (s != OPENK4A_USB_OK)
    {
        CHECK(openk4a_usb_status_message(s)[0] != '\0');
        return;
    }
    CHECK(consumed == 20);
    CHECK(h.reserved == 0);
    uint8_t buf[20];
    size_t written = 0;
    CHECK(openk4a_k4a_mcu_command_header_encode(&h, buf, sizeof buf, &written) == OPENK4A_USB_OK);
    CHECK(written == consumed && std::memcmp(buf, data, written) == 0);
}

void Response(const uint8_t *data, size_t size)
{
    openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_k4a_mcu_command_response), data, size);
    openk4a_k4a_mcu_command_response_t r;
    size_t consumed = 0;
    const openk4a_usb_status_t s = openk4a_k4a_mcu_command_response_parse(data, size, &r, &consumed);
    CHECK(consumed <= size);
    openk4a_k4a_mcu_command_response_t c;
    const openk4a_usb_status_t sc = openk4a_k4a_mcu_command_response_parse_complete(data, size, &c);
    if (size >= 4 && Le32(data) != OPENK4A_K4A_MCU_PACKET_RESPONSE)
        CHECK(s == OPENK4A_USB_ERR_BAD_TYPE);
    if (s != OPENK4A_USB_OK)
    {
        CHECK(sc == s);
        return;
    }
    CHECK(consumed == 16);
    CHECK(sc == (size == 16 ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES));
    CHECK(r.transaction_id == Le32(data + 4) && r.status == Le32(data + 8));
    uint8_t buf[16];
    size_t written = 0;
    CHECK(openk4a_k4a_mcu_command_response_encode(&r, buf, sizeof buf, &written) == OPENK4A_USB_OK);
    CHECK(written == consumed && std::memcmp(buf, data, written) == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    if (data[0] & 1)
        Response(data + 1, size - 1);
    else
        Header(data + 1, size - 1);
    return 0;
}
