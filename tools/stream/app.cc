#include "tools/stream/app.h"

#include <k4a/k4a.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "openk4a/device.h"
#include "openk4a/version.h"
#include "tools/emulator/umockdev_env.h"
#include "tools/stream/console.h"
#include "tools/stream/device_list.h"
#include "tools/stream/emulated.h"
#include "tools/stream/library_log.h"
#include "tools/stream/stop_signal.h"
#include "tools/stream/streamer.h"

namespace openk4a::stream
{
namespace
{

bool IsDirectory(const std::string &path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Relative paths are relative to where the user typed the command (bazel run
// starts programs in their runfiles folder and says where that was).
std::string Absolute(const std::string &path)
{
    if (path.empty() || path[0] == '/')
        return path;
    std::string base;
    if (const char *dir = getenv("BUILD_WORKING_DIRECTORY"); dir != nullptr && *dir != '\0')
    {
        base = dir;
    }
    else
    {
        char cwd[PATH_MAX];
        base = getcwd(cwd, sizeof cwd) != nullptr ? cwd : ".";
    }
    return base + "/" + path;
}

std::string Canonical(const std::string &path)
{
    char resolved[PATH_MAX];
    return realpath(path.c_str(), resolved) != nullptr ? std::string(resolved) : path;
}

// Real Azure Kinect frames for the emulated device, when the shared test data
// is around: $OPENK4A_TESTDATA, else ../shared/testdata next to the source tree.
std::string DefaultEmulatorFrames()
{
    if (const char *dir = getenv("OPENK4A_TESTDATA"); dir != nullptr && *dir != '\0')
        return Canonical(Absolute(dir));
    if (const char *ws = getenv("BUILD_WORKSPACE_DIRECTORY"); ws != nullptr && *ws != '\0')
    {
        const std::string dir = std::string(ws) + "/../shared/testdata";
        if (IsDirectory(dir + "/mjpeg") || IsDirectory(dir + "/frames"))
            return Canonical(dir);
    }
    return "";
}

// Makes every path absolute and fills in defaults, so the re-run under the
// preload (with its own TMPDIR) sees the same folders.
bool ResolvePaths(Options *options, std::string *error)
{
    if (options->output_dir.empty())
    {
        const char *tmp = getenv("TMPDIR");
        options->output_dir = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/k4a-stream";
    }
    options->output_dir = Absolute(options->output_dir);
    while (options->output_dir.size() > 1 && options->output_dir.back() == '/')
        options->output_dir.pop_back();
    if (!options->emulate_descriptor.empty())
    {
        options->emulate_descriptor = Absolute(options->emulate_descriptor);
        if (access(options->emulate_descriptor.c_str(), R_OK) != 0)
        {
            *error = "--emulate-descriptor: cannot read " + options->emulate_descriptor + ": " + strerror(errno);
            return false;
        }
    }
    if (!options->emulate_frames)
    {
        options->emulate_frames = DefaultEmulatorFrames();
    }
    else if (!options->emulate_frames->empty())
    {
        options->emulate_frames = Absolute(*options->emulate_frames);
        if (!IsDirectory(*options->emulate_frames))
        {
            *error = "--emulate-frames: " + *options->emulate_frames + " is not a folder";
            return false;
        }
    }
    return true;
}

// Runs this program again under libumockdev-preload with the resolved
// options; returns only in that child (never in this process).
void RerunUnderUmockdev(int argc, char **argv, const Options &options)
{
    static std::vector<std::string> args;
    args.assign(argv, argv + argc);
    args.push_back("--emulate");
    if (options.program == Program::kStream)
        args.push_back("--output=" + options.output_dir);
    args.push_back("--emulate-frames=" + options.emulate_frames.value_or(""));
    if (!options.emulate_descriptor.empty())
        args.push_back("--emulate-descriptor=" + options.emulate_descriptor);
    static std::vector<char *> pointers;
    for (std::string &arg : args)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    emulator::RunUnderUmockdevOrDie(static_cast<int>(args.size()), pointers.data());
}

} // namespace

int Main(Program program, int argc, char **argv)
{
    const char *name = program == Program::kEnum ? "k4a-enum" : "k4a-stream";
    // Re-run through /proc/self/exe the process would be called "exe" (in top,
    // and for the CPU split, which goes by thread names).
    prctl(PR_SET_NAME, name, 0, 0, 0);
    Options options;
    std::string error;
    if (!ParseOptions(program, argc, argv, &options, &error))
    {
        fprintf(stderr, "%s: %s\nTry '%s --help' for the options and examples.\n", name, error.c_str(), name);
        return kExitUsage;
    }
    if (options.help)
    {
        fputs(HelpText(program).c_str(), stdout);
        return kExitOk;
    }
    if (options.version)
    {
        printf("%s (openk4a %s)\n", name, openk4a_version_string());
        return kExitOk;
    }
    if (!ResolvePaths(&options, &error))
    {
        fprintf(stderr, "%s: %s\n", name, error.c_str());
        return kExitUsage;
    }
    InstallStopSignals();
    InstallLibraryLog(options.verbose);
    if (!options.emulate_descriptor.empty())
        options.generic_uvc = true;
    openk4a_device_set_generic_uvc(options.generic_uvc);
    const bool status_line =
        options.progress == Progress::kStatus || (options.progress == Progress::kAuto && Console::StdoutIsTerminal());
    Console console(name, status_line);

    const bool emulated = emulator::UmockdevPreloadActive();
    if (!emulated)
    {
        if (!options.emulate && k4a_device_get_installed_count() == 0)
        {
            if (options.list)
            {
                console.Raw(options.json ? "{\n  \"emulated\": false,\n  \"devices\": []\n}\n" :
                                           "No k4a device attached. (--emulate lists the built-in emulated device.)\n");
                return kExitOk;
            }
            fprintf(stderr,
                    "%s: no Azure Kinect attached; streaming from the built-in emulated device "
                    "(the real libusb talking to an emulated USB camera)\n",
                    name);
            options.emulate = true;
        }
        if (options.emulate)
            RerunUnderUmockdev(argc, argv, options);
    }

    std::unique_ptr<emulator::EmulatedDevice> device;
    if (emulated)
    {
        device = PlugEmulatedDevice(options, &error);
        if (device == nullptr)
        {
            console.Error("cannot plug in the emulated device: " + error);
            return kExitFailed;
        }
    }
    StreamResult result;
    if (options.list)
    {
        result.exit_status = ListDevices(options, emulated, &console);
    }
    else
    {
        result = RunStream(options, emulated, &console);
    }
    device.reset(); // the program closed its handles first
    RemoveLibraryLog();
    if (result.stop_signal != 0)
        ExitForSignal(result.stop_signal, emulated);
    return result.exit_status;
}

} // namespace openk4a::stream
