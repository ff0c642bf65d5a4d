/* openk4a extensions to the k4a API.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef OPENK4A_K4A_STRINGS_H_
#define OPENK4A_K4A_STRINGS_H_

#include <k4a/k4a_export.h>
#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* ---- Enumeration names ---- */

    /**
     * Returns the name of a k4a_result_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_RESULT_SUCCEEDED"), or "(unknown)" for a value
     * that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_result_to_string(k4a_result_t value);

    /**
     * Returns the name of a k4a_buffer_result_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_BUFFER_RESULT_SUCCEEDED"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_buffer_result_to_string(k4a_buffer_result_t value);

    /**
     * Returns the name of a k4a_wait_result_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_WAIT_RESULT_SUCCEEDED"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_wait_result_to_string(k4a_wait_result_t value);

    /**
     * Returns the name of a k4a_log_level_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_LOG_LEVEL_CRITICAL"), or "(unknown)" for a value
     * that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_log_level_to_string(k4a_log_level_t value);

    /**
     * Returns the name of a k4a_depth_mode_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_DEPTH_MODE_OFF"), or "(unknown)" for a value
     * that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_depth_mode_to_string(k4a_depth_mode_t value);

    /**
     * Returns the name of a k4a_color_resolution_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_COLOR_RESOLUTION_OFF"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_color_resolution_to_string(k4a_color_resolution_t value);

    /**
     * Returns the name of a k4a_image_format_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_IMAGE_FORMAT_COLOR_MJPG"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_image_format_to_string(k4a_image_format_t value);

    /**
     * Returns the name of a k4a_fps_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_FRAMES_PER_SECOND_5"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_fps_to_string(k4a_fps_t value);

    /**
     * Returns the name of a k4a_color_control_command_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_COLOR_CONTROL_EXPOSURE_TIME_ABSOLUTE"), or
     * "(unknown)" for a value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_color_control_command_to_string(k4a_color_control_command_t value);

    /**
     * Returns the name of a k4a_color_control_mode_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_COLOR_CONTROL_MODE_AUTO"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_color_control_mode_to_string(k4a_color_control_mode_t value);

    /**
     * Returns the name of a k4a_wired_sync_mode_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_WIRED_SYNC_MODE_STANDALONE"), or "(unknown)" for
     * a value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_wired_sync_mode_to_string(k4a_wired_sync_mode_t value);

    /**
     * Returns the name of a k4a_transformation_interpolation_type_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST"), or
     * "(unknown)" for a value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *
    openk4a_transformation_interpolation_type_to_string(k4a_transformation_interpolation_type_t value);

    /**
     * Returns the name of a k4a_calibration_type_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_CALIBRATION_TYPE_UNKNOWN"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_calibration_type_to_string(k4a_calibration_type_t value);

    /**
     * Returns the name of a k4a_calibration_model_type_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_CALIBRATION_LENS_DISTORTION_MODEL_UNKNOWN"), or
     * "(unknown)" for a value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_calibration_model_type_to_string(k4a_calibration_model_type_t value);

    /**
     * Returns the name of a k4a_firmware_build_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_FIRMWARE_BUILD_RELEASE"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_firmware_build_to_string(k4a_firmware_build_t value);

    /**
     * Returns the name of a k4a_firmware_signature_t value.
     *
     * \param value The value.
     *
     * \returns The enumerator's name (for example "K4A_FIRMWARE_SIGNATURE_MSFT"), or "(unknown)" for a
     * value that is not one; never NULL. The string has static storage.
     *
     * An openk4a extension (not in the Microsoft SDK).
     */
    K4A_EXPORT const char *openk4a_firmware_signature_to_string(k4a_firmware_signature_t value);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_K4A_STRINGS_H_ */
