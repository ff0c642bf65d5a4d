// Configuration descriptors -> video function model: any input ends in an
// error or a model whose indices all stay in range; the generated
// per-descriptor parsers are exercised on the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "fuzz/harness.h"
#include "openk4a/usb/uvc_descriptors.h"
#include "openk4a/usb/uvc_wire.h"

namespace {

void CheckModel(const openk4a_uvc_config_t& m, size_t size) {
  CHECK(m.total_length <= size);
  CHECK(m.streaming_count <= OPENK4A_UVC_MAX_STREAMING_INTERFACES);
  CHECK(m.alt_count <= OPENK4A_UVC_MAX_ALT_SETTINGS);
  CHECK(m.format_count <= OPENK4A_UVC_MAX_FORMATS && m.frame_count <= OPENK4A_UVC_MAX_FRAMES);
  CHECK(m.interval_count <= OPENK4A_UVC_MAX_INTERVALS);
  CHECK(m.still_size_count <= OPENK4A_UVC_MAX_STILL_SIZES);
  CHECK(m.entity_count <= OPENK4A_UVC_MAX_ENTITIES);
  size_t formats = 0, alts = 0;
  for (size_t i = 0; i < m.streaming_count; ++i) {
    const openk4a_uvc_streaming_interface_t& si = m.streaming[i];
    CHECK(si.first_format + size_t{si.format_count} <= m.format_count);
    formats += si.format_count;
    alts += si.alt_count;
    for (size_t k = 0; k < si.format_count; ++k) CHECK(m.formats[si.first_format + k].streaming == i);
  }
  CHECK(formats == m.format_count && alts == m.alt_count);
  size_t frames = 0;
  for (size_t i = 0; i < m.format_count; ++i) {
    const openk4a_uvc_format_t& f = m.formats[i];
    CHECK(f.first_frame + size_t{f.frame_count} <= m.frame_count);
    CHECK(f.first_still_size + size_t{f.still_size_count} <= m.still_size_count);
    frames += f.frame_count;
    for (size_t k = 0; k < f.frame_count; ++k) {
      const openk4a_uvc_frame_desc_t* fr = &m.frames[f.first_frame + k];
      CHECK(fr->format == i);
      CHECK(openk4a_uvc_config_find_frame(&m, &f, fr->frame_index) != nullptr);
      (void)openk4a_uvc_frame_supports_interval(&m, fr, fr->default_interval);
    }
  }
  CHECK(frames == m.frame_count);
  for (size_t i = 0; i < m.frame_count; ++i) {
    const openk4a_uvc_frame_desc_t& fr = m.frames[i];
    if (fr.interval_type != 0) CHECK(fr.first_interval + size_t{fr.interval_type} <= m.interval_count);
  }
  for (size_t i = 0; i < m.alt_count; ++i) {
    (void)openk4a_uvc_config_pick_alt_setting(&m, m.alts[i].interface_number, 1);
  }
  CHECK(m.control.first_entity + size_t{m.control.entity_count} <= m.entity_count);
}

// Every generated descriptor parser on the same bytes: bounds only.
template <typename T, typename Parse>
void TryParse(Parse parse, const uint8_t* data, size_t size) {
  T out;
  size_t consumed = 0;
  const openk4a_usb_status_t s = parse(data, size, &out, &consumed);
  CHECK(consumed <= size);
  if (s == OPENK4A_USB_OK) CHECK(consumed >= 1 && consumed == data[0]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > OPENK4A_FUZZ_MAX_LEN) return 0;
  static openk4a_uvc_config_t* model = new openk4a_uvc_config_t;
  size_t consumed = 0;
  const openk4a_usb_status_t s = openk4a_uvc_config_parse(data, size, model, &consumed);
  CHECK(consumed <= size);
  if (s == OPENK4A_USB_OK) {
    CHECK(consumed == model->total_length);
    CheckModel(*model, size);
  } else {
    CHECK(openk4a_usb_status_name(s)[0] == 'O');
  }
  TryParse<openk4a_uvc_device_descriptor_t>(openk4a_uvc_device_descriptor_parse, data, size);
  TryParse<openk4a_uvc_interface_descriptor_t>(openk4a_uvc_interface_descriptor_parse, data, size);
  TryParse<openk4a_uvc_endpoint_descriptor_t>(openk4a_uvc_endpoint_descriptor_parse, data, size);
  TryParse<openk4a_uvc_vc_header_t>(openk4a_uvc_vc_header_parse, data, size);
  TryParse<openk4a_uvc_vc_input_terminal_t>(openk4a_uvc_vc_input_terminal_parse, data, size);
  TryParse<openk4a_uvc_vc_extension_unit_t>(openk4a_uvc_vc_extension_unit_parse, data, size);
  TryParse<openk4a_uvc_vc_processing_unit_t>(openk4a_uvc_vc_processing_unit_parse, data, size);
  TryParse<openk4a_uvc_vs_input_header_t>(openk4a_uvc_vs_input_header_parse, data, size);
  TryParse<openk4a_uvc_vs_frame_t>(openk4a_uvc_vs_frame_parse, data, size);
  TryParse<openk4a_uvc_vs_frame_frame_based_t>(openk4a_uvc_vs_frame_frame_based_parse, data, size);
  TryParse<openk4a_uvc_vs_still_image_frame_t>(openk4a_uvc_vs_still_image_frame_parse, data, size);
  return 0;
}
