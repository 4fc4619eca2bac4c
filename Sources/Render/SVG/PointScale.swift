/// Places categories at evenly spaced points across a screen range, like d3's `scalePoint`.
///
/// An optional gap before the last category marks a break in the axis: the request rate `inf`
/// is not one more step after 16.
public struct PointScale: Sendable, Hashable {
    /// How many categories there are.
    public var count: Int
    /// Where the range begins: the first category sits `padding` steps after it.
    public var rangeStart: Double
    /// Where the range ends.
    public var rangeEnd: Double
    /// Space before the first and after the last point, in steps.
    public var padding: Double
    /// Extra space before the last point, in steps.
    public var gapBeforeLast: Double

    public init(count: Int, rangeStart: Double, rangeEnd: Double, padding: Double = 0.5, gapBeforeLast: Double = 0) {
        self.count = count
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.padding = padding
        self.gapBeforeLast = gapBeforeLast
    }

    /// The distance between neighbouring points (negative when the range runs backwards).
    public var step: Double {
        let slots = Double(max(count - 1, 0)) + 2 * padding + (count > 1 ? gapBeforeLast : 0)
        return slots > 0 ? (rangeEnd - rangeStart) / slots : 0
    }

    /// The screen position of the category at `index`.
    public func position(at index: Int) -> Double {
        guard count > 1 || padding > 0 else { return (rangeStart + rangeEnd) / 2 }
        let gap = count > 1 && index == count - 1 ? gapBeforeLast : 0
        return rangeStart + (padding + Double(index) + gap) * step
    }
}
