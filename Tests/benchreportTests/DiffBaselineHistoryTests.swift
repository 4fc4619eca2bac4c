import Foundation
import Testing

/// `benchreport diff --baseline-history` end to end, on the example history: its runs are
/// nightly runs of main with 2.5% noise and a +15% step of Llama's p99 TTFT at 16 req/s from
/// run 42 on (Examples/generate_history.py).
@Suite struct DiffBaselineHistoryTests {
    static let history = CommandLineTests.packageRoot.appendingPathComponent("Examples/history").path
    static var runFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: history).filter { $0.hasSuffix(".json") }.sorted()) ?? []
    }

    /// A history of the example's runs `0..<count`, all before the step.
    static func historyBefore(_ count: Int) throws -> String {
        let folder = try HistoryCommandTests.temporaryFolder("baseline")
        for name in runFiles.prefix(count) {
            try FileManager.default.copyItem(atPath: history + "/" + name, toPath: folder + "/" + name)
        }
        return folder
    }

    /// A head results folder holding run `index`'s results as vLLM serving files.
    static func head(fromRun index: Int) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: history + "/" + runFiles[index]))
        let run = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let folder = try HistoryCommandTests.temporaryFolder("head")
        for case let result as [String: Any] in try #require(run["results"] as? [Any]) {
            var file = try #require(result["metrics"] as? [String: Any])
            file["model_id"] = result["model"]
            file["tokenizer_id"] = result["model"]
            file["date"] = "20261201-020000"
            let bytes = try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys])
            try bytes.write(to: URL(fileURLWithPath: folder + "/" + (try #require(result["file"] as? String))))
        }
        return folder
    }

    @Test func aHeadWithThePlantedStepFailsCI() throws {
        let baseline = try Self.historyBefore(42)
        let head = try Self.head(fromRun: 42)
        defer { for path in [baseline, head] { try? FileManager.default.removeItem(atPath: path) } }
        let run = try HistoryCommandTests.run(["diff", "--baseline-history", baseline, head])
        #expect(run.status == 1, "\(run.standardOutput)\n\(run.standardError)")
        let headline = Self.headline(run.standardOutput)
        #expect(
            headline.hasPrefix("❌ **CI fails: 1 regression** — meta-llama/Llama-3.1-8B-Instruct @ 16 req/s TTFT p99 +"))
        #expect(
            headline.hasSuffix(
                "baseline: the last 10 runs of `main` (2026-11-02 – 2026-11-11, "
                    + "\(Self.shortCommit(Self.runFiles[32])) … \(Self.shortCommit(Self.runFiles[41])))"))
    }

    @Test func markdownAndJSONWithThePlantedStepMatchTheirGoldenFiles() throws {
        // Relative names inside one folder, so the golden files hold no temporary path.
        let work = try HistoryCommandTests.temporaryFolder("baseline-golden")
        let baseline = try Self.historyBefore(42)
        let head = try Self.head(fromRun: 42)
        defer { for path in [work, baseline, head] { try? FileManager.default.removeItem(atPath: path) } }
        try FileManager.default.moveItem(atPath: baseline, toPath: work + "/history")
        try FileManager.default.moveItem(atPath: head, toPath: work + "/head")
        let markdown = try HistoryCommandTests.run(["diff", "--baseline-history", "history", "head"], in: work)
        #expect(markdown.status == 1)
        try Snapshot.assert(markdown.standardOutput, named: "diff-baseline-history.md")
        let json = try HistoryCommandTests.run(
            ["diff", "--baseline-history", "history", "--format", "json", "head"], in: work)
        #expect(json.status == 1)
        try Snapshot.assert(json.standardOutput, named: "diff-baseline-history.json")
    }

    @Test func aHeadFromTheSameNoisePasses() throws {
        let baseline = try Self.historyBefore(41)
        let head = try Self.head(fromRun: 41)
        defer { for path in [baseline, head] { try? FileManager.default.removeItem(atPath: path) } }
        let run = try HistoryCommandTests.run(["diff", "--baseline-history", baseline, head])
        #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
        #expect(Self.headline(run.standardOutput).hasPrefix("✅ **No regression**"))
        #expect(run.standardOutput.contains("baseline: the last 10 runs of `main`"))
    }

    @Test func jsonNamesTheBaselineRuns() throws {
        let head = try Self.head(fromRun: 59)
        defer { try? FileManager.default.removeItem(atPath: head) }
        let run = try HistoryCommandTests.run(
            ["diff", "--baseline-history", Self.history, "--baseline-runs", "5", "--format", "json", head])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let baseline = try #require(object["baseline"] as? [String: Any])
        #expect(baseline["branch"] as? String == "main")
        #expect((baseline["runs"] as? [Any])?.count == 5)
        // Each head value is tested against the five runs as replicates.
        #expect(run.standardOutput.contains("prediction interval of 5 base runs"))
    }

    @Test func anEmptyHistoryOrOneWithoutTheBranchExitsTwo() throws {
        let empty = try HistoryCommandTests.temporaryFolder("empty-history")
        let head = try Self.head(fromRun: 59)
        defer { for path in [empty, head] { try? FileManager.default.removeItem(atPath: path) } }
        let none = try HistoryCommandTests.run(["diff", "--baseline-history", empty, head])
        #expect(none.status == 2)
        #expect(none.standardError.contains("no run of branch 'main'"))
        let other = try HistoryCommandTests.run(
            ["diff", "--baseline-history", Self.history, "--baseline-branch", "release", head])
        #expect(other.status == 2)
        #expect(other.standardError.contains("branches: main"))
    }

    @Test func foldersMustMatchTheForm() throws {
        let both = try HistoryCommandTests.run([
            "diff", "--baseline-history", Self.history, "Examples/base", "Examples/head",
        ])
        #expect(both.status == 64)
        let one = try HistoryCommandTests.run(["diff", "Examples/head"])
        #expect(one.status == 64)
    }

    /// The comment's decision line.
    static func headline(_ markdown: String) -> String {
        markdown.split(separator: "\n").first { $0.hasPrefix("❌") || $0.hasPrefix("✅") || $0.hasPrefix("⛔") }
            .map(String.init) ?? ""
    }

    static func shortCommit(_ fileName: String) -> String {
        String(fileName.split(separator: "_")[1])
    }
}
