/// A base result and the head result it is compared with.
public struct ResultPair: Sendable {
    public var base: BenchmarkResult
    public var head: BenchmarkResult

    /// Why the two runs cannot be compared number for number; empty when they can.
    public var incomparableReasons: [String] {
        var reasons: [String] = []
        func differs<T: Equatable>(_ name: String, _ value: (BenchmarkResult) -> T?, show: (T) -> String) {
            let (left, right) = (value(base), value(head))
            if left != right {
                reasons.append("\(name) differs: \(left.map(show) ?? "none") → \(right.map(show) ?? "none")")
            }
        }
        differs("model", \.model) { $0 }
        differs("request rate", \.requestRate) { $0.description }
        differs("max concurrency", \.maxConcurrency) { String($0) }
        differs("tensor parallel size", \.tensorParallelSize) { String($0) }
        differs("hardware", \.hardware) { $0 }
        differs("dataset", \.dataset) { $0 }
        differs("number of prompts", { $0.metrics["num_prompts"] }, show: formatShortest)
        differs("number of requests", { $0.metrics["num_requests"] }, show: formatShortest)
        differs("percentiles", { Self.percentileSet($0) }, show: { $0.isEmpty ? "none" : $0.joined(separator: ",") })
        for (side, result) in [("base", base), ("head", head)] {
            if let failed = result.failedRequests, failed > 0 {
                reasons.append("\(side) has \(formatShortest(failed)) failed requests")
            }
        }
        return reasons
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
}

/// How the results of two folders are matched.
public struct ResultPairing: Sendable {
    public var pairs: [ResultPair]
    /// Only in head.
    public var added: [BenchmarkResult]
    /// Only in base.
    public var removed: [BenchmarkResult]

    /// Pairs by kind and test (the file path without its extension, and the line of a JSON
    /// Lines file); then, among what is left, a base and a head result that are the only ones
    /// with their model, kind, request rate and concurrency.
    public init(base: [BenchmarkResult], head: [BenchmarkResult]) {
        struct NameKey: Hashable {
            var kind: ResultKind
            var path: String
            var line: Int?
        }
        struct RunKey: Hashable {
            var model: String
            var kind: ResultKind
            var requestRate: RequestRate?
            var maxConcurrency: Int?
        }
        func nameKey(_ result: BenchmarkResult) -> NameKey {
            let path = result.file.hasSuffix(".jsonl") ? result.file.dropLast(6) : result.file.dropLast(5)
            return NameKey(kind: result.kind, path: String(path), line: result.line)
        }
        func runKey(_ result: BenchmarkResult) -> RunKey {
            RunKey(
                model: result.model, kind: result.kind, requestRate: result.requestRate,
                maxConcurrency: result.maxConcurrency)
        }

        var headByName: [NameKey: Int] = [:]
        for (index, result) in head.enumerated() { headByName[nameKey(result)] = index }
        var pairs: [ResultPair] = []
        var pairedHead = Set<Int>()
        var unpairedBase: [BenchmarkResult] = []
        for result in base {
            if let index = headByName[nameKey(result)], !pairedHead.contains(index) {
                pairs.append(ResultPair(base: result, head: head[index]))
                pairedHead.insert(index)
            } else {
                unpairedBase.append(result)
            }
        }
        var unpairedHead = head.indices.filter { !pairedHead.contains($0) }.map { head[$0] }

        // Renamed tests: pair only where the run is unambiguous on both sides.
        let baseByRun = Dictionary(grouping: unpairedBase, by: runKey)
        let headByRun = Dictionary(grouping: unpairedHead, by: runKey)
        var renamed: [(BenchmarkResult, BenchmarkResult)] = []
        for (key, bases) in baseByRun {
            guard bases.count == 1, let heads = headByRun[key], heads.count == 1 else { continue }
            renamed.append((bases[0], heads[0]))
        }
        let renamedBaseFiles = Set(renamed.map { "\($0.0.file):\($0.0.line ?? 0)" })
        let renamedHeadFiles = Set(renamed.map { "\($0.1.file):\($0.1.line ?? 0)" })
        pairs += renamed.map { ResultPair(base: $0.0, head: $0.1) }
        unpairedBase.removeAll { renamedBaseFiles.contains("\($0.file):\($0.line ?? 0)") }
        unpairedHead.removeAll { renamedHeadFiles.contains("\($0.file):\($0.line ?? 0)") }

        self.pairs = pairs.sorted { BenchmarkResult.reportOrder($0.base, $1.base) }
        added = unpairedHead.sorted(by: BenchmarkResult.reportOrder)
        removed = unpairedBase.sorted(by: BenchmarkResult.reportOrder)
    }
}
