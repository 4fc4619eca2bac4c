import ReportModel

/// libFuzzer's entry: the bytes are a result file (then, after a NUL byte, its `.commands`
/// sidecar), read under every kind of name as the folder reader would, then aggregated into a
/// report. A broken invariant stops the run through `fatalError`, which libFuzzer reports as a
/// crash with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let input = Array(UnsafeRawBufferPointer(start: data, count: size))
    let outcomes = FuzzEntry.read(fuzzInput: input)
    var results: [BenchmarkResult] = []
    var problems: [Problem] = []
    var skipped: [SkippedFile] = []
    for (fileName, outcome) in outcomes {
        let violations = FuzzEntry.violations(of: outcome, fileName: fileName)
        if !violations.isEmpty { fatalError(violations.joined(separator: "\n")) }
        results += outcome.results
        problems += outcome.problems
        skipped += outcome.skipped
    }
    // Aggregation sorts and groups whatever the reader let through.
    let report = Report(folder: ResultFolder(path: "fuzz", results: results, problems: problems, skipped: skipped))
    if report.models.reduce(0, { $0 + $1.allResults.count }) != results.count {
        fatalError("the report lost or duplicated results")
    }
    _ = report.sharedRunMetadata
    _ = report.hardware
    return 0
}
