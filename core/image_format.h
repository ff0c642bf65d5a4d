/* Image geometry rules (internal): which format/width/height/stride
 * combinations are valid and how many bytes they need. The rules themselves
 * are the generated [[format]] table (core/image_formats_generated.h). */
#ifndef OPENK4A_CORE_IMAGE_FORMAT_H_
#define OPENK4A_CORE_IMAGE_FORMAT_H_

#include <stdbool.h>
#include <stddef.h>

#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C" {
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
bool ok4a_image_layout(const char *caller,
                       k4a_image_format_t format,
                       int width_pixels,
                       int height_pixels,
                       int stride_bytes,
                       bool allocate,
                       ok4a_image_layout_t *layout);

/* ok4a_image_layout() without the log: on failure writes the broken rule
 * (the text ok4a_image_layout() logs after "caller: ") to why, NUL-terminated
 * and truncated to why_size bytes (why may be NULL when why_size is 0). */
bool ok4a_image_check_layout(k4a_image_format_t format,
                             int width_pixels,
                             int height_pixels,
                             int stride_bytes,
                             bool allocate,
                             ok4a_image_layout_t *layout,
                             char *why,
                             size_t why_size);

/* Every rule of k4a_image_create_from_buffer, in its order: buffer not NULL,
 * the geometry (ok4a_image_check_layout), buffer_size > 0 and at least the
 * layout's required size. On failure writes the broken rule to why. */
bool ok4a_image_check_from_buffer(k4a_image_format_t format,
                                  int width_pixels,
                                  int height_pixels,
                                  int stride_bytes,
                                  const void *buffer,
                                  size_t buffer_size,
                                  ok4a_image_layout_t *layout,
                                  char *why,
                                  size_t why_size);

/* The same rules without any message, for the fast path of
 * k4a_image_create*(): true with the layout, or false (the caller then asks
 * one of the functions above why). */
bool ok4a_image_layout_ok(k4a_image_format_t format,
                          int width_pixels,
                          int height_pixels,
                          int stride_bytes,
                          bool allocate,
                          ok4a_image_layout_t *layout);

bool ok4a_image_from_buffer_ok(k4a_image_format_t format,
                               int width_pixels,
                               int height_pixels,
                               int stride_bytes,
                               const void *buffer,
                               size_t buffer_size,
                               ok4a_image_layout_t *layout);

/* True for the values of k4a_image_format_t. */
bool ok4a_image_format_is_valid(k4a_image_format_t format);

/* "MJPG", "NV12", ... or "?" for an invalid value. */
const char *ok4a_image_format_short_name(k4a_image_format_t format);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_IMAGE_FORMAT_H_ */
