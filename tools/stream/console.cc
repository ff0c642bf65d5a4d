#include "tools/stream/console.h"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace openk4a::stream
{

bool Console::StdoutIsTerminal()
{
    return isatty(STDOUT_FILENO) != 0;
}

void Console::Out(const std::string &line)
{
    ClearStatus();
    fputs(line.c_str(), stdout);
    fputc('\n', stdout);
    fflush(stdout);
}

void Console::Raw(const std::string &text)
{
    ClearStatus();
    fputs(text.c_str(), stdout);
    fflush(stdout);
}

void Console::Error(const std::string &message)
{
    ClearStatus();
    fprintf(stderr, "%s: %s\n", program_, message.c_str());
    fflush(stderr);
}

void Console::Status(const std::string &line)
{
    if (!status_line_)
        return;
    struct winsize size;
    size_t width = 100;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1)
        width = size.ws_col;
    // One column short of the edge, so the terminal never wraps the line.
    const std::string shown = line.size() >= width ? line.substr(0, width - 1) : line;
    fprintf(stdout, "\r%s\033[K", shown.c_str());
    fflush(stdout);
    status_shown_ = true;
}

void Console::ClearStatus()
{
    if (!status_shown_)
        return;
    fputs("\r\033[K", stdout);
    fflush(stdout);
    status_shown_ = false;
}

} // namespace openk4a::stream
