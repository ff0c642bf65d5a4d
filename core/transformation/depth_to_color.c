/* Depth rendered into the colour camera: each 2x2 block of depth pixels, mapped to the colour
 * image, is drawn as two triangles (one when a corner has no depth; none with two missing) with
 * depth (and custom values) interpolated across them, the nearest surface kept per pixel.
 *
 * Parallel over bands of colour rows, so each output pixel has one writer: a band draws the
 * depth rows whose mapped rows reach it (their extent computed first). Each band's pixel tests
 * are capped at a multiple of its size, so a calibration that stretches triangles over the whole
 * image fails the call instead of taking hours. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/transformation/transformation_internal.h"

#define OK4A_BAND_ROWS 48
/* Pixel tests a band may make per pixel it owns; real frames need about 2. */
#define OK4A_BAND_BUDGET_PER_PIXEL 256

typedef struct
{
    float u, v, z;
    float custom;
    int index; /* depth pixel, for nearest */
} vertex_t;

typedef struct
{
    const struct _k4a_transformation_t *t;
    const ok4a_image_view_t *out, *custom_in, *custom_out;
    bool nearest;
    uint32_t invalid_custom;
    float *row_extent; /* per depth row y (0..h-2): min v, max v of its blocks; min > max when empty */
    atomic_bool over_budget;
} render_job_t;

static inline float custom_at(const ok4a_image_view_t *img, int width, int index)
{
    const int y = index / width, x = index % width;
    const uint8_t *p = img->pixels + (size_t)y * img->stride;
    if (img->format == K4A_IMAGE_FORMAT_CUSTOM8)
    {
        return (float)p[x];
    }
    uint16_t v;
    memcpy(&v, p + 2 * (size_t)x, sizeof v);
    return (float)v;
}

static inline void store_custom(const ok4a_image_view_t *img, int x, int y, uint32_t value)
{
    uint8_t *p = img->pixels + (size_t)y * img->stride;
    if (img->format == K4A_IMAGE_FORMAT_CUSTOM8)
    {
        p[x] = (uint8_t)value;
    }
    else
    {
        const uint16_t v = (uint16_t)value;
        memcpy(p + 2 * (size_t)x, &v, sizeof v);
    }
}

/* Inline helpers: no libm calls in the per-triangle path. */
static inline float min3(float a, float b, float c)
{
    float m = a < b ? a : b;
    return m < c ? m : c;
}
static inline float max3(float a, float b, float c)
{
    float m = a > b ? a : b;
    return m > c ? m : c;
}
static inline float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}
static inline int imin(int a, int b)
{
    return a < b ? a : b;
}
static inline int imax(int a, int b)
{
    return a > b ? a : b;
}
/* For |v| well inside the int range. */
static inline int floor_int(float v)
{
    int i = (int)v;
    return i - (v < (float)i);
}
static inline int ceil_int(float v)
{
    int i = (int)v;
    return i + (v > (float)i);
}

static inline float edge(float au, float av, float bu, float bv, float pu, float pv)
{
    return (bu - au) * (pv - av) - (bv - av) * (pu - au);
}

/* Draws one triangle into rows [y0, y1) of the output; returns the pixel tests made. */
static long draw(const render_job_t *job, const vertex_t *a, const vertex_t *b, const vertex_t *c, int y0, int y1)
{
    const float area = edge(a->u, a->v, b->u, b->v, c->u, c->v);
    if (!(area != 0.f) || !isfinite(area))
    {
        return 0;
    }
    const int width = job->out->width;
    /* The bounding box clamped to the band first, so the int conversions cannot overflow. */
    const float umin = clampf(min3(a->u, b->u, c->u), -1.f, (float)width);
    const float umax = clampf(max3(a->u, b->u, c->u), -1.f, (float)width);
    const float vmin = clampf(min3(a->v, b->v, c->v), (float)y0 - 1.f, (float)y1);
    const float vmax = clampf(max3(a->v, b->v, c->v), (float)y0 - 1.f, (float)y1);
    const int xs = imax(ceil_int(umin), 0), xe = imin(floor_int(umax), width - 1);
    const int ys = imax(ceil_int(vmin), y0), ye = imin(floor_int(vmax), y1 - 1);
    if (xs > xe || ys > ye)
    {
        return 0;
    }
    const float inv_area = 1.f / area;
    for (int y = ys; y <= ye; y++)
    {
        uint16_t *row = (uint16_t *)(void *)(job->out->pixels + (size_t)y * job->out->stride);
        for (int x = xs; x <= xe; x++)
        {
            /* barycentric weights, all of one sign inside (edges included) */
            const float wa = edge(b->u, b->v, c->u, c->v, (float)x, (float)y) * inv_area;
            const float wb = edge(c->u, c->v, a->u, a->v, (float)x, (float)y) * inv_area;
            const float wc = 1.f - wa - wb;
            if (wa < 0.f || wb < 0.f || wc < 0.f)
            {
                continue;
            }
            const float z = wa * a->z + wb * b->z + wc * c->z;
            if (!(z >= 0.5f && z < 65535.5f))
            {
                continue;
            }
            const uint16_t d = (uint16_t)(z + 0.5f);
            uint16_t current;
            memcpy(&current, &row[x], sizeof current);
            if (current != 0 && current <= d)
            {
                continue;
            }
            memcpy(&row[x], &d, sizeof d);
            if (job->custom_out != NULL)
            {
                float value;
                if (job->nearest)
                {
                    value = wa >= wb && wa >= wc ? a->custom : wb >= wc ? b->custom : c->custom;
                }
                else
                {
                    value = wa * a->custom + wb * b->custom + wc * c->custom;
                }
                store_custom(job->custom_out, x, y, (uint32_t)(value + 0.5f));
            }
        }
    }
    return (long)(xe - xs + 1) * (long)(ye - ys + 1);
}

static void extent_rows(void *context, int task)
{
    render_job_t *job = context;
    const int w = job->t->depth_table.width, h = job->t->depth_table.height;
    for (int y = task * OK4A_BAND_ROWS; y < h - 1 && y < (task + 1) * OK4A_BAND_ROWS; y++)
    {
        float lo = INFINITY, hi = -INFINITY;
        const float *v = job->t->correspondences.v + (size_t)y * (size_t)w;
        const int32_t *valid = job->t->correspondences.valid + (size_t)y * (size_t)w;
        for (int k = 0; k < 2 * w; k++)
        {
            if (valid[k] && isfinite(v[k]))
            {
                lo = v[k] < lo ? v[k] : lo;
                hi = v[k] > hi ? v[k] : hi;
            }
        }
        job->row_extent[2 * y] = lo;
        job->row_extent[2 * y + 1] = hi;
    }
}

static vertex_t vertex(const render_job_t *job, int index)
{
    const ok4a_correspondences_t *c = &job->t->correspondences;
    vertex_t v = {c->u[index], c->v[index], c->z[index], 0.f, index};
    if (job->custom_in != NULL)
    {
        v.custom = custom_at(job->custom_in, job->t->depth_table.width, index);
    }
    return v;
}

static void band(void *context, int task)
{
    render_job_t *job = context;
    const int y0 = task * OK4A_BAND_ROWS;
    const int y1 = y0 + OK4A_BAND_ROWS < job->out->height ? y0 + OK4A_BAND_ROWS : job->out->height;
    for (int y = y0; y < y1; y++)
    {
        memset(job->out->pixels + (size_t)y * job->out->stride, 0, 2 * (size_t)job->out->width);
        for (int x = 0; job->custom_out != NULL && x < job->custom_out->width; x++)
        {
            store_custom(job->custom_out, x, y, job->invalid_custom);
        }
    }
    const long budget = (long)OK4A_BAND_BUDGET_PER_PIXEL * (long)job->out->width * (long)(y1 - y0);
    long spent = 0;
    const int w = job->t->depth_table.width, h = job->t->depth_table.height;
    const float *cv = job->t->correspondences.v;
    const int32_t *cvalid = job->t->correspondences.valid;
    for (int y = 0; y < h - 1; y++)
    {
        if (!(job->row_extent[2 * y] < (float)y1 && job->row_extent[2 * y + 1] >= (float)y0 - 1.f))
        {
            continue;
        }
        for (int x = 0; x < w - 1; x++)
        {
            const int tl = y * w + x, tr = tl + 1, bl = tl + w, br = bl + 1;
            const int valid = cvalid[tl] + cvalid[tr] + cvalid[bl] + cvalid[br];
            if (valid < 3)
            {
                continue;
            }
            const float lo = min3(cv[tl], cv[tr], cv[bl] < cv[br] ? cv[bl] : cv[br]);
            const float hi = max3(cv[tl], cv[tr], cv[bl] > cv[br] ? cv[bl] : cv[br]);
            if (valid == 4 && (hi < (float)y0 - 1.f || lo >= (float)y1))
            {
                continue;
            }
            const vertex_t vtl = vertex(job, tl), vtr = vertex(job, tr), vbl = vertex(job, bl), vbr = vertex(job, br);
            if (valid == 4)
            {
                spent += draw(job, &vtl, &vtr, &vbr, y0, y1);
                spent += draw(job, &vtl, &vbr, &vbl, y0, y1);
            }
            else if (!cvalid[tl])
            {
                spent += draw(job, &vtr, &vbr, &vbl, y0, y1);
            }
            else if (!cvalid[tr])
            {
                spent += draw(job, &vtl, &vbr, &vbl, y0, y1);
            }
            else if (!cvalid[bl])
            {
                spent += draw(job, &vtl, &vtr, &vbr, y0, y1);
            }
            else
            {
                spent += draw(job, &vtl, &vtr, &vbl, y0, y1);
            }
            if (spent > budget)
            {
                atomic_store(&job->over_budget, true);
                return;
            }
        }
    }
}

bool ok4a_transformation_render(struct _k4a_transformation_t *t, const ok4a_image_view_t *out_depth,
                                const ok4a_image_view_t *custom_in, const ok4a_image_view_t *custom_out,
                                k4a_transformation_interpolation_type_t interpolation, uint32_t invalid_custom,
                                const char *caller)
{
    /* The row extents live after the correspondences' scratch: one pair per depth row. */
    render_job_t job = {t, out_depth, custom_in, custom_out,
                        interpolation == K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST, invalid_custom,
                        t->row_extent, false};
    const int h = t->depth_table.height;
    ok4a_parallel_run(t->pool, (h - 1 + OK4A_BAND_ROWS - 1) / OK4A_BAND_ROWS, extent_rows, &job);
    ok4a_parallel_run(t->pool, (out_depth->height + OK4A_BAND_ROWS - 1) / OK4A_BAND_ROWS, band, &job);
    if (atomic_load(&job.over_budget))
    {
        OK4A_LOG_ERROR("%s: the calibration maps depth pixels onto areas too large to draw (more than %d tests per "
                       "output pixel); output incomplete",
                       caller, OK4A_BAND_BUDGET_PER_PIXEL);
        return false;
    }
    return true;
}
