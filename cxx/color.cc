// openk4a::DecodeToBgra32 / DecodeIntoBgra32 / WritePng over core/color's C
// API; the work here is turning its status codes into absl::Status.
#include "openk4a/cxx/color.h"

#include <k4a/k4a.h>
#include <openk4a/color.h>
#include <openk4a/image_png.h>

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace openk4a
{
namespace
{

// "MJPG 1280x720 (41 bytes)": what the caller handed over.
std::string Describe(const Image &image)
{
    return absl::StrCat(internal::FormatName(image.format()), " ", image.width_pixels(), "x", image.height_pixels(),
                        " (", image.size(), " bytes)");
}

openk4a_color_mode_t CMode(DecodeMode mode)
{
    return static_cast<openk4a_color_mode_t>(mode);
}

} // namespace

absl::Status ColorStatusToStatus(openk4a_color_status_t status, absl::string_view context)
{
    const std::string message = absl::StrCat(context, ": ", openk4a_color_status_str(status));
    switch (status)
    {
    case OPENK4A_COLOR_OK:
        return absl::OkStatus();
    case OPENK4A_COLOR_INVALID_ARGUMENT:
    case OPENK4A_COLOR_SIZE_MISMATCH:
        return absl::InvalidArgumentError(message);
    case OPENK4A_COLOR_NOT_JPEG:
    case OPENK4A_COLOR_TRUNCATED:
    case OPENK4A_COLOR_CORRUPT:
    case OPENK4A_COLOR_DECODE_FAILED:
        return absl::DataLossError(message);
    case OPENK4A_COLOR_UNSUPPORTED:
        return absl::UnimplementedError(message);
    case OPENK4A_COLOR_NO_MEMORY:
        return absl::ResourceExhaustedError(message);
    case OPENK4A_COLOR_QUEUE_FULL:
        return absl::UnavailableError(message);
    case OPENK4A_COLOR_STATUS_COUNT:
        break;
    }
    return absl::UnknownError(message);
}

absl::StatusOr<Image> DecodeToBgra32(const Image &source, DecodeMode mode)
{
    k4a_image_t bgra = nullptr;
    openk4a_color_status_t status = OPENK4A_COLOR_OK;
    if (openk4a_image_decode_to_bgra32(source.get(), CMode(mode), &bgra, &status) == K4A_RESULT_SUCCEEDED)
    {
        return Image::Adopt(bgra);
    }
    return ColorStatusToStatus(status, absl::StrCat("DecodeToBgra32: ", Describe(source), " source"));
}

absl::Status DecodeIntoBgra32(const Image &source, Image &destination, DecodeMode mode)
{
    if (!destination.IsUnique())
        return internal::SharedError("DecodeIntoBgra32");
    openk4a_color_status_t status = OPENK4A_COLOR_OK;
    if (openk4a_image_decode_into_bgra32(source.get(), destination.get(), CMode(mode), &status) == K4A_RESULT_SUCCEEDED)
    {
        return absl::OkStatus();
    }
    return ColorStatusToStatus(status, absl::StrCat("DecodeIntoBgra32: ", Describe(source), " source into ",
                                                    Describe(destination), " destination"));
}

absl::Status WritePng(const Image &image, const std::string &path, const PngOptions &options)
{
    if (path.find('\0') != std::string::npos)
    {
        return absl::InvalidArgumentError(absl::StrCat("WritePng: the path contains a NUL byte: \"", path, "\""));
    }
    const openk4a_png_options_t c_options = {options.range_min, options.range_max};
    openk4a_png_error_t error;
    if (openk4a_image_write_png_explained(image.get(), path.c_str(), &c_options, &error) == K4A_RESULT_SUCCEEDED)
    {
        return absl::OkStatus();
    }
    const std::string context = absl::StrCat("WritePng: ", Describe(image), " image to ", path);
    switch (error.status)
    {
    case OPENK4A_PNG_FILE_ERROR:
        return absl::ErrnoToStatus(error.file_errno, absl::StrCat("WritePng: ", path));
    case OPENK4A_PNG_DECODE_FAILED:
        return ColorStatusToStatus(error.color_status, absl::StrCat(context, ": not decoded"));
    case OPENK4A_PNG_NO_MEMORY:
        return absl::ResourceExhaustedError(absl::StrCat(context, ": ", error.message));
    case OPENK4A_PNG_INVALID_ARGUMENT:
    case OPENK4A_PNG_NO_PICTURE:
    case OPENK4A_PNG_OK: // cannot fail with OK; say what the core said
        break;
    }
    return absl::InvalidArgumentError(absl::StrCat(context, ": ", error.message));
}

} // namespace openk4a
