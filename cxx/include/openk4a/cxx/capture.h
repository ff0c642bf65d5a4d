// openk4a::Capture: one counted reference to a k4a_capture_t (a color, a
// depth and an IR image, each optional, plus a temperature).
//
//   absl::StatusOr<Capture> capture = Capture::Create();
//   capture->set_depth_image(std::move(depth));   // the capture takes the reference
//   if (std::optional<Image> ir = capture->ir_image()) { ... }   // a new reference, or nothing
//
// Same rules as Image: never null, move-only, Clone() to share, get() /
// release() && / Adopt() as escape hatches. The capture's setters and getters
// are safe to call concurrently on clones (the core locks the slots).
#ifndef OPENK4A_CXX_CAPTURE_H_
#define OPENK4A_CXX_CAPTURE_H_

#include <k4a/k4a.h>

#include <cassert>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "openk4a/cxx/image.h"

namespace openk4a
{

namespace internal
{
absl::Status CaptureCreateError();
} // namespace internal

class Capture final
{
public:
    enum class Slot
    {
        kColor,
        kDepth,
        kIr
    };

    // An empty capture: no images, temperature unknown.
    [[nodiscard]] static absl::StatusOr<Capture> Create()
    {
        k4a_capture_t handle = nullptr;
        if (k4a_capture_create(&handle) != K4A_RESULT_SUCCEEDED)
            return internal::CaptureCreateError();
        return Capture(handle);
    }

    // Takes over one reference to `handle`. Fails only for NULL.
    [[nodiscard]] static absl::StatusOr<Capture> Adopt(k4a_capture_t handle)
    {
        if (handle == nullptr)
            return internal::NullHandleError("Capture::Adopt");
        return Capture(handle);
    }

    Capture(const Capture &) = delete;
    Capture &operator=(const Capture &) = delete;
    Capture(Capture &&other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    Capture &operator=(Capture &&other) noexcept
    {
        if (this != &other)
        {
            k4a_capture_t old = std::exchange(handle_, std::exchange(other.handle_, nullptr));
            if (old != nullptr)
                k4a_capture_release(old);
        }
        return *this;
    }
    ~Capture()
    {
        if (handle_ != nullptr)
            k4a_capture_release(handle_);
    }

    [[nodiscard]] Capture Clone() const
    {
        k4a_capture_reference(live());
        return Capture(handle_);
    }
    [[nodiscard]] k4a_capture_t get() const noexcept
    {
        return live();
    }
    [[nodiscard]] k4a_capture_t release() &&noexcept
    {
        return std::exchange(handle_, nullptr);
    }

    // ---- Images: each getter returns a new reference, or nothing ------------

    std::optional<Image> image(Slot slot) const
    {
        k4a_image_t handle = nullptr;
        switch (slot)
        {
        case Slot::kColor:
            handle = k4a_capture_get_color_image(live());
            break;
        case Slot::kDepth:
            handle = k4a_capture_get_depth_image(live());
            break;
        case Slot::kIr:
            handle = k4a_capture_get_ir_image(live());
            break;
        }
        if (handle == nullptr)
            return std::nullopt;
        return Image(handle);
    }
    std::optional<Image> color_image() const
    {
        return image(Slot::kColor);
    }
    std::optional<Image> depth_image() const
    {
        return image(Slot::kDepth);
    }
    std::optional<Image> ir_image() const
    {
        return image(Slot::kIr);
    }

    // Puts `image` in the slot (replacing any image there). Taking the Image by
    // value hands the caller's reference over: pass std::move(img), or
    // img.Clone() to keep one.
    void set_image(Slot slot, Image image)
    {
        Set(slot, image.live());
    }
    void set_color_image(Image image)
    {
        set_image(Slot::kColor, std::move(image));
    }
    void set_depth_image(Image image)
    {
        set_image(Slot::kDepth, std::move(image));
    }
    void set_ir_image(Image image)
    {
        set_image(Slot::kIr, std::move(image));
    }

    // Empties the slot (the capture drops its reference).
    void clear_image(Slot slot)
    {
        Set(slot, nullptr);
    }

    // ---- Temperature ------------------------------------------------------

    // Degrees Celsius, or nothing when unknown.
    std::optional<float> temperature_c() const
    {
        const float t = k4a_capture_get_temperature_c(live());
        if (std::isnan(t))
            return std::nullopt;
        return t;
    }
    // std::nullopt (or NaN) records "unknown".
    void set_temperature_c(std::optional<float> temperature_c)
    {
        k4a_capture_set_temperature_c(live(), temperature_c.value_or(NAN));
    }

private:
    explicit Capture(k4a_capture_t handle) noexcept : handle_(handle) {}

    k4a_capture_t live() const noexcept
    {
        assert(handle_ != nullptr && "use of a moved-from openk4a::Capture");
        return handle_;
    }

    // The core adds the capture's own reference to `image`.
    void Set(Slot slot, k4a_image_t image)
    {
        switch (slot)
        {
        case Slot::kColor:
            k4a_capture_set_color_image(live(), image);
            break;
        case Slot::kDepth:
            k4a_capture_set_depth_image(live(), image);
            break;
        case Slot::kIr:
            k4a_capture_set_ir_image(live(), image);
            break;
        }
    }

    k4a_capture_t handle_;
};

} // namespace openk4a

#endif // OPENK4A_CXX_CAPTURE_H_
