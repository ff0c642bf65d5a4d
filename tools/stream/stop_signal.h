// Ctrl-C and SIGTERM: the first asks the streaming loop to stop cleanly (it
// polls StopSignal()); one arriving more than a second later ends the process
// at once. Repeats within that second are ignored: a terminal's Ctrl-C reaches
// this process twice when it runs under the emulator's re-exec parent, which
// forwards the signal too.
#ifndef OPENK4A_TOOLS_STREAM_STOP_SIGNAL_H_
#define OPENK4A_TOOLS_STREAM_STOP_SIGNAL_H_

namespace openk4a::stream
{

void InstallStopSignals();

// The signal that asked to stop (SIGINT, SIGTERM), or 0.
int StopSignal();

// Ends the process as the convention for `signal` asks: re-raised with the
// default action, so a shell sees "killed by SIGINT" (status 130). Under the
// emulator's re-exec parent (which turns a child's death by signal into a
// message), exits 128 + signal instead.
[[noreturn]] void ExitForSignal(int signal, bool under_reexec_parent);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_STOP_SIGNAL_H_
