/* The k4a C++ interface (k4a::device, capture, image, calibration, transformation, k4a::error)
 * with the names and behaviour of the Azure Kinect SDK's k4a.hpp, written for openk4a over the
 * C API in <k4a/k4a.h>. Header only; failures throw k4a::error (this interface needs exceptions;
 * openk4a's own C++ layer in <openk4a/cxx/...> does not). */
#ifndef K4A_K4A_HPP_
#define K4A_K4A_HPP_

#include <k4a/k4a.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace k4a
{

/* Thrown by every method whose C call fails. */
class error : public std::runtime_error
{
public:
    using runtime_error::runtime_error;
};

namespace internal
{
/* What image and capture share: a reference to a counted C handle. Copies add a reference,
 * destruction drops one; a moved-from or default wrapper holds nullptr. Derived is the wrapper
 * class, so assignment returns it as the SDK's classes do. */
template <typename Derived, typename Handle, void (*Reference)(Handle), void (*Release)(Handle)>
class counted_handle
{
public:
    counted_handle(Handle handle = nullptr) noexcept : m_handle(handle) {}
    counted_handle(const counted_handle &other) noexcept : m_handle(other.m_handle)
    {
        if (m_handle != nullptr)
        {
            Reference(m_handle);
        }
    }
    counted_handle(counted_handle &&other) noexcept : m_handle(other.m_handle)
    {
        other.m_handle = nullptr;
    }
    ~counted_handle()
    {
        reset();
    }
    Derived &operator=(const counted_handle &other) noexcept
    {
        if (this != &other)
        {
            reset();
            m_handle = other.m_handle;
            if (m_handle != nullptr)
            {
                Reference(m_handle);
            }
        }
        return static_cast<Derived &>(*this);
    }
    Derived &operator=(counted_handle &&other) noexcept
    {
        if (this != &other)
        {
            reset();
            m_handle = other.m_handle;
            other.m_handle = nullptr;
        }
        return static_cast<Derived &>(*this);
    }
    Derived &operator=(std::nullptr_t) noexcept
    {
        reset();
        return static_cast<Derived &>(*this);
    }
    bool operator==(const Derived &other) const noexcept
    {
        return m_handle == other.m_handle;
    }
    bool operator==(std::nullptr_t) const noexcept
    {
        return m_handle == nullptr;
    }
    bool operator!=(const Derived &other) const noexcept
    {
        return m_handle != other.m_handle;
    }
    bool operator!=(std::nullptr_t) const noexcept
    {
        return m_handle != nullptr;
    }
    explicit operator bool() const noexcept
    {
        return is_valid();
    }
    bool is_valid() const noexcept
    {
        return m_handle != nullptr;
    }
    /* The handle, without a new reference. */
    Handle handle() const noexcept
    {
        return m_handle;
    }
    void reset() noexcept
    {
        if (m_handle != nullptr)
        {
            Release(m_handle);
            m_handle = nullptr;
        }
    }

protected:
    Handle m_handle;
};
inline int32_t clamp_timeout(std::chrono::milliseconds timeout)
{
    if (timeout == std::chrono::milliseconds(K4A_WAIT_INFINITE))
    {
        return K4A_WAIT_INFINITE;
    }
    const auto count = timeout.count();
    return static_cast<int32_t>(
        std::min<decltype(count)>(std::max<decltype(count)>(count, 0), std::numeric_limits<int32_t>::max()));
}
} // namespace internal

/* A reference to a k4a_image_t: copies add a reference, destruction drops one. */
class image : public internal::counted_handle<image, k4a_image_t, k4a_image_reference, k4a_image_release>
{
public:
    using counted_handle::counted_handle;
    using counted_handle::operator=;

    static image create(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes)
    {
        k4a_image_t handle = nullptr;
        if (k4a_image_create(format, width_pixels, height_pixels, stride_bytes, &handle) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to create image!");
        }
        return image(handle);
    }
    static image create_from_buffer(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                                    uint8_t *buffer, size_t buffer_size, k4a_memory_destroy_cb_t *buffer_release_cb,
                                    void *buffer_release_cb_context)
    {
        k4a_image_t handle = nullptr;
        if (k4a_image_create_from_buffer(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size,
                                         buffer_release_cb, buffer_release_cb_context, &handle) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to create image from buffer");
        }
        return image(handle);
    }

    uint8_t *get_buffer() noexcept
    {
        return k4a_image_get_buffer(m_handle);
    }
    const uint8_t *get_buffer() const noexcept
    {
        return k4a_image_get_buffer(m_handle);
    }
    size_t get_size() const noexcept
    {
        return k4a_image_get_size(m_handle);
    }
    k4a_image_format_t get_format() const noexcept
    {
        return k4a_image_get_format(m_handle);
    }
    int get_width_pixels() const noexcept
    {
        return k4a_image_get_width_pixels(m_handle);
    }
    int get_height_pixels() const noexcept
    {
        return k4a_image_get_height_pixels(m_handle);
    }
    int get_stride_bytes() const noexcept
    {
        return k4a_image_get_stride_bytes(m_handle);
    }
    std::chrono::microseconds get_device_timestamp() const noexcept
    {
        return std::chrono::microseconds(k4a_image_get_device_timestamp_usec(m_handle));
    }
    std::chrono::nanoseconds get_system_timestamp() const noexcept
    {
        return std::chrono::nanoseconds(k4a_image_get_system_timestamp_nsec(m_handle));
    }
    std::chrono::microseconds get_exposure() const noexcept
    {
        return std::chrono::microseconds(k4a_image_get_exposure_usec(m_handle));
    }
    uint32_t get_white_balance() const noexcept
    {
        return k4a_image_get_white_balance(m_handle);
    }
    uint32_t get_iso_speed() const noexcept
    {
        return k4a_image_get_iso_speed(m_handle);
    }
    void set_timestamp(std::chrono::microseconds timestamp) noexcept
    {
        k4a_image_set_device_timestamp_usec(m_handle, static_cast<uint64_t>(timestamp.count()));
    }
    void set_exposure_time(std::chrono::microseconds exposure) noexcept
    {
        k4a_image_set_exposure_usec(m_handle, static_cast<uint64_t>(exposure.count()));
    }
    void set_white_balance(uint32_t white_balance) noexcept
    {
        k4a_image_set_white_balance(m_handle, white_balance);
    }
    void set_iso_speed(uint32_t iso_speed) noexcept
    {
        k4a_image_set_iso_speed(m_handle, iso_speed);
    }
};

/* A reference to a k4a_capture_t, like image. */
class capture : public internal::counted_handle<capture, k4a_capture_t, k4a_capture_reference, k4a_capture_release>
{
public:
    using counted_handle::counted_handle;
    using counted_handle::operator=;
    static capture create()
    {
        k4a_capture_t handle = nullptr;
        if (k4a_capture_create(&handle) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to create capture!");
        }
        return capture(handle);
    }
    image get_color_image() const noexcept
    {
        return image(k4a_capture_get_color_image(m_handle));
    }
    image get_depth_image() const noexcept
    {
        return image(k4a_capture_get_depth_image(m_handle));
    }
    image get_ir_image() const noexcept
    {
        return image(k4a_capture_get_ir_image(m_handle));
    }
    void set_color_image(const image &color_image) noexcept
    {
        k4a_capture_set_color_image(m_handle, color_image.handle());
    }
    void set_depth_image(const image &depth_image) noexcept
    {
        k4a_capture_set_depth_image(m_handle, depth_image.handle());
    }
    void set_ir_image(const image &ir_image) noexcept
    {
        k4a_capture_set_ir_image(m_handle, ir_image.handle());
    }
    void set_temperature_c(float temperature_c) noexcept
    {
        k4a_capture_set_temperature_c(m_handle, temperature_c);
    }
    float get_temperature_c() const noexcept
    {
        return k4a_capture_get_temperature_c(m_handle);
    }
};

/* A k4a_calibration_t with the conversions as methods. */
struct calibration : public k4a_calibration_t
{
    k4a_float3_t convert_3d_to_3d(const k4a_float3_t &source_point3d, k4a_calibration_type_t source_camera,
                                  k4a_calibration_type_t target_camera) const
    {
        k4a_float3_t target;
        if (k4a_calibration_3d_to_3d(this, &source_point3d, source_camera, target_camera, &target) !=
            K4A_RESULT_SUCCEEDED)
        {
            throw error("Calibration contained invalid transformation parameters!");
        }
        return target;
    }
    bool convert_2d_to_3d(const k4a_float2_t &source_point2d, float source_depth, k4a_calibration_type_t source_camera,
                          k4a_calibration_type_t target_camera, k4a_float3_t *target_point3d) const
    {
        int valid = 0;
        if (k4a_calibration_2d_to_3d(this, &source_point2d, source_depth, source_camera, target_camera, target_point3d,
                                     &valid) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Calibration contained invalid transformation parameters!");
        }
        return valid != 0;
    }
    bool convert_3d_to_2d(const k4a_float3_t &source_point3d, k4a_calibration_type_t source_camera,
                          k4a_calibration_type_t target_camera, k4a_float2_t *target_point2d) const
    {
        int valid = 0;
        if (k4a_calibration_3d_to_2d(this, &source_point3d, source_camera, target_camera, target_point2d, &valid) !=
            K4A_RESULT_SUCCEEDED)
        {
            throw error("Calibration contained invalid transformation parameters!");
        }
        return valid != 0;
    }
    bool convert_2d_to_2d(const k4a_float2_t &source_point2d, float source_depth, k4a_calibration_type_t source_camera,
                          k4a_calibration_type_t target_camera, k4a_float2_t *target_point2d) const
    {
        int valid = 0;
        if (k4a_calibration_2d_to_2d(this, &source_point2d, source_depth, source_camera, target_camera, target_point2d,
                                     &valid) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Calibration contained invalid transformation parameters!");
        }
        return valid != 0;
    }
    bool convert_color_2d_to_depth_2d(const k4a_float2_t &source_point2d, const image &depth_image,
                                      k4a_float2_t *target_point2d) const
    {
        int valid = 0;
        if (k4a_calibration_color_2d_to_depth_2d(this, &source_point2d, depth_image.handle(), target_point2d, &valid) !=
            K4A_RESULT_SUCCEEDED)
        {
            throw error("Calibration contained invalid transformation parameters!");
        }
        return valid != 0;
    }
    static calibration get_from_raw(char *raw_calibration, size_t raw_calibration_size,
                                    k4a_depth_mode_t target_depth_mode, k4a_color_resolution_t target_color_resolution)
    {
        calibration out;
        if (k4a_calibration_get_from_raw(raw_calibration, raw_calibration_size, target_depth_mode,
                                         target_color_resolution, &out) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to load calibration from raw calibration blob!");
        }
        return out;
    }
    static calibration get_from_raw(uint8_t *raw_calibration, size_t raw_calibration_size,
                                    k4a_depth_mode_t target_depth_mode, k4a_color_resolution_t target_color_resolution)
    {
        return get_from_raw(reinterpret_cast<char *>(raw_calibration), raw_calibration_size, target_depth_mode,
                            target_color_resolution);
    }
    static calibration get_from_raw(std::vector<uint8_t> &raw_calibration, k4a_depth_mode_t target_depth_mode,
                                    k4a_color_resolution_t target_color_resolution)
    {
        return get_from_raw(reinterpret_cast<char *>(raw_calibration.data()), raw_calibration.size(), target_depth_mode,
                            target_color_resolution);
    }
};

/* Owns a k4a_transformation_t (move only). */
class transformation
{
public:
    transformation(const k4a_calibration_t &calibration) : m_handle(k4a_transformation_create(&calibration))
    {
        if (m_handle == nullptr)
        {
            throw error("Failed to create transformation from calibration!");
        }
        m_color_resolution = {calibration.color_camera_calibration.resolution_width,
                              calibration.color_camera_calibration.resolution_height};
        m_depth_resolution = {calibration.depth_camera_calibration.resolution_width,
                              calibration.depth_camera_calibration.resolution_height};
    }
    transformation(k4a_transformation_t handle = nullptr) noexcept : m_handle(handle) {}
    transformation(transformation &&other) noexcept :
        m_handle(other.m_handle), m_color_resolution(other.m_color_resolution),
        m_depth_resolution(other.m_depth_resolution)
    {
        other.m_handle = nullptr;
    }
    transformation(const transformation &) = delete;
    transformation &operator=(const transformation &) = delete;
    transformation &operator=(transformation &&other) noexcept
    {
        if (this != &other)
        {
            destroy();
            m_handle = other.m_handle;
            m_color_resolution = other.m_color_resolution;
            m_depth_resolution = other.m_depth_resolution;
            other.m_handle = nullptr;
        }
        return *this;
    }
    transformation &operator=(std::nullptr_t) noexcept
    {
        destroy();
        return *this;
    }
    ~transformation()
    {
        destroy();
    }
    void destroy() noexcept
    {
        if (m_handle != nullptr)
        {
            k4a_transformation_destroy(m_handle);
            m_handle = nullptr;
        }
    }

    void depth_image_to_color_camera(const image &depth_image, image *transformed_depth_image) const
    {
        if (k4a_transformation_depth_image_to_color_camera(m_handle, depth_image.handle(),
                                                           transformed_depth_image->handle()) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to convert depth map to color camera geometry!");
        }
    }
    image depth_image_to_color_camera(const image &depth_image) const
    {
        image out = image::create(K4A_IMAGE_FORMAT_DEPTH16, m_color_resolution.first, m_color_resolution.second,
                                  m_color_resolution.first * static_cast<int>(sizeof(uint16_t)));
        depth_image_to_color_camera(depth_image, &out);
        return out;
    }
    void depth_image_to_color_camera_custom(const image &depth_image, const image &custom_image,
                                            image *transformed_depth_image, image *transformed_custom_image,
                                            k4a_transformation_interpolation_type_t interpolation_type,
                                            uint32_t invalid_custom_value) const
    {
        if (k4a_transformation_depth_image_to_color_camera_custom(
                m_handle, depth_image.handle(), custom_image.handle(), transformed_depth_image->handle(),
                transformed_custom_image->handle(), interpolation_type, invalid_custom_value) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to convert depth map and custom image to color camera geometry!");
        }
    }
    std::pair<image, image>
    depth_image_to_color_camera_custom(const image &depth_image, const image &custom_image,
                                       k4a_transformation_interpolation_type_t interpolation_type,
                                       uint32_t invalid_custom_value) const
    {
        const int bytes = custom_image.get_format() == K4A_IMAGE_FORMAT_CUSTOM16 ? 2 : 1;
        image depth = image::create(K4A_IMAGE_FORMAT_DEPTH16, m_color_resolution.first, m_color_resolution.second,
                                    m_color_resolution.first * 2);
        image custom = image::create(custom_image.get_format(), m_color_resolution.first, m_color_resolution.second,
                                     m_color_resolution.first * bytes);
        depth_image_to_color_camera_custom(depth_image, custom_image, &depth, &custom, interpolation_type,
                                           invalid_custom_value);
        return {std::move(depth), std::move(custom)};
    }
    void color_image_to_depth_camera(const image &depth_image, const image &color_image,
                                     image *transformed_color_image) const
    {
        if (k4a_transformation_color_image_to_depth_camera(m_handle, depth_image.handle(), color_image.handle(),
                                                           transformed_color_image->handle()) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to convert color image to depth camera geometry!");
        }
    }
    image color_image_to_depth_camera(const image &depth_image, const image &color_image) const
    {
        image out = image::create(K4A_IMAGE_FORMAT_COLOR_BGRA32, m_depth_resolution.first, m_depth_resolution.second,
                                  m_depth_resolution.first * 4);
        color_image_to_depth_camera(depth_image, color_image, &out);
        return out;
    }
    void depth_image_to_point_cloud(const image &depth_image, k4a_calibration_type_t camera, image *xyz_image) const
    {
        if (k4a_transformation_depth_image_to_point_cloud(m_handle, depth_image.handle(), camera,
                                                          xyz_image->handle()) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to transform depth image to point cloud!");
        }
    }
    image depth_image_to_point_cloud(const image &depth_image, k4a_calibration_type_t camera) const
    {
        image out =
            image::create(K4A_IMAGE_FORMAT_CUSTOM, depth_image.get_width_pixels(), depth_image.get_height_pixels(),
                          depth_image.get_width_pixels() * 3 * static_cast<int>(sizeof(int16_t)));
        depth_image_to_point_cloud(depth_image, camera, &out);
        return out;
    }

private:
    k4a_transformation_t m_handle;
    std::pair<int, int> m_color_resolution = {0, 0};
    std::pair<int, int> m_depth_resolution = {0, 0};
};

/* Owns an open k4a_device_t (move only). */
class device
{
public:
    device(k4a_device_t handle = nullptr) noexcept : m_handle(handle) {}
    device(device &&other) noexcept : m_handle(other.m_handle)
    {
        other.m_handle = nullptr;
    }
    device(const device &) = delete;
    device &operator=(const device &) = delete;
    device &operator=(device &&other) noexcept
    {
        if (this != &other)
        {
            close();
            m_handle = other.m_handle;
            other.m_handle = nullptr;
        }
        return *this;
    }
    ~device()
    {
        close();
    }
    explicit operator bool() const noexcept
    {
        return is_valid();
    }
    bool is_valid() const noexcept
    {
        return m_handle != nullptr;
    }
    k4a_device_t handle() const noexcept
    {
        return m_handle;
    }
    void close() noexcept
    {
        if (m_handle != nullptr)
        {
            k4a_device_close(m_handle);
            m_handle = nullptr;
        }
    }
    static uint32_t get_installed_count() noexcept
    {
        return k4a_device_get_installed_count();
    }
    static device open(uint32_t index)
    {
        k4a_device_t handle = nullptr;
        if (k4a_device_open(index, &handle) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to open device!");
        }
        return device(handle);
    }
    /* false on timeout. */
    bool get_capture(capture *cap, std::chrono::milliseconds timeout)
    {
        k4a_capture_t handle = nullptr;
        switch (k4a_device_get_capture(m_handle, &handle, internal::clamp_timeout(timeout)))
        {
        case K4A_WAIT_RESULT_SUCCEEDED:
            *cap = capture(handle);
            return true;
        case K4A_WAIT_RESULT_TIMEOUT:
            return false;
        default:
            throw error("Failed to get capture from device!");
        }
    }
    bool get_capture(capture *cap)
    {
        return get_capture(cap, std::chrono::milliseconds(K4A_WAIT_INFINITE));
    }
    bool get_imu_sample(k4a_imu_sample_t *imu_sample, std::chrono::milliseconds timeout)
    {
        switch (k4a_device_get_imu_sample(m_handle, imu_sample, internal::clamp_timeout(timeout)))
        {
        case K4A_WAIT_RESULT_SUCCEEDED:
            return true;
        case K4A_WAIT_RESULT_TIMEOUT:
            return false;
        default:
            throw error("Failed to get IMU sample from device!");
        }
    }
    bool get_imu_sample(k4a_imu_sample_t *imu_sample)
    {
        return get_imu_sample(imu_sample, std::chrono::milliseconds(K4A_WAIT_INFINITE));
    }
    void start_cameras(const k4a_device_configuration_t *configuration)
    {
        if (k4a_device_start_cameras(m_handle, configuration) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to start cameras!");
        }
    }
    void stop_cameras() noexcept
    {
        k4a_device_stop_cameras(m_handle);
    }
    void start_imu()
    {
        if (k4a_device_start_imu(m_handle) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to start IMU!");
        }
    }
    void stop_imu() noexcept
    {
        k4a_device_stop_imu(m_handle);
    }
    std::string get_serialnum() const
    {
        size_t size = 0;
        if (k4a_device_get_serialnum(m_handle, nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL || size == 0)
        {
            throw error("Failed to read device serial number!");
        }
        std::string serial(size, '\0');
        if (k4a_device_get_serialnum(m_handle, &serial[0], &size) != K4A_BUFFER_RESULT_SUCCEEDED)
        {
            throw error("Failed to read device serial number!");
        }
        serial.resize(size > 0 ? size - 1 : 0); /* drop the NUL */
        return serial;
    }
    void get_color_control(k4a_color_control_command_t command, k4a_color_control_mode_t *mode, int32_t *value) const
    {
        if (k4a_device_get_color_control(m_handle, command, mode, value) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to read color control!");
        }
    }
    void set_color_control(k4a_color_control_command_t command, k4a_color_control_mode_t mode, int32_t value)
    {
        if (k4a_device_set_color_control(m_handle, command, mode, value) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to set color control!");
        }
    }
    std::vector<uint8_t> get_raw_calibration() const
    {
        size_t size = 0;
        if (k4a_device_get_raw_calibration(m_handle, nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL)
        {
            throw error("Failed to read raw device calibration!");
        }
        std::vector<uint8_t> raw(size);
        if (k4a_device_get_raw_calibration(m_handle, raw.data(), &size) != K4A_BUFFER_RESULT_SUCCEEDED)
        {
            throw error("Failed to read raw device calibration!");
        }
        raw.resize(size);
        return raw;
    }
    calibration get_calibration(k4a_depth_mode_t depth_mode, k4a_color_resolution_t color_resolution) const
    {
        calibration out;
        if (k4a_device_get_calibration(m_handle, depth_mode, color_resolution, &out) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to read device calibration!");
        }
        return out;
    }
    bool is_sync_in_connected() const
    {
        bool in = false, out = false;
        if (k4a_device_get_sync_jack(m_handle, &in, &out) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to read sync jack status!");
        }
        return in;
    }
    bool is_sync_out_connected() const
    {
        bool in = false, out = false;
        if (k4a_device_get_sync_jack(m_handle, &in, &out) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to read sync jack status!");
        }
        return out;
    }
    k4a_hardware_version_t get_version() const
    {
        k4a_hardware_version_t version;
        if (k4a_device_get_version(m_handle, &version) != K4A_RESULT_SUCCEEDED)
        {
            throw error("Failed to read device firmware information!");
        }
        return version;
    }

private:
    k4a_device_t m_handle;
};

} // namespace k4a

#endif /* K4A_K4A_HPP_ */
