import Testing

@testable import ReportModel

/// The Mann–Whitney U test against SciPy 1.17's `mannwhitneyu(base, head)` (defaults: two-sided,
/// continuity correction, `method="auto"`), and the Hodges–Lehmann shift against NumPy. Each
/// oracle row came from (samples from `OracleSamples`, whose Python twins are in
/// StatisticsDescriptiveTests.swift):
///
/// ```python
/// from scipy.stats import mannwhitneyu
/// from scipy.stats._mannwhitneyu import _mwu_choose_method
/// r = mannwhitneyu(x, y)
/// ties = len(np.unique(np.concatenate([x, y]))) < len(x) + len(y)
/// method = _mwu_choose_method(len(x), len(y), ties)
/// hl = float(np.median(np.subtract.outer(np.asarray(y), np.asarray(x))))
/// cles = (len(x) * len(y) - float(r.statistic)) / (len(x) * len(y))
/// ```
@Suite struct StatisticsMannWhitneyTests {
    struct Oracle: Sendable, CustomTestStringConvertible {
        var name: String
        var base: [Double]
        var head: [Double]
        var method: MannWhitneyU.Method
        var statistic: Double
        var pValue: Double
        var hodgesLehmann: Double
        var probabilityHeadGreater: Double
        /// The relative tolerance of the p-value: bitwise for exact counts, 1e-9 for `erfc`.
        var tolerance: Double

        init(
            name: String, base: [Double], head: [Double], method: MannWhitneyU.Method, statistic: Double,
            pValue: Double, hodgesLehmann: Double, probabilityHeadGreater: Double, tolerance: Double? = nil
        ) {
            self.name = name
            self.base = base
            self.head = head
            self.method = method
            self.statistic = statistic
            self.pValue = pValue
            self.hodgesLehmann = hodgesLehmann
            self.probabilityHeadGreater = probabilityHeadGreater
            self.tolerance = tolerance ?? (method == .exact ? 0 : 1e-9)
        }

        var testDescription: String { name }
    }

    typealias Samples = OracleSamples

    static let oracles: [Oracle] = [
        // SciPy's documentation example: U = 17, exact p = 1/9.
        Oracle(
            name: "doc", base: [19, 22, 16, 29, 24], head: [20, 11, 17, 12], method: .exact, statistic: 17,
            pValue: 0.1111111111111111, hodgesLehmann: -7.0, probabilityHeadGreater: 0.15),
        Oracle(
            name: "n2v2", base: [0.5, 0.25], head: [0.75, 1.0], method: .exact, statistic: 0,
            pValue: 0.3333333333333333, hodgesLehmann: 0.5, probabilityHeadGreater: 1.0),
        // spread(6, 1) vs spread(30, 2, shift=1.5)
        Oracle(
            name: "exact6v30", base: Samples.spread(6, 1), head: Samples.spread(30, 2, shift: 1.5), method: .exact,
            statistic: 64, pValue: 0.28713538201204236, hodgesLehmann: 1.6790000000000003,
            probabilityHeadGreater: 0.6444444444444445),
        // spread(8, 3) vs spread(8, 4, shift=4.0)
        Oracle(
            name: "exact8v8shift", base: Samples.spread(8, 3), head: Samples.spread(8, 4, shift: 4.0),
            method: .exact, statistic: 12, pValue: 0.037917637917637914, hodgesLehmann: 4.0009999999999994,
            probabilityHeadGreater: 0.8125),
        // spread(3, 5, shift=2.0) vs spread(2000, 6)
        Oracle(
            name: "exact3v2000", base: Samples.spread(3, 5, shift: 2.0), head: Samples.spread(2000, 6),
            method: .exact, statistic: 3946, pValue: 0.36180971410960017, hodgesLehmann: -1.5860000000000003,
            probabilityHeadGreater: 0.3423333333333333),
        // spread(5, 21, shift=2.0005) vs spread(5000, 22): counts past 2^53, so SciPy's and ours
        // round differently in the last bits.
        Oracle(
            name: "exact5v5000", base: Samples.spread(5, 21, shift: 2.0005), head: Samples.spread(5000, 22),
            method: .exact, statistic: 14618, pValue: 0.5232195347219613, hodgesLehmann: -0.8474999999999999,
            probabilityHeadGreater: 0.41528, tolerance: 1e-12),
        // spread(8, 7) vs spread(300, 8, shift=0.9)
        Oracle(
            name: "exact8v300", base: Samples.spread(8, 7), head: Samples.spread(300, 8, shift: 0.9), method: .exact,
            statistic: 1056, pValue: 0.5704095093316004, hodgesLehmann: 0.6699999999999999,
            probabilityHeadGreater: 0.56),
        // Nine a side is past the exact path even without ties: spread(9, 18) vs spread(9, 19, shift=2.0)
        Oracle(
            name: "n9v9", base: Samples.spread(9, 18), head: Samples.spread(9, 19, shift: 2.0), method: .asymptotic,
            statistic: 28, pValue: 0.28931483238198774, hodgesLehmann: 2.0009999999999994,
            probabilityHeadGreater: 0.654320987654321),
        // Small but tied: the normal approximation with the tie correction.
        Oracle(
            name: "smallTies5v6", base: [1, 2, 2, 3, 5], head: [2, 3, 3, 4, 6, 7], method: .asymptotic, statistic: 7,
            pValue: 0.16304505585423734, hodgesLehmann: 1.0, probabilityHeadGreater: 0.7666666666666667),
        // spread(300, 9) vs spread(400, 10, shift=0.35)
        Oracle(
            name: "asym300v400", base: Samples.spread(300, 9), head: Samples.spread(400, 10, shift: 0.35),
            method: .asymptotic, statistic: 56057, pValue: 0.13647112237563033, hodgesLehmann: 0.3509999999999991,
            probabilityHeadGreater: 0.5328583333333333),
        // tied(500, 11) vs tied(700, 12, shift=0.1)
        Oracle(
            name: "ties500v700", base: Samples.tied(500, 11), head: Samples.tied(700, 12, shift: 0.1),
            method: .asymptotic, statistic: 170967.5, pValue: 0.49569647984547394,
            hodgesLehmann: 0.10000000000000003, probabilityHeadGreater: 0.5115214285714286),
        // tied(20000, 16) vs tied(20001, 17, shift=0.1): many ties, a small real shift.
        Oracle(
            name: "ties20000", base: Samples.tied(20000, 16), head: Samples.tied(20001, 17, shift: 0.1),
            method: .asymptotic, statistic: 196_133_788, pValue: 0.0007883107792916434,
            hodgesLehmann: 0.09999999999999964, probabilityHeadGreater: 0.5096900454977251),
        // Identical samples: p = 1.
        Oracle(
            name: "identical50", base: Samples.spread(50, 13), head: Samples.spread(50, 13), method: .asymptotic,
            statistic: 1250, pValue: 1.0, hodgesLehmann: 0.0, probabilityHeadGreater: 0.5),
        // Every value equal: no spread, p = 1.
        Oracle(
            name: "allEqual", base: [1, 1, 1, 1, 1], head: [1, 1, 1, 1, 1], method: .asymptotic, statistic: 12.5,
            pValue: 1.0, hodgesLehmann: 0.0, probabilityHeadGreater: 0.5),
        // A clear shift: spread(200, 14) vs spread(200, 15, shift=20.0)
        Oracle(
            name: "shift200", base: Samples.spread(200, 14), head: Samples.spread(200, 15, shift: 20.0),
            method: .asymptotic, statistic: 0, pValue: 4.830856390397399e-67, hodgesLehmann: 20.001,
            probabilityHeadGreater: 1.0),
    ]

    @Test(arguments: oracles) func matchesSciPy(_ oracle: Oracle) throws {
        let test = try MannWhitneyU.test(base: oracle.base, head: oracle.head)
        #expect(test.method == oracle.method)
        #expect(test.statistic == oracle.statistic)
        #expect(abs(test.pValue - oracle.pValue) <= oracle.tolerance * oracle.pValue, "p = \(test.pValue)")
        #expect(test.hodgesLehmannShift == oracle.hodgesLehmann)
        #expect(test.probabilityHeadGreater == oracle.probabilityHeadGreater)
        #expect(test.baseCount == oracle.base.count && test.headCount == oracle.head.count)
    }

    @Test func orderOfSamplesDoesNotMatter() throws {
        let base = OracleSamples.spread(300, 9)
        let head = OracleSamples.spread(400, 10, shift: 0.35)
        let unsorted = try MannWhitneyU.test(base: base, head: head)
        let sorted = try MannWhitneyU.test(base: base.sorted(), head: head.sorted().reversed())
        #expect(unsorted == sorted)
    }

    @Test func swappingSidesMirrorsTheStatistic() throws {
        let base = OracleSamples.spread(300, 9)
        let head = OracleSamples.spread(400, 10, shift: 0.35)
        let forward = try MannWhitneyU.test(base: base, head: head)
        let backward = try MannWhitneyU.test(base: head, head: base)
        #expect(backward.statistic == 300 * 400 - forward.statistic)
        #expect(backward.pValue == forward.pValue)
        #expect(backward.hodgesLehmannShift == -forward.hodgesLehmannShift)
        #expect(backward.rankBiserialCorrelation == -forward.rankBiserialCorrelation)
    }

    @Test func emptyAndSingleSamplesAreNotTestable() {
        #expect(throws: NotTestable.tooFewSamples(base: 0, head: 3, minimum: 2)) {
            try MannWhitneyU.test(base: [], head: [1, 2, 3])
        }
        #expect(throws: NotTestable.tooFewSamples(base: 1, head: 3, minimum: 2)) {
            try MannWhitneyU.test(base: [1], head: [1, 2, 3])
        }
        #expect(throws: NotTestable.tooFewSamples(base: 0, head: 0, minimum: 2)) {
            try MannWhitneyU.test(base: [], head: [])
        }
    }

    @Test func nanAndInfinityAreRejectedNotDropped() {
        #expect(throws: NotTestable.nonFiniteSamples(base: 1, head: 0)) {
            try MannWhitneyU.test(base: [1, .nan, 3], head: [1, 2, 3])
        }
        #expect(throws: NotTestable.nonFiniteSamples(base: 0, head: 2)) {
            try MannWhitneyU.test(base: [1, 2, 3], head: [.infinity, 2, -.infinity])
        }
    }

    /// The exact tail sums counts that SciPy divides by `special.binom(n1 + n2, n1)`.
    @Test func exactDistributionCounts() {
        // Arrangements of U for 2 and 3 samples: the coefficients of [5 choose 2]_q.
        let counts = MannWhitneyU.ExactDistribution.arrangementCounts(upTo: 6, smallerCount: 2, largerCount: 3)
        #expect(counts == [1, 1, 2, 2, 2, 1, 1])
        // scipy.special.binom(2008, 8) == 6.464362339080424e+21
        #expect(MannWhitneyU.ExactDistribution.scipyBinomial(2008, 8) == 6.464362339080424e+21)
        // At U = m·n/2 the tail holds half the mass and then some: p clips to 1.
        let p = MannWhitneyU.ExactDistribution.twoSidedPValue(largerU: 8 * 2000 / 2, smallerCount: 8, largerCount: 2000)
        #expect(p == 1)
    }
}
