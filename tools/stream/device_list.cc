#include "tools/stream/device_list.h"

#include <k4a/k4a.h>
#include <openk4a/device.h>
#include <stdio.h>

#include <string>

#include "tools/stream/device_modes.h"
#include "tools/stream/json_writer.h"
#include "tools/stream/library_log.h"

namespace openk4a::stream
{
namespace
{

struct Listed
{
    uint32_t index = 0;
    bool opened = false;
    std::string error;
    std::string serial;
    DeviceModes modes;
};

Listed Inspect(uint32_t index)
{
    Listed d;
    d.index = index;
    k4a_device_t device = nullptr;
    ClearLibraryError();
    if (k4a_device_open(index, &device) != K4A_RESULT_SUCCEEDED)
    {
        d.error = LastLibraryError();
        return d;
    }
    d.opened = true;
    char serial[128] = "";
    size_t size = sizeof serial;
    if (k4a_device_get_serialnum(device, serial, &size) == K4A_BUFFER_RESULT_SUCCEEDED)
        d.serial = serial;
    d.modes = ProbeModes(device);
    k4a_device_close(device);
    return d;
}

void ModesJson(const DeviceModes &modes, JsonWriter *j)
{
    j->Key("color").BeginArray();
    for (const ColorMode &m : modes.color)
    {
        j->BeginObject();
        j->Key("format").String(ColorFormatName(m.format));
        j->Key("resolution").String(ColorResolutionName(m.resolution));
        j->Key("fps").Integer(openk4a_fps_to_uint(m.fps));
        j->EndObject();
    }
    j->EndArray();
    j->Key("depth").BeginArray();
    for (const DepthMode &m : modes.depth)
    {
        j->BeginObject();
        j->Key("mode").String(DepthModeName(m.mode));
        j->Key("fps").Integer(openk4a_fps_to_uint(m.fps));
        j->EndObject();
    }
    j->EndArray();
}

} // namespace

int ListDevices(const Options &options, bool emulated, Console *console)
{
    const uint32_t count = k4a_device_get_installed_count();
    uint32_t first = 0, last = count;
    if (options.device_given)
    {
        if (options.device_index >= count)
        {
            console->Error("device index " + std::to_string(options.device_index) + ": only " + std::to_string(count) +
                           " attached");
            return 2;
        }
        first = options.device_index;
        last = first + 1;
    }
    int status = 0;
    JsonWriter j;
    j.BeginObject();
    j.Key("emulated").Bool(emulated);
    j.Key("devices").BeginArray();
    std::string text;
    if (count == 0)
    {
        text = options.generic_uvc ? "No k4a device or UVC camera attached.\n" : "No k4a device attached.\n";
    }
    else
    {
        text = std::to_string(count) + (count == 1 ? " device" : " devices") + " attached" +
               (emulated ? " (the built-in emulated device)" : "") + ":\n";
    }
    for (uint32_t i = first; i < last; i++)
    {
        const Listed d = Inspect(i);
        j.BeginObject();
        j.Key("index").Integer(i);
        if (!d.opened)
        {
            status = 1;
            j.Key("error").String(d.error);
            j.EndObject();
            text += "Device " + std::to_string(i) + ": cannot open it: " + d.error + "\n";
            continue;
        }
        const bool k4a = !d.modes.depth.empty();
        j.Key("serial").String(d.serial);
        j.Key("kind").String(k4a ? "k4a" : "uvc");
        ModesJson(d.modes, &j);
        j.EndObject();
        text += "Device " + std::to_string(i) + ": serial " + (d.serial.empty() ? "(none)" : d.serial) + ", " +
                (k4a ? "k4a device" : "UVC camera (colour only)") + "\n";
        text += DescribeModes(d.modes, "  ");
    }
    j.EndArray();
    j.EndObject();
    console->Raw(options.json ? j.text() : text);
    return status;
}

} // namespace openk4a::stream
