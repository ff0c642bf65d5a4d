/* Moved to core/wait.h (//core:wait), shared with core/color. This header
 * stays only until device.c includes core/wait.h itself. */
#ifndef OPENK4A_CORE_DEVICE_WAIT_H_
#define OPENK4A_CORE_DEVICE_WAIT_H_

#include "core/wait.h"

#endif /* OPENK4A_CORE_DEVICE_WAIT_H_ */
