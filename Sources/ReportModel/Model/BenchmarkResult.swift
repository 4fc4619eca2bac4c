/// Where a result's model id came from, most reliable first.
public enum ModelSource: String, Sendable {
    /// `model_id` (serving) or `model_name` (vllm-ascend's latency and throughput files).
    case result
    /// The `.commands` sidecar's server or offline command.
    case commands
    /// A serving result of the same folder whose test name shares the model part
    /// (`latency_llama8B_tp1` ↔ `serving_llama8B_tp1_sharegpt`).
    case sibling
    /// Only the test name: the model part of it, e.g. `llama8B`.
    case testName
}

/// Per-request (serving) or per-iteration (latency) samples, in seconds, sorted ascending.
public enum SampleSeries: String, Sendable, CaseIterable {
    case ttft, tpot, itl, e2el
    /// One `generate()` of a latency run's batch.
    case latency
}

/// One benchmark result: a file, or one line of a JSON Lines file.
public struct BenchmarkResult: Sendable {
    /// Path relative to the results folder.
    public var file: String
    /// 1-based line, for JSON Lines files only.
    public var line: Int?
    public var kind: ResultKind
    /// The file stem.
    public var test: String
    /// The test without its request-rate and concurrency suffix, prefixed by its sub-folder:
    /// the results of one sweep share it.
    public var series: String
    /// The model id results are grouped and paired by: ``ModelName/id``, so a ModelScope or
    /// Hugging Face cache path and its HF id are one model (`Qwen/Qwen2.5-7B-Instruct`).
    public var model: String
    /// The model exactly as the result (or its sidecar) gave it: an HF id or a local path.
    /// Shown in JSON as `model`, whose meaning never changes.
    public var rawModel: String
    public var modelSource: ModelSource
    public var tensorParallelSize: Int?
    public var requestRate: RequestRate?
    public var maxConcurrency: Int?
    /// `2xH100`, when the folder says.
    public var hardware: String?
    /// The client's dataset (`sharegpt`, `random 128/128`), when the sidecar says.
    public var dataset: String?
    /// Every numeric scalar of the result under its current vLLM key, in the file's own unit.
    public var metrics: [String: Double]
    /// Every string of the result: `date`, `backend`, `label`, `--metadata` pairs, ….
    public var metadata: [String: String]
    /// Samples for the statistics that need more than a summary, sorted ascending: all of a
    /// series, or its evenly spaced order statistics when it has more than 4,096 (the reader
    /// keeps at most that many per series, so memory does not grow with the files).
    public var samples: [SampleSeries: [Double]]
    /// How many samples each series had in the file, before thinning.
    public var sampleCounts: [SampleSeries: Int]
    /// Per-request values in request order, when the reader was asked to keep them (a diff).
    public var requests: RequestSamples?

    public init(
        file: String, line: Int? = nil, kind: ResultKind, test: String, series: String,
        model: String, rawModel: String? = nil, modelSource: ModelSource, tensorParallelSize: Int? = nil,
        requestRate: RequestRate? = nil, maxConcurrency: Int? = nil, hardware: String? = nil, dataset: String? = nil,
        metrics: [String: Double] = [:], metadata: [String: String] = [:],
        samples: [SampleSeries: [Double]] = [:], sampleCounts: [SampleSeries: Int]? = nil,
        requests: RequestSamples? = nil
    ) {
        self.file = file
        self.line = line
        self.kind = kind
        self.test = test
        self.series = series
        // Normalised here, so every result, however made, groups by the recognisable id.
        self.model = ModelName(model).id
        self.rawModel = rawModel ?? model
        self.modelSource = modelSource
        self.tensorParallelSize = tensorParallelSize
        self.requestRate = requestRate
        self.maxConcurrency = maxConcurrency
        self.hardware = hardware
        self.dataset = dataset
        self.metrics = metrics
        self.metadata = metadata
        self.samples = samples
        self.sampleCounts = sampleCounts ?? samples.mapValues(\.count)
        self.requests = requests
    }

    /// The model as people recognise it: `Qwen/Qwen2.5-7B-Instruct` for
    /// `/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct`, an HF id as it is, the last
    /// component of any other path (see ``ModelName``).
    public var modelDisplayName: String { Self.displayName(ofModel: model) }

    /// The recognisable name of a model id or path (``ModelName/displayName``).
    public static func displayName(ofModel model: String) -> String {
        ModelName(model).displayName
    }

    /// The number of failed requests: `failed`, or `num_prompts − completed` in files that
    /// predate the key.
    public var failedRequests: Double? {
        if let failed = metrics["failed"] { return failed }
        guard let prompts = metrics["num_prompts"], let completed = metrics["completed"] else {
            return nil
        }
        return max(0, prompts - completed)
    }

    /// Whether the run had no successful request (`completed` is 0). vLLM then writes 0.0 for
    /// every TTFT, TPOT, ITL and E2EL statistic (no samples, not zero latency): tables show
    /// them as "–", JSON keeps them as the file has them, beside `completed`.
    public var hasNoSuccessfulRequest: Bool { metrics["completed"] == 0 }

    /// The order of results everywhere: model, kind, request rate (`inf` last), concurrency,
    /// file, line.
    public static func reportOrder(_ lhs: BenchmarkResult, _ rhs: BenchmarkResult) -> Bool {
        if lhs.model != rhs.model { return lhs.model < rhs.model }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        if lhs.requestRate != rhs.requestRate {
            // A result without a rate sorts first.
            guard let left = lhs.requestRate else { return true }
            guard let right = rhs.requestRate else { return false }
            return left < right
        }
        if lhs.maxConcurrency != rhs.maxConcurrency {
            return (lhs.maxConcurrency ?? -1) < (rhs.maxConcurrency ?? -1)
        }
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return (lhs.line ?? 0) < (rhs.line ?? 0)
    }
}
