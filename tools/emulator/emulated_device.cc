#include "tools/emulator/emulated_device.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "openk4a/usb/imu_packet.h"
#include "openk4a/usb/k4a_vendor_wire.h"
#include "openk4a/usb/uvc_probe.h"
#include "openk4a/usb/uvc_wire.h"
#include "tools/emulator/frame_clock.h"
#include "tools/emulator/frame_source.h"
#include "tools/emulator/recording_source.h"

namespace openk4a::emulator
{
namespace
{

using Clock = std::chrono::steady_clock;

constexpr size_t kHeaderSize = 12; // bHeaderLength: FID/EOF + PTS + SCR
constexpr uint8_t kRequestTypeClassInterfaceOut = 0x21;
constexpr uint8_t kRequestTypeClassInterfaceIn = 0xA1;
constexpr uint8_t kRequestTypeVendorInterfaceOut = 0x41;
constexpr uint8_t kRequestTypeVendorInterfaceIn = 0xC1;
constexpr int kImuSamplesPerPacket = 8;
constexpr int kImuSamplePeriodUs = 600; // 1666 Hz

bool ReadFile(const std::string &path, std::vector<uint8_t> *out)
{
    FILE *f = fopen(path.c_str(), "rb");
    if (f == nullptr)
        return false;
    out->clear();
    uint8_t chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        out->insert(out->end(), chunk, chunk + n);
    fclose(f);
    return true;
}

// Picks the frame interval a device would settle on for a request: one it
// offers, closest to what was asked (0: the default).
uint32_t NegotiateInterval(const FrameSpec &frame, uint32_t requested)
{
    if (requested == 0)
        return frame.default_interval;
    if (!frame.intervals.empty())
    {
        uint32_t best = frame.intervals.front();
        for (uint32_t i : frame.intervals)
        {
            const uint64_t d = i > requested ? i - requested : requested - i;
            const uint64_t bd = best > requested ? best - requested : requested - best;
            if (d < bd)
                best = i;
        }
        return best;
    }
    uint32_t v = std::clamp(requested, frame.min_interval, frame.max_interval);
    if (frame.interval_step > 0)
    {
        v = frame.min_interval + (v - frame.min_interval) / frame.interval_step * frame.interval_step;
    }
    return v;
}

} // namespace

// ------------------------------------------------------------------ model --

class EmulatedDevice::Model : public UsbDeviceModel
{
public:
    Model(DescriptorSet set, const EmulatorOptions &options, std::shared_ptr<const RecordingFrames> recording) :
        set_(std::move(set)), options_(options), recording_(std::move(recording)),
        source_(options.testdata_dir, recording_), epoch_(Clock::now()), streams_(set_.function.streams.size())
    {
        for (size_t i = 0; i < streams_.size(); i++)
        {
            streams_[i].spec = &set_.function.streams[i];
            ResetProbe(streams_[i]);
        }
        if (set_.function.imu_interface >= 0)
            LoadCalibration(options);
    }

    ~Model() override
    {
        Shutdown();
    }

    void Attach(UsbfsDevice *transport)
    {
        transport_ = transport;
        for (size_t i = 0; i < streams_.size(); i++)
        {
            streams_[i].thread = std::thread([this, i] { StreamLoop(static_cast<int>(i)); });
        }
        if (set_.function.imu_interface >= 0)
            imu_thread_ = std::thread([this] { ImuLoop(); });
    }

    void Shutdown()
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (quit_)
                return;
            quit_ = true;
        }
        cv_.notify_all();
        for (auto &s : streams_)
        {
            if (s.thread.joinable())
                s.thread.join();
        }
        if (imu_thread_.joinable())
            imu_thread_.join();
    }

    // ---- UsbDeviceModel ----
    int Control(const SetupPacket &setup, const uint8_t *out, size_t out_length, std::vector<uint8_t> *in) override
    {
        // Standard GET_DESCRIPTOR(STRING).
        if (setup.bmRequestType == 0x80 && setup.bRequest == 6 && (setup.wValue >> 8) == 3)
        {
            const size_t index = setup.wValue & 0xff;
            if (index == 0)
            {
                *in = {4, 3, 0x09, 0x04};
            }
            else
            {
                *in = StringDescriptor(index <= set_.strings.size() ? set_.strings[index - 1] : set_.strings[1]);
            }
            return static_cast<int>(in->size());
        }
        const uint8_t interface_number = setup.wIndex & 0xff;
        if (setup.bmRequestType == kRequestTypeVendorInterfaceOut &&
            static_cast<int>(interface_number) == set_.function.imu_interface &&
            setup.bRequest == OPENK4A_K4A_VENDOR_REQ_IMU_STREAM)
        {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                imu_.streaming = setup.wValue != 0;
            }
            cv_.notify_all();
            return 0;
        }
        if (setup.bmRequestType == kRequestTypeVendorInterfaceIn &&
            static_cast<int>(interface_number) == set_.function.imu_interface)
        {
            return VendorIn(setup, in);
        }
        if (setup.bmRequestType != kRequestTypeClassInterfaceIn && setup.bmRequestType != kRequestTypeClassInterfaceOut)
        {
            return -EPIPE;
        }
        if (interface_number == set_.function.vc_interface)
        {
            const uint8_t entity = setup.wIndex >> 8;
            const uint8_t selector = setup.wValue >> 8;
            // VC_REQUEST_ERROR_CODE_CONTROL: the last control request's outcome.
            if (entity == 0 && setup.bRequest == OPENK4A_UVC_REQ_GET_CUR && selector == 0x02)
            {
                in->assign(1, controls_.last_error());
                return 1;
            }
            if (!set_.function.color_controls || !controls_.Owns(entity))
                return -EPIPE;
            return controls_.Handle(setup.bRequest, entity, selector, setup.wLength, out, out_length, in);
        }
        std::lock_guard<std::mutex> lock(mutex_);
        Stream *stream = StreamByInterface(interface_number);
        if (stream == nullptr)
            return -EPIPE;
        const uint8_t selector = setup.wValue >> 8;
        if (selector != OPENK4A_UVC_VS_CTRL_PROBE && selector != OPENK4A_UVC_VS_CTRL_COMMIT)
        {
            return -EPIPE;
        }
        const size_t size = openk4a_uvc_probe_size_for_version(set_.function.bcd_uvc);
        switch (setup.bRequest)
        {
        case OPENK4A_UVC_REQ_GET_INFO:
            in->assign(1, 3); // GET and SET supported
            return 1;
        case OPENK4A_UVC_REQ_GET_LEN:
            *in = {static_cast<uint8_t>(size), 0};
            return 2;
        case OPENK4A_UVC_REQ_SET_CUR:
        {
            openk4a_uvc_probe_commit_t request;
            if (openk4a_uvc_probe_commit_parse(out, out_length, &request, nullptr) != OPENK4A_USB_OK)
            {
                return -EPIPE;
            }
            openk4a_uvc_probe_commit_t result;
            if (!Negotiate(*stream, request, &result))
                return -EPIPE;
            if (selector == OPENK4A_UVC_VS_CTRL_COMMIT && !RecordingHasMode(*stream, result))
                return -EPIPE;
            if (selector == OPENK4A_UVC_VS_CTRL_PROBE)
            {
                stream->probe = result;
            }
            else
            {
                stream->commit = result;
                stream->committed = true;
                // Bulk streams run from COMMIT; isochronous ones from SET_INTERFACE.
                if (!stream->spec->isochronous())
                    StartLocked(*stream);
            }
            return 0;
        }
        case OPENK4A_UVC_REQ_GET_CUR:
        case OPENK4A_UVC_REQ_GET_MIN:
        case OPENK4A_UVC_REQ_GET_MAX:
        case OPENK4A_UVC_REQ_GET_DEF:
        {
            openk4a_uvc_probe_commit_t reply = selector == OPENK4A_UVC_VS_CTRL_COMMIT ? stream->commit : stream->probe;
            if (setup.bRequest != OPENK4A_UVC_REQ_GET_CUR)
            {
                openk4a_uvc_probe_commit_t ask = reply;
                if (setup.bRequest == OPENK4A_UVC_REQ_GET_DEF)
                {
                    ask = openk4a_uvc_probe_commit_t{};
                    ask.bFormatIndex = stream->spec->formats.front().index;
                    ask.bFrameIndex = stream->spec->formats.front().default_frame_index;
                }
                const FrameSpec *frame = FindFrame(*stream, ask.bFormatIndex, ask.bFrameIndex);
                if (frame == nullptr)
                    return -EPIPE;
                ask.dwFrameInterval = setup.bRequest == OPENK4A_UVC_REQ_GET_MIN ? frame->min_interval :
                                      setup.bRequest == OPENK4A_UVC_REQ_GET_MAX ? frame->max_interval :
                                                                                  frame->default_interval;
                if (!Negotiate(*stream, ask, &reply))
                    return -EPIPE;
            }
            in->resize(64);
            size_t written = 0;
            reply.wire_size = size;
            if (openk4a_uvc_probe_commit_encode(&reply, in->data(), in->size(), &written) != OPENK4A_USB_OK)
            {
                return -EPIPE;
            }
            in->resize(written);
            return static_cast<int>(written);
        }
        default:
            return -EPIPE;
        }
    }

    int SetInterface(uint8_t interface_number, uint8_t alt) override
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Stream *stream = StreamByInterface(interface_number);
        if (stream == nullptr)
            return 0;
        stream->alt = alt;
        if (alt == 0)
        {
            StopLocked(*stream);
        }
        else if (stream->spec->isochronous() && stream->committed)
        {
            StartLocked(*stream);
        }
        return 0;
    }

    void OnReset() override
    {
        StopAll();
    }
    void OnAllClientsGone() override
    {
        StopAll();
        if (options_.vendor_bulk != nullptr)
            options_.vendor_bulk->OnAllClientsGone();
    }
    int BulkOut(uint8_t endpoint, const uint8_t *data, size_t length) override
    {
        return options_.vendor_bulk != nullptr ? options_.vendor_bulk->BulkOut(endpoint, data, length) : -EPIPE;
    }

    // ---- test interface ----
    void InjectFault(const Fault &fault)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (fault.stream < 0 || static_cast<size_t>(fault.stream) >= streams_.size())
            return;
        Stream &s = streams_[fault.stream];
        PendingFault pending;
        pending.fault = fault;
        pending.start = s.stats.frames_sent + fault.after_frames;
        pending.remaining = std::max(1, fault.count);
        s.faults.push_back(pending);
    }

    StreamStats Stats(int stream) const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stream < 0 || static_cast<size_t>(stream) >= streams_.size())
            return {};
        return streams_[stream].stats;
    }

    ImuStats Imu() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ImuStats stats = imu_;
        return stats;
    }

    bool WaitForFrames(int stream, uint64_t frames, int timeout_ms) const
    {
        std::unique_lock<std::mutex> lock(mutex_);
        if (stream < 0 || static_cast<size_t>(stream) >= streams_.size())
            return false;
        return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                            [&] { return streams_[stream].stats.frames_sent >= frames; });
    }

    FrameBytesPtr Content(int stream, uint8_t format_index, uint8_t frame_index, uint64_t number) const
    {
        if (stream < 0 || static_cast<size_t>(stream) >= streams_.size())
            return nullptr;
        const Stream &s = streams_[stream];
        for (const FormatSpec &format : s.spec->formats)
        {
            if (format.index != format_index)
                continue;
            for (const FrameSpec &frame : format.frames)
            {
                if (frame.index == frame_index)
                    return source_.Get(Request(format, frame, number));
            }
        }
        return nullptr;
    }

    Clock::time_point epoch() const
    {
        return epoch_;
    }
    bool SentAt(int stream, uint64_t number, Clock::time_point *at) const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stream < 0 || static_cast<size_t>(stream) >= streams_.size())
            return false;
        const auto &slot = streams_[stream].sent[number % streams_[stream].sent.size()];
        if (slot.first != number || slot.second == Clock::time_point())
            return false;
        *at = slot.second;
        return true;
    }

    const DescriptorSet &set() const
    {
        return set_;
    }
    UvcControls &controls()
    {
        return controls_;
    }
    const UvcControls &controls() const
    {
        return controls_;
    }
    const std::vector<uint8_t> &calibration() const
    {
        return calibration_;
    }

    void InjectVendorFault(uint8_t request, ControlFaultKind kind, int count)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        vendor_faults_.push_back({request, kind, std::max(1, count)});
    }

private:
    struct PendingFault
    {
        Fault fault;
        uint64_t start = 0; // frames_sent value at which it begins
        int remaining = 0;
    };

    struct Stream
    {
        const StreamSpec *spec = nullptr;
        openk4a_uvc_probe_commit_t probe{};
        openk4a_uvc_probe_commit_t commit{};
        bool committed = false;
        uint8_t alt = 0;
        uint64_t generation = 0; // bumped at every start/stop
        bool fid = false;
        std::deque<PendingFault> faults;
        StreamStats stats;
        std::thread thread;
        // Recent frames and when their last payload went to the host.
        std::array<std::pair<uint64_t, Clock::time_point>, 512> sent{};
    };

    static FrameRequest Request(const FormatSpec &format, const FrameSpec &frame, uint64_t number)
    {
        FrameRequest r;
        r.kind = format.kind;
        r.bits_per_pixel = format.bits_per_pixel;
        r.width = frame.width;
        r.height = frame.height;
        r.sequence = number;
        return r;
    }

    // A replayed recording streams its own modes only: another commit is
    // refused (STALL), with the reason on stderr.
    bool RecordingHasMode(const Stream &stream, const openk4a_uvc_probe_commit_t &commit) const
    {
        if (recording_ == nullptr)
            return true;
        const FormatSpec *format = nullptr;
        const FrameSpec *frame = FindFrame(stream, commit.bFormatIndex, commit.bFrameIndex, &format);
        if (frame == nullptr)
            return true; // Negotiate() already judged it
        const std::string mismatch = recording_->Mismatch(format->kind, frame->width, frame->height);
        if (mismatch.empty())
            return true;
        fprintf(stderr, "openk4a emulator: refusing the commit: %s\n", mismatch.c_str());
        return false;
    }

    Stream *StreamByInterface(uint8_t interface_number)
    {
        for (auto &s : streams_)
        {
            if (s.spec->interface_number == interface_number)
                return &s;
        }
        return nullptr;
    }

    static const FrameSpec *FindFrame(const Stream &stream, uint8_t format_index, uint8_t frame_index,
                                      const FormatSpec **format_out = nullptr)
    {
        for (const FormatSpec &format : stream.spec->formats)
        {
            if (format.index != format_index)
                continue;
            for (const FrameSpec &frame : format.frames)
            {
                if (frame.index == frame_index)
                {
                    if (format_out != nullptr)
                        *format_out = &format;
                    return &frame;
                }
            }
        }
        return nullptr;
    }

    uint32_t MaxPayload(const Stream &stream, uint32_t frame_bytes) const
    {
        if (stream.spec->isochronous())
        {
            uint32_t best = 0;
            for (const AltSpec &alt : stream.spec->alts)
                best = std::max(best, alt.bytes_per_interval);
            return best;
        }
        if (options_.bulk_payload_size != 0)
            return options_.bulk_payload_size;
        return static_cast<uint32_t>(kHeaderSize) + frame_bytes;
    }

    // The device's answer to a probe: the format and frame as asked (they must
    // exist), the closest interval it offers, its frame and payload sizes.
    bool Negotiate(const Stream &stream, const openk4a_uvc_probe_commit_t &request,
                   openk4a_uvc_probe_commit_t *result) const
    {
        const FormatSpec *format = nullptr;
        const FrameSpec *frame = FindFrame(stream, request.bFormatIndex, request.bFrameIndex, &format);
        if (frame == nullptr)
            return false;
        openk4a_uvc_probe_commit_t r{};
        r.bmHint = request.bmHint;
        r.bFormatIndex = request.bFormatIndex;
        r.bFrameIndex = request.bFrameIndex;
        r.dwFrameInterval = NegotiateInterval(*frame, request.dwFrameInterval);
        r.dwMaxVideoFrameSize = FrameBytes(*format, *frame);
        r.dwMaxPayloadTransferSize = MaxPayload(stream, r.dwMaxVideoFrameSize);
        // A lying device: what it claims, not what it sends.
        if (options_.claimed_max_frame_size != 0)
            r.dwMaxVideoFrameSize = options_.claimed_max_frame_size;
        if (options_.claimed_max_payload_size != 0)
            r.dwMaxPayloadTransferSize = options_.claimed_max_payload_size;
        r.dwClockFrequency = set_.function.clock_hz;
        r.bmFramingInfo = OPENK4A_UVC_FRAMING_FID_REQUIRED | OPENK4A_UVC_FRAMING_EOF_PRESENT;
        r.wire_size = openk4a_uvc_probe_size_for_version(set_.function.bcd_uvc);
        *result = r;
        return true;
    }

    void ResetProbe(Stream &s)
    {
        openk4a_uvc_probe_commit_t ask{};
        ask.bFormatIndex = s.spec->formats.front().index;
        ask.bFrameIndex = s.spec->formats.front().default_frame_index;
        if (!Negotiate(s, ask, &s.probe))
        {
            ask.bFrameIndex = s.spec->formats.front().frames.front().index;
            Negotiate(s, ask, &s.probe);
        }
        s.commit = s.probe;
        s.committed = false;
    }

    void StartLocked(Stream &s)
    {
        s.generation++;
        s.stats.streaming = true;
        s.stats.format_index = s.commit.bFormatIndex;
        s.stats.frame_index = s.commit.bFrameIndex;
        s.stats.interval = s.commit.dwFrameInterval;
        s.stats.max_payload = s.commit.dwMaxPayloadTransferSize;
        cv_.notify_all();
    }

    void StopLocked(Stream &s)
    {
        if (!s.stats.streaming)
            return;
        s.generation++;
        s.stats.streaming = false;
        if (transport_ != nullptr)
            transport_->Flush(s.spec->endpoint);
        cv_.notify_all();
    }

    void StopAll()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto &s : streams_)
        {
            StopLocked(s);
            ResetProbe(s);
            s.alt = 0;
        }
        imu_.streaming = false;
        cv_.notify_all();
    }

    // ---- streaming ----

    struct Plan
    { // what the faults do to one frame
        bool err = false, lost_eof = false, fid_mid = false, corrupt = false;
        int bad_header = -1; // bHeaderLength to write on the first payload
        long truncate = -1, oversize = -1;
        int delay_ms = 0, burst = 0, pause_ms = 0, transfer_errors = 0, scramble = 0;
        int failed_clears = 0, refused_submits = 0;
        bool stall = false, unplug = false, refuse = false, any = false;
    };

    Plan TakeFaultsLocked(Stream &s)
    {
        Plan plan;
        for (auto it = s.faults.begin(); it != s.faults.end();)
        {
            if (it->start > s.stats.frames_sent)
            {
                ++it;
                continue;
            }
            const Fault &f = it->fault;
            plan.any = true;
            switch (f.kind)
            {
            case FaultKind::kErrBit:
                plan.err = true;
                break;
            case FaultKind::kBadHeaderLength:
                plan.bad_header = f.param;
                break;
            case FaultKind::kFidToggleMidFrame:
                plan.fid_mid = true;
                break;
            case FaultKind::kLostEof:
                plan.lost_eof = true;
                break;
            case FaultKind::kTruncated:
                plan.truncate = f.param;
                break;
            case FaultKind::kOversized:
                plan.oversize = f.param;
                break;
            case FaultKind::kCorruptJpeg:
                plan.corrupt = true;
                break;
            case FaultKind::kSlowSource:
                plan.delay_ms = std::max(plan.delay_ms, f.param);
                break;
            case FaultKind::kBurst:
                plan.burst = std::max(2, f.param);
                break;
            case FaultKind::kPause:
                plan.pause_ms = std::max(plan.pause_ms, f.param);
                it->remaining = 1;
                break;
            case FaultKind::kStall:
                plan.stall = true;
                plan.failed_clears = f.param;
                it->remaining = 1;
                break;
            case FaultKind::kUnplug:
                plan.unplug = true;
                it->remaining = 1;
                break;
            case FaultKind::kTransferError:
                plan.transfer_errors = std::max(1, f.param);
                it->remaining = 1;
                break;
            case FaultKind::kScrambleHeader:
                plan.scramble ^= f.param & 0xff;
                break;
            case FaultKind::kRefuseSubmit:
                plan.refuse = true;
                plan.refused_submits = f.param;
                it->remaining = 1;
                break;
            }
            if (--it->remaining <= 0)
            {
                it = s.faults.erase(it);
            }
            else
            {
                ++it;
            }
        }
        return plan;
    }

    uint32_t Ticks(uint64_t hundred_ns) const
    {
        return static_cast<uint32_t>(static_cast<unsigned __int128>(hundred_ns) * set_.function.clock_hz / 10000000u);
    }

    std::vector<uint8_t> Header(bool fid, bool eof, bool err, uint32_t pts, Clock::time_point now)
    {
        openk4a_uvc_payload_header_t h{};
        h.bHeaderLength = kHeaderSize;
        h.bmHeaderInfo = static_cast<uint8_t>((fid ? OPENK4A_UVC_HEADER_FID : 0) | (eof ? OPENK4A_UVC_HEADER_EOF : 0) |
                                              (err ? OPENK4A_UVC_HEADER_ERR : 0) | OPENK4A_UVC_HEADER_PTS |
                                              OPENK4A_UVC_HEADER_SCR | OPENK4A_UVC_HEADER_EOH);
        h.dwPresentationTime = pts;
        const uint64_t since =
            static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now - epoch_).count());
        h.scrSourceTimeClock = Ticks(since / 100);
        h.scrSofCounter = static_cast<uint16_t>((since / 1000000) & 0x7ff);
        std::vector<uint8_t> out(kHeaderSize);
        size_t written = 0;
        openk4a_uvc_payload_header_encode(&h, out.data(), out.size(), &written);
        out.resize(written);
        return out;
    }

    // Splits one frame into payloads of at most `max_payload` bytes.
    std::vector<Payload> Packetize(Stream &s, const FrameBytesPtr &body, uint32_t max_payload, uint32_t pts,
                                   const Plan &plan)
    {
        std::vector<Payload> payloads;
        const size_t capacity = max_payload > kHeaderSize ? max_payload - kHeaderSize : 1;
        const size_t total = body->size();
        // A mid-frame FID toggle needs at least two payloads.
        const size_t split = plan.fid_mid ? std::max<size_t>(1, std::min(capacity, total / 2)) : capacity;
        const Clock::time_point now = Clock::now();
        size_t offset = 0;
        bool fid = s.fid;
        do
        {
            const size_t n = std::min(split, total - offset);
            const bool last = offset + n >= total;
            if (plan.fid_mid && offset >= total / 2 && offset > 0)
                fid = !s.fid;
            Payload p;
            p.header = Header(fid, last && !plan.lost_eof, plan.err, pts, now);
            p.body = body;
            p.offset = offset;
            p.length = n;
            payloads.push_back(std::move(p));
            offset += n;
        } while (offset < total);
        if (plan.bad_header >= 0 && !payloads.empty())
        {
            Payload &p = payloads.front();
            p.header[0] =
                static_cast<uint8_t>(plan.bad_header > 0 ? plan.bad_header : std::min<size_t>(255, p.size() + 1));
        }
        if (plan.scramble != 0)
        {
            for (Payload &p : payloads)
                p.header[1] ^= static_cast<uint8_t>(plan.scramble);
        }
        s.fid = plan.fid_mid ? s.fid : !s.fid; // after a mid toggle the next frame flips back
        return payloads;
    }

    FrameBytesPtr ApplyContentFaults(const FrameBytesPtr &frame, const FormatSpec &format, const Plan &plan)
    {
        if (plan.truncate < 0 && plan.oversize < 0 && !(plan.corrupt && format.kind == PixelKind::kMjpeg))
        {
            return frame;
        }
        auto copy = std::make_shared<std::vector<uint8_t>>(*frame);
        if (plan.corrupt && format.kind == PixelKind::kMjpeg && copy->size() > 16)
        {
            for (size_t i = copy->size() / 3; i < copy->size() * 2 / 3; i += 3)
                (*copy)[i] ^= 0x5A;
            copy->resize(copy->size() - 2); // no EOI
        }
        if (plan.truncate >= 0)
        {
            copy->resize(plan.truncate > 0 ? std::min<size_t>(plan.truncate, copy->size()) : copy->size() / 2);
        }
        if (plan.oversize >= 0)
        {
            const size_t extra = plan.oversize > 0 ? static_cast<size_t>(plan.oversize) : copy->size() / 2 + 1;
            for (size_t i = 0; i < extra; i++)
                copy->push_back(static_cast<uint8_t>(0xA5 ^ i));
        }
        return copy;
    }

    void StreamLoop(int index)
    {
        Stream &s = streams_[index];
        std::unique_lock<std::mutex> lock(mutex_);
        std::vector<std::vector<Payload>> held; // a burst being held back
        while (!quit_)
        {
            cv_.wait(lock, [&] { return quit_ || s.stats.streaming; });
            if (quit_)
                break;
            const uint64_t generation = s.generation;
            const openk4a_uvc_probe_commit_t commit = s.commit;
            const FormatSpec *format = nullptr;
            const FrameSpec *frame = FindFrame(s, commit.bFormatIndex, commit.bFrameIndex, &format);
            const uint64_t interval = std::max<uint32_t>(commit.dwFrameInterval, 1000); // >= 0.1 ms
            // What it really sends (the commit may carry claimed sizes).
            const uint32_t frame_bytes = frame != nullptr ? FrameBytes(*format, *frame) : 0;
            uint32_t max_payload = MaxPayload(s, frame_bytes);
            if (s.spec->isochronous())
            {
                for (const AltSpec &alt : s.spec->alts)
                {
                    if (alt.alt == s.alt)
                        max_payload = alt.bytes_per_interval;
                }
            }
            const size_t backlog_limit = static_cast<size_t>(std::max(1, options_.device_buffer_frames - 1)) *
                                         (static_cast<size_t>(frame_bytes) + kHeaderSize * 64);
            // Frame k leaves at epoch + k * interval: the same k on every stream at one rate.
            const std::chrono::nanoseconds period(interval * 100);
            uint64_t k = FrameAt(epoch_, period, Clock::now()) + 1;
            Clock::time_point pause_until = Clock::now();
            held.clear();
            while (!quit_ && s.stats.streaming && s.generation == generation && frame != nullptr)
            {
                const Clock::time_point due = epoch_ + k * period;
                if (cv_.wait_until(lock, due,
                                   [&] { return quit_ || !s.stats.streaming || s.generation != generation; }))
                {
                    break;
                }
                uint64_t skipped = 0;
                k = FrameToSend(epoch_, period, k, Clock::now(), &skipped);
                s.stats.frames_late += skipped;
                Plan plan = TakeFaultsLocked(s);
                const uint64_t number = k++;
                const uint32_t pts = Ticks(number * interval);
                if (Clock::now() < pause_until)
                {
                    s.stats.frames_faulted++;
                    continue;
                }
                lock.unlock();
                // Outside the lock: content (may encode a JPEG) and the transport.
                if (plan.refuse)
                    transport_->RefuseSubmits(s.spec->endpoint, plan.refused_submits);
                if (plan.stall)
                {
                    transport_->FailClearHalts(s.spec->endpoint, plan.failed_clears);
                    transport_->Halt(s.spec->endpoint);
                }
                if (plan.transfer_errors > 0)
                    transport_->FailUrbs(s.spec->endpoint, plan.transfer_errors, -EPROTO);
                if (plan.delay_ms > 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(plan.delay_ms));
                FrameBytesPtr body = ApplyContentFaults(source_.Get(Request(*format, *frame, number)), *format, plan);
                lock.lock();
                if (quit_ || !s.stats.streaming || s.generation != generation)
                    break;
                std::vector<Payload> payloads = Packetize(s, body, max_payload, pts, plan);
                if (plan.any)
                    s.stats.frames_faulted++;
                if (plan.pause_ms > 0)
                {
                    pause_until = Clock::now() + std::chrono::milliseconds(plan.pause_ms);
                    continue;
                }
                s.stats.frames_sent++;
                s.stats.last_pts = pts;
                s.stats.last_frame_number = number;
                std::vector<std::vector<Payload>> batch;
                if (plan.burst > 0)
                {
                    held.push_back(std::move(payloads));
                    if (static_cast<int>(held.size()) < plan.burst)
                    {
                        cv_.notify_all();
                        continue;
                    }
                    batch.swap(held);
                }
                else
                {
                    batch.push_back(std::move(payloads));
                }
                lock.unlock();
                uint64_t dropped = 0, sent_payloads = 0;
                for (auto &one : batch)
                {
                    const size_t n = one.size();
                    const UsbfsDevice::SendResult r = transport_->Send(s.spec->endpoint, std::move(one), backlog_limit);
                    if (r == UsbfsDevice::SendResult::kQueued)
                    {
                        sent_payloads += n;
                    }
                    else
                    {
                        dropped++;
                    }
                }
                const Clock::time_point handed = Clock::now();
                if (plan.unplug)
                    transport_->Unplug();
                lock.lock();
                s.sent[number % s.sent.size()] = {number, handed};
                s.stats.frames_dropped += dropped;
                s.stats.payloads_sent += sent_payloads;
                cv_.notify_all();
            }
        }
    }

    void ImuLoop()
    {
        std::unique_lock<std::mutex> lock(mutex_);
        const uint64_t period_us = kImuSamplesPerPacket * kImuSamplePeriodUs;
        while (!quit_)
        {
            cv_.wait(lock, [&] { return quit_ || imu_.streaming; });
            if (quit_)
                break;
            const auto since = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - epoch_);
            uint64_t n = static_cast<uint64_t>(since.count()) / period_us + 1;
            while (!quit_ && imu_.streaming)
            {
                const Clock::time_point due = epoch_ + std::chrono::microseconds(n * period_us);
                if (cv_.wait_until(lock, due, [&] { return quit_ || !imu_.streaming; }))
                    break;
                const uint64_t packet = n++;
                lock.unlock();
                const bool queued = SendImuPacket(packet);
                lock.lock();
                if (queued)
                {
                    imu_.packets_sent++;
                }
                else
                {
                    imu_.packets_dropped++;
                }
            }
        }
    }

    // Eight gyro and accel samples, timestamps on the 90 kHz device clock:
    // a replayed recording's samples (in order, looping), otherwise the device at rest, gravity
    // on -Z, a slow wobble on the gyro.
    bool SendImuPacket(uint64_t packet)
    {
        const std::vector<k4a_imu_sample_t> *recorded =
            recording_ != nullptr && !recording_->imu().empty() ? &recording_->imu() : nullptr;
        const uint64_t first = packet * kImuSamplesPerPacket;
        openk4a_imu_temperature_block_t temperature{};
        temperature.reporting_rate_us = 1000000;
        temperature.sensitivity = 256;
        // k4arecord files keep no IMU temperature (playback gives NaN): then 31.5 C.
        const float recorded_celsius = recorded != nullptr ? (*recorded)[first % recorded->size()].temperature : NAN;
        temperature.value = openk4a_imu_temperature_raw(isfinite(recorded_celsius) ? recorded_celsius : 31.5f);
        openk4a_imu_sensor_block_t gyro{}, accel{};
        gyro.sensitivity = 61035; // 2000 dps full scale
        accel.sensitivity = 244;  // 8 g full scale
        gyro.sample_rate_us = accel.sample_rate_us = kImuSamplePeriodUs;
        openk4a_imu_raw_sample_t g[kImuSamplesPerPacket], a[kImuSamplesPerPacket];
        for (int i = 0; i < kImuSamplesPerPacket; i++)
        {
            const uint64_t sample = first + i;
            const uint64_t ticks = sample * kImuSamplePeriodUs * 9 / 100; // 90 kHz
            float gyro_value[3], accel_value[3];
            if (recorded != nullptr)
            {
                const k4a_imu_sample_t &r = (*recorded)[sample % recorded->size()];
                for (int k = 0; k < 3; k++)
                {
                    gyro_value[k] = r.gyro_sample.v[k];
                    accel_value[k] = r.acc_sample.v[k];
                }
            }
            else
            {
                const float phase = static_cast<float>(sample % 1666) / 1666.0f * 6.2831853f;
                gyro_value[0] = 0.01f * sinf(phase);
                gyro_value[1] = 0.0f;
                gyro_value[2] = -0.01f * cosf(phase);
                accel_value[0] = 0.05f;
                accel_value[1] = 0.0f;
                accel_value[2] = -9.81f;
            }
            g[i] = {ticks, openk4a_imu_gyro_raw(gyro_value[0], gyro.sensitivity),
                    openk4a_imu_gyro_raw(gyro_value[1], gyro.sensitivity),
                    openk4a_imu_gyro_raw(gyro_value[2], gyro.sensitivity)};
            a[i] = {ticks, openk4a_imu_accel_raw(accel_value[0], accel.sensitivity),
                    openk4a_imu_accel_raw(accel_value[1], accel.sensitivity),
                    openk4a_imu_accel_raw(accel_value[2], accel.sensitivity)};
        }
        auto bytes = std::make_shared<std::vector<uint8_t>>(OPENK4A_IMU_PACKET_MAX_SIZE);
        size_t written = 0;
        if (openk4a_imu_packet_encode_samples(&temperature, &gyro, g, kImuSamplesPerPacket, &accel, a,
                                              kImuSamplesPerPacket, bytes->data(), bytes->size(),
                                              &written) != OPENK4A_USB_OK)
        {
            return false;
        }
        bytes->resize(written);
        Payload p;
        p.body = bytes;
        p.length = written;
        std::vector<Payload> one;
        one.push_back(std::move(p));
        // The IMU FIFO holds about a tenth of a second.
        return transport_->Send(set_.function.imu_endpoint, std::move(one), 20 * written) ==
               UsbfsDevice::SendResult::kQueued;
    }

    DescriptorSet set_;
    EmulatorOptions options_;
    std::shared_ptr<const RecordingFrames> recording_; // null: testdata or synthetic frames
    FrameSource source_;
    const Clock::time_point epoch_;
    UsbfsDevice *transport_ = nullptr;
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    bool quit_ = false;
    std::vector<Stream> streams_;
    ImuStats imu_;
    std::thread imu_thread_;
    UvcControls controls_;
    std::vector<uint8_t> calibration_; // set before Attach(), then read-only
    struct VendorFault
    {
        uint8_t request;
        ControlFaultKind kind;
        int count;
    };
    std::vector<VendorFault> vendor_faults_; // under mutex_
    uint8_t firmware_build_ = 0, firmware_signature_ = 0;

    void LoadCalibration(const EmulatorOptions &options)
    {
        firmware_build_ = options.firmware_build;
        firmware_signature_ = options.firmware_signature;
        std::string path = options.calibration_file;
        if (path == "none")
            return;
        if (path.empty() && recording_ != nullptr && !recording_->calibration().empty())
        {
            calibration_ = recording_->calibration();
            if (calibration_.size() > OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE)
                calibration_.clear();
            return;
        }
        if (path.empty())
        {
            if (options.testdata_dir.empty())
                return;
            path = options.testdata_dir + "/recordings/azure_kinect_pyk4a_calibration.json";
        }
        if (!ReadFile(path, &calibration_) || calibration_.size() > OPENK4A_K4A_VENDOR_CALIBRATION_MAX_SIZE)
        {
            calibration_.clear();
        }
    }

    // Vendor IN requests of the k4a model (core/spec/k4a_vendor_wire.toml).
    int VendorIn(const SetupPacket &setup, std::vector<uint8_t> *in)
    {
        bool short_reply = false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (auto it = vendor_faults_.begin(); it != vendor_faults_.end(); ++it)
            {
                if (it->request != setup.bRequest)
                    continue;
                const ControlFaultKind kind = it->kind;
                if (--it->count <= 0)
                    vendor_faults_.erase(it);
                if (kind == ControlFaultKind::kStall)
                    return -EPIPE;
                short_reply = true;
                break;
            }
        }
        switch (setup.bRequest)
        {
        case OPENK4A_K4A_VENDOR_REQ_CALIBRATION_SIZE:
        {
            if (calibration_.empty() || setup.wLength != 4)
                return -EPIPE;
            const uint32_t size = static_cast<uint32_t>(calibration_.size());
            *in = {static_cast<uint8_t>(size), static_cast<uint8_t>(size >> 8), static_cast<uint8_t>(size >> 16),
                   static_cast<uint8_t>(size >> 24)};
            break;
        }
        case OPENK4A_K4A_VENDOR_REQ_CALIBRATION_READ:
        {
            const size_t offset = size_t{setup.wValue} * OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK;
            if (calibration_.empty() || offset >= calibration_.size())
                return -EPIPE;
            const size_t n = std::min<size_t>(OPENK4A_K4A_VENDOR_CALIBRATION_BLOCK, calibration_.size() - offset);
            in->assign(calibration_.begin() + static_cast<ptrdiff_t>(offset),
                       calibration_.begin() + static_cast<ptrdiff_t>(offset + n));
            break;
        }
        case OPENK4A_K4A_VENDOR_REQ_VERSION:
        {
            *in = FirmwareVersionsReply(firmware_build_, firmware_signature_);
            if (in->empty())
                return -EPIPE;
            break;
        }
        case OPENK4A_K4A_VENDOR_REQ_SYNC_JACK:
            in->assign(1, 0); // no cable in either jack
            break;
        default:
            return -EPIPE;
        }
        if (short_reply && !in->empty())
            in->pop_back();
        return static_cast<int>(in->size());
    }
};

// ----------------------------------------------------------------- facade --

std::unique_ptr<EmulatedDevice> EmulatedDevice::Create(const EmulatorOptions &options, std::string *error)
{
    DescriptorSet set;
    int speed = 5000;
    if (options.azure_kinect_color)
    {
        K4aDescriptorOptions k4a;
        k4a.serial = options.serial;
        set = BuildAzureKinectColorDescriptors(k4a);
    }
    else if (options.config_descriptor_file.empty())
    {
        K4aDescriptorOptions k4a;
        k4a.isochronous = options.isochronous;
        k4a.serial = options.serial;
        set = BuildK4aDescriptors(k4a);
    }
    else
    {
        if (!ReadFile(options.config_descriptor_file, &set.config))
        {
            *error = "cannot read " + options.config_descriptor_file;
            return nullptr;
        }
        if (!FunctionFromConfig(set.config, &set.function, error))
            return nullptr;
        std::string name = options.config_descriptor_file;
        name = name.substr(name.find_last_of('/') + 1);
        set.strings = {"openk4a", "openk4a emulated UVC camera (" + name + ")", options.serial};
        if (!options.device_descriptor_file.empty())
        {
            if (!ReadFile(options.device_descriptor_file, &set.device) || set.device.size() != 18)
            {
                *error = "cannot read an 18-byte device descriptor from " + options.device_descriptor_file;
                return nullptr;
            }
            set.device[16] = 3; // our serial string, whatever the original said
        }
        else
        {
            // pid.codes test VID/PID: a generic UVC camera, composite with IAD.
            set.device = {18, 1, 0x00, 0x02, 0xEF, 0x02, 0x01, 64, 0x09, 0x12, 0x02, 0x00, 0x00, 0x01, 1, 2, 3, 1};
        }
        // A webcam's isochronous bandwidth fits high speed.
        speed = 480;
    }
    std::shared_ptr<const RecordingFrames> recording;
    if (!options.recording_path.empty())
    {
        recording = RecordingFrames::Open(options.recording_path, error);
        if (recording == nullptr)
            return nullptr;
    }
    std::unique_ptr<EmulatedDevice> device(new EmulatedDevice);
    device->model_ = std::make_unique<Model>(std::move(set), options, std::move(recording));
    UsbfsDevice::Options transport;
    transport.device_descriptor = device->model_->set().device;
    transport.config_descriptor = device->model_->set().config;
    transport.speed_mbps = speed;
    transport.product_name = device->model_->set().strings[1];
    transport.parent_name = options.parent_name;
    transport.parent_port = options.parent_port;
    device->transport_ = UsbfsDevice::Create(std::move(transport), device->model_.get(), error);
    if (!device->transport_)
        return nullptr;
    device->model_->Attach(device->transport_.get());
    if (options.plugged && !device->transport_->Plug(error))
        return nullptr;
    return device;
}

EmulatedDevice::~EmulatedDevice()
{
    // Producers first (they talk to the transport), then the transport (its
    // unplug calls back into the model), then the model.
    if (model_)
        model_->Shutdown();
    transport_.reset();
    model_.reset();
}

void EmulatedDevice::Unplug()
{
    transport_->Unplug();
}
bool EmulatedDevice::Plug(std::string *error)
{
    return transport_->Plug(error);
}
bool EmulatedDevice::plugged() const
{
    return transport_->plugged();
}
void EmulatedDevice::InjectFault(const Fault &fault)
{
    model_->InjectFault(fault);
}
void EmulatedDevice::InjectControlFault(const ControlFault &fault)
{
    model_->controls().InjectFault(fault);
}
void EmulatedDevice::InjectVendorFault(uint8_t request, ControlFaultKind kind, int count)
{
    model_->InjectVendorFault(request, kind, count);
}
bool EmulatedDevice::ControlValue(uint8_t entity, uint8_t selector, int32_t *value) const
{
    return model_->controls().Current(entity, selector, value);
}
const std::vector<uint8_t> &EmulatedDevice::calibration() const
{
    return model_->calibration();
}
StreamStats EmulatedDevice::stream_stats(int stream) const
{
    return model_->Stats(stream);
}
ImuStats EmulatedDevice::imu_stats() const
{
    return model_->Imu();
}
std::chrono::steady_clock::time_point EmulatedDevice::epoch() const
{
    return model_->epoch();
}
bool EmulatedDevice::FrameSentAt(int stream, uint64_t frame_number, std::chrono::steady_clock::time_point *at) const
{
    return model_->SentAt(stream, frame_number, at);
}
bool EmulatedDevice::WaitForFrames(int stream, uint64_t frames, int timeout_ms) const
{
    return model_->WaitForFrames(stream, frames, timeout_ms);
}
const DescriptorSet &EmulatedDevice::descriptors() const
{
    return model_->set();
}
const FunctionSpec &EmulatedDevice::function() const
{
    return model_->set().function;
}
uint16_t EmulatedDevice::vendor_id() const
{
    const auto &d = model_->set().device;
    return static_cast<uint16_t>(d[8] | d[9] << 8);
}
uint16_t EmulatedDevice::product_id() const
{
    const auto &d = model_->set().device;
    return static_cast<uint16_t>(d[10] | d[11] << 8);
}
const std::string &EmulatedDevice::serial() const
{
    return model_->set().strings[2];
}
std::vector<uint8_t> EmulatedDevice::FrameContent(int stream, uint8_t format_index, uint8_t frame_index,
                                                  uint64_t number) const
{
    FrameBytesPtr frame = model_->Content(stream, format_index, frame_index, number);
    return frame ? *frame : std::vector<uint8_t>();
}
UsbfsDevice *EmulatedDevice::transport()
{
    return transport_.get();
}

} // namespace openk4a::emulator
