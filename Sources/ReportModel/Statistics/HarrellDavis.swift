/// The Harrell–Davis quantile estimator: a weighted sum of all order statistics, the weights
/// being the Beta(q(n + 1), (1 − q)(n + 1)) probability of each rank's cell (i − 1)/n … i/n.
/// SciPy's `mstats.hdquantiles(x, prob=[q])`.
///
/// For p99 of 200 requests it rests on the top ~24 order statistics where the plain percentile
/// rests on two, so a bootstrap of it detects shifts the percentile bootstrap misses
/// (verdicts.md, sections 3 and 4). Only the ranks whose weight exceeds `keptWeight` are kept:
/// the weights of a Beta distribution are unimodal in the rank, so they form one range, and an
/// estimate costs O(ranks kept) once the weights are known.
struct HarrellDavis: Sendable, Equatable {
    /// Weights at or below this are dropped; at most n·1e-12 of the mass goes with them.
    static let keptWeight = 1e-12

    /// The quantile estimated, strictly between 0 and 1.
    var quantile: Double
    /// The number of samples n the weights are for.
    var count: Int
    /// The 0-based ranks (in the sorted sample) whose weights are kept.
    var ranks: Range<Int>
    /// The kept weights, `weights[k]` for rank `ranks.lowerBound + k`.
    var weights: [Double]

    /// The weights for the `quantile`-th quantile (0 < q < 1) of n ≥ 1 samples. O(n) incomplete
    /// betas, once per sample size.
    init(quantile: Double, count: Int) {
        precondition(quantile > 0 && quantile < 1, "a Harrell–Davis quantile is in (0, 1), not \(quantile)")
        precondition(count > 0, "Harrell–Davis needs at least one sample")
        self.quantile = quantile
        self.count = count
        let a = quantile * Double(count + 1)
        let b = (1 - quantile) * Double(count + 1)
        var all: [Double] = []
        all.reserveCapacity(count)
        var previous = 0.0
        for i in 1...count {
            let next = IncompleteBeta.regularized(Double(i) / Double(count), a: a, b: b)
            all.append(next - previous)
            previous = next
        }
        let first = all.firstIndex(where: { $0 > Self.keptWeight }) ?? 0
        let last = all.lastIndex(where: { $0 > Self.keptWeight }) ?? count - 1
        ranks = first..<(last + 1)
        weights = Array(all[ranks])
    }

    /// The estimate Σ wᵢ·x₍ᵢ₎ over samples sorted ascending, `count` of them.
    func estimate(sortedSamples: [Double]) -> Double {
        precondition(sortedSamples.count == count, "the weights are for \(count) samples, not \(sortedSamples.count)")
        var sum = 0.0
        for (offset, weight) in weights.enumerated() {
            sum += weight * sortedSamples[ranks.lowerBound + offset]
        }
        return sum
    }

    /// The Harrell–Davis estimate of the `quantile`-th quantile (0 < q < 1) of some samples,
    /// sorted or not.
    ///
    /// - Throws: `NotTestable` when there are no samples or one is NaN or infinite (both
    ///   counts in the error are this one sample's).
    static func estimate(of samples: [Double], quantile: Double) throws(NotTestable) -> Double {
        try NotTestable.check(base: samples, head: samples, minimum: 1)
        return HarrellDavis(quantile: quantile, count: samples.count)
            .estimate(sortedSamples: Statistics.sortedAscending(samples))
    }
}
