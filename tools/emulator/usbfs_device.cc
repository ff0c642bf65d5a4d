#include "tools/emulator/usbfs_device.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/usb/ch9.h>
#include <linux/usbdevice_fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <umockdev.h>

#include <algorithm>
#include <chrono>
#include <utility>

namespace openk4a::emulator
{
namespace
{

constexpr uint32_t kCapabilities = USBDEVFS_CAP_ZERO_PACKET | USBDEVFS_CAP_BULK_CONTINUATION |
                                   USBDEVFS_CAP_NO_PACKET_SIZE_LIM | USBDEVFS_CAP_BULK_SCATTER_GATHER |
                                   USBDEVFS_CAP_REAP_AFTER_DISCONNECT;

// Copies bytes [from, from + length) of payload (header then body) to dest.
void CopyPayloadBytes(const Payload &payload, size_t from, size_t length, uint8_t *dest)
{
    const size_t header = payload.header.size();
    if (from < header)
    {
        const size_t n = std::min(length, header - from);
        memcpy(dest, payload.header.data() + from, n);
        dest += n;
        length -= n;
        from = header;
    }
    if (length > 0)
        memcpy(dest, payload.body->data() + payload.offset + (from - header), length);
}

std::string Hex(const std::vector<uint8_t> &bytes)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (uint8_t b : bytes)
    {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 15]);
    }
    return out;
}

// Interface number -> alt setting -> endpoint addresses, from the
// standard descriptors (class-specific ones are skipped).
using EndpointMap = std::map<int, std::map<int, std::vector<uint8_t>>>;
EndpointMap MapEndpoints(const std::vector<uint8_t> &config)
{
    EndpointMap map;
    int interface = -1, alt = 0;
    for (size_t i = 0; i + 2 <= config.size() && config[i] >= 2; i += config[i])
    {
        const uint8_t length = config[i], type = config[i + 1];
        if (i + length > config.size())
            break;
        if (type == USB_DT_INTERFACE && length >= 9)
        {
            interface = config[i + 2];
            alt = config[i + 3];
            map[interface][alt];
        }
        else if (type == USB_DT_ENDPOINT && length >= 7 && interface >= 0)
        {
            map[interface][alt].push_back(config[i + 2]);
        }
    }
    return map;
}

} // namespace

struct UsbfsDevice::Urb
{
    Client *client = nullptr;
    unsigned long address = 0; // of the client's struct usbdevfs_urb
    uint8_t type = 0;
    uint8_t endpoint = 0;
    int buffer_length = 0;
    int packets = 0;
    bool done = false;
    int status = 0;
    int actual_out = 0; // control OUT data stage / bulk OUT length
    // Bulk/interrupt: payload bytes at buffer offsets. Iso: one per packet.
    struct Piece
    {
        Payload payload;
        size_t from = 0;
        size_t length = 0;
    };
    std::vector<Piece> pieces;
    std::vector<uint8_t> control_in; // control IN data stage
};

struct UsbfsDevice::Client
{
    Node *node = nullptr; // the node it opened
    bool gone = false;    // its device was unplugged: everything fails ENODEV
    std::map<unsigned long, std::unique_ptr<Urb>> urbs;
    std::deque<Urb *> completed;
};

struct UsbfsDevice::Endpoint
{
    uint8_t address = 0;
    std::deque<Urb *> urbs;
    std::deque<Payload> payloads;
    size_t consumed = 0; // bytes of payloads.front() already delivered
    size_t backlog = 0;  // bytes in payloads not yet delivered
    bool halted = false;
    int clear_halt_failures = 0; // CLEAR_HALT requests still to refuse (-1: all)
    int submit_failures = 0;     // URB submissions still to refuse (-1: all)
    int fail_count = 0;
    int fail_status = 0;
};

std::unique_ptr<UsbfsDevice> UsbfsDevice::Create(Options options, UsbDeviceModel *model, std::string *error)
{
    if (options.device_descriptor.size() != USB_DT_DEVICE_SIZE || options.device_descriptor[1] != USB_DT_DEVICE)
    {
        *error = "device descriptor must be 18 bytes of type 1";
        return nullptr;
    }
    const auto &config = options.config_descriptor;
    if (config.size() < USB_DT_CONFIG_SIZE || config[1] != USB_DT_CONFIG ||
        static_cast<size_t>(config[2] | config[3] << 8) != config.size())
    {
        *error = "configuration descriptor is not a configuration of wTotalLength bytes";
        return nullptr;
    }
    std::shared_ptr<Testbed> testbed = Testbed::Acquire(error);
    if (!testbed)
        return nullptr;
    // A device behind an emulated hub takes the hub's port, not one of the bus.
    const int port = options.parent_name.empty() ? testbed->NextPort() : 0;
    if (port < 0)
    {
        *error = "no free port on the emulated bus";
        return nullptr;
    }
    return std::unique_ptr<UsbfsDevice>(new UsbfsDevice(std::move(options), model, std::move(testbed), port));
}

UsbfsDevice::UsbfsDevice(Options options, UsbDeviceModel *model, std::shared_ptr<Testbed> testbed, int port) :
    options_(std::move(options)), model_(model), testbed_(std::move(testbed)), port_(port)
{
}

UsbfsDevice::~UsbfsDevice()
{
    Unplug();
    UMockdevTestbed *tb = testbed_->get();
    for (auto &node : nodes_)
    {
        for (unsigned long signal : node->signals)
            g_signal_handler_disconnect(node->handler, signal);
        umockdev_testbed_detach_ioctl(tb, node->path.c_str(), nullptr);
        g_object_unref(node->handler);
        if (node->fifo_fd >= 0)
            close(node->fifo_fd);
        testbed_->ReleaseDeviceNumber(node->devnum);
    }
    if (options_.parent_name.empty())
        testbed_->ReleasePort(port_);
}

std::string UsbfsDevice::sysfs_name() const
{
    return options_.parent_name.empty() ? "1-" + std::to_string(port_) :
                                          options_.parent_name + "." + std::to_string(options_.parent_port);
}

bool UsbfsDevice::Plug(std::string *error)
{
    std::lock_guard<std::mutex> plug_lock(plug_mutex_);
    if (plugged_.load())
        return true;
    const int devnum = testbed_->NextDeviceNumber();
    if (devnum < 0)
    {
        *error = "the emulated bus ran out of device numbers";
        return false;
    }
    char path[64];
    snprintf(path, sizeof path, "/dev/bus/usb/001/%03d", devnum);
    const std::string name_text = sysfs_name();
    const char *name = name_text.c_str();
    // sysfs nests a device under its hub: .../usb1/1-4/1-4.2
    const std::string parent_dir = options_.parent_name.empty() ? "" : options_.parent_name + "/";
    UMockdevTestbed *tb = testbed_->get();

    // The ioctl handler must be attached before the node exists.
    auto node = std::make_unique<Node>();
    node->path = path;
    node->devnum = devnum;
    node->handler = umockdev_ioctl_base_new();
    GError *gerror = nullptr;
    if (!umockdev_testbed_attach_ioctl(tb, path, node->handler, &gerror))
    {
        *error = std::string("umockdev_testbed_attach_ioctl: ") + gerror->message;
        g_error_free(gerror);
        g_object_unref(node->handler);
        testbed_->ReleaseDeviceNumber(devnum);
        return false;
    }
    node->signals[0] =
        g_signal_connect(node->handler, "handle-ioctl", G_CALLBACK(&UsbfsDevice::HandleIoctlThunk), this);
    node->signals[1] =
        g_signal_connect(node->handler, "client-vanished", G_CALLBACK(&UsbfsDevice::ClientVanishedThunk), this);
    // A new connection may reuse the address of one whose "vanished" has not
    // been handled yet: it starts with a fresh record, never the old state.
    node->signals[2] =
        g_signal_connect(node->handler, "client-connected", G_CALLBACK(&UsbfsDevice::ClientConnectedThunk), this);
    // From here on the node is ours to clean up, whatever happens.
    Node *raw = node.get();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        nodes_.push_back(std::move(node));
    }

    const auto &dd = options_.device_descriptor;
    const unsigned vid = dd[8] | dd[9] << 8, pid = dd[10] | dd[11] << 8, bcd = dd[12] | dd[13] << 8;
    std::vector<uint8_t> descriptors = dd;
    descriptors.insert(descriptors.end(), options_.config_descriptor.begin(), options_.config_descriptor.end());
    char text[1024];
    snprintf(text, sizeof text,
             "P: /devices/pci0000:00/0000:00:14.0/usb1/%s%s\n"
             "N: bus/usb/001/%03d\n"
             "E: DEVNAME=%s\n"
             "E: DEVTYPE=usb_device\n"
             "E: DRIVER=usb\n"
             "E: SUBSYSTEM=usb\n"
             "E: PRODUCT=%x/%x/%x\n"
             "E: BUSNUM=001\n"
             "E: DEVNUM=%03d\n"
             "E: MAJOR=189\n"
             "E: MINOR=%d\n"
             "A: busnum=1\n"
             "A: devnum=%d\n"
             "A: speed=%d\n"
             "A: bConfigurationValue=%d\n"
             "A: bNumConfigurations=1\n"
             "A: idVendor=%04x\n"
             "A: idProduct=%04x\n"
             "A: product=%s\n"
             "A: dev=189:%d\n",
             parent_dir.c_str(), name, devnum, path, vid, pid, bcd, devnum, devnum - 1, devnum, options_.speed_mbps,
             options_.config_descriptor[5], vid, pid, options_.product_name.c_str(), devnum - 1);
    std::string record = std::string(text) + "H: descriptors=" + Hex(descriptors) + "\n";
    if (!umockdev_testbed_add_from_string(tb, record.c_str(), &gerror))
    {
        *error = std::string("umockdev_testbed_add_from_string: ") + gerror->message;
        g_error_free(gerror);
        return false;
    }
    const std::string sys_path = std::string("/sys/devices/pci0000:00/0000:00:14.0/usb1/") + parent_dir + name;

    // Replace the regular-file node (always "ready" to poll) by a FIFO that is
    // writable only while a completed URB waits: see UpdateFifoLocked().
    const std::string fifo = testbed_->root_dir() + path;
    unlink(fifo.c_str());
    int fd = -1;
    if (mkfifo(fifo.c_str(), 0666) != 0 || (fd = open(fifo.c_str(), O_RDWR | O_NONBLOCK)) < 0 ||
        fcntl(fd, F_SETPIPE_SZ, 4096) < 0 || write(fd, "x", 1) != 1)
    {
        *error = "cannot make the FIFO device node " + fifo + ": " + strerror(errno);
        if (fd >= 0)
            close(fd);
        umockdev_testbed_remove_device(tb, sys_path.c_str());
        return false;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        raw->fifo_fd = fd;
        raw->signalled = false;
        gone_ = false;
        for (auto &entry : endpoints_)
        {
            entry.second->halted = false;
            entry.second->fail_count = 0;
        }
    }
    sys_path_ = sys_path;
    dev_node_ = path;
    devnum_.store(devnum);
    plugged_.store(true);
    umockdev_testbed_uevent(tb, sys_path.c_str(), "add");
    return true;
}

void UsbfsDevice::Unplug()
{
    std::lock_guard<std::mutex> plug_lock(plug_mutex_);
    if (!plugged_.exchange(false))
        return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        gone_ = true;
        for (auto &entry : clients_)
            entry.second->gone = true;
        claims_.clear();
        FailAllLocked(-ENODEV);
        for (auto &entry : endpoints_)
        {
            entry.second->payloads.clear();
            entry.second->backlog = 0;
            entry.second->consumed = 0;
        }
    }
    urb_queued_.notify_all();
    UMockdevTestbed *tb = testbed_->get();
    umockdev_testbed_uevent(tb, sys_path_.c_str(), "remove");
    umockdev_testbed_remove_device(tb, sys_path_.c_str());
    unlink((testbed_->root_dir() + dev_node_).c_str());
    model_->OnAllClientsGone();
}

// ---------------------------------------------------------------- ioctls --

int UsbfsDevice::HandleIoctlThunk(UMockdevIoctlBase *, UMockdevIoctlClient *client, void *self)
{
    return static_cast<UsbfsDevice *>(self)->HandleIoctl(client);
}

void UsbfsDevice::ClientVanishedThunk(UMockdevIoctlBase *, UMockdevIoctlClient *client, void *self)
{
    static_cast<UsbfsDevice *>(self)->ClientVanished(client);
}

void UsbfsDevice::ClientConnectedThunk(UMockdevIoctlBase *, UMockdevIoctlClient *client, void *self)
{
    static_cast<UsbfsDevice *>(self)->ClientConnected(client);
}

void UsbfsDevice::ClientConnected(UMockdevIoctlClient *client)
{
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = clients_.find(client);
    if (it != clients_.end())
    {
        // Left over from a closed connection at the same address.
        for (auto &entry : endpoints_)
        {
            auto &urbs = entry.second->urbs;
            urbs.erase(
                std::remove_if(urbs.begin(), urbs.end(), [&](Urb *urb) { return urb->client == it->second.get(); }),
                urbs.end());
        }
        ForgetClaimsLocked(it->second.get());
        clients_.erase(it);
    }
    ClientLocked(client);
    UpdateFifoLocked();
}

void UsbfsDevice::ClientVanished(UMockdevIoctlClient *client)
{
    bool last = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = clients_.find(client);
        if (it == clients_.end())
            return;
        for (auto &entry : endpoints_)
        {
            auto &urbs = entry.second->urbs;
            urbs.erase(
                std::remove_if(urbs.begin(), urbs.end(), [&](Urb *urb) { return urb->client == it->second.get(); }),
                urbs.end());
        }
        ForgetClaimsLocked(it->second.get());
        clients_.erase(it);
        last = clients_.empty();
        UpdateFifoLocked();
    }
    if (last)
        model_->OnAllClientsGone();
}

UsbfsDevice::Client *UsbfsDevice::ClientLocked(UMockdevIoctlClient *client)
{
    auto &slot = clients_[client];
    if (!slot)
    {
        slot = std::make_unique<Client>();
        slot->gone = gone_;
        const char *path = umockdev_ioctl_client_get_devnode(client);
        for (auto &node : nodes_)
        {
            if (path != nullptr && node->path == path)
                slot->node = node.get();
        }
        // A client of an old node (opened before a re-plug) talks to a device
        // that is gone for it.
        if (slot->node != nodes_.back().get())
            slot->gone = true;
    }
    return slot.get();
}

UsbfsDevice::Endpoint *UsbfsDevice::EndpointLocked(uint8_t address)
{
    auto &slot = endpoints_[address];
    if (!slot)
    {
        slot = std::make_unique<Endpoint>();
        slot->address = address;
    }
    return slot.get();
}

namespace
{

// Resolves the ioctl argument as a pointer to `size` bytes; caller unrefs.
UMockdevIoctlData *ResolveArg(UMockdevIoctlClient *client, size_t size)
{
    return umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(client), 0, size, nullptr);
}

template <typename T>
bool ReadArg(UMockdevIoctlClient *client, T *value)
{
    UMockdevIoctlData *data = ResolveArg(client, sizeof(T));
    if (data == nullptr)
        return false;
    memcpy(value, data->data, sizeof(T));
    g_object_unref(data);
    return true;
}

} // namespace

// As the kernel: an interface claimed through one open file is busy for every
// other (another handle, another process) until released or closed.
int UsbfsDevice::Claim(UMockdevIoctlClient *client, unsigned int interface, bool claim)
{
    std::lock_guard<std::mutex> lock(mutex_);
    Client *owner = ClientLocked(client);
    auto it = claims_.find(interface);
    if (!claim)
    {
        if (it != claims_.end() && it->second == owner)
            claims_.erase(it);
        return 0;
    }
    if (it != claims_.end() && it->second != owner)
        return EBUSY;
    claims_[interface] = owner;
    return 0;
}

void UsbfsDevice::ForgetClaimsLocked(const Client *owner)
{
    for (auto it = claims_.begin(); it != claims_.end();)
    {
        it = it->second == owner ? claims_.erase(it) : std::next(it);
    }
}

int UsbfsDevice::HandleIoctl(UMockdevIoctlClient *client)
{
    const unsigned long request = umockdev_ioctl_client_get_request(client);
    long result = 0;
    int error = 0;
    bool gone;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        gone = ClientLocked(client)->gone;
    }
    switch (request)
    {
    case USBDEVFS_SUBMITURB:
        error = Submit(client);
        break;
    case USBDEVFS_REAPURBNDELAY:
    case USBDEVFS_REAPURB: // never blocks here: libusb only reaps after POLLOUT
        error = Reap(client);
        break;
    case USBDEVFS_DISCARDURB:
        error = Discard(client);
        break;
    case USBDEVFS_GET_CAPABILITIES:
    {
        UMockdevIoctlData *data = ResolveArg(client, sizeof(uint32_t));
        if (data == nullptr)
        {
            error = EFAULT;
            break;
        }
        uint32_t caps = kCapabilities;
        umockdev_ioctl_data_update(data, 0, reinterpret_cast<guint8 *>(&caps), sizeof caps);
        g_object_unref(data);
        break;
    }
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_DISCONNECT_CLAIM:
    {
        unsigned int interface = 0;
        if (!ReadArg(client, &interface))
        {
            error = EFAULT;
        }
        else if (gone)
        {
            error = ENODEV;
        }
        else if (MapEndpoints(options_.config_descriptor).count(interface) == 0)
        {
            error = EINVAL;
        }
        else
        {
            error = Claim(client, interface, request != USBDEVFS_RELEASEINTERFACE);
        }
        break;
    }
    case USBDEVFS_SETINTERFACE:
    {
        struct usbdevfs_setinterface setting;
        if (!ReadArg(client, &setting))
        {
            error = EFAULT;
            break;
        }
        if (gone)
        {
            error = ENODEV;
            break;
        }
        const EndpointMap map = MapEndpoints(options_.config_descriptor);
        auto interface = map.find(setting.interface);
        if (interface == map.end() || interface->second.count(setting.altsetting) == 0)
        {
            error = EINVAL;
            break;
        }
        {
            // As the kernel does: the interface's endpoints are flushed first.
            std::lock_guard<std::mutex> lock(mutex_);
            for (const auto &alt : interface->second)
            {
                for (uint8_t address : alt.second)
                    ResetEndpointLocked(EndpointLocked(address));
            }
        }
        error = -model_->SetInterface(setting.interface, setting.altsetting);
        break;
    }
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
    {
        unsigned int address = 0;
        if (!ReadArg(client, &address))
        {
            error = EFAULT;
            break;
        }
        if (gone)
        {
            error = ENODEV;
            break;
        }
        if (request == USBDEVFS_CLEAR_HALT)
        {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                Endpoint *endpoint = EndpointLocked(address & 0xff);
                if (endpoint->clear_halt_failures != 0)
                {
                    // A device that does not answer the request: the halt stays.
                    if (endpoint->clear_halt_failures > 0)
                        endpoint->clear_halt_failures--;
                    error = EPROTO;
                    break;
                }
                endpoint->halted = false;
            }
            model_->OnClearHalt(address & 0xff);
        }
        break;
    }
    case USBDEVFS_SETCONFIGURATION:
    {
        unsigned int value = 0;
        if (!ReadArg(client, &value))
            error = EFAULT;
        else if (gone)
            error = ENODEV;
        else if (value != options_.config_descriptor[5])
            error = EINVAL;
        break;
    }
    case USBDEVFS_RESET:
        if (gone)
        {
            error = ENODEV;
        }
        else
        {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                for (auto &entry : endpoints_)
                    ResetEndpointLocked(entry.second.get());
            }
            model_->OnReset();
        }
        break;
    case USBDEVFS_CONNECTINFO:
    {
        UMockdevIoctlData *data = ResolveArg(client, sizeof(struct usbdevfs_connectinfo));
        if (data == nullptr)
        {
            error = EFAULT;
            break;
        }
        struct usbdevfs_connectinfo info;
        memset(&info, 0, sizeof info);
        info.devnum = devnum_.load();
        umockdev_ioctl_data_update(data, 0, reinterpret_cast<guint8 *>(&info), sizeof info);
        g_object_unref(data);
        break;
    }
    case USBDEVFS_GET_SPEED:
        result = options_.speed_mbps >= 5000 ? USB_SPEED_SUPER : USB_SPEED_HIGH;
        break;
    case USBDEVFS_GETDRIVER:
    case USBDEVFS_IOCTL: // kernel driver detach/attach: no kernel driver here
        error = gone ? ENODEV : ENODATA;
        break;
    default:
        error = ENOTTY;
        break;
    }
    umockdev_ioctl_client_complete(client, error != 0 ? -1 : result, error);
    return TRUE;
}

int UsbfsDevice::Submit(UMockdevIoctlClient *ioctl_client)
{
    UMockdevIoctlData *data = ResolveArg(ioctl_client, sizeof(struct usbdevfs_urb));
    if (data == nullptr)
        return EFAULT;
    struct usbdevfs_urb header;
    memcpy(&header, data->data, sizeof header);
    auto urb = std::make_unique<Urb>();
    urb->address = data->client_addr;
    urb->type = header.type;
    urb->endpoint = header.endpoint;
    urb->buffer_length = header.buffer_length;
    urb->packets = header.type == USBDEVFS_URB_TYPE_ISO ? header.number_of_packets : 0;

    if (header.buffer_length < 0 ||
        (header.type == USBDEVFS_URB_TYPE_ISO && (header.number_of_packets <= 0 || header.number_of_packets > 128)))
    {
        g_object_unref(data);
        return EINVAL;
    }
    std::vector<uint8_t> control, out_data;
    const bool bulk_out = (header.type == USBDEVFS_URB_TYPE_BULK || header.type == USBDEVFS_URB_TYPE_INTERRUPT) &&
                          (header.endpoint & USB_DIR_IN) == 0;
    if (bulk_out && header.buffer_length > 0)
    {
        UMockdevIoctlData *buffer =
            umockdev_ioctl_data_resolve(data, offsetof(struct usbdevfs_urb, buffer), header.buffer_length, nullptr);
        if (buffer == nullptr)
        {
            g_object_unref(data);
            return EFAULT;
        }
        out_data.assign(buffer->data, buffer->data + header.buffer_length);
        g_object_unref(buffer);
    }
    if (header.type == USBDEVFS_URB_TYPE_CONTROL)
    {
        if (header.buffer_length < 8)
        {
            g_object_unref(data);
            return EINVAL;
        }
        UMockdevIoctlData *buffer =
            umockdev_ioctl_data_resolve(data, offsetof(struct usbdevfs_urb, buffer), header.buffer_length, nullptr);
        if (buffer == nullptr)
        {
            g_object_unref(data);
            return EFAULT;
        }
        control.assign(buffer->data, buffer->data + header.buffer_length);
        g_object_unref(buffer);
    }
    g_object_unref(data);

    Urb *raw = urb.get();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Client *client = ClientLocked(ioctl_client);
        if (client->gone)
            return ENODEV;
        if (client->urbs.count(raw->address) != 0)
            return EBUSY;
        if (raw->type != USBDEVFS_URB_TYPE_CONTROL)
        {
            Endpoint *endpoint = EndpointLocked(raw->endpoint);
            if (endpoint->submit_failures != 0)
            {
                if (endpoint->submit_failures > 0)
                    endpoint->submit_failures--;
                return EIO; // e.g. the host controller is out of resources
            }
        }
        raw->client = client;
        client->urbs[raw->address] = std::move(urb);
        counters_.urbs_submitted++;
        if (raw->type != USBDEVFS_URB_TYPE_CONTROL && !bulk_out)
        {
            Endpoint *endpoint = EndpointLocked(raw->endpoint);
            endpoint->urbs.push_back(raw);
            PumpLocked(endpoint);
        }
    }
    if (bulk_out)
    {
        // OUT data goes to the model at once; its replies come back with Send().
        const int status = model_->BulkOut(raw->endpoint, out_data.data(), out_data.size());
        std::lock_guard<std::mutex> lock(mutex_);
        if (raw->client->gone)
        {
            CompleteLocked(raw, -ENODEV);
        }
        else if (status < 0)
        {
            CompleteLocked(raw, status);
        }
        else
        {
            raw->actual_out = static_cast<int>(out_data.size());
            CompleteLocked(raw, 0);
        }
        return 0;
    }
    if (raw->type != USBDEVFS_URB_TYPE_CONTROL)
    {
        urb_queued_.notify_all();
        return 0;
    }
    // Control URBs are answered at once: the data stage is small.
    SetupPacket setup;
    setup.bmRequestType = control[0];
    setup.bRequest = control[1];
    setup.wValue = static_cast<uint16_t>(control[2] | control[3] << 8);
    setup.wIndex = static_cast<uint16_t>(control[4] | control[5] << 8);
    setup.wLength = static_cast<uint16_t>(control[6] | control[7] << 8);
    std::vector<uint8_t> in;
    const size_t out_length = std::min<size_t>(setup.wLength, control.size() - 8);
    const int status = ControlRequest(setup, control.data() + 8, out_length, &in);
    std::lock_guard<std::mutex> lock(mutex_);
    counters_.control_requests++;
    if (raw->client->gone)
    {
        CompleteLocked(raw, -ENODEV);
    }
    else if (status < 0)
    {
        CompleteLocked(raw, status);
    }
    else
    {
        if ((setup.bmRequestType & USB_DIR_IN) != 0)
        {
            in.resize(std::min<size_t>({in.size(), setup.wLength, control.size() - 8}));
            raw->control_in = std::move(in);
        }
        else
        {
            raw->control_in.clear();
            raw->actual_out = static_cast<int>(out_length);
        }
        CompleteLocked(raw, 0);
    }
    return 0;
}

int UsbfsDevice::ControlRequest(const SetupPacket &setup, const uint8_t *out, size_t out_length,
                                std::vector<uint8_t> *in)
{
    const uint8_t type = setup.bmRequestType & USB_TYPE_MASK;
    const uint8_t recipient = setup.bmRequestType & USB_RECIP_MASK;
    if (type == USB_TYPE_STANDARD)
    {
        switch (setup.bRequest)
        {
        case USB_REQ_GET_DESCRIPTOR:
            if ((setup.wValue >> 8) == USB_DT_DEVICE)
            {
                *in = options_.device_descriptor;
                return static_cast<int>(in->size());
            }
            if ((setup.wValue >> 8) == USB_DT_CONFIG && (setup.wValue & 0xff) == 0)
            {
                *in = options_.config_descriptor;
                return static_cast<int>(in->size());
            }
            break; // strings and others: the model
        case USB_REQ_GET_STATUS:
            in->assign(2, 0);
            if (recipient == USB_RECIP_ENDPOINT)
            {
                std::lock_guard<std::mutex> lock(mutex_);
                (*in)[0] = EndpointLocked(setup.wIndex & 0xff)->halted ? 1 : 0;
            }
            return 2;
        case USB_REQ_GET_CONFIGURATION:
            in->assign(1, options_.config_descriptor[5]);
            return 1;
        case USB_REQ_CLEAR_FEATURE:
        case USB_REQ_SET_FEATURE:
            if (recipient == USB_RECIP_ENDPOINT && setup.wValue == USB_ENDPOINT_HALT)
            {
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    EndpointLocked(setup.wIndex & 0xff)->halted = setup.bRequest == USB_REQ_SET_FEATURE;
                }
                if (setup.bRequest == USB_REQ_CLEAR_FEATURE)
                    model_->OnClearHalt(setup.wIndex & 0xff);
                return 0;
            }
            break;
        default:
            break;
        }
    }
    return model_->Control(setup, out, out_length, in);
}

int UsbfsDevice::Reap(UMockdevIoctlClient *ioctl_client)
{
    std::unique_ptr<Urb> urb;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Client *client = ClientLocked(ioctl_client);
        if (client->completed.empty())
            return client->gone ? ENODEV : EAGAIN;
        Urb *raw = client->completed.front();
        client->completed.pop_front();
        auto it = client->urbs.find(raw->address);
        urb = std::move(it->second);
        client->urbs.erase(it);
        UpdateFifoLocked();
    }
    // The argument points at the client's `struct usbdevfs_urb *` variable:
    // aim it at the URB, then write status, lengths and data through it.
    UMockdevIoctlData *target = ResolveArg(ioctl_client, sizeof(void *));
    if (target == nullptr)
        return EFAULT;
    unsigned long address = urb->address;
    memcpy(target->data, &address, sizeof address);
    const size_t urb_size =
        sizeof(struct usbdevfs_urb) + static_cast<size_t>(urb->packets) * sizeof(struct usbdevfs_iso_packet_desc);
    UMockdevIoctlData *data = umockdev_ioctl_data_resolve(target, 0, urb_size, nullptr);
    if (data == nullptr)
    {
        g_object_unref(target);
        return EFAULT;
    }
    auto *out = reinterpret_cast<struct usbdevfs_urb *>(data->data);
    out->status = urb->status;
    out->error_count = 0;
    size_t needed = 0; // bytes of the buffer to write
    if (urb->type == USBDEVFS_URB_TYPE_CONTROL)
    {
        out->actual_length =
            urb->status == 0 ? static_cast<int>(urb->control_in.empty() ? urb->actual_out : urb->control_in.size()) : 0;
        if (!urb->control_in.empty())
            needed = 8 + urb->control_in.size();
    }
    else if (urb->type == USBDEVFS_URB_TYPE_ISO)
    {
        size_t offset = 0, total = 0;
        for (int i = 0; i < urb->packets; i++)
        {
            auto &desc = out->iso_frame_desc[i];
            desc.actual_length = 0;
            desc.status = 0;
            if (static_cast<size_t>(i) < urb->pieces.size() && urb->status == 0)
            {
                const auto &piece = urb->pieces[i];
                if (piece.length > desc.length || offset + piece.length > static_cast<size_t>(urb->buffer_length))
                {
                    desc.status = static_cast<unsigned>(-EOVERFLOW);
                }
                else
                {
                    desc.actual_length = static_cast<unsigned>(piece.length);
                    total += piece.length;
                    needed = offset + piece.length;
                }
            }
            offset += desc.length;
        }
        out->actual_length = static_cast<int>(total);
    }
    else if ((urb->endpoint & USB_DIR_IN) == 0)
    {
        out->actual_length = urb->status == 0 ? urb->actual_out : 0; // bulk OUT: nothing to copy back
    }
    else
    {
        size_t total = 0;
        for (const auto &piece : urb->pieces)
            total += piece.length;
        out->actual_length = static_cast<int>(total);
        needed = total;
    }
    if (needed > 0)
    {
        UMockdevIoctlData *buffer =
            umockdev_ioctl_data_resolve(data, offsetof(struct usbdevfs_urb, buffer), needed, nullptr);
        if (buffer == nullptr)
        {
            g_object_unref(data);
            g_object_unref(target);
            return EFAULT;
        }
        if (urb->type == USBDEVFS_URB_TYPE_CONTROL)
        {
            memcpy(buffer->data + 8, urb->control_in.data(), urb->control_in.size());
        }
        else if (urb->type == USBDEVFS_URB_TYPE_ISO)
        {
            size_t offset = 0;
            for (int i = 0; i < urb->packets; i++)
            {
                const auto &desc = out->iso_frame_desc[i];
                if (desc.actual_length > 0)
                {
                    const auto &piece = urb->pieces[i];
                    CopyPayloadBytes(piece.payload, piece.from, piece.length, buffer->data + offset);
                }
                offset += desc.length;
            }
        }
        else
        {
            size_t offset = 0;
            for (const auto &piece : urb->pieces)
            {
                CopyPayloadBytes(piece.payload, piece.from, piece.length, buffer->data + offset);
                offset += piece.length;
            }
        }
        g_object_unref(buffer);
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        counters_.bytes_in += urb->type == USBDEVFS_URB_TYPE_CONTROL ? 0 : static_cast<uint64_t>(out->actual_length);
    }
    g_object_unref(data);
    g_object_unref(target);
    return 0;
}

int UsbfsDevice::Discard(UMockdevIoctlClient *ioctl_client)
{
    unsigned long address = 0;
    memcpy(&address, umockdev_ioctl_client_get_arg(ioctl_client)->data, sizeof address);
    std::lock_guard<std::mutex> lock(mutex_);
    Client *client = ClientLocked(ioctl_client);
    auto it = client->urbs.find(address);
    if (it == client->urbs.end() || it->second->done)
        return EINVAL;
    Urb *urb = it->second.get();
    auto ep = endpoints_.find(urb->endpoint);
    if (ep != endpoints_.end())
    {
        auto &urbs = ep->second->urbs;
        urbs.erase(std::remove(urbs.begin(), urbs.end(), urb), urbs.end());
    }
    counters_.urbs_discarded++;
    CompleteLocked(urb, -ENOENT);
    return 0;
}

// ------------------------------------------------------------ data path --

void UsbfsDevice::CompleteLocked(Urb *urb, int status)
{
    urb->done = true;
    urb->status = status;
    if (status != 0)
        urb->pieces.clear();
    urb->client->completed.push_back(urb);
    counters_.urbs_completed++;
    UpdateFifoLocked();
}

// What the kernel does to an endpoint whose interface is reconfigured or
// whose device is reset: its URBs end with -ESHUTDOWN, its data and halt go.
void UsbfsDevice::ResetEndpointLocked(Endpoint *endpoint)
{
    while (!endpoint->urbs.empty())
    {
        Urb *urb = endpoint->urbs.front();
        endpoint->urbs.pop_front();
        CompleteLocked(urb, -ESHUTDOWN);
    }
    endpoint->payloads.clear();
    endpoint->backlog = endpoint->consumed = 0;
    endpoint->halted = false;
}

void UsbfsDevice::FailAllLocked(int status)
{
    for (auto &entry : endpoints_)
    {
        Endpoint *endpoint = entry.second.get();
        while (!endpoint->urbs.empty())
        {
            Urb *urb = endpoint->urbs.front();
            endpoint->urbs.pop_front();
            CompleteLocked(urb, status);
        }
    }
}

void UsbfsDevice::PumpLocked(Endpoint *endpoint)
{
    if (endpoint->halted)
    {
        while (!endpoint->urbs.empty())
        {
            Urb *urb = endpoint->urbs.front();
            endpoint->urbs.pop_front();
            CompleteLocked(urb, -EPIPE);
        }
        return;
    }
    while (!endpoint->urbs.empty() && !endpoint->payloads.empty())
    {
        Urb *urb = endpoint->urbs.front();
        if (endpoint->fail_count > 0)
        {
            // An injected transfer error eats the payload it would have carried.
            endpoint->fail_count--;
            endpoint->urbs.pop_front();
            const size_t rest = endpoint->payloads.front().size() - endpoint->consumed;
            endpoint->backlog -= rest;
            endpoint->payloads.pop_front();
            endpoint->consumed = 0;
            CompleteLocked(urb, endpoint->fail_status);
            continue;
        }
        if (urb->type == USBDEVFS_URB_TYPE_ISO)
        {
            // One payload per packet; the URB goes back as soon as the device has
            // nothing more (the remaining packets are empty, as on the bus).
            while (urb->pieces.size() < static_cast<size_t>(urb->packets) && !endpoint->payloads.empty())
            {
                Payload &payload = endpoint->payloads.front();
                const size_t size = payload.size();
                urb->pieces.push_back({std::move(payload), 0, size});
                endpoint->backlog -= size;
                endpoint->payloads.pop_front();
            }
        }
        else
        {
            // Bulk/interrupt: bytes until the URB is full or the payload ends
            // (a short packet ends the transfer).
            size_t space = static_cast<size_t>(urb->buffer_length);
            for (const auto &piece : urb->pieces)
                space -= piece.length;
            Payload &payload = endpoint->payloads.front();
            const size_t n = std::min(space, payload.size() - endpoint->consumed);
            const bool ends = endpoint->consumed + n == payload.size();
            urb->pieces.push_back({ends ? std::move(payload) : payload, endpoint->consumed, n});
            endpoint->backlog -= n;
            endpoint->consumed += n;
            if (ends)
            {
                endpoint->payloads.pop_front();
                endpoint->consumed = 0;
            }
        }
        endpoint->urbs.pop_front();
        CompleteLocked(urb, 0);
    }
}

void UsbfsDevice::UpdateFifoLocked()
{
    for (auto &node : nodes_)
    {
        bool ready = false;
        for (const auto &entry : clients_)
        {
            ready = ready || (entry.second->node == node.get() && !entry.second->completed.empty());
        }
        if (node->fifo_fd < 0 || ready == node->signalled)
            continue;
        // Empty pipe = writable = POLLOUT for libusb; one byte fills the one-page pipe.
        char byte = 'x';
        const ssize_t n = ready ? read(node->fifo_fd, &byte, 1) : write(node->fifo_fd, &byte, 1);
        if (n == 1)
            node->signalled = ready;
    }
}

UsbfsDevice::SendResult UsbfsDevice::Send(uint8_t address, std::vector<Payload> payloads, size_t backlog_limit)
{
    std::lock_guard<std::mutex> lock(mutex_);
    if (gone_ || !plugged_.load())
        return SendResult::kGone;
    Endpoint *endpoint = EndpointLocked(address);
    if (endpoint->halted)
        return SendResult::kHalted;
    if (endpoint->backlog > backlog_limit)
        return SendResult::kNoRoom;
    for (auto &payload : payloads)
    {
        endpoint->backlog += payload.size();
        endpoint->payloads.push_back(std::move(payload));
    }
    PumpLocked(endpoint);
    return SendResult::kQueued;
}

size_t UsbfsDevice::Backlog(uint8_t address)
{
    std::lock_guard<std::mutex> lock(mutex_);
    return EndpointLocked(address)->backlog;
}

size_t UsbfsDevice::PendingUrbs(uint8_t address)
{
    std::lock_guard<std::mutex> lock(mutex_);
    return EndpointLocked(address)->urbs.size();
}

bool UsbfsDevice::WaitForUrbs(uint8_t address, size_t count, int timeout_ms)
{
    std::unique_lock<std::mutex> lock(mutex_);
    return urb_queued_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                                [&] { return gone_ || EndpointLocked(address)->urbs.size() >= count; }) &&
           !gone_;
}

void UsbfsDevice::Flush(uint8_t address)
{
    std::lock_guard<std::mutex> lock(mutex_);
    Endpoint *endpoint = EndpointLocked(address);
    endpoint->payloads.clear();
    endpoint->backlog = endpoint->consumed = 0;
}

void UsbfsDevice::Halt(uint8_t address)
{
    std::lock_guard<std::mutex> lock(mutex_);
    Endpoint *endpoint = EndpointLocked(address);
    endpoint->halted = true;
    endpoint->payloads.clear();
    endpoint->backlog = endpoint->consumed = 0;
    PumpLocked(endpoint);
}

bool UsbfsDevice::halted(uint8_t address)
{
    std::lock_guard<std::mutex> lock(mutex_);
    return EndpointLocked(address)->halted;
}

void UsbfsDevice::FailClearHalts(uint8_t address, int count)
{
    std::lock_guard<std::mutex> lock(mutex_);
    EndpointLocked(address)->clear_halt_failures = count;
}

void UsbfsDevice::RefuseSubmits(uint8_t address, int count)
{
    std::lock_guard<std::mutex> lock(mutex_);
    EndpointLocked(address)->submit_failures = count;
}

void UsbfsDevice::FailUrbs(uint8_t address, int count, int status)
{
    std::lock_guard<std::mutex> lock(mutex_);
    Endpoint *endpoint = EndpointLocked(address);
    endpoint->fail_count = count;
    endpoint->fail_status = status;
}

UsbfsCounters UsbfsDevice::counters()
{
    std::lock_guard<std::mutex> lock(mutex_);
    return counters_;
}

} // namespace openk4a::emulator
