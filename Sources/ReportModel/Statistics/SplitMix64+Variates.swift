// Continuous random variates from SplitMix64, built from + − × ÷ and square roots only (all
// correctly rounded by IEEE 754), so they are bitwise reproducible on every platform. The C
// library's `log` is not: glibc picks FMA or non-FMA code by CPU, which can move the last bit.

extension SplitMix64 {
    /// A standard normal variate (Marsaglia's polar method).
    mutating func nextStandardNormal() -> Double {
        while true {
            let u = 2 * nextOpenUnitInterval() - 1
            let v = 2 * nextOpenUnitInterval() - 1
            let radiusSquared = u * u + v * v
            if radiusSquared < 1 && radiusSquared > 0 {
                return u * (-2 * Self.logarithm(radiusSquared) / radiusSquared).squareRoot()
            }
        }
    }

    /// A standard exponential variate (rate 1).
    mutating func nextExponential() -> Double {
        -Self.logarithm(nextOpenUnitInterval())
    }

    /// A Gamma(shape, 1) variate for `shape ≥ 1` (Marsaglia and Tsang, 2000). Its expected
    /// cost is about one normal and one uniform whatever the shape.
    mutating func nextGamma(shape: Double) -> Double {
        precondition(shape >= 1, "nextGamma needs a shape of at least 1, not \(shape)")
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = nextStandardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextOpenUnitInterval()
            let xSquared = x * x
            // The squeeze accepts about 98% of candidates without a logarithm.
            if u < 1 - 0.0331 * xSquared * xSquared { return d * v }
            if Self.logarithm(u) < 0.5 * xSquared + d * (1 - v + Self.logarithm(v)) { return d * v }
        }
    }

    /// The natural logarithm of a positive finite `x`, within a few ulp, from arithmetic alone:
    /// `x = m·2^e` with `m` in [√½, √2), and `ln m = 2·atanh(s)` with `s = (m − 1)/(m + 1)`,
    /// `|s| ≤ 0.172`, summed as an odd series to the 25th power.
    static func logarithm(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "the logarithm needs a positive finite number, not \(x)")
        var exponent = Double(x.exponent)
        var mantissa = x.significand
        if mantissa > 2.squareRoot() {
            mantissa /= 2
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let t = s * s
        // 1 + s²/3 + s⁴/5 + … + s²⁴/25 in Horner's order, written out: a bootstrap draws this
        // hundreds of thousands of times, and a debug build walks an array of coefficients slowly.
        var series = 1 / 25.0
        series = series * t + 1 / 23.0
        series = series * t + 1 / 21.0
        series = series * t + 1 / 19.0
        series = series * t + 1 / 17.0
        series = series * t + 1 / 15.0
        series = series * t + 1 / 13.0
        series = series * t + 1 / 11.0
        series = series * t + 1 / 9.0
        series = series * t + 1 / 7.0
        series = series * t + 1 / 5.0
        series = series * t + 1 / 3.0
        series = series * t + 1
        return exponent * 0.693_147_180_559_945_3 + 2 * s * series
    }
}
