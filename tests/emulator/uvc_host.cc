#include "tests/emulator/uvc_host.h"

#include <string.h>

#include <atomic>

namespace openk4a::testing
{

UvcHost::UvcHost()
{
    libusb_init(&ctx_);
}

UvcHost::~UvcHost()
{
    Close();
    if (ctx_ != nullptr)
        libusb_exit(ctx_);
}

bool UvcHost::Open(uint16_t vid, uint16_t pid)
{
    Close();
    handle_ = libusb_open_device_with_vid_pid(ctx_, vid, pid);
    return handle_ != nullptr;
}

void UvcHost::Close()
{
    if (handle_ != nullptr)
        libusb_close(handle_);
    handle_ = nullptr;
    have_current_ = false;
}

int UvcHost::GetProbe(uint8_t interface_number, uint8_t request, size_t probe_size, openk4a_uvc_probe_commit_t *result)
{
    uint8_t buf[64] = {};
    const int n = libusb_control_transfer(handle_, 0xA1, request, OPENK4A_UVC_VS_CTRL_PROBE << 8, interface_number, buf,
                                          static_cast<uint16_t>(probe_size), 1000);
    if (n < 0)
        return n;
    return openk4a_uvc_probe_commit_parse(buf, static_cast<size_t>(n), result, nullptr) == OPENK4A_USB_OK ?
               0 :
               LIBUSB_ERROR_OTHER;
}

int UvcHost::Negotiate(uint8_t interface_number, uint8_t format, uint8_t frame, uint32_t interval, size_t probe_size,
                       openk4a_uvc_probe_commit_t *result)
{
    openk4a_uvc_probe_commit_t probe{};
    probe.bmHint = OPENK4A_UVC_PROBE_HINT_FRAME_INTERVAL;
    probe.bFormatIndex = format;
    probe.bFrameIndex = frame;
    probe.dwFrameInterval = interval;
    probe.wire_size = probe_size;
    uint8_t buf[64] = {};
    size_t written = 0;
    if (openk4a_uvc_probe_commit_encode(&probe, buf, sizeof buf, &written) != OPENK4A_USB_OK)
    {
        return LIBUSB_ERROR_OTHER;
    }
    int r = libusb_control_transfer(handle_, 0x21, OPENK4A_UVC_REQ_SET_CUR, OPENK4A_UVC_VS_CTRL_PROBE << 8,
                                    interface_number, buf, static_cast<uint16_t>(written), 1000);
    if (r < 0)
        return r;
    r = GetProbe(interface_number, OPENK4A_UVC_REQ_GET_CUR, probe_size, result);
    if (r < 0)
        return r;
    written = 0;
    openk4a_uvc_probe_commit_encode(result, buf, sizeof buf, &written);
    r = libusb_control_transfer(handle_, 0x21, OPENK4A_UVC_REQ_SET_CUR, OPENK4A_UVC_VS_CTRL_COMMIT << 8,
                                interface_number, buf, static_cast<uint16_t>(written), 1000);
    return r < 0 ? r : 0;
}

void UvcHost::Feed(HostPayload payload, std::vector<HostFrame> *out)
{
    if (!payload.header_ok)
    {
        // Unparseable header: keep it visible as a one-payload "frame".
        HostFrame bad;
        bad.payloads.push_back(std::move(payload));
        out->push_back(std::move(bad));
        return;
    }
    const uint8_t info = payload.header.bmHeaderInfo;
    const bool fid = (info & OPENK4A_UVC_HEADER_FID) != 0;
    if (have_current_ && fid != current_.fid)
    {
        out->push_back(std::move(current_)); // FID toggled without EOF
        have_current_ = false;
    }
    if (!have_current_)
    {
        current_ = HostFrame();
        current_.fid = fid;
        have_current_ = true;
    }
    const size_t header = payload.header.bHeaderLength;
    if (payload.bytes.size() > header)
    {
        current_.data.insert(current_.data.end(), payload.bytes.begin() + header, payload.bytes.end());
    }
    current_.err = current_.err || (info & OPENK4A_UVC_HEADER_ERR) != 0;
    if (info & OPENK4A_UVC_HEADER_PTS)
        current_.pts = payload.header.dwPresentationTime;
    current_.arrived = payload.arrived;
    const bool eof = (info & OPENK4A_UVC_HEADER_EOF) != 0;
    current_.payloads.push_back(std::move(payload));
    if (eof)
    {
        current_.eof = true;
        out->push_back(std::move(current_));
        have_current_ = false;
    }
}

namespace
{
HostPayload MakePayload(const uint8_t *data, size_t size)
{
    HostPayload p;
    p.bytes.assign(data, data + size);
    p.arrived = std::chrono::steady_clock::now();
    p.header_ok = openk4a_uvc_payload_header_parse(data, size, &p.header, nullptr) == OPENK4A_USB_OK;
    return p;
}
} // namespace

int UvcHost::ReadBulkFrames(uint8_t endpoint, size_t transfer_size, size_t frames, int timeout_ms,
                            std::vector<HostFrame> *out)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::vector<uint8_t> buf(transfer_size);
    while (out->size() < frames)
    {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0)
            return LIBUSB_ERROR_TIMEOUT;
        int got = 0;
        const int r = libusb_bulk_transfer(handle_, endpoint, buf.data(), static_cast<int>(buf.size()), &got,
                                           static_cast<unsigned>(left));
        if (r != 0)
            return r;
        if (got > 0)
            Feed(MakePayload(buf.data(), static_cast<size_t>(got)), out);
    }
    return 0;
}

int UvcHost::ReadIsoFrames(uint8_t endpoint, int packet_size, size_t frames, int timeout_ms,
                           std::vector<HostFrame> *out)
{
    constexpr int kPackets = 32, kTransfers = 4;
    struct Slot
    {
        UvcHost *host;
        std::vector<HostFrame> *out;
        std::vector<uint8_t> buffer;
        libusb_transfer *transfer;
        std::atomic<bool> busy{false};
        int status = 0;
    };
    std::vector<Slot> slots(kTransfers);
    int error = 0;
    for (Slot &slot : slots)
    {
        slot.host = this;
        slot.out = out;
        slot.buffer.resize(static_cast<size_t>(packet_size) * kPackets);
        slot.transfer = libusb_alloc_transfer(kPackets);
        libusb_fill_iso_transfer(
            slot.transfer, handle_, endpoint, slot.buffer.data(), static_cast<int>(slot.buffer.size()), kPackets,
            [](libusb_transfer *t)
            {
                Slot *s = static_cast<Slot *>(t->user_data);
                s->status = t->status;
                if (t->status == LIBUSB_TRANSFER_COMPLETED)
                {
                    for (int i = 0; i < t->num_iso_packets; i++)
                    {
                        const libusb_iso_packet_descriptor &d = t->iso_packet_desc[i];
                        if (d.status != LIBUSB_TRANSFER_COMPLETED || d.actual_length == 0)
                            continue;
                        s->host->Feed(MakePayload(libusb_get_iso_packet_buffer_simple(t, i), d.actual_length), s->out);
                    }
                }
                s->busy = false;
            },
            &slot, 2000);
        libusb_set_iso_packet_lengths(slot.transfer, packet_size);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (out->size() < frames && std::chrono::steady_clock::now() < deadline && error == 0)
    {
        for (Slot &slot : slots)
        {
            if (slot.busy)
                continue;
            if (slot.status != 0 && slot.status != LIBUSB_TRANSFER_COMPLETED)
            {
                error = LIBUSB_ERROR_IO;
                break;
            }
            slot.busy = true;
            if (libusb_submit_transfer(slot.transfer) != 0)
            {
                slot.busy = false;
                error = LIBUSB_ERROR_IO;
            }
        }
        timeval tv = {0, 50000};
        libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
    }
    for (Slot &slot : slots)
    {
        if (slot.busy)
            libusb_cancel_transfer(slot.transfer);
    }
    const auto drain = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (Slot &slot : slots)
    {
        while (slot.busy && std::chrono::steady_clock::now() < drain)
        {
            timeval tv = {0, 50000};
            libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
        }
        libusb_free_transfer(slot.transfer);
    }
    if (error != 0)
        return error;
    return out->size() >= frames ? 0 : LIBUSB_ERROR_TIMEOUT;
}

} // namespace openk4a::testing
