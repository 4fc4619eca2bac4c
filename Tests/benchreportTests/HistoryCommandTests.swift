import Foundation
import Testing

/// `benchreport history` end to end: the built binary, with the environment a CI job gives it.
@Suite struct HistoryCommandTests {
    /// Runs the binary in `folder` (default: the package) with only PATH and `environment`.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in folder: String? = nil
    ) throws -> CommandLineTests.Run {
        // PATH only, so git is found; no CI variables unless the test sets them.
        let path = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        return try CommandLineTests.run(arguments, environment: path.merging(environment) { $1 }, in: folder)
    }

    /// A fresh empty folder outside any git checkout.
    static func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "benchreport-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static var examples: String { CommandLineTests.packageRoot.appendingPathComponent("Examples/base").path }

    @Test func addTakesCommitAndBranchFromGitHubActionsAndIsIdempotent() throws {
        let work = try Self.temporaryFolder("ci")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let environment = ["GITHUB_SHA": "feedface0123456789abcdef0123456789abcdef", "GITHUB_REF_NAME": "main"]
        let arguments = ["history", "add", Self.examples, "--history", work + "/history", "--label", "gpu=H100"]
        let first = try Self.run(arguments, environment: environment, in: work)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("commit feedface0123 (GITHUB_SHA), branch main (GITHUB_REF_NAME)"))
        // No git here: the date is the results' own.
        #expect(first.standardError.contains("date 2026-11-28T01:09:48Z (the results' date)"), "\(first.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: work + "/history")
        #expect(names.count == 1)
        let name = try #require(names.first)
        #expect(name.hasPrefix("20261128T010948Z_feedface0123_") && name.hasSuffix(".json"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: work + "/history/" + name))

        let second = try Self.run(arguments, environment: environment, in: work)
        #expect(second.status == 0)
        #expect(second.standardError.hasPrefix("benchreport: unchanged "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work + "/history") == [name])
        #expect(try Data(contentsOf: URL(fileURLWithPath: work + "/history/" + name)) == bytes)

        // Buildkite's variables work the same; options win over the environment.
        let buildkite = try Self.run(
            [
                "history", "add", Self.examples, "--history", work + "/history", "--branch", "release",
                "--date", "2026-12-01T00:00:00+01:00",
            ],
            environment: ["BUILDKITE_COMMIT": "0badc0de0badc0de", "BUILDKITE_BRANCH": "main"], in: work)
        #expect(buildkite.status == 0, "\(buildkite.standardError)")
        #expect(buildkite.standardError.contains("commit 0badc0de0bad (BUILDKITE_COMMIT), branch release (--branch)"))
        let json = try Self.run(["history", "json", work + "/history"], in: work)
        #expect(json.status == 0)
        let rows = json.standardOutput.split(separator: "\n")
        #expect(rows.count > 2 * 17)
        #expect(
            rows.first?.contains("\"commit\":\"feedface0123456789abcdef0123456789abcdef\",\"branch\":\"main\"") == true)
        #expect(
            rows.last?.contains(
                "\"commit\":\"0badc0de0badc0de\",\"branch\":\"release\",\"date\":\"2026-11-30T23:00:00Z\"") == true)
    }

    @Test func addKeepsTheRepositoryWithoutCredentials() throws {
        let work = try Self.temporaryFolder("repository")
        defer { try? FileManager.default.removeItem(atPath: work) }
        func added(_ options: [String], _ environment: [String: String]) throws -> (
            status: Int32, error: String, file: String
        ) {
            let history = work + "/h\(UInt32.random(in: 0...UInt32.max))"
            let run = try Self.run(
                ["history", "add", Self.examples, "--history", history, "--commit", "feedface"] + options,
                environment: environment, in: work)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: history)) ?? []
            let file = try names.first.map { try String(contentsOfFile: history + "/" + $0, encoding: .utf8) } ?? ""
            return (run.status, run.standardError, file)
        }
        let github = try added(
            [], ["GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "vllm-project/vllm"])
        #expect(github.status == 0)
        #expect(github.file.contains("\"repository\": \"https://github.com/vllm-project/vllm\""))
        #expect(
            github.error.contains(
                "repository https://github.com/vllm-project/vllm (GITHUB_SERVER_URL/GITHUB_REPOSITORY)"))
        // A CI checkout's remote may carry a token: it is never written.
        let buildkite = try added([], ["BUILDKITE_REPO": "https://x-access-token:ghs_secret@github.com/org/repo.git"])
        #expect(buildkite.file.contains("\"repository\": \"https://github.com/org/repo\""))
        #expect(!buildkite.file.contains("ghs_secret") && !buildkite.error.contains("ghs_secret"))
        let option = try added(["--repository", "git@gitlab.com:group/sub/project.git"], ["BUILDKITE_REPO": "x"])
        #expect(option.file.contains("\"repository\": \"https://gitlab.com/group/sub/project\""))
        // Outside a checkout and CI: no repository, and the run is still added.
        let none = try added([], [:])
        #expect(none.status == 0 && none.file.contains("\"repository\": null"))
        let bad = try added(["--repository", "javascript:alert(1)"], [:])
        #expect(
            bad.status == 2 && bad.error.contains("--repository javascript:alert(1): expected a repository address"))
        #expect(bad.file.isEmpty)
    }

    @Test func addTakesTheCommitFromGitWithoutCI() throws {
        let work = try Self.temporaryFolder("git")
        defer { try? FileManager.default.removeItem(atPath: work) }
        // In the package's own checkout, git knows the commit, its branch and its date.
        let run = try Self.run(["history", "add", Self.examples, "--history", work])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("(git HEAD)"), "\(run.standardError)")
        #expect(run.standardError.contains("(the commit's date (git))"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).count == 1)
    }

    @Test func addWithoutACommitIsRefused() throws {
        let work = try Self.temporaryFolder("nocommit")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let run = try Self.run(["history", "add", Self.examples, "--history", work + "/history"], in: work)
        #expect(run.status == 2)
        #expect(run.standardError.contains("benchreport: no commit known for "), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: work + "/history"))
    }

    @Test func badLabelsAndDatesAreRefused() throws {
        let work = try Self.temporaryFolder("badopts")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let label = try Self.run(
            ["history", "add", Self.examples, "--history", work, "--commit", "abc", "--label", "novalue"], in: work)
        #expect(label.status == 2 && label.standardError.contains("--label novalue: expected KEY=VALUE"))
        let date = try Self.run(
            ["history", "add", Self.examples, "--history", work, "--commit", "abc", "--date", "yesterday"], in: work)
        #expect(date.status == 2 && date.standardError.contains("--date yesterday: expected an ISO-8601 date"))
    }

    @Test func markdownOfTheExampleFindsExactlyTheStep() throws {
        // Examples/generate_history.py: p99 TTFT of Llama at 16 req/s is 15% higher from run 42 on.
        let stepCommit = "a3d2e32cf767"
        let beforeCommit = "f5209b45f930"
        for last in ["30", "60"] {
            let run = try Self.run(["history", "markdown", "Examples/history", "--last", last])
            #expect(run.status == 0)
            #expect(run.standardError == "")
            let text = run.standardOutput
            #expect(text.contains("**60 runs** · 2026-10-01 → 2026-11-29"))
            #expect(text.contains("**1 change point** among the last \(last) runs"))
            let rows = text.split(separator: "\n").filter {
                $0.hasPrefix("| TTFT") || $0.hasPrefix("| Output") || $0.hasPrefix("| TPOT")
            }
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.hasPrefix("| TTFT p99 | meta-llama/Llama-3.1-8B-Instruct · "))
            #expect(row.contains("| 16 | ❌ +"))
            #expect(row.contains("\(beforeCommit) (2026-11-11) → \(stepCommit) (2026-11-12)"))
            if last == "30" { try Snapshot.assert(text, named: "history.md") }
        }
        let recent = try Self.run(["history", "markdown", "Examples/history", "--last", "10"])
        #expect(recent.status == 0)
        #expect(recent.standardOutput.contains("No change points among the last 10 runs"))
    }

    @Test func anEmptyOrMissingHistoryExitsTwo() throws {
        let work = try Self.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(atPath: work) }
        for command in ["markdown", "json"] {
            let empty = try Self.run(["history", command, work])
            #expect(empty.status == 2)
            #expect(empty.standardError.contains("no history runs found"))
            let missing = try Self.run(["history", command, work + "/missing"])
            #expect(missing.status == 2)
            #expect(missing.standardError.contains("no such folder"))
        }
    }
}
