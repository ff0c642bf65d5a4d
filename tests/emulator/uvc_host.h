// A minimal UVC host written with plain libusb calls, for testing the emulated
// devices from the outside: probe/commit, then raw payloads grouped into
// frames the way the headers say (EOF, or an FID toggle).
#ifndef OPENK4A_TESTS_EMULATOR_UVC_HOST_H_
#define OPENK4A_TESTS_EMULATOR_UVC_HOST_H_

#include <libusb.h>
#include <stdint.h>

#include <chrono>
#include <string>
#include <vector>

#include "openk4a/usb/uvc_wire.h"

namespace openk4a::testing
{

struct HostPayload
{
    std::vector<uint8_t> bytes;
    openk4a_uvc_payload_header_t header{};
    bool header_ok = false;
    std::chrono::steady_clock::time_point arrived;
};

struct HostFrame
{
    std::vector<uint8_t> data; // payload bodies, headers stripped
    std::vector<HostPayload> payloads;
    bool eof = false; // ended by EOF (not by an FID toggle)
    bool err = false; // some payload had ERR
    bool fid = false;
    uint32_t pts = 0;
    std::chrono::steady_clock::time_point arrived; // last payload
};

class UvcHost
{
public:
    UvcHost();
    ~UvcHost();
    libusb_context *context() const
    {
        return ctx_;
    }
    libusb_device_handle *handle() const
    {
        return handle_;
    }

    bool Open(uint16_t vid, uint16_t pid);
    void Close();

    // SET_CUR(PROBE), GET_CUR(PROBE), SET_CUR(COMMIT); the device's answer.
    int Negotiate(uint8_t interface_number, uint8_t format, uint8_t frame, uint32_t interval, size_t probe_size,
                  openk4a_uvc_probe_commit_t *result);
    int GetProbe(uint8_t interface_number, uint8_t request, size_t probe_size, openk4a_uvc_probe_commit_t *result);

    // Reads payloads from a bulk endpoint until `frames` frames ended or the
    // time runs out; returns the libusb error that stopped it (0 when done).
    int ReadBulkFrames(uint8_t endpoint, size_t transfer_size, size_t frames, int timeout_ms,
                       std::vector<HostFrame> *out);
    // Same over isochronous transfers (packets of `packet_size`).
    int ReadIsoFrames(uint8_t endpoint, int packet_size, size_t frames, int timeout_ms, std::vector<HostFrame> *out);

private:
    void Feed(HostPayload payload, std::vector<HostFrame> *out);
    libusb_context *ctx_ = nullptr;
    libusb_device_handle *handle_ = nullptr;
    HostFrame current_;
    bool have_current_ = false;
};

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_EMULATOR_UVC_HOST_H_
