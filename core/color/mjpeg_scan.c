#include "core/color/mjpeg_scan.h"

#include <string.h>

/* Marker codes (ITU T.81 table B.1). */
enum
{
    M_SOF0 = 0xC0,
    M_SOF1 = 0xC1,
    M_DHT = 0xC4,
    M_JPG = 0xC8,
    M_DAC = 0xCC,
    M_RST0 = 0xD0,
    M_RST7 = 0xD7,
    M_SOI = 0xD8,
    M_EOI = 0xD9,
    M_SOS = 0xDA,
    M_DQT = 0xDB,
    M_DNL = 0xDC,
    M_DRI = 0xDD,
    M_APP0 = 0xE0,
    M_APP15 = 0xEF,
    M_COM = 0xFE,
    M_TEM = 0x01,
};

typedef struct
{
    const uint8_t *data;
    size_t size;
    size_t pos;
    openk4a_mjpeg_info_t *info;
    uint8_t component_id[3];
    uint32_t coded_mask; /* components coded by a scan so far */
    uint32_t restart_interval;
    int saw_sof;
} scanner_t;

static uint32_t div_ceil(uint32_t a, uint32_t b)
{
    return a / b + (a % b != 0);
}

static uint32_t be16(const uint8_t *p)
{
    return ((uint32_t)p[0] << 8) | p[1];
}

/* Finds the next marker from s->pos the way libjpeg does between segments:
 * stray bytes (including FF 00) are skipped and counted, fill FFs are
 * skipped. Returns the marker code, or -1 at the end of the data. */
static int next_marker(scanner_t *s)
{
    size_t p = s->pos;
    for (;;)
    {
        while (p < s->size && s->data[p] != 0xFF)
        {
            p++;
            s->info->extraneous_bytes++;
        }
        while (p < s->size && s->data[p] == 0xFF)
            p++;
        if (p >= s->size)
            return -1;
        if (s->data[p] != 0x00)
        {
            s->pos = p + 1;
            return s->data[p];
        }
        p++;
        s->info->extraneous_bytes += 2;
    }
}

/* Reads a segment's length field; on success the payload pointer and size cover the
 * bytes after it and s->pos moves past the segment. */
static openk4a_color_status_t read_segment(scanner_t *s, const uint8_t **payload, size_t *payload_size)
{
    if (s->size - s->pos < 2)
        return OPENK4A_COLOR_TRUNCATED;
    const uint32_t length = be16(s->data + s->pos);
    if (length < 2)
        return OPENK4A_COLOR_CORRUPT;
    if (s->size - s->pos < length)
        return OPENK4A_COLOR_TRUNCATED;
    *payload = s->data + s->pos + 2;
    *payload_size = length - 2;
    s->pos += length;
    return OPENK4A_COLOR_OK;
}

/* Records the tables a DQT segment defines (one or more, T.81 B.2.4.1). */
static openk4a_color_status_t parse_dqt(scanner_t *s, const uint8_t *p, size_t n)
{
    while (n > 0)
    {
        const uint32_t precision = p[0] >> 4, id = p[0] & 15;
        const size_t table_size = 1 + 64 * (size_t)(precision + 1);
        if (precision > 1 || id > 3 || n < table_size)
            return OPENK4A_COLOR_CORRUPT;
        s->info->tables_defined |= OPENK4A_MJPEG_TABLE_DQT(id);
        p += table_size;
        n -= table_size;
    }
    return OPENK4A_COLOR_OK;
}

/* Records the tables a DHT segment defines (one or more, T.81 B.2.4.2). */
static openk4a_color_status_t parse_dht(scanner_t *s, const uint8_t *p, size_t n)
{
    while (n > 0)
    {
        if (n < 17)
            return OPENK4A_COLOR_CORRUPT;
        const uint32_t table_class = p[0] >> 4, id = p[0] & 15;
        size_t symbols = 0;
        for (int i = 1; i <= 16; i++)
            symbols += p[i];
        if (table_class > 1 || id > 3 || symbols > 256 || n < 17 + symbols)
            return OPENK4A_COLOR_CORRUPT;
        s->info->tables_defined |= table_class ? OPENK4A_MJPEG_TABLE_AC(id) : OPENK4A_MJPEG_TABLE_DC(id);
        p += 17 + symbols;
        n -= 17 + symbols;
    }
    s->info->has_huffman_tables = 1;
    return OPENK4A_COLOR_OK;
}

static openk4a_color_status_t parse_sof(scanner_t *s, const uint8_t *p, size_t n)
{
    openk4a_mjpeg_info_t *info = s->info;
    if (s->saw_sof)
        return OPENK4A_COLOR_CORRUPT; /* libjpeg: two SOF markers */
    if (n < 6)
        return OPENK4A_COLOR_CORRUPT;
    const uint32_t precision = p[0];
    const uint32_t height = be16(p + 1);
    const uint32_t width = be16(p + 3);
    const uint32_t components = p[5];
    if (n != 6 + 3 * (size_t)components || components == 0)
        return OPENK4A_COLOR_CORRUPT;
    if (precision != 8 || (components != 1 && components != 3))
        return OPENK4A_COLOR_UNSUPPORTED;
    if (width == 0)
        return OPENK4A_COLOR_CORRUPT;
    /* Height 0 means "defined later by DNL", which libjpeg does not support. */
    if (height == 0 || width > OPENK4A_MJPEG_MAX_DIMENSION || height > OPENK4A_MJPEG_MAX_DIMENSION)
        return OPENK4A_COLOR_UNSUPPORTED;
    for (uint32_t c = 0; c < components; c++)
    {
        const uint8_t *comp = p + 6 + 3 * c;
        const uint8_t h = comp[1] >> 4, v = comp[1] & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4 || comp[2] > 3)
            return OPENK4A_COLOR_CORRUPT;
        for (uint32_t other = 0; other < c; other++)
            if (s->component_id[other] == comp[0])
                return OPENK4A_COLOR_CORRUPT;
        s->component_id[c] = comp[0];
        info->h_samp[c] = h;
        info->v_samp[c] = v;
    }
    info->width = width;
    info->height = height;
    info->components = components;
    s->saw_sof = 1;
    return OPENK4A_COLOR_OK;
}

/* Walks the entropy-coded data after an SOS header up to the marker that ends
 * it, checking restart markers against the scan's geometry. */
static openk4a_color_status_t scan_entropy_data(scanner_t *s, uint64_t mcus, uint64_t blocks)
{
    const uint32_t ri = s->restart_interval;
    const uint64_t expected_rst = ri ? (mcus + ri - 1) / ri - 1 : 0;
    const size_t start = s->pos;
    uint64_t rst = 0;
    size_t p = s->pos;
    for (;;)
    {
        const uint8_t *ff = memchr(s->data + p, 0xFF, s->size - p);
        if (ff == NULL)
            return OPENK4A_COLOR_TRUNCATED;
        p = (size_t)(ff - s->data) + 1;
        while (p < s->size && s->data[p] == 0xFF)
            p++;
        if (p >= s->size)
            return OPENK4A_COLOR_TRUNCATED;
        const uint8_t m = s->data[p];
        if (m == 0x00) /* stuffed FF data byte */
        {
            p++;
            continue;
        }
        if (m >= M_RST0 && m <= M_RST7)
        {
            if (rst >= expected_rst || (uint64_t)(m - M_RST0) != (rst & 7))
                return OPENK4A_COLOR_CORRUPT;
            rst++;
            p++;
            continue;
        }
        break; /* any other marker ends the scan; the caller reads it */
    }
    if (rst != expected_rst)
        return OPENK4A_COLOR_CORRUPT; /* lost restart intervals */
    /* Every block costs at least two Huffman codes (DC and AC) of >= 1 bit. */
    const size_t entropy_bytes = p - 1 - start;
    if ((uint64_t)entropy_bytes * 8 < blocks * 2)
        return OPENK4A_COLOR_TRUNCATED;
    s->info->restart_markers += (uint32_t)rst;
    s->pos = p - 1; /* at the FF of the ending marker */
    return OPENK4A_COLOR_OK;
}

static openk4a_color_status_t parse_sos(scanner_t *s, const uint8_t *p, size_t n)
{
    openk4a_mjpeg_info_t *info = s->info;
    if (!s->saw_sof || n < 1)
        return OPENK4A_COLOR_CORRUPT;
    const uint32_t count = p[0];
    if (count < 1 || count > info->components || n != 1 + 2 * (size_t)count + 3)
        return OPENK4A_COLOR_CORRUPT;
    /* Sequential coding codes all coefficients at once, each component once. */
    const uint8_t *tail = p + 1 + 2 * count;
    if (tail[0] != 0 || tail[1] != 63 || tail[2] != 0)
        return OPENK4A_COLOR_CORRUPT;

    uint32_t h_max = 1, v_max = 1;
    for (uint32_t c = 0; c < info->components; c++)
    {
        h_max = info->h_samp[c] > h_max ? info->h_samp[c] : h_max;
        v_max = info->v_samp[c] > v_max ? info->v_samp[c] : v_max;
    }
    uint32_t blocks_per_mcu = 0;
    uint32_t first = 0;
    for (uint32_t i = 0; i < count; i++)
    {
        uint32_t c = 0;
        while (c < info->components && s->component_id[c] != p[1 + 2 * i])
            c++;
        if (c == info->components || (s->coded_mask & (1u << c)))
            return OPENK4A_COLOR_CORRUPT;
        s->coded_mask |= 1u << c;
        if (i == 0)
            first = c;
        blocks_per_mcu += (uint32_t)info->h_samp[c] * info->v_samp[c];
    }
    uint64_t mcus, blocks;
    if (count == 1)
    {
        /* Non-interleaved: one block per MCU over the component's own size. */
        const uint32_t w = div_ceil(info->width * info->h_samp[first], h_max);
        const uint32_t h = div_ceil(info->height * info->v_samp[first], v_max);
        mcus = (uint64_t)div_ceil(w, 8) * div_ceil(h, 8);
        blocks = mcus;
    }
    else
    {
        if (blocks_per_mcu > 10) /* libjpeg's limit on blocks in an MCU */
            return OPENK4A_COLOR_CORRUPT;
        mcus = (uint64_t)div_ceil(info->width, 8 * h_max) * div_ceil(info->height, 8 * v_max);
        blocks = mcus * blocks_per_mcu;
    }
    if (info->scans == 0)
        info->restart_interval = s->restart_interval;
    info->scans++;
    return scan_entropy_data(s, mcus, blocks);
}

openk4a_color_status_t openk4a_mjpeg_scan(const uint8_t *data, size_t size, openk4a_mjpeg_info_t *info)
{
    if (info == NULL)
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    memset(info, 0, sizeof *info);
    if (data == NULL && size != 0)
        return OPENK4A_COLOR_INVALID_ARGUMENT;
    if (size < 2 || data[0] != 0xFF || data[1] != M_SOI)
        return OPENK4A_COLOR_NOT_JPEG;

    scanner_t s = {.data = data, .size = size, .pos = 2, .info = info};
    for (;;)
    {
        const int marker = next_marker(&s);
        if (marker < 0)
            return OPENK4A_COLOR_TRUNCATED; /* no EOI */
        if ((marker >= M_RST0 && marker <= M_RST7) || marker == M_TEM)
            continue; /* parameterless; libjpeg ignores them here */
        if (marker == M_SOI)
            return OPENK4A_COLOR_CORRUPT;
        if (marker == M_EOI)
        {
            const uint32_t all = (1u << info->components) - 1;
            if (info->scans == 0 || s.coded_mask != all)
                return OPENK4A_COLOR_CORRUPT; /* no image, or a component never coded */
            info->end_offset = s.pos;
            return OPENK4A_COLOR_OK;
        }

        const uint8_t *payload;
        size_t payload_size;
        openk4a_color_status_t status = read_segment(&s, &payload, &payload_size);
        if (status != OPENK4A_COLOR_OK)
            return status;
        if (marker == M_SOF0 || marker == M_SOF1)
            status = parse_sof(&s, payload, payload_size);
        else if (marker >= M_SOF0 && marker <= 0xCF && marker != M_DHT && marker != M_DAC)
            status = OPENK4A_COLOR_UNSUPPORTED; /* progressive, lossless, arithmetic, JPG */
        else if (marker == M_DHT)
            status = parse_dht(&s, payload, payload_size);
        else if (marker == M_DQT)
            status = parse_dqt(&s, payload, payload_size);
        else if (marker == M_SOS)
            status = parse_sos(&s, payload, payload_size);
        else if (marker == M_DRI)
        {
            if (payload_size != 2)
                return OPENK4A_COLOR_CORRUPT;
            s.restart_interval = be16(payload);
        }
        else if (!(marker == M_DAC || marker == M_DNL || marker == M_COM || (marker >= M_APP0 && marker <= M_APP15)))
            status = OPENK4A_COLOR_CORRUPT; /* libjpeg rejects unknown markers */
        if (status != OPENK4A_COLOR_OK)
            return status;
    }
}
