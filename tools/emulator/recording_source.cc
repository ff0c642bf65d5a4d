#include "tools/emulator/recording_source.h"

#include <stdio.h>

#include <k4a/k4a.h>
#include <k4arecord/playback.h>

namespace openk4a::emulator
{
namespace
{

// The wire format the emulated device sends a recorded colour image in; the
// colour formats the device has no stream for (BGRA32) give kOther.
PixelKind ColorKind(k4a_image_format_t format)
{
    switch (format)
    {
    case K4A_IMAGE_FORMAT_COLOR_MJPG:
        return PixelKind::kMjpeg;
    case K4A_IMAGE_FORMAT_COLOR_YUY2:
        return PixelKind::kYuy2;
    case K4A_IMAGE_FORMAT_COLOR_NV12:
        return PixelKind::kNv12;
    default:
        return PixelKind::kOther;
    }
}

const char *KindName(PixelKind kind)
{
    switch (kind)
    {
    case PixelKind::kMjpeg:
        return "MJPG";
    case PixelKind::kYuy2:
        return "YUY2";
    case PixelKind::kNv12:
        return "NV12";
    case PixelKind::kZ16:
        return "Z16";
    case PixelKind::kY16:
        return "Y16";
    case PixelKind::kOther:
        break;
    }
    return "an unsupported format";
}

} // namespace

std::shared_ptr<const RecordingFrames> RecordingFrames::Open(const std::string &path, std::string *error)
{
    k4a_playback_t playback = nullptr;
    if (k4a_playback_open(path.c_str(), &playback) != K4A_RESULT_SUCCEEDED)
    {
        *error = "cannot open the recording " + path + " (k4a_playback_open failed; its log says why)";
        return nullptr;
    }
    auto frames = std::shared_ptr<RecordingFrames>(new RecordingFrames);
    frames->path_ = path;
    frames->color_.name = "colour";
    frames->depth_.name = "depth";
    frames->ir_.name = "IR";
    size_t size = 0;
    if (k4a_playback_get_raw_calibration(playback, nullptr, &size) == K4A_BUFFER_RESULT_TOO_SMALL)
    {
        frames->calibration_.resize(size);
        if (k4a_playback_get_raw_calibration(playback, frames->calibration_.data(), &size) !=
            K4A_BUFFER_RESULT_SUCCEEDED)
        {
            frames->calibration_.clear();
        }
        // The device stores the document itself; hosts add the terminator.
        while (!frames->calibration_.empty() && frames->calibration_.back() == 0)
            frames->calibration_.pop_back();
    }

    // Adds `image` to `track`; the first image fixes the track's format and
    // size, later ones that differ are skipped (a device streams one mode).
    size_t total = 0;
    auto add = [&](Track *track, k4a_image_t image, PixelKind kind)
    {
        if (image == nullptr)
            return;
        const int width = k4a_image_get_width_pixels(image);
        const int height = k4a_image_get_height_pixels(image);
        const uint8_t *buffer = k4a_image_get_buffer(image);
        const size_t bytes = k4a_image_get_size(image);
        const bool first = track->frames.empty();
        if (kind != PixelKind::kOther && buffer != nullptr && bytes > 0 && width > 0 && width <= 0xffff && height > 0 &&
            height <= 0xffff && (first || (kind == track->kind && width == track->width && height == track->height)))
        {
            track->kind = kind;
            track->width = static_cast<uint16_t>(width);
            track->height = static_cast<uint16_t>(height);
            track->frames.push_back(std::make_shared<const std::vector<uint8_t>>(buffer, buffer + bytes));
            total += bytes;
        }
        else if (first && kind == PixelKind::kOther)
        {
            track->kind = kind; // remembered for Mismatch()'s reason
        }
        k4a_image_release(image);
    };

    k4a_capture_t capture = nullptr;
    k4a_stream_result_t result;
    while ((result = k4a_playback_get_next_capture(playback, &capture)) == K4A_STREAM_RESULT_SUCCEEDED)
    {
        k4a_image_t color = k4a_capture_get_color_image(capture);
        add(&frames->color_, color, color ? ColorKind(k4a_image_get_format(color)) : PixelKind::kOther);
        add(&frames->depth_, k4a_capture_get_depth_image(capture), PixelKind::kZ16);
        add(&frames->ir_, k4a_capture_get_ir_image(capture), PixelKind::kY16);
        k4a_capture_release(capture);
        if (total > kMaxBytes)
        {
            fprintf(
                stderr,
                "openk4a emulator: %s: replaying its first %zu MiB only (the emulator holds a recording in memory)\n",
                path.c_str(), kMaxBytes >> 20);
            break;
        }
    }
    if (result == K4A_STREAM_RESULT_FAILED)
    {
        k4a_playback_close(playback);
        *error = "cannot read the captures of the recording " + path + " (k4a_playback_get_next_capture failed)";
        return nullptr;
    }
    k4a_imu_sample_t sample;
    while ((result = k4a_playback_get_next_imu_sample(playback, &sample)) == K4A_STREAM_RESULT_SUCCEEDED)
    {
        if (frames->imu_.size() == kMaxImuSamples)
        {
            fprintf(stderr, "openk4a emulator: %s: replaying its first %zu IMU samples only\n", path.c_str(),
                    kMaxImuSamples);
            break;
        }
        frames->imu_.push_back(sample);
    }
    k4a_playback_close(playback);
    if (result == K4A_STREAM_RESULT_FAILED)
    {
        *error = "cannot read the IMU samples of the recording " + path + " (k4a_playback_get_next_imu_sample failed)";
        return nullptr;
    }
    if (frames->color_.frames.empty() && frames->depth_.frames.empty() && frames->ir_.frames.empty())
    {
        *error = "the recording " + path + " has no colour, depth or IR image the emulated device can send";
        return nullptr;
    }
    return frames;
}

const RecordingFrames::Track *RecordingFrames::TrackFor(PixelKind kind) const
{
    switch (kind)
    {
    case PixelKind::kMjpeg:
    case PixelKind::kYuy2:
    case PixelKind::kNv12:
        return &color_;
    case PixelKind::kZ16:
        return &depth_;
    case PixelKind::kY16:
        return &ir_;
    case PixelKind::kOther:
        break;
    }
    return nullptr;
}

std::string RecordingFrames::Mismatch(PixelKind kind, uint16_t width, uint16_t height) const
{
    const Track *track = TrackFor(kind);
    if (track == nullptr)
        return std::string("the recording ") + path_ + " has no stream in " + KindName(kind);
    const std::string asked = std::string(KindName(kind)) + " " + std::to_string(width) + "x" + std::to_string(height);
    if (track->frames.empty())
    {
        return "the recording " + path_ + " has no " + track->name + " images the device can send (" + asked +
               " was asked" + (track->kind == PixelKind::kOther ? "; its colour format has no UVC stream)" : ")");
    }
    if (track->kind == kind && track->width == width && track->height == height)
        return std::string();
    return "the recording " + path_ + " has " + track->name + " in " + KindName(track->kind) + " " +
           std::to_string(track->width) + "x" + std::to_string(track->height) + ", not the " + asked +
           " the host asked for";
}

FrameBytesPtr RecordingFrames::Get(const FrameRequest &request) const
{
    if (!Mismatch(request.kind, request.width, request.height).empty())
        return nullptr;
    const Track *track = TrackFor(request.kind);
    return track->frames[request.sequence % track->frames.size()];
}

} // namespace openk4a::emulator
