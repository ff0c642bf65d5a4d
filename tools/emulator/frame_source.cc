#include "tools/emulator/frame_source.h"

#include <stdio.h>
#include <string.h>
#include <turbojpeg.h>

#include <map>
#include <mutex>
#include <tuple>

#include "tools/emulator/recording_source.h"

namespace openk4a::emulator
{
namespace
{

bool ReadFile(const std::string &path, std::vector<uint8_t> *out)
{
    FILE *f = fopen(path.c_str(), "rb");
    if (f == nullptr)
        return false;
    out->clear();
    uint8_t chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        out->insert(out->end(), chunk, chunk + n);
    fclose(f);
    return !out->empty();
}

// The scene: a diagonal luma ramp that scrolls, a bright square crossing the
// picture, colour quadrants. Values in BT.601 video range.
inline uint8_t SceneY(int x, int y, int width, int height, uint64_t sequence)
{
    const int phase = static_cast<int>(sequence % kSceneCycle);
    const int square = height / 4;
    const int sx = (width - square) * phase / (kSceneCycle - 1 > 0 ? kSceneCycle - 1 : 1);
    const int sy = height / 2 - square / 2;
    if (x >= sx && x < sx + square && y >= sy && y < sy + square)
        return 235;
    return static_cast<uint8_t>(16 + ((x + y / 2 + phase * 32) & 127));
}
inline uint8_t SceneU(int x, int y, int width, int height)
{
    return (x < width / 2) ? (y < height / 2 ? 90 : 160) : (y < height / 2 ? 200 : 110);
}
inline uint8_t SceneV(int x, int y, int width, int height)
{
    return (y < height / 2) ? (x < width / 2 ? 170 : 100) : (x < width / 2 ? 80 : 150);
}

std::vector<uint8_t> RenderYuy2(int width, int height, uint64_t sequence)
{
    std::vector<uint8_t> out(static_cast<size_t>(width) * height * 2);
    uint8_t *p = out.data();
    for (int y = 0; y < height; y++)
    {
        for (int x = 0; x < width; x += 2)
        {
            *p++ = SceneY(x, y, width, height, sequence);
            *p++ = SceneU(x, y, width, height);
            *p++ = SceneY(x + 1, y, width, height, sequence);
            *p++ = SceneV(x, y, width, height);
        }
    }
    return out;
}

std::vector<uint8_t> RenderNv12(int width, int height, uint64_t sequence)
{
    std::vector<uint8_t> out(static_cast<size_t>(width) * height * 3 / 2);
    uint8_t *p = out.data();
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            *p++ = SceneY(x, y, width, height, sequence);
    for (int y = 0; y < height; y += 2)
    {
        for (int x = 0; x < width; x += 2)
        {
            *p++ = SceneU(x, y, width, height);
            *p++ = SceneV(x, y, width, height);
        }
    }
    return out;
}

// Depth in millimetres: a wall at 2.5 m sloping to 1.5 m, a box at 0.8 m
// crossing it, an invalid (0) border like the sensor's unlit corners.
std::vector<uint8_t> RenderDepth(int width, int height, uint64_t sequence, bool infrared)
{
    std::vector<uint8_t> out(static_cast<size_t>(width) * height * 2);
    const int phase = static_cast<int>(sequence % kSceneCycle);
    const int box = height / 4;
    const int bx = (width - box) * phase / (kSceneCycle - 1);
    const int by = height / 2 - box / 2;
    const int border = width / 32;
    uint8_t *p = out.data();
    for (int y = 0; y < height; y++)
    {
        for (int x = 0; x < width; x++)
        {
            uint16_t v;
            const bool inside_box = x >= bx && x < bx + box && y >= by && y < by + box;
            if (x < border || y < border || x >= width - border || y >= height - border)
            {
                v = 0;
            }
            else if (infrared)
            {
                v = static_cast<uint16_t>(inside_box ? 900 : 150 + (x * 200) / width);
            }
            else
            {
                v = static_cast<uint16_t>(inside_box ? 800 : 2500 - (x * 1000) / width);
            }
            *p++ = static_cast<uint8_t>(v);
            *p++ = static_cast<uint8_t>(v >> 8);
        }
    }
    return out;
}

// 2x2 binning of a 16-bit frame: mean of the valid (non-zero) pixels, as the
// sensor's binned modes report.
std::vector<uint8_t> Bin2x2(const std::vector<uint8_t> &in, int width, int height)
{
    const int ow = width / 2, oh = height / 2;
    std::vector<uint8_t> out(static_cast<size_t>(ow) * oh * 2);
    auto at = [&](int x, int y)
    {
        const size_t i = (static_cast<size_t>(y) * width + x) * 2;
        return static_cast<uint32_t>(in[i] | in[i + 1] << 8);
    };
    for (int y = 0; y < oh; y++)
    {
        for (int x = 0; x < ow; x++)
        {
            uint32_t sum = 0, n = 0;
            for (int dy = 0; dy < 2; dy++)
                for (int dx = 0; dx < 2; dx++)
                {
                    const uint32_t v = at(2 * x + dx, 2 * y + dy);
                    if (v != 0)
                        sum += v, n++;
                }
            const uint32_t v = n ? sum / n : 0;
            const size_t o = (static_cast<size_t>(y) * ow + x) * 2;
            out[o] = static_cast<uint8_t>(v);
            out[o + 1] = static_cast<uint8_t>(v >> 8);
        }
    }
    return out;
}

bool JpegSize(const std::vector<uint8_t> &jpeg, int *width, int *height)
{
    tjhandle handle = tjInitDecompress();
    if (handle == nullptr)
        return false;
    int subsamp = 0, colorspace = 0;
    const bool ok = tjDecompressHeader3(handle, jpeg.data(), jpeg.size(), width, height, &subsamp, &colorspace) == 0;
    tjDestroy(handle);
    return ok;
}

struct Cache
{
    std::mutex mutex;
    std::map<std::tuple<std::string, int, int, int, int>, FrameBytesPtr> frames;
};

Cache &GlobalCache()
{
    static Cache *cache = new Cache; // lives for the process (frames are shared)
    return *cache;
}

const char *const kRealJpegs[] = {"mjpeg/azure_kinect_720p_422.jpg", "mjpeg/azure_kinect_3072p_422.jpg"};
constexpr char kRealDepth[] = "frames/azure_kinect_nfov_640x576.depth16le";
constexpr char kRealIr[] = "frames/azure_kinect_nfov_640x576.ir16le";

} // namespace

std::vector<uint8_t> EncodeSceneJpeg(uint16_t width, uint16_t height, uint64_t sequence)
{
    const int w = width, h = height, cw = (w + 1) / 2;
    std::vector<uint8_t> y(static_cast<size_t>(w) * h), u(static_cast<size_t>(cw) * h), v(static_cast<size_t>(cw) * h);
    for (int row = 0; row < h; row++)
    {
        for (int x = 0; x < w; x++)
            y[static_cast<size_t>(row) * w + x] = SceneY(x, row, w, h, sequence);
        for (int x = 0; x < cw; x++)
        {
            u[static_cast<size_t>(row) * cw + x] = SceneU(2 * x, row, w, h);
            v[static_cast<size_t>(row) * cw + x] = SceneV(2 * x, row, w, h);
        }
    }
    const unsigned char *planes[3] = {y.data(), u.data(), v.data()};
    const int strides[3] = {w, cw, cw};
    tjhandle handle = tjInitCompress();
    std::vector<uint8_t> out;
    if (handle == nullptr)
        return out;
    unsigned char *jpeg = nullptr;
    unsigned long size = 0;
    if (tjCompressFromYUVPlanes(handle, planes, w, strides, h, TJSAMP_422, &jpeg, &size, 85, 0) == 0)
    {
        out.assign(jpeg, jpeg + size);
    }
    tjFree(jpeg);
    tjDestroy(handle);
    return out;
}

size_t FrameSource::RawSize(const FrameRequest &r)
{
    const size_t pixels = static_cast<size_t>(r.width) * r.height;
    switch (r.kind)
    {
    case PixelKind::kMjpeg:
        return 0;
    case PixelKind::kNv12:
        return pixels * 3 / 2;
    case PixelKind::kYuy2:
    case PixelKind::kZ16:
    case PixelKind::kY16:
        return pixels * 2;
    case PixelKind::kOther:
        return pixels * (r.bits_per_pixel ? r.bits_per_pixel : 16) / 8;
    }
    return 0;
}

bool FrameSource::IsReal(PixelKind kind, uint16_t width, uint16_t height) const
{
    if (testdata_dir_.empty())
        return false;
    // Decided once per folder, kind and size: it reads the files.
    static std::mutex mutex;
    static auto *known = new std::map<std::tuple<std::string, int, int, int>, bool>;
    const auto key = std::make_tuple(testdata_dir_, static_cast<int>(kind), width, height);
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = known->find(key);
        if (it != known->end())
            return it->second;
    }
    const bool real = ProbeReal(kind, width, height);
    std::lock_guard<std::mutex> lock(mutex);
    (*known)[key] = real;
    return real;
}

bool FrameSource::ProbeReal(PixelKind kind, uint16_t width, uint16_t height) const
{
    std::vector<uint8_t> bytes;
    if (kind == PixelKind::kMjpeg)
    {
        for (const char *name : kRealJpegs)
        {
            int w = 0, h = 0;
            if (ReadFile(testdata_dir_ + "/" + name, &bytes) && JpegSize(bytes, &w, &h) && w == width && h == height)
                return true;
        }
        return false;
    }
    if (kind == PixelKind::kZ16 || kind == PixelKind::kY16)
    {
        const bool size_ok = (width == 640 && height == 576) || (width == 320 && height == 288);
        return size_ok && ReadFile(testdata_dir_ + "/" + (kind == PixelKind::kZ16 ? kRealDepth : kRealIr), &bytes) &&
               bytes.size() == 640u * 576u * 2u;
    }
    return false;
}

FrameBytesPtr FrameSource::Get(const FrameRequest &r) const
{
    if (recording_ != nullptr)
    {
        if (FrameBytesPtr recorded = recording_->Get(r))
            return recorded;
    }
    const bool real = IsReal(r.kind, r.width, r.height);
    const int phase = real ? 0 : static_cast<int>(r.sequence % kSceneCycle);
    const auto key = std::make_tuple(real ? testdata_dir_ : std::string(),
                                     static_cast<int>(r.kind) * 256 + r.bits_per_pixel, r.width, r.height, phase);
    Cache &cache = GlobalCache();
    {
        std::lock_guard<std::mutex> lock(cache.mutex);
        auto it = cache.frames.find(key);
        if (it != cache.frames.end())
            return it->second;
    }
    // Made outside the lock: encoding a 4K frame takes a while.
    auto frame = std::make_shared<std::vector<uint8_t>>();
    std::vector<uint8_t> &out = *frame;
    switch (r.kind)
    {
    case PixelKind::kMjpeg:
        if (real)
        {
            for (const char *name : kRealJpegs)
            {
                int w = 0, h = 0;
                if (ReadFile(testdata_dir_ + "/" + name, &out) && JpegSize(out, &w, &h) && w == r.width &&
                    h == r.height)
                    break;
                out.clear();
            }
        }
        if (out.empty())
            out = EncodeSceneJpeg(r.width, r.height, r.sequence);
        break;
    case PixelKind::kYuy2:
        out = RenderYuy2(r.width, r.height, r.sequence);
        break;
    case PixelKind::kNv12:
        out = RenderNv12(r.width, r.height, r.sequence);
        break;
    case PixelKind::kZ16:
    case PixelKind::kY16:
        if (real)
        {
            ReadFile(testdata_dir_ + "/" + (r.kind == PixelKind::kZ16 ? kRealDepth : kRealIr), &out);
            if (r.width == 320)
                out = Bin2x2(out, 640, 576);
        }
        else
        {
            out = RenderDepth(r.width, r.height, r.sequence, r.kind == PixelKind::kY16);
        }
        break;
    case PixelKind::kOther:
        out.assign(RawSize(r), 0x80);
        for (size_t i = 0; i < out.size(); i += 7)
            out[i] = static_cast<uint8_t>(i / 7 + r.sequence);
        break;
    }
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto inserted = cache.frames.emplace(key, std::move(frame));
    return inserted.first->second;
}

} // namespace openk4a::emulator
