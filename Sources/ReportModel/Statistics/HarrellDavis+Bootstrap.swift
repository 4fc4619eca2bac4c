extension HarrellDavis {
    /// A bootstrap comparison of a Harrell–Davis quantile between base and head.
    struct Comparison: Sendable, Equatable {
        /// The quantile compared, in (0, 1).
        var quantile: Double
        /// The number of resamples B.
        var resamples: Int
        /// The confidence of `interval`.
        var confidence: Double
        /// The estimate on all base samples.
        var baseEstimate: Double
        /// The estimate on all head samples.
        var headEstimate: Double
        /// The observed relative change, headEstimate / baseEstimate − 1.
        var relativeChange: Double
        /// (#{Δ* ≤ 0} + 1)/(B + 1): small when head's quantile is larger.
        var pGreater: Double
        /// (#{Δ* ≥ 0} + 1)/(B + 1): small when head's quantile is smaller.
        var pLess: Double
        /// The percentile interval of the resampled relative change HD(h*)/HD(b*) − 1.
        var interval: ClosedRange<Double>
    }

    /// The fewest samples a side may have for the bootstrap.
    static let minimumSamples = 2

    /// Compares the `quantile`-th quantile (0 < q < 1) of head against base with B resamples a
    /// side; the statistic of a resample is Δ* = HD(h*) − HD(b*). Samples need not be sorted.
    ///
    /// A resample of n values drawn with replacement is a multinomial count over the sorted
    /// sample's ranks, and an estimate reads only the resample's order statistics at the kept
    /// ranks. Those are drawn directly: the k-th order statistic of the resample is sample
    /// ⌊n·U₍ₖ₎⌋, U₍ₖ₎ the k-th smallest of n uniforms, and U₍ₖ₎ for the kept k come from n + 1
    /// exponential spacings, those below the kept range summed as one Gamma variate and those
    /// above as another. That is the same distribution as
    /// walking the cumulative counts, at O(ranks kept) per resample instead of O(n): about
    /// 92 ranks for p99 of 4,096 samples, 30 of 200. The output is bitwise the same for the same samples,
    /// quantile, B, confidence and seed.
    ///
    /// - Throws: `NotTestable` when a side has fewer than `minimumSamples` samples, holds a NaN or
    ///   an infinity, or a base sample is not positive (the relative change needs HD(b*) > 0).
    static func compare(
        base: [Double], head: [Double], quantile: Double, resamples: Int = 2000, confidence: Double = 0.99,
        seed: UInt64 = SplitMix64.defaultSeed
    ) throws(NotTestable) -> Comparison {
        precondition(quantile > 0 && quantile < 1, "a Harrell–Davis quantile is in (0, 1), not \(quantile)")
        precondition(confidence > 0 && confidence < 1, "the confidence is in (0, 1), not \(confidence)")
        precondition(resamples > 0, "the bootstrap needs at least one resample")
        try NotTestable.check(base: base, head: head, minimum: minimumSamples)
        let base = Statistics.sortedAscending(base)
        let head = Statistics.sortedAscending(head)
        guard base[0] > 0 else { throw .nonPositiveBase }

        let baseWeights = HarrellDavis(quantile: quantile, count: base.count)
        let headWeights =
            baseWeights.count == head.count
            ? baseWeights : HarrellDavis(quantile: quantile, count: head.count)
        let baseEstimate = baseWeights.estimate(sortedSamples: base)
        let headEstimate = headWeights.estimate(sortedSamples: head)

        var generator = SplitMix64(seed: seed)
        var notAbove = 0
        var notBelow = 0
        var changes: [Double] = []
        changes.reserveCapacity(resamples)
        var spacings: [Double] = []
        for _ in 0..<resamples {
            let resampledBase = baseWeights.resampledEstimate(of: base, using: &generator, spacings: &spacings)
            let resampledHead = headWeights.resampledEstimate(of: head, using: &generator, spacings: &spacings)
            let difference = resampledHead - resampledBase
            if difference <= 0 { notAbove += 1 }
            if difference >= 0 { notBelow += 1 }
            changes.append(resampledHead / resampledBase - 1)
        }
        changes.sort()
        let tail = (1 - confidence) / 2
        let lower = Statistics.percentile(of: changes, 100 * tail)!
        let upper = Statistics.percentile(of: changes, 100 * (1 - tail))!
        return Comparison(
            quantile: quantile, resamples: resamples, confidence: confidence, baseEstimate: baseEstimate,
            headEstimate: headEstimate, relativeChange: headEstimate / baseEstimate - 1,
            pGreater: Double(notAbove + 1) / Double(resamples + 1),
            pLess: Double(notBelow + 1) / Double(resamples + 1), interval: lower...upper)
    }

    /// The estimate on one bootstrap resample of `sortedSamples`, drawing only the kept order
    /// statistics (see `compare`). `spacings` is scratch space, reused across calls.
    func resampledEstimate(
        of sortedSamples: [Double], using generator: inout SplitMix64, spacings: inout [Double]
    ) -> Double {
        let n = count
        // 1-based order statistics lo…hi are kept: lo exponentials up to U₍lo₎, one more per
        // later rank, and n + 1 − hi after U₍hi₎.
        let lo = ranks.lowerBound + 1
        let hi = ranks.upperBound
        let kept = weights.count
        if spacings.count < kept { spacings = [Double](repeating: 0, count: kept) }
        // Buffers, not subscripts: a debug build checks and calls through every subscript.
        return spacings.withUnsafeMutableBufferPointer { spacings in
            var cumulative = generator.nextGamma(shape: Double(lo))
            spacings[0] = cumulative
            for offset in 1..<(hi - lo + 1) {
                cumulative += generator.nextExponential()
                spacings[offset] = cumulative
            }
            let scale = Double(n) / (cumulative + generator.nextGamma(shape: Double(n + 1 - hi)))
            return weights.withUnsafeBufferPointer { weights in
                sortedSamples.withUnsafeBufferPointer { samples in
                    var sum = 0.0
                    for offset in 0..<kept {
                        sum += weights[offset] * samples[min(Int(spacings[offset] * scale), n - 1)]
                    }
                    return sum
                }
            }
        }
    }
}
