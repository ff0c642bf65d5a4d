#include "tools/emulator/umockdev_env.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <umockdev.h>

#include <string>

namespace openk4a::emulator
{
namespace
{

constexpr char kPreload[] = "libumockdev-preload.so.0";

pid_t g_child = -1;

void ForwardSignal(int sig)
{
    if (g_child > 0)
        kill(g_child, sig);
}

int RemoveEntry(const char *path, const struct stat *, int, struct FTW *)
{
    remove(path);
    return 0;
}

std::string Appended(const char *name, const std::string &value, char separator)
{
    const char *old = getenv(name);
    if (old == nullptr || *old == '\0')
        return value;
    return std::string(old) + separator + value;
}

} // namespace

bool UmockdevPreloadActive()
{
    const char *preload = getenv("LD_PRELOAD");
    return preload != nullptr && strstr(preload, "libumockdev-preload") != nullptr;
}

void RunUnderUmockdevOrDie(int argc, char **argv)
{
    (void)argc;
    if (UmockdevPreloadActive())
        return;

    char dir[] = "/tmp/ok4a.XXXXXX";
    if (mkdtemp(dir) == nullptr)
    {
        fprintf(stderr, "openk4a emulator: mkdtemp(/tmp/ok4a.XXXXXX): %s\n", strerror(errno));
        exit(2);
    }
    fflush(nullptr);
    g_child = fork();
    if (g_child < 0)
    {
        fprintf(stderr, "openk4a emulator: fork: %s\n", strerror(errno));
        exit(2);
    }
    if (g_child == 0)
    {
        // GLib and umockdev are not instrumented and hand work to umockdev's
        // worker thread through GLib's futex-based main contexts, which
        // ThreadSanitizer cannot see: it then reports umockdev's own strings and
        // mutexes (allocated or freed by the API caller, copied, freed or destroyed
        // by the worker) as
        // races. Excused: races with one of those GLib functions on a stack
        // (our code calls none of them).
        // Our ioctl handlers, though called from GLib, stay checked.
        // libudev (not instrumented either) fills a static buffer with getrandom()
        // from libusb's hotplug thread and from the test bed plugging a device.
        // A GMutex is allocated by GLib on its first lock (on the thread adding
        // a device) and then locked by umockdev's worker: reported at the
        // worker's pthread_mutex_lock. Excused only where the racing access
        // is itself a mutex lock (race_top: the top frame, not any frame on
        // the stack, so our code called from GLib stays checked).
        // libusb before 1.0.27 unlocks a handle's mutex it never locked when
        // libusb_set_interface_alt_setting() finds the device gone (libusb issue
        // 1199; core/device/usb_control.h parks such handles); the unplug race
        // tests reach that path on purpose. Excused for that function only.
        const std::string suppressions = std::string(dir) + "/tsan.supp";
        if (FILE *f = fopen(suppressions.c_str(), "w"))
        {
            fputs("race:g_rec_mutex_clear\n"
                  "race:g_strdup\n"
                  "race:g_malloc\n"
                  "race:g_realloc\n"
                  "race:libudev.so.1\n"
                  "race_top:pthread_mutex_lock\n"
                  "mutex:libusb_set_interface_alt_setting\n",
                  f);
            fclose(f);
            setenv("TSAN_OPTIONS", Appended("TSAN_OPTIONS", "suppressions=" + suppressions, ':').c_str(), 1);
        }
        setenv("LD_PRELOAD", Appended("LD_PRELOAD", kPreload, ':').c_str(), 1);
        setenv("TMPDIR", dir, 1);
        // ASan insists on being first in the library list; the preload comes first.
        setenv("ASAN_OPTIONS", Appended("ASAN_OPTIONS", "verify_asan_link_order=0", ':').c_str(), 1);
        execv("/proc/self/exe", argv);
        fprintf(stderr, "openk4a emulator: re-exec under %s failed: %s\n", kPreload, strerror(errno));
        _exit(127);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ForwardSignal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    int status = 0;
    while (waitpid(g_child, &status, 0) < 0 && errno == EINTR)
    {
    }
    // Whatever the child left (test bed directories after a crash) goes too.
    nftw(dir, RemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
    if (WIFEXITED(status))
        exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
    {
        fprintf(stderr, "openk4a emulator: preloaded child died of signal %d\n", WTERMSIG(status));
        exit(128 + WTERMSIG(status));
    }
    exit(2);
}

Testbed::Testbed(UMockdevTestbed *testbed, std::string root_dir) : testbed_(testbed), root_dir_(std::move(root_dir)) {}

Testbed::~Testbed()
{
    g_object_unref(testbed_);
}

std::shared_ptr<Testbed> Testbed::Acquire(std::string *error)
{
    // One test bed for the life of the process: creating or destroying one sets
    // or unsets $UMOCKDEV_DIR, which other threads read on every intercepted
    // call, so it must not come and go while libusb threads run. Devices come
    // and go instead; the re-exec parent deletes the directory at exit.
    static std::mutex mutex;
    static std::shared_ptr<Testbed> *shared = nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    if (shared != nullptr)
        return *shared;
    if (!UmockdevPreloadActive())
    {
        *error = "libumockdev-preload is not active: call "
                 "openk4a::emulator::RunUnderUmockdevOrDie() first in main()";
        return nullptr;
    }
    UMockdevTestbed *testbed = umockdev_testbed_new();
    if (testbed == nullptr)
    {
        *error = "umockdev_testbed_new failed";
        return nullptr;
    }
    gchar *root = umockdev_testbed_get_root_dir(testbed);
    shared = new std::shared_ptr<Testbed>(new Testbed(testbed, root));
    g_free(root);
    return *shared;
}

int Testbed::Take(std::set<int> *used, int *next, int first)
{
    for (int i = 0; i < 127; i++)
    {
        const int candidate = *next;
        *next = *next >= 127 ? first : *next + 1;
        if (used->insert(candidate).second)
            return candidate;
    }
    return -1;
}

int Testbed::NextDeviceNumber()
{
    std::lock_guard<std::mutex> lock(mutex_);
    return Take(&devnums_, &next_devnum_, 2);
}

int Testbed::NextPort()
{
    std::lock_guard<std::mutex> lock(mutex_);
    return Take(&ports_, &next_port_, 1);
}

void Testbed::ReleaseDeviceNumber(int devnum)
{
    std::lock_guard<std::mutex> lock(mutex_);
    devnums_.erase(devnum);
}

void Testbed::ReleasePort(int port)
{
    std::lock_guard<std::mutex> lock(mutex_);
    ports_.erase(port);
}

} // namespace openk4a::emulator
