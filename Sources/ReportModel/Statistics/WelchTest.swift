/// One-sided t-tests on replicate runs: a few values a side (one summary per run), where the
/// within-run tests cannot see the run-to-run spread.
struct WelchTest: Sendable, Equatable {
    /// The statistic, positive when head's mean is larger; ±∞ when neither side varies but the
    /// means differ.
    var t: Double
    /// The degrees of freedom: Welch–Satterthwaite for two sets, k − 1 for the prediction test.
    var degreesOfFreedom: Double
    /// P(T ≥ t) under equal means: small when head's mean is larger.
    var pGreater: Double
    /// P(T ≤ t) under equal means: small when head's mean is smaller.
    var pLess: Double

    /// The fewest values a side may have: one value has no variance.
    static let minimumSamples = 2

    /// Welch's unequal-variance t-test of head's mean against base's, as SciPy's
    /// `ttest_ind(head, base, equal_var=False, alternative="greater")` (and `"less"`).
    ///
    /// When neither side varies there is no standard error: equal means give t = 0 and p = 0.5
    /// both ways, different means give t = ±∞ with p = 0 one way and 1 the other, and the
    /// degrees of freedom are then the pooled n_b + n_h − 2 (Welch's formula is 0/0).
    ///
    /// - Throws: `NotTestable` when a side has fewer than `minimumSamples` values or holds a NaN
    ///   or an infinity.
    static func test(base: [Double], head: [Double]) throws(NotTestable) -> WelchTest {
        try NotTestable.check(base: base, head: head, minimum: minimumSamples)
        let baseSummary = Summary(base)
        let headSummary = Summary(head)
        let baseShare = baseSummary.variance / Double(base.count)
        let headShare = headSummary.variance / Double(head.count)
        let standardError = (baseShare + headShare).squareRoot()
        let difference = headSummary.mean - baseSummary.mean
        guard standardError > 0 else {
            return constant(difference: difference, degreesOfFreedom: Double(base.count + head.count - 2))
        }
        let degreesOfFreedom =
            (baseShare + headShare) * (baseShare + headShare)
            / (baseShare * baseShare / Double(base.count - 1) + headShare * headShare / Double(head.count - 1))
        return tested(t: difference / standardError, degreesOfFreedom: degreesOfFreedom)
    }

    /// Whether one run lies above or below k ≥ 2 replicate runs of the other side:
    /// t = (x − mean)/(s·√(1 + 1/k)) with k − 1 degrees of freedom, the prediction interval's
    /// statistic. `pGreater` is small when `single` is larger; a caller whose single run is the
    /// base reads the p-values the other way round. A constant set of replicates follows the
    /// rule of `test(base:head:)`.
    ///
    /// - Throws: `NotTestable` when there are fewer than `minimumSamples` replicates or a value
    ///   is NaN or infinite (base counts the replicates, head the single run).
    static func predictionTest(single: Double, replicates: [Double]) throws(NotTestable) -> WelchTest {
        try NotTestable.check(base: replicates, head: [single], minimum: 1)
        if replicates.count < minimumSamples {
            throw .tooFewSamples(base: replicates.count, head: 1, minimum: minimumSamples)
        }
        let summary = Summary(replicates)
        let k = Double(replicates.count)
        let scale = (summary.variance * (1 + 1 / k)).squareRoot()
        let difference = single - summary.mean
        guard scale > 0 else { return constant(difference: difference, degreesOfFreedom: k - 1) }
        return tested(t: difference / scale, degreesOfFreedom: k - 1)
    }

    /// The result for a statistic t with ν degrees of freedom.
    private static func tested(t: Double, degreesOfFreedom: Double) -> WelchTest {
        WelchTest(
            t: t, degreesOfFreedom: degreesOfFreedom,
            pGreater: StudentTDistribution.survival(t, degreesOfFreedom: degreesOfFreedom),
            pLess: StudentTDistribution.survival(-t, degreesOfFreedom: degreesOfFreedom))
    }

    /// The result when there is no spread at all (see `test(base:head:)`).
    private static func constant(difference: Double, degreesOfFreedom: Double) -> WelchTest {
        if difference == 0 {
            return WelchTest(t: 0, degreesOfFreedom: degreesOfFreedom, pGreater: 0.5, pLess: 0.5)
        }
        return WelchTest(
            t: difference > 0 ? .infinity : -.infinity, degreesOfFreedom: degreesOfFreedom,
            pGreater: difference > 0 ? 0 : 1, pLess: difference > 0 ? 1 : 0)
    }

    /// The mean and the sample variance (n − 1) of a few values.
    private struct Summary {
        var mean: Double
        var variance: Double

        init(_ values: [Double]) {
            let mean = values.reduce(0, +) / Double(values.count)
            // Two passes: the sum of squared deviations does not cancel as Σx² − n·mean² would.
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            self.mean = mean
            variance = squares / Double(values.count - 1)
        }
    }
}
