// Each way an emulated Azure Kinect MCU misanswers (tools/emulator/mcu_responder.h)
// and a fragment the driver's failure message must hold for it
// (core/device/mcu_command.c), for the depth and colour MCU tests alike.
#ifndef OPENK4A_TESTS_DEVICE_MCU_FAULT_CASES_H_
#define OPENK4A_TESTS_DEVICE_MCU_FAULT_CASES_H_

#include "tools/emulator/mcu_responder.h"

namespace openk4a::testing
{

struct McuFaultCase
{
    emulator::McuFault fault;
    const char *says;
};

inline constexpr McuFaultCase kMcuFaultCases[] = {
    {emulator::McuFault::kBadPacketType, "is not one"},
    {emulator::McuFault::kWrongTransaction, "is for transaction"},
    {emulator::McuFault::kErrorStatus, "failed on the device"},
    // The device sends more than asked for: the rest lands where the response should be.
    {emulator::McuFault::kOverlongData, "is not one"},
    {emulator::McuFault::kNoReply, "did not answer"},
};

} // namespace openk4a::testing

#endif // OPENK4A_TESTS_DEVICE_MCU_FAULT_CASES_H_
