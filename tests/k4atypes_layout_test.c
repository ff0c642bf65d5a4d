/* The public headers compile as C11 and match the k4a 1.4 ABI: enum values,
 * struct sizes and field offsets written out by hand here, independently of
 * the spec the headers are generated from. */
#include <k4a/k4a.h>
#include <openk4a/k4a_strings.h>
#include <openk4a/memory.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

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
_Static_assert(K4A_COLOR_RESOLUTION_OFF == 0 && K4A_COLOR_RESOLUTION_720P == 1 &&
                   K4A_COLOR_RESOLUTION_3072P == 6,
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
    (void)destroy;
    (void)logger;
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
    if (K4A_VERSION_MAJOR != 1 || K4A_VERSION_MINOR != 4)
    {
        puts("FAIL: K4A_VERSION");
        failures++;
    }
    printf("%d passed, %d failed\n", 4 - failures, failures);
    return failures == 0 ? 0 : 1;
}
