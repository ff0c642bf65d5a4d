// Buffer owners for the C++ layer's tests, fuzzer and benchmark: one that
// counts its destruction (and records the thread), and a pool slot.
#ifndef OPENK4A_TESTS_CXX_TEST_OWNERS_H_
#define OPENK4A_TESTS_CXX_TEST_OWNERS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

#include "core/pool.h"

namespace openk4a::testing
{

// Counts how often a live owner is destroyed; a moved-from one counts nothing.
struct DestroyLog
{
    std::atomic<int> destroyed{0};
    std::atomic<std::thread::id> last_thread{};
};

class CountingOwner
{
public:
    CountingOwner(size_t size, DestroyLog *log, uint8_t fill = 0) : bytes_(size, fill), log_(log) {}
    CountingOwner(CountingOwner &&other) noexcept :
        bytes_(std::move(other.bytes_)), log_(std::exchange(other.log_, nullptr))
    {
    }
    CountingOwner &operator=(CountingOwner &&other) noexcept
    {
        if (this != &other)
        {
            Drop();
            bytes_ = std::move(other.bytes_);
            log_ = std::exchange(other.log_, nullptr);
        }
        return *this;
    }
    CountingOwner(const CountingOwner &) = delete;
    CountingOwner &operator=(const CountingOwner &) = delete;
    ~CountingOwner()
    {
        Drop();
    }

    uint8_t *data() noexcept
    {
        return bytes_.data();
    }
    size_t size() const noexcept
    {
        return bytes_.size();
    }
    bool live() const
    {
        return log_ != nullptr;
    }
    const std::vector<uint8_t> &bytes() const
    {
        return bytes_;
    }

private:
    void Drop() noexcept
    {
        if (log_ == nullptr)
            return;
        log_->last_thread.store(std::this_thread::get_id());
        log_->destroyed.fetch_add(1);
        log_ = nullptr;
    }

    std::vector<uint8_t> bytes_;
    DestroyLog *log_;
};

// A buffer from an ok4a pool, given back when the slot is destroyed.
class PoolSlot
{
public:
    // An empty slot when the pool has no buffer to give.
    explicit PoolSlot(ok4a_pool_t *pool) :
        pool_(pool), buffer_(ok4a_pool_acquire(pool)), size_(buffer_ ? ok4a_pool_buffer_size(pool) : 0)
    {
    }
    PoolSlot(PoolSlot &&other) noexcept :
        pool_(other.pool_), buffer_(std::exchange(other.buffer_, nullptr)), size_(std::exchange(other.size_, 0))
    {
    }
    PoolSlot &operator=(PoolSlot &&other) noexcept
    {
        if (this != &other)
        {
            ok4a_pool_release(buffer_, pool_);
            pool_ = other.pool_;
            buffer_ = std::exchange(other.buffer_, nullptr);
            size_ = std::exchange(other.size_, 0);
        }
        return *this;
    }
    PoolSlot(const PoolSlot &) = delete;
    PoolSlot &operator=(const PoolSlot &) = delete;
    ~PoolSlot()
    {
        ok4a_pool_release(buffer_, pool_);
    }

    uint8_t *data() noexcept
    {
        return buffer_;
    }
    size_t size() const noexcept
    {
        return size_;
    }

private:
    ok4a_pool_t *pool_;
    uint8_t *buffer_;
    size_t size_;
};

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_CXX_TEST_OWNERS_H_
