// openk4a::Image: one counted reference to a k4a_image_t, with Rust-style
// ownership (Arc + Bytes::from_owner + Arc::get_mut) over the C API.
//
//   absl::StatusOr<Image> depth = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {640, 576}, std::move(pixels));
//   if (!depth.ok()) return depth.status();   // `pixels` is still yours, untouched
//   Image shared = depth->Clone();            // +1 reference, same buffer
//   auto rows = depth->Pixels<uint16_t>();     // typed, stride-aware, format-checked
//
// Rules the types enforce:
// - An Image is never null: there is no default constructor, every factory
//   returns absl::StatusOr<Image>, and a moved-from Image may only be
//   destroyed or assigned to (debug builds assert on any other use).
// - Copying does not compile; Clone() adds a reference explicitly.
// - FromOwner() takes the buffer's owner by rvalue and moves from it only
//   when the image exists: on failure the caller still has it, intact
//   (like std::map::try_emplace). On success the owner is destroyed exactly
//   once, after the last reference, on whichever thread releases that.
// - Writable access (MutableBytes(), MutablePixels()) is granted only while
//   this is the sole reference (no clone, no capture holds it).
// - Views are borrowed (absl::Span, PixelView) and lifetime-bound to the
//   image, so clang warns about an obvious dangling view.
//
// Escape hatches to the C API: get() borrows the handle, std::move(image).release()
// hands the reference back, Image::Adopt(handle) takes one over.
//
// Nothing here throws; the layer works with -fno-exceptions.
#ifndef OPENK4A_CXX_IMAGE_H_
#define OPENK4A_CXX_IMAGE_H_

#include <k4a/k4a.h>
#include <openk4a/image.h>

#include <cassert>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "openk4a/cxx/image_properties.h"
#include "openk4a/cxx/owner.h"
#include "openk4a/cxx/pixels.h"

namespace openk4a
{

// Width and height in pixels; stride in bytes per row, 0 = the format's
// minimum (MJPG: ignored; CUSTOM: unknown).
struct Geometry
{
    int width_pixels;
    int height_pixels;
    int stride_bytes = 0;
};

class Image;

namespace internal
{
// "BGRA32" for K4A_IMAGE_FORMAT_COLOR_BGRA32 (the enumerator's name, shortened).
absl::string_view FormatName(k4a_image_format_t format);

// Cold paths, out of line (cxx/image.cc): they build the error messages.
// Geometry is 12 trivially copyable bytes: taken by value here and in the
// factories, like absl::Span.
absl::Status CreateError(k4a_image_format_t format, Geometry geometry);
absl::Status FromBufferError(const char *caller, k4a_image_format_t format, Geometry geometry, bool buffer_is_null,
                             size_t size);
absl::Status NullCallbackError();
absl::Status NullHandleError(const char *caller);
absl::Status OutOfMemory(const char *caller);
absl::Status PixelViewError(k4a_image_t handle, const char *caller, const char *pixel_name, const char *format_names,
                            bool format_accepted, size_t pixel_size, size_t pixel_align);
absl::Status SharedError(const char *caller);
} // namespace internal

// The metadata accessors (device_timestamp(), set_exposure(), ...) come from
// the spec's [[property]] table: openk4a/cxx/image_properties.h.
class Image final : public internal::ImageProperties<Image>
{
public:
    // ---- Construction (each returns an error that says what was wrong) -------

    // An image with a buffer from the library's pools (not cleared).
    [[nodiscard]] static absl::StatusOr<Image> Create(k4a_image_format_t format, Geometry geometry);

    // An image over the bytes of `owner`, which moves into the image on success
    // (see owner.h for what qualifies). Pass it with std::move(); on failure it
    // is moved back before this returns, so the caller keeps it, intact.
    template <typename Owner>
    [[nodiscard]] static absl::StatusOr<Image> FromOwner(k4a_image_format_t format, Geometry geometry, Owner &&owner);

    // An image over `size` bytes allocated with new uint8_t[]; on failure
    // `bytes` is left as it was. No allocation beyond the image itself.
    [[nodiscard]] static absl::StatusOr<Image> FromOwner(k4a_image_format_t format, Geometry geometry,
                                                         std::unique_ptr<uint8_t[]> &&bytes, size_t size);

    // The C contract, for callers with a C-style callback: on success the
    // image owns `buffer` and calls release_cb(buffer.data(), release_context)
    // exactly once after the last reference; on failure release_cb is never
    // called and the caller still owns the buffer. release_cb must not be
    // null (an image that outlives a borrowed buffer is what this layer
    // prevents; pass a no-op callback to borrow deliberately).
    [[nodiscard]] static absl::StatusOr<Image> FromRawBuffer(k4a_image_format_t format, Geometry geometry,
                                                             absl::Span<uint8_t> buffer,
                                                             k4a_memory_destroy_cb_t *release_cb,
                                                             void *release_context);

    // Takes over one reference to `handle` (the caller gives it up). Fails only
    // for NULL.
    [[nodiscard]] static absl::StatusOr<Image> Adopt(k4a_image_t handle);

    // ---- Ownership -------------------------------------------------------------

    Image(const Image &) = delete;
    Image &operator=(const Image &) = delete;
    Image(Image &&other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    Image &operator=(Image &&other) noexcept
    {
        if (this != &other)
        {
            k4a_image_t old = std::exchange(handle_, std::exchange(other.handle_, nullptr));
            if (old != nullptr)
                k4a_image_release(old);
        }
        return *this;
    }
    ~Image()
    {
        if (handle_ != nullptr)
            k4a_image_release(handle_);
    }

    // Another reference to the same image (same buffer, same metadata).
    [[nodiscard]] Image Clone() const
    {
        k4a_image_reference(live());
        return Image(handle_);
    }

    // A copy of the pixels and metadata in a new, unshared image.
    [[nodiscard]] absl::StatusOr<Image> DeepCopy() const;

    // True when this is the only reference (no clone, no capture holds it).
    [[nodiscard]] bool IsUnique() const;

    // Borrows the C handle (this Image keeps its reference).
    [[nodiscard]] k4a_image_t get() const noexcept
    {
        return live();
    }

    // Hands the reference to the caller, who must k4a_image_release() it.
    [[nodiscard]] k4a_image_t release() &&noexcept
    {
        return std::exchange(handle_, nullptr);
    }

    // ---- Geometry and bytes -----------------------------------------------------

    k4a_image_format_t format() const
    {
        return k4a_image_get_format(live());
    }
    int width_pixels() const
    {
        return k4a_image_get_width_pixels(live());
    }
    int height_pixels() const
    {
        return k4a_image_get_height_pixels(live());
    }
    int stride_bytes() const
    {
        return k4a_image_get_stride_bytes(live());
    }
    Geometry geometry() const
    {
        return Geometry{width_pixels(), height_pixels(), stride_bytes()};
    }
    size_t size() const
    {
        return k4a_image_get_size(live());
    }

    absl::Span<const uint8_t> bytes() const ABSL_ATTRIBUTE_LIFETIME_BOUND
    {
        return absl::Span<const uint8_t>(k4a_image_get_buffer(live()), size());
    }

    // Writable bytes, only while this is the sole reference (Arc::get_mut);
    // FailedPrecondition otherwise. Do not Clone() while you hold the span.
    [[nodiscard]] absl::StatusOr<absl::Span<uint8_t>> MutableBytes() ABSL_ATTRIBUTE_LIFETIME_BOUND
    {
        if (!IsUnique())
            return internal::SharedError("Image::MutableBytes");
        return absl::Span<uint8_t>(k4a_image_get_buffer(handle_), size());
    }

    // Rows of Pixel (pixels.h), InvalidArgument when the format, alignment or
    // stride does not fit Pixel.
    template <typename Pixel>
    [[nodiscard]] absl::StatusOr<PixelView<const Pixel>> Pixels() const ABSL_ATTRIBUTE_LIFETIME_BOUND
    {
        return View<const Pixel>("Image::Pixels");
    }

    // Writable rows, only while this is the sole reference; FailedPrecondition
    // when shared, InvalidArgument when Pixel does not fit.
    template <typename Pixel>
    [[nodiscard]] absl::StatusOr<PixelView<Pixel>> MutablePixels() ABSL_ATTRIBUTE_LIFETIME_BOUND
    {
        static_assert(!std::is_const_v<Pixel>, "use Pixels<T>() for a read-only view");
        return View<Pixel>("Image::MutablePixels");
    }

private:
    friend class Capture;

    // Takes over a reference the caller has checked is not NULL.
    explicit Image(k4a_image_t handle) noexcept : handle_(handle) {}

    k4a_image_t live() const noexcept
    {
        assert(handle_ != nullptr && "use of a moved-from openk4a::Image");
        return handle_;
    }

    template <typename T>
    absl::StatusOr<PixelView<T>> View(const char *caller) const
    {
        using Pixel = std::remove_const_t<T>;
        using Formats = PixelFormats<Pixel>;
        const k4a_image_t handle = live();
        const k4a_image_format_t image_format = k4a_image_get_format(handle);
        uint8_t *const buffer = k4a_image_get_buffer(handle);
        const int width = k4a_image_get_width_pixels(handle);
        const int height = k4a_image_get_height_pixels(handle);
        const int stride = k4a_image_get_stride_bytes(handle);
        // Every image of these formats has stride >= width * sizeof(Pixel) and
        // size >= stride * height (the core checks that); alignment is ours to check.
        const bool format_accepted = Formats::Accepts(image_format);
        const bool fits = format_accepted && buffer != nullptr &&
                          reinterpret_cast<uintptr_t>(buffer) % alignof(Pixel) == 0 &&
                          static_cast<size_t>(stride) % alignof(Pixel) == 0 &&
                          static_cast<size_t>(stride) >= static_cast<size_t>(width) * sizeof(Pixel) &&
                          k4a_image_get_size(handle) >= static_cast<size_t>(stride) * static_cast<size_t>(height);
        if (!fits)
        {
            return internal::PixelViewError(handle, caller, Formats::kPixelName, Formats::kFormatNames, format_accepted,
                                            sizeof(Pixel), alignof(Pixel));
        }
        if (!std::is_const_v<T> && !IsUnique())
            return internal::SharedError(caller);
        return PixelView<T>(buffer, width, height, stride);
    }

    k4a_image_t handle_;
};
static_assert(sizeof(Image) == sizeof(k4a_image_t), "an Image is its handle, nothing more");

template <typename Owner>
absl::StatusOr<Image> Image::FromOwner(k4a_image_format_t format, Geometry geometry, Owner &&owner)
{
    static_assert(!std::is_lvalue_reference_v<Owner>,
                  "pass the owner as an rvalue (std::move): it moves into the image on success");
    static_assert(!std::is_const_v<std::remove_reference_t<Owner>>, "a const owner cannot move into the image");
    static_assert(!std::is_array_v<std::remove_reference_t<Owner>>, "wrap a C array in std::array");
    static_assert(kExposesContiguousBytes<Owner>,
                  "the owner must expose writable contiguous trivially copyable elements through std::data() and "
                  "std::size() (for std::unique_ptr<uint8_t[]>, pass the size as well)");
    static_assert(std::is_nothrow_move_constructible_v<Owner> && std::is_nothrow_move_assignable_v<Owner>,
                  "the owner must move without throwing (it may be moved back on failure)");
    static_assert(std::is_nothrow_destructible_v<Owner>, "the owner is destroyed inside a C callback");
    static_assert(kIsBufferOwner<Owner>);

    using Box = internal::OwnerBox<Owner>;
    Box *box = new (std::nothrow) Box(std::move(owner));
    if (box == nullptr)
        return internal::OutOfMemory("Image::FromOwner"); // nothing was moved
    // The bytes are taken from the boxed owner: moving may have relocated them.
    auto *data = std::data(box->owner);
    const size_t size = std::size(box->owner) * sizeof(*data);
    uint8_t *const buffer = reinterpret_cast<uint8_t *>(data);
    k4a_image_t handle; // the C call writes it first (NULL on failure): no initialiser to pay for
    if (k4a_image_create_from_buffer(format, geometry.width_pixels, geometry.height_pixels, geometry.stride_bytes,
                                     buffer, size, &Box::Release, box, &handle) == K4A_RESULT_SUCCEEDED)
    {
        return Image(handle);
    }
    owner = std::move(box->owner); // the C call never calls back on failure
    delete box;
    return internal::FromBufferError("Image::FromOwner", format, geometry, buffer == nullptr, size);
}

inline absl::StatusOr<Image> Image::Create(k4a_image_format_t format, Geometry geometry)
{
    k4a_image_t handle;
    if (k4a_image_create(format, geometry.width_pixels, geometry.height_pixels, geometry.stride_bytes, &handle) ==
        K4A_RESULT_SUCCEEDED)
    {
        return Image(handle);
    }
    return internal::CreateError(format, geometry);
}

inline absl::StatusOr<Image> Image::FromOwner(k4a_image_format_t format, Geometry geometry,
                                              std::unique_ptr<uint8_t[]> &&bytes, size_t size)
{
    struct DeleteArray
    {
        static void Release(void *buffer, void * /*context*/) noexcept
        {
            delete[] static_cast<uint8_t *>(buffer);
        }
    };
    k4a_image_t handle;
    if (k4a_image_create_from_buffer(format, geometry.width_pixels, geometry.height_pixels, geometry.stride_bytes,
                                     bytes.get(), size, &DeleteArray::Release, nullptr,
                                     &handle) == K4A_RESULT_SUCCEEDED)
    {
        (void)bytes.release(); // now the image's
        return Image(handle);
    }
    return internal::FromBufferError("Image::FromOwner", format, geometry, bytes == nullptr, size);
}

inline absl::StatusOr<Image> Image::FromRawBuffer(k4a_image_format_t format, Geometry geometry,
                                                  absl::Span<uint8_t> buffer, k4a_memory_destroy_cb_t *release_cb,
                                                  void *release_context)
{
    if (release_cb == nullptr)
        return internal::NullCallbackError();
    k4a_image_t handle;
    if (k4a_image_create_from_buffer(format, geometry.width_pixels, geometry.height_pixels, geometry.stride_bytes,
                                     buffer.data(), buffer.size(), release_cb, release_context,
                                     &handle) == K4A_RESULT_SUCCEEDED)
    {
        return Image(handle);
    }
    return internal::FromBufferError("Image::FromRawBuffer", format, geometry, buffer.data() == nullptr, buffer.size());
}

inline absl::StatusOr<Image> Image::Adopt(k4a_image_t handle)
{
    if (handle == nullptr)
        return internal::NullHandleError("Image::Adopt");
    return Image(handle);
}

inline bool Image::IsUnique() const
{
    return openk4a_image_is_unique(live());
}

} // namespace openk4a

#endif // OPENK4A_CXX_IMAGE_H_
