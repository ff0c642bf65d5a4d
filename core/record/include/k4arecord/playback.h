/* k4arecord playback (k4a 1.4): reads Azure Kinect Matroska recordings made by
 * k4arecorder or k4a_record_*.
 *
 * Reading differs from the SDK in two ways: the whole file is indexed when it
 * is opened (element headers only; frame data is read when asked for), and a
 * file that breaks a rule (truncated, sizes past their parent, hostile
 * counts) is refused with K4A_RESULT_FAILED / K4A_STREAM_RESULT_FAILED and a
 * log line naming the byte offset and the rule. One playback handle is used
 * by one thread at a time. */
#ifndef K4A_PLAYBACK_H
#define K4A_PLAYBACK_H

#include <k4arecord/types.h>

#ifndef K4ARECORD_EXPORT
#if defined(__GNUC__)
#define K4ARECORD_EXPORT __attribute__((visibility("default")))
#else
#define K4ARECORD_EXPORT
#endif
#endif

#ifdef __cplusplus
extern "C"
{
#endif

    K4ARECORD_EXPORT k4a_result_t k4a_playback_open(const char *path, k4a_playback_t *playback_handle);

    K4ARECORD_EXPORT k4a_buffer_result_t k4a_playback_get_raw_calibration(k4a_playback_t playback_handle, uint8_t *data,
                                                                          size_t *data_size);

    /* The recording's calibration (its calibration.json attachment) for the depth
     * mode and colour resolution it was recorded with. K4A_RESULT_FAILED when the
     * file has none or it does not parse (logged). */
    K4ARECORD_EXPORT k4a_result_t k4a_playback_get_calibration(k4a_playback_t playback_handle,
                                                               k4a_calibration_t *calibration);

    K4ARECORD_EXPORT k4a_result_t k4a_playback_get_record_configuration(k4a_playback_t playback_handle,
                                                                        k4a_record_configuration_t *config);

    K4ARECORD_EXPORT bool k4a_playback_check_track_exists(k4a_playback_t playback_handle, const char *track_name);

    K4ARECORD_EXPORT size_t k4a_playback_get_track_count(k4a_playback_t playback_handle);

    K4ARECORD_EXPORT k4a_buffer_result_t k4a_playback_get_track_name(k4a_playback_t playback_handle, size_t track_index,
                                                                     char *track_name, size_t *track_name_size);

    K4ARECORD_EXPORT bool k4a_playback_track_is_builtin(k4a_playback_t playback_handle, const char *track_name);

    K4ARECORD_EXPORT k4a_result_t k4a_playback_track_get_video_settings(k4a_playback_t playback_handle,
                                                                        const char *track_name,
                                                                        k4a_record_video_settings_t *video_settings);

    K4ARECORD_EXPORT k4a_buffer_result_t k4a_playback_track_get_codec_id(k4a_playback_t playback_handle,
                                                                         const char *track_name, char *codec_id,
                                                                         size_t *codec_id_size);

    K4ARECORD_EXPORT k4a_buffer_result_t k4a_playback_track_get_codec_context(k4a_playback_t playback_handle,
                                                                              const char *track_name,
                                                                              uint8_t *codec_context,
                                                                              size_t *codec_context_size);

    K4ARECORD_EXPORT k4a_buffer_result_t k4a_playback_get_tag(k4a_playback_t playback_handle, const char *name,
                                                              char *value, size_t *value_size);

    /* MJPG recordings can be converted to BGRA32 (core/color); a format equal to
     * the recorded one turns conversion off. Other conversions are refused. */
    K4ARECORD_EXPORT k4a_result_t k4a_playback_set_color_conversion(k4a_playback_t playback_handle,
                                                                    k4a_image_format_t target_format);

    K4ARECORD_EXPORT k4a_buffer_result_t k4a_playback_get_attachment(k4a_playback_t playback_handle,
                                                                     const char *file_name, uint8_t *data,
                                                                     size_t *data_size);

    K4ARECORD_EXPORT k4a_stream_result_t k4a_playback_get_next_capture(k4a_playback_t playback_handle,
                                                                       k4a_capture_t *capture_handle);

    K4ARECORD_EXPORT k4a_stream_result_t k4a_playback_get_previous_capture(k4a_playback_t playback_handle,
                                                                           k4a_capture_t *capture_handle);

    K4ARECORD_EXPORT k4a_stream_result_t k4a_playback_get_next_imu_sample(k4a_playback_t playback_handle,
                                                                          k4a_imu_sample_t *imu_sample);

    K4ARECORD_EXPORT k4a_stream_result_t k4a_playback_get_previous_imu_sample(k4a_playback_t playback_handle,
                                                                              k4a_imu_sample_t *imu_sample);

    K4ARECORD_EXPORT k4a_stream_result_t k4a_playback_get_next_data_block(k4a_playback_t playback_handle,
                                                                          const char *track_name,
                                                                          k4a_playback_data_block_t *data_block_handle);

    K4ARECORD_EXPORT k4a_stream_result_t k4a_playback_get_previous_data_block(
        k4a_playback_t playback_handle, const char *track_name, k4a_playback_data_block_t *data_block_handle);

    K4ARECORD_EXPORT uint64_t
    k4a_playback_data_block_get_device_timestamp_usec(k4a_playback_data_block_t data_block_handle);

    K4ARECORD_EXPORT size_t k4a_playback_data_block_get_buffer_size(k4a_playback_data_block_t data_block_handle);

    K4ARECORD_EXPORT uint8_t *k4a_playback_data_block_get_buffer(k4a_playback_data_block_t data_block_handle);

    K4ARECORD_EXPORT void k4a_playback_data_block_release(k4a_playback_data_block_t data_block_handle);

    K4ARECORD_EXPORT k4a_result_t k4a_playback_seek_timestamp(k4a_playback_t playback_handle, int64_t offset_usec,
                                                              k4a_playback_seek_origin_t origin);

    K4ARECORD_EXPORT uint64_t k4a_playback_get_recording_length_usec(k4a_playback_t playback_handle);

    /* Deprecated in k4a 1.4: the same as k4a_playback_get_recording_length_usec(). */
    K4ARECORD_EXPORT uint64_t k4a_playback_get_last_timestamp_usec(k4a_playback_t playback_handle);

    K4ARECORD_EXPORT void k4a_playback_close(k4a_playback_t playback_handle);

#ifdef __cplusplus
}
#endif

#endif /* K4A_PLAYBACK_H */
