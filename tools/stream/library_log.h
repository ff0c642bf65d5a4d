// The library's log messages, caught so the program can say in one line why
// something failed (the last error) instead of the library's raw lines; with
// --verbose they are shown as they come.
#ifndef OPENK4A_TOOLS_STREAM_LIBRARY_LOG_H_
#define OPENK4A_TOOLS_STREAM_LIBRARY_LOG_H_

#include <string>

namespace openk4a::stream
{

// Installs the handler (once per process). Unless the user configured the
// library's own output (K4A_LOG_LEVEL, K4A_ENABLE_LOG_TO_STDOUT), it is
// switched off so messages are not shown twice. verbose: 0 = keep errors for
// LastLibraryError(), 1 = also print warnings and info, 2 = trace too.
void InstallLibraryLog(int verbose);

// Removes the handler (before exit, once no library thread runs).
void RemoveLibraryLog();

// The text of the most recent error the library logged since the last
// ClearLibraryError(), or "" if none.
std::string LastLibraryError();
void ClearLibraryError();

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_LIBRARY_LOG_H_
