#include "tests/record/external_tools.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace openk4a::testing
{

std::optional<std::string> RunCommand(const std::string &command)
{
    FILE *pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return std::nullopt;
    std::string out;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    const int status = pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::nullopt;
    return out;
}

std::map<std::string, std::string> ParseFlat(const std::string &text)
{
    std::map<std::string, std::string> values;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
    {
        const size_t eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        std::string value = line.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        values[line.substr(0, eq)] = value;
    }
    return values;
}

std::optional<std::vector<ProbePacket>> ProbePackets(const std::string &path)
{
    const std::optional<std::string> out = RunCommand(
        "ffprobe -v error -show_packets -show_entries packet=stream_index,pts,size,pos -of csv=p=0 " + Quote(path));
    if (!out)
        return std::nullopt;
    std::vector<ProbePacket> packets;
    std::istringstream lines(*out);
    std::string line;
    while (std::getline(lines, line))
    {
        ProbePacket packet;
        unsigned long long size = 0, pos = 0;
        long long pts = 0;
        if (std::sscanf(line.c_str(), "%d,%lld,%llu,%llu", &packet.stream, &pts, &size, &pos) == 4)
        {
            packet.pts = pts;
            packet.size = size;
            packet.pos = pos;
            packets.push_back(packet);
        }
    }
    return packets;
}

std::optional<std::vector<uint8_t>> ReadFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string TempPath(const std::string &suffix)
{
    static std::atomic<int> counter{0};
    const char *dir = std::getenv("TEST_TMPDIR");
    return std::string(dir != nullptr ? dir : "/tmp") + "/k4arecord_" + std::to_string(getpid()) + "_" +
           std::to_string(counter++) + suffix;
}

std::string Quote(const std::string &text)
{
    std::string quoted = "'";
    for (char c : text)
    {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

} // namespace openk4a::testing
