// API-sequence fuzzer for images and captures: each input is a program of
// create / create_from_buffer / reference / release / setters / getters /
// capture operations, run against the library AND a small shadow model
// (reference counts, capture slots, metadata, expected validation outcome,
// release callback counts). Any disagreement aborts.
#include <k4a/k4a.h>
#include <openk4a/memory.h>
#include <stdlib.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/log.h"
#include "fuzz/harness.h"

namespace
{

constexpr int kImageSlots = 12;
constexpr int kCaptureSlots = 6;
constexpr size_t kMaxBuffer = 1 << 16;    // create_from_buffer buffers
constexpr uint64_t kMaxCreate = 4u << 20; // larger valid creates are skipped (speed)

using openk4a::fuzzing::Reader;

// A dimension-like int: mostly small, sometimes hostile.
int Dim(Reader &in)
{
    switch (in.u8() & 7)
    {
    case 0:
        return static_cast<int>(in.u32()); // anything, including negative
    case 1:
        return 32768 + (in.u8() & 3) - 1; // around the bound
    case 2:
        return 0;
    default:
        return 1 + (in.u8() & 0x7f);
    }
}

// The k4a creation rules, written independently of core/image_format.c.
struct Prediction
{
    bool ok = false;
    int stride = 0;
    uint64_t size = 0;
};

Prediction Predict(int format, int w, int h, int stride, bool allocate, size_t buffer_size)
{
    static const int kBpp[] = {0, 1, 2, 4, 2, 2, 1, 2, 0};
    Prediction p;
    if (format < 0 || format > 8 || w < 1 || h < 1 || w > 32768 || h > 32768 || stride < 0)
        return p;
    if ((format == 1 || format == 2) && (w % 2) != 0)
        return p;
    if (format == 1 && (h % 2) != 0)
        return p;
    if (allocate && (format == 0 || (format == 8 && stride == 0)))
        return p;
    const int min_stride = w * kBpp[format];
    if (stride != 0 && stride < min_stride)
        return p;
    p.stride = stride != 0 ? stride : min_stride;
    const uint64_t rows = format == 1 ? static_cast<uint64_t>(h) + h / 2 : static_cast<uint64_t>(h);
    p.size = format == 0 ? 0 : static_cast<uint64_t>(p.stride) * rows;
    if (allocate)
    {
        p.ok = p.size > 0 && p.size <= (1u << 30);
    }
    else
    {
        p.ok = buffer_size > 0 && buffer_size >= p.size;
        p.size = buffer_size;
    }
    return p;
}

struct ModelImage
{
    k4a_image_t handle = nullptr;
    int refs = 0; // references held by the fuzzer
    int format = 0, width = 0, height = 0, stride = 0;
    size_t size = 0;
    uint8_t *buffer = nullptr;  // caller buffer (create_from_buffer), or library's
    bool owns_callback = false; // create_from_buffer with a callback: it frees the buffer
    bool caller_frees = false;  // create_from_buffer with a NULL callback: we free it
    uint64_t props[5] = {};
};

struct ModelCapture
{
    k4a_capture_t handle = nullptr;
    int refs = 0;
    int slots[3] = {-1, -1, -1}; // index into the image table
    float temperature = NAN;
};

struct Model
{
    ModelImage images[kImageSlots];
    ModelCapture captures[kCaptureSlots];
    std::vector<int> callbacks; // per image slot: callback calls since creation
    int capture_refs(int image) const
    {
        int n = 0;
        for (const ModelCapture &c : captures)
            if (c.handle != nullptr)
                for (int s : c.slots)
                    n += s == image;
        return n;
    }
};

Model *g_model = nullptr;

void OnRelease(void *buffer, void *context)
{
    const int slot = static_cast<int>(reinterpret_cast<intptr_t>(context));
    CHECK(g_model != nullptr && slot >= 0 && slot < kImageSlots);
    ModelImage &m = g_model->images[slot];
    CHECK(buffer == m.buffer);
    // Called only when neither the fuzzer nor a capture holds the image.
    CHECK(m.refs == 0 && g_model->capture_refs(slot) == 0);
    g_model->callbacks[slot]++;
    std::free(buffer);
}

// The image leaves the model once nobody holds it; a caller buffer with a
// callback must have been handed back exactly once by then.
void Settle(Model &model, int slot)
{
    ModelImage &m = model.images[slot];
    if (m.handle == nullptr || m.refs > 0 || model.capture_refs(slot) > 0)
        return;
    CHECK(model.callbacks[slot] == (m.owns_callback ? 1 : 0));
    if (m.caller_frees)
        std::free(m.buffer); // the library is done with it
    m = ModelImage();
}

// Drops one fuzzer reference to a capture; the model changes first because
// the release callbacks of its images check it.
void ReleaseCapture(Model &model, int slot)
{
    ModelCapture &c = model.captures[slot];
    k4a_capture_t handle = c.handle;
    int held[3] = {-1, -1, -1};
    if (--c.refs == 0)
    {
        std::memcpy(held, c.slots, sizeof held);
        c = ModelCapture();
    }
    k4a_capture_release(handle);
    for (int image : held)
        if (image >= 0)
            Settle(model, image);
}

uint64_t GetProp(k4a_image_t image, int which)
{
    switch (which)
    {
    case 0:
        return k4a_image_get_device_timestamp_usec(image);
    case 1:
        return k4a_image_get_system_timestamp_nsec(image);
    case 2:
        return k4a_image_get_exposure_usec(image);
    case 3:
        return k4a_image_get_white_balance(image);
    default:
        return k4a_image_get_iso_speed(image);
    }
}

void SetProp(k4a_image_t image, int which, uint64_t value)
{
    switch (which)
    {
    case 0:
        k4a_image_set_device_timestamp_usec(image, value);
        break;
    case 1:
        k4a_image_set_system_timestamp_nsec(image, value);
        break;
    case 2:
        k4a_image_set_exposure_usec(image, value);
        break;
    case 3:
        k4a_image_set_white_balance(image, static_cast<uint32_t>(value));
        break;
    default:
        k4a_image_set_iso_speed(image, static_cast<uint32_t>(value));
        break;
    }
}

uint64_t PropMask(int which, uint64_t value)
{
    return which >= 3 ? static_cast<uint32_t>(value) : value;
}

int FreeImageSlot(Model &model, Reader &in)
{
    const int slot = in.u8() % kImageSlots;
    return model.images[slot].handle == nullptr ? slot : -1;
}

int LiveImage(Model &model, Reader &in)
{
    const int slot = in.u8() % kImageSlots;
    return model.images[slot].handle != nullptr && model.images[slot].refs > 0 ? slot : -1;
}

void CheckGeometry(const ModelImage &m)
{
    CHECK(k4a_image_get_format(m.handle) == m.format);
    CHECK(k4a_image_get_width_pixels(m.handle) == m.width);
    CHECK(k4a_image_get_height_pixels(m.handle) == m.height);
    CHECK(k4a_image_get_stride_bytes(m.handle) == m.stride);
    CHECK(k4a_image_get_size(m.handle) == m.size);
    CHECK(k4a_image_get_buffer(m.handle) == m.buffer);
}

void Run(Reader &in)
{
    Model model;
    model.callbacks.assign(kImageSlots, 0);
    g_model = &model;
    while (!in.empty())
    {
        switch (in.u8() % 14)
        {
        case 0:
        { // k4a_image_create
            const int slot = FreeImageSlot(model, in);
            const int format = static_cast<int8_t>(in.u8());
            const int w = Dim(in), h = Dim(in), stride = in.u8() & 1 ? Dim(in) : 0;
            const Prediction p = Predict(format, w, h, stride, true, 0);
            if (slot < 0 || (p.ok && p.size > kMaxCreate))
                break;
            model.callbacks[slot] = 0;
            k4a_image_t image = reinterpret_cast<k4a_image_t>(&model);
            const k4a_result_t r = k4a_image_create(static_cast<k4a_image_format_t>(format), w, h, stride, &image);
            CHECK((r == K4A_RESULT_SUCCEEDED) == p.ok);
            if (!p.ok)
            {
                CHECK(image == nullptr);
                break;
            }
            ModelImage &m = model.images[slot];
            m = ModelImage{
                image, 1,     format, w, h, p.stride, static_cast<size_t>(p.size), k4a_image_get_buffer(image),
                false, false, {}};
            std::memset(m.buffer, 0x5A, m.size); // the whole size is ours (ASan)
            CheckGeometry(m);
            break;
        }
        case 1:
        { // k4a_image_create_from_buffer
            const int slot = FreeImageSlot(model, in);
            const int format = static_cast<int8_t>(in.u8());
            const int w = Dim(in), h = Dim(in), stride = in.u8() & 1 ? Dim(in) : 0;
            const size_t buffer_size = in.u32() % kMaxBuffer;
            const int mode = in.u8() % 3; // 0: callback, 1: NULL callback, 2: NULL buffer
            if (slot < 0)
                break;
            model.callbacks[slot] = 0;
            uint8_t *buffer = mode == 2 ? nullptr : static_cast<uint8_t *>(std::malloc(buffer_size ? buffer_size : 1));
            Prediction p = Predict(format, w, h, stride, false, buffer_size);
            p.ok = p.ok && buffer != nullptr;
            k4a_image_t image = reinterpret_cast<k4a_image_t>(&model);
            const k4a_result_t r = k4a_image_create_from_buffer(
                static_cast<k4a_image_format_t>(format), w, h, stride, buffer, buffer_size,
                mode == 0 ? OnRelease : nullptr, reinterpret_cast<void *>(static_cast<intptr_t>(slot)), &image);
            CHECK((r == K4A_RESULT_SUCCEEDED) == p.ok);
            CHECK(model.callbacks[slot] == 0); // never on failure, never before release
            if (!p.ok)
            {
                CHECK(image == nullptr);
                std::free(buffer); // failure: still ours
                break;
            }
            ModelImage &m = model.images[slot];
            m = ModelImage{image, 1, format, w, h, p.stride, buffer_size, buffer, mode == 0, mode == 1, {}};
            CheckGeometry(m);
            break;
        }
        case 2:
        { // reference
            const int slot = LiveImage(model, in);
            if (slot < 0)
                break;
            k4a_image_reference(model.images[slot].handle);
            model.images[slot].refs++;
            break;
        }
        case 3:
        { // release
            const int slot = LiveImage(model, in);
            if (slot < 0)
                break;
            ModelImage &m = model.images[slot];
            const bool last = m.refs == 1 && model.capture_refs(slot) == 0;
            m.refs--;
            k4a_image_release(m.handle);
            CHECK(model.callbacks[slot] == (last && m.owns_callback ? 1 : 0));
            Settle(model, slot);
            break;
        }
        case 4:
        { // set a property
            const int slot = LiveImage(model, in);
            const int which = in.u8() % 5;
            const uint64_t value = in.u64();
            if (slot < 0)
                break;
            SetProp(model.images[slot].handle, which, value);
            model.images[slot].props[which] = PropMask(which, value);
            break;
        }
        case 5:
        { // get every property and the geometry
            const int slot = LiveImage(model, in);
            if (slot < 0)
                break;
            for (int which = 0; which < 5; which++)
                CHECK(GetProp(model.images[slot].handle, which) == model.images[slot].props[which]);
            CheckGeometry(model.images[slot]);
            break;
        }
        case 6:
        { // k4a_capture_create
            const int slot = in.u8() % kCaptureSlots;
            if (model.captures[slot].handle != nullptr)
                break;
            k4a_capture_t capture = nullptr;
            CHECK(k4a_capture_create(&capture) == K4A_RESULT_SUCCEEDED);
            model.captures[slot] = ModelCapture{capture, 1, {-1, -1, -1}, NAN};
            break;
        }
        case 7:
        { // capture reference
            const int slot = in.u8() % kCaptureSlots;
            if (model.captures[slot].handle == nullptr)
                break;
            k4a_capture_reference(model.captures[slot].handle);
            model.captures[slot].refs++;
            break;
        }
        case 8:
        { // capture release
            const int slot = in.u8() % kCaptureSlots;
            if (model.captures[slot].handle == nullptr)
                break;
            ReleaseCapture(model, slot);
            break;
        }
        case 9:
        { // capture set color/depth/ir (image or NULL)
            const int slot = in.u8() % kCaptureSlots;
            const int which = in.u8() % 3;
            const int image = in.u8() & 1 ? LiveImage(model, in) : -1;
            ModelCapture &c = model.captures[slot];
            if (c.handle == nullptr)
                break;
            k4a_image_t handle = image >= 0 ? model.images[image].handle : nullptr;
            // The model changes first: the release callback checks it.
            const int old = c.slots[which];
            c.slots[which] = image;
            if (which == 0)
                k4a_capture_set_color_image(c.handle, handle);
            if (which == 1)
                k4a_capture_set_depth_image(c.handle, handle);
            if (which == 2)
                k4a_capture_set_ir_image(c.handle, handle);
            if (old >= 0 && old != image)
                Settle(model, old);
            break;
        }
        case 10:
        { // capture get: a new reference the fuzzer then holds
            const int slot = in.u8() % kCaptureSlots;
            const int which = in.u8() % 3;
            ModelCapture &c = model.captures[slot];
            if (c.handle == nullptr)
                break;
            k4a_image_t got = which == 0 ? k4a_capture_get_color_image(c.handle) :
                              which == 1 ? k4a_capture_get_depth_image(c.handle) :
                                           k4a_capture_get_ir_image(c.handle);
            const int image = c.slots[which];
            CHECK(got == (image >= 0 ? model.images[image].handle : nullptr));
            if (image >= 0)
                model.images[image].refs++;
            break;
        }
        case 11:
        { // temperature
            const int slot = in.u8() % kCaptureSlots;
            ModelCapture &c = model.captures[slot];
            const float t = static_cast<float>(static_cast<int16_t>(in.u32() & 0xffff)) / 8.0f;
            if (c.handle == nullptr)
                break;
            if (std::isnan(c.temperature))
                CHECK(std::isnan(k4a_capture_get_temperature_c(c.handle)));
            k4a_capture_set_temperature_c(c.handle, t);
            c.temperature = t;
            CHECK(k4a_capture_get_temperature_c(c.handle) == t);
            break;
        }
        case 12:
        { // NULL handles everywhere: defaults, no crash
            CHECK(k4a_image_get_buffer(nullptr) == nullptr);
            CHECK(k4a_image_get_size(nullptr) == 0);
            CHECK(k4a_image_get_format(nullptr) == K4A_IMAGE_FORMAT_CUSTOM);
            CHECK(k4a_image_get_stride_bytes(nullptr) == 0);
            CHECK(GetProp(nullptr, in.u8() % 5) == 0);
            SetProp(nullptr, in.u8() % 5, 1);
            k4a_image_reference(nullptr);
            k4a_image_release(nullptr);
            CHECK(k4a_capture_get_depth_image(nullptr) == nullptr);
            CHECK(std::isnan(k4a_capture_get_temperature_c(nullptr)));
            k4a_capture_set_ir_image(nullptr, nullptr);
            k4a_capture_release(nullptr);
            CHECK(k4a_image_create(K4A_IMAGE_FORMAT_DEPTH16, 2, 2, 0, nullptr) == K4A_RESULT_FAILED);
            CHECK(k4a_capture_create(nullptr) == K4A_RESULT_FAILED);
            break;
        }
        default:
        { // write the whole buffer of a held image (its size is real)
            const int slot = LiveImage(model, in);
            if (slot < 0)
                break;
            const ModelImage &m = model.images[slot];
            if (m.size <= kMaxCreate)
                std::memset(m.buffer, in.u8(), m.size);
            break;
        }
        }
    }
    // Tear down: drop every capture and every fuzzer reference.
    for (int slot = 0; slot < kCaptureSlots; slot++)
    {
        while (model.captures[slot].handle != nullptr)
            ReleaseCapture(model, slot);
    }
    for (int slot = 0; slot < kImageSlots; slot++)
    {
        ModelImage &m = model.images[slot];
        while (m.handle != nullptr && m.refs > 0)
        {
            m.refs--;
            k4a_image_release(m.handle);
            Settle(model, slot);
        }
    }
    g_model = nullptr;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = []
    {
        // Misuse is logged at ERROR; keep the fuzzer fast and its output clean.
        setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
        ok4a_log_reload_environment();
        return true;
    }();
    (void)quiet;
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    openk4a_memory_stats_t before, after;
    CHECK(openk4a_get_memory_stats(&before) == K4A_RESULT_SUCCEEDED);
    Reader in(data, size);
    Run(in);
    CHECK(openk4a_get_memory_stats(&after) == K4A_RESULT_SUCCEEDED);
    CHECK(after.images_live == before.images_live);
    CHECK(after.captures_live == before.captures_live);
    CHECK(after.image_buffers_in_use == before.image_buffers_in_use);
    return 0;
}
