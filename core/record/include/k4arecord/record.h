/* k4arecord recording (k4a 1.4): writes Azure Kinect Matroska files laid out as
 * k4arecorder lays them out (tracks COLOR/DEPTH/IR/IMU, V_MS/VFW/FOURCC video
 * with a BITMAPINFOHEADER, K4A_* tags, cues), through libebml/libmatroska.
 *
 * Order: k4a_record_create, then tags, attachments and extra tracks, then
 * k4a_record_write_header, then data, then k4a_record_close. Timestamps are
 * device timestamps, in any order within 2 s: data is sorted before it is
 * written, and the earliest timestamp held when the first cluster is written
 * (after 2 s of data, k4a_record_flush or k4a_record_close) becomes the
 * recording's time 0 (tag K4A_START_OFFSET_NS); data older than what was
 * written is refused. One handle is used by one thread at a time. */
#ifndef K4A_RECORD_H
#define K4A_RECORD_H

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

    /* `device` may be NULL (no serial number, firmware or calibration tags). */
    K4ARECORD_EXPORT k4a_result_t k4a_record_create(const char *path, k4a_device_t device,
                                                    const k4a_device_configuration_t device_config,
                                                    k4a_record_t *recording_handle);

    K4ARECORD_EXPORT k4a_result_t k4a_record_add_tag(k4a_record_t recording_handle, const char *name,
                                                     const char *value);

    K4ARECORD_EXPORT k4a_result_t k4a_record_add_imu_track(k4a_record_t recording_handle);

    K4ARECORD_EXPORT k4a_result_t k4a_record_add_attachment(const k4a_record_t recording_handle,
                                                            const char *attachment_name, const uint8_t *buffer,
                                                            size_t buffer_size);

    K4ARECORD_EXPORT k4a_result_t k4a_record_add_custom_video_track(const k4a_record_t recording_handle,
                                                                    const char *track_name, const char *codec_id,
                                                                    const uint8_t *codec_context,
                                                                    size_t codec_context_size,
                                                                    const k4a_record_video_settings_t *track_settings);

    K4ARECORD_EXPORT k4a_result_t k4a_record_add_custom_subtitle_track(
        const k4a_record_t recording_handle, const char *track_name, const char *codec_id, const uint8_t *codec_context,
        size_t codec_context_size, const k4a_record_subtitle_settings_t *track_settings);

    K4ARECORD_EXPORT k4a_result_t k4a_record_write_header(k4a_record_t recording_handle);

    K4ARECORD_EXPORT k4a_result_t k4a_record_write_capture(k4a_record_t recording_handle, k4a_capture_t capture_handle);

    K4ARECORD_EXPORT k4a_result_t k4a_record_write_imu_sample(k4a_record_t recording_handle,
                                                              k4a_imu_sample_t imu_sample);

    K4ARECORD_EXPORT k4a_result_t k4a_record_write_custom_track_data(const k4a_record_t recording_handle,
                                                                     const char *track_name,
                                                                     uint64_t device_timestamp_usec,
                                                                     uint8_t *custom_data, size_t custom_data_size);

    K4ARECORD_EXPORT k4a_result_t k4a_record_flush(k4a_record_t recording_handle);

    K4ARECORD_EXPORT void k4a_record_close(k4a_record_t recording_handle);

#ifdef __cplusplus
}
#endif

#endif /* K4A_RECORD_H */
