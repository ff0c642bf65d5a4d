#include "tools/stream/text.h"

#include <stdarg.h>
#include <stdio.h>

#include <string>

namespace openk4a::stream
{

std::string Printf(const char *format, ...)
{
    char small[256];
    va_list args;
    va_start(args, format);
    va_list again;
    va_copy(again, args);
    const int length = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    std::string text;
    if (length < 0)
    {
        va_end(again);
        return text;
    }
    if (static_cast<size_t>(length) < sizeof small)
    {
        text.assign(small, static_cast<size_t>(length));
    }
    else
    {
        text.resize(static_cast<size_t>(length));
        vsnprintf(&text[0], text.size() + 1, format, again);
    }
    va_end(again);
    return text;
}

} // namespace openk4a::stream
