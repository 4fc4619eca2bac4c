/// A latency target a serving run must meet: a serving statistic (`p99_ttft_ms`) at or below a
/// limit in the file's unit (milliseconds).
public struct ServiceObjective: Sendable, Hashable, CustomStringConvertible {
    /// The vLLM key: `p99_ttft_ms`, `median_tpot_ms`, `mean_e2el_ms`.
    public var metric: String
    /// Milliseconds.
    public var limit: Double

    public init(metric: String, limit: Double) {
        self.metric = metric
        self.limit = limit
    }

    /// The latency limits of MLPerf Inference's server scenario for Llama 2 70B, a known
    /// reference for interactive LLM serving: p99 TTFT at most 2 s and p99 TPOT at most 200 ms.
    public static let defaults = [
        ServiceObjective(metric: "p99_ttft_ms", limit: 2000), ServiceObjective(metric: "p99_tpot_ms", limit: 200),
    ]

    /// Reads `p99_ttft_ms<=500` (also `p99_ttft_ms=500`, `p99_ttft<=500ms`, `p99_ttft<=0.5s`).
    public init?(parsing text: String) {
        let compact = text.filter { !$0.isWhitespace }
        let parts: [Substring]
        if let range = compact.range(of: "<=") {
            parts = [compact[..<range.lowerBound], compact[range.upperBound...]]
        } else {
            parts = compact.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        }
        guard parts.count == 2 else { return nil }
        var metric = String(parts[0])
        if !metric.hasSuffix("_ms") { metric += "_ms" }
        guard let (_, family) = MetricCatalog.parseServingStatistic(metric), family != .clientQueueTime else {
            return nil
        }
        var value = String(parts[1])
        var scale = 1.0
        if value.hasSuffix("ms") {
            value.removeLast(2)
        } else if value.hasSuffix("s") {
            value.removeLast()
            scale = 1000
        }
        guard let number = Double(value), number.isFinite, number > 0 else { return nil }
        self.init(metric: metric, limit: number * scale)
    }

    /// The statistic and family: (`p99`, `.ttft`).
    var parts: (statistic: String, family: LatencyFamily) {
        MetricCatalog.parseServingStatistic(metric)!
    }

    /// `p99 TTFT`.
    public var name: String {
        let (statistic, family) = parts
        return "\(statistic) \(family.displayName)"
    }

    /// `p99 TTFT ≤ 500 ms`.
    public var description: String {
        let limitText =
            limit >= 1000 && limit.truncatingRemainder(dividingBy: 100) == 0
            ? "\(formatShortest(limit / 1000)) s" : "\(formatShortest(limit)) ms"
        return "\(name) ≤ \(limitText)"
    }

    /// `p99 TTFT ≤ 2 s, p99 TPOT ≤ 200 ms`.
    public static func listed(_ objectives: [ServiceObjective]) -> String {
        objectives.map(\.description).joined(separator: ", ")
    }

    /// Whether one request's own value (seconds) meets the objective's limit: the per-request
    /// reading of an objective, for goodput.
    func admits(requestSeconds value: Double) -> Bool {
        value.isFinite && value * 1000 <= limit
    }
}
