#include "tools/stream/cpu_time.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <string>

namespace openk4a::stream
{
namespace
{

double Seconds(const struct timespec &t)
{
    return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

// The CPU clock of any thread of this process, as glibc builds it for
// pthread_getcpuclockid(): ~tid << 3 | CPUCLOCK_PERTHREAD | CPUCLOCK_SCHED.
bool ThreadCpu(int tid, double *seconds)
{
    const clockid_t clock = static_cast<clockid_t>((~static_cast<unsigned>(tid) << 3) | 6u);
    struct timespec t;
    if (clock_gettime(clock, &t) != 0)
        return false;
    *seconds = Seconds(t);
    return true;
}

std::string ThreadName(int tid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", tid);
    FILE *f = fopen(path, "r");
    if (f == nullptr)
        return "";
    char name[32] = "";
    if (fgets(name, sizeof name, f) == nullptr)
        name[0] = '\0';
    fclose(f);
    name[strcspn(name, "\n")] = '\0';
    return name;
}

} // namespace

bool IsEmulatorThread(const std::string &name)
{
    // GLib's own threads (umockdev runs on GLib) are named gmain, gdbus, pool-N.
    return name == kEmulatorThreadName || name == "gmain" || name == "gdbus" || name.compare(0, 5, "pool-") == 0;
}

ScopedThreadName::ScopedThreadName(const char *name)
{
    prctl(PR_GET_NAME, old_, 0, 0, 0);
    prctl(PR_SET_NAME, name, 0, 0, 0);
}

ScopedThreadName::~ScopedThreadName()
{
    prctl(PR_SET_NAME, old_, 0, 0, 0);
}

CpuSnapshot CpuSnapshot::Take()
{
    CpuSnapshot s;
    struct timespec t;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) == 0)
        s.process_s_ = Seconds(t);
    DIR *dir = opendir("/proc/self/task");
    if (dir == nullptr)
        return s;
    while (struct dirent *entry = readdir(dir))
    {
        const int tid = atoi(entry->d_name);
        Thread thread;
        if (tid <= 0 || !ThreadCpu(tid, &thread.cpu_s))
            continue;
        thread.name = ThreadName(tid);
        s.threads_[tid] = thread;
    }
    closedir(dir);
    return s;
}

CpuSplit CpuSnapshot::Since(const CpuSnapshot &earlier) const
{
    CpuSplit split;
    split.process_s = process_s_ - earlier.process_s_;
    for (const auto &[tid, thread] : threads_)
    {
        const auto before = earlier.threads_.find(tid);
        const double spent = thread.cpu_s - (before != earlier.threads_.end() ? before->second.cpu_s : 0);
        (IsEmulatorThread(thread.name) ? split.others_s : split.ours_s) += spent;
    }
    return split;
}

} // namespace openk4a::stream
