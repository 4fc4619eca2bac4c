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

/// Folds runs into trends one run at a time, keeping per trend key only the sum and count of
/// its values in each run: a few numbers per run, whatever the runs' size.
public struct TrendAccumulator: Sendable {
    /// The metrics followed, in display order.
    public let metrics: [String]
    /// The objectives of the capacity trend (``HistoryTrends/capacityMetric``); empty for none.
    public let objectives: [ServiceObjective]

    struct Entry: Sendable {
        var run: Int
        var sum: Double
        var count: Int
    }

    /// Per key, one entry per run that measured it, in the order runs were added.
    private var entries: [TrendKey: [Entry]] = [:]

    public init(metrics: [String] = HistoryTrends.headlineMetrics, objectives: [ServiceObjective] = []) {
        self.metrics = metrics
        self.objectives = objectives
    }

    /// Adds the values of `run`, which is the `index`-th run added (indexes ascend). Results
    /// without a successful request are left out (their latencies are vLLM's 0.0, not
    /// measurements), as are non-finite values.
    public mutating func add(_ run: HistoryRun, index: Int) {
        let labels = run.labels.keys.sorted().map { "\($0)=\(run.labels[$0]!)" }.joined(separator: ", ")
        for result in run.results where !result.hasNoSuccessfulRequest {
            for metric in metrics {
                guard let value = result.metrics[metric], value.isFinite else { continue }
                let key = TrendKey(
                    model: result.model, series: result.series, kind: result.kind, requestRate: result.requestRate,
                    maxConcurrency: result.maxConcurrency, tensorParallelSize: result.tensorParallelSize,
                    hardware: result.hardware, labels: labels, metric: metric)
                add(value, to: key, run: index)
            }
        }
        guard !objectives.isEmpty else { return }
        let report = Report(folder: ResultFolder(path: "", results: run.results))
        for capacity in SweepCapacity.of(report, objectives: objectives) {
            guard let rate = capacity.rateWithinObjectives else { continue }
            let key = TrendKey(
                model: capacity.model, series: capacity.series.name, kind: .serving, requestRate: nil,
                maxConcurrency: nil, tensorParallelSize: nil, hardware: nil, labels: labels,
                metric: HistoryTrends.capacityMetric)
            add(rate, to: key, run: index)
        }
    }

    private mutating func add(_ value: Double, to key: TrendKey, run: Int) {
        if let last = entries[key]?.last, last.run == run {
            entries[key]![entries[key]!.count - 1].sum += value
            entries[key]![entries[key]!.count - 1].count += 1
        } else {
            entries[key, default: []].append(Entry(run: run, sum: value, count: 1))
        }
    }

    /// The trends over a selection of the added runs: `position` maps an added run's index to
    /// its position among the selected runs, or nil to leave it out.
    public func trends(position: (Int) -> Int? = { $0 }) -> [Trend] {
        let order = metrics + [HistoryTrends.capacityMetric]
        var trends: [Trend] = []
        for (key, entries) in entries {
            var selected = entries.compactMap { entry in
                position(entry.run).map { (position: $0, value: entry.sum / Double(entry.count)) }
            }
            guard !selected.isEmpty else { continue }
            // Runs are added in file order, which is history order unless a file was renamed.
            if !zip(selected, selected.dropFirst()).allSatisfy({ $0.position < $1.position }) {
                selected.sort { $0.position < $1.position }
            }
            trends.append(Trend(key: key, runIndexes: selected.map(\.position), values: selected.map(\.value)))
        }
        return trends.sorted { TrendKey.order($0.key, $1.key, metrics: order) }
    }
}

/// Trends and their change points over the runs of one branch (docs/history.md).
public enum HistoryTrends {
    /// The metrics a summary follows: output throughput, median and p99 TTFT and TPOT.
    public static let headlineMetrics = [
        "output_throughput", "median_ttft_ms", "p99_ttft_ms", "median_tpot_ms", "p99_tpot_ms",
    ]

    /// The trend of a serving sweep's capacity within the objectives, in req/s
    /// (``SweepCapacity/rateWithinObjectives``): keyed by sweep, without a rate.
    public static let capacityMetric = "slo_capacity"

    /// What a trend's metric is: the catalog's facts, or, for capacity, its label (naming the
    /// `objectives` it was judged by, when given), req/s, and higher is better.
    public static func info(for metric: String, objectives: [ServiceObjective] = []) -> MetricInfo? {
        guard metric == capacityMetric else { return MetricCatalog.info(for: metric) }
        let within = objectives.isEmpty ? "SLO" : ServiceObjective.listed(objectives)
        return MetricInfo(
            key: metric, label: "Capacity within \(within)", unit: .requestsPerSecond, direction: .higherIsBetter)
    }

    /// The change points of every trend whose new level starts among the last `lastRuns` of
    /// `runCount` runs, largest step first. Detection runs on each whole trend, so a step near
    /// the window's start is judged with the runs before it.
    public static func changes(
        in trends: [Trend], runCount: Int, lastRuns: Int, options: ChangePointOptions = ChangePointOptions()
    ) -> [HistoryChange] {
        let firstInWindow = max(0, runCount - lastRuns)
        // Each change with its trend's position, to order equal steps as the trends are ordered.
        var changes: [(change: HistoryChange, trend: Int)] = []
        for (position, trend) in trends.enumerated() {
            // Values are finite by construction, so detection cannot throw.
            let points = (try? ChangePoints.detect(in: trend.values, options: options)) ?? []
            for point in points where trend.runIndexes[point.index] >= firstInWindow {
                let direction = info(for: trend.key.metric)?.direction
                let isWorse = direction.map { direction in
                    direction == .lowerIsBetter
                        ? point.meanAfter > point.meanBefore : point.meanAfter < point.meanBefore
                }
                let change = HistoryChange(
                    key: trend.key, changePoint: point, lastRunBefore: trend.runIndexes[point.index - 1],
                    firstRunAfter: trend.runIndexes[point.index], isWorse: isWorse)
                changes.append((change, position))
            }
        }
        return changes.sorted { lhs, rhs in
            let left = abs(lhs.change.changePoint.relativeStep)
            let right = abs(rhs.change.changePoint.relativeStep)
            if left != right { return left > right }
            return (lhs.trend, lhs.change.firstRunAfter) < (rhs.trend, rhs.change.firstRunAfter)
        }.map(\.change)
    }
}
