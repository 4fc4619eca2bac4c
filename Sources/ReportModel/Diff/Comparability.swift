/// What a pair's two runs differ in. Two kinds of difference: the **workload** (dataset,
/// prompts, rate, concurrency, percentiles, the requests themselves), which makes the numbers
/// incomparable; and the **system under test** (model, hardware, TP, backend, labels), which is
/// what the user is comparing and is judged, and said in the headline.
/// A replicate left out of its pair because it did not serve the workload of head's first run.
public struct LeftOutRun: Sendable {
    public var run: BenchmarkResult
    /// Whether the run was on the base side.
    public var isBase: Bool
    /// How its workload differs, as ``ResultPair/incomparableReasons(sameKeys:)`` says it.
    public var reasons: [String]
}

extension ResultPair {
    /// The pair with only the runs that served the workload of head's first run, and the runs
    /// left out. Replicates must be of one workload: a history whose prompts changed some runs
    /// ago is judged on the runs since, not on a mean over two workloads. When no base run is
    /// left, nothing is left out, and the pair is incomparable as a whole.
    public func keepingOneWorkload(sameKeys: [String] = []) -> (pair: ResultPair, leftOut: [LeftOutRun]) {
        guard hasReplicates else { return (self, []) }
        let reference = head
        var leftOut: [LeftOutRun] = []
        let keptBase = baseRuns.filter { run in
            let reasons = ResultPair(base: run, head: reference).incomparableReasons(sameKeys: sameKeys)
            if !reasons.isEmpty { leftOut.append(LeftOutRun(run: run, isBase: true, reasons: reasons)) }
            return reasons.isEmpty
        }
        guard !keptBase.isEmpty else { return (self, []) }
        let keptHead = headRuns.dropFirst().filter { run in
            let reasons = ResultPair(base: reference, head: run).incomparableReasons(sameKeys: sameKeys)
            if !reasons.isEmpty { leftOut.append(LeftOutRun(run: run, isBase: false, reasons: reasons)) }
            return reasons.isEmpty
        }
        return (ResultPair(baseRuns: keptBase, headRuns: [reference] + keptHead, labels: labels), leftOut)
    }

    /// Why the two runs did not serve the same workload; empty when they did. `sameKeys` adds
    /// system properties that must agree (`--same`).
    public func incomparableReasons(sameKeys: [String] = []) -> [String] {
        var reasons: [String] = []
        func differs<T: Equatable>(_ name: String, _ value: (BenchmarkResult) -> T?, show: (T) -> String) {
            let (left, right) = (value(base), value(head))
            if left != right {
                reasons.append("\(name) differs: \(left.map(show) ?? "none") → \(right.map(show) ?? "none")")
            }
        }
        differs("request rate", \.requestRate) { $0.description }
        differs("max concurrency", \.maxConcurrency) { String($0) }
        differs("dataset", \.dataset) { $0 }
        differs("number of prompts", { $0.metrics["num_prompts"] }, show: formatShortest)
        differs("number of requests", { $0.metrics["num_requests"] }, show: formatShortest)
        differs("percentiles", { Self.percentileSet($0) }, show: { $0.isEmpty ? "none" : $0.joined(separator: ",") })
        if let requests = requestsDiffer() { reasons.append(requests) }
        for key in sameKeys {
            let (left, right) = (Self.systemProperty(key, of: base), Self.systemProperty(key, of: head))
            if left != right { reasons.append("\(key) differs: \(left ?? "none") → \(right ?? "none") (--same)") }
        }
        return reasons
    }

    /// Whether the runs sent different requests: per-request input lengths that differ, or,
    /// without them, total input tokens that differ while neither run had a failed request (vLLM
    /// counts only successful requests in it).
    func requestsDiffer() -> String? {
        let hint = "a different --seed or dataset sample"
        if let baseInputs = base.requests?.inputLengths, let headInputs = head.requests?.inputLengths {
            guard baseInputs.count == headInputs.count else {
                return "the requests differ: \(baseInputs.count) → \(headInputs.count) requests"
            }
            let different = zip(baseInputs, headInputs).count { $0 != $1 }
            return different == 0
                ? nil : "the requests differ: \(different) of \(baseInputs.count) input lengths (\(hint))"
        }
        guard let baseTokens = base.metrics["total_input_tokens"], let headTokens = head.metrics["total_input_tokens"],
            baseTokens != headTokens, base.failedRequests ?? 0 == 0, head.failedRequests ?? 0 == 0
        else { return nil }
        return
            "the requests differ: total input tokens \(formatShortest(baseTokens)) → \(formatShortest(headTokens)) (\(hint))"
    }

    /// The percentiles a serving result reports (`--metric-percentiles`): `p50`, `p99`, ….
    static func percentileSet(_ result: BenchmarkResult) -> [String]? {
        guard result.kind == .serving else { return nil }
        let percentiles = Set(
            result.metrics.keys.compactMap { key -> String? in
                guard let (statistic, _) = MetricCatalog.parseServingStatistic(key), statistic.hasPrefix("p") else {
                    return nil
                }
                return statistic
            })
        return percentiles.sorted(by: naturalOrder)
    }

    /// A property of the system under test, by the name `--same` and the headline use.
    static func systemProperty(_ key: String, of result: BenchmarkResult) -> String? {
        switch key {
        case "model": result.model
        case "hardware": result.hardware
        case "tp": result.tensorParallelSize.map(String.init)
        default: result.metadata[key]
        }
    }

    /// What differs in the system under test: `[("model", "A", "B")]`.
    public var systemDifferences: [SystemDifference] {
        var differences: [SystemDifference] = []
        for key in ["model", "hardware", "tp", "backend"] {
            let (left, right) = (Self.systemProperty(key, of: base), Self.systemProperty(key, of: head))
            if left != right { differences.append(SystemDifference(property: key, base: left, head: right)) }
        }
        let labelKeys = Set(base.metadata.keys).union(head.metadata.keys).subtracting(Variants.runKeys)
            .subtracting(["backend"])
        for key in labelKeys.sorted() where base.metadata[key] != head.metadata[key] {
            differences.append(SystemDifference(property: key, base: base.metadata[key], head: head.metadata[key]))
        }
        return differences
    }
}

/// One property of the system under test that differs between base and head.
public struct SystemDifference: Sendable, Hashable {
    /// `model`, `hardware`, `tp`, `backend`, `version`, or a metadata key.
    public var property: String
    public var base: String?
    public var head: String?
}
