// Images: openk4a vs GStreamer vs a bare malloc/refcount/free loop.
//
//   CreateFromBuffer/*  wrap a caller buffer (640x576 DEPTH16) and release it
//   Create1MiB/*        a 1 MiB DEPTH16 image from the pool, and release it
//   RefRelease/*        reference + release on one image, 1 and 2 threads
//   CrossThread*/*      made on one thread, released on another (the driver's
//                       USB thread and the user's), 1 MiB pooled and wrapped
#include <gst/gst.h>
#include <k4a/k4a.h>

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

#include "benchmark/benchmark.h"

namespace
{

constexpr int kWidth = 640, kHeight = 576;
constexpr size_t kDepthBytes = size_t{kWidth} * kHeight * 2;
alignas(64) uint8_t g_pixels[kDepthBytes];

void NoRelease(void *, void *) {}
void GstNoRelease(gpointer) {}

// ---- create_from_buffer + release ------------------------------------------

void BM_CreateFromBuffer_openk4a(benchmark::State &state)
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
BENCHMARK(BM_CreateFromBuffer_openk4a);

void BM_CreateFromBuffer_gstreamer(benchmark::State &state)
{
    for (auto _ : state)
    {
        GstBuffer *buffer = gst_buffer_new_wrapped_full(static_cast<GstMemoryFlags>(0), g_pixels, sizeof g_pixels, 0,
                                                        sizeof g_pixels, nullptr, GstNoRelease);
        benchmark::DoNotOptimize(buffer);
        gst_buffer_unref(buffer);
    }
}
BENCHMARK(BM_CreateFromBuffer_gstreamer);

// The same job with no validation, no recycling, no misuse checks: what a
// minimal hand-rolled image costs.
struct BareImage
{
    std::atomic<uint32_t> refcount;
    int format, width, height, stride;
    uint8_t *buffer;
    size_t size;
    void (*release_cb)(void *, void *);
    void *release_context;
    uint64_t device_timestamp, system_timestamp, exposure;
    uint32_t white_balance, iso_speed;
};

// A bare image over `buffer`, made as a hand-rolled one would be.
inline BareImage *NewBareImage(uint8_t *buffer, size_t size, void (*release_cb)(void *, void *))
{
    auto *image = static_cast<BareImage *>(std::malloc(sizeof(BareImage)));
    image->refcount.store(1, std::memory_order_relaxed);
    image->format = K4A_IMAGE_FORMAT_DEPTH16;
    image->width = kWidth;
    image->height = kHeight;
    image->stride = kWidth * 2;
    image->buffer = buffer;
    image->size = size;
    image->release_cb = release_cb;
    image->release_context = nullptr;
    image->device_timestamp = image->system_timestamp = image->exposure = 0;
    image->white_balance = image->iso_speed = 0;
    return image;
}

inline void DropBareImage(BareImage *image)
{
    if (image->refcount.fetch_sub(1, std::memory_order_acq_rel) == 1)
    {
        image->release_cb(image->buffer, image->release_context);
        std::free(image);
    }
}

void BM_CreateFromBuffer_bare_malloc(benchmark::State &state)
{
    for (auto _ : state)
    {
        BareImage *image = NewBareImage(g_pixels, sizeof g_pixels, NoRelease);
        benchmark::DoNotOptimize(image);
        DropBareImage(image);
    }
}
BENCHMARK(BM_CreateFromBuffer_bare_malloc);

// ---- 1 MiB DEPTH16 from a pool ------------------------------------------------

void BM_Create1MiB_openk4a(benchmark::State &state)
{
    for (auto _ : state)
    {
        k4a_image_t image;
        if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 512, 1024, 0, &image) != K4A_RESULT_SUCCEEDED)
            std::abort();
        benchmark::DoNotOptimize(k4a_image_get_buffer(image));
        k4a_image_release(image);
    }
}
BENCHMARK(BM_Create1MiB_openk4a);

void BM_Create1MiB_gstreamer_pool(benchmark::State &state)
{
    GstBufferPool *pool = gst_buffer_pool_new();
    GstStructure *config = gst_buffer_pool_get_config(pool);
    gst_buffer_pool_config_set_params(config, nullptr, 1u << 20, 2, 0);
    if (!gst_buffer_pool_set_config(pool, config) || !gst_buffer_pool_set_active(pool, TRUE))
    {
        state.SkipWithError("GstBufferPool setup failed");
        return;
    }
    for (auto _ : state)
    {
        GstBuffer *buffer = nullptr;
        if (gst_buffer_pool_acquire_buffer(pool, &buffer, nullptr) != GST_FLOW_OK)
            std::abort();
        benchmark::DoNotOptimize(buffer);
        gst_buffer_unref(buffer); // returns it to the pool
    }
    gst_buffer_pool_set_active(pool, FALSE);
    gst_object_unref(pool);
}
BENCHMARK(BM_Create1MiB_gstreamer_pool);

// ---- reference + release on one image, 1 vs 2 threads ----------------------

k4a_image_t g_shared_image;

void BM_RefRelease_openk4a(benchmark::State &state)
{
    if (state.thread_index() == 0)
    {
        if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels,
                                         NoRelease, nullptr, &g_shared_image) != K4A_RESULT_SUCCEEDED)
            std::abort();
    }
    for (auto _ : state)
    {
        k4a_image_reference(g_shared_image);
        k4a_image_release(g_shared_image);
    }
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0)
        k4a_image_release(g_shared_image);
}
BENCHMARK(BM_RefRelease_openk4a)->Threads(1)->Threads(2)->UseRealTime();

// The floor: the same two atomic operations on one shared counter.
std::atomic<uint32_t> g_counter{1};

void BM_RefRelease_bare_atomic(benchmark::State &state)
{
    for (auto _ : state)
    {
        g_counter.fetch_add(1, std::memory_order_relaxed);
        g_counter.fetch_sub(1, std::memory_order_acq_rel);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RefRelease_bare_atomic)->Threads(1)->Threads(2)->UseRealTime();

// ---- made on one thread, released on another ---------------------------------
//
// The benchmark thread makes a batch of objects, a second thread releases
// them, turn by turn: every object is freed on a thread other than the one
// that made it, as the driver's USB thread and the user's do. Only the two
// phases are timed, the making here and the releasing there; the hand-over
// between them is not, so the figure is the objects' own cost across threads,
// with the same rig for every contender:
//  - each side works on a private copy of the batch's pointers (copied to and
//    from the shared hand-over array outside the timed phases): what crosses
//    cores inside a phase is what the objects themselves touch, not the queue;
//  - a batch counts only when its two phases ran on different CPUs (up to
//    kTriesToCross batches are made and released for each one that counts):
//    one the scheduler ran on a single CPU crosses nothing and is cheap, and
//    how often that happens depends on the machine's load, not on the
//    contender. Pinning the threads instead stalls every hand-over while
//    another job holds one of the CPUs. same_cpu: batches left out per batch;
//  - the waiting side spins (pause), then yields: no wake-up is timed;
//  - each phase is short (a few us), so other jobs on the machine rarely land
//    in one.
// The floors (BM_CrossThreadFloor_*) run the same rig with no library and no
// allocation: what the rig itself costs, and one cache line crossing each way
// per object, the least any recycled object handed between threads can cost.

// Objects per batch: 1 MiB frames as many as a stream queues (8); small
// wrapped images more, so the timing calls stay a small part of a batch.
constexpr int kFrameBatch = 8;
constexpr int kWrapBatch = 256;
constexpr int kTriesToCross = 64;

class CrossThreadRig
{
public:
    using Release = void (*)(void *);

    explicit CrossThreadRig(Release release) : release_(release), releaser_([this] { Run(); }) {}
    ~CrossThreadRig()
    {
        turn_.store(kStop, std::memory_order_release);
        releaser_.join();
    }

    // Releases `batch` on the other thread; returns the seconds it took there.
    double ReleaseElsewhere(void *const *batch, int count, int *released_on_cpu)
    {
        std::copy(batch, batch + count, handed_over_);
        count_ = count;
        turn_.store(kRelease, std::memory_order_release);
        WaitWhile(kRelease);
        *released_on_cpu = released_on_cpu_;
        return released_seconds_;
    }

private:
    enum Turn
    {
        kMake,
        kRelease,
        kStop
    };

    // Until turn_ is not `busy`; returns what it is.
    int WaitWhile(int busy)
    {
        int turn;
        for (int spins = 0; (turn = turn_.load(std::memory_order_acquire)) == busy; ++spins)
        {
            if (spins < 256)
            {
                __builtin_ia32_pause();
            }
            else
            {
                std::this_thread::yield(); // the other side may not be running
            }
        }
        return turn;
    }

    void Run()
    {
        void *mine[kWrapBatch];
        while (WaitWhile(kMake) != kStop)
        {
            const int count = count_;
            std::copy(handed_over_, handed_over_ + count, mine);
            released_on_cpu_ = sched_getcpu();
            const auto start = std::chrono::steady_clock::now();
            for (int i = 0; i < count; ++i)
                release_(mine[i]);
            released_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            turn_.store(kMake, std::memory_order_release);
        }
    }

    Release release_;
    int count_ = 0;
    double released_seconds_ = 0;
    int released_on_cpu_ = -1;
    alignas(64) void *handed_over_[kWrapBatch];
    alignas(64) std::atomic<int> turn_{kMake};
    std::thread releaser_;
};

double Median(std::vector<float> &values)
{
    if (values.empty())
        return 0;
    auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

// One iteration = `count` objects made here by make() and released on the
// other thread by release(). Per object: ns_per_object (mean, = the manual
// time / count), median_ns_per_object (the median batch: a batch another job
// interrupted does not count), make_ns and release_ns (medians of the phases).
template <typename Make>
void CrossThread(benchmark::State &state, int count, Make make, CrossThreadRig::Release release)
{
    if (count > kWrapBatch)
        std::abort();
    CrossThreadRig rig(release);
    void *batch[kWrapBatch];
    std::vector<float> made_ns, released_ns; // per object, batch by batch
    made_ns.reserve(static_cast<size_t>(state.max_iterations));
    released_ns.reserve(static_cast<size_t>(state.max_iterations));
    double seconds_total = 0;
    int64_t same_cpu = 0;
    for (auto _ : state)
    {
        double made, released;
        for (int tries = 1;; ++tries)
        {
            const int made_on_cpu = sched_getcpu();
            const auto start = std::chrono::steady_clock::now();
            for (int i = 0; i < count; ++i)
                batch[i] = make();
            made = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            int released_on_cpu;
            released = rig.ReleaseElsewhere(batch, count, &released_on_cpu);
            if (made_on_cpu != released_on_cpu || tries == kTriesToCross)
                break;
            ++same_cpu;
        }
        state.SetIterationTime(made + released);
        seconds_total += made + released;
        made_ns.push_back(static_cast<float>(made * 1e9 / count));
        released_ns.push_back(static_cast<float>(released * 1e9 / count));
    }
    std::vector<float> total_ns(made_ns.size());
    std::transform(made_ns.begin(), made_ns.end(), released_ns.begin(), total_ns.begin(), std::plus<float>());
    state.SetItemsProcessed(state.iterations() * count);
    state.counters["ns_per_object"] = seconds_total * 1e9 / (static_cast<double>(state.iterations()) * count);
    state.counters["median_ns_per_object"] = Median(total_ns);
    state.counters["make_ns"] = Median(made_ns);
    state.counters["release_ns"] = Median(released_ns);
    state.counters["same_cpu"] = static_cast<double>(same_cpu) / static_cast<double>(state.iterations());
}

// The floors: no library, no allocation, the same rig. A slot per object,
// reused every batch as a pool reuses its objects.
//   rig:  the pointer alone crosses (nothing written or read in the slot): the
//         rig's own cost, the timing calls and the batch's pointers crossing.
//   line: written here (refcount and payload, as a create fills its object),
//         read and written there (as a release reads and drops it): one cache
//         line crossing cores each way per object, the least any recycled
//         object handed to another thread and back costs.
struct alignas(64) FloorSlot
{
    std::atomic<uint32_t> refcount;
    void *payload;
};
FloorSlot g_floor_slots[kWrapBatch];

void BM_CrossThreadFloor_rig(benchmark::State &state)
{
    const int count = static_cast<int>(state.range(0));
    int next = 0;
    CrossThread(
        state, count,
        [&next, count]
        {
            FloorSlot *slot = &g_floor_slots[next];
            next = next + 1 == count ? 0 : next + 1;
            return static_cast<void *>(slot);
        },
        [](void *slot) { benchmark::DoNotOptimize(slot); });
}
BENCHMARK(BM_CrossThreadFloor_rig)->Arg(kFrameBatch)->Arg(kWrapBatch)->UseManualTime();

void BM_CrossThreadFloor_line(benchmark::State &state)
{
    const int count = static_cast<int>(state.range(0));
    int next = 0;
    CrossThread(
        state, count,
        [&next, count]
        {
            FloorSlot *slot = &g_floor_slots[next];
            next = next + 1 == count ? 0 : next + 1;
            slot->payload = g_pixels;
            slot->refcount.store(1, std::memory_order_release);
            return static_cast<void *>(slot);
        },
        [](void *object)
        {
            auto *slot = static_cast<FloorSlot *>(object);
            if (slot->refcount.load(std::memory_order_acquire) != 1 || slot->payload != g_pixels)
                std::abort();
            slot->refcount.store(0, std::memory_order_relaxed);
        });
}
BENCHMARK(BM_CrossThreadFloor_line)->Arg(kFrameBatch)->Arg(kWrapBatch)->UseManualTime();

void BM_CrossThread1MiB_openk4a(benchmark::State &state)
{
    CrossThread(
        state, kFrameBatch,
        []
        {
            k4a_image_t image;
            if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 512, 1024, 0, &image) != K4A_RESULT_SUCCEEDED)
                std::abort();
            benchmark::DoNotOptimize(k4a_image_get_buffer(image));
            return static_cast<void *>(image);
        },
        [](void *image) { k4a_image_release(static_cast<k4a_image_t>(image)); });
}
BENCHMARK(BM_CrossThread1MiB_openk4a)->UseManualTime();

// The floor: a bare image header and its 1 MiB buffer from malloc, freed by
// the other thread.
void FreeBuffer(void *buffer, void *)
{
    std::free(buffer);
}

void BM_CrossThread1MiB_bare_malloc(benchmark::State &state)
{
    CrossThread(
        state, kFrameBatch,
        []
        {
            auto *buffer = static_cast<uint8_t *>(std::malloc(1u << 20));
            if (buffer == nullptr)
                std::abort();
            benchmark::DoNotOptimize(buffer);
            return static_cast<void *>(NewBareImage(buffer, 1u << 20, FreeBuffer));
        },
        [](void *image) { DropBareImage(static_cast<BareImage *>(image)); });
}
BENCHMARK(BM_CrossThread1MiB_bare_malloc)->UseManualTime();

GstBufferPool *g_cross_pool;

void BM_CrossThread1MiB_gstreamer_pool(benchmark::State &state)
{
    {
        g_cross_pool = gst_buffer_pool_new();
        GstStructure *config = gst_buffer_pool_get_config(g_cross_pool);
        // A batch in flight at a time; the pool grows to it (no maximum), as openk4a's does.
        gst_buffer_pool_config_set_params(config, nullptr, 1u << 20, 2, 0);
        if (!gst_buffer_pool_set_config(g_cross_pool, config) || !gst_buffer_pool_set_active(g_cross_pool, TRUE))
        {
            std::abort();
        }
    }
    CrossThread(
        state, kFrameBatch,
        []
        {
            GstBuffer *buffer = nullptr;
            if (gst_buffer_pool_acquire_buffer(g_cross_pool, &buffer, nullptr) != GST_FLOW_OK)
                std::abort();
            benchmark::DoNotOptimize(buffer);
            return static_cast<void *>(buffer);
        },
        [](void *buffer) { gst_buffer_unref(static_cast<GstBuffer *>(buffer)); }); // back to the pool
    {
        gst_buffer_pool_set_active(g_cross_pool, FALSE);
        gst_object_unref(g_cross_pool);
    }
}
BENCHMARK(BM_CrossThread1MiB_gstreamer_pool)->UseManualTime();

void BM_CrossThreadFromBuffer_openk4a(benchmark::State &state)
{
    CrossThread(
        state, kWrapBatch,
        []
        {
            k4a_image_t image;
            if (k4a_image_create_from_buffer(K4A_IMAGE_FORMAT_DEPTH16, kWidth, kHeight, 0, g_pixels, sizeof g_pixels,
                                             NoRelease, nullptr, &image) != K4A_RESULT_SUCCEEDED)
                std::abort();
            return static_cast<void *>(image);
        },
        [](void *image) { k4a_image_release(static_cast<k4a_image_t>(image)); });
}
BENCHMARK(BM_CrossThreadFromBuffer_openk4a)->UseManualTime();

void BM_CrossThreadFromBuffer_bare_malloc(benchmark::State &state)
{
    CrossThread(
        state, kWrapBatch, [] { return static_cast<void *>(NewBareImage(g_pixels, sizeof g_pixels, NoRelease)); },
        [](void *image) { DropBareImage(static_cast<BareImage *>(image)); });
}
BENCHMARK(BM_CrossThreadFromBuffer_bare_malloc)->UseManualTime();

void BM_CrossThreadFromBuffer_gstreamer(benchmark::State &state)
{
    CrossThread(
        state, kWrapBatch,
        []
        {
            return static_cast<void *>(gst_buffer_new_wrapped_full(
                static_cast<GstMemoryFlags>(0), g_pixels, sizeof g_pixels, 0, sizeof g_pixels, nullptr, GstNoRelease));
        },
        [](void *buffer) { gst_buffer_unref(static_cast<GstBuffer *>(buffer)); });
}
BENCHMARK(BM_CrossThreadFromBuffer_gstreamer)->UseManualTime();

} // namespace

int main(int argc, char **argv)
{
    gst_init(&argc, &argv);
    // Library log output would distort timings; none is expected here.
    setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
