// The device's counters as one line, for a test's failure message: when a
// streaming test finds no capture in time, what the driver received, delivered
// and dropped (and why) tells a starved machine from a broken pairing.
#ifndef OPENK4A_TESTS_TESTING_DEVICE_STATS_TEXT_H_
#define OPENK4A_TESTS_TESTING_DEVICE_STATS_TEXT_H_

#include <k4a/k4a.h>
#include <openk4a/device.h>

#include <string>

namespace openk4a::testing
{

inline std::string DeviceStatsText(k4a_device_t device)
{
    openk4a_device_stats_t stats{};
    if (openk4a_device_get_stats(device, &stats) != K4A_RESULT_SUCCEEDED)
        return "no device stats";
    std::string text = "captures delivered " + std::to_string(stats.captures_delivered);
    for (int r = 0; r < OPENK4A_CAPTURE_DROP_REASON_COUNT; r++)
    {
        if (stats.captures_dropped[r] != 0)
            text += std::string(", dropped ") +
                    openk4a_capture_drop_reason_name(static_cast<openk4a_capture_drop_reason_t>(r)) + "=" +
                    std::to_string(stats.captures_dropped[r]);
    }
    for (int s = 0; s < OPENK4A_STREAM_COUNT; s++)
    {
        const openk4a_stream_stats_t &stream = stats.streams[s];
        text += "; stream " + std::to_string(s) + " received " + std::to_string(stream.frames_received) +
                " delivered " + std::to_string(stream.frames_delivered);
        for (int r = 0; r < OPENK4A_FRAME_DROP_REASON_COUNT; r++)
        {
            if (stream.frames_dropped[r] != 0)
                text += std::string(" dropped ") +
                        openk4a_frame_drop_reason_name(static_cast<openk4a_frame_drop_reason_t>(r)) + "=" +
                        std::to_string(stream.frames_dropped[r]);
        }
    }
    return text;
}

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_TESTING_DEVICE_STATS_TEXT_H_
