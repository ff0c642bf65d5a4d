#include "tools/stream/latency_histogram.h"

#include <algorithm>

namespace openk4a::stream
{

// Values below 2^kSubBits have a bucket each; above, each power of two is
// split into 2^kSubBits equal buckets.
int LatencyHistogram::Bucket(uint64_t usec)
{
    if (usec < (1u << kSubBits))
        return static_cast<int>(usec);
    const int msb = 63 - __builtin_clzll(usec);
    const int shift = msb - kSubBits;
    const int sub = static_cast<int>((usec >> shift) & ((1u << kSubBits) - 1));
    return ((shift + 1) << kSubBits) + sub;
}

double LatencyHistogram::BucketMid(int bucket)
{
    if (bucket < (1 << kSubBits))
        return bucket;
    const int shift = (bucket >> kSubBits) - 1;
    const uint64_t sub = static_cast<uint64_t>(bucket & ((1 << kSubBits) - 1));
    const double low = static_cast<double>(((uint64_t{1} << kSubBits) + sub) << shift);
    return low + static_cast<double>((uint64_t{1} << shift) - 1) / 2.0;
}

void LatencyHistogram::Add(uint64_t usec)
{
    buckets_[static_cast<size_t>(Bucket(usec))]++;
    count_++;
    sum_ += usec;
    max_ = std::max(max_, usec);
}

double LatencyHistogram::Percentile(double fraction) const
{
    if (count_ == 0)
        return 0;
    fraction = std::clamp(fraction, 0.0, 1.0);
    // The smallest value with at least ceil(fraction * count) samples at or below it.
    uint64_t rank = static_cast<uint64_t>(fraction * static_cast<double>(count_) + 0.999999);
    rank = std::clamp<uint64_t>(rank, 1, count_);
    uint64_t seen = 0;
    for (int b = 0; b < kBuckets; b++)
    {
        seen += buckets_[static_cast<size_t>(b)];
        if (seen >= rank)
            return std::min(BucketMid(b), static_cast<double>(max_));
    }
    return static_cast<double>(max_);
}

} // namespace openk4a::stream
