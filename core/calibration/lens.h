/* The Azure Kinect lens model: Brown-Conrady with six radial coefficients (k1..k6, as a rational
 * function), two tangential ones (p1, p2) and a centre of distortion (codx, cody), in pixels with
 * (0, 0) at the centre of the top-left pixel. The same model as OpenCV's CALIB_RATIONAL_MODEL
 * when codx = cody = 0.
 *
 * Pure functions of a camera calibration: no allocation, no logging on the hot path, safe from any
 * thread. A camera the model cannot use (unknown model type, too few parameters, a focal length
 * that is not a positive finite number) is refused by ok4a_lens_check() with a reason. */
#ifndef OPENK4A_CORE_CALIBRATION_LENS_H_
#define OPENK4A_CORE_CALIBRATION_LENS_H_

#include <stdbool.h>
#include <stddef.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* NULL when the camera's lens model is usable, else why not (a static string). */
    const char *ok4a_lens_check(const k4a_calibration_camera_t *camera);

    /* Normalised image point (x/z, y/z) -> pixel. *valid = 0 outside the metric radius (the pixel is
     * still computed). The camera must have passed ok4a_lens_check(). */
    void ok4a_lens_project(const k4a_calibration_camera_t *camera, const float xy[2], float uv[2], int *valid);

    /* Pixel -> normalised image point, by Gauss-Newton from a closed-form first guess, as the SDK does.
     * *valid = 0 when the iteration leaves the metric radius or does not converge. */
    void ok4a_lens_unproject(const k4a_calibration_camera_t *camera, const float uv[2], float xy[2], int *valid);

    /* 3D point (mm, camera coordinates) -> pixel; *valid = 0 for z <= 0 (pixel (0, 0)) or outside the
     * metric radius. */
    void ok4a_lens_project_3d(const k4a_calibration_camera_t *camera, const float point3d[3], float uv[2], int *valid);

    /* Pixel and depth (mm) -> 3D point; *valid = 0 (point (0, 0, 0)) for depth 0. */
    void ok4a_lens_unproject_3d(const k4a_calibration_camera_t *camera, const float uv[2], float depth,
                                float point3d[3], int *valid);

    /* y = R x + t. */
    void ok4a_extrinsics_apply(const k4a_calibration_extrinsics_t *extrinsics, const float x[3], float y[3]);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_CALIBRATION_LENS_H_ */
