// Reads a PNG file with libpng, for checking the pictures k4a-stream writes.
#ifndef OPENK4A_TESTS_STREAM_PNG_READER_H_
#define OPENK4A_TESTS_STREAM_PNG_READER_H_

#include <stdint.h>

#include <string>
#include <vector>

namespace openk4a::testing
{

struct Png
{
    int width = 0;
    int height = 0;
    bool colour = false;      // the file stores colour (else grey)
    std::vector<uint8_t> rgb; // width * height * 3, converted from whatever the file stores
    const uint8_t *At(int x, int y) const
    {
        return &rgb[(static_cast<size_t>(y) * width + x) * 3];
    }
};

// False with `error` set when the file is missing or not a valid PNG.
bool ReadPng(const std::string &path, Png *png, std::string *error);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_STREAM_PNG_READER_H_
