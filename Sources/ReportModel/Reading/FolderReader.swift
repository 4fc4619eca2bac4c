internal import Foundation

/// Why a results folder could not be read at all.
public enum FolderError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case notAFolder(String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such folder"
        case .notAFolder(let path): "\(path): not a folder"
        case .unreadable(let path, let reason): "\(path): cannot be read: \(reason)"
        }
    }
}

/// Everything read from one results folder.
public struct ResultFolder: Sendable {
    /// The folder as the user named it.
    public var path: String
    /// In ``BenchmarkResult/reportOrder(_:_:)``.
    public var results: [BenchmarkResult]
    /// Files or lines that could not be read, by file.
    public var problems: [Problem]
    /// Files left out on purpose, by file.
    public var skipped: [SkippedFile]
    /// From `vllm_env.txt`, when the folder has one.
    public var vllmVersion: String?

    public init(
        path: String, results: [BenchmarkResult], problems: [Problem] = [], skipped: [SkippedFile] = []
    ) {
        self.path = path
        self.results = results.sorted(by: BenchmarkResult.reportOrder)
        self.problems = problems.sorted()
        self.skipped = skipped.sorted()
    }
}

/// Reads a results folder, files in parallel (one worker per core, each reading one file at a
/// time into a buffer it reuses): no file's JSON outlives its reading, per-request arrays are
/// reduced as each file is read (``SampleReduction``), and a bad file costs only itself. The
/// outcome does not depend on which worker finishes first.
public enum FolderReader {
    /// Larger files are a problem, not a read: the largest detailed result is a few hundred MB.
    public static let maximumFileSize = 1 << 30
    /// Deeper sub-folders are not read.
    public static let maximumFolderDepth = 16

    /// Reads every result below `path`. `progress` is called after each file with the count
    /// done and the total, from the worker that read it (one call at a time).
    /// With `keepsRequests`, serving results also keep their per-request values in request
    /// order (``BenchmarkResult/requests``), which a diff tests with.
    public static func read(
        _ path: String, keepsRequests: Bool = false,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(FolderError) -> ResultFolder {
        try read(path, sampleLimit: SampleReduction.maximumKept, keepsRequests: keepsRequests, progress: progress)
    }

    /// The same, keeping at most `sampleLimit` samples per series (`Int.max`: all of them, for
    /// tests that recompute the files' own summaries).
    static func read(
        _ path: String, sampleLimit: Int, keepsRequests: Bool = false,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(FolderError) -> ResultFolder {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .notFound(path)
        }
        guard isFolder.boolValue else { throw .notAFolder(path) }

        var listing = Listing()
        try listing.walk(root: path, relative: "", depth: 0)

        var results: [(BenchmarkResult, TestName)] = []
        var problems = listing.problems
        var skipped = listing.skipped
        // In listing order, whatever the order the workers finished in.
        let outcomes = readFiles(
            listing.files, root: path, sidecars: listing.sidecars, sampleLimit: sampleLimit,
            keepsRequests: keepsRequests, progress: progress)
        for outcome in outcomes {
            results += outcome.results
            problems += outcome.problems
            skipped += outcome.skipped
        }
        for sidecar in listing.sidecars.keys.sorted() {
            let hasResult = listing.files.contains { $0.relativeStem == sidecar }
            skipped.append(
                SkippedFile(
                    file: sidecar + ".commands",
                    reason: hasResult ? "sidecar, read with its result" : "sidecar without a result",
                    readWithResult: hasResult))
        }
        var folder = ResultFolder(
            path: path, results: adoptSiblingModels(results), problems: problems, skipped: skipped)
        folder.vllmVersion = listing.environmentReport.flatMap { readVLLMVersion(atPath: path + "/" + $0) }
        return folder
    }

    /// The `vLLM Version` line of `vllm collect-env`'s report (`vLLM Version : 0.11.0`).
    static func readVLLMVersion(atPath path: String) -> String? {
        guard let bytes = try? readBytes(atPath: path), bytes.count <= 1 << 20 else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmed(of: " \t") == "vLLM Version" else { continue }
            let version = parts[1].trimmed(of: " \t")
            return version.isEmpty ? nil : String(version.prefix(100))
        }
        return nil
    }

    /// A latency or throughput file without a model id takes the model of a serving file in the
    /// same folder whose name has the same model part (`latency_llama8B_tp1` and
    /// `serving_llama8B_tp1_sharegpt`), when exactly one model has that part.
    private static func adoptSiblingModels(_ results: [(BenchmarkResult, TestName)]) -> [BenchmarkResult] {
        func token(_ result: BenchmarkResult, _ name: TestName) -> String {
            "\(result.file.dropLast(result.file.split(separator: "/").last?.count ?? 0))\(name.modelToken)"
        }
        // By normalised id, so a cache path and its HF id count as one model; the raw id
        // adopted is the first in file order.
        var modelsByToken: [String: [String: String]] = [:]
        for (result, name) in results where result.modelSource != .testName {
            modelsByToken[token(result, name), default: [:]][result.model] =
                modelsByToken[token(result, name)]?[result.model] ?? result.rawModel
        }
        return results.map { result, name in
            guard result.modelSource == .testName,
                let models = modelsByToken[token(result, name)], models.count == 1, let model = models.first
            else { return result }
            var adopted = result
            adopted.model = model.key
            adopted.rawModel = model.value
            adopted.modelSource = .sibling
            return adopted
        }
    }

    // MARK: - Files in parallel

    /// How many files are read at once: one per core.
    static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Reads `files` on up to ``workerCount`` threads; each takes the next unread file when it
    /// is done with one, and its outcome goes to that file's slot.
    static func readFiles(
        _ files: [ListedFile], root: String, sidecars: [String: String], sampleLimit: Int, keepsRequests: Bool,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    ) -> [FileOutcome] {
        let listedPaths = Set(files.map(\.relativePath))
        let queue = WorkQueue(total: files.count)
        let outcomes = OutcomeSlots(count: files.count)
        let workers = min(workerCount, files.count)
        let work: @Sendable (Int) -> Void = { _ in
            let buffer = FileBuffer()
            while let index = queue.take() {
                outcomes[index] = readFile(
                    files[index], root: root, sidecars: sidecars, listedPaths: listedPaths, sampleLimit: sampleLimit,
                    keepsRequests: keepsRequests, buffer: buffer)
                queue.finished(progress)
            }
        }
        if workers <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return outcomes.collect()
    }

    /// Hands out file indices and counts finished files for the progress callback.
    private final class WorkQueue: @unchecked Sendable {
        private let lock = NSLock()
        private let total: Int
        private var next = 0
        private var done = 0

        init(total: Int) {
            self.total = total
        }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < total else { return nil }
            next += 1
            return next - 1
        }

        func finished(_ progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
            lock.lock()
            defer { lock.unlock() }
            done += 1
            progress?(done, total)
        }
    }

    /// One slot per file, each written by exactly one worker, read after all have finished.
    private final class OutcomeSlots: @unchecked Sendable {
        private var slots: [FileOutcome?]
        private let lock = NSLock()

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        subscript(index: Int) -> FileOutcome? {
            get { lock.withLock { slots[index] } }
            set { lock.withLock { slots[index] = newValue } }
        }

        func collect() -> [FileOutcome] {
            lock.withLock { slots.map { $0 ?? FileOutcome() } }
        }
    }

    // MARK: - One file

    struct FileOutcome {
        var results: [(BenchmarkResult, TestName)] = []
        var problems: [Problem] = []
        var skipped: [SkippedFile] = []
    }

    /// Reads one result file: a single object, JSON Lines written by `--append-result`, or an
    /// array of result objects (the `summary.json` of `vllm bench sweep`). `listedPaths` are
    /// the folder's result files, to read each sweep run once.
    static func readFile(
        _ file: ListedFile, root: String, sidecars: [String: String], listedPaths: Set<String> = [],
        sampleLimit: Int = SampleReduction.maximumKept, keepsRequests: Bool = false,
        buffer: FileBuffer = FileBuffer()
    ) -> FileOutcome {
        var outcome = FileOutcome()
        let bytes: UnsafeBufferPointer<UInt8>
        do {
            bytes = try buffer.read(atPath: root + "/" + file.relativePath)
        } catch {
            outcome.problems.append(Problem(file: file.relativePath, message: error.message))
            return outcome
        }
        defer { buffer.release() }

        let name = TestName(fileName: file.name)
        var sidecar: CommandsSidecar?
        if let sidecarPath = sidecars[file.relativeStem] {
            do {
                let sidecarBytes = try readBytes(atPath: root + "/" + sidecarPath)
                var reader = JSONReader(bytes: sidecarBytes)
                sidecar = CommandsSidecar(fields: try RecordFields.read(from: &reader))
            } catch let error as FileReadError {
                outcome.problems.append(Problem(file: sidecarPath, message: error.message))
            } catch let error as JSONSyntaxError {
                outcome.problems.append(Problem(file: sidecarPath, message: describe(error)))
            } catch {
                outcome.problems.append(Problem(file: sidecarPath, message: "\(error)"))
            }
        }

        let isArray = startsWithArrayOfObjects(bytes)
        var (records, syntaxErrors) = isArray ? parseArrayRecords(bytes) : parseRecords(bytes)
        // Records of an array and of JSON Lines are told apart by their line.
        let isJSONLines = isArray || records.count + syntaxErrors.count > 1
        if records.isEmpty && syntaxErrors.isEmpty {
            let reason = isArray ? "no result objects in its array" : "empty file"
            if file.kind == nil {
                outcome.skipped.append(SkippedFile(file: file.relativePath, reason: reason))
            } else {
                outcome.problems.append(Problem(file: file.relativePath, message: reason))
            }
            return outcome
        }
        // `vllm bench sweep` writes each run to `run=N.json`, then all of a combination's runs to
        // `summary.json` beside them (the same objects, `run_number` and the swept parameters
        // included). The run files win: they are what the sweep wrote first, one file a run, so a
        // problem names the run's own file; a summary's run is read only when its file is gone.
        var runFileNames: [Int: String] = [:]
        if isArray {
            let before = records.count
            records.removeAll { record in
                guard let run = Self.runNumber(record.fields) else { return false }
                runFileNames[record.line] = "run=\(run).json"
                let runFile = file.folder.isEmpty ? "run=\(run).json" : "\(file.folder)/run=\(run).json"
                return listedPaths.contains(runFile)
            }
            if records.isEmpty && syntaxErrors.isEmpty {
                outcome.skipped.append(
                    SkippedFile(
                        file: file.relativePath,
                        reason: "summary of the \(before) run=N.json files beside it (read from those)"))
                return outcome
            }
        }
        if file.kind == nil, records.isEmpty {
            // A JSON file whose name does not say it is a result, and that is not JSON either.
            outcome.skipped.append(SkippedFile(file: file.relativePath, reason: "not a result (not valid JSON)"))
            return outcome
        }
        for error in syntaxErrors {
            outcome.problems.append(
                Problem(file: file.relativePath, line: isJSONLines ? error.line : nil, message: describe(error.error)))
        }
        var skippedAsNotAResult = false
        for record in records {
            guard let kind = file.kind ?? ResultInterpreter.sniffKind(record.fields) else {
                if !skippedAsNotAResult {
                    outcome.skipped.append(
                        SkippedFile(file: file.relativePath, reason: "not a result (no vLLM result keys)"))
                    skippedAsNotAResult = true
                }
                continue
            }
            // A summary's run is named as its run file would be, so it reports the same way.
            let recordName = runFileNames[record.line].map { TestName(fileName: $0) } ?? name
            let interpreter = ResultInterpreter(
                file: file.relativePath, line: isJSONLines ? record.line : nil, name: recordName,
                folder: file.folder, sidecar: sidecar, sampleLimit: sampleLimit, keepsRequests: keepsRequests)
            let (result, problems) = interpreter.interpret(record.fields, as: kind)
            outcome.problems += problems
            if let result { outcome.results.append((result, name)) }
        }
        return outcome
    }

    struct ParsedRecord {
        var line: Int
        var fields: RecordFields
    }

    struct LocatedSyntaxError {
        var line: Int
        var error: JSONSyntaxError
    }

    /// Every top-level object of a file. After a syntax error, reading resumes at the next line
    /// that starts with `{`: in JSON Lines that is the next record, in an indented file there is
    /// none, so one broken file gives one error.
    static func parseRecords(_ bytes: [UInt8]) -> ([ParsedRecord], [LocatedSyntaxError]) {
        bytes.withUnsafeBufferPointer { parseRecords($0) }
    }

    /// The same over bytes in a buffer, in one pass per record.
    static func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>) -> ([ParsedRecord], [LocatedSyntaxError]) {
        var records: [ParsedRecord] = []
        var errors: [LocatedSyntaxError] = []
        var reader = JSONScanner(bytes)
        var line = 1
        var counted = 0  // bytes whose newlines are in `line`
        func advanceLine(to offset: Int) {
            while counted < offset {
                if bytes[counted] == UInt8(ascii: "\n") { line += 1 }
                counted += 1
            }
        }
        // A UTF-8 byte-order mark is not JSON, but some editors write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader = JSONScanner(bytes, offset: 3) }

        while !reader.isAtEnd() {
            advanceLine(to: reader.offset)
            let recordLine = line
            let recordStart = reader.offset
            do {
                records.append(ParsedRecord(line: recordLine, fields: try RecordFields.read(from: &reader)))
            } catch {
                errors.append(LocatedSyntaxError(line: recordLine, error: error))
                // From the record's own line: a truncated line can make the error show up only
                // on the next one.
                reader = JSONScanner(bytes, offset: recordStart)
                repeat {
                    reader.skipPastNextNewline()
                } while reader.offset < bytes.count && bytes[reader.offset] != UInt8(ascii: "{")
            }
        }
        return (records, errors)
    }

    /// Whether the file (after blanks and a byte-order mark) is an array whose first element is
    /// an object. Any other array is not a result, and keeps the error that says so.
    static func startsWithArrayOfObjects(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skipBlanks() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        skipBlanks()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return false }
        index += 1
        skipBlanks()
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    /// The objects of a top-level array, each with the line it starts on; elements that are not
    /// objects are passed over. A syntax error ends the array: what was read before it stays.
    static func parseArrayRecords(_ bytes: UnsafeBufferPointer<UInt8>) -> ([ParsedRecord], [LocatedSyntaxError]) {
        var records: [ParsedRecord] = []
        var reader = JSONScanner(bytes, offset: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        var line = 1
        var counted = 0
        func advanceLine(to offset: Int) {
            while counted < offset && counted < bytes.count {
                if bytes[counted] == UInt8(ascii: "\n") { line += 1 }
                counted += 1
            }
        }
        do throws(JSONSyntaxError) {
            var array = try reader.beginArray()
            while try reader.nextElement(in: &array) {
                reader.skipWhitespace()
                advanceLine(to: reader.offset)
                if try reader.peekKind() == .object {
                    records.append(ParsedRecord(line: line, fields: try RecordFields.read(from: &reader)))
                } else {
                    try reader.skipValue()
                }
            }
            if !reader.isAtEnd() { throw reader.error("expected the end of the file after the array") }
        } catch {
            advanceLine(to: error.offset)
            return (records, [LocatedSyntaxError(line: line, error: error)])
        }
        return (records, [])
    }

    /// `run_number` of a `vllm bench sweep` run (0, 1, …; the warm-up is −1).
    static func runNumber(_ fields: RecordFields) -> Int? {
        guard case .number(let number) = fields["run_number"], number >= 0, number < 1e9,
            number == number.rounded()
        else { return nil }
        return Int(number)
    }

    static func describe(_ error: JSONSyntaxError) -> String {
        "not valid JSON: \(error.message) (at byte \(error.offset))"
    }

    // MARK: - Listing the folder

    struct ListedFile {
        var name: String
        /// Sub-folder relative to the root, "" at the top.
        var folder: String
        var kind: ResultKind?

        var relativePath: String { folder.isEmpty ? name : folder + "/" + name }
        /// The path without `.json`, to find the `.commands` sidecar.
        var relativeStem: String {
            let stem = TestName(fileName: name).stem
            return folder.isEmpty ? stem : folder + "/" + stem
        }
    }

    struct Listing {
        var files: [ListedFile] = []
        /// Sidecar paths by the relative stem of the result they belong to.
        var sidecars: [String: String] = [:]
        var skipped: [SkippedFile] = []
        var problems: [Problem] = []
        /// `vllm_env.txt` at the top of the folder.
        var environmentReport: String?

        mutating func walk(root: String, relative: String, depth: Int) throws(FolderError) {
            let path = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                let reason = (error as NSError).localizedFailureReason ?? "\(error)"
                guard depth > 0 else { throw .unreadable(root, reason: reason) }
                problems.append(Problem(file: relative, message: "folder cannot be read: \(reason)"))
                return
            }
            // Byte order, so the result never depends on the file system or the locale.
            for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                guard !name.hasPrefix(".") else { continue }
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                let fullPath = root + "/" + relativePath
                // The entry itself (a link is not followed), then what it leads to: two system
                // calls, where FileManager's attributes also look up the owner's name.
                var entry = stat()
                let isLink = lstat(fullPath, &entry) == 0 && (entry.st_mode & S_IFMT) == S_IFLNK
                var target = stat()
                let exists = stat(fullPath, &target) == 0
                let isFolder = exists && (target.st_mode & S_IFMT) == S_IFDIR
                if isLink && (!exists || isFolder) {
                    let reason = exists ? "link to a folder, not followed" : "broken or looping link"
                    skipped.append(SkippedFile(file: relativePath, reason: reason))
                    continue
                }
                if isFolder {
                    if depth + 1 < FolderReader.maximumFolderDepth {
                        try walk(root: root, relative: relativePath, depth: depth + 1)
                    } else {
                        skipped.append(SkippedFile(file: relativePath, reason: "folder nested too deep"))
                    }
                    continue
                }
                switch FileClassification(fileName: name) {
                case .result(let kind):
                    files.append(ListedFile(name: name, folder: relative, kind: kind))
                case .sidecar:
                    sidecars[String(relativePath.dropLast(".commands".count))] = relativePath
                case .skipped(let reason):
                    skipped.append(SkippedFile(file: relativePath, reason: reason))
                    if relativePath == "vllm_env.txt" { environmentReport = relativePath }
                }
            }
        }
    }

    // MARK: - Bytes

    struct FileReadError: Error {
        var message: String
    }

    /// The whole file, or why not, as an array: for the small files beside the results (sidecars,
    /// `vllm_env.txt`), read through the same checks as the results.
    static func readBytes(atPath path: String) throws(FileReadError) -> [UInt8] {
        let buffer = FileBuffer()
        // The bytes live in the buffer's storage: keep it until they are copied out.
        return try withExtendedLifetime(buffer) { () throws(FileReadError) in Array(try buffer.read(atPath: path)) }
    }

    /// A worker's buffer for whole files, reused from file to file so that a folder of large
    /// files costs one allocation per worker, not one (and its page faults) per file. It starts
    /// on a page: the kernel copies a file into it several times faster than into one 16 bytes
    /// off a cache line (0.06 s instead of 0.2 s for 360 MB on the benchmark's AMD EPYC VM).
    final class FileBuffer {
        private var storage: UnsafeMutableRawPointer?
        private var capacity = 0
        /// A buffer larger than this is freed after its file, so one huge file does not pin
        /// its size for the rest of the folder.
        static let keptCapacity = 64 << 20

        deinit { storage?.deallocate() }

        /// The whole file, valid until ``release()`` or the next read. POSIX calls, so the message
        /// is the system's own.
        func read(atPath path: String) throws(FileReadError) -> UnsafeBufferPointer<UInt8> {
            // O_NONBLOCK: a FIFO named like a result must not block the open (the type check below
            // then refuses it); regular files ignore the flag.
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { throw FileReadError(message: "cannot open: \(lastErrorText())") }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                throw FileReadError(message: "cannot read: \(lastErrorText())")
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileReadError(message: "not a regular file") }
            let size = Int(status.st_size)
            guard size <= maximumFileSize else {
                throw FileReadError(
                    message: "file of \(size) bytes is larger than the limit of \(maximumFileSize) bytes")
            }
            if size > capacity || storage == nil {
                storage?.deallocate()
                capacity = max(size, 1 << 16)
                storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 4096)
            }
            let base = storage!
            var filled = 0
            while filled < size {
                let count = Glibc.read(descriptor, base + filled, size - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw FileReadError(message: "cannot read: \(lastErrorText())")
                }
                if count == 0 { break }  // The file shrank while it was read.
                filled += count
            }
            return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: filled)
        }

        /// Done with the file just read.
        func release() {
            guard capacity > Self.keptCapacity else { return }
            storage?.deallocate()
            storage = nil
            capacity = 0
        }
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
