#include "tools/emulator/uvc_controls.h"

#include <errno.h>

#include <algorithm>

#include "openk4a/usb/uvc_wire.h"

namespace openk4a::emulator
{
namespace
{

constexpr uint8_t kAeModesSupported = OPENK4A_UVC_AE_MODE_MANUAL | OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY;

int32_t Decode(const uint8_t *p, uint8_t size, bool is_signed)
{
    uint32_t v = 0;
    for (uint8_t i = 0; i < size; i++)
        v |= static_cast<uint32_t>(p[i]) << (8 * i);
    if (is_signed && size == 2)
        return static_cast<int16_t>(v);
    if (is_signed && size == 1)
        return static_cast<int8_t>(v);
    return static_cast<int32_t>(v);
}

void Encode(int32_t v, uint8_t size, std::vector<uint8_t> *in)
{
    in->resize(size);
    for (uint8_t i = 0; i < size; i++)
        (*in)[i] = static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * i));
}

} // namespace

UvcControls::UvcControls()
{
    const uint8_t ct = kColorCameraTerminalId, pu = kColorProcessingUnitId;
    // entity, selector, bit, size, signed, min, max, res, def, cur, auto selector
    controls_ = {
        // AE mode: a bitmap; RES lists the supported modes, the default is
        // aperture priority (automatic exposure time).
        {ct, OPENK4A_UVC_CT_AE_MODE_CONTROL, OPENK4A_UVC_CT_BIT_AE_MODE, 1, false, 0, 0, kAeModesSupported,
         OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY, OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY, 0},
        // 100 us units: 0.5 ms .. 133.3 ms, default 15.6 ms.
        {ct, OPENK4A_UVC_CT_EXPOSURE_TIME_ABSOLUTE_CONTROL, OPENK4A_UVC_CT_BIT_EXPOSURE_TIME_ABSOLUTE, 4, false, 5,
         1333, 1, 156, 156, OPENK4A_UVC_CT_AE_MODE_CONTROL},
        {pu, OPENK4A_UVC_PU_BRIGHTNESS_CONTROL, OPENK4A_UVC_PU_BIT_BRIGHTNESS, 2, true, 0, 255, 1, 128, 128, 0},
        {pu, OPENK4A_UVC_PU_CONTRAST_CONTROL, OPENK4A_UVC_PU_BIT_CONTRAST, 2, false, 0, 10, 1, 5, 5, 0},
        {pu, OPENK4A_UVC_PU_SATURATION_CONTROL, OPENK4A_UVC_PU_BIT_SATURATION, 2, false, 0, 63, 1, 32, 32, 0},
        {pu, OPENK4A_UVC_PU_SHARPNESS_CONTROL, OPENK4A_UVC_PU_BIT_SHARPNESS, 2, false, 0, 4, 1, 2, 2, 0},
        {pu, OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_CONTROL, OPENK4A_UVC_PU_BIT_WHITE_BALANCE_TEMPERATURE, 2, false,
         2500, 12500, 10, 4500, 4500, OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_AUTO_CONTROL},
        {pu, OPENK4A_UVC_PU_WHITE_BALANCE_TEMPERATURE_AUTO_CONTROL, OPENK4A_UVC_PU_BIT_WHITE_BALANCE_TEMPERATURE_AUTO,
         1, false, 0, 1, 1, 1, 1, 0},
        {pu, OPENK4A_UVC_PU_BACKLIGHT_COMPENSATION_CONTROL, OPENK4A_UVC_PU_BIT_BACKLIGHT_COMPENSATION, 2, false, 0, 1,
         1, 0, 0, 0},
        {pu, OPENK4A_UVC_PU_GAIN_CONTROL, OPENK4A_UVC_PU_BIT_GAIN, 2, false, 0, 255, 1, 128, 128, 0},
        // 0 disabled, 1 50 Hz, 2 60 Hz.
        {pu, OPENK4A_UVC_PU_POWER_LINE_FREQUENCY_CONTROL, OPENK4A_UVC_PU_BIT_POWER_LINE_FREQUENCY, 1, false, 0, 2, 1, 2,
         2, 0},
    };
}

uint32_t UvcControls::camera_terminal_controls() const
{
    uint32_t bits = 0;
    for (const Control &c : controls_)
    {
        if (c.entity == kColorCameraTerminalId)
            bits |= 1u << c.bit;
    }
    return bits;
}

uint32_t UvcControls::processing_unit_controls() const
{
    uint32_t bits = 0;
    for (const Control &c : controls_)
    {
        if (c.entity == kColorProcessingUnitId)
            bits |= 1u << c.bit;
    }
    return bits;
}

UvcControls::Control *UvcControls::Find(uint8_t entity, uint8_t selector)
{
    for (Control &c : controls_)
    {
        if (c.entity == entity && c.selector == selector)
            return &c;
    }
    return nullptr;
}

const UvcControls::Control *UvcControls::Find(uint8_t entity, uint8_t selector) const
{
    return const_cast<UvcControls *>(this)->Find(entity, selector);
}

bool UvcControls::DisabledByAuto(const Control &c) const
{
    if (c.auto_selector == 0)
        return false;
    const Control *mode = Find(c.entity, c.auto_selector);
    if (mode == nullptr)
        return false;
    if (c.auto_selector == OPENK4A_UVC_CT_AE_MODE_CONTROL)
    {
        // Exposure time is automatic in AUTO and APERTURE_PRIORITY.
        return (mode->cur & (OPENK4A_UVC_AE_MODE_AUTO | OPENK4A_UVC_AE_MODE_APERTURE_PRIORITY)) != 0;
    }
    return mode->cur != 0;
}

bool UvcControls::ValidValue(const Control &c, int32_t v, UvcRequestError *error) const
{
    if (c.selector == OPENK4A_UVC_CT_AE_MODE_CONTROL && c.entity == kColorCameraTerminalId)
    {
        // Exactly one mode bit, and one the device offers.
        const bool one_bit = v > 0 && (v & (v - 1)) == 0;
        *error = UvcRequestError::kOutOfRange;
        return one_bit && (v & c.res) == v;
    }
    if (v < c.min || v > c.max)
    {
        *error = UvcRequestError::kOutOfRange;
        return false;
    }
    if (c.res > 1 && (v - c.min) % c.res != 0)
    {
        *error = UvcRequestError::kInvalidValueWithinRange;
        return false;
    }
    return true;
}

int UvcControls::Handle(uint8_t request, uint8_t entity, uint8_t selector, uint16_t length, const uint8_t *out,
                        size_t out_length, std::vector<uint8_t> *in)
{
    std::lock_guard<std::mutex> lock(mutex_);
    Control *c = Find(entity, selector);
    auto stall = [&](UvcRequestError e)
    {
        last_error_ = static_cast<uint8_t>(e);
        return -EPIPE;
    };
    if (c == nullptr)
        return stall(UvcRequestError::kInvalidControl);
    bool short_reply = false;
    for (auto it = faults_.begin(); it != faults_.end(); ++it)
    {
        if (it->entity != entity || it->selector != selector)
            continue;
        const ControlFaultKind kind = it->kind;
        if (--it->count <= 0)
            faults_.erase(it);
        if (kind == ControlFaultKind::kStall)
            return stall(UvcRequestError::kInvalidRequest);
        short_reply = true;
        break;
    }
    const bool is_ae_mode = entity == kColorCameraTerminalId && selector == OPENK4A_UVC_CT_AE_MODE_CONTROL;
    int32_t value = 0;
    switch (request)
    {
    case OPENK4A_UVC_REQ_SET_CUR:
    {
        if (length != c->size || out_length != c->size)
            return stall(UvcRequestError::kInvalidRequest);
        if (DisabledByAuto(*c))
            return stall(UvcRequestError::kWrongState);
        const int32_t v = Decode(out, c->size, c->is_signed);
        UvcRequestError error = UvcRequestError::kNone;
        if (!ValidValue(*c, v, &error))
            return stall(error);
        c->cur = v;
        last_error_ = 0;
        return 0;
    }
    case OPENK4A_UVC_REQ_GET_INFO:
        value =
            OPENK4A_UVC_INFO_GET | OPENK4A_UVC_INFO_SET | (DisabledByAuto(*c) ? OPENK4A_UVC_INFO_DISABLED_BY_AUTO : 0);
        if (length != 1)
            return stall(UvcRequestError::kInvalidRequest);
        Encode(value, short_reply ? 0 : 1, in);
        last_error_ = 0;
        return static_cast<int>(in->size());
    case OPENK4A_UVC_REQ_GET_LEN:
        if (length != 2)
            return stall(UvcRequestError::kInvalidRequest);
        Encode(c->size, short_reply ? 1 : 2, in);
        last_error_ = 0;
        return static_cast<int>(in->size());
    case OPENK4A_UVC_REQ_GET_CUR:
        value = c->cur;
        break;
    case OPENK4A_UVC_REQ_GET_DEF:
        value = c->def;
        break;
    case OPENK4A_UVC_REQ_GET_RES:
        value = c->res;
        break;
    case OPENK4A_UVC_REQ_GET_MIN:
    case OPENK4A_UVC_REQ_GET_MAX:
        // UVC 1.5 4.2.2.1.2: the AE mode answers CUR, RES, DEF and INFO only.
        if (is_ae_mode)
            return stall(UvcRequestError::kInvalidRequest);
        value = request == OPENK4A_UVC_REQ_GET_MIN ? c->min : c->max;
        break;
    default:
        return stall(UvcRequestError::kInvalidRequest);
    }
    if (length != c->size)
        return stall(UvcRequestError::kInvalidRequest);
    Encode(value, static_cast<uint8_t>(short_reply ? c->size - 1 : c->size), in);
    last_error_ = 0;
    return static_cast<int>(in->size());
}

uint8_t UvcControls::last_error() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return last_error_;
}

void UvcControls::InjectFault(const ControlFault &fault)
{
    std::lock_guard<std::mutex> lock(mutex_);
    ControlFault f = fault;
    f.count = std::max(1, f.count);
    faults_.push_back(f);
}

bool UvcControls::Current(uint8_t entity, uint8_t selector, int32_t *value) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    const Control *c = Find(entity, selector);
    if (c == nullptr)
        return false;
    *value = c->cur;
    return true;
}

} // namespace openk4a::emulator
