// ok4a::record::SwapBytes16, the b16g <-> DEPTH16/IR16 conversion, against
// the obvious byte-pair exchange on every length around the vector width,
// misaligned and in place.
#include "core/record/recording_format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace
{

std::vector<uint8_t> Pattern(size_t size)
{
    std::vector<uint8_t> bytes(size);
    for (size_t i = 0; i < size; i++)
        bytes[i] = static_cast<uint8_t>(i * 37 + 11);
    return bytes;
}

std::vector<uint8_t> PairsExchanged(std::vector<uint8_t> bytes)
{
    for (size_t i = 0; i + 1 < bytes.size(); i += 2)
        std::swap(bytes[i], bytes[i + 1]);
    return bytes;
}

TEST(SwapBytes16, EveryLengthAndAlignmentMatchesPairExchange)
{
    for (size_t misalign = 0; misalign < 3; misalign++)
    {
        for (size_t size = 0; size <= 70; size++)
        {
            const std::vector<uint8_t> in = Pattern(size + misalign);
            std::vector<uint8_t> out(size + misalign, 0xEE);
            ok4a::record::SwapBytes16(in.data() + misalign, out.data() + misalign, size);
            std::vector<uint8_t> expected = PairsExchanged(std::vector<uint8_t>(in.begin() + misalign, in.end()));
            if (size % 2 == 1)
                expected.back() = 0xEE; // an odd last byte is not written
            EXPECT_EQ(std::vector<uint8_t>(out.begin() + misalign, out.end()), expected)
                << "size " << size << " misalign " << misalign;
        }
    }
}

TEST(SwapBytes16, InPlaceTwiceIsIdentity)
{
    const std::vector<uint8_t> original = Pattern(1000);
    std::vector<uint8_t> bytes = original;
    ok4a::record::SwapBytes16(bytes.data(), bytes.data(), bytes.size());
    EXPECT_EQ(bytes, PairsExchanged(original));
    ok4a::record::SwapBytes16(bytes.data(), bytes.data(), bytes.size());
    EXPECT_EQ(bytes, original);
}

TEST(SwapBytes16, BigEndianSampleReadsAsItsValue)
{
    const uint8_t on_disk[2] = {0x12, 0x34}; // b16g sample 0x1234
    uint8_t image[2];
    ok4a::record::SwapBytes16(on_disk, image, sizeof image);
    EXPECT_EQ(image[0] | image[1] << 8, 0x1234); // k4a images are little-endian
}

} // namespace
