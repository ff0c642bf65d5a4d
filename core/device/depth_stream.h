/* A real Azure Kinect's depth stream (internal to //core/device): the depth
 * MCU is told the sensor mode and frame rate and started, raw frames come on
 * the depth camera's bulk endpoint, each goes through Microsoft's depth
 * engine plugin (depth_engine.h), and its DEPTH16 and IR16 outputs go to the
 * sink as images with the engine's exposure time as device timestamp.
 *
 * Sequence and sizes as the Azure Kinect SDK (src/depth/depth.c,
 * src/depth_mcu/depth_mcu.c, src/dewrapper/dewrapper.c): DEPTH_MODE_SET,
 * NV_DATA_GET(IR_SENSOR_CALIBRATION) for the engine's calibration block,
 * engine create, DEPTH_FPS_SET, DEPTH_START, DEPTH_STREAM_START; transfers of
 * the mode's raw size rounded up to 1 KiB; a transfer of any other length than
 * the raw size is not a frame. The SDK reads nothing inside a raw frame: it is
 * the engine's input, opaque to the host, so there is no header to parse here.
 * Device timestamp = the engine's center_of_exposure_in_ticks (90 kHz) in
 * microseconds; a zero exposure after the first good frame is dropped, as the
 * SDK does.
 *
 * Threads: transfer callbacks run on the device's libusb event thread and only
 * hand the raw buffer over; the engine runs on the stream's own worker thread
 * (at most two raw frames wait for it: when the engine is slower, the oldest
 * waiting frame is dropped, counted NO_BUFFER). Every raw frame is counted,
 * for each enabled output (depth, IR), delivered or dropped with a reason:
 * SIZE_MISMATCH (short or oversized transfer), LOST_PAYLOAD (transfer error),
 * NO_BUFFER, ENGINE_FAILED (the engine's result, logged), NO_TIMESTAMP,
 * IMAGE_FAILED, STOPPED. NO_DEVICE calls on_disconnect; a stalled endpoint
 * fails the stream (logged: stop and start the cameras). */
#ifndef OPENK4A_CORE_DEVICE_DEPTH_STREAM_H_
#define OPENK4A_CORE_DEVICE_DEPTH_STREAM_H_

#include <libusb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4atypes.h>

#include "core/device/depth_engine.h"
#include "core/device/frame_sink.h"
#include "core/device/mcu_command.h"
#include "openk4a/device.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* The depth camera's raw depth endpoint (interface 0, beside the depth MCU's
 * command endpoints; core/spec/k4a_mcu_wire.toml). */
#define OK4A_AZURE_KINECT_DEPTH_STREAM_IN 0x83

    /* What a k4a depth mode is on the wire and for the engine. */
    typedef struct
    {
        uint32_t sensor_mode;   /* OPENK4A_K4A_MCU_SENSOR_MODE_* */
        size_t raw_size;        /* bytes of one raw frame */
        size_t transfer_size;   /* raw_size rounded up to 1 KiB: one transfer per frame */
        int engine_mode;        /* OK4A_DE_MODE_* */
        int input_format;       /* OK4A_DE_INPUT_* */
        uint16_t width, height; /* of each output image */
        bool has_depth;         /* false: passive IR gives IR16 only */
    } ok4a_depth_mode_info_t;

    /* False for DEPTH_MODE_OFF and unknown values. */
    bool ok4a_depth_mode_info(k4a_depth_mode_t mode, ok4a_depth_mode_info_t *info);

    /* Why a raw transfer of `length` bytes is not a frame of `info`'s mode
     * (OPENK4A_FRAME_DROP_REASON_COUNT: it is one). */
    openk4a_frame_drop_reason_t ok4a_depth_raw_frame_check(const ok4a_depth_mode_info_t *info, size_t length);

    typedef struct ok4a_depth_stream ok4a_depth_stream_t;
    typedef void(ok4a_depth_stream_event_fn)(void *context);

    typedef struct
    {
        libusb_device_handle *handle; /* the depth camera, its interface claimed */
        uint8_t endpoint;             /* raw depth IN */
        ok4a_mcu_t *mcu;              /* the depth MCU */
        const ok4a_depth_engine_plugin_t *engine;
        /* The depth camera's calibration for this mode, which the engine is
         * given (copied: it lives as long as the stream); NULL: none. */
        const k4a_calibration_camera_t *camera_calibration;
        k4a_depth_mode_t depth_mode;
        k4a_fps_t fps;
        bool deliver_depth, deliver_ir; /* which images go to the sink */
        uint32_t spare_outputs;         /* output buffers images may hold at once */
        ok4a_frame_sink_fn *sink;       /* called on the stream's worker thread */
        void *sink_context;
        ok4a_depth_stream_event_fn *on_disconnect; /* on the libusb event thread */
        void *event_context;
    } ok4a_depth_stream_config_t;

    /* Configures the MCU and the engine and starts streaming. NULL with the
     * reason in why[0, why_size); then nothing runs, is in flight or allocated,
     * and the sensor was told to stop. */
    ok4a_depth_stream_t *ok4a_depth_stream_start(const ok4a_depth_stream_config_t *config, char *why, size_t why_size);

    /* Stops the transfers, the worker, the sensor and the engine; the last
     * counters (depth, IR) go to final_stats[0..1] (may be NULL). Images
     * handed out stay valid. NULL is ignored. Not on the event thread. */
    void ok4a_depth_stream_stop(ok4a_depth_stream_t *stream, openk4a_stream_stats_t final_stats[2]);

    /* The counters of the depth (stats[0]) and IR (stats[1]) outputs. */
    void ok4a_depth_stream_get_stats(ok4a_depth_stream_t *stream, openk4a_stream_stats_t stats[2]);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEPTH_STREAM_H_ */
