/* The TEST raw depth frame: what the emulated Azure Kinect streams on its raw
 * depth endpoint and what the TEST depth engine plugin
 * (tests/device/test_depth_engine_plugin.c) turns into DEPTH16/IR16. It is
 * NOT a real sensor's format (that is opaque, read only by Microsoft's closed
 * engine); it lets a test check that the right bytes of the right frame went
 * the whole way: emulator -> libusb -> openk4a -> engine plugin -> capture.
 *
 * A frame is the sensor mode's raw size (core/spec/k4a_mcu_wire.toml
 * SENSOR_MODE_*_SIZE). Little-endian header at offset 0:
 *   u32 magic (OK4A_TEST_DEPTH_MAGIC), u32 sensor_mode, u32 frame_number,
 *   u32 flags (OK4A_TEST_DEPTH_FAIL: the plugin refuses the frame),
 *   u64 center_of_exposure_ticks (90 kHz), u32 seed, u32 frame_size.
 * Every later byte i is ok4a_test_depth_body_byte(i). Output pixel (x, y):
 * depth = ok4a_test_depth_value(seed, x, y), IR = ok4a_test_ir_value(seed, x, y). */
#ifndef OPENK4A_TOOLS_EMULATOR_TEST_DEPTH_FRAME_H_
#define OPENK4A_TOOLS_EMULATOR_TEST_DEPTH_FRAME_H_

#include <stdint.h>

#define OK4A_TEST_DEPTH_MAGIC 0x54443441u /* "A4DT" */
#define OK4A_TEST_DEPTH_HEADER_SIZE 32u
#define OK4A_TEST_DEPTH_FAIL 1u
/* The engine's calibration block (NV IR_SENSOR_CALIBRATION) starts with this. */
#define OK4A_TEST_DEPTH_CAL_MAGIC "OK4A TEST DEPTH CALIBRATION"
#define OK4A_TEST_DEPTH_CAL_SIZE 4096u

static inline uint8_t ok4a_test_depth_body_byte(uint32_t i)
{
    return (uint8_t)(i * 131u + (i >> 12));
}

static inline uint16_t ok4a_test_depth_value(uint32_t seed, uint32_t x, uint32_t y)
{
    return (uint16_t)(500u + (seed * 7u + x + 3u * y) % 3000u); /* millimetres, 0.5 m .. 3.5 m */
}

static inline uint16_t ok4a_test_ir_value(uint32_t seed, uint32_t x, uint32_t y)
{
    return (uint16_t)((seed + x * y) & 0x0FFFu);
}

#endif /* OPENK4A_TOOLS_EMULATOR_TEST_DEPTH_FRAME_H_ */
