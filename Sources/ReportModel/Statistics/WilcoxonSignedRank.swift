/// A one-sided Wilcoxon signed-rank test on paired differences, for a paired design where
/// request i of base and of head is the same prompt (docs/diff.md).
///
/// The caller passes dᵢ = ln(hᵢ/bᵢ). Zeros are dropped (SciPy's `zero_method="wilcox"`), the
/// magnitudes |dᵢ| get mid-ranks, W⁺ sums the ranks of the positive dᵢ, and the p-values come
/// from the normal approximation with the tie and continuity corrections: SciPy's
/// `wilcoxon(d, zero_method="wilcox", correction=True, method="approx")`. O(n log n).
struct WilcoxonSignedRank: Sendable, Equatable {
    /// The fewest nonzero differences the normal approximation is trusted with.
    static let minimumNonzeroDifferences = 6

    /// The number of nonzero differences, n.
    var count: Int
    /// W⁺, the sum of the mid-ranks of |dᵢ| over the positive differences.
    var positiveRankSum: Double
    /// (W⁺ − μ)/σ without the continuity correction.
    var z: Double
    /// P(W⁺ this large or larger) under no shift: small when head tends to be larger.
    var pGreater: Double
    /// P(W⁺ this small or smaller) under no shift: small when head tends to be smaller.
    var pLess: Double

    /// Tests the paired differences dᵢ (head against base) for a shift away from zero.
    ///
    /// - Throws: `NotTestable.nonFiniteSamples` when a difference is NaN or infinite (both
    ///   counts are that number: a difference belongs to a pair), and
    ///   `NotTestable.tooFewSamples` when fewer than `minimumNonzeroDifferences` differences
    ///   are nonzero (both counts are the nonzero differences).
    static func test(differences: [Double]) throws(NotTestable) -> WilcoxonSignedRank {
        let nonFinite = differences.count(where: { !$0.isFinite })
        guard nonFinite == 0 else { throw .nonFiniteSamples(base: nonFinite, head: nonFinite) }
        let magnitudes = differences.filter { $0 != 0 }.map { (magnitude: abs($0), isPositive: $0 > 0) }
            .sorted { $0.magnitude < $1.magnitude }
        let count = magnitudes.count
        guard count >= minimumNonzeroDifferences else {
            throw .tooFewSamples(base: count, head: count, minimum: minimumNonzeroDifferences)
        }

        // Ranks are halves where magnitudes tie, so sum twice the ranks in integers.
        var twicePositiveRankSum = 0
        var tieTerm = 0.0
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && magnitudes[end].magnitude == magnitudes[start].magnitude { end += 1 }
            let run = end - start
            let positives = magnitudes[start..<end].count(where: { $0.isPositive })
            // The run takes ranks start + 1 … end; each gets their mean.
            twicePositiveRankSum += positives * (start + end + 1)
            if run > 1 {
                let size = Double(run)
                tieTerm += size * size * size - size
            }
            start = end
        }

        let n = Double(count)
        let positiveRankSum = Double(twicePositiveRankSum) / 2
        let mean = n * (n + 1) / 4
        // n ≥ 6 nonzero values keep the variance positive even when all magnitudes tie.
        let deviation = ((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24).squareRoot()
        let z = (positiveRankSum - mean) / deviation
        return WilcoxonSignedRank(
            count: count, positiveRankSum: positiveRankSum, z: z,
            pGreater: NormalDistribution.survival(z - 0.5 / deviation),
            pLess: NormalDistribution.cumulative(z + 0.5 / deviation))
    }
}
