// Where k4a-stream's text goes: capture lines, the summary and JSON to
// stdout; the live status line rewritten in place on a terminal; messages
// and errors to stderr (clearing the status line first so nothing mixes).
#ifndef OPENK4A_TOOLS_STREAM_CONSOLE_H_
#define OPENK4A_TOOLS_STREAM_CONSOLE_H_

#include <string>

namespace openk4a::stream
{

class Console
{
public:
    // `status_line`: stdout is a terminal that shows the status line.
    Console(const char *program, bool status_line) : program_(program), status_line_(status_line) {}

    static bool StdoutIsTerminal();
    bool shows_status() const
    {
        return status_line_;
    }

    // A whole line (newline added) on stdout.
    void Out(const std::string &line);
    // Text as is on stdout (the summary, JSON).
    void Raw(const std::string &text);
    // "<program>: <message>" on stderr.
    void Error(const std::string &message);
    // Replaces the status line (cut to the terminal's width).
    void Status(const std::string &line);
    // Ends the status line so the next output starts on a clean line.
    void ClearStatus();

private:
    const char *program_;
    bool status_line_;
    bool status_shown_ = false;
};

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_CONSOLE_H_
