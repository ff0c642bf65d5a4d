// Latencies in microseconds, kept in log-linear buckets (relative error below
// 1/64) so a run of any length uses the same small, fixed memory. Mean and
// maximum are exact; percentiles are bucket midpoints.
#ifndef OPENK4A_TOOLS_STREAM_LATENCY_HISTOGRAM_H_
#define OPENK4A_TOOLS_STREAM_LATENCY_HISTOGRAM_H_

#include <stdint.h>

#include <array>

namespace openk4a::stream
{

class LatencyHistogram
{
public:
    void Add(uint64_t usec);
    uint64_t count() const
    {
        return count_;
    }
    double mean_usec() const
    {
        return count_ == 0 ? 0 : static_cast<double>(sum_) / static_cast<double>(count_);
    }
    uint64_t max_usec() const
    {
        return max_;
    }
    // The value below which `fraction` (0..1) of the samples lie; 0 when empty.
    double Percentile(double fraction) const;

private:
    static constexpr int kSubBits = 6; // 64 buckets per power of two
    static constexpr int kBuckets = (64 - kSubBits + 1) << kSubBits;
    static int Bucket(uint64_t usec);
    static double BucketMid(int bucket);

    std::array<uint64_t, kBuckets> buckets_{};
    uint64_t count_ = 0;
    uint64_t sum_ = 0;
    uint64_t max_ = 0;
};

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_LATENCY_HISTOGRAM_H_
