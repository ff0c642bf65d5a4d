#include "tests/stream/program_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <string>

extern char **environ;

namespace openk4a::testing
{
namespace
{

double Now()
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

std::string ReadAll(const std::string &path)
{
    std::string text;
    FILE *f = fopen(path.c_str(), "rb");
    if (f == nullptr)
        return text;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        text.append(chunk, n);
    fclose(f);
    return text;
}

} // namespace

std::string FreshDir(const std::string &name)
{
    static int counter = 0;
    const char *tmp = getenv("TEST_TMPDIR");
    const std::string dir = std::string(tmp != nullptr ? tmp : "/tmp") + "/" + name + "." + std::to_string(getpid()) +
                            "." + std::to_string(++counter);
    mkdir(dir.c_str(), 0777);
    return dir;
}

ProgramResult
RunProgram(const std::string &path, const std::vector<std::string> &args, double timeout_s,
           const std::function<bool(pid_t group, const std::string &out, const std::string &err)> &while_running)
{
    ProgramResult result;
    const std::string dir = FreshDir("run");
    const std::string out_path = dir + "/stdout", err_path = dir + "/stderr";
    std::vector<std::string> argv_strings = {path};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (std::string &s : argv_strings)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0); // its own group, as a shell job
    pid_t pid = -1;
    const double start = Now();
    const int spawned = posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (spawned != 0)
    {
        result.err = "posix_spawn " + path + ": " + strerror(spawned);
        return result;
    }
    bool helper_done = !while_running;
    int status = 0;
    for (;;)
    {
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            break;
        if (Now() - start > timeout_s)
        {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            result.timed_out = true;
            break;
        }
        if (!helper_done)
            helper_done = while_running(pid, ReadAll(out_path), ReadAll(err_path));
        usleep(20000);
    }
    // Whatever the group left running (the re-exec child, if its parent died).
    kill(-pid, SIGKILL);
    result.seconds = Now() - start;
    if (!result.timed_out)
    {
        result.exited = WIFEXITED(status);
        result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
    result.out = ReadAll(out_path);
    result.err = ReadAll(err_path);
    return result;
}

} // namespace openk4a::testing
