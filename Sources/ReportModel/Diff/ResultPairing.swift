/// The runs of one configuration on each side of a diff: usually one result each; several when
/// a side ran the same test more than once (JSON Lines appends, `vllm bench sweep`'s
/// `run=N.json`), and those are replicates.
public struct ResultPair: Sendable {
    /// Every base run of the configuration, in report order.
    public var baseRuns: [BenchmarkResult]
    /// Every head run of the configuration, in report order.
    public var headRuns: [BenchmarkResult]
    /// What sets this configuration apart from others of its sweep on both sides: the metadata
    /// labels that vary within a folder (`framework=vllm`), sorted by key.
    public var labels: [String: String]

    /// The first base run: the one whose file and identity are shown.
    public var base: BenchmarkResult { baseRuns[0] }
    /// The first head run.
    public var head: BenchmarkResult { headRuns[0] }

    public init(baseRuns: [BenchmarkResult], headRuns: [BenchmarkResult], labels: [String: String] = [:]) {
        precondition(!baseRuns.isEmpty && !headRuns.isEmpty, "a pair has a run on each side")
        self.baseRuns = baseRuns
        self.headRuns = headRuns
        self.labels = labels
    }

    public init(base: BenchmarkResult, head: BenchmarkResult) {
        self.init(baseRuns: [base], headRuns: [head])
    }

    /// Whether either side has more than one run.
    public var hasReplicates: Bool { baseRuns.count > 1 || headRuns.count > 1 }

    /// `base`'s metric, averaged over its runs; nil when a run lacks it.
    public func baseValue(_ key: String) -> Double? { Self.average(key, of: baseRuns) }
    /// `head`'s metric, averaged over its runs.
    public func headValue(_ key: String) -> Double? { Self.average(key, of: headRuns) }

    static func average(_ key: String, of runs: [BenchmarkResult]) -> Double? {
        var sum = 0.0
        for run in runs {
            guard let value = run.metrics[key] else { return nil }
            sum += value
        }
        return sum / Double(runs.count)
    }
}

/// How the results of two folders are matched: by configuration, never by position.
///
/// A configuration is the kind, model, request rate, concurrency and the metadata labels that
/// tell variants apart within a folder (a key such as `framework` whose value differs between
/// results that agree on everything else). Results of one configuration on one side are
/// replicates of each other. Configurations pair when they also share the test's series name;
/// what is left pairs by configuration alone where exactly one candidate remains on each side
/// (a renamed test), then by series name, rate and concurrency where that is unambiguous (the
/// model itself changed: what the user is comparing).
public struct ResultPairing: Sendable {
    public var pairs: [ResultPair]
    /// Only in head.
    public var added: [BenchmarkResult]
    /// Only in base.
    public var removed: [BenchmarkResult]

    struct Group {
        var kind: ResultKind
        var series: String
        var model: String
        var requestRate: RequestRate?
        var maxConcurrency: Int?
        var labels: [String: String]
        var runs: [BenchmarkResult]

        func key(series: Bool, model: Bool) -> String {
            var parts = [kind.rawValue, requestRate?.description ?? "-", maxConcurrency.map(String.init) ?? "-"]
            if series { parts.append(self.series) }
            if model { parts.append(self.model) }
            for key in labels.keys.sorted() { parts += [key, labels[key]!] }
            return parts.joined(separator: "\u{1F}")
        }
    }

    public init(base: [BenchmarkResult], head: [BenchmarkResult]) {
        let variantKeys = Variants.keys(base).union(Variants.keys(head))
        var baseGroups = Self.groups(base, variantKeys: variantKeys)
        var headGroups = Self.groups(head, variantKeys: variantKeys)
        var pairs: [ResultPair] = []
        for (series, model) in [(true, true), (false, true), (true, false)] {
            let exact = series && model
            let bases = Dictionary(grouping: baseGroups.indices) { baseGroups[$0].key(series: series, model: model) }
            let heads = Dictionary(grouping: headGroups.indices) { headGroups[$0].key(series: series, model: model) }
            var pairedBase = Set<Int>()
            var pairedHead = Set<Int>()
            for (key, baseIndices) in bases {
                guard let headIndices = heads[key] else { continue }
                // The full key is unique per side by construction; a looser one pairs only
                // where it is unambiguous.
                guard exact || (baseIndices.count == 1 && headIndices.count == 1) else { continue }
                let (b, h) = (baseGroups[baseIndices[0]], headGroups[headIndices[0]])
                pairs.append(ResultPair(baseRuns: b.runs, headRuns: h.runs, labels: b.labels))
                pairedBase.insert(baseIndices[0])
                pairedHead.insert(headIndices[0])
            }
            baseGroups = baseGroups.indices.filter { !pairedBase.contains($0) }.map { baseGroups[$0] }
            headGroups = headGroups.indices.filter { !pairedHead.contains($0) }.map { headGroups[$0] }
        }
        self.pairs = pairs.sorted { BenchmarkResult.reportOrder($0.base, $1.base) }
        added = headGroups.flatMap(\.runs).sorted(by: BenchmarkResult.reportOrder)
        removed = baseGroups.flatMap(\.runs).sorted(by: BenchmarkResult.reportOrder)
    }

    /// Results grouped by configuration; runs within a group in report order.
    static func groups(_ results: [BenchmarkResult], variantKeys: Set<String>) -> [Group] {
        var groups: [String: Group] = [:]
        var order: [String] = []
        for result in results.sorted(by: BenchmarkResult.reportOrder) {
            let labels = Variants.labels(of: result, keys: variantKeys)
            let group = Group(
                kind: result.kind, series: result.series, model: result.model, requestRate: result.requestRate,
                maxConcurrency: result.maxConcurrency, labels: labels, runs: [result])
            let key = group.key(series: true, model: true)
            if groups[key] == nil {
                groups[key] = group
                order.append(key)
            } else {
                groups[key]!.runs.append(result)
            }
        }
        return order.map { groups[$0]! }
    }
}
