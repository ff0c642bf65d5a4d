#include "tools/stream/library_log.h"

#include <k4a/k4a.h>
#include <stdio.h>
#include <stdlib.h>

#include <mutex>
#include <string>

namespace openk4a::stream
{
namespace
{

struct State
{
    std::mutex mutex;
    std::string last_error;
    int verbose = 0;
};

State &state()
{
    static State *s = new State; // never destroyed: library threads may log until exit
    return *s;
}

void OnMessage(void *context, k4a_log_level_t level, const char *file, const int line, const char *message)
{
    State &s = *static_cast<State *>(context);
    std::lock_guard<std::mutex> lock(s.mutex);
    if (level <= K4A_LOG_LEVEL_ERROR)
        s.last_error = message;
    if (s.verbose > 0 || level == K4A_LOG_LEVEL_CRITICAL)
    {
        static const char *const names[] = {"critical", "error", "warning", "info", "trace"};
        fprintf(stderr, "[openk4a %s] %s (%s:%d)\n", names[level < K4A_LOG_LEVEL_OFF ? level : 0], message, file, line);
    }
}

} // namespace

void InstallLibraryLog(int verbose)
{
    if (getenv("K4A_LOG_LEVEL") == nullptr && getenv("K4A_ENABLE_LOG_TO_STDOUT") == nullptr)
    {
        setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
    }
    State &s = state();
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.verbose = verbose;
    }
    const k4a_log_level_t level = verbose >= 2 ? K4A_LOG_LEVEL_TRACE :
                                  verbose == 1 ? K4A_LOG_LEVEL_INFO :
                                                 K4A_LOG_LEVEL_ERROR;
    k4a_set_debug_message_handler(&OnMessage, &s, level);
}

void RemoveLibraryLog()
{
    k4a_set_debug_message_handler(nullptr, nullptr, K4A_LOG_LEVEL_OFF);
}

std::string LastLibraryError()
{
    State &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.last_error;
}

void ClearLibraryError()
{
    State &s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.last_error.clear();
}

} // namespace openk4a::stream
