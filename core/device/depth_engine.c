/* Microsoft's depth engine plugin (depth_engine.h). */
#include "core/device/depth_engine.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the library comes from, for every message that names it. */
#define WHERE_FROM                                                                                                     \
    "it is Microsoft's closed depth engine, shipped in Microsoft's Debian package libk4a1.4 "                          \
    "(packages.microsoft.com) or with the Azure Kinect SDK; install it into the library path (or set "                 \
    "OPENK4A_DEPTH_ENGINE to its file); colour works without it (depth_mode OFF)"

typedef bool (*register_fn_t)(ok4a_depth_engine_plugin_t *plugin);

bool ok4a_depth_engine_load(ok4a_depth_engine_plugin_t *plugin, char *why, size_t why_size)
{
    const char *override = getenv("OPENK4A_DEPTH_ENGINE");
    const char *file = override != NULL && override[0] != '\0' ? override : OK4A_DEPTH_ENGINE_LIBRARY;
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL)
    {
        const char *error = dlerror();
        snprintf(why, why_size, "depth needs %s, which cannot be loaded (%s); %s", file,
                 error != NULL ? error : "not found", WHERE_FROM);
        return false;
    }
    /* POSIX's way to take a function from dlsym(). */
    register_fn_t register_plugin;
    void *symbol = dlsym(library, OK4A_DEPTH_ENGINE_REGISTER);
    memcpy(&register_plugin, &symbol, sizeof register_plugin);
    memset(plugin, 0, sizeof *plugin);
    const char *problem = NULL;
    if (symbol == NULL)
        problem = "it does not export " OK4A_DEPTH_ENGINE_REGISTER;
    else if (!register_plugin(plugin))
        problem = "its " OK4A_DEPTH_ENGINE_REGISTER "() refused to register";
    if (problem == NULL && plugin->version.major != OK4A_DEPTH_ENGINE_INTERFACE)
    {
        snprintf(why, why_size, "depth needs %s with plugin interface version %d, but %s has version %u.%u.%u; %s",
                 OK4A_DEPTH_ENGINE_LIBRARY, OK4A_DEPTH_ENGINE_INTERFACE, file, plugin->version.major,
                 plugin->version.minor, plugin->version.patch, WHERE_FROM);
        dlclose(library);
        return false;
    }
    const bool entries[] = {
        plugin->depth_create != NULL,          plugin->depth_process != NULL,     plugin->depth_output_size != NULL,
        plugin->depth_destroy != NULL,         plugin->transform_create != NULL,  plugin->transform_process != NULL,
        plugin->transform_output_size != NULL, plugin->transform_destroy != NULL,
    };
    for (size_t i = 0; problem == NULL && i < sizeof entries / sizeof entries[0]; i++)
    {
        if (!entries[i])
            problem = "its plugin table leaves a function out";
    }
    if (problem != NULL)
    {
        snprintf(why, why_size, "depth needs %s, but %s is not a usable depth engine: %s; %s",
                 OK4A_DEPTH_ENGINE_LIBRARY, file, problem, WHERE_FROM);
        dlclose(library);
        return false;
    }
    return true; /* stays loaded: its functions are in *plugin */
}
