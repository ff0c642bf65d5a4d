/* Which USB devices make which k4a devices, and in which order
 * (device_discovery.h). */
#include "core/device/device_discovery.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/log.h"
#include "openk4a/device.h"

/* USB 3 allows 7 tiers of hubs; libusb's port paths fit in 8. */
#define OK4A_MAX_PORT_DEPTH 8

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

/* What part of a unit `dev` is. */
typedef enum
{
    PART_NONE,
    PART_COMPOSITE,
    PART_AZURE_KINECT_DEPTH,
    PART_AZURE_KINECT_COLOR,
    PART_GENERIC_UVC,
} part_t;

static part_t classify(libusb_device *dev)
{
    struct libusb_device_descriptor dd;
    if (libusb_get_device_descriptor(dev, &dd) != 0)
        return PART_NONE;
    if (dd.idVendor == OK4A_MICROSOFT_VID)
    {
        switch (dd.idProduct)
        {
        case OK4A_K4A_COMPOSITE_PID:
            return PART_COMPOSITE;
        case OK4A_AZURE_KINECT_DEPTH_PID:
            return PART_AZURE_KINECT_DEPTH;
        case OK4A_AZURE_KINECT_COLOR_PID:
            return PART_AZURE_KINECT_COLOR;
        case OK4A_AZURE_KINECT_MICROPHONE_PID:
            return PART_NONE; /* not used: the SDK does not either */
        default:
            break;
        }
    }
    return atomic_load(&g_generic_uvc) && has_video_control(dev) ? PART_GENERIC_UVC : PART_NONE;
}

/* Stable order: bus, then port path. */
static int compare_devices(libusb_device *da, libusb_device *db)
{
    if (libusb_get_bus_number(da) != libusb_get_bus_number(db))
        return libusb_get_bus_number(da) - libusb_get_bus_number(db);
    uint8_t pa[OK4A_MAX_PORT_DEPTH] = {0}, pb[OK4A_MAX_PORT_DEPTH] = {0};
    const int na = libusb_get_port_numbers(da, pa, OK4A_MAX_PORT_DEPTH);
    const int nb = libusb_get_port_numbers(db, pb, OK4A_MAX_PORT_DEPTH);
    const int c = memcmp(pa, pb, OK4A_MAX_PORT_DEPTH);
    if (c != 0)
        return c;
    if (na != nb)
        return na - nb;
    return libusb_get_device_address(da) - libusb_get_device_address(db);
}

/* The device that places a unit in the order: its depth camera when it has one. */
static libusb_device *placing(const ok4a_unit_t *u)
{
    return u->depth != NULL ? u->depth : u->uvc;
}

static int compare_units(const void *a, const void *b)
{
    return compare_devices(placing(a), placing(b));
}

/* Both behind the same hub (same bus, same port path but the last port).
 * An Azure Kinect's cameras always sit behind the unit's own hub, so a device
 * on a root port (path of one port) is nobody's partner. */
static bool same_hub(libusb_device *a, libusb_device *b)
{
    uint8_t pa[OK4A_MAX_PORT_DEPTH], pb[OK4A_MAX_PORT_DEPTH];
    const int na = libusb_get_port_numbers(a, pa, OK4A_MAX_PORT_DEPTH);
    const int nb = libusb_get_port_numbers(b, pb, OK4A_MAX_PORT_DEPTH);
    return libusb_get_bus_number(a) == libusb_get_bus_number(b) && na >= 2 && na == nb &&
           memcmp(pa, pb, (size_t)na - 1) == 0;
}

/* How many of devices[0, count) sit behind the same hub as `dev`; the last one in *match. */
static int hub_mates(libusb_device *dev, libusb_device *const *devices, int count, libusb_device **match)
{
    int mates = 0;
    for (int i = 0; i < count; i++)
    {
        if (same_hub(dev, devices[i]))
        {
            mates++;
            *match = devices[i];
        }
    }
    return mates;
}

int ok4a_list_units(libusb_context *ctx, libusb_device ***list, ok4a_unit_t *out)
{
    const ssize_t n = libusb_get_device_list(ctx, list);
    if (n < 0)
    {
        *list = NULL;
        return 0;
    }
    libusb_device *depth[OK4A_MAX_CANDIDATES], *color[OK4A_MAX_CANDIDATES];
    int depth_count = 0, color_count = 0, count = 0;
    for (ssize_t i = 0; i < n && count < OK4A_MAX_CANDIDATES; i++)
    {
        libusb_device *dev = (*list)[i];
        switch (classify(dev))
        {
        case PART_COMPOSITE:
            out[count++] = (ok4a_unit_t){.kind = OK4A_UNIT_K4A_COMPOSITE, .uvc = dev};
            break;
        case PART_GENERIC_UVC:
            out[count++] = (ok4a_unit_t){.kind = OK4A_UNIT_GENERIC_UVC, .uvc = dev};
            break;
        case PART_AZURE_KINECT_DEPTH:
            if (depth_count < OK4A_MAX_CANDIDATES)
                depth[depth_count++] = dev;
            break;
        case PART_AZURE_KINECT_COLOR:
            if (color_count < OK4A_MAX_CANDIDATES)
                color[color_count++] = dev;
            break;
        case PART_NONE:
            break;
        }
    }
    /* A depth and a colour camera are one unit when each is the other's only
     * hub mate; anything else stays a half, which open explains. */
    bool color_paired[OK4A_MAX_CANDIDATES] = {false};
    for (int d = 0; d < depth_count && count < OK4A_MAX_CANDIDATES; d++)
    {
        libusb_device *mate = NULL, *back = NULL;
        ok4a_unit_t unit = {.kind = OK4A_UNIT_AZURE_KINECT, .depth = depth[d]};
        if (hub_mates(depth[d], color, color_count, &mate) == 1 && hub_mates(mate, depth, depth_count, &back) == 1)
        {
            unit.uvc = mate;
            for (int c = 0; c < color_count; c++)
                color_paired[c] = color_paired[c] || color[c] == mate;
        }
        out[count++] = unit;
    }
    for (int c = 0; c < color_count && count < OK4A_MAX_CANDIDATES; c++)
    {
        if (!color_paired[c])
            out[count++] = (ok4a_unit_t){.kind = OK4A_UNIT_AZURE_KINECT, .uvc = color[c]};
    }
    qsort(out, (size_t)count, sizeof *out, compare_units);
    return count;
}

bool ok4a_unit_half_attached(const ok4a_unit_t *unit)
{
    return unit->kind == OK4A_UNIT_AZURE_KINECT && (unit->uvc == NULL || unit->depth == NULL);
}

/* "bus 1 port 4.2" */
static void describe_place(libusb_device *dev, char *text, size_t size)
{
    uint8_t ports[OK4A_MAX_PORT_DEPTH];
    const int n = libusb_get_port_numbers(dev, ports, OK4A_MAX_PORT_DEPTH);
    int used = snprintf(text, size, "bus %u port ", libusb_get_bus_number(dev));
    for (int i = 0; i < n && used > 0 && (size_t)used < size; i++)
        used += snprintf(text + used, size - (size_t)used, i == 0 ? "%u" : ".%u", ports[i]);
}

void ok4a_describe_half_attached(const ok4a_unit_t *unit, char *why, size_t why_size)
{
    char place[64];
    const bool has_depth = unit->depth != NULL;
    describe_place(has_depth ? unit->depth : unit->uvc, place, sizeof place);
    snprintf(why, why_size,
             "this Azure Kinect is half-attached: its %s (045E:%04X, %s) is there but its %s (045E:%04X) is not "
             "(or not behind the same hub); unplug the unit's USB and power cables, plug them in again, and use a "
             "USB 3 port with the unit's own power supply",
             has_depth ? "depth camera" : "colour camera",
             has_depth ? OK4A_AZURE_KINECT_DEPTH_PID : OK4A_AZURE_KINECT_COLOR_PID, place,
             has_depth ? "colour camera" : "depth camera",
             has_depth ? OK4A_AZURE_KINECT_COLOR_PID : OK4A_AZURE_KINECT_DEPTH_PID);
}

void ok4a_describe_open_error(int libusb_error, const char *what, char *why, size_t why_size)
{
    switch (libusb_error)
    {
    case LIBUSB_ERROR_ACCESS:
        snprintf(why, why_size,
                 "%s: not permitted (EACCES): no udev rule gives this user its USB device; install "
                 "99-k4a.rules (tools/packaging/, or /usr/lib/udev/rules.d/ from the package) and replug the "
                 "device (README: \"A real Azure Kinect\")",
                 what);
        break;
    case LIBUSB_ERROR_BUSY:
        snprintf(why, why_size,
                 "%s is busy: another program (k4aviewer, another k4a or openk4a program) has it open; close "
                 "that program first",
                 what);
        break;
    case LIBUSB_ERROR_NO_DEVICE:
    case LIBUSB_ERROR_NOT_FOUND:
        snprintf(why, why_size, "%s went away while being opened (unplugged?)", what);
        break;
    default:
        snprintf(why, why_size, "%s: %s", what, libusb_error_name(libusb_error));
        break;
    }
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
    ok4a_unit_t units[OK4A_MAX_CANDIDATES];
    const int count = ok4a_list_units(ctx, &list, units);
    for (int i = 0; i < count; i++)
    {
        if (ok4a_unit_half_attached(&units[i]))
        {
            char why[512];
            ok4a_describe_half_attached(&units[i], why, sizeof why);
            OK4A_LOG_WARNING("%s: device %d: %s", __func__, i, why);
        }
    }
    if (list != NULL)
        libusb_free_device_list(list, 1);
    libusb_exit(ctx);
    return (uint32_t)count;
}
