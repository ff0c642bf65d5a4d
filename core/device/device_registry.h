/* The devices open in this process (internal to //core/device), by where they
 * sit on the bus. The Azure Kinect SDK fails a second open of a device (its
 * interfaces are claimed); so does this driver, up front. Thread-safe. */
#ifndef OPENK4A_CORE_DEVICE_DEVICE_REGISTRY_H_
#define OPENK4A_CORE_DEVICE_DEVICE_REGISTRY_H_

#include <libusb.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Where a device sits on the bus: what "already open" is judged by. */
    typedef struct
    {
        uint8_t bus;
        uint8_t address;
        int port_count;
        uint8_t ports[8];
    } ok4a_bus_location_t;

    ok4a_bus_location_t ok4a_bus_locate(libusb_device *dev);

    struct _k4a_device_t;

    /* Records `d` as open at its location, unless a device there is open
     * already. A re-plugged device gets a new address, so a handle left open on
     * the unplugged one does not block it. */
    bool ok4a_device_register_open(struct _k4a_device_t *d);

    /* Forgets `d`; nothing when it is not recorded. */
    void ok4a_device_unregister_open(struct _k4a_device_t *d);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEVICE_REGISTRY_H_ */
