// printf into a std::string, for the programs' messages and reports.
#ifndef OPENK4A_TOOLS_STREAM_TEXT_H_
#define OPENK4A_TOOLS_STREAM_TEXT_H_

#include <string>

namespace openk4a::stream
{

// The whole text, however long.
std::string Printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_TEXT_H_
