#include "core/calibration/calibration_modes.h"

#include <stdio.h>
#include <string.h>

#include <openk4a/device.h>

#include "core/calibration/lens.h"

/* Where a mode's image sits in the sensor; the image sizes themselves are the device's mode
 * table (openk4a_depth_mode_size, openk4a_color_resolution_size). */
typedef struct
{
    int scaled[2]; /* the sensor scaled (binned) to this size */
    int crop[2];   /* top-left corner of the image in the scaled sensor */
} mode_window_t;

static const mode_window_t depth_windows[] = {
    [K4A_DEPTH_MODE_NFOV_2X2BINNED] = {{512, 512}, {96, 90}},
    [K4A_DEPTH_MODE_NFOV_UNBINNED] = {{1024, 1024}, {192, 180}},
    [K4A_DEPTH_MODE_WFOV_2X2BINNED] = {{512, 512}, {0, 0}},
    [K4A_DEPTH_MODE_WFOV_UNBINNED] = {{1024, 1024}, {0, 0}},
    [K4A_DEPTH_MODE_PASSIVE_IR] = {{1024, 1024}, {0, 0}},
};

static const mode_window_t color_windows[] = {
    [K4A_COLOR_RESOLUTION_720P] = {{1280, 960}, {0, 120}},   [K4A_COLOR_RESOLUTION_1080P] = {{1920, 1440}, {0, 180}},
    [K4A_COLOR_RESOLUTION_1440P] = {{2560, 1920}, {0, 240}}, [K4A_COLOR_RESOLUTION_1536P] = {{2048, 1536}, {0, 0}},
    [K4A_COLOR_RESOLUTION_2160P] = {{3840, 2880}, {0, 360}}, [K4A_COLOR_RESOLUTION_3072P] = {{4096, 3072}, {0, 0}},
};

/* pixel_output: pixels, centre-origin (the API's convention); else normalised by the image
 * size, corner-origin (the blob's convention, for the 16:9 -> 4:3 step). */
static void apply_window(const k4a_calibration_camera_t *in, const mode_window_t *w, const int image[2],
                         bool pixel_output, k4a_calibration_camera_t *out)
{
    *out = *in;
    struct _param *p = &out->intrinsics.parameters.param;
    const float cx = in->intrinsics.parameters.param.cx * (float)w->scaled[0] - (float)w->crop[0];
    const float cy = in->intrinsics.parameters.param.cy * (float)w->scaled[1] - (float)w->crop[1];
    const float fx = in->intrinsics.parameters.param.fx * (float)w->scaled[0];
    const float fy = in->intrinsics.parameters.param.fy * (float)w->scaled[1];
    if (pixel_output)
    {
        p->cx = cx - 0.5f;
        p->cy = cy - 0.5f;
        p->fx = fx;
        p->fy = fy;
    }
    else
    {
        p->cx = cx / (float)image[0];
        p->cy = cy / (float)image[1];
        p->fx = fx / (float)image[0];
        p->fy = fy / (float)image[1];
    }
    out->resolution_width = image[0];
    out->resolution_height = image[1];
}

static k4a_result_t checked(k4a_calibration_camera_t *out, char *reason, size_t reason_size)
{
    const char *why = ok4a_lens_check(out);
    if (why != NULL)
    {
        snprintf(reason, reason_size, "%s", why);
        return K4A_RESULT_FAILED;
    }
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t ok4a_depth_camera_for_mode(const k4a_calibration_camera_t *sensor, k4a_depth_mode_t mode,
                                        k4a_calibration_camera_t *out, char *reason, size_t reason_size)
{
    if ((int)mode <= K4A_DEPTH_MODE_OFF || mode > K4A_DEPTH_MODE_PASSIVE_IR)
    {
        snprintf(reason, reason_size, "depth mode %d is not a k4a_depth_mode_t other than OFF", (int)mode);
        return K4A_RESULT_FAILED;
    }
    if (sensor->resolution_width != 1024 || sensor->resolution_height != 1024)
    {
        snprintf(reason, reason_size, "sensor is %dx%d, the depth modes are cut from 1024x1024",
                 sensor->resolution_width, sensor->resolution_height);
        return K4A_RESULT_FAILED;
    }
    int image[2];
    openk4a_depth_mode_size(mode, &image[0], &image[1]);
    apply_window(sensor, &depth_windows[mode], image, true, out);
    return checked(out, reason, reason_size);
}

k4a_result_t ok4a_color_camera_for_mode(const k4a_calibration_camera_t *sensor, k4a_color_resolution_t resolution,
                                        k4a_calibration_camera_t *out, char *reason, size_t reason_size)
{
    if ((int)resolution <= K4A_COLOR_RESOLUTION_OFF || resolution > K4A_COLOR_RESOLUTION_3072P)
    {
        snprintf(reason, reason_size, "colour resolution %d is not a k4a_color_resolution_t other than OFF",
                 (int)resolution);
        return K4A_RESULT_FAILED;
    }
    k4a_calibration_camera_t four_by_three;
    const int w = sensor->resolution_width, h = sensor->resolution_height;
    if (w * 9 / 16 == h)
    {
        static const mode_window_t legacy = {{4096, 2304}, {0, -384}};
        static const int full_4_by_3[2] = {4096, 3072};
        apply_window(sensor, &legacy, full_4_by_3, false, &four_by_three);
    }
    else if (w * 3 / 4 == h)
    {
        four_by_three = *sensor;
    }
    else
    {
        snprintf(reason, reason_size, "sensor is %dx%d, neither 4:3 nor 16:9", w, h);
        return K4A_RESULT_FAILED;
    }
    int image[2];
    openk4a_color_resolution_size(resolution, &image[0], &image[1]);
    apply_window(&four_by_three, &color_windows[resolution], image, true, out);
    return checked(out, reason, reason_size);
}
