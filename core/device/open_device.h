/* An open device's state, shared by the files of the device library
 * (internal to //core/device; the other parts reach it through
 * device_internal.h).
 *
 * One libusb context per open device, with two threads: the event thread
 * runs libusb's event loop (all transfer callbacks: frame assembly, image
 * creation, capture sync), the service thread does what must not run there
 * (clearing a stalled endpoint). API calls that change streaming state are
 * serialised by api_mutex; the capture and IMU queues are borrowed (a count
 * of users under queue_mutex, never a lock held while waiting), so
 * get_capture()/get_imu_sample() never see a queue being freed and never
 * hold up stop_imu/stop_cameras/close/get_stats: those close the queue
 * first, which returns every waiter at once, then wait for the borrowers.
 *
 * Where each part lives: device.c (open, close, what the device is),
 * device_discovery.c (which USB devices are k4a devices, in which order),
 * device_registry.c (devices open in this process), handle_parking.c
 * (handles libusb must not close), device_threads.c (event and service
 * threads), device_queues.c (borrowed queues), device_cameras.c,
 * device_imu.c, device_stats.c. */
#ifndef OPENK4A_CORE_DEVICE_OPEN_DEVICE_H_
#define OPENK4A_CORE_DEVICE_OPEN_DEVICE_H_

#include <libusb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <k4a/k4a.h>

#include "core/calibration/imu_correction.h"
#include "core/device/color_stage.h"
#include "core/device/depth_stream.h"
#include "core/device/device_internal.h"
#include "core/device/device_registry.h"
#include "core/device/mcu_command.h"
#include "core/device/uvc_stream.h"
#include "openk4a/device.h"
#include "openk4a/usb/uvc_descriptors.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_CAPTURE_QUEUE 8
/* Images a consumer may reasonably hold at once, beyond the capture queue. */
#define OK4A_CONSUMER_HELD 8
/* Frame buffers per stream beyond its transfers: the capture queue plus
 * what a consumer may reasonably hold at once. Bounds memory. */
#define OK4A_SPARE_BUFFERS (OK4A_CAPTURE_QUEUE + OK4A_CONSUMER_HELD)
#define OK4A_WHY 512

    /* A queue that API calls borrow while they wait on it (device_queues.c). */
    typedef struct
    {
        void *queue;
        int borrowers;
    } ok4a_queue_slot_t;

    struct _k4a_device_t
    {
        k4a_device_t api_handle; /* what the API knows it by (core/device/device_handles) */
        libusb_context *ctx;
        libusb_device_handle *handle;
        bool is_k4a;                        /* the k4a composite model (045E:0A7E) */
        bool is_azure_kinect;               /* a real Azure Kinect: `handle` is its colour camera */
        libusb_device_handle *depth_handle; /* a real Azure Kinect's depth camera, its interface claimed */
        ok4a_mcu_t depth_mcu;               /* its depth MCU's commands, when has_depth_mcu */
        bool has_depth_mcu;
        bool color_mcu_claimed; /* a real Azure Kinect's colour MCU interface, on `handle` */
        ok4a_mcu_t color_mcu;   /* its commands (IMU, sync jacks), when has_color_mcu */
        bool has_color_mcu;
        char serial[128];
        uint8_t *config_bytes;
        openk4a_uvc_config_t *model;
        int imu_interface; /* -1: none */
        uint8_t imu_endpoint;

        pthread_t event_thread;
        atomic_bool quit_events;
        pthread_t service_thread;
        pthread_mutex_t service_mutex;
        pthread_cond_t service_cond;
        bool service_requested;
        bool quit_service;

        pthread_mutex_t api_mutex;
        ok4a_uvc_stream_t *streams[OPENK4A_STREAM_COUNT];
        ok4a_color_stage_t *color_stage;         /* BGRA32 colour: between the colour stream and the sync */
        ok4a_depth_stream_t *depth_stream;       /* a real Azure Kinect's depth and IR (depth_stream.h) */
        ok4a_depth_engine_plugin_t depth_engine; /* what depth_stream runs, while it runs */
        bool cameras_running;
        bool closing;            /* under api_mutex: k4a_device_close() began, nothing may start */
        _Atomic(int) color_mode; /* openk4a_color_mode_t for the next start */
        struct timespec
            color_started_at; /* under api_mutex: the colour camera's last start (CLOCK_MONOTONIC; 0: never) */

        pthread_mutex_t queue_mutex; /* guards the two queue slots; never held while waiting for data */
        pthread_cond_t queue_returned;
        ok4a_queue_slot_t sync; /* ok4a_capture_sync_t */
        ok4a_queue_slot_t imu;  /* ok4a_imu_stream_t */
        /* A real Azure Kinect's samples are corrected with its IMU calibration
         * when read (device_imu.c); loaded at the first k4a_device_start_imu. */
        pthread_mutex_t imu_correction_mutex; /* guards the two below */
        bool imu_correction_loaded;
        ok4a_imu_correction_t imu_correction;

        atomic_bool disconnected;
        atomic_bool stream_failed;     /* a stream could not recover since the cameras started */
        atomic_bool handle_unclosable; /* see ok4a_usb_set_alt_setting */
        ok4a_bus_location_t location;
        struct _k4a_device_t *next_open; /* the process's open devices (device_registry.c) */
        pthread_mutex_t stats_mutex;
        openk4a_device_stats_t past; /* counters of stopped streams and queues */
        ok4a_device_info_t info;     /* device_info.c: calibration */
    };

    /* The device of `handle`, held until ok4a_device_leave(); NULL (logged with
     * `caller`) for a bad handle. */
    struct _k4a_device_t *ok4a_device_acquire(k4a_device_t handle, const char *caller);
    void ok4a_device_leave(struct _k4a_device_t **d);

/* Declares `d`: the device of `handle` for the rest of the enclosing block
 * (k4a_device_close() waits for it), or NULL, logged, for a bad handle. */
#define USING_DEVICE(d, handle)                                                                                        \
    struct _k4a_device_t *d __attribute__((cleanup(ok4a_device_leave))) = ok4a_device_acquire((handle), __func__)

    /* device_queues.c: the queue in `slot`, counted as borrowed until
     * ok4a_device_give_back(); NULL when none. */
    void *ok4a_device_borrow(struct _k4a_device_t *d, ok4a_queue_slot_t *slot);
    void ok4a_device_give_back(struct _k4a_device_t *d, ok4a_queue_slot_t *slot);
    void ok4a_device_install_queue(struct _k4a_device_t *d, ok4a_queue_slot_t *slot, void *queue);
    /* Empties `slot` and waits until nobody borrows its queue. The queue must be
     * closed first, so that its waiters return at once. */
    void ok4a_device_uninstall_queue(struct _k4a_device_t *d, ok4a_queue_slot_t *slot);

    /* device_threads.c: starts the event and service threads (false, logged
     * with `caller`, when one cannot start; none then runs); stops them. */
    bool ok4a_device_threads_start(struct _k4a_device_t *d, const char *caller);
    void ok4a_device_threads_stop(struct _k4a_device_t *d);
    /* Stream callbacks (uvc_stream.h, imu_stream.h): `context` is the device. */
    void ok4a_device_request_service(void *context);
    void ok4a_device_on_disconnect(void *context);

    /* device_cameras.c, device_imu.c: stop what runs (k4a_device_close). */
    void ok4a_device_stop_cameras(struct _k4a_device_t *d);
    void ok4a_device_stop_imu(struct _k4a_device_t *d);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_OPEN_DEVICE_H_ */
