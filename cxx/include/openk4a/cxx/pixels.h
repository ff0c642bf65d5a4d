// Typed, stride-respecting pixel views of an image (Image::Pixels<T>(),
// Image::MutablePixels<T>()). The pixel type must match the image format:
//
//   uint16_t  DEPTH16, IR16, CUSTOM16
//   Bgra      BGRA32
//   uint8_t   CUSTOM8
//
// Other formats (MJPG, NV12, YUY2, CUSTOM) have no typed view: use
// Image::bytes(). A view borrows the image's buffer: it is valid while the
// image (or any clone of it) is alive, and never owns anything.
#ifndef OPENK4A_CXX_PIXELS_H_
#define OPENK4A_CXX_PIXELS_H_

#include <k4a/k4atypes.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "absl/types/span.h"

namespace openk4a
{

// One BGRA32 pixel, in memory order.
struct Bgra
{
    uint8_t b;
    uint8_t g;
    uint8_t r;
    uint8_t a;
};
static_assert(sizeof(Bgra) == 4 && alignof(Bgra) == 1, "Bgra must match the BGRA32 layout");

// Which formats a pixel type may view. Not defined for other types, so
// Pixels<float>() does not compile.
template <typename Pixel>
struct PixelFormats;

template <>
struct PixelFormats<uint16_t>
{
    static constexpr const char *kPixelName = "uint16_t";
    static constexpr const char *kFormatNames = "DEPTH16, IR16 or CUSTOM16";
    static constexpr bool Accepts(k4a_image_format_t format)
    {
        return format == K4A_IMAGE_FORMAT_DEPTH16 || format == K4A_IMAGE_FORMAT_IR16 ||
               format == K4A_IMAGE_FORMAT_CUSTOM16;
    }
};

template <>
struct PixelFormats<Bgra>
{
    static constexpr const char *kPixelName = "Bgra";
    static constexpr const char *kFormatNames = "BGRA32";
    static constexpr bool Accepts(k4a_image_format_t format)
    {
        return format == K4A_IMAGE_FORMAT_COLOR_BGRA32;
    }
};

template <>
struct PixelFormats<uint8_t>
{
    static constexpr const char *kPixelName = "uint8_t";
    static constexpr const char *kFormatNames = "CUSTOM8";
    static constexpr bool Accepts(k4a_image_format_t format)
    {
        return format == K4A_IMAGE_FORMAT_CUSTOM8;
    }
};

class Image;

// Rows of T (const T for a read-only view). Cheap to copy; made only by Image,
// after checking format, alignment, stride and size.
template <typename T>
class PixelView
{
    using Byte = std::conditional_t<std::is_const_v<T>, const uint8_t, uint8_t>;

public:
    using Pixel = std::remove_const_t<T>;

    int width() const noexcept
    {
        return width_;
    }
    int height() const noexcept
    {
        return height_;
    }
    int stride_bytes() const noexcept
    {
        return stride_;
    }

    // Row y (width() pixels); an empty span for y outside 0..height()-1.
    absl::Span<T> row(int y) const noexcept
    {
        if (y < 0 || y >= height_)
            return {};
        return absl::Span<T>(reinterpret_cast<T *>(base_ + static_cast<size_t>(y) * static_cast<size_t>(stride_)),
                             static_cast<size_t>(width_));
    }

    // A mutable view reads like a const one.
    operator PixelView<const Pixel>() const noexcept
    { // NOLINT(google-explicit-constructor)
        return PixelView<const Pixel>(base_, width_, height_, stride_);
    }

private:
    friend class Image;
    template <typename>
    friend class PixelView;
    PixelView(Byte *base, int width, int height, int stride) noexcept :
        base_(base), width_(width), height_(height), stride_(stride)
    {
    }

    Byte *base_;
    int width_;
    int height_;
    int stride_;
};

} // namespace openk4a

#endif // OPENK4A_CXX_PIXELS_H_
