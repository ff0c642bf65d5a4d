#include "tests/color/jpeg_fixtures.h"

#include <turbojpeg.h>

#include <cmath>
#include <cstdlib>
#include <string>

namespace openk4a::testing
{
namespace
{

// ITU T.81 Annex K.3: code counts per length (1..16) of the standard DC tables;
// symbols are the categories 0..11 in order.
constexpr uint8_t kLumaDcBits[16] = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
constexpr uint8_t kChromaDcBits[16] = {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};

struct Code
{
    uint32_t bits = 0;
    int length = 0;
};

// Canonical Huffman codes for symbols 0..11 from a BITS list (T.81 C.2).
std::array<Code, 12> DcCodes(const uint8_t (&bits)[16])
{
    std::array<Code, 12> codes{};
    uint32_t code = 0;
    int symbol = 0;
    for (int length = 1; length <= 16; length++)
    {
        for (int i = 0; i < bits[length - 1]; i++)
            codes[symbol++] = {code++, length};
        code <<= 1;
    }
    return codes;
}

class BitWriter
{
public:
    explicit BitWriter(std::vector<uint8_t> *out) : out_(out) {}
    void Put(uint32_t bits, int length)
    {
        for (int i = length - 1; i >= 0; i--)
        {
            acc_ = static_cast<uint8_t>((acc_ << 1) | ((bits >> i) & 1));
            if (++count_ == 8)
                Emit();
        }
    }
    // Pads the last byte with 1-bits (T.81 F.1.2.3).
    void Flush()
    {
        while (count_ != 0)
            Put(1, 1);
    }

private:
    void Emit()
    {
        out_->push_back(acc_);
        if (acc_ == 0xFF)
            out_->push_back(0x00); // byte stuffing
        acc_ = 0;
        count_ = 0;
    }
    std::vector<uint8_t> *out_;
    uint8_t acc_ = 0;
    int count_ = 0;
};

void Segment(std::vector<uint8_t> *out, uint8_t marker, const std::vector<uint8_t> &payload)
{
    out->push_back(0xFF);
    out->push_back(marker);
    const size_t length = payload.size() + 2;
    out->push_back(static_cast<uint8_t>(length >> 8));
    out->push_back(static_cast<uint8_t>(length));
    out->insert(out->end(), payload.begin(), payload.end());
}

void DcTable(std::vector<uint8_t> *payload, uint8_t id, const uint8_t (&bits)[16])
{
    payload->push_back(id); // class 0 (DC)
    payload->insert(payload->end(), bits, bits + 16);
    for (uint8_t s = 0; s < 12; s++)
        payload->push_back(s);
}

int Category(int value)
{
    int magnitude = std::abs(value), category = 0;
    while (magnitude)
    {
        category++;
        magnitude >>= 1;
    }
    return category;
}

struct Geometry
{
    int components;
    int h[3], v[3];
    int h_max, v_max;
};

Geometry GeometryOf(Sampling s)
{
    switch (s)
    {
    case Sampling::kGrey:
        return {1, {1, 0, 0}, {1, 0, 0}, 1, 1};
    case Sampling::k444:
        return {3, {1, 1, 1}, {1, 1, 1}, 1, 1};
    case Sampling::k422:
        return {3, {2, 1, 1}, {1, 1, 1}, 2, 1};
    case Sampling::k420:
        return {3, {2, 1, 1}, {2, 1, 1}, 2, 2};
    }
    std::abort();
}

} // namespace

std::array<uint8_t, 3> FixtureBlockYCbCr(const FrameSpec &spec, uint32_t bx, uint32_t by)
{
    const Geometry g = GeometryOf(spec.sampling);
    const uint32_t cx = bx / g.h_max, cy = by / g.v_max; // chroma block
    const uint32_t s = spec.seed;
    return {static_cast<uint8_t>(16 + (bx * 7 + by * 13 + s * 5) % 220),
            static_cast<uint8_t>(64 + (cx * 11 + cy * 3 + s) % 128),
            static_cast<uint8_t>(64 + (cx * 5 + cy * 17 + s * 3) % 128)};
}

std::vector<uint8_t> EncodeFixtureFrame(const FrameSpec &spec)
{
    const Geometry g = GeometryOf(spec.sampling);
    std::vector<uint8_t> out = {0xFF, 0xD8};
    std::vector<uint8_t> dqt;
    for (uint8_t table = 0; table < 2; table++)
    {
        dqt.push_back(table);
        dqt.insert(dqt.end(), 64, 1); // q = 1: the DC value is exact
    }
    if (spec.jfif_header)
        Segment(&out, 0xE0, {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
    if (spec.avi1_header)
        Segment(&out, 0xE0, {'A', 'V', 'I', '1', 0, 0, 0, 0, 0, 0, 0, 0});
    Segment(&out, 0xDB, dqt);
    std::vector<uint8_t> sof = {8,
                                static_cast<uint8_t>(spec.height >> 8),
                                static_cast<uint8_t>(spec.height),
                                static_cast<uint8_t>(spec.width >> 8),
                                static_cast<uint8_t>(spec.width),
                                static_cast<uint8_t>(g.components)};
    for (int c = 0; c < g.components; c++)
    {
        sof.push_back(static_cast<uint8_t>(c + 1));
        sof.push_back(static_cast<uint8_t>(g.h[c] << 4 | g.v[c]));
        sof.push_back(c == 0 ? 0 : 1);
    }
    Segment(&out, 0xC0, sof);
    // With our own tables the AC table holds only EOB as a 1-bit code; without
    // them the standard AC tables apply (EOB = 1010 for luma, 00 for chroma).
    Code eob[2] = {{0b1010, 4}, {0b00, 2}};
    if (spec.huffman_tables)
    {
        std::vector<uint8_t> dht;
        DcTable(&dht, 0x00, kLumaDcBits);
        DcTable(&dht, 0x01, kChromaDcBits);
        for (uint8_t id : {0x10, 0x11})
        {
            dht.push_back(id);
            dht.push_back(1); // one code of length 1
            dht.insert(dht.end(), 15, 0);
            dht.push_back(0x00); // EOB
        }
        Segment(&out, 0xC4, dht);
        eob[0] = eob[1] = {0, 1};
    }
    Segment(&out, 0xFE, {'o', 'p', 'e', 'n', 'k', '4', 'a'});
    if (spec.restart_interval)
    {
        Segment(&out, 0xDD,
                {static_cast<uint8_t>(spec.restart_interval >> 8), static_cast<uint8_t>(spec.restart_interval)});
    }
    std::vector<uint8_t> sos = {static_cast<uint8_t>(g.components)};
    for (int c = 0; c < g.components; c++)
    {
        sos.push_back(static_cast<uint8_t>(c + 1));
        sos.push_back(c == 0 ? 0x00 : 0x11);
    }
    sos.insert(sos.end(), {0, 63, 0});
    Segment(&out, 0xDA, sos);

    const std::array<Code, 12> dc_codes[2] = {DcCodes(kLumaDcBits), DcCodes(kChromaDcBits)};
    BitWriter writer(&out);
    int predictor[3] = {0, 0, 0};
    auto block = [&](int component, uint8_t value)
    {
        const int table = component == 0 ? 0 : 1;
        const int dc = 8 * (static_cast<int>(value) - 128); // FDCT of a flat block
        const int diff = dc - predictor[component];
        predictor[component] = dc;
        const int category = Category(diff);
        writer.Put(dc_codes[table][category].bits, dc_codes[table][category].length);
        if (category)
            writer.Put(static_cast<uint32_t>(diff < 0 ? diff - 1 : diff) & ((1u << category) - 1), category);
        writer.Put(eob[table].bits, eob[table].length);
    };

    const uint32_t blocks_x = (spec.width + 7) / 8, blocks_y = (spec.height + 7) / 8;
    uint32_t mcus_x, mcus_y;
    if (g.components == 1)
    {
        mcus_x = blocks_x;
        mcus_y = blocks_y;
    }
    else
    {
        mcus_x = (spec.width + 8 * g.h_max - 1) / (8 * g.h_max);
        mcus_y = (spec.height + 8 * g.v_max - 1) / (8 * g.v_max);
    }
    const uint32_t total = mcus_x * mcus_y;
    uint32_t restarts = 0;
    for (uint32_t m = 0; m < total; m++)
    {
        if (spec.restart_interval && m > 0 && m % spec.restart_interval == 0)
        {
            writer.Flush();
            if (restarts == 0)
                out.insert(out.end(), spec.stray_bytes, 0x00);
            out.push_back(0xFF);
            out.push_back(static_cast<uint8_t>(0xD0 + restarts++ % 8));
            predictor[0] = predictor[1] = predictor[2] = 0;
        }
        const uint32_t mx = m % mcus_x, my = m / mcus_x;
        if (g.components == 1)
        {
            block(0, FixtureBlockYCbCr(spec, mx, my)[0]);
            continue;
        }
        for (int dy = 0; dy < g.v_max; dy++)
            for (int dx = 0; dx < g.h_max; dx++)
                block(0, FixtureBlockYCbCr(spec, mx * g.h_max + dx, my * g.v_max + dy)[0]);
        const auto chroma = FixtureBlockYCbCr(spec, mx * g.h_max, my * g.v_max);
        block(1, chroma[1]);
        block(2, chroma[2]);
    }
    writer.Flush();
    if (spec.restart_interval == 0 || total <= spec.restart_interval)
        out.insert(out.end(), spec.stray_bytes, 0x00);
    out.push_back(0xFF);
    out.push_back(0xD9);
    return out;
}

std::array<double, 3> JfifToBgr(double y, double cb, double cr)
{
    return {y + 1.772 * (cb - 128), y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128), y + 1.402 * (cr - 128)};
}

std::vector<uint8_t> CompressWithTurboJpeg(uint32_t width, uint32_t height, int subsamp, int quality)
{
    std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3);
    for (uint32_t y = 0; y < height; y++)
        for (uint32_t x = 0; x < width; x++)
        {
            uint8_t *p = &rgb[(static_cast<size_t>(y) * width + x) * 3];
            const double fx = static_cast<double>(x) / width, fy = static_cast<double>(y) / height;
            p[0] = static_cast<uint8_t>(255 * fx);
            p[1] = static_cast<uint8_t>(127.5 + 127.5 * std::sin(12 * fx + 7 * fy));
            p[2] = static_cast<uint8_t>(((x / 4 + y / 4) % 2) ? 220 : 40);
        }
    tjhandle handle = tjInitCompress();
    unsigned char *jpeg = nullptr;
    unsigned long size = 0;
    std::vector<uint8_t> out;
    if (handle != nullptr && tjCompress2(handle, rgb.data(), static_cast<int>(width), 0, static_cast<int>(height),
                                         TJPF_RGB, &jpeg, &size, subsamp, quality, 0) == 0)
    {
        out.assign(jpeg, jpeg + size);
    }
    tjFree(jpeg);
    if (handle != nullptr)
        tjDestroy(handle);
    return out;
}

std::vector<uint8_t> CropLossless(const std::vector<uint8_t> &jpeg, int x, int y, int w, int h)
{
    tjhandle handle = tjInitTransform();
    if (handle == nullptr)
        return {};
    tjtransform transform = {};
    transform.r = {x, y, w, h};
    transform.op = TJXOP_NONE;
    transform.options = TJXOPT_CROP;
    unsigned char *out = nullptr;
    unsigned long size = 0;
    std::vector<uint8_t> result;
    const int rc = tjTransform(handle, jpeg.data(), jpeg.size(), 1, &out, &size, &transform, 0);
    if ((rc == 0 || tjGetErrorCode(handle) == TJERR_WARNING) && out != nullptr)
        result.assign(out, out + size);
    tjFree(out);
    tjDestroy(handle);
    return result;
}

} // namespace openk4a::testing
