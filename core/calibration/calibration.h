/* Internal entry points of //core/calibration for the rest of openk4a (the device's
 * k4a_device_get_calibration, the transformation). */
#ifndef OPENK4A_CORE_CALIBRATION_CALIBRATION_H_
#define OPENK4A_CORE_CALIBRATION_CALIBRATION_H_

#include <k4a/k4atypes.h>

#include "core/calibration/calibration_raw.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* The per-mode calibration from a parsed blob; logs why it fails, naming `caller`. */
    k4a_result_t ok4a_calibration_for_mode(const ok4a_raw_calibration_t *raw, k4a_depth_mode_t depth_mode,
                                           k4a_color_resolution_t color_resolution, k4a_calibration_t *calibration,
                                           const char *caller);

    /* The DEPTH or COLOR camera of a calibration when its mode is on and its lens model usable;
     * otherwise logs why (naming `caller`) and returns NULL. */
    const k4a_calibration_camera_t *ok4a_calibration_camera(const k4a_calibration_t *calibration,
                                                            k4a_calibration_type_t type, const char *caller);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CALIBRATION_CALIBRATION_H_ */
