/* Which USB devices are k4a devices, and in which order (device_discovery.h). */
#include "core/device/device_discovery.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/log.h"
#include "openk4a/device.h"

#define OK4A_K4A_VID 0x045E
#define OK4A_K4A_PID 0x0A7E

static atomic_bool g_generic_uvc;

void openk4a_device_set_generic_uvc(bool enabled)
{
    atomic_store(&g_generic_uvc, enabled);
}

static bool has_video_control(libusb_device *dev)
{
    struct libusb_config_descriptor *config = NULL;
    if (libusb_get_active_config_descriptor(dev, &config) != 0 && libusb_get_config_descriptor(dev, 0, &config) != 0)
        return false;
    bool found = false;
    for (int i = 0; i < config->bNumInterfaces && !found; i++)
    {
        for (int a = 0; a < config->interface[i].num_altsetting && !found; a++)
        {
            const struct libusb_interface_descriptor *alt = &config->interface[i].altsetting[a];
            found = alt->bInterfaceClass == LIBUSB_CLASS_VIDEO && alt->bInterfaceSubClass == 1;
        }
    }
    libusb_free_config_descriptor(config);
    return found;
}

static bool is_candidate(libusb_device *dev, bool *is_k4a)
{
    struct libusb_device_descriptor dd;
    if (libusb_get_device_descriptor(dev, &dd) != 0)
        return false;
    *is_k4a = dd.idVendor == OK4A_K4A_VID && dd.idProduct == OK4A_K4A_PID;
    return *is_k4a || (atomic_load(&g_generic_uvc) && has_video_control(dev));
}

/* Stable order: bus, then port path. */
static int compare_devices(const void *a, const void *b)
{
    libusb_device *da = *(libusb_device *const *)a, *db = *(libusb_device *const *)b;
    if (libusb_get_bus_number(da) != libusb_get_bus_number(db))
        return libusb_get_bus_number(da) - libusb_get_bus_number(db);
    uint8_t pa[8] = {0}, pb[8] = {0};
    const int na = libusb_get_port_numbers(da, pa, 8), nb = libusb_get_port_numbers(db, pb, 8);
    const int c = memcmp(pa, pb, 8);
    if (c != 0)
        return c;
    if (na != nb)
        return na - nb;
    return libusb_get_device_address(da) - libusb_get_device_address(db);
}

int ok4a_list_candidates(libusb_context *ctx, libusb_device ***list, libusb_device **out, bool *is_k4a)
{
    const ssize_t n = libusb_get_device_list(ctx, list);
    if (n < 0)
    {
        *list = NULL;
        return 0;
    }
    int count = 0;
    for (ssize_t i = 0; i < n && count < OK4A_MAX_CANDIDATES; i++)
    {
        bool k4a = false;
        if (is_candidate((*list)[i], &k4a))
            out[count++] = (*list)[i];
    }
    qsort(out, (size_t)count, sizeof *out, compare_devices);
    for (int i = 0; i < count && is_k4a != NULL; i++)
        is_candidate(out[i], &is_k4a[i]);
    return count;
}

uint32_t k4a_device_get_installed_count(void)
{
    libusb_context *ctx = NULL;
    if (libusb_init(&ctx) != 0)
    {
        OK4A_LOG_ERROR("%s: libusb_init failed", __func__);
        return 0;
    }
    libusb_device **list = NULL;
    libusb_device *candidates[OK4A_MAX_CANDIDATES];
    const int count = ok4a_list_candidates(ctx, &list, candidates, NULL);
    if (list != NULL)
        libusb_free_device_list(list, 1);
    libusb_exit(ctx);
    return (uint32_t)count;
}
