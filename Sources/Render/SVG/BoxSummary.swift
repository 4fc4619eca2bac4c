/// The five numbers of a box plot, with quartiles interpolated between closest ranks (numpy's
/// default, as vLLM computes its percentiles).
public struct BoxSummary: Sendable, Hashable {
    public var minimum: Double
    /// The 25th percentile.
    public var lowerQuartile: Double
    public var median: Double
    /// The 75th percentile.
    public var upperQuartile: Double
    public var maximum: Double
    /// How many finite samples there were.
    public var count: Int

    /// Nil when no sample is finite.
    public init?(samples: [Double]) {
        let sorted = EmpiricalCDF(samples: samples).sortedSamples
        guard let first = sorted.first, let last = sorted.last else { return nil }
        minimum = first
        maximum = last
        lowerQuartile = Self.interpolatedQuantile(sorted, 0.25)
        median = Self.interpolatedQuantile(sorted, 0.5)
        upperQuartile = Self.interpolatedQuantile(sorted, 0.75)
        count = sorted.count
    }

    /// numpy's `percentile(..., method="linear")` for a fraction `p` of ascending samples.
    public static func interpolatedQuantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = min(max(p, 0), 1) * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let weight = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * weight
    }
}
