/* The lens model's and the extrinsics' per-lane arithmetic, written once for any lane count.
 * Included (no include guard: once per width) by lens_vector.h for 4 lanes and by
 * core/transformation's AVX2 loops for 8, after defining
 *   OK4A_LANES_F, OK4A_LANES_I  the float and int32 vector types of that width
 *   OK4A_LANES(name)            the name of a function of that width (ok4a_<name><lanes>)
 *   OK4A_LANES_TARGET           the functions' attribute (an instruction set) or nothing
 * Every width does the same operations in the same order (no fused multiply-add), so a lane
 * gives the same bits whatever the width. Masks are lanes of -1 (true) or 0 (false). */

/* yes where mask, else no. */
static inline OK4A_LANES_TARGET OK4A_LANES_F OK4A_LANES(select)(OK4A_LANES_I mask, OK4A_LANES_F yes, OK4A_LANES_F no)
{
    return (OK4A_LANES_F)(((OK4A_LANES_I)yes & mask) | ((OK4A_LANES_I)no & ~mask));
}

/* The rational radial factor's numerator and denominator at squared radius r2. */
static inline OK4A_LANES_TARGET void OK4A_LANES(lens_radial)(const struct _param *p, OK4A_LANES_F r2, OK4A_LANES_F *num,
                                                             OK4A_LANES_F *den)
{
    const OK4A_LANES_F r4 = r2 * r2, r6 = r4 * r2;
    *num = 1.f + p->k1 * r2 + p->k2 * r4 + p->k3 * r6;
    *den = 1.f + p->k4 * r2 + p->k5 * r4 + p->k6 * r6;
}

/* Normalised image point (x/z, y/z) -> pixel; inside where within the metric radius. */
static inline OK4A_LANES_TARGET void OK4A_LANES(lens_project)(const k4a_calibration_camera_t *camera, OK4A_LANES_F x_in,
                                                              OK4A_LANES_F y_in, OK4A_LANES_F *u, OK4A_LANES_F *v,
                                                              OK4A_LANES_I *inside)
{
    const struct _param *p = &camera->intrinsics.parameters.param;
    /* Brown-Conrady doubles the mixed tangential term; the older Rational 6KT did not. */
    const float t = camera->intrinsics.type == K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT ? 1.f : 2.f;
    const OK4A_LANES_F zero = {0};
    const OK4A_LANES_F x = x_in - p->codx;
    const OK4A_LANES_F y = y_in - p->cody;
    const OK4A_LANES_F xx = x * x, yy = y * y, xy = x * y;
    const OK4A_LANES_F r2 = xx + yy;
    *inside = r2 <= camera->metric_radius * camera->metric_radius;
    OK4A_LANES_F num, den;
    OK4A_LANES(lens_radial)(p, r2, &num, &den);
    /* one division per point; a zero denominator leaves the radial factor at num */
    const OK4A_LANES_F inv_den = OK4A_LANES(select)(den != 0.f, 1.f / den, zero + 1.f);
    const OK4A_LANES_F radial = num * inv_den;
    const OK4A_LANES_F xd = x * radial + (r2 + 2.f * xx) * p->p2 + t * xy * p->p1;
    const OK4A_LANES_F yd = y * radial + (r2 + 2.f * yy) * p->p1 + t * xy * p->p2;
    *u = (xd + p->codx) * p->fx + p->cx;
    *v = (yd + p->cody) * p->fy + p->cy;
}

/* 3D point (mm, camera coordinates) -> pixel; valid where z > 0 and inside the metric radius,
 * pixel (0, 0) where z <= 0. */
static inline OK4A_LANES_TARGET void OK4A_LANES(lens_project_3d)(const k4a_calibration_camera_t *camera, OK4A_LANES_F x,
                                                                 OK4A_LANES_F y, OK4A_LANES_F z, OK4A_LANES_F *u,
                                                                 OK4A_LANES_F *v, OK4A_LANES_I *valid)
{
    const OK4A_LANES_F zero = {0};
    const OK4A_LANES_I front = z > 0.f;
    OK4A_LANES_I inside;
    OK4A_LANES(lens_project)(camera, x / z, y / z, u, v, &inside);
    *u = OK4A_LANES(select)(front, *u, zero);
    *v = OK4A_LANES(select)(front, *v, zero);
    *valid = front & inside;
}

/* (x, y, z) <- R (x, y, z) + t. */
static inline OK4A_LANES_TARGET void OK4A_LANES(extrinsics_apply)(const k4a_calibration_extrinsics_t *e,
                                                                  OK4A_LANES_F *x, OK4A_LANES_F *y, OK4A_LANES_F *z)
{
    const float *R = e->rotation, *t = e->translation;
    const OK4A_LANES_F a = *x, b = *y, c = *z;
    *x = R[0] * a + R[1] * b + R[2] * c + t[0];
    *y = R[3] * a + R[4] * b + R[5] * c + t[1];
    *z = R[6] * a + R[7] * b + R[8] * c + t[2];
}
