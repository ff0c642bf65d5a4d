#include "tools/stream/device_modes.h"

#include <stdio.h>

#include "openk4a/device.h"
#include "tools/stream/options.h"

namespace openk4a::stream {
namespace {

constexpr k4a_fps_t kAllFps[] = {K4A_FRAMES_PER_SECOND_5, K4A_FRAMES_PER_SECOND_15, K4A_FRAMES_PER_SECOND_30};
constexpr k4a_image_format_t kColorFormats[] = {K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_IMAGE_FORMAT_COLOR_BGRA32,
                                                K4A_IMAGE_FORMAT_COLOR_NV12, K4A_IMAGE_FORMAT_COLOR_YUY2};

// "5/15/30 fps" for a bit set over kAllFps.
std::string FpsList(unsigned mask) {
  std::string s;
  for (int i = 0; i < 3; i++) {
    if (mask & (1u << i)) s += (s.empty() ? "" : "/") + std::to_string(FpsValue(kAllFps[i]));
  }
  return s + " fps";
}

// Groups names by their frame-rate set, keeping the first-seen order:
// "A, B at 5/15/30 fps; C at 5/15 fps".
std::string Group(const std::vector<std::pair<std::string, unsigned>>& entries) {
  std::vector<std::pair<unsigned, std::string>> groups;
  for (const auto& [name, mask] : entries) {
    if (mask == 0) continue;
    bool found = false;
    for (auto& g : groups) {
      if (g.first == mask) {
        g.second += ", " + name;
        found = true;
      }
    }
    if (!found) groups.emplace_back(mask, name);
  }
  std::string s;
  for (const auto& g : groups) s += (s.empty() ? "" : "; ") + g.second + " at " + FpsList(g.first);
  return s.empty() ? "none" : s;
}

unsigned FpsBit(k4a_fps_t fps) {
  for (int i = 0; i < 3; i++) {
    if (kAllFps[i] == fps) return 1u << i;
  }
  return 0;
}

}  // namespace

bool DeviceModes::Offers(k4a_image_format_t format, k4a_color_resolution_t resolution, k4a_fps_t fps) const {
  for (const ColorMode& m : color) {
    if (m.format == format && m.resolution == resolution && m.fps == fps) return true;
  }
  return false;
}

bool DeviceModes::Offers(k4a_depth_mode_t mode, k4a_fps_t fps) const {
  for (const DepthMode& m : depth) {
    if (m.mode == mode && m.fps == fps) return true;
  }
  return false;
}

DeviceModes ProbeModes(k4a_device_t device) {
  DeviceModes modes;
  k4a_device_configuration_t config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
  for (k4a_image_format_t format : kColorFormats) {
    for (int r = K4A_COLOR_RESOLUTION_720P; r <= K4A_COLOR_RESOLUTION_3072P; r++) {
      for (k4a_fps_t fps : kAllFps) {
        config.color_format = format;
        config.color_resolution = static_cast<k4a_color_resolution_t>(r);
        config.camera_fps = fps;
        if (openk4a_device_check_configuration(device, &config, nullptr, 0) == K4A_RESULT_SUCCEEDED) {
          modes.color.push_back({format, config.color_resolution, fps});
        }
      }
    }
  }
  config = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
  for (int d = K4A_DEPTH_MODE_NFOV_2X2BINNED; d <= K4A_DEPTH_MODE_PASSIVE_IR; d++) {
    for (k4a_fps_t fps : kAllFps) {
      config.depth_mode = static_cast<k4a_depth_mode_t>(d);
      config.camera_fps = fps;
      if (openk4a_device_check_configuration(device, &config, nullptr, 0) == K4A_RESULT_SUCCEEDED) {
        modes.depth.push_back({config.depth_mode, fps});
      }
    }
  }
  return modes;
}

std::string DescribeColorModes(const DeviceModes& modes, k4a_image_format_t format) {
  std::vector<std::pair<std::string, unsigned>> entries;
  for (int r = K4A_COLOR_RESOLUTION_720P; r <= K4A_COLOR_RESOLUTION_3072P; r++) {
    unsigned mask = 0;
    for (const ColorMode& m : modes.color) {
      if (m.format == format && m.resolution == r) mask |= FpsBit(m.fps);
    }
    entries.emplace_back(ColorResolutionName(static_cast<k4a_color_resolution_t>(r)), mask);
  }
  return Group(entries);
}

std::string DescribeDepthModes(const DeviceModes& modes) {
  std::vector<std::pair<std::string, unsigned>> entries;
  for (int d = K4A_DEPTH_MODE_NFOV_2X2BINNED; d <= K4A_DEPTH_MODE_PASSIVE_IR; d++) {
    unsigned mask = 0;
    for (const DepthMode& m : modes.depth) {
      if (m.mode == d) mask |= FpsBit(m.fps);
    }
    entries.emplace_back(DepthModeName(static_cast<k4a_depth_mode_t>(d)), mask);
  }
  return Group(entries);
}

std::string DescribeModes(const DeviceModes& modes, const std::string& indent) {
  std::string s;
  const char* label = "colour";
  for (k4a_image_format_t format : kColorFormats) {
    const std::string list = DescribeColorModes(modes, format);
    if (list == "none") continue;
    char line[64];
    snprintf(line, sizeof line, "%-7s %-7s", label, ImageFormatLabel(format));
    s += indent + line + " " + list + (format == K4A_IMAGE_FORMAT_COLOR_BGRA32 ? " (decoded on the host)" : "") + "\n";
    label = "";
  }
  if (modes.color.empty()) s += indent + "colour  none\n";
  char line[64];
  snprintf(line, sizeof line, "%-7s %-7s", "depth", "");
  s += indent + line + " " + (modes.depth.empty() ? std::string("none") : DescribeDepthModes(modes)) + "\n";
  return s;
}

}  // namespace openk4a::stream
