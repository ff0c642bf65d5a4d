#include "core/image_format.h"

#include "core/log.h"

bool ok4a_image_format_is_valid(k4a_image_format_t format)
{
    return (unsigned)format < OK4A_IMAGE_FORMAT_COUNT;
}

const char *ok4a_image_format_short_name(k4a_image_format_t format)
{
    return ok4a_image_format_is_valid(format) ? ok4a_format_rules[format].short_name : "?";
}

static __attribute__((cold, noinline)) void log_refused_layout(const char *caller, k4a_image_format_t format,
                                                               int width_pixels, int height_pixels, int stride_bytes,
                                                               bool allocate)
{
    char why[256];
    ok4a_image_layout_t layout;
    if (!ok4a_image_check_layout(format, width_pixels, height_pixels, stride_bytes, allocate, &layout, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: %s", caller, why);
    }
}

bool ok4a_image_layout(const char *caller, k4a_image_format_t format, int width_pixels, int height_pixels,
                       int stride_bytes, bool allocate, ok4a_image_layout_t *layout)
{
    /* Two copies of the rules, each with `allocate` a constant. */
    if (allocate ? ok4a_image_layout_rules(format, width_pixels, height_pixels, stride_bytes, true, layout, NULL, 0) :
                   ok4a_image_layout_rules(format, width_pixels, height_pixels, stride_bytes, false, layout, NULL, 0))
    {
        return true;
    }
    log_refused_layout(caller, format, width_pixels, height_pixels, stride_bytes, allocate);
    return false;
}

bool ok4a_image_check_layout(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                             bool allocate, ok4a_image_layout_t *layout, char *why, size_t why_size)
{
    if (why_size > 0)
    {
        why[0] = '\0';
    }
    return ok4a_image_layout_rules(format, width_pixels, height_pixels, stride_bytes, allocate, layout, why, why_size);
}

bool ok4a_image_check_from_buffer(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                                  const void *buffer, size_t buffer_size, ok4a_image_layout_t *layout, char *why,
                                  size_t why_size)
{
    if (why_size > 0)
    {
        why[0] = '\0';
    }
    return ok4a_image_from_buffer_rules(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size, layout,
                                        why, why_size);
}
