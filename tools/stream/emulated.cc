#include "tools/stream/emulated.h"

#include "tools/stream/cpu_time.h"

namespace openk4a::stream
{

std::unique_ptr<emulator::EmulatedDevice> PlugEmulatedDevice(const Options &options, std::string *error)
{
    emulator::EmulatorOptions emulator_options;
    emulator_options.serial = options.emulate_serial;
    emulator_options.config_descriptor_file = options.emulate_descriptor;
    emulator_options.testdata_dir = options.emulate_frames.value_or("");
    emulator_options.isochronous = options.emulate_isochronous;
    emulator_options.recording_path = options.emulate_recording;
    std::unique_ptr<emulator::EmulatedDevice> device;
    {
        // Its threads (and umockdev's) inherit this name: the CPU split tells
        // them from openk4a's.
        ScopedThreadName name(kEmulatorThreadName);
        device = emulator::EmulatedDevice::Create(emulator_options, error);
    }
    if (device == nullptr)
        return nullptr;
    const int default_stream = options.color_resolution != K4A_COLOR_RESOLUTION_OFF ? emulator::kColorStream :
                               options.depth_mode == K4A_DEPTH_MODE_PASSIVE_IR      ? emulator::kIrStream :
                                                                                      emulator::kDepthStream;
    const size_t streams = device->function().streams.size();
    for (const FaultSpec &spec : options.faults)
    {
        const emulator::Fault fault = ToFault(spec, default_stream);
        if (static_cast<size_t>(fault.stream) >= streams)
        {
            *error = "--emulate-fault=" + spec.text + ": the emulated device has " + std::to_string(streams) +
                     " stream" + (streams == 1 ? "" : "s") + "; there is no stream " + std::to_string(fault.stream);
            return nullptr;
        }
        device->InjectFault(fault);
    }
    return device;
}

} // namespace openk4a::stream
