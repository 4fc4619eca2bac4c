import Foundation
import Testing

@testable import ReportModel

/// The bootstrap's generator and variates: SplitMix64 bit for bit, the portable logarithm, and
/// the Gamma and exponential draws of the Harrell–Davis bootstrap.
@Suite struct StatisticsGeneratorTests {
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

    /// The Harrell–Davis bootstrap draws its Dirichlet weights as sums of Gamma and exponential
    /// variates: their means and variances must be the distributions' own (Gamma(k), k ≥ 1: k and k).
    @Test(arguments: [1, 3.5, 40])
    func gammaVariatesHaveTheirMeanAndVariance(shape: Double) {
        var generator = SplitMix64(seed: 5)
        let draws = (0..<40_000).map { _ in generator.nextGamma(shape: shape) }
        let mean = Statistics.mean(of: draws)!
        let variance = pow(Statistics.standardDeviation(of: draws)!, 2)
        // Five standard errors: of the mean √(k/n); of the variance about k·√(2/n + 6/(k·n)).
        let count = Double(draws.count)
        #expect(abs(mean - shape) < 5 * (shape / count).squareRoot())
        #expect(abs(variance - shape) < 5 * shape * (2 / count + 6 / (shape * count)).squareRoot())
        #expect(draws.allSatisfy { $0 > 0 })
    }

    @Test func exponentialVariatesHaveMeanAndVarianceOne() {
        var generator = SplitMix64(seed: 9)
        let draws = (0..<40_000).map { _ in generator.nextExponential() }
        #expect(abs(Statistics.mean(of: draws)! - 1) < 5 / 200)
        #expect(abs(pow(Statistics.standardDeviation(of: draws)!, 2) - 1) < 5 * (8.0 / 40_000).squareRoot())
    }
}
