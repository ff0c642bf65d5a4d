// Azure Kinect IMU payloads: counts are bounded by the payload, conversion
// never reads outside it, and re-encoding reproduces the packet bytes.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "fuzz/harness.h"
#include "openk4a/usb/imu_packet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > OPENK4A_FUZZ_MAX_LEN) return 0;
  openk4a_imu_packet_t p;
  size_t consumed = 0;
  const openk4a_usb_status_t s = openk4a_imu_packet_parse(data, size, &p, &consumed);
  if (s != OPENK4A_USB_OK) {
    CHECK(s == OPENK4A_USB_ERR_TRUNCATED || s == OPENK4A_USB_ERR_COUNT_PAST_END);
    size_t count = 1;
    k4a_imu_sample_t one;
    CHECK(openk4a_imu_packet_decode(data, size, &one, 1, &count, nullptr) == s && count == 0);
    return 0;
  }
  const size_t g = p.gyro.sample_count, a = p.accel.sample_count;
  CHECK(consumed == 28 + (g + a) * 14 && consumed <= size);
  const size_t n = openk4a_imu_packet_sample_count(&p);
  CHECK(n == (g < a ? g : a));
  std::vector<k4a_imu_sample_t> samples(n + 1);
  size_t count = 0;
  CHECK(openk4a_imu_packet_decode(data, size, samples.data(), samples.size(), &count, nullptr) ==
        OPENK4A_USB_OK);
  CHECK(count == n);
  for (size_t i = 0; i < n; ++i) {
    CHECK(std::isfinite(samples[i].temperature));
    CHECK(std::isfinite(samples[i].acc_sample.xyz.x) && std::isfinite(samples[i].gyro_sample.xyz.z));
  }
  CHECK(openk4a_imu_packet_get_sample(&p, n, &samples[0]) == OPENK4A_USB_ERR_INVALID_ARGUMENT);

  // Re-encode from the raw samples: identical bytes.
  std::vector<openk4a_imu_raw_sample_t> gyro(g), accel(a);
  for (size_t i = 0; i < g; ++i) gyro[i] = openk4a_imu_packet_gyro_samples_at(&p, i);
  for (size_t i = 0; i < a; ++i) accel[i] = openk4a_imu_packet_accel_samples_at(&p, i);
  std::vector<uint8_t> out(consumed);
  size_t written = 0;
  CHECK(openk4a_imu_packet_encode_samples(&p.temperature, &p.gyro, gyro.data(), g, &p.accel,
                                          accel.data(), a, out.data(), out.size(), &written) ==
        OPENK4A_USB_OK);
  CHECK(written == consumed && std::memcmp(out.data(), data, consumed) == 0);
  return 0;
}
