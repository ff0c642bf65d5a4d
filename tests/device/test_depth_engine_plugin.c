/* A TEST depth engine plugin, not Microsoft's: it implements the published
 * plugin interface (k4a_register_plugin filling the version and eight
 * functions, k4aplugin.h). Its depth engine turns the TEST raw frames of the
 * emulated Azure Kinect (tools/emulator/test_depth_frame.h) into DEPTH16 and
 * IR16 by that header's formulas, and refuses what is not such a frame; its
 * transform engine does nothing. Built twice: with TEST_PLUGIN_MAJOR 2 (what
 * the SDK 1.4 loads) and with another major version, which the loader must
 * refuse. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4atypes.h>

#include "tools/emulator/test_depth_frame.h"

#ifndef TEST_PLUGIN_MAJOR
#define TEST_PLUGIN_MAJOR 2
#endif

/* k4aplugin.h's result codes and modes used here. */
enum
{
    DE_SUCCEEDED = 0,
    DE_INVALID_INPUT_BUFFER_SIZE = 1,
    DE_INVALID_OUTPUT_BUFFER_SIZE = 2,
    DE_INVALID_CAPTURE_SEQUENCE = 3,
    DE_NULL_ENGINE_POINTER = 101,
    DE_INITIALIZE_ENGINE_FAILED = 102,
    DE_UPDATE_CALIBRATION_FAILED = 103,
    DE_NULL_CAMERA_CALIBRATION_POINTER = 107,
    DE_ENGINE_NOT_LOADED = 108,
};

typedef struct
{
    uint16_t output_width;
    uint16_t output_height;
    float sensor_temp;
    float laser_temp[2];
    uint64_t center_of_exposure_in_ticks;
    uint64_t usb_sof_tick;
} output_info_t;

typedef struct
{
    int mode;
    uint32_t sensor_mode;
    uint16_t width, height;
    bool has_depth;
} engine_t;

static uint32_t u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int create(engine_t **context, size_t cal_size, void *cal, int mode, int input_format, void *camera_calibration,
                  void *callback, void *callback_context)
{
    (void)input_format, (void)callback, (void)callback_context;
    if (context == NULL)
        return DE_NULL_ENGINE_POINTER;
    *context = NULL;
    const size_t magic = sizeof OK4A_TEST_DEPTH_CAL_MAGIC - 1;
    if (cal == NULL || cal_size != OK4A_TEST_DEPTH_CAL_SIZE || memcmp(cal, OK4A_TEST_DEPTH_CAL_MAGIC, magic) != 0)
        return DE_UPDATE_CALIBRATION_FAILED;
    engine_t e = {.mode = mode, .has_depth = true};
    switch (mode) /* k4a_depth_engine_mode_t -> the sensor mode and output size */
    {
    case 2:
        e.sensor_mode = 4, e.width = 320, e.height = 288;
        break;
    case 4:
        e.sensor_mode = 4, e.width = 640, e.height = 576;
        break;
    case 7:
        e.sensor_mode = 7, e.width = 512, e.height = 512;
        break;
    case 5:
        e.sensor_mode = 5, e.width = 1024, e.height = 1024;
        break;
    case 3:
        e.sensor_mode = 3, e.width = 1024, e.height = 1024, e.has_depth = false;
        break;
    default:
        return DE_INITIALIZE_ENGINE_FAILED;
    }
    /* The depth camera's calibration, when given, is the mode's (k4a's
     * calibration of each depth mode has that mode's image size). */
    const k4a_calibration_camera_t *camera = camera_calibration;
    if (camera != NULL && (camera->resolution_width != e.width || camera->resolution_height != e.height))
        return DE_NULL_CAMERA_CALIBRATION_POINTER;
    *context = malloc(sizeof **context);
    if (*context == NULL)
        return DE_INITIALIZE_ENGINE_FAILED;
    **context = e;
    return DE_SUCCEEDED;
}

static size_t output_size(engine_t *e)
{
    return e == NULL ? 0 : (size_t)e->width * e->height * 2 * (e->has_depth ? 2 : 1);
}

static int process(engine_t *e, void *input, size_t input_size, int output_type, void *output, size_t output_bytes,
                   output_info_t *info, void *input_info)
{
    (void)output_type, (void)input_info;
    if (e == NULL)
        return DE_NULL_ENGINE_POINTER;
    if (output == NULL || output_bytes < output_size(e))
        return DE_INVALID_OUTPUT_BUFFER_SIZE;
    const uint8_t *in = input;
    if (in == NULL || input_size < OK4A_TEST_DEPTH_HEADER_SIZE || u32(in + 28) != input_size)
        return DE_INVALID_INPUT_BUFFER_SIZE;
    if (u32(in) != OK4A_TEST_DEPTH_MAGIC || u32(in + 4) != e->sensor_mode || (u32(in + 12) & OK4A_TEST_DEPTH_FAIL))
        return DE_INVALID_CAPTURE_SEQUENCE;
    /* The body arrived intact: sampled, every 4099th byte and the last. */
    for (uint32_t i = OK4A_TEST_DEPTH_HEADER_SIZE; i < input_size; i += 4099)
    {
        if (in[i] != ok4a_test_depth_body_byte(i))
            return DE_INVALID_CAPTURE_SEQUENCE;
    }
    if (in[input_size - 1] != ok4a_test_depth_body_byte((uint32_t)input_size - 1))
        return DE_INVALID_CAPTURE_SEQUENCE;
    const uint32_t seed = u32(in + 24);
    uint16_t *depth = output;
    uint16_t *ir = e->has_depth ? depth + (size_t)e->width * e->height : depth;
    for (uint32_t y = 0; y < e->height; y++)
    {
        for (uint32_t x = 0; x < e->width; x++)
        {
            if (e->has_depth)
                depth[(size_t)y * e->width + x] = ok4a_test_depth_value(seed, x, y);
            ir[(size_t)y * e->width + x] = ok4a_test_ir_value(seed, x, y);
        }
    }
    memset(info, 0, sizeof *info);
    info->output_width = e->width;
    info->output_height = e->height;
    info->sensor_temp = 30.5f;
    info->center_of_exposure_in_ticks = (uint64_t)u32(in + 16) | (uint64_t)u32(in + 20) << 32;
    return DE_SUCCEEDED;
}

static void destroy(engine_t **e)
{
    if (e != NULL)
    {
        free(*e);
        *e = NULL;
    }
}

static int not_an_engine(void)
{
    return DE_ENGINE_NOT_LOADED;
}

typedef struct
{
    uint32_t major, minor, patch;
} test_plugin_version_t;

typedef struct
{
    test_plugin_version_t version;
    void *depth_create, *depth_process, *depth_output_size, *depth_destroy;
    int (*transform[4])(void);
} test_plugin_t;

bool k4a_register_plugin(test_plugin_t *plugin);

bool k4a_register_plugin(test_plugin_t *plugin)
{
    plugin->version = (test_plugin_version_t){TEST_PLUGIN_MAJOR, 1, 0};
    /* Function pointers through void *: what dlsym-style tables do (POSIX). */
    int (*c)(engine_t **, size_t, void *, int, int, void *, void *, void *) = create;
    int (*p)(engine_t *, void *, size_t, int, void *, size_t, output_info_t *, void *) = process;
    size_t (*o)(engine_t *) = output_size;
    void (*d)(engine_t **) = destroy;
    memcpy(&plugin->depth_create, &c, sizeof c);
    memcpy(&plugin->depth_process, &p, sizeof p);
    memcpy(&plugin->depth_output_size, &o, sizeof o);
    memcpy(&plugin->depth_destroy, &d, sizeof d);
    for (size_t i = 0; i < sizeof plugin->transform / sizeof plugin->transform[0]; i++)
        plugin->transform[i] = not_an_engine;
    return true;
}
