// Finds the shared real test data (../shared/testdata next to the checkout).
// It is optional: a clone without it must skip the tests that need it.
#ifndef OPENK4A_TESTS_TESTING_TESTDATA_H_
#define OPENK4A_TESTS_TESTING_TESTDATA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openk4a::testing
{

// Absolute path of `relative` (e.g. "mjpeg/azure_kinect_720p_422.jpg") inside
// the shared testdata folder, or nullopt when that file is not there.
// $OPENK4A_TESTDATA overrides the folder.
std::optional<std::string> TestdataPath(const std::string &relative);

// The whole file, or nullopt when it is absent or unreadable.
std::optional<std::vector<uint8_t>> ReadTestdata(const std::string &relative);

} // namespace openk4a::testing

// In a gtest body: binds `var` to the file's bytes or skips the test with a message.
#define OPENK4A_READ_TESTDATA_OR_SKIP(var, relative)                                                                   \
    auto var##_optional = ::openk4a::testing::ReadTestdata(relative);                                                  \
    if (!var##_optional)                                                                                               \
        GTEST_SKIP() << "shared testdata absent: " << (relative);                                                      \
    const std::vector<uint8_t> &var = *var##_optional

#endif // OPENK4A_TESTS_TESTING_TESTDATA_H_
