#include "tests/stream/png_reader.h"

#include <png.h>
#include <string.h>

namespace openk4a::testing
{

bool ReadPng(const std::string &path, Png *png, std::string *error)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str()))
    {
        *error = path + ": " + image.message;
        return false;
    }
    png->width = static_cast<int>(image.width);
    png->height = static_cast<int>(image.height);
    png->colour = (image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    image.format = PNG_FORMAT_RGB;
    png->rgb.assign(PNG_IMAGE_SIZE(image), 0);
    if (!png_image_finish_read(&image, nullptr, png->rgb.data(), 0, nullptr))
    {
        *error = path + ": " + image.message;
        png_image_free(&image);
        return false;
    }
    return true;
}

} // namespace openk4a::testing
