// CPU time of this process split by who spent it: the emulated device's
// threads, which run in the same process (umockdev needs that), versus all
// others (openk4a, libusb, this program). Threads are told apart by name: the
// emulated device is created while the creating thread is named
// kEmulatorThreadName, so its threads inherit that name; GLib's threads
// (umockdev's) carry GLib's names.
#ifndef OPENK4A_TOOLS_STREAM_CPU_TIME_H_
#define OPENK4A_TOOLS_STREAM_CPU_TIME_H_

#include <stdint.h>

#include <map>
#include <string>

namespace openk4a::stream
{

constexpr char kEmulatorThreadName[] = "k4a-emulator";

bool IsEmulatorThread(const std::string &name);

// Renames the calling thread while in scope (15 characters at most).
class ScopedThreadName
{
public:
    explicit ScopedThreadName(const char *name);
    ~ScopedThreadName();
    ScopedThreadName(const ScopedThreadName &) = delete;
    ScopedThreadName &operator=(const ScopedThreadName &) = delete;

private:
    char old_[16] = {};
};

struct CpuSplit
{
    double process_s = 0; // the whole process (threads that ended included)
    double ours_s = 0;    // live threads but the emulated device's
    double others_s = 0;  // live threads of the emulated device (IsEmulatorThread)
};

// Per-thread CPU times at one instant; the difference of two snapshots is
// the CPU spent in between (threads that ended in between are lost from the
// split, not from process_s).
class CpuSnapshot
{
public:
    static CpuSnapshot Take();
    // Spent since `earlier`.
    CpuSplit Since(const CpuSnapshot &earlier) const;

private:
    struct Thread
    {
        std::string name;
        double cpu_s = 0;
    };
    double process_s_ = 0;
    std::map<int, Thread> threads_; // by thread id
};

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_CPU_TIME_H_
