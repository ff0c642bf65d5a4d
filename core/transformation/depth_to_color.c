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

#include "core/calibration/lens_vector.h"
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

/* Draws pixel (x, y) of row, inside t with barycentric weights wa, wb, wc and depth z, unless
 * its depth is out of range or a nearer surface is already there. */
static inline __attribute__((always_inline)) void commit(const render_job_t *job, const triangle_t *t, uint16_t *row,
                                                         int x, int y, float wa, float wb, float wc, float z)
{
    if (!(z >= 0.5f && z < 65535.5f))
    {
        return;
    }
    const uint16_t d = (uint16_t)(z + 0.5f);
    uint16_t current;
    memcpy(&current, &row[x], sizeof current);
    if (current != 0 && current <= d)
    {
        return;
    }
    memcpy(&row[x], &d, sizeof d);
    if (job->custom_out != NULL)
    {
        float value;
        if (job->nearest)
        {
            value = wa >= wb && wa >= wc ? t->a->custom : wb >= wc ? t->b->custom : t->c->custom;
        }
        else
        {
            value = wa * t->a->custom + wb * t->b->custom + wc * t->c->custom;
        }
        store_custom(job->custom_out, x, y, (uint32_t)(value + 0.5f));
    }
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
    commit(job, t, row, x, y, wa, wb, wc, wa * a->z + wb * b->z + wc * c->z);
    return true;
}

static inline unsigned lane_bits(ok4a_i4 mask)
{
    return (unsigned)((mask[0] & 1) | (mask[1] & 2) | (mask[2] & 4) | (mask[3] & 8));
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

/* The custom values of the block at (x, y), in all's order (clockwise from the top left). */
static inline void block_custom(const render_job_t *job, int x, int y, vertex_t all[4])
{
    if (job->custom_in != NULL)
    {
        all[0].custom = custom_at(job->custom_in, x, y);
        all[1].custom = custom_at(job->custom_in, x + 1, y);
        all[2].custom = custom_at(job->custom_in, x + 1, y + 1);
        all[3].custom = custom_at(job->custom_in, x, y + 1);
    }
}

/* Draws the n (0..2) triangles t into box; false once the band's tests exceed its budget. */
static inline bool draw_block(render_job_t *job, const triangle_t *t, int n, const int box[4], long *spent, long budget)
{
    if (n > 0)
    {
        *spent += draw(job, t, n, box);
    }
    if (*spent > budget)
    {
        atomic_store(&job->over_budget, true);
        return false;
    }
    return true;
}

/* The block of depth pixels (x, y) .. (x + 1, y + 1) drawn into rows [y0, y1); false once over
 * budget. */
static bool block(render_job_t *job, int x, int y, int y0, int y1, long *spent, long budget)
{
    const int w = job->t->depth_table.width;
    const int32_t *cvalid = job->t->correspondences.valid;
    const int tl = y * w + x, tr = tl + 1, bl = tl + w, br = bl + 1;
    const int valid = cvalid[tl] + cvalid[tr] + cvalid[bl] + cvalid[br];
    if (valid < 3)
    {
        return true;
    }
    /* the block's valid corners, clockwise from the top left; custom values only for the blocks
     * that draw */
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
        return true; /* the common case at low resolutions: no pixel centre to draw */
    }
    block_custom(job, x, y, all);
    /* four corners: split along the top-left to bottom-right diagonal */
    triangle_t t[2];
    int triangles = 0;
    triangles += triangle(v[0], v[1], v[2], &t[triangles]);
    if (n == 4)
    {
        triangles += triangle(v[0], v[2], v[3], &t[triangles]);
    }
    return draw_block(job, t, triangles, box, spent, budget);
}

static inline ok4a_f4 load4(const float *p)
{
    ok4a_f4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline ok4a_i4 select_i4(ok4a_i4 mask, ok4a_i4 yes, ok4a_i4 no)
{
    return (yes & mask) | (no & ~mask);
}

/* ceil_int and floor_int lane by lane. */
static inline ok4a_i4 ceil4(ok4a_f4 v)
{
    const ok4a_i4 i = __builtin_convertvector(v, ok4a_i4);
    return i - (v > __builtin_convertvector(i, ok4a_f4));
}
static inline ok4a_i4 floor4(ok4a_f4 v)
{
    const ok4a_i4 i = __builtin_convertvector(v, ok4a_i4);
    return i + (v < __builtin_convertvector(i, ok4a_f4));
}

static inline ok4a_f4 area4(ok4a_f4 au, ok4a_f4 av, ok4a_f4 bu, ok4a_f4 bv, ok4a_f4 cu, ok4a_f4 cv)
{
    return (bu - au) * (cv - av) - (bv - av) * (cu - au); /* edge(a, b, c) */
}

/* Depth d drawn at (x, y) where draws, unless a nearer surface is already there (commit's test);
 * without a branch: a lane that does not draw reads and writes spare instead. */
static inline void keep_nearest(const ok4a_image_view_t *out, uint16_t *spare, int draws, int x, int y, int d)
{
    uint16_t *at = draws ? (uint16_t *)(void *)(out->pixels + (size_t)y * out->stride) + x : spare;
    const uint16_t current = *at;
    *at = (uint16_t)(draws && (current == 0 || current > d) ? d : current);
}

/* The four blocks at (x .. x + 3, y): block's work with the bounding boxes and triangle areas of
 * the four computed at once (the same operations lane by lane, so the same bits); blocks with a
 * corner off the finite plane take block itself. False once over budget. */
static bool blocks4(render_job_t *job, int x, int y, int y0, int y1, long *spent, long budget)
{
    const ok4a_correspondences_t *c = &job->t->correspondences;
    const int w = job->t->depth_table.width, width = job->out->width;
    const int tl = y * w + x, bl = tl + w;
    ok4a_i4 has[4]; /* tl, tr, br, bl as all in block */
    memcpy(&has[0], c->valid + tl, sizeof has[0]);
    memcpy(&has[1], c->valid + tl + 1, sizeof has[1]);
    memcpy(&has[2], c->valid + bl + 1, sizeof has[2]);
    memcpy(&has[3], c->valid + bl, sizeof has[3]);
    const ok4a_i4 count = has[0] + has[1] + has[2] + has[3];
    const ok4a_i4 candidate = count >= 3;
    if (lane_bits(candidate) == 0)
    {
        return true;
    }
    const ok4a_f4 u[4] = {load4(c->u + tl), load4(c->u + tl + 1), load4(c->u + bl + 1), load4(c->u + bl)};
    const ok4a_f4 v[4] = {load4(c->v + tl), load4(c->v + tl + 1), load4(c->v + bl + 1), load4(c->v + bl)};
    const ok4a_f4 inf = ok4a_f4_splat(INFINITY);
    ok4a_f4 umin = inf, umax = -inf, vmin = inf, vmax = -inf;
    ok4a_i4 finite = candidate;
    for (int k = 0; k < 4; k++)
    {
        has[k] = has[k] != 0;
        finite &= ~has[k] | ((u[k] - u[k] == 0.f) & (v[k] - v[k] == 0.f));
        umin = ok4a_select4(has[k] & (u[k] < umin), u[k], umin);
        umax = ok4a_select4(has[k] & (u[k] > umax), u[k], umax);
        vmin = ok4a_select4(has[k] & (v[k] < vmin), v[k], vmin);
        vmax = ok4a_select4(has[k] & (v[k] > vmax), v[k], vmax);
    }
    if (lane_bits(finite) != lane_bits(candidate))
    {
        for (int k = 0; k < 4; k++)
        {
            if (!block(job, x + k, y, y0, y1, spent, budget))
            {
                return false;
            }
        }
        return true;
    }
    /* pixel_box: clamped to the band first (finite values: min and max are the ternaries) */
    ok4a_i4 box[4];
    box[0] = ceil4(ok4a_f4_clamp(umin, -1.f, (float)width));
    box[1] = floor4(ok4a_f4_clamp(umax, -1.f, (float)width));
    box[2] = ceil4(ok4a_f4_clamp(vmin, (float)y0 - 1.f, (float)y1));
    box[3] = floor4(ok4a_f4_clamp(vmax, (float)y0 - 1.f, (float)y1));
    box[0] = select_i4(box[0] < 0, (ok4a_i4){0, 0, 0, 0}, box[0]);
    box[1] = select_i4(box[1] > width - 1, (ok4a_i4){0, 0, 0, 0} + (width - 1), box[1]);
    box[2] = select_i4(box[2] < y0, (ok4a_i4){0, 0, 0, 0} + y0, box[2]);
    box[3] = select_i4(box[3] > y1 - 1, (ok4a_i4){0, 0, 0, 0} + (y1 - 1), box[3]);
    const unsigned drawn = lane_bits(candidate & (box[0] <= box[1]) & (box[2] <= box[3]));
    if (drawn == 0)
    {
        return true;
    }
    /* the first triangle: the three valid corners in order, or tl, tr, br of four; the second,
     * of four only: tl, br, bl */
    const ok4a_i4 four = count == 4;
    const ok4a_i4 a_tl = has[0], b_tr = has[0] & has[1], c_bl = has[3] & ~four;
    const ok4a_f4 area0 =
        area4(ok4a_select4(a_tl, u[0], u[1]), ok4a_select4(a_tl, v[0], v[1]), ok4a_select4(b_tr, u[1], u[2]),
              ok4a_select4(b_tr, v[1], v[2]), ok4a_select4(c_bl, u[3], u[2]), ok4a_select4(c_bl, v[3], v[2]));
    const ok4a_f4 area1 = area4(u[0], v[0], u[2], v[2], u[3], v[3]);
    /* triangle's test: non-zero and finite */
    const unsigned ok0 = lane_bits((area0 != 0.f) & (area0 - area0 == 0.f));
    const unsigned ok1 = lane_bits(four & (area1 != 0.f) & (area1 - area1 == 0.f));
    const ok4a_f4 inv0 = 1.f / area0, inv1 = 1.f / area1;
    unsigned by_lane = drawn;
    if (job->custom_out == NULL)
    {
        /* Depth only: a pixel ends with the least depth drawn into it, whatever the order, so the
         * blocks whose box holds at most 2x2 centres are drawn together, lane by lane (shade's
         * arithmetic with each lane's own triangles); the others as above. */
        const ok4a_i4 one = {1, 1, 1, 1};
        const ok4a_i4 wide = box[1] - box[0], high = box[3] - box[2];
        const ok4a_i4 quad = (wide <= one) & (high <= one);
        const unsigned together = drawn & lane_bits(quad);
        by_lane = drawn & ~together;
        if (together != 0)
        {
            const ok4a_i4 bit = {1, 2, 4, 8};
            const ok4a_i4 lanes = (bit & (int)together) != 0;
            const ok4a_i4 first = lanes & ((bit & (int)ok0) != 0), second = lanes & ((bit & (int)ok1) != 0);
            const ok4a_f4 z[4] = {load4(c->z + tl), load4(c->z + tl + 1), load4(c->z + bl + 1), load4(c->z + bl)};
            /* the first triangle's corners a, b, c (as above) and the second's: tl, br, bl */
            const ok4a_f4 au = ok4a_select4(a_tl, u[0], u[1]), av = ok4a_select4(a_tl, v[0], v[1]);
            const ok4a_f4 az = ok4a_select4(a_tl, z[0], z[1]);
            const ok4a_f4 bu = ok4a_select4(b_tr, u[1], u[2]), bv = ok4a_select4(b_tr, v[1], v[2]);
            const ok4a_f4 bz = ok4a_select4(b_tr, z[1], z[2]);
            const ok4a_f4 cu = ok4a_select4(c_bl, u[3], u[2]), cv = ok4a_select4(c_bl, v[3], v[2]);
            const ok4a_f4 cz = ok4a_select4(c_bl, z[3], z[2]);
            long tests = 0;
            uint16_t spare = 0;
            for (int k = 0; k < 4; k++)
            {
                tests += lanes[k] ? (long)(((ok0 >> k) & 1) + ((ok1 >> k) & 1)) * (wide[k] + 1) * (high[k] + 1) : 0;
            }
            for (int corner = 0; corner < 4; corner++)
            {
                const int dx = corner & 1, dy = corner >> 1;
                const ok4a_i4 px = box[0] + dx, py = box[2] + dy;
                const ok4a_f4 pu = __builtin_convertvector(px, ok4a_f4), pv = __builtin_convertvector(py, ok4a_f4);
                const ok4a_i4 in_box = (wide >= dx) & (high >= dy);
                /* shade on the first triangle, then on the second where the first does not hold it */
                const ok4a_f4 wa0 = ((cu - bu) * (pv - bv) - (cv - bv) * (pu - bu)) * inv0;
                const ok4a_f4 wb0 = ((au - cu) * (pv - cv) - (av - cv) * (pu - cu)) * inv0;
                const ok4a_f4 wc0 = 1.f - wa0 - wb0;
                const ok4a_i4 in0 = first & ~((wa0 < 0.f) | (wb0 < 0.f) | (wc0 < 0.f));
                const ok4a_f4 wa1 = ((u[3] - u[2]) * (pv - v[2]) - (v[3] - v[2]) * (pu - u[2])) * inv1;
                const ok4a_f4 wb1 = ((u[0] - u[3]) * (pv - v[3]) - (v[0] - v[3]) * (pu - u[3])) * inv1;
                const ok4a_f4 wc1 = 1.f - wa1 - wb1;
                const ok4a_i4 in1 = second & ~in0 & ~((wa1 < 0.f) | (wb1 < 0.f) | (wc1 < 0.f));
                const ok4a_f4 zz =
                    ok4a_select4(in0, wa0 * az + wb0 * bz + wc0 * cz, wa1 * z[0] + wb1 * z[2] + wc1 * z[3]);
                const ok4a_i4 draws = in_box & (in0 | in1) & (zz >= 0.5f) & (zz < 65535.5f);
                const ok4a_i4 d = __builtin_convertvector(ok4a_select4(draws, zz, ok4a_f4_splat(0.f)) + 0.5f, ok4a_i4);
                /* lane by lane with constant indices: no round trip through memory */
                keep_nearest(job->out, &spare, draws[0], px[0], py[0], d[0]);
                keep_nearest(job->out, &spare, draws[1], px[1], py[1], d[1]);
                keep_nearest(job->out, &spare, draws[2], px[2], py[2], d[2]);
                keep_nearest(job->out, &spare, draws[3], px[3], py[3], d[3]);
            }
            *spent += tests;
            if (*spent > budget)
            {
                atomic_store(&job->over_budget, true);
                return false;
            }
        }
    }
    for (unsigned lanes = by_lane; lanes != 0; lanes &= lanes - 1)
    {
        const int k = __builtin_ctz(lanes);
        const int at = tl + k;
        vertex_t all[4] = {vertex(job, at), vertex(job, at + 1), vertex(job, at + w + 1), vertex(job, at + w)};
        block_custom(job, x + k, y, all);
        triangle_t t[2];
        int n = 0;
        if ((ok0 >> k) & 1)
        {
            const bool three_from_tl = a_tl[k] != 0;
            t[n++] = (triangle_t){three_from_tl ? &all[0] : &all[1], b_tr[k] ? &all[1] : &all[2],
                                  c_bl[k] ? &all[3] : &all[2], inv0[k]};
        }
        if ((ok1 >> k) & 1)
        {
            t[n++] = (triangle_t){&all[0], &all[2], &all[3], inv1[k]};
        }
        const int lane_box[4] = {box[0][k], box[1][k], box[2][k], box[3][k]};
        if (!draw_block(job, t, n, lane_box, spent, budget))
        {
            return false;
        }
    }
    return true;
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
    const int chunks = ok4a_chunks_per_row(w);
    for (int y = 0; y < h - 1; y++)
    {
        /* the blocks of depth rows y and y + 1 reach rows [lo, hi] */
        const float lo = fminf(job->row_extent[2 * y], job->row_extent[2 * y + 2]);
        const float hi = fmaxf(job->row_extent[2 * y + 1], job->row_extent[2 * y + 3]);
        if (!(lo < (float)y1 && hi >= (float)y0 - 1.f))
        {
            continue;
        }
        const float *top = job->chunk_extent + 2 * (size_t)y * (size_t)chunks, *bottom = top + 2 * chunks;
        for (int c = 0; c < chunks; c++)
        {
            /* the chunk's blocks reach its pixels' rows and those of the next chunk's first */
            const int next = c + 1 < chunks ? c + 1 : c;
            const float chunk_lo = min4(top[2 * c], bottom[2 * c], top[2 * next], bottom[2 * next]);
            const float chunk_hi = max4(top[2 * c + 1], bottom[2 * c + 1], top[2 * next + 1], bottom[2 * next + 1]);
            if (!(chunk_lo < (float)y1 && chunk_hi >= (float)y0 - 1.f))
            {
                continue;
            }
            const int end = imin((c + 1) * OK4A_CHUNK_PIXELS, w - 1); /* blocks x < w - 1 */
            int x = c * OK4A_CHUNK_PIXELS;
            for (; x + 4 <= end; x += 4)
            {
                if (!blocks4(job, x, y, y0, y1, &spent, budget))
                {
                    return;
                }
            }
            for (; x < end; x++)
            {
                if (!block(job, x, y, y0, y1, &spent, budget))
                {
                    return;
                }
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
