// The contract every generated wire structure (core/spec/*_wire.toml ->
// tools/codegen/wire_gen.py) keeps, checked on any bytes:
//   parse -> parse_complete on what it consumed -> encoded_size -> encode ->
//   parse_complete -> encode again gives the same bytes, and an output one
//   byte short is refused without a write.
// Used by the USB parser harnesses so the generated encoders are fuzzed by
// the same inputs as the parsers they mirror.
#ifndef OPENK4A_FUZZ_WIRE_ROUND_TRIP_H_
#define OPENK4A_FUZZ_WIRE_ROUND_TRIP_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz/harness.h"
#include "openk4a/usb/usb_status.h"

namespace openk4a::fuzzing
{

template <typename T>
struct WireCodec
{
    openk4a_usb_status_t (*parse)(const uint8_t *, size_t, T *, size_t *);
    openk4a_usb_status_t (*parse_complete)(const uint8_t *, size_t, T *);
    openk4a_usb_status_t (*encoded_size)(const T *, size_t *);
    openk4a_usb_status_t (*encode)(const T *, uint8_t *, size_t, size_t *);
};

// WIRE_CODEC(openk4a_uvc_vs_frame) names the four generated functions of one structure.
#define WIRE_CODEC(prefix)                                                                                             \
    ::openk4a::fuzzing::WireCodec<prefix##_t>                                                                          \
    {                                                                                                                  \
        prefix##_parse, prefix##_parse_complete, prefix##_encoded_size, prefix##_encode                                \
    }

// Every status has a name and a message; an unknown value has them too.
inline void CheckStatusNamed(openk4a_usb_status_t s)
{
    const char *name = openk4a_usb_status_name(s);
    const char *message = openk4a_usb_status_message(s);
    CHECK(name != nullptr && message != nullptr && message[0] != '\0');
    CHECK(std::strncmp(name, "OPENK4A_USB_", 12) == 0 || name[0] == '(');
}

// Structures up to this size also have every prefix parsed (quadratic work).
constexpr size_t kMaxPrefixWalk = 1024;

template <typename T>
struct NotDeduced
{
    using type = T;
};

// Parses data[0, size) as T and, when that succeeds, checks the round trip.
// Returns the parse status; *out and *consumed (may be NULL) as parse left them.
template <typename T>
openk4a_usb_status_t CheckRoundTrip(const WireCodec<T> &codec, const uint8_t *data, size_t size,
                                    typename NotDeduced<T>::type *out = nullptr, size_t *consumed_out = nullptr)
{
    T parsed;
    T *p = out != nullptr ? out : &parsed;
    size_t consumed = 0;
    const openk4a_usb_status_t s = codec.parse(data, size, p, &consumed);
    if (consumed_out != nullptr)
        *consumed_out = consumed;
    CHECK(consumed <= size);
    CheckStatusNamed(s);
    T whole;
    if (s != OPENK4A_USB_OK)
    {
        CHECK(codec.parse_complete(data, size, &whole) == s);
        return s;
    }
    CHECK(codec.parse_complete(data, consumed, &whole) == OPENK4A_USB_OK);
    // NULL where the contract needs memory is refused, never dereferenced.
    CHECK(codec.parse(data, consumed, nullptr, nullptr) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    CHECK(codec.parse(nullptr, 1, &whole, nullptr) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    size_t unused = 0;
    CHECK(codec.encoded_size(nullptr, &unused) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    CHECK(codec.encoded_size(p, nullptr) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    CHECK(codec.encode(p, nullptr, 1, &unused) == OPENK4A_USB_ERR_INVALID_ARGUMENT && unused == 0);
    // Every shorter prefix of a structure that parsed: each field's length
    // check meets its edge (a prefix may still parse when fields are optional,
    // but never claims more bytes than it was given).
    for (size_t cut = 0; cut < consumed && consumed <= kMaxPrefixWalk; cut++)
    {
        size_t prefix_consumed = 0;
        const openk4a_usb_status_t prefix_status = codec.parse(data, cut, &whole, &prefix_consumed);
        CheckStatusNamed(prefix_status);
        CHECK(prefix_consumed <= cut);
    }
    if (consumed < size)
        CHECK(codec.parse_complete(data, size, &whole) == OPENK4A_USB_ERR_TRAILING_BYTES);

    // A declared length is kept, so the encoding has exactly the parsed size.
    size_t need = 0;
    CHECK(codec.encoded_size(p, &need) == OPENK4A_USB_OK);
    CHECK(need == consumed);
    std::vector<uint8_t> first(need); // exact size: a write past it is caught
    size_t written = 0;
    CHECK(codec.encode(p, first.data(), first.size(), &written) == OPENK4A_USB_OK);
    CHECK(written == need);
    if (need > 0)
    {
        std::vector<uint8_t> small(need - 1, 0x5A);
        written = 0;
        CHECK(codec.encode(p, small.data(), small.size(), &written) == OPENK4A_USB_ERR_BUFFER_TOO_SMALL);
        CHECK(written == need);
        for (uint8_t b : small)
            CHECK(b == 0x5A);
    }
    // The encoding parses whole, and encoding that again is byte-identical
    // (bytes a parser skips, e.g. past the known fields, are written as zeros).
    T again;
    CHECK(codec.parse_complete(first.data(), first.size(), &again) == OPENK4A_USB_OK);
    std::vector<uint8_t> second(need);
    CHECK(codec.encode(&again, second.data(), second.size(), &written) == OPENK4A_USB_OK);
    CHECK(written == need && first == second);
    return s;
}

} // namespace openk4a::fuzzing

#endif // OPENK4A_FUZZ_WIRE_ROUND_TRIP_H_
