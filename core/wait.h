/* Timed waits on CLOCK_MONOTONIC with k4a timeout semantics (internal,
 * //core:wait), shared by the device queues and the colour decode workers. */
#ifndef OPENK4A_CORE_WAIT_H_
#define OPENK4A_CORE_WAIT_H_

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* A condition variable that waits on CLOCK_MONOTONIC. */
    int ok4a_cond_init_monotonic(pthread_cond_t *cond);

    /* now + timeout_ms on CLOCK_MONOTONIC (now for timeout_ms <= 0). */
    struct timespec ok4a_deadline_after_ms(int32_t timeout_ms);

    /* One wait step of a k4a timeout: 0 returns at once (false), K4A_WAIT_INFINITE
     * (-1) waits without limit, otherwise until `deadline`. False once the
     * deadline has passed. */
    bool ok4a_cond_wait_step(pthread_cond_t *cond, pthread_mutex_t *mutex, int32_t timeout_ms,
                             const struct timespec *deadline);

    /* A retry's back-off: waits up to `ms` (locking `mutex`) unless *stopping,
     * read under `mutex`, becomes true; returns !*stopping (go on). */
    bool ok4a_pause_unless_stopping(pthread_cond_t *cond, pthread_mutex_t *mutex, const bool *stopping, int ms);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_WAIT_H_ */
