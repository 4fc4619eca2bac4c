/// The verdict on one metric of one paired result.
public enum Verdict: String, Sendable, CaseIterable {
    /// Worse beyond the threshold, and (with samples) significantly so.
    case regression
    /// Better beyond the threshold, and (with samples) significantly so.
    case improvement
    /// Within the threshold.
    case unchanged
    /// Beyond the threshold, but the samples do not show a real difference.
    case noise
    /// The runs differ in configuration or validity, so their numbers are not compared.
    case incomparable
}

/// How changes are judged.
public struct DiffOptions: Sendable {
    /// A change within this many percent is `unchanged`.
    public var thresholdPercent: Double = 5
    /// Per-metric thresholds, by vLLM key (`p99_ttft_ms`), in percent.
    public var metricThresholds: [String: Double] = [:]
    /// A sample test must reach this significance level for a change to count.
    public var alpha: Double = 0.01

    public init(thresholdPercent: Double = 5, metricThresholds: [String: Double] = [:], alpha: Double = 0.01) {
        self.thresholdPercent = thresholdPercent
        self.metricThresholds = metricThresholds
        self.alpha = alpha
    }

    public func threshold(for metric: String) -> Double {
        metricThresholds[metric] ?? thresholdPercent
    }
}

/// One metric of one paired result: base, head, the change and its verdict.
public struct MetricChange: Sendable {
    public var pair: ResultPair
    /// The vLLM key.
    public var metric: String
    public var base: Double
    public var head: Double
    /// (head − base) / base × 100; nil when base is 0 and head is not, or a value is not finite.
    public var changePercent: Double?
    public var direction: MetricDirection
    public var verdict: Verdict
    /// Of the sample test, when one was made.
    public var pValue: Double?
    /// How the verdict was reached: the test and its numbers, "no samples", or why the runs
    /// are incomparable.
    public var method: String

    /// How much worse (positive) or better (negative) head is, in percent, whatever the
    /// metric's direction: the order of the regression list.
    public var worsening: Double {
        guard let changePercent else { return 0 }
        return direction == .lowerIsBetter ? changePercent : -changePercent
    }
}

/// Everything that changed between two results folders.
public struct ResultDiff: Sendable {
    public var base: ResultFolder
    public var head: ResultFolder
    public var options: DiffOptions
    public var pairing: ResultPairing
    /// One row per directional metric present on both sides of a pair, in report order.
    public var changes: [MetricChange]

    public init(base: ResultFolder, head: ResultFolder, options: DiffOptions = DiffOptions()) {
        self.base = base
        self.head = head
        self.options = options
        pairing = ResultPairing(base: base.results, head: head.results)
        changes = pairing.pairs.flatMap { Self.changes(in: $0, options: options) }
    }

    /// How many rows have `verdict`.
    public func count(_ verdict: Verdict) -> Int {
        changes.count { $0.verdict == verdict }
    }

    /// The regressions, largest worsening first.
    public var regressions: [MetricChange] {
        changes.filter { $0.verdict == .regression }.sorted { $0.worsening > $1.worsening }
    }

    /// The improvements, largest first.
    public var improvements: [MetricChange] {
        changes.filter { $0.verdict == .improvement }.sorted { $0.worsening < $1.worsening }
    }

    static func changes(in pair: ResultPair, options: DiffOptions) -> [MetricChange] {
        let reasons = pair.incomparableReasons
        let shared = Set(pair.base.metrics.keys).intersection(pair.head.metrics.keys)
        let metrics = shared.filter { Self.isJudged($0, among: shared, pair: pair) }
            .compactMap { key in MetricCatalog.info(for: key).flatMap { info in info.direction.map { (key, $0) } } }
            .sorted { MetricOrder.precedes($0.0, $1.0) }
        return metrics.map { key, direction in
            let base = pair.base.metrics[key]!
            let head = pair.head.metrics[key]!
            let change = percentChange(base: base, head: head)
            var row = MetricChange(
                pair: pair, metric: key, base: base, head: head, changePercent: change, direction: direction,
                verdict: .unchanged, pValue: nil, method: "")
            if !reasons.isEmpty {
                row.verdict = .incomparable
                row.method = reasons.joined(separator: "; ")
                return row
            }
            guard base.isFinite, head.isFinite else {
                row.verdict = .incomparable
                row.method = "not a finite number"
                return row
            }
            let threshold = options.threshold(for: key)
            if let change, abs(change) <= threshold {
                row.method = "within \(formatShortest(threshold))%"
                return row
            }
            let worse = direction == .lowerIsBetter ? head > base : head < base
            let verdictIfReal: Verdict = worse ? .regression : .improvement
            guard let (series, statistic) = SampleStatistic.of(key),
                let baseSamples = pair.base.samples[series], let headSamples = pair.head.samples[series]
            else {
                row.verdict = verdictIfReal
                row.method = "no samples; threshold \(formatShortest(threshold))%"
                return row
            }
            let test = SampleStatistic.test(
                base: baseSamples, head: headSamples, statistic: statistic, alpha: options.alpha)
            row.pValue = test.pValue
            row.method = test.method
            row.verdict = test.significant ? verdictIfReal : .noise
            return row
        }
    }

    /// Whether a metric gets a row. Standard deviations do not: the percentiles describe the
    /// spread more robustly, and a std has no sample test behind it. Nor does `p50_*` beside the
    /// `median_*` it equals, nor a metric that is 0 on both sides (`rtfx` of a text model).
    static func isJudged(_ key: String, among keys: Set<String>, pair: ResultPair) -> Bool {
        if key == "std_latency" { return false }
        if let (statistic, family) = MetricCatalog.parseServingStatistic(key) {
            if statistic == "std" { return false }
            if statistic == "p50" && keys.contains(family.key("median")) { return false }
        }
        return !(pair.base.metrics[key] == 0 && pair.head.metrics[key] == 0)
    }

    static func percentChange(base: Double, head: Double) -> Double? {
        guard base.isFinite, head.isFinite else { return nil }
        if base == 0 { return head == 0 ? 0 : nil }
        return (head - base) / abs(base) * 100
    }
}

/// A stable, readable order of metrics in a diff: the catalog's families in the order people
/// read them, then everything else by name.
enum MetricOrder {
    static let leading = [
        "request_throughput", "request_goodput", "output_throughput", "total_token_throughput", "input_throughput",
        "max_output_tokens_per_s", "requests_per_second", "tokens_per_second", "avg_latency",
    ]

    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        rank(lhs) != rank(rhs) ? rank(lhs) < rank(rhs) : naturalOrder(lhs, rhs)
    }

    private static func rank(_ key: String) -> (Int, Int, Int) {
        if let index = leading.firstIndex(of: key) { return (0, index, 0) }
        if let (statistic, family) = MetricCatalog.parseServingStatistic(key) {
            let familyIndex = LatencyFamily.allCases.firstIndex(of: family) ?? 0
            let statisticIndex = ["mean", "median", "std"].firstIndex(of: statistic) ?? 3
            return (1, familyIndex, statisticIndex)
        }
        return (2, 0, 0)
    }
}
