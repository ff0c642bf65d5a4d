// k4a-enum: lists k4a devices, their serial numbers and modes. See k4a-enum --help.
#include "tools/stream/app.h"

int main(int argc, char **argv)
{
    return openk4a::stream::Main(openk4a::stream::Program::kEnum, argc, argv);
}
