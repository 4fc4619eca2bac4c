/// The Harrell–Davis quantile estimator: a weighted sum of all order statistics, the weights
/// being the Beta(q(n + 1), (1 − q)(n + 1)) probability of each rank's cell (i − 1)/n … i/n.
/// SciPy's `mstats.hdquantiles(x, prob=[q])`.
///
/// For p99 of 200 requests it rests on the top ~24 order statistics where the plain percentile
/// rests on two, so a bootstrap of it detects shifts the percentile bootstrap misses
/// (docs/diff.md). Only the ranks whose weight exceeds `keptWeight` are kept:
/// the weights of a Beta distribution are unimodal in the rank, so they form one range, and an
/// estimate costs O(ranks kept), and so do the weights.
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

    /// The weights for the `quantile`-th quantile (0 < q < 1) of n ≥ 1 samples, found outward
    /// from rank q·n until they fall to `keptWeight`: O(ranks kept) incomplete betas, so 100k
    /// samples cost what 4,096 do.
    init(quantile: Double, count: Int) {
        precondition(quantile > 0 && quantile < 1, "a Harrell–Davis quantile is in (0, 1), not \(quantile)")
        precondition(count > 0, "Harrell–Davis needs at least one sample")
        self.quantile = quantile
        self.count = count
        let a = quantile * Double(count + 1)
        let b = (1 - quantile) * Double(count + 1)
        // Cell i (0-based rank) is (i/n, (i + 1)/n]; its weight is the Beta mass there.
        func distribution(_ boundary: Int) -> Double {
            IncompleteBeta.regularized(Double(boundary) / Double(count), a: a, b: b)
        }
        let start = min(Int(quantile * Double(count)), count - 1)
        var lower = start
        var upper = start + 1
        var lowerValue = distribution(lower)
        var upperValue = distribution(upper)
        let centre = upperValue - lowerValue
        guard centre > Self.keptWeight else {
            // Not met for any n tried; a full scan keeps the answer right if it ever is.
            var all: [Double] = []
            for i in 0..<count { all.append(distribution(i + 1) - distribution(i)) }
            let first = all.firstIndex(where: { $0 > Self.keptWeight }) ?? 0
            let last = all.lastIndex(where: { $0 > Self.keptWeight }) ?? count - 1
            ranks = first..<(last + 1)
            weights = Array(all[ranks])
            return
        }
        // The weights are unimodal in the rank, so the kept ones form one range around the mode.
        var below: [Double] = []
        while lower > 0 {
            let next = distribution(lower - 1)
            guard lowerValue - next > Self.keptWeight else { break }
            below.append(lowerValue - next)
            lower -= 1
            lowerValue = next
        }
        var above: [Double] = []
        while upper < count {
            let next = distribution(upper + 1)
            guard next - upperValue > Self.keptWeight else { break }
            above.append(next - upperValue)
            upper += 1
            upperValue = next
        }
        ranks = lower..<upper
        weights = below.reversed() + [centre] + above
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
