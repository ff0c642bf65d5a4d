// MJPG -> BGRA32, our path next to a bare TurboJPEG call in the same binary.
//
// Single frame (one thread, preallocated destination, handle reused):
//   Ours/<frame>/<mode>   openk4a_mjpeg_decoder_decode (structural scan, header
//                         cross-check, tjDecompress2 into the buffer)
//   Bare/<frame>/<mode>   tjDecompress2 alone
// Frames: the real Azure Kinect 720p and 3072p frames (shared testdata) and a
// 2160p frame cut losslessly (tjTransform) out of the 3072p one: real camera
// coefficients and tables, but without the restart markers a camera adds.
//
// Throughput of the whole pipeline at 2160p (real time, frames/s):
//   Pipeline2160p/workers:N   the k4a stream decoder: MJPG images in, BGRA32
//                             images from a buffer pool out, ordered callback
//   BareSingleThread2160p     tjDecompress2 in a loop on one thread
//
// NV12/YUY2 -> BGRA32 at 720p, ours next to libjpeg-turbo's tjDecodeYUVPlanes
// on planar 4:2:0 input (a different, full-range matrix; for scale only).
#include <turbojpeg.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/color/decode_pool.h"
#include "core/color/mjpeg_decoder.h"
#include "core/color/mjpeg_scan.h"
#include "core/color/yuv_convert.h"
#include "core/pool.h"
#include "openk4a/color.h"
#include "tests/color/jpeg_fixtures.h"
#include "tests/testing/testdata.h"

namespace
{

struct Frame
{
    std::string name;
    std::vector<uint8_t> jpeg;
    int width = 0, height = 0;
};

std::vector<Frame> &Frames()
{
    static std::vector<Frame> frames;
    return frames;
}

bool Dimensions(Frame *f)
{
    tjhandle h = tjInitDecompress();
    int subsamp = 0, colorspace = 0;
    const bool ok =
        tjDecompressHeader3(h, f->jpeg.data(), f->jpeg.size(), &f->width, &f->height, &subsamp, &colorspace) == 0;
    tjDestroy(h);
    return ok;
}

int Flags(openk4a_color_mode_t mode)
{
    return mode == OPENK4A_COLOR_MODE_FAST ? TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE : TJFLAG_ACCURATEDCT;
}

void Ours(benchmark::State &state, const Frame *f, openk4a_color_mode_t mode)
{
    std::vector<uint8_t> dst(static_cast<size_t>(f->width) * f->height * 4);
    openk4a_mjpeg_decoder_t *decoder = openk4a_mjpeg_decoder_create();
    for (auto _ : state)
    {
        const openk4a_color_status_t s =
            openk4a_mjpeg_decoder_decode(decoder, f->jpeg.data(), f->jpeg.size(), dst.data(), dst.size(), f->width,
                                         f->height, 4 * f->width, mode, nullptr);
        if (s != OPENK4A_COLOR_OK)
            state.SkipWithError(openk4a_color_status_str(s));
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    openk4a_mjpeg_decoder_destroy(decoder);
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(f->jpeg.size()));
}

void Bare(benchmark::State &state, const Frame *f, openk4a_color_mode_t mode)
{
    std::vector<uint8_t> dst(static_cast<size_t>(f->width) * f->height * 4);
    tjhandle h = tjInitDecompress();
    for (auto _ : state)
    {
        if (tjDecompress2(h, f->jpeg.data(), f->jpeg.size(), dst.data(), f->width, 0, f->height, TJPF_BGRA,
                          Flags(mode)) != 0)
            state.SkipWithError(tjGetErrorStr2(h));
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    tjDestroy(h);
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(f->jpeg.size()));
}

// Where our extra time goes: the structural scan and the header cross-check.
void ScanOnly(benchmark::State &state, const Frame *f)
{
    openk4a_mjpeg_info_t info;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(openk4a_mjpeg_scan(f->jpeg.data(), f->jpeg.size(), &info));
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(f->jpeg.size()));
}

void HeaderOnly(benchmark::State &state, const Frame *f)
{
    tjhandle h = tjInitDecompress();
    int w, hh, subsamp, colorspace;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(
            tjDecompressHeader3(h, f->jpeg.data(), f->jpeg.size(), &w, &hh, &subsamp, &colorspace));
    }
    tjDestroy(h);
    state.SetItemsProcessed(state.iterations());
}

// ---- Whole pipeline: k4a images in, pooled BGRA32 images out ----

struct Sink
{
    std::atomic<uint64_t> ok{0};
    std::atomic<uint64_t> bad{0};
    static void OnFrame(void *context, void *, k4a_image_t, k4a_image_t, openk4a_color_status_t status)
    {
        auto *self = static_cast<Sink *>(context);
        (status == OPENK4A_COLOR_OK ? self->ok : self->bad)++;
    }
};

void Pipeline(benchmark::State &state, const Frame *f)
{
    const uint32_t workers = static_cast<uint32_t>(state.range(0));
    constexpr int kFramesPerIteration = 48;
    ok4a_pool_config_t pool_config = {};
    pool_config.name = "bench-bgra";
    pool_config.buffer_size = static_cast<size_t>(f->width) * f->height * 4;
    pool_config.max_buffers = 4 * workers + 2;
    pool_config.preallocate = pool_config.max_buffers;
    ok4a_pool_t *pool = ok4a_pool_create(&pool_config);
    if (pool != nullptr)
    {
        // Steady state: a streaming app reuses buffers whose pages are mapped.
        std::vector<uint8_t *> warm;
        while (uint8_t *b = ok4a_pool_acquire(pool))
        {
            memset(b, 0, pool_config.buffer_size);
            warm.push_back(b);
        }
        for (uint8_t *b : warm)
            ok4a_pool_release(b, pool);
    }
    Sink sink;
    openk4a_color_decoder_config_t config = OPENK4A_COLOR_DECODER_CONFIG_INIT;
    config.worker_count = workers;
    config.queue_capacity = 2 * workers;
    config.callback = Sink::OnFrame;
    config.callback_context = &sink;
    openk4a_color_decoder_t decoder = nullptr;
    if (pool == nullptr || K4A_FAILED(openk4a_color_decoder_create(&config, &decoder)))
    {
        state.SkipWithError("setup failed");
        return;
    }
    std::vector<uint8_t> jpeg = f->jpeg;
    for (auto _ : state)
    {
        for (int i = 0; i < kFramesPerIteration; i++)
        {
            // As the USB layer would: the frame bytes in an MJPG image, a pooled destination.
            k4a_image_t source = nullptr, destination = nullptr;
            k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, f->width, f->height, 0, jpeg.data(), jpeg.size(),
                                         nullptr, nullptr, &source);
            uint8_t *buffer = ok4a_pool_acquire(pool);
            if (buffer == nullptr || K4A_FAILED(k4a_image_create_from_buffer(
                                         K4A_IMAGE_FORMAT_COLOR_BGRA32, f->width, f->height, 0, buffer,
                                         pool_config.buffer_size, ok4a_pool_release, pool, &destination)))
            {
                state.SkipWithError("destination pool ran dry");
                break;
            }
            openk4a_color_decoder_submit(decoder, source, destination, nullptr, K4A_WAIT_INFINITE);
            k4a_image_release(source);
            k4a_image_release(destination);
        }
        openk4a_color_decoder_flush(decoder, K4A_WAIT_INFINITE);
    }
    openk4a_color_decoder_destroy(decoder);
    ok4a_pool_destroy(pool);
    if (sink.bad.load() != 0)
        state.SkipWithError("frames dropped");
    state.SetItemsProcessed(state.iterations() * kFramesPerIteration);
    state.counters["fps"] =
        benchmark::Counter(static_cast<double>(state.iterations() * kFramesPerIteration), benchmark::Counter::kIsRate);
}

void BareSingleThread(benchmark::State &state, const Frame *f)
{
    constexpr int kFramesPerIteration = 48;
    std::vector<uint8_t> dst(static_cast<size_t>(f->width) * f->height * 4);
    tjhandle h = tjInitDecompress();
    for (auto _ : state)
    {
        for (int i = 0; i < kFramesPerIteration; i++)
        {
            tjDecompress2(h, f->jpeg.data(), f->jpeg.size(), dst.data(), f->width, 0, f->height, TJPF_BGRA,
                          Flags(OPENK4A_COLOR_MODE_FAST));
            benchmark::DoNotOptimize(dst.data());
        }
    }
    tjDestroy(h);
    state.SetItemsProcessed(state.iterations() * kFramesPerIteration);
    state.counters["fps"] =
        benchmark::Counter(static_cast<double>(state.iterations() * kFramesPerIteration), benchmark::Counter::kIsRate);
}

// ---- NV12 / YUY2 at 720p ----

constexpr uint32_t kW = 1280, kH = 720;

void Nv12(benchmark::State &state)
{
    std::vector<uint8_t> src(kW * kH * 3 / 2), dst(kW * kH * 4);
    for (size_t i = 0; i < src.size(); i++)
        src[i] = static_cast<uint8_t>(i * 131 + 7);
    for (auto _ : state)
    {
        openk4a_nv12_to_bgra32(src.data(), src.size(), kW, kW, kH, dst.data(), dst.size(), 4 * kW);
        benchmark::DoNotOptimize(dst.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dst.size()));
}

void Yuy2(benchmark::State &state)
{
    std::vector<uint8_t> src(kW * kH * 2), dst(kW * kH * 4);
    for (size_t i = 0; i < src.size(); i++)
        src[i] = static_cast<uint8_t>(i * 131 + 7);
    for (auto _ : state)
    {
        openk4a_yuy2_to_bgra32(src.data(), src.size(), 2 * kW, kW, kH, dst.data(), dst.size(), 4 * kW);
        benchmark::DoNotOptimize(dst.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dst.size()));
}

void TurboI420(benchmark::State &state)
{
    std::vector<uint8_t> y(kW * kH), u(kW * kH / 4), v(kW * kH / 4), dst(kW * kH * 4);
    for (size_t i = 0; i < y.size(); i++)
        y[i] = static_cast<uint8_t>(i * 131 + 7);
    for (size_t i = 0; i < u.size(); i++)
        u[i] = v[i] = static_cast<uint8_t>(i * 17);
    const unsigned char *planes[3] = {y.data(), u.data(), v.data()};
    const int strides[3] = {static_cast<int>(kW), static_cast<int>(kW / 2), static_cast<int>(kW / 2)};
    tjhandle h = tjInitDecompress();
    for (auto _ : state)
    {
        tjDecodeYUVPlanes(h, planes, strides, TJSAMP_420, dst.data(), kW, 0, kH, TJPF_BGRA, 0);
        benchmark::DoNotOptimize(dst.data());
    }
    tjDestroy(h);
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dst.size()));
}

} // namespace

int main(int argc, char **argv)
{
    struct Source
    {
        const char *name;
        const char *file;
    };
    for (const Source &s :
         {Source{"720p", "mjpeg/azure_kinect_720p_422.jpg"}, Source{"3072p", "mjpeg/azure_kinect_3072p_422.jpg"}})
    {
        auto bytes = openk4a::testing::ReadTestdata(s.file);
        if (!bytes)
        {
            std::fprintf(stderr, "shared testdata absent (%s): MJPG benchmarks skipped\n", s.file);
            continue;
        }
        Frame f{s.name, *bytes};
        if (Dimensions(&f))
            Frames().push_back(std::move(f));
    }
    for (const Frame &f : Frames())
    {
        if (f.name != "3072p")
            continue;
        // 3840x2160 out of 4096x3072, on MCU (16x8) boundaries.
        Frame uhd{"2160p", openk4a::testing::CropLossless(f.jpeg, 128, 456, 3840, 2160)};
        if (!uhd.jpeg.empty() && Dimensions(&uhd))
        {
            Frames().push_back(std::move(uhd));
            break;
        }
    }
    for (const Frame &f : Frames())
    {
        for (openk4a_color_mode_t mode : {OPENK4A_COLOR_MODE_FAST, OPENK4A_COLOR_MODE_ACCURATE})
        {
            const std::string suffix = f.name + (mode == OPENK4A_COLOR_MODE_FAST ? "/fast" : "/accurate");
            benchmark::RegisterBenchmark(("Ours/" + suffix).c_str(), Ours, &f, mode)->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark(("Bare/" + suffix).c_str(), Bare, &f, mode)->Unit(benchmark::kMillisecond);
        }
        benchmark::RegisterBenchmark(("ScanOnly/" + f.name).c_str(), ScanOnly, &f)->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("HeaderOnly/" + f.name).c_str(), HeaderOnly, &f)->Unit(benchmark::kMicrosecond);
    }
    for (const Frame &f : Frames())
    {
        if (f.name != "2160p")
            continue;
        // Process CPU time (all threads) next to real time: on a shared machine the
        // CPU column shows the cost per frame even when other load steals cores.
        benchmark::RegisterBenchmark("BareSingleThread2160p", BareSingleThread, &f)
            ->Unit(benchmark::kMillisecond)
            ->MeasureProcessCPUTime()
            ->UseRealTime();
        const int cpus = static_cast<int>(openk4a_decode_pool_default_workers());
        auto *b = benchmark::RegisterBenchmark("Pipeline2160p", Pipeline, &f)->ArgName("workers");
        for (int n = 1; n <= cpus && n <= 8; n *= 2)
            b->Arg(n);
        if (cpus > 1 && (cpus & (cpus - 1)) != 0)
            b->Arg(cpus);
        b->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
    }
    benchmark::RegisterBenchmark("Nv12ToBgra32/720p", Nv12)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("Yuy2ToBgra32/720p", Yuy2)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("TurboDecodeYUVPlanesI420/720p", TurboI420)->Unit(benchmark::kMicrosecond);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
