// The Azure Kinect colour MCU's command data (generated parsers,
// core/spec/k4a_color_mcu_wire.toml): the first byte picks the sync settings
// of SET_SYS_CFG or the jack state of GET_JACK_STATE, the rest is the data.
// Never reads outside the input, a structure is exactly its size, values
// outside one_of are refused, and parse -> encode gives back the same bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/k4a_color_mcu_wire.h"

namespace
{

void SyncConfig(const uint8_t *data, size_t size)
{
    openk4a_k4a_color_mcu_sync_config_t c;
    size_t consumed = 0;
    const openk4a_usb_status_t s =
        openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_k4a_color_mcu_sync_config), data, size, &c, &consumed);
    if (size >= 4 && data[0] > OPENK4A_K4A_COLOR_MCU_SYNC_MODE_SUBORDINATE)
        CHECK(s != OPENK4A_USB_OK); // mode's first byte alone is out of range
    if (s != OPENK4A_USB_OK)
        return;
    CHECK(consumed == OPENK4A_K4A_COLOR_MCU_SYNC_CONFIG_MIN_SIZE);
    CHECK(c.mode <= OPENK4A_K4A_COLOR_MCU_SYNC_MODE_SUBORDINATE);
    CHECK(c.enable_privacy_led <= 1);
}

void JackState(const uint8_t *data, size_t size)
{
    openk4a_k4a_color_mcu_jack_state_t j;
    size_t consumed = 0;
    const openk4a_usb_status_t s =
        openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_k4a_color_mcu_jack_state), data, size, &j, &consumed);
    CHECK((s == OPENK4A_USB_OK) == (size >= 1));
    if (s == OPENK4A_USB_OK)
        CHECK(consumed == 1 && j.state == data[0]);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    if (data[0] & 1)
        JackState(data + 1, size - 1);
    else
        SyncConfig(data + 1, size - 1);
    return 0;
}
