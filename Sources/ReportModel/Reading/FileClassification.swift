/// What to do with one file of a results folder, decided from its name alone (never from the
/// folder's path: a folder named `serving_runs` holds latency files too).
enum FileClassification: Equatable {
    /// A result file; `kind` is nil when the name does not say and the content must.
    case result(kind: ResultKind?)
    /// A `.commands` sidecar, read together with its result.
    case sidecar
    /// Not a result: left out, with the reason.
    case skipped(reason: String)

    init(fileName name: String) {
        let isJSON = name.hasSuffix(".json") || name.hasSuffix(".jsonl")
        if name.hasSuffix(".commands") {
            self = .sidecar
        } else if !isJSON {
            self =
                name == "vllm_env.txt"
                ? .skipped(reason: "environment report (vllm collect-env)")
                : .skipped(reason: "not a JSON file")
        } else if name.hasSuffix(".pytorch.json") {
            self = .skipped(reason: "PyTorch benchmark format (a copy of the result beside it)")
        } else if name.hasSuffix("_sla_summary.json") {
            self = .skipped(reason: "adaptive-concurrency SLA summary")
        } else if name.hasPrefix("benchmark_results.") {
            self = .skipped(reason: "output of a report converter")
        } else if name == "warmup.json" {
            self = .skipped(reason: "warm-up run of vllm bench sweep (not measured)")
        } else if name.hasSuffix(".failure.json") {
            self = .skipped(reason: "failed run of vllm bench sweep (its error, no result)")
        } else if name.hasPrefix("startup_") {
            self = .skipped(reason: "startup benchmark (not reported)")
        } else {
            self = .result(kind: TestName(fileName: name).kind)
        }
    }
}
