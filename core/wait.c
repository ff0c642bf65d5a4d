/* POSIX: pthread rwlocks, clock_gettime, CLOCK_MONOTONIC condition variables. */
#define _POSIX_C_SOURCE 200809L

#include "core/wait.h"

#include <errno.h>

int ok4a_cond_init_monotonic(pthread_cond_t *cond)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    const int r = pthread_cond_init(cond, &attr);
    pthread_condattr_destroy(&attr);
    return r;
}

struct timespec ok4a_deadline_after_ms(int32_t timeout_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (timeout_ms > 0)
    {
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L)
        {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    return deadline;
}

bool ok4a_pause_unless_stopping(pthread_cond_t *cond, pthread_mutex_t *mutex, const bool *stopping, int ms)
{
    pthread_mutex_lock(mutex);
    const struct timespec deadline = ok4a_deadline_after_ms(ms);
    while (!*stopping && ok4a_cond_wait_step(cond, mutex, ms, &deadline))
    {
    }
    const bool go_on = !*stopping;
    pthread_mutex_unlock(mutex);
    return go_on;
}

bool ok4a_cond_wait_step(pthread_cond_t *cond, pthread_mutex_t *mutex, int32_t timeout_ms,
                         const struct timespec *deadline)
{
    if (timeout_ms == 0)
        return false;
    if (timeout_ms < 0)
    {
        pthread_cond_wait(cond, mutex);
        return true;
    }
    return pthread_cond_timedwait(cond, mutex, deadline) != ETIMEDOUT;
}
