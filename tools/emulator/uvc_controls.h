// The colour camera's UVC controls on the emulated k4a device: a Camera
// Terminal (auto-exposure mode, absolute exposure time) and a Processing Unit
// (brightness, contrast, saturation, sharpness, white balance and its auto
// mode, backlight compensation, gain, power line frequency), with the ranges
// and defaults an Azure Kinect colour camera (firmware 1.6.110) reports.
//
// Requests follow UVC 1.5 section 4.2: GET_CUR/MIN/MAX/RES/DEF/INFO/LEN and
// SET_CUR with wLength equal to the control's size; anything else, a value
// outside [MIN, MAX] or off the RES grid, or a manual control written while
// its automatic mode is on, STALLs and leaves a code in
// VC_REQUEST_ERROR_CODE_CONTROL. Values persist until the device is re-created.
// Thread-safe: requests arrive on the usbfs handler thread, tests read state.
#ifndef OPENK4A_TOOLS_EMULATOR_UVC_CONTROLS_H_
#define OPENK4A_TOOLS_EMULATOR_UVC_CONTROLS_H_

#include <stdint.h>

#include <mutex>
#include <vector>

namespace openk4a::emulator
{

// Entity IDs of the colour chain in the k4a descriptors: camera terminal ->
// processing unit -> output terminal 2.
constexpr uint8_t kColorCameraTerminalId = 1;
constexpr uint8_t kColorProcessingUnitId = 6;

// VC_REQUEST_ERROR_CODE_CONTROL values (UVC 1.5, 4.2.1.2).
enum class UvcRequestError : uint8_t
{
    kNone = 0x00,
    kWrongState = 0x02,
    kOutOfRange = 0x04,
    kInvalidControl = 0x06,
    kInvalidRequest = 0x07,
    kInvalidValueWithinRange = 0x08,
};

enum class ControlFaultKind
{
    kStall,      // the request STALLs (error code: invalid request)
    kShortReply, // a GET answers one byte less than the control's size
};

// Applies to the next `count` requests on (entity, selector).
struct ControlFault
{
    uint8_t entity = kColorProcessingUnitId;
    uint8_t selector = 0;
    ControlFaultKind kind = ControlFaultKind::kStall;
    int count = 1;
};

class UvcControls
{
public:
    UvcControls();

    // bmControls of the camera terminal and the processing unit, as declared
    // in the descriptors (bit n = control n of UVC 1.5 3.7.2.3 / 3.7.2.5).
    uint32_t camera_terminal_controls() const;
    uint32_t processing_unit_controls() const;

    bool Owns(uint8_t entity) const
    {
        return entity == kColorCameraTerminalId || entity == kColorProcessingUnitId;
    }
    // A class request to `entity`: bytes written to *in for a GET, 0 for
    // SET_CUR, -EPIPE for a STALL.
    int Handle(uint8_t request, uint8_t entity, uint8_t selector, uint16_t length, const uint8_t *out,
               size_t out_length, std::vector<uint8_t> *in);
    // What VC_REQUEST_ERROR_CODE_CONTROL reports: the last request's outcome.
    uint8_t last_error() const;

    void InjectFault(const ControlFault &fault);
    // The current raw (UVC) value; false for a control the device does not have.
    bool Current(uint8_t entity, uint8_t selector, int32_t *value) const;

private:
    struct Control
    {
        uint8_t entity;
        uint8_t selector;
        uint8_t bit;  // in bmControls
        uint8_t size; // bytes on the wire
        bool is_signed;
        int32_t min, max, res, def, cur;
        // The automatic mode that disables this control while on (0: none).
        uint8_t auto_selector;
    };
    Control *Find(uint8_t entity, uint8_t selector);
    const Control *Find(uint8_t entity, uint8_t selector) const;
    bool DisabledByAuto(const Control &c) const;
    bool ValidValue(const Control &c, int32_t v, UvcRequestError *error) const;

    mutable std::mutex mutex_;
    std::vector<Control> controls_;
    std::vector<ControlFault> faults_;
    uint8_t last_error_ = 0;
};

} // namespace openk4a::emulator

#endif // OPENK4A_TOOLS_EMULATOR_UVC_CONTROLS_H_
