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

    /// 480 × 340: a phone's column (about 360 px) scales it by three quarters, so 15-unit text
    /// stays above 11 px; a desktop column scales it up.
    public static let standard = ChartSize(width: 480, height: 340)
}
