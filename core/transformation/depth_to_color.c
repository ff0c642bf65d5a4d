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
/* Pixel tests a band may make per pixel it owns: the real NFOV frame needs 1.7 at 720p and 2160p
 * (transformation_benchmark); a calibration that stretches blocks over
 * the image reaches the bound after a few blocks. */
#define OK4A_BAND_BUDGET_PER_PIXEL 32

typedef struct
{
    float u, v, z;
    float custom;
} vertex_t;

typedef struct
{
    const struct _k4a_transformation_t *t;
    const ok4a_image_view_t *out, *custom_in, *custom_out;
    bool nearest;
    uint32_t invalid_custom;
    const float *row_extent;   /* per depth row: min v, max v of its valid pixels; min > max when none */
    const float *chunk_extent; /* the same per chunk of OK4A_CHUNK_PIXELS pixels */
    atomic_bool over_budget;
} render_job_t;

static inline float custom_at(const ok4a_image_view_t *img, int x, int y)
{
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

/* Row y of a custom image set to value: the first pixel, then copies doubling in length. */
static void fill_custom_row(const ok4a_image_view_t *img, int y, uint32_t value)
{
    const size_t bytes = (img->format == K4A_IMAGE_FORMAT_CUSTOM8 ? 1u : 2u) * (size_t)img->width;
    uint8_t *p = img->pixels + (size_t)y * img->stride;
    store_custom(img, 0, y, value);
    for (size_t done = bytes / (size_t)img->width; done < bytes; done *= 2)
    {
        memcpy(p + done, p, done < bytes - done ? done : bytes - done);
    }
}

/* Inline helpers: no libm calls in the per-triangle path. */
static inline float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}
/* For values that are never NaN (extents). */
static inline float min4(float a, float b, float c, float d)
{
    const float ab = a < b ? a : b, cd = c < d ? c : d;
    return ab < cd ? ab : cd;
}
static inline float max4(float a, float b, float c, float d)
{
    const float ab = a > b ? a : b, cd = c > d ? c : d;
    return ab > cd ? ab : cd;
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

/* A triangle ready to shade: its vertices and the inverse of its doubled signed area. */
typedef struct
{
    const vertex_t *a, *b, *c;
    float inv_area;
} triangle_t;

/* False for a degenerate (or non-finite) triangle, which covers no pixel. */
static inline bool triangle(const vertex_t *a, const vertex_t *b, const vertex_t *c, triangle_t *t)
{
    const float area = edge(a->u, a->v, b->u, b->v, c->u, c->v);
    if (!(area != 0.f) || !isfinite(area))
    {
        return false;
    }
    t->a = a;
    t->b = b;
    t->c = c;
    t->inv_area = 1.f / area;
    return true;
}

/* Draws pixel (x, y) of row if it is inside t (edges included), nearest surface first; false when
 * outside. */
static inline __attribute__((always_inline)) bool shade(const render_job_t *job, const triangle_t *t, uint16_t *row,
                                                        int x, int y)
{
    const vertex_t *a = t->a, *b = t->b, *c = t->c;
    /* barycentric weights, all of one sign inside */
    const float wa = edge(b->u, b->v, c->u, c->v, (float)x, (float)y) * t->inv_area;
    const float wb = edge(c->u, c->v, a->u, a->v, (float)x, (float)y) * t->inv_area;
    const float wc = 1.f - wa - wb;
    if (wa < 0.f || wb < 0.f || wc < 0.f)
    {
        return false;
    }
    const float z = wa * a->z + wb * b->z + wc * c->z;
    if (!(z >= 0.5f && z < 65535.5f))
    {
        return true;
    }
    const uint16_t d = (uint16_t)(z + 0.5f);
    uint16_t current;
    memcpy(&current, &row[x], sizeof current);
    if (current != 0 && current <= d)
    {
        return true;
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
    return true;
}

/* Draws a block's n (1 or 2) triangles into rows [y0, y1) of the output: each pixel centre of
 * their bounding box (box) goes to the first triangle that holds it. Returns the pixel tests. */
static inline long draw(const render_job_t *job, const triangle_t *t, int n, const int box[4])
{
    for (int y = box[2]; y <= box[3]; y++)
    {
        uint16_t *row = (uint16_t *)(void *)(job->out->pixels + (size_t)y * job->out->stride);
        for (int x = box[0]; x <= box[1]; x++)
        {
            if (!shade(job, &t[0], row, x, y) && n == 2)
            {
                (void)shade(job, &t[1], row, x, y);
            }
        }
    }
    return (long)n * (long)(box[1] - box[0] + 1) * (long)(box[3] - box[2] + 1);
}

/* The pixel centres [box[0], box[1]] x [box[2], box[3]] of rows [y0, y1) that the bounding box
 * of n vertices holds; false when there are none. */
static inline bool pixel_box(const vertex_t *const *v, int n, int width, int y0, int y1, int box[4])
{
    float umin = v[0]->u, umax = v[0]->u, vmin = v[0]->v, vmax = v[0]->v;
    for (int k = 1; k < n; k++)
    {
        umin = v[k]->u < umin ? v[k]->u : umin;
        umax = v[k]->u > umax ? v[k]->u : umax;
        vmin = v[k]->v < vmin ? v[k]->v : vmin;
        vmax = v[k]->v > vmax ? v[k]->v : vmax;
    }
    /* Clamped to the band first, so the int conversions cannot overflow. */
    umin = clampf(umin, -1.f, (float)width);
    umax = clampf(umax, -1.f, (float)width);
    vmin = clampf(vmin, (float)y0 - 1.f, (float)y1);
    vmax = clampf(vmax, (float)y0 - 1.f, (float)y1);
    box[0] = imax(ceil_int(umin), 0);
    box[1] = imin(floor_int(umax), width - 1);
    box[2] = imax(ceil_int(vmin), y0);
    box[3] = imin(floor_int(vmax), y1 - 1);
    return box[0] <= box[1] && box[2] <= box[3];
}

static inline vertex_t vertex(const render_job_t *job, int index)
{
    const ok4a_correspondences_t *c = &job->t->correspondences;
    return (vertex_t){c->u[index], c->v[index], c->z[index], 0.f};
}

static void band(void *context, int task)
{
    render_job_t *job = context;
    const int y0 = task * OK4A_BAND_ROWS;
    const int y1 = y0 + OK4A_BAND_ROWS < job->out->height ? y0 + OK4A_BAND_ROWS : job->out->height;
    for (int y = y0; y < y1; y++)
    {
        memset(job->out->pixels + (size_t)y * job->out->stride, 0, 2 * (size_t)job->out->width);
        if (job->custom_out != NULL)
        {
            fill_custom_row(job->custom_out, y, job->invalid_custom);
        }
    }
    const long budget = (long)OK4A_BAND_BUDGET_PER_PIXEL * (long)job->out->width * (long)(y1 - y0);
    long spent = 0;
    const int w = job->t->depth_table.width, h = job->t->depth_table.height;
    const int32_t *cvalid = job->t->correspondences.valid;
    for (int y = 0; y < h - 1; y++)
    {
        /* the blocks of depth rows y and y + 1 reach rows [lo, hi] */
        const float lo = fminf(job->row_extent[2 * y], job->row_extent[2 * y + 2]);
        const float hi = fmaxf(job->row_extent[2 * y + 1], job->row_extent[2 * y + 3]);
        if (!(lo < (float)y1 && hi >= (float)y0 - 1.f))
        {
            continue;
        }
        const int chunks = ok4a_chunks_per_row(w);
        const float *top = job->chunk_extent + 2 * (size_t)y * (size_t)chunks, *bottom = top + 2 * chunks;
        for (int x = 0; x < w - 1; x++)
        {
            if (x % OK4A_CHUNK_PIXELS == 0)
            {
                /* the chunk's blocks reach its pixels' rows and those of the next chunk's first */
                const int c = x / OK4A_CHUNK_PIXELS, next = c + 1 < chunks ? c + 1 : c;
                const float chunk_lo = min4(top[2 * c], bottom[2 * c], top[2 * next], bottom[2 * next]);
                const float chunk_hi = max4(top[2 * c + 1], bottom[2 * c + 1], top[2 * next + 1], bottom[2 * next + 1]);
                if (!(chunk_lo < (float)y1 && chunk_hi >= (float)y0 - 1.f))
                {
                    x += OK4A_CHUNK_PIXELS - 1;
                    continue;
                }
            }
            const int tl = y * w + x, tr = tl + 1, bl = tl + w, br = bl + 1;
            const int valid = cvalid[tl] + cvalid[tr] + cvalid[bl] + cvalid[br];
            if (valid < 3)
            {
                continue;
            }
            /* the block's valid corners, clockwise from the top left; custom values only for
             * the blocks that draw */
            vertex_t all[4] = {vertex(job, tl), vertex(job, tr), vertex(job, br), vertex(job, bl)};
            const vertex_t *v[4] = {&all[0], &all[1], &all[2], &all[3]};
            int n = 4;
            if (valid == 3)
            {
                const int32_t corner_valid[4] = {cvalid[tl], cvalid[tr], cvalid[br], cvalid[bl]};
                n = 0;
                for (int k = 0; k < 4; k++)
                {
                    if (corner_valid[k])
                    {
                        v[n++] = &all[k];
                    }
                }
            }
            int box[4];
            if (!pixel_box(v, n, job->out->width, y0, y1, box))
            {
                continue; /* the common case at low resolutions: no pixel centre to draw */
            }
            if (job->custom_in != NULL)
            {
                all[0].custom = custom_at(job->custom_in, x, y);
                all[1].custom = custom_at(job->custom_in, x + 1, y);
                all[2].custom = custom_at(job->custom_in, x + 1, y + 1);
                all[3].custom = custom_at(job->custom_in, x, y + 1);
            }
            /* four corners: split along the top-left to bottom-right diagonal */
            triangle_t t[2];
            int triangles = 0;
            triangles += triangle(v[0], v[1], v[2], &t[triangles]);
            if (n == 4)
            {
                triangles += triangle(v[0], v[2], v[3], &t[triangles]);
            }
            if (triangles > 0)
            {
                spent += draw(job, t, triangles, box);
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
    render_job_t job = {t,
                        out_depth,
                        custom_in,
                        custom_out,
                        interpolation == K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST,
                        invalid_custom,
                        t->row_extent,
                        t->chunk_extent,
                        false};
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
