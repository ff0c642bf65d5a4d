// k4a-stream: streams captures from a k4a device (or the built-in emulated
// one) and shows what arrived. See k4a-stream --help.
#include "tools/stream/app.h"

int main(int argc, char **argv)
{
    return openk4a::stream::Main(openk4a::stream::Program::kStream, argc, argv);
}
