/// Whether one statistic of one sample series changed between base and head beyond sampling
/// noise: the statistics a diff needs, behind one call.
///
/// ```swift
/// let verdict = SampleComparison.compare(
///     base: baseResult.samples[.ttft] ?? [], head: headResult.samples[.ttft] ?? [],
///     statistic: .percentile(99), alpha: 0.01)
/// // verdict.method == "bootstrap 99% CI, 2000 resamples"
/// // verdict.relativeChange, verdict.interval, verdict.pValue, verdict.isSignificant
/// ```
///
/// The mean and the median are judged by the Mann–Whitney U test, which asks whether head is
/// shifted against base (as benchstat and asv do); a percentile by a bootstrap interval of its
/// relative change, since a tail can move while the bulk stays. Either way the samples are
/// taken as independent draws: pooled ITL gaps of one request are not, so their p-values are
/// optimistic and a diff should also ask for a minimum size of change.
public struct SampleComparison: Sendable, Equatable {
    /// The fewest samples a side needs, as in benchstat: with fewer, no test can reach the
    /// usual levels of significance.
    public static let minimumSamples = 4

    /// The statistic compared.
    public var statistic: ComparedStatistic
    /// The level of significance.
    public var alpha: Double
    /// The method for people: `Mann–Whitney U`, `Mann–Whitney U, exact` or
    /// `bootstrap 99% CI, 2000 resamples`.
    public var method: String
    /// The number of base samples.
    public var baseCount: Int
    /// The number of head samples.
    public var headCount: Int
    /// The statistic of the base samples; `nil` when there are none or some are not finite.
    public var baseValue: Double?
    /// The statistic of the head samples.
    public var headValue: Double?
    /// (headValue − baseValue) / baseValue; `nil` without both values or when base is 0.
    public var relativeChange: Double?
    /// The two-sided p-value; `nil` when not testable.
    public var pValue: Double?
    /// The confidence interval (1 − alpha) of the relative change, for a percentile.
    public var interval: ClosedRange<Double>?
    /// Whether the change is real at level alpha: p < alpha, and for a percentile also an
    /// interval that excludes zero (so a printed p and interval never disagree).
    public var isSignificant: Bool
    /// Why there is no test, if there is none.
    public var notTestable: NotTestable?
    /// The full test, for the mean and the median.
    public var mannWhitney: MannWhitneyU?
    /// The full bootstrap, for a percentile.
    public var bootstrap: PercentileBootstrap?

    /// Compares `statistic` of head against base at level `alpha`; samples need not be sorted.
    /// Never traps on data: too few samples, NaN or infinite samples, or a non-positive base
    /// (for a percentile) give a comparison that is not significant and says why.
    public static func compare(
        base: [Double], head: [Double], statistic: ComparedStatistic, alpha: Double = 0.05,
        resamples: Int = PercentileBootstrap.defaultResamples, seed: UInt64 = SplitMix64.defaultSeed
    ) -> SampleComparison {
        precondition(alpha > 0 && alpha < 1, "alpha is between 0 and 1, not \(alpha)")
        var comparison = SampleComparison(
            statistic: statistic, alpha: alpha, method: "Mann–Whitney U", baseCount: base.count,
            headCount: head.count, isSignificant: false)
        if case .percentile = statistic { comparison.method = bootstrapMethod(alpha: alpha, resamples: resamples) }
        do {
            try NotTestable.check(base: base, head: head, minimum: 0)
        } catch {
            comparison.notTestable = error
            return comparison
        }
        // Sorted once here; the tests below only check that they are.
        let sortedBase = Statistics.sortedAscending(base)
        let sortedHead = Statistics.sortedAscending(head)
        comparison.baseValue = statistic == .mean ? Statistics.mean(of: base) : statistic.value(of: sortedBase)
        comparison.headValue = statistic == .mean ? Statistics.mean(of: head) : statistic.value(of: sortedHead)
        if let baseValue = comparison.baseValue, let headValue = comparison.headValue, baseValue != 0 {
            comparison.relativeChange = (headValue - baseValue) / baseValue
        }

        do {
            try NotTestable.check(base: base, head: head, minimum: minimumSamples)
            switch statistic {
            case .mean, .median:
                let test = try MannWhitneyU.test(base: sortedBase, head: sortedHead)
                if test.method == .exact { comparison.method += ", exact" }
                comparison.mannWhitney = test
                comparison.pValue = test.pValue
                comparison.isSignificant = test.pValue < alpha
            case .percentile(let p):
                let bootstrap = try PercentileBootstrap.compare(
                    base: sortedBase, head: sortedHead, percentile: p, alpha: alpha, resamples: resamples, seed: seed)
                comparison.bootstrap = bootstrap
                comparison.pValue = bootstrap.pValue
                comparison.interval = bootstrap.interval
                comparison.isSignificant = bootstrap.pValue < alpha && bootstrap.intervalExcludesZero
            }
        } catch {
            comparison.notTestable = error
        }
        return comparison
    }

    /// `bootstrap 99% CI, 2000 resamples`.
    static func bootstrapMethod(alpha: Double, resamples: Int) -> String {
        // Rounded so that 1 − 0.05 reads 95, never 94.99999999999999.
        let confidence = ((1 - alpha) * 100 * 1e9).rounded() / 1e9
        return "bootstrap \(ComparedStatistic.shortText(confidence))% CI, \(resamples) resamples"
    }
}
