/* What a device says about itself: its factory calibration, firmware versions
 * and sync jacks, read with the k4a composite device's vendor requests
 * (core/spec/k4a_vendor_wire.toml) on its vendor interface, or a real Azure
 * Kinect's MCUs (its depth MCU: calibration and versions; its colour MCU: sync
 * jacks). A generic UVC camera has none of these. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4a.h>

#include "core/device/color_mcu.h"
#include "core/device/device_internal.h"
#include "core/device/usb_control.h"
#include "core/log.h"
#include "openk4a/usb/k4a_mcu_wire.h"
#include "openk4a/usb/k4a_vendor_wire.h"
#include "openk4a/usb/usb_status.h"

#define OK4A_SYNC_JACK_WHY 384
#define VENDOR_IN (LIBUSB_ENDPOINT_IN | LIBUSB_REQUEST_TYPE_VENDOR | LIBUSB_RECIPIENT_INTERFACE)

void ok4a_device_info_init(ok4a_device_info_t *info)
{
    pthread_mutex_init(&info->mutex, NULL);
    info->calibration = NULL;
    info->calibration_size = 0;
}

void ok4a_device_info_destroy(ok4a_device_info_t *info)
{
    free(info->calibration);
    info->calibration = NULL;
    pthread_mutex_destroy(&info->mutex);
}

void ok4a_describe_usb_result(int result, int expected, char *why, size_t why_size)
{
    if (result == LIBUSB_ERROR_PIPE)
        snprintf(why, why_size, "the device refused the request (STALL)");
    else if (result < 0)
        snprintf(why, why_size, "%s", libusb_error_name(result));
    else
        snprintf(why, why_size, "the device answered %d bytes instead of %d", result, expected);
}

/* One vendor IN request that must answer exactly `length` bytes. */
static bool vendor_in(const ok4a_device_usb_t *usb, uint8_t request, uint16_t value, uint8_t *data, uint16_t length,
                      char *why, size_t why_size)
{
    const int r = ok4a_usb_control(usb->handle, VENDOR_IN, request, value, (uint16_t)usb->vendor_interface, data,
                                   length, OK4A_CONTROL_TIMEOUT_MS);
    if (r == (int)length)
        return true;
    ok4a_describe_usb_result(r, length, why, why_size);
    return false;
}

/* Where the device's own facts come from: the composite model's vendor
 * requests, or a real Azure Kinect's depth MCU. */
static bool has_vendor_interface(const ok4a_device_usb_t *usb, const char *caller, const char *what)
{
    if ((usb->is_k4a && usb->vendor_interface >= 0) || usb->depth_mcu != NULL)
        return true;
    OK4A_LOG_ERROR("%s: this device (a generic UVC camera) has no %s", caller, what);
    return false;
}

/* The calibration document from the depth MCU: *json (malloc'd, size + 1
 * bytes) and *size; false with the reason. */
static bool mcu_calibration(const ok4a_device_usb_t *usb, char **json, uint32_t *size, char *why, size_t why_size)
{
    uint8_t *buffer = malloc(OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE + 1);
    if (buffer == NULL)
    {
        snprintf(why, why_size, "out of memory");
        return false;
    }
    size_t n = 0;
    if (!ok4a_mcu_read(usb->depth_mcu, OPENK4A_K4A_MCU_DEPTH_CMD_READ_CALIBRATION_DATA, NULL, 0, buffer,
                       OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE, &n, why, why_size))
    {
        free(buffer);
        return false;
    }
    /* A real document ends at its last '}' (some firmware pads with NULs). */
    while (n > 0 && buffer[n - 1] == '\0')
        n--;
    char *shrunk = realloc(buffer, n + 1);
    *json = shrunk != NULL ? shrunk : (char *)buffer;
    *size = (uint32_t)n;
    return true;
}

/* The calibration document through the composite model's vendor requests:
 * *json (malloc'd, size + 1 bytes) and *size; false, logged with `caller`. */
static bool vendor_calibration(const ok4a_device_usb_t *usb, const char *caller, char **json_out, uint32_t *size_out)
{
    char why[160] = "";
    uint8_t size_bytes[4];
    if (!vendor_in(usb, OPENK4A_K4A_VENDOR_REQ_CALIBRATION_SIZE, 0, size_bytes, sizeof size_bytes, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: cannot read the calibration size: %s", caller, why);
        return false;
    }
    const uint32_t size = (uint32_t)size_bytes[0] | (uint32_t)size_bytes[1] << 8 | (uint32_t)size_bytes[2] << 16 |
                          (uint32_t)size_bytes[3] << 24;
    if (size == 0 || size > OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE)
    {
        OK4A_LOG_ERROR("%s: the device reports a calibration of %u bytes (must be 1..%u)", caller, size,
                       (unsigned)OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE);
        return false;
    }
    char *json = malloc((size_t)size + 1);
    if (json == NULL)
    {
        OK4A_LOG_ERROR("%s: out of memory for a %u-byte calibration", caller, size);
        return false;
    }
    for (uint32_t offset = 0; offset < size; offset += OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK)
    {
        const uint32_t left = size - offset;
        const uint16_t n =
            (uint16_t)(left < OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK ? left : OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK);
        const uint16_t block = (uint16_t)(offset / OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK);
        if (!vendor_in(usb, OPENK4A_K4A_VENDOR_REQ_CALIBRATION_READ, block, (uint8_t *)json + offset, n, why,
                       sizeof why))
        {
            OK4A_LOG_ERROR("%s: cannot read block %u of the %u-byte calibration: %s", caller, block, size, why);
            free(json);
            return false;
        }
    }
    *json_out = json;
    *size_out = size;
    return true;
}

/* Reads the calibration document into info (its mutex held). */
static bool read_calibration(const ok4a_device_usb_t *usb, const char *caller)
{
    char why[300] = "";
    char *json = NULL;
    uint32_t size = 0;
    if (usb->depth_mcu != NULL)
    {
        if (!mcu_calibration(usb, &json, &size, why, sizeof why))
        {
            OK4A_LOG_ERROR("%s: cannot read the calibration from the depth MCU: %s", caller, why);
            return false;
        }
        if (size == 0)
        {
            OK4A_LOG_ERROR("%s: the depth MCU sent an empty calibration", caller);
            free(json);
            return false;
        }
    }
    else if (!vendor_calibration(usb, caller, &json, &size))
    {
        return false;
    }
    /* The document is text handed on as a C string: a NUL inside would cut it. */
    if (memchr(json, '\0', size) != NULL)
    {
        OK4A_LOG_ERROR("%s: the device's calibration holds a NUL byte at %zu: not a text document", caller,
                       (size_t)((char *)memchr(json, '\0', size) - json));
        free(json);
        return false;
    }
    json[size] = '\0';
    usb->info->calibration = json;
    usb->info->calibration_size = (size_t)size + 1;
    OK4A_LOG_INFO("calibration read: %u bytes", size);
    return true;
}

k4a_buffer_result_t k4a_device_get_raw_calibration(k4a_device_t device_handle, uint8_t *data, size_t *data_size)
{
    ok4a_device_usb_t usb OK4A_DEVICE_USB_SCOPED = {0};
    if (!ok4a_device_usb(device_handle, __func__, &usb))
        return K4A_BUFFER_RESULT_FAILED;
    if (data_size == NULL)
    {
        OK4A_LOG_ERROR("%s: data_size is NULL", __func__);
        return K4A_BUFFER_RESULT_FAILED;
    }
    if (!has_vendor_interface(&usb, __func__, "factory calibration"))
        return K4A_BUFFER_RESULT_FAILED;
    pthread_mutex_lock(&usb.info->mutex);
    if (usb.info->calibration == NULL && !read_calibration(&usb, __func__))
    {
        pthread_mutex_unlock(&usb.info->mutex);
        return K4A_BUFFER_RESULT_FAILED;
    }
    const size_t needed = usb.info->calibration_size;
    k4a_buffer_result_t result = K4A_BUFFER_RESULT_TOO_SMALL;
    if (data != NULL && *data_size >= needed)
    {
        memcpy(data, usb.info->calibration, needed);
        result = K4A_BUFFER_RESULT_SUCCEEDED;
    }
    pthread_mutex_unlock(&usb.info->mutex);
    *data_size = needed;
    return result;
}

static void set_version(k4a_version_t *to, uint32_t major, uint32_t minor, uint32_t iteration)
{
    to->major = major;
    to->minor = minor;
    to->iteration = iteration;
}

k4a_result_t k4a_device_get_version(k4a_device_t device_handle, k4a_hardware_version_t *version)
{
    ok4a_device_usb_t usb OK4A_DEVICE_USB_SCOPED = {0};
    if (!ok4a_device_usb(device_handle, __func__, &usb))
        return K4A_RESULT_FAILED;
    if (version == NULL)
    {
        OK4A_LOG_ERROR("%s: version is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    if (!has_vendor_interface(&usb, __func__, "firmware versions"))
        return K4A_RESULT_FAILED;
    /* One byte more than the structure: a longer reply is caught, not cut. */
    uint8_t reply[OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE + 1];
    size_t got = OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE;
    char why[300] = "";
    openk4a_k4a_vendor_firmware_versions_t v;
    const bool read = usb.depth_mcu != NULL ?
                          ok4a_mcu_read(usb.depth_mcu, OPENK4A_K4A_MCU_DEPTH_CMD_COMPONENT_VERSION_GET, NULL, 0, reply,
                                        sizeof reply, &got, why, sizeof why) :
                          vendor_in(&usb, OPENK4A_K4A_VENDOR_REQ_VERSION, 0, reply,
                                    OPENK4A_K4A_VENDOR_FIRMWARE_VERSIONS_MIN_SIZE, why, sizeof why);
    if (!read)
    {
        OK4A_LOG_ERROR("%s: cannot read the firmware versions: %s", __func__, why);
        return K4A_RESULT_FAILED;
    }
    const openk4a_usb_status_t parsed = openk4a_k4a_vendor_firmware_versions_parse_complete(reply, got, &v);
    if (parsed != OPENK4A_USB_OK)
    {
        OK4A_LOG_ERROR("%s: the firmware version reply (%zu bytes) does not parse: %s", __func__, got,
                       openk4a_usb_status_message(parsed));
        return K4A_RESULT_FAILED;
    }
    set_version(&version->rgb, v.rgb_major, v.rgb_minor, v.rgb_build);
    set_version(&version->depth, v.depth_major, v.depth_minor, v.depth_build);
    set_version(&version->audio, v.audio_major, v.audio_minor, v.audio_build);
    set_version(&version->depth_sensor, v.depth_sensor_cfg_major, v.depth_sensor_cfg_minor, 0);
    switch (v.build_config)
    {
    case OPENK4A_K4A_VENDOR_FIRMWARE_BUILD_RELEASE:
        version->firmware_build = K4A_FIRMWARE_BUILD_RELEASE;
        break;
    case OPENK4A_K4A_VENDOR_FIRMWARE_BUILD_DEBUG:
        version->firmware_build = K4A_FIRMWARE_BUILD_DEBUG;
        break;
    default:
        OK4A_LOG_WARNING("%s: unknown firmware build type %u, reported as debug", __func__, v.build_config);
        version->firmware_build = K4A_FIRMWARE_BUILD_DEBUG;
        break;
    }
    switch (v.signature_type)
    {
    case OPENK4A_K4A_VENDOR_FIRMWARE_SIGNATURE_MSFT:
        version->firmware_signature = K4A_FIRMWARE_SIGNATURE_MSFT;
        break;
    case OPENK4A_K4A_VENDOR_FIRMWARE_SIGNATURE_TEST:
        version->firmware_signature = K4A_FIRMWARE_SIGNATURE_TEST;
        break;
    case OPENK4A_K4A_VENDOR_FIRMWARE_SIGNATURE_UNSIGNED:
        version->firmware_signature = K4A_FIRMWARE_SIGNATURE_UNSIGNED;
        break;
    default:
        OK4A_LOG_WARNING("%s: unknown firmware signature type %u, reported as unsigned", __func__, v.signature_type);
        version->firmware_signature = K4A_FIRMWARE_SIGNATURE_UNSIGNED;
        break;
    }
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t k4a_device_get_sync_jack(k4a_device_t device_handle, bool *sync_in_jack_connected,
                                      bool *sync_out_jack_connected)
{
    ok4a_device_usb_t usb OK4A_DEVICE_USB_SCOPED = {0};
    if (!ok4a_device_usb(device_handle, __func__, &usb))
        return K4A_RESULT_FAILED;
    if (sync_in_jack_connected == NULL || sync_out_jack_connected == NULL)
    {
        OK4A_LOG_ERROR("%s: %s is NULL", __func__,
                       sync_in_jack_connected == NULL ? "sync_in_jack_connected" : "sync_out_jack_connected");
        return K4A_RESULT_FAILED;
    }
    if (usb.color_mcu != NULL)
    {
        char reason[OK4A_SYNC_JACK_WHY] = "";
        if (!ok4a_color_mcu_read_sync_jacks(usb.color_mcu, sync_in_jack_connected, sync_out_jack_connected, reason,
                                            sizeof reason))
        {
            OK4A_LOG_ERROR("%s: %s", __func__, reason);
            return K4A_RESULT_FAILED;
        }
        return K4A_RESULT_SUCCEEDED;
    }
    if (!usb.is_k4a || usb.vendor_interface < 0)
    {
        *sync_in_jack_connected = *sync_out_jack_connected = false; /* no jacks at all */
        return K4A_RESULT_SUCCEEDED;
    }
    uint8_t jacks = 0;
    char why[160] = "";
    if (!vendor_in(&usb, OPENK4A_K4A_VENDOR_REQ_SYNC_JACK, 0, &jacks, 1, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: cannot read the sync jack state: %s", __func__, why);
        return K4A_RESULT_FAILED;
    }
    *sync_in_jack_connected = (jacks & OPENK4A_K4A_VENDOR_SYNC_JACK_IN) != 0;
    *sync_out_jack_connected = (jacks & OPENK4A_K4A_VENDOR_SYNC_JACK_OUT) != 0;
    return K4A_RESULT_SUCCEEDED;
}
