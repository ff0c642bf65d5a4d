/* k4a types: handles, enumerations, callbacks and structures (k4a 1.4 layout).
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef K4A_K4ATYPES_H_
#define K4A_K4ATYPES_H_

#ifdef __cplusplus
#include <cinttypes>
#include <cstddef>
#include <cstring>
#else
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#endif
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

/** Declares an opaque handle type the way the k4a headers do. */
#define K4A_DECLARE_HANDLE(_handle_name_)                                                                              \
    typedef struct _##_handle_name_                                                                                    \
    {                                                                                                                  \
        size_t _rsvd;                                                                                                  \
    } * _handle_name_;

    /* ---- Handles ---- */

    /** An open Azure Kinect device. NULL is the invalid handle. */
    typedef struct _k4a_device_t *k4a_device_t;

    /**
     * A set of images captured together (color, depth, IR) plus the sensor temperature. Reference
     * counted.
     */
    typedef struct _k4a_capture_t *k4a_capture_t;

    /** An image: a buffer, its geometry and format, and per-frame metadata. Reference counted. */
    typedef struct _k4a_image_t *k4a_image_t;

    /**
     * Precomputed tables for mapping images between the depth and colour cameras; see
     * k4a_transformation_create(). NULL is the invalid handle.
     */
    typedef struct _k4a_transformation_t *k4a_transformation_t;

    /* ---- Enumerations ---- */

    /** Result of a function that either succeeds or fails. */
    typedef enum
    {
        /** The call succeeded. */
        K4A_RESULT_SUCCEEDED = 0,
        /** The call failed; a log message says why. */
        K4A_RESULT_FAILED = 1,
    } k4a_result_t;

    /** Result of a function that fills a caller-provided buffer. */
    typedef enum
    {
        /** The buffer was filled. */
        K4A_BUFFER_RESULT_SUCCEEDED = 0,
        /** The call failed. */
        K4A_BUFFER_RESULT_FAILED = 1,
        /** The buffer is too small (or NULL); the required size was written back. */
        K4A_BUFFER_RESULT_TOO_SMALL = 2,
    } k4a_buffer_result_t;

    /** Result of a function that may wait with a timeout. */
    typedef enum
    {
        /** The result is ready. */
        K4A_WAIT_RESULT_SUCCEEDED = 0,
        /** The call failed. */
        K4A_WAIT_RESULT_FAILED = 1,
        /** Nothing arrived before the timeout. */
        K4A_WAIT_RESULT_TIMEOUT = 2,
    } k4a_wait_result_t;

    /**
     * Severity of a log message; a handler gets messages at or above (numerically at or below) its
     * level.
     */
    typedef enum
    {
        /** The library cannot continue. */
        K4A_LOG_LEVEL_CRITICAL = 0,
        /** A call failed or an API was misused. */
        K4A_LOG_LEVEL_ERROR = 1,
        /** Something unexpected that the library handled. */
        K4A_LOG_LEVEL_WARNING = 2,
        /** Normal operation worth knowing about. */
        K4A_LOG_LEVEL_INFO = 3,
        /** Detailed tracing. */
        K4A_LOG_LEVEL_TRACE = 4,
        /** No messages. */
        K4A_LOG_LEVEL_OFF = 5,
    } k4a_log_level_t;

    /** Depth sensor capture mode. */
    typedef enum
    {
        /** Depth sensor off. */
        K4A_DEPTH_MODE_OFF = 0,
        /** Narrow field of view, 2x2 binned: 320x288. */
        K4A_DEPTH_MODE_NFOV_2X2BINNED = 1,
        /** Narrow field of view, unbinned: 640x576. */
        K4A_DEPTH_MODE_NFOV_UNBINNED = 2,
        /** Wide field of view, 2x2 binned: 512x512. */
        K4A_DEPTH_MODE_WFOV_2X2BINNED = 3,
        /** Wide field of view, unbinned: 1024x1024 (at most 15 fps). */
        K4A_DEPTH_MODE_WFOV_UNBINNED = 4,
        /** Passive IR only: 1024x1024. */
        K4A_DEPTH_MODE_PASSIVE_IR = 5,
    } k4a_depth_mode_t;

    /** Color sensor resolution. */
    typedef enum
    {
        /** Color camera off. */
        K4A_COLOR_RESOLUTION_OFF = 0,
        /** 1280x720, 16:9. */
        K4A_COLOR_RESOLUTION_720P = 1,
        /** 1920x1080, 16:9. */
        K4A_COLOR_RESOLUTION_1080P = 2,
        /** 2560x1440, 16:9. */
        K4A_COLOR_RESOLUTION_1440P = 3,
        /** 2048x1536, 4:3. */
        K4A_COLOR_RESOLUTION_1536P = 4,
        /** 3840x2160, 16:9. */
        K4A_COLOR_RESOLUTION_2160P = 5,
        /** 4096x3072, 4:3 (at most 15 fps). */
        K4A_COLOR_RESOLUTION_3072P = 6,
    } k4a_color_resolution_t;

    /** Pixel format of an image. */
    typedef enum
    {
        /** Motion JPEG: each image is one compressed JPEG frame; stride is not meaningful. */
        K4A_IMAGE_FORMAT_COLOR_MJPG = 0,
        /**
         * NV12: a full-resolution Y plane followed by an interleaved half-resolution UV plane, both
         * with the same stride.
         */
        K4A_IMAGE_FORMAT_COLOR_NV12 = 1,
        /** YUY2: packed 4:2:2, two bytes per pixel (Y0 U Y1 V for each pixel pair). */
        K4A_IMAGE_FORMAT_COLOR_YUY2 = 2,
        /** BGRA32: four bytes per pixel in the order blue, green, red, alpha. */
        K4A_IMAGE_FORMAT_COLOR_BGRA32 = 3,
        /** DEPTH16: one little-endian uint16 per pixel, distance in millimetres (0 = invalid). */
        K4A_IMAGE_FORMAT_DEPTH16 = 4,
        /** IR16: one little-endian uint16 per pixel, infrared brightness. */
        K4A_IMAGE_FORMAT_IR16 = 5,
        /** CUSTOM8: one byte per pixel, meaning defined by the application. */
        K4A_IMAGE_FORMAT_CUSTOM8 = 6,
        /** CUSTOM16: one uint16 per pixel, meaning defined by the application. */
        K4A_IMAGE_FORMAT_CUSTOM16 = 7,
        /**
         * CUSTOM: any layout. There is no default stride; k4a_image_create needs an explicit stride.
         */
        K4A_IMAGE_FORMAT_CUSTOM = 8,
    } k4a_image_format_t;

    /** Camera frame rate. */
    typedef enum
    {
        /** 5 frames per second. */
        K4A_FRAMES_PER_SECOND_5 = 0,
        /** 15 frames per second. */
        K4A_FRAMES_PER_SECOND_15 = 1,
        /** 30 frames per second. */
        K4A_FRAMES_PER_SECOND_30 = 2,
    } k4a_fps_t;

    /** Color sensor control (exposure, white balance, ...). */
    typedef enum
    {
        /** Exposure time in microseconds. */
        K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE = 0,
        /** Deprecated: ignored by the device. */
        K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY = 1,
        /** Brightness. */
        K4A_COLOR_CONTROL_BRIGHTNESS = 2,
        /** Contrast. */
        K4A_COLOR_CONTROL_CONTRAST = 3,
        /** Saturation. */
        K4A_COLOR_CONTROL_SATURATION = 4,
        /** Sharpness. */
        K4A_COLOR_CONTROL_SHARPNESS = 5,
        /** White balance in kelvin. */
        K4A_COLOR_CONTROL_WHITEBALANCE = 6,
        /** Backlight compensation on or off. */
        K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION = 7,
        /** Gain. */
        K4A_COLOR_CONTROL_GAIN = 8,
        /** Power line frequency: 1 = 50 Hz, 2 = 60 Hz. */
        K4A_COLOR_CONTROL_POWERLINE_FREQUENCY = 9,
    } k4a_color_control_command_t;

    /** Whether a color control is set automatically or by hand. */
    typedef enum
    {
        /** The device chooses the value. */
        K4A_COLOR_CONTROL_MODE_AUTO = 0,
        /** The value is set by the application. */
        K4A_COLOR_CONTROL_MODE_MANUAL = 1,
    } k4a_color_control_mode_t;

    /** Role of the device on the wired synchronisation cable. */
    typedef enum
    {
        /** Not synchronised to other devices. */
        K4A_WIRED_SYNC_MODE_STANDALONE = 0,
        /** Drives the sync-out signal. */
        K4A_WIRED_SYNC_MODE_MASTER = 1,
        /** Follows the sync-in signal. */
        K4A_WIRED_SYNC_MODE_SUBORDINATE = 2,
    } k4a_wired_sync_mode_t;

    /** How k4a_transformation_depth_image_to_color_camera_custom() resamples the custom image. */
    typedef enum
    {
        /** Nearest neighbour. */
        K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST = 0,
        /** Linear, over the triangle the colour pixel falls in. */
        K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR = 1,
    } k4a_transformation_interpolation_type_t;

    /** A sensor whose coordinate system a calibration function maps from or to. */
    typedef enum
    {
        /** Unknown sensor. */
        K4A_CALIBRATION_TYPE_UNKNOWN = -1,
        /** Depth camera. */
        K4A_CALIBRATION_TYPE_DEPTH = 0,
        /** Colour camera. */
        K4A_CALIBRATION_TYPE_COLOR = 1,
        /** Gyroscope. */
        K4A_CALIBRATION_TYPE_GYRO = 2,
        /** Accelerometer. */
        K4A_CALIBRATION_TYPE_ACCEL = 3,
        /** Number of sensor types (not a sensor). */
        K4A_CALIBRATION_TYPE_NUM = 4,
    } k4a_calibration_type_t;

    /** Lens distortion model of a camera's intrinsics. */
    typedef enum
    {
        /** Unknown model. */
        K4A_CALIBRATION_LENS_DISTORTION_MODEL_UNKNOWN = 0,
        /** Theta (arctan); deprecated, not supported. */
        K4A_CALIBRATION_LENS_DISTORTION_MODEL_THETA = 1,
        /** Polynomial 3K; deprecated, not supported. */
        K4A_CALIBRATION_LENS_DISTORTION_MODEL_POLYNOMIAL_3K = 2,
        /** Rational 6KT; deprecated (early internal devices only), still supported. */
        K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT = 3,
        /** Brown-Conrady with six radial and two tangential coefficients (OpenCV's rational model). */
        K4A_CALIBRATION_LENS_DISTORTION_MODEL_BROWN_CONRADY = 4,
    } k4a_calibration_model_type_t;

    /** Firmware build type. */
    typedef enum
    {
        /** Production firmware. */
        K4A_FIRMWARE_BUILD_RELEASE = 0,
        /** Pre-production firmware. */
        K4A_FIRMWARE_BUILD_DEBUG = 1,
    } k4a_firmware_build_t;

    /** Firmware signature type. */
    typedef enum
    {
        /** Microsoft signed. */
        K4A_FIRMWARE_SIGNATURE_MSFT = 0,
        /** Test signed. */
        K4A_FIRMWARE_SIGNATURE_TEST = 1,
        /** Unsigned. */
        K4A_FIRMWARE_SIGNATURE_UNSIGNED = 2,
    } k4a_firmware_signature_t;

/* ---- Constants ---- */

/** Index of the first attached device, for k4a_device_open(). */
#define K4A_DEVICE_DEFAULT 0

/** Timeout value that waits until the operation completes. */
#define K4A_WAIT_INFINITE (-1)

/** True when a k4a_result_t (or k4a_wait_result_t) value means success. */
#define K4A_SUCCEEDED(_result_) (_result_ == K4A_RESULT_SUCCEEDED)

/** True when a k4a_result_t value means failure. */
#define K4A_FAILED(_result_) (!K4A_SUCCEEDED(_result_))

    /* ---- Callbacks ---- */

    /**
     * Called once when an image created by k4a_image_create_from_buffer() drops its last reference,
     * with the buffer and context given at creation. It may run on any thread that releases the image.
     */
    typedef void(k4a_memory_destroy_cb_t)(void *buffer, void *context);

    /**
     * Allocates at least size bytes for an image buffer and may store a context that is passed back to
     * the matching k4a_memory_destroy_cb_t; see k4a_set_allocator().
     */
    typedef uint8_t *(k4a_memory_allocate_cb_t)(int size, void **context);

    /**
     * Receives library log messages; see k4a_set_debug_message_handler(). May be called on any thread,
     * concurrently.
     */
    typedef void(k4a_logging_message_cb_t)(void *context, k4a_log_level_t level, const char *file, const int line,
                                           const char *message);

    /* ---- Structures ---- */

    /** Two floats, by name or as an array. */
    typedef union
    {
        /** Named components. */
        struct _xy
        {
            float x;
            float y;
        } xy;
        /** Array view. */
        float v[2];
    } k4a_float2_t;

    /** Three floats, by name or as an array. */
    typedef union
    {
        /** Named components. */
        struct _xyz
        {
            float x;
            float y;
            float z;
        } xyz;
        /** Array view. */
        float v[3];
    } k4a_float3_t;

    /** One IMU reading: accelerometer and gyroscope samples with their device timestamps. */
    typedef struct _k4a_imu_sample_t
    {
        /** Sensor temperature in degrees Celsius. */
        float temperature;
        /** Acceleration in metres per second squared. */
        k4a_float3_t acc_sample;
        /** Device timestamp of the acceleration sample, in microseconds. */
        uint64_t acc_timestamp_usec;
        /** Angular velocity in radians per second. */
        k4a_float3_t gyro_sample;
        /** Device timestamp of the gyroscope sample, in microseconds. */
        uint64_t gyro_timestamp_usec;
    } k4a_imu_sample_t;

    /** What k4a_device_start_cameras() streams. Start from K4A_DEVICE_CONFIG_INIT_DISABLE_ALL. */
    typedef struct _k4a_device_configuration_t
    {
        /** Format of color images. */
        k4a_image_format_t color_format;
        /** Color resolution; OFF disables the color camera. */
        k4a_color_resolution_t color_resolution;
        /** Depth mode; OFF disables the depth camera. */
        k4a_depth_mode_t depth_mode;
        /** Frame rate of both cameras. */
        k4a_fps_t camera_fps;
        /** Only deliver captures that hold both a color and a depth image. */
        bool synchronized_images_only;
        /** Delay of the depth capture relative to color, in microseconds. */
        int32_t depth_delay_off_color_usec;
        /** Role on the sync cable. */
        k4a_wired_sync_mode_t wired_sync_mode;
        /** Subordinate only: capture delay after the master's sync pulse. */
        uint32_t subordinate_delay_off_master_usec;
        /** Turn the streaming LED off. */
        bool disable_streaming_indicator;
    } k4a_device_configuration_t;

    /** A rigid transformation: y = rotation * x + translation. */
    typedef struct _k4a_calibration_extrinsics_t
    {
        /** 3x3 rotation matrix, row major. */
        float rotation[9];
        /** Translation in millimetres. */
        float translation[3];
    } k4a_calibration_extrinsics_t;

    /**
     * Intrinsic parameters of a camera, by name or as an array (pixel units, (0,0) = centre of the top-
     * left pixel).
     */
    typedef union
    {
        /**
         * Principal point, focal lengths, radial k1..k6, centre of distortion, tangential p2 and p1,
         * metric radius.
         */
        struct _param
        {
            float cx;
            float cy;
            float fx;
            float fy;
            float k1;
            float k2;
            float k3;
            float k4;
            float k5;
            float k6;
            float codx;
            float cody;
            float p2;
            float p1;
            float metric_radius;
        } param;
        /** Array view. */
        float v[15];
    } k4a_calibration_intrinsic_parameters_t;

    /** A camera's lens model and its parameters. */
    typedef struct _k4a_calibration_intrinsics_t
    {
        /** Distortion model. */
        k4a_calibration_model_type_t type;
        /** Number of valid entries in parameters. */
        unsigned int parameter_count;
        /** The parameters. */
        k4a_calibration_intrinsic_parameters_t parameters;
    } k4a_calibration_intrinsics_t;

    /**
     * Calibration of one camera in one mode: extrinsics relative to the depth camera, intrinsics, image
     * size.
     */
    typedef struct _k4a_calibration_camera_t
    {
        /** Depth camera coordinates to this camera's (millimetres). */
        k4a_calibration_extrinsics_t extrinsics;
        /** Lens model. */
        k4a_calibration_intrinsics_t intrinsics;
        /** Image width in pixels in this mode. */
        int resolution_width;
        /** Image height in pixels in this mode. */
        int resolution_height;
        /** Largest radius on the z = 1 plane where the lens model is valid. */
        float metric_radius;
    } k4a_calibration_camera_t;

    /** A device's calibration for one depth mode and colour resolution. */
    typedef struct _k4a_calibration_t
    {
        /** Depth camera. */
        k4a_calibration_camera_t depth_camera_calibration;
        /** Colour camera. */
        k4a_calibration_camera_t color_camera_calibration;
        /** extrinsics[source][target] maps source coordinates to target coordinates. */
        k4a_calibration_extrinsics_t extrinsics[K4A_CALIBRATION_TYPE_NUM][K4A_CALIBRATION_TYPE_NUM];
        /** Depth mode this calibration is for. */
        k4a_depth_mode_t depth_mode;
        /** Colour resolution this calibration is for. */
        k4a_color_resolution_t color_resolution;
    } k4a_calibration_t;

    /** A firmware version. */
    typedef struct _k4a_version_t
    {
        /** Major version. */
        uint32_t major;
        /** Minor version. */
        uint32_t minor;
        /** Iteration. */
        uint32_t iteration;
    } k4a_version_t;

    /** Firmware versions of a device's parts. */
    typedef struct _k4a_hardware_version_t
    {
        /** Colour camera firmware. */
        k4a_version_t rgb;
        /** Depth camera firmware. */
        k4a_version_t depth;
        /** Audio firmware. */
        k4a_version_t audio;
        /** Depth sensor firmware. */
        k4a_version_t depth_sensor;
        /** Build type. */
        k4a_firmware_build_t firmware_build;
        /** Signature type. */
        k4a_firmware_signature_t firmware_signature;
    } k4a_hardware_version_t;

    /** A configuration with every camera disabled, to modify before k4a_device_start_cameras(). */
    static const k4a_device_configuration_t K4A_DEVICE_CONFIG_INIT_DISABLE_ALL = {K4A_IMAGE_FORMAT_COLOR_MJPG,
                                                                                  K4A_COLOR_RESOLUTION_OFF,
                                                                                  K4A_DEPTH_MODE_OFF,
                                                                                  K4A_FRAMES_PER_SECOND_30,
                                                                                  false,
                                                                                  0,
                                                                                  K4A_WIRED_SYNC_MODE_STANDALONE,
                                                                                  0,
                                                                                  false};

#ifdef __cplusplus
}
#endif

#endif /* K4A_K4ATYPES_H_ */
