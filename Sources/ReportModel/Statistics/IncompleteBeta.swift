// Plain imports, as NormalDistribution.swift has them: one module may not mix access levels.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The regularised incomplete beta function I_x(a, b), the Beta(a, b) distribution function,
/// for the Harrell–Davis weights and Student's t.
enum IncompleteBeta {
    /// I_x(a, b) for a, b > 0: 0 at x ≤ 0, 1 at x ≥ 1, within about 1e-13 relative elsewhere.
    ///
    /// The continued fraction (modified Lentz) converges fast for x < (a + 1)/(a + b + 2); past
    /// that, I_x(a, b) = 1 − I_{1−x}(b, a) puts x on the fast side. The prefactor
    /// xᵃ(1 − x)ᵇ/(a·B(a, b)) is taken in logarithms (`lgamma`, `log1p`) so that a = 199 does not
    /// overflow.
    static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "the incomplete beta needs a, b > 0, not \(a), \(b)")
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) {
            return 1 - lowerSide(1 - x, a: b, b: a)
        }
        return lowerSide(x, a: a, b: b)
    }

    /// I_x(a, b) by the continued fraction, for x on its fast side.
    private static func lowerSide(_ x: Double, a: Double, b: Double) -> Double {
        let logPrefactor = a * log(x) + b * log1p(-x) + lgamma(a + b) - lgamma(a) - lgamma(b)
        return exp(logPrefactor) * continuedFraction(x, a: a, b: b) / a
    }

    /// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of I_x(a, b) (Numerical Recipes'
    /// `betacf`), evaluated by the modified Lentz method.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        // Lentz replaces an exact zero by a tiny number so that no step divides by zero.
        let tiny = 1e-300
        let epsilon = 1e-16
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        // Convergence takes O(√max(a, b)) steps; the cap only guards against a runaway loop.
        for m in 1...10_000 {
            let m = Double(m)
            let twoM = 2 * m
            // The even step d₂ₘ.
            var numerator = m * (b - m) * x / ((a + twoM - 1) * (a + twoM))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // The odd step d₂ₘ₊₁.
            numerator = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < epsilon { break }
        }
        return result
    }
}
