/// The reader's path for one file, from bytes already in memory: for the fuzz targets in `Fuzz/`
/// and the tests that replay their corpus (`Tests/FuzzCorpus/`).
///
/// It does what ``FolderReader`` does with a result file after reading it (classification by
/// name, the `.commands` sidecar, JSON Lines records with resynchronisation after a bad line,
/// interpretation by kind) but without the file system, so a fuzzer spends its time in our code
/// and not in system calls. Keep it in step with `FolderReader.readFile`; the replay tests check
/// that both give the same results and problems for every corpus file.
public enum FuzzEntry {
    /// What one file gave: like a ``ResultFolder`` of that file alone, unsorted.
    public struct Outcome: Sendable {
        public var results: [BenchmarkResult] = []
        public var problems: [Problem] = []
        public var skipped: [SkippedFile] = []
    }

    /// Reads `bytes` as the file `fileName` at the top of a results folder, with `commands` as
    /// the content of its `.commands` sidecar when it has one.
    public static func readFile(named fileName: String, bytes: [UInt8], commands: [UInt8]? = nil) -> Outcome {
        readFile(named: fileName, parsed: FolderReader.parseRecords(bytes), commands: commands)
    }

    /// The same from records already parsed, so one input can be read under many names.
    static func readFile(
        named fileName: String, parsed: ([FolderReader.ParsedRecord], [FolderReader.LocatedSyntaxError]),
        commands: [UInt8]?
    ) -> Outcome {
        var outcome = Outcome()
        let kind: ResultKind?
        switch FileClassification(fileName: fileName) {
        case .result(let named): kind = named
        case .sidecar, .skipped:
            outcome.skipped.append(SkippedFile(file: fileName, reason: "not a result file name"))
            return outcome
        }

        let name = TestName(fileName: fileName)
        var sidecar: CommandsSidecar?
        if let commands {
            do {
                sidecar = try readSidecar(commands)
            } catch {
                outcome.problems.append(Problem(file: name.stem + ".commands", message: FolderReader.describe(error)))
            }
        }

        let (records, syntaxErrors) = parsed
        let isJSONLines = records.count + syntaxErrors.count > 1
        if records.isEmpty && syntaxErrors.isEmpty {
            if kind == nil {
                outcome.skipped.append(SkippedFile(file: fileName, reason: "empty file"))
            } else {
                outcome.problems.append(Problem(file: fileName, message: "empty file"))
            }
            return outcome
        }
        if kind == nil, records.isEmpty {
            outcome.skipped.append(SkippedFile(file: fileName, reason: "not a result (not valid JSON)"))
            return outcome
        }
        for error in syntaxErrors {
            outcome.problems.append(
                Problem(
                    file: fileName, line: isJSONLines ? error.line : nil, message: FolderReader.describe(error.error)))
        }
        for record in records {
            guard let recordKind = kind ?? ResultInterpreter.sniffKind(record.fields) else {
                outcome.skipped.append(SkippedFile(file: fileName, reason: "not a result (no vLLM result keys)"))
                continue
            }
            let interpreter = ResultInterpreter(
                file: fileName, line: isJSONLines ? record.line : nil, name: name, folder: "", sidecar: sidecar)
            let (result, problems) = interpreter.interpret(record.fields, as: recordKind)
            outcome.problems += problems
            if let result { outcome.results.append(result) }
        }
        return outcome
    }

    /// Reads `bytes` as a `.commands` sidecar and asks it everything a report uses (model,
    /// hardware, dataset, TP), so the shell-word splitting runs too.
    public static func readSidecar(_ bytes: [UInt8]) throws(JSONSyntaxError) -> CommandsSidecar {
        var reader = JSONReader(bytes: bytes)
        let sidecar = CommandsSidecar(fields: try RecordFields.read(from: &reader))
        _ = (sidecar.model, sidecar.hardware, sidecar.dataset, sidecar.tensorParallelSize)
        return sidecar
    }

    // MARK: - One fuzz input

    /// The names a fuzz input is read under: one per kind, and one that leaves the kind to the
    /// content (the default `vllm bench serve` name).
    public static let fileNames = [
        "serving_fuzz_tp2_qps_4_concurrency_8.json", "latency_fuzz_tp1.json", "throughput_fuzz_tp1.json",
        "vllm-4.0qps-concurrency8-fuzz-20250507-100754.json",
    ]

    /// One fuzz input is a result file, then optionally a NUL byte and its `.commands` sidecar
    /// (NUL is never valid in JSON, so a result file loses nothing by it).
    public static func split(_ input: [UInt8]) -> (file: [UInt8], commands: [UInt8]?) {
        guard let nul = input.firstIndex(of: 0) else { return (input, nil) }
        return (Array(input[..<nul]), Array(input[(nul + 1)...]))
    }

    /// Reads one fuzz input under every name of ``fileNames`` and returns what each gave, by name.
    public static func read(fuzzInput input: [UInt8]) -> [(fileName: String, outcome: Outcome)] {
        let (file, commands) = split(input)
        let parsed = FolderReader.parseRecords(file)
        return fileNames.map { ($0, readFile(named: $0, parsed: parsed, commands: commands)) }
    }

    /// What must hold for any input, however bad: each problem names the file (or its sidecar)
    /// with a reason, and every file is accounted for as results, problems or a skip. Returns
    /// the violations, empty when all is well.
    public static func violations(of outcome: Outcome, fileName: String) -> [String] {
        var violations: [String] = []
        let sidecarFile = TestName(fileName: fileName).stem + ".commands"
        if outcome.results.isEmpty && outcome.problems.isEmpty && outcome.skipped.isEmpty {
            violations.append("\(fileName): neither a result, a problem nor a skip")
        }
        for problem in outcome.problems {
            if problem.file != fileName && problem.file != sidecarFile {
                violations.append("problem names another file: \(problem)")
            }
            if problem.message.isEmpty { violations.append("problem without a reason: \(problem)") }
            if let line = problem.line, line < 1 { violations.append("problem on line \(line): \(problem)") }
        }
        let kind = TestName(fileName: fileName).kind
        for result in outcome.results {
            if result.file != fileName { violations.append("result names another file: \(result.file)") }
            if let kind, result.kind != kind { violations.append("\(fileName) read as \(result.kind)") }
            if result.kind != .serving && (result.requestRate != nil || result.maxConcurrency != nil) {
                violations.append("\(result.kind) result with a request rate or concurrency")
            }
            if let line = result.line, line < 1 { violations.append("result on line \(line)") }
            if result.model.isEmpty && result.modelSource == .result {
                violations.append("an empty model id taken from the result")
            }
            for (series, samples) in result.samples where samples.isEmpty {
                violations.append("empty \(series) samples")
            }
        }
        return violations
    }

    // MARK: - Rendering input

    /// The fields of a rendering fuzz input, in order, separated by 0xFF bytes (never part of
    /// UTF-8 text); a missing field is empty. Text fields are decoded as UTF-8, invalid bytes
    /// becoming U+FFFD, as the JSON reader decodes them.
    public static let renderingFields = [
        "model id", "test name", "metadata key", "metadata value", "hardware", "second model id",
        "problem", "skipped file", "vLLM version", "numbers (8 bytes each, a Double's bit pattern)",
    ]

    /// A report made from a rendering fuzz input: text from the input in every place where text
    /// from a result file ends up (model ids, test names and so file names, metadata, hardware,
    /// problems, skipped files, the vLLM version), and numbers from it as metrics and samples,
    /// so NaN, infinities, negatives and subnormals reach the tables and charts. Returns the
    /// report and the texts it was made from.
    public static func report(fromRenderingInput input: [UInt8]) -> (report: Report, texts: [String]) {
        let parts = input.split(separator: 0xFF, maxSplits: renderingFields.count - 1, omittingEmptySubsequences: false)
        func field(_ index: Int) -> ArraySlice<UInt8> { index < parts.count ? parts[index] : [] }
        let texts = (0..<renderingFields.count - 1).map { String(decoding: field($0), as: UTF8.self) }
        let (model, test, key, value, hardware, secondModel) = (
            texts[0], texts[1], texts[2], texts[3], texts[4], texts[5]
        )

        let numberBytes = Array(field(renderingFields.count - 1))
        var numbers = stride(from: 0, to: numberBytes.count - 7, by: 8).map { start in
            Double(bitPattern: numberBytes[start..<start + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) })
        }
        if numbers.isEmpty { numbers = [1, 2.5, 40] }
        var next = 0
        func number() -> Double {
            defer { next += 1 }
            return numbers[next % numbers.count]
        }
        func samples(_ count: Int) -> [Double] { (0..<count).map { _ in number() }.sorted() }

        // Assigned one by one: the key from the input may be one of the others.
        var metadata = ["backend": value, "date": value, "label": value]
        metadata[key] = value
        let servingKeys = [
            "completed", "failed", "num_prompts", "request_throughput", "request_goodput", "output_throughput",
            "total_token_throughput", "median_ttft_ms", "p99_ttft_ms", "mean_ttft_ms", "median_tpot_ms",
            "p99_tpot_ms", "median_itl_ms", "p99_itl_ms", "median_e2el_ms", "p99_e2el_ms", "max_output_tokens_per_s",
        ]
        var results: [BenchmarkResult] = []
        for (index, rate) in [RequestRate.perSecond(1), .perSecond(4), .infinite].enumerated() {
            let stem = "serving_\(test)_qps_\(rate)"
            results.append(
                BenchmarkResult(
                    file: stem + ".json", kind: .serving, test: stem, series: "serving_\(test)", model: model,
                    modelSource: .result, tensorParallelSize: index + 1, requestRate: rate, maxConcurrency: 8,
                    hardware: hardware, dataset: value,
                    metrics: Dictionary(uniqueKeysWithValues: servingKeys.map { ($0, number()) }), metadata: metadata,
                    samples: [.ttft: samples(5), .itl: samples(9), .e2el: samples(5), .tpot: samples(5)]))
        }
        results.append(
            BenchmarkResult(
                file: "latency_\(test).json", kind: .latency, test: "latency_\(test)", series: "latency_\(test)",
                model: model, modelSource: .testName, hardware: hardware,
                metrics: ["avg_latency": number(), "p50_latency": number(), "p99_latency": number()],
                metadata: metadata, samples: [.latency: samples(6)]))
        results.append(
            BenchmarkResult(
                file: "throughput_\(test).json", kind: .throughput, test: "throughput_\(test)",
                series: "throughput_\(test)", model: model, modelSource: .sibling,
                metrics: ["requests_per_second": number(), "tokens_per_second": number()], metadata: metadata))
        if !secondModel.isEmpty {
            results.append(
                BenchmarkResult(
                    file: "serving_\(secondModel)_qps_1.json", kind: .serving, test: "serving_\(secondModel)_qps_1",
                    series: "serving_\(secondModel)", model: secondModel, modelSource: .commands,
                    requestRate: .perSecond(1), metrics: ["request_throughput": number(), "median_ttft_ms": number()],
                    metadata: [key: value]))
        }
        var folder = ResultFolder(
            path: "fuzz", results: results, problems: [Problem(file: texts[6], line: 2, message: texts[6])],
            skipped: [SkippedFile(file: texts[7], reason: texts[7])])
        folder.vllmVersion = texts[8].isEmpty ? nil : texts[8]
        return (Report(folder: folder), texts)
    }
}
