// The cold half of openk4a::Image: error messages and the deep copy. The hot
// paths (create, clone, release, views) are inline in the header.
#include "openk4a/cxx/image.h"

#include <k4a/k4a.h>
#include <openk4a/image.h>
#include <openk4a/k4a_strings.h>

#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"

namespace openk4a
{
namespace internal
{

absl::string_view FormatName(k4a_image_format_t format)
{
    absl::string_view name = openk4a_image_format_to_string(format);
    if (!absl::ConsumePrefix(&name, "K4A_IMAGE_FORMAT_"))
        return name; // "(unknown)"
    absl::ConsumePrefix(&name, "COLOR_");
    return name;
}

namespace
{

std::string Describe(k4a_image_format_t format, Geometry geometry)
{
    return absl::StrCat(FormatName(format), " ", geometry.width_pixels, "x", geometry.height_pixels, " stride ",
                        geometry.stride_bytes);
}

} // namespace

absl::Status CreateError(k4a_image_format_t format, Geometry geometry)
{
    char reason[256];
    if (openk4a_image_check_create(format, geometry.width_pixels, geometry.height_pixels, geometry.stride_bytes, reason,
                                   sizeof reason) != K4A_RESULT_SUCCEEDED)
    {
        return absl::InvalidArgumentError(absl::StrCat("Image::Create: ", reason));
    }
    // The geometry is fine, so the library ran out of memory.
    return absl::ResourceExhaustedError(
        absl::StrCat("Image::Create: out of memory for a ", Describe(format, geometry), " image"));
}

absl::Status FromBufferError(const char *caller, k4a_image_format_t format, Geometry geometry, bool buffer_is_null,
                             size_t size)
{
    // Only the buffer's NULL-ness matters to the check, never its bytes.
    static const uint8_t kSomeBuffer = 0;
    char reason[256];
    if (openk4a_image_check_create_from_buffer(format, geometry.width_pixels, geometry.height_pixels,
                                               geometry.stride_bytes, buffer_is_null ? nullptr : &kSomeBuffer, size,
                                               reason, sizeof reason) != K4A_RESULT_SUCCEEDED)
    {
        return absl::InvalidArgumentError(absl::StrCat(caller, ": ", reason));
    }
    return absl::ResourceExhaustedError(
        absl::StrCat(caller, ": out of memory for a ", Describe(format, geometry), " image"));
}

absl::Status OutOfMemory(const char *caller)
{
    return absl::ResourceExhaustedError(absl::StrCat(caller, ": out of memory"));
}

absl::Status NullCallbackError()
{
    return absl::InvalidArgumentError(
        "Image::FromRawBuffer: release_cb is NULL; the image must own the buffer (pass a no-op callback to lend "
        "a buffer that outlives every reference)");
}

absl::Status NullHandleError(const char *caller)
{
    return absl::InvalidArgumentError(absl::StrCat(caller, ": handle is NULL"));
}

absl::Status PixelViewError(k4a_image_t handle, const char *caller, const char *pixel_name, const char *format_names,
                            bool format_accepted, size_t pixel_size, size_t pixel_align)
{
    const k4a_image_format_t format = k4a_image_get_format(handle);
    const std::string prefix = absl::StrCat(caller, "<", pixel_name, ">: ");
    // Which check failed, in the order Image::View makes them.
    if (!format_accepted)
    {
        return absl::InvalidArgumentError(absl::StrCat(prefix, "image format is ", FormatName(format), "; ", pixel_name,
                                                       " pixels need ", format_names));
    }
    const uint8_t *buffer = k4a_image_get_buffer(handle);
    const int width = k4a_image_get_width_pixels(handle);
    const int height = k4a_image_get_height_pixels(handle);
    const int stride = k4a_image_get_stride_bytes(handle);
    if (buffer == nullptr)
        return absl::InvalidArgumentError(absl::StrCat(prefix, "the image has no buffer"));
    if (reinterpret_cast<uintptr_t>(buffer) % pixel_align != 0)
    {
        return absl::InvalidArgumentError(absl::StrCat(prefix, "buffer ",
                                                       absl::Hex(reinterpret_cast<uintptr_t>(buffer)), " is not ",
                                                       pixel_align, "-byte aligned"));
    }
    if (static_cast<size_t>(stride) % pixel_align != 0)
    {
        return absl::InvalidArgumentError(
            absl::StrCat(prefix, "stride ", stride, " is not a multiple of ", pixel_align, " bytes"));
    }
    if (static_cast<size_t>(stride) < static_cast<size_t>(width) * pixel_size)
    {
        return absl::InvalidArgumentError(absl::StrCat(prefix, "stride ", stride, " < minimum ",
                                                       static_cast<size_t>(width) * pixel_size, " for width ", width));
    }
    return absl::InvalidArgumentError(absl::StrCat(prefix, "buffer of ", k4a_image_get_size(handle),
                                                   " bytes is smaller than stride ", stride, " x height ", height));
}

absl::Status SharedError(const char *caller)
{
    return absl::FailedPreconditionError(
        absl::StrCat(caller, ": the image is shared (a clone or a capture holds another reference); writable "
                             "access needs the only reference: drop the others, or DeepCopy()"));
}

} // namespace internal

absl::StatusOr<Image> Image::DeepCopy() const
{
    const absl::Span<const uint8_t> source = bytes();
    std::unique_ptr<uint8_t[]> copy(new (std::nothrow) uint8_t[source.size()]);
    if (copy == nullptr)
        return internal::OutOfMemory("Image::DeepCopy");
    std::memcpy(copy.get(), source.data(), source.size());
    absl::StatusOr<Image> image = FromOwner(format(), geometry(), std::move(copy), source.size());
    if (!image.ok())
        return image.status();
    (void)openk4a_image_copy_properties(image->handle_, handle_); // both live: cannot fail
    return image;
}

} // namespace openk4a
