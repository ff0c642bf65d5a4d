/* Depth pixels into the colour camera, a vector of them at a time: written once, included by
 * transformation.c for 4 lanes and by avx2.c for 8 (no include guard: once per width). Defined
 * before inclusion, as for core/calibration/lens_vector_lanes.h (whose functions of the same
 * width it uses): OK4A_LANES_F, OK4A_LANES_I, OK4A_LANES_H (uint16_t lanes), OK4A_LANES(name),
 * OK4A_LANES_TARGET. */

/* One vector of depth pixels (depths at d_bytes, rays at x_at, y_at) into the colour camera: the
 * correspondences' fields at u_out.., and the running extent of the finite colour rows. */
static inline OK4A_LANES_TARGET void OK4A_LANES(correspond)(const k4a_calibration_t *calibration,
                                                            const uint8_t *d_bytes, const float *x_at,
                                                            const float *y_at, float *u_out, float *v_out, float *z_out,
                                                            int32_t *valid_out, OK4A_LANES_F *v_lo, OK4A_LANES_F *v_hi)
{
    const OK4A_LANES_F zero = {0};
    OK4A_LANES_H depth;
    OK4A_LANES_F x, y;
    memcpy(&depth, d_bytes, sizeof depth);
    memcpy(&x, x_at, sizeof x);
    memcpy(&y, y_at, sizeof y);
    const OK4A_LANES_F d = __builtin_convertvector(depth, OK4A_LANES_F);
    const OK4A_LANES_I has_depth = (d != 0.f) & (x == x); /* x is NaN outside the depth lens model */
    OK4A_LANES_F px = x * d, py = y * d, pz = d;
    OK4A_LANES(extrinsics_apply)
    (&calibration->extrinsics[K4A_CALIBRATION_TYPE_DEPTH][K4A_CALIBRATION_TYPE_COLOR], &px, &py, &pz);
    OK4A_LANES_F cu, cv;
    OK4A_LANES_I valid;
    OK4A_LANES(lens_project_3d)(&calibration->color_camera_calibration, px, py, pz, &cu, &cv, &valid);
    valid &= has_depth;
    const OK4A_LANES_F u = OK4A_LANES(select)(valid, cu, zero), v = OK4A_LANES(select)(valid, cv, zero);
    const OK4A_LANES_F z = OK4A_LANES(select)(valid, pz, zero);
    const OK4A_LANES_I one = valid & 1;
    const OK4A_LANES_I counted = valid & (cv - cv == 0.f); /* finite v only */
    *v_lo = OK4A_LANES(select)(counted & (cv < *v_lo), cv, *v_lo);
    *v_hi = OK4A_LANES(select)(counted & (cv > *v_hi), cv, *v_hi);
    memcpy(u_out, &u, sizeof u);
    memcpy(v_out, &v, sizeof v);
    memcpy(z_out, &z, sizeof z);
    memcpy(valid_out, &one, sizeof one);
}
