// Calibration and transformation calls with hostile calibrations: the input overwrites any 4-byte
// slots of a plausible k4a_calibration_t (NaN, inf, zero focal length, huge radius, garbage
// sizes and modes, empty extrinsics) and then runs a program of k4a_calibration_* and
// k4a_transformation_* calls with arbitrary points. Every call must return (a clear error or a
// result), never crash, hang or leak.
#include <k4a/k4a.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "core/log.h"
#include "fuzz/harness.h"

namespace
{

using openk4a::fuzzing::Reader;

constexpr int kSlots = sizeof(k4a_calibration_t) / 4;

// NFOV 2x2 binned depth and 720p colour, round numbers of the right order.
k4a_calibration_t Plausible()
{
    k4a_calibration_t c;
    std::memset(&c, 0, sizeof c);
    auto camera = [](k4a_calibration_camera_t *cam, int w, int h, float f, float radius)
    {
        for (int i = 0; i < 3; i++)
            cam->extrinsics.rotation[i * 4] = 1.f;
        cam->intrinsics.type = K4A_CALIBRATION_LENS_DISTORTION_MODEL_BROWN_CONRADY;
        cam->intrinsics.parameter_count = 14;
        auto &p = cam->intrinsics.parameters.param;
        p.cx = w / 2.f - 0.5f;
        p.cy = h / 2.f - 0.5f;
        p.fx = p.fy = f;
        p.k1 = 0.3f;
        p.k2 = -0.1f;
        p.k4 = 0.2f;
        p.p1 = 1e-4f;
        p.p2 = -1e-4f;
        cam->resolution_width = w;
        cam->resolution_height = h;
        cam->metric_radius = radius;
    };
    camera(&c.depth_camera_calibration, 320, 288, 252.f, 1.74f);
    camera(&c.color_camera_calibration, 1280, 720, 612.f, 1.7f);
    c.color_camera_calibration.extrinsics.translation[0] = -32.f;
    for (int s = 0; s < K4A_CALIBRATION_TYPE_NUM; s++)
    {
        for (int t = 0; t < K4A_CALIBRATION_TYPE_NUM; t++)
        {
            for (int i = 0; i < 3; i++)
                c.extrinsics[s][t].rotation[i * 4] = 1.f;
        }
    }
    c.extrinsics[K4A_CALIBRATION_TYPE_DEPTH][K4A_CALIBRATION_TYPE_COLOR].translation[0] = -32.f;
    c.extrinsics[K4A_CALIBRATION_TYPE_COLOR][K4A_CALIBRATION_TYPE_DEPTH].translation[0] = 32.f;
    c.depth_mode = K4A_DEPTH_MODE_NFOV_2X2BINNED;
    c.color_resolution = K4A_COLOR_RESOLUTION_720P;
    return c;
}

float F(Reader &in)
{
    uint32_t bits = in.u32();
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

k4a_calibration_type_t Sensor(Reader &in)
{
    return k4a_calibration_type_t(int(in.u8() % 6) - 1);
}

void CheckValid(k4a_result_t r, int valid)
{
    CHECK(r == K4A_RESULT_SUCCEEDED || r == K4A_RESULT_FAILED);
    if (r == K4A_RESULT_SUCCEEDED)
        CHECK(valid == 0 || valid == 1);
}

struct Images
{
    k4a_image_t depth = nullptr, color_depth = nullptr, color = nullptr, depth_color = nullptr, xyz = nullptr,
                custom = nullptr, custom_out = nullptr;
    Images()
    {
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 320, 288, 0, &depth) == K4A_RESULT_SUCCEEDED);
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 1280, 720, 0, &color_depth) == K4A_RESULT_SUCCEEDED);
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 1280, 720, 0, &color) == K4A_RESULT_SUCCEEDED);
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_COLOR_BGRA32, 320, 288, 0, &depth_color) == K4A_RESULT_SUCCEEDED);
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM, 320, 288, 320 * 6, &xyz) == K4A_RESULT_SUCCEEDED);
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM16, 320, 288, 0, &custom) == K4A_RESULT_SUCCEEDED);
        CHECK(k4a_image_create(K4A_IMAGE_FORMAT_CUSTOM16, 1280, 720, 0, &custom_out) == K4A_RESULT_SUCCEEDED);
        std::memset(k4a_image_get_buffer(color), 0x80, k4a_image_get_size(color));
        std::memset(k4a_image_get_buffer(custom), 0x11, k4a_image_get_size(custom));
    }
    // Depth in one 32x32 window at (x0, y0) (every 7th pixel a hole), none elsewhere: every path of
    // the drawing (full blocks, three corners, holes, stretched triangles) without paying for the
    // whole frame on every input.
    void Fill(uint16_t fill, int x0, int y0)
    {
        uint16_t *d = reinterpret_cast<uint16_t *>(k4a_image_get_buffer(depth));
        std::memset(d, 0, 320 * 288 * sizeof *d);
        for (int y = y0; y < y0 + 32; y++)
        {
            for (int x = x0; x < x0 + 32; x++)
            {
                const int i = y * 320 + x;
                d[i] = (i % 7 == 0) ? 0 : uint16_t(fill + i % 13);
            }
        }
    }
};

// Made once and kept for the process (refilled per input): the fuzzer's speed goes to the calls.
Images &Shared(Reader &in)
{
    static Images *images = new Images();
    const uint16_t fill = uint16_t(in.u8() * 40);
    const int x0 = in.u8() % (320 - 32), y0 = in.u8() % (288 - 32);
    images->Fill(fill, x0, y0);
    return *images;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet = []
    {
        setenv("K4A_LOG_LEVEL", "off", 1);
        ok4a_log_reload_environment();
        return true;
    }();
    (void)quiet;
    std::vector<uint8_t> copy(data, data + size);
    Reader in(copy.data(), copy.size());
    k4a_calibration_t cal = Plausible();
    uint32_t *slots = reinterpret_cast<uint32_t *>(&cal);
    for (int n = in.u8() % 8; n > 0; n--)
    {
        const uint8_t b = in.u8();
        const int slot = b < 250 ? b : kSlots - 2 + (b & 1); // 250.. reach depth_mode, color_resolution
        slots[slot] = in.u32();
    }
    bool transformed = false;
    for (int ops = 0; ops < 32 && !in.empty(); ops++)
    {
        int valid = -1;
        switch (in.u8() % 6)
        {
        case 0:
        {
            k4a_float3_t p = {{F(in), F(in), F(in)}}, out;
            k4a_result_t r = k4a_calibration_3d_to_3d(&cal, &p, Sensor(in), Sensor(in), &out);
            CHECK(r == K4A_RESULT_SUCCEEDED || r == K4A_RESULT_FAILED);
            break;
        }
        case 1:
        {
            k4a_float2_t p = {{F(in), F(in)}};
            k4a_float3_t out;
            const k4a_result_t r = k4a_calibration_2d_to_3d(&cal, &p, F(in), Sensor(in), Sensor(in), &out, &valid);
            CheckValid(r, valid);
            break;
        }
        case 2:
        {
            k4a_float3_t p = {{F(in), F(in), F(in)}};
            k4a_float2_t out;
            const k4a_result_t r = k4a_calibration_3d_to_2d(&cal, &p, Sensor(in), Sensor(in), &out, &valid);
            CheckValid(r, valid);
            break;
        }
        case 3:
        {
            k4a_float2_t p = {{F(in), F(in)}}, out;
            const k4a_result_t r = k4a_calibration_2d_to_2d(&cal, &p, F(in), Sensor(in), Sensor(in), &out, &valid);
            CheckValid(r, valid);
            break;
        }
        case 4:
        {
            k4a_float2_t p = {{F(in), F(in)}}, out;
            Images &images = Shared(in);
            const k4a_result_t r = k4a_calibration_color_2d_to_depth_2d(&cal, &p, images.depth, &out, &valid);
            CheckValid(r, valid);
            break;
        }
        case 5:
        {
            if (transformed)
                break; // the expensive part once per input
            transformed = true;
            Images &images = Shared(in);
            k4a_transformation_t t = k4a_transformation_create(&cal);
            if (t == nullptr)
                break;
            (void)k4a_transformation_depth_image_to_point_cloud(t, images.depth, K4A_CALIBRATION_TYPE_DEPTH,
                                                                images.xyz);
            (void)k4a_transformation_depth_image_to_color_camera(t, images.depth, images.color_depth);
            (void)k4a_transformation_color_image_to_depth_camera(t, images.depth, images.color, images.depth_color);
            (void)k4a_transformation_depth_image_to_color_camera_custom(
                t, images.depth, images.custom, images.color_depth, images.custom_out,
                k4a_transformation_interpolation_type_t(in.u8() % 3), in.u8());
            k4a_transformation_destroy(t);
            break;
        }
        }
    }
    return 0;
}
