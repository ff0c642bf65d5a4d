#include "tools/stream/stop_signal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atomic>

namespace openk4a::stream
{
namespace
{

std::atomic<int> g_signal{0};
std::atomic<long long> g_first_ms{0};

static_assert(std::atomic<int>::is_always_lock_free, "used from a signal handler");
static_assert(std::atomic<long long>::is_always_lock_free, "used from a signal handler");

long long NowMs()
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); // async-signal-safe
    return static_cast<long long>(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

void OnSignal(int sig)
{
    int expected = 0;
    if (g_signal.compare_exchange_strong(expected, sig))
    {
        g_first_ms.store(NowMs());
        return;
    }
    if (NowMs() - g_first_ms.load() < 1000)
        return;
    static const char message[] = "\nk4a-stream: stopped at once (second signal)\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(128 + sig);
}

} // namespace

void InstallStopSignals()
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = OnSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int StopSignal()
{
    return g_signal.load();
}

void ExitForSignal(int sig, bool under_reexec_parent)
{
    fflush(nullptr);
    if (!under_reexec_parent)
    {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    exit(128 + sig);
}

} // namespace openk4a::stream
