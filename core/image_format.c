#include "core/image_format.h"

#include <stdint.h>
#include <stdio.h>

#include "core/image_formats_generated.h"
#include "core/log.h"

bool ok4a_image_format_is_valid(k4a_image_format_t format)
{
    return (unsigned)format < OK4A_IMAGE_FORMAT_COUNT;
}

const char *ok4a_image_format_short_name(k4a_image_format_t format)
{
    return ok4a_image_format_is_valid(format) ? ok4a_format_rules[format].short_name : "?";
}

/* Writes the broken rule to why and fails. */
#define REFUSE(...)                                                                                                    \
    do                                                                                                                 \
    {                                                                                                                  \
        if (why_size > 0)                                                                                              \
        {                                                                                                              \
            snprintf(why, why_size, __VA_ARGS__);                                                                      \
        }                                                                                                              \
        return false;                                                                                                  \
    } while (0)

/* Every geometry rule, in the order the messages are chosen. Inlined twice:
 * with why_size a constant 0 (the fast path: the messages compile away) and
 * with a message buffer (only once a geometry has been refused). */
static inline __attribute__((always_inline)) bool check_layout(k4a_image_format_t format,
                                                               int width_pixels,
                                                               int height_pixels,
                                                               int stride_bytes,
                                                               bool allocate,
                                                               ok4a_image_layout_t *layout,
                                                               char *why,
                                                               size_t why_size)
{
    if (!ok4a_image_format_is_valid(format))
    {
        REFUSE("format %d is not a k4a_image_format_t", (int)format);
    }
    /* A copy: one load, and the conditions below are bitwise (branch-light)
     * where evaluating every operand is harmless. */
    const ok4a_format_rule_t rule_copy = ok4a_format_rules[format];
    const ok4a_format_rule_t *rule = &rule_copy;
    if (((unsigned)width_pixels - 1u >= (unsigned)OK4A_IMAGE_MAX_DIMENSION) |
        ((unsigned)height_pixels - 1u >= (unsigned)OK4A_IMAGE_MAX_DIMENSION))
    {
        REFUSE("%s image of %dx%d pixels: width and height must be 1..%d", rule->short_name, width_pixels,
               height_pixels, OK4A_IMAGE_MAX_DIMENSION);
    }
    if (stride_bytes < 0)
    {
        REFUSE("%s image: negative stride %d", rule->short_name, stride_bytes);
    }
    if (((rule->even_width & width_pixels) | (rule->even_height & height_pixels)) & 1)
    {
        REFUSE("%s image of %dx%d pixels: %s must be even", rule->short_name, width_pixels, height_pixels,
               rule->even_height ? "width and height" : "width");
    }
    if (allocate && !rule->creatable)
    {
        REFUSE("%s images have no fixed size; create them from a buffer", rule->short_name);
    }
    if ((stride_bytes == 0) & rule->stride_required & allocate)
    {
        REFUSE("%s image: this format has no default stride; give one", rule->short_name);
    }
    /* width <= 32768 and bytes per pixel <= 16: no overflow in int. */
    int min_stride = width_pixels * rule->min_bytes_per_pixel;
    if (stride_bytes == 0)
    {
        stride_bytes = min_stride;
    }
    else if (stride_bytes < min_stride)
    {
        REFUSE("%s image %d pixels wide: stride %d is below the minimum %d", rule->short_name, width_pixels,
               stride_bytes, min_stride);
    }

    uint64_t size = 0;
    switch ((ok4a_size_rule_t)rule->size_rule)
    {
    case OK4A_SIZE_STRIDE_X_HEIGHT:
        size = (uint64_t)stride_bytes * (uint64_t)height_pixels;
        break;
    case OK4A_SIZE_STRIDE_X_HEIGHT_X3_2:
        /* Height is even (checked above): the UV plane has height / 2 rows. */
        size = (uint64_t)stride_bytes * ((uint64_t)height_pixels + (uint64_t)height_pixels / 2);
        break;
    case OK4A_SIZE_STRIDE_X_HEIGHT_IF_STRIDE:
        size = (uint64_t)stride_bytes * (uint64_t)height_pixels;
        break;
    case OK4A_SIZE_UNSIZED:
        size = 0;
        break;
    }
    /* stride < 2^31 and height <= 2^15 keep size below 2^47: exact in
     * uint64_t; only the conversion to size_t can lose bits. */
    if (size > SIZE_MAX || (allocate && size > OK4A_IMAGE_MAX_CREATE_BYTES))
    {
        REFUSE("%s image %dx%d stride %d needs %llu bytes: more than %s", rule->short_name, width_pixels,
               height_pixels, stride_bytes, (unsigned long long)size,
               allocate ? "k4a_image_create allocates (1 GiB)" : "this platform can address");
    }
    if (allocate && size == 0)
    {
        REFUSE("%s image: no size can be computed", rule->short_name);
    }
    layout->stride_bytes = stride_bytes;
    layout->required_size = (size_t)size;
    return true;
}

/* Every rule of create_from_buffer: buffer, geometry, buffer size. */
static inline __attribute__((always_inline)) bool check_from_buffer(k4a_image_format_t format,
                                                                    int width_pixels,
                                                                    int height_pixels,
                                                                    int stride_bytes,
                                                                    const void *buffer,
                                                                    size_t buffer_size,
                                                                    ok4a_image_layout_t *layout,
                                                                    char *why,
                                                                    size_t why_size)
{
    if (buffer == NULL)
    {
        REFUSE("buffer is NULL");
    }
    if (!check_layout(format, width_pixels, height_pixels, stride_bytes, false, layout, why, why_size))
    {
        return false;
    }
    if (buffer_size == 0 || buffer_size < layout->required_size)
    {
        REFUSE("%s image %dx%d stride %d needs %zu bytes, buffer_size is %zu", ok4a_image_format_short_name(format),
               width_pixels, height_pixels, layout->stride_bytes,
               layout->required_size > 0 ? layout->required_size : (size_t)1, buffer_size);
    }
    return true;
}

static __attribute__((cold, noinline)) void log_refused_layout(const char *caller,
                                                              k4a_image_format_t format,
                                                              int width_pixels,
                                                              int height_pixels,
                                                              int stride_bytes,
                                                              bool allocate)
{
    char why[256];
    ok4a_image_layout_t layout;
    if (!ok4a_image_check_layout(format, width_pixels, height_pixels, stride_bytes, allocate, &layout, why, sizeof why))
    {
        OK4A_LOG_ERROR("%s: %s", caller, why);
    }
}

bool ok4a_image_layout(const char *caller,
                       k4a_image_format_t format,
                       int width_pixels,
                       int height_pixels,
                       int stride_bytes,
                       bool allocate,
                       ok4a_image_layout_t *layout)
{
    if (ok4a_image_layout_ok(format, width_pixels, height_pixels, stride_bytes, allocate, layout))
    {
        return true;
    }
    log_refused_layout(caller, format, width_pixels, height_pixels, stride_bytes, allocate);
    return false;
}

bool ok4a_image_layout_ok(k4a_image_format_t format,
                          int width_pixels,
                          int height_pixels,
                          int stride_bytes,
                          bool allocate,
                          ok4a_image_layout_t *layout)
{
    /* Two copies, each with `allocate` a constant. */
    return allocate ? check_layout(format, width_pixels, height_pixels, stride_bytes, true, layout, NULL, 0)
                    : check_layout(format, width_pixels, height_pixels, stride_bytes, false, layout, NULL, 0);
}

bool ok4a_image_from_buffer_ok(k4a_image_format_t format,
                               int width_pixels,
                               int height_pixels,
                               int stride_bytes,
                               const void *buffer,
                               size_t buffer_size,
                               ok4a_image_layout_t *layout)
{
    return check_from_buffer(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size, layout, NULL, 0);
}

bool ok4a_image_check_layout(k4a_image_format_t format,
                             int width_pixels,
                             int height_pixels,
                             int stride_bytes,
                             bool allocate,
                             ok4a_image_layout_t *layout,
                             char *why,
                             size_t why_size)
{
    if (why_size > 0)
    {
        why[0] = '\0';
    }
    return check_layout(format, width_pixels, height_pixels, stride_bytes, allocate, layout, why, why_size);
}

bool ok4a_image_check_from_buffer(k4a_image_format_t format,
                                  int width_pixels,
                                  int height_pixels,
                                  int stride_bytes,
                                  const void *buffer,
                                  size_t buffer_size,
                                  ok4a_image_layout_t *layout,
                                  char *why,
                                  size_t why_size)
{
    if (why_size > 0)
    {
        why[0] = '\0';
    }
    return check_from_buffer(format, width_pixels, height_pixels, stride_bytes, buffer, buffer_size, layout, why,
                             why_size);
}
