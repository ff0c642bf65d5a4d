#include "tests/testing/testdata.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdio>

namespace openk4a::testing
{
namespace
{

bool IsFile(const std::string &path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string Dirname(const std::string &path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

// The checkout's top folder, found from the README's real path in runfiles
// (tests), the workspace bazel run was started from, or the working directory.
std::vector<std::string> CandidateRoots()
{
    std::vector<std::string> roots;
    for (const char *var : {"TEST_SRCDIR", "RUNFILES_DIR"})
    {
        if (const char *dir = getenv(var))
        {
            char resolved[PATH_MAX];
            const std::string readme = std::string(dir) + "/openk4a/README.md";
            if (realpath(readme.c_str(), resolved) != nullptr)
                roots.push_back(Dirname(resolved));
        }
    }
    if (const char *ws = getenv("BUILD_WORKSPACE_DIRECTORY"))
        roots.emplace_back(ws);
    roots.emplace_back(".");
    return roots;
}

} // namespace

std::optional<std::string> TestdataPath(const std::string &relative)
{
    if (const char *dir = getenv("OPENK4A_TESTDATA"))
    {
        const std::string path = std::string(dir) + "/" + relative;
        return IsFile(path) ? std::optional<std::string>(path) : std::nullopt;
    }
    for (const std::string &root : CandidateRoots())
    {
        const std::string path = root + "/../shared/testdata/" + relative;
        if (IsFile(path))
            return path;
    }
    return std::nullopt;
}

std::optional<std::vector<uint8_t>> ReadTestdata(const std::string &relative)
{
    const std::optional<std::string> path = TestdataPath(relative);
    if (!path)
        return std::nullopt;
    FILE *f = std::fopen(path->c_str(), "rb");
    if (f == nullptr)
        return std::nullopt;
    std::vector<uint8_t> bytes;
    uint8_t chunk[65536];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0)
        bytes.insert(bytes.end(), chunk, chunk + n);
    const bool ok = std::ferror(f) == 0;
    std::fclose(f);
    if (!ok)
        return std::nullopt;
    return bytes;
}

} // namespace openk4a::testing
