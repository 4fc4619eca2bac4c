/// One configuration of one metric followed across a history's runs: the same model, sweep,
/// kind, rate, concurrency, TP, hardware and labels.
public struct TrendKey: Sendable, Hashable {
    public var model: String
    public var series: String
    public var kind: ResultKind
    public var requestRate: RequestRate?
    public var maxConcurrency: Int?
    public var tensorParallelSize: Int?
    public var hardware: String?
    /// The run's labels as `k=v` pairs, sorted, joined by `, `; empty without labels.
    public var labels: String
    public var metric: String

    /// Model, series, kind, rate (`inf` last), concurrency, labels, metric (in `metrics` order).
    static func order(_ lhs: TrendKey, _ rhs: TrendKey, metrics: [String]) -> Bool {
        if lhs.model != rhs.model { return lhs.model < rhs.model }
        if lhs.series != rhs.series { return lhs.series < rhs.series }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        if lhs.requestRate != rhs.requestRate {
            guard let left = lhs.requestRate else { return true }
            guard let right = rhs.requestRate else { return false }
            return left < right
        }
        if lhs.maxConcurrency != rhs.maxConcurrency { return (lhs.maxConcurrency ?? -1) < (rhs.maxConcurrency ?? -1) }
        if lhs.tensorParallelSize != rhs.tensorParallelSize {
            return (lhs.tensorParallelSize ?? -1) < (rhs.tensorParallelSize ?? -1)
        }
        if lhs.hardware != rhs.hardware { return (lhs.hardware ?? "") < (rhs.hardware ?? "") }
        if lhs.labels != rhs.labels { return lhs.labels < rhs.labels }
        return (metrics.firstIndex(of: lhs.metric) ?? .max, lhs.metric) < (
            metrics.firstIndex(of: rhs.metric) ?? .max, rhs.metric
        )
    }
}

/// A metric's values over the runs that measured it, in history order.
public struct Trend: Sendable {
    public var key: TrendKey
    /// Indexes into the runs the trend was built from, ascending.
    public var runIndexes: [Int]
    /// One value per run: the mean when a run has several results of the key (replicates).
    public var values: [Double]
}

/// A change point of a trend, placed in the history: between which commits the step happened.
public struct HistoryChange: Sendable {
    public var key: TrendKey
    public var changePoint: ChangePoint
    /// The last run of the old level and the first of the new one (indexes into the runs).
    public var lastRunBefore: Int
    public var firstRunAfter: Int
    /// Whether the step is worse by the metric's direction; nil for a metric without one.
    public var isWorse: Bool?
}

/// Trends and their change points over the runs of one branch (docs/history.md).
public enum HistoryTrends {
    /// The metrics a summary follows: output throughput, median and p99 TTFT and TPOT.
    public static let headlineMetrics = [
        "output_throughput", "median_ttft_ms", "p99_ttft_ms", "median_tpot_ms", "p99_tpot_ms",
    ]

    /// The trends of `metrics` over `runs` (which should be one branch, in history order).
    /// Results without a successful request are left out (their latencies are vLLM's 0.0, not
    /// measurements), as are non-finite values.
    public static func trends(of runs: [HistoryRun], metrics: [String] = headlineMetrics) -> [Trend] {
        var sums: [TrendKey: [Int: (sum: Double, count: Int)]] = [:]
        for (runIndex, run) in runs.enumerated() {
            let labels = run.labels.keys.sorted().map { "\($0)=\(run.labels[$0]!)" }.joined(separator: ", ")
            for result in run.results where !result.hasNoSuccessfulRequest {
                for metric in metrics {
                    guard let value = result.metrics[metric], value.isFinite else { continue }
                    let key = TrendKey(
                        model: result.model, series: result.series, kind: result.kind,
                        requestRate: result.requestRate, maxConcurrency: result.maxConcurrency,
                        tensorParallelSize: result.tensorParallelSize, hardware: result.hardware, labels: labels,
                        metric: metric)
                    let previous = sums[key, default: [:]][runIndex] ?? (0, 0)
                    sums[key, default: [:]][runIndex] = (previous.sum + value, previous.count + 1)
                }
            }
        }
        return sums.keys.sorted { TrendKey.order($0, $1, metrics: metrics) }.map { key in
            let byRun = sums[key]!
            let indexes = byRun.keys.sorted()
            return Trend(
                key: key, runIndexes: indexes, values: indexes.map { byRun[$0]!.sum / Double(byRun[$0]!.count) })
        }
    }

    /// The change points of every trend whose new level starts among the last `lastRuns` runs,
    /// largest step first. Detection runs on each whole trend, so a step near the window's
    /// start is judged with the runs before it.
    public static func changes(
        in runs: [HistoryRun], metrics: [String] = headlineMetrics, lastRuns: Int,
        options: ChangePointOptions = ChangePointOptions()
    ) -> [HistoryChange] {
        let firstInWindow = max(0, runs.count - lastRuns)
        var changes: [HistoryChange] = []
        for trend in trends(of: runs, metrics: metrics) {
            // Values are finite by construction, so detection cannot throw.
            let points = (try? ChangePoints.detect(in: trend.values, options: options)) ?? []
            for point in points where trend.runIndexes[point.index] >= firstInWindow {
                let direction = MetricCatalog.info(for: trend.key.metric)?.direction
                let isWorse = direction.map { direction in
                    direction == .lowerIsBetter
                        ? point.meanAfter > point.meanBefore : point.meanAfter < point.meanBefore
                }
                changes.append(
                    HistoryChange(
                        key: trend.key, changePoint: point, lastRunBefore: trend.runIndexes[point.index - 1],
                        firstRunAfter: trend.runIndexes[point.index], isWorse: isWorse))
            }
        }
        return changes.sorted { lhs, rhs in
            let left = abs(lhs.changePoint.relativeStep)
            let right = abs(rhs.changePoint.relativeStep)
            if left != right { return left > right }
            return TrendKey.order(lhs.key, rhs.key, metrics: metrics)
        }
    }
}
