/* A TEST depth engine plugin, not Microsoft's: it implements the published
 * plugin interface (k4a_register_plugin filling the version and eight
 * functions, k4aplugin.h) with functions that process nothing, so the
 * loader's checks can be exercised without the closed library. Built twice:
 * with TEST_PLUGIN_MAJOR 2 (what the SDK 1.4 loads) and with another major
 * version, which the loader must refuse. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef TEST_PLUGIN_MAJOR
#define TEST_PLUGIN_MAJOR 2
#endif

typedef struct
{
    uint32_t major, minor, patch;
} test_plugin_version_t;

typedef int (*test_entry_t)(void);

typedef struct
{
    test_plugin_version_t version;
    test_entry_t entries[8]; /* depth engine x4, transform engine x4 */
} test_plugin_t;

enum
{
    TEST_FATAL_ENGINE_NOT_LOADED = 108, /* the interface's "engine not loaded" result */
};

static int not_an_engine(void)
{
    return TEST_FATAL_ENGINE_NOT_LOADED;
}

bool k4a_register_plugin(test_plugin_t *plugin);

bool k4a_register_plugin(test_plugin_t *plugin)
{
    plugin->version = (test_plugin_version_t){TEST_PLUGIN_MAJOR, 1, 0};
    for (size_t i = 0; i < sizeof plugin->entries / sizeof plugin->entries[0]; i++)
        plugin->entries[i] = not_an_engine;
    return true;
}
