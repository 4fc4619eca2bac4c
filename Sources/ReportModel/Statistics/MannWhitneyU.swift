/// A two-sided Mann–Whitney U test: do base and head samples come from one distribution, or is
/// one shifted against the other?
///
/// The statistic and p-value are SciPy's `mannwhitneyu(base, head)` with its defaults
/// (`alternative="two-sided"`, `use_continuity=True`, `method="auto"`): the exact null
/// distribution when a side has at most 8 samples and no value repeats, else the normal
/// approximation with tie and continuity corrections. Ranking sorts both sides (free for the
/// model's sorted samples) and merges them: O(n log n) time, O(n) memory, for any n. The
/// Hodges–Lehmann shift adds O(n·log n) expected (`PairwiseDifferences`): about 0.07 s for
/// 100k samples a side in a release build.
public struct MannWhitneyU: Sendable, Equatable {
    /// How the p-value was found.
    public enum Method: String, Sendable {
        /// The exact null distribution of U (a side has at most 8 samples, no ties).
        case exact
        /// The normal approximation, corrected for ties and for continuity.
        case asymptotic
    }

    /// The fewest samples a side may have; a single sample has no spread to rank against.
    public static let minimumSamples = 2

    /// The number of base samples.
    public var baseCount: Int
    /// The number of head samples.
    public var headCount: Int
    /// U of the base sample, SciPy's `statistic` for `mannwhitneyu(base, head)`: the number of
    /// (base, head) pairs in which the base sample is larger, a tie counting one half.
    public var statistic: Double
    /// The two-sided p-value.
    public var pValue: Double
    /// How `pValue` was found.
    public var method: Method
    /// Whether some value occurs more than once among the pooled samples.
    public var hasTies: Bool
    /// P(head > base) + ½·P(head = base) for a random pair: the common-language effect size
    /// (0.5 means neither side tends to be larger).
    public var probabilityHeadGreater: Double
    /// The Hodges–Lehmann estimate of the shift from base to head, in the samples' unit: the
    /// median of all head − base differences (exact, see `PairwiseDifferences`).
    public var hodgesLehmannShift: Double

    /// The rank-biserial correlation, 2·P(head > base) − 1, in −1…1: positive when head tends to
    /// be larger.
    public var rankBiserialCorrelation: Double { 2 * probabilityHeadGreater - 1 }

    /// Tests base against head. Samples need not be sorted.
    ///
    /// - Throws: `NotTestable` when a side has fewer than `minimumSamples` samples or holds a NaN
    ///   or an infinity (rejected rather than dropped: a NaN latency means broken input).
    public static func test(base: [Double], head: [Double]) throws(NotTestable) -> MannWhitneyU {
        try NotTestable.check(base: base, head: head, minimum: minimumSamples)
        let base = Statistics.sortedAscending(base)
        let head = Statistics.sortedAscending(head)
        let ranks = RankSummary(base: base, head: head)
        let pairs = Double(base.count) * Double(head.count)
        let baseU = ranks.baseU
        let headU = pairs - baseU
        let largerU = max(baseU, headU)

        let method: Method = (min(base.count, head.count) <= 8 && !ranks.hasTies) ? .exact : .asymptotic
        let pValue: Double
        switch method {
        case .exact:
            pValue = ExactDistribution.twoSidedPValue(
                largerU: Int(largerU), smallerCount: min(base.count, head.count),
                largerCount: max(base.count, head.count))
        case .asymptotic:
            pValue = asymptoticTwoSidedPValue(
                largerU: largerU, baseCount: base.count, headCount: head.count, tieTerm: ranks.tieTerm)
        }
        return MannWhitneyU(
            baseCount: base.count, headCount: head.count, statistic: baseU, pValue: pValue, method: method,
            hasTies: ranks.hasTies, probabilityHeadGreater: headU / pairs,
            hodgesLehmannShift: PairwiseDifferences(sortedBase: base, sortedHead: head).median())
    }

    /// SciPy's `_get_mwu_z` and `2 * ndtr(-z)`, clipped to 1, with the same operations in the
    /// same order.
    static func asymptoticTwoSidedPValue(largerU: Double, baseCount: Int, headCount: Int, tieTerm: Double)
        -> Double
    {
        let mean = Double(baseCount * headCount) / 2
        let total = baseCount + headCount
        let variance =
            Double(baseCount * headCount) / 12 * (Double(total + 1) - tieTerm / Double(total * (total - 1)))
        // Every sample equal: no spread, no evidence of a shift.
        guard variance > 0 else { return 1 }
        let z = (largerU - mean - 0.5) / variance.squareRoot()
        return min(max(2 * NormalDistribution.survival(z), 0), 1)
    }
}

/// The rank sums of a Mann–Whitney test, from one merge of the two sorted samples.
struct RankSummary {
    /// U of the base sample: its rank sum minus the smallest possible rank sum.
    var baseU: Double
    /// Σ (t³ − t) over runs of t equal values, for the variance's tie correction.
    var tieTerm: Double
    var hasTies: Bool

    init(base: [Double], head: [Double]) {
        // Ranks are halves where values tie, so sum twice the ranks in integers.
        var twiceBaseRankSum = 0
        var tieTerm = 0.0
        var ranked = 0
        var baseIndex = 0
        var headIndex = 0
        while baseIndex < base.count || headIndex < head.count {
            let value: Double
            if baseIndex == base.count {
                value = head[headIndex]
            } else if headIndex == head.count {
                value = base[baseIndex]
            } else {
                value = min(base[baseIndex], head[headIndex])
            }
            let baseStart = baseIndex
            while baseIndex < base.count && base[baseIndex] == value { baseIndex += 1 }
            let headStart = headIndex
            while headIndex < head.count && head[headIndex] == value { headIndex += 1 }
            let fromBase = baseIndex - baseStart
            let run = fromBase + headIndex - headStart
            // The run takes ranks ranked + 1 … ranked + run; each gets their mean.
            twiceBaseRankSum += fromBase * (2 * ranked + run + 1)
            if run > 1 {
                let size = Double(run)
                tieTerm += size * size * size - size
            }
            ranked += run
        }
        baseU = Double(twiceBaseRankSum - base.count * (base.count + 1)) / 2
        self.tieTerm = tieTerm
        hasTies = tieTerm > 0
    }
}
