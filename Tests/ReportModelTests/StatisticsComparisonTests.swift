import Testing

@testable import ReportModel

/// The entry point a diff calls: which method, which numbers, which verdict.
@Suite struct StatisticsComparisonTests {
    @Test func meanAndMedianUseMannWhitney() {
        // spread(300, 9) vs spread(400, 10, shift=0.35): mannwhitneyu p == 0.13647112237563033
        let base = OracleSamples.spread(300, 9)
        let head = OracleSamples.spread(400, 10, shift: 0.35)
        for statistic in [ComparedStatistic.mean, .median] {
            let comparison = SampleComparison.compare(base: base, head: head, statistic: statistic)
            #expect(comparison.method == "Mann–Whitney U")
            #expect(comparison.mannWhitney?.statistic == 56057)
            #expect(comparison.pValue == comparison.mannWhitney?.pValue)
            #expect(abs(comparison.pValue! - 0.13647112237563033) <= 1e-9 * 0.13647112237563033)
            #expect(!comparison.isSignificant)
            #expect(comparison.interval == nil && comparison.bootstrap == nil && comparison.notTestable == nil)
            #expect(comparison.baseCount == 300 && comparison.headCount == 400)
        }
        let mean = SampleComparison.compare(base: base, head: head, statistic: .mean)
        #expect(mean.baseValue == Statistics.mean(of: base))
        #expect(
            mean.relativeChange == (Statistics.mean(of: head)! - Statistics.mean(of: base)!) / Statistics.mean(
                of: base)!)
        let median = SampleComparison.compare(base: base, head: head, statistic: .median)
        #expect(median.headValue == Statistics.median(of: head.sorted()))
    }

    @Test func aClearShiftIsSignificantAndSmallSamplesAreExact() {
        // spread(8, 3) vs spread(8, 4, shift=4.0): exact p == 0.037917637917637914
        let comparison = SampleComparison.compare(
            base: OracleSamples.spread(8, 3), head: OracleSamples.spread(8, 4, shift: 4.0), statistic: .median)
        #expect(comparison.method == "Mann–Whitney U, exact")
        #expect(comparison.pValue == 0.037917637917637914)
        #expect(comparison.isSignificant)
        let stricter = SampleComparison.compare(
            base: OracleSamples.spread(8, 3), head: OracleSamples.spread(8, 4, shift: 4.0), statistic: .median,
            alpha: 0.01)
        #expect(!stricter.isSignificant)
    }

    @Test func percentilesUseTheBootstrap() throws {
        let base = OracleSamples.spread(300, 1, shift: 1.0)
        let head = OracleSamples.spread(300, 2, shift: 3.0)
        let comparison = SampleComparison.compare(base: base, head: head, statistic: .percentile(90), alpha: 0.01)
        #expect(comparison.method == "bootstrap 99% CI, 2000 resamples")
        let bootstrap = try #require(comparison.bootstrap)
        #expect(bootstrap == (try PercentileBootstrap.compare(base: base, head: head, percentile: 90, alpha: 0.01)))
        #expect(comparison.interval == bootstrap.interval)
        #expect(comparison.pValue == bootstrap.pValue)
        #expect(comparison.relativeChange == bootstrap.relativeChange)
        #expect(comparison.baseValue == Statistics.percentile(of: base.sorted(), 90))
        #expect(comparison.isSignificant)
        #expect(comparison.mannWhitney == nil)
    }

    @Test(arguments: [(0.05, "95"), (0.01, "99"), (0.001, "99.9"), (0.1, "90"), (0.2, "80")])
    func methodNamesTheConfidence(alpha: Double, confidence: String) {
        let comparison = SampleComparison.compare(
            base: [1, 2, 3, 4], head: [1, 2, 3, 4], statistic: .percentile(99.9), alpha: alpha, resamples: 100)
        #expect(comparison.method == "bootstrap \(confidence)% CI, 100 resamples")
        #expect(ComparedStatistic.percentile(99.9).description == "p99.9")
        #expect(ComparedStatistic.percentile(99).description == "p99")
    }

    @Test func fewerThanFourSamplesAreNotTested() {
        for statistic in [ComparedStatistic.mean, .median, .percentile(99)] {
            let comparison = SampleComparison.compare(base: [1, 2, 3], head: [5, 6, 7, 8, 9], statistic: statistic)
            #expect(comparison.notTestable == .tooFewSamples(base: 3, head: 5, minimum: 4))
            #expect(comparison.pValue == nil && !comparison.isSignificant)
            #expect(comparison.baseValue != nil && comparison.relativeChange != nil)
        }
        let empty = SampleComparison.compare(base: [], head: [], statistic: .median)
        #expect(empty.notTestable == .tooFewSamples(base: 0, head: 0, minimum: 4))
        #expect(empty.baseValue == nil && empty.relativeChange == nil)
        #expect(empty.notTestable?.description == "too few samples (0 base, 0 head; at least 4 a side)")
    }

    @Test func nonFiniteSamplesAreNotTested() {
        let comparison = SampleComparison.compare(
            base: [1, 2, .nan, 4, 5], head: [1, 2, 3, 4, .infinity], statistic: .mean)
        #expect(comparison.notTestable == .nonFiniteSamples(base: 1, head: 1))
        #expect(comparison.baseValue == nil && comparison.pValue == nil && !comparison.isSignificant)
    }

    @Test func aNonPositiveBaseHasNoRelativePercentileChange() {
        let comparison = SampleComparison.compare(
            base: [0, 1, 2, 3, 4], head: [1, 2, 3, 4, 5], statistic: .percentile(50))
        #expect(comparison.notTestable == .nonPositiveBase)
        #expect(!comparison.isSignificant)
        // A location test has no such need.
        let median = SampleComparison.compare(base: [0, 1, 2, 3, 4], head: [1, 2, 3, 4, 5], statistic: .median)
        #expect(median.notTestable == nil && median.pValue != nil)
    }

    @Test func identicalSamplesAreNotSignificant() {
        let samples = OracleSamples.heavy(200)
        for statistic in [ComparedStatistic.mean, .median, .percentile(99)] {
            let comparison = SampleComparison.compare(base: samples, head: samples, statistic: statistic)
            #expect(comparison.pValue == 1)
            #expect(comparison.relativeChange == 0)
            #expect(!comparison.isSignificant)
        }
    }
}
