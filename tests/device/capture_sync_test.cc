// Capture synchronisation on its own (no USB): images pushed with device
// timestamps become captures by the pairing rules (depth+IR of one exposure,
// colour + depth_delay_off_color_usec within half a period,
// synchronized_images_only, missing streams), leave in timestamp order per
// stream, and a full queue drops the oldest with a counted reason, per
// capture and per stream.
#include "core/device/capture_sync.h"

#include <gtest/gtest.h>
#include <k4a/k4a.h>

#include <atomic>
#include <cmath>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

namespace openk4a
{
namespace
{

constexpr uint32_t kPeriod = 33333; // 30 fps

k4a_image_t Image(openk4a_stream_t stream, uint64_t ts)
{
    const k4a_image_format_t format = stream == OPENK4A_STREAM_COLOR ? K4A_IMAGE_FORMAT_COLOR_BGRA32 :
                                      stream == OPENK4A_STREAM_DEPTH ? K4A_IMAGE_FORMAT_DEPTH16 :
                                                                       K4A_IMAGE_FORMAT_IR16;
    k4a_image_t image = nullptr;
    EXPECT_EQ(k4a_image_create(format, 4, 2, 0, &image), K4A_RESULT_SUCCEEDED);
    k4a_image_set_device_timestamp_usec(image, ts);
    return image;
}

// What one capture held: each slot's timestamp, or -1 when empty.
struct Got
{
    int64_t color = -1, depth = -1, ir = -1;
    bool operator==(const Got &o) const
    {
        return color == o.color && depth == o.depth && ir == o.ir;
    }
};
std::ostream &operator<<(std::ostream &os, const Got &g)
{
    return os << "{color " << g.color << ", depth " << g.depth << ", ir " << g.ir << "}";
}

int64_t Ts(k4a_image_t image)
{
    if (image == nullptr)
        return -1;
    const int64_t ts = static_cast<int64_t>(k4a_image_get_device_timestamp_usec(image));
    k4a_image_release(image);
    return ts;
}

class CaptureSyncTest : public ::testing::Test
{
protected:
    void Create(bool color, bool depth, bool ir, bool synchronized = false, int32_t delay = 0, uint32_t queue = 8,
                uint32_t pending = 0)
    {
        ok4a_capture_sync_config_t c{};
        c.enabled[OPENK4A_STREAM_COLOR] = color;
        c.enabled[OPENK4A_STREAM_DEPTH] = depth;
        c.enabled[OPENK4A_STREAM_IR] = ir;
        c.synchronized_images_only = synchronized;
        c.depth_delay_off_color_usec = delay;
        c.frame_period_usec = kPeriod;
        c.queue_capacity = queue;
        c.pending_slots = pending;
        sync_ = ok4a_capture_sync_create(&c);
        ASSERT_NE(sync_, nullptr);
    }
    void TearDown() override
    {
        ok4a_capture_sync_destroy(sync_, nullptr);
    }
    void Push(openk4a_stream_t stream, uint64_t ts, float temperature_c = NAN)
    {
        ok4a_capture_sync_push(sync_, stream, Image(stream, ts), ts, temperature_c);
    }
    // depth + IR of one exposure
    void PushDepthIr(uint64_t ts)
    {
        Push(OPENK4A_STREAM_DEPTH, ts);
        Push(OPENK4A_STREAM_IR, ts);
    }
    // Everything queued now.
    std::vector<Got> Pop()
    {
        std::vector<Got> out;
        k4a_capture_t capture = nullptr;
        while (ok4a_capture_sync_pop(sync_, &capture, 0) == K4A_WAIT_RESULT_SUCCEEDED)
        {
            out.push_back({Ts(k4a_capture_get_color_image(capture)), Ts(k4a_capture_get_depth_image(capture)),
                           Ts(k4a_capture_get_ir_image(capture))});
            k4a_capture_release(capture);
        }
        return out;
    }
    ok4a_capture_sync_stats_t Stats()
    {
        ok4a_capture_sync_stats_t s;
        ok4a_capture_sync_get_stats(sync_, &s);
        return s;
    }
    ok4a_capture_sync_t *sync_ = nullptr;
};

// ------------------------------------------------------------ pairing --

TEST_F(CaptureSyncTest, DepthAndIrOfOneExposureMakeOneCapture)
{
    Create(false, true, true);
    Push(OPENK4A_STREAM_DEPTH, 1000);
    EXPECT_TRUE(Pop().empty()); // IR of that exposure still to come
    Push(OPENK4A_STREAM_IR, 1000);
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 1000, 1000}}));
    // IR first works too, and a few microseconds of skew are one exposure.
    Push(OPENK4A_STREAM_IR, 34333);
    Push(OPENK4A_STREAM_DEPTH, 34340);
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 34340, 34333}}));
    EXPECT_EQ(Stats().partial, 0u);
    EXPECT_EQ(Stats().delivered, 2u);
}

TEST_F(CaptureSyncTest, ColourJoinsTheDepthWithinHalfAPeriod)
{
    Create(true, true, true);
    Push(OPENK4A_STREAM_COLOR, 100000);
    PushDepthIr(100000 + kPeriod / 2); // exactly half a period: still a pair
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000, 100000 + kPeriod / 2, 100000 + kPeriod / 2}}));
    // Depth first, colour second.
    PushDepthIr(200000);
    EXPECT_TRUE(Pop().empty()); // waits for its colour
    Push(OPENK4A_STREAM_COLOR, 200000 - 1000);
    EXPECT_EQ(Pop(), (std::vector<Got>{{199000, 200000, 200000}}));
}

// As the SDK: a capture carries the temperature measured with its depth
// exposure (the depth engine's sensor temperature); one without depth, NAN
// (k4a.h: "If the temperature is unavailable, the function will return NAN").
TEST_F(CaptureSyncTest, ACaptureCarriesItsDepthExposuresTemperature)
{
    Create(true, true, true);
    Push(OPENK4A_STREAM_COLOR, 100000);
    Push(OPENK4A_STREAM_DEPTH, 100000, 31.25f);
    Push(OPENK4A_STREAM_IR, 100000, 31.25f);
    Push(OPENK4A_STREAM_COLOR, 300000); // its depth never comes
    Push(OPENK4A_STREAM_IR, 500000, 29.5f);
    Push(OPENK4A_STREAM_DEPTH, 500000, 29.5f);
    ok4a_capture_sync_close(sync_); // flushes the lone colour
    std::vector<float> temperatures;
    k4a_capture_t capture = nullptr;
    while (ok4a_capture_sync_pop(sync_, &capture, 0) == K4A_WAIT_RESULT_SUCCEEDED)
    {
        temperatures.push_back(k4a_capture_get_temperature_c(capture));
        k4a_capture_release(capture);
    }
    ASSERT_EQ(temperatures.size(), 3u);
    EXPECT_EQ(temperatures[0], 31.25f);
    EXPECT_TRUE(std::isnan(temperatures[1])) << temperatures[1];
    EXPECT_EQ(temperatures[2], 29.5f);
}

TEST_F(CaptureSyncTest, MoreThanHalfAPeriodApartAreNotPartners)
{
    Create(true, true, true);
    Push(OPENK4A_STREAM_COLOR, 100000);
    PushDepthIr(100000 + kPeriod / 2 + 1);
    // The depth is newer than colour + half a period: the colour cannot pair
    // any more and leaves alone; the depth waits for its own colour.
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000, -1, -1}}));
    Push(OPENK4A_STREAM_COLOR, 100000 + kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000 + kPeriod, 100000 + kPeriod / 2 + 1, 100000 + kPeriod / 2 + 1}}));
    EXPECT_EQ(Stats().partial, 1u); // the lone colour capture lacked depth and IR
}

TEST_F(CaptureSyncTest, DepthDelayOffColourShiftsThePairing)
{
    // Depth exposes 20 ms after colour: colour at t pairs with depth at t + 20000.
    Create(true, true, true, false, 20000);
    Push(OPENK4A_STREAM_COLOR, 100000);
    PushDepthIr(100000); // same timestamp, but 20 ms too early for this colour
    PushDepthIr(120000);
    Push(OPENK4A_STREAM_COLOR, 133333);
    PushDepthIr(153333);
    const std::vector<Got> got = Pop();
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0], (Got{-1, 100000, 100000}));     // no colour 20 ms before it
    EXPECT_EQ(got[1], (Got{100000, 120000, 120000})); // colour + delay = depth
    EXPECT_EQ(got[2], (Got{133333, 153333, 153333}));
    // A negative delay: depth before colour.
    ok4a_capture_sync_destroy(sync_, nullptr);
    Create(true, true, true, false, -10000);
    PushDepthIr(90000);
    Push(OPENK4A_STREAM_COLOR, 100000);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000, 90000, 90000}}));
}

TEST_F(CaptureSyncTest, SynchronizedOnlyDropsWhatHasNoPartner)
{
    Create(true, true, true, true);
    Push(OPENK4A_STREAM_COLOR, 100000);
    PushDepthIr(100000 + kPeriod); // the colour's depth never came
    Push(OPENK4A_STREAM_COLOR, 100000 + kPeriod);
    PushDepthIr(100000 + 3 * kPeriod); // this depth's colour never comes either
    Push(OPENK4A_STREAM_COLOR, 100000 + 4 * kPeriod);
    PushDepthIr(100000 + 4 * kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000 + kPeriod, 100000 + kPeriod, 100000 + kPeriod},
                                       {100000 + 4 * kPeriod, 100000 + 4 * kPeriod, 100000 + 4 * kPeriod}}));
    const ok4a_capture_sync_stats_t s = Stats();
    EXPECT_EQ(s.dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 2u);
    EXPECT_EQ(s.partial, 0u);
}

TEST_F(CaptureSyncTest, SynchronizedOnlyDropsDepthWithoutItsIr)
{
    Create(true, true, true, true);
    Push(OPENK4A_STREAM_COLOR, 100000);
    Push(OPENK4A_STREAM_DEPTH, 100000); // its IR is lost
    PushDepthIr(100000 + kPeriod);      // the next exposure began: it never comes
    Push(OPENK4A_STREAM_COLOR, 100000 + kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000 + kPeriod, 100000 + kPeriod, 100000 + kPeriod}}));
    EXPECT_GE(Stats().dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 1u);
}

TEST_F(CaptureSyncTest, MissingIrGoesOutPartialOnceTheNextExposureBegins)
{
    Create(false, true, true);
    Push(OPENK4A_STREAM_DEPTH, 1000);
    EXPECT_TRUE(Pop().empty());
    PushDepthIr(1000 + kPeriod); // later exposure: the IR of 1000 will not come
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 1000, -1}, {-1, 1000 + kPeriod, 1000 + kPeriod}}));
    const ok4a_capture_sync_stats_t s = Stats();
    EXPECT_EQ(s.partial, 1u);
    EXPECT_EQ(s.delivered, 2u);
}

TEST_F(CaptureSyncTest, OneStreamAloneNeedsNoPartner)
{
    Create(true, false, false);
    Push(OPENK4A_STREAM_COLOR, 5);
    Push(OPENK4A_STREAM_COLOR, 5 + kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{5, -1, -1}, {5 + kPeriod, -1, -1}}));
    ok4a_capture_sync_destroy(sync_, nullptr);
    Create(false, false, true); // passive IR
    Push(OPENK4A_STREAM_IR, 7);
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, -1, 7}}));
    EXPECT_EQ(Stats().partial, 0u);
}

TEST_F(CaptureSyncTest, APartnerArrivingAfterItsCaptureLeftStillReachesTheConsumer)
{
    // Two slots per side: a third waiting exposure pushes the oldest out alone.
    Create(true, true, true, false, 0, 8, 2);
    PushDepthIr(100000);
    PushDepthIr(100000 + kPeriod);
    PushDepthIr(100000 + 2 * kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 100000, 100000}}));
    // Its colour, late, goes out alone too.
    Push(OPENK4A_STREAM_COLOR, 100000);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000, -1, -1}}));
    // Older than what already left: without synchronisation it is still the
    // user's frame (the SDK hands it out alone), never discarded.
    Push(OPENK4A_STREAM_COLOR, 100000 - kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000 - kPeriod, -1, -1}}));
    EXPECT_EQ(Stats().dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 0u);
    Push(OPENK4A_STREAM_COLOR, 100000 + kPeriod);
    EXPECT_EQ(Pop(), (std::vector<Got>{{100000 + kPeriod, 100000 + kPeriod, 100000 + kPeriod}}));
}

TEST_F(CaptureSyncTest, ColourLaggingItsDepthIsNeverDiscardedWithoutSynchronisation)
{
    // The SDK's streaming example: 2160p MJPG colour arrives frames after its
    // NFOV depth, whose exposures leave alone as the default four slots fill.
    Create(true, true, true);
    constexpr int kFrames = 30;
    constexpr int kLag = 6; // colour frames behind depth
    int colour_out = 0;
    auto count = [&](const std::vector<Got> &got)
    {
        for (const Got &g : got)
            colour_out += g.color >= 0;
    };
    for (int i = 0; i < kFrames + kLag; i++)
    {
        if (i < kFrames)
            PushDepthIr(1000 + uint64_t(i) * kPeriod);
        if (i >= kLag)
            Push(OPENK4A_STREAM_COLOR, 1000 + uint64_t(i - kLag) * kPeriod);
        count(Pop());
    }
    ok4a_capture_sync_close(sync_);
    count(Pop());
    EXPECT_EQ(colour_out, kFrames); // each colour frame in some capture
    const ok4a_capture_sync_stats_t s = Stats();
    EXPECT_EQ(s.dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 0u);
    for (uint64_t d : s.frames_dropped[OPENK4A_STREAM_COLOR])
        EXPECT_EQ(d, 0u);
}

TEST_F(CaptureSyncTest, FramesOfDroppedCapturesCountAsDroppedFramesOfTheirStream)
{
    // Queue of two: of five whole exposures three captures go (QUEUE_FULL).
    Create(true, true, true, false, 0, 2);
    for (int i = 0; i < 5; i++)
    {
        Push(OPENK4A_STREAM_COLOR, 1000 + uint64_t(i) * kPeriod);
        PushDepthIr(1000 + uint64_t(i) * kPeriod);
    }
    ok4a_capture_sync_stats_t s = Stats();
    EXPECT_EQ(s.dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL], 3u);
    for (int stream : {OPENK4A_STREAM_COLOR, OPENK4A_STREAM_DEPTH, OPENK4A_STREAM_IR})
    {
        EXPECT_EQ(s.frames_dropped[stream][OPENK4A_FRAME_DROP_QUEUE_FULL], 3u) << stream;
    }
    // Under synchronized_images_only a colour frame without depth is UNMATCHED
    // for the colour stream, and what is still held at the end is STOPPED.
    ok4a_capture_sync_destroy(sync_, nullptr);
    Create(true, true, true, true);
    Push(OPENK4A_STREAM_COLOR, 1000);
    PushDepthIr(1000 + 3 * kPeriod); // the colour's depth never came
    Push(OPENK4A_STREAM_COLOR, 1000 + 5 * kPeriod);
    s = Stats();
    EXPECT_EQ(s.frames_dropped[OPENK4A_STREAM_COLOR][OPENK4A_FRAME_DROP_UNMATCHED], 1u);
    ok4a_capture_sync_stats_t last{};
    ok4a_capture_sync_destroy(sync_, &last);
    sync_ = nullptr;
    // Every image pushed is delivered (none popped) or dropped per stream.
    for (int stream : {OPENK4A_STREAM_COLOR, OPENK4A_STREAM_DEPTH, OPENK4A_STREAM_IR})
    {
        uint64_t dropped = 0;
        for (uint64_t d : last.frames_dropped[stream])
            dropped += d;
        EXPECT_EQ(dropped, last.frames_in[stream]) << stream;
    }
}

TEST_F(CaptureSyncTest, PendingSlotsBoundHowLongALaggingStreamIsWaitedFor)
{
    // Decoded colour comes frames after its depth. Eight slots: every depth
    // still finds its colour.
    Create(true, true, true, true, 0, 16, 8);
    for (int i = 0; i < 6; i++)
        PushDepthIr(100000 + i * kPeriod);
    EXPECT_TRUE(Pop().empty());
    for (int i = 0; i < 6; i++)
        Push(OPENK4A_STREAM_COLOR, 100000 + i * kPeriod);
    EXPECT_EQ(Pop().size(), 6u);
    EXPECT_EQ(Stats().dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 0u);
    // The default four: the two oldest depths give up their slots (dropped
    // under synchronized_images_only), and so do their colours later.
    ok4a_capture_sync_destroy(sync_, nullptr);
    Create(true, true, true, true, 0, 16, 0);
    for (int i = 0; i < 6; i++)
        PushDepthIr(100000 + i * kPeriod);
    for (int i = 0; i < 6; i++)
        Push(OPENK4A_STREAM_COLOR, 100000 + i * kPeriod);
    const std::vector<Got> got = Pop();
    ASSERT_EQ(got.size(), 4u);
    EXPECT_EQ(got[0], (Got{100000 + 2 * kPeriod, 100000 + 2 * kPeriod, 100000 + 2 * kPeriod}));
    EXPECT_EQ(Stats().dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 4u);
}

TEST_F(CaptureSyncTest, DepthWaitsForItsOwnIrEvenWhenColourMovedPast)
{
    // Regression: a depth image whose colour can no longer come used to leave
    // at once, before the IR of the same exposure arrived, splitting one
    // exposure into two partial captures.
    Create(true, true, true);
    Push(OPENK4A_STREAM_COLOR, 200000);
    Push(OPENK4A_STREAM_DEPTH, 100000); // colour is far ahead: no partner for it
    EXPECT_TRUE(Pop().empty());         // but its IR is still coming
    Push(OPENK4A_STREAM_IR, 100000);
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 100000, 100000}}));
    EXPECT_EQ(Stats().partial, 1u); // no colour, but depth and IR together
}

// -------------------------------------------------------------- queue --

TEST_F(CaptureSyncTest, FullQueueDropsTheOldestAndCountsIt)
{
    Create(false, true, true, false, 0, 3);
    for (int i = 0; i < 7; i++)
        PushDepthIr(1000 + i * kPeriod);
    const ok4a_capture_sync_stats_t s = Stats();
    EXPECT_EQ(s.dropped[OPENK4A_CAPTURE_DROP_QUEUE_FULL], 4u);
    // The newest three stay, oldest first.
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 1000 + 4 * kPeriod, 1000 + 4 * kPeriod},
                                       {-1, 1000 + 5 * kPeriod, 1000 + 5 * kPeriod},
                                       {-1, 1000 + 6 * kPeriod, 1000 + 6 * kPeriod}}));
    EXPECT_EQ(Stats().delivered, 3u);
}

TEST_F(CaptureSyncTest, PopTimeoutsAndClose)
{
    Create(true, false, false);
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(ok4a_capture_sync_pop(sync_, &capture, 0), K4A_WAIT_RESULT_TIMEOUT);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(ok4a_capture_sync_pop(sync_, &capture, 30), K4A_WAIT_RESULT_TIMEOUT);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(25));
    // A consumer waiting forever gets what is pushed, then FAILED at close.
    std::atomic<int> results[2] = {{-1}, {-1}};
    std::thread consumer(
        [&]
        {
            for (auto &r : results)
            {
                k4a_capture_t c = nullptr;
                r = ok4a_capture_sync_pop(sync_, &c, K4A_WAIT_INFINITE);
                if (c != nullptr)
                    k4a_capture_release(c);
            }
        });
    Push(OPENK4A_STREAM_COLOR, 1);
    while (results[0] == -1)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ok4a_capture_sync_close(sync_);
    consumer.join();
    EXPECT_EQ(results[0].load(), K4A_WAIT_RESULT_SUCCEEDED);
    EXPECT_EQ(results[1].load(), K4A_WAIT_RESULT_FAILED);
    // After close: pushes are refused and counted, nothing leaks.
    Push(OPENK4A_STREAM_COLOR, 2);
    EXPECT_EQ(ok4a_capture_sync_pop(sync_, &capture, 0), K4A_WAIT_RESULT_FAILED);
    EXPECT_EQ(Stats().dropped[OPENK4A_CAPTURE_DROP_STOPPED], 1u);
}

TEST_F(CaptureSyncTest, CloseFlushesWaitingImagesByTheRules)
{
    Create(true, true, true);
    PushDepthIr(1000); // waits for colour
    Push(OPENK4A_STREAM_COLOR, 1000 + 5 * kPeriod);
    ok4a_capture_sync_close(sync_);
    // Queued captures are still handed out after close, then FAILED.
    EXPECT_EQ(Pop(), (std::vector<Got>{{-1, 1000, 1000}, {1000 + 5 * kPeriod, -1, -1}}));
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(ok4a_capture_sync_pop(sync_, &capture, 100), K4A_WAIT_RESULT_FAILED);

    ok4a_capture_sync_destroy(sync_, nullptr);
    Create(true, true, true, true);
    PushDepthIr(1000);
    ok4a_capture_sync_close(sync_); // under synchronized_images_only a lone depth is dropped
    EXPECT_TRUE(Pop().empty());
    EXPECT_EQ(Stats().dropped[OPENK4A_CAPTURE_DROP_UNMATCHED], 1u);
}

TEST_F(CaptureSyncTest, DestroyCountsWhatWasStillHeld)
{
    Create(true, true, true);
    PushDepthIr(1000);                              // pending
    Push(OPENK4A_STREAM_COLOR, 1000 + 5 * kPeriod); // the depth leaves alone, queued
    ok4a_capture_sync_stats_t last{};
    ok4a_capture_sync_destroy(sync_, &last);
    sync_ = nullptr;
    EXPECT_EQ(last.dropped[OPENK4A_CAPTURE_DROP_STOPPED], 2u); // one queued capture, one pending colour
    EXPECT_EQ(last.frames_in[OPENK4A_STREAM_DEPTH], 1u);
    EXPECT_EQ(last.frames_in[OPENK4A_STREAM_COLOR], 1u);
}

TEST_F(CaptureSyncTest, DisabledStreamsAndBadInputAreRefused)
{
    Create(true, false, false);
    Push(OPENK4A_STREAM_DEPTH, 1); // not enabled: released, counted
    EXPECT_EQ(Stats().dropped[OPENK4A_CAPTURE_DROP_STOPPED], 1u);
    ok4a_capture_sync_push(sync_, OPENK4A_STREAM_COLOR, nullptr, 1, NAN);                        // ignored
    ok4a_capture_sync_push(sync_, OPENK4A_STREAM_COUNT, Image(OPENK4A_STREAM_COLOR, 1), 1, NAN); // released
    EXPECT_TRUE(Pop().empty());
}

TEST_F(CaptureSyncTest, CapturesLeaveInTimestampOrderUnderConcurrentProducers)
{
    Create(true, true, true, false, 0, 64, 16);
    constexpr int kFrames = 300;
    std::atomic<int> producing{2};
    std::thread color(
        [&]
        {
            for (int i = 0; i < kFrames; i++)
                Push(OPENK4A_STREAM_COLOR, 1000 + uint64_t(i) * kPeriod);
            producing--;
        });
    std::thread depth(
        [&]
        {
            for (int i = 0; i < kFrames; i++)
                PushDepthIr(1000 + uint64_t(i) * kPeriod);
            producing--;
        });
    int64_t last_depth = -1, last_color = -1;
    auto check = [&](const std::vector<Got> &got)
    {
        for (const Got &g : got)
        {
            // Each stream's images leave in order (a colour image whose depth left
            // alone first may follow newer captures).
            if (g.depth >= 0)
            {
                EXPECT_GT(g.depth, last_depth);
                last_depth = g.depth;
            }
            if (g.color >= 0)
            {
                EXPECT_GT(g.color, last_color);
                last_color = g.color;
            }
            if (g.depth >= 0)
            {
                EXPECT_EQ(g.depth, g.ir) << "depth and IR of one exposure stay together";
            }
            if (g.depth >= 0 && g.color >= 0)
            {
                EXPECT_LE(std::abs(g.depth - g.color), int64_t(kPeriod / 2));
            }
        }
    };
    while (producing > 0)
    {
        check(Pop());
        std::this_thread::yield();
    }
    color.join();
    depth.join();
    ok4a_capture_sync_close(sync_);
    check(Pop());
    const ok4a_capture_sync_stats_t s = Stats();
    EXPECT_EQ(s.frames_in[OPENK4A_STREAM_COLOR], uint64_t(kFrames));
    // Each exposure is in one capture, or two partial ones when the colour and
    // depth sides raced past each other's slots, or dropped with a reason.
    uint64_t dropped = 0;
    for (uint64_t d : s.dropped)
        dropped += d;
    EXPECT_GE(s.delivered + dropped, uint64_t(kFrames));
}

} // namespace
} // namespace openk4a
