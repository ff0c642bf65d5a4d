#include "tools/stream/device_modes.h"

#include <stdio.h>

#include <string>
#include <vector>

#include "openk4a/device.h"
#include "tools/stream/options.h"

namespace openk4a::stream
{
namespace
{

// "5/15/30 fps" for a bit set over FrameRates().
std::string FpsList(unsigned mask)
{
    std::string s;
    const std::vector<k4a_fps_t> &rates = FrameRates();
    for (size_t i = 0; i < rates.size(); i++)
    {
        if (mask & (1u << i))
            s += (s.empty() ? "" : "/") + std::to_string(openk4a_fps_to_uint(rates[i]));
    }
    return s + " fps";
}

// Groups names by their frame-rate set, keeping the first-seen order:
// "A, B at 5/15/30 fps; C at 5/15 fps".
std::string Group(const std::vector<std::pair<std::string, unsigned>> &entries)
{
    std::vector<std::pair<unsigned, std::string>> groups;
    for (const auto &[name, mask] : entries)
    {
        if (mask == 0)
            continue;
        bool found = false;
        for (auto &g : groups)
        {
            if (g.first == mask)
            {
                g.second += ", " + name;
                found = true;
            }
        }
        if (!found)
            groups.emplace_back(mask, name);
    }
    std::string s;
    for (const auto &g : groups)
        s += (s.empty() ? "" : "; ") + g.second + " at " + FpsList(g.first);
    return s.empty() ? "none" : s;
}

unsigned FpsBit(k4a_fps_t fps)
{
    const std::vector<k4a_fps_t> &rates = FrameRates();
    for (size_t i = 0; i < rates.size(); i++)
    {
        if (rates[i] == fps)
            return 1u << i;
    }
    return 0;
}

} // namespace

bool DeviceModes::Offers(k4a_image_format_t format, k4a_color_resolution_t resolution, k4a_fps_t fps) const
{
    for (const ColorMode &m : color)
    {
        if (m.format == format && m.resolution == resolution && m.fps == fps)
            return true;
    }
    return false;
}

bool DeviceModes::Offers(k4a_depth_mode_t mode, k4a_fps_t fps) const
{
    for (const DepthMode &m : depth)
    {
        if (m.mode == mode && m.fps == fps)
            return true;
    }
    return false;
}

DeviceModes ProbeModes(k4a_device_t device)
{
    DeviceModes modes;
    k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    for (k4a_image_format_t format : ColorFormats())
    {
        for (k4a_color_resolution_t resolution : ColorResolutions())
        {
            if (resolution == K4A_COLOR_RESOLUTION_OFF)
                continue;
            for (k4a_fps_t fps : FrameRates())
            {
                config.color_format = format;
                config.color_resolution = resolution;
                config.camera_fps = fps;
                if (openk4a_device_check_configuration(device, &config, nullptr, 0) == K4A_RESULT_SUCCEEDED)
                {
                    modes.color.push_back({format, config.color_resolution, fps});
                }
            }
        }
    }
    config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    for (k4a_depth_mode_t mode : DepthModes())
    {
        if (mode == K4A_DEPTH_MODE_OFF)
            continue;
        for (k4a_fps_t fps : FrameRates())
        {
            config.depth_mode = mode;
            config.camera_fps = fps;
            if (openk4a_device_check_configuration(device, &config, nullptr, 0) == K4A_RESULT_SUCCEEDED)
            {
                modes.depth.push_back({config.depth_mode, fps});
            }
        }
    }
    return modes;
}

std::string DescribeColorModes(const DeviceModes &modes, k4a_image_format_t format)
{
    std::vector<std::pair<std::string, unsigned>> entries;
    for (k4a_color_resolution_t resolution : ColorResolutions())
    {
        unsigned mask = 0;
        for (const ColorMode &m : modes.color)
        {
            if (m.format == format && m.resolution == resolution)
                mask |= FpsBit(m.fps);
        }
        entries.emplace_back(ColorResolutionName(resolution), mask); // OFF has none: left out
    }
    return Group(entries);
}

std::string DescribeDepthModes(const DeviceModes &modes)
{
    std::vector<std::pair<std::string, unsigned>> entries;
    for (k4a_depth_mode_t mode : DepthModes())
    {
        unsigned mask = 0;
        for (const DepthMode &m : modes.depth)
        {
            if (m.mode == mode)
                mask |= FpsBit(m.fps);
        }
        entries.emplace_back(DepthModeName(mode), mask); // OFF has none: left out
    }
    return Group(entries);
}

std::string DescribeModes(const DeviceModes &modes, const std::string &indent)
{
    std::string s;
    const char *label = "colour";
    for (k4a_image_format_t format : ColorFormats())
    {
        const std::string list = DescribeColorModes(modes, format);
        if (list == "none")
            continue;
        char line[64];
        snprintf(line, sizeof line, "%-7s %-7s", label, ImageFormatLabel(format));
        s += indent + line + " " + list + (format == K4A_IMAGE_FORMAT_COLOR_BGRA32 ? " (decoded on the host)" : "") +
             "\n";
        label = "";
    }
    if (modes.color.empty())
        s += indent + "colour  none\n";
    char line[64];
    snprintf(line, sizeof line, "%-7s %-7s", "depth", "");
    s += indent + line + " " + (modes.depth.empty() ? std::string("none") : DescribeDepthModes(modes)) + "\n";
    return s;
}

} // namespace openk4a::stream
