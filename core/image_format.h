/* Image geometry rules (internal): which format/width/height/stride
 * combinations are valid and how many bytes they need. The rules themselves
 * are the generated [[format]] table (core/image_formats_generated.h). */
#ifndef OPENK4A_CORE_IMAGE_FORMAT_H_
#define OPENK4A_CORE_IMAGE_FORMAT_H_

#include <stdbool.h>
#include <stddef.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct
    {
        int stride_bytes;     /* the stride given, or the format's minimum when 0 was given */
        size_t required_size; /* bytes the geometry needs; 0 when the format has no size rule */
    } ok4a_image_layout_t;

    /* Checks a geometry for k4a_image_create (allocate = true: the format must
     * have a fixed size and a stride) or k4a_image_create_from_buffer. On failure
     * logs one error naming `caller` and the broken rule, and returns false.
     * Overflow-safe for any int inputs. */
    bool ok4a_image_layout(const char *caller, k4a_image_format_t format, int width_pixels, int height_pixels,
                           int stride_bytes, bool allocate, ok4a_image_layout_t *layout);

    /* ok4a_image_layout() without the log: on failure writes the broken rule
     * (the text ok4a_image_layout() logs after "caller: ") to why, NUL-terminated
     * and truncated to why_size bytes (why may be NULL when why_size is 0). */
    bool ok4a_image_check_layout(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                                 bool allocate, ok4a_image_layout_t *layout, char *why, size_t why_size);

    /* Every rule of k4a_image_create_from_buffer, in its order: buffer not NULL,
     * the geometry (ok4a_image_check_layout), buffer_size > 0 and at least the
     * layout's required size. On failure writes the broken rule to why. */
    bool ok4a_image_check_from_buffer(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                                      const void *buffer, size_t buffer_size, ok4a_image_layout_t *layout, char *why,
                                      size_t why_size);

    /* True for the values of k4a_image_format_t. */
    bool ok4a_image_format_is_valid(k4a_image_format_t format);

    /* "MJPG", "NV12", ... or "?" for an invalid value. */
    const char *ok4a_image_format_short_name(k4a_image_format_t format);

#ifdef __cplusplus
}
#endif

/* The rules themselves, inlined where they are used. C only: the generated
 * table uses C99 designated initializers. */
#ifndef __cplusplus
#include <stdint.h>
#include <stdio.h>

#include "core/image_formats_generated.h"

/* Writes the broken rule to why (if asked for) and fails. */
#define OK4A_REFUSE(...)                                                                                               \
    do                                                                                                                 \
    {                                                                                                                  \
        if (why_size > 0)                                                                                              \
        {                                                                                                              \
            snprintf(why, why_size, __VA_ARGS__);                                                                      \
        }                                                                                                              \
        return false;                                                                                                  \
    } while (0)

/* Every geometry rule, in the order the messages are chosen: the one copy of
 * the rules, behind ok4a_image_check_layout() and inlined into the fast path
 * of k4a_image_create*(), where why_size is a constant 0 and the messages
 * compile away. On failure writes the broken rule to why (when why_size > 0);
 * on success fills layout. */
static inline __attribute__((always_inline)) bool ok4a_image_layout_rules(k4a_image_format_t format, int width_pixels,
                                                                          int height_pixels, int stride_bytes,
                                                                          bool allocate, ok4a_image_layout_t *layout,
                                                                          char *why, size_t why_size)
{
    if ((unsigned)format >= OK4A_IMAGE_FORMAT_COUNT)
    {
        OK4A_REFUSE("format %d is not a k4a_image_format_t", (int)format);
    }
    /* Read once; the conditions below are bitwise (fewer branches) where
     * evaluating every operand is harmless. */
    const ok4a_format_rule_t rule_copy = ok4a_format_rules[format];
    const ok4a_format_rule_t *rule = &rule_copy;
    if (((unsigned)width_pixels - 1u >= (unsigned)OK4A_IMAGE_MAX_DIMENSION) |
        ((unsigned)height_pixels - 1u >= (unsigned)OK4A_IMAGE_MAX_DIMENSION))
    {
        OK4A_REFUSE("%s image of %dx%d pixels: width and height must be 1..%d", rule->short_name, width_pixels,
                    height_pixels, OK4A_IMAGE_MAX_DIMENSION);
    }
    if (stride_bytes < 0)
    {
        OK4A_REFUSE("%s image: negative stride %d", rule->short_name, stride_bytes);
    }
    if (((rule->even_width & width_pixels) | (rule->even_height & height_pixels)) & 1)
    {
        OK4A_REFUSE("%s image of %dx%d pixels: %s must be even", rule->short_name, width_pixels, height_pixels,
                    rule->even_height ? "width and height" : "width");
    }
    if (allocate && !rule->creatable)
    {
        OK4A_REFUSE("%s images have no fixed size; create them from a buffer", rule->short_name);
    }
    if ((stride_bytes == 0) & rule->stride_required & allocate)
    {
        OK4A_REFUSE("%s image: this format has no default stride; give one", rule->short_name);
    }
    /* width <= 32768 and bytes per pixel <= 16: no overflow in int. */
    int min_stride = width_pixels * rule->min_bytes_per_pixel;
    if (stride_bytes == 0)
    {
        stride_bytes = min_stride;
    }
    else if (stride_bytes < min_stride)
    {
        OK4A_REFUSE("%s image %d pixels wide: stride %d is below the minimum %d", rule->short_name, width_pixels,
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
        OK4A_REFUSE("%s image %dx%d stride %d needs %llu bytes: more than %s", rule->short_name, width_pixels,
                    height_pixels, stride_bytes, (unsigned long long)size,
                    allocate ? "k4a_image_create allocates (1 GiB)" : "this platform can address");
    }
    if (allocate && size == 0)
    {
        OK4A_REFUSE("%s image: no size can be computed", rule->short_name);
    }
    layout->stride_bytes = stride_bytes;
    layout->required_size = (size_t)size;
    return true;
}

/* Every rule of create_from_buffer, in its order: buffer, geometry, buffer size. */
static inline __attribute__((always_inline)) bool
ok4a_image_from_buffer_rules(k4a_image_format_t format, int width_pixels, int height_pixels, int stride_bytes,
                             const void *buffer, size_t buffer_size, ok4a_image_layout_t *layout, char *why,
                             size_t why_size)
{
    if (buffer == NULL)
    {
        OK4A_REFUSE("buffer is NULL");
    }
    if (!ok4a_image_layout_rules(format, width_pixels, height_pixels, stride_bytes, false, layout, why, why_size))
    {
        return false;
    }
    if (buffer_size == 0 || buffer_size < layout->required_size)
    {
        OK4A_REFUSE("%s image %dx%d stride %d needs %zu bytes, buffer_size is %zu",
                    ok4a_image_format_short_name(format), width_pixels, height_pixels, layout->stride_bytes,
                    layout->required_size > 0 ? layout->required_size : (size_t)1, buffer_size);
    }
    return true;
}

#undef OK4A_REFUSE
#endif /* !__cplusplus */

#endif /* OPENK4A_CORE_IMAGE_FORMAT_H_ */
