/// A fixed-seed pseudo-random generator (Steele, Lea and Flood's SplitMix64, as in Java's
/// `SplittableRandom` and as the seeder of xoshiro), so that every statistic that resamples
/// gives the same bits on every run and machine.
///
/// Only integer arithmetic; the conversions below are ours rather than the standard library's
/// (`Double.random(in:using:)` may change between Swift releases), so a seed pins the output.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The seed the statistics use unless told otherwise.
    public static let defaultSeed: UInt64 = 0x5EED_BE4C_4E90_27ED

    private var state: UInt64

    /// A generator whose output depends only on `seed`.
    public init(seed: UInt64 = SplitMix64.defaultSeed) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double strictly inside (0, 1): the midpoint of one of 2^53 equal cells, so it is
    /// never 0 (whose logarithm is infinite) and never 1.
    mutating func nextOpenUnitInterval() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method (no modulo bias).
    mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }
}
