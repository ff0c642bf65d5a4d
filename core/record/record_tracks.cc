// The tracks, tags and attachments of a recording, declared before its header.
#include <k4a/k4a.h>

#include <string>
#include <utility>
#include <vector>

#include "core/log.h"
#include "core/record/record_internal.h"
#include "core/record/recording_format.h"

namespace ok4a::record
{

namespace
{

uint64_t NewUid(_k4a_record_t *record)
{
    uint64_t uid = 0;
    while (uid == 0)
        uid = record->uids();
    return uid;
}

std::string VersionText(const k4a_version_t &version)
{
    return std::to_string(version.major) + "." + std::to_string(version.minor) + "." +
           std::to_string(version.iteration);
}

} // namespace

void AddAttachment(_k4a_record_t *record, const char *name, const uint8_t *data, size_t size)
{
    AttachmentSpec attachment{name, std::vector<uint8_t>(data, data + size), NewUid(record)};
    if (attachment.name == ok4a::record::kCalibrationFile)
        record->tags.push_back({"K4A_CALIBRATION_FILE", attachment.name, "ATTACHMENT", attachment.uid});
    record->attachments.push_back(std::move(attachment));
}

DeviceFacts ReadDeviceFacts(k4a_device_t device, const char *path)
{
    DeviceFacts facts;
    k4a_hardware_version_t version;
    if (k4a_device_get_version(device, &version) == K4A_RESULT_SUCCEEDED)
    {
        facts.color_firmware = VersionText(version.rgb);
        facts.depth_firmware = VersionText(version.depth);
    }
    else
    {
        OK4A_LOG_WARNING("k4a_record_create: %s: the device's firmware versions are not recorded", path);
    }

    char serial[256];
    size_t serial_size = sizeof serial;
    if (k4a_device_get_serialnum(device, serial, &serial_size) == K4A_BUFFER_RESULT_SUCCEEDED)
        facts.serial = serial;
    else
        OK4A_LOG_WARNING("k4a_record_create: %s: the device serial number is not recorded", path);

    size_t size = 0;
    if (k4a_device_get_raw_calibration(device, nullptr, &size) == K4A_BUFFER_RESULT_TOO_SMALL)
    {
        facts.calibration.resize(size);
        if (k4a_device_get_raw_calibration(device, facts.calibration.data(), &size) == K4A_BUFFER_RESULT_SUCCEEDED)
            facts.calibration.resize(size);
        else
            facts.calibration.clear();
    }
    if (!facts.calibration.empty() && facts.calibration.back() == '\0')
        facts.calibration.pop_back(); // the file holds the JSON text alone
    if (facts.calibration.empty())
        OK4A_LOG_WARNING("k4a_record_create: %s: the device gives no calibration: the recording has no "
                         "calibration.json (k4a_playback_get_calibration will fail on it)",
                         path);
    return facts;
}

int AddTrack(_k4a_record_t *record, TrackSpec track)
{
    track.number = record->tracks.size() + 1;
    track.uid = NewUid(record);
    record->tracks.push_back(std::move(track));
    return static_cast<int>(record->tracks.size() - 1);
}

void AddTrackTag(_k4a_record_t *record, const char *name, const std::string &value, int track)
{
    record->tags.push_back({name, value, "TRACK", record->tracks[static_cast<size_t>(track)].uid});
}

int AddBuiltinVideo(_k4a_record_t *record, const char *name, k4a_image_format_t format, uint32_t width, uint32_t height,
                    uint64_t fps)
{
    ok4a::record::BitmapInfo info;
    ok4a::record::MakeBitmapInfo(format, width, height, &info);
    TrackSpec track;
    track.name = name;
    track.codec_id = ok4a::record::kCodecFourcc;
    track.codec_private.resize(ok4a::record::kBitmapInfoHeaderSize);
    ok4a::record::EncodeBitmapInfo(info, track.codec_private.data());
    track.type = ok4a::record::kTrackTypeVideo;
    track.width = width;
    track.height = height;
    track.default_duration_ns = 1000000000ull / fps;
    track.builtin = true;
    return AddTrack(record, std::move(track));
}

} // namespace ok4a::record
