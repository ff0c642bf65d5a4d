// Runs the independent Matroska tools the k4arecord tests check against
// (ffprobe, ffmpeg, mkvinfo, mkvextract; Debian: ffmpeg, mkvtoolnix).
#ifndef OPENK4A_TESTS_RECORD_EXTERNAL_TOOLS_H_
#define OPENK4A_TESTS_RECORD_EXTERNAL_TOOLS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openk4a::testing
{

// Standard output of `command` (run by /bin/sh), or nullopt when it exits
// non-zero.
std::optional<std::string> RunCommand(const std::string &command);

// `ffprobe -of flat` output as key -> value (quotes removed).
std::map<std::string, std::string> ParseFlat(const std::string &text);

// ffprobe's packets: stream index, pts (stream time base), size, byte position.
struct ProbePacket
{
    int stream = 0;
    int64_t pts = 0;
    uint64_t size = 0;
    uint64_t pos = 0;
};
std::optional<std::vector<ProbePacket>> ProbePackets(const std::string &path);

// A whole file's bytes, or nullopt.
std::optional<std::vector<uint8_t>> ReadFile(const std::string &path);

// A fresh temporary path (under TEST_TMPDIR) ending in `suffix`.
std::string TempPath(const std::string &suffix);

// Shell-quotes `text` for RunCommand().
std::string Quote(const std::string &text);

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_RECORD_EXTERNAL_TOOLS_H_
