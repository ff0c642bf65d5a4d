// main() of k4a-stream and k4a-enum: options, the choice between an attached
// device and the built-in emulated one (re-running the program under
// libumockdev-preload for the latter), then listing or streaming.
#ifndef OPENK4A_TOOLS_STREAM_APP_H_
#define OPENK4A_TOOLS_STREAM_APP_H_

#include "tools/stream/options.h"

namespace openk4a::stream
{

int Main(Program program, int argc, char **argv);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_APP_H_
