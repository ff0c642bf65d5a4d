/* Captures (internal view). */
#ifndef OPENK4A_CORE_CAPTURE_H_
#define OPENK4A_CORE_CAPTURE_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Captures currently alive (created, last reference not yet released). */
    uint64_t ok4a_capture_live_count(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CAPTURE_H_ */
