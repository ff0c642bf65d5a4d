// API-sequence fuzzer for the C++ layer (cxx/): each input is a program of
// FromOwner (six kinds of owner, often with failing geometries), Create,
// FromRawBuffer, Clone, drop, move, views, writable access, release/Adopt,
// DeepCopy and capture operations, run against a shadow model of who holds
// which image. After every step it checks:
// - each owner is destroyed exactly when the model's last reference goes,
//   exactly once (a counting owner; a raw callback counter);
// - a failed FromOwner leaves the owner with the caller, intact, and fails
//   exactly when the core's own check (openk4a_image_check_create_from_buffer)
//   says so, with that check's reason in the message;
// - IsUnique(), MutableBytes() and MutablePixels() agree with the model's
//   reference count; typed views agree with the format and alignment rules.
#include <k4a/k4a.h>
#include <openk4a/image.h>
#include <openk4a/memory.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/pool.h"
#include "fuzz/harness.h"
#include "openk4a/cxx/capture.h"
#include "openk4a/cxx/image.h"
#include "tests/cxx/test_owners.h"

namespace
{

using openk4a::Bgra;
using openk4a::Capture;
using openk4a::Geometry;
using openk4a::Image;
using openk4a::PixelView;
using openk4a::fuzzing::Reader;
using openk4a::testing::CountingOwner;
using openk4a::testing::DestroyLog;
using openk4a::testing::PoolSlot;

constexpr int kImageSlots = 8;
constexpr int kCaptureSlots = 3;
constexpr size_t kMaxOwnerBytes = 1 << 15;
constexpr size_t kPoolBufferBytes = 4096;

ok4a_pool_t *g_pool; // PoolSlot owners come from here (8 buffers at most)

// Mostly small and valid, sometimes on or past a bound, sometimes hostile.
int Dim(Reader &in)
{
    const uint8_t kind = in.u8();
    switch (kind & 15)
    {
    case 0:
        return static_cast<int>(in.u32());
    case 1:
        return 32768 + (kind >> 4) % 3 - 1;
    case 2:
        return 0;
    case 3:
        return -1 - (kind >> 4);
    default:
        return 1 + (in.u8() & 0x3f);
    }
}

// Minimum bytes per pixel of each format (0 = no stride rule); the core is
// the oracle for validity, this only steers inputs towards the boundaries.
int BytesPerPixel(int format)
{
    static const int kBpp[] = {0, 1, 2, 4, 2, 2, 1, 2, 0};
    return format >= 0 && format < 9 ? kBpp[format] : 1;
}

struct Shape
{
    k4a_image_format_t format;
    Geometry geometry;
    size_t bytes; // what the owner will hold
};

// A geometry and a buffer size near what it needs: exact, one short, larger, or nothing.
Shape MakeShape(Reader &in)
{
    Shape s;
    s.format = static_cast<k4a_image_format_t>(in.u8() % 10); // 9 is not a format
    s.geometry.width_pixels = Dim(in);
    s.geometry.height_pixels = Dim(in);
    const uint8_t stride_kind = in.u8();
    const int64_t min_stride = static_cast<int64_t>(s.geometry.width_pixels) * BytesPerPixel(s.format);
    switch (stride_kind & 3)
    {
    case 0:
        s.geometry.stride_bytes = 0;
        break;
    case 1:
        s.geometry.stride_bytes = static_cast<int>(min_stride + (stride_kind >> 2) % 5 - 1);
        break;
    case 2:
        s.geometry.stride_bytes = static_cast<int>(in.u32());
        break;
    default:
        s.geometry.stride_bytes = static_cast<int>(min_stride + 1);
        break; // odd padding
    }
    const int64_t stride = s.geometry.stride_bytes > 0 ? s.geometry.stride_bytes : min_stride > 0 ? min_stride : 1;
    const int64_t rows =
        s.format == K4A_IMAGE_FORMAT_COLOR_NV12 ? s.geometry.height_pixels * int64_t{3} / 2 : s.geometry.height_pixels;
    const int64_t cap = static_cast<int64_t>(kMaxOwnerBytes);
    int64_t need = stride > cap || rows > cap ? cap : stride * (rows > 0 ? rows : 1);
    const uint8_t size_kind = in.u8();
    switch (size_kind & 3)
    {
    case 0:
        break;
    case 1:
        need -= 1;
        break;
    case 2:
        need += size_kind >> 2;
        break;
    default:
        need = size_kind >> 2;
        break;
    }
    s.bytes = need < 0 ? 0 : need > cap ? kMaxOwnerBytes : static_cast<size_t>(need);
    return s;
}

uint64_t Checksum(const uint8_t *data, size_t size)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 1099511628211ull;
    return h ^ size;
}

// ---- The model ------------------------------------------------------------------

struct ImageObject
{
    k4a_image_t handle = nullptr;
    k4a_image_format_t format = K4A_IMAGE_FORMAT_CUSTOM;
    int stride = 0;
    bool misaligned = false;               // a raw buffer at an odd address
    const DestroyLog *owner_log = nullptr; // counting owners
    const int *raw_calls = nullptr;        // raw-callback images
    bool gone = false;                     // last reference released (checked once)
};

struct CaptureObject
{
    int slot[3] = {-1, -1, -1}; // ImageObject ids
};

struct RawRecord
{
    int calls = 0;
    static void Callback(void * /*buffer*/, void *context)
    {
        static_cast<RawRecord *>(context)->calls++;
    }
};

class Program
{
public:
    ~Program()
    {
        for (auto &slot : images_)
            slot.reset();
        for (auto &slot : captures_)
            slot.reset();
        for (int i = 0; i < kImageSlots; i++)
            image_obj_[i] = -1;
        for (int i = 0; i < kCaptureSlots; i++)
            capture_obj_[i] = -1;
        Verify();
        for (const ImageObject &o : objects_)
            CHECK(o.gone);
        openk4a_memory_stats_t stats;
        CHECK(openk4a_get_memory_stats(&stats) == K4A_RESULT_SUCCEEDED);
        CHECK(stats.images_live == 0);
        CHECK(stats.captures_live == 0);
    }

    void Step(Reader &in)
    {
        const uint8_t op = in.u8();
        const int a = in.u8() % kImageSlots;
        switch (op % 17)
        {
        case 0:
        case 1:
        case 2:
            FromOwner(in, a);
            break;
        case 3:
            Create(in, a);
            break;
        case 4:
            FromRawBuffer(in, a);
            break;
        case 5:
        { // clone into another slot (replacing what was there)
            const int b = in.u8() % kImageSlots;
            if (images_[a])
                Put(b, images_[a]->Clone(), image_obj_[a]);
            break;
        }
        case 6:
            Put(a, std::nullopt, -1);
            break;
        case 7:
        { // move
            const int b = in.u8() % kImageSlots;
            if (images_[a] && a != b)
            {
                const int obj = image_obj_[a];
                Image moved = *std::move(images_[a]);
                images_[a].reset();
                image_obj_[a] = -1;
                Put(b, std::move(moved), obj);
            }
            break;
        }
        case 8:
            Views(a);
            break;
        case 9:
            Write(in, a);
            break;
        case 10:
            ReleaseAdopt(a);
            break;
        case 11:
            DeepCopy(a, in.u8() % kImageSlots);
            break;
        case 12:
            CaptureCreate(in.u8() % kCaptureSlots);
            break;
        case 13:
            CaptureSet(in, a);
            break;
        case 14:
            CaptureGet(in, a);
            break;
        case 15:
            CaptureDropOrClone(in);
            break;
        case 16:
            Metadata(in, a);
            break;
        }
        Verify();
    }

private:
    // ---- Bookkeeping ----------------------------------------------------------

    void Put(int slot, std::optional<Image> image, int obj)
    {
        images_[slot] = std::move(image); // the old image (if any) is released here
        image_obj_[slot] = images_[slot] ? obj : -1;
    }

    int NewObject(const Image &image, const DestroyLog *log, const int *raw_calls, bool misaligned)
    {
        ImageObject o;
        o.handle = image.get();
        o.format = image.format();
        o.stride = image.stride_bytes();
        o.owner_log = log;
        o.raw_calls = raw_calls;
        o.misaligned = misaligned;
        objects_.push_back(o);
        return static_cast<int>(objects_.size()) - 1;
    }

    std::vector<int> References() const
    {
        std::vector<int> refs(objects_.size(), 0);
        for (int i = 0; i < kImageSlots; i++)
        {
            if (image_obj_[i] >= 0)
                refs[image_obj_[i]]++;
        }
        std::vector<bool> capture_alive(capture_objects_.size(), false);
        for (int i = 0; i < kCaptureSlots; i++)
        {
            if (capture_obj_[i] >= 0)
                capture_alive[capture_obj_[i]] = true;
        }
        for (size_t c = 0; c < capture_objects_.size(); c++)
        {
            if (!capture_alive[c])
                continue;
            for (int s : capture_objects_[c].slot)
            {
                if (s >= 0)
                    refs[s]++;
            }
        }
        return refs;
    }

    void Verify()
    {
        const std::vector<int> refs = References();
        for (size_t i = 0; i < objects_.size(); i++)
        {
            ImageObject &o = objects_[i];
            const bool alive = refs[i] > 0;
            CHECK(!(o.gone && alive)); // a released image cannot come back
            if (o.owner_log != nullptr)
                CHECK(o.owner_log->destroyed.load() == (alive ? 0 : 1));
            if (o.raw_calls != nullptr)
                CHECK(*o.raw_calls == (alive ? 0 : 1));
            if (!alive)
                o.gone = true;
        }
        for (int i = 0; i < kImageSlots; i++)
        {
            if (!images_[i])
                continue;
            const int obj = image_obj_[i];
            CHECK(images_[i]->get() == objects_[obj].handle);
            CHECK(images_[i]->IsUnique() == (refs[obj] == 1));
        }
    }

    // ---- Construction -------------------------------------------------------

    template <typename Owner>
    bool TryOwner(int slot, const Shape &s, Owner &&owner, const uint8_t *data, size_t size, const DestroyLog *log)
    {
        char reason[256];
        const bool valid = openk4a_image_check_create_from_buffer(
                               s.format, s.geometry.width_pixels, s.geometry.height_pixels, s.geometry.stride_bytes,
                               data, size, reason, sizeof reason) == K4A_RESULT_SUCCEEDED;
        const uint64_t before = data != nullptr ? Checksum(data, size) : 0;
        absl::StatusOr<Image> image = Image::FromOwner(s.format, s.geometry, std::move(owner));
        CHECK(image.ok() == valid);
        if (!image.ok())
        {
            CHECK(image.status().code() == absl::StatusCode::kInvalidArgument);
            CHECK(std::string(image.status().message()) == std::string("Image::FromOwner: ") + reason);
            return false;
        }
        CHECK(image->size() == size);
        CHECK(Checksum(image->bytes().data(), image->size()) == before);
        const int obj = NewObject(*image, log, nullptr, false);
        Put(slot, *std::move(image), obj);
        return true;
    }

    void FromOwner(Reader &in, int slot)
    {
        const Shape s = MakeShape(in);
        const uint8_t fill = in.u8();
        switch (in.u8() % 6)
        {
        case 0:
        {
            logs_.emplace_back();
            DestroyLog *log = &logs_.back();
            CountingOwner owner(s.bytes, log, fill);
            const bool made = TryOwner(slot, s, std::move(owner), owner.data(), owner.size(), log);
            // Failed: still ours, intact, not destroyed; destroyed once when this scope ends.
            CHECK(owner.live() == !made); // NOLINT(bugprone-use-after-move)
            if (!made)
            {
                CHECK(owner.size() == s.bytes && log->destroyed.load() == 0);
                CHECK(owner.bytes() == std::vector<uint8_t>(s.bytes, fill));
            }
            if (!made)
            {
                {
                    CountingOwner drop = std::move(owner);
                }
                CHECK(log->destroyed.load() == 1);
            }
            break;
        }
        case 1:
        {
            std::vector<uint8_t> owner(s.bytes, fill);
            const uint8_t *data = owner.data();
            const bool made = TryOwner(slot, s, std::move(owner), owner.data(), owner.size(), nullptr);
            if (made)
            {
                CHECK(owner.empty());                         // NOLINT(bugprone-use-after-move)
                CHECK(images_[slot]->bytes().data() == data); // zero copy
            }
            else
            {
                CHECK(owner.data() == data && owner == std::vector<uint8_t>(s.bytes, fill));
            }
            break;
        }
        case 2:
        {
            std::vector<uint16_t> owner(s.bytes / 2, static_cast<uint16_t>(fill * 257));
            const size_t elements = owner.size();
            const bool made = TryOwner(slot, s, std::move(owner), reinterpret_cast<const uint8_t *>(owner.data()),
                                       owner.size() * 2, nullptr);
            CHECK(made || owner.size() == elements); // NOLINT(bugprone-use-after-move)
            break;
        }
        case 3:
        {
            std::string owner(s.bytes % 64, static_cast<char>(fill)); // short strings live inside the object
            const std::string copy = owner;
            const bool made = TryOwner(slot, s, std::move(owner), reinterpret_cast<const uint8_t *>(owner.data()),
                                       owner.size(), nullptr);
            CHECK(made || owner == copy); // NOLINT(bugprone-use-after-move)
            break;
        }
        case 4:
        {
            std::unique_ptr<uint8_t[]> owner(s.bytes > 0 ? new uint8_t[s.bytes] : nullptr);
            if (owner)
                std::memset(owner.get(), fill, s.bytes);
            uint8_t *raw = owner.get();
            char reason[256];
            const bool valid = openk4a_image_check_create_from_buffer(
                                   s.format, s.geometry.width_pixels, s.geometry.height_pixels, s.geometry.stride_bytes,
                                   raw, s.bytes, reason, sizeof reason) == K4A_RESULT_SUCCEEDED;
            absl::StatusOr<Image> image = Image::FromOwner(s.format, s.geometry, std::move(owner), s.bytes);
            CHECK(image.ok() == valid);
            if (image.ok())
            {
                CHECK(owner == nullptr && image->bytes().data() == raw); // NOLINT(bugprone-use-after-move)
                const int obj = NewObject(*image, nullptr, nullptr, false);
                Put(slot, *std::move(image), obj);
            }
            else
            {
                CHECK(owner.get() == raw); // NOLINT(bugprone-use-after-move)
                CHECK(std::string(image.status().message()) == std::string("Image::FromOwner: ") + reason);
            }
            break;
        }
        default:
        {
            PoolSlot owner(g_pool); // empty when the pool is exhausted
            uint8_t *data = owner.data();
            if (data != nullptr)
                std::memset(data, fill, owner.size());
            const bool made = TryOwner(slot, s, std::move(owner), data, owner.size(), nullptr);
            CHECK(made || owner.data() == data); // NOLINT(bugprone-use-after-move)
            break;
        }
        }
    }

    void Create(Reader &in, int slot)
    {
        Shape s = MakeShape(in);
        // Keep allocations small (at most 2 MiB); larger geometries are FromOwner's job.
        if (s.geometry.stride_bytes > 8192)
            s.geometry.stride_bytes = 8192;
        if (s.geometry.width_pixels > 256 || s.geometry.height_pixels > 256)
            return;
        char reason[256];
        const bool valid =
            openk4a_image_check_create(s.format, s.geometry.width_pixels, s.geometry.height_pixels,
                                       s.geometry.stride_bytes, reason, sizeof reason) == K4A_RESULT_SUCCEEDED;
        absl::StatusOr<Image> image = Image::Create(s.format, s.geometry);
        CHECK(image.ok() == valid);
        if (!image.ok())
        {
            CHECK(std::string(image.status().message()) == std::string("Image::Create: ") + reason);
            return;
        }
        const int obj = NewObject(*image, nullptr, nullptr, false);
        Put(slot, *std::move(image), obj);
    }

    void FromRawBuffer(Reader &in, int slot)
    {
        const Shape s = MakeShape(in);
        const bool misaligned = in.u8() & 1;
        const size_t size = s.bytes > sizeof arena_ - 1 ? sizeof arena_ - 1 : s.bytes;
        raw_records_.emplace_back();
        RawRecord *record = &raw_records_.back();
        absl::Span<uint8_t> buffer(arena_ + (misaligned ? 1 : 0), size);
        absl::StatusOr<Image> image = Image::FromRawBuffer(s.format, s.geometry, buffer, &RawRecord::Callback, record);
        char reason[256];
        const bool valid = openk4a_image_check_create_from_buffer(
                               s.format, s.geometry.width_pixels, s.geometry.height_pixels, s.geometry.stride_bytes,
                               buffer.data(), size, reason, sizeof reason) == K4A_RESULT_SUCCEEDED;
        CHECK(image.ok() == valid);
        if (!image.ok())
        {
            CHECK(record->calls == 0); // never called back on failure
            return;
        }
        const int obj = NewObject(*image, nullptr, &record->calls, misaligned);
        Put(slot, *std::move(image), obj);
    }

    // ---- Access ---------------------------------------------------------------

    template <typename Pixel>
    bool PredictView(const ImageObject &o) const
    {
        return openk4a::PixelFormats<Pixel>::Accepts(o.format) && !(o.misaligned && alignof(Pixel) > 1) &&
               o.stride % alignof(Pixel) == 0;
    }

    template <typename Pixel>
    void ReadView(const Image &image, const ImageObject &o)
    {
        absl::StatusOr<PixelView<const Pixel>> view = image.Pixels<Pixel>();
        CHECK(view.ok() == PredictView<Pixel>(o));
        if (!view.ok())
        {
            CHECK(view.status().code() == absl::StatusCode::kInvalidArgument);
            return;
        }
        uint64_t sum = 0;
        for (int y = 0; y < view->height(); y++)
        {
            for (const Pixel &p : view->row(y))
            {
                uint8_t first;
                std::memcpy(&first, &p, 1);
                sum += first;
            }
        }
        CHECK(view->row(view->height()).empty() && view->row(-1).empty());
        sink_ += sum;
    }

    void Views(int slot)
    {
        if (!images_[slot])
            return;
        const Image &image = *images_[slot];
        const ImageObject &o = objects_[image_obj_[slot]];
        CHECK(image.bytes().size() == image.size());
        sink_ += Checksum(image.bytes().data(), image.bytes().size());
        ReadView<uint16_t>(image, o);
        ReadView<Bgra>(image, o);
        ReadView<uint8_t>(image, o);
    }

    template <typename Pixel>
    void WriteView(Image &image, const ImageObject &o, bool unique, uint8_t value)
    {
        absl::StatusOr<PixelView<Pixel>> view = image.MutablePixels<Pixel>();
        if (!PredictView<Pixel>(o))
        {
            CHECK(!view.ok() && view.status().code() == absl::StatusCode::kInvalidArgument);
            return;
        }
        CHECK(view.ok() == unique);
        if (!view.ok())
        {
            CHECK(view.status().code() == absl::StatusCode::kFailedPrecondition);
            return;
        }
        for (int y = 0; y < view->height(); y++)
        {
            for (Pixel &p : view->row(y))
                std::memset(&p, value, sizeof p);
        }
    }

    void Write(Reader &in, int slot)
    {
        if (!images_[slot])
            return;
        Image &image = *images_[slot];
        const ImageObject &o = objects_[image_obj_[slot]];
        const bool unique = References()[image_obj_[slot]] == 1;
        const uint8_t value = in.u8();
        switch (in.u8() % 4)
        {
        case 0:
        {
            absl::StatusOr<absl::Span<uint8_t>> bytes = image.MutableBytes();
            CHECK(bytes.ok() == unique);
            if (bytes.ok())
                std::memset(bytes->data(), value, bytes->size());
            break;
        }
        case 1:
            WriteView<uint16_t>(image, o, unique, value);
            break;
        case 2:
            WriteView<Bgra>(image, o, unique, value);
            break;
        default:
            WriteView<uint8_t>(image, o, unique, value);
            break;
        }
    }

    void ReleaseAdopt(int slot)
    {
        if (!images_[slot])
        {
            CHECK(!Image::Adopt(nullptr).ok());
            return;
        }
        k4a_image_t handle = std::move(*images_[slot]).release();
        CHECK(handle == objects_[image_obj_[slot]].handle);
        images_[slot].reset(); // an emptied Image: releases nothing
        absl::StatusOr<Image> adopted = Image::Adopt(handle);
        CHECK(adopted.ok());
        images_[slot] = *std::move(adopted);
    }

    void DeepCopy(int from, int to)
    {
        if (!images_[from])
            return;
        absl::StatusOr<Image> copy = images_[from]->DeepCopy();
        CHECK(copy.ok());
        CHECK(copy->IsUnique());
        CHECK(copy->size() == images_[from]->size());
        CHECK(std::memcmp(copy->bytes().data(), images_[from]->bytes().data(), copy->size()) == 0);
        CHECK(copy->device_timestamp() == images_[from]->device_timestamp());
        const int obj = NewObject(*copy, nullptr, nullptr, false);
        Put(to, *std::move(copy), obj);
    }

    void Metadata(Reader &in, int slot)
    {
        if (!images_[slot])
            return;
        Image &image = *images_[slot];
        const int64_t value = static_cast<int32_t>(in.u32());
        image.set_device_timestamp(std::chrono::microseconds(value));
        image.set_system_timestamp(std::chrono::nanoseconds(value * 1000));
        image.set_exposure(std::chrono::microseconds(-value));
        image.set_white_balance(static_cast<uint32_t>(value));
        const int64_t expected = value < 0 ? 0 : value;
        CHECK(image.device_timestamp().count() == expected);
        CHECK(image.system_timestamp().count() == expected * 1000);
        CHECK(image.exposure().count() == (value > 0 ? 0 : -value));
        CHECK(image.white_balance() == static_cast<uint32_t>(value));
    }

    // ---- Captures --------------------------------------------------------------

    void CaptureCreate(int c)
    {
        absl::StatusOr<Capture> capture = Capture::Create();
        CHECK(capture.ok());
        CHECK(!capture->color_image() && !capture->depth_image() && !capture->ir_image());
        CHECK(!capture->temperature_c().has_value());
        captures_[c] = *std::move(capture);
        capture_objects_.emplace_back();
        capture_obj_[c] = static_cast<int>(capture_objects_.size()) - 1;
    }

    void CaptureSet(Reader &in, int slot)
    {
        const int c = in.u8() % kCaptureSlots;
        const uint8_t how = in.u8();
        const int s = how % 3;
        if (!captures_[c])
            return;
        CaptureObject &model = capture_objects_[capture_obj_[c]];
        const auto kind = static_cast<Capture::Slot>(s);
        if ((how >> 2) % 4 == 0 || !images_[slot])
        {
            captures_[c]->clear_image(kind);
            model.slot[s] = -1;
        }
        else if ((how >> 2) % 4 == 1)
        { // hand our reference over
            model.slot[s] = image_obj_[slot];
            Image given = *std::move(images_[slot]);
            images_[slot].reset();
            image_obj_[slot] = -1;
            captures_[c]->set_image(kind, std::move(given));
        }
        else
        {
            model.slot[s] = image_obj_[slot];
            captures_[c]->set_image(kind, images_[slot]->Clone());
        }
        captures_[c]->set_temperature_c(how & 2 ? std::optional<float>(how) : std::nullopt);
        CHECK(captures_[c]->temperature_c() == (how & 2 ? std::optional<float>(how) : std::nullopt));
    }

    void CaptureGet(Reader &in, int slot)
    {
        const int c = in.u8() % kCaptureSlots;
        const int s = in.u8() % 3;
        if (!captures_[c])
            return;
        const int obj = capture_objects_[capture_obj_[c]].slot[s];
        std::optional<Image> image = captures_[c]->image(static_cast<Capture::Slot>(s));
        CHECK(image.has_value() == (obj >= 0));
        if (image)
            Put(slot, std::move(image), obj);
    }

    void CaptureDropOrClone(Reader &in)
    {
        const int c = in.u8() % kCaptureSlots;
        const int d = in.u8() % kCaptureSlots;
        if (!captures_[c])
            return;
        if (c == d)
        {
            captures_[c].reset();
            capture_obj_[c] = -1;
        }
        else
        {
            captures_[d] = captures_[c]->Clone();
            capture_obj_[d] = capture_obj_[c];
        }
    }

    std::optional<Image> images_[kImageSlots];
    int image_obj_[kImageSlots] = {-1, -1, -1, -1, -1, -1, -1, -1};
    std::optional<Capture> captures_[kCaptureSlots];
    int capture_obj_[kCaptureSlots] = {-1, -1, -1};
    std::vector<ImageObject> objects_;
    std::vector<CaptureObject> capture_objects_;
    std::deque<DestroyLog> logs_; // stable addresses
    std::deque<RawRecord> raw_records_;
    alignas(16) uint8_t arena_[4096] = {};
    uint64_t sink_ = 0;
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int * /*argc*/, char *** /*argv*/)
{
    // Failing geometries are logged at ERROR; keep the output clean and fast.
    setenv("K4A_ENABLE_LOG_TO_STDOUT", "0", 1);
    ok4a_pool_config_t config = {};
    config.name = "cxx-fuzz";
    config.buffer_size = kPoolBufferBytes;
    config.max_buffers = 8;
    g_pool = ok4a_pool_create(&config);
    return g_pool != nullptr ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OPENK4A_FUZZ_MAX_LEN)
        return 0;
    Reader in(data, size);
    {
        Program program;
        while (!in.empty())
            program.Step(in);
    } // ~Program drops everything and checks that every owner went exactly once
    ok4a_pool_stats_t stats;
    ok4a_pool_get_stats(g_pool, &stats);
    CHECK(stats.in_use == 0 && stats.bad_releases == 0);
    return 0;
}
