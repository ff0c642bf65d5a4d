// One streaming run of k4a-stream: open the device, check the configuration
// against what it offers, start cameras and IMU, take captures (decoding MJPG
// to BGRA32 on worker threads when the driver does not), show them, stop,
// write the pictures and print the summary.
#ifndef OPENK4A_TOOLS_STREAM_STREAMER_H_
#define OPENK4A_TOOLS_STREAM_STREAMER_H_

#include "tools/stream/console.h"
#include "tools/stream/options.h"

namespace openk4a::stream
{

enum ExitStatus
{
    kExitOk = 0,
    kExitFailed = 1, // the device failed, disappeared or stopped sending; a picture was not written
    kExitUsage = 2,  // bad command line, a mode the device does not offer
};

struct StreamResult
{
    int exit_status = kExitOk;
    int stop_signal = 0; // SIGINT/SIGTERM stopped the run (exit as the convention asks)
};

// `options.output_dir` must be set (absolute). `emulated`: the device is the
// built-in emulated one (for messages and the CPU split).
StreamResult RunStream(const Options &options, bool emulated, Console *console);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_STREAMER_H_
