// Configuration descriptors -> video function model: any input ends in an
// error or a model whose indices all stay in range, and every frame of the
// model gives a probe request that survives the generated encoder. Each
// descriptor of the input (walked by bLength) also goes through every
// generated descriptor parser and, where it parses, its encoder
// (fuzz/wire_round_trip.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "fuzz/harness.h"
#include "fuzz/wire_round_trip.h"
#include "openk4a/usb/uvc_descriptors.h"
#include "openk4a/usb/uvc_probe.h"
#include "openk4a/usb/uvc_wire.h"

namespace
{

using openk4a::fuzzing::CheckRoundTrip;

// The probe request for a frame: its format and frame index, the interval
// asked for, the probe size of the device's UVC version, and an encoding that
// parses back to the same request.
void CheckProbe(const openk4a_uvc_config_t &m, const openk4a_uvc_format_t &f, const openk4a_uvc_frame_desc_t &fr)
{
    openk4a_uvc_probe_commit_t probe;
    const openk4a_usb_status_t s = openk4a_uvc_probe_for_frame(&m, &f, &fr, 0, &probe);
    CHECK(s == (openk4a_uvc_frame_supports_interval(&m, &fr, fr.default_interval) ? OPENK4A_USB_OK :
                                                                                    OPENK4A_USB_ERR_NOT_FOUND));
    if (s != OPENK4A_USB_OK)
        return;
    CHECK(probe.bFormatIndex == f.format_index && probe.bFrameIndex == fr.frame_index);
    CHECK(probe.dwFrameInterval == fr.default_interval);
    CHECK(probe.wire_size == openk4a_uvc_probe_size_for_version(m.control.bcd_uvc));
    uint8_t wire[48];
    size_t written = 0;
    CHECK(openk4a_uvc_probe_commit_encode(&probe, wire, sizeof wire, &written) == OPENK4A_USB_OK);
    openk4a_uvc_probe_commit_t back;
    CHECK(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_probe_commit), wire, written, &back) == OPENK4A_USB_OK);
    CHECK(back.wire_size == written && back.bFormatIndex == probe.bFormatIndex);
    CHECK(back.bFrameIndex == probe.bFrameIndex && back.dwFrameInterval == probe.dwFrameInterval);
    // A frame of another format, or no model, is refused.
    CHECK(openk4a_uvc_probe_for_frame(nullptr, &f, &fr, 0, &probe) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
    for (size_t i = 0; i < m.format_count; ++i)
    {
        if (&m.formats[i] != &f)
        {
            CHECK(openk4a_uvc_probe_for_frame(&m, &m.formats[i], &fr, 0, &probe) == OPENK4A_USB_ERR_INVALID_ARGUMENT);
            break;
        }
    }
}

void CheckModel(const openk4a_uvc_config_t &m, size_t size)
{
    CHECK(m.total_length <= size);
    CHECK(m.streaming_count <= OPENK4A_UVC_MAX_STREAMING_INTERFACES);
    CHECK(m.alt_count <= OPENK4A_UVC_MAX_ALT_SETTINGS);
    CHECK(m.format_count <= OPENK4A_UVC_MAX_FORMATS && m.frame_count <= OPENK4A_UVC_MAX_FRAMES);
    CHECK(m.interval_count <= OPENK4A_UVC_MAX_INTERVALS);
    CHECK(m.still_size_count <= OPENK4A_UVC_MAX_STILL_SIZES);
    CHECK(m.entity_count <= OPENK4A_UVC_MAX_ENTITIES);
    size_t formats = 0, alts = 0;
    for (size_t i = 0; i < m.streaming_count; ++i)
    {
        const openk4a_uvc_streaming_interface_t &si = m.streaming[i];
        CHECK(si.first_format + size_t{si.format_count} <= m.format_count);
        formats += si.format_count;
        alts += si.alt_count;
        for (size_t k = 0; k < si.format_count; ++k)
            CHECK(m.formats[si.first_format + k].streaming == i);
    }
    CHECK(formats == m.format_count && alts == m.alt_count);
    size_t frames = 0;
    for (size_t i = 0; i < m.format_count; ++i)
    {
        const openk4a_uvc_format_t &f = m.formats[i];
        // The lookups find this format, or an earlier one with the same key.
        const openk4a_uvc_format_t *by_index = openk4a_uvc_config_find_format(&m, f.interface_number, f.format_index);
        CHECK(by_index != nullptr && by_index <= &f && by_index->format_index == f.format_index);
        const openk4a_uvc_format_t *by_pixel = openk4a_uvc_config_find_pixel_format(&m, f.pixel_format);
        CHECK(by_pixel != nullptr && by_pixel <= &f && by_pixel->pixel_format == f.pixel_format);
        CHECK(openk4a_uvc_pixel_format_name(f.pixel_format) != nullptr);
        CHECK(f.first_frame + size_t{f.frame_count} <= m.frame_count);
        CHECK(f.first_still_size + size_t{f.still_size_count} <= m.still_size_count);
        frames += f.frame_count;
        for (size_t k = 0; k < f.frame_count; ++k)
        {
            const openk4a_uvc_frame_desc_t *fr = &m.frames[f.first_frame + k];
            CHECK(fr->format == i);
            CHECK(openk4a_uvc_config_find_frame(&m, &f, fr->frame_index) != nullptr);
            const openk4a_uvc_frame_desc_t *by_size =
                openk4a_uvc_config_find_frame_by_size(&m, &f, fr->width, fr->height);
            CHECK(by_size != nullptr && by_size <= fr && by_size->width == fr->width && by_size->height == fr->height);
            CheckProbe(m, f, *fr);
        }
    }
    CHECK(frames == m.frame_count);
    for (size_t i = 0; i < m.frame_count; ++i)
    {
        const openk4a_uvc_frame_desc_t &fr = m.frames[i];
        if (fr.interval_type != 0)
            CHECK(fr.first_interval + size_t{fr.interval_type} <= m.interval_count);
    }
    for (size_t i = 0; i < m.alt_count; ++i)
    {
        (void)openk4a_uvc_config_pick_alt_setting(&m, m.alts[i].interface_number, 1);
    }
    CHECK(m.control.first_entity + size_t{m.control.entity_count} <= m.entity_count);
}

// One descriptor (data[0] is its bLength) through every generated
// descriptor parser; those that accept it must round-trip it.
void CheckDescriptor(const uint8_t *data, size_t size)
{
    size_t consumed = 0;
    auto parsed = [&](openk4a_usb_status_t s)
    {
        if (s == OPENK4A_USB_OK)
            CHECK(consumed >= 1 && consumed == data[0]);
    };
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_device_descriptor), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_config_descriptor), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_interface_association), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_interface_descriptor), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_endpoint_descriptor), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_ss_endpoint_companion), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_header), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_input_terminal), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_output_terminal), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_selector_unit), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_processing_unit), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_extension_unit), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_encoding_unit), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vc_interrupt_endpoint), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_input_header), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_still_image_frame), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_format_uncompressed), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_format_mjpeg), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_format_frame_based), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_frame), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_frame_frame_based), data, size, nullptr, &consumed));
    parsed(CheckRoundTrip(WIRE_CODEC(openk4a_uvc_vs_color_matching), data, size, nullptr, &consumed));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    static openk4a_uvc_config_t *model = new openk4a_uvc_config_t;
    size_t consumed = 0;
    const openk4a_usb_status_t s = openk4a_uvc_config_parse(data, size, model, &consumed);
    CHECK(consumed <= size);
    static openk4a_uvc_config_t *whole = new openk4a_uvc_config_t;
    const openk4a_usb_status_t complete = openk4a_uvc_config_parse_complete(data, size, whole);
    if (s == OPENK4A_USB_OK)
    {
        CHECK(consumed == model->total_length);
        CHECK(complete == (consumed == size ? OPENK4A_USB_OK : OPENK4A_USB_ERR_TRAILING_BYTES));
        CheckModel(*model, size);
    }
    else
    {
        CHECK(complete == s);
        CHECK(openk4a_usb_status_name(s)[0] == 'O');
    }
    // Each descriptor in turn, as a host walking the configuration would.
    for (size_t pos = 0; pos < size; pos += data[pos])
    {
        CheckDescriptor(data + pos, size - pos);
        if (data[pos] == 0)
            break;
    }
    return 0;
}
