/// What tells apart results of one test that ran the same load in different ways: the metadata
/// labels (`framework=sgl`) that vary between results of one kind, series, model, rate and
/// concurrency. The report draws each variant as its own series; the diff pairs each with its own.
public enum Variants {
    /// Metadata keys that say when or how a run was made, not what ran: never a variant label.
    public static let runKeys: Set<String> = [
        "date", "model_id", "tokenizer_id", "model_name", "version", "label", "endpoint_type", "backend",
    ]

    /// The metadata keys whose values differ between results that agree on kind, series, model,
    /// rate and concurrency.
    public static func keys(_ results: [BenchmarkResult]) -> Set<String> {
        let bySetting = Dictionary(grouping: results) { result in
            [
                result.kind.rawValue, result.series, result.model, result.requestRate?.description ?? "-",
                result.maxConcurrency.map(String.init) ?? "-",
            ]
        }
        var keys = Set<String>()
        for runs in bySetting.values where runs.count > 1 {
            let candidates = Set(runs.flatMap(\.metadata.keys)).subtracting(runKeys)
            for key in candidates where Set(runs.map { $0.metadata[key] }).count > 1 { keys.insert(key) }
        }
        return keys
    }

    /// The result's value of each key; an absent key is an empty value.
    public static func labels(of result: BenchmarkResult, keys: Set<String>) -> [String: String] {
        var labels: [String: String] = [:]
        for key in keys { labels[key] = result.metadata[key] ?? "" }
        return labels
    }

    /// `framework=sgl`, sorted by key; an empty value reads `framework=none`.
    public static func text(of labels: [String: String]) -> [String] {
        labels.keys.sorted().map { "\($0)=\(labels[$0]!.isEmpty ? "none" : labels[$0]!)" }
    }
}
