/* openk4a extensions to the k4a device API: per-device statistics, a
 * configuration check, the BGRA32 decode mode, IMU presence, generic UVC
 * cameras and the k4a camera modes' sizes.
 *
 * Statistics: every frame a device sends ends in exactly one counter, either
 * delivered (it went into a capture the consumer got or can still get) or
 * dropped with a reason, wherever it was lost (a frame in a dropped capture
 * counts as a dropped frame of its stream too); every capture
 * that leaves the synchronisation stage is either returned by
 * k4a_device_get_capture() or dropped with a reason. Counters start at zero
 * when the device is opened and only grow (but for one case: a frame counts
 * as delivered while it is decoded or waits in the capture queue, and moves
 * to a drop reason if it is lost there).
 *
 *   openk4a_device_stats_t stats;
 *   if (K4A_SUCCEEDED(openk4a_device_get_stats(device, &stats)))
 *       printf("%llu colour frames dropped as corrupt\n",
 *              (unsigned long long)stats.streams[OPENK4A_STREAM_COLOR]
 *                  .frames_dropped[OPENK4A_FRAME_DROP_CORRUPT]);
 */
#ifndef OPENK4A_DEVICE_H_
#define OPENK4A_DEVICE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4a.h>
#include <openk4a/color_status.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /** The camera streams of a device. */
    typedef enum
    {
        OPENK4A_STREAM_COLOR = 0,
        OPENK4A_STREAM_DEPTH = 1,
        OPENK4A_STREAM_IR = 2,
        OPENK4A_STREAM_COUNT
    } openk4a_stream_t;

/* openk4a_frame_drop_reason_t, openk4a_capture_drop_reason_t and their names
 * (openk4a_frame_drop_reason_name(), ...) come from core/spec/api.toml. */
#include <openk4a/device_drop_reasons.h>

    typedef struct
    {
        uint64_t frames_received;  /**< frames the device sent (delivered + dropped) */
        uint64_t frames_delivered; /**< frames that became images of a capture */
        uint64_t frames_dropped[OPENK4A_FRAME_DROP_REASON_COUNT];
        uint64_t frames_zero_copy; /**< delivered straight from the USB transfer buffer (BGRA32: decoded from it) */
        uint64_t bytes_received;   /**< payload bytes, headers included */
        uint64_t transfers;        /**< USB transfers completed */
        uint64_t transfer_errors;  /**< transfers that ended in error, timeout or overflow */
        uint64_t stalls_cleared;   /**< endpoint halts cleared and streaming resumed */
        uint64_t frames_decoded;   /**< BGRA32 colour: frames decoded (MJPG/YUY2/NV12 to BGRA32) */
        uint64_t decode_nsec;      /**< BGRA32 colour: their total time from arrival to decoded, queueing included */
        uint64_t failures;         /**< times the stream stopped for good: a halt would not clear or no transfer
                                        could be submitted after bounded retries (logged); get_capture then fails */
    } openk4a_stream_stats_t;

    typedef struct
    {
        openk4a_stream_stats_t streams[OPENK4A_STREAM_COUNT];
        uint64_t captures_delivered; /**< returned by k4a_device_get_capture() */
        uint64_t captures_partial;   /**< of those, missing an enabled stream's image */
        uint64_t captures_dropped[OPENK4A_CAPTURE_DROP_REASON_COUNT];
        uint64_t imu_samples_delivered; /**< returned by k4a_device_get_imu_sample() */
        uint64_t imu_samples_dropped;   /**< oldest samples dropped: the consumer was slow */
        uint64_t imu_packets_bad;       /**< IMU packets that failed to parse */
        uint64_t imu_transfer_errors;
        uint64_t imu_stalls_cleared; /**< IMU endpoint halts cleared and samples resumed */
        uint64_t imu_failures;       /**< IMU halts that would not clear: get_imu_sample then fails */
        bool disconnected;           /**< the device went away; reopen it after re-plug */
    } openk4a_device_stats_t;

    /** Copies the device's counters into *stats. K4A_RESULT_FAILED for a bad
     * handle or a NULL stats pointer. Safe while streaming, from any thread. */
    K4A_EXPORT k4a_result_t openk4a_device_get_stats(k4a_device_t device_handle, openk4a_device_stats_t *stats);

    /** Whether k4a_device_start_cameras() would accept `config` on this device,
     * judged from the k4a rules, what this driver supports and the device's
     * descriptors (formats, frame sizes, intervals), without starting or claiming
     * anything and without logging (but for a bad handle). K4A_RESULT_FAILED with the part that is not
     * supported in why[0, why_size) (the text start_cameras would log; `why` may
     * be NULL). Lets a program list the modes a device offers. */
    K4A_EXPORT k4a_result_t openk4a_device_check_configuration(k4a_device_t device_handle,
                                                               const k4a_device_configuration_t *config, char *why,
                                                               size_t why_size);

    /** How colour_format K4A_IMAGE_FORMAT_COLOR_BGRA32 is decoded on this device
     * from the next k4a_device_start_cameras() on: OPENK4A_COLOR_MODE_FAST (the
     * default, as the Azure Kinect SDK: fast integer IDCT and chroma upsampling)
     * or OPENK4A_COLOR_MODE_ACCURATE (accurate IDCT, smooth chroma upsampling,
     * about 10% more CPU). K4A_RESULT_FAILED (logged) for a bad handle or mode.
     *
     * BGRA32 colour: the camera streams MJPG (YUY2 or NV12 where a camera offers
     * no MJPG at that size), and a pool of decode threads (one per CPU, at most
     * 8) converts consecutive frames at the same time, straight into pooled
     * BGRA32 images; captures still leave in order with the frame's timestamps.
     * A frame that fails to decode is dropped (DECODE_FAILED), never delivered
     * half written; when every decoder is busy the new frame is dropped
     * (DECODER_BUSY) rather than delaying USB streaming. */
    K4A_EXPORT k4a_result_t openk4a_device_set_color_decode_mode(k4a_device_t device_handle, openk4a_color_mode_t mode);

    /** Whether the device has an IMU that k4a_device_start_imu() can start once
     * the cameras run (k4a devices do; generic UVC cameras do not). False, logged,
     * for a bad handle. Lets a program list devices without starting anything. */
    K4A_EXPORT bool openk4a_device_has_imu(k4a_device_t device_handle);

    /** The k4a camera modes' image sizes and rates (what start_cameras streams).
     * The width and height in pixels of the colour images at `resolution` (0x0
     * for K4A_COLOR_RESOLUTION_OFF); false, with 0x0, for a value that is not a
     * colour resolution. Either pointer may be NULL. */
    K4A_EXPORT bool openk4a_color_resolution_size(k4a_color_resolution_t resolution, int *width_pixels,
                                                  int *height_pixels);

    /** The width and height in pixels of the depth and IR images of `mode`
     * (K4A_DEPTH_MODE_PASSIVE_IR streams IR only; 0x0 for K4A_DEPTH_MODE_OFF);
     * false, with 0x0, for a value that is not a depth mode. */
    K4A_EXPORT bool openk4a_depth_mode_size(k4a_depth_mode_t mode, int *width_pixels, int *height_pixels);

    /** Frames per second of `fps` (5, 15 or 30); 0 for a value that is not a k4a_fps_t. */
    K4A_EXPORT uint32_t openk4a_fps_to_uint(k4a_fps_t fps);

    /** Whether k4a_device_get_installed_count() and k4a_device_open() also
     * accept ordinary UVC cameras (webcams), as colour-only devices streaming
     * the k4a colour resolutions they offer. Off by default: only k4a devices
     * count. Process-wide; set it before counting or opening devices. */
    K4A_EXPORT void openk4a_device_set_generic_uvc(bool enabled);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_DEVICE_H_ */
