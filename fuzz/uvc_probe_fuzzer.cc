// Probe/commit structure (generated): variant selection and an exact
// parse -> encode round trip for every variant (fuzz/wire_round_trip.h);
// the variant a device of a given bcdUVC uses (uvc_probe.c) is one of them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/uvc_probe.h"
#include "openk4a/usb/uvc_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    openk4a_uvc_probe_commit_t p;
    size_t consumed = 0;
    const openk4a_usb_status_t s =
        openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_uvc_probe_commit), data, size, &p, &consumed);
    // UVC 1.0 uses 26 bytes, 1.1 34, 1.5 48 (UVC 1.5, 4.3.1.1).
    if (size >= 2)
    {
        const uint16_t bcd = static_cast<uint16_t>(data[0] | data[1] << 8);
        const size_t variant = openk4a_uvc_probe_size_for_version(bcd);
        CHECK(variant == (bcd < 0x0110 ? 26u : bcd < 0x0150 ? 34u : 48u));
    }
    if (s != OPENK4A_USB_OK)
    {
        CHECK(s == OPENK4A_USB_ERR_TRUNCATED && size < 26);
        return 0;
    }
    CHECK(consumed == p.wire_size && consumed <= size);
    CHECK(consumed == 26 || consumed == 34 || consumed == 48);
    CHECK(size < 34 || consumed >= 34);
    CHECK(size < 48 || consumed == 48);
    uint8_t buf[48];
    size_t written = 0;
    CHECK(openk4a_uvc_probe_commit_encode(&p, buf, sizeof buf, &written) == OPENK4A_USB_OK);
    CHECK(written == consumed);
    CHECK(std::memcmp(buf, data, written) == 0);
    // Too small an output buffer writes nothing and says how much is needed.
    uint8_t small[25];
    std::memset(small, 0x5A, sizeof small);
    CHECK(openk4a_uvc_probe_commit_encode(&p, small, sizeof small, &written) == OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
    CHECK(written == consumed && small[0] == 0x5A);
    return 0;
}
