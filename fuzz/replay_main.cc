// Corpus replay driver: a stand-in for libFuzzer's main() in ordinary builds.
// Each file named on the command line (or each regular file inside a named
// directory) is copied into an exact-size heap buffer, so a one-byte
// over-read is caught by ASan, and passed to LLVMFuzzerTestOneInput once.
#include <dirent.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

namespace
{

bool ReadFile(const std::string &path, std::vector<uint8_t> *out)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (f == nullptr)
        return false;
    uint8_t chunk[65536];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0)
        out->insert(out->end(), chunk, chunk + n);
    const bool ok = std::ferror(f) == 0;
    std::fclose(f);
    return ok;
}

void CollectInputs(const std::string &path, std::vector<std::string> *inputs)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
    {
        std::fprintf(stderr, "replay: cannot stat %s\n", path.c_str());
        std::exit(2);
    }
    if (!S_ISDIR(st.st_mode))
    {
        inputs->push_back(path);
        return;
    }
    DIR *dir = opendir(path.c_str());
    if (dir == nullptr)
        return;
    while (dirent *entry = readdir(dir))
    {
        if (entry->d_name[0] == '.')
            continue;
        CollectInputs(path + "/" + entry->d_name, inputs);
    }
    closedir(dir);
}

} // namespace

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize != nullptr)
        LLVMFuzzerInitialize(&argc, &argv);
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; ++i)
    {
        if (argv[i][0] == '-')
            continue; // libFuzzer-style flags are ignored here.
        CollectInputs(argv[i], &inputs);
    }
    if (inputs.empty())
    {
        std::fprintf(stderr, "replay: no input files given\n");
        return 2;
    }
    for (const std::string &path : inputs)
    {
        std::vector<uint8_t> bytes;
        if (!ReadFile(path, &bytes))
        {
            std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
            return 2;
        }
        // Exact-size copy: reading one byte past the input is an ASan error.
        std::unique_ptr<uint8_t[]> exact(new uint8_t[bytes.size() + (bytes.empty() ? 1 : 0)]);
        if (!bytes.empty())
            std::memcpy(exact.get(), bytes.data(), bytes.size());
        LLVMFuzzerTestOneInput(exact.get(), bytes.size());
    }
    std::printf("replay: %zu inputs ran without a crash\n", inputs.size());
    return 0;
}
