// Colour conversion and pictures for openk4a::Image (core/color's
// <openk4a/color.h> and <openk4a/image_png.h>).
//
//   absl::StatusOr<Image> bgra = DecodeToBgra32(mjpg_frame);          // a new BGRA32 image
//   if (!bgra.ok()) return bgra.status();  // e.g. "DecodeToBgra32: MJPG 1280x720 (41 bytes): truncated frame"
//   absl::Status saved = WritePng(*bgra, "colour.png");
//
// Nothing here throws; failures carry the core's reason.
#ifndef OPENK4A_CXX_COLOR_H_
#define OPENK4A_CXX_COLOR_H_

#include <openk4a/color_status.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "openk4a/cxx/image.h"

namespace openk4a
{

// MJPG decode quality/speed (NV12 and YUY2 convert exactly either way).
enum class DecodeMode
{
    kFast = OPENK4A_COLOR_MODE_FAST,         // fast IDCT and chroma upsampling, as the Azure Kinect SDK
    kAccurate = OPENK4A_COLOR_MODE_ACCURATE, // accurate IDCT, smooth chroma upsampling (~10% more CPU)
};

// A new BGRA32 image (sole reference, minimum stride) from an MJPG, NV12 or
// YUY2 image, with the source's timestamps, exposure, white balance and ISO
// speed. MJPG frames take their size from the JPEG header.
// Errors: InvalidArgument (source format, size), DataLoss (a frame that is
// not JPEG, truncated or corrupt, or that libjpeg-turbo could not decode),
// Unimplemented (a JPEG variant not taken: progressive, 12-bit, ...),
// ResourceExhausted (memory).
[[nodiscard]] absl::StatusOr<Image> DecodeToBgra32(const Image &source, DecodeMode mode = DecodeMode::kFast);

// As DecodeToBgra32(), into `destination`: a BGRA32 image of the frame's
// width and height (any stride) that is the sole reference to its image
// (FailedPrecondition otherwise: writes to a shared image are refused). On
// failure its pixels are unspecified and its metadata unchanged.
[[nodiscard]] absl::Status DecodeIntoBgra32(const Image &source, Image &destination,
                                            DecodeMode mode = DecodeMode::kFast);

// DEPTH16 / IR16 sample values mapped to the first and last colour (grey 0
// and 255); both 0 = automatic (see openk4a/image_png.h).
struct PngOptions
{
    uint16_t range_min = 0;
    uint16_t range_max = 0;
};

// Saves `image` as a PNG for people to look at: BGRA32 as is, MJPG/NV12/YUY2
// decoded (accurate mode), DEPTH16 colour-mapped, IR16 and CUSTOM8 grey. The
// file appears complete or not at all.
// Errors: InvalidArgument (a format with no picture, such as CUSTOM16; a
// buffer smaller than its geometry), the decode errors above for colour
// frames, the file error mapped from its errno (NotFound, PermissionDenied,
// ResourceExhausted, ...) with the path and the system's text.
[[nodiscard]] absl::Status WritePng(const Image &image, const std::string &path, const PngOptions &options = {});

// The status for a failed conversion, "<caller>: <what>: <status text>"
// (InvalidArgument, DataLoss, ...; OkStatus for OPENK4A_COLOR_OK). For code
// that drives the C API, e.g. the stream decoder's callback.
[[nodiscard]] absl::Status ColorStatusToStatus(openk4a_color_status_t status, absl::string_view context);

} // namespace openk4a

#endif // OPENK4A_CXX_COLOR_H_
