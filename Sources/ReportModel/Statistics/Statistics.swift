/// Summary statistics computed the way vLLM computes its summaries with NumPy.
///
/// `percentile(of:_:)` and `median(of:)` give the bitwise value of `np.percentile` (default
/// `method="linear"`) and `np.median` for the same multiset of samples, so a result's
/// `p99_ttft_ms` equals `percentile(of: samples[.ttft], 99) * 1000`. `mean(of:)` and
/// `standardDeviation(of:)` repeat NumPy's pairwise summation, so they are bitwise equal to
/// `np.mean` and `np.std` for samples in the same order; the model keeps samples sorted, not in
/// request order, which can move the last bit or two.
///
/// Empty input gives `nil` (vLLM writes `0` for an empty series because it calls
/// `np.mean(values or 0)`). A NaN propagates as in NumPy for `mean` and `standardDeviation`;
/// the sorted-input functions expect NaN-free input.
public enum Statistics {
    /// The `p`-th percentile (0…100) of samples sorted ascending, interpolated linearly between
    /// the two nearest ranks as `np.percentile(samples, p)` does; `nil` when there are none.
    public static func percentile(of sortedSamples: [Double], _ p: Double) -> Double? {
        precondition((0...100).contains(p), "a percentile is between 0 and 100, not \(p)")
        guard let last = sortedSamples.last else { return nil }
        let position = Double(sortedSamples.count - 1) * (p / 100)
        guard position < Double(sortedSamples.count - 1) else { return last }
        let lower = position.rounded(.down)
        let index = Int(lower)
        return interpolate(sortedSamples[index], sortedSamples[index + 1], by: position - lower)
    }

    /// NumPy's `_lerp`: from the nearer end, so a weight of 0 or 1 gives an endpoint exactly.
    static func interpolate(_ a: Double, _ b: Double, by weight: Double) -> Double {
        let difference = b - a
        return weight >= 0.5 ? b - difference * (1 - weight) : a + difference * weight
    }

    /// The median of samples sorted ascending as `np.median` gives it: the middle sample, or the
    /// mean of the two middle ones; `nil` when there are none.
    public static func median(of sortedSamples: [Double]) -> Double? {
        let count = sortedSamples.count
        guard count > 0 else { return nil }
        let middle = count / 2
        if count % 2 == 1 { return sortedSamples[middle] }
        return (sortedSamples[middle - 1] + sortedSamples[middle]) / 2
    }

    /// The arithmetic mean as `np.mean` gives it (pairwise summation, in the given order);
    /// `nil` when there are no samples.
    public static func mean(of samples: [Double]) -> Double? {
        guard !samples.isEmpty else { return nil }
        // `np.sum` starts from the identity 0, which turns a sum of -0.0 into 0.0.
        return (0 + samples.withUnsafeBufferPointer { pairwiseSum($0) }) / Double(samples.count)
    }

    /// The population standard deviation (`ddof=0`) as `np.std` gives it, which is what vLLM
    /// reports as `std_*_ms`; `nil` when there are no samples.
    public static func standardDeviation(of samples: [Double]) -> Double? {
        guard let mean = mean(of: samples) else { return nil }
        let squaredDeviations = samples.map { ($0 - mean) * ($0 - mean) }
        let variance = squaredDeviations.withUnsafeBufferPointer { pairwiseSum($0) } / Double(samples.count)
        return variance.squareRoot()
    }

    /// The samples sorted ascending, without sorting when they already are (the model's are).
    static func sortedAscending(_ samples: [Double]) -> [Double] {
        for index in samples.indices.dropFirst() where samples[index - 1] > samples[index] {
            return samples.sorted()
        }
        return samples
    }

    /// NumPy's `pairwise_sum` for float64: blocks of at most 128 summed with eight accumulators,
    /// halves (cut at a multiple of 8) summed recursively. The same grouping gives the same
    /// rounding, hence the same bits as `np.sum`.
    static func pairwiseSum(_ values: UnsafeBufferPointer<Double>) -> Double {
        let count = values.count
        if count < 8 {
            var sum = 0.0
            for value in values { sum += value }
            return sum
        }
        if count <= 128 {
            var accumulators = (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7])
            var index = 8
            while index < count - count % 8 {
                accumulators.0 += values[index]
                accumulators.1 += values[index + 1]
                accumulators.2 += values[index + 2]
                accumulators.3 += values[index + 3]
                accumulators.4 += values[index + 4]
                accumulators.5 += values[index + 5]
                accumulators.6 += values[index + 6]
                accumulators.7 += values[index + 7]
                index += 8
            }
            var sum =
                ((accumulators.0 + accumulators.1) + (accumulators.2 + accumulators.3))
                + ((accumulators.4 + accumulators.5) + (accumulators.6 + accumulators.7))
            while index < count {
                sum += values[index]
                index += 1
            }
            return sum
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(UnsafeBufferPointer(rebasing: values[..<half]))
            + pairwiseSum(UnsafeBufferPointer(rebasing: values[half...]))
    }
}
