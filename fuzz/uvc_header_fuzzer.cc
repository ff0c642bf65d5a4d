// UVC payload header parser (generated): never reads outside the input,
// consumed matches bHeaderLength, parse -> encode -> parse is stable
// (fuzz/wire_round_trip.h), and the known fields keep their bytes. Every
// status code the parsers can return has a distinct name and a message.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/uvc_wire.h"

namespace
{

// The status names are total over the values the enum can hold (its codes
// run from -14 to 0, so -16..15; others would be undefined behaviour to
// form): defined codes have distinct names and their own messages, the
// others share the unknown ones.
bool CheckStatusNames()
{
    const auto undefined = static_cast<openk4a_usb_status_t>(-15);
    const char *unknown_name = openk4a_usb_status_name(undefined);
    const char *unknown_message = openk4a_usb_status_message(undefined);
    std::vector<std::string> names;
    for (int code = -16; code <= 15; ++code)
    {
        const auto s = static_cast<openk4a_usb_status_t>(code);
        openk4a::fuzzing::CheckStatusNamed(s);
        const bool known = std::strcmp(openk4a_usb_status_name(s), unknown_name) != 0;
        CHECK(known == (std::strcmp(openk4a_usb_status_message(s), unknown_message) != 0));
        CHECK(known == (code <= 0 && code >= OPENK4A_USB_ERR_NOT_FOUND));
        if (known)
            names.push_back(openk4a_usb_status_name(s));
    }
    std::sort(names.begin(), names.end());
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    static const bool names_checked = CheckStatusNames();
    (void)names_checked;
    openk4a_uvc_payload_header_t h;
    size_t consumed = 0;
    const openk4a_usb_status_t s =
        openk4a::fuzzing::CheckRoundTrip(WIRE_CODEC(openk4a_uvc_payload_header), data, size, &h, &consumed);
    CHECK(consumed <= size);
    openk4a_uvc_payload_header_t c;
    const openk4a_usb_status_t sc = openk4a_uvc_payload_header_parse_complete(data, size, &c);
    if (s != OPENK4A_USB_OK)
    {
        CHECK(sc == s);
        CHECK(openk4a_usb_status_message(s)[0] != '\0');
        return 0;
    }
    CHECK(consumed == h.bHeaderLength && consumed >= 2);
    CHECK(sc == (consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES));

    // Re-encode with the same length: the known fields must survive.
    uint8_t buf[255];
    size_t written = 0;
    CHECK(openk4a_uvc_payload_header_encode(&h, buf, sizeof buf, &written) == OPENK4A_USB_OK);
    CHECK(written == consumed);
    openk4a_uvc_payload_header_t again;
    CHECK(openk4a_uvc_payload_header_parse_complete(buf, written, &again) == OPENK4A_USB_OK);
    CHECK(again.bmHeaderInfo == h.bmHeaderInfo);
    CHECK(again.dwPresentationTime == h.dwPresentationTime);
    CHECK(again.scrSourceTimeClock == h.scrSourceTimeClock);
    CHECK(again.scrSofCounter == h.scrSofCounter);
    // The bytes of the known fields are identical to the input's.
    size_t known = 2;
    if (h.bmHeaderInfo & OPENK4A_UVC_HEADER_PTS)
        known += 4;
    if (h.bmHeaderInfo & OPENK4A_UVC_HEADER_SCR)
        known += 6;
    CHECK(std::memcmp(buf, data, known) == 0);
    return 0;
}
