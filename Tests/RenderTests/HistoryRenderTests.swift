import Foundation
import ReportModel
import Testing

@testable import Render

@Suite struct HistoryRenderTests {
    static let result = BenchmarkResult(
        file: "serving_m_qps_inf.json", kind: .serving, test: "serving_m_qps_inf", series: "serving_m",
        model: "/root/.cache/huggingface/hub/models--org--m/snapshots/abc", modelSource: .result,
        tensorParallelSize: 2, requestRate: .infinite, maxConcurrency: 16, hardware: "2xH100",
        metrics: ["p99_ttft_ms": 41.310229250229895, "output_throughput": 6677.2, "completed": 198, "odd": .nan],
        metadata: ["backend": "vllm", "note": "a \"quoted\" <b>"], samples: [.ttft: [0.1, 0.2, 0.3]])

    static let run = HistoryRun(
        commit: "0123456789abcdef0123", branch: "main", date: "2026-11-28T01:10:56Z",
        labels: ["gpu": "H100", "job": "nightly"], benchreportVersion: "0.1.0", vllmVersion: "0.11.0",
        results: [result])

    @Test func aRunReadsBackAsWritten() throws {
        let text = HistoryRunJSON.render(Self.run)
        #expect(text.hasPrefix("{\n  \"schema\": \"benchreport-history\",\n  \"version\": 1,\n"))
        // No samples: only their counts.
        #expect(!text.contains("0.2"))
        let read = try HistoryRun(jsonBytes: Array(text.utf8))
        #expect(read.commit == Self.run.commit && read.branch == "main" && read.date == Self.run.date)
        #expect(read.labels == Self.run.labels && read.vllmVersion == "0.11.0" && read.benchreportVersion == "0.1.0")
        let back = try #require(read.results.first)
        #expect(back.model == Self.result.model && back.rawModel == Self.result.rawModel)
        #expect(back.requestRate == .infinite && back.maxConcurrency == 16 && back.tensorParallelSize == 2)
        #expect(back.hardware == "2xH100" && back.metadata == Self.result.metadata)
        #expect(back.metrics["p99_ttft_ms"] == 41.310229250229895)
        #expect(back.metrics["odd"]?.isNaN == true)
        #expect(back.sampleCounts == [.ttft: 3])
        #expect(back.samples.isEmpty)
        // And writes the same bytes again.
        #expect(HistoryRunJSON.render(read) == text)
    }

    @Test func theExampleHistoryIsInTheBytesTheWriterWrites() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/history").path
        var runs: [HistoryRun] = []
        let problems = try HistoryFolder.forEachRun(in: folder) { run, _ in runs.append(run) }
        #expect(runs.count == 60 && problems.isEmpty)
        for run in runs {
            let text = try String(contentsOfFile: folder + "/" + run.fileName, encoding: .utf8)
            #expect(HistoryRunJSON.render(run) == text, "\(run.fileName)")
        }
    }

    @Test func rowsAreOnePerRunResultAndFiniteMetric() throws {
        let rows = HistoryRows.render([Self.run, Self.run]).split(separator: "\n")
        #expect(rows.count == 2 * 3)
        let first = try #require(
            try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
        #expect(first["commit"] as? String == "0123456789abcdef0123")
        #expect(first["branch"] as? String == "main")
        #expect(first["date"] as? String == "2026-11-28T01:10:56Z")
        #expect(first["labels"] as? [String: String] == ["gpu": "H100", "job": "nightly"])
        #expect(first["model"] as? String == "org/m")
        #expect(first["kind"] as? String == "serving")
        #expect(first["requestRate"] as? String == "inf")
        #expect(first["requestRateValue"] is NSNull)
        #expect(first["maxConcurrency"] as? Int == 16)
        #expect(first["metric"] as? String == "completed")
        #expect(first["unit"] as? String == "requests")
        #expect(first["better"] is NSNull)
        let ttft = try #require(
            try JSONSerialization.jsonObject(with: Data(rows[2].utf8)) as? [String: Any])
        #expect(ttft["metric"] as? String == "p99_ttft_ms")
        #expect(ttft["unit"] as? String == "ms" && ttft["better"] as? String == "lower")
        #expect(rows[2].contains("\"value\":41.310229250229895,"))
        // Every row has the same columns, in the same order.
        let keys = try rows.map { row in
            Set((try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any] ?? [:]).keys)
        }
        #expect(Set(keys).count == 1 && keys[0].count == 18)
    }

    @Test func theSummarySaysWhenThereAreNoChangePoints() {
        let text = HistoryMarkdown(
            runs: [HistoryRunSummary(Self.run, file: Self.run.fileName)], branch: "main", lastRuns: 30, changes: [],
            trendCount: 2
        ).render()
        #expect(text.contains("**1 run** · 2026-11-28 → 2026-11-28 · commits 0123456789ab … 0123456789ab"))
        #expect(text.contains("No change points among the last 1 runs"))
    }

    /// A sweep whose top rate starts missing the p99 TTFT objective: its capacity drops from 16
    /// req/s (every rate met it) to an interpolated ~11.9 req/s, a change point the summary lists.
    @Test func aCapacityStepIsListedWithItsObjectives() throws {
        let runs = (0..<30).map { index in
            let wiggle = 1 + 0.01 * sin(Double(index))
            let results = [1.0, 4, 16].map { rate in
                let p99 = rate == 16 ? (index >= 20 ? 3000 : 1500) * wiggle : 100 * wiggle
                return BenchmarkResult(
                    file: "serving_qps_\(rate).json", kind: .serving, test: "serving_qps_\(rate)", series: "serving",
                    model: "org/m", modelSource: .result, requestRate: .perSecond(rate),
                    metrics: ["p99_ttft_ms": p99, "completed": 100])
            }
            return HistoryRun(
                commit: String(format: "%040x", index + 1), branch: "main",
                date: String(format: "2026-10-%02dT02:00:00Z", index + 1), results: results)
        }
        let objectives = ServiceObjective.defaults
        let timeline = HistoryTimeline(runs: runs, objectives: objectives)
        let trends = timeline.trends(onBranch: "main")
        let capacity = try #require(trends.first { $0.key.metric == HistoryTrends.capacityMetric })
        #expect(capacity.values.first == 16)
        // 4 + 12 × (2000 − 100·w) / (3000·w − 100·w) at run 20 (w = 1 + 0.01·sin 20).
        let wiggle = 1 + 0.01 * sin(20.0)
        #expect(abs(capacity.values[20] - (4 + 12 * (2000 - 100 * wiggle) / (2900 * wiggle))) < 1e-9)
        let changes = HistoryTrends.changes(in: trends, runCount: runs.count, lastRuns: 30)
        let change = try #require(changes.first { $0.key.metric == HistoryTrends.capacityMetric })
        #expect(change.isWorse == true && change.firstRunAfter == 20)
        let text = HistoryMarkdown(
            runs: timeline.runs(onBranch: "main"), branch: "main", lastRuns: 30, changes: changes,
            trendCount: trends.count, objectives: objectives
        ).render()
        #expect(text.contains("| Capacity within p99 TTFT ≤ 2 s, p99 TPOT ≤ 200 ms | org/m · serving | – | ❌ −"))
    }

    /// Runs that know their repository link a change point's commits to the range between them,
    /// in the summary and on the site, and each run's commit in the site's table of runs.
    @Test func commitsLinkToTheRepository() throws {
        let repository = try #require(RepositoryURL(remote: "git@github.com:vllm-project/vllm.git"))
        let runs = (0..<30).map { index in
            let wiggle = 1 + 0.01 * sin(Double(index))
            let result = BenchmarkResult(
                file: "serving_qps_1.json", kind: .serving, test: "serving_qps_1", series: "serving", model: "org/m",
                modelSource: .result, requestRate: .perSecond(1),
                metrics: ["p99_ttft_ms": (index >= 20 ? 60 : 50) * wiggle, "completed": 100])
            return HistoryRun(
                commit: String(repeating: String(format: "%02x", index + 1), count: 20), branch: "main",
                date: String(format: "2026-10-%02dT02:00:00Z", index + 1), repository: repository, results: [result])
        }
        let timeline = HistoryTimeline(runs: runs, metrics: HistorySite.metrics, objectives: [])
        let trends = timeline.trends(onBranch: "main")
        let changes = HistoryTrends.changes(in: trends, runCount: runs.count, lastRuns: 30)
        #expect(changes.count == 1)
        let range = "https://github.com/vllm-project/vllm/compare/\(runs[19].commit)...\(runs[20].commit)"
        let text = HistoryMarkdown(
            runs: timeline.runs(onBranch: "main"), branch: "main", lastRuns: 30, changes: changes,
            trendCount: trends.count
        ).render()
        #expect(text.contains("| [141414141414 (2026-10-20) → 151515151515 (2026-10-21)](\(range)) |"), "\(text)")
        let site = HistorySite(timeline: timeline, branch: "main", objectives: [], generator: "t").files()
        let index = try #require(site["index.html"])
        #expect(index.contains("between <a href=\"\(range)\">141414141414 and 151515151515</a>"))
        let page = try #require(site["models/orgm.html"])
        #expect(
            page.contains(
                "<td><a href=\"https://github.com/vllm-project/vllm/commit/\(runs[29].commit)\">1e1e1e1e1e1e</a></td>"))
        #expect(RenderingInvariants.page(index).isEmpty && RenderingInvariants.page(page).isEmpty)

        // Without a repository, the same text without links.
        let plain = HistoryTimeline(
            runs: runs.map { run in
                var run = run
                run.repository = nil
                return run
            }, metrics: HistorySite.metrics, objectives: [])
        let plainIndex = try #require(
            HistorySite(timeline: plain, branch: "main", objectives: [], generator: "t").files()["index.html"])
        #expect(plainIndex.contains("between 141414141414 and 151515151515</li>") && !plainIndex.contains("github.com"))
    }

    /// A run file's repository is read back as written; one that is not an address (a file
    /// anyone can edit) is read as none, and the run is kept.
    @Test func theRepositoryReadsBackAndHostileOnesAreDropped() throws {
        var run = Self.run
        run.repository = RepositoryURL(remote: "https://github.com/vllm-project/vllm")
        let text = HistoryRunJSON.render(run)
        #expect(
            text.contains("\"vllmVersion\": \"0.11.0\",\n  \"repository\": \"https://github.com/vllm-project/vllm\",\n")
        )
        #expect(try HistoryRun(jsonBytes: Array(text.utf8)).repository == run.repository)
        for hostile in ["javascript:alert(1)", "https://x.org/a/b\\\" onmouseover=\\\"alert(1)", "data:text/html,x"] {
            let edited = text.replacingOccurrences(of: "https://github.com/vllm-project/vllm", with: hostile)
            let read = try HistoryRun(jsonBytes: Array(edited.utf8))
            #expect(read.repository == nil && read.results.count == 1, "\(hostile)")
        }
        // Written as null when unknown, and a run file without the key (an older writer) reads as none.
        #expect(HistoryRunJSON.render(Self.run).contains("\"repository\": null"))
        let older = HistoryRunJSON.render(Self.run).replacingOccurrences(of: "  \"repository\": null,\n", with: "")
        #expect(try HistoryRun(jsonBytes: Array(older.utf8)).repository == nil)
    }
}
