/// Maps a numeric domain linearly onto a screen range; the range may run backwards (y grows down).
public struct LinearScale: Sendable, Hashable {
    /// The data values the scale covers.
    public var domain: ClosedRange<Double>
    /// Where `domain.lowerBound` lands.
    public var rangeStart: Double
    /// Where `domain.upperBound` lands.
    public var rangeEnd: Double

    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domain = domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The screen position of a value; values outside the domain extrapolate. A zero-width domain
    /// puts everything in the middle of the range.
    public func position(of value: Double) -> Double {
        let extent = domain.upperBound - domain.lowerBound
        guard extent > 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domain.lowerBound) / extent * (rangeEnd - rangeStart)
    }

    /// The same scale with its domain widened to nice multiples of the tick step.
    public func niced(tickCount: Int) -> LinearScale {
        LinearScale(domain: NiceTicks.nice(domain, count: tickCount), rangeStart: rangeStart, rangeEnd: rangeEnd)
    }

    /// About `count` nice tick values inside the domain.
    public func ticks(count: Int) -> [Double] {
        NiceTicks.ticks(in: domain, count: count)
    }

    /// Label decimals that tell those ticks apart.
    public func tickLabelDecimals(count: Int) -> Int {
        NiceTicks.labelDecimals(in: domain, count: count)
    }
}
