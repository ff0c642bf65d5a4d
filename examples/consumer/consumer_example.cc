// A program outside the openk4a workspace, built against its public targets:
// the k4a C API, the C++ owners, and the device API (which reports how many
// devices are attached; none is needed for this example to succeed).
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "k4a/k4a.h"
#include "openk4a/cxx/image.h"
#include "openk4a/version.h"

int main()
{
    std::printf("consumer example linked against openk4a %s\n", openk4a_version_string());

    k4a_image_t image = nullptr;
    if (k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 64, 48, 0, &image) != K4A_RESULT_SUCCEEDED)
    {
        std::fprintf(stderr, "k4a_image_create failed\n");
        return EXIT_FAILURE;
    }
    const int stride = k4a_image_get_stride_bytes(image);
    k4a_image_release(image);

    std::vector<uint8_t> pixels(64 * 48 * 2, 0);
    auto owned = openk4a::Image::FromOwner(K4A_IMAGE_FORMAT_DEPTH16, {64, 48, 0}, std::move(pixels));
    if (!owned.ok())
    {
        std::fprintf(stderr, "Image::FromOwner failed: %s\n", std::string(owned.status().message()).c_str());
        return EXIT_FAILURE;
    }
    std::printf("C image stride %d bytes; C++ image of %zu bytes; %u k4a devices attached\n", stride,
                owned->bytes().size(), k4a_device_get_installed_count());
    return stride == 128 && owned->bytes().size() == 64u * 48u * 2u ? EXIT_SUCCESS : EXIT_FAILURE;
}
