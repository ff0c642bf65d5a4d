/* openk4a::Image's metadata accessors from the [[property]] table (included by openk4a/cxx/image.h).
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef OPENK4A_CXX_IMAGE_PROPERTIES_H_
#define OPENK4A_CXX_IMAGE_PROPERTIES_H_

#include <k4a/k4a.h>

#include <chrono>
#include <cstdint>

namespace openk4a
{
namespace internal
{

// Durations: the C fields are unsigned, std::chrono counts are signed.
inline int64_t SaturatedInt64(uint64_t value)
{
    return value > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(value);
}
inline uint64_t NonNegative(int64_t value)
{
    return value < 0 ? 0 : static_cast<uint64_t>(value);
}

// openk4a::Image's metadata (0 = unknown, as in the C API), one getter and
// one setter per property, mixed in with CRTP: Derived::get() is the handle.
// No state of its own, so an Image stays one pointer.
template <typename Derived>
class ImageProperties
{
public:
    // The image's device timestamp in microseconds (k4a_image_get_device_timestamp_usec).
    std::chrono::microseconds device_timestamp() const
    {
        return std::chrono::microseconds(SaturatedInt64(k4a_image_get_device_timestamp_usec(handle())));
    }
    // A negative value is stored as 0 (unknown).
    void set_device_timestamp(std::chrono::microseconds value)
    {
        k4a_image_set_device_timestamp_usec(handle(), NonNegative(value.count()));
    }

    // The image's system timestamp in nanoseconds (k4a_image_get_system_timestamp_nsec).
    std::chrono::nanoseconds system_timestamp() const
    {
        return std::chrono::nanoseconds(SaturatedInt64(k4a_image_get_system_timestamp_nsec(handle())));
    }
    // A negative value is stored as 0 (unknown).
    void set_system_timestamp(std::chrono::nanoseconds value)
    {
        k4a_image_set_system_timestamp_nsec(handle(), NonNegative(value.count()));
    }

    // The image's exposure time in microseconds (k4a_image_get_exposure_usec).
    std::chrono::microseconds exposure() const
    {
        return std::chrono::microseconds(SaturatedInt64(k4a_image_get_exposure_usec(handle())));
    }
    // A negative value is stored as 0 (unknown).
    void set_exposure(std::chrono::microseconds value)
    {
        k4a_image_set_exposure_usec(handle(), NonNegative(value.count()));
    }

    // The image's white balance in kelvin (k4a_image_get_white_balance).
    uint32_t white_balance() const
    {
        return k4a_image_get_white_balance(handle());
    }
    void set_white_balance(uint32_t value)
    {
        k4a_image_set_white_balance(handle(), value);
    }

    // The image's ISO speed (k4a_image_get_iso_speed).
    uint32_t iso_speed() const
    {
        return k4a_image_get_iso_speed(handle());
    }
    void set_iso_speed(uint32_t value)
    {
        k4a_image_set_iso_speed(handle(), value);
    }

protected:
    ImageProperties() = default;

private:
    k4a_image_t handle() const noexcept
    {
        return static_cast<const Derived &>(*this).get();
    }
};

} // namespace internal
} // namespace openk4a

#endif // OPENK4A_CXX_IMAGE_PROPERTIES_H_
