/* Image format rules (stride, size, parity) from the [[format]] table.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef CORE_IMAGE_FORMATS_GENERATED_H_
#define CORE_IMAGE_FORMATS_GENERATED_H_

#include <stdbool.h>
#include <stdint.h>
#include <k4a/k4atypes.h>

/* Internal: the format rules behind core/image_format.h (included only there). */

#define OK4A_IMAGE_MAX_DIMENSION 32768
#define OK4A_IMAGE_MAX_CREATE_BYTES ((uint64_t)1073741824)
#define OK4A_IMAGE_FORMAT_COUNT 9

typedef enum
{
    OK4A_SIZE_STRIDE_X_HEIGHT,
    OK4A_SIZE_STRIDE_X_HEIGHT_X3_2,
    OK4A_SIZE_STRIDE_X_HEIGHT_IF_STRIDE,
    OK4A_SIZE_UNSIZED,
} ok4a_size_rule_t;

typedef struct
{
    const char *short_name;
    uint8_t min_bytes_per_pixel; /* minimum stride = width * this; 0 = none */
    uint8_t size_rule;           /* ok4a_size_rule_t */
    bool even_width;
    bool even_height;
    bool stride_required; /* stride 0 is rejected */
    bool creatable;       /* k4a_image_create can allocate it */
} ok4a_format_rule_t;

static const ok4a_format_rule_t ok4a_format_rules[OK4A_IMAGE_FORMAT_COUNT] = {
    [K4A_IMAGE_FORMAT_COLOR_MJPG] = {"MJPG", 0, OK4A_SIZE_UNSIZED, false, false, false, false},
    [K4A_IMAGE_FORMAT_COLOR_NV12] = {"NV12", 1, OK4A_SIZE_STRIDE_X_HEIGHT_X3_2, true, true, false, true},
    [K4A_IMAGE_FORMAT_COLOR_YUY2] = {"YUY2", 2, OK4A_SIZE_STRIDE_X_HEIGHT, true, false, false, true},
    [K4A_IMAGE_FORMAT_COLOR_BGRA32] = {"BGRA32", 4, OK4A_SIZE_STRIDE_X_HEIGHT, false, false, false, true},
    [K4A_IMAGE_FORMAT_DEPTH16] = {"DEPTH16", 2, OK4A_SIZE_STRIDE_X_HEIGHT, false, false, false, true},
    [K4A_IMAGE_FORMAT_IR16] = {"IR16", 2, OK4A_SIZE_STRIDE_X_HEIGHT, false, false, false, true},
    [K4A_IMAGE_FORMAT_CUSTOM8] = {"CUSTOM8", 1, OK4A_SIZE_STRIDE_X_HEIGHT, false, false, false, true},
    [K4A_IMAGE_FORMAT_CUSTOM16] = {"CUSTOM16", 2, OK4A_SIZE_STRIDE_X_HEIGHT, false, false, false, true},
    [K4A_IMAGE_FORMAT_CUSTOM] = {"CUSTOM", 0, OK4A_SIZE_STRIDE_X_HEIGHT_IF_STRIDE, false, false, true, true},
};

#endif /* CORE_IMAGE_FORMATS_GENERATED_H_ */
