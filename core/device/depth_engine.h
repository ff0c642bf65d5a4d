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

    /* The plugin's table. The functions are kept as untyped entry points here:
     * nothing calls them yet (raw depth streaming is not wired), but all eight
     * must be there for a plugin to be accepted. */
    typedef void (*ok4a_depth_engine_entry_t)(void);
    typedef struct
    {
        ok4a_depth_engine_version_t version;
        ok4a_depth_engine_entry_t depth_create;
        ok4a_depth_engine_entry_t depth_process;
        ok4a_depth_engine_entry_t depth_output_size;
        ok4a_depth_engine_entry_t depth_destroy;
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
