// core/wait.h: k4a timeouts (0 = do not wait, -1 = forever, N ms) on
// CLOCK_MONOTONIC condition variables.
#include "core/wait.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace
{

int64_t Ns(const timespec &t)
{
    return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

timespec Now()
{
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t;
}

TEST(Wait, DeadlineIsNowPlusTheTimeoutWithTheCarry)
{
    const int64_t before = Ns(Now());
    const timespec none = ok4a_deadline_after_ms(0);
    const timespec forever = ok4a_deadline_after_ms(-1); // K4A_WAIT_INFINITE: not used, but no garbage
    const timespec later = ok4a_deadline_after_ms(2999);
    const int64_t after = Ns(Now());
    for (const timespec &t : {none, forever, later})
    {
        EXPECT_GE(t.tv_nsec, 0);
        EXPECT_LT(t.tv_nsec, 1000000000);
    }
    EXPECT_GE(Ns(none), before);
    EXPECT_LE(Ns(none), after);
    EXPECT_LE(Ns(forever), after);
    EXPECT_GE(Ns(later), before + 2999000000LL);
    EXPECT_LE(Ns(later), after + 2999000000LL);
}

class WaitStep : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_EQ(ok4a_cond_init_monotonic(&cond_), 0);
        pthread_mutex_init(&mutex_, nullptr);
    }
    void TearDown() override
    {
        pthread_cond_destroy(&cond_);
        pthread_mutex_destroy(&mutex_);
    }
    pthread_cond_t cond_;
    pthread_mutex_t mutex_;
};

TEST_F(WaitStep, ZeroDoesNotWait)
{
    const timespec deadline = ok4a_deadline_after_ms(0);
    pthread_mutex_lock(&mutex_);
    EXPECT_FALSE(ok4a_cond_wait_step(&cond_, &mutex_, 0, &deadline));
    pthread_mutex_unlock(&mutex_);
}

TEST_F(WaitStep, TimesOutAtTheDeadline)
{
    const timespec deadline = ok4a_deadline_after_ms(30);
    pthread_mutex_lock(&mutex_);
    bool waiting = true;
    while (waiting)
        waiting = ok4a_cond_wait_step(&cond_, &mutex_, 30, &deadline); // spurious wake-ups go round
    pthread_mutex_unlock(&mutex_);
    EXPECT_GE(Ns(Now()), Ns(deadline));
}

// Forever and a long timeout both return once signalled (the waiter's
// condition is what ends the loop, not the clock).
TEST_F(WaitStep, SignalledWaitsReturn)
{
    for (int32_t timeout_ms : {-1, 60000})
    {
        bool ready = false;
        const timespec deadline = ok4a_deadline_after_ms(timeout_ms);
        std::thread signaller(
            [&]
            {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                pthread_mutex_lock(&mutex_);
                ready = true;
                pthread_cond_signal(&cond_);
                pthread_mutex_unlock(&mutex_);
            });
        pthread_mutex_lock(&mutex_);
        bool in_time = true;
        while (!ready && in_time)
            in_time = ok4a_cond_wait_step(&cond_, &mutex_, timeout_ms, &deadline);
        const bool saw_ready = ready;
        pthread_mutex_unlock(&mutex_);
        signaller.join();
        EXPECT_TRUE(saw_ready) << timeout_ms;
        EXPECT_TRUE(in_time) << timeout_ms;
    }
}

} // namespace
