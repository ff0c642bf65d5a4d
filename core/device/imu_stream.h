/* The IMU endpoint of a k4a device (internal): a switch starts the packets
 * (the k4a composite's vendor request, or a real Azure Kinect's colour MCU
 * command), a small ring of bulk transfers receives them, each packet is
 * decoded (core/usb/imu_packet) into k4a_imu_sample_t and queued. The queue
 * is bounded: when the consumer is slow the OLDEST samples go (counted). */
#ifndef OPENK4A_CORE_DEVICE_IMU_STREAM_H_
#define OPENK4A_CORE_DEVICE_IMU_STREAM_H_

#include <libusb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <k4a/k4a.h>

#include "core/device/uvc_stream.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct ok4a_imu_stream ok4a_imu_stream_t;

    typedef struct
    {
        uint64_t delivered;
        uint64_t dropped;
        uint64_t bad_packets;
        uint64_t transfer_errors;
        uint64_t stalls_cleared;
        uint64_t failures;           /* the halt would not clear: the stream closed */
        uint64_t before_clock_reset; /* skipped: stamped before the device clock's reset (not exported) */
    } ok4a_imu_stats_t;

/* A real Azure Kinect resets its device clock when its colour camera starts,
 * which takes a moment: an IMU started within this long after a colour start
 * skips samples stamped later than this, until one is not (the clock has
 * reset), so that timestamps never go back. The SDK's MAX_IMU_TIME_STAMP_MS. */
#define OK4A_IMU_CLOCK_RESET_MS 1500

    /* Turns the device's IMU packets on or off; false with why[0, why_size). */
    typedef bool ok4a_imu_switch_fn(void *context, bool on, char *why, size_t why_size);

    /* How a stream turns its packets on and off. fn NULL: the k4a composite's
     * vendor request OPENK4A_K4A_VENDOR_REQ_IMU_STREAM, and the stream claims
     * `interface_number` itself; otherwise fn(context, ...), and the switch's
     * owner holds the interface. */
    typedef struct
    {
        ok4a_imu_switch_fn *fn;
        void *context;
    } ok4a_imu_switch_t;

    /* A stalled endpoint is not resubmitted: on_service_needed asks for
     * ok4a_imu_stream_service() on another thread. */
    /* wait_for_clock_reset: skip samples until the device clock's reset (see
     * OK4A_IMU_CLOCK_RESET_MS). */
    ok4a_imu_stream_t *ok4a_imu_stream_start(libusb_device_handle *handle, uint8_t interface_number, uint8_t endpoint,
                                             ok4a_imu_switch_t on_off, bool wait_for_clock_reset,
                                             ok4a_stream_event_fn *on_disconnect,
                                             ok4a_stream_event_fn *on_service_needed, void *event_context, char *why,
                                             size_t why_size);
    /* Not on the event thread: clears a stalled endpoint (bounded retries, see
     * ok4a_usb_clear_halt_retrying) and resubmits; if it will not clear, the
     * stream closes (waiting consumers get FAILED), logged and counted. */
    void ok4a_imu_stream_service(ok4a_imu_stream_t *imu);
    /* Stops and frees; the last counters go to *final_stats (may be NULL). */
    void ok4a_imu_stream_stop(ok4a_imu_stream_t *imu, ok4a_imu_stats_t *final_stats);
    /* As k4a_device_get_imu_sample(); FAILED once closed (stopped, lost) and empty. */
    k4a_wait_result_t ok4a_imu_stream_pop(ok4a_imu_stream_t *imu, k4a_imu_sample_t *sample, int32_t timeout_ms);
    /* Wakes waiting consumers for good (device lost). */
    void ok4a_imu_stream_close(ok4a_imu_stream_t *imu);
    void ok4a_imu_stream_get_stats(ok4a_imu_stream_t *imu, ok4a_imu_stats_t *stats);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_IMU_STREAM_H_ */
