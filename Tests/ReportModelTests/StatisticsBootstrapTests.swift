import Foundation
import Testing

@testable import ReportModel

/// The percentile bootstrap: its generator, its variates, the distribution of what it draws,
/// and its verdicts.
@Suite struct StatisticsBootstrapTests {
    /// Lognormal samples (median `scale`) from our generator; `exp` from the C library is fine
    /// here, since nothing below pins their bits.
    static func lognormal(_ count: Int, seed: UInt64, sigma: Double = 0.5, scale: Double = 1) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in scale * exp(sigma * generator.nextStandardNormal()) }
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // Vigna's splitmix64.c from seed 1234567; the Python twin in the next comment agrees.
        var generator = SplitMix64(seed: 1_234_567)
        #expect(generator.next() == 6_457_827_717_110_365_317)
        #expect(generator.next() == 3_203_168_211_198_807_973)
        #expect(generator.next() == 9_817_491_932_198_370_423)
        // M = 2**64 - 1
        // def next(s): s = (s + 0x9E3779B97F4A7C15) & M; z = s
        //     z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M; z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        //     return s, z ^ (z >> 31)
        // open unit: ((next() >> 11) + 0.5) * 2.0**-53; below(b): Lemire, (next() * b) >> 64 unless rejected
        var seeded = SplitMix64()
        #expect(seeded.next() == 4_250_574_344_193_758_482)
        #expect(seeded.next() == 3_306_101_157_369_411_710)
        #expect(seeded.nextOpenUnitInterval() == 0.3228651302681292)
        #expect((0..<5).map { _ in seeded.nextInt(below: 10) } == [7, 6, 5, 4, 3])
    }

    @Test func portableLogarithmAgreesWithTheCLibrary() {
        let values: [Double] = [
            1e-300, 1e-10, 0.1, 0.5, 0.707_106_781, 0.999_99, 1, 1.000_01, 1.414_213_562, 2, 3, 10, 12345.678, 1e300,
        ]
        for x in values {
            let error = abs(SplitMix64.logarithm(x) - log(x))
            #expect(error <= 4e-16 * max(abs(log(x)), 1e-300), "log(\(x))")
        }
        #expect(SplitMix64.logarithm(1) == 0)
    }

    /// Order statistic 18 (0-based) of a resample of 21 values is sample J with
    /// P(J ≤ j) = P(Binomial(21, (j + 1)/21) ≥ 19):
    /// `[float(scipy.stats.binom.sf(18, 21, (j + 1) / 21)) for j in range(21)]`, rounded.
    static let orderStatisticCDF: [Double] = [
        0, 0, 0, 0, 0, 0, 0, 0.000001, 0.000008, 0.000048, 0.000245, 0.001062, 0.003952, 0.012831, 0.03671,
        0.092931, 0.207745, 0.405843, 0.676902, 0.924277, 1,
    ]

    @Test func drawnOrderStatisticsFollowTheBootstrapDistribution() {
        // p90 of 21 values sits exactly on order statistic 18, so a draw is the index J itself.
        let sampler = ResampledPercentile(sortedSamples: (0...20).map(Double.init), percentile: 90)
        #expect(sampler.lowerRank == 18 && sampler.weight == 0)
        var generator = SplitMix64(seed: 7)
        let draws = 20_000
        var counts = [Int](repeating: 0, count: 21)
        for _ in 0..<draws { counts[Int(sampler.draw(using: &generator))] += 1 }
        // Kolmogorov–Smirnov distance; 1.95/√n is its 99.9% critical value.
        var cumulative = 0
        var distance = 0.0
        for (index, count) in counts.enumerated() {
            cumulative += count
            distance = max(distance, abs(Double(cumulative) / Double(draws) - Self.orderStatisticCDF[index]))
        }
        #expect(distance < 1.95 / Double(draws).squareRoot())
    }

    @Test func drawnMediansHaveTheBootstrapMeanAndSpread() {
        // Brute force with NumPy, 2,000,000 resamples of 0…19:
        // rng = np.random.default_rng(7); x = np.arange(20.0)
        // v = np.concatenate([np.percentile(x[rng.integers(0, 20, size=(100000, 20))], 50, axis=1)
        //                     for _ in range(20)])
        // v.mean() == 9.50026525 (9.5 by symmetry), v.std() == 2.090898803061123
        let sampler = ResampledPercentile(sortedSamples: (0..<20).map(Double.init), percentile: 50)
        var generator = SplitMix64(seed: 11)
        let draws = (0..<20_000).map { _ in sampler.draw(using: &generator) }
        let mean = Statistics.mean(of: draws)!
        let spread = Statistics.standardDeviation(of: draws)!
        #expect(abs(mean - 9.5) < 4 * 2.09 / Double(draws.count).squareRoot())
        #expect(abs(spread - 2.0909) < 0.05)
    }

    /// A Python twin of `PercentileBootstrap` (the generator above, the same variates and
    /// arithmetic, `np.percentile` for the interval) gives the same bits:
    ///
    /// ```python
    /// def logarithm(x):
    ///     m, e = math.frexp(x); m, e = m * 2.0, e - 1
    ///     if m > math.sqrt(2.0): m /= 2.0; e += 1
    ///     s = (m - 1.0) / (m + 1.0); s2 = s * s; series = 0.0
    ///     for c in [1.0 / k for k in range(25, 0, -2)]: series = series * s2 + c
    ///     return float(e) * 0.6931471805599453 + 2.0 * s * series
    /// def normal(g):   # polar
    ///     while True:
    ///         u = 2.0 * g.open_unit() - 1.0; v = 2.0 * g.open_unit() - 1.0; r = u * u + v * v
    ///         if r < 1.0 and r > 0.0: return u * math.sqrt(-2.0 * logarithm(r) / r)
    /// def gamma(g, a):  # Marsaglia–Tsang
    ///     d = a - 1.0 / 3.0; c = 1.0 / math.sqrt(9.0 * d)
    ///     while True:
    ///         while True:
    ///             x = normal(g); v = 1.0 + c * x
    ///             if not v <= 0: break
    ///         v = v * v * v; u = g.open_unit(); x2 = x * x
    ///         if u < 1.0 - 0.0331 * x2 * x2: return d * v
    ///         if logarithm(u) < 0.5 * x2 + d * (1.0 - v + logarithm(v)): return d * v
    /// def draw(g, xs, k, w):
    ///     n = len(xs); before = gamma(g, float(k + 1)); between = -logarithm(g.open_unit())
    ///     after = gamma(g, float(n - k - 1)) if n - k - 1 > 0 else 0.0
    ///     total = before + between + after; idx = lambda u: min(int(float(n) * u), n - 1)
    ///     lo = xs[idx(before / total)]
    ///     return lo if k + 1 >= n else lerp(lo, xs[idx((before + between) / total)], w)
    /// def bootstrap(base, head, p, alpha=0.05, B=2000, seed=0x5EEDBE4C4E9027ED):
    ///     base, head = sorted(base), sorted(head); g = SplitMix64(seed)
    ///     (kb, wb), (kh, wh) = setup(base, p), setup(head, p)   # floor and fraction of (n-1)*(p/100)
    ///     ch = sorted((rh - rb) / rb for rb, rh in ((draw(g, base, kb, wb), draw(g, head, kh, wh))
    ///                                             for _ in range(B)))
    ///     qb, qh = np.percentile(base, p), np.percentile(head, p); r = (qh - qb) / qb
    ///     other = sum(c <= 0 for c in ch) if r > 0 else sum(c >= 0 for c in ch) if r < 0 else B
    ///     return (r, np.percentile(ch, 100 * (alpha / 2)), np.percentile(ch, 100 * (1 - alpha / 2)),
    ///             min(1.0, 2.0 * (other + 1) / (B + 1)))
    /// ```
    struct Twin: Sendable, CustomTestStringConvertible {
        var name: String
        var base: [Double]
        var head: [Double]
        var percentile: Double
        var alpha = 0.05
        var resamples = 2000
        var seed = SplitMix64.defaultSeed
        /// relative change, interval, p-value
        var expected: (Double, Double, Double, Double)

        var testDescription: String { name }
    }

    static let twins: [Twin] = [
        // bootstrap(heavy(500), heavy(400, 7), 99, alpha=0.01)
        Twin(
            name: "heavy p99", base: OracleSamples.heavy(500), head: OracleSamples.heavy(400, 7), percentile: 99,
            alpha: 0.01,
            expected: (0.07279996067700774, -0.8339504895897748, 8.62119329031474, 0.8175912043978011)),
        // bootstrap(heavy(500), heavy(400, 7), 50, alpha=0.05, B=1000, seed=42)
        Twin(
            name: "heavy median, seed 42", base: OracleSamples.heavy(500), head: OracleSamples.heavy(400, 7),
            percentile: 50, resamples: 1000, seed: 42,
            expected: (0.001406338716690113, -0.1215696141964577, 0.13804198421780878, 0.985014985014985)),
        // bootstrap(spread(300, 1, shift=1.0), spread(300, 2, shift=3.0), 90)
        Twin(
            name: "shifted p90", base: OracleSamples.spread(300, 1, shift: 1.0),
            head: OracleSamples.spread(300, 2, shift: 3.0), percentile: 90,
            expected: (0.20024417580658085, 0.14989418422291528, 0.2555175984642312, 0.0009995002498750624)),
        // bootstrap(spread(50, 3, shift=0.5), spread(60, 4, shift=0.5), 100, B=500)
        Twin(
            name: "maximum", base: OracleSamples.spread(50, 3, shift: 0.5),
            head: OracleSamples.spread(60, 4, shift: 0.5), percentile: 100, resamples: 500,
            expected: (9.584970765833853e-05, -0.03415947039537953, 0.04036847158855225, 0.5029940119760479)),
        // bootstrap(spread(50, 3, shift=0.5), spread(60, 4, shift=0.5), 0, B=500)
        Twin(
            name: "minimum", base: OracleSamples.spread(50, 3, shift: 0.5),
            head: OracleSamples.spread(60, 4, shift: 0.5), percentile: 0, resamples: 500,
            expected: (0.0019880715705765427, -0.5851851851851851, 0.709741550695825, 0.6067864271457086)),
    ]

    @Test(arguments: twins) func matchesThePythonTwinBitForBit(_ twin: Twin) throws {
        let result = try PercentileBootstrap.compare(
            base: twin.base, head: twin.head, percentile: twin.percentile, alpha: twin.alpha,
            resamples: twin.resamples, seed: twin.seed)
        #expect(result.relativeChange == twin.expected.0)
        #expect(result.interval.lowerBound == twin.expected.1)
        #expect(result.interval.upperBound == twin.expected.2)
        #expect(result.pValue == twin.expected.3)
    }

    @Test func sameInputSameBits() throws {
        let base = OracleSamples.heavy(500)
        let head = OracleSamples.heavy(400, 7)
        let first = try PercentileBootstrap.compare(base: base, head: head, percentile: 99)
        let second = try PercentileBootstrap.compare(base: base.reversed(), head: head, percentile: 99)
        #expect(first.interval.lowerBound.bitPattern == second.interval.lowerBound.bitPattern)
        #expect(first.interval.upperBound.bitPattern == second.interval.upperBound.bitPattern)
        #expect(first.pValue.bitPattern == second.pValue.bitPattern)
        let reseeded = try PercentileBootstrap.compare(base: base, head: head, percentile: 99, seed: 1)
        #expect(reseeded.interval != first.interval)
    }

    @Test func aTwentyPercentShiftOfP99IsFound() throws {
        for seed in stride(from: UInt64(100), to: 110, by: 2) {
            let base = Self.lognormal(2000, seed: seed, sigma: 0.25)
            let head = Self.lognormal(2000, seed: seed + 1, sigma: 0.25, scale: 1.2)
            let result = try PercentileBootstrap.compare(base: base, head: head, percentile: 99, alpha: 0.01)
            #expect(result.interval.lowerBound > 0, "seed \(seed): \(result.interval)")
            #expect(result.pValue < 0.01)
        }
    }

    @Test func identicalSamplesGiveNoChange() throws {
        let samples = OracleSamples.heavy(300)
        let result = try PercentileBootstrap.compare(base: samples, head: samples, percentile: 95)
        #expect(result.relativeChange == 0)
        #expect(result.pValue == 1)
        #expect(result.interval.contains(0))
        #expect(!result.intervalExcludesZero)
    }

    @Test func theSmallestPValueIsTwoOverBPlusOne() throws {
        let result = try PercentileBootstrap.compare(
            base: OracleSamples.spread(100, 1, shift: 1), head: OracleSamples.spread(100, 2, shift: 50),
            percentile: 50, resamples: 99)
        #expect(result.pValue == 0.02)
        #expect(result.intervalExcludesZero)
    }

    @Test func untestableInputsSayWhy() {
        #expect(throws: NotTestable.nonPositiveBase) {
            try PercentileBootstrap.compare(base: [0, 1, 2], head: [1, 2, 3], percentile: 99)
        }
        #expect(throws: NotTestable.tooFewSamples(base: 1, head: 3, minimum: 2)) {
            try PercentileBootstrap.compare(base: [1], head: [1, 2, 3], percentile: 99)
        }
        #expect(throws: NotTestable.tooFewSamples(base: 0, head: 0, minimum: 2)) {
            try PercentileBootstrap.compare(base: [], head: [], percentile: 99)
        }
        #expect(throws: NotTestable.nonFiniteSamples(base: 0, head: 1)) {
            try PercentileBootstrap.compare(base: [1, 2], head: [1, .nan], percentile: 99)
        }
    }
}
