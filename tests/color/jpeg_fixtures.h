// Test frames made here, not taken from anyone: a tiny baseline JPEG encoder
// whose 8x8 blocks are flat (DC only), so every decoded pixel is known, and
// whose stream layout can imitate real cameras (no JFIF header, DQT first,
// 4:2:2, restart markers, no Huffman tables, stray bytes before a marker).
#ifndef OPENK4A_TESTS_COLOR_JPEG_FIXTURES_H_
#define OPENK4A_TESTS_COLOR_JPEG_FIXTURES_H_

#include <array>
#include <cstdint>
#include <vector>

namespace openk4a::testing
{

enum class Sampling
{
    kGrey,
    k444,
    k422,
    k420
};

struct FrameSpec
{
    uint32_t width = 64;
    uint32_t height = 32;
    Sampling sampling = Sampling::k422;
    uint16_t restart_interval = 0; // MCUs per interval, 0 = no DRI/RST
    bool jfif_header = false;      // APP0 "JFIF" (Azure Kinect frames have none)
    bool avi1_header = false;      // APP0 "AVI1" as UVC webcams write
    bool huffman_tables = true;    // false: no DHT, decoder must use the standard ones
    uint32_t stray_bytes = 0;      // zero bytes after the first restart interval's data
    uint32_t seed = 0;             // varies the block colours
};

// Y, Cb, Cr of the flat luma block (bx, by) and of the chroma block that
// covers it, as the encoder wrote them.
std::array<uint8_t, 3> FixtureBlockYCbCr(const FrameSpec &spec, uint32_t bx, uint32_t by);

// The encoded frame.
std::vector<uint8_t> EncodeFixtureFrame(const FrameSpec &spec);

// JFIF full-range YCbCr -> B, G, R as libjpeg defines it (double precision).
std::array<double, 3> JfifToBgr(double y, double cb, double cr);

// A natural-looking frame (smooth gradients and texture) compressed by
// TurboJPEG itself, for content checks beyond flat blocks. subsamp: TJSAMP_*.
std::vector<uint8_t> CompressWithTurboJpeg(uint32_t width, uint32_t height, int subsamp, int quality);

// A lossless crop (tjTransform, x/y/w/h on whole MCUs) of a real frame: its
// tables and coefficients, smaller; empty when TurboJPEG refuses. A warning
// (e.g. a webcam frame's stray bytes) still gives the whole crop.
std::vector<uint8_t> CropLossless(const std::vector<uint8_t> &jpeg, int x, int y, int w, int h);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_COLOR_JPEG_FIXTURES_H_
