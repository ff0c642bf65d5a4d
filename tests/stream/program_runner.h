// Runs a program of this workspace (from the test's runfiles) in its own
// process group with stdout/stderr captured, and never waits longer than a
// deadline: on timeout the whole group is killed and the result says so.
#ifndef OPENK4A_TESTS_STREAM_PROGRAM_RUNNER_H_
#define OPENK4A_TESTS_STREAM_PROGRAM_RUNNER_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/testing/runfiles.h"

namespace openk4a::testing
{

struct ProgramResult
{
    bool timed_out = false;
    bool exited = false; // else killed by `signal`
    int exit_status = -1;
    int signal = 0;
    std::string out;
    std::string err;
    double seconds = 0;
};

// Waits at most `timeout_s`. `while_running` (optional) is called every
// 20 ms with the process group id and the stdout/stderr so far; it returns
// true once it has done its part (it is then not called again).
ProgramResult
RunProgram(const std::string &path, const std::vector<std::string> &args, double timeout_s,
           const std::function<bool(pid_t group, const std::string &out, const std::string &err)> &while_running = {});

// A fresh empty folder under TEST_TMPDIR.
std::string FreshDir(const std::string &name);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_STREAM_PROGRAM_RUNNER_H_
