/// How changes are judged: the equivalence margins, the significance level and what fails CI.
public struct DiffOptions: Sendable {
    /// A change of a mean, median or throughput within this many percent is `unchanged`.
    public var thresholdPercent: Double
    /// The same for percentiles of p90 and above, which move about twice as much from run to
    /// run (p99 of 200 requests rests on two or three of them).
    public var tailThresholdPercent: Double
    /// Per-metric thresholds, by vLLM key (`p99_ttft_ms`), in percent.
    public var metricThresholds: [String: Double]
    /// The significance level of the one-sided tests.
    public var alpha: Double
    /// An unconfirmed change (no samples, no replicates) fails CI only beyond this many percent.
    public var failUnconfirmedPercent: Double
    /// Properties of the system under test that must agree for a pair to be compared: `model`,
    /// `hardware`, `tp`, `backend`, `version`, or a metadata key.
    public var sameKeys: [String]

    public init(
        thresholdPercent: Double = 5, tailThresholdPercent: Double? = nil, metricThresholds: [String: Double] = [:],
        alpha: Double = 0.01, failUnconfirmedPercent: Double = 20, sameKeys: [String] = []
    ) {
        self.thresholdPercent = thresholdPercent
        self.tailThresholdPercent = tailThresholdPercent ?? 2 * thresholdPercent
        self.metricThresholds = metricThresholds
        self.alpha = alpha
        self.failUnconfirmedPercent = failUnconfirmedPercent
        self.sameKeys = sameKeys
    }

    /// The margin of one metric: its own, else the tail margin for percentiles of p90 and
    /// above, else the general one.
    public func threshold(for metric: String) -> Double {
        if let own = metricThresholds[metric] { return own }
        return Self.isTail(metric) ? tailThresholdPercent : thresholdPercent
    }

    /// `p90_ttft_ms`, `p99_itl_ms`, `p99_latency`: a percentile of 90 or above.
    static func isTail(_ metric: String) -> Bool {
        let statistic: String
        if let (name, _) = MetricCatalog.parseServingStatistic(metric) {
            statistic = name
        } else if metric.hasSuffix("_latency") {
            statistic = String(metric.dropLast("_latency".count))
        } else {
            return false
        }
        guard MetricCatalog.isPercentileName(statistic), let p = Double(statistic.dropFirst()) else { return false }
        return p >= 90
    }
}
