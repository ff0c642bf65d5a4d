// Writes the seed corpus of //fuzz:playback_fuzzer with our own writer (never
// a copy of testdata): small recordings that reach every part of playback.
//
//   bazel run //tests/record:write_playback_seeds -- $PWD/fuzz/corpus/playback
#include <cstdio>
#include <string>

#include "tests/record/recording_fixtures.h"

int main(int argc, char **argv)
{
    if (argc != 2)
    {
        std::fprintf(stderr, "usage: %s <corpus directory>\n", argv[0]);
        return 2;
    }
    using openk4a::testing::RecordingSpec;
    struct Seed
    {
        const char *name;
        RecordingSpec spec;
    };
    RecordingSpec imu_custom;
    imu_custom.color_resolution = K4A_COLOR_RESOLUTION_OFF;
    imu_custom.depth_mode = K4A_DEPTH_MODE_OFF;
    imu_custom.captures = 6;
    imu_custom.imu_per_capture = 3;
    imu_custom.custom_tracks = true;
    RecordingSpec color;
    color.depth_mode = K4A_DEPTH_MODE_OFF;
    color.captures = 3;
    color.imu_per_capture = 2;
    color.custom_tracks = true;
    RecordingSpec depth;
    depth.color_resolution = K4A_COLOR_RESOLUTION_OFF;
    depth.captures = 1;
    depth.imu_per_capture = 1;
    depth.calibration = false;
    const Seed seeds[] = {{"imu_and_custom_tracks.mkv", imu_custom},
                          {"color_mjpg_720p_3_captures.mkv", color},
                          {"depth_ir_nfov_binned_1_capture.mkv", depth}};
    int failures = 0;
    for (const Seed &seed : seeds)
    {
        const std::string path = std::string(argv[1]) + "/" + seed.name;
        openk4a::testing::WrittenRecording written;
        std::string error;
        if (!openk4a::testing::WriteTestRecording(path, seed.spec, &written, &error))
        {
            std::fprintf(stderr, "%s: %s\n", path.c_str(), error.c_str());
            failures++;
        }
    }
    return failures == 0 ? 0 : 1;
}
