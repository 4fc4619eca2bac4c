/// The unit a metric is written in, in the result file.
public enum MetricUnit: String, Sendable {
    case milliseconds = "ms"
    case seconds = "s"
    case requestsPerSecond = "req/s"
    case tokensPerSecond = "tok/s"
    case requests
    case tokens
    case percent = "%"
    case dimensionless = ""
}

/// Which way a metric improves. Counts and configuration have no direction: they say whether a
/// run is valid or comparable, not how fast it was.
public enum MetricDirection: String, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
}

/// The per-request statistic families of a serving result (`--percentile-metrics`).
public enum LatencyFamily: String, Sendable, CaseIterable {
    case ttft, tpot, itl, e2el
    case clientQueueTime = "client_queue_time"
    case e2elIncludingClientQueue = "e2el_including_client_queue"

    /// The short upper-case name people use: TTFT, TPOT, ITL, E2EL.
    public var displayName: String {
        switch self {
        case .ttft: "TTFT"
        case .tpot: "TPOT"
        case .itl: "ITL"
        case .e2el: "E2EL"
        case .clientQueueTime: "Queue time"
        case .e2elIncludingClientQueue: "E2EL incl. queue"
        }
    }

    /// The key of one statistic of this family: `median_ttft_ms`, `p99_itl_ms`.
    public func key(_ statistic: String) -> String {
        "\(statistic)_\(rawValue)_ms"
    }
}

/// What is known about one metric key: its label, unit and direction.
public struct MetricInfo: Sendable, Equatable {
    /// The current vLLM key.
    public var key: String
    /// A short human label, without the unit: "Output throughput", "TTFT p99".
    public var label: String
    public var unit: MetricUnit
    /// Nil for counts and configuration.
    public var direction: MetricDirection?
    /// For the statistics families: the family and the statistic (`mean`, `median`, `std`, `p99`).
    public var family: LatencyFamily?
    public var statistic: String?

    init(
        key: String, label: String, unit: MetricUnit, direction: MetricDirection?, family: LatencyFamily? = nil,
        statistic: String? = nil
    ) {
        self.key = key
        self.label = label
        self.unit = unit
        self.direction = direction
        self.family = family
        self.statistic = statistic
    }
}

/// The one table of metric facts: units and directions come from here, never from guessing at
/// names elsewhere.
public enum MetricCatalog {
    /// Keys that older vLLM versions wrote under another name, mapped to the current name.
    public static let renamedKeys: [String: String] = [
        "request_goodput:": "request_goodput",  // 2024-10-20 … 2025-07-01
        "request_inthroughput": "request_throughput",  // 2024-02-12 … 2024-03-27
    ]

    /// The current name of a key as found in a file.
    public static func currentKey(_ key: String) -> String {
        renamedKeys[key] ?? key
    }

    /// Facts about a key, or nil for a key this table does not know (it is still reported).
    public static func info(for key: String) -> MetricInfo? {
        if let fixed = fixed[key] { return fixed }
        if let (statistic, family) = parseServingStatistic(key) {
            return MetricInfo(
                key: key, label: "\(family.displayName) \(statistic)", unit: .milliseconds,
                direction: .lowerIsBetter, family: family, statistic: statistic)
        }
        if let statistic = parseLatencyPercentile(key) {
            return MetricInfo(
                key: key, label: "Latency \(statistic)", unit: .seconds, direction: .lowerIsBetter,
                statistic: statistic)
        }
        return nil
    }

    /// Splits `p99.9_ttft_ms` into (`p99.9`, `.ttft`); `mean`, `median`, `std` and `p<P>`.
    public static func parseServingStatistic(_ key: String) -> (String, LatencyFamily)? {
        guard key.hasSuffix("_ms") else { return nil }
        let body = key.dropLast(3)
        guard let separator = body.firstIndex(of: "_") else { return nil }
        let statistic = String(body[..<separator])
        guard let family = LatencyFamily(rawValue: String(body[body.index(after: separator)...])),
            isStatisticName(statistic)
        else { return nil }
        return (statistic, family)
    }

    /// `p99_latency` → `p99` (latency files' `percentiles`, renamed to keys).
    private static func parseLatencyPercentile(_ key: String) -> String? {
        guard key.hasSuffix("_latency") else { return nil }
        let statistic = String(key.dropLast("_latency".count))
        return isPercentileName(statistic) ? statistic : nil
    }

    private static func isStatisticName(_ text: String) -> Bool {
        text == "mean" || text == "median" || text == "std" || isPercentileName(text)
    }

    /// `p99`, `p50`, `p99.9`: "p", digits, optionally "." and digits.
    static func isPercentileName(_ text: String) -> Bool {
        guard text.first == "p" else { return false }
        let number = text.dropFirst()
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        return (parts.count == 1 || parts.count == 2)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
    }

    private static func entry(
        _ key: String, _ label: String, _ unit: MetricUnit, _ direction: MetricDirection? = nil
    ) -> (String, MetricInfo) {
        (key, MetricInfo(key: key, label: label, unit: unit, direction: direction))
    }

    private static let fixed: [String: MetricInfo] = Dictionary(
        uniqueKeysWithValues: [
            // Serving: configuration and counts (validity, not speed).
            entry("num_prompts", "Prompts", .requests),
            entry("burstiness", "Burstiness", .dimensionless),
            entry("duration", "Duration", .seconds),
            entry("completed", "Completed", .requests),
            entry("failed", "Failed", .requests),
            entry("total_input_tokens", "Input tokens", .tokens),
            entry("total_output_tokens", "Output tokens", .tokens),
            entry("max_concurrent_requests", "Peak concurrent requests", .requests),
            entry("total_input_sequences", "Input sequences", .requests),
            entry("ramp_up_start_rps", "Ramp-up start", .requestsPerSecond),
            entry("ramp_up_end_rps", "Ramp-up end", .requestsPerSecond),
            entry("best_of", "Best of", .dimensionless),
            entry("probe_completed", "Probe completed", .requests),
            entry("probe_failed", "Probe failed", .requests),
            entry("spec_decode_num_drafts", "Spec-decode drafts", .dimensionless),
            entry("spec_decode_draft_tokens", "Spec-decode draft tokens", .tokens),
            entry("spec_decode_accepted_tokens", "Spec-decode accepted tokens", .tokens),
            entry("diffusion_committed_tokens", "Diffusion committed tokens", .tokens),
            entry("diffusion_denoising_steps", "Diffusion denoising steps", .dimensionless),
            entry("diffusion_canvas_positions", "Diffusion canvas positions", .dimensionless),
            entry("diffusion_steps_per_canvas", "Diffusion steps per canvas", .dimensionless),
            entry("diffusion_committed_per_step", "Diffusion committed per step", .dimensionless),
            // Serving: speed.
            entry("request_throughput", "Request throughput", .requestsPerSecond, .higherIsBetter),
            entry("request_goodput", "Request goodput", .requestsPerSecond, .higherIsBetter),
            entry("output_throughput", "Output throughput", .tokensPerSecond, .higherIsBetter),
            entry("total_token_throughput", "Total token throughput", .tokensPerSecond, .higherIsBetter),
            entry("input_throughput", "Input throughput", .tokensPerSecond, .higherIsBetter),
            entry("max_output_tokens_per_s", "Peak output throughput", .tokensPerSecond, .higherIsBetter),
            entry("input_sequence_throughput", "Input sequence throughput", .requestsPerSecond, .higherIsBetter),
            entry("rtfx", "Inverse real-time factor", .dimensionless, .higherIsBetter),
            entry("spec_decode_acceptance_rate", "Spec-decode acceptance rate", .percent, .higherIsBetter),
            entry("spec_decode_acceptance_length", "Spec-decode acceptance length", .tokens, .higherIsBetter),
            entry(
                "diffusion_committed_throughput", "Diffusion committed throughput", .tokensPerSecond, .higherIsBetter),
            entry("probe_median_e2el_ms", "Probe E2EL median", .milliseconds, .lowerIsBetter),
            entry("probe_p99_e2el_ms", "Probe E2EL p99", .milliseconds, .lowerIsBetter),
            entry("probe_max_e2el_ms", "Probe E2EL max", .milliseconds, .lowerIsBetter),
            // Latency (seconds in the file).
            entry("avg_latency", "Latency mean", .seconds, .lowerIsBetter),
            entry("std_latency", "Latency std", .seconds, .lowerIsBetter),
            // Throughput. `elapsed_time` is the same measurement as the two rates, so it carries
            // no direction of its own and a slower run is not counted twice.
            entry("elapsed_time", "Elapsed time", .seconds),
            entry("num_requests", "Requests", .requests),
            entry("total_num_tokens", "Total tokens", .tokens),
            entry("requests_per_second", "Request throughput", .requestsPerSecond, .higherIsBetter),
            entry("tokens_per_second", "Token throughput", .tokensPerSecond, .higherIsBetter),
        ])
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
