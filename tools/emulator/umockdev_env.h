// Running a process inside a umockdev test bed: the LD_PRELOAD re-exec and the
// test bed that owns the fake /sys and /dev.
#ifndef OPENK4A_TOOLS_EMULATOR_UMOCKDEV_ENV_H_
#define OPENK4A_TOOLS_EMULATOR_UMOCKDEV_ENV_H_

#include <memory>
#include <mutex>
#include <set>
#include <string>

typedef struct _UMockdevTestbed UMockdevTestbed;

namespace openk4a::emulator
{

// Call first thing in main(). Unless the process already runs under
// libumockdev-preload, runs this same binary again as a child with
// LD_PRELOAD=libumockdev-preload.so.0, a short private TMPDIR under /tmp
// (umockdev's Unix socket paths must stay under 108 characters) and
// ASAN_OPTIONS=verify_asan_link_order=0, waits for it, deletes that TMPDIR
// (with any test bed a crash left behind) and exits with the child's status.
// Returns only in the preloaded child.
void RunUnderUmockdevOrDie(int argc, char **argv);

// True when libumockdev-preload is active in this process.
bool UmockdevPreloadActive();

// The umockdev test bed of this process. While it exists ALL of /sys and
// /dev/bus/usb are redirected into it (for every thread), so a process has at
// most one; devices share it through Acquire().
class Testbed
{
public:
    // The shared test bed, created on first use; nullptr with `error` set when
    // the preload is not active.
    static std::shared_ptr<Testbed> Acquire(std::string *error);
    ~Testbed();
    Testbed(const Testbed &) = delete;
    Testbed &operator=(const Testbed &) = delete;

    UMockdevTestbed *get() const
    {
        return testbed_;
    }
    const std::string &root_dir() const
    {
        return root_dir_;
    }

    // An unused device number (2..127) or port (1..127), -1 when all are
    // taken. Like the kernel, numbers go round and are reused once released.
    int NextDeviceNumber();
    int NextPort();
    void ReleaseDeviceNumber(int devnum);
    void ReleasePort(int port);

private:
    Testbed(UMockdevTestbed *testbed, std::string root_dir);
    UMockdevTestbed *testbed_;
    std::string root_dir_;
    static int Take(std::set<int> *used, int *next, int first);
    std::mutex mutex_;
    std::set<int> devnums_, ports_;
    int next_devnum_ = 2;
    int next_port_ = 1;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_UMOCKDEV_ENV_H_
