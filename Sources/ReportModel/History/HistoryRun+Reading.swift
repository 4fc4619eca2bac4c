/// Why a history run file could not be read: the key where reading stopped (a path such as
/// `results[3].metrics.p99_ttft_ms`) and what was wrong there.
public struct HistoryFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key path, or nil for the file as a whole (a syntax error, a missing schema).
    public var key: String?
    public var message: String

    public init(key: String?, message: String) {
        self.key = key
        self.message = message
    }

    /// `key 'date': expected ISO-8601, found "yesterday"`, lower-case, as printed after the file.
    public var description: String {
        guard let key else { return message }
        return "key '\(key)': \(message)"
    }
}

extension HistoryRun {
    /// Reads a run file written by `benchreport history add` (docs/history.md). Unknown keys
    /// are skipped (later versions may add keys); a newer `version` is refused, since its
    /// meaning may have changed.
    public init(jsonBytes bytes: [UInt8]) throws(HistoryFileError) {
        var reader = HistoryFileReader(reader: JSONReader(bytes: bytes))
        self = try reader.readRun()
    }
}

/// The walk over one run file, keeping the key path for errors.
private struct HistoryFileReader {
    var reader: JSONReader
    var path: [String] = []

    var keyPath: String? {
        guard !path.isEmpty else { return nil }
        return path.reduce("") { joined, part in
            part.hasPrefix("[") || joined.isEmpty ? joined + part : joined + "." + part
        }
    }

    func failure(_ message: String) -> HistoryFileError {
        HistoryFileError(key: keyPath, message: message)
    }

    /// Runs `body`, turning a syntax error into a file error at the current key.
    mutating func syntax<T>(_ body: (inout JSONReader) throws(JSONSyntaxError) -> T) throws(HistoryFileError) -> T {
        do {
            return try body(&reader)
        } catch {
            throw failure("\(error.message) at byte \(error.offset)")
        }
    }

    mutating func expect(_ kind: JSONValueKind) throws(HistoryFileError) {
        let found = try syntax { reader throws(JSONSyntaxError) in try reader.peekKind() }
        if found != kind { throw failure("expected \(kind.article), found \(found.article)") }
    }

    mutating func string() throws(HistoryFileError) -> String {
        try expect(.string)
        return try syntax { reader throws(JSONSyntaxError) in try reader.readString() }
    }

    mutating func optionalString() throws(HistoryFileError) -> String? {
        if try syntax({ reader throws(JSONSyntaxError) in try reader.peekKind() }) == .null {
            try syntax { reader throws(JSONSyntaxError) in try reader.readNull() }
            return nil
        }
        return try string()
    }

    /// A number; `null` (a non-finite number, as the writer writes it) is NaN.
    mutating func number() throws(HistoryFileError) -> Double {
        if try syntax({ reader throws(JSONSyntaxError) in try reader.peekKind() }) == .null {
            try syntax { reader throws(JSONSyntaxError) in try reader.readNull() }
            return .nan
        }
        try expect(.number)
        return try syntax { reader throws(JSONSyntaxError) in try reader.readNumber() }
    }

    mutating func optionalInteger() throws(HistoryFileError) -> Int? {
        let value = try number()
        if value.isNaN { return nil }
        guard value == value.rounded(), abs(value) < 1e15 else {
            throw failure("expected a whole number, found \(formatShortest(value))")
        }
        return Int(value)
    }

    /// Walks an object, calling `body` with each key; the key is on the path meanwhile.
    mutating func object(_ body: (inout HistoryFileReader, String) throws(HistoryFileError) -> Void)
        throws(HistoryFileError)
    {
        try expect(.object)
        var container = try syntax { reader throws(JSONSyntaxError) in try reader.beginObject() }
        while let key = try syntax({ reader throws(JSONSyntaxError) in try reader.nextKey(in: &container) }) {
            path.append(key)
            try body(&self, key)
            path.removeLast()
        }
    }

    mutating func array(_ body: (inout HistoryFileReader) throws(HistoryFileError) -> Void) throws(HistoryFileError) {
        try expect(.array)
        var container = try syntax { reader throws(JSONSyntaxError) in try reader.beginArray() }
        var index = 0
        while try syntax({ reader throws(JSONSyntaxError) in try reader.nextElement(in: &container) }) {
            path.append("[\(index)]")
            try body(&self)
            path.removeLast()
            index += 1
        }
    }

    mutating func skip() throws(HistoryFileError) {
        try syntax { reader throws(JSONSyntaxError) in try reader.skipValue() }
    }

    mutating func stringObject() throws(HistoryFileError) -> [String: String] {
        var values: [String: String] = [:]
        try object { reader, key throws(HistoryFileError) in values[key] = try reader.string() }
        return values
    }

    mutating func numberObject() throws(HistoryFileError) -> [String: Double] {
        var values: [String: Double] = [:]
        try object { reader, key throws(HistoryFileError) in values[key] = try reader.number() }
        return values
    }

    mutating func readRun() throws(HistoryFileError) -> HistoryRun {
        var schema: String?
        var version: Double?
        var commit: String?
        var branch: String?
        var date: String?
        var labels: [String: String] = [:]
        var benchreportVersion: String?
        var vllmVersion: String?
        var repository: RepositoryURL?
        var results: [BenchmarkResult]?
        try object { reader, key throws(HistoryFileError) in
            switch key {
            case "schema": schema = try reader.string()
            case "version": version = try reader.number()
            case "commit": commit = try reader.string()
            case "branch": branch = try reader.optionalString()
            case "date":
                let text = try reader.string()
                guard let normalised = HistoryDate.normalised(text) else {
                    throw reader.failure("expected an ISO-8601 date such as 2026-11-28T01:10:56Z, found \"\(text)\"")
                }
                date = normalised
            case "labels": labels = try reader.stringObject()
            case "benchreportVersion": benchreportVersion = try reader.optionalString()
            case "vllmVersion": vllmVersion = try reader.optionalString()
            // An address this benchreport would not write is no address: the run stays, unlinked.
            case "repository": repository = try reader.optionalString().flatMap(RepositoryURL.init(remote:))
            case "results":
                var read: [BenchmarkResult] = []
                try reader.array { reader throws(HistoryFileError) in read.append(try reader.readResult()) }
                results = read
            default: try reader.skip()
            }
        }
        if !(try syntax { reader in reader.isAtEnd() }) {
            throw failure("unexpected text after the run's object at byte \(reader.offset)")
        }
        guard schema == HistoryRun.schemaName else {
            throw HistoryFileError(
                key: "schema",
                message: schema.map { "expected \"\(HistoryRun.schemaName)\", found \"\($0)\"" }
                    ?? "missing: not a benchreport history run")
        }
        guard let version else { throw HistoryFileError(key: "version", message: "missing") }
        guard version == Double(HistoryRun.schemaVersion) else {
            throw HistoryFileError(
                key: "version",
                message: "version \(formatShortest(version)) is not one this benchreport reads "
                    + "(\(HistoryRun.schemaVersion)); a newer benchreport wrote it?")
        }
        guard let commit, !commit.isEmpty else { throw HistoryFileError(key: "commit", message: "missing or empty") }
        guard let date else { throw HistoryFileError(key: "date", message: "missing") }
        guard let results else { throw HistoryFileError(key: "results", message: "missing") }
        return HistoryRun(
            commit: commit, branch: branch, date: date, labels: labels, benchreportVersion: benchreportVersion,
            vllmVersion: vllmVersion, repository: repository, results: results)
    }

    mutating func readResult() throws(HistoryFileError) -> BenchmarkResult {
        var file = ""
        var line: Int?
        var kind: ResultKind?
        var test = ""
        var series: String?
        var rawModel: String?
        var modelID: String?
        var modelSource = ModelSource.result
        var requestRate: RequestRate?
        var maxConcurrency: Int?
        var tensorParallelSize: Int?
        var hardware: String?
        var dataset: String?
        var metrics: [String: Double] = [:]
        var metadata: [String: String] = [:]
        var sampleCounts: [SampleSeries: Int] = [:]
        try object { reader, key throws(HistoryFileError) in
            switch key {
            case "file": file = try reader.string()
            case "line": line = try reader.optionalInteger()
            case "kind":
                let text = try reader.string()
                guard let known = ResultKind(rawValue: text) else {
                    throw reader.failure("expected serving, latency or throughput, found \"\(text)\"")
                }
                kind = known
            case "test": test = try reader.string()
            case "series": series = try reader.string()
            case "model": rawModel = try reader.string()
            case "modelID": modelID = try reader.string()
            case "modelSource": modelSource = ModelSource(rawValue: try reader.string()) ?? .result
            case "requestRate":
                switch try reader.syntax({ reader throws(JSONSyntaxError) in try reader.peekKind() }) {
                case .string:
                    let text = try reader.string()
                    guard let rate = RequestRate(text: text) else {
                        throw reader.failure("expected a number or \"inf\", found \"\(text)\"")
                    }
                    requestRate = rate
                default:
                    let value = try reader.number()
                    if !value.isNaN {
                        guard let rate = RequestRate(number: value) else {
                            throw reader.failure("expected a rate of 0 or more, found \(formatShortest(value))")
                        }
                        requestRate = rate
                    }
                }
            case "maxConcurrency": maxConcurrency = try reader.optionalInteger()
            case "tensorParallelSize": tensorParallelSize = try reader.optionalInteger()
            case "hardware": hardware = try reader.optionalString()
            case "dataset": dataset = try reader.optionalString()
            case "metrics": metrics = try reader.numberObject()
            case "metadata": metadata = try reader.stringObject()
            case "sampleCounts":
                try reader.object { reader, key throws(HistoryFileError) in
                    let count = try reader.optionalInteger()
                    if let series = SampleSeries(rawValue: key), let count { sampleCounts[series] = count }
                }
            default: try reader.skip()
            }
        }
        guard let kind else { throw failure("key 'kind' missing") }
        guard let model = modelID ?? rawModel else { throw failure("key 'modelID' missing") }
        return BenchmarkResult(
            file: file, line: line, kind: kind, test: test, series: series ?? test, model: model,
            rawModel: rawModel ?? model, modelSource: modelSource, tensorParallelSize: tensorParallelSize,
            requestRate: requestRate, maxConcurrency: maxConcurrency, hardware: hardware, dataset: dataset,
            metrics: metrics, metadata: metadata, sampleCounts: sampleCounts)
    }
}
