/* One MJPG -> BGRA32 decoder: a TurboJPEG handle plus the policy that makes
 * it safe on camera streams. Not thread-safe: one per thread.
 *
 * Policy:
 * - openk4a_mjpeg_scan() runs first: truncated frames, lost restart
 *   intervals and unsupported variants are dropped before any decode work.
 * - Decode goes straight into the caller's buffer (BGRA, alpha = 0xFF).
 * - libjpeg-turbo warnings: "N extraneous bytes before marker" is what real
 *   webcams produce and decodes fine, so the frame is kept and `warned` set;
 *   any other warning (corrupt data, premature end) drops the frame.
 * - After ANY non-zero TurboJPEG return (warning or error) the handle is
 *   destroyed and recreated: libjpeg-turbo 2.1.5 can crash when a handle
 *   whose decode failed is reused.
 * - libjpeg keeps quantisation and Huffman tables across images on one
 *   handle, so a frame that lacks a table would silently decode with an
 *   earlier frame's (a webcam frame without DHT must get the standard tables,
 *   not the last Azure Kinect frame's). Before a frame that does not redefine
 *   every table the handle got from earlier frames, the handle is replaced.
 *   Camera streams repeat the same table set, so this never costs them. */
#ifndef OPENK4A_CORE_COLOR_MJPEG_DECODER_H_
#define OPENK4A_CORE_COLOR_MJPEG_DECODER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "openk4a/color_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    typedef struct openk4a_mjpeg_decoder openk4a_mjpeg_decoder_t;

    /* NULL when out of memory. The TurboJPEG handle is made on first use. */
    openk4a_mjpeg_decoder_t *openk4a_mjpeg_decoder_create(void);

    /* Accepts NULL. */
    void openk4a_mjpeg_decoder_destroy(openk4a_mjpeg_decoder_t *decoder);

    /* Decodes `jpeg[0, jpeg_size)` into `dst`, a width x height BGRA32 image
     * with `dst_stride` bytes per row inside `dst_size` bytes. The frame must be
     * exactly width x height (else SIZE_MISMATCH, nothing written). On any status
     * but OK the destination may be partly written and must not be used.
     * `warned` (may be NULL) is set when a tolerated warning occurred. */
    openk4a_color_status_t openk4a_mjpeg_decoder_decode(openk4a_mjpeg_decoder_t *decoder, const uint8_t *jpeg,
                                                        size_t jpeg_size, uint8_t *dst, size_t dst_size, uint32_t width,
                                                        uint32_t height, uint32_t dst_stride, openk4a_color_mode_t mode,
                                                        bool *warned);

    /* The libjpeg-turbo message of the last warning or error this decoder saw
     * ("" if none yet). Valid until the next decode call. */
    const char *openk4a_mjpeg_decoder_last_message(const openk4a_mjpeg_decoder_t *decoder);

    /* How many times the TurboJPEG handle was recreated after an error. */
    uint64_t openk4a_mjpeg_decoder_handle_recreations(const openk4a_mjpeg_decoder_t *decoder);

    /* How many times the handle was replaced to forget an earlier frame's tables. */
    uint64_t openk4a_mjpeg_decoder_table_resets(const openk4a_mjpeg_decoder_t *decoder);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_COLOR_MJPEG_DECODER_H_ */
