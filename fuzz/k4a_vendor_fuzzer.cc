// Replies to the k4a vendor requests (generated from
// core/spec/k4a_vendor_wire.toml): the firmware versions reply parses only
// at its full 18 bytes, round-trips through the generated encoder
// (fuzz/wire_round_trip.h) and, having no padding, re-encodes to the very
// bytes the device sent.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/k4a_vendor_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    openk4a_k4a_vendor_firmware_versions_t v;
    size_t consumed = 0;
    const openk4a_usb_status_t s =
        openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_k4a_vendor_firmware_versions), data, size, &v, &consumed);
    if (s != OPENK4A_USB_OK)
    {
        CHECK(s == OPENK4A_USB_ERR_TRUNCATED && size < OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE);
        return 0;
    }
    CHECK(consumed == OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE);
    // Packed little-endian, in the order the device sends them.
    CHECK(v.rgb_major == data[0] && v.rgb_minor == data[1] && v.rgb_build == (data[2] | data[3] << 8));
    CHECK(v.depth_sensor_cfg_major == (data[12] | data[13] << 8) && v.signature_type == data[17]);
    uint8_t again[OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE];
    size_t written = 0;
    CHECK(openk4a_k4a_vendor_firmware_versions_encode(&v, again, sizeof again, &written) == OPENK4A_USB_OK);
    CHECK(written == consumed && std::memcmp(again, data, written) == 0);
    return 0;
}
