/* Little-endian helpers shared by the generated wire parsers/encoders
 * (uvc_wire.c, imu_wire.c) and by code that builds wire arrays for them,
 * e.g. the discrete frame intervals an emulated device encodes.
 * They do no bounds checks: the generated code checks before calling. */
#ifndef OPENK4A_USB_WIRE_RUNTIME_H_
#define OPENK4A_USB_WIRE_RUNTIME_H_

#include <stddef.h>
#include <stdint.h>

#include "openk4a/usb/usb_status.h"

#ifdef __cplusplus
extern "C"
{
#endif

    static inline uint16_t openk4a_wire_u16le(const uint8_t *p)
    {
        return (uint16_t)((uint16_t)p[0] | (uint16_t)((uint16_t)p[1] << 8));
    }

    static inline uint32_t openk4a_wire_u32le(const uint8_t *p)
    {
        return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    }

    static inline uint64_t openk4a_wire_u64le(const uint8_t *p)
    {
        return (uint64_t)openk4a_wire_u32le(p) | ((uint64_t)openk4a_wire_u32le(p + 4) << 32);
    }

    static inline void openk4a_wire_put_u16le(uint8_t *p, uint16_t v)
    {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
    }

    static inline void openk4a_wire_put_u32le(uint8_t *p, uint32_t v)
    {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
        p[2] = (uint8_t)(v >> 16);
        p[3] = (uint8_t)(v >> 24);
    }

    static inline void openk4a_wire_put_u64le(uint8_t *p, uint64_t v)
    {
        openk4a_wire_put_u32le(p, (uint32_t)v);
        openk4a_wire_put_u32le(p + 4, (uint32_t)(v >> 32));
    }

    /* Records where a parse stopped and returns its status (generated code). */
    static inline openk4a_usb_status_t openk4a_wire_fail(size_t *consumed, size_t pos, openk4a_usb_status_t status)
    {
        if (consumed != NULL)
            *consumed = pos;
        return status;
    }

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_WIRE_RUNTIME_H_ */
