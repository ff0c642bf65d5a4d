/* The k4a_transformation_t object and what its functions share (internal to this folder). */
#ifndef OPENK4A_CORE_TRANSFORMATION_TRANSFORMATION_INTERNAL_H_
#define OPENK4A_CORE_TRANSFORMATION_TRANSFORMATION_INTERNAL_H_

#include <stdbool.h>
#include <stdint.h>

#include <k4a/k4a.h>

#include "core/transformation/parallel.h"
#include "core/transformation/simd.h"

/* Per pixel of a camera's image, the ray through it on the z = 1 plane; x = NaN where the lens
 * model is not valid, and y = 0 there (the AVX2 and AVX-512 point clouds rely on it). A row is computed by
 * the first call that meets depth in it (a row without depth needs no rays), so a handle costs
 * little until used and sparse frames pay for their rows only. */
typedef struct
{
    int width, height;
    float *x, *y;
    const k4a_calibration_camera_t *camera;
    uint8_t *ready; /* per row: 1 once computed (each row written by the one task that owns it) */
} ok4a_xy_table_t;

/* Where each depth pixel lands in the colour image, one array per field (the per-pixel loop
 * fills four pixels at a time). Where valid is 0 the other fields are 0. */
typedef struct
{
    float *u, *v;   /* colour pixel */
    float *z;       /* depth seen from the colour camera, mm */
    int32_t *valid; /* 1: has depth and projects inside the colour lens model */
} ok4a_correspondences_t;

struct _k4a_transformation_t
{
    uint32_t tag; /* OK4A_TRANSFORMATION_TAG while alive */
    k4a_calibration_t calibration;
    bool has_depth, has_color;
    ok4a_simd_t simd; /* the vector loops run (simd.h) */
    ok4a_xy_table_t depth_table, color_table;
    /* Made by the first call that needs them, reused by every later call. */
    ok4a_parallel_t *pool;
    ok4a_correspondences_t correspondences; /* depth width * height each, one allocation */
    float *row_extent; /* per depth row: min v, max v of its valid correspondences (min > max: none) */
    /* the same per chunk of OK4A_CHUNK_PIXELS pixels of a row (after row_extent, one allocation):
     * drawing skips the chunks whose blocks are outside its rows */
    float *chunk_extent;
};

#define OK4A_TRANSFORMATION_TAG 0x4b345446u /* "K4TF" */
#define OK4A_CHUNK_PIXELS 8

static inline int ok4a_chunks_per_row(int width)
{
    return (width + OK4A_CHUNK_PIXELS - 1) / OK4A_CHUNK_PIXELS;
}

/* A view of a caller's image, checked against what a function needs. */
typedef struct
{
    uint8_t *pixels;
    int width, height;
    size_t stride;
    k4a_image_format_t format;
} ok4a_image_view_t;

/* The pool and the correspondence buffer, made on first use; false (logged) when out of memory. */
bool ok4a_transformation_scratch(struct _k4a_transformation_t *t, const char *caller);

/* Fills t->correspondences, t->row_extent and t->chunk_extent from a DEPTH16 view of the depth mode's size, in
 * parallel. */
void ok4a_transformation_correspond(struct _k4a_transformation_t *t, const ok4a_image_view_t *depth);

/* Renders the correspondences into a colour-sized DEPTH16 view (and, when custom is not NULL,
 * the custom values of custom_in into custom_out). False (logged) when a band exceeds its work
 * budget (a calibration that stretches triangles over the whole image). */
bool ok4a_transformation_render(struct _k4a_transformation_t *t, const ok4a_image_view_t *out_depth,
                                const ok4a_image_view_t *custom_in, const ok4a_image_view_t *custom_out,
                                k4a_transformation_interpolation_type_t interpolation, uint32_t invalid_custom,
                                const char *caller);

#endif /* OPENK4A_CORE_TRANSFORMATION_TRANSFORMATION_INTERNAL_H_ */
