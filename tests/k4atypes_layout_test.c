/* The public headers compile as C11 and match the k4a 1.4 ABI: enum values,
 * struct sizes and field offsets written out by hand here, independently of
 * the spec the headers are generated from. */
#include <k4a/k4a.h>
#include <openk4a/k4a_strings.h>
#include <openk4a/memory.h>
#include <stdio.h>

_Static_assert(K4A_RESULT_SUCCEEDED == 0 && K4A_RESULT_FAILED == 1, "k4a_result_t");
_Static_assert(K4A_BUFFER_RESULT_TOO_SMALL == 2, "k4a_buffer_result_t");
_Static_assert(K4A_WAIT_RESULT_TIMEOUT == 2, "k4a_wait_result_t");
_Static_assert(K4A_WAIT_INFINITE == -1, "K4A_WAIT_INFINITE");
_Static_assert(K4A_IMAGE_FORMAT_COLOR_MJPG == 0 && K4A_IMAGE_FORMAT_COLOR_NV12 == 1 &&
                   K4A_IMAGE_FORMAT_COLOR_YUY2 == 2 && K4A_IMAGE_FORMAT_COLOR_BGRA32 == 3 &&
                   K4A_IMAGE_FORMAT_DEPTH16 == 4 && K4A_IMAGE_FORMAT_IR16 == 5 && K4A_IMAGE_FORMAT_CUSTOM8 == 6 &&
                   K4A_IMAGE_FORMAT_CUSTOM16 == 7 && K4A_IMAGE_FORMAT_CUSTOM == 8,
               "k4a_image_format_t (1.2+ values)");
_Static_assert(K4A_DEPTH_MODE_OFF == 0 && K4A_DEPTH_MODE_NFOV_2X2BINNED == 1 && K4A_DEPTH_MODE_NFOV_UNBINNED == 2 &&
                   K4A_DEPTH_MODE_WFOV_2X2BINNED == 3 && K4A_DEPTH_MODE_WFOV_UNBINNED == 4 &&
                   K4A_DEPTH_MODE_PASSIVE_IR == 5,
               "k4a_depth_mode_t");
_Static_assert(K4A_COLOR_RESOLUTION_OFF == 0 && K4A_COLOR_RESOLUTION_720P == 1 && K4A_COLOR_RESOLUTION_3072P == 6,
               "k4a_color_resolution_t");
_Static_assert(K4A_FRAMES_PER_SECOND_5 == 0 && K4A_FRAMES_PER_SECOND_15 == 1 && K4A_FRAMES_PER_SECOND_30 == 2,
               "k4a_fps_t");
_Static_assert(K4A_WIRED_SYNC_MODE_STANDALONE == 0 && K4A_WIRED_SYNC_MODE_MASTER == 1 &&
                   K4A_WIRED_SYNC_MODE_SUBORDINATE == 2,
               "k4a_wired_sync_mode_t");
_Static_assert(K4A_LOG_LEVEL_CRITICAL == 0 && K4A_LOG_LEVEL_TRACE == 4 && K4A_LOG_LEVEL_OFF == 5, "k4a_log_level_t");

_Static_assert(sizeof(k4a_float3_t) == 12 && offsetof(k4a_float3_t, xyz.z) == 8, "k4a_float3_t");
_Static_assert(sizeof(k4a_float2_t) == 8, "k4a_float2_t");
_Static_assert(offsetof(k4a_imu_sample_t, temperature) == 0 && offsetof(k4a_imu_sample_t, acc_sample) == 4 &&
                   offsetof(k4a_imu_sample_t, acc_timestamp_usec) == 16 &&
                   offsetof(k4a_imu_sample_t, gyro_sample) == 24 &&
                   offsetof(k4a_imu_sample_t, gyro_timestamp_usec) == 40 && sizeof(k4a_imu_sample_t) == 48,
               "k4a_imu_sample_t");
_Static_assert(offsetof(k4a_device_configuration_t, color_format) == 0 &&
                   offsetof(k4a_device_configuration_t, color_resolution) == 4 &&
                   offsetof(k4a_device_configuration_t, depth_mode) == 8 &&
                   offsetof(k4a_device_configuration_t, camera_fps) == 12 &&
                   offsetof(k4a_device_configuration_t, synchronized_images_only) == 16 &&
                   offsetof(k4a_device_configuration_t, depth_delay_off_color_usec) == 20 &&
                   offsetof(k4a_device_configuration_t, wired_sync_mode) == 24 &&
                   offsetof(k4a_device_configuration_t, subordinate_delay_off_master_usec) == 28 &&
                   offsetof(k4a_device_configuration_t, disable_streaming_indicator) == 32 &&
                   sizeof(k4a_device_configuration_t) == 36,
               "k4a_device_configuration_t");

/* k4a 1.4 additions for calibration and transformation, from the SDK's k4atypes.h: the enums are
 * numbered implicitly from the first value there, the structs laid out field after field. */
_Static_assert(K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST == 0 && K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR == 1,
               "k4a_transformation_interpolation_type_t");
_Static_assert(K4A_CALIBRATION_TYPE_UNKNOWN == -1 && K4A_CALIBRATION_TYPE_DEPTH == 0 &&
                   K4A_CALIBRATION_TYPE_COLOR == 1 && K4A_CALIBRATION_TYPE_GYRO == 2 &&
                   K4A_CALIBRATION_TYPE_ACCEL == 3 && K4A_CALIBRATION_TYPE_NUM == 4,
               "k4a_calibration_type_t");
_Static_assert(K4A_CALIBRATION_LENS_DISTORTION_MODEL_UNKNOWN == 0 && K4A_CALIBRATION_LENS_DISTORTION_MODEL_THETA == 1 &&
                   K4A_CALIBRATION_LENS_DISTORTION_MODEL_POLYNOMIAL_3K == 2 &&
                   K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT == 3 &&
                   K4A_CALIBRATION_LENS_DISTORTION_MODEL_BROWN_CONRADY == 4,
               "k4a_calibration_model_type_t");
_Static_assert(K4A_FIRMWARE_BUILD_RELEASE == 0 && K4A_FIRMWARE_BUILD_DEBUG == 1, "k4a_firmware_build_t");
_Static_assert(K4A_FIRMWARE_SIGNATURE_MSFT == 0 && K4A_FIRMWARE_SIGNATURE_TEST == 1 &&
                   K4A_FIRMWARE_SIGNATURE_UNSIGNED == 2,
               "k4a_firmware_signature_t");
_Static_assert(K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE == 0 && K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY == 1 &&
                   K4A_COLOR_CONTROL_BRIGHTNESS == 2 && K4A_COLOR_CONTROL_CONTRAST == 3 &&
                   K4A_COLOR_CONTROL_SATURATION == 4 && K4A_COLOR_CONTROL_SHARPNESS == 5 &&
                   K4A_COLOR_CONTROL_WHITEBALANCE == 6 && K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION == 7 &&
                   K4A_COLOR_CONTROL_GAIN == 8 && K4A_COLOR_CONTROL_POWERLINE_FREQUENCY == 9,
               "k4a_color_control_command_t");
_Static_assert(K4A_COLOR_CONTROL_MODE_AUTO == 0 && K4A_COLOR_CONTROL_MODE_MANUAL == 1, "k4a_color_control_mode_t");

_Static_assert(sizeof(k4a_calibration_extrinsics_t) == 48 && offsetof(k4a_calibration_extrinsics_t, rotation) == 0 &&
                   offsetof(k4a_calibration_extrinsics_t, translation) == 36 &&
                   _Alignof(k4a_calibration_extrinsics_t) == 4,
               "k4a_calibration_extrinsics_t");
_Static_assert(sizeof(k4a_calibration_intrinsic_parameters_t) == 60 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.cx) == 0 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.fx) == 8 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.k1) == 16 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.k6) == 36 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.codx) == 40 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.cody) == 44 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.p2) == 48 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.p1) == 52 &&
                   offsetof(k4a_calibration_intrinsic_parameters_t, param.metric_radius) == 56,
               "k4a_calibration_intrinsic_parameters_t (p2 before p1, as in the SDK)");
_Static_assert(sizeof(k4a_calibration_intrinsics_t) == 68 && offsetof(k4a_calibration_intrinsics_t, type) == 0 &&
                   offsetof(k4a_calibration_intrinsics_t, parameter_count) == 4 &&
                   offsetof(k4a_calibration_intrinsics_t, parameters) == 8,
               "k4a_calibration_intrinsics_t");
_Static_assert(sizeof(k4a_calibration_camera_t) == 128 && offsetof(k4a_calibration_camera_t, extrinsics) == 0 &&
                   offsetof(k4a_calibration_camera_t, intrinsics) == 48 &&
                   offsetof(k4a_calibration_camera_t, resolution_width) == 116 &&
                   offsetof(k4a_calibration_camera_t, resolution_height) == 120 &&
                   offsetof(k4a_calibration_camera_t, metric_radius) == 124,
               "k4a_calibration_camera_t");
_Static_assert(sizeof(k4a_calibration_t) == 1032 && offsetof(k4a_calibration_t, depth_camera_calibration) == 0 &&
                   offsetof(k4a_calibration_t, color_camera_calibration) == 128 &&
                   offsetof(k4a_calibration_t, extrinsics) == 256 &&
                   offsetof(k4a_calibration_t, extrinsics[1][0]) == 256 + 4 * 48 &&
                   offsetof(k4a_calibration_t, depth_mode) == 1024 &&
                   offsetof(k4a_calibration_t, color_resolution) == 1028 && _Alignof(k4a_calibration_t) == 4,
               "k4a_calibration_t");
_Static_assert(sizeof(k4a_version_t) == 12 && offsetof(k4a_version_t, minor) == 4 &&
                   offsetof(k4a_version_t, iteration) == 8,
               "k4a_version_t");
_Static_assert(sizeof(k4a_hardware_version_t) == 56 && offsetof(k4a_hardware_version_t, depth) == 12 &&
                   offsetof(k4a_hardware_version_t, audio) == 24 &&
                   offsetof(k4a_hardware_version_t, depth_sensor) == 36 &&
                   offsetof(k4a_hardware_version_t, firmware_build) == 48 &&
                   offsetof(k4a_hardware_version_t, firmware_signature) == 52,
               "k4a_hardware_version_t");
_Static_assert(_Alignof(k4a_imu_sample_t) == 8 && _Alignof(k4a_float3_t) == 4 &&
                   _Alignof(k4a_device_configuration_t) == 4,
               "alignments");

/* The SDK's struct tags: code forward-declares them. */
struct _k4a_imu_sample_t;
struct _k4a_calibration_t;
typedef struct _k4a_calibration_t forward_declared_calibration;
_Static_assert(sizeof(forward_declared_calibration) == sizeof(k4a_calibration_t), "struct _k4a_calibration_t tag");
_Static_assert(sizeof(struct _k4a_imu_sample_t) == 48 && sizeof(struct _k4a_hardware_version_t) == 56 &&
                   sizeof(struct _k4a_device_configuration_t) == 36 && sizeof(struct _k4a_calibration_camera_t) == 128,
               "struct tags");

/* The SDK's handle macro declares a handle of its own. */
K4A_DECLARE_HANDLE(layout_test_handle_t);
_Static_assert(sizeof(*(layout_test_handle_t)0) == sizeof(size_t), "K4A_DECLARE_HANDLE");

/* Transitive includes of k4a.h that SDK programs rely on: PRIu64 (inttypes.h), memset (string.h). */
#ifndef PRIu64
#error "PRIu64 must come with <k4a/k4a.h>"
#endif

static uint8_t *allocate_cb(int size, void **context)
{
    (void)size;
    *context = NULL;
    return NULL;
}

/* The callback typedefs are function types, used through pointers as in the SDK. */
static void destroy_cb(void *buffer, void *context)
{
    (void)buffer;
    (void)context;
}
static void log_cb(void *context, k4a_log_level_t level, const char *file, const int line, const char *message)
{
    (void)context, (void)level, (void)file, (void)line, (void)message;
}

int main(void)
{
    k4a_memory_destroy_cb_t *destroy = destroy_cb;
    k4a_logging_message_cb_t *logger = log_cb;
    k4a_memory_allocate_cb_t *allocate = allocate_cb;
    (void)destroy;
    (void)logger;
    (void)allocate;
    k4a_transformation_t transformation = NULL;
    (void)transformation;
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    int failures = 0;
    if (config.color_format != K4A_IMAGE_FORMAT_COLOR_MJPG || config.color_resolution != K4A_COLOR_RESOLUTION_OFF ||
        config.depth_mode != K4A_DEPTH_MODE_OFF || config.camera_fps != K4A_FRAMES_PER_SECOND_30 ||
        config.synchronized_images_only || config.depth_delay_off_color_usec != 0 ||
        config.wired_sync_mode != K4A_WIRED_SYNC_MODE_STANDALONE || config.subordinate_delay_off_master_usec != 0 ||
        config.disable_streaming_indicator)
    {
        puts("FAIL: K4A_DEVICE_CONFIG_INIT_DISABLE_ALL");
        failures++;
    }
    if (!K4A_SUCCEEDED(K4A_RESULT_SUCCEEDED) || !K4A_FAILED(K4A_RESULT_FAILED))
    {
        puts("FAIL: K4A_SUCCEEDED/K4A_FAILED");
        failures++;
    }
    if (strcmp(openk4a_image_format_to_string(K4A_IMAGE_FORMAT_DEPTH16), "K4A_IMAGE_FORMAT_DEPTH16") != 0 ||
        strcmp(openk4a_result_to_string(K4A_RESULT_FAILED), "K4A_RESULT_FAILED") != 0 ||
        strcmp(openk4a_wait_result_to_string((k4a_wait_result_t)7), "(unknown)") != 0 ||
        strcmp(openk4a_log_level_to_string(K4A_LOG_LEVEL_OFF), "K4A_LOG_LEVEL_OFF") != 0)
    {
        puts("FAIL: openk4a_*_to_string");
        failures++;
    }
    if (K4A_VERSION_MAJOR != 1 || K4A_VERSION_MINOR != 4 || strcmp(K4A_VERSION_PRERELEASE, "") != 0 ||
        strcmp(K4A_VERSION_BUILD_METADATA, "") != 0)
    {
        puts("FAIL: K4A_VERSION");
        failures++;
    }
    printf("%d passed, %d failed\n", 4 - failures, failures);
    return failures == 0 ? 0 : 1;
}
