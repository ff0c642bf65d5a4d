/* k4a_transformation_*: handle, unprojection tables, image checks, point clouds and colour
 * sampled into the depth camera. Rendering depth into the colour camera is depth_to_color.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <k4a/k4a.h>
#include <openk4a/device.h>
#include <openk4a/k4a_strings.h>

#include "core/calibration/calibration.h"
#include "core/calibration/lens.h"
#include "core/calibration/lens_vector.h"
#include "core/log.h"
#include "core/transformation/avx2.h"
#include "core/transformation/avx512.h"
#include "core/transformation/simd.h"
#include "core/transformation/transformation_internal.h"

/* Rows per parallel task: small enough to balance, big enough to amortise. */
#define OK4A_ROWS_PER_TASK 16
/* Rays beyond this slope (x/z or y/z) are outside any real lens's field of view. */
#define OK4A_MAX_RAY 1000.f

static struct _k4a_transformation_t *enter(k4a_transformation_t handle, const char *caller)
{
    struct _k4a_transformation_t *t = handle;
    if (t == NULL || t->tag != OK4A_TRANSFORMATION_TAG)
    {
        OK4A_LOG_ERROR("%s: transformation handle is NULL or destroyed", caller);
        return NULL;
    }
    return t;
}

/* Row v of the table. */
static void table_row(ok4a_xy_table_t *table, int v)
{
    const int w = table->width;
    for (int u = 0; u < w; u += 4)
    {
        const float u0 = (float)u;
        ok4a_f4 x, y;
        ok4a_i4 valid;
        ok4a_lens_unproject4(table->camera, (ok4a_f4){u0, u0 + 1.f, u0 + 2.f, u0 + 3.f}, ok4a_f4_splat((float)v), &x,
                             &y, &valid);
        /* A valid ray is finite and bounded (a real lens's |x|, |y| stay below 10): a ray x
         * depth is then a finite float, never NaN, in the per-pixel loops. */
        for (int k = 0; k < 4 && u + k < w; k++)
        {
            const size_t i = (size_t)v * (size_t)w + (size_t)(u + k);
            const bool ok = valid[k] && fabsf(x[k]) <= OK4A_MAX_RAY && fabsf(y[k]) <= OK4A_MAX_RAY;
            table->x[i] = ok ? x[k] : NAN;
            table->y[i] = ok ? y[k] : 0.f;
        }
    }
    table->ready[v] = 1;
}

/* Whether row v of a DEPTH16 image (depth_row) has depth; if so, the table's row v is ready. A
 * row without depth maps to zeros in every output (no point, no correspondence), rays or not. */
static bool table_row_for(ok4a_xy_table_t *table, int v, const uint8_t *depth_row)
{
    if (!table->ready[v])
    {
        const size_t bytes = 2 * (size_t)table->width;
        uint64_t any = 0;
        size_t i = 0;
        for (; i + 8 <= bytes; i += 8)
        {
            uint64_t word;
            memcpy(&word, depth_row + i, sizeof word);
            any |= word;
        }
        for (; i < bytes; i++)
        {
            any |= depth_row[i];
        }
        if (any == 0)
        {
            return false;
        }
        table_row(table, v);
    }
    return true;
}

/* The table's memory; its rows are computed on use (table_row_for). */
static bool make_table(const k4a_calibration_camera_t *camera, ok4a_xy_table_t *table)
{
    const size_t n = (size_t)camera->resolution_width * (size_t)camera->resolution_height;
    table->x = malloc(2 * n * sizeof(float));
    table->ready = calloc((size_t)camera->resolution_height, 1);
    if (table->x == NULL || table->ready == NULL)
    {
        free(table->x);
        free(table->ready);
        table->x = NULL;
        table->ready = NULL;
        return false;
    }
    table->y = table->x + n;
    table->width = camera->resolution_width;
    table->height = camera->resolution_height;
    table->camera = camera;
    return true;
}

static bool size_matches(bool known_mode, const k4a_calibration_camera_t *camera, int width, int height,
                         const char *which, const char *caller)
{
    if (!known_mode)
    {
        OK4A_LOG_ERROR("%s: the calibration's %s mode is not a k4a mode", caller, which);
        return false;
    }
    if (camera->resolution_width != width || camera->resolution_height != height)
    {
        OK4A_LOG_ERROR("%s: the %s camera is %dx%d; its mode's images are %dx%d", caller, which,
                       camera->resolution_width, camera->resolution_height, width, height);
        return false;
    }
    return true;
}

k4a_transformation_t k4a_transformation_create(const k4a_calibration_t *calibration)
{
    if (calibration == NULL)
    {
        OK4A_LOG_ERROR("%s: calibration is NULL", __func__);
        return NULL;
    }
    struct _k4a_transformation_t *t = calloc(1, sizeof *t);
    if (t == NULL)
    {
        OK4A_LOG_ERROR("%s: out of memory", __func__);
        return NULL;
    }
    t->calibration = *calibration;
    t->has_depth = calibration->depth_mode != K4A_DEPTH_MODE_OFF;
    t->has_color = calibration->color_resolution != K4A_COLOR_RESOLUTION_OFF;
    t->simd = ok4a_simd_best();
    bool ok = t->has_depth || t->has_color;
    if (!ok)
    {
        OK4A_LOG_ERROR("%s: depth mode and colour resolution are both OFF", __func__);
    }
    /* The image sizes bound every later allocation and loop: only the k4a modes' sizes. */
    if (ok && t->has_depth)
    {
        int w = 0, h = 0;
        const bool known = (int)calibration->depth_mode > K4A_DEPTH_MODE_OFF &&
                           openk4a_depth_mode_size(calibration->depth_mode, &w, &h);
        ok = ok4a_calibration_camera(calibration, K4A_CALIBRATION_TYPE_DEPTH, __func__) != NULL &&
             size_matches(known, &calibration->depth_camera_calibration, w, h, "depth", __func__);
    }
    if (ok && t->has_color)
    {
        int w = 0, h = 0;
        const bool known = (int)calibration->color_resolution > K4A_COLOR_RESOLUTION_OFF &&
                           openk4a_color_resolution_size(calibration->color_resolution, &w, &h);
        ok = ok4a_calibration_camera(calibration, K4A_CALIBRATION_TYPE_COLOR, __func__) != NULL &&
             size_matches(known, &calibration->color_camera_calibration, w, h, "colour", __func__);
    }
    if (ok)
    {
        t->pool = ok4a_parallel_create(0);
        ok =
            t->pool != NULL && (!t->has_depth || make_table(&t->calibration.depth_camera_calibration, &t->depth_table));
        if (!ok)
        {
            OK4A_LOG_ERROR("%s: out of memory", __func__);
        }
    }
    if (!ok)
    {
        ok4a_parallel_destroy(t->pool);
        free(t->depth_table.x);
        free(t->depth_table.ready);
        free(t);
        return NULL;
    }
    t->tag = OK4A_TRANSFORMATION_TAG;
    return t;
}

void k4a_transformation_destroy(k4a_transformation_t transformation_handle)
{
    if (transformation_handle == NULL)
    {
        return;
    }
    struct _k4a_transformation_t *t = enter(transformation_handle, __func__);
    if (t == NULL)
    {
        return;
    }
    t->tag = 0;
    ok4a_parallel_destroy(t->pool);
    free(t->depth_table.x);
    free(t->depth_table.ready);
    free(t->color_table.x);
    free(t->color_table.ready);
    free(t->correspondences.u);
    free(t->row_extent);
    free(t);
}

bool ok4a_transformation_use_simd(k4a_transformation_t transformation_handle, ok4a_simd_t level)
{
    struct _k4a_transformation_t *t = enter(transformation_handle, __func__);
    if (t == NULL || !ok4a_simd_available(level))
    {
        return false;
    }
    t->simd = level;
    return true;
}

bool ok4a_transformation_scratch(struct _k4a_transformation_t *t, const char *caller)
{
    if (t->correspondences.u == NULL)
    {
        const size_t n = (size_t)t->depth_table.width * (size_t)t->depth_table.height;
        float *fields = malloc(n * (3 * sizeof(float) + sizeof(int32_t)));
        const size_t h = (size_t)t->depth_table.height;
        t->row_extent = malloc(2 * h * (1 + (size_t)ok4a_chunks_per_row(t->depth_table.width)) * sizeof(float));
        if (fields == NULL || t->row_extent == NULL)
        {
            free(fields);
            free(t->row_extent);
            t->row_extent = NULL;
            OK4A_LOG_ERROR("%s: out of memory", caller);
            return false;
        }
        t->chunk_extent = t->row_extent + 2 * h;
        t->correspondences.u = fields;
        t->correspondences.v = fields + n;
        t->correspondences.z = fields + 2 * n;
        t->correspondences.valid = (int32_t *)(void *)(fields + 3 * n);
    }
    return true;
}

/* The rule every caller image follows: this format, this size, a stride of at least width *
 * bytes_per_pixel; logs which part breaks it. */
static bool view_of(k4a_image_t image, const char *role, k4a_image_format_t format, int width, int height,
                    int bytes_per_pixel, ok4a_image_view_t *view, const char *caller)
{
    view->format = k4a_image_get_format(image);
    view->width = k4a_image_get_width_pixels(image);
    view->height = k4a_image_get_height_pixels(image);
    view->stride = (size_t)k4a_image_get_stride_bytes(image);
    view->pixels = k4a_image_get_buffer(image);
    if (view->pixels == NULL || view->format != format || view->width != width || view->height != height ||
        view->stride < (size_t)width * (size_t)bytes_per_pixel)
    {
        OK4A_LOG_ERROR("%s: %s must be a %s image of %dx%d with a stride of at least %d bytes; it is %s %dx%d, "
                       "stride %zu",
                       caller, role, openk4a_image_format_to_string(format), width, height, width * bytes_per_pixel,
                       image == NULL ? "NULL" : openk4a_image_format_to_string(view->format), view->width, view->height,
                       view->stride);
        return false;
    }
    return true;
}

static bool depth_input(struct _k4a_transformation_t *t, k4a_image_t image, ok4a_image_view_t *view, const char *caller)
{
    if (!t->has_depth)
    {
        OK4A_LOG_ERROR("%s: the calibration's depth mode is OFF", caller);
        return false;
    }
    return view_of(image, "depth_image", K4A_IMAGE_FORMAT_DEPTH16, t->depth_table.width, t->depth_table.height, 2, view,
                   caller);
}

static bool both_cameras(struct _k4a_transformation_t *t, const char *caller)
{
    if (!t->has_depth || !t->has_color)
    {
        OK4A_LOG_ERROR("%s: needs both cameras; the calibration's depth mode or colour resolution is OFF", caller);
        return false;
    }
    return ok4a_transformation_scratch(t, caller);
}

/* The per-pixel loops take four pixels at a time (every k4a mode's width is a multiple of eight);
 * a row's last group of another width goes through padded copies. */
typedef uint16_t ok4a_h4 __attribute__((vector_size(8)));

static inline ok4a_f4 load_depth4(const uint8_t *p)
{
    ok4a_h4 d;
    memcpy(&d, p, sizeof d);
    return __builtin_convertvector(d, ok4a_f4);
}

/* Eight depths as two groups of four floats (interleaved with zeros: no per-lane conversion). */
typedef uint16_t ok4a_h8 __attribute__((vector_size(16)));
static inline void widen_depth8(ok4a_h8 d, ok4a_f4 *low, ok4a_f4 *high)
{
    const ok4a_h8 zero = {0, 0, 0, 0, 0, 0, 0, 0};
    *low = __builtin_convertvector((ok4a_i4)__builtin_shufflevector(d, zero, 0, 8, 1, 9, 2, 10, 3, 11), ok4a_f4);
    *high = __builtin_convertvector((ok4a_i4)__builtin_shufflevector(d, zero, 4, 12, 5, 13, 6, 14, 7, 15), ok4a_f4);
}

static inline ok4a_f4 load_f4(const float *p)
{
    ok4a_f4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

typedef struct
{
    struct _k4a_transformation_t *t;
    const ok4a_image_view_t *depth;
} correspond_job_t;

#define OK4A_LANES_F ok4a_f4
#define OK4A_LANES_I ok4a_i4
#define OK4A_LANES_H ok4a_h4
#define OK4A_LANES(name) ok4a_##name##4
#define OK4A_LANES_TARGET
#include "core/transformation/correspond_lanes.h"
#undef OK4A_LANES_TARGET
#undef OK4A_LANES
#undef OK4A_LANES_H
#undef OK4A_LANES_I
#undef OK4A_LANES_F

/* Per chunk of a row of correspondences, the min and max of its valid finite v (min > max: none). */
static void chunk_extents(const float *v, const int32_t *valid, int width, float *extent)
{
    for (int first = 0; first < width; first += OK4A_CHUNK_PIXELS)
    {
        float lo = INFINITY, hi = -INFINITY;
        for (int u = first; u < first + OK4A_CHUNK_PIXELS && u < width; u++)
        {
            const bool counted = valid[u] && v[u] - v[u] == 0.f; /* finite v only, as the row extent */
            lo = counted && v[u] < lo ? v[u] : lo;
            hi = counted && v[u] > hi ? v[u] : hi;
        }
        *extent++ = lo;
        *extent++ = hi;
    }
}

static void correspond_rows(void *context, int task)
{
    const correspond_job_t *job = context;
    struct _k4a_transformation_t *t = job->t;
    const ok4a_correspondences_t *c = &t->correspondences;
    const int w = t->depth_table.width, h = t->depth_table.height;
    for (int v = task * OK4A_ROWS_PER_TASK; v < h && v < (task + 1) * OK4A_ROWS_PER_TASK; v++)
    {
        const uint8_t *row = job->depth->pixels + (size_t)v * job->depth->stride;
        const size_t first = (size_t)v * (size_t)w;
        float *row_extent = t->row_extent + 2 * v;
        float *chunk_extent = t->chunk_extent + 2 * (size_t)v * (size_t)ok4a_chunks_per_row(w);
        if (!table_row_for(&t->depth_table, v, row))
        {
            /* no depth: no correspondence, what the loop below makes of depth 0 */
            memset(c->u + first, 0, (size_t)w * sizeof *c->u);
            memset(c->v + first, 0, (size_t)w * sizeof *c->v);
            memset(c->z + first, 0, (size_t)w * sizeof *c->z);
            memset(c->valid + first, 0, (size_t)w * sizeof *c->valid);
            for (int i = 0; i <= 2 * ok4a_chunks_per_row(w); i += 2)
            {
                float *extent = i < 2 * ok4a_chunks_per_row(w) ? chunk_extent + i : row_extent;
                extent[0] = INFINITY;
                extent[1] = -INFINITY;
            }
            continue;
        }
        const float *x = t->depth_table.x + first, *y = t->depth_table.y + first;
        ok4a_f4 lo = ok4a_f4_splat(INFINITY), hi = ok4a_f4_splat(-INFINITY);
        float extent[2] = {INFINITY, -INFINITY};
        int u = 0;
        if (t->simd >= OK4A_SIMD_AVX2)
        {
            u = w & ~7;
            ok4a_correspond_row_avx2(&t->calibration, row, x, y, c->u + first, c->v + first, c->z + first,
                                     c->valid + first, u, extent);
        }
        for (; u + 4 <= w; u += 4)
        {
            ok4a_correspond4(&t->calibration, row + 2 * (size_t)u, x + u, y + u, c->u + first + u, c->v + first + u,
                             c->z + first + u, c->valid + first + u, &lo, &hi);
        }
        if (u < w)
        {
            /* padding: no depth, an invalid ray */
            const size_t n = (size_t)(w - u);
            uint16_t d[4] = {0, 0, 0, 0};
            float xs[4] = {NAN, NAN, NAN, NAN}, ys[4] = {0.f, 0.f, 0.f, 0.f}, us[4], vs[4], zs[4];
            int32_t valid[4];
            memcpy(d, row + 2 * (size_t)u, 2 * n);
            memcpy(xs, x + u, 4 * n);
            memcpy(ys, y + u, 4 * n);
            ok4a_correspond4(&t->calibration, (const uint8_t *)d, xs, ys, us, vs, zs, valid, &lo, &hi);
            memcpy(c->u + first + u, us, 4 * n);
            memcpy(c->v + first + u, vs, 4 * n);
            memcpy(c->z + first + u, zs, 4 * n);
            memcpy(c->valid + first + u, valid, 4 * n);
        }
        row_extent[0] = fminf(extent[0], fminf(fminf(lo[0], lo[1]), fminf(lo[2], lo[3])));
        row_extent[1] = fmaxf(extent[1], fmaxf(fmaxf(hi[0], hi[1]), fmaxf(hi[2], hi[3])));
        chunk_extents(c->v + first, c->valid + first, w, chunk_extent);
    }
}

void ok4a_transformation_correspond(struct _k4a_transformation_t *t, const ok4a_image_view_t *depth)
{
    correspond_job_t job = {t, depth};
    ok4a_parallel_run(t->pool, (t->depth_table.height + OK4A_ROWS_PER_TASK - 1) / OK4A_ROWS_PER_TASK, correspond_rows,
                      &job);
}

k4a_result_t k4a_transformation_depth_image_to_color_camera(k4a_transformation_t transformation_handle,
                                                            const k4a_image_t depth_image,
                                                            k4a_image_t transformed_depth_image)
{
    struct _k4a_transformation_t *t = enter(transformation_handle, __func__);
    ok4a_image_view_t depth, out;
    if (t == NULL || !both_cameras(t, __func__) || !depth_input(t, depth_image, &depth, __func__) ||
        !view_of(transformed_depth_image, "transformed_depth_image", K4A_IMAGE_FORMAT_DEPTH16,
                 t->calibration.color_camera_calibration.resolution_width,
                 t->calibration.color_camera_calibration.resolution_height, 2, &out, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    ok4a_transformation_correspond(t, &depth);
    return ok4a_transformation_render(t, &out, NULL, NULL, K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR, 0, __func__) ?
               K4A_RESULT_SUCCEEDED :
               K4A_RESULT_FAILED;
}

k4a_result_t k4a_transformation_depth_image_to_color_camera_custom(
    k4a_transformation_t transformation_handle, const k4a_image_t depth_image, const k4a_image_t custom_image,
    k4a_image_t transformed_depth_image, k4a_image_t transformed_custom_image,
    k4a_transformation_interpolation_type_t interpolation_type, uint32_t invalid_custom_value)
{
    struct _k4a_transformation_t *t = enter(transformation_handle, __func__);
    ok4a_image_view_t depth, custom, out, custom_out;
    if (t == NULL || !both_cameras(t, __func__) || !depth_input(t, depth_image, &depth, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    const int cw = t->calibration.color_camera_calibration.resolution_width;
    const int ch = t->calibration.color_camera_calibration.resolution_height;
    const k4a_image_format_t format = k4a_image_get_format(custom_image);
    const int bpp = format == K4A_IMAGE_FORMAT_CUSTOM16 ? 2 : 1;
    if (format != K4A_IMAGE_FORMAT_CUSTOM8 && format != K4A_IMAGE_FORMAT_CUSTOM16)
    {
        OK4A_LOG_ERROR("%s: custom_image must be CUSTOM8 or CUSTOM16, it is %s", __func__,
                       openk4a_image_format_to_string(format));
        return K4A_RESULT_FAILED;
    }
    if (invalid_custom_value > (bpp == 1 ? 0xffu : 0xffffu))
    {
        OK4A_LOG_ERROR("%s: invalid_custom_value %u does not fit a %s pixel", __func__, invalid_custom_value,
                       openk4a_image_format_to_string(format));
        return K4A_RESULT_FAILED;
    }
    if (interpolation_type != K4A_TRANSFORMATION_INTERPOLATION_TYPE_NEAREST &&
        interpolation_type != K4A_TRANSFORMATION_INTERPOLATION_TYPE_LINEAR)
    {
        OK4A_LOG_ERROR("%s: interpolation_type %d is neither NEAREST nor LINEAR", __func__, (int)interpolation_type);
        return K4A_RESULT_FAILED;
    }
    if (!view_of(custom_image, "custom_image", format, t->depth_table.width, t->depth_table.height, bpp, &custom,
                 __func__) ||
        !view_of(transformed_depth_image, "transformed_depth_image", K4A_IMAGE_FORMAT_DEPTH16, cw, ch, 2, &out,
                 __func__) ||
        !view_of(transformed_custom_image, "transformed_custom_image", format, cw, ch, bpp, &custom_out, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    ok4a_transformation_correspond(t, &depth);
    return ok4a_transformation_render(t, &out, &custom, &custom_out, interpolation_type, invalid_custom_value,
                                      __func__) ?
               K4A_RESULT_SUCCEEDED :
               K4A_RESULT_FAILED;
}

typedef struct
{
    struct _k4a_transformation_t *t;
    const ok4a_image_view_t *color, *out;
    bool avx2; /* the colour image's offsets fit the AVX2 loop's int32 */
} sample_job_t;

typedef uint8_t ok4a_b4 __attribute__((vector_size(4)));

static inline ok4a_f4 load_bgra(const uint8_t *p)
{
    ok4a_b4 b;
    memcpy(&b, p, sizeof b);
    return __builtin_convertvector(b, ok4a_f4);
}

/* The four channels of a BGRA image bilinearly at (x0 + fx, y0 + fy), rounded; the caller made
 * sure the 2x2 neighbourhood is inside. */
static inline ok4a_b4 bilinear(const ok4a_image_view_t *img, int x0, int y0, float fx, float fy)
{
    const uint8_t *p = img->pixels + (size_t)y0 * img->stride + 4 * (size_t)x0;
    const ok4a_f4 top = (1.f - fx) * load_bgra(p) + fx * load_bgra(p + 4);
    const ok4a_f4 bottom = (1.f - fx) * load_bgra(p + img->stride) + fx * load_bgra(p + img->stride + 4);
    return __builtin_convertvector(__builtin_convertvector((1.f - fy) * top + fy * bottom + 0.5f, ok4a_i4), ok4a_b4);
}

static void sample_rows(void *context, int task)
{
    const sample_job_t *job = context;
    const int w = job->t->depth_table.width, h = job->t->depth_table.height;
    const int cw = job->color->width, ch = job->color->height;
    for (int v = task * OK4A_ROWS_PER_TASK; v < h && v < (task + 1) * OK4A_ROWS_PER_TASK; v++)
    {
        uint8_t *row = job->out->pixels + (size_t)v * job->out->stride;
        const size_t first = (size_t)v * (size_t)w;
        const float *cu = job->t->correspondences.u + first, *cv = job->t->correspondences.v + first;
        const int32_t *valid = job->t->correspondences.valid + first;
        int u = 0;
        if (job->avx2)
        {
            u = w & ~7;
            ok4a_sample_row_avx2(job->color->pixels, job->color->stride, cw, ch, cu, cv, valid, row, u);
        }
        for (; u < w; u++)
        {
            uint8_t *px = row + 4 * (size_t)u;
            /* the 2x2 neighbourhood must be inside: 0 <= floor(u) and floor(u) + 1 < width */
            if (!valid[u] || !(cu[u] >= 0.f && cv[u] >= 0.f && cu[u] < (float)(cw - 1) && cv[u] < (float)(ch - 1)))
            {
                memset(px, 0, 4);
                continue;
            }
            const int x0 = (int)cu[u], y0 = (int)cv[u]; /* floor, as u, v >= 0 */
            ok4a_b4 bgra = bilinear(job->color, x0, y0, cu[u] - (float)x0, cv[u] - (float)y0);
            if ((bgra[0] | bgra[1] | bgra[2] | bgra[3]) == 0)
            {
                bgra[0] = 1; /* (0,0,0,0) means "no colour here" */
            }
            memcpy(px, &bgra, sizeof bgra);
        }
    }
}

k4a_result_t k4a_transformation_color_image_to_depth_camera(k4a_transformation_t transformation_handle,
                                                            const k4a_image_t depth_image,
                                                            const k4a_image_t color_image,
                                                            k4a_image_t transformed_color_image)
{
    struct _k4a_transformation_t *t = enter(transformation_handle, __func__);
    ok4a_image_view_t depth, color, out;
    if (t == NULL || !both_cameras(t, __func__) || !depth_input(t, depth_image, &depth, __func__) ||
        !view_of(color_image, "color_image", K4A_IMAGE_FORMAT_COLOR_BGRA32,
                 t->calibration.color_camera_calibration.resolution_width,
                 t->calibration.color_camera_calibration.resolution_height, 4, &color, __func__) ||
        !view_of(transformed_color_image, "transformed_color_image", K4A_IMAGE_FORMAT_COLOR_BGRA32,
                 t->depth_table.width, t->depth_table.height, 4, &out, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    ok4a_transformation_correspond(t, &depth);
    sample_job_t job = {t, &color, &out,
                        t->simd >= OK4A_SIMD_AVX2 && color.stride * (size_t)color.height <= (size_t)INT32_MAX};
    ok4a_parallel_run(t->pool, (t->depth_table.height + OK4A_ROWS_PER_TASK - 1) / OK4A_ROWS_PER_TASK, sample_rows,
                      &job);
    return K4A_RESULT_SUCCEEDED;
}

typedef struct
{
    ok4a_xy_table_t *table;
    const ok4a_image_view_t *depth, *xyz;
    ok4a_simd_t simd;
} cloud_job_t;

/* floor(v + 0.5) (the SDK's rounding) saturated to int16; v is finite (bounded rays). */
static inline ok4a_i4 round_i16(ok4a_f4 v)
{
    v = ok4a_f4_clamp(v + 0.5f, -32768.f, 32767.f);
    const ok4a_i4 truncated = __builtin_convertvector(v, ok4a_i4);
    return truncated + (__builtin_convertvector(truncated, ok4a_f4) > v); /* -1 where it rounded up */
}

/* Four pixels' points from their depths d and rays at x_at, y_at: 24 bytes of XYZ int16 to out,
 * and 2 bytes of junk after them unless exact (the next pixel's store overwrites them). */
static inline void cloud4(ok4a_f4 d, const float *x_at, const float *y_at, uint8_t *out, bool exact)
{
    const ok4a_f4 zero = ok4a_f4_splat(0.f);
    const ok4a_f4 x = load_f4(x_at);
    const ok4a_i4 ray = x == x; /* x is NaN outside the lens model: (0, 0, 0) there */
    d = ok4a_select4(ray, d, zero);
    const ok4a_i4 px = round_i16(ok4a_select4(ray, x, zero) * d);
    const ok4a_i4 py = round_i16(load_f4(y_at) * d);
    const ok4a_i4 pz = __builtin_convertvector(ok4a_f4_clamp(d, 0.f, 32767.f), ok4a_i4);
    /* each pixel's (x, y, z, junk) as one 8-byte store, in order */
    const ok4a_u4 xy = ((ok4a_u4)px & 0xffffu) | ((ok4a_u4)py << 16);
    const ok4a_u4 first = __builtin_shufflevector(xy, (ok4a_u4)pz, 0, 4, 1, 5);
    const ok4a_u4 second = __builtin_shufflevector(xy, (ok4a_u4)pz, 2, 6, 3, 7);
    memcpy(out, &first, 8);
    memcpy(out + 6, (const uint8_t *)&first + 8, 8);
    memcpy(out + 12, &second, 8);
    if (exact)
    {
        const uint32_t last_xy = second[2];
        const uint16_t last_z = (uint16_t)second[3];
        memcpy(out + 18, &last_xy, 4);
        memcpy(out + 22, &last_z, 2);
    }
    else
    {
        memcpy(out + 18, (const uint8_t *)&second + 8, 8);
    }
}

static void cloud_rows(void *context, int task)
{
    const cloud_job_t *job = context;
    const int w = job->table->width, h = job->table->height;
    for (int v = task * OK4A_ROWS_PER_TASK; v < h && v < (task + 1) * OK4A_ROWS_PER_TASK; v++)
    {
        const uint8_t *in = job->depth->pixels + (size_t)v * job->depth->stride;
        uint8_t *out = job->xyz->pixels + (size_t)v * job->xyz->stride;
        if (!table_row_for(job->table, v, in))
        {
            memset(out, 0, 6 * (size_t)w); /* no depth: (0, 0, 0) */
            continue;
        }
        const float *xs = job->table->x + (size_t)v * (size_t)w, *ys = job->table->y + (size_t)v * (size_t)w;
        int u = 0;
        if (job->simd == OK4A_SIMD_AVX512)
        {
            u = w & ~15;
            ok4a_cloud_row_avx512(in, xs, ys, out, u);
        }
        if (job->simd >= OK4A_SIMD_AVX2)
        {
            const int done = u;
            u = w & ~7;
            ok4a_cloud_row_avx2(in + 2 * (size_t)done, xs + done, ys + done, out + 6 * (size_t)done, u - done);
        }
        for (; u + 8 <= w; u += 8)
        {
            ok4a_h8 d;
            memcpy(&d, in + 2 * (size_t)u, sizeof d);
            ok4a_f4 low, high;
            widen_depth8(d, &low, &high);
            cloud4(low, xs + u, ys + u, out + 6 * (size_t)u, false);
            cloud4(high, xs + u + 4, ys + u + 4, out + 6 * (size_t)u + 24, u + 8 == w);
        }
        for (; u < w; u += 4)
        {
            const size_t n = (size_t)(w - u) < 4 ? (size_t)(w - u) : 4; /* padding: an invalid ray */
            uint16_t d[4] = {0, 0, 0, 0};
            float x[4] = {NAN, NAN, NAN, NAN}, y[4] = {0.f, 0.f, 0.f, 0.f};
            uint8_t points[24];
            memcpy(d, in + 2 * (size_t)u, 2 * n);
            memcpy(x, xs + u, 4 * n);
            memcpy(y, ys + u, 4 * n);
            cloud4(load_depth4((const uint8_t *)d), x, y, points, true);
            memcpy(out + 6 * (size_t)u, points, 6 * n);
        }
    }
}

k4a_result_t k4a_transformation_depth_image_to_point_cloud(k4a_transformation_t transformation_handle,
                                                           const k4a_image_t depth_image,
                                                           const k4a_calibration_type_t camera, k4a_image_t xyz_image)
{
    struct _k4a_transformation_t *t = enter(transformation_handle, __func__);
    if (t == NULL)
    {
        return K4A_RESULT_FAILED;
    }
    ok4a_xy_table_t *table;
    if (camera == K4A_CALIBRATION_TYPE_DEPTH && t->has_depth)
    {
        table = &t->depth_table;
    }
    else if (camera == K4A_CALIBRATION_TYPE_COLOR && t->has_color)
    {
        if (t->color_table.x == NULL && !make_table(&t->calibration.color_camera_calibration, &t->color_table))
        {
            OK4A_LOG_ERROR("%s: out of memory", __func__);
            return K4A_RESULT_FAILED;
        }
        table = &t->color_table;
    }
    else
    {
        OK4A_LOG_ERROR("%s: camera %d is not DEPTH or COLOR, or its mode is OFF in the calibration", __func__,
                       (int)camera);
        return K4A_RESULT_FAILED;
    }
    ok4a_image_view_t depth, xyz;
    if (!view_of(depth_image, "depth_image", K4A_IMAGE_FORMAT_DEPTH16, table->width, table->height, 2, &depth,
                 __func__) ||
        !view_of(xyz_image, "xyz_image", K4A_IMAGE_FORMAT_CUSTOM, table->width, table->height, 6, &xyz, __func__))
    {
        return K4A_RESULT_FAILED;
    }
    cloud_job_t job = {table, &depth, &xyz, t->simd};
    /* On the caller's thread: about 0.5 ms of CPU a frame, and splitting it over the pool
     * measured no faster on the loaded 2-core machine (transformation_benchmark). */
    for (int task = 0; task < (table->height + OK4A_ROWS_PER_TASK - 1) / OK4A_ROWS_PER_TASK; task++)
    {
        cloud_rows(&job, task);
    }
    return K4A_RESULT_SUCCEEDED;
}
