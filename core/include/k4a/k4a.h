/* The k4a C API: logging, devices, captures, images, IMU, calibration, transformation (k4a 1.4 compatible).
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef K4A_K4A_H_
#define K4A_K4A_H_

#include <k4a/k4a_export.h>
#include <k4a/k4aversion.h>
#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---- Logging ---- */

    /**
     * Sets (or clears) the function that receives the library's log messages.
     *
     * \param message_cb Handler, or NULL to remove the current one.
     * \param message_cb_context Passed back to the handler as its first argument.
     * \param min_level Least severe level delivered (CRITICAL..TRACE; OFF delivers nothing).
     *
     * \returns K4A_RESULT_SUCCEEDED; K4A_RESULT_FAILED when min_level is not a k4a_log_level_t value,
     * or when a different handler is already registered (clear it with NULL first).
     *
     * One handler at a time. The handler may be called on any thread, concurrently, and must not call
     * k4a_set_debug_message_handler() itself. Once the call that clears or replaces a handler returns,
     * that handler is no longer running and will not be called again. Independently of the handler,
     * messages go to stderr when the environment variable K4A_LOG_LEVEL selects a level (c, e, w, i, t
     * or the level's name); K4A_ENABLE_LOG_TO_STDOUT=0 turns that output off.
     */
    K4A_EXPORT k4a_result_t k4a_set_debug_message_handler(k4a_logging_message_cb_t *message_cb,
                                                          void *message_cb_context, k4a_log_level_t min_level);

    /* ---- Images ---- */

    /**
     * Creates an image with a buffer allocated (and later freed) by the library.
     *
     * \param format Pixel format; MJPG is rejected (it has no fixed size).
     * \param width_pixels Width, 1..32768; even for NV12 and YUY2.
     * \param height_pixels Height, 1..32768; even for NV12.
     * \param stride_bytes Bytes per row, at least the format's minimum; 0 = the minimum (not allowed
     * for CUSTOM).
     * \param[out] image_handle Receives the new image (reference count 1); set to NULL on failure.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log message naming the rule that was
     * broken.
     *
     * The buffer size is stride * height (stride * height * 3 / 2 for NV12) and at most 1 GiB. The
     * buffer comes from a size-class pool and is not cleared: its contents are unspecified until
     * written. Timestamps, exposure, white balance and ISO speed start at 0. Release the image with
     * k4a_image_release().
     */
    K4A_EXPORT k4a_result_t k4a_image_create(k4a_image_format_t format, int width_pixels, int height_pixels,
                                             int stride_bytes, k4a_image_t *image_handle);

    /**
     * Creates an image over a buffer the caller provides, without copying it.
     *
     * \param format Pixel format.
     * \param width_pixels Width, 1..32768; even for NV12 and YUY2.
     * \param height_pixels Height, 1..32768; even for NV12.
     * \param stride_bytes Bytes per row, at least the format's minimum; 0 = the minimum (MJPG: any
     * value, CUSTOM: 0 = unknown).
     * \param buffer The pixels; must not be NULL.
     * \param buffer_size Bytes in buffer; at least what the geometry needs, and more than 0.
     * \param buffer_release_cb Called once with (buffer, context) when the last reference is released;
     * may be NULL.
     * \param buffer_release_cb_context Passed to buffer_release_cb.
     * \param[out] image_handle Receives the new image (reference count 1); set to NULL on failure.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log message naming the rule that was
     * broken.
     *
     * On success the image owns the buffer: buffer_release_cb runs exactly once, when the last
     * reference is released, on whichever thread releases it. On failure the callback is never called
     * and the caller still owns the buffer. With a NULL callback the caller keeps ownership and must
     * keep the buffer alive until the image is released. Unlike the Microsoft SDK, the geometry is
     * checked: stride against width, even sizes for NV12/YUY2, and buffer_size against stride * height
     * (overflow-safe).
     */
    K4A_EXPORT k4a_result_t k4a_image_create_from_buffer(k4a_image_format_t format, int width_pixels, int height_pixels,
                                                         int stride_bytes, uint8_t *buffer, size_t buffer_size,
                                                         k4a_memory_destroy_cb_t *buffer_release_cb,
                                                         void *buffer_release_cb_context, k4a_image_t *image_handle);

    /**
     * Returns the image's pixel buffer.
     *
     * \param image_handle The image.
     *
     * \returns The buffer, valid while the caller holds a reference; NULL for a NULL or released
     * handle.
     *
     * The library does not synchronise writes to the buffer: callers that share an image between
     * threads coordinate its contents themselves.
     */
    K4A_EXPORT uint8_t *k4a_image_get_buffer(k4a_image_t image_handle);

    /**
     * Returns the size of the image's buffer in bytes.
     *
     * \param image_handle The image.
     *
     * \returns Buffer size in bytes (the buffer_size given at creation, or the computed size); 0 for a
     * NULL or released handle.
     */
    K4A_EXPORT size_t k4a_image_get_size(k4a_image_t image_handle);

    /**
     * Returns the image's pixel format.
     *
     * \param image_handle The image.
     *
     * \returns The format; K4A_IMAGE_FORMAT_CUSTOM for a NULL or released handle.
     */
    K4A_EXPORT k4a_image_format_t k4a_image_get_format(k4a_image_t image_handle);

    /**
     * Returns the image's width in pixels.
     *
     * \param image_handle The image.
     *
     * \returns Width in pixels; 0 for a NULL or released handle.
     */
    K4A_EXPORT int k4a_image_get_width_pixels(k4a_image_t image_handle);

    /**
     * Returns the image's height in pixels.
     *
     * \param image_handle The image.
     *
     * \returns Height in pixels; 0 for a NULL or released handle.
     */
    K4A_EXPORT int k4a_image_get_height_pixels(k4a_image_t image_handle);

    /**
     * Returns the image's stride (bytes from one row to the next).
     *
     * \param image_handle The image.
     *
     * \returns Stride in bytes (0 for MJPG and for CUSTOM without a stride); 0 for a NULL or released
     * handle.
     *
     * For an image created with stride 0 this is the computed minimum stride.
     */
    K4A_EXPORT int k4a_image_get_stride_bytes(k4a_image_t image_handle);

    /**
     * Returns the image's device timestamp in microseconds.
     *
     * \param image_handle The image.
     *
     * \returns The device timestamp in microseconds; 0 when never set, and for a NULL or released
     * handle.
     *
     * Time the frame was captured, by the device clock, in microseconds (the middle of the exposure for
     * color, the start for depth and IR). 0 = unknown.
     */
    K4A_EXPORT uint64_t k4a_image_get_device_timestamp_usec(k4a_image_t image_handle);

    /**
     * Sets the image's device timestamp in microseconds.
     *
     * \param image_handle The image.
     * \param timestamp_usec The new value.
     *
     * Time the frame was captured, by the device clock, in microseconds (the middle of the exposure for
     * color, the start for depth and IR). 0 = unknown. Safe against concurrent getters and setters; a
     * NULL or released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_set_device_timestamp_usec(k4a_image_t image_handle, uint64_t timestamp_usec);

    /**
     * Returns the image's device timestamp in microseconds.
     *
     * \param image_handle The image.
     *
     * \returns The device timestamp in microseconds; 0 when never set, and for a NULL or released
     * handle.
     *
     * \deprecated Use k4a_image_get_device_timestamp_usec().
     */
    K4A_DEPRECATED_EXPORT uint64_t k4a_image_get_timestamp_usec(k4a_image_t image_handle);

    /**
     * Sets the image's device timestamp in microseconds.
     *
     * \param image_handle The image.
     * \param timestamp_usec The new value.
     *
     * \deprecated Use k4a_image_set_device_timestamp_usec().
     */
    K4A_DEPRECATED_EXPORT void k4a_image_set_timestamp_usec(k4a_image_t image_handle, uint64_t timestamp_usec);

    /**
     * Returns the image's system timestamp in nanoseconds.
     *
     * \param image_handle The image.
     *
     * \returns The system timestamp in nanoseconds; 0 when never set, and for a NULL or released
     * handle.
     *
     * Time the host received the frame, by the host's monotonic clock, in nanoseconds. 0 = unknown.
     */
    K4A_EXPORT uint64_t k4a_image_get_system_timestamp_nsec(k4a_image_t image_handle);

    /**
     * Sets the image's system timestamp in nanoseconds.
     *
     * \param image_handle The image.
     * \param timestamp_nsec The new value.
     *
     * Time the host received the frame, by the host's monotonic clock, in nanoseconds. 0 = unknown.
     * Safe against concurrent getters and setters; a NULL or released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_set_system_timestamp_nsec(k4a_image_t image_handle, uint64_t timestamp_nsec);

    /**
     * Returns the image's exposure time in microseconds.
     *
     * \param image_handle The image.
     *
     * \returns The exposure time in microseconds; 0 when never set, and for a NULL or released handle.
     *
     * Exposure time of the frame in microseconds. 0 = unknown.
     */
    K4A_EXPORT uint64_t k4a_image_get_exposure_usec(k4a_image_t image_handle);

    /**
     * Sets the image's exposure time in microseconds.
     *
     * \param image_handle The image.
     * \param exposure_usec The new value.
     *
     * Exposure time of the frame in microseconds. 0 = unknown. Safe against concurrent getters and
     * setters; a NULL or released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_set_exposure_usec(k4a_image_t image_handle, uint64_t exposure_usec);

    /**
     * Sets the image's exposure time in microseconds.
     *
     * \param image_handle The image.
     * \param exposure_usec The new value.
     *
     * \deprecated Use k4a_image_set_exposure_usec().
     */
    K4A_DEPRECATED_EXPORT void k4a_image_set_exposure_time_usec(k4a_image_t image_handle, uint64_t exposure_usec);

    /**
     * Returns the image's white balance in kelvin.
     *
     * \param image_handle The image.
     *
     * \returns The white balance in kelvin; 0 when never set, and for a NULL or released handle.
     *
     * White balance of a color frame in kelvin. 0 = unknown or not a color frame.
     */
    K4A_EXPORT uint32_t k4a_image_get_white_balance(k4a_image_t image_handle);

    /**
     * Sets the image's white balance in kelvin.
     *
     * \param image_handle The image.
     * \param white_balance The new value.
     *
     * White balance of a color frame in kelvin. 0 = unknown or not a color frame. Safe against
     * concurrent getters and setters; a NULL or released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_set_white_balance(k4a_image_t image_handle, uint32_t white_balance);

    /**
     * Returns the image's ISO speed.
     *
     * \param image_handle The image.
     *
     * \returns The ISO speed; 0 when never set, and for a NULL or released handle.
     *
     * ISO speed of a color frame. 0 = unknown or not a color frame.
     */
    K4A_EXPORT uint32_t k4a_image_get_iso_speed(k4a_image_t image_handle);

    /**
     * Sets the image's ISO speed.
     *
     * \param image_handle The image.
     * \param iso_speed The new value.
     *
     * ISO speed of a color frame. 0 = unknown or not a color frame. Safe against concurrent getters and
     * setters; a NULL or released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_set_iso_speed(k4a_image_t image_handle, uint32_t iso_speed);

    /**
     * Adds a reference to an image.
     *
     * \param image_handle The image.
     *
     * Each reference is dropped with one k4a_image_release(). Safe to call from any thread. A NULL or
     * released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_reference(k4a_image_t image_handle);

    /**
     * Drops a reference to an image; the last one frees it.
     *
     * \param image_handle The image.
     *
     * When the last reference goes, the buffer is returned to its pool or handed to the release
     * callback given to k4a_image_create_from_buffer(), on the calling thread. Safe to call from any
     * thread. A NULL handle is ignored; a released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_image_release(k4a_image_t image_handle);

    /**
     * Sets (or resets) the functions that allocate and free the image buffers the library creates.
     *
     * \param allocate Allocates a buffer, or NULL (together with free) for the library's own allocator.
     * \param free Frees a buffer that allocate returned, with the context allocate stored; NULL
     * together with allocate.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED when exactly one of allocate and free is
     * NULL.
     *
     * Both NULL restores the default. As in the Azure Kinect SDK, a buffer is always freed by the free
     * function that was set when it was allocated, so the pair may be changed while images exist. Used
     * for the buffers of k4a_image_create() (also when the library creates an image with it, e.g.
     * openk4a_image_decode_to_bgra32()); while a pair is set those buffers are not pooled, and allocate
     * is asked for 64 bytes more than the image needs (the library keeps the free function and context
     * there). Unlike the SDK, the frames a device delivers keep coming from the device's bounded per-
     * stream pools. Small objects (image and capture headers) never come from it. Both functions may be
     * called on any thread, concurrently.
     */
    K4A_EXPORT k4a_result_t k4a_set_allocator(k4a_memory_allocate_cb_t allocate, k4a_memory_destroy_cb_t free);

    /* ---- Captures ---- */

    /**
     * Creates an empty capture.
     *
     * \param[out] capture_handle Receives the new capture (reference count 1); set to NULL on failure.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED when capture_handle is NULL or memory runs
     * out.
     *
     * The capture holds no images and its temperature is NaN (unknown). Release it with
     * k4a_capture_release().
     */
    K4A_EXPORT k4a_result_t k4a_capture_create(k4a_capture_t *capture_handle);

    /**
     * Adds a reference to a capture.
     *
     * \param capture_handle The capture.
     *
     * Safe to call from any thread. A NULL or released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_capture_reference(k4a_capture_t capture_handle);

    /**
     * Drops a reference to a capture; the last one frees it and releases its images.
     *
     * \param capture_handle The capture.
     *
     * Safe to call from any thread. A NULL handle is ignored; a released handle is logged and ignored.
     */
    K4A_EXPORT void k4a_capture_release(k4a_capture_t capture_handle);

    /**
     * Returns the capture's color image, with a new reference.
     *
     * \param capture_handle The capture.
     *
     * \returns The image (release it with k4a_image_release()), or NULL when there is none or the
     * handle is NULL or released.
     */
    K4A_EXPORT k4a_image_t k4a_capture_get_color_image(k4a_capture_t capture_handle);

    /**
     * Returns the capture's depth image, with a new reference.
     *
     * \param capture_handle The capture.
     *
     * \returns The image (release it with k4a_image_release()), or NULL when there is none or the
     * handle is NULL or released.
     */
    K4A_EXPORT k4a_image_t k4a_capture_get_depth_image(k4a_capture_t capture_handle);

    /**
     * Returns the capture's IR image, with a new reference.
     *
     * \param capture_handle The capture.
     *
     * \returns The image (release it with k4a_image_release()), or NULL when there is none or the
     * handle is NULL or released.
     */
    K4A_EXPORT k4a_image_t k4a_capture_get_ir_image(k4a_capture_t capture_handle);

    /**
     * Sets, replaces or clears the capture's color image.
     *
     * \param capture_handle The capture.
     * \param image_handle The new image (the capture adds its own reference), or NULL to clear.
     *
     * The previous image, if any, loses the capture's reference. The caller keeps its own reference to
     * image_handle. Safe against concurrent getters and setters on the same capture.
     */
    K4A_EXPORT void k4a_capture_set_color_image(k4a_capture_t capture_handle, k4a_image_t image_handle);

    /**
     * Sets, replaces or clears the capture's depth image.
     *
     * \param capture_handle The capture.
     * \param image_handle The new image (the capture adds its own reference), or NULL to clear.
     *
     * The previous image, if any, loses the capture's reference. The caller keeps its own reference to
     * image_handle. Safe against concurrent getters and setters on the same capture.
     */
    K4A_EXPORT void k4a_capture_set_depth_image(k4a_capture_t capture_handle, k4a_image_t image_handle);

    /**
     * Sets, replaces or clears the capture's IR image.
     *
     * \param capture_handle The capture.
     * \param image_handle The new image (the capture adds its own reference), or NULL to clear.
     *
     * The previous image, if any, loses the capture's reference. The caller keeps its own reference to
     * image_handle. Safe against concurrent getters and setters on the same capture.
     */
    K4A_EXPORT void k4a_capture_set_ir_image(k4a_capture_t capture_handle, k4a_image_t image_handle);

    /**
     * Sets the sensor temperature recorded with the capture.
     *
     * \param capture_handle The capture.
     * \param temperature_c Degrees Celsius; NaN = unknown.
     */
    K4A_EXPORT void k4a_capture_set_temperature_c(k4a_capture_t capture_handle, float temperature_c);

    /**
     * Returns the sensor temperature recorded with the capture.
     *
     * \param capture_handle The capture.
     *
     * \returns Degrees Celsius; NaN when unknown or for a NULL or released handle.
     */
    K4A_EXPORT float k4a_capture_get_temperature_c(k4a_capture_t capture_handle);

    /* ---- Devices ---- */

    /**
     * Counts the attached Azure Kinect devices.
     *
     * \returns The number of devices that k4a_device_open() can open.
     */
    K4A_EXPORT uint32_t k4a_device_get_installed_count(void);

    /**
     * Opens a device.
     *
     * \param index 0-based index, below k4a_device_get_installed_count(); K4A_DEVICE_DEFAULT for the
     * first.
     * \param[out] device_handle Receives the device; set to NULL on failure.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (no such device, already open in this
     * process, or an I/O error).
     *
     * Close the device with k4a_device_close(); until then, opening the same device again fails (as in
     * the Azure Kinect SDK).
     */
    K4A_EXPORT k4a_result_t k4a_device_open(uint32_t index, k4a_device_t *device_handle);

    /**
     * Stops any streaming and closes a device.
     *
     * \param device_handle The device; NULL is ignored.
     *
     * Captures and images obtained from the device stay valid until released.
     */
    K4A_EXPORT void k4a_device_close(k4a_device_t device_handle);

    /**
     * Reads the device's serial number as a NUL-terminated string.
     *
     * \param device_handle The device.
     * \param[out] serial_number Receives the string; NULL to query the size.
     * \param[inout] serial_number_size In: bytes available in serial_number. Out: bytes needed,
     * including the NUL.
     *
     * \returns K4A_BUFFER_RESULT_SUCCEEDED, K4A_BUFFER_RESULT_TOO_SMALL (the size needed was written to
     * serial_number_size), or K4A_BUFFER_RESULT_FAILED.
     */
    K4A_EXPORT k4a_buffer_result_t k4a_device_get_serialnum(k4a_device_t device_handle, char *serial_number,
                                                            size_t *serial_number_size);

    /**
     * Starts the color and/or depth cameras.
     *
     * \param device_handle The device.
     * \param config What to stream.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (invalid or unsupported configuration,
     * already streaming, or an I/O error).
     *
     * synchronized_images_only needs both color and depth enabled. Captures are read with
     * k4a_device_get_capture(). K4A_IMAGE_FORMAT_COLOR_BGRA32 is decoded from MJPG on worker threads
     * (fast mode by default; see openk4a_device_set_color_decode_mode() in <openk4a/device.h>).
     */
    K4A_EXPORT k4a_result_t k4a_device_start_cameras(k4a_device_t device_handle,
                                                     const k4a_device_configuration_t *config);

    /**
     * Stops the cameras; a blocked k4a_device_get_capture() returns.
     *
     * \param device_handle The device; NULL is ignored.
     *
     * A running IMU keeps running (as in the Azure Kinect SDK); stop it with k4a_device_stop_imu().
     */
    K4A_EXPORT void k4a_device_stop_cameras(k4a_device_t device_handle);

    /**
     * Takes the next capture from the device's queue, waiting up to a timeout.
     *
     * \param device_handle The device.
     * \param[out] capture_handle Receives the capture (release it with k4a_capture_release()).
     * \param timeout_in_ms 0 = do not wait; K4A_WAIT_INFINITE = wait for ever.
     *
     * \returns K4A_WAIT_RESULT_SUCCEEDED, K4A_WAIT_RESULT_TIMEOUT, or K4A_WAIT_RESULT_FAILED (not
     * streaming, or the device was disconnected).
     *
     * When the application reads too slowly the queue drops its oldest captures; drops are counted.
     */
    K4A_EXPORT k4a_wait_result_t k4a_device_get_capture(k4a_device_t device_handle, k4a_capture_t *capture_handle,
                                                        int32_t timeout_in_ms);

    /**
     * Reads the firmware versions of the device.
     *
     * \param device_handle The device.
     * \param[out] version Receives the versions.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (invalid handle, NULL version, or the device
     * did not answer).
     *
     * A generic UVC camera (openk4a_device_set_generic_uvc()) has no such versions: the call fails. An
     * unknown build or signature type is reported as K4A_FIRMWARE_BUILD_DEBUG /
     * K4A_FIRMWARE_SIGNATURE_UNSIGNED, with a warning (as in the Azure Kinect SDK).
     */
    K4A_EXPORT k4a_result_t k4a_device_get_version(k4a_device_t device_handle, k4a_hardware_version_t *version);

    /**
     * Reads the range, step and default of a color camera control, and whether it has an automatic
     * mode.
     *
     * \param device_handle The device.
     * \param command The control.
     * \param[out] supports_auto Receives whether K4A_COLOR_CONTROL_MODE_AUTO is possible.
     * \param[out] min_value Receives the smallest value.
     * \param[out] max_value Receives the largest value.
     * \param[out] step_value Receives the step between values.
     * \param[out] default_value Receives the default value.
     * \param[out] default_mode Receives the default mode.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (invalid handle, a NULL output, a command the
     * device does not declare in its descriptors, or a request the device refused).
     *
     * Read from the UVC Camera Terminal and Processing Unit controls (GET_MIN, GET_MAX, GET_RES,
     * GET_DEF) with the Azure Kinect SDK's mapping: exposure is in microseconds (UVC counts 100 us),
     * rounded up to the exposures the sensor offers at the power line frequency in use; white balance
     * in kelvin. K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY is deprecated: all zero, manual.
     */
    K4A_EXPORT k4a_result_t k4a_device_get_color_control_capabilities(
        k4a_device_t device_handle, k4a_color_control_command_t command, bool *supports_auto, int32_t *min_value,
        int32_t *max_value, int32_t *step_value, int32_t *default_value, k4a_color_control_mode_t *default_mode);

    /**
     * Reads the current mode and value of a color camera control.
     *
     * \param device_handle The device.
     * \param command The control.
     * \param[out] mode Receives the mode (MANUAL for controls without an automatic mode).
     * \param[out] value Receives the value, in the units of
     * k4a_device_get_color_control_capabilities().
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (invalid handle, a NULL output, an
     * unsupported command, or the device refused).
     */
    K4A_EXPORT k4a_result_t k4a_device_get_color_control(k4a_device_t device_handle,
                                                         k4a_color_control_command_t command,
                                                         k4a_color_control_mode_t *mode, int32_t *value);

    /**
     * Sets the mode and value of a color camera control.
     *
     * \param device_handle The device.
     * \param command The control.
     * \param mode K4A_COLOR_CONTROL_MODE_AUTO (exposure and white balance only) or
     * K4A_COLOR_CONTROL_MODE_MANUAL.
     * \param value The value in manual mode; ignored in automatic mode.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (invalid handle, an unsupported command or
     * mode, power line frequency 0, or the device refused the value, e.g. out of range).
     *
     * As the Azure Kinect SDK: manual exposure switches the camera to manual exposure first and is
     * rounded up to the next exposure the sensor offers; automatic exposure selects aperture priority;
     * a manual white balance switches automatic white balance off first; power line frequency 1 (50 Hz)
     * or 2 (60 Hz) also chooses the exposure table; K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY is
     * accepted and ignored.
     */
    K4A_EXPORT k4a_result_t k4a_device_set_color_control(k4a_device_t device_handle,
                                                         k4a_color_control_command_t command,
                                                         k4a_color_control_mode_t mode, int32_t value);

    /**
     * Reads the device's factory calibration: the JSON document the device stores, NUL-terminated.
     *
     * \param device_handle The device.
     * \param[out] data Receives the document; NULL to query the size.
     * \param[inout] data_size In: bytes available in data. Out: bytes needed, including the NUL.
     *
     * \returns K4A_BUFFER_RESULT_SUCCEEDED, K4A_BUFFER_RESULT_TOO_SMALL (data is NULL or too small: the
     * size needed was written to data_size), or K4A_BUFFER_RESULT_FAILED (invalid handle, NULL
     * data_size, or the device has no calibration or could not be read).
     *
     * The document is read from the device once, at the first call that needs it, and kept.
     * k4a_calibration_get_from_raw() turns it into a k4a_calibration_t.
     */
    K4A_EXPORT k4a_buffer_result_t k4a_device_get_raw_calibration(k4a_device_t device_handle, uint8_t *data,
                                                                  size_t *data_size);

    /**
     * Reads the device's calibration for a depth mode and colour resolution.
     *
     * \param device_handle The device.
     * \param depth_mode Depth mode (OFF: no depth camera calibration).
     * \param color_resolution Colour resolution (OFF: no colour camera calibration).
     * \param[out] calibration Receives the calibration.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED.
     *
     * The same as k4a_calibration_get_from_raw() on the device's k4a_device_get_raw_calibration() blob.
     */
    K4A_EXPORT k4a_result_t k4a_device_get_calibration(k4a_device_t device_handle, const k4a_depth_mode_t depth_mode,
                                                       const k4a_color_resolution_t color_resolution,
                                                       k4a_calibration_t *calibration);

    /**
     * Tells whether cables are plugged into the sync in and sync out jacks.
     *
     * \param device_handle The device.
     * \param[out] sync_in_jack_connected Receives whether the sync in jack is connected.
     * \param[out] sync_out_jack_connected Receives whether the sync out jack is connected.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (invalid handle, a NULL output, or the device
     * did not answer).
     *
     * A generic UVC camera has no sync jacks: both are false. The emulated device has no cable: both
     * false.
     */
    K4A_EXPORT k4a_result_t k4a_device_get_sync_jack(k4a_device_t device_handle, bool *sync_in_jack_connected,
                                                     bool *sync_out_jack_connected);

    /* ---- IMU ---- */

    /**
     * Starts the IMU (accelerometer and gyroscope).
     *
     * \param device_handle The device.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (cameras not started, already running, no
     * IMU, or an I/O error).
     *
     * The cameras must be running first (k4a_device_start_cameras()), as in the Azure Kinect SDK;
     * stopping them later leaves the IMU running.
     */
    K4A_EXPORT k4a_result_t k4a_device_start_imu(k4a_device_t device_handle);

    /**
     * Takes the next IMU sample from the device's queue, waiting up to a timeout.
     *
     * \param device_handle The device.
     * \param[out] imu_sample Receives the sample.
     * \param timeout_in_ms 0 = do not wait; K4A_WAIT_INFINITE = wait for ever.
     *
     * \returns K4A_WAIT_RESULT_SUCCEEDED, K4A_WAIT_RESULT_TIMEOUT, or K4A_WAIT_RESULT_FAILED.
     */
    K4A_EXPORT k4a_wait_result_t k4a_device_get_imu_sample(k4a_device_t device_handle, k4a_imu_sample_t *imu_sample,
                                                           int32_t timeout_in_ms);

    /**
     * Stops the IMU.
     *
     * \param device_handle The device; NULL is ignored.
     */
    K4A_EXPORT void k4a_device_stop_imu(k4a_device_t device_handle);

    /* ---- Calibration ---- */

    /**
     * Reads a calibration blob (the device's JSON) and derives the calibration for a depth mode and
     * colour resolution.
     *
     * \param raw_calibration The JSON text; it need not be NUL-terminated within raw_calibration_size.
     * Not modified.
     * \param raw_calibration_size Bytes in raw_calibration (a terminating NUL may be counted or not).
     * \param depth_mode Depth mode (OFF: the depth camera part is zero).
     * \param color_resolution Colour resolution (OFF: the colour camera part is zero).
     * \param[out] calibration Receives the calibration.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log line naming what is missing or out
     * of range.
     *
     * The blob gives each camera's intrinsics for its full sensor, normalised by its size; the mode's
     * intrinsics are scaled and cropped from them as the Azure Kinect SDK does (for example NFOV
     * unbinned is the 640x576 window at (192, 180) of the 1024x1024 depth sensor, 720p the 1280x720
     * window at (0, 120) of the colour sensor scaled to 1280x960), in pixels with (0, 0) at the centre
     * of the top-left pixel. Both cameras OFF is refused. Unlike the SDK, parameters that are not
     * finite, a focal length that is not positive and sensor sizes the modes cannot be cut from are
     * refused here rather than producing NaN later. Locale independent.
     */
    K4A_EXPORT k4a_result_t k4a_calibration_get_from_raw(char *raw_calibration, size_t raw_calibration_size,
                                                         const k4a_depth_mode_t depth_mode,
                                                         const k4a_color_resolution_t color_resolution,
                                                         k4a_calibration_t *calibration);

    /**
     * Maps a 3D point from one sensor's coordinate system to another's.
     *
     * \param calibration From k4a_device_get_calibration() or k4a_calibration_get_from_raw().
     * \param source_point3d_mm The point, in millimetres.
     * \param source_camera Its sensor.
     * \param target_camera The sensor to map to.
     * \param[out] target_point3d_mm The point in target coordinates, in millimetres.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (NULL pointer, a sensor that is not DEPTH,
     * COLOR, GYRO or ACCEL, or a camera whose mode is OFF).
     */
    K4A_EXPORT k4a_result_t k4a_calibration_3d_to_3d(const k4a_calibration_t *calibration,
                                                     const k4a_float3_t *source_point3d_mm,
                                                     const k4a_calibration_type_t source_camera,
                                                     const k4a_calibration_type_t target_camera,
                                                     k4a_float3_t *target_point3d_mm);

    /**
     * Unprojects a pixel with a known depth into a 3D point in a sensor's coordinates.
     *
     * \param calibration From k4a_device_get_calibration() or k4a_calibration_get_from_raw().
     * \param source_point2d The pixel, (0, 0) = centre of the top-left pixel.
     * \param source_depth_mm Its depth (z) in millimetres; 0 gives valid = 0.
     * \param source_camera DEPTH or COLOR.
     * \param target_camera The sensor whose coordinates are wanted.
     * \param[out] target_point3d_mm The point, in millimetres.
     * \param[out] valid 1 when the result is meaningful; 0 when the point is outside the valid radius
     * of the lens model, at or behind the camera, has no depth, or (unprojection) the iteration did not
     * converge.
     *
     * \returns K4A_RESULT_SUCCEEDED (check valid), or K4A_RESULT_FAILED for bad arguments.
     *
     * The lens distortion is inverted by Gauss-Newton iteration from a closed-form first guess, as in
     * the Azure Kinect SDK.
     */
    K4A_EXPORT k4a_result_t k4a_calibration_2d_to_3d(const k4a_calibration_t *calibration,
                                                     const k4a_float2_t *source_point2d, const float source_depth_mm,
                                                     const k4a_calibration_type_t source_camera,
                                                     const k4a_calibration_type_t target_camera,
                                                     k4a_float3_t *target_point3d_mm, int *valid);

    /**
     * Projects a 3D point into a camera's image.
     *
     * \param calibration From k4a_device_get_calibration() or k4a_calibration_get_from_raw().
     * \param source_point3d_mm The point, in millimetres.
     * \param source_camera Its sensor.
     * \param target_camera DEPTH or COLOR.
     * \param[out] target_point2d The pixel, (0, 0) = centre of the top-left pixel.
     * \param[out] valid 1 when the result is meaningful; 0 when the point is outside the valid radius
     * of the lens model, at or behind the camera, has no depth, or (unprojection) the iteration did not
     * converge.
     *
     * \returns K4A_RESULT_SUCCEEDED (check valid), or K4A_RESULT_FAILED for bad arguments.
     *
     * valid is 0 for a point at or behind the camera (z <= 0) or outside the lens model's metric
     * radius. A valid pixel may still lie outside the image.
     */
    K4A_EXPORT k4a_result_t k4a_calibration_3d_to_2d(const k4a_calibration_t *calibration,
                                                     const k4a_float3_t *source_point3d_mm,
                                                     const k4a_calibration_type_t source_camera,
                                                     const k4a_calibration_type_t target_camera,
                                                     k4a_float2_t *target_point2d, int *valid);

    /**
     * Maps a pixel with a known depth from one camera's image to another's.
     *
     * \param calibration From k4a_device_get_calibration() or k4a_calibration_get_from_raw().
     * \param source_point2d The pixel.
     * \param source_depth_mm Its depth in millimetres.
     * \param source_camera DEPTH or COLOR.
     * \param target_camera DEPTH or COLOR.
     * \param[out] target_point2d The pixel in the target image.
     * \param[out] valid 1 when the result is meaningful; 0 when the point is outside the valid radius
     * of the lens model, at or behind the camera, has no depth, or (unprojection) the iteration did not
     * converge.
     *
     * \returns K4A_RESULT_SUCCEEDED (check valid), or K4A_RESULT_FAILED for bad arguments.
     *
     * k4a_calibration_2d_to_3d() then k4a_calibration_3d_to_2d(); the same camera twice returns the
     * pixel unchanged, valid.
     */
    K4A_EXPORT k4a_result_t k4a_calibration_2d_to_2d(const k4a_calibration_t *calibration,
                                                     const k4a_float2_t *source_point2d, const float source_depth_mm,
                                                     const k4a_calibration_type_t source_camera,
                                                     const k4a_calibration_type_t target_camera,
                                                     k4a_float2_t *target_point2d, int *valid);

    /**
     * Finds the depth pixel that a colour pixel sees, by searching the epipolar line in a depth image.
     *
     * \param calibration From k4a_device_get_calibration() or k4a_calibration_get_from_raw().
     * \param source_point2d The colour pixel.
     * \param depth_image A DEPTH16 image of the calibration's depth mode size.
     * \param[out] target_point2d The depth pixel.
     * \param[out] valid 1 when the result is meaningful; 0 when the point is outside the valid radius
     * of the lens model, at or behind the camera, has no depth, or (unprojection) the iteration did not
     * converge.
     *
     * \returns K4A_RESULT_SUCCEEDED (check valid), or K4A_RESULT_FAILED for bad arguments or a depth
     * image of the wrong format or size.
     *
     * Walks the depth pixels the colour pixel's ray crosses between 50 mm and 14 m (as the Azure Kinect
     * SDK does) and keeps the one whose measured depth reprojects closest to the colour pixel; valid =
     * 0 when none comes within 10 pixels.
     */
    K4A_EXPORT k4a_result_t k4a_calibration_color_2d_to_depth_2d(const k4a_calibration_t *calibration,
                                                                 const k4a_float2_t *source_point2d,
                                                                 const k4a_image_t depth_image,
                                                                 k4a_float2_t *target_point2d, int *valid);

    /* ---- Transformation ---- */

    /**
     * Precomputes what the transformation functions need for one calibration.
     *
     * \param calibration From k4a_device_get_calibration() or k4a_calibration_get_from_raw().
     *
     * \returns The handle (destroy it with k4a_transformation_destroy()), or NULL with a log line (NULL
     * calibration, one that cannot be used, or no memory).
     *
     * Unprojection tables (one ray per pixel) for the depth and colour images are computed here; each
     * function allocates its scratch memory on its first call and reuses it afterwards. Work is spread
     * over the machine's cores. A handle may be used by one thread at a time.
     */
    K4A_EXPORT k4a_transformation_t k4a_transformation_create(const k4a_calibration_t *calibration);

    /**
     * Frees a transformation handle.
     *
     * \param transformation_handle The handle; NULL is ignored.
     */
    K4A_EXPORT void k4a_transformation_destroy(k4a_transformation_t transformation_handle);

    /**
     * Renders a depth image as the colour camera would see it.
     *
     * \param transformation_handle The transformation.
     * \param depth_image DEPTH16, the depth mode's size.
     * \param transformed_depth_image DEPTH16, the colour resolution's size, stride = width * 2;
     * overwritten.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log line naming the rule an image
     * breaks.
     *
     * Each 2x2 block of depth pixels becomes two triangles in the colour image; colour pixels inside
     * get the depth (z in the colour camera, millimetres) interpolated across the triangle, the nearest
     * surface winning where several land. Pixels nothing lands on are 0.
     */
    K4A_EXPORT k4a_result_t k4a_transformation_depth_image_to_color_camera(k4a_transformation_t transformation_handle,
                                                                           const k4a_image_t depth_image,
                                                                           k4a_image_t transformed_depth_image);

    /**
     * Renders a depth image and a custom image aligned with it as the colour camera would see them.
     *
     * \param transformation_handle The transformation.
     * \param depth_image DEPTH16, the depth mode's size.
     * \param custom_image CUSTOM8 or CUSTOM16, the depth mode's size.
     * \param transformed_depth_image DEPTH16, the colour resolution's size; overwritten.
     * \param transformed_custom_image Same format as custom_image, the colour resolution's size;
     * overwritten.
     * \param interpolation_type NEAREST or LINEAR.
     * \param invalid_custom_value Written where no depth lands; must fit the custom format.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log line naming the rule an image
     * breaks.
     *
     * Linear interpolation mixes the custom values of the triangle's vertices; nearest takes the vertex
     * closest to the colour pixel.
     */
    K4A_EXPORT k4a_result_t k4a_transformation_depth_image_to_color_camera_custom(
        k4a_transformation_t transformation_handle, const k4a_image_t depth_image, const k4a_image_t custom_image,
        k4a_image_t transformed_depth_image, k4a_image_t transformed_custom_image,
        k4a_transformation_interpolation_type_t interpolation_type, uint32_t invalid_custom_value);

    /**
     * Samples the colour image at the point each depth pixel sees.
     *
     * \param transformation_handle The transformation.
     * \param depth_image DEPTH16, the depth mode's size.
     * \param color_image BGRA32, the colour resolution's size.
     * \param transformed_color_image BGRA32, the depth mode's size, stride = width * 4; overwritten.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log line naming the rule an image
     * breaks.
     *
     * Each channel is interpolated bilinearly at the point the depth pixel sees, as in the Azure Kinect
     * SDK (no occlusion test). Depth pixels with no depth, or whose point falls outside the colour
     * image, become (0, 0, 0, 0); a sampled (0, 0, 0, 0) is written as (1, 0, 0, 0) so that it stays
     * distinguishable.
     */
    K4A_EXPORT k4a_result_t k4a_transformation_color_image_to_depth_camera(k4a_transformation_t transformation_handle,
                                                                           const k4a_image_t depth_image,
                                                                           const k4a_image_t color_image,
                                                                           k4a_image_t transformed_color_image);

    /**
     * Turns a depth image into a 3D point per pixel.
     *
     * \param transformation_handle The transformation.
     * \param depth_image DEPTH16 with camera's geometry (the depth mode's size for DEPTH, the colour
     * resolution's for COLOR).
     * \param camera DEPTH or COLOR: whose geometry depth_image has.
     * \param xyz_image CUSTOM, same width and height, stride = width * 6; receives int16 x, y, z in
     * millimetres per pixel.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED with a log line naming the rule an image
     * breaks.
     *
     * Pixels with no depth, or outside the lens model's valid area, become (0, 0, 0). Coordinates
     * beyond the int16 range are clamped.
     */
    K4A_EXPORT k4a_result_t k4a_transformation_depth_image_to_point_cloud(k4a_transformation_t transformation_handle,
                                                                          const k4a_image_t depth_image,
                                                                          const k4a_calibration_type_t camera,
                                                                          k4a_image_t xyz_image);

#ifdef __cplusplus
}
#endif

#endif /* K4A_K4A_H_ */
