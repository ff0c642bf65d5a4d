// The emulated sensors' frame grid: frame k is exposed at epoch + k * period,
// on every stream at one rate, whatever the host does.
#ifndef OPENK4A_TOOLS_EMULATOR_FRAME_CLOCK_H_
#define OPENK4A_TOOLS_EMULATOR_FRAME_CLOCK_H_

#include <stdint.h>

#include <chrono>

namespace openk4a::emulator
{

// The frame being exposed at `now`.
inline uint64_t FrameAt(std::chrono::steady_clock::time_point epoch, std::chrono::nanoseconds period,
                        std::chrono::steady_clock::time_point now)
{
    return now > epoch ? static_cast<uint64_t>((now - epoch) / period) : 0;
}

// The frame a sensor loop sends when it wakes for frame `next` (due at or
// before `now`). A loop that woke more than a frame late (a machine too busy
// to run it on time) resumes at the frame being exposed now, as a camera's
// pipeline drops what it could not send: sending each missed frame late, with
// its old timestamp, would walk this stream's timestamps away from the other
// streams' and from the device clock. *skipped: how many it passed over.
inline uint64_t FrameToSend(std::chrono::steady_clock::time_point epoch, std::chrono::nanoseconds period, uint64_t next,
                            std::chrono::steady_clock::time_point now, uint64_t *skipped)
{
    const uint64_t current = FrameAt(epoch, period, now);
    *skipped = current > next + 1 ? current - next : 0;
    return next + *skipped;
}

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_FRAME_CLOCK_H_
