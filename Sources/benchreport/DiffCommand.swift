import ArgumentParser
import Render
import ReportModel

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare head results with a base folder or a history's recent runs; exit 1 when head regressed.",
        usage: """
            benchreport diff [<options>] BASE HEAD
            benchreport diff [<options>] --baseline-history DIR [--baseline-branch NAME] [--baseline-runs N] HEAD
            """,
        discussion: """
            Results pair by configuration: kind, model, request rate, concurrency and the metadata \
            labels that tell variants apart (framework=vllm vs framework=sgl), and by test name \
            where that is unambiguous. Runs of one configuration on a side are replicates.

            Each metric with a direction is judged against an equivalence threshold (5% for means, \
            medians and throughputs; 10% for p90 and above) and, where there is something to test, \
            by one-sided tests with the request as the unit: Wilcoxon signed-rank on per-request \
            ratios when both runs sent the same requests (same seed and dataset), else \
            Mann–Whitney U; each request's mean or median gap for ITL; Harrell–Davis quantiles \
            with a bootstrap for p90 and above; a Welch t-test when a side has repeated runs. The \
            rates of a sweep are judged together (mean change and Stouffer's combined z). CI \
            fails on a sweep regression, on a single rate beyond twice its threshold and \
            significant after a Bonferroni correction, on a significant rise in failed requests, \
            or on a change without samples beyond --fail-unconfirmed. Runs that served different \
            workloads (dataset, prompts, rate, concurrency, percentiles, the requests themselves) \
            are incomparable; what differs in the system under test (model, hardware, TP, vLLM \
            version, backend, labels) is what is being compared, and is judged.

            With --baseline-history, the base side is the last N runs of a branch in a history \
            folder (benchreport history add): each configuration's runs are replicates, base values \
            are their mean, and each head value is tested against their spread with a prediction \
            interval, the rates combined as above; p90 and above then default to the threshold of \
            means (the history measures their noise) and --alpha to 0.001. This works with files \
            that have no per-request samples.

            Exit status: 0 no regression; 1 CI fails; 2 trouble (a folder missing or without \
            results, a history without runs of the branch, nothing compared, a bad option, \
            --strict with problems).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, json
    }

    @Argument(
        help: ArgumentHelp(
            "BASE HEAD: the results folders before and after the change; with --baseline-history, HEAD alone.",
            valueName: "base-or-head"),
        completion: .directory)
    var folders: [String] = []

    @Option(
        name: .customLong("baseline-history"),
        help: ArgumentHelp(
            "Judge HEAD against the last runs of a branch in this history folder instead of a BASE folder.",
            valueName: "DIR"),
        completion: .directory)
    var baselineHistory: String?

    @Option(
        name: .customLong("baseline-branch"),
        help: ArgumentHelp("The history's branch whose runs are the baseline.", valueName: "NAME"))
    var baselineBranch = "main"

    @Option(
        name: .customLong("baseline-runs"),
        help: ArgumentHelp("How many of the branch's last runs are the baseline.", valueName: "N"))
    var baselineRuns = 10

    @Option(help: "Output format: markdown (the PR comment), html (a report folder) or json.")
    var format: Format = .markdown

    @Option(
        name: .shortAndLong,
        help: "Output file (markdown, json; '-' is standard output) or folder (html, default 'report').")
    var output: String?

    @Option(
        name: .customLong("threshold"),
        help: ArgumentHelp(
            "Percent change within which a metric is unchanged (default 5); METRIC=PCT sets one metric.",
            valueName: "PCT|METRIC=PCT"))
    var thresholds: [String] = []

    @Option(help: "Significance level of the one-sided tests (default 0.01; 0.001 with --baseline-history).")
    var alpha: Double?

    @Option(
        name: .customLong("tail-threshold"),
        help: ArgumentHelp(
            "Threshold for percentiles of p90 and above (default twice --threshold).", valueName: "PCT"))
    var tailThreshold: Double?

    @Option(
        name: .customLong("fail-unconfirmed"),
        help: ArgumentHelp(
            "A change that nothing can test (no samples, no repeated runs) fails CI only beyond this.",
            valueName: "PCT"))
    var failUnconfirmed: Double = 20

    @Option(
        name: .customLong("same"),
        help: ArgumentHelp(
            "System properties that must agree for runs to be compared: model, hardware, tp, backend, or a metadata key.",
            valueName: "KEY,..."))
    var same: [String] = []

    @Option(name: .customLong("report-url"), help: "Link the comment to the published HTML diff at this URL.")
    var reportURL: String?

    @Flag(help: "Exit with status 2 when any file of either folder has a problem.")
    var strict = false

    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let options = try diffOptions()
        let pageTemplates = try templates.load()
        let diff: ResultDiff
        if let baselineHistory {
            let baseline = try readBaseline(baselineHistory)
            let headFolder = try ReadOptions.readFolder(folders[0], strict: strict, keepsRequests: true)
            diff = ResultDiff(baseline: baseline, head: headFolder, options: options)
        } else {
            let baseFolder = try ReadOptions.readFolder(folders[0], strict: strict, keepsRequests: true)
            let headFolder = try ReadOptions.readFolder(folders[1], strict: strict, keepsRequests: true)
            diff = ResultDiff(base: baseFolder, head: headFolder, options: options)
        }
        switch format {
        case .markdown:
            try OutputOptions.write(DiffMarkdown(diff: diff, reportURL: reportURL).render(), to: output)
        case .json:
            try OutputOptions.write(DiffJSON.render(diff), to: output)
        case .html:
            let page = DiffHTMLReport(
                diff: diff, templates: pageTemplates, generator: "benchreport \(BenchReport.configuration.version)"
            ).render()
            try ReportFolderWriter(path: output ?? "report").write(["index.html": page, ".nojekyll": ""])
        }
        if diff.comparedNothing {
            StandardError.print("benchreport: nothing compared: \(DiffHeadline.plainText(of: diff))")
        }
        if diff.exitStatus != 0 { throw ExitCode(diff.exitStatus) }
    }

    func validate() throws {
        let expected = baselineHistory == nil ? 2 : 1
        guard folders.count == expected else {
            throw ValidationError(
                baselineHistory == nil
                    ? "expected BASE and HEAD folders (or --baseline-history DIR and HEAD), got \(folders.count)"
                    : "with --baseline-history, give only the HEAD folder, got \(folders.count) folders")
        }
        guard baselineRuns > 0 else { throw ValidationError("--baseline-runs must be 1 or more, not \(baselineRuns)") }
    }

    /// The last runs of the branch; a missing or unreadable history, or one without a run of
    /// the branch, is trouble (status 2).
    func readBaseline(_ path: String) throws -> HistoryBaseline {
        let timeline = try HistoryReadOptions.readTimeline(path)
        if strict && !timeline.problems.isEmpty { throw ExitCode(2) }
        // Only the last runs of the branch are read whole, once more.
        var runs: [HistoryRun] = []
        for summary in timeline.runs(onBranch: baselineBranch).suffix(baselineRuns) {
            do {
                runs.append(try timeline.run(summary))
            } catch {
                StandardError.print(printable("\(HistoryReadOptions.shown(path))/\(error.problem)"))
                throw ExitCode(2)
            }
        }
        guard let baseline = HistoryBaseline(path: path, branch: baselineBranch, runs: runs, count: baselineRuns)
        else {
            let branches = timeline.branches.isEmpty ? "none" : timeline.branches.joined(separator: ", ")
            StandardError.print(
                "benchreport: \(path): no run of branch '\(baselineBranch)' in the history "
                    + "(\(timeline.runs.count) runs; branches: \(branches))")
            throw ExitCode(2)
        }
        return baseline
    }

    /// The thresholds and alpha; a malformed value is trouble (status 2), as for a missing folder.
    func diffOptions() throws -> DiffOptions {
        // Against a history, 0.01 fails 4–5% of heads drawn from the history's own noise
        // (docs/diff.md, "Against a history"); 0.001 fails 1.5–2.5% and still catches a 7% step.
        let alpha = self.alpha ?? (baselineHistory == nil ? 0.01 : 0.001)
        var options = DiffOptions(alpha: alpha)
        guard alpha > 0 && alpha < 1 else {
            StandardError.print("benchreport: --alpha must be between 0 and 1, not \(alpha)")
            throw ExitCode(2)
        }
        for (name, value) in [("--tail-threshold", tailThreshold), ("--fail-unconfirmed", failUnconfirmed)] {
            if let value, !(value >= 0 && value.isFinite) {
                StandardError.print("benchreport: \(name) must be a percentage of 0 or more, not \(value)")
                throw ExitCode(2)
            }
        }
        options.failUnconfirmedPercent = failUnconfirmed
        options.sameKeys = same.flatMap { $0.split(separator: ",").map { String($0) } }
        for threshold in thresholds {
            let parts = threshold.split(separator: "=", maxSplits: 1).map(String.init)
            guard let percent = Double(parts.last!.replacingOccurrences(of: "%", with: "")), percent >= 0,
                percent.isFinite
            else {
                StandardError.print(
                    "benchreport: --threshold \(threshold): expected a percentage such as 5 or p99_ttft_ms=10")
                throw ExitCode(2)
            }
            if parts.count == 2 {
                let metric = MetricCatalog.currentKey(parts[0])
                if MetricCatalog.info(for: metric)?.direction == nil {
                    StandardError.print(
                        "benchreport: --threshold \(threshold): '\(parts[0])' is not a metric with a direction")
                    throw ExitCode(2)
                }
                options.metricThresholds[metric] = percent
            } else {
                options.thresholdPercent = percent
            }
        }
        // The tail margin is doubled because p99 moves more from run to run; a history measures
        // that spread, so against one the tail needs no wider margin than the mean.
        options.tailThresholdPercent = tailThreshold ?? (baselineHistory == nil ? 2 : 1) * options.thresholdPercent
        return options
    }
}
