// openk4a::Image / Capture vs the C calls doing the same job (same sizes,
// same allocations), so "_cxx / _c" is the layer's overhead:
//
//   Create/*            k4a_image_create (pooled DEPTH16 640x576) + release
//   FromRawBuffer/*     wrap a caller buffer with a C callback + release
//   FromUniquePtr/*     new uint8_t[] handed to the image, delete[] on release
//   FromVector/*        a std::vector moved into the image (C: a heap vector as context)
//   Clone/*             one more reference + drop it
//   CaptureRoundTrip/*  wrap a frame, hand it to a new capture, get it back, drop all
#include <k4a/k4a.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "openk4a/cxx/capture.h"
#include "openk4a/cxx/image.h"

namespace
{

using openk4a::Capture;
using openk4a::Image;

constexpr int kWidth = 640, kHeight = 576;
constexpr size_t kDepthBytes = size_t{kWidth} * kHeight * 2;
alignas(64) uint8_t g_pixels[kDepthBytes];
// Small owned buffers keep malloc from dominating the owner benchmarks.
constexpr int kSmall = 64;
constexpr size_t kSmallBytes = size_t{kSmall} * kSmall * 2;

void NoRelease(void *, void *) {}

// ---- k4a_image_create ---------------------------------------------------------

void BM_Create_c(benchmark::State &state)
{
    for (auto _ : state)
    {
        k4a_image_t image;
        if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, &image) != K4A_RESULT_SUCCEEDED)
            std::abort();
        benchmark::DoNotOptimize(k4a_image_get_buffer(image));
        k4a_image_release(image);
    }
}
BENCHMARK(BM_Create_c);

void BM_Create_cxx(benchmark::State &state)
{
    for (auto _ : state)
    {
        absl::StatusOr<Image> image = Image::Create(K4A_IMAGE_FORMAT_DEPTH16, {kWidth, kHeight});
        if (!image.ok())
            std::abort();
        benchmark::DoNotOptimize(k4a_image_get_buffer(image->get()));
    }
}
BENCHMARK(BM_Create_cxx);

// ---- create_from_buffer with a C callback -------------------------------------

void BM_FromRawBuffer_c(benchmark::State &state)
{
    for (auto _ : state)
    {
        k4a_image_t image;
        if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels,
                                         NoRelease, nullptr, &image) != K4A_RESULT_SUCCEEDED)
            std::abort();
        benchmark::DoNotOptimize(image);
        k4a_image_release(image);
    }
}
BENCHMARK(BM_FromRawBuffer_c);

void BM_FromRawBuffer_cxx(benchmark::State &state)
{
    for (auto _ : state)
    {
        absl::StatusOr<Image> image = Image::FromRawBuffer(K4A_IMAGE_FORMAT_DEPTH16, {kWidth, kHeight},
                                                           absl::MakeSpan(g_pixels), NoRelease, nullptr);
        if (!image.ok())
            std::abort();
        benchmark::DoNotOptimize(image->get());
    }
}
BENCHMARK(BM_FromRawBuffer_cxx);

// ---- an owned new[] buffer ------------------------------------------------------

void DeleteArray(void *buffer, void *)
{
    delete[] static_cast<uint8_t *>(buffer);
}

void BM_FromUniquePtr_c(benchmark::State &state)
{
    for (auto _ : state)
    {
        uint8_t *bytes = new uint8_t[kSmallBytes];
        k4a_image_t image;
        if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kSmall, kSmall, 0, bytes, kSmallBytes, DeleteArray,
                                         nullptr, &image) != K4A_RESULT_SUCCEEDED)
            std::abort();
        benchmark::DoNotOptimize(image);
        k4a_image_release(image);
    }
}
BENCHMARK(BM_FromUniquePtr_c);

void BM_FromUniquePtr_cxx(benchmark::State &state)
{
    for (auto _ : state)
    {
        std::unique_ptr<uint8_t[]> bytes(new uint8_t[kSmallBytes]);
        absl::StatusOr<Image> image =
            Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {kSmall, kSmall}, std::move(bytes), kSmallBytes);
        if (!image.ok())
            std::abort();
        benchmark::DoNotOptimize(image->get());
    }
}
BENCHMARK(BM_FromUniquePtr_cxx);

// ---- a std::vector as the owner ---------------------------------------------------

void DeleteVector(void *, void *vector)
{
    delete static_cast<std::vector<uint8_t> *>(vector);
}

void BM_FromVector_c(benchmark::State &state)
{
    for (auto _ : state)
    {
        auto *vector = new std::vector<uint8_t>(kSmallBytes);
        k4a_image_t image;
        if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kSmall, kSmall, 0, vector->data(), vector->size(),
                                         DeleteVector, vector, &image) != K4A_RESULT_SUCCEEDED)
            std::abort();
        benchmark::DoNotOptimize(image);
        k4a_image_release(image);
    }
}
BENCHMARK(BM_FromVector_c);

void BM_FromVector_cxx(benchmark::State &state)
{
    for (auto _ : state)
    {
        absl::StatusOr<Image> image =
            Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {kSmall, kSmall}, std::vector<uint8_t>(kSmallBytes));
        if (!image.ok())
            std::abort();
        benchmark::DoNotOptimize(image->get());
    }
}
BENCHMARK(BM_FromVector_cxx);

// ---- one more reference ----------------------------------------------------------

void BM_Clone_c(benchmark::State &state)
{
    k4a_image_t image;
    if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels, NoRelease,
                                     nullptr, &image) != K4A_RESULT_SUCCEEDED)
        std::abort();
    for (auto _ : state)
    {
        k4a_image_reference(image);
        benchmark::DoNotOptimize(image);
        k4a_image_release(image);
    }
    k4a_image_release(image);
}
BENCHMARK(BM_Clone_c);

void BM_Clone_cxx(benchmark::State &state)
{
    absl::StatusOr<Image> image =
        Image::FromRawBuffer(K4A_IMAGE_FORMAT_DEPTH16, {kWidth, kHeight}, absl::MakeSpan(g_pixels), NoRelease, nullptr);
    if (!image.ok())
        std::abort();
    for (auto _ : state)
    {
        Image clone = image->Clone();
        benchmark::DoNotOptimize(clone.get());
    }
}
BENCHMARK(BM_Clone_cxx);

// ---- a capture: wrap a frame, hand it to a new capture, read it back -------------

void BM_CaptureRoundTrip_c(benchmark::State &state)
{
    for (auto _ : state)
    {
        k4a_image_t image;
        if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels,
                                         NoRelease, nullptr, &image) != K4A_RESULT_SUCCEEDED)
            std::abort();
        k4a_capture_t capture;
        if (k4a_capture_create(&capture) != K4A_RESULT_SUCCEEDED)
            std::abort();
        k4a_capture_set_depth_image(capture, image);
        k4a_image_release(image); // the capture holds it now
        k4a_image_t depth = k4a_capture_get_depth_image(capture);
        if (depth == nullptr)
            std::abort();
        benchmark::DoNotOptimize(depth);
        k4a_image_release(depth);
        k4a_capture_release(capture);
    }
}
BENCHMARK(BM_CaptureRoundTrip_c);

void BM_CaptureRoundTrip_cxx(benchmark::State &state)
{
    for (auto _ : state)
    {
        absl::StatusOr<Image> image = Image::FromRawBuffer(K4A_IMAGE_FORMAT_DEPTH16, {kWidth, kHeight},
                                                           absl::MakeSpan(g_pixels), NoRelease, nullptr);
        if (!image.ok())
            std::abort();
        absl::StatusOr<Capture> capture = Capture::Create();
        if (!capture.ok())
            std::abort();
        capture->set_depth_image(*std::move(image));
        std::optional<Image> depth = capture->depth_image();
        if (!depth.has_value())
            std::abort();
        benchmark::DoNotOptimize(depth->get());
    }
}
BENCHMARK(BM_CaptureRoundTrip_cxx);

} // namespace

int main(int argc, char **argv)
{
    // Library log output would distort timings; none is expected here.
    setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
