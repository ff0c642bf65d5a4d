/* Turns 16-bit sensor images into 8-bit pictures for people to look at:
 * DEPTH16 through a blue (near) -> red (far) colour map with invalid (0)
 * pixels black, IR16 as a grey ramp. */
#ifndef OPENK4A_CORE_COLOR_IMAGE_RENDER_H_
#define OPENK4A_CORE_COLOR_IMAGE_RENDER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /* Values at or below `min` map to the first colour, at or above `max` to the
     * last. */
    typedef struct
    {
        uint16_t min;
        uint16_t max;
    } openk4a_render_range_t;

    /* The 1st..99th percentile of the 16-bit samples (native-endian uint16
     * rows), skipping zeros when `skip_zero` (depth: 0 = no measurement).
     * Always min < max; {0, 1} when there is nothing to measure. */
    openk4a_render_range_t openk4a_render_auto_range(const uint8_t *data, uint32_t width, uint32_t height,
                                                     size_t stride, bool skip_zero);

    /* For IR16: 0 .. 3 x the median of the non-zero samples (at most the 99th
     * percentile). Active IR is heavy-tailed (a few bright or saturated
     * reflections above a dim scene), so a percentile stretch shows a black
     * picture; this keeps the scene mid-grey, as the Azure Kinect viewer's fixed
     * 0..1000 does for its sensor. Always min < max. */
    openk4a_render_range_t openk4a_render_auto_ir_range(const uint8_t *data, uint32_t width, uint32_t height,
                                                        size_t stride);

    /* DEPTH16 -> packed RGB (3 * width bytes per row in `rgb`). 0 stays black. */
    void openk4a_render_depth16(const uint8_t *data, uint32_t width, uint32_t height, size_t stride,
                                openk4a_render_range_t range, uint8_t *rgb);

    /* IR16 -> packed 8-bit grey (width bytes per row in `grey`). */
    void openk4a_render_ir16(const uint8_t *data, uint32_t width, uint32_t height, size_t stride,
                             openk4a_render_range_t range, uint8_t *grey);

    /* The colour map itself, for a position t in [0, 1] scaled to 0..1023:
     * blue, cyan, green, yellow, red. */
    void openk4a_render_colormap(uint32_t position_1023, uint8_t rgb[3]);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_IMAGE_RENDER_H_ */
