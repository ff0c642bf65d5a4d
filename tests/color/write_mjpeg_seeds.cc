// Writes the seed corpora of the MJPG fuzzers (fuzz/corpus/mjpeg_decode,
// fuzz/corpus/mjpeg_sequence): camera-shaped frames from our fixture encoder,
// TurboJPEG-compressed frames, and, when the shared testdata is present, small
// lossless crops (a few KiB) of the real camera frames.
//
//   bazel run //tests/color:write_mjpeg_seeds -- $PWD/fuzz/corpus
#include <turbojpeg.h>

#include <cstdio>
#include <string>
#include <vector>

#include "tests/color/jpeg_fixtures.h"
#include "tests/testing/testdata.h"

namespace
{

using openk4a::testing::CropLossless;
using openk4a::testing::EncodeFixtureFrame;
using openk4a::testing::FrameSpec;
using openk4a::testing::Sampling;

bool Write(const std::string &path, const std::vector<uint8_t> &bytes)
{
    if (bytes.empty())
        return false;
    FILE *f = std::fopen(path.c_str(), "wb");
    if (f == nullptr)
        return false;
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    return std::fclose(f) == 0 && ok;
}

// One sequence-fuzzer record.
void Record(std::vector<uint8_t> *out, uint8_t op, uint8_t a, uint8_t b, const std::vector<uint8_t> &bytes = {})
{
    out->insert(out->end(), {op, a, b, static_cast<uint8_t>(bytes.size())});
    out->insert(out->end(), bytes.begin(), bytes.end());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2)
    {
        std::fprintf(stderr, "usage: %s CORPUS_DIR (containing mjpeg_decode/ and mjpeg_sequence/)\n", argv[0]);
        return 2;
    }
    const std::string decode = std::string(argv[1]) + "/mjpeg_decode/";
    const std::string sequence = std::string(argv[1]) + "/mjpeg_sequence/";
    bool ok = true;

    FrameSpec azure;
    azure.width = 64;
    azure.height = 32;
    azure.restart_interval = 2;
    ok &= Write(decode + "fixture_azure_shaped_422_rst.jpg", EncodeFixtureFrame(azure));
    FrameSpec webcam;
    webcam.width = 48;
    webcam.height = 16;
    webcam.huffman_tables = false;
    webcam.avi1_header = true;
    webcam.restart_interval = 1;
    webcam.stray_bytes = 6;
    ok &= Write(decode + "fixture_webcam_shaped_no_dht_stray_bytes.jpg", EncodeFixtureFrame(webcam));
    FrameSpec grey;
    grey.width = 40;
    grey.height = 24;
    grey.sampling = Sampling::kGrey;
    grey.jfif_header = true;
    ok &= Write(decode + "fixture_grey_jfif.jpg", EncodeFixtureFrame(grey));
    ok &= Write(decode + "turbojpeg_420_q75.jpg", openk4a::testing::CompressWithTurboJpeg(48, 32, TJSAMP_420, 75));
    ok &= Write(decode + "turbojpeg_444_q95.jpg", openk4a::testing::CompressWithTurboJpeg(32, 24, TJSAMP_444, 95));

    if (auto real = openk4a::testing::ReadTestdata("mjpeg/azure_kinect_720p_422.jpg"))
    {
        ok &= Write(decode + "real_azure_kinect_720p_crop_64x32.jpg", CropLossless(*real, 608, 344, 64, 32));
    }
    if (auto real = openk4a::testing::ReadTestdata("mjpeg/webcam_960x720_no_dht.jpg"))
    {
        ok &= Write(decode + "real_webcam_crop_64x32.jpg", CropLossless(*real, 448, 352, 64, 32));
    }

    std::vector<uint8_t> s1; // good, cut, good, garbage, good: recovery after each failure
    Record(&s1, 0, 0, 0);
    Record(&s1, 2, 0, 128);
    Record(&s1, 0, 1, 0);
    Record(&s1, 1, 0, 0, {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08});
    Record(&s1, 0x80, 2, 0);
    ok &= Write(sequence + "good_cut_good_garbage_good.bin", s1);
    std::vector<uint8_t> s2; // table-state switches: own tables, none, own, none
    Record(&s2, 0, 0, 0);
    Record(&s2, 0, 1, 0);
    Record(&s2, 0x80, 0, 0);
    Record(&s2, 0x80, 1, 0);
    Record(&s2, 0, 3, 0);
    ok &= Write(sequence + "table_switches.bin", s2);
    std::vector<uint8_t> s3; // in-place damage and lost bytes, then good frames
    Record(&s3, 3, 0, 200, {0x00, 0x00, 0x00, 0x00});
    Record(&s3, 0, 0, 0);
    Record(&s3, 4, 0, 150, std::vector<uint8_t>(5, 0));
    Record(&s3, 0, 0, 0);
    Record(&s3, 3, 1, 10, {0xFF, 0xD9});
    Record(&s3, 0, 1, 0);
    ok &= Write(sequence + "damage_then_good.bin", s3);

    if (!ok)
        std::fprintf(stderr, "writing seeds failed (do %s and %s exist?)\n", decode.c_str(), sequence.c_str());
    return ok ? 0 : 1;
}
