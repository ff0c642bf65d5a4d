// k4a_playback_get_calibration(): the recording's calibration.json parsed by
// the core's calibration parser.
#include <k4a/k4a.h>
#include <k4arecord/playback.h>

#include <vector>

#include "core/log.h"
#include "core/record/playback_internal.h"

k4a_result_t k4a_playback_get_calibration(k4a_playback_t playback_handle, k4a_calibration_t *calibration)
{
    if (playback_handle == nullptr || playback_handle->magic != ok4a::record::kPlaybackMagic || calibration == nullptr)
    {
        OK4A_LOG_ERROR("%s: invalid playback handle or NULL calibration", __func__);
        return K4A_RESULT_FAILED;
    }
    size_t size = 0;
    if (k4a_playback_get_raw_calibration(playback_handle, nullptr, &size) != K4A_BUFFER_RESULT_TOO_SMALL)
        return K4A_RESULT_FAILED; // logged: no calibration attachment
    std::vector<uint8_t> raw(size);
    if (k4a_playback_get_raw_calibration(playback_handle, raw.data(), &size) != K4A_BUFFER_RESULT_SUCCEEDED)
        return K4A_RESULT_FAILED;
    const k4a_record_configuration_t &config = playback_handle->config;
    // As the SDK: the modes the recording was made with select the camera calibrations.
    return k4a_calibration_get_from_raw(reinterpret_cast<char *>(raw.data()), raw.size(), config.depth_mode,
                                        config.color_resolution, calibration);
}
