/* Microsoft's depth engine plugin (internal to //core/device): what turns a
 * real Azure Kinect's raw depth frames into DEPTH16/IR16 is a closed library,
 * libdepthengine.so.2.0, which the Azure Kinect SDK loads at run time through
 * a published plugin interface (k4aplugin.h, interface version 2): the
 * library exports k4a_register_plugin(), which fills a table of a version and
 * eight functions (depth engine create/process/output size/destroy, transform
 * engine the same). The layout below follows that interface.
 *
 * The library is looked up by name through the dynamic loader; the
 * environment variable OPENK4A_DEPTH_ENGINE names another file instead (tests
 * load a test plugin that way). Thread-safe. */
#ifndef OPENK4A_CORE_DEVICE_DEPTH_ENGINE_H_
#define OPENK4A_CORE_DEVICE_DEPTH_ENGINE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_DEPTH_ENGINE_LIBRARY "libdepthengine.so.2.0"
#define OK4A_DEPTH_ENGINE_REGISTER "k4a_register_plugin"
/* The interface version (major) the SDK 1.4 and this driver speak. */
#define OK4A_DEPTH_ENGINE_INTERFACE 2

    typedef struct
    {
        uint32_t major;
        uint32_t minor;
        uint32_t patch;
    } ok4a_depth_engine_version_t;

    /* The depth engine's side of the interface (k4aplugin.h): modes, input
     * types, result codes and the output frame's description. */
    enum
    {
        OK4A_DE_MODE_LT_SW_BINNING = 2,      /* NFOV 2x2 binned */
        OK4A_DE_MODE_PCM = 3,                /* passive IR */
        OK4A_DE_MODE_LT_NATIVE = 4,          /* NFOV unbinned */
        OK4A_DE_MODE_MEGA_PIXEL = 5,         /* WFOV unbinned */
        OK4A_DE_MODE_QUARTER_MEGA_PIXEL = 7, /* WFOV 2x2 binned */
        OK4A_DE_INPUT_12BIT_COMPRESSED = 3,
        OK4A_DE_INPUT_8BIT_COMPRESSED = 4, /* WFOV unbinned only */
        OK4A_DE_OUTPUT_Z_DEPTH = 0,
        OK4A_DE_RESULT_SUCCEEDED = 0,
    };

    typedef struct
    {
        uint16_t output_width;
        uint16_t output_height;
        float sensor_temp; /* degrees C */
        float laser_temp[2];
        uint64_t center_of_exposure_in_ticks; /* 90 kHz device clock */
        uint64_t usb_sof_tick;
    } ok4a_depth_engine_output_info_t;

    typedef struct ok4a_depth_engine_context ok4a_depth_engine_context_t;
    typedef void(ok4a_depth_engine_done_fn)(void *context, int status, void *output_frame);
    typedef int (*ok4a_de_create_fn)(ok4a_depth_engine_context_t **context, size_t cal_block_size, void *cal_block,
                                     int mode, int input_format, void *camera_calibration,
                                     ok4a_depth_engine_done_fn *callback, void *callback_context);
    typedef int (*ok4a_de_process_fn)(ok4a_depth_engine_context_t *context, void *input_frame, size_t input_frame_size,
                                      int output_type, void *output_frame, size_t output_frame_size,
                                      ok4a_depth_engine_output_info_t *output_info, void *input_info);
    typedef size_t (*ok4a_de_output_size_fn)(ok4a_depth_engine_context_t *context);
    typedef void (*ok4a_de_destroy_fn)(ok4a_depth_engine_context_t **context);

    /* The plugin's table. The transform engine's functions are kept untyped:
     * openk4a transforms on its own, but all eight must be there for a
     * plugin to be accepted. */
    typedef void (*ok4a_depth_engine_entry_t)(void);
    typedef struct
    {
        ok4a_depth_engine_version_t version;
        ok4a_de_create_fn depth_create;
        ok4a_de_process_fn depth_process;
        ok4a_de_output_size_fn depth_output_size;
        ok4a_de_destroy_fn depth_destroy;
        ok4a_depth_engine_entry_t transform_create;
        ok4a_depth_engine_entry_t transform_process;
        ok4a_depth_engine_entry_t transform_output_size;
        ok4a_depth_engine_entry_t transform_destroy;
    } ok4a_depth_engine_plugin_t;

    /* Loads the depth engine and checks its interface: true with *plugin filled
     * (the library stays loaded for the life of the process), or false with
     * why[0, why_size) naming the library, what is wrong and where it comes from. */
    bool ok4a_depth_engine_load(ok4a_depth_engine_plugin_t *plugin, char *why, size_t why_size);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_DEPTH_ENGINE_H_ */
