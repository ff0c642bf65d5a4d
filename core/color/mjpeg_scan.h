/* A bounds-checked structural pass over one MJPG frame, run before
 * libjpeg-turbo sees it.
 *
 * libjpeg-turbo recovers from most damage with a warning (a missing EOI, a
 * lost restart interval) and fills the damaged part with grey. A camera
 * stream must drop such frames instead, and must not spend a full decode on
 * a frame that cannot be good: this pass reads every segment header, checks
 * that the restart markers of each scan come in sequence and in the number
 * the frame geometry demands, that the entropy-coded data is large enough
 * for the declared size, and that the frame ends with EOI. It reads each
 * byte at most once, allocates nothing and never writes to the input. */
#ifndef OPENK4A_CORE_COLOR_MJPEG_SCAN_H_
#define OPENK4A_CORE_COLOR_MJPEG_SCAN_H_

#include <stddef.h>
#include <stdint.h>

#include "openk4a/color_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* Largest accepted side (the largest k4a mode is 4096x3072). */
#define OPENK4A_MJPEG_MAX_DIMENSION 16384u

/* Bits of openk4a_mjpeg_info_t.tables_defined: quantisation table t (0..3),
 * DC / AC Huffman table t (0..3). */
#define OPENK4A_MJPEG_TABLE_DQT(t) (1u << (t))
#define OPENK4A_MJPEG_TABLE_DC(t) (1u << (4 + (t)))
#define OPENK4A_MJPEG_TABLE_AC(t) (1u << (8 + (t)))

    typedef struct
    {
        uint32_t width;
        uint32_t height;
        uint32_t components; /* 1 (grey) or 3 (YCbCr) */
        uint8_t h_samp[3];   /* per-component sampling factors (1..4) */
        uint8_t v_samp[3];
        uint32_t scans;            /* SOS segments */
        uint32_t restart_interval; /* MCUs per interval in the first scan, 0 = none */
        uint32_t restart_markers;  /* RSTn markers seen in all scans */
        uint32_t extraneous_bytes; /* stray bytes between segments (libjpeg skips them with a warning) */
        int has_huffman_tables;    /* 0: the decoder must use the standard tables (webcams) */
        uint32_t tables_defined;   /* OPENK4A_MJPEG_TABLE_* bits of the tables this frame defines */
        size_t end_offset;         /* just past EOI; bytes after it are ignored padding */
    } openk4a_mjpeg_info_t;

    /* Checks the structure of `data[0, size)` and fills `info` (always zeroed
     * first). Returns OK, NOT_JPEG, TRUNCATED, CORRUPT, UNSUPPORTED or
     * INVALID_ARGUMENT (NULL pointers). */
    openk4a_color_status_t openk4a_mjpeg_scan(const uint8_t *data, size_t size, openk4a_mjpeg_info_t *info);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_MJPEG_SCAN_H_ */
