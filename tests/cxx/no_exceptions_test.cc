// The C++ layer compiled and used with -fno-exceptions (this file's copts):
// every fallible call reports through absl::StatusOr, nothing throws.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be compiled with -fno-exceptions"
#endif

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "openk4a/cxx/capture.h"
#include "openk4a/cxx/color.h"
#include "openk4a/cxx/device.h"
#include "openk4a/cxx/image.h"

namespace
{

int failures = 0;

void Check(bool ok, const char *what)
{
    if (!ok)
    {
        std::fprintf(stderr, "FAILED: %s\n", what);
        failures++;
    }
}

} // namespace

int main()
{
    using openk4a::Capture;
    using openk4a::Image;

    std::vector<uint8_t> pixels(16 * 16 * 2, 3);
    absl::StatusOr<Image> bad = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {16, 16, 3}, std::move(pixels));
    Check(!bad.ok(), "a broken stride is refused");
    Check(pixels.size() == 512 && pixels[0] == 3, "the owner is still ours"); // NOLINT(bugprone-use-after-move)

    absl::StatusOr<Image> image = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {16, 16}, std::move(pixels));
    Check(image.ok(), "FromOwner");
    if (!image.ok())
        return 1;
    absl::StatusOr<openk4a::PixelView<const uint16_t>> depth = image->Pixels<uint16_t>();
    Check(depth.ok() && depth->row(15)[15] == 0x0303, "typed view");
    Check(!image->Pixels<openk4a::Bgra>().ok(), "wrong view refused");
    {
        Image clone = image->Clone();
        Check(!image->MutableBytes().ok(), "no writes while shared");
    }
    Check(image->MutableBytes().ok(), "writes while unique");

    absl::StatusOr<Capture> capture = Capture::Create();
    Check(capture.ok(), "Capture::Create");
    if (!capture.ok())
        return 1;
    capture->set_depth_image(*std::move(image));
    Check(capture->depth_image().has_value() && !capture->ir_image().has_value(), "capture slots");
    capture->set_temperature_c(25.0f);
    Check(capture->temperature_c() == 25.0f, "temperature");

    absl::StatusOr<Image> create = Image::Create(K4A_IMAGE_FORMAT_COLOR_MJPG, {64, 64});
    Check(!create.ok() && create.status().code() == absl::StatusCode::kInvalidArgument, "MJPG cannot be created");

    std::vector<uint8_t> not_jpeg(64, 0);
    absl::StatusOr<Image> mjpg = Image::FromOwner(K4A_IMAGE_FORMAT_COLOR_MJPG, {8, 8}, std::move(not_jpeg));
    Check(mjpg.ok(), "MJPG over a buffer");
    if (!mjpg.ok())
        return 1;
    Check(openk4a::DecodeToBgra32(*mjpg).status().code() == absl::StatusCode::kDataLoss, "a broken frame is an error");

    // No device is attached here: opening one says so.
    absl::StatusOr<openk4a::Device> device = openk4a::Device::Open(7);
    Check(!device.ok() && device.status().code() == absl::StatusCode::kNotFound, "Device::Open without a device");

    std::printf("%s\n", failures == 0 ? "PASS" : "FAIL");
    return failures == 0 ? 0 : 1;
}
