// Test helper: collects the library's log messages while in scope.
#ifndef OPENK4A_TESTS_LOG_CAPTURE_H_
#define OPENK4A_TESTS_LOG_CAPTURE_H_

#include <k4a/k4a.h>

#include <mutex>
#include <string>
#include <vector>

namespace openk4a::testing
{

class LogCapture
{
public:
    explicit LogCapture(k4a_log_level_t level = K4A_LOG_LEVEL_TRACE)
    {
        ok_ = k4a_set_debug_message_handler(&LogCapture::Handler, this, level) == K4A_RESULT_SUCCEEDED;
    }
    ~LogCapture()
    {
        k4a_set_debug_message_handler(nullptr, nullptr, K4A_LOG_LEVEL_OFF);
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    bool registered() const
    {
        return ok_;
    }
    std::vector<std::string> messages() const
    {
        std::lock_guard<std::mutex> lock(mu_);
        return messages_;
    }
    std::vector<k4a_log_level_t> levels() const
    {
        std::lock_guard<std::mutex> lock(mu_);
        return levels_;
    }
    // True when some message contains every one of the given fragments.
    bool Contains(std::initializer_list<std::string> fragments) const
    {
        for (const std::string &m : messages())
        {
            bool all = true;
            for (const std::string &f : fragments)
                all = all && m.find(f) != std::string::npos;
            if (all)
                return true;
        }
        return false;
    }
    size_t count() const
    {
        return messages().size();
    }
    void Clear()
    {
        std::lock_guard<std::mutex> lock(mu_);
        messages_.clear();
        levels_.clear();
    }

private:
    static void Handler(void *context, k4a_log_level_t level, const char *, const int, const char *message)
    {
        auto *self = static_cast<LogCapture *>(context);
        std::lock_guard<std::mutex> lock(self->mu_);
        self->messages_.emplace_back(message);
        self->levels_.push_back(level);
    }

    bool ok_ = false;
    mutable std::mutex mu_;
    std::vector<std::string> messages_;
    std::vector<k4a_log_level_t> levels_;
};

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_LOG_CAPTURE_H_
