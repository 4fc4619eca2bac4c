import Foundation
import Testing

@testable import ReportModel

/// Files that a crashed or killed benchmark, a careless script or an attacker can leave in a
/// results folder. For each: no crash, bounded time, the good files of the same folder reported
/// exactly as when read alone, the bad file named with its reason, and the documented exit
/// status from the built binary (0 with problems, 2 with `--strict` or when nothing was read).
// A guard against hangs (a FIFO read, a runaway loop), not a speed test: the whole run shares two
// cores with the simulations, so these tests can wait most of a minute before they start.
@Suite(.timeLimit(.minutes(10)))
struct HostileInputTests {
    // MARK: - The good files every hostile folder also holds

    /// Good files of every kind (with detailed arrays and a sidecar). Their names share no model
    /// part with the hostile files (`hostile`), so no model is adopted across them.
    static let goodFiles: [String: String] = [
        "serving_good_tp1_qps_4.json": Fixture.oldServing,
        "serving_good_tp1_qps_16_concurrency_200.json": Fixture.currentServing,
        "latency_good_tp1.json": Fixture.latency,
        "latency_good_tp1.commands": Fixture.servingCommands,
        "throughput_good_tp1.json": Fixture.ascendThroughput,
    ]

    /// The good files read alone, by file.
    static let goodAlone: [String: BenchmarkResult] = {
        let folder = try! TemporaryFolder(goodFiles)
        let read = try! FolderReader.read(folder.path)
        precondition(read.problems.isEmpty && read.results.count == 4, "the good files are not good: \(read.problems)")
        return Dictionary(uniqueKeysWithValues: read.results.map { ($0.file, $0) })
    }()

    /// A folder of the good files and `hostile` (raw bytes by relative path).
    static func folder(_ hostile: [String: [UInt8]]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(goodFiles)
        for (name, bytes) in hostile { try folder.write(name, Data(bytes)) }
        return folder
    }

    /// Every good file is reported, with exactly the result it gives alone, and has no problem.
    static func expectGoodFilesIntact(_ read: ResultFolder, sourceLocation: SourceLocation = #_sourceLocation) {
        for (file, alone) in goodAlone.sorted(by: { $0.key < $1.key }) {
            let matching = read.results.filter { $0.file == file }
            #expect(matching.count == 1, "\(file) reported \(matching.count) times", sourceLocation: sourceLocation)
            guard let result = matching.first else { continue }
            #expect(sameResult(result, alone), "\(file) differs from its reading alone", sourceLocation: sourceLocation)
        }
        let goodProblems = read.problems.filter { goodFiles.keys.contains($0.file) }
        #expect(goodProblems.isEmpty, "\(goodProblems)", sourceLocation: sourceLocation)
    }

    /// Field by field, numbers by bit pattern (so NaN equals NaN).
    static func sameResult(_ lhs: BenchmarkResult, _ rhs: BenchmarkResult) -> Bool {
        lhs.file == rhs.file && lhs.line == rhs.line && lhs.kind == rhs.kind && lhs.test == rhs.test
            && lhs.series == rhs.series && lhs.model == rhs.model && lhs.modelSource == rhs.modelSource
            && lhs.tensorParallelSize == rhs.tensorParallelSize && lhs.requestRate == rhs.requestRate
            && lhs.maxConcurrency == rhs.maxConcurrency && lhs.hardware == rhs.hardware && lhs.dataset == rhs.dataset
            && lhs.metadata == rhs.metadata
            && lhs.metrics.mapValues(\.bitPattern) == rhs.metrics.mapValues(\.bitPattern)
            && lhs.samples.mapValues { $0.map(\.bitPattern) } == rhs.samples.mapValues { $0.map(\.bitPattern) }
    }

    /// `file` has a problem whose message contains `reason`.
    static func expectProblem(
        _ read: ResultFolder, file: String, line: Int? = nil, _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let problems = read.problems.filter { $0.file == file && (line == nil || $0.line == line) }
        #expect(
            problems.contains { $0.message.contains(reason) }, "\(file): expected '\(reason)' in \(problems)",
            sourceLocation: sourceLocation)
    }

    // MARK: - Cases of one bad file beside the good ones

    /// One bad file (or a few), and what the reader must say about each.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: [UInt8]]
        /// Expected problems: file and a fragment of the reason.
        var problems: [(file: String, reason: String)]
        /// Results the hostile files themselves still give.
        var results = 0
        var testDescription: String { name }

        init(_ name: String, _ files: [String: [UInt8]], problems: [(String, String)], results: Int = 0) {
            self.name = name
            self.files = files
            self.problems = problems.map { (file: $0.0, reason: $0.1) }
            self.results = results
        }

        init(_ name: String, file: String, _ text: String, problem: String?, results: Int = 0) {
            self.init(name, [file: Array(text.utf8)], problems: problem.map { [(file, $0)] } ?? [], results: results)
        }
    }

    static let serving = "serving_hostile_qps_1.json"
    static let latency = "latency_hostile_tp1.json"

    static let cases: [Case] = [
        Case("empty file", file: serving, "", problem: "empty file"),
        Case("white space only", file: serving, " \n\t\r\n", problem: "empty file"),
        Case(
            "bytes that are not UTF-8 outside strings", [serving: [0x7B, 0xFF, 0xFE, 0x7D]],
            problems: [(serving, "not valid JSON")]),
        Case(
            "bytes that are not UTF-8 inside strings (read as U+FFFD)",
            [
                serving: Array(#"{"model_id": "m"#.utf8) + [0xC3, 0x28, 0xFF, 0xC0, 0xAF]
                    + Array(#"", "median_ttft_ms": 1.0}"#.utf8)
            ],
            problems: [], results: 1),
        Case(
            "JSON Lines with CR LF line ends", file: "serving_hostile_crlf_tp1.jsonl",
            [Fixture.statisticsOnly(rate: "1.0"), Fixture.statisticsOnly(rate: "2.0")].joined(separator: "\r\n")
                + "\r\n",
            problem: nil, results: 2),
        Case(
            "UTF-16 with its byte-order mark", [serving: [0xFF, 0xFE] + Array("{}".utf16).flatMap { [UInt8($0), 0] }],
            problems: [(serving, "not valid JSON")]),
        Case(
            "a UTF-8 byte-order mark before a good file", [latency: [0xEF, 0xBB, 0xBF] + Array(Fixture.latency.utf8)],
            problems: [], results: 1),
        Case("binary garbage", [serving: garbage(count: 4096, seed: 7)], problems: [(serving, "not valid JSON")]),
        Case(
            "NUL bytes", [serving: Array(#"{"model_id": "m"#.utf8) + [0, 0] + Array(#"", "median_ttft_ms": 1}"#.utf8)],
            problems: [(serving, "a control character inside a string")]),
        Case("an array", file: serving, "[1, 2, 3]", problem: "expected an object at the top level, found an array"),
        Case("a string", file: serving, "\"text\"", problem: "expected an object at the top level, found a string"),
        Case("null", file: serving, "null", problem: "expected an object at the top level, found null"),
        Case("a number", file: serving, "42", problem: "expected an object at the top level, found a number"),
        Case("an empty object", file: serving, "{}", problem: "no serving metrics"),
        Case("two objects on one line", file: serving, "{} {}", problem: "no serving metrics"),
        Case(
            "deeply nested arrays (100,000 levels)", file: serving,
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            problem: "expected an object at the top level"),
        Case(
            "deeply nested arrays in a value (100,000 levels)", file: serving,
            #"{"model_id": "m", "median_ttft_ms": 1.0, "itls": ["# + String(repeating: "[", count: 100_000)
                + String(repeating: "]", count: 100_000) + "]}",
            problem: "nested deeper than"),
        Case(
            "deeply nested objects (100,000 levels)", file: serving,
            #"{"median_ttft_ms": 1.0, "x": "# + String(repeating: #"{"a": "#, count: 100_000) + "1"
                + String(repeating: "}", count: 100_000) + "}",
            problem: "nested deeper than"),
        Case(
            "an unterminated string to the end of a large file", file: serving,
            #"{"model_id": ""# + String(repeating: "x", count: 1 << 20), problem: "unexpected end of input"),
        Case(
            "a number of 100,000 digits", file: serving,
            #"{"median_ttft_ms": "# + String(repeating: "9", count: 100_000) + "}", problem: "a number longer than"),
        Case(
            "duplicate keys: the last wins", file: serving,
            #"{"model_id": "a", "model_id": "b", "median_ttft_ms": 1, "median_ttft_ms": "slow"}"#,
            problem: #"expected a number, found a string "slow" (median_ttft_ms)"#),
        Case(
            "JSON Lines with one bad line among good ones", file: "serving_hostile_tp1.json",
            [
                Fixture.statisticsOnly(rate: "1.0"), #"{"model_id": "m", "request_rate": 2.0, "mean_ttft_ms": "#,
                Fixture.statisticsOnly(rate: "4.0"), "\u{1}garbage\u{2}", Fixture.statisticsOnly(rate: "8.0"),
            ].joined(separator: "\n"), problem: "not valid JSON", results: 3),
        Case(
            "a .commands sidecar that is not JSON",
            [
                latency: Array(Fixture.latency.utf8),
                "latency_hostile_tp1.commands": Array("vllm serve x --tensor-parallel-size 2".utf8),
            ], problems: [("latency_hostile_tp1.commands", "not valid JSON")], results: 1),
        Case(
            "a .commands sidecar of the wrong types",
            [
                latency: Array(Fixture.latency.utf8),
                "latency_hostile_tp1.commands": Array(
                    #"{"server_command": 5, "latency_command": ["vllm"], "gpu_type": null}"#.utf8),
            ], problems: [], results: 1),
        Case(
            "a .commands sidecar of binary garbage",
            [latency: Array(Fixture.latency.utf8), "latency_hostile_tp1.commands": garbage(count: 512, seed: 3)],
            problems: [("latency_hostile_tp1.commands", "not valid JSON")], results: 1),
        Case(
            "a .pytorch.json copy that is garbage",
            [
                "serving_hostile_qps_1.pytorch.json": garbage(count: 256, seed: 5)
            ], problems: []),
        Case(
            "a default-named file that is garbage",
            ["vllm-4.0qps-concurrency8-hostile-20250507-100754.json": garbage(count: 256, seed: 11)], problems: []),
    ]

    @Test(arguments: cases)
    func badFileIsNamedAndTheGoodOnesStay(_ hostileCase: Case) throws {
        let folder = try Self.folder(hostileCase.files)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        for (file, reason) in hostileCase.problems { Self.expectProblem(read, file: file, reason) }
        let hostileResults = read.results.filter { hostileCase.files.keys.contains($0.file) }
        #expect(hostileResults.count == hostileCase.results)
        // Every hostile file is accounted for: a result, a problem or a skip.
        for file in hostileCase.files.keys {
            let mentioned =
                read.results.contains { $0.file == file } || read.problems.contains { $0.file == file }
                || read.skipped.contains { $0.file == file }
            #expect(mentioned, "\(file) vanished")
        }
        try BinaryRun.expectDocumentedStatus(
            folder.path, problems: hostileCase.problems.map(\.file),
            sidecars: hostileCase.files.keys.filter {
                $0.hasSuffix(".commands")
            })
    }

    /// A bad file alone: nothing to report, so status 2, and the file is named.
    @Test(arguments: cases.filter { $0.results == 0 && !$0.problems.isEmpty })
    func badFileAloneExitsTwo(_ hostileCase: Case) throws {
        let folder = try TemporaryFolder()
        for (name, bytes) in hostileCase.files { try folder.write(name, Data(bytes)) }
        let run = try BinaryRun(["markdown", folder.path])
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        for problem in hostileCase.problems {
            #expect(run.standardError.contains("\(folder.path)/\(problem.file)"), "\(run.standardError)")
        }
        #expect(run.standardError.contains("no benchmark results found"))
    }

    // MARK: - Truncation

    /// A real-shaped file cut at every `step`th byte: each cut is one problem for its file and
    /// no result; the good files are untouched.
    @Test(arguments: [
        ("serving, one line", "serving_hostile_cut", Fixture.currentServing, 7),
        ("latency, indented", "latency_hostile_cut", Fixture.latency, 3),
        ("throughput, vllm-ascend", "throughput_hostile_cut", Fixture.ascendThroughput, 3),
    ])
    func truncatedAtManyOffsets(label: String, prefix: String, text: String, step: Int) throws {
        let bytes = Array(text.utf8)
        // The last cut that can be complete is the closing brace (and a newline after it).
        let lastBrace = try #require(bytes.lastIndex(of: UInt8(ascii: "}")))
        let offsets = Array(stride(from: 0, to: lastBrace, by: step)) + [lastBrace]
        var files: [String: [UInt8]] = [:]
        for offset in offsets {
            files["\(prefix)_\(offset)_qps_1.json"] = Array(bytes[..<offset])
        }
        let folder = try Self.folder(files)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        for offset in offsets {
            let file = "\(prefix)_\(offset)_qps_1.json"
            let problems = read.problems.filter { $0.file == file }
            #expect(problems.count == 1, "\(label) cut at \(offset): \(problems)")
            let reason = offset == 0 ? "empty file" : "not valid JSON"
            #expect(problems.first?.message.contains(reason) == true, "\(label) cut at \(offset): \(problems)")
            #expect(!read.results.contains { $0.file == file })
        }
        try BinaryRun.expectDocumentedStatus(folder.path, problems: Array(files.keys))
    }

    /// JSON Lines cut at every few bytes: the complete lines before the cut are still results,
    /// and a cut inside a line is one problem.
    @Test func jsonLinesTruncatedAtManyOffsets() throws {
        let lines = (1...3).map { Fixture.statisticsOnly(rate: "\($0).0") }
        let bytes = Array(lines.joined(separator: "\n").utf8)
        // Each line ends with the brace of its object (the fixture has no nested object).
        let closingBraces = bytes.indices.filter { bytes[$0] == UInt8(ascii: "}") }
        let offsets = Array(stride(from: 1, to: bytes.count, by: 5))
        var files: [String: [UInt8]] = [:]
        for offset in offsets {
            files["serving_hostile_cut_\(offset)_tp1.json"] = Array(bytes[..<offset])
        }
        let folder = try Self.folder(files)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        for offset in offsets {
            let file = "serving_hostile_cut_\(offset)_tp1.json"
            let complete = closingBraces.filter { $0 < offset }.count
            let endsInsideALine = bytes[..<offset].last(where: { $0 != UInt8(ascii: "\n") }) != UInt8(ascii: "}")
            #expect(read.results.filter { $0.file == file }.count == complete, "cut at \(offset)")
            #expect(read.problems.filter { $0.file == file }.count == (endsInsideALine ? 1 : 0), "cut at \(offset)")
        }
    }

    // MARK: - Wrong types, odd numbers

    /// Values of the wrong type for a key of each kind of result.
    static let wrongValues = [#""12.5""#, "null", #"{"a": {"b": 1}}"#, "[1, [2]]", "true", #""""#, "[]", "{}"]

    /// Every key of every kind of result, each given every wrong type in turn: a metric of the
    /// wrong type is a problem naming the key, any other key is ignored, and the rest of the
    /// file still gives its result (unless the key held its only metric).
    @Test(arguments: [
        ("serving", Fixture.currentServing), ("serving", Fixture.oldServing), ("latency", Fixture.latency),
        ("throughput", Fixture.ascendThroughput),
    ])
    func everyKeyWithTheWrongType(kind: String, text: String) throws {
        let keys = try Self.topLevelKeys(text)
        var files: [String: [UInt8]] = [:]
        var expectations: [String: (key: String, value: String)] = [:]
        for (keyIndex, key) in keys.enumerated() {
            for (valueIndex, value) in Self.wrongValues.enumerated() {
                let file = "\(kind)_hostile_\(keyIndex)_\(valueIndex)_tp1.json"
                files[file] = Array(try Self.replacingValue(of: key, in: text, with: value).utf8)
                expectations[file] = (key, value)
            }
        }
        let folder = try Self.folder(files)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        for (file, (key, value)) in expectations.sorted(by: { $0.key < $1.key }) {
            let problems = read.problems.filter { $0.file == file }
            let result = read.results.first { $0.file == file }
            #expect(result != nil || !problems.isEmpty, "\(file) (\(key): \(value)) vanished")
            let isMetric = MetricCatalog.info(for: MetricCatalog.currentKey(key)) != nil || key == "percentiles"
            if isMetric && value != "null" && (value != "{}" || key != "percentiles") {
                #expect(
                    problems.contains { $0.message.hasSuffix("(\(key))") || $0.message.contains("(\(key).") },
                    "\(key): \(value) gave \(problems)")
            }
            #expect(result?.metrics[key] == nil || key == "max_concurrency", "\(key): \(value) kept as a metric")
        }
    }

    /// Negative, enormous, tiny and non-finite numbers in every numeric key: kept exactly as
    /// metrics (rate and concurrency checked), and every output still renders.
    @Test(arguments: [
        "-1", "-1e308", "1e308", "1e309", "-1e309", "5e-324", "-0.0", "1.7976931348623157e308", "NaN", "Infinity",
        "-Infinity", "123456789012345678901234567890",
    ])
    func oddNumbersInEveryMetric(number: String) throws {
        let expected = try #require(Double(number == "Infinity" ? "inf" : number == "-Infinity" ? "-inf" : number))
        var files: [String: [UInt8]] = [:]
        for (kind, text) in [
            ("serving", Fixture.currentServing), ("latency", Fixture.latency), ("throughput", Fixture.ascendThroughput),
        ] {
            files["\(kind)_hostile_odd_tp1.json"] = Array(try Self.replacingEveryNumber(in: text, with: number).utf8)
        }
        let folder = try Self.folder(files)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        for kind in ["serving", "latency", "throughput"] {
            let file = "\(kind)_hostile_odd_tp1.json"
            let result = try #require(read.results.first { $0.file == file }, "\(file): \(read.problems)")
            for (key, value) in result.metrics where key != "max_concurrency" && key != "request_rate" {
                #expect(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN), "\(key) = \(value)")
            }
        }
        let servingProblems = read.problems.filter { $0.file == "serving_hostile_odd_tp1.json" }.map(\.message)
        if expected < 0 || expected.isNaN {
            #expect(servingProblems.contains { $0.hasSuffix("(request_rate)") }, "\(servingProblems)")
        }
        if expected < 0 || !expected.isFinite || expected != expected.rounded() || expected >= 1e15 {
            #expect(servingProblems.contains { $0.hasSuffix("(max_concurrency)") }, "\(servingProblems)")
        }
        try BinaryRun.expectDocumentedStatus(
            folder.path, problems: servingProblems.isEmpty ? [] : ["serving_hostile_odd_tp1.json"], html: true)
    }

    /// One sweep whose rates carry tiny, huge, non-finite and negative values side by side, so
    /// the charts' scales, ticks and label placement meet them together.
    @Test func mixedOddNumbersAcrossASweep() throws {
        let values = ["5e-324", "Infinity", "1.7976931348623157e308", "NaN", "-1e300", "1e-310"]
        var files: [String: [UInt8]] = [:]
        for (index, value) in values.enumerated() {
            let text = """
                {"model_id": "m", "request_rate": \(index + 1).0, "max_concurrency": 8, "completed": \(value), \
                "request_throughput": \(value), "output_throughput": \(value), "total_token_throughput": 1.5, \
                "median_ttft_ms": \(values[(index + 1) % values.count]), "p99_ttft_ms": \(value), \
                "median_tpot_ms": 2.0, "p99_tpot_ms": \(value), "median_itl_ms": \(value), \
                "ttfts": [\(value), 0.5, \(value)], "itls": [[\(value)], [0.1, 0.2], []], "output_lens": [2, 3, 0]}
                """
            files["serving_hostile_mix_qps_\(index + 1)_concurrency_8.json"] = Array(text.utf8)
        }
        let folder = try Self.folder(files)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        #expect(read.results.filter { $0.file.hasPrefix("serving_hostile_mix") }.count == values.count)
        try BinaryRun.expectDocumentedStatus(folder.path, problems: read.problems.map(\.file), html: true)
    }

    // MARK: - Size

    /// A 200 MB string value (a generated text, as `--save-detailed` keeps them), written in
    /// chunks so the test never holds it: read in bounded time and memory, the file still a
    /// result, the comment within GitHub's limits.
    @Test func twoHundredMegabyteString() throws {
        let folder = try Self.folder([:])
        let path = folder.path + "/serving_hostile_huge_qps_1.json"
        let head = Fixture.oldServing.dropLast() + #", "generated_texts": [""#
        try Self.writeChunked(
            path, head: String(head), repeating: Array("All work and no play. ".utf8), totalBytes: 200 << 20,
            tail: #""], "label": "end"}"#)
        let started = ContinuousClock.now
        let read = try FolderReader.read(folder.path)
        #expect(ContinuousClock.now - started < .seconds(30))
        Self.expectGoodFilesIntact(read)
        let result = try #require(
            read.results.first { $0.file == "serving_hostile_huge_qps_1.json" }, "\(read.problems)")
        #expect(result.metadata["label"] == "end")
        #expect(result.metrics["median_ttft_ms"] == 99.4776)
        #expect(read.problems.isEmpty)
        let run = try BinaryRun(["markdown", folder.path])
        #expect(run.status == 0)
        #expect(run.standardOutput.utf8.count < 262_144)
    }

    /// A model id of 1 MB: the comment still fits GitHub's limits and names the model shortened
    /// or not at all.
    @Test func megabyteModelIdKeepsTheCommentWithinLimits() throws {
        let model = String(repeating: "m", count: 1 << 20)
        let text = Fixture.oldServing.replacingOccurrences(
            of: "/root/.cache/modelscope/models/Qwen/Qwen2___5-7B-Instruct", with: model)
        let folder = try Self.folder([Self.serving: Array(text.utf8)])
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        #expect(read.results.contains { $0.model == model })
        let run = try BinaryRun(["markdown", folder.path])
        #expect(run.status == 0)
        #expect(run.standardOutput.utf16.count <= 65_536 && run.standardOutput.utf8.count <= 262_144)
        #expect(run.standardOutput.hasPrefix("<!-- benchreport -->\n"))
    }

    /// A file larger than the reader's limit (sparse, so it costs no disk) is a problem, not a
    /// read of a gigabyte.
    @Test func fileLargerThanTheLimit() throws {
        let folder = try Self.folder([:])
        let path = folder.path + "/serving_hostile_sparse_qps_1.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(FolderReader.maximumFileSize + 1)) == 0)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        Self.expectProblem(read, file: "serving_hostile_sparse_qps_1.json", "larger than the limit")
        try BinaryRun.expectDocumentedStatus(folder.path, problems: ["serving_hostile_sparse_qps_1.json"])
    }

    // MARK: - Names and the file system

    /// A 255-byte name (the longest Linux allows), non-ASCII names, a name with a line break,
    /// and a name whose bytes are not UTF-8: each good file inside is read.
    @Test func longAndNonASCIIFileNames() throws {
        let longStem = "serving_" + String(repeating: "a", count: 255 - "serving__qps_1.json".count) + "_qps_1"
        #expect((longStem + ".json").utf8.count == 255)
        let names = [
            longStem + ".json", "serving_模型_é_😀_qps_1.json", "latency_ÿ‮rtl_tp1.json", "throughput_a\nb_tp1.json",
        ]
        let folder = try Self.folder([:])
        for name in names {
            let text =
                name.hasPrefix("serving")
                ? Fixture.oldServing
                : name.hasPrefix("latency")
                    ? Fixture.latency
                    : Fixture.ascendThroughput
            try folder.write(name, Data(text.utf8))
        }
        // A name whose bytes are not UTF-8, as any other program may create.
        let rawName: [UInt8] = Array("serving_".utf8) + [0xFF, 0xFE] + Array("_qps_1.json".utf8)
        let rawPath = Array(folder.path.utf8) + [UInt8(ascii: "/")] + rawName + [0]
        let descriptor = rawPath.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        _ = Array(Fixture.oldServing.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)

        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        for name in names {
            #expect(read.results.contains { $0.file == name }, "\(name): \(read.problems)")
        }
        // The raw name: read, or named as a problem; never a crash, never silence.
        let others = read.results.map(\.file) + read.problems.map(\.file) + read.skipped.map(\.file)
        #expect(others.contains { $0.hasPrefix("serving_") && $0.hasSuffix("_qps_1.json") && !names.contains($0) })
        try BinaryRun.expectDocumentedStatus(folder.path, problems: read.problems.map(\.file), html: true)
    }

    /// Classification is by file name: a folder named `serving_x` holds latency files, and a
    /// folder named like a result file is a folder.
    @Test func foldersNamedLikeResults() throws {
        let folder = try Self.folder([
            "serving_x/latency_hostile_tp1.json": Array(Fixture.latency.utf8),
            "serving_x/throughput_hostile_tp1.json": Array(Fixture.ascendThroughput.utf8),
            "serving_hostile_dir_qps_1.json/latency_inner_tp1.json": Array(Fixture.latency.utf8),
        ])
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        let latency = try #require(read.results.first { $0.file == "serving_x/latency_hostile_tp1.json" })
        #expect(latency.kind == .latency)
        #expect(latency.series == "serving_x/latency_hostile_tp1")
        #expect(read.results.first { $0.file == "serving_x/throughput_hostile_tp1.json" }?.kind == .throughput)
        #expect(
            read.results.first { $0.file == "serving_hostile_dir_qps_1.json/latency_inner_tp1.json" }?.kind == .latency)
        #expect(read.problems.isEmpty)
        try BinaryRun.expectDocumentedStatus(folder.path, problems: [])
    }

    /// Links to good files are read; broken links, loops and links to folders are skipped; a
    /// link to a device is a problem (not a read that never ends).
    @Test func symbolicLinks() throws {
        let folder = try Self.folder([:])
        let manager = FileManager.default
        func link(_ name: String, to destination: String) throws {
            try manager.createSymbolicLink(atPath: folder.path + "/" + name, withDestinationPath: destination)
        }
        try link("latency_hostile_link_tp1.json", to: "latency_good_tp1.json")
        try link("latency_hostile_broken_tp1.json", to: "does-not-exist.json")
        try link("latency_hostile_loop_a_tp1.json", to: "latency_hostile_loop_b_tp1.json")
        try link("latency_hostile_loop_b_tp1.json", to: "latency_hostile_loop_a_tp1.json")
        try link("latency_hostile_self_tp1.json", to: "latency_hostile_self_tp1.json")
        try link("serving_hostile_folder", to: ".")
        try link("serving_hostile_root", to: "/")
        try link("serving_hostile_zero_qps_1.json", to: "/dev/zero")
        try link("serving_hostile_null_qps_1.json", to: "/dev/null")

        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        #expect(read.results.contains { $0.file == "latency_hostile_link_tp1.json" })
        let skipped = Set(read.skipped.map(\.file))
        for name in [
            "latency_hostile_broken_tp1.json", "latency_hostile_loop_a_tp1.json", "latency_hostile_loop_b_tp1.json",
            "latency_hostile_self_tp1.json", "serving_hostile_folder", "serving_hostile_root",
        ] {
            #expect(skipped.contains(name), "\(name) not skipped: \(read.skipped)")
        }
        Self.expectProblem(read, file: "serving_hostile_zero_qps_1.json", "not a regular file")
        Self.expectProblem(read, file: "serving_hostile_null_qps_1.json", "not a regular file")
        try BinaryRun.expectDocumentedStatus(
            folder.path, problems: ["serving_hostile_zero_qps_1.json", "serving_hostile_null_qps_1.json"])
    }

    /// A file that cannot be opened. Tests run as root, where `chmod 000` stops no read; a UNIX
    /// socket named like a result cannot be opened by anyone (`ENXIO`).
    @Test func fileThatCannotBeOpened() throws {
        let folder = try Self.folder([:])
        let name = "serving_hostile_socket_qps_1.json"
        let socketDescriptor = try Self.bindUnixSocket(at: folder.path + "/" + name)
        defer { close(socketDescriptor) }
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        let problems = read.problems.filter { $0.file == name }
        #expect(problems.count == 1 && problems.first?.message.contains("cannot open") == true, "\(problems)")
        try BinaryRun.expectDocumentedStatus(folder.path, problems: [name])
    }

    /// A FIFO named like a result, with no writer.
    @Test func fifoNamedLikeAResultDoesNotHang() throws {
        let folder = try Self.folder([:])
        let name = "serving_hostile_fifo_qps_1.json"
        #expect(mkfifo(folder.path + "/" + name, 0o644) == 0)
        let read = try FolderReader.read(folder.path)
        Self.expectGoodFilesIntact(read)
        Self.expectProblem(read, file: name, "not a regular file")
        try BinaryRun.expectDocumentedStatus(folder.path, problems: [name])
    }

    /// Control characters in a bad file's name and in its text neither break the problem's line
    /// on standard error nor reach the terminal: one line per problem, no escape sequence.
    @Test func problemLinesOnStandardErrorStayLines() throws {
        let forged = "serving_hostile_\u{1B}[31m\nforged.json: fake problem_qps_1.json"
        let folder = try Self.folder([
            Self.serving: Array(#"{"model_id": "m", "median_ttft_ms": "\u001b[2J\nserving_x.json: forged"}"#.utf8),
            forged: Array("{".utf8),
        ])
        let run = try BinaryRun(["markdown", folder.path])
        #expect(run.status == 0)
        #expect(!run.standardError.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        for line in lines { #expect(line.hasPrefix(folder.path + "/serving_hostile_"), "\(line)") }
    }

    // MARK: - Making hostile files

    /// Deterministic bytes that are no kind of text.
    static func garbage(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// The top-level keys of a JSON object, in order.
    static func topLevelKeys(_ text: String) throws -> [String] {
        var reader = JSONReader(bytes: Array(text.utf8))
        return try RecordFields.read(from: &reader).keys
    }

    /// The text with the value of top-level `key` replaced by `value`.
    static func replacingValue(of key: String, in text: String, with value: String) throws -> String {
        let bytes = Array(text.utf8)
        var reader = JSONReader(bytes: bytes)
        var object = try reader.beginObject()
        while let next = try reader.nextKey(in: &object) {
            reader.skipWhitespace()
            let start = reader.offset
            try reader.skipValue()
            if next == key {
                return String(decoding: bytes[..<start], as: UTF8.self) + value
                    + String(decoding: bytes[reader.offset...], as: UTF8.self)
            }
        }
        throw JSONSyntaxError(offset: 0, message: "no key \(key)")
    }

    /// The text with every number (inside arrays and objects too) replaced by `number`.
    static func replacingEveryNumber(in text: String, with number: String) throws -> String {
        var output = ""
        var inString = false
        var escaped = false
        var inNumber = false
        for character in text {
            if inString {
                output.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            if "-0123456789.eE+".contains(character) {
                if !inNumber { output += number }
                inNumber = true
                continue
            }
            inNumber = false
            if character == "\"" { inString = true }
            output.append(character)
        }
        return output
    }

    /// Writes `head`, then `repeating` up to `totalBytes`, then `tail`, a megabyte at a time.
    static func writeChunked(
        _ path: String, head: String, repeating unit: [UInt8], totalBytes: Int, tail: String
    ) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(head.utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += unit }
        var written = 0
        while written < totalBytes {
            let count = min(chunk.count, totalBytes - written)
            try handle.write(contentsOf: chunk[..<count])
            written += count
        }
        try handle.write(contentsOf: Data(tail.utf8))
    }

    /// A listening UNIX socket at `path`; the caller closes it.
    static func bindUnixSocket(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        try #require(pathBytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let status = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(status == 0, "bind: \(String(cString: strerror(errno)))")
        return descriptor
    }
}

/// The built `benchreport` binary run on a folder, with a deadline, as CI would run it.
struct BinaryRun {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// The binary beside the test bundle (both are products of the same build).
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("benchreport")
    }

    /// Runs the binary; output goes through files, so neither pipe can fill and stall it, and a
    /// run that outlives `timeout` is killed and recorded as an issue.
    init(_ arguments: [String], timeout: Duration = .seconds(50)) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary.path),
            "build the benchreport product first (swift build); not at \(Self.binary.path)")
        let outputs = try TemporaryFolder()
        let outputPath = outputs.path + "/stdout"
        let errorPath = outputs.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let seconds = Double(timeout.components.seconds)
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            finished.wait()
            Issue.record("benchreport \(arguments.joined(separator: " ")) did not finish in \(timeout)")
        }
        status = process.terminationStatus
        standardOutput = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self)
        standardError = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorPath)), as: UTF8.self)
    }

    /// For a folder that still has results: `markdown` exits 0 and names each file with a
    /// problem on standard error; `json --strict` exits 2 exactly when there are problems;
    /// with `html`, the page is written too.
    static func expectDocumentedStatus(
        _ folder: String, problems: [String], sidecars: [String] = [], html: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let markdown = try BinaryRun(["markdown", folder])
        #expect(markdown.status == 0, "\(markdown.standardError)", sourceLocation: sourceLocation)
        #expect(markdown.standardOutput.hasPrefix("<!-- benchreport -->\n"), sourceLocation: sourceLocation)
        for file in problems {
            #expect(
                markdown.standardError.contains("\(folder)/\(file)"), "\(file) not named: \(markdown.standardError)",
                sourceLocation: sourceLocation)
        }
        let strict = try BinaryRun(["json", "--strict", folder])
        #expect(strict.status == (problems.isEmpty ? 0 : 2), "\(strict.standardError)", sourceLocation: sourceLocation)
        let json = try BinaryRun(["json", folder])
        #expect(json.status == 0, sourceLocation: sourceLocation)
        #expect(
            (try? JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))) != nil,
            "the JSON output does not parse", sourceLocation: sourceLocation)
        if html {
            let output = try TemporaryFolder()
            let page = try BinaryRun(["html", folder, "-o", output.path + "/report"])
            #expect(page.status == 0, "\(page.standardError)", sourceLocation: sourceLocation)
            #expect(
                FileManager.default.fileExists(atPath: output.path + "/report/index.html"),
                sourceLocation: sourceLocation)
        }
    }
}
