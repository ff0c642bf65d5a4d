/* Device handles (internal): a table of open devices with generations, so a
 * k4a_device_t stays safe to pass after k4a_device_close() (the API promises
 * a logged failure, not a crash) and never names a device opened later.
 *
 * A handle is not a pointer: it encodes a table slot and that slot's
 * generation, which changes when the device is removed. Every API call
 * acquires the device for its duration; removal first stops new
 * acquisitions, then waits until the calls in progress have released it
 * (the caller wakes any that wait for data first), so a device's memory is
 * never freed under a call that was given it.
 *
 * Thread-safe. */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_HANDLES_H_
#define OPENK4A_CORE_DEVICE_DEVICE_HANDLES_H_

#include <stdbool.h>

#include <k4a/k4a.h>

#ifdef __cplusplus
extern "C"
{
#endif

/* Devices open at once in a process. */
#define OK4A_MAX_OPEN_DEVICES 255

    /* A new handle for `device`; false when OK4A_MAX_OPEN_DEVICES are open. */
    bool ok4a_device_handle_add(void *device, k4a_device_t *handle);

    /* The device of `handle`, held until ok4a_device_handle_release(); NULL for
     * a handle that is not (or no longer) a device, or whose removal began. */
    void *ok4a_device_handle_acquire(k4a_device_t handle);
    void ok4a_device_handle_release(k4a_device_t handle);

    /* Acquires the device and makes every later acquire fail: the start of a
     * removal. NULL as ok4a_device_handle_acquire(), or when a removal of it
     * already began (a second concurrent close). */
    void *ok4a_device_handle_begin_remove(k4a_device_t handle);

    /* Waits until every other acquirer released the device, then frees the
     * slot for a new generation. After ok4a_device_handle_begin_remove(). */
    void ok4a_device_handle_finish_remove(k4a_device_t handle);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_HANDLES_H_ */
