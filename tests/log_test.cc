// Logging: the debug message handler, levels, and the environment variables
// that send messages to stderr or a file (core/log.c).
#include "core/log.h"

#include <k4a/k4a.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/log_capture.h"

namespace
{

using openk4a::testing::LogCapture;

void EmitAllLevels()
{
    ok4a_log(K4A_LOG_LEVEL_CRITICAL, "critical %d", 0);
    ok4a_log(K4A_LOG_LEVEL_ERROR, "error %d", 1);
    ok4a_log(K4A_LOG_LEVEL_WARNING, "warning %d", 2);
    ok4a_log(K4A_LOG_LEVEL_INFO, "info %d", 3);
    ok4a_log(K4A_LOG_LEVEL_TRACE, "trace %d", 4);
}

std::string ReadFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs fn with stderr redirected to a file and returns what was written.
template <typename Fn>
std::string CaptureStderr(Fn fn)
{
    char path[] = "/tmp/openk4a_log_test_XXXXXX";
    int fd = mkstemp(path);
    EXPECT_GE(fd, 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    fn();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    std::string text = ReadFile(path);
    unlink(path);
    return text;
}

class LogEnvironment : public ::testing::Test
{
protected:
    void TearDown() override
    {
        unsetenv("K4A_LOG_LEVEL");
        unsetenv("K4A_ENABLE_LOG_TO_STDOUT");
        unsetenv("K4A_ENABLE_LOG_TO_A_FILE");
        ok4a_log_reload_environment();
    }
};

TEST(LogHandler, DeliversMessagesAtOrAboveItsLevel)
{
    LogCapture log(K4A_LOG_LEVEL_WARNING);
    ASSERT_TRUE(log.registered());
    EmitAllLevels();
    EXPECT_EQ(log.messages(), (std::vector<std::string>{"critical 0", "error 1", "warning 2"}));
    EXPECT_EQ(log.levels(),
              (std::vector<k4a_log_level_t>{K4A_LOG_LEVEL_CRITICAL, K4A_LOG_LEVEL_ERROR, K4A_LOG_LEVEL_WARNING}));
}

TEST(LogHandler, TraceGetsEverythingAndOffNothing)
{
    {
        LogCapture log(K4A_LOG_LEVEL_TRACE);
        EmitAllLevels();
        EXPECT_EQ(log.count(), 5u);
    }
    {
        LogCapture log(K4A_LOG_LEVEL_OFF);
        EmitAllLevels();
        EXPECT_EQ(log.count(), 0u);
    }
}

TEST(LogHandler, HandlerSeesFileAndLine)
{
    struct Seen
    {
        std::string file;
        int line = 0;
    } seen;
    auto handler = [](void *context, k4a_log_level_t, const char *file, const int line, const char *)
    {
        static_cast<Seen *>(context)->file = file;
        static_cast<Seen *>(context)->line = line;
    };
    ASSERT_EQ(k4a_set_debug_message_handler(handler, &seen, K4A_LOG_LEVEL_ERROR), K4A_RESULT_SUCCEEDED);
    const int line = __LINE__ + 1;
    ok4a_log(K4A_LOG_LEVEL_ERROR, "x");
    k4a_set_debug_message_handler(nullptr, nullptr, K4A_LOG_LEVEL_OFF);
    EXPECT_NE(seen.file.find("log_test.cc"), std::string::npos);
    EXPECT_EQ(seen.line, line);
}

TEST(LogHandler, OneHandlerAtATime)
{
    auto other = [](void *, k4a_log_level_t, const char *, const int, const char *) {
    };
    LogCapture log(K4A_LOG_LEVEL_ERROR);
    ASSERT_TRUE(log.registered());
    EXPECT_EQ(k4a_set_debug_message_handler(other, nullptr, K4A_LOG_LEVEL_TRACE), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"already registered"}));
    // The registered one is unaffected and still receives messages.
    log.Clear();
    ok4a_log(K4A_LOG_LEVEL_ERROR, "still here");
    EXPECT_EQ(log.messages(), std::vector<std::string>{"still here"});
}

TEST(LogHandler, ClearingStopsDelivery)
{
    auto *log = new LogCapture(K4A_LOG_LEVEL_TRACE);
    ok4a_log(K4A_LOG_LEVEL_INFO, "one");
    EXPECT_EQ(k4a_set_debug_message_handler(nullptr, nullptr, K4A_LOG_LEVEL_TRACE), K4A_RESULT_SUCCEEDED);
    ok4a_log(K4A_LOG_LEVEL_INFO, "two");
    EXPECT_EQ(log->messages(), std::vector<std::string>{"one"});
    delete log;
}

TEST(LogHandler, RejectsAnInvalidLevel)
{
    LogCapture log(K4A_LOG_LEVEL_ERROR);
    auto other = [](void *, k4a_log_level_t, const char *, const int, const char *) {
    };
    EXPECT_EQ(k4a_set_debug_message_handler(other, nullptr, static_cast<k4a_log_level_t>(6)), K4A_RESULT_FAILED);
    EXPECT_EQ(k4a_set_debug_message_handler(other, nullptr, static_cast<k4a_log_level_t>(7)), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"not a k4a_log_level_t"}));
}

TEST(LogHandler, LongMessagesAreTruncatedNotOverflowed)
{
    LogCapture log(K4A_LOG_LEVEL_ERROR);
    std::string huge(5000, 'x');
    ok4a_log(K4A_LOG_LEVEL_ERROR, "%s", huge.c_str());
    ASSERT_EQ(log.count(), 1u);
    EXPECT_EQ(log.messages()[0].size(), size_t{OK4A_LOG_MAX_MESSAGE - 1});
}

TEST(LogHandler, ConcurrentLoggingWhileHandlersComeAndGo)
{
    std::atomic<bool> stop{false};
    std::vector<std::thread> loggers;
    for (int t = 0; t < 4; t++)
    {
        loggers.emplace_back(
            [&]
            {
                while (!stop.load())
                    ok4a_log(K4A_LOG_LEVEL_INFO, "tick");
            });
    }
    for (int i = 0; i < 200; i++)
    {
        LogCapture log(K4A_LOG_LEVEL_INFO);
        ASSERT_TRUE(log.registered());
    }
    stop = true;
    for (auto &t : loggers)
        t.join();
    // After the last clear nothing reaches a destroyed capture (ASan/TSan would say).
    ok4a_log(K4A_LOG_LEVEL_INFO, "after");
}

TEST_F(LogEnvironment, LevelVariableSelectsWhatReachesStderr)
{
    setenv("K4A_LOG_LEVEL", "w", 1);
    ok4a_log_reload_environment();
    std::string text = CaptureStderr(EmitAllLevels);
    EXPECT_NE(text.find("[openk4a] [critical] critical 0"), std::string::npos) << text;
    EXPECT_NE(text.find("[warning] warning 2"), std::string::npos) << text;
    EXPECT_EQ(text.find("info 3"), std::string::npos) << text;

    setenv("K4A_LOG_LEVEL", "TRACE", 1);
    ok4a_log_reload_environment();
    text = CaptureStderr(EmitAllLevels);
    EXPECT_NE(text.find("trace 4"), std::string::npos) << text;
}

TEST_F(LogEnvironment, DefaultIsErrorsToStderr)
{
    ok4a_log_reload_environment();
    std::string text = CaptureStderr(EmitAllLevels);
    EXPECT_NE(text.find("error 1"), std::string::npos) << text;
    EXPECT_EQ(text.find("warning 2"), std::string::npos) << text;
}

TEST_F(LogEnvironment, StdoutSwitchSilencesTheConsole)
{
    setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
    ok4a_log_reload_environment();
    EXPECT_FALSE(ok4a_log_enabled(K4A_LOG_LEVEL_CRITICAL));
    EXPECT_EQ(CaptureStderr(EmitAllLevels), "");
    // A handler still gets messages.
    LogCapture log(K4A_LOG_LEVEL_ERROR);
    EXPECT_EQ(CaptureStderr(EmitAllLevels), "");
    EXPECT_EQ(log.count(), 2u);
}

TEST_F(LogEnvironment, FileVariableAppendsToAFile)
{
    char path[] = "/tmp/openk4a_log_file_XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    setenv("K4A_ENABLE_LOG_TO_A_FILE", path, 1);
    setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
    setenv("K4A_LOG_LEVEL", "info", 1);
    ok4a_log_reload_environment();
    EmitAllLevels();
    unsetenv("K4A_ENABLE_LOG_TO_A_FILE");
    ok4a_log_reload_environment(); // closes the file
    std::string text = ReadFile(path);
    unlink(path);
    EXPECT_NE(text.find("[info] info 3"), std::string::npos) << text;
    EXPECT_EQ(text.find("trace 4"), std::string::npos) << text;
}

} // namespace
