#include "core/color/image_render.h"

#include <stdlib.h>
#include <string.h>

static uint16_t sample(const uint8_t *data, size_t stride, uint32_t x, uint32_t y)
{
    uint16_t v;
    memcpy(&v, data + y * stride + 2 * (size_t)x, sizeof v); /* rows need not be aligned */
    return v;
}

/* Histogram of the samples (zeros skipped when asked); NULL when out of memory. */
static uint32_t *histogram_of(const uint8_t *data, uint32_t width, uint32_t height, size_t stride, bool skip_zero,
                              uint64_t *count)
{
    uint32_t *histogram = data ? calloc(65536, sizeof *histogram) : NULL;
    *count = 0;
    if (histogram == NULL)
        return NULL;
    for (uint32_t y = 0; y < height; y++)
        for (uint32_t x = 0; x < width; x++)
        {
            const uint16_t v = sample(data, stride, x, y);
            if (v == 0 && skip_zero)
                continue;
            histogram[v]++;
            (*count)++;
        }
    return histogram;
}

/* The sample of the given rank (0-based) in sorted order. */
static uint16_t value_at_rank(const uint32_t *histogram, uint64_t rank)
{
    uint64_t seen = 0;
    for (uint32_t v = 0; v < 65536; v++)
    {
        seen += histogram[v];
        if (seen > rank)
            return (uint16_t)v;
    }
    return 65535;
}

static openk4a_render_range_t widened(openk4a_render_range_t range)
{
    if (range.max <= range.min)
    {
        if (range.min == 65535)
            range.min--;
        range.max = range.min + 1;
    }
    return range;
}

openk4a_render_range_t openk4a_render_auto_range(const uint8_t *data, uint32_t width, uint32_t height, size_t stride,
                                                 bool skip_zero)
{
    openk4a_render_range_t range = {0, 1};
    uint64_t count;
    uint32_t *histogram = histogram_of(data, width, height, stride, skip_zero, &count);
    if (histogram != NULL && count > 0)
    {
        range.min = value_at_rank(histogram, count / 100);
        range.max = value_at_rank(histogram, count - 1 - count / 100);
        range = widened(range);
    }
    free(histogram);
    return range;
}

openk4a_render_range_t openk4a_render_auto_ir_range(const uint8_t *data, uint32_t width, uint32_t height, size_t stride)
{
    openk4a_render_range_t range = {0, 1};
    uint64_t count;
    uint32_t *histogram = histogram_of(data, width, height, stride, true, &count);
    if (histogram != NULL && count > 0)
    {
        const uint64_t three_medians = 3 * (uint64_t)value_at_rank(histogram, count / 2);
        const uint16_t p99 = value_at_rank(histogram, count - 1 - count / 100);
        range.max = three_medians < p99 ? (uint16_t)three_medians : p99;
        range = widened(range);
    }
    free(histogram);
    return range;
}

void openk4a_render_colormap(uint32_t t, uint8_t rgb[3])
{
    /* Four linear legs of 256 steps each. */
    static const uint8_t anchors[5][3] = {
        {0, 0, 255}, {0, 255, 255}, {0, 255, 0}, {255, 255, 0}, {255, 0, 0},
    };
    if (t > 1023)
        t = 1023;
    const uint32_t leg = t / 256, f = t % 256;
    const uint8_t *a = anchors[leg], *b = anchors[leg + 1];
    for (int c = 0; c < 3; c++)
        rgb[c] = (uint8_t)((a[c] * (255 - f) + b[c] * f + 127) / 255);
}

/* Position of v inside [min, max] scaled to 0..scale. */
static uint32_t scale_to(uint16_t v, openk4a_render_range_t range, uint32_t scale)
{
    if (v <= range.min)
        return 0;
    if (v >= range.max)
        return scale;
    return (uint32_t)(((uint64_t)(v - range.min) * scale + (range.max - range.min) / 2) / (range.max - range.min));
}

void openk4a_render_depth16(const uint8_t *data, uint32_t width, uint32_t height, size_t stride,
                            openk4a_render_range_t range, uint8_t *rgb)
{
    uint8_t table[1024][3];
    for (uint32_t t = 0; t < 1024; t++)
        openk4a_render_colormap(t, table[t]);
    for (uint32_t y = 0; y < height; y++)
    {
        uint8_t *out = rgb + (size_t)y * width * 3;
        for (uint32_t x = 0; x < width; x++)
        {
            const uint16_t v = sample(data, stride, x, y);
            if (v == 0)
                memset(out + 3 * x, 0, 3);
            else
                memcpy(out + 3 * x, table[scale_to(v, range, 1023)], 3);
        }
    }
}

void openk4a_render_ir16(const uint8_t *data, uint32_t width, uint32_t height, size_t stride,
                         openk4a_render_range_t range, uint8_t *grey)
{
    for (uint32_t y = 0; y < height; y++)
        for (uint32_t x = 0; x < width; x++)
            grey[(size_t)y * width + x] = (uint8_t)scale_to(sample(data, stride, x, y), range, 255);
}
