// Plain imports, as JSONReader.swift has them: one module may not mix access levels.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The standard normal distribution, for the asymptotic Mann–Whitney p-value.
enum NormalDistribution {
    /// P(Z > z), computed as SciPy's `special.ndtr(-z)` (Cephes): from `erfc` away from the
    /// centre, so a tiny p-value keeps its relative precision instead of rounding to 0 early.
    static func survival(_ z: Double) -> Double {
        let x = -z * 0.5.squareRoot()
        let magnitude = abs(x)
        if magnitude < 0.5.squareRoot() { return 0.5 + 0.5 * erf(x) }
        let tail = 0.5 * erfc(magnitude)
        return x > 0 ? 1 - tail : tail
    }
}
