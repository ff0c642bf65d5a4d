// Compiled by lifetimebound_test.sh with clang, never built: each line marked
// DANGLES keeps a view into a temporary image and must draw -Wdangling.
#include "openk4a/cxx/capture.h"
#include "openk4a/cxx/image.h"

openk4a::Image MakeImage();

size_t Dangling()
{
    absl::Span<const uint8_t> bytes = MakeImage().bytes(); // DANGLES
    auto pixels = MakeImage().Pixels<uint16_t>();          // DANGLES
    auto writable = MakeImage().MutableBytes();            // DANGLES
    return bytes.size() + pixels.ok() + writable.ok();
}

size_t Fine()
{
    openk4a::Image image = MakeImage();
    absl::Span<const uint8_t> bytes = image.bytes();
    auto pixels = image.Pixels<uint16_t>();
    return bytes.size() + pixels.ok() + MakeImage().bytes().size();
}
