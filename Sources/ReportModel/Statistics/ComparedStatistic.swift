/// The summary of a sample series that a diff compares between base and head.
public enum ComparedStatistic: Sendable, Hashable, CustomStringConvertible {
    /// `np.mean`, vLLM's `mean_*_ms`.
    case mean
    /// `np.median`, vLLM's `median_*_ms`.
    case median
    /// `np.percentile(samples, p)` for p in 0…100, vLLM's `p99_*_ms`.
    case percentile(Double)

    /// `mean`, `median`, `p99`, `p99.9`.
    public var description: String {
        switch self {
        case .mean: "mean"
        case .median: "median"
        case .percentile(let p): "p" + ComparedStatistic.shortText(p)
        }
    }

    /// The statistic of some samples, sorted or not; `nil` when there are none. The mean sums
    /// them in the order given, as `np.mean` does.
    public func value(of samples: [Double]) -> Double? {
        switch self {
        case .mean: Statistics.mean(of: samples)
        case .median: Statistics.median(of: Statistics.sortedAscending(samples))
        case .percentile(let p): Statistics.percentile(of: Statistics.sortedAscending(samples), p)
        }
    }

    /// `99`, `99.9`, `95`: integers without a fraction, others as Swift prints them.
    static func shortText(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
