import ArgumentParser
import Render
import ReportModel

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a base and a head results folder; exit 1 when head regressed.",
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

            Exit status: 0 no regression; 1 CI fails; 2 trouble (a folder missing or without \
            results, nothing compared, a bad option, --strict with problems).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, json
    }

    @Argument(help: "The base results folder (before the change).", completion: .directory)
    var base: String

    @Argument(help: "The head results folder (after the change).", completion: .directory)
    var head: String

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

    @Option(help: "Significance level of the one-sided tests.")
    var alpha: Double = 0.01

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
        let baseFolder = try ReadOptions.readFolder(base, strict: strict, keepsRequests: true)
        let headFolder = try ReadOptions.readFolder(head, strict: strict, keepsRequests: true)
        let diff = ResultDiff(base: baseFolder, head: headFolder, options: options)
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

    /// The thresholds and alpha; a malformed value is trouble (status 2), as for a missing folder.
    func diffOptions() throws -> DiffOptions {
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
        options.tailThresholdPercent = tailThreshold ?? 2 * options.thresholdPercent
        return options
    }
}
