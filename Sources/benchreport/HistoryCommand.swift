import ArgumentParser
import Foundation
import Render
import ReportModel

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Keep a history of runs in a folder, one small JSON file per run, and summarise it.",
        discussion: """
            A history is a folder of run files (schema "benchreport-history", version 1; see \
            docs/history.md): each holds one run's commit, branch, date, labels and its \
            normalised results without per-request samples. Two CI jobs adding runs never write \
            the same file.
            """,
        subcommands: [
            HistoryAddCommand.self, HistoryMarkdownCommand.self, HistoryJSONCommand.self, HistoryHTMLCommand.self,
        ]
    )
}

struct HistoryAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a results folder to a history as one run file.",
        discussion: """
            The commit, branch and date default to the CI's (GITHUB_SHA and GITHUB_REF_NAME, \
            BUILDKITE_COMMIT and BUILDKITE_BRANCH), else git in the current folder (HEAD, its \
            branch, the commit's date), else, for the date, the results' own date. Without a \
            commit the run is refused (status 2). The repository, for links to commits on the \
            site and in the summary, defaults to GITHUB_SERVER_URL/GITHUB_REPOSITORY, \
            BUILDKITE_REPO or git's origin remote, without any credentials they hold. The file \
            is named <date>_<commit>_<labels hash>.json: adding the same run again replaces it with the \
            same bytes. Exit status: 0 added; 2 no results, no commit or date, a bad option, or \
            the folder cannot be written.
            """
    )

    @OptionGroup var read: ReadOptions

    @Option(name: .customLong("history"), help: "The history folder (created if missing).", completion: .directory)
    var history: String

    @Option(help: "The commit the results were measured at (default: CI or git).")
    var commit: String?

    @Option(help: "The branch (default: CI or git).")
    var branch: String?

    @Option(help: ArgumentHelp("The run's date, ISO-8601 (default: the commit's date).", valueName: "ISO-8601"))
    var date: String?

    @Option(
        help: ArgumentHelp(
            "The repository's web address, for links to commits (default: CI or git's origin remote).",
            valueName: "URL"))
    var repository: String?

    @Option(
        name: .customLong("label"),
        help: ArgumentHelp("A label that tells runs of one commit apart (repeatable).", valueName: "KEY=VALUE"))
    var labels: [String] = []

    func run() throws {
        let labels = try parsedLabels()
        var normalisedDate: String?
        if let date {
            guard let normalised = HistoryDate.normalised(date) else {
                StandardError.print(
                    "benchreport: --date \(date): expected an ISO-8601 date such as 2026-11-28T01:10:56Z")
                throw ExitCode(2)
            }
            normalisedDate = normalised
        }
        var repository: (url: RepositoryURL, source: String)?
        if let given = self.repository {
            guard let url = RepositoryURL(remote: given) else {
                StandardError.print(
                    printable(
                        "benchreport: --repository \(given): expected a repository address such as "
                            + "https://github.com/vllm-project/vllm or git@github.com:vllm-project/vllm.git"))
                throw ExitCode(2)
            }
            repository = (url, "--repository")
        } else {
            repository = RunOrigin.repository()
        }
        let folder = try read.readFolder()
        let resultDates = folder.results.compactMap { $0.metadata["date"].flatMap(HistoryDate.normalised) }
        let origin = RunOrigin.resolve(
            commit: commit, branch: branch, date: normalisedDate, resultDates: resultDates)
        guard let commit = origin.commit else {
            StandardError.print(
                "benchreport: no commit known for \(read.results): pass --commit SHA, or set GITHUB_SHA or "
                    + "BUILDKITE_COMMIT, or run inside the benchmarked git checkout")
            throw ExitCode(2)
        }
        guard let date = origin.date else {
            StandardError.print(
                "benchreport: no date known for \(read.results): pass --date, or run where git knows "
                    + "commit \(commit.value)")
            throw ExitCode(2)
        }
        let run = HistoryRun(
            commit: commit.value, branch: origin.branch?.value, date: date.value, labels: labels,
            benchreportVersion: BenchReport.configuration.version, vllmVersion: folder.vllmVersion,
            repository: repository?.url, results: folder.results)
        let text = HistoryRunJSON.render(run)
        let path = history + "/" + run.fileName
        let existing = FileManager.default.contents(atPath: path)
        if existing != Data(text.utf8) {
            do {
                try FileManager.default.createDirectory(atPath: history, withIntermediateDirectories: true)
                try AtomicFile.write(Data(text.utf8), to: path)
            } catch {
                StandardError.print("benchreport: \(path): \(error)")
                throw ExitCode(2)
            }
        }
        let what = existing == nil ? "added" : (existing == Data(text.utf8) ? "unchanged" : "replaced")
        StandardError.print(
            printable(
                "benchreport: \(what) \(path): \(run.results.count) results, commit \(run.shortCommit) "
                    + "(\(commit.source)), branch \(run.branch ?? "unknown")"
                    + (origin.branch.map { " (\($0.source))" } ?? "") + ", date \(run.date) (\(date.source))"
                    + (repository.map { ", repository \($0.url) (\($0.source))" } ?? "")))
    }

    /// `KEY=VALUE` pairs; a malformed or repeated key is trouble (status 2).
    func parsedLabels() throws -> [String: String] {
        var parsed: [String: String] = [:]
        for label in labels {
            let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                StandardError.print(printable("benchreport: --label \(label): expected KEY=VALUE, such as gpu=H100"))
                throw ExitCode(2)
            }
            guard parsed[parts[0]] == nil else {
                StandardError.print(printable("benchreport: --label \(label): the key '\(parts[0])' is given twice"))
                throw ExitCode(2)
            }
            parsed[parts[0]] = parts[1]
        }
        return parsed
    }
}

/// The history folder argument, read with its problems printed; an empty or missing history is
/// trouble (status 2).
struct HistoryReadOptions: ParsableArguments {
    @Argument(help: "The history folder.", completion: .directory)
    var history: String

    var shownPath: String { Self.shown(history) }

    static func shown(_ path: String) -> String { path.hasSuffix("/") ? String(path.dropLast()) : path }

    /// The history read one run at a time into run summaries and the trends of `metrics` (and of
    /// capacity within `objectives`), with a progress line; a history without runs is trouble.
    func readTimeline(
        metrics: [String] = HistoryTrends.headlineMetrics, objectives: [ServiceObjective] = []
    ) throws -> HistoryTimeline {
        let timeline = try Self.readTimeline(history, metrics: metrics, objectives: objectives)
        if timeline.runs.isEmpty { try refuseEmpty(problemCount: timeline.problems.count) }
        return timeline
    }

    /// A history without a run is trouble (status 2).
    func refuseEmpty(problemCount: Int) throws -> Never {
        StandardError.print("benchreport: \(shownPath): no history runs found (\(problemCount) problems)")
        throw ExitCode(2)
    }

    /// Reads a history folder and prints its problems; a missing or unreadable folder is
    /// trouble (status 2). An empty history is the caller's to judge.
    static func readTimeline(
        _ path: String, metrics: [String] = [], objectives: [ServiceObjective] = []
    ) throws -> HistoryTimeline {
        let progress = ProgressLine(label: "reading history")
        let timeline: HistoryTimeline
        do {
            timeline = try HistoryTimeline.read(
                path, metrics: metrics, objectives: objectives, progress: progress.update)
        } catch {
            progress.finish()
            StandardError.print("benchreport: \(error)")
            throw ExitCode(2)
        }
        progress.finish()
        for problem in timeline.problems {
            StandardError.print(printable("\(shown(path))/\(problem)"))
        }
        return timeline
    }

    /// `branch`, or the branch with the most runs; a branch without runs is trouble (status 2).
    func chooseBranch(_ branch: String?, in timeline: HistoryTimeline) throws -> String? {
        let chosen = branch ?? timeline.branches.first
        guard timeline.runs.contains(where: { $0.branch == chosen }) else {
            StandardError.print(
                printable(
                    "benchreport: \(history): no runs of branch \(chosen ?? "(none)")"
                        + "; branches: \(timeline.branches.joined(separator: ", "))"))
            throw ExitCode(2)
        }
        return chosen
    }
}

struct HistoryJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Write the history as JSON Lines for a database: one row per run, result and metric.",
        discussion: """
            Columns: commit, branch, date, labels, vllmVersion, model, series, test, kind, \
            requestRate (text, "inf" included), requestRateValue, maxConcurrency, \
            tensorParallelSize, hardware, metric, value, unit, better. Runs come in file-name \
            order (date order for the files history add writes), one at a time, so a history of \
            any size exports in constant memory. Load it into ClickHouse with FORMAT \
            JSONEachRow (README). Exit status: 0; 2 for an empty or missing history.
            """
    )

    @OptionGroup var read: HistoryReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let progress = ProgressLine(label: "exporting history")
        // Trouble inside the body leaves an output file as it was.
        try output.write { append in
            var runCount = 0
            var writeError: (any Error)?
            let problems: [Problem]
            do {
                problems = try HistoryFolder.forEachRun(in: read.history, progress: progress.update) { run, _ in
                    guard writeError == nil else { return }
                    runCount += 1
                    do { try append(HistoryRows.render(run)) } catch { writeError = error }
                }
            } catch {
                progress.finish()
                StandardError.print("benchreport: \(error)")
                throw ExitCode(2)
            }
            progress.finish()
            if let writeError { throw writeError }
            for problem in problems {
                StandardError.print(printable("\(read.shownPath)/\(problem)"))
            }
            if runCount == 0 { try read.refuseEmpty(problemCount: problems.count) }
        }
    }
}

struct HistoryMarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write a summary of the history's change points among the last runs: Markdown.",
        discussion: """
            Follows output throughput and median and p99 TTFT and TPOT per model, sweep, rate \
            and concurrency, and each sweep's capacity within the latency objectives (--slo), \
            over the runs of one branch (--branch; default the branch with the \
            most runs) in date and commit order, finds change points (E-divisive means with a \
            permutation test, docs/change-points.md) and lists those among the last N runs, \
            largest first, with the commits between which each step happened. Exit status: 0; \
            2 for an empty or missing history, or a branch without runs.
            """
    )

    @OptionGroup var read: HistoryReadOptions

    @Option(help: "List change points among this many latest runs.")
    var last: Int = 30

    @Option(help: "The branch to follow (default: the branch with the most runs).")
    var branch: String?

    @OptionGroup var objectives: ObjectiveOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard last > 0 else { throw ValidationError("--last must be 1 or more, not \(last)") }
    }

    func run() throws {
        let objectives = try objectives.parsed()
        let timeline = try read.readTimeline(objectives: objectives)
        let chosen = try read.chooseBranch(branch, in: timeline)
        let runs = timeline.runs(onBranch: chosen)
        let trends = timeline.trends(onBranch: chosen)
        let changes = HistoryTrends.changes(in: trends, runCount: runs.count, lastRuns: last)
        let summary = HistoryMarkdown(
            runs: runs, branch: chosen, lastRuns: last, changes: changes, trendCount: trends.count,
            otherBranchRuns: timeline.runs.count - runs.count, objectives: objectives)
        try output.write(summary.render())
    }
}

struct HistoryHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write the history as a static site: an index and a page per model, no scripts.",
        discussion: """
            index.html gives, per model, each serving sweep's capacity within the latency \
            objectives (--slo) and, per workload, the latest output throughput, p99 TTFT and \
            p99 TPOT, each with a sparkline, the change since the previous run and over the \
            last N runs, and every change point; models/<slug>.html draws each metric over the \
            runs with change points marked, and lists the runs. A line has at most 200 points: \
            one per run of the last 100, older runs in groups drawn at their median with their \
            range shaded; change points are found on all runs (docs/history.md). Runs are read \
            one at a time: memory does not grow with their results. Exit status: 0; 2 for an empty or missing history, a branch without \
            runs, or a folder that cannot be written.
            """
    )

    @OptionGroup var read: HistoryReadOptions

    @Option(help: "The change over this many latest runs is shown beside each value.")
    var last: Int = 30

    @Option(help: "The branch to follow (default: the branch with the most runs).")
    var branch: String?

    @OptionGroup var objectives: ObjectiveOptions

    @Option(name: .shortAndLong, help: "The site folder to write.", completion: .directory)
    var output: String = "history-site"

    func validate() throws {
        guard last > 0 else { throw ValidationError("--last must be 1 or more, not \(last)") }
    }

    func run() throws {
        let objectives = try objectives.parsed()
        let timeline = try read.readTimeline(metrics: HistorySite.metrics, objectives: objectives)
        let chosen = try read.chooseBranch(branch, in: timeline)
        let site = HistorySite(
            timeline: timeline, branch: chosen, objectives: objectives, lastRuns: last,
            generator: "benchreport \(BenchReport.configuration.version)")
        var files = site.files()
        files[".nojekyll"] = ""
        try ReportFolderWriter(path: output).write(files)
    }
}
