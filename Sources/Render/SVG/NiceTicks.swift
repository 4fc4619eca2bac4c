internal import Foundation

/// "Nice" tick steps of 1, 2 or 5 × 10^k, and the domains and tick values they give.
///
/// Tick values are computed as whole multiples of the step (divided by an integer when the step
/// is below 1), so they print as `0.3`, never `0.30000000000000004`.
public enum NiceTicks {
    /// A tick step `factor × 10^power`, with `factor` 1, 2 or 5.
    public struct Step: Sendable, Hashable {
        /// 1, 2 or 5.
        public var factor: Int
        /// The power of ten.
        public var power: Int

        public init(factor: Int, power: Int) {
            self.factor = factor
            self.power = power
        }

        /// The step as a number.
        public var value: Double {
            power >= 0 ? Double(factor) * powerOfTen(power) : Double(factor) / powerOfTen(-power)
        }

        /// Digits after the decimal point that tick labels need: `max(0, -floor(log10(step)))`.
        public var labelDecimals: Int { max(0, -power) }

        /// `index × step`, exact for steps below 1 too (the division by a whole number rounds once).
        func multiple(_ index: Double) -> Double {
            let value = power >= 0 ? index * self.value : index / inverse
            return value == 0 ? 0 : value  // No negative zero in a label.
        }

        /// The index of the last multiple at or below `value`, or the first at or above it.
        func index(of value: Double, roundingUp: Bool) -> Double {
            let ratio = power >= 0 ? value / self.value : value * inverse
            return roundingUp ? ratio.rounded(.up) : ratio.rounded(.down)
        }

        /// 1 / step, a whole number when the step is below 1.
        private var inverse: Double { powerOfTen(-power) / Double(factor) }
    }

    /// The nice step for about `count` intervals over `extent`; nil for an empty or invalid extent.
    public static func step(extent: Double, count: Int) -> Step? {
        guard extent.isFinite, extent > 0, count > 0 else { return nil }
        let raw = extent / Double(count)
        // Past these, the step or its inverse is no longer a finite, normal Double (a subnormal
        // extent made `nice` divide 0 by infinity and crash on a NaN domain).
        guard raw >= 1e-300, raw <= 1e300 else { return nil }
        var power = Int(log10(raw).rounded(.down))
        let mantissa = raw / (power >= 0 ? powerOfTen(power) : 1 / powerOfTen(-power))
        // Thresholds at the geometric means, so the chosen step is the nearest on a log scale.
        let factor: Int
        if mantissa >= 50.0.squareRoot() {
            factor = 1
            power += 1
        } else if mantissa >= 10.0.squareRoot() {
            factor = 5
        } else if mantissa >= 2.0.squareRoot() {
            factor = 2
        } else {
            factor = 1
        }
        return Step(factor: factor, power: power)
    }

    /// The domain widened to multiples of its nice step, as d3's `nice()` does.
    public static func nice(_ domain: ClosedRange<Double>, count: Int) -> ClosedRange<Double> {
        var lower = domain.lowerBound
        var upper = domain.upperBound
        var previous: Step?
        // Widening can change the step; a few rounds settle it.
        for _ in 0..<10 {
            guard let step = step(extent: upper - lower, count: count), step != previous else { break }
            let niceLower = step.multiple(step.index(of: lower, roundingUp: false))
            let niceUpper = step.multiple(step.index(of: upper, roundingUp: true))
            guard niceLower.isFinite, niceUpper.isFinite, niceLower <= niceUpper else { break }
            (lower, upper) = (niceLower, niceUpper)
            previous = step
        }
        return lower...upper
    }

    /// The multiples of the nice step that lie inside the domain, in increasing order.
    public static func ticks(in domain: ClosedRange<Double>, count: Int) -> [Double] {
        guard let step = step(extent: domain.upperBound - domain.lowerBound, count: count) else {
            return domain.lowerBound.isFinite ? [domain.lowerBound] : []
        }
        let first = step.index(of: domain.lowerBound, roundingUp: true)
        let last = step.index(of: domain.upperBound, roundingUp: false)
        guard first <= last, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { step.multiple($0) }
    }

    /// Label decimals for ticks of about `count` intervals over the domain.
    public static func labelDecimals(in domain: ClosedRange<Double>, count: Int) -> Int {
        step(extent: domain.upperBound - domain.lowerBound, count: count)?.labelDecimals ?? 0
    }
}

/// 10^power for power ≥ 0, by multiplication: exact up to 10^22, unlike some `pow` implementations.
func powerOfTen(_ power: Int) -> Double {
    var result = 1.0
    for _ in 0..<min(max(power, 0), 400) { result *= 10 }
    return result
}
