// Arbitrary bytes as one MJPG frame through the decode path the workers use
// (openk4a_to_bgra32). Oracle: a frame we accept must decode to exactly what
// a bare TurboJPEG call with a fresh handle produces, and decoding it again on
// the same (possibly recreated) handle must give the same pixels.
#include <turbojpeg.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/color/mjpeg_decoder.h"
#include "core/color/mjpeg_scan.h"
#include "core/color/to_bgra32.h"
#include "fuzz/harness.h"

namespace
{

// Keeps each input to a few milliseconds: larger frames are only scanned.
constexpr uint64_t kMaxPixels = 1u << 18;

openk4a_mjpeg_decoder_t *Decoder()
{
    static openk4a_mjpeg_decoder_t *decoder = openk4a_mjpeg_decoder_create();
    return decoder;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    // An exact-size copy, so reading one byte too far is caught.
    std::vector<uint8_t> input(data, data + size);
    const uint8_t *jpeg = input.empty() ? nullptr : input.data();
    const openk4a_color_mode_t mode = (size & 1) ? OPENK4A_COLOR_MODE_ACCURATE : OPENK4A_COLOR_MODE_FAST;

    openk4a_mjpeg_info_t info;
    const openk4a_color_status_t scanned = openk4a_mjpeg_scan(jpeg, size, &info);
    uint32_t width = 16, height = 16;
    if (scanned == OPENK4A_COLOR_OK)
    {
        CHECK(info.end_offset <= size && info.width != 0 && info.height != 0);
        if (static_cast<uint64_t>(info.width) * info.height > kMaxPixels)
            return 0;
        width = info.width;
        height = info.height;
    }
    const uint32_t stride = 4 * width + 4 * ((size / 2) % 4);
    std::vector<uint8_t> dst(static_cast<size_t>(stride) * (height - 1) + 4 * width);
    openk4a_bgra32_request_t request = {};
    request.source_format = OPENK4A_BGRA32_FROM_MJPG;
    request.source = jpeg;
    request.source_size = size;
    request.width = width;
    request.height = height;
    request.destination = dst.data();
    request.destination_size = dst.size();
    request.destination_stride = stride;
    bool warned = false;
    const openk4a_color_status_t status = openk4a_to_bgra32(Decoder(), &request, mode, &warned);
    CHECK(status != OPENK4A_COLOR_OK || scanned == OPENK4A_COLOR_OK); // the scan gates every decode
    if (status != OPENK4A_COLOR_OK)
        return 0;

    // Same pixels as a bare TurboJPEG decode on a fresh handle.
    std::vector<uint8_t> reference(dst.size());
    tjhandle handle = tjInitDecompress();
    const int flags = mode == OPENK4A_COLOR_MODE_FAST ? TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE : TJFLAG_ACCURATEDCT;
    const int rc = tjDecompress2(handle, jpeg, info.end_offset, reference.data(), static_cast<int>(width),
                                 static_cast<int>(stride), static_cast<int>(height), TJPF_BGRA, flags);
    const bool reference_fatal = rc != 0 && tjGetErrorCode(handle) == TJERR_FATAL;
    tjDestroy(handle);
    CHECK(!reference_fatal); // else we accepted a frame libjpeg-turbo cannot decode
    for (uint32_t y = 0; y < height; y++)
        CHECK(memcmp(&dst[y * stride], &reference[y * stride], 4 * width) == 0);

    // Again on our handle: history must not change the result.
    std::vector<uint8_t> again(dst.size());
    request.destination = again.data();
    CHECK(openk4a_to_bgra32(Decoder(), &request, mode, nullptr) == OPENK4A_COLOR_OK);
    for (uint32_t y = 0; y < height; y++)
        CHECK(memcmp(&dst[y * stride], &again[y * stride], 4 * width) == 0);
    return 0;
}
