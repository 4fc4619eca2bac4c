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

    /// The test's verdict and the text printed beside it: `Mann–Whitney U, p = 0.0003, n = 200/200`.
    static func test(
        base: [Double], head: [Double], statistic: ComparedStatistic, alpha: Double
    ) -> (significant: Bool, pValue: Double?, method: String) {
        let comparison = SampleComparison.compare(base: base, head: head, statistic: statistic, alpha: alpha)
        var method = comparison.method
        if let reason = comparison.notTestable {
            return (false, nil, "\(method): not testable (\(reason))")
        }
        if let pValue = comparison.pValue { method += ", \(formatPValue(pValue))" }
        if let interval = comparison.interval {
            method += ", change \(formatPercent(interval.lowerBound)) to \(formatPercent(interval.upperBound))"
        }
        method += ", n = \(comparison.baseCount)/\(comparison.headCount)"
        return (comparison.isSignificant, comparison.pValue, method)
    }

    /// `p = 0.012`, `p = 3.4e-5`, `p < 1e-6`.
    static func formatPValue(_ p: Double) -> String {
        if p < 1e-6 { return "p < 1e-6" }
        if p >= 0.001 { return "p = " + formatShortest((p * 1000).rounded() / 1000) }
        var exponent = 0
        var mantissa = p
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        mantissa = (mantissa * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return "p = \(formatShortest(mantissa))e\(exponent)"
    }

    /// A relative change as `+12.3%`.
    static func formatPercent(_ fraction: Double) -> String {
        let percent = (fraction * 1000).rounded() / 10
        return (percent >= 0 ? "+" : "") + formatShortest(percent) + "%"
    }
}
