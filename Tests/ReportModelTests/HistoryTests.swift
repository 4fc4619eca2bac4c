import Testing

@testable import ReportModel

@Suite struct HistoryTests {
    static let validRun = """
        {
          "schema": "benchreport-history", "version": 1, "commit": "0123456789abcdef", "branch": "main",
          "date": "2026-11-28T03:10:56+02:00", "labels": {"gpu": "H100"}, "futureKey": [1, {"a": 2}],
          "results": [{"kind": "serving", "test": "serving_m_qps_4", "series": "serving_m", "model": "org/m",
                       "modelID": "org/m", "requestRate": "inf", "maxConcurrency": 8,
                       "metrics": {"p99_ttft_ms": 12.5, "odd": null}, "metadata": {"backend": "vllm"},
                       "sampleCounts": {"ttft": 200}}]
        }
        """

    @Test func aRunFileIsReadWithItsDateNormalisedAndUnknownKeysSkipped() throws {
        let run = try HistoryRun(jsonBytes: Array(Self.validRun.utf8))
        #expect(run.commit == "0123456789abcdef")
        #expect(run.branch == "main")
        #expect(run.date == "2026-11-28T01:10:56Z")
        #expect(run.labels == ["gpu": "H100"])
        let result = try #require(run.results.first)
        #expect(result.requestRate == .infinite && result.maxConcurrency == 8)
        #expect(result.metrics["p99_ttft_ms"] == 12.5)
        #expect(result.sampleCounts[.ttft] == 200)
        #expect(run.fileName.hasPrefix("20261128T011056Z_0123456789ab_"))
    }

    @Test(arguments: [
        ("{\"schema\": \"x\", \"version\": 1}", "key 'schema': expected \"benchreport-history\", found \"x\""),
        (
            validRun.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"),
            "key 'version': version 2 is not one this benchreport reads (1); a newer benchreport wrote it?"
        ),
        (
            validRun.replacingOccurrences(of: "\"2026-11-28T03:10:56+02:00\"", with: "\"yesterday\""),
            "key 'date': expected an ISO-8601 date such as 2026-11-28T01:10:56Z, found \"yesterday\""
        ),
        (
            validRun.replacingOccurrences(of: "12.5", with: "\"fast\""),
            "key 'results[0].metrics.p99_ttft_ms': expected a number, found a string"
        ),
        (
            validRun.replacingOccurrences(of: "\"kind\": \"serving\"", with: "\"kind\": \"x\""),
            "key 'results[0].kind': expected serving, latency or throughput, found \"x\""
        ),
        (
            validRun.replacingOccurrences(of: "\"commit\": \"0123456789abcdef\",", with: ""),
            "key 'commit': missing or empty"
        ),
    ])
    func badRunFilesNameTheKey(text: String, message: String) {
        #expect(throws: HistoryFileError.self) { try HistoryRun(jsonBytes: Array(text.utf8)) }
        do {
            _ = try HistoryRun(jsonBytes: Array(text.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aTruncatedFileIsAnErrorNotACrash() {
        let bytes = Array(Self.validRun.utf8)
        for end in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: HistoryFileError.self) { try HistoryRun(jsonBytes: Array(bytes[..<end])) }
        }
    }

    @Test func aBrokenRunFileCostsOnlyItself() throws {
        let folder = try TemporaryFolder([
            "a.json": Self.validRun,
            "b.json": Self.validRun.replacingOccurrences(of: "0123456789abcdef", with: "fedcba9876543210")
                .replacingOccurrences(of: "2026-11-28T03", with: "2026-11-27T03"),
            "broken.json": "{\"schema\": \"benchreport-history\", \"version\": 1, \"commit\": ",
            ".b.json.benchreport-1.tmp": "half",
            "notes.txt": "not a run",
        ])
        let history = try HistoryTimeline.read(folder.path)
        #expect(history.runs.map(\.commit) == ["fedcba9876543210", "0123456789abcdef"])
        #expect(history.problems.count == 1)
        #expect(history.problems.first?.file == "broken.json")
        #expect(history.branches == ["main"])
    }

    /// Runs are folded in file-name order, but the timeline is in history order whatever the
    /// files are called, each branch has its own trends, and a whole run can be read again.
    @Test func aTimelineIsInHistoryOrderPerBranchWhateverTheFileNames() throws {
        func run(commit: String, date: String, branch: String, p99: String) -> String {
            Self.validRun.replacingOccurrences(of: "0123456789abcdef", with: commit)
                .replacingOccurrences(of: "2026-11-28T03:10:56+02:00", with: date)
                .replacingOccurrences(of: "\"branch\": \"main\"", with: "\"branch\": \"\(branch)\"")
                .replacingOccurrences(of: "12.5", with: p99)
        }
        let folder = try TemporaryFolder([
            "a.json": run(commit: "c3", date: "2026-11-03T00:00:00Z", branch: "main", p99: "30"),
            "b.json": run(commit: "c1", date: "2026-11-01T00:00:00Z", branch: "main", p99: "10"),
            "c.json": run(commit: "d1", date: "2026-11-02T00:00:00Z", branch: "dev", p99: "99"),
            "d.json": run(commit: "c2", date: "2026-11-02T00:00:00Z", branch: "main", p99: "20"),
            "e.json": "{",
        ])
        let timeline = try HistoryTimeline.read(folder.path)
        #expect(timeline.runs.map(\.commit) == ["c1", "c2", "d1", "c3"])
        #expect(timeline.problems.map(\.file) == ["e.json"])
        #expect(timeline.branches == ["main", "dev"])
        let main = timeline.runs(onBranch: "main")
        #expect(main.map(\.file) == ["b.json", "d.json", "a.json"])
        #expect(main[0].resultCounts == ["org/m": 1])
        let trends = timeline.trends(onBranch: "main")
        #expect(trends.count == 1)
        #expect(trends.first?.runIndexes == [0, 1, 2])
        #expect(trends.first?.values == [10, 20, 30])
        #expect(timeline.trends(onBranch: "dev").first?.values == [99])
        #expect(try timeline.run(main[2]).results.first?.metrics["p99_ttft_ms"] == 30)
    }

    @Test func aMissingHistoryIsAFolderError() {
        #expect(throws: FolderError.notFound("/nonexistent/history")) {
            try HistoryTimeline.read("/nonexistent/history")
        }
    }

    @Test(arguments: [
        ("2026-11-28T01:10:56Z", "2026-11-28T01:10:56Z"),
        ("2026-11-28T01:10:56.789Z", "2026-11-28T01:10:56Z"),
        ("2026-11-28T03:10:56+02:00", "2026-11-28T01:10:56Z"),
        ("20261128-011056", "2026-11-28T01:10:56Z"),
        ("2026-11-28", "2026-11-28T00:00:00Z"),
    ])
    func datesAreNormalisedToUTC(text: String, expected: String) {
        #expect(HistoryDate.normalised(text) == expected)
    }

    @Test func fileNamesDependOnDateCommitBranchAndLabelsOnly() {
        func run(_ labels: [String: String], branch: String? = "main", results: [BenchmarkResult] = []) -> HistoryRun {
            HistoryRun(
                commit: "abcdef0123456789", branch: branch, date: "2026-11-28T01:10:56Z", labels: labels,
                results: results)
        }
        let result = BenchmarkResult(
            file: "f.json", kind: .serving, test: "t", series: "s", model: "m", modelSource: .result)
        #expect(run(["a": "1", "b": "2"]).fileName == run(["b": "2", "a": "1"], results: [result]).fileName)
        #expect(run(["a": "1"]).fileName != run(["a": "2"]).fileName)
        #expect(run([:]).fileName != run([:], branch: "dev").fileName)
        #expect(run([:]).fileName.wholeMatch(of: /20261128T011056Z_abcdef012345_[0-9a-f]{8}\.json/) != nil)
    }

    /// A run with `p99` for one serving result of model `m` at rate 4.
    static func run(_ index: Int, p99: Double) -> HistoryRun {
        let result = BenchmarkResult(
            file: "f.json", kind: .serving, test: "serving_m_qps_4", series: "serving_m", model: "org/m",
            modelSource: .result, requestRate: .perSecond(4),
            metrics: ["completed": 10, "p99_ttft_ms": p99, "output_throughput": 100])
        let day = format2(index + 1)
        return HistoryRun(
            commit: "commit\(index)", branch: "main", date: "2026-10-\(day)T00:00:00Z", results: [result])
    }

    static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    @Test func aStepIsFoundBetweenTheRightCommitsAndOnlyInTheWindow() {
        var generator = SplitMix64(seed: 7)
        let runs = (0..<28).map { index in
            Self.run(index, p99: (index >= 20 ? 120 : 100) * (1 + 0.02 * (generator.nextOpenUnitInterval() - 0.5)))
        }
        let trends = HistoryTimeline(runs: runs).trends(onBranch: "main")
        let changes = HistoryTrends.changes(in: trends, runCount: runs.count, lastRuns: 10)
        #expect(changes.count == 1)
        let change = try? #require(changes.first)
        #expect(change?.key.metric == "p99_ttft_ms")
        #expect(change?.firstRunAfter == 20 && change?.lastRunBefore == 19)
        #expect(change?.isWorse == true)
        // The step starts 8 runs before the end: outside a window of the last 5.
        #expect(HistoryTrends.changes(in: trends, runCount: runs.count, lastRuns: 5).isEmpty)
    }
}
