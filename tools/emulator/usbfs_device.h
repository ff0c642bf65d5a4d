// A USB device on the umockdev test bed, spoken to through the kernel's usbfs
// interface: the REAL libusb enumerates it from the fake sysfs and talks to it
// with usbfs ioctls, which this class answers (SUBMITURB, REAPURBNDELAY,
// DISCARDURB, CLAIM/RELEASE, SETINTERFACE, CLEAR_HALT, RESET, ...).
//
// The device node is a FIFO that is writable (POLLOUT, what libusb waits for)
// only while a completed URB waits to be reaped, so libusb sleeps in poll()
// instead of spinning on an always-ready regular file.
//
// What the device says and streams comes from a UsbDeviceModel; the model
// hands IN data to Send() as payloads, which fill the URBs the host queued:
// bulk/interrupt URBs take one payload each (a short transfer ends the URB),
// isochronous URBs take one payload per packet.
//
// Fidelity: usbfs level only. Bus timing, data toggles and babble are not
// modelled; a bulk URB smaller than the payload gets the rest in the next URB.
#ifndef OPENK4A_TOOLS_EMULATOR_USBFS_DEVICE_H_
#define OPENK4A_TOOLS_EMULATOR_USBFS_DEVICE_H_

#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tools/emulator/umockdev_env.h"

typedef struct _UMockdevIoctlBase UMockdevIoctlBase;
typedef struct _UMockdevIoctlClient UMockdevIoctlClient;

namespace openk4a::emulator
{

struct SetupPacket
{
    uint8_t bmRequestType = 0;
    uint8_t bRequest = 0;
    uint16_t wValue = 0;
    uint16_t wIndex = 0;
    uint16_t wLength = 0;
};

// One unit of IN data: `header` followed by `length` bytes of `body` from
// `offset`. Bodies are shared so a frame is not copied per payload.
struct Payload
{
    std::vector<uint8_t> header;
    std::shared_ptr<const std::vector<uint8_t>> body;
    size_t offset = 0;
    size_t length = 0;
    size_t size() const
    {
        return header.size() + length;
    }
};

// What the device answers. Called with no transport lock held, from the
// umockdev worker thread (ioctls) or a test thread.
class UsbDeviceModel
{
public:
    virtual ~UsbDeviceModel() = default;
    // A control request the transport does not answer itself (it answers
    // GET_DESCRIPTOR for device/configuration, SET/CLEAR_FEATURE(HALT),
    // GET_STATUS). Returns the number of IN bytes written to `in` (at most
    // wLength), 0 for OUT, or a negative errno (-EPIPE stalls the request).
    virtual int Control(const SetupPacket &setup, const uint8_t *out_data, size_t out_length,
                        std::vector<uint8_t> *in) = 0;
    // SET_INTERFACE; 0 or a negative errno.
    virtual int SetInterface(uint8_t interface_number, uint8_t alt_setting) = 0;
    // A bulk OUT transfer's data (the whole URB). 0 takes it, a negative errno
    // fails the URB (-EPIPE: a STALL). IN replies go out with Send().
    virtual int BulkOut(uint8_t endpoint, const uint8_t *data, size_t length)
    {
        return -EPIPE;
    }
    virtual void OnClearHalt(uint8_t endpoint) {}
    virtual void OnReset() {}
    // The last host handle closed (or the device was unplugged): stop streaming.
    virtual void OnAllClientsGone() {}
};

// Transport statistics, for tests.
struct UsbfsCounters
{
    uint64_t urbs_submitted = 0;
    uint64_t urbs_completed = 0;
    uint64_t urbs_discarded = 0;
    uint64_t control_requests = 0;
    uint64_t bytes_in = 0;
    uint64_t payloads_overflowed = 0;
};

class UsbfsDevice
{
public:
    struct Options
    {
        std::vector<uint8_t> device_descriptor; // 18 bytes
        std::vector<uint8_t> config_descriptor; // wTotalLength bytes
        int speed_mbps = 5000;                  // sysfs "speed": 480 high, 5000 super
        std::string product_name;               // for the fake sysfs only
        // Behind a hub: the hub's sysfs name (e.g. "1-4") and the hub port this
        // device is plugged into, giving it the sysfs name "1-4.<port>" and the
        // port path libusb reports (4, <port>). Empty: a port of the root hub.
        std::string parent_name;
        int parent_port = 0;
    };

    // The model must outlive the device (Unplug() or destruction first).
    static std::unique_ptr<UsbfsDevice> Create(Options options, UsbDeviceModel *model, std::string *error);
    ~UsbfsDevice();
    UsbfsDevice(const UsbfsDevice &) = delete;
    UsbfsDevice &operator=(const UsbfsDevice &) = delete;

    // Connects the device (sysfs entry, FIFO node, ioctl handler, "add" uevent).
    // A re-plug gets a new device number, as on a real bus.
    bool Plug(std::string *error);
    // Disconnects: every queued URB completes with -ENODEV, later ioctls fail
    // with ENODEV, the node and sysfs entry go, a "remove" uevent is sent.
    void Unplug();
    bool plugged() const
    {
        return plugged_.load();
    }
    int bus_number() const
    {
        return 1;
    }
    int device_number() const
    {
        return devnum_.load();
    }

    // ---- IN data (any thread) ----
    enum class SendResult
    {
        kQueued,
        kNoRoom,
        kHalted,
        kGone
    };
    // Queues payloads on an IN endpoint, all or none. kNoRoom when the
    // endpoint already holds more than `backlog_limit` bytes the host has not
    // taken (the device's FIFO overflows: a real device drops the data).
    SendResult Send(uint8_t endpoint, std::vector<Payload> payloads, size_t backlog_limit);
    // Bytes queued on `endpoint` that no URB has taken yet.
    size_t Backlog(uint8_t endpoint);
    // URBs the host has queued on `endpoint` and not yet received.
    size_t PendingUrbs(uint8_t endpoint);
    // Blocks until the host has at least `count` URBs queued on `endpoint`,
    // the timeout passes or the device is unplugged; true when they are there.
    bool WaitForUrbs(uint8_t endpoint, size_t count, int timeout_ms);
    // Drops everything queued on the endpoint (alt setting 0, stop).
    void Flush(uint8_t endpoint);

    // ---- faults ----
    // The endpoint stalls: pending and new URBs complete with -EPIPE until the
    // host clears the halt.
    void Halt(uint8_t endpoint);
    bool halted(uint8_t endpoint);
    // The next `count` CLEAR_HALT requests on `endpoint` fail (EPROTO) and
    // leave it halted; -1: every one.
    void FailClearHalts(uint8_t endpoint, int count);
    // The next `count` URB submissions on `endpoint` are refused (EIO); -1: all.
    void RefuseSubmits(uint8_t endpoint, int count);
    // The next `count` URBs completed on `endpoint` end with `status` (a
    // negative errno such as -EPROTO or -EILSEQ) and no data.
    void FailUrbs(uint8_t endpoint, int count, int status);

    UsbfsCounters counters();
    const std::string &sys_path() const
    {
        return sys_path_;
    }
    // The sysfs name ("1-4", "1-4.2"): what a child's Options::parent_name takes.
    std::string sysfs_name() const;
    const std::string &dev_node() const
    {
        return dev_node_;
    }

private:
    struct Urb;
    struct Client;
    struct Endpoint;

    UsbfsDevice(Options options, UsbDeviceModel *model, std::shared_ptr<Testbed> testbed, int port);
    static int HandleIoctlThunk(UMockdevIoctlBase *base, UMockdevIoctlClient *client, void *self);
    static void ClientVanishedThunk(UMockdevIoctlBase *base, UMockdevIoctlClient *client, void *self);
    static void ClientConnectedThunk(UMockdevIoctlBase *base, UMockdevIoctlClient *client, void *self);
    void ClientConnected(UMockdevIoctlClient *client);
    int HandleIoctl(UMockdevIoctlClient *client);
    void ClientVanished(UMockdevIoctlClient *client);
    int Claim(UMockdevIoctlClient *client, unsigned int interface, bool claim);
    void ForgetClaimsLocked(const Client *owner);

    int Submit(UMockdevIoctlClient *client);
    int Reap(UMockdevIoctlClient *client);
    int Discard(UMockdevIoctlClient *client);
    int ControlRequest(const SetupPacket &setup, const uint8_t *out, size_t out_length, std::vector<uint8_t> *in);
    void CompleteLocked(Urb *urb, int status);
    void PumpLocked(Endpoint *endpoint);
    void FailAllLocked(int status);
    void ResetEndpointLocked(Endpoint *endpoint);
    void UpdateFifoLocked();
    Endpoint *EndpointLocked(uint8_t address);
    Client *ClientLocked(UMockdevIoctlClient *client);

    Options options_;
    UsbDeviceModel *model_;
    std::shared_ptr<Testbed> testbed_;
    int port_;
    std::atomic<int> devnum_{0};
    std::atomic<bool> plugged_{false};
    std::string sys_path_;
    std::string dev_node_; // /dev/bus/usb/001/NNN
    // One per plug: the node, its FIFO and its ioctl handler. Handles opened
    // before an unplug stay connected to theirs (and get ENODEV) until they
    // close, so all live until the device is destroyed.
    struct Node
    {
        std::string path; // /dev/bus/usb/001/NNN
        int devnum = 0;   // released to the test bed when the device goes
        UMockdevIoctlBase *handler = nullptr;
        unsigned long signals[3] = {0, 0, 0};
        int fifo_fd = -1;
        bool signalled = false;
    };
    std::vector<std::unique_ptr<Node>> nodes_;

    std::mutex plug_mutex_; // Plug/Unplug may come from a test and a fault thread at once
    std::mutex mutex_;
    std::condition_variable urb_queued_;
    bool gone_ = false; // unplugged: ioctls fail with ENODEV
    std::map<UMockdevIoctlClient *, std::unique_ptr<Client>> clients_;
    std::map<unsigned int, const Client *> claims_; // interface -> the client holding it
    std::map<uint8_t, std::unique_ptr<Endpoint>> endpoints_;
    UsbfsCounters counters_;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_USBFS_DEVICE_H_
