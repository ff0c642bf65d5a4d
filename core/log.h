/* Internal logging for every part of openk4a (//core:log).
 *
 *   ok4a_log(K4A_LOG_LEVEL_ERROR, "%s: width %d is odd", __func__, width);
 *
 * A message goes to the handler set with k4a_set_debug_message_handler() (at
 * or above its level) and to stderr at or above the level chosen by the
 * environment variable K4A_LOG_LEVEL (c/e/w/i/t, or critical/error/warning/
 * info/trace/off; default error). K4A_ENABLE_LOG_TO_STDOUT=0 silences stderr.
 * K4A_ENABLE_LOG_TO_A_FILE=<path> also appends messages to that file.
 *
 * A disabled level costs one relaxed atomic load and no formatting. Safe from
 * any thread; messages longer than OK4A_LOG_MAX_MESSAGE bytes are truncated. */
#ifndef OPENK4A_CORE_LOG_H_
#define OPENK4A_CORE_LOG_H_

#include <stdbool.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define OK4A_LOG_MAX_MESSAGE 1024

    /* True when a message at `level` would be delivered anywhere. */
    bool ok4a_log_enabled(k4a_log_level_t level);

    /* Formats and delivers a message; prefer the ok4a_log() macro. */
    void ok4a_log_message(k4a_log_level_t level, const char *file, int line, const char *format, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 4, 5)))
#endif
        ;

#define ok4a_log(level, ...)                                                                                           \
    do                                                                                                                 \
    {                                                                                                                  \
        if (ok4a_log_enabled(level))                                                                                   \
        {                                                                                                              \
            ok4a_log_message((level), __FILE__, __LINE__, __VA_ARGS__);                                                \
        }                                                                                                              \
    } while (0)

#define OK4A_LOG_CRITICAL(...) ok4a_log(K4A_LOG_LEVEL_CRITICAL, __VA_ARGS__)
#define OK4A_LOG_ERROR(...) ok4a_log(K4A_LOG_LEVEL_ERROR, __VA_ARGS__)
#define OK4A_LOG_WARNING(...) ok4a_log(K4A_LOG_LEVEL_WARNING, __VA_ARGS__)
#define OK4A_LOG_INFO(...) ok4a_log(K4A_LOG_LEVEL_INFO, __VA_ARGS__)
#define OK4A_LOG_TRACE(...) ok4a_log(K4A_LOG_LEVEL_TRACE, __VA_ARGS__)

    /* Re-reads the environment variables (they are read once, at the first
     * message). For tests and for programs that change them at run time. */
    void ok4a_log_reload_environment(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_LOG_H_ */
