import Foundation
import Testing

/// Runs the built `benchreport` binary, as a user or CI would.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle (both are build products of the same build).
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("benchreport")
    }

    /// Runs the binary in `folder` (default: the package), with `environment` in place of this
    /// process's when given.
    static func run(
        _ arguments: [String], environment: [String: String]? = nil, in folder: String? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder.map { URL(fileURLWithPath: $0) } ?? packageRoot
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        // Not `waitUntilExit`, which polls every 50 ms on Linux (see `Git.output`).
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test func markdownOfTheExampleMatchesItsGoldenFile() throws {
        let run = try Self.run(["markdown", "Examples/base"])
        #expect(run.status == 0)
        #expect(run.standardError == "")
        try Snapshot.assert(run.standardOutput, named: "base.md")
    }

    @Test func jsonOfTheExampleMatchesItsGoldenFile() throws {
        let run = try Self.run(["json", "Examples/base"])
        #expect(run.status == 0)
        try Snapshot.assert(run.standardOutput, named: "base.json")
        // The output is JSON that Foundation reads back, with the contract's keys.
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
        #expect((object?["results"] as? [Any])?.count == 17)
    }

    @Test func htmlOfTheExampleMatchesItsGoldenFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-html-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.run(["html", "Examples/base", "-o", folder.path])
        #expect(run.status == 0)
        #expect(run.standardError == "")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".nojekyll", "index.html"])
        try Snapshot.assert(
            try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8), named: "base.html")
    }

    @Test func badTemplatesExitTwoNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-tpl-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{{#models}}\n".utf8).write(to: folder.appendingPathComponent("model.mustache"))
        let run = try Self.run(["html", "Examples/base", "-o", folder.path + "/out", "--templates", folder.path])
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix("benchreport: \(folder.path)/model.mustache:"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func diffOfTheExamplesMatchesItsGoldenFilesAndExitsOne() throws {
        let markdown = try Self.run(["diff", "Examples/base", "Examples/head"])
        #expect(markdown.status == 1)
        #expect(markdown.standardError == "")
        try Snapshot.assert(markdown.standardOutput, named: "diff.md")
        // The decision comes first, under the title.
        let lines = markdown.standardOutput.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines[2].hasPrefix("❌ **CI fails: "), "\(lines[2])")
        #expect(lines[2].contains("TTFT median"))

        let json = try Self.run(["diff", "Examples/base", "Examples/head", "--format", "json"])
        #expect(json.status == 1)
        try Snapshot.assert(json.standardOutput, named: "diff.json")
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["regressions"] as? Int ?? 0 > 0)
        #expect(summary?["added"] as? Int == 1 && summary?["removed"] as? Int == 1)
        let decision = object?["decision"] as? [String: Any]
        #expect(decision?["failsCI"] as? Bool == true && decision?["exitStatus"] as? Int == 1)
        // Every row says which file and line of each side it compares.
        let rows = object?["rows"] as? [[String: Any]] ?? []
        #expect(!rows.isEmpty && rows.allSatisfy { ($0["baseRuns"] as? [[String: Any]])?.first?["file"] is String })

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-diff-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try Self.run(["diff", "Examples/base", "Examples/head", "--format", "html", "-o", folder.path])
        #expect(html.status == 1)
        try Snapshot.assert(
            try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8), named: "diff.html")
    }

    @Test func diffOfAFolderWithItselfExitsZero() throws {
        let run = try Self.run(["diff", "Examples/base", "Examples/base"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\n✅ **No regression**\n"))
        #expect(!run.standardOutput.contains("improvement"))
    }

    /// A head whose only result served another workload: nothing is compared, and that is
    /// trouble (2), never a pass, said in words.
    @Test func diffThatComparesNothingExitsTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-none-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOfFile: "Examples/base/serving_qwen2_5_7B_tp1_qps_4.json", encoding: .utf8)
        try original.replacingOccurrences(of: "\"num_prompts\": 200", with: "\"num_prompts\": 500")
            .write(
                to: folder.appendingPathComponent("serving_qwen2_5_7B_tp1_qps_4.json"), atomically: true,
                encoding: .utf8)
        let run = try Self.run(["diff", "Examples/base", folder.path])
        #expect(run.status == 2)
        #expect(
            run.standardOutput.contains(
                "⛔ **Nothing compared**: the one pair served different workloads: number of prompts differs: 200 → 500")
        )
        #expect(run.standardError.contains("nothing compared"))
    }

    @Test func diffLinksTheReport() throws {
        let run = try Self.run(["diff", "Examples/base", "Examples/head", "--report-url", "https://example.org/r (1)"])
        #expect(run.standardOutput.contains("[Full report with charts](https://example.org/r%20%281%29)"))
    }

    @Test func diffTroubleExitsTwo() throws {
        #expect(try Self.run(["diff", "Examples/base", "/nonexistent/head"]).status == 2)
        let badThreshold = try Self.run(["diff", "Examples/base", "Examples/head", "--threshold", "fast"])
        #expect(badThreshold.status == 2)
        #expect(badThreshold.standardError.contains("--threshold fast"))
        let unknownMetric = try Self.run(["diff", "Examples/base", "Examples/head", "--threshold", "completed=5"])
        #expect(unknownMetric.status == 2)
        // With a 50% threshold no change of the examples counts.
        let lenient = try Self.run(["diff", "Examples/base", "Examples/head", "--threshold", "50"])
        #expect(lenient.status == 0)
    }

    @Test func outputFileIsTheSameAsStandardOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("comment.md").path
        let run = try Self.run(["markdown", "Examples/base", "-o", path])
        #expect(run.status == 0 && run.standardOutput == "")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == (try Self.run(["markdown", "Examples/base"])).standardOutput)
        // Only the file itself was left behind: the temporary file was renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["comment.md"])
    }

    /// A device is written in place: renaming a temporary file over `/dev/null` (as root) would
    /// replace the device with a regular file.
    @Test func outputToADeviceWritesInPlace() throws {
        let run = try Self.run(["markdown", "Examples/base", "-o", "/dev/null"])
        #expect(run.status == 0)
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(try Self.run(["json", "Examples/base", "-o", NSTemporaryDirectory()]).status == 2)
    }

    @Test func missingFolderExitsTwo() throws {
        let run = try Self.run(["markdown", "/nonexistent/results"])
        #expect(run.status == 2)
        #expect(run.standardError == "benchreport: /nonexistent/results: no such folder\n")
        #expect(run.standardOutput == "")
    }

    @Test func folderWithoutResultsExitsTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-empty-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let run = try Self.run(["json", folder.path])
        #expect(run.status == 2)
        #expect(run.standardError.contains("no benchmark results found (0 problems, 1 files skipped)"))
        // The JSON still says what was read and why nothing was a result.
        #expect(
            run.standardOutput == """
                {
                  "schemaVersion": 1,
                  "results": [],
                  "problems": [],
                  "skipped": [
                    {
                      "file": "notes.txt",
                      "reason": "not a JSON file"
                    }
                  ]
                }

                """)
        let output = folder.appendingPathComponent("out.json").path
        #expect(try Self.run(["json", folder.path, "-o", output]).status == 2)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == run.standardOutput)
        #expect(try Self.run(["markdown", folder.path]).standardOutput == "")
    }

    /// A `vllm bench sweep` folder: `summary.json` (an array of the runs) beside the `run=N.json`
    /// files it summarises is read once; alone, its runs are read from it.
    @Test func sweepSummaryIsReadOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-sweep-\(getpid())")
        let combination = folder.appendingPathComponent("SERVE--max_num_seqs=32-BENCH--request_rate=4")
        try FileManager.default.createDirectory(at: combination, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try String(
            contentsOfFile: Self.packageRoot.appendingPathComponent("Examples/base/serving_qwen2_5_7B_tp1_qps_4.json")
                .path,
            encoding: .utf8)
        let runs = (0..<2).map { run in
            result.replacingOccurrences(
                of: #""request_rate": 4.0"#, with: #""request_rate": 4.0, "run_number": \#(run), "max_num_seqs": 32"#)
        }
        try Data(("[\n" + runs.joined(separator: ",\n") + "\n]").utf8).write(
            to: combination.appendingPathComponent("summary.json"))

        func resultFiles() throws -> [String] {
            let run = try Self.run(["json", folder.path])
            #expect(run.status == 0, "\(run.standardError)")
            return run.standardOutput.split(separator: "\n").filter { $0.contains(#""file": "#) }.map {
                String($0.trimmingCharacters(in: .whitespaces))
            }
        }
        // Alone, the summary's runs are read from it, named as their run files would be.
        let fromSummary = try Self.run(["json", folder.path])
        #expect(fromSummary.standardOutput.components(separatedBy: #""test": "run=0""#).count == 2)
        #expect(fromSummary.standardOutput.components(separatedBy: #""test": "run=1""#).count == 2)
        #expect(fromSummary.standardOutput.contains(#""line": 2"#))
        #expect(try resultFiles().count == 2)

        // Beside its run files, the run files are read and the summary is skipped.
        for (run, text) in runs.enumerated() {
            try Data(text.utf8).write(to: combination.appendingPathComponent("run=\(run).json"))
        }
        let files = try resultFiles()
        #expect(
            files == [
                #""file": "SERVE--max_num_seqs=32-BENCH--request_rate=4/run=0.json","#,
                #""file": "SERVE--max_num_seqs=32-BENCH--request_rate=4/run=1.json","#,
                #""file": "SERVE--max_num_seqs=32-BENCH--request_rate=4/summary.json","#,
            ])
        let json = try Self.run(["json", folder.path]).standardOutput
        #expect(json.contains("summary of the 2 run=N.json files beside it (read from those)"))

        // One run file gone: only that run is read from the summary.
        try FileManager.default.removeItem(at: combination.appendingPathComponent("run=1.json"))
        let partial = try Self.run(["json", folder.path]).standardOutput
        #expect(partial.components(separatedBy: #""test": "run=1""#).count == 2)
        #expect(partial.components(separatedBy: #""test": "run="#).count == 3)
    }

    @Test func badFileIsReportedAndTheRestStillReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("benchreport-bad-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Self.packageRoot.appendingPathComponent("Examples/base/latency_llama8B_tp1.json")
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("latency_llama8B_tp1.json"))
        try Data(#"{"avg_latency": 1.5, "latencies": [1.4"#.utf8).write(
            to: folder.appendingPathComponent("latency_bad.json"))

        let run = try Self.run(["markdown", folder.path])
        #expect(run.status == 0)
        #expect(
            run.standardError
                == "\(folder.path)/latency_bad.json: not valid JSON: unexpected end of input inside an array (at byte 38)\n"
        )
        #expect(run.standardOutput.contains("| latency\\_llama8B\\_tp1 | 15 |"))
        #expect(run.standardOutput.contains("1 problem in 1 file"))

        let strict = try Self.run(["json", "--strict", folder.path])
        #expect(strict.status == 2)
        #expect(strict.standardOutput == "")
    }

    @Test func helpNamesTheCommandsAndBadFlagsExit64() throws {
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("USAGE: benchreport <subcommand>"))
        #expect(help.standardOutput.contains("markdown"))
        #expect(help.standardOutput.contains("json"))
        let bad = try Self.run(["markdown", "--no-such-flag", "Examples/base"])
        #expect(bad.status == 64)
    }
}

/// Golden files in `Snapshots/` beside this file. A missing golden file is written and the
/// test fails; `RECORD_SNAPSHOTS=1 swift test` rewrites them all (review the diff).
enum Snapshot {
    static func assert(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots").appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty } ?? false
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); review it and run the tests again", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}
