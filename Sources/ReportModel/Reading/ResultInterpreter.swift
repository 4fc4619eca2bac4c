/// Turns the fields of one result object into a ``BenchmarkResult``, with every format
/// generation's names and traps (see the format reference): renamed keys, `"inf"` rates,
/// string metadata, latency files in seconds with string percentile keys, vllm-ascend's
/// `model_name`, and per-request arrays in seconds.
struct ResultInterpreter {
    /// Path relative to the results folder.
    var file: String
    var line: Int?
    var name: TestName
    /// The sub-folder the file is in, relative to the results folder ("" at the top).
    var folder: String
    var sidecar: CommandsSidecar?
    /// The most samples kept per series (see ``SampleReduction``).
    var sampleLimit = SampleReduction.maximumKept
    /// Whether to keep per-request values in request order (``RequestSamples``), for a diff.
    var keepsRequests = false

    /// Header keys with string values that are not `--metadata` pairs.
    static let headerStringKeys: Set<String> = [
        "date", "endpoint_type", "backend", "label", "model_id", "tokenizer_id", "model_name",
        "ramp_up_strategy", "version",
    ]

    /// Guesses the kind of a file whose name does not say, from the keys it has.
    static func sniffKind(_ fields: RecordFields) -> ResultKind? {
        let keys = Set(fields.keys)
        if keys.contains("avg_latency") || keys.isSuperset(of: ["latencies", "percentiles"]) {
            return .latency
        }
        if !keys.isDisjoint(with: ["requests_per_second", "tokens_per_second"]) {
            return .throughput
        }
        if !keys.isDisjoint(with: ["model_id", "request_throughput", "request_inthroughput", "output_throughput"])
            || keys.contains(where: { MetricCatalog.parseServingStatistic($0) != nil })
        {
            return .serving
        }
        return nil
    }

    /// The result, or nil when the object is not a usable result of `kind`, and the problems
    /// found either way.
    func interpret(_ fields: RecordFields, as kind: ResultKind) -> (BenchmarkResult?, [Problem]) {
        var problems: [Problem] = []
        func report(_ message: String, key: String) {
            problems.append(Problem(file: file, line: line, message: "\(message) (\(key))"))
        }

        var metrics: [String: Double] = [:]
        var metadata: [String: String] = [:]
        var requestRate = name.requestRate
        var maxConcurrency = name.maxConcurrency

        for key in fields.keys {
            guard let value = fields[key] else { continue }
            let current = MetricCatalog.currentKey(key)
            switch (current, value) {
            case ("request_rate", .number(let number)):
                if let rate = RequestRate(number: number) {
                    requestRate = rate
                } else {
                    report("expected a request rate of 0 or more, found \(number)", key: key)
                }
            case ("request_rate", .string(let text)):
                if let rate = RequestRate(text: text) {
                    requestRate = rate
                } else {
                    report("expected a number or \"inf\", found \(Self.describe(value))", key: key)
                }
            case ("request_rate", .null):
                break
            case ("request_rate", _):
                report("expected a number or \"inf\", found \(Self.describe(value))", key: key)
            case ("max_concurrency", .number(let number)):
                if number >= 0, number == number.rounded(), number < 1e15 {
                    maxConcurrency = Int(number)
                } else {
                    report("expected a whole number of requests, found \(number)", key: key)
                }
            case ("max_concurrency", .null):
                break
            case ("max_concurrency", _):
                report("expected a whole number or null, found \(Self.describe(value))", key: key)
            case (_, .number(let number)):
                metrics[current] = number
            case ("percentiles", .numberObject(let percentiles)) where kind == .latency:
                for (percentile, seconds) in percentiles {
                    if Double(percentile) != nil {
                        metrics["p\(percentile)_latency"] = seconds
                    } else {
                        report("expected a percentile such as \"99\" as key", key: "percentiles.\(percentile)")
                    }
                }
            case ("percentiles", _) where kind == .latency:
                report("expected an object of numbers, found \(Self.describe(value))", key: key)
            case (_, .string(let text)):
                if MetricCatalog.info(for: current) != nil {
                    report("expected a number, found \(Self.describe(value))", key: key)
                } else {
                    metadata[key] = text
                }
            case (_, .null):
                break  // `request_goodput` is null unless `--goodput` was given.
            default:
                if MetricCatalog.info(for: current) != nil {
                    report("expected a number, found \(Self.describe(value))", key: key)
                }
            }
        }

        for key in ["model_id", "model_name"] {
            switch fields[key] {
            case nil, .string, .null: break
            case let value?: report("expected a string, found \(Self.describe(value))", key: key)
            }
        }

        guard Self.hasCoreMetric(metrics, kind: kind) else {
            // A core metric of the wrong type was already reported: that is the reason.
            guard problems.isEmpty else { return (nil, problems) }
            let expected =
                switch kind {
                case .serving: "'request_throughput', 'output_throughput' or 'median_ttft_ms'"
                case .latency: "'avg_latency' or 'percentiles'"
                case .throughput: "'requests_per_second' or 'tokens_per_second'"
                }
            problems.append(
                Problem(
                    file: file, line: line,
                    message: "no \(kind.rawValue) metrics: expected a key such as \(expected)"))
            return (nil, problems)
        }

        let arrays = PerRequestArrays(fields)
        let (allSamples, sampleProblem) = Self.samples(from: arrays, kind: kind)
        if let sampleProblem { report(sampleProblem.message, key: sampleProblem.key) }
        // Bounded as the file is read: see `SampleReduction`.
        let samples = allSamples.mapValues { SampleReduction.sortedAndThinned($0, limit: sampleLimit) }
        let requests =
            keepsRequests && kind == .serving && sampleProblem == nil
            ? Self.requestSamples(from: arrays, itlFloor: samples[.itl].flatMap { Statistics.percentile(of: $0, 90) })
            : nil

        let (model, source) = resolveModel(metadata)
        let tensorParallelSize =
            sidecar?.tensorParallelSize ?? metadata["tensor_parallel_size"].flatMap { Int($0) }
            ?? name.tensorParallelSize
        let series = folder.isEmpty ? name.series : "\(folder)/\(name.series)"
        let result = BenchmarkResult(
            file: file, line: line, kind: kind, test: name.stem, series: series, model: model,
            modelSource: source, tensorParallelSize: tensorParallelSize,
            requestRate: kind == .serving ? requestRate : nil,
            maxConcurrency: kind == .serving ? maxConcurrency : nil,
            hardware: sidecar?.hardware ?? Self.hardware(fromMetadata: metadata),
            dataset: sidecar?.dataset, metrics: metrics, metadata: metadata, samples: samples,
            sampleCounts: allSamples.mapValues(\.count), requests: requests)
        return (result, problems)
    }

    /// `model_id`, `model_name`, the sidecar's commands, then the test name.
    private func resolveModel(_ metadata: [String: String]) -> (String, ModelSource) {
        for key in ["model_id", "model_name"] {
            if let model = metadata[key], !model.isEmpty { return (model, .result) }
        }
        if let model = sidecar?.model { return (model, .commands) }
        return (name.modelGuess, .testName)
    }

    /// `--metadata` keys that name the accelerator, most specific first.
    static let hardwareMetadataKeys = ["hardware", "gpu", "gpu_type", "device", "accelerator"]

    /// The hardware a `--metadata` pair names (`gpu=4xNVIDIA_L40S`), for results without a
    /// sidecar: the sidecar's `gpu_type` is measured on the machine, a label is typed by hand.
    static func hardware(fromMetadata metadata: [String: String]) -> String? {
        for key in hardwareMetadataKeys {
            if let value = metadata[key]?.trimmed(of: " \t\r\n"), !value.isEmpty { return value }
        }
        return nil
    }

    private static func hasCoreMetric(_ metrics: [String: Double], kind: ResultKind) -> Bool {
        switch kind {
        case .serving:
            metrics.keys.contains {
                ["request_throughput", "output_throughput", "total_token_throughput"].contains($0)
                    || MetricCatalog.parseServingStatistic($0) != nil
            }
        case .latency:
            metrics["avg_latency"] != nil || metrics.keys.contains { $0.hasSuffix("_latency") }
        case .throughput:
            metrics["requests_per_second"] != nil || metrics["tokens_per_second"] != nil
        }
    }

    /// `a string "fast"`, `an array`, … for error messages.
    static func describe(_ value: FieldValue) -> String {
        switch value {
        case .string(let text):
            let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
            return "a string \"\(shown)\""
        case .number(let number): return "the number \(number)"
        default: return value.kind.article
        }
    }

    // MARK: - Samples

    /// Per-request samples of a serving result (successful requests only, as vLLM's summary
    /// statistics use them) or per-iteration samples of a latency result, unsorted.
    static func samples(
        from arrays: PerRequestArrays, kind: ResultKind
    ) -> ([SampleSeries: [Double]], (message: String, key: String)?) {
        var samples: [SampleSeries: [Double]] = [:]
        if kind == .latency {
            if let latencies = arrays.latencies, !latencies.isEmpty { samples[.latency] = latencies }
            return (samples, nil)
        }
        guard kind == .serving else { return (samples, nil) }

        if let pooled = arrays.itls?.pooled, !pooled.isEmpty { samples[.itl] = pooled }

        // Every per-request array has one entry per dispatched request.
        let lengths: [(String, Int?)] = [
            ("ttfts", arrays.ttfts?.count), ("latencies", arrays.latencies?.count),
            ("output_lens", arrays.outputLengths?.count), ("itls", arrays.itls?.counts.count),
            ("errors", arrays.errorCount),
        ]
        let present = lengths.compactMap { name, count in count.map { (name, $0) } }
        if let first = present.first, let other = present.first(where: { $0.1 != first.1 }) {
            let message =
                "per-request arrays differ in length: '\(first.0)' has \(first.1), '\(other.0)' has \(other.1)"
            return (samples, (message, other.0))
        }
        guard let requestCount = present.first?.1 else { return (samples, nil) }
        let succeeded = (0..<requestCount).filter { !arrays.failed.contains($0) }

        if let ttfts = arrays.ttfts { samples[.ttft] = succeeded.map { ttfts[$0] } }
        if let endToEnd = arrays.endToEnd {
            samples[.e2el] = succeeded.map { endToEnd[$0] }
            if let ttfts = arrays.ttfts, let outputLengths = arrays.outputLengths {
                samples[.tpot] = succeeded.compactMap { index in
                    PerRequestArrays.tpot(
                        endToEnd: endToEnd[index], ttft: ttfts[index], outputLength: outputLengths[index])
                }
            }
        }
        return (samples.filter { !$0.value.isEmpty }, nil)
    }
}

extension FieldValue {
    /// The numbers of a flat numeric array.
    var numbers: [Double]? {
        if case .numbers(let values) = self { return values }
        return nil
    }
}
