// The built-in emulated device for k4a-stream: the emulator library's k4a
// device (or a webcam's descriptors), with the faults asked for on the
// command line. Needs the process to run under libumockdev-preload.
#ifndef OPENK4A_TOOLS_STREAM_EMULATED_H_
#define OPENK4A_TOOLS_STREAM_EMULATED_H_

#include <memory>
#include <string>

#include "tools/emulator/emulated_device.h"
#include "tools/stream/options.h"

namespace openk4a::stream
{

// Plugs in the emulated device and injects options.faults. nullptr with
// `error` set when it cannot be made (bad descriptor file, a fault naming a
// stream the device does not have).
std::unique_ptr<emulator::EmulatedDevice> PlugEmulatedDevice(const Options &options, std::string *error);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_EMULATED_H_
