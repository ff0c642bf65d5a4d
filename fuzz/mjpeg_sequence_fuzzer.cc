// A stream of good and bad MJPG frames through ONE decoder instance, as a
// decode worker sees them. Shadow model: every intact good frame must decode,
// whatever came before it, to exactly the pixels a fresh decoder produces;
// every truncated one must be dropped; an accepted mutated frame must match a
// fresh decode of the same bytes.
//
// Input: records of [op][a][b][len][len bytes] (len < 256):
//   op % 5 == 0  intact good frame a % N
//   op % 5 == 1  the record's bytes as a frame
//   op % 5 == 2  good frame a % N cut to (a, b) * size / 65536 bytes
//   op % 5 == 3  good frame a % N with the record's bytes written at offset b * size / 256
//   op % 5 == 4  good frame a % N with `len` bytes removed at offset b * size / 256
//   op & 0x80    accurate mode (else fast)
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/color/mjpeg_decoder.h"
#include "core/color/mjpeg_scan.h"
#include "fuzz/harness.h"
#include "tests/color/jpeg_fixtures.h"

namespace
{

using openk4a::testing::EncodeFixtureFrame;
using openk4a::testing::FrameSpec;
using openk4a::testing::Sampling;

constexpr uint64_t kMaxPixels = 1u << 16;

struct Good
{
    std::vector<uint8_t> jpeg;
    uint32_t width, height;
    std::vector<uint8_t> pixels[2]; // fast, accurate; from a fresh decoder
};

struct Decoded
{
    openk4a_color_status_t status;
    std::vector<uint8_t> pixels;
};

Decoded DecodeWith(openk4a_mjpeg_decoder_t *decoder, const std::vector<uint8_t> &frame, uint32_t w, uint32_t h,
                   openk4a_color_mode_t mode)
{
    // Exact-size copies of input and output: over-reads and over-writes trip ASan.
    std::vector<uint8_t> input(frame);
    Decoded d{OPENK4A_COLOR_OK, std::vector<uint8_t>(static_cast<size_t>(w) * h * 4)};
    d.status = openk4a_mjpeg_decoder_decode(decoder, input.empty() ? nullptr : input.data(), input.size(),
                                            d.pixels.data(), d.pixels.size(), w, h, 4 * w, mode, nullptr);
    return d;
}

Decoded DecodeFresh(const std::vector<uint8_t> &frame, uint32_t w, uint32_t h, openk4a_color_mode_t mode)
{
    openk4a_mjpeg_decoder_t *fresh = openk4a_mjpeg_decoder_create();
    Decoded d = DecodeWith(fresh, frame, w, h, mode);
    openk4a_mjpeg_decoder_destroy(fresh);
    return d;
}

const std::vector<Good> &GoodFrames()
{
    static const std::vector<Good> frames = []
    {
        std::vector<FrameSpec> specs(4);
        specs[0].width = 64; // Azure Kinect shaped: 4:2:2, restart markers, no JFIF
        specs[0].height = 32;
        specs[0].restart_interval = 2;
        specs[1].width = 48; // webcam shaped: no Huffman tables, AVI1, stray bytes
        specs[1].height = 16;
        specs[1].huffman_tables = false;
        specs[1].avi1_header = true;
        specs[1].restart_interval = 1;
        specs[1].stray_bytes = 6;
        specs[2].width = 40; // grey, JFIF
        specs[2].height = 24;
        specs[2].sampling = Sampling::kGrey;
        specs[2].jfif_header = true;
        specs[3].width = 32; // 4:2:0
        specs[3].height = 32;
        specs[3].sampling = Sampling::k420;
        specs[3].seed = 9;
        std::vector<Good> out;
        for (const FrameSpec &spec : specs)
        {
            Good g{EncodeFixtureFrame(spec), spec.width, spec.height, {}};
            for (int m = 0; m < 2; m++)
            {
                Decoded d = DecodeFresh(g.jpeg, g.width, g.height, static_cast<openk4a_color_mode_t>(m));
                CHECK(d.status == OPENK4A_COLOR_OK);
                g.pixels[m] = std::move(d.pixels);
            }
            out.push_back(std::move(g));
        }
        return out;
    }();
    return frames;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    const std::vector<Good> &good = GoodFrames();
    openk4a_mjpeg_decoder_t *decoder = openk4a_mjpeg_decoder_create();
    size_t pos = 0;
    while (size - pos >= 4)
    {
        const uint8_t op = data[pos], a = data[pos + 1], b = data[pos + 2];
        const size_t len = std::min<size_t>(data[pos + 3], size - pos - 4);
        const std::vector<uint8_t> bytes(data + pos + 4, data + pos + 4 + len);
        pos += 4 + len;
        const openk4a_color_mode_t mode = (op & 0x80) ? OPENK4A_COLOR_MODE_ACCURATE : OPENK4A_COLOR_MODE_FAST;
        const Good &g = good[a % good.size()];
        std::vector<uint8_t> frame = g.jpeg;
        uint32_t w = g.width, h = g.height;
        switch ((op & 0x7F) % 5)
        {
        case 0:
        {
            const Decoded d = DecodeWith(decoder, frame, w, h, mode);
            CHECK(d.status == OPENK4A_COLOR_OK && d.pixels == g.pixels[mode]); // else it did not recover
            continue;
        }
        case 1:
        {
            frame = bytes;
            openk4a_mjpeg_info_t info;
            if (openk4a_mjpeg_scan(frame.data(), frame.size(), &info) == OPENK4A_COLOR_OK &&
                static_cast<uint64_t>(info.width) * info.height <= kMaxPixels)
            {
                w = info.width;
                h = info.height;
            }
            break;
        }
        case 2:
        {
            frame.resize((static_cast<size_t>(a) << 8 | b) * frame.size() / 65536);
            CHECK(DecodeWith(decoder, frame, w, h, mode).status != OPENK4A_COLOR_OK); // else a cut frame got through
            continue;
        }
        case 3:
        {
            const size_t at = b * frame.size() / 256;
            for (size_t i = 0; i < bytes.size() && at + i < frame.size(); i++)
                frame[at + i] = bytes[i];
            break;
        }
        case 4:
        {
            const size_t at = b * frame.size() / 256;
            frame.erase(frame.begin() + at, frame.begin() + std::min(frame.size(), at + len));
            break;
        }
        }
        const Decoded d = DecodeWith(decoder, frame, w, h, mode);
        if (d.status == OPENK4A_COLOR_OK)
        {
            const Decoded fresh = DecodeFresh(frame, w, h, mode);
            CHECK(fresh.status == OPENK4A_COLOR_OK && fresh.pixels == d.pixels); // else history leaked in
        }
    }
    openk4a_mjpeg_decoder_destroy(decoder);
    return 0;
}
