// Images as their tracks store them: checked against the track, copied
// without stride padding, depth and IR big-endian.
#include <k4a/k4a.h>

#include <cinttypes>
#include <cstring>
#include <vector>

#include <openk4a/k4a_strings.h>

#include "core/log.h"
#include "core/record/record_internal.h"
#include "core/record/recording_format.h"

namespace ok4a::record
{

namespace
{

// Bytes per row and rows of a raw image as its track stores them (no stride padding).
void RawLayout(const TrackSpec &track, k4a_image_format_t format, size_t *row, size_t *rows)
{
    *row = track.width * (format == K4A_IMAGE_FORMAT_COLOR_BGRA32 ? 4u :
                          format == K4A_IMAGE_FORMAT_COLOR_NV12   ? 1u :
                                                                    2u);
    *rows = format == K4A_IMAGE_FORMAT_COLOR_NV12 ? track.height * 3 / 2 : track.height;
}

} // namespace

size_t CheckImage(_k4a_record_t *record, k4a_image_t image, const TrackSpec &track, k4a_image_format_t format)
{
    if (k4a_image_get_format(image) != format || k4a_image_get_width_pixels(image) != static_cast<int>(track.width) ||
        k4a_image_get_height_pixels(image) != static_cast<int>(track.height))
    {
        OK4A_LOG_ERROR("k4a_record_write_capture: %s: %s image is %s %dx%d; the track is %s %" PRIu64 "x%" PRIu64,
                       record->path.c_str(), track.name.c_str(),
                       openk4a_image_format_to_string(k4a_image_get_format(image)), k4a_image_get_width_pixels(image),
                       k4a_image_get_height_pixels(image), openk4a_image_format_to_string(format), track.width,
                       track.height);
        return 0;
    }
    const size_t size = k4a_image_get_size(image);
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
    {
        if (size == 0 || k4a_image_get_buffer(image) == nullptr)
        {
            OK4A_LOG_ERROR("k4a_record_write_capture: %s: %s image is empty", record->path.c_str(), track.name.c_str());
            return 0;
        }
        return size;
    }
    size_t row = 0, rows = 0;
    RawLayout(track, format, &row, &rows);
    const size_t stride = static_cast<size_t>(k4a_image_get_stride_bytes(image));
    if (k4a_image_get_buffer(image) == nullptr || stride < row || size < stride * (rows - 1) + row)
    {
        OK4A_LOG_ERROR("k4a_record_write_capture: %s: %s image buffer is smaller than its geometry",
                       record->path.c_str(), track.name.c_str());
        return 0;
    }
    return row * rows;
}

std::vector<uint8_t> TrackBytes(k4a_image_t image, const TrackSpec &track)
{
    const k4a_image_format_t format = k4a_image_get_format(image);
    const uint8_t *data = k4a_image_get_buffer(image);
    if (format == K4A_IMAGE_FORMAT_COLOR_MJPG)
        return std::vector<uint8_t>(data, data + k4a_image_get_size(image));
    size_t row = 0, rows = 0;
    RawLayout(track, format, &row, &rows);
    const size_t stride = static_cast<size_t>(k4a_image_get_stride_bytes(image));
    std::vector<uint8_t> out(row * rows);
    const bool big_endian = format == K4A_IMAGE_FORMAT_DEPTH16 || format == K4A_IMAGE_FORMAT_IR16;
    for (size_t y = 0; y < rows; y++)
    {
        if (big_endian)
            ok4a::record::SwapBytes16(data + y * stride, out.data() + y * row, row);
        else
            std::memcpy(out.data() + y * row, data + y * stride, row);
    }
    return out;
}

} // namespace ok4a::record
