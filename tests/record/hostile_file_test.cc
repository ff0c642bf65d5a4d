// Truncated, corrupted and hostile recordings: k4a_playback_* fails with a log
// line that says where (byte offset) and why, never crashes, hangs or
// allocates what a size field claims.
#include <fcntl.h>
#include <unistd.h>

#include <k4a/k4a.h>
#include <k4arecord/playback.h>

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/log_capture.h"
#include "tests/record/external_tools.h"
#include "tests/record/recording_fixtures.h"
#include "tests/testing/image_leaks.h"

namespace
{

using namespace openk4a::testing;

bool WriteBytes(const std::string &path, const std::vector<uint8_t> &bytes)
{
    FILE *f = std::fopen(path.c_str(), "wb");
    if (f == nullptr)
        return false;
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    return std::fclose(f) == 0 && ok;
}

// Reads everything a program would; every result must be one the API allows.
void ReadEverything(k4a_playback_t playback)
{
    k4a_capture_t capture = nullptr;
    for (int i = 0; i < 200; i++)
    {
        const k4a_stream_result_t result = k4a_playback_get_next_capture(playback, &capture);
        ASSERT_TRUE(result == K4A_STREAM_RESULT_SUCCEEDED || result == K4A_STREAM_RESULT_EOF ||
                    result == K4A_STREAM_RESULT_FAILED);
        if (result != K4A_STREAM_RESULT_SUCCEEDED)
        {
            EXPECT_EQ(capture, nullptr);
            break;
        }
        k4a_capture_release(capture);
    }
    k4a_imu_sample_t sample;
    for (int i = 0; i < 200 && k4a_playback_get_next_imu_sample(playback, &sample) == K4A_STREAM_RESULT_SUCCEEDED; i++)
    {
    }
}

class HostileFileTest : public NoImageLeaks
{
protected:
    void SetUp() override
    {
        NoImageLeaks::SetUp();
        RecordingSpec spec;
        spec.captures = 4;
        spec.imu_per_capture = 2;
        spec.custom_tracks = true;
        spec.depth_mode = K4A_DEPTH_MODE_OFF; // small frames: a byte-by-byte sweep stays fast
        const std::string path = TempPath(".mkv");
        WrittenRecording written;
        std::string error;
        ASSERT_TRUE(WriteTestRecording(path, spec, &written, &error)) << error;
        good_ = ReadFile(path).value();
    }

    std::vector<uint8_t> good_;
};

TEST_F(HostileFileTest, EveryTruncationFailsAtOpenSayingWhere)
{
    const std::string path = TempPath(".mkv");
    const size_t step = std::max<size_t>(1, good_.size() / 300);
    for (size_t cut = 0; cut < good_.size(); cut += step)
    {
        SCOPED_TRACE(cut);
        ASSERT_TRUE(WriteBytes(path, std::vector<uint8_t>(good_.begin(), good_.begin() + static_cast<long>(cut))));
        LogCapture log(K4A_LOG_LEVEL_ERROR);
        k4a_playback_t playback = nullptr;
        ASSERT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_FAILED);
        EXPECT_EQ(playback, nullptr);
        EXPECT_TRUE(cut == 0 ? log.Contains({"empty file"}) : log.Contains({"k4a_playback_open", "offset "}))
            << (log.count() ? log.messages()[0] : "no log");
    }
}

TEST_F(HostileFileTest, CorruptedBytesNeverCrash)
{
    const std::string path = TempPath(".mkv");
    int opened = 0, refused = 0;
    for (size_t at = 0; at < good_.size(); at += 97)
    {
        for (uint8_t value : {uint8_t{0x00}, uint8_t{0xFF}, uint8_t{0x01}, uint8_t{0x7F}})
        {
            std::vector<uint8_t> bad = good_;
            bad[at] = value;
            ASSERT_TRUE(WriteBytes(path, bad));
            LogCapture log(K4A_LOG_LEVEL_ERROR);
            k4a_playback_t playback = nullptr;
            if (k4a_playback_open(path.c_str(), &playback) == K4A_RESULT_SUCCEEDED)
            {
                opened++;
                ReadEverything(playback);
                k4a_playback_close(playback);
            }
            else
            {
                refused++;
                EXPECT_GT(log.count(), 0u) << "a refusal says why (byte " << at << ")";
            }
        }
    }
    EXPECT_GT(opened, 0);
    EXPECT_GT(refused, 0);
}

// EBML element bytes: ID, then an 8-byte size.
void Element(std::vector<uint8_t> *out, std::initializer_list<uint8_t> id, uint64_t size)
{
    out->insert(out->end(), id);
    out->push_back(0x01);
    for (int i = 6; i >= 0; i--)
        out->push_back(static_cast<uint8_t>(size >> (8 * i)));
}

std::vector<uint8_t> Header()
{
    // EBML header with DocType "matroska".
    return {0x1A, 0x45, 0xDF, 0xA3, 0x8B, 0x42, 0x82, 0x88, 'm', 'a', 't', 'r', 'o', 's', 'k', 'a'};
}

TEST(HostileSizesTest, DeclaredSizesAreNeverAllocated)
{
    struct Case
    {
        const char *what;
        std::vector<uint8_t> bytes;
        uint64_t file_size; // sparse: the file is this long, mostly holes
        const char *reason;
    };
    std::vector<Case> cases;
    {
        std::vector<uint8_t> b = Header();
        Element(&b, {0x18, 0x53, 0x80, 0x67}, 0x00FFFFFFFFFFFFFEull); // Segment larger than the file
        cases.push_back({"segment past the end", b, 0, "runs past"});
    }
    {
        std::vector<uint8_t> b = Header();
        Element(&b, {0x18, 0x53, 0x80, 0x67}, (1ull << 30) - 64);
        Element(&b, {0x19, 0x41, 0xA4, 0x69}, 512ull << 20); // Attachments of 512 MiB
        cases.push_back({"512 MiB attachments", b, 1ull << 30, "above the cap"});
    }
    {
        std::vector<uint8_t> b = Header();
        Element(&b, {0x18, 0x53, 0x80, 0x67}, (1ull << 30) - 64);
        Element(&b, {0x16, 0x54, 0xAE, 0x6B}, 128ull << 20); // Tracks of 128 MiB
        cases.push_back({"128 MiB tracks", b, 1ull << 30, "above the cap"});
    }
    {
        std::vector<uint8_t> b = {0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, 'x'};
        cases.push_back({"not matroska", b, 0, "DocType"});
    }
    {
        std::vector<uint8_t> b = {0x00, 0x01, 0x02, 0x03};
        cases.push_back({"garbage", b, 0, "invalid element ID"});
    }
    {
        std::vector<uint8_t> b = Header();
        Element(&b, {0x18, 0x53, 0x80, 0x67}, 12);
        Element(&b, {0x1F, 0x43, 0xB6, 0x75}, 0); // a Cluster before Info and Tracks
        cases.push_back({"cluster first", b, 0, "Cluster before"});
    }
    const std::string path = TempPath(".mkv");
    for (const Case &c : cases)
    {
        SCOPED_TRACE(c.what);
        ASSERT_TRUE(WriteBytes(path, c.bytes));
        if (c.file_size > 0)
        {
            ASSERT_EQ(truncate(path.c_str(), static_cast<off_t>(c.file_size)), 0);
        }
        LogCapture log(K4A_LOG_LEVEL_ERROR);
        k4a_playback_t playback = nullptr;
        EXPECT_EQ(k4a_playback_open(path.c_str(), &playback), K4A_RESULT_FAILED);
        EXPECT_TRUE(log.Contains({"offset", c.reason})) << (log.count() ? log.messages()[0] : "no log");
    }
}

TEST(HostileSizesTest, MissingFileAndBadHandles)
{
    LogCapture log(K4A_LOG_LEVEL_ERROR);
    k4a_playback_t playback = nullptr;
    EXPECT_EQ(k4a_playback_open("/nonexistent/file.mkv", &playback), K4A_RESULT_FAILED);
    EXPECT_TRUE(log.Contains({"cannot open"}));
    EXPECT_EQ(k4a_playback_open(nullptr, &playback), K4A_RESULT_FAILED);
    k4a_capture_t capture = nullptr;
    EXPECT_EQ(k4a_playback_get_next_capture(nullptr, &capture), K4A_STREAM_RESULT_FAILED);
    EXPECT_EQ(k4a_playback_get_recording_length_usec(nullptr), 0u);
    EXPECT_EQ(k4a_playback_data_block_get_buffer(nullptr), nullptr);
    k4a_playback_close(nullptr);
    k4a_playback_data_block_release(nullptr);
}

} // namespace
