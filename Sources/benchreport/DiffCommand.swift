import ArgumentParser
import Render
import ReportModel

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a base and a head results folder; exit 1 when head regressed.",
        discussion: """
            Results are paired by kind and test name (and line, for JSON Lines); renamed tests \
            pair when their model, kind, request rate and concurrency agree. Each metric with a \
            direction (throughputs higher is better; TTFT, TPOT, ITL, E2EL and latency lower) gets \
            a verdict: unchanged within the threshold; beyond it, when both sides have per-request \
            (or per-iteration) samples, a Mann–Whitney U test (mean, median) or a bootstrap \
            interval (percentiles) decides between regression or improvement and noise; without \
            samples the threshold alone decides. Runs whose configuration differs (model, prompts, \
            dataset, TP, hardware, concurrency, percentiles) or that had failed requests are \
            shown as incomparable, without a verdict.

            Exit status: 0 no regression; 1 at least one regression; 2 trouble (a folder missing \
            or without results, a bad --threshold, --strict with problems).
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

    @Option(help: "Significance level of the sample tests.")
    var alpha: Double = 0.01

    @Flag(help: "Exit with status 2 when any file of either folder has a problem.")
    var strict = false

    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let options = try diffOptions()
        let pageTemplates = try templates.load()
        let baseFolder = try ReadOptions.readFolder(base, strict: strict)
        let headFolder = try ReadOptions.readFolder(head, strict: strict)
        let diff = ResultDiff(base: baseFolder, head: headFolder, options: options)
        switch format {
        case .markdown:
            try OutputOptions.write(DiffMarkdown(diff: diff).render(), to: output)
        case .json:
            try OutputOptions.write(DiffJSON.render(diff), to: output)
        case .html:
            let page = DiffHTMLReport(
                diff: diff, templates: pageTemplates, generator: "benchreport \(BenchReport.configuration.version)"
            ).render()
            try ReportFolderWriter(path: output ?? "report").write(["index.html": page, ".nojekyll": ""])
        }
        if diff.count(.regression) > 0 { throw ExitCode(1) }
    }

    /// The thresholds and alpha; a malformed value is trouble (status 2), as for a missing folder.
    func diffOptions() throws -> DiffOptions {
        var options = DiffOptions(alpha: alpha)
        guard alpha > 0 && alpha < 1 else {
            StandardError.print("benchreport: --alpha must be between 0 and 1, not \(alpha)")
            throw ExitCode(2)
        }
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
        return options
    }
}
