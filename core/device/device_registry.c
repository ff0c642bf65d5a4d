/* The devices open in this process (device_registry.h). */
#include "core/device/device_registry.h"

#include <pthread.h>
#include <string.h>

#include "core/device/open_device.h"

static pthread_mutex_t g_open_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct _k4a_device_t *g_open_devices;

ok4a_bus_location_t ok4a_bus_locate(libusb_device *dev)
{
    ok4a_bus_location_t l = {.bus = libusb_get_bus_number(dev), .address = libusb_get_device_address(dev)};
    l.port_count = libusb_get_port_numbers(dev, l.ports, (int)sizeof l.ports);
    if (l.port_count < 0)
        l.port_count = 0;
    return l;
}

static bool same_location(const ok4a_bus_location_t *a, const ok4a_bus_location_t *b)
{
    return a->bus == b->bus && a->address == b->address && a->port_count == b->port_count &&
           memcmp(a->ports, b->ports, (size_t)a->port_count) == 0;
}

bool ok4a_device_register_open(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&g_open_mutex);
    for (struct _k4a_device_t *o = g_open_devices; o != NULL; o = o->next_open)
    {
        if (same_location(&o->location, &d->location) && !atomic_load(&o->disconnected))
        {
            pthread_mutex_unlock(&g_open_mutex);
            return false;
        }
    }
    d->next_open = g_open_devices;
    g_open_devices = d;
    pthread_mutex_unlock(&g_open_mutex);
    return true;
}

void ok4a_device_unregister_open(struct _k4a_device_t *d)
{
    pthread_mutex_lock(&g_open_mutex);
    for (struct _k4a_device_t **o = &g_open_devices; *o != NULL; o = &(*o)->next_open)
    {
        if (*o == d)
        {
            *o = d->next_open;
            break;
        }
    }
    pthread_mutex_unlock(&g_open_mutex);
}
