// k4a_device_configuration_t -> streams, on its own: every mapping of the
// k4a rules, every refusal and its message, and binding to a device's
// descriptors (the k4a model, and real webcams' when the shared test data is
// there).
#include "core/device/camera_plan.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tests/testing/testdata.h"
#include "tools/emulator/uvc_catalog.h"

namespace openk4a
{
namespace
{

k4a_device_configuration_t Config(k4a_image_format_t format, k4a_color_resolution_t color, k4a_depth_mode_t depth,
                                  k4a_fps_t fps)
{
    k4a_device_configuration_t c = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    c.color_format = format;
    c.color_resolution = color;
    c.depth_mode = depth;
    c.camera_fps = fps;
    return c;
}

// The refusal message, or "" when the configuration is accepted.
std::string Refusal(const k4a_device_configuration_t &c)
{
    ok4a_camera_plan_t plan;
    char why[256] = "";
    if (ok4a_camera_plan_from_config(&c, &plan, why, sizeof why))
        return "";
    EXPECT_NE(why[0], '\0') << "a refusal always says why";
    return why;
}

TEST(CameraPlanFromConfig, RefusesWithTheReason)
{
    struct Case
    {
        k4a_device_configuration_t config;
        const char *message;
    };
    std::vector<Case> cases = {
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "neither colour nor depth is enabled (color_resolution and depth_mode are OFF)"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, static_cast<k4a_fps_t>(3)),
         "camera_fps is not 5, 15 or 30 fps"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, static_cast<k4a_color_resolution_t>(7), K4A_DEPTH_MODE_OFF,
                K4A_FRAMES_PER_SECOND_30),
         "color_resolution is not a k4a colour resolution"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, static_cast<k4a_depth_mode_t>(6),
                K4A_FRAMES_PER_SECOND_30),
         "depth_mode is not a k4a depth mode"},
        {Config(K4A_IMAGE_FORMAT_COLOR_NV12, K4A_COLOR_RESOLUTION_1080P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "colour format NV12 exists only at 720P, not at 1080P"},
        {Config(K4A_IMAGE_FORMAT_COLOR_YUY2, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_15),
         "colour format YUY2 exists only at 720P, not at 3072P"},
        {Config(K4A_IMAGE_FORMAT_DEPTH16, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "color_format DEPTH16 is not a colour camera format (MJPG, NV12, YUY2 or BGRA32)"},
        {Config(K4A_IMAGE_FORMAT_CUSTOM, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "color_format CUSTOM is not a colour camera format"},
        {Config(static_cast<k4a_image_format_t>(9), K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                K4A_FRAMES_PER_SECOND_30),
         "color_format (not an image format) is not a colour camera format"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
         "colour resolution 3072P runs at 15 fps at most, not 30 fps"},
        {Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF,
                K4A_FRAMES_PER_SECOND_30),
         "colour resolution 3072P runs at 15 fps at most, not 30 fps"},
        {Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_WFOV_UNBINNED,
                K4A_FRAMES_PER_SECOND_30),
         "depth mode WFOV_UNBINNED runs at 15 fps at most, not 30 fps"},
    };
    k4a_device_configuration_t sync_color_only =
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    sync_color_only.synchronized_images_only = true;
    cases.push_back({sync_color_only, "synchronized_images_only needs both colour and depth enabled (depth is off)"});
    k4a_device_configuration_t sync_depth_only = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                        K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    sync_depth_only.synchronized_images_only = true;
    cases.push_back({sync_depth_only, "synchronized_images_only needs both colour and depth enabled (colour is off)"});
    // The wired sync rules of the SDK's validate_configuration (k4a.c).
    k4a_device_configuration_t master = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                               K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    master.wired_sync_mode = K4A_WIRED_SYNC_MODE_MASTER;
    cases.push_back({master, "wired_sync_mode MASTER needs the colour camera (color_resolution is OFF)"});
    k4a_device_configuration_t no_mode = master;
    no_mode.wired_sync_mode = static_cast<k4a_wired_sync_mode_t>(3);
    cases.push_back({no_mode, "wired_sync_mode is not STANDALONE, MASTER or SUBORDINATE"});
    k4a_device_configuration_t delay =
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    for (k4a_wired_sync_mode_t mode : {K4A_WIRED_SYNC_MODE_STANDALONE, K4A_WIRED_SYNC_MODE_MASTER})
    {
        delay.wired_sync_mode = mode;
        delay.subordinate_delay_off_master_usec = 1;
        cases.push_back({delay, "subordinate_delay_off_master_usec must be 0 unless wired_sync_mode is SUBORDINATE"});
    }
    delay.wired_sync_mode = K4A_WIRED_SYNC_MODE_SUBORDINATE;
    for (uint32_t d : {33334u, 0xffffffffu})
    {
        delay.subordinate_delay_off_master_usec = d;
        cases.push_back({delay, "subordinate_delay_off_master_usec must stay within one frame period (30 fps)"});
    }
    k4a_device_configuration_t one_camera = delay;
    one_camera.wired_sync_mode = K4A_WIRED_SYNC_MODE_STANDALONE;
    one_camera.subordinate_delay_off_master_usec = 0;
    one_camera.depth_delay_off_color_usec = 100;
    cases.push_back({one_camera, "depth_delay_off_color_usec must be 0 unless both colour and depth are enabled "
                                 "(depth is off)"});
    for (k4a_fps_t fps : {K4A_FRAMES_PER_SECOND_5, K4A_FRAMES_PER_SECOND_15, K4A_FRAMES_PER_SECOND_30})
    {
        // HZ_TO_PERIOD_US of the SDK: 1000000 / fps, rounded down.
        const int32_t period = 1000000 / static_cast<int32_t>(fps == K4A_FRAMES_PER_SECOND_5  ? 5 :
                                                              fps == K4A_FRAMES_PER_SECOND_15 ? 15 :
                                                                                                30);
        const char *text =
            fps == K4A_FRAMES_PER_SECOND_5  ? "depth_delay_off_color_usec must stay within one frame period (5 fps)" :
            fps == K4A_FRAMES_PER_SECOND_15 ? "depth_delay_off_color_usec must stay within one frame period (15 fps)" :
                                              "depth_delay_off_color_usec must stay within one frame period (30 fps)";
        k4a_device_configuration_t c =
            Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_NFOV_UNBINNED, fps);
        for (int32_t d : {period + 1, -period - 1, INT32_MAX, INT32_MIN})
        {
            c.depth_delay_off_color_usec = d;
            cases.push_back({c, text});
        }
    }
    for (const Case &c : cases)
    {
        const std::string why = Refusal(c.config);
        EXPECT_NE(why.find(c.message), std::string::npos) << "got: " << why << "\nwant: " << c.message;
    }
}

TEST(CameraPlanFromConfig, NullConfigAndSmallOrMissingMessageBuffers)
{
    ok4a_camera_plan_t plan;
    char why[64] = "";
    EXPECT_FALSE(ok4a_camera_plan_from_config(nullptr, &plan, why, sizeof why));
    EXPECT_STREQ(why, "no configuration given");
    const k4a_device_configuration_t off = K4A_DEVICE_CONFIG_INIT_DISABLE_ALL;
    EXPECT_FALSE(ok4a_camera_plan_from_config(&off, &plan, nullptr, 0)); // no message wanted: fine
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    EXPECT_FALSE(ok4a_camera_plan_from_config(&off, &plan, tiny, sizeof tiny));
    EXPECT_EQ(strlen(tiny), sizeof tiny - 1); // cut short, still terminated
}

TEST(CameraPlanFromConfig, DelaysUpToAPeriodAreAccepted)
{
    k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                          K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    // The SDK refuses only beyond one period (1000000 / 30 = 33333 us).
    for (int32_t d : {33333, -33333, 33332, 0})
    {
        c.depth_delay_off_color_usec = d;
        ok4a_camera_plan_t plan;
        ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0)) << d;
        EXPECT_EQ(plan.depth_delay_off_color_usec, d);
    }
}

// The sync roles pass the plan (the cable is checked at start, on the
// device); a subordinate may lag its master by up to one period.
TEST(CameraPlanFromConfig, WiredSyncRolesAreCarriedToTheStart)
{
    k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                          K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_15);
    ok4a_camera_plan_t plan;
    c.wired_sync_mode = K4A_WIRED_SYNC_MODE_MASTER;
    ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
    EXPECT_EQ(plan.wired_sync_mode, K4A_WIRED_SYNC_MODE_MASTER);
    c.wired_sync_mode = K4A_WIRED_SYNC_MODE_SUBORDINATE;
    c.color_resolution = K4A_COLOR_RESOLUTION_OFF;
    c.subordinate_delay_off_master_usec = 66666; // 1000000 / 15
    ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
    EXPECT_EQ(plan.wired_sync_mode, K4A_WIRED_SYNC_MODE_SUBORDINATE);
}

TEST(CameraPlanFromConfig, MapsColourResolutionsFormatsAndRates)
{
    struct
    {
        k4a_color_resolution_t resolution;
        uint16_t width, height;
    } sizes[] = {{K4A_COLOR_RESOLUTION_720P, 1280, 720},   {K4A_COLOR_RESOLUTION_1080P, 1920, 1080},
                 {K4A_COLOR_RESOLUTION_1440P, 2560, 1440}, {K4A_COLOR_RESOLUTION_1536P, 2048, 1536},
                 {K4A_COLOR_RESOLUTION_2160P, 3840, 2160}, {K4A_COLOR_RESOLUTION_3072P, 4096, 3072}};
    for (const auto &size : sizes)
    {
        for (k4a_image_format_t format : {K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_IMAGE_FORMAT_COLOR_BGRA32})
        {
            const k4a_device_configuration_t c =
                Config(format, size.resolution, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_15);
            ok4a_camera_plan_t plan;
            ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
            const ok4a_stream_plan_t &s = plan.streams[OPENK4A_STREAM_COLOR];
            EXPECT_TRUE(s.enabled);
            EXPECT_EQ(s.width, size.width);
            EXPECT_EQ(s.height, size.height);
            EXPECT_EQ(s.pixel, OPENK4A_UVC_PIXEL_MJPEG); // BGRA32 is MJPG on the wire
            EXPECT_EQ(s.image_format, K4A_IMAGE_FORMAT_COLOR_MJPG);
            EXPECT_EQ(plan.decode_to_bgra32, format == K4A_IMAGE_FORMAT_COLOR_BGRA32);
            EXPECT_EQ(s.interval, 666666u);
            EXPECT_EQ(s.format, nullptr); // bound later
            EXPECT_FALSE(plan.streams[OPENK4A_STREAM_DEPTH].enabled);
            EXPECT_FALSE(plan.streams[OPENK4A_STREAM_IR].enabled);
        }
    }
    for (k4a_image_format_t format : {K4A_IMAGE_FORMAT_COLOR_NV12, K4A_IMAGE_FORMAT_COLOR_YUY2})
    {
        const k4a_device_configuration_t c =
            Config(format, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_5);
        ok4a_camera_plan_t plan;
        ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
        const ok4a_stream_plan_t &s = plan.streams[OPENK4A_STREAM_COLOR];
        EXPECT_EQ(s.pixel, format == K4A_IMAGE_FORMAT_COLOR_NV12 ? OPENK4A_UVC_PIXEL_NV12 : OPENK4A_UVC_PIXEL_YUY2);
        EXPECT_EQ(s.image_format, format);
        EXPECT_FALSE(plan.decode_to_bgra32);
        EXPECT_EQ(s.interval, 2000000u);
        EXPECT_EQ(plan.frame_period_usec, 200000u);
    }
    struct
    {
        k4a_fps_t fps;
        uint32_t interval, period;
    } rates[] = {{K4A_FRAMES_PER_SECOND_5, 2000000, 200000},
                 {K4A_FRAMES_PER_SECOND_15, 666666, 66667},
                 {K4A_FRAMES_PER_SECOND_30, 333333, 33333}};
    for (const auto &rate : rates)
    {
        const k4a_device_configuration_t c =
            Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_NFOV_2X2BINNED, rate.fps);
        ok4a_camera_plan_t plan;
        ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
        EXPECT_EQ(plan.frame_period_usec, rate.period);
        for (const ok4a_stream_plan_t &s : plan.streams)
            EXPECT_EQ(s.interval, rate.interval);
    }
}

TEST(CameraPlanFromConfig, MapsDepthModes)
{
    struct
    {
        k4a_depth_mode_t mode;
        uint16_t width, height;
        bool depth;
    } modes[] = {{K4A_DEPTH_MODE_NFOV_2X2BINNED, 320, 288, true},
                 {K4A_DEPTH_MODE_NFOV_UNBINNED, 640, 576, true},
                 {K4A_DEPTH_MODE_WFOV_2X2BINNED, 512, 512, true},
                 {K4A_DEPTH_MODE_WFOV_UNBINNED, 1024, 1024, true},
                 {K4A_DEPTH_MODE_PASSIVE_IR, 1024, 1024, false}};
    for (const auto &m : modes)
    {
        k4a_device_configuration_t c =
            Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, m.mode, K4A_FRAMES_PER_SECOND_15);
        ok4a_camera_plan_t plan;
        ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
        const ok4a_stream_plan_t &depth = plan.streams[OPENK4A_STREAM_DEPTH];
        const ok4a_stream_plan_t &ir = plan.streams[OPENK4A_STREAM_IR];
        EXPECT_FALSE(plan.streams[OPENK4A_STREAM_COLOR].enabled);
        EXPECT_EQ(depth.enabled, m.depth); // passive IR: no depth
        EXPECT_TRUE(ir.enabled);
        EXPECT_EQ(ir.width, m.width);
        EXPECT_EQ(ir.height, m.height);
        EXPECT_EQ(ir.pixel, OPENK4A_UVC_PIXEL_Y16);
        EXPECT_EQ(ir.image_format, K4A_IMAGE_FORMAT_IR16);
        if (m.depth)
        {
            EXPECT_EQ(depth.width, m.width);
            EXPECT_EQ(depth.height, m.height);
            EXPECT_EQ(depth.pixel, OPENK4A_UVC_PIXEL_Z16);
            EXPECT_EQ(depth.image_format, K4A_IMAGE_FORMAT_DEPTH16);
        }
        EXPECT_EQ(plan.depth_delay_off_color_usec, 0); // the SDK refuses a delay without colour
        EXPECT_FALSE(plan.synchronized_images_only);
    }
    k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                          K4A_DEPTH_MODE_WFOV_UNBINNED, K4A_FRAMES_PER_SECOND_15);
    c.synchronized_images_only = true;
    ok4a_camera_plan_t plan;
    ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
    EXPECT_TRUE(plan.synchronized_images_only);
}

// ---- binding to descriptors ----

class CameraPlanBind : public ::testing::Test
{
protected:
    void SetUp() override
    {
        Parse(emulator::BuildK4aDescriptors({}).config);
    }
    void Parse(std::vector<uint8_t> config)
    {
        config_ = std::move(config);
        size_t consumed = 0;
        ASSERT_EQ(openk4a_uvc_config_parse(config_.data(), config_.size(), &model_, &consumed), OPENK4A_USB_OK);
    }
    // Plans `c` and binds it; the refusal message, or "".
    std::string Bind(const k4a_device_configuration_t &c, ok4a_camera_plan_t *plan)
    {
        char why[256] = "";
        if (!ok4a_camera_plan_from_config(&c, plan, why, sizeof why))
            return std::string("config: ") + why;
        if (!ok4a_camera_plan_bind(plan, &model_, why, sizeof why))
            return why;
        return "";
    }
    // Stops the device model from offering `pixel` (as a camera without it).
    void Remove(openk4a_uvc_pixel_format_t pixel)
    {
        for (uint16_t f = 0; f < model_.format_count; f++)
        {
            if (model_.formats[f].pixel_format == pixel)
                model_.formats[f].pixel_format = OPENK4A_UVC_PIXEL_UNKNOWN;
        }
    }
    std::vector<uint8_t> config_;
    openk4a_uvc_config_t model_;
};

TEST_F(CameraPlanBind, EveryK4aModeBindsToItsOwnInterface)
{
    for (int r = K4A_COLOR_RESOLUTION_720P; r <= K4A_COLOR_RESOLUTION_3072P; r++)
    {
        for (int d = K4A_DEPTH_MODE_OFF; d <= K4A_DEPTH_MODE_PASSIVE_IR; d++)
        {
            const k4a_device_configuration_t c =
                Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, static_cast<k4a_color_resolution_t>(r),
                       static_cast<k4a_depth_mode_t>(d), K4A_FRAMES_PER_SECOND_15);
            ok4a_camera_plan_t plan;
            ASSERT_EQ(Bind(c, &plan), "") << r << " " << d;
            const ok4a_stream_plan_t &color = plan.streams[OPENK4A_STREAM_COLOR];
            ASSERT_NE(color.frame, nullptr);
            EXPECT_EQ(color.format->pixel_format, OPENK4A_UVC_PIXEL_MJPEG);
            EXPECT_EQ(color.frame->width, color.width);
            EXPECT_EQ(color.frame->height, color.height);
            for (int i = OPENK4A_STREAM_DEPTH; i <= OPENK4A_STREAM_IR; i++)
            {
                const ok4a_stream_plan_t &s = plan.streams[i];
                if (!s.enabled)
                    continue;
                ASSERT_NE(s.format, nullptr);
                EXPECT_EQ(s.format->pixel_format, s.pixel);
                EXPECT_NE(s.format->interface_number, color.format->interface_number);
            }
            if (plan.streams[OPENK4A_STREAM_DEPTH].enabled)
            {
                EXPECT_NE(plan.streams[OPENK4A_STREAM_DEPTH].format->interface_number,
                          plan.streams[OPENK4A_STREAM_IR].format->interface_number);
            }
        }
    }
}

TEST_F(CameraPlanBind, Bgra32FallsBackFromMjpgToYuy2ThenNv12)
{
    const k4a_device_configuration_t c =
        Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30);
    ok4a_camera_plan_t plan;
    Remove(OPENK4A_UVC_PIXEL_MJPEG);
    ASSERT_EQ(Bind(c, &plan), "");
    EXPECT_TRUE(plan.decode_to_bgra32);
    EXPECT_EQ(plan.streams[OPENK4A_STREAM_COLOR].pixel, OPENK4A_UVC_PIXEL_YUY2);
    EXPECT_EQ(plan.streams[OPENK4A_STREAM_COLOR].image_format, K4A_IMAGE_FORMAT_COLOR_YUY2);
    Remove(OPENK4A_UVC_PIXEL_YUY2);
    ASSERT_EQ(Bind(c, &plan), "");
    EXPECT_EQ(plan.streams[OPENK4A_STREAM_COLOR].pixel, OPENK4A_UVC_PIXEL_NV12);
    EXPECT_EQ(plan.streams[OPENK4A_STREAM_COLOR].image_format, K4A_IMAGE_FORMAT_COLOR_NV12);
    Remove(OPENK4A_UVC_PIXEL_NV12);
    EXPECT_EQ(Bind(c, &plan),
              "colour 1280x720 MJPEG: the device offers no MJPEG format (BGRA32 is converted from MJPEG, YUY2 or NV12; "
              "none fits)");
    // Plain MJPG does not fall back.
    SetUp();
    Remove(OPENK4A_UVC_PIXEL_MJPEG);
    EXPECT_EQ(Bind(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P, K4A_DEPTH_MODE_OFF,
                          K4A_FRAMES_PER_SECOND_30),
                   &plan),
              "colour 1280x720 MJPEG: the device offers no MJPEG format");
}

TEST_F(CameraPlanBind, Bgra32AtASizeOnlyMjpgHasDoesNotFallBack)
{
    Remove(OPENK4A_UVC_PIXEL_MJPEG); // YUY2/NV12 exist at 720p only
    ok4a_camera_plan_t plan;
    EXPECT_EQ(Bind(Config(K4A_IMAGE_FORMAT_COLOR_BGRA32, K4A_COLOR_RESOLUTION_1080P, K4A_DEPTH_MODE_OFF,
                          K4A_FRAMES_PER_SECOND_30),
                   &plan),
              "colour 1920x1080 MJPEG: the device offers no MJPEG format (BGRA32 is converted from MJPEG, YUY2 or "
              "NV12; none fits)");
}

TEST_F(CameraPlanBind, NamesWhatTheDeviceDoesNotOffer)
{
    // Built by hand past the k4a rules, to reach each message of bind.
    ok4a_camera_plan_t plan;
    const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_720P,
                                                K4A_DEPTH_MODE_NFOV_UNBINNED, K4A_FRAMES_PER_SECOND_30);
    char why[256];
    ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
    plan.streams[OPENK4A_STREAM_COLOR].pixel = OPENK4A_UVC_PIXEL_H264;
    EXPECT_FALSE(ok4a_camera_plan_bind(&plan, &model_, why, sizeof why));
    EXPECT_STREQ(why, "colour 1280x720 H264: the device offers no H264 format");

    ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
    plan.streams[OPENK4A_STREAM_COLOR].width = 640;
    plan.streams[OPENK4A_STREAM_COLOR].height = 480;
    EXPECT_FALSE(ok4a_camera_plan_bind(&plan, &model_, why, sizeof why));
    EXPECT_STREQ(why, "colour 640x480 MJPEG: the device has no frame of that size");

    const k4a_device_configuration_t big =
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_3072P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_15);
    ASSERT_TRUE(ok4a_camera_plan_from_config(&big, &plan, nullptr, 0));
    plan.streams[OPENK4A_STREAM_COLOR].interval = 333333; // 30 fps: k4a has 3072p at 5/15 only
    EXPECT_FALSE(ok4a_camera_plan_bind(&plan, &model_, why, sizeof why));
    EXPECT_STREQ(why, "colour 4096x3072 MJPEG: the device does not stream it at 30 fps");

    ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
    plan.streams[OPENK4A_STREAM_IR].pixel = OPENK4A_UVC_PIXEL_Z16; // IR from the depth interface
    EXPECT_FALSE(ok4a_camera_plan_bind(&plan, &model_, why, sizeof why));
    EXPECT_STREQ(why, "IR 640x576 Z16: shares a streaming interface with depth");
}

TEST_F(CameraPlanBind, RealWebcamDescriptors)
{
    auto cfg = testing::ReadTestdata("uvc/logitech_c310.cfg.bin");
    if (!cfg)
        GTEST_SKIP() << "shared testdata absent: uvc/logitech_c310.cfg.bin";
    Parse(*cfg);
    ok4a_camera_plan_t plan;
    // The C310 has no 4K: refused by bind, naming the frame size.
    const std::string why = Bind(
        Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_2160P, K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_30),
        &plan);
    EXPECT_NE(why.find("colour 3840x2160 MJPEG: the device has no frame of that size"), std::string::npos) << why;
    EXPECT_NE(Bind(Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF, K4A_DEPTH_MODE_NFOV_UNBINNED,
                          K4A_FRAMES_PER_SECOND_30),
                   &plan)
                  .find("depth 640x576 Z16: the device offers no Z16 format"),
              std::string::npos);
}

TEST(CameraPlan, StreamNames)
{
    EXPECT_STREQ(ok4a_stream_name(OPENK4A_STREAM_COLOR), "colour");
    EXPECT_STREQ(ok4a_stream_name(OPENK4A_STREAM_DEPTH), "depth");
    EXPECT_STREQ(ok4a_stream_name(OPENK4A_STREAM_IR), "IR");
    EXPECT_STREQ(ok4a_stream_name(OPENK4A_STREAM_COUNT), "?");
}

// openk4a/device.h's mode sizes: the SDK's figures, and what the plan streams.
TEST(CameraModes, SizesAndRatesOfEveryMode)
{
    struct Size
    {
        int width, height;
    };
    const Size color[] = {{0, 0}, {1280, 720}, {1920, 1080}, {2560, 1440}, {2048, 1536}, {3840, 2160}, {4096, 3072}};
    for (int r = 0; r < 7; r++)
    {
        int w = -1, h = -1;
        ASSERT_TRUE(openk4a_color_resolution_size(static_cast<k4a_color_resolution_t>(r), &w, &h)) << r;
        EXPECT_EQ(w, color[r].width) << r;
        EXPECT_EQ(h, color[r].height) << r;
        if (r == 0)
            continue;
        ok4a_camera_plan_t plan;
        const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, static_cast<k4a_color_resolution_t>(r),
                                                    K4A_DEPTH_MODE_OFF, K4A_FRAMES_PER_SECOND_15);
        ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
        EXPECT_EQ(plan.streams[OPENK4A_STREAM_COLOR].width, w);
        EXPECT_EQ(plan.streams[OPENK4A_STREAM_COLOR].height, h);
    }
    const Size depth[] = {{0, 0}, {320, 288}, {640, 576}, {512, 512}, {1024, 1024}, {1024, 1024}};
    for (int m = 0; m < 6; m++)
    {
        int w = -1, h = -1;
        ASSERT_TRUE(openk4a_depth_mode_size(static_cast<k4a_depth_mode_t>(m), &w, &h)) << m;
        EXPECT_EQ(w, depth[m].width) << m;
        EXPECT_EQ(h, depth[m].height) << m;
        if (m == 0)
            continue;
        ok4a_camera_plan_t plan;
        const k4a_device_configuration_t c = Config(K4A_IMAGE_FORMAT_COLOR_MJPG, K4A_COLOR_RESOLUTION_OFF,
                                                    static_cast<k4a_depth_mode_t>(m), K4A_FRAMES_PER_SECOND_15);
        ASSERT_TRUE(ok4a_camera_plan_from_config(&c, &plan, nullptr, 0));
        EXPECT_EQ(plan.streams[OPENK4A_STREAM_IR].width, w);
        EXPECT_EQ(plan.streams[OPENK4A_STREAM_IR].height, h);
    }

    int w = -1, h = -1;
    EXPECT_FALSE(openk4a_color_resolution_size(static_cast<k4a_color_resolution_t>(7), &w, &h));
    EXPECT_EQ(w, 0);
    EXPECT_EQ(h, 0);
    w = h = -1;
    EXPECT_FALSE(openk4a_depth_mode_size(static_cast<k4a_depth_mode_t>(-1), &w, &h));
    EXPECT_EQ(w, 0);
    EXPECT_EQ(h, 0);
    EXPECT_TRUE(openk4a_color_resolution_size(K4A_COLOR_RESOLUTION_720P, nullptr, &h));
    EXPECT_EQ(h, 720);
    EXPECT_TRUE(openk4a_depth_mode_size(K4A_DEPTH_MODE_NFOV_UNBINNED, &w, nullptr));
    EXPECT_EQ(w, 640);

    EXPECT_EQ(openk4a_fps_to_uint(K4A_FRAMES_PER_SECOND_5), 5u);
    EXPECT_EQ(openk4a_fps_to_uint(K4A_FRAMES_PER_SECOND_15), 15u);
    EXPECT_EQ(openk4a_fps_to_uint(K4A_FRAMES_PER_SECOND_30), 30u);
    EXPECT_EQ(openk4a_fps_to_uint(static_cast<k4a_fps_t>(3)), 0u);
}

} // namespace
} // namespace openk4a
