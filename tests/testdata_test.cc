#include "tests/testing/testdata.h"

#include "gtest/gtest.h"

TEST(TestdataTest, FindsRealFrameWhenPresent)
{
    OPENK4A_READ_TESTDATA_OR_SKIP(depth, "frames/azure_kinect_nfov_640x576.depth16le");
    EXPECT_EQ(depth.size(), 640u * 576u * 2u);
}

TEST(TestdataTest, MissingFileIsNullopt)
{
    EXPECT_FALSE(openk4a::testing::TestdataPath("no/such/file.bin").has_value());
}
