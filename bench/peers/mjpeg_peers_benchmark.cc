// MJPG -> colour pixels: openk4a next to what a user would otherwise call,
// on the same real camera frames, in one binary.
//
//   BM_MjpegDecode_openk4a_new/<frame>    openk4a_image_decode_to_bgra32: a new
//                                         BGRA32 k4a image per frame (released)
//   BM_MjpegDecode_openk4a_into/<frame>   openk4a_image_decode_into_bgra32 into
//                                         one preallocated BGRA32 image
//   BM_MjpegDecode_tjDecompress2/<frame>  a bare tjDecompress2 to BGRA, handle
//                                         and destination reused
//   BM_MjpegDecode_cv_imdecode/<frame>    cv::imdecode(IMREAD_COLOR): a new BGR
//                                         Mat per frame (what OpenCV users call)
//   BM_MjpegDecode_cv_imdecode_bgra/<frame>  the same plus cv::cvtColor to BGRA
//                                         into a reused Mat: the k4a output
//
// All decode with the accurate settings (islow DCT, smooth upsampling), which
// is what OpenCV's libjpeg path uses, so every row does the same work; the
// setup checks that they produce the same pixels. OpenCV runs on one thread
// (cv::setNumThreads(1)), like the others. Frames: the real Azure Kinect 720p
// and 3072p frames of the shared testdata (bench/color measures the same
// ones); without them the binary has no benchmarks and says so.
#include <turbojpeg.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "benchmark/benchmark.h"
#include "openk4a/color.h"
#include "tests/testing/testdata.h"

namespace
{

struct Frame
{
    std::string name;
    std::vector<uint8_t> jpeg;
    int width = 0;
    int height = 0;
};

constexpr openk4a_color_mode_t kMode = OPENK4A_COLOR_MODE_ACCURATE;
constexpr int kTurboFlags = TJFLAG_ACCURATEDCT;

// A decompressor's result: 0, or a warning after which the frame is still
// fully decoded.
bool TurboOk(tjhandle handle, int result)
{
    return result == 0 || tjGetErrorCode(handle) == TJERR_WARNING;
}

k4a_image_t MjpegImage(const Frame &frame)
{
    k4a_image_t image = nullptr;
    if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_COLOR_MJPG, frame.width, frame.height, 0,
                                     const_cast<uint8_t *>(frame.jpeg.data()), frame.jpeg.size(), nullptr, nullptr,
                                     &image) != K4A_RESULT_SUCCEEDED)
        return nullptr;
    return image;
}

void SetCounters(benchmark::State &state, const Frame &frame)
{
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(frame.jpeg.size()));
}

void BM_MjpegDecode_openk4a_new(benchmark::State &state, const Frame *frame)
{
    k4a_image_t source = MjpegImage(*frame);
    for (auto _ : state)
    {
        k4a_image_t bgra = nullptr;
        openk4a_color_status_t status;
        if (openk4a_image_decode_to_bgra32(source, kMode, &bgra, &status) != K4A_RESULT_SUCCEEDED)
        {
            state.SkipWithError(openk4a_color_status_str(status));
            break;
        }
        benchmark::DoNotOptimize(k4a_image_get_buffer(bgra));
        k4a_image_release(bgra);
    }
    k4a_image_release(source);
    SetCounters(state, *frame);
}

void BM_MjpegDecode_openk4a_into(benchmark::State &state, const Frame *frame)
{
    k4a_image_t source = MjpegImage(*frame);
    k4a_image_t bgra = nullptr;
    if (k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, frame->width, frame->height, 0, &bgra) != K4A_RESULT_SUCCEEDED)
    {
        state.SkipWithError("k4a_image_create failed");
        k4a_image_release(source);
        return;
    }
    for (auto _ : state)
    {
        openk4a_color_status_t status;
        if (openk4a_image_decode_into_bgra32(source, bgra, kMode, &status) != K4A_RESULT_SUCCEEDED)
        {
            state.SkipWithError(openk4a_color_status_str(status));
            break;
        }
        benchmark::DoNotOptimize(k4a_image_get_buffer(bgra));
        benchmark::ClobberMemory();
    }
    k4a_image_release(bgra);
    k4a_image_release(source);
    SetCounters(state, *frame);
}

void BM_MjpegDecode_tjDecompress2(benchmark::State &state, const Frame *frame)
{
    std::vector<uint8_t> bgra(static_cast<size_t>(frame->width) * frame->height * 4);
    tjhandle handle = tjInitDecompress();
    for (auto _ : state)
    {
        if (!TurboOk(handle, tjDecompress2(handle, frame->jpeg.data(), frame->jpeg.size(), bgra.data(), frame->width, 0,
                                           frame->height, TJPF_BGRA, kTurboFlags)))
        {
            state.SkipWithError(tjGetErrorStr2(handle));
            break;
        }
        benchmark::DoNotOptimize(bgra.data());
        benchmark::ClobberMemory();
    }
    tjDestroy(handle);
    SetCounters(state, *frame);
}

void BM_MjpegDecode_cv_imdecode(benchmark::State &state, const Frame *frame)
{
    const cv::Mat encoded(1, static_cast<int>(frame->jpeg.size()), CV_8UC1, const_cast<uint8_t *>(frame->jpeg.data()));
    for (auto _ : state)
    {
        cv::Mat bgr = cv::imdecode(encoded, cv::IMREAD_COLOR);
        if (bgr.empty())
        {
            state.SkipWithError("cv::imdecode failed");
            break;
        }
        benchmark::DoNotOptimize(bgr.data);
    }
    SetCounters(state, *frame);
}

void BM_MjpegDecode_cv_imdecode_bgra(benchmark::State &state, const Frame *frame)
{
    const cv::Mat encoded(1, static_cast<int>(frame->jpeg.size()), CV_8UC1, const_cast<uint8_t *>(frame->jpeg.data()));
    cv::Mat bgra;
    for (auto _ : state)
    {
        cv::Mat bgr = cv::imdecode(encoded, cv::IMREAD_COLOR);
        if (bgr.empty())
        {
            state.SkipWithError("cv::imdecode failed");
            break;
        }
        cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
        benchmark::DoNotOptimize(bgra.data);
    }
    SetCounters(state, *frame);
}

// Every contender must produce the same pixels, or the rows would not compare
// the same work. Returns false (with a message) when one does not.
bool SameOutput(const Frame &frame)
{
    const size_t pixels = static_cast<size_t>(frame.width) * frame.height;
    std::vector<uint8_t> turbo(pixels * 4);
    tjhandle handle = tjInitDecompress();
    const bool turbo_ok = TurboOk(handle, tjDecompress2(handle, frame.jpeg.data(), frame.jpeg.size(), turbo.data(),
                                                        frame.width, 0, frame.height, TJPF_BGRA, kTurboFlags));
    tjDestroy(handle);
    if (!turbo_ok)
    {
        std::fprintf(stderr, "%s: tjDecompress2 cannot decode it\n", frame.name.c_str());
        return false;
    }

    k4a_image_t source = MjpegImage(frame);
    k4a_image_t ours = nullptr;
    const bool ours_ok = source != nullptr &&
                         openk4a_image_decode_to_bgra32(source, kMode, &ours, nullptr) == K4A_RESULT_SUCCEEDED &&
                         k4a_image_get_size(ours) == turbo.size() &&
                         std::memcmp(k4a_image_get_buffer(ours), turbo.data(), turbo.size()) == 0;
    k4a_image_release(ours);
    k4a_image_release(source);
    if (!ours_ok)
    {
        std::fprintf(stderr, "%s: openk4a's BGRA32 differs from tjDecompress2's\n", frame.name.c_str());
        return false;
    }

    const cv::Mat encoded(1, static_cast<int>(frame.jpeg.size()), CV_8UC1, const_cast<uint8_t *>(frame.jpeg.data()));
    const cv::Mat bgr = cv::imdecode(encoded, cv::IMREAD_COLOR);
    if (bgr.empty() || bgr.cols != frame.width || bgr.rows != frame.height)
    {
        std::fprintf(stderr, "%s: cv::imdecode cannot decode it\n", frame.name.c_str());
        return false;
    }
    size_t differing = 0;
    for (int y = 0; y < bgr.rows; y++)
    {
        const uint8_t *row = bgr.ptr<uint8_t>(y);
        for (int x = 0; x < bgr.cols; x++)
        {
            const uint8_t *want = &turbo[(static_cast<size_t>(y) * frame.width + x) * 4];
            differing += std::memcmp(row + 3 * x, want, 3) != 0;
        }
    }
    if (differing != 0)
    {
        std::fprintf(stderr, "%s: cv::imdecode differs from tjDecompress2 in %zu of %zu pixels\n", frame.name.c_str(),
                     differing, pixels);
        return false;
    }
    return true;
}

std::vector<Frame> *LoadFrames()
{
    static const struct
    {
        const char *name;
        const char *path;
    } kFrames[] = {
        {"azure_kinect_720p", "mjpeg/azure_kinect_720p_422.jpg"},
        {"azure_kinect_3072p", "mjpeg/azure_kinect_3072p_422.jpg"},
    };
    auto *frames = new std::vector<Frame>(); // lives as long as the benchmarks
    for (const auto &spec : kFrames)
    {
        auto bytes = openk4a::testing::ReadTestdata(spec.path);
        if (!bytes)
        {
            std::fprintf(stderr, "shared testdata absent: %s (benchmarks on it skipped)\n", spec.path);
            continue;
        }
        Frame frame;
        frame.name = spec.name;
        frame.jpeg = std::move(*bytes);
        tjhandle handle = tjInitDecompress();
        int subsamp = 0, colorspace = 0;
        const bool ok = tjDecompressHeader3(handle, frame.jpeg.data(), frame.jpeg.size(), &frame.width, &frame.height,
                                            &subsamp, &colorspace) == 0;
        tjDestroy(handle);
        if (!ok)
        {
            std::fprintf(stderr, "%s: unreadable JPEG header\n", spec.path);
            std::exit(1);
        }
        frames->push_back(std::move(frame));
    }
    return frames;
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    cv::setNumThreads(1);
    std::vector<Frame> *frames = LoadFrames();
    for (const Frame &frame : *frames)
    {
        if (!SameOutput(frame))
            return 1;
        const std::string suffix = "/" + frame.name;
        // Process CPU time: anything a library does on helper threads counts.
        for (auto *bm : {
                 benchmark::RegisterBenchmark(("BM_MjpegDecode_openk4a_new" + suffix).c_str(),
                                              BM_MjpegDecode_openk4a_new, &frame),
                 benchmark::RegisterBenchmark(("BM_MjpegDecode_openk4a_into" + suffix).c_str(),
                                              BM_MjpegDecode_openk4a_into, &frame),
                 benchmark::RegisterBenchmark(("BM_MjpegDecode_tjDecompress2" + suffix).c_str(),
                                              BM_MjpegDecode_tjDecompress2, &frame),
                 benchmark::RegisterBenchmark(("BM_MjpegDecode_cv_imdecode" + suffix).c_str(),
                                              BM_MjpegDecode_cv_imdecode, &frame),
                 benchmark::RegisterBenchmark(("BM_MjpegDecode_cv_imdecode_bgra" + suffix).c_str(),
                                              BM_MjpegDecode_cv_imdecode_bgra, &frame),
             })
            bm->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
    }
    if (frames->empty())
        std::fprintf(stderr, "no frames: nothing to measure\n");
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
