#include "core/device/camera_plan.h"

#include <stdio.h>
#include <string.h>

#include "core/device/why.h"

static const uint32_t kIntervals[] = {2000000, 666666, 333333}; /* 5, 15, 30 fps */
static const uint32_t kPeriodUsec[] = {200000, 66667, 33333};
static const unsigned kFps[] = {5, 15, 30};

static const struct
{
    uint16_t width, height;
    const char *name;
} kColorSizes[] = {
    {0, 0, "OFF"},         {1280, 720, "720P"},   {1920, 1080, "1080P"}, {2560, 1440, "1440P"},
    {2048, 1536, "1536P"}, {3840, 2160, "2160P"}, {4096, 3072, "3072P"},
};

static const struct
{
    uint16_t width, height;
    bool depth, ir;
    const char *name;
} kDepthModes[] = {
    {0, 0, false, false, "OFF"},
    {320, 288, true, true, "NFOV_2X2BINNED"},
    {640, 576, true, true, "NFOV_UNBINNED"},
    {512, 512, true, true, "WFOV_2X2BINNED"},
    {1024, 1024, true, true, "WFOV_UNBINNED"},
    {1024, 1024, false, true, "PASSIVE_IR"},
};

static bool mode_size(bool known, uint16_t width, uint16_t height, int *width_pixels, int *height_pixels)
{
    if (width_pixels != NULL)
        *width_pixels = known ? width : 0;
    if (height_pixels != NULL)
        *height_pixels = known ? height : 0;
    return known;
}

bool openk4a_color_resolution_size(k4a_color_resolution_t resolution, int *width_pixels, int *height_pixels)
{
    const bool known = (unsigned)resolution < sizeof kColorSizes / sizeof kColorSizes[0];
    return mode_size(known, known ? kColorSizes[resolution].width : 0, known ? kColorSizes[resolution].height : 0,
                     width_pixels, height_pixels);
}

bool openk4a_depth_mode_size(k4a_depth_mode_t mode, int *width_pixels, int *height_pixels)
{
    const bool known = (unsigned)mode < sizeof kDepthModes / sizeof kDepthModes[0];
    return mode_size(known, known ? kDepthModes[mode].width : 0, known ? kDepthModes[mode].height : 0, width_pixels,
                     height_pixels);
}

uint32_t openk4a_fps_to_uint(k4a_fps_t fps)
{
    return (unsigned)fps < sizeof kFps / sizeof kFps[0] ? kFps[fps] : 0;
}

const char *ok4a_stream_name(openk4a_stream_t stream)
{
    switch (stream)
    {
    case OPENK4A_STREAM_COLOR:
        return "colour";
    case OPENK4A_STREAM_DEPTH:
        return "depth";
    case OPENK4A_STREAM_IR:
        return "IR";
    default:
        return "?";
    }
}

static const char *color_format_name(k4a_image_format_t format)
{
    static const char *const names[] = {"MJPG", "NV12",    "YUY2",     "BGRA32", "DEPTH16",
                                        "IR16", "CUSTOM8", "CUSTOM16", "CUSTOM"};
    return (unsigned)format < sizeof names / sizeof names[0] ? names[format] : "(not an image format)";
}

bool ok4a_camera_plan_from_config(const k4a_device_configuration_t *config, ok4a_camera_plan_t *plan, char *why,
                                  size_t why_size)
{
    memset(plan, 0, sizeof *plan);
    if (config == NULL)
    {
        return ok4a_why(why, why_size, "no configuration given");
    }
    if ((unsigned)config->camera_fps > K4A_FRAMES_PER_SECOND_30)
    {
        return ok4a_why(why, why_size, "camera_fps is not 5, 15 or 30 fps");
    }
    if ((unsigned)config->color_resolution > K4A_COLOR_RESOLUTION_3072P)
    {
        return ok4a_why(why, why_size, "color_resolution is not a k4a colour resolution");
    }
    if ((unsigned)config->depth_mode > K4A_DEPTH_MODE_PASSIVE_IR)
    {
        return ok4a_why(why, why_size, "depth_mode is not a k4a depth mode");
    }
    const bool color = config->color_resolution != K4A_COLOR_RESOLUTION_OFF;
    const bool depth = config->depth_mode != K4A_DEPTH_MODE_OFF;
    if (!color && !depth)
    {
        return ok4a_why(why, why_size, "neither colour nor depth is enabled (color_resolution and depth_mode are OFF)");
    }
    const unsigned fps = kFps[config->camera_fps];
    char fps_text[16];
    snprintf(fps_text, sizeof fps_text, "%u fps", fps);
    if (color)
    {
        switch (config->color_format)
        {
        case K4A_IMAGE_FORMAT_COLOR_MJPG:
        case K4A_IMAGE_FORMAT_COLOR_BGRA32:
            break;
        case K4A_IMAGE_FORMAT_COLOR_NV12:
        case K4A_IMAGE_FORMAT_COLOR_YUY2:
            if (config->color_resolution != K4A_COLOR_RESOLUTION_720P)
            {
                return ok4a_why(why, why_size, "colour format %s exists only at 720P, not at %s",
                                color_format_name(config->color_format), kColorSizes[config->color_resolution].name);
            }
            break;
        default:
            return ok4a_why(why, why_size, "color_format %s is not a colour camera format (MJPG, NV12, YUY2 or BGRA32)",
                            color_format_name(config->color_format));
        }
        if (config->color_resolution == K4A_COLOR_RESOLUTION_3072P && fps == 30)
        {
            return ok4a_why(why, why_size, "colour resolution %s runs at 15 fps at most, not %s", "3072P", fps_text);
        }
    }
    if (depth && config->depth_mode == K4A_DEPTH_MODE_WFOV_UNBINNED && fps == 30)
    {
        return ok4a_why(why, why_size, "depth mode %s runs at 15 fps at most, not %s", "WFOV_UNBINNED", fps_text);
    }
    if (config->synchronized_images_only && !(color && depth))
    {
        return ok4a_why(why, why_size, "synchronized_images_only needs both colour and depth enabled (%s is off)",
                        color ? "depth" : "colour");
    }
    if ((unsigned)config->wired_sync_mode > K4A_WIRED_SYNC_MODE_SUBORDINATE)
    {
        return ok4a_why(why, why_size, "wired_sync_mode is not STANDALONE, MASTER or SUBORDINATE");
    }
    /* The master's colour camera drives the sync out (as the SDK requires). */
    if (config->wired_sync_mode == K4A_WIRED_SYNC_MODE_MASTER && !color)
    {
        return ok4a_why(why, why_size, "wired_sync_mode MASTER needs the colour camera (color_resolution is OFF)");
    }
    /* The SDK bounds delays by 1000000 / fps, rounded down (66666 at 15 fps). */
    const int64_t period = 1000000 / (int64_t)fps;
    if (config->wired_sync_mode == K4A_WIRED_SYNC_MODE_SUBORDINATE)
    {
        if (config->subordinate_delay_off_master_usec > period)
        {
            return ok4a_why(why, why_size, "subordinate_delay_off_master_usec must stay within one frame period (%s)",
                            fps_text);
        }
    }
    else if (config->subordinate_delay_off_master_usec != 0)
    {
        return ok4a_why(why, why_size,
                        "subordinate_delay_off_master_usec must be 0 unless wired_sync_mode is "
                        "SUBORDINATE");
    }
    /* Within one period either way, both ends allowed, as the SDK checks. */
    if (config->depth_delay_off_color_usec < -period || config->depth_delay_off_color_usec > period)
    {
        return ok4a_why(why, why_size, "depth_delay_off_color_usec must stay within one frame period (%s)", fps_text);
    }
    if (config->depth_delay_off_color_usec != 0 && !(color && depth))
    {
        return ok4a_why(why, why_size,
                        "depth_delay_off_color_usec must be 0 unless both colour and depth are enabled "
                        "(%s is off)",
                        color ? "depth" : "colour");
    }

    plan->synchronized_images_only = config->synchronized_images_only;
    plan->depth_delay_off_color_usec = config->depth_delay_off_color_usec;
    plan->frame_period_usec = kPeriodUsec[config->camera_fps];
    plan->wired_sync_mode = config->wired_sync_mode;
    const uint32_t interval = kIntervals[config->camera_fps];
    if (color)
    {
        ok4a_stream_plan_t *s = &plan->streams[OPENK4A_STREAM_COLOR];
        s->enabled = true;
        s->width = kColorSizes[config->color_resolution].width;
        s->height = kColorSizes[config->color_resolution].height;
        s->interval = interval;
        switch (config->color_format)
        {
        case K4A_IMAGE_FORMAT_COLOR_NV12:
            s->pixel = OPENK4A_UVC_PIXEL_NV12;
            s->image_format = K4A_IMAGE_FORMAT_COLOR_NV12;
            break;
        case K4A_IMAGE_FORMAT_COLOR_YUY2:
            s->pixel = OPENK4A_UVC_PIXEL_YUY2;
            s->image_format = K4A_IMAGE_FORMAT_COLOR_YUY2;
            break;
        default: /* MJPG, and BGRA32 decoded from MJPG */
            s->pixel = OPENK4A_UVC_PIXEL_MJPEG;
            s->image_format = K4A_IMAGE_FORMAT_COLOR_MJPG;
            plan->decode_to_bgra32 = config->color_format == K4A_IMAGE_FORMAT_COLOR_BGRA32;
            break;
        }
    }
    if (depth)
    {
        const unsigned mode = (unsigned)config->depth_mode;
        for (int i = OPENK4A_STREAM_DEPTH; i <= OPENK4A_STREAM_IR; i++)
        {
            ok4a_stream_plan_t *s = &plan->streams[i];
            s->enabled = i == OPENK4A_STREAM_DEPTH ? kDepthModes[mode].depth : kDepthModes[mode].ir;
            s->width = kDepthModes[mode].width;
            s->height = kDepthModes[mode].height;
            s->interval = interval;
            s->pixel = i == OPENK4A_STREAM_DEPTH ? OPENK4A_UVC_PIXEL_Z16 : OPENK4A_UVC_PIXEL_Y16;
            s->image_format = i == OPENK4A_STREAM_DEPTH ? K4A_IMAGE_FORMAT_DEPTH16 : K4A_IMAGE_FORMAT_IR16;
        }
    }
    return true;
}

/* Binds `s` to the first format of pixel format `pixel` that has the frame
 * size at the interval. Notes what exists on the way. */
static bool find_frame(ok4a_stream_plan_t *s, const openk4a_uvc_config_t *model, openk4a_uvc_pixel_format_t pixel,
                       bool *have_format, bool *have_size)
{
    for (uint16_t f = 0; f < model->format_count; f++)
    {
        const openk4a_uvc_format_t *format = &model->formats[f];
        if (format->pixel_format != pixel)
        {
            continue;
        }
        *have_format = true;
        const openk4a_uvc_frame_desc_t *frame =
            openk4a_uvc_config_find_frame_by_size(model, format, s->width, s->height);
        if (frame == NULL)
        {
            continue;
        }
        *have_size = true;
        if (openk4a_uvc_frame_supports_interval(model, frame, s->interval))
        {
            s->pixel = pixel;
            s->format = format;
            s->frame = frame;
            return true;
        }
    }
    return false;
}

bool ok4a_camera_plan_bind(ok4a_camera_plan_t *plan, const openk4a_uvc_config_t *model, char *why, size_t why_size)
{
    for (int i = 0; i < OPENK4A_STREAM_COUNT; i++)
    {
        ok4a_stream_plan_t *s = &plan->streams[i];
        if (!s->enabled)
        {
            continue;
        }
        const char *pixel = openk4a_uvc_pixel_format_name(s->pixel);
        char what[96];
        snprintf(what, sizeof what, "%s %ux%u %s", ok4a_stream_name((openk4a_stream_t)i), s->width, s->height, pixel);
        bool have_format = false, have_size = false;
        if (!find_frame(s, model, s->pixel, &have_format, &have_size) && i == OPENK4A_STREAM_COLOR &&
            plan->decode_to_bgra32)
        {
            /* BGRA32 is decoded from MJPG as the Azure Kinect SDK does; a
             * camera without MJPG at that size may still offer raw YUV. */
            bool raw_format = false, raw_size = false;
            if (find_frame(s, model, OPENK4A_UVC_PIXEL_YUY2, &raw_format, &raw_size))
                s->image_format = K4A_IMAGE_FORMAT_COLOR_YUY2;
            else if (find_frame(s, model, OPENK4A_UVC_PIXEL_NV12, &raw_format, &raw_size))
                s->image_format = K4A_IMAGE_FORMAT_COLOR_NV12;
        }
        if (s->frame == NULL)
        {
            char rate[32];
            snprintf(rate, sizeof rate, "%u fps", (unsigned)(10000000u / s->interval));
            const char *also = i == OPENK4A_STREAM_COLOR && plan->decode_to_bgra32 ?
                                   " (BGRA32 is converted from MJPEG, YUY2 or NV12; none fits)" :
                                   "";
            if (!have_format)
            {
                char format_text[128];
                snprintf(format_text, sizeof format_text, "%s format%s", pixel, also);
                return ok4a_why(why, why_size, "%s: the device offers no %s", what, format_text);
            }
            if (!have_size)
            {
                return ok4a_why(why, why_size, "%s: the device has no frame of that size%s", what, also);
            }
            char rate_text[128];
            snprintf(rate_text, sizeof rate_text, "%s%s", rate, also);
            return ok4a_why(why, why_size, "%s: the device does not stream it at %s", what, rate_text);
        }
        /* Depth and IR come from different streaming interfaces. */
        for (int j = 0; j < i; j++)
        {
            if (plan->streams[j].enabled && plan->streams[j].format->interface_number == s->format->interface_number)
            {
                return ok4a_why(why, why_size, "%s: shares a streaming interface with %s", what,
                                ok4a_stream_name((openk4a_stream_t)j));
            }
        }
    }
    return true;
}
