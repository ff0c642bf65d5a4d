#include "core/calibration/calibration_modes.h"

#include <stdio.h>
#include <string.h>

#include "core/calibration/lens.h"

typedef struct
{
    int scaled[2]; /* the sensor scaled (binned) to this size */
    int crop[2];   /* top-left corner of the image in the scaled sensor */
    int image[2];  /* image size */
} mode_window_t;

static const mode_window_t depth_windows[] = {
    [K4A_DEPTH_MODE_NFOV_2X2BINNED] = {{512, 512}, {96, 90}, {320, 288}},
    [K4A_DEPTH_MODE_NFOV_UNBINNED] = {{1024, 1024}, {192, 180}, {640, 576}},
    [K4A_DEPTH_MODE_WFOV_2X2BINNED] = {{512, 512}, {0, 0}, {512, 512}},
    [K4A_DEPTH_MODE_WFOV_UNBINNED] = {{1024, 1024}, {0, 0}, {1024, 1024}},
    [K4A_DEPTH_MODE_PASSIVE_IR] = {{1024, 1024}, {0, 0}, {1024, 1024}},
};

static const mode_window_t color_windows[] = {
    [K4A_COLOR_RESOLUTION_720P] = {{1280, 960}, {0, 120}, {1280, 720}},
    [K4A_COLOR_RESOLUTION_1080P] = {{1920, 1440}, {0, 180}, {1920, 1080}},
    [K4A_COLOR_RESOLUTION_1440P] = {{2560, 1920}, {0, 240}, {2560, 1440}},
    [K4A_COLOR_RESOLUTION_1536P] = {{2048, 1536}, {0, 0}, {2048, 1536}},
    [K4A_COLOR_RESOLUTION_2160P] = {{3840, 2880}, {0, 360}, {3840, 2160}},
    [K4A_COLOR_RESOLUTION_3072P] = {{4096, 3072}, {0, 0}, {4096, 3072}},
};

/* pixel_output: pixels, centre-origin (the API's convention); else normalised by the image
 * size, corner-origin (the blob's convention, for the 16:9 -> 4:3 step). */
static void apply_window(const k4a_calibration_camera_t *in, const mode_window_t *w, bool pixel_output,
                         k4a_calibration_camera_t *out)
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
        p->cx = cx / (float)w->image[0];
        p->cy = cy / (float)w->image[1];
        p->fx = fx / (float)w->image[0];
        p->fy = fy / (float)w->image[1];
    }
    out->resolution_width = w->image[0];
    out->resolution_height = w->image[1];
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
    apply_window(sensor, &depth_windows[mode], true, out);
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
        static const mode_window_t legacy = {{4096, 2304}, {0, -384}, {4096, 3072}};
        apply_window(sensor, &legacy, false, &four_by_three);
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
    apply_window(&four_by_three, &color_windows[resolution], true, out);
    return checked(out, reason, reason_size);
}

bool ok4a_depth_mode_image_size(k4a_depth_mode_t mode, int *width, int *height)
{
    if ((int)mode <= K4A_DEPTH_MODE_OFF || mode > K4A_DEPTH_MODE_PASSIVE_IR)
    {
        return false;
    }
    *width = depth_windows[mode].image[0];
    *height = depth_windows[mode].image[1];
    return true;
}

bool ok4a_color_resolution_image_size(k4a_color_resolution_t resolution, int *width, int *height)
{
    if ((int)resolution <= K4A_COLOR_RESOLUTION_OFF || resolution > K4A_COLOR_RESOLUTION_3072P)
    {
        return false;
    }
    *width = color_windows[resolution].image[0];
    *height = color_windows[resolution].image[1];
    return true;
}
