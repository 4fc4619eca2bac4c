/// Which per-request (or per-iteration) samples stand behind a metric, and the test that asks
/// whether a change in it is real.
enum SampleStatistic {
    /// `p99_ttft_ms` → (`.ttft`, p99); `avg_latency` → (`.latency`, mean). Nil for metrics no
    /// sample series stands behind (throughputs, standard deviations, counts).
    static func of(_ key: String) -> (SampleSeries, ComparedStatistic)? {
        if let (statistic, family) = MetricCatalog.parseServingStatistic(key) {
            let series: SampleSeries
            switch family {
            case .ttft: series = .ttft
            case .tpot: series = .tpot
            case .itl: series = .itl
            case .e2el: series = .e2el
            case .clientQueueTime, .e2elIncludingClientQueue: return nil
            }
            return compared(statistic).map { (series, $0) }
        }
        if key == "avg_latency" { return (.latency, .mean) }
        if key.hasSuffix("_latency"), let statistic = compared(String(key.dropLast("_latency".count))) {
            return (.latency, statistic)
        }
        return nil
    }

    private static func compared(_ statistic: String) -> ComparedStatistic? {
        switch statistic {
        case "mean": return .mean
        case "median": return .median
        case _ where MetricCatalog.isPercentileName(statistic):
            return Double(statistic.dropFirst()).map { .percentile($0) }
        default: return nil
        }
    }
}
