import ArgumentParser
import Render
import ReportModel

struct MarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write the pull-request comment: GitHub-flavoured Markdown.",
        discussion: """
            A headline, each serving sweep's capacity within the latency objectives (--slo), peak output and knee, then per model the serving, latency and throughput tables. The comment \
            starts with the hidden marker <!-- benchreport --> so CI can update one sticky \
            comment, and never exceeds GitHub's limit of 65,536 characters: past it, whole \
            sections are left out, least important first, and the comment says which.
            """
    )

    @OptionGroup var read: ReadOptions
    @OptionGroup var objectives: ObjectiveOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let objectives = try objectives.parsed()
        let folder = try read.readFolder(keepsRequests: true)
        try output.write(ReportMarkdown(report: Report(folder: folder), objectives: objectives).render())
    }
}

struct JSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Write the normalised results as JSON for other tools.",
        discussion: """
            Schema version 1: "results" (file, kind, test, model, requestRate, maxConcurrency, \
            metrics under current vLLM key names in the file's own unit, …), "problems" and \
            "skipped". Numbers are exact; non-finite numbers are null.
            """
    )

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        // A folder without results still gets its JSON (what was skipped and why) before the
        // exit status 2: a tool reading it learns why, not only that.
        let folder = try read.readFolder { folder in
            // A write that fails has said so on standard error; the status stays 2.
            try? output.write(ReportJSON.render(folder))
        }
        try output.write(ReportJSON.render(folder))
    }
}

struct HTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write the published report: a static HTML page with tables and SVG charts.",
        discussion: """
            Opens with each serving sweep's capacity within the latency objectives (--slo), its \
            peak output throughput and its knee, and charts comparing sweeps on one workload. \
            Writes DIR/index.html and DIR/.nojekyll (for GitHub Pages); a report over 5 MB becomes \
            an index and one page per model under DIR/models/. The page is self-contained: \
            inline CSS and SVG, no JavaScript, nothing loaded from elsewhere, so it opens from disk, \
            as a CI artifact or on any static host. Tables are rendered by cmark-gfm, GitHub's own \
            Markdown library, exactly as in the PR comment. Files are replaced atomically.
            """
    )

    @OptionGroup var read: ReadOptions

    @Option(name: .shortAndLong, help: "The folder to write the report into (created if missing).")
    var output: String = "report"

    @OptionGroup var objectives: ObjectiveOptions
    @OptionGroup var templates: TemplateOptions

    func run() throws {
        let objectives = try objectives.parsed()
        let pageTemplates = try templates.load()
        let folder = try read.readFolder(keepsRequests: true)
        var files = HTMLReport(
            report: Report(folder: folder), templates: pageTemplates,
            generator: "benchreport \(BenchReport.configuration.version)", objectives: objectives
        ).files()
        files[".nojekyll"] = ""
        try ReportFolderWriter(path: output).write(files)
    }
}

/// `--slo METRIC<=VALUE`, repeatable, shared by the commands that report capacity.
struct ObjectiveOptions: ParsableArguments {
    @Option(
        name: .customLong("slo"),
        help: ArgumentHelp(
            "A latency objective for the capacity, e.g. p99_ttft_ms<=500 (repeatable; 'none' turns capacity off). "
                + "Default: p99_ttft_ms<=2000 and p99_tpot_ms<=200, MLPerf Inference's server-scenario limits.",
            valueName: "METRIC<=MS"))
    var objectives: [String] = []

    /// The objectives; a malformed one is trouble (status 2).
    func parsed() throws -> [ServiceObjective] {
        if objectives.isEmpty { return ServiceObjective.defaults }
        if objectives == ["none"] { return [] }
        return try objectives.map { text in
            guard let objective = ServiceObjective(parsing: text) else {
                StandardError.print(
                    "benchreport: --slo \(text): expected a serving statistic and a limit in ms, such as p99_ttft_ms<=500"
                )
                throw ExitCode(2)
            }
            return objective
        }
    }
}

/// `--templates DIR`, shared by the commands that write pages.
struct TemplateOptions: ParsableArguments {
    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "A folder of Mustache templates (page, model, figure, style .mustache) to use instead of the built-in ones.",
            valueName: "dir"),
        completion: .directory)
    var folder: String?

    /// The templates to render with; a template error is trouble (status 2), named with its place.
    func load() throws -> PageTemplates {
        guard let folder else { return .builtIn }
        do {
            return try PageTemplates.load(from: folder)
        } catch {
            StandardError.print("benchreport: \(error)")
            throw ExitCode(2)
        }
    }
}
