#include "core/color/decode_pool.h"

#include <turbojpeg.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/color/jpeg_fixtures.h"

namespace openk4a::testing
{
namespace
{

struct Frame
{
    std::vector<uint8_t> jpeg;
    uint32_t width, height;
    std::vector<uint8_t> bgra;
    openk4a_color_status_t expected = OPENK4A_COLOR_OK;
};

struct Delivery
{
    size_t index;
    openk4a_color_status_t status;
    bool warned;
};

// Collects deliveries; the callback may block on a gate.
struct Recorder
{
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Delivery> deliveries;
    bool gate_open = true;
    std::atomic<int> concurrent{0};
    std::atomic<int> max_concurrent{0};

    static void OnDone(void *context, const openk4a_decode_job_t *job, openk4a_color_status_t status, bool warned)
    {
        auto *self = static_cast<Recorder *>(context);
        const int now = ++self->concurrent;
        int seen = self->max_concurrent.load();
        while (now > seen && !self->max_concurrent.compare_exchange_weak(seen, now))
        {
        }
        std::unique_lock<std::mutex> lock(self->mutex);
        self->changed.wait(lock, [self] { return self->gate_open; });
        self->deliveries.push_back({reinterpret_cast<size_t>(job->user_context), status, warned});
        self->changed.notify_all();
        --self->concurrent;
    }
    void SetGate(bool open)
    {
        std::lock_guard<std::mutex> lock(mutex);
        gate_open = open;
        changed.notify_all();
    }
    size_t Count()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return deliveries.size();
    }
};

struct PoolDeleter
{
    void operator()(openk4a_decode_pool_t *p) const
    {
        openk4a_decode_pool_destroy(p);
    }
};
using Pool = std::unique_ptr<openk4a_decode_pool_t, PoolDeleter>;

Pool MakePool(Recorder *recorder, uint32_t workers, uint32_t capacity)
{
    openk4a_decode_pool_config_t config = {};
    config.worker_count = workers;
    config.queue_capacity = capacity;
    config.mode = OPENK4A_COLOR_MODE_FAST;
    config.on_done = Recorder::OnDone;
    config.callback_context = recorder;
    openk4a_decode_pool_t *pool = nullptr;
    EXPECT_EQ(openk4a_decode_pool_create(&config, &pool), OPENK4A_COLOR_OK);
    return Pool(pool);
}

openk4a_decode_job_t JobFor(Frame *f, size_t index)
{
    openk4a_decode_job_t job = {};
    job.request.source_format = OPENK4A_BGRA32_FROM_MJPG;
    job.request.source = f->jpeg.data();
    job.request.source_size = f->jpeg.size();
    job.request.width = f->width;
    job.request.height = f->height;
    job.request.destination = f->bgra.data();
    job.request.destination_size = f->bgra.size();
    job.request.destination_stride = 4 * f->width;
    job.user_context = reinterpret_cast<void *>(index);
    return job;
}

std::vector<uint8_t> Reference(const std::vector<uint8_t> &jpeg, uint32_t w, uint32_t h)
{
    std::vector<uint8_t> out(static_cast<size_t>(w) * h * 4);
    tjhandle t = tjInitDecompress();
    tjDecompress2(t, jpeg.data(), jpeg.size(), out.data(), static_cast<int>(w), 0, static_cast<int>(h), TJPF_BGRA,
                  TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE);
    tjDestroy(t);
    return out;
}

// A stream where big and tiny frames alternate (so later frames often finish
// first) with broken frames in between.
std::vector<Frame> MixedStream(size_t count)
{
    std::vector<Frame> frames;
    const auto big = CompressWithTurboJpeg(640, 480, TJSAMP_422, 90);
    for (size_t i = 0; i < count; i++)
    {
        Frame f;
        if (i % 7 == 3)
        {
            f.jpeg.assign(big.begin(), big.begin() + big.size() / 3); // truncated
            f.width = 640;
            f.height = 480;
            f.expected = OPENK4A_COLOR_TRUNCATED;
        }
        else if (i % 11 == 5)
        {
            f.jpeg.assign(64, static_cast<uint8_t>(i)); // garbage
            f.width = 16;
            f.height = 8;
            f.expected = OPENK4A_COLOR_NOT_JPEG;
        }
        else if (i % 2 == 0)
        {
            f.jpeg = big;
            f.width = 640;
            f.height = 480;
        }
        else
        {
            FrameSpec spec;
            spec.width = 32;
            spec.height = 16;
            spec.seed = static_cast<uint32_t>(i);
            spec.restart_interval = 1;
            f.jpeg = EncodeFixtureFrame(spec);
            f.width = 32;
            f.height = 16;
        }
        f.bgra.assign(static_cast<size_t>(f.width) * f.height * 4, 0);
        frames.push_back(std::move(f));
    }
    return frames;
}

TEST(DecodePoolTest, DeliversInSubmissionOrderWithEveryDropCounted)
{
    for (uint32_t workers : {1u, 2u, 4u})
    {
        Recorder recorder;
        auto frames = MixedStream(60);
        {
            Pool pool = MakePool(&recorder, workers, 6);
            for (size_t i = 0; i < frames.size(); i++)
            {
                const openk4a_decode_job_t job = JobFor(&frames[i], i);
                ASSERT_EQ(openk4a_decode_pool_submit(pool.get(), &job, -1), OPENK4A_COLOR_OK);
            }
            ASSERT_TRUE(openk4a_decode_pool_flush(pool.get(), -1));
            openk4a_color_decoder_stats_t stats;
            openk4a_decode_pool_get_stats(pool.get(), &stats);
            size_t bad = 0;
            for (const Frame &f : frames)
                bad += f.expected != OPENK4A_COLOR_OK;
            EXPECT_EQ(stats.submitted, frames.size());
            EXPECT_EQ(stats.delivered, frames.size() - bad);
            EXPECT_EQ(stats.dropped, bad);
            EXPECT_EQ(stats.by_status[OPENK4A_COLOR_TRUNCATED] + stats.by_status[OPENK4A_COLOR_NOT_JPEG], bad);
            EXPECT_EQ(stats.in_flight, 0u);
            EXPECT_LE(stats.max_in_flight, 6u);
            EXPECT_EQ(stats.worker_count, workers);
        }
        ASSERT_EQ(recorder.deliveries.size(), frames.size());
        EXPECT_EQ(recorder.max_concurrent.load(), 1); // callbacks never overlap
        for (size_t i = 0; i < frames.size(); i++)
        {
            EXPECT_EQ(recorder.deliveries[i].index, i) << "workers " << workers;
            EXPECT_EQ(recorder.deliveries[i].status, frames[i].expected) << "frame " << i;
            if (frames[i].expected == OPENK4A_COLOR_OK)
            {
                EXPECT_TRUE(frames[i].bgra == Reference(frames[i].jpeg, frames[i].width, frames[i].height))
                    << "frame " << i;
            }
        }
    }
}

TEST(DecodePoolTest, BoundedQueueRefusesWhenFullAndTheCallbackNeverRunsForARefusal)
{
    Recorder recorder;
    recorder.SetGate(false); // the first completion blocks: nothing leaves the queue
    auto frames = MixedStream(5);
    Pool pool = MakePool(&recorder, 1, 2);
    for (size_t i = 0; i < 2; i++)
    {
        const openk4a_decode_job_t job = JobFor(&frames[2 * i], i);
        ASSERT_EQ(openk4a_decode_pool_submit(pool.get(), &job, 0), OPENK4A_COLOR_OK);
    }
    const openk4a_decode_job_t third = JobFor(&frames[4], 2);
    EXPECT_EQ(openk4a_decode_pool_submit(pool.get(), &third, 0), OPENK4A_COLOR_QUEUE_FULL);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(openk4a_decode_pool_submit(pool.get(), &third, 50), OPENK4A_COLOR_QUEUE_FULL);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(45));
    EXPECT_FALSE(openk4a_decode_pool_flush(pool.get(), 20));
    EXPECT_EQ(openk4a_decode_pool_submit(pool.get(), nullptr, 0), OPENK4A_COLOR_INVALID_ARGUMENT);

    openk4a_color_decoder_stats_t stats;
    openk4a_decode_pool_get_stats(pool.get(), &stats);
    EXPECT_EQ(stats.rejected, 3u);
    EXPECT_EQ(stats.by_status[OPENK4A_COLOR_QUEUE_FULL], 2u);
    EXPECT_EQ(stats.in_flight, 2u);

    recorder.SetGate(true);
    EXPECT_TRUE(openk4a_decode_pool_flush(pool.get(), 10000));
    EXPECT_EQ(openk4a_decode_pool_submit(pool.get(), &third, 0), OPENK4A_COLOR_OK);
    EXPECT_TRUE(openk4a_decode_pool_flush(pool.get(), -1));
    ASSERT_EQ(recorder.Count(), 3u);
    EXPECT_EQ(recorder.deliveries[2].index, 2u);
}

// The callback submits the next frame itself (as a producer chained on
// completions would); a long timeout there must not deadlock.
struct Chain
{
    openk4a_decode_pool_t *pool = nullptr;
    std::vector<Frame> *frames = nullptr;
    std::atomic<size_t> next{1};
    std::atomic<size_t> done{0};
    std::atomic<int> refused{0};
    static void OnDone(void *context, const openk4a_decode_job_t *job, openk4a_color_status_t, bool)
    {
        auto *self = static_cast<Chain *>(context);
        self->done++;
        const size_t i = self->next.load();
        if (i < self->frames->size() && reinterpret_cast<size_t>(job->user_context) + 1 == i)
        {
            const openk4a_decode_job_t next = JobFor(&(*self->frames)[i], i);
            if (openk4a_decode_pool_submit(self->pool, &next, 60000) == OPENK4A_COLOR_OK)
                self->next++;
            else
                self->refused++;
        }
    }
};

TEST(DecodePoolTest, CallbackMaySubmit)
{
    auto frames = MixedStream(12);
    Chain chain;
    chain.frames = &frames;
    openk4a_decode_pool_config_t config = {2, 1, OPENK4A_COLOR_MODE_FAST, Chain::OnDone, &chain};
    ASSERT_EQ(openk4a_decode_pool_create(&config, &chain.pool), OPENK4A_COLOR_OK);
    const openk4a_decode_job_t first = JobFor(&frames[0], 0);
    ASSERT_EQ(openk4a_decode_pool_submit(chain.pool, &first, 0), OPENK4A_COLOR_OK);
    // With one slot the callback's own frame still holds it: every chained
    // submit is refused at once instead of waiting on itself.
    ASSERT_TRUE(openk4a_decode_pool_flush(chain.pool, 10000));
    EXPECT_EQ(chain.refused.load(), 1);
    openk4a_decode_pool_destroy(chain.pool);

    // With room in the queue the chain runs to the end.
    Chain roomy;
    roomy.frames = &frames;
    config = {2, 4, OPENK4A_COLOR_MODE_FAST, Chain::OnDone, &roomy};
    ASSERT_EQ(openk4a_decode_pool_create(&config, &roomy.pool), OPENK4A_COLOR_OK);
    ASSERT_EQ(openk4a_decode_pool_submit(roomy.pool, &first, 0), OPENK4A_COLOR_OK);
    for (int i = 0; i < 1000 && roomy.done.load() < frames.size(); i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    openk4a_decode_pool_destroy(roomy.pool);
    EXPECT_EQ(roomy.done.load(), frames.size());
    EXPECT_EQ(roomy.refused.load(), 0);
}

TEST(DecodePoolTest, DestroyReportsEveryAcceptedFrame)
{
    Recorder recorder;
    auto frames = MixedStream(20);
    Pool pool = MakePool(&recorder, 2, 32);
    for (size_t i = 0; i < frames.size(); i++)
    {
        const openk4a_decode_job_t job = JobFor(&frames[i], i);
        ASSERT_EQ(openk4a_decode_pool_submit(pool.get(), &job, 0), OPENK4A_COLOR_OK);
    }
    pool.reset();
    ASSERT_EQ(recorder.deliveries.size(), frames.size());
    for (size_t i = 0; i < frames.size(); i++)
        EXPECT_EQ(recorder.deliveries[i].index, i);
}

TEST(DecodePoolTest, ConfigIsChecked)
{
    Recorder recorder;
    openk4a_decode_pool_t *pool = reinterpret_cast<openk4a_decode_pool_t *>(1);
    openk4a_decode_pool_config_t config = {0, 0, OPENK4A_COLOR_MODE_FAST, nullptr, &recorder};
    EXPECT_EQ(openk4a_decode_pool_create(&config, &pool), OPENK4A_COLOR_INVALID_ARGUMENT);
    EXPECT_EQ(pool, nullptr);
    config.on_done = Recorder::OnDone;
    config.worker_count = 65;
    EXPECT_EQ(openk4a_decode_pool_create(&config, &pool), OPENK4A_COLOR_INVALID_ARGUMENT);
    config.worker_count = 0;
    config.mode = static_cast<openk4a_color_mode_t>(9);
    EXPECT_EQ(openk4a_decode_pool_create(&config, &pool), OPENK4A_COLOR_INVALID_ARGUMENT);
    config.mode = OPENK4A_COLOR_MODE_ACCURATE;
    ASSERT_EQ(openk4a_decode_pool_create(&config, &pool), OPENK4A_COLOR_OK);
    openk4a_color_decoder_stats_t stats;
    openk4a_decode_pool_get_stats(pool, &stats);
    const uint32_t cpus = openk4a_decode_pool_default_workers();
    EXPECT_EQ(stats.worker_count, cpus > 8 ? 8 : cpus);
    EXPECT_EQ(stats.queue_capacity, 2 * stats.worker_count);
    openk4a_decode_pool_destroy(pool);
    openk4a_decode_pool_destroy(nullptr);
}

} // namespace
} // namespace openk4a::testing
