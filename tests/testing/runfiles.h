// Paths of a test's runfiles (Bazel's TEST_SRCDIR tree).
#ifndef OPENK4A_TESTS_TESTING_RUNFILES_H_
#define OPENK4A_TESTS_TESTING_RUNFILES_H_

#include <string>

namespace openk4a::testing
{

// The absolute path of `label` ("tools/stream/k4a-stream") in the runfiles;
// the file may be absent.
std::string RunfilePath(const std::string &label);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_TESTING_RUNFILES_H_
