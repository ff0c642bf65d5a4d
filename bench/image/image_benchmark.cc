// Images: openk4a vs GStreamer vs a bare malloc/refcount/free loop.
//
//   CreateFromBuffer/*  wrap a caller buffer (640x576 DEPTH16) and release it
//   Create1MiB/*        a 1 MiB DEPTH16 image from the pool, and release it
//   RefRelease/*        reference + release on one image, 1 and 2 threads
#include <gst/gst.h>
#include <k4a/k4a.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>

#include "benchmark/benchmark.h"

namespace {

constexpr int kWidth = 640, kHeight = 576;
constexpr size_t kDepthBytes = size_t{kWidth} * kHeight * 2;
alignas(64) uint8_t g_pixels[kDepthBytes];

void NoRelease(void*, void*) {}
void GstNoRelease(gpointer) {}

// ---- create_from_buffer + release ------------------------------------------

void BM_CreateFromBuffer_openk4a(benchmark::State& state) {
  for (auto _ : state) {
    k4a_image_t image;
    if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels,
                                     NoRelease, nullptr, &image) != K4A_RESULT_SUCCEEDED)
      std::abort();
    benchmark::DoNotOptimize(image);
    k4a_image_release(image);
  }
}
BENCHMARK(BM_CreateFromBuffer_openk4a);

void BM_CreateFromBuffer_gstreamer(benchmark::State& state) {
  for (auto _ : state) {
    GstBuffer* buffer = gst_buffer_new_wrapped_full(static_cast<GstMemoryFlags>(0), g_pixels, sizeof g_pixels, 0,
                                                    sizeof g_pixels, nullptr, GstNoRelease);
    benchmark::DoNotOptimize(buffer);
    gst_buffer_unref(buffer);
  }
}
BENCHMARK(BM_CreateFromBuffer_gstreamer);

// The same job with no validation, no recycling, no misuse checks: what a
// minimal hand-rolled image costs.
struct BareImage {
  std::atomic<uint32_t> refcount;
  int format, width, height, stride;
  uint8_t* buffer;
  size_t size;
  void (*release_cb)(void*, void*);
  void* release_context;
  uint64_t device_timestamp, system_timestamp, exposure;
  uint32_t white_balance, iso_speed;
};

void BM_CreateFromBuffer_bare_malloc(benchmark::State& state) {
  for (auto _ : state) {
    auto* image = static_cast<BareImage*>(std::malloc(sizeof(BareImage)));
    image->refcount.store(1, std::memory_order_relaxed);
    image->format = K4A_IMAGE_FORMAT_DEPTH16;
    image->width = kWidth;
    image->height = kHeight;
    image->stride = kWidth * 2;
    image->buffer = g_pixels;
    image->size = sizeof g_pixels;
    image->release_cb = NoRelease;
    image->release_context = nullptr;
    image->device_timestamp = image->system_timestamp = image->exposure = 0;
    image->white_balance = image->iso_speed = 0;
    benchmark::DoNotOptimize(image);
    if (image->refcount.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      image->release_cb(image->buffer, image->release_context);
      std::free(image);
    }
  }
}
BENCHMARK(BM_CreateFromBuffer_bare_malloc);

// ---- 1 MiB DEPTH16 from a pool ------------------------------------------------

void BM_Create1MiB_openk4a(benchmark::State& state) {
  for (auto _ : state) {
    k4a_image_t image;
    if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 512, 1024, 0, &image) != K4A_RESULT_SUCCEEDED) std::abort();
    benchmark::DoNotOptimize(k4a_image_get_buffer(image));
    k4a_image_release(image);
  }
}
BENCHMARK(BM_Create1MiB_openk4a);

void BM_Create1MiB_gstreamer_pool(benchmark::State& state) {
  GstBufferPool* pool = gst_buffer_pool_new();
  GstStructure* config = gst_buffer_pool_get_config(pool);
  gst_buffer_pool_config_set_params(config, nullptr, 1u << 20, 2, 0);
  if (!gst_buffer_pool_set_config(pool, config) || !gst_buffer_pool_set_active(pool, TRUE)) {
    state.SkipWithError("GstBufferPool setup failed");
    return;
  }
  for (auto _ : state) {
    GstBuffer* buffer = nullptr;
    if (gst_buffer_pool_acquire_buffer(pool, &buffer, nullptr) != GST_FLOW_OK) std::abort();
    benchmark::DoNotOptimize(buffer);
    gst_buffer_unref(buffer);  // returns it to the pool
  }
  gst_buffer_pool_set_active(pool, FALSE);
  gst_object_unref(pool);
}
BENCHMARK(BM_Create1MiB_gstreamer_pool);

// ---- reference + release on one image, 1 vs 2 threads ----------------------

k4a_image_t g_shared_image;

void BM_RefRelease_openk4a(benchmark::State& state) {
  if (state.thread_index() == 0) {
    if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels,
                                     NoRelease, nullptr, &g_shared_image) != K4A_RESULT_SUCCEEDED)
      std::abort();
  }
  for (auto _ : state) {
    k4a_image_reference(g_shared_image);
    k4a_image_release(g_shared_image);
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) k4a_image_release(g_shared_image);
}
BENCHMARK(BM_RefRelease_openk4a)->Threads(1)->Threads(2)->UseRealTime();

// The floor: the same two atomic operations on one shared counter.
std::atomic<uint32_t> g_counter{1};

void BM_RefRelease_bare_atomic(benchmark::State& state) {
  for (auto _ : state) {
    g_counter.fetch_add(1, std::memory_order_relaxed);
    g_counter.fetch_sub(1, std::memory_order_acq_rel);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RefRelease_bare_atomic)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  gst_init(&argc, &argv);
  // Library log output would distort timings; none is expected here.
  setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
