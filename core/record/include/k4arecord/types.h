/* k4arecord types (k4a 1.4 names, values and layouts): recording and playback
 * handles, stream results, seek origins, the recorded configuration and the
 * settings of custom tracks. */
#ifndef K4ARECORD_TYPES_H
#define K4ARECORD_TYPES_H

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /** A recording opened for writing (k4a_record_create / k4a_record_close). NULL is invalid. */
    typedef struct _k4a_record_t *k4a_record_t;

    /** A recording opened for reading (k4a_playback_open / k4a_playback_close). NULL is invalid. */
    typedef struct _k4a_playback_t *k4a_playback_t;

    /** One block of a custom track (k4a_playback_get_next_data_block / k4a_playback_data_block_release). */
    typedef struct _k4a_playback_data_block_t *k4a_playback_data_block_t;

    /** Result of a playback read. */
    typedef enum
    {
        K4A_STREAM_RESULT_SUCCEEDED = 0, /**< Data was returned. */
        K4A_STREAM_RESULT_FAILED,        /**< The read failed; a log message says where and why. */
        K4A_STREAM_RESULT_EOF,           /**< The end (or the start, reading backwards) was reached. */
    } k4a_stream_result_t;

    /** Origin of k4a_playback_seek_timestamp(). */
    typedef enum
    {
        K4A_PLAYBACK_SEEK_BEGIN,      /**< Offset from the start of the recording. */
        K4A_PLAYBACK_SEEK_END,        /**< Offset from the end of the recording (<= 0). */
        K4A_PLAYBACK_SEEK_DEVICE_TIME /**< A device timestamp (the start offset is subtracted). */
    } k4a_playback_seek_origin_t;

    /** The device configuration a recording was made with (k4a_playback_get_record_configuration). */
    typedef struct _k4a_record_configuration_t
    {
        k4a_image_format_t color_format;            /**< Format of the color track (CUSTOM when absent). */
        k4a_color_resolution_t color_resolution;    /**< OFF when there is no color track. */
        k4a_depth_mode_t depth_mode;                /**< OFF when there is no depth or IR track. */
        k4a_fps_t camera_fps;                       /**< Frame rate of the camera tracks. */
        bool color_track_enabled;                   /**< The recording has color images. */
        bool depth_track_enabled;                   /**< The recording has depth images. */
        bool ir_track_enabled;                      /**< The recording has IR images. */
        bool imu_track_enabled;                     /**< The recording has IMU samples. */
        int32_t depth_delay_off_color_usec;         /**< Depth capture delay after color (negative: depth first). */
        k4a_wired_sync_mode_t wired_sync_mode;      /**< Role on the sync cable. */
        uint32_t subordinate_delay_off_master_usec; /**< Subordinate only: delay after the master. */
        uint32_t start_timestamp_offset_usec;       /**< Device timestamp of the recording's time 0. */
    } k4a_record_configuration_t;

    /** Geometry and rate of a custom video track. */
    typedef struct _k4a_record_video_settings_t
    {
        uint64_t width;      /**< Frame width in pixels. */
        uint64_t height;     /**< Frame height in pixels. */
        uint64_t frame_rate; /**< Frames per second. */
    } k4a_record_video_settings_t;

    /** Options of a custom subtitle (data) track. */
    typedef struct _k4a_record_subtitle_settings_t
    {
        /** Group data into laced blocks (timestamps then estimated inside a block); false: one block each. */
        bool high_freq_data;
    } k4a_record_subtitle_settings_t;

#ifdef __cplusplus
}
#endif

#endif /* K4ARECORD_TYPES_H */
