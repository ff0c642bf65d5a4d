#include "tools/stream/fault_spec.h"

#include <errno.h>
#include <stdlib.h>

#include <string>

namespace openk4a::stream
{
namespace
{

using emulator::FaultKind;

struct KindName
{
    const char *name;
    FaultKind kind;
};

constexpr KindName kKinds[] = {
    {"err-bit", FaultKind::kErrBit},
    {"bad-header-length", FaultKind::kBadHeaderLength},
    {"fid-toggle", FaultKind::kFidToggleMidFrame},
    {"lost-eof", FaultKind::kLostEof},
    {"truncated", FaultKind::kTruncated},
    {"oversized", FaultKind::kOversized},
    {"corrupt-jpeg", FaultKind::kCorruptJpeg},
    {"slow", FaultKind::kSlowSource},
    {"burst", FaultKind::kBurst},
    {"pause", FaultKind::kPause},
    {"stall", FaultKind::kStall},
    {"unplug", FaultKind::kUnplug},
    {"transfer-error", FaultKind::kTransferError},
};

// Reads a decimal number at text[*pos...] up to the next separator.
bool Number(const std::string &text, size_t *pos, uint64_t max, uint64_t *value)
{
    size_t end = *pos;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9')
        end++;
    if (end == *pos || end - *pos > 18)
        return false;
    const uint64_t v = strtoull(text.substr(*pos, end - *pos).c_str(), nullptr, 10);
    if (v > max)
        return false;
    *value = v;
    *pos = end;
    return true;
}

} // namespace

std::string FaultKindList()
{
    std::string list;
    for (const KindName &k : kKinds)
    {
        if (!list.empty())
            list += ", ";
        list += k.name;
    }
    return list;
}

// A run of letters and '-' from `pos` (a kind or stream name). An 'x' right
// before a digit starts the count instead ("unplugx3").
std::string Word(const std::string &text, size_t *pos)
{
    const size_t begin = *pos;
    size_t end = begin;
    while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '-'))
    {
        if (text[end] == 'x' && end + 1 < text.size() && text[end + 1] >= '0' && text[end + 1] <= '9')
            break;
        end++;
    }
    *pos = end;
    return text.substr(begin, end - begin);
}

bool ParseFaultSpec(const std::string &text, FaultSpec *spec, std::string *error)
{
    *spec = FaultSpec();
    spec->text = text;
    size_t pos = 0;
    const std::string kind = Word(text, &pos);
    bool found = false;
    for (const KindName &k : kKinds)
    {
        if (kind == k.name)
        {
            spec->kind = k.kind;
            found = true;
        }
    }
    if (!found)
    {
        *error = "unknown fault '" + text.substr(0, text.find_first_of(":@=")) + "' (one of: " + FaultKindList() + ")";
        return false;
    }
    if (pos < text.size() && text[pos] == ':')
    {
        pos++;
        const std::string stream = Word(text, &pos);
        if (stream == "color" || stream == "colour")
        {
            spec->stream = emulator::kColorStream;
        }
        else if (stream == "depth")
        {
            spec->stream = emulator::kDepthStream;
        }
        else if (stream == "ir")
        {
            spec->stream = emulator::kIrStream;
        }
        else
        {
            *error = "fault '" + text + "': unknown stream '" + stream + "' (color, depth or ir)";
            return false;
        }
    }
    uint64_t value = 0;
    if (pos < text.size() && text[pos] == '@')
    {
        pos++;
        if (!Number(text, &pos, UINT32_MAX, &value))
        {
            *error = "fault '" + text + "': '@' needs a frame number";
            return false;
        }
        spec->frame = value;
    }
    if (pos < text.size() && text[pos] == 'x')
    {
        pos++;
        if (!Number(text, &pos, 1000000, &value) || value == 0)
        {
            *error = "fault '" + text + "': 'x' needs a frame count from 1 to 1000000";
            return false;
        }
        spec->count = static_cast<int>(value);
    }
    if (pos < text.size() && text[pos] == '=')
    {
        pos++;
        if (!Number(text, &pos, 100000000, &value))
        {
            *error = "fault '" + text + "': '=' needs a parameter from 0 to 100000000";
            return false;
        }
        spec->param = static_cast<int>(value);
    }
    if (pos < text.size())
    {
        *error = "fault '" + text + "': unexpected '" + text.substr(pos) + "' (KIND[:STREAM][@FRAME][xCOUNT][=PARAM])";
        return false;
    }
    return true;
}

emulator::Fault ToFault(const FaultSpec &spec, int default_stream)
{
    emulator::Fault fault;
    fault.kind = spec.kind;
    fault.stream = spec.stream.value_or(default_stream);
    fault.after_frames = spec.frame;
    fault.count = spec.count;
    fault.param = spec.param;
    return fault;
}

} // namespace openk4a::stream
