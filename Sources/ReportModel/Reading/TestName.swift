/// What a result's file name says about it, in the naming schemes of vLLM's and vllm-ascend's
/// `run-performance-benchmarks.sh` (`serving_llama8B_tp1_sharegpt_qps_4_concurrency_200`) and of
/// `vllm bench serve`'s default name (`vllm-4.0qps-concurrency8-Llama-3.1-8B-20250507-100754`).
public struct TestName: Sendable, Equatable {
    /// The file name without `.json` / `.jsonl`.
    public var stem: String
    /// The kind named by the prefix (`serving_`, `latency_`, `throughput_`), if any.
    public var kind: ResultKind?
    /// The test without its request-rate and concurrency suffix: the runs of one sweep share it.
    public var series: String
    public var requestRate: RequestRate?
    public var maxConcurrency: Int?
    /// `tp<N>` in the name (the convention vllm-ascend's tooling relies on).
    public var tensorParallelSize: Int?
    /// The part of the name that stands for the model: `llama8B_tp1` in
    /// `serving_llama8B_tp1_sharegpt_qps_1`. Results of one model share it across kinds.
    public var modelToken: String

    /// The model part without its `_tp<N>`: `llama8B`. The best name there is when nothing else
    /// in the folder names the model.
    public var modelGuess: String {
        guard let tensorParallelSize, modelToken.hasSuffix("_tp\(tensorParallelSize)"),
            modelToken.count > "_tp\(tensorParallelSize)".count
        else { return modelToken }
        return String(modelToken.dropLast("_tp\(tensorParallelSize)".count))
    }

    public init(fileName: String) {
        var stem = fileName
        for suffix in [".jsonl", ".json"] where stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        self.stem = stem
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        kind = parts.count > 1 ? ResultKind(rawValue: parts[0]) : nil

        var seriesEnd = parts.count
        var rate: RequestRate?
        var concurrency: Int?
        for index in parts.indices.dropLast() {
            let value = parts[index + 1]
            if parts[index] == "qps", rate == nil {
                // jq leaves quotes around a string rate that is not exactly "inf".
                rate = RequestRate(text: value.trimmingQuotes)
                seriesEnd = min(seriesEnd, index)
            } else if parts[index] == "concurrency", concurrency == nil, let number = Int(value) {
                concurrency = number
                seriesEnd = min(seriesEnd, index)
            }
        }
        if rate == nil, concurrency == nil {
            (rate, concurrency) = Self.parseDefaultServeName(stem)
        }
        requestRate = rate
        maxConcurrency = concurrency
        series = parts[..<max(seriesEnd, 1)].joined(separator: "_")

        let tpIndex = parts.firstIndex { $0.count > 2 && $0.hasPrefix("tp") && Int($0.dropFirst(2)) != nil }
        tensorParallelSize = tpIndex.flatMap { Int(parts[$0].dropFirst(2)) }
        let tokenStart = kind == nil ? 0 : 1
        let tokenEnd = tpIndex.map { $0 + 1 } ?? seriesEnd
        modelToken =
            tokenStart < tokenEnd && tokenEnd <= parts.count
            ? parts[tokenStart..<tokenEnd].joined(separator: "_") : stem
    }

    /// `{label}-{rate}qps[-concurrency{N}]-{model}-{date}`: the name `vllm bench serve` picks
    /// when `--result-filename` is not given.
    private static func parseDefaultServeName(_ stem: String) -> (RequestRate?, Int?) {
        var rate: RequestRate?
        var concurrency: Int?
        for part in stem.split(separator: "-") {
            if rate == nil, part.hasSuffix("qps") {
                rate = RequestRate(text: String(part.dropLast(3)))
            } else if rate != nil, concurrency == nil, part.hasPrefix("concurrency") {
                concurrency = Int(part.dropFirst("concurrency".count))
            }
        }
        return (rate, concurrency)
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        var text = Substring(self)
        while let first = text.first, first == "'" || first == "\"" { text = text.dropFirst() }
        while let last = text.last, last == "'" || last == "\"" { text = text.dropLast() }
        return String(text)
    }
}
