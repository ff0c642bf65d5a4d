// gtest main for tests that talk to emulated devices: re-runs the test binary
// under libumockdev-preload first (see RunUnderUmockdevOrDie).
#include <gtest/gtest.h>

#include "tools/emulator/umockdev_env.h"

int main(int argc, char **argv)
{
    openk4a::emulator::RunUnderUmockdevOrDie(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
