#include "tests/testing/runfiles.h"

#include <stdlib.h>

namespace openk4a::testing
{

std::string RunfilePath(const std::string &label)
{
    const char *srcdir = getenv("TEST_SRCDIR");
    const char *workspace = getenv("TEST_WORKSPACE");
    return std::string(srcdir != nullptr ? srcdir : ".") + "/" + (workspace != nullptr ? workspace : "openk4a") + "/" +
           label;
}

} // namespace openk4a::testing
