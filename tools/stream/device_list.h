// --list and k4a-enum: every attached device (or the one asked for) with its
// serial number and the modes it offers. (Not the IMU: it can only be tried
// with the cameras running.)
#ifndef OPENK4A_TOOLS_STREAM_DEVICE_LIST_H_
#define OPENK4A_TOOLS_STREAM_DEVICE_LIST_H_

#include "tools/stream/console.h"
#include "tools/stream/options.h"

namespace openk4a::stream
{

// Returns the exit status: 0 (also for no device), 1 when a device could not
// be opened, 2 for a device index that is not there.
int ListDevices(const Options &options, bool emulated, Console *console);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_DEVICE_LIST_H_
