internal import Foundation

/// Maps a positive domain onto a screen range by log10, with ticks at 1, 2 and 5 × 10^k or at
/// powers of ten.
public struct LogScale: Sendable, Hashable {
    /// The positive data values the scale covers.
    public private(set) var domain: ClosedRange<Double>
    /// Where `domain.lowerBound` lands.
    public var rangeStart: Double
    /// Where `domain.upperBound` lands.
    public var rangeEnd: Double

    /// Nil unless the domain is finite and positive: a log axis cannot show zero.
    public init?(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        guard domain.lowerBound > 0, domain.upperBound.isFinite else { return nil }
        self.domain = domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The screen position of a positive value; a zero-width domain puts everything in the middle.
    public func position(of value: Double) -> Double {
        let lower = log10(domain.lowerBound)
        let extent = log10(domain.upperBound) - lower
        guard extent > 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (log10(value) - lower) / extent * (rangeEnd - rangeStart)
    }

    /// The same scale with its domain widened to 1, 2 or 5 × 10^k when that gives at most
    /// `maximumTickCount` ticks, else to powers of ten.
    public func niced(maximumTickCount: Int) -> LogScale {
        var scale = self
        let lower = Self.roundedTo125(domain.lowerBound, up: false)
        let upper = Self.roundedTo125(domain.upperBound, up: true)
        if Self.ticks125(in: lower...upper).count <= maximumTickCount {
            scale.domain = lower...upper
        } else {
            let lowerPower = Int(log10(domain.lowerBound * (1 + 1e-9)).rounded(.down))
            let upperPower = Int(log10(domain.upperBound * (1 - 1e-9)).rounded(.up))
            scale.domain = Self.decimal(1, power: lowerPower)...Self.decimal(1, power: max(upperPower, lowerPower + 1))
        }
        return scale
    }

    /// Ticks at 1, 2 and 5 × 10^k when at most `maximumCount` of them fit, else at powers of ten
    /// (every second or third power when even those are too many).
    public func ticks(maximumCount: Int) -> [Double] {
        let fine = Self.ticks125(in: domain)
        if fine.count <= maximumCount, fine.count >= 2 { return fine }
        let powers = Self.powers(in: domain)
        let every = max(1, Int((Double(powers.count) / Double(max(maximumCount, 1))).rounded(.up)))
        let kept = powers.filter { $0.power % every == 0 }.map(\.value)
        return kept.count >= 2 || fine.count < 2 ? kept : fine
    }

    /// Label decimals for one tick: `max(0, -floor(log10(tick)))`, so 0.05 shows as "0.05".
    public static func labelDecimals(for tick: Double) -> Int {
        guard tick > 0 else { return 0 }
        return max(0, -Int(log10(tick * (1 + 1e-9)).rounded(.down)))
    }

    /// 2…9 × 10^k inside the domain that are not already ticks, when the ticks skip them and the
    /// domain spans few enough decades for them to stay apart; else none.
    static func minorTicks(in domain: ClosedRange<Double>, besides ticks: [Double]) -> [Double] {
        let all = candidates(in: domain, mantissas: Array(1...9))
        guard all.count <= 60, ticks.count < ticks125(in: domain).count else { return [] }
        return all.map(\.value).filter { !ticks.contains($0) }
    }

    // MARK: - Tick arithmetic

    /// `mantissa × 10^power`, correctly rounded for negative powers too.
    static func decimal(_ mantissa: Int, power: Int) -> Double {
        power >= 0 ? Double(mantissa) * powerOfTen(power) : Double(mantissa) / powerOfTen(-power)
    }

    /// The nearest 1, 2 or 5 × 10^k at or below (or at or above) a positive value.
    static func roundedTo125(_ value: Double, up: Bool) -> Double {
        // The tolerance keeps 1000.0000001 from becoming 2000 and 999.9999999 from becoming 500.
        let nudged = value * (up ? 1 - 1e-9 : 1 + 1e-9)
        let power = Int(log10(nudged).rounded(.down))
        let mantissa = nudged / decimal(1, power: power)
        if up {
            let next = [1, 2, 5, 10].first { Double($0) >= mantissa } ?? 10
            return decimal(next, power: power)
        }
        let previous = [5, 2, 1].first { Double($0) <= mantissa } ?? 1
        return decimal(previous, power: power)
    }

    static func ticks125(in domain: ClosedRange<Double>) -> [Double] {
        candidates(in: domain, mantissas: [1, 2, 5]).map(\.value)
    }

    static func powers(in domain: ClosedRange<Double>) -> [(value: Double, power: Int)] {
        candidates(in: domain, mantissas: [1])
    }

    private static func candidates(in domain: ClosedRange<Double>, mantissas: [Int]) -> [(value: Double, power: Int)] {
        guard domain.lowerBound > 0, domain.upperBound.isFinite else { return [] }
        let lowest = Int(log10(domain.lowerBound).rounded(.down))
        let highest = Int(log10(domain.upperBound).rounded(.up))
        guard highest - lowest < 400 else { return [] }
        let tolerant = (domain.lowerBound * (1 - 1e-9))...(domain.upperBound * (1 + 1e-9))
        var result: [(value: Double, power: Int)] = []
        for power in lowest...highest {
            for mantissa in mantissas {
                let value = decimal(mantissa, power: power)
                if tolerant.contains(value) { result.append((value, power)) }
            }
        }
        return result
    }
}
