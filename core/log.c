/* Logging sinks: the user's handler (k4a_set_debug_message_handler), stderr
 * and an optional file, selected by level. */
/* pthread_rwlock_t, strcasecmp */
#define _POSIX_C_SOURCE 200809L

#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <k4a/k4a.h>

/* Messages with level < g_threshold are delivered somewhere; -1 = the
 * environment has not been read yet. */
static atomic_int g_threshold = -1;

/* Held for reading while a message is delivered, for writing while the sinks
 * change: once k4a_set_debug_message_handler() returns, the old handler is
 * not running any more. */
static pthread_rwlock_t g_sinks_lock = PTHREAD_RWLOCK_INITIALIZER;
static k4a_logging_message_cb_t *g_handler;
static void *g_handler_context;
static int g_handler_level = K4A_LOG_LEVEL_OFF;
static int g_stderr_level = K4A_LOG_LEVEL_ERROR;
static FILE *g_file;
static int g_file_level = K4A_LOG_LEVEL_OFF;
/* Serialises lines written to stderr / the file by concurrent readers. */
static pthread_mutex_t g_write_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const g_level_names[] = {"critical", "error", "warning", "info", "trace", "off"};

static int parse_level(const char *text, int fallback)
{
    if (text == NULL || text[0] == '\0')
    {
        return fallback;
    }
    for (int i = 0; i <= K4A_LOG_LEVEL_OFF; i++)
    {
        if (strcasecmp(text, g_level_names[i]) == 0 || (text[1] == '\0' && (text[0] | 0x20) == g_level_names[i][0]))
        {
            return i;
        }
    }
    return fallback;
}

/* Callers hold g_sinks_lock for writing. */
static void update_threshold_locked(void)
{
    int highest = -1;
    if (g_handler != NULL && g_handler_level < K4A_LOG_LEVEL_OFF)
    {
        highest = g_handler_level;
    }
    if (g_stderr_level < K4A_LOG_LEVEL_OFF && g_stderr_level > highest)
    {
        highest = g_stderr_level;
    }
    if (g_file != NULL && g_file_level < K4A_LOG_LEVEL_OFF && g_file_level > highest)
    {
        highest = g_file_level;
    }
    atomic_store_explicit(&g_threshold, highest + 1, memory_order_release);
}

static void read_environment_locked(void)
{
    const char *to_stdout = getenv("K4A_ENABLE_LOG_TO_STDOUT");
    int level = parse_level(getenv("K4A_LOG_LEVEL"), K4A_LOG_LEVEL_ERROR);
    g_stderr_level = (to_stdout != NULL && strcmp(to_stdout, "0") == 0) ? K4A_LOG_LEVEL_OFF : level;
    if (g_file != NULL)
    {
        fclose(g_file);
        g_file = NULL;
    }
    const char *path = getenv("K4A_ENABLE_LOG_TO_A_FILE");
    if (path != NULL && path[0] != '\0' && strcmp(path, "0") != 0)
    {
        g_file = fopen(path, "a");
        g_file_level = level;
    }
    update_threshold_locked();
}

void ok4a_log_reload_environment(void)
{
    pthread_rwlock_wrlock(&g_sinks_lock);
    read_environment_locked();
    pthread_rwlock_unlock(&g_sinks_lock);
}

static void init_once(void)
{
    ok4a_log_reload_environment();
}

static int threshold(void)
{
    int t = atomic_load_explicit(&g_threshold, memory_order_acquire);
    if (t < 0)
    {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, init_once);
        t = atomic_load_explicit(&g_threshold, memory_order_acquire);
    }
    return t;
}

bool ok4a_log_enabled(k4a_log_level_t level)
{
    return (int)level < threshold();
}

static const char *base_name(const char *file)
{
    const char *core = strstr(file, "core/");
    return core != NULL ? core : file;
}

/* A sink at level OFF takes nothing; otherwise everything at or above its level. */
static bool delivers(int sink_level, k4a_log_level_t level)
{
    return sink_level < K4A_LOG_LEVEL_OFF && (int)level <= sink_level;
}

static void write_line(FILE *out, k4a_log_level_t level, const char *file, int line, const char *message)
{
    fprintf(out, "[openk4a] [%s] %s (%s:%d)\n", g_level_names[level], message, base_name(file), line);
    fflush(out);
}

void ok4a_log_message(k4a_log_level_t level, const char *file, int line, const char *format, ...)
{
    if ((unsigned)level >= K4A_LOG_LEVEL_OFF)
    {
        return;
    }
    char message[OK4A_LOG_MAX_MESSAGE];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);

    pthread_rwlock_rdlock(&g_sinks_lock);
    if (g_handler != NULL && delivers(g_handler_level, level))
    {
        g_handler(g_handler_context, level, file, line, message);
    }
    const bool to_stderr = delivers(g_stderr_level, level);
    const bool to_file = g_file != NULL && delivers(g_file_level, level);
    if (to_stderr || to_file)
    {
        pthread_mutex_lock(&g_write_lock);
        if (to_stderr)
        {
            write_line(stderr, level, file, line, message);
        }
        if (to_file)
        {
            write_line(g_file, level, file, line, message);
        }
        pthread_mutex_unlock(&g_write_lock);
    }
    pthread_rwlock_unlock(&g_sinks_lock);
}

k4a_result_t k4a_set_debug_message_handler(k4a_logging_message_cb_t *message_cb, void *message_cb_context,
                                           k4a_log_level_t min_level)
{
    if ((unsigned)min_level > K4A_LOG_LEVEL_OFF)
    {
        ok4a_log(K4A_LOG_LEVEL_ERROR, "%s: min_level %d is not a k4a_log_level_t", __func__, (int)min_level);
        return K4A_RESULT_FAILED;
    }
    (void)threshold(); /* read the environment first, so it cannot undo this call later */
    pthread_rwlock_wrlock(&g_sinks_lock);
    if (message_cb != NULL && g_handler != NULL && g_handler != message_cb)
    {
        pthread_rwlock_unlock(&g_sinks_lock);
        ok4a_log(K4A_LOG_LEVEL_ERROR, "%s: a different handler is already registered; clear it with NULL first",
                 __func__);
        return K4A_RESULT_FAILED;
    }
    g_handler = message_cb;
    g_handler_context = message_cb != NULL ? message_cb_context : NULL;
    g_handler_level = message_cb != NULL ? (int)min_level : K4A_LOG_LEVEL_OFF;
    update_threshold_locked();
    pthread_rwlock_unlock(&g_sinks_lock);
    return K4A_RESULT_SUCCEEDED;
}
