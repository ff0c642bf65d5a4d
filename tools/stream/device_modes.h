// The camera modes an open device offers, found by asking the driver about
// every k4a configuration (openk4a_device_check_configuration: the device's
// descriptors plus the k4a rules), and their text form for --list and for
// "unsupported configuration" messages.
#ifndef OPENK4A_TOOLS_STREAM_DEVICE_MODES_H_
#define OPENK4A_TOOLS_STREAM_DEVICE_MODES_H_

#include <k4a/k4a.h>

#include <string>
#include <vector>

namespace openk4a::stream
{

struct ColorMode
{
    k4a_image_format_t format;
    k4a_color_resolution_t resolution;
    k4a_fps_t fps;
};

struct DepthMode
{
    k4a_depth_mode_t mode;
    k4a_fps_t fps;
};

struct DeviceModes
{
    std::vector<ColorMode> color; // MJPG, BGRA32 (decoded by the driver), NV12, YUY2
    std::vector<DepthMode> depth;

    bool Offers(k4a_image_format_t format, k4a_color_resolution_t resolution, k4a_fps_t fps) const;
    bool Offers(k4a_depth_mode_t mode, k4a_fps_t fps) const;
};

DeviceModes ProbeModes(k4a_device_t device);

// "720p, 1080p at 5/15/30 fps; 3072p at 5/15 fps" (or "none").
std::string DescribeColorModes(const DeviceModes &modes, k4a_image_format_t format);
std::string DescribeDepthModes(const DeviceModes &modes);

// The indented block --list prints for one device: one line per colour
// format, one for depth.
std::string DescribeModes(const DeviceModes &modes, const std::string &indent);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_DEVICE_MODES_H_
