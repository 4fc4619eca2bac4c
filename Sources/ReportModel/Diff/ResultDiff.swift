/// The verdict on one metric of one paired result, or of one sweep.
public enum Verdict: String, Sendable, CaseIterable {
    /// Worse beyond the threshold, confirmed by the tests (or, without them, beyond the limit
    /// for unconfirmed changes): fails CI.
    case regression
    /// Better beyond the threshold, confirmed by the tests.
    case improvement
    /// Within the threshold.
    case unchanged
    /// Beyond the threshold, but the tests do not confirm it (across the sweep, or at all).
    case noise
    /// Beyond the threshold with nothing to test it on: no per-request samples, no replicates.
    case unconfirmed
    /// The runs served different workloads, so their numbers are not compared.
    case incomparable
}

/// One metric of one paired result: base, head, the change, its evidence and its verdict.
public struct MetricChange: Sendable {
    public var pair: ResultPair
    /// The vLLM key; `failed` for the failure share.
    public var metric: String
    /// The file's own value (averaged over replicate runs).
    public var base: Double
    public var head: Double
    /// (head − base) / base × 100; nil when base is 0 and head is not, or a value is not finite.
    public var changePercent: Double?
    public var direction: MetricDirection
    public var verdict: Verdict
    /// The equivalence margin applied, in percent.
    public var threshold: Double
    /// The test behind the verdict, when there was one.
    public var evidence: MetricEvidence?
    /// Why there was no test.
    public var missingEvidence: MissingEvidence?
    /// The index of the row's sweep finding in ``ResultDiff/sweeps``.
    public var sweep: Int?
    /// Whether this row alone fails CI: a strong single-rate regression, an unconfirmed change
    /// beyond the limit, or a rise in failed requests.
    public var failsCI: Bool
    /// How the verdict was reached, in words: the test and its numbers, "no samples", or why the
    /// runs are incomparable.
    public var method: String

    /// The one-sided p-value in the direction of the change, when a test was made.
    public var pValue: Double? {
        guard let evidence else { return nil }
        return worsening >= 0 ? evidence.pWorse : evidence.pBetter
    }

    /// How much worse (positive) or better (negative) head is, in percent, whatever the
    /// metric's direction.
    public var worsening: Double {
        guard let changePercent else { return 0 }
        return direction == .lowerIsBetter ? changePercent : -changePercent
    }
}

/// One metric across the rates of one sweep, judged as a whole.
public struct SweepFinding: Sendable {
    /// The model, kind, series and labels the sweep shares: its first pair.
    public var pair: ResultPair
    public var metric: String
    public var direction: MetricDirection
    /// Indices into ``ResultDiff/changes``, by rate.
    public var rows: [Int]
    /// The mean worsening of the tested rates, in percent.
    public var meanWorsening: Double
    /// Stouffer's combination of the tested rates' one-sided p-values towards "worse".
    public var zWorse: Double?
    /// How many rates had a test.
    public var testedRates: Int
    public var threshold: Double
    /// `regression`, `improvement`, `unchanged`, `noise`, or `unconfirmed` when no rate had a
    /// test.
    public var verdict: Verdict
}

/// Everything that changed between two results folders, and whether CI should fail.
public struct ResultDiff: Sendable {
    public var base: ResultFolder
    public var head: ResultFolder
    public var options: DiffOptions
    public var pairing: ResultPairing
    /// One row per judged metric present on both sides of a pair, in report order.
    public var changes: [MetricChange]
    /// One per metric and sweep, for sweeps with at least one compared rate.
    public var sweeps: [SweepFinding]
    /// The incomparable pairs and why.
    public var incomparable: [(pair: ResultPair, reasons: [String])]
    /// Replicates left out of their pair for serving another workload than head's first run
    /// (``ResultPair/keepingOneWorkload(sameKeys:)``).
    public var leftOutRuns: [LeftOutRun]
    /// When the base side is a history's last runs of a branch rather than a results folder.
    public var baseline: HistoryBaseline?

    public init(base: ResultFolder, head: ResultFolder, options: DiffOptions = DiffOptions()) {
        self.init(base: base, head: head, options: options, baseline: nil)
    }

    /// Judges `head` against the last runs of a branch: each configuration's runs in the
    /// history are the base side's replicates, and base values are their mean.
    public init(baseline: HistoryBaseline, head: ResultFolder, options: DiffOptions = DiffOptions()) {
        self.init(base: baseline.folder, head: head, options: options, baseline: baseline)
    }

    init(base: ResultFolder, head: ResultFolder, options: DiffOptions, baseline: HistoryBaseline?) {
        self.baseline = baseline
        self.base = base
        self.head = head
        self.options = options
        pairing = ResultPairing(base: base.results, head: head.results)
        var leftOutRuns: [LeftOutRun] = []
        pairing.pairs = pairing.pairs.map { pair in
            let (kept, leftOut) = pair.keepingOneWorkload(sameKeys: options.sameKeys)
            leftOutRuns += leftOut
            return kept
        }
        self.leftOutRuns = leftOutRuns
        var changes: [MetricChange] = []
        var incomparable: [(ResultPair, [String])] = []
        for pair in pairing.pairs {
            let reasons = pair.incomparableReasons(sameKeys: options.sameKeys)
            if !reasons.isEmpty { incomparable.append((pair, reasons)) }
            changes += Self.changes(in: pair, reasons: reasons, options: options)
        }
        sweeps = SweepJudgement.judge(&changes, options: options)
        self.changes = changes
        self.incomparable = incomparable
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

    /// Whether CI fails: a sweep-level regression, or a row that fails on its own.
    public var failsCI: Bool {
        sweeps.contains { $0.verdict == .regression } || changes.contains(where: \.failsCI)
    }

    /// Whether no metric of any pair got a verdict: nothing was compared, which never passes.
    public var comparedNothing: Bool {
        !changes.contains { $0.verdict != .incomparable }
    }

    /// The exit status: 0 no regression, 1 CI fails, 2 nothing compared.
    public var exitStatus: Int32 {
        if comparedNothing { return 2 }
        return failsCI ? 1 : 0
    }

    /// What differs in the system under test across the compared pairs, each once: what the
    /// user is comparing. The vLLM version comes from the folders' environment reports.
    public var systemDifferences: [SystemDifference] {
        var seen = Set<SystemDifference>()
        var differences: [SystemDifference] = []
        if base.vllmVersion != head.vllmVersion {
            differences.append(SystemDifference(property: "version", base: base.vllmVersion, head: head.vllmVersion))
        }
        for pair in pairing.pairs {
            for difference in pair.systemDifferences where seen.insert(difference).inserted {
                differences.append(difference)
            }
        }
        return differences
    }

    static func changes(in pair: ResultPair, reasons: [String], options: DiffOptions) -> [MetricChange] {
        let shared = pair.baseRuns.dropFirst().reduce(Set(pair.base.metrics.keys)) { $0.intersection($1.metrics.keys) }
            .intersection(pair.headRuns.reduce(Set(pair.head.metrics.keys)) { $0.intersection($1.metrics.keys) })
        let metrics = shared.filter { Self.isJudged($0, among: shared, pair: pair) }
            .compactMap { key in MetricCatalog.info(for: key).flatMap { info in info.direction.map { (key, $0) } } }
            .sorted { MetricOrder.precedes($0.0, $1.0) }
        var rows = metrics.map { key, direction in
            let base = pair.baseValue(key)!
            let head = pair.headValue(key)!
            var row = MetricChange(
                pair: pair, metric: key, base: base, head: head, changePercent: percentChange(base: base, head: head),
                direction: direction, verdict: .unchanged, threshold: options.threshold(for: key), evidence: nil,
                missingEvidence: nil, sweep: nil, failsCI: false, method: "")
            if !reasons.isEmpty {
                row.verdict = .incomparable
                row.method = reasons.joined(separator: "; ")
            } else if !base.isFinite || !head.isFinite {
                row.verdict = .incomparable
                row.method = "not a finite number"
            } else {
                switch MetricEvidenceTest.evidence(for: key, direction: direction, pair: pair) {
                case .success(let evidence): row.evidence = evidence
                case .failure(let missing): row.missingEvidence = missing
                }
            }
            return row
        }
        if reasons.isEmpty, let failures = FailureShare.change(in: pair, alpha: options.alpha) { rows.append(failures) }
        return rows
    }

    /// Whether a metric gets a row. Standard deviations do not: the percentiles describe the
    /// spread more robustly, and a std has no test behind it. Nor does `p50_*` beside the
    /// `median_*` it equals, nor a metric that is 0 on both sides (`rtfx` of a text model).
    static func isJudged(_ key: String, among keys: Set<String>, pair: ResultPair) -> Bool {
        if key == "std_latency" { return false }
        if let (statistic, family) = MetricCatalog.parseServingStatistic(key) {
            if statistic == "std" { return false }
            if statistic == "p50" && keys.contains(family.key("median")) { return false }
        }
        return !(pair.baseValue(key) == 0 && pair.headValue(key) == 0)
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
