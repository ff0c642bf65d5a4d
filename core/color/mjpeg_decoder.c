#include "core/color/mjpeg_decoder.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "core/color/mjpeg_scan.h"

/* libjpeg's message buffer size (JMSG_LENGTH_MAX in jpeglib.h). */
#define MESSAGE_SIZE 200

struct openk4a_mjpeg_decoder
{
    tjhandle handle;      /* NULL until first use and after any TurboJPEG failure */
    uint32_t tables;      /* OPENK4A_MJPEG_TABLE_* bits frames have loaded into `handle` */
    uint64_t recreations; /* handles dropped because of a warning or error */
    uint64_t table_resets;
    char last_message[MESSAGE_SIZE];
};

openk4a_mjpeg_decoder_t *openk4a_mjpeg_decoder_create(void)
{
    return calloc(1, sizeof(openk4a_mjpeg_decoder_t));
}

void openk4a_mjpeg_decoder_destroy(openk4a_mjpeg_decoder_t *decoder)
{
    if (decoder == NULL)
        return;
    if (decoder->handle != NULL)
        tjDestroy(decoder->handle);
    free(decoder);
}

const char *openk4a_mjpeg_decoder_last_message(const openk4a_mjpeg_decoder_t *decoder)
{
    return decoder ? decoder->last_message : "";
}

uint64_t openk4a_mjpeg_decoder_handle_recreations(const openk4a_mjpeg_decoder_t *decoder)
{
    return decoder ? decoder->recreations : 0;
}

uint64_t openk4a_mjpeg_decoder_table_resets(const openk4a_mjpeg_decoder_t *decoder)
{
    return decoder ? decoder->table_resets : 0;
}

static void drop_handle(openk4a_mjpeg_decoder_t *decoder)
{
    tjDestroy(decoder->handle);
    decoder->handle = NULL;
    decoder->tables = 0;
}

static void set_message(openk4a_mjpeg_decoder_t *decoder, const char *message)
{
    strncpy(decoder->last_message, message ? message : "", MESSAGE_SIZE - 1);
    decoder->last_message[MESSAGE_SIZE - 1] = '\0';
}

/* True for libjpeg's warning texts (jerror.h JWRN_*). TurboJPEG 2.1.5 keeps
 * reporting TJERR_WARNING when a fatal error follows a warning in the same
 * frame; the message is then the error's, and this tells them apart. */
static bool is_warning_message(const char *message)
{
    static const char *const prefixes[] = {
        "Corrupt JPEG data",      "Premature end of JPEG file",        "Warning",
        "Invalid SOS parameters", "Inconsistent progression sequence", "Application transferred too many scanlines",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(message, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

/* Records the handle's message, classifies the failure and drops the handle
 * (a new one is made by the next decode). */
static openk4a_color_status_t fail(openk4a_mjpeg_decoder_t *decoder, bool *tolerated_warning)
{
    /* The message lives in per-thread or per-handle storage: copy it now. */
    set_message(decoder, tjGetErrorStr2(decoder->handle));
    const bool warning = tjGetErrorCode(decoder->handle) == TJERR_WARNING;
    drop_handle(decoder);
    decoder->recreations++;
    /* Only stray padding before a marker is harmless; everything else means
     * image data was lost or invented. */
    *tolerated_warning = warning && strstr(decoder->last_message, "extraneous bytes before marker") != NULL;
    if (*tolerated_warning)
        return OPENK4A_COLOR_OK;
    return warning && is_warning_message(decoder->last_message) ? OPENK4A_COLOR_CORRUPT : OPENK4A_COLOR_DECODE_FAILED;
}

openk4a_color_status_t openk4a_mjpeg_decoder_decode(openk4a_mjpeg_decoder_t *decoder, const uint8_t *jpeg,
                                                    size_t jpeg_size, uint8_t *dst, size_t dst_size, uint32_t width,
                                                    uint32_t height, uint32_t dst_stride, openk4a_color_mode_t mode,
                                                    bool *warned)
{
    if (warned != NULL)
        *warned = false;
    if (decoder == NULL || jpeg == NULL || dst == NULL || width == 0 || height == 0 ||
        width > OPENK4A_MJPEG_MAX_DIMENSION || height > OPENK4A_MJPEG_MAX_DIMENSION || dst_stride > INT_MAX ||
        (uint64_t)dst_stride < 4ull * width || (uint64_t)dst_stride * (height - 1) + 4ull * width > dst_size ||
        (mode != OPENK4A_COLOR_MODE_FAST && mode != OPENK4A_COLOR_MODE_ACCURATE))
        return OPENK4A_COLOR_INVALID_ARGUMENT;

    openk4a_mjpeg_info_t info;
    openk4a_color_status_t status = openk4a_mjpeg_scan(jpeg, jpeg_size, &info);
    if (status != OPENK4A_COLOR_OK)
    {
        set_message(decoder, openk4a_color_status_str(status));
        return status;
    }
    if (info.width != width || info.height != height)
    {
        set_message(decoder, "frame size differs from destination");
        return OPENK4A_COLOR_SIZE_MISMATCH;
    }

    if (decoder->handle != NULL && (decoder->tables & ~info.tables_defined) != 0)
    {
        drop_handle(decoder);
        decoder->table_resets++;
    }
    if (decoder->handle == NULL && (decoder->handle = tjInitDecompress()) == NULL)
    {
        set_message(decoder, "tjInitDecompress failed");
        return OPENK4A_COLOR_NO_MEMORY;
    }
    /* Bytes after EOI are padding; libjpeg need not see them. */
    const unsigned long size = (unsigned long)info.end_offset;
    bool warning = false;

    decoder->tables |= info.tables_defined;

    /* Cross-check our view of the header with libjpeg's (cheap: header only). */
    int tj_width = 0, tj_height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(decoder->handle, jpeg, size, &tj_width, &tj_height, &subsampling, &colorspace) != 0)
    {
        status = fail(decoder, &warning);
        if (status != OPENK4A_COLOR_OK)
            return status;
        if ((decoder->handle = tjInitDecompress()) == NULL)
            return OPENK4A_COLOR_NO_MEMORY;
        decoder->tables = info.tables_defined;
    }
    if ((uint32_t)tj_width != width || (uint32_t)tj_height != height)
    {
        set_message(decoder, "libjpeg-turbo disagrees about the frame size");
        return OPENK4A_COLOR_CORRUPT;
    }

    const int flags = TJFLAG_LIMITSCANS |
                      (mode == OPENK4A_COLOR_MODE_FAST ? TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE : TJFLAG_ACCURATEDCT);
    if (tjDecompress2(decoder->handle, jpeg, size, dst, (int)width, (int)dst_stride, (int)height, TJPF_BGRA, flags) !=
        0)
    {
        bool tolerated = false;
        status = fail(decoder, &tolerated);
        if (status != OPENK4A_COLOR_OK)
            return status;
        warning = true;
    }
    if (warned != NULL)
        *warned = warning;
    return OPENK4A_COLOR_OK;
}
