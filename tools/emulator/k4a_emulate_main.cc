// k4a-emulate: runs an unmodified k4a program against the emulated device.
//
//   k4a-emulate [--frames=DIR] [--recording=FILE] [--serial=S] -- PROGRAM [ARGS...]
//
// A plain program has no emulator inside it. This one re-runs itself under
// libumockdev-preload, plugs the emulated k4a camera into its umockdev test
// bed, then starts PROGRAM with the same environment (LD_PRELOAD and
// UMOCKDEV_DIR), so PROGRAM's libusb finds the camera in the test bed and its
// usbfs requests come back over umockdev's socket to the device model here.
// Exits with PROGRAM's status (128 + signal when it died of one), 2 on a
// usage or set-up error.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "tools/emulator/emulated_device.h"
#include "tools/emulator/umockdev_env.h"

namespace
{

constexpr char kUsage[] = "usage: k4a-emulate [--frames=DIR] [--recording=FILE] [--serial=S] -- PROGRAM [ARGS...]\n"
                          "Runs PROGRAM with the emulated k4a device attached (real libusb, umockdev).\n"
                          "  --frames=DIR  real Azure Kinect frames to send (default: $OPENK4A_TESTDATA if set,\n"
                          "                else a synthetic scene)\n"
                          "  --recording=FILE  replay this Azure Kinect recording (.mkv) as the frames, looping, and\n"
                          "                its calibration; PROGRAM must stream the recording's modes\n"
                          "  --serial=S    the device's serial number (default 000000000001)\n";

pid_t g_program = -1;

void ForwardSignal(int sig)
{
    if (g_program > 0)
        kill(g_program, sig);
}

} // namespace

int main(int argc, char **argv)
{
    openk4a::emulator::EmulatorOptions options;
    if (const char *testdata = getenv("OPENK4A_TESTDATA"))
        options.testdata_dir = testdata;
    int program = -1;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--")
        {
            program = i + 1;
            break;
        }
        else if (arg.rfind("--frames=", 0) == 0)
        {
            options.testdata_dir = arg.substr(9);
        }
        else if (arg.rfind("--recording=", 0) == 0)
        {
            options.recording_path = arg.substr(12);
        }
        else if (arg.rfind("--serial=", 0) == 0)
        {
            options.serial = arg.substr(9);
        }
        else
        {
            fprintf(stderr, "k4a-emulate: unknown argument '%s'\n%s", arg.c_str(), kUsage);
            return 2;
        }
    }
    if (program < 0 || program >= argc)
    {
        fputs(kUsage, stderr);
        return 2;
    }

    openk4a::emulator::RunUnderUmockdevOrDie(argc, argv); // returns in the preloaded copy only
    std::string error;
    std::unique_ptr<openk4a::emulator::EmulatedDevice> device =
        openk4a::emulator::EmulatedDevice::Create(options, &error);
    if (device == nullptr)
    {
        fprintf(stderr, "k4a-emulate: cannot plug in the emulated device: %s\n", error.c_str());
        return 2;
    }

    fflush(nullptr);
    g_program = fork();
    if (g_program < 0)
    {
        fprintf(stderr, "k4a-emulate: fork: %s\n", strerror(errno));
        return 2;
    }
    if (g_program == 0)
    {
        execvp(argv[program], argv + program);
        fprintf(stderr, "k4a-emulate: cannot run %s: %s\n", argv[program], strerror(errno));
        _exit(127);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ForwardSignal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    int status = 0;
    while (waitpid(g_program, &status, 0) < 0 && errno == EINTR)
    {
    }
    device.reset(); // the program and its handles are gone
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 2;
}
