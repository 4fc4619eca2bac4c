/// The chart's coordinate system: the `viewBox` size. The SVG has no fixed pixel size, so a page
/// scales it to its container (down to a phone's width).
public struct ChartSize: Sendable, Hashable {
    /// Width in viewBox units (CSS pixels at full size).
    public var width: Int
    /// Height in viewBox units.
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// 640 × 360: readable at full size and still legible when a phone scales it down.
    public static let standard = ChartSize(width: 640, height: 360)
}
