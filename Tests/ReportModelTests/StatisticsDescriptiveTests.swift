import Testing

@testable import ReportModel

/// Samples made from integer formulas, so Python makes the same doubles for the oracles:
///
/// ```python
/// def spread(n, k=0, div=1000.0, shift=0.0):   # no ties for n <= 10007
///     return [((i * 7919 + k) % 10007) / div + shift for i in range(n)]
/// def tied(n, k=0, shift=0.0):                  # 97 distinct values
///     return [((i * 7919 + k) % 97) / 10.0 + shift for i in range(n)]
/// def heavy(n, k=0):                            # a Pareto-like tail, up to 10007
///     return [1.0 / (1.0 - ((i * 7919 + k) % 10007) / 10007.0) for i in range(n)]
/// ```
enum OracleSamples {
    static func spread(_ count: Int, _ offset: Int = 0, divisor: Double = 1000, shift: Double = 0) -> [Double] {
        (0..<count).map { (i: Int) -> Double in residue(i, offset, modulo: 10007) / divisor + shift }
    }

    static func tied(_ count: Int, _ offset: Int = 0, shift: Double = 0) -> [Double] {
        (0..<count).map { (i: Int) -> Double in residue(i, offset, modulo: 97) / 10.0 + shift }
    }

    static func heavy(_ count: Int, _ offset: Int = 0) -> [Double] {
        (0..<count).map { (i: Int) -> Double in
            let uniform: Double = residue(i, offset, modulo: 10007) / 10007.0
            return 1.0 / (1.0 - uniform)
        }
    }

    /// (i·7919 + offset) mod m, as a double.
    static func residue(_ i: Int, _ offset: Int, modulo: Int) -> Double {
        Double((i * 7919 + offset) % modulo)
    }
}

/// Percentile, median, mean and standard deviation against NumPy 2.4 (`np.percentile`,
/// `np.median`, `np.mean`, `np.std`), bit for bit.
@Suite struct StatisticsDescriptiveTests {
    /// `[(p, float(np.percentile(sorted(heavy(1000)), p))) for p in ...]`
    static let heavyPercentiles: [(Double, Double)] = [
        (0, 1.0), (1, 1.0105947412887648), (10, 1.1121361537447458), (25, 1.3328009448728442),
        (50, 2.0018023626753383), (75, 4.003210067325201), (90, 10.006072858593024), (95, 19.994392071254634),
        (99, 94.4932532581207), (99.9, 500.85035000004507), (100, 1000.7),
    ]

    @Test func percentilesMatchNumPy() {
        let samples = OracleSamples.heavy(1000).sorted()
        for (p, expected) in Self.heavyPercentiles {
            #expect(Statistics.percentile(of: samples, p)?.bitPattern == expected.bitPattern, "p\(p)")
        }
        // np.percentile(heavy(1001, 5), 99) == 99.0792079207924
        #expect(Statistics.percentile(of: OracleSamples.heavy(1001, 5).sorted(), 99) == 99.0792079207924)
        // s = spread(10, 1): np.percentile(s, 90) == 8.0855, np.percentile(s, 33.3) == 3.3060349999999996
        let ten = OracleSamples.spread(10, 1).sorted()
        #expect(Statistics.percentile(of: ten, 90) == 8.0855)
        #expect(Statistics.percentile(of: ten, 33.3) == 3.3060349999999996)
    }

    @Test func tinySamples() {
        // np.percentile([0.25], 99) == 0.25; np.mean([0.25]) == 0.25; np.std([0.25]) == 0.0
        #expect(Statistics.percentile(of: [0.25], 99) == 0.25)
        #expect(Statistics.median(of: [0.25]) == 0.25)
        #expect(Statistics.mean(of: [0.25]) == 0.25)
        #expect(Statistics.standardDeviation(of: [0.25]) == 0)
        // np.percentile([0.1, 0.7], 99) == 0.694; (…, 50) == 0.39999999999999997; (…, 25) == 0.25
        #expect(Statistics.percentile(of: [0.1, 0.7], 99) == 0.694)
        #expect(Statistics.percentile(of: [0.1, 0.7], 50) == 0.39999999999999997)
        #expect(Statistics.percentile(of: [0.1, 0.7], 25) == 0.25)
        #expect(Statistics.percentile(of: [], 50) == nil)
        #expect(Statistics.median(of: []) == nil)
        #expect(Statistics.mean(of: []) == nil)
        #expect(Statistics.standardDeviation(of: []) == nil)
    }

    @Test func medianIsTheMeanOfTheMiddlePairNotAnInterpolation() {
        // np.median([a, b]) == 35.14479835821974 but np.percentile([a, b], 50) == 35.14479835821973
        let pair = [11.863205664088776, 58.426391052350695]
        #expect(Statistics.median(of: pair) == 35.14479835821974)
        #expect(Statistics.percentile(of: pair, 50) == 35.14479835821973)
        // np.median(heavy(1000)) == 2.0018023626753383; np.median(heavy(1001, 5)) == 2.0018003600720142
        #expect(Statistics.median(of: OracleSamples.heavy(1000).sorted()) == 2.0018023626753383)
        #expect(Statistics.median(of: OracleSamples.heavy(1001, 5).sorted()) == 2.0018003600720142)
    }

    @Test func meanAndStandardDeviationMatchNumPyPairwiseSums() {
        // np.mean(heavy(1000)) == 7.600300462425031; np.std(heavy(1000)) == 40.15834421479348
        let heavy = OracleSamples.heavy(1000)
        #expect(Statistics.mean(of: heavy) == 7.600300462425031)
        #expect(Statistics.standardDeviation(of: heavy) == 40.15834421479348)
        // s = spread(10, 1): np.mean(s) == 4.6148; np.std(s) == 2.9979685055050194
        #expect(Statistics.mean(of: OracleSamples.spread(10, 1)) == 4.6148)
        #expect(Statistics.standardDeviation(of: OracleSamples.spread(10, 1)) == 2.9979685055050194)
        // Past 128 values the sum splits recursively.
        // s = spread(100001, 3): np.mean(s) == 5.003057699423006; np.std(s) == 2.8887864776576353
        let large = OracleSamples.spread(100_001, 3)
        #expect(Statistics.mean(of: large) == 5.003057699423006)
        #expect(Statistics.standardDeviation(of: large) == 2.8887864776576353)
    }

    @Test func nanPropagatesThroughTheMean() {
        #expect(Statistics.mean(of: [1, .nan, 3])?.isNaN == true)
        #expect(Statistics.standardDeviation(of: [1, .nan, 3])?.isNaN == true)
    }
}
