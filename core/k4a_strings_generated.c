/* Enumeration names (openk4a_*_to_string) from the [[enum]] tables.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#include "openk4a/k4a_strings.h"

const char *openk4a_result_to_string(k4a_result_t value)
{
    switch (value)
    {
    case K4A_RESULT_SUCCEEDED:
        return "K4A_RESULT_SUCCEEDED";
    case K4A_RESULT_FAILED:
        return "K4A_RESULT_FAILED";
    }
    return "(unknown)";
}

const char *openk4a_buffer_result_to_string(k4a_buffer_result_t value)
{
    switch (value)
    {
    case K4A_BUFFER_RESULT_SUCCEEDED:
        return "K4A_BUFFER_RESULT_SUCCEEDED";
    case K4A_BUFFER_RESULT_FAILED:
        return "K4A_BUFFER_RESULT_FAILED";
    case K4A_BUFFER_RESULT_TOO_SMALL:
        return "K4A_BUFFER_RESULT_TOO_SMALL";
    }
    return "(unknown)";
}

const char *openk4a_wait_result_to_string(k4a_wait_result_t value)
{
    switch (value)
    {
    case K4A_WAIT_RESULT_SUCCEEDED:
        return "K4A_WAIT_RESULT_SUCCEEDED";
    case K4A_WAIT_RESULT_FAILED:
        return "K4A_WAIT_RESULT_FAILED";
    case K4A_WAIT_RESULT_TIMEOUT:
        return "K4A_WAIT_RESULT_TIMEOUT";
    }
    return "(unknown)";
}

const char *openk4a_log_level_to_string(k4a_log_level_t value)
{
    switch (value)
    {
    case K4A_LOG_LEVEL_CRITICAL:
        return "K4A_LOG_LEVEL_CRITICAL";
    case K4A_LOG_LEVEL_ERROR:
        return "K4A_LOG_LEVEL_ERROR";
    case K4A_LOG_LEVEL_WARNING:
        return "K4A_LOG_LEVEL_WARNING";
    case K4A_LOG_LEVEL_INFO:
        return "K4A_LOG_LEVEL_INFO";
    case K4A_LOG_LEVEL_TRACE:
        return "K4A_LOG_LEVEL_TRACE";
    case K4A_LOG_LEVEL_OFF:
        return "K4A_LOG_LEVEL_OFF";
    }
    return "(unknown)";
}

const char *openk4a_depth_mode_to_string(k4a_depth_mode_t value)
{
    switch (value)
    {
    case K4A_DEPTH_MODE_OFF:
        return "K4A_DEPTH_MODE_OFF";
    case K4A_DEPTH_MODE_NFOV_2X2BINNED:
        return "K4A_DEPTH_MODE_NFOV_2X2BINNED";
    case K4A_DEPTH_MODE_NFOV_UNBINNED:
        return "K4A_DEPTH_MODE_NFOV_UNBINNED";
    case K4A_DEPTH_MODE_WFOV_2X2BINNED:
        return "K4A_DEPTH_MODE_WFOV_2X2BINNED";
    case K4A_DEPTH_MODE_WFOV_UNBINNED:
        return "K4A_DEPTH_MODE_WFOV_UNBINNED";
    case K4A_DEPTH_MODE_PASSIVE_IR:
        return "K4A_DEPTH_MODE_PASSIVE_IR";
    }
    return "(unknown)";
}

const char *openk4a_color_resolution_to_string(k4a_color_resolution_t value)
{
    switch (value)
    {
    case K4A_COLOR_RESOLUTION_OFF:
        return "K4A_COLOR_RESOLUTION_OFF";
    case K4A_COLOR_RESOLUTION_720P:
        return "K4A_COLOR_RESOLUTION_720P";
    case K4A_COLOR_RESOLUTION_1080P:
        return "K4A_COLOR_RESOLUTION_1080P";
    case K4A_COLOR_RESOLUTION_1440P:
        return "K4A_COLOR_RESOLUTION_1440P";
    case K4A_COLOR_RESOLUTION_1536P:
        return "K4A_COLOR_RESOLUTION_1536P";
    case K4A_COLOR_RESOLUTION_2160P:
        return "K4A_COLOR_RESOLUTION_2160P";
    case K4A_COLOR_RESOLUTION_3072P:
        return "K4A_COLOR_RESOLUTION_3072P";
    }
    return "(unknown)";
}

const char *openk4a_image_format_to_string(k4a_image_format_t value)
{
    switch (value)
    {
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
        return "K4A_IMAGE_FORMAT_COLOR_MJPG";
    case K4A_IMAGE_FORMAT_COLOR_NV12:
        return "K4A_IMAGE_FORMAT_COLOR_NV12";
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
        return "K4A_IMAGE_FORMAT_COLOR_YUY2";
    case K4A_IMAGE_FORMAT_COLOR_BGRA32:
        return "K4A_IMAGE_FORMAT_COLOR_BGRA32";
    case K4A_IMAGE_FORMAT_DEPTH16:
        return "K4A_IMAGE_FORMAT_DEPTH16";
    case K4A_IMAGE_FORMAT_IR16:
        return "K4A_IMAGE_FORMAT_IR16";
    case K4A_IMAGE_FORMAT_CUSTOM8:
        return "K4A_IMAGE_FORMAT_CUSTOM8";
    case K4A_IMAGE_FORMAT_CUSTOM16:
        return "K4A_IMAGE_FORMAT_CUSTOM16";
    case K4A_IMAGE_FORMAT_CUSTOM:
        return "K4A_IMAGE_FORMAT_CUSTOM";
    }
    return "(unknown)";
}

const char *openk4a_fps_to_string(k4a_fps_t value)
{
    switch (value)
    {
    case K4A_FRAMES_PER_SECOND_5:
        return "K4A_FRAMES_PER_SECOND_5";
    case K4A_FRAMES_PER_SECOND_15:
        return "K4A_FRAMES_PER_SECOND_15";
    case K4A_FRAMES_PER_SECOND_30:
        return "K4A_FRAMES_PER_SECOND_30";
    }
    return "(unknown)";
}

const char *openk4a_color_control_command_to_string(k4a_color_control_command_t value)
{
    switch (value)
    {
    case K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE:
        return "K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE";
    case K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY:
        return "K4A_COLOR_CONTROL_AUTO_EXPOSURE_PRIORITY";
    case K4A_COLOR_CONTROL_BRIGHTNESS:
        return "K4A_COLOR_CONTROL_BRIGHTNESS";
    case K4A_COLOR_CONTROL_CONTRAST:
        return "K4A_COLOR_CONTROL_CONTRAST";
    case K4A_COLOR_CONTROL_SATURATION:
        return "K4A_COLOR_CONTROL_SATURATION";
    case K4A_COLOR_CONTROL_SHARPNESS:
        return "K4A_COLOR_CONTROL_SHARPNESS";
    case K4A_COLOR_CONTROL_WHITEBALANCE:
        return "K4A_COLOR_CONTROL_WHITEBALANCE";
    case K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION:
        return "K4A_COLOR_CONTROL_BACKLIGHT_COMPENSATION";
    case K4A_COLOR_CONTROL_GAIN:
        return "K4A_COLOR_CONTROL_GAIN";
    case K4A_COLOR_CONTROL_POWERLINE_FREQUENCY:
        return "K4A_COLOR_CONTROL_POWERLINE_FREQUENCY";
    }
    return "(unknown)";
}

const char *openk4a_color_control_mode_to_string(k4a_color_control_mode_t value)
{
    switch (value)
    {
    case K4A_COLOR_CONTROL_MODE_AUTO:
        return "K4A_COLOR_CONTROL_MODE_AUTO";
    case K4A_COLOR_CONTROL_MODE_MANUAL:
        return "K4A_COLOR_CONTROL_MODE_MANUAL";
    }
    return "(unknown)";
}

const char *openk4a_wired_sync_mode_to_string(k4a_wired_sync_mode_t value)
{
    switch (value)
    {
    case K4A_WIRED_SYNC_MODE_STANDALONE:
        return "K4A_WIRED_SYNC_MODE_STANDALONE";
    case K4A_WIRED_SYNC_MODE_MASTER:
        return "K4A_WIRED_SYNC_MODE_MASTER";
    case K4A_WIRED_SYNC_MODE_SUBORDINATE:
        return "K4A_WIRED_SYNC_MODE_SUBORDINATE";
    }
    return "(unknown)";
}

const char *openk4a_firmware_build_to_string(k4a_firmware_build_t value)
{
    switch (value)
    {
    case K4A_FIRMWARE_BUILD_RELEASE:
        return "K4A_FIRMWARE_BUILD_RELEASE";
    case K4A_FIRMWARE_BUILD_DEBUG:
        return "K4A_FIRMWARE_BUILD_DEBUG";
    }
    return "(unknown)";
}

const char *openk4a_firmware_signature_to_string(k4a_firmware_signature_t value)
{
    switch (value)
    {
    case K4A_FIRMWARE_SIGNATURE_MSFT:
        return "K4A_FIRMWARE_SIGNATURE_MSFT";
    case K4A_FIRMWARE_SIGNATURE_TEST:
        return "K4A_FIRMWARE_SIGNATURE_TEST";
    case K4A_FIRMWARE_SIGNATURE_UNSIGNED:
        return "K4A_FIRMWARE_SIGNATURE_UNSIGNED";
    }
    return "(unknown)";
}
