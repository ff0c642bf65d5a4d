// --emulate-fault=SPEC: a fault for the emulated device, written as
//
//   KIND[:STREAM][@FRAME][xCOUNT][=PARAM]
//
//   unplug@30            unplug when 30 colour frames have left the device
//   corrupt-jpeg@10x3    scramble colour frames 10, 11 and 12
//   err-bit:depth@5x2    depth frames 5 and 6 carry the UVC ERR bit
//   pause:ir@20=3000     the IR stream sends nothing for 3000 ms after frame 20
//
// STREAM is colour (default when colour is on; depth otherwise), depth or ir.
// FRAME counts frames of that stream from the start (default 0), COUNT how
// many frames the fault touches (default 1), PARAM the kind's parameter (see
// tools/emulator/emulated_device.h).
#ifndef OPENK4A_TOOLS_STREAM_FAULT_SPEC_H_
#define OPENK4A_TOOLS_STREAM_FAULT_SPEC_H_

#include <stdint.h>

#include <optional>
#include <string>

#include "tools/emulator/emulated_device.h"

namespace openk4a::stream
{

struct FaultSpec
{
    emulator::FaultKind kind = emulator::FaultKind::kErrBit;
    std::optional<int> stream; // emulator::kColorStream...; unset: the default stream
    uint64_t frame = 0;
    int count = 1;
    int param = 0;
    std::string text; // as given
};

// False with a message naming the bad part.
bool ParseFaultSpec(const std::string &text, FaultSpec *spec, std::string *error);

// The emulator fault; `default_stream` when the spec names none.
emulator::Fault ToFault(const FaultSpec &spec, int default_stream);

// "unplug, stall, pause, ..." for messages and --help.
std::string FaultKindList();

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_FAULT_SPEC_H_
