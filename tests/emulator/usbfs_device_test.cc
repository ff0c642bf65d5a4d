// The usbfs transport on its own: a small vendor device driven by plain libusb
// calls (enumeration, control, bulk, isochronous, stall, cancel, unplug).
#include "tools/emulator/usbfs_device.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <libusb.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace openk4a::emulator
{
namespace
{

constexpr uint16_t kVid = 0x1209, kPid = 0x0001; // pid.codes test VID/PID

std::vector<uint8_t> DeviceDescriptor()
{
    return {18, 1, 0x00, 0x02, 0xff, 0, 0, 64, kVid & 0xff, kVid >> 8, kPid & 0xff, kPid >> 8, 0x00, 0x01, 1, 2, 3, 1};
}

std::vector<uint8_t> ConfigDescriptor()
{
    std::vector<uint8_t> c = {
        9,
        2,
        0,
        0,
        2,
        1,
        0,
        0x80,
        50,
        // interface 0: bulk in 0x81, bulk out 0x02
        9,
        4,
        0,
        0,
        2,
        0xff,
        0,
        0,
        0,
        7,
        5,
        0x81,
        2,
        0x00,
        0x02,
        0,
        7,
        5,
        0x02,
        2,
        0x00,
        0x02,
        0,
        // interface 1 alt 0: nothing; alt 1: iso in 0x83, 1024 bytes
        9,
        4,
        1,
        0,
        0,
        0xff,
        0,
        0,
        0,
        9,
        4,
        1,
        1,
        1,
        0xff,
        0,
        0,
        0,
        7,
        5,
        0x83,
        5,
        0x00,
        0x04,
        1,
    };
    c[2] = static_cast<uint8_t>(c.size());
    return c;
}

std::vector<uint8_t> StringDescriptor(const std::string &text)
{
    std::vector<uint8_t> d = {static_cast<uint8_t>(2 + 2 * text.size()), 3};
    for (char ch : text)
    {
        d.push_back(static_cast<uint8_t>(ch));
        d.push_back(0);
    }
    return d;
}

class VendorModel : public UsbDeviceModel
{
public:
    int Control(const SetupPacket &setup, const uint8_t *out, size_t out_length, std::vector<uint8_t> *in) override
    {
        if (setup.bmRequestType == 0x80 && setup.bRequest == 6 && (setup.wValue >> 8) == 3)
        {
            const int index = setup.wValue & 0xff;
            if (index == 0)
                *in = {4, 3, 0x09, 0x04};
            else if (index == 1)
                *in = StringDescriptor("openk4a");
            else if (index == 2)
                *in = StringDescriptor("transport test");
            else if (index == 3)
                *in = StringDescriptor("SERIAL123");
            else
                return -EPIPE;
            return static_cast<int>(in->size());
        }
        if (setup.bmRequestType == 0xc0 && setup.bRequest == 1)
        {
            *in = {'p', 'i', 'n', 'g'};
            return 4;
        }
        if (setup.bmRequestType == 0x40 && setup.bRequest == 2)
        {
            last_out.assign(out, out + out_length);
            return 0;
        }
        return -EPIPE;
    }
    int SetInterface(uint8_t interface_number, uint8_t alt) override
    {
        last_alt = alt;
        return 0;
    }
    void OnClearHalt(uint8_t endpoint) override
    {
        cleared = endpoint;
    }
    void OnAllClientsGone() override
    {
        gone_calls++;
    }

    std::vector<uint8_t> last_out;
    std::atomic<int> last_alt{-1};
    std::atomic<int> cleared{0};
    std::atomic<int> gone_calls{0};
};

Payload MakePayload(size_t size, uint8_t seed)
{
    auto body = std::make_shared<std::vector<uint8_t>>(size);
    for (size_t i = 0; i < size; i++)
        (*body)[i] = static_cast<uint8_t>(seed + i);
    Payload p;
    p.header = {2, seed};
    p.body = body;
    p.length = size;
    return p;
}

class UsbfsDeviceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        std::string error;
        device_ = UsbfsDevice::Create({DeviceDescriptor(), ConfigDescriptor(), 480, "test", "", 0}, &model_, &error);
        ASSERT_NE(device_, nullptr) << error;
        ASSERT_TRUE(device_->Plug(&error)) << error;
        ASSERT_EQ(libusb_init(&ctx_), 0);
    }
    void TearDown() override
    {
        if (handle_ != nullptr)
            libusb_close(handle_);
        if (ctx_ != nullptr)
            libusb_exit(ctx_);
        device_.reset();
    }
    libusb_device_handle *Open()
    {
        handle_ = libusb_open_device_with_vid_pid(ctx_, kVid, kPid);
        return handle_;
    }
    // Runs libusb events until `done` or 5 s pass.
    bool RunUntil(const std::atomic<int> &done, int target)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (done.load() < target)
        {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            timeval tv = {0, 100000};
            libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
        }
        return true;
    }

    VendorModel model_;
    std::unique_ptr<UsbfsDevice> device_;
    libusb_context *ctx_ = nullptr;
    libusb_device_handle *handle_ = nullptr;
};

TEST_F(UsbfsDeviceTest, EnumeratesWithDescriptorsAndStrings)
{
    libusb_device **list = nullptr;
    const ssize_t n = libusb_get_device_list(ctx_, &list);
    ASSERT_GE(n, 1);
    bool found = false;
    for (ssize_t i = 0; i < n; i++)
    {
        libusb_device_descriptor dd;
        ASSERT_EQ(libusb_get_device_descriptor(list[i], &dd), 0);
        if (dd.idVendor != kVid || dd.idProduct != kPid)
            continue;
        found = true;
        EXPECT_EQ(libusb_get_bus_number(list[i]), 1);
        EXPECT_EQ(libusb_get_device_address(list[i]), device_->device_number());
        EXPECT_EQ(libusb_get_device_speed(list[i]), LIBUSB_SPEED_HIGH);
        libusb_config_descriptor *config = nullptr;
        ASSERT_EQ(libusb_get_active_config_descriptor(list[i], &config), 0);
        EXPECT_EQ(config->bNumInterfaces, 2);
        EXPECT_EQ(config->interface[1].num_altsetting, 2);
        EXPECT_EQ(config->interface[1].altsetting[1].endpoint[0].bEndpointAddress, 0x83);
        libusb_free_config_descriptor(config);
    }
    libusb_free_device_list(list, 1);
    ASSERT_TRUE(found);

    ASSERT_NE(Open(), nullptr);
    unsigned char text[64];
    ASSERT_GT(libusb_get_string_descriptor_ascii(handle_, 3, text, sizeof text), 0);
    EXPECT_STREQ(reinterpret_cast<char *>(text), "SERIAL123");
    ASSERT_GT(libusb_get_string_descriptor_ascii(handle_, 2, text, sizeof text), 0);
    EXPECT_STREQ(reinterpret_cast<char *>(text), "transport test");
}

TEST_F(UsbfsDeviceTest, ControlTransfersInOutAndStall)
{
    ASSERT_NE(Open(), nullptr);
    EXPECT_EQ(libusb_kernel_driver_active(handle_, 0), 0);
    unsigned char buf[16] = {};
    ASSERT_EQ(libusb_control_transfer(handle_, 0xc0, 1, 0, 0, buf, sizeof buf, 1000), 4);
    EXPECT_EQ(memcmp(buf, "ping", 4), 0);
    unsigned char out[3] = {7, 8, 9};
    ASSERT_EQ(libusb_control_transfer(handle_, 0x40, 2, 0, 0, out, 3, 1000), 3);
    EXPECT_EQ(model_.last_out, std::vector<uint8_t>({7, 8, 9}));
    EXPECT_EQ(libusb_control_transfer(handle_, 0xc0, 9, 0, 0, buf, sizeof buf, 1000), LIBUSB_ERROR_PIPE);
}

TEST_F(UsbfsDeviceTest, BulkInSyncAndAsyncAndBacklogLimit)
{
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_claim_interface(handle_, 0), 0);
    // Queued before the host asks: the URB takes it at once.
    ASSERT_EQ(device_->Send(0x81, {MakePayload(1000, 5)}, 1 << 20), UsbfsDevice::SendResult::kQueued);
    std::vector<uint8_t> buf(4096);
    int got = 0;
    ASSERT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 4096, &got, 1000), 0);
    ASSERT_EQ(got, 1002); // a short transfer ends at the payload's end
    EXPECT_EQ(buf[0], 2);
    EXPECT_EQ(buf[1], 5);
    EXPECT_EQ(buf[2], 5);
    EXPECT_EQ(buf[1001], static_cast<uint8_t>(5 + 999));

    // A payload bigger than the URB continues in the next one.
    ASSERT_EQ(device_->Send(0x81, {MakePayload(3000, 1)}, 1 << 20), UsbfsDevice::SendResult::kQueued);
    ASSERT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 2048, &got, 1000), 0);
    EXPECT_EQ(got, 2048);
    ASSERT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 2048, &got, 1000), 0);
    EXPECT_EQ(got, 3002 - 2048);

    // Nothing to send: the transfer times out (libusb cancels the URB).
    EXPECT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 512, &got, 100), LIBUSB_ERROR_TIMEOUT);
    EXPECT_EQ(device_->PendingUrbs(0x81), 0u);

    // The device's own buffer is bounded.
    ASSERT_EQ(device_->Send(0x81, {MakePayload(5000, 1)}, 4000), UsbfsDevice::SendResult::kQueued);
    EXPECT_EQ(device_->Send(0x81, {MakePayload(10, 1)}, 4000), UsbfsDevice::SendResult::kNoRoom);
    device_->Flush(0x81);
    EXPECT_EQ(device_->Backlog(0x81), 0u);

    // Async: eight 64 KiB transfers in flight, a producer thread fills them.
    struct State
    {
        std::atomic<int> done{0};
        std::atomic<int> bytes{0};
    } state;
    std::vector<libusb_transfer *> transfers;
    std::vector<std::vector<uint8_t>> buffers(8, std::vector<uint8_t>(65536));
    for (int i = 0; i < 8; i++)
    {
        libusb_transfer *t = libusb_alloc_transfer(0);
        libusb_fill_bulk_transfer(
            t, handle_, 0x81, buffers[i].data(), 65536,
            [](libusb_transfer *xfer)
            {
                auto *s = static_cast<State *>(xfer->user_data);
                if (xfer->status == LIBUSB_TRANSFER_COMPLETED)
                    s->bytes += xfer->actual_length;
                s->done++;
            },
            &state, 5000);
        ASSERT_EQ(libusb_submit_transfer(t), 0);
        transfers.push_back(t);
    }
    ASSERT_TRUE(device_->WaitForUrbs(0x81, 8, 2000));
    std::thread producer(
        [&]
        {
            for (int i = 0; i < 8; i++)
                device_->Send(0x81, {MakePayload(60000, i)}, 1 << 24);
        });
    EXPECT_TRUE(RunUntil(state.done, 8));
    producer.join();
    EXPECT_EQ(state.bytes.load(), 8 * 60002);
    for (auto *t : transfers)
        libusb_free_transfer(t);
}

TEST_F(UsbfsDeviceTest, IsochronousOnePayloadPerPacket)
{
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_claim_interface(handle_, 1), 0);
    ASSERT_EQ(libusb_set_interface_alt_setting(handle_, 1, 1), 0);
    EXPECT_EQ(model_.last_alt.load(), 1);
    std::vector<uint8_t> buffer(8 * 1024);
    libusb_transfer *t = libusb_alloc_transfer(8);
    std::atomic<int> done{0};
    libusb_fill_iso_transfer(
        t, handle_, 0x83, buffer.data(), static_cast<int>(buffer.size()), 8,
        [](libusb_transfer *xfer) { ++*static_cast<std::atomic<int> *>(xfer->user_data); }, &done, 2000);
    libusb_set_iso_packet_lengths(t, 1024);
    ASSERT_EQ(libusb_submit_transfer(t), 0);
    ASSERT_TRUE(device_->WaitForUrbs(0x83, 1, 2000));
    // Three payloads, the second too big for a packet.
    ASSERT_EQ(device_->Send(0x83, {MakePayload(500, 1), MakePayload(2000, 2), MakePayload(100, 3)}, 1 << 20),
              UsbfsDevice::SendResult::kQueued);
    ASSERT_TRUE(RunUntil(done, 1));
    EXPECT_EQ(t->status, LIBUSB_TRANSFER_COMPLETED);
    EXPECT_EQ(t->iso_packet_desc[0].actual_length, 502u);
    EXPECT_EQ(t->iso_packet_desc[0].status, LIBUSB_TRANSFER_COMPLETED);
    EXPECT_NE(t->iso_packet_desc[1].status, LIBUSB_TRANSFER_COMPLETED); // overflow
    EXPECT_EQ(t->iso_packet_desc[2].actual_length, 102u);
    EXPECT_EQ(t->iso_packet_desc[3].actual_length, 0u);
    const uint8_t *p2 = libusb_get_iso_packet_buffer_simple(t, 2);
    EXPECT_EQ(p2[1], 3);
    EXPECT_EQ(p2[2], 3);
    libusb_free_transfer(t);
}

TEST_F(UsbfsDeviceTest, StallThenClearHaltRecovers)
{
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_claim_interface(handle_, 0), 0);
    device_->Halt(0x81);
    std::vector<uint8_t> buf(512);
    int got = 0;
    EXPECT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 512, &got, 1000), LIBUSB_ERROR_PIPE);
    EXPECT_TRUE(device_->halted(0x81));
    ASSERT_EQ(libusb_clear_halt(handle_, 0x81), 0);
    EXPECT_FALSE(device_->halted(0x81));
    EXPECT_EQ(model_.cleared.load(), 0x81);
    device_->Send(0x81, {MakePayload(10, 1)}, 1 << 20);
    EXPECT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 512, &got, 1000), 0);
    EXPECT_EQ(got, 12);
}

TEST_F(UsbfsDeviceTest, InjectedTransferErrors)
{
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_claim_interface(handle_, 0), 0);
    device_->FailUrbs(0x81, 1, -EPROTO);
    device_->Send(0x81, {MakePayload(10, 1), MakePayload(10, 2)}, 1 << 20);
    std::vector<uint8_t> buf(512);
    int got = 0;
    EXPECT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 512, &got, 1000), LIBUSB_ERROR_IO);
    ASSERT_EQ(libusb_bulk_transfer(handle_, 0x81, buf.data(), 512, &got, 1000), 0);
    EXPECT_EQ(buf[1], 2); // the failed transfer ate the first payload
}

TEST_F(UsbfsDeviceTest, UnplugEndsTransfersAndReplugWorks)
{
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_claim_interface(handle_, 0), 0);
    std::atomic<int> done{0};
    std::atomic<int> no_device{0};
    struct Ctx
    {
        std::atomic<int> *done;
        std::atomic<int> *no_device;
    } c{&done, &no_device};
    std::vector<std::vector<uint8_t>> buffers(4, std::vector<uint8_t>(4096));
    std::vector<libusb_transfer *> transfers;
    for (int i = 0; i < 4; i++)
    {
        libusb_transfer *t = libusb_alloc_transfer(0);
        libusb_fill_bulk_transfer(
            t, handle_, 0x81, buffers[i].data(), 4096,
            [](libusb_transfer *xfer)
            {
                auto *ctx = static_cast<Ctx *>(xfer->user_data);
                if (xfer->status == LIBUSB_TRANSFER_NO_DEVICE)
                    ++*ctx->no_device;
                ++*ctx->done;
            },
            &c, 0);
        ASSERT_EQ(libusb_submit_transfer(t), 0);
        transfers.push_back(t);
    }
    ASSERT_TRUE(device_->WaitForUrbs(0x81, 4, 2000));
    device_->Unplug();
    ASSERT_TRUE(RunUntil(done, 4));
    EXPECT_EQ(no_device.load(), 4);
    EXPECT_EQ(libusb_submit_transfer(transfers[0]), LIBUSB_ERROR_NO_DEVICE);
    for (auto *t : transfers)
        libusb_free_transfer(t);
    unsigned char buf[8];
    EXPECT_EQ(libusb_control_transfer(handle_, 0xc0, 1, 0, 0, buf, 8, 1000), LIBUSB_ERROR_NO_DEVICE);
    // The dead handle does not make libusb spin: its poll sleeps.
    rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    timeval tv = {0, 300000};
    libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
    getrusage(RUSAGE_SELF, &after);
    const double cpu =
        (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
        (after.ru_stime.tv_sec - before.ru_stime.tv_sec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    EXPECT_LT(cpu, 0.15);
    libusb_close(handle_);
    handle_ = nullptr;

    std::string error;
    ASSERT_TRUE(device_->Plug(&error)) << error;
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_control_transfer(handle_, 0xc0, 1, 0, 0, buf, 8, 1000), 4);
    EXPECT_EQ(libusb_get_device_address(libusb_get_device(handle_)), device_->device_number());
}

TEST_F(UsbfsDeviceTest, IdleStreamDoesNotSpin)
{
    ASSERT_NE(Open(), nullptr);
    ASSERT_EQ(libusb_claim_interface(handle_, 0), 0);
    std::vector<uint8_t> buf(512);
    libusb_transfer *t = libusb_alloc_transfer(0);
    std::atomic<int> done{0};
    libusb_fill_bulk_transfer(
        t, handle_, 0x81, buf.data(), 512,
        [](libusb_transfer *xfer) { ++*static_cast<std::atomic<int> *>(xfer->user_data); }, &done, 0);
    ASSERT_EQ(libusb_submit_transfer(t), 0);
    rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(400))
    {
        timeval tv = {0, 100000};
        libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
    }
    getrusage(RUSAGE_SELF, &after);
    const double cpu =
        (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
        (after.ru_stime.tv_sec - before.ru_stime.tv_sec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    EXPECT_LT(cpu, 0.15) << "libusb busy-spins on the device node";
    EXPECT_EQ(done.load(), 0);
    ASSERT_EQ(libusb_cancel_transfer(t), 0);
    ASSERT_TRUE(RunUntil(done, 1));
    EXPECT_EQ(t->status, LIBUSB_TRANSFER_CANCELLED);
    libusb_free_transfer(t);
}

} // namespace
} // namespace openk4a::emulator
