// What every harness here uses:
// - CHECK(cond): an invariant checked in every build (not an assert). A
//   broken one is reported on one line, "<file>:<line>: check failed: <cond>",
//   right before the abort: the campaign tools name a crash by that line
//   (tools/fuzz/libfuzzer_log.py).
// - Reader: a cursor over the input that yields zeros once the input is used
//   up, so a harness's program of operations never reads past it.
#ifndef OPENK4A_FUZZ_HARNESS_H_
#define OPENK4A_FUZZ_HARNESS_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#define CHECK(cond)                                                                                                    \
    do                                                                                                                 \
    {                                                                                                                  \
        if (!(cond))                                                                                                   \
            ::openk4a::fuzzing::CheckFailed(#cond, __FILE__, __LINE__);                                                \
    } while (0)

namespace openk4a::fuzzing
{

[[noreturn]] inline void CheckFailed(const char *condition, const char *file, int line)
{
    const char *slash = std::strrchr(file, '/');
    std::fprintf(stderr, "%s:%d: check failed: %s\n", slash != nullptr ? slash + 1 : file, line, condition);
    std::abort();
}

class Reader
{
public:
    Reader(const uint8_t *data, size_t size) : data_(data), size_(size) {}
    bool empty() const
    {
        return pos_ >= size_;
    }
    uint8_t u8()
    {
        return pos_ < size_ ? data_[pos_++] : 0;
    }
    // Little-endian.
    uint32_t u32()
    {
        uint32_t v = 0;
        for (int i = 0; i < 4; i++)
            v |= static_cast<uint32_t>(u8()) << (8 * i);
        return v;
    }
    uint64_t u64()
    {
        return u32() | (static_cast<uint64_t>(u32()) << 32);
    }
    // Up to n input bytes, borrowed; *got says how many there were.
    const uint8_t *take(size_t n, size_t *got)
    {
        *got = n < size_ - pos_ ? n : size_ - pos_;
        const uint8_t *p = data_ + pos_;
        pos_ += *got;
        return p;
    }

private:
    const uint8_t *data_;
    size_t size_;
    size_t pos_ = 0;
};

} // namespace openk4a::fuzzing

#endif // OPENK4A_FUZZ_HARNESS_H_
