/* Failure messages for a caller's buffer: functions that can fail take
 * (char *why, size_t why_size) and say there why they failed. */
#ifndef OPENK4A_CORE_DEVICE_WHY_H_
#define OPENK4A_CORE_DEVICE_WHY_H_

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Formats the message into why[why_size] (nothing when why is NULL or
     * why_size 0; cut to fit) and returns false, so a failing function can
     * `return ok4a_why(why, why_size, "...", ...);`. */
    bool ok4a_why(char *why, size_t why_size, const char *format, ...) __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_WHY_H_ */
