// The C++ layer in use: a depth frame from a buffer the program owns, typed
// pixel access, sharing, a capture, the C escape hatches, and a picture of
// the frame.
//
//   bazel run //cxx/examples:owners_example -- /tmp/depth.png
#include <k4a/k4a.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "openk4a/cxx/capture.h"
#include "openk4a/cxx/color.h"
#include "openk4a/cxx/image.h"

namespace
{

using openk4a::Capture;
using openk4a::Image;

constexpr int kWidth = 320, kHeight = 288; // NFOV binned depth

int Run(const char *png_path)
{
    // 1. A frame buffer the program allocated. A wrong stride is refused with
    //    the rule it breaks, and the buffer stays ours.
    std::vector<uint16_t> depth_mm(kWidth * kHeight);
    absl::StatusOr<Image> depth =
        Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {kWidth, kHeight, 100}, std::move(depth_mm));
    std::printf("wrong stride: %s\n", depth.status().ToString().c_str());
    std::printf("buffer still ours: %zu pixels\n", depth_mm.size()); // NOLINT(bugprone-use-after-move)

    depth = Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {kWidth, kHeight}, std::move(depth_mm));
    if (!depth.ok())
    {
        std::fprintf(stderr, "%s\n", depth.status().ToString().c_str());
        return 1;
    }
    depth->set_device_timestamp(std::chrono::milliseconds(33));

    // 2. Writable rows while the image is ours alone: a synthetic ramp.
    {
        absl::StatusOr<openk4a::PixelView<uint16_t>> rows = depth->MutablePixels<uint16_t>();
        if (!rows.ok())
            return 1;
        for (int y = 0; y < rows->height(); y++)
        {
            absl::Span<uint16_t> row = rows->row(y);
            for (int x = 0; x < rows->width(); x++)
                row[x] = static_cast<uint16_t>(500 + x + y);
        }
    }

    // 3. Shared: reading is fine, writing is refused until the clone is gone.
    Image shared = depth->Clone();
    std::printf("write while shared: %s\n", depth->MutableBytes().status().ToString().c_str());
    absl::StatusOr<openk4a::PixelView<const uint16_t>> view = shared.Pixels<uint16_t>();
    if (!view.ok())
        return 1;
    std::printf("centre depth: %u mm\n", static_cast<unsigned>(view->row(kHeight / 2)[kWidth / 2]));
    std::printf("as BGRA: %s\n", shared.Pixels<openk4a::Bgra>().status().ToString().c_str());

    // 4. A capture takes images by value: move to hand over, Clone() to keep one.
    absl::StatusOr<Capture> capture = Capture::Create();
    if (!capture.ok())
        return 1;
    capture->set_depth_image(std::move(shared));
    capture->set_temperature_c(31.5f);
    std::printf("capture: depth %s, ir %s, temperature %.1f C\n", capture->depth_image() ? "yes" : "no",
                capture->ir_image() ? "yes" : "no", capture->temperature_c().value_or(NAN));

    // 5. The C API where it is needed: get() borrows, release() hands over.
    std::printf("C sees %zu bytes, device time %llu us\n", k4a_image_get_size(depth->get()),
                static_cast<unsigned long long>(k4a_image_get_device_timestamp_usec(depth->get())));
    k4a_capture_t raw = std::move(*capture).release();
    k4a_capture_release(raw); // the C side owned it; the vector goes with the last image

    // 6. A picture for people to look at (DEPTH16 colour-mapped); a failure
    //    says what went wrong.
    std::printf("png to a missing folder: %s\n",
                openk4a::WritePng(*depth, "/nonexistent/depth.png").ToString().c_str());
    if (png_path != nullptr)
    {
        absl::Status saved = openk4a::WritePng(*depth, png_path, {500, 1200});
        std::printf("png: %s\n", saved.ok() ? png_path : saved.ToString().c_str());
        if (!saved.ok())
            return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    return Run(argc > 1 ? argv[1] : nullptr);
}
