import ArgumentParser
import Render
import ReportModel

struct MarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write the pull-request comment: GitHub-flavoured Markdown.",
        discussion: """
            A headline, then per model the serving, latency and throughput tables. The comment \
            starts with the hidden marker <!-- benchreport --> so CI can update one sticky \
            comment, and never exceeds GitHub's limit of 65,536 characters: past it, whole \
            sections are left out, least important first, and the comment says which.
            """
    )

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let folder = try read.readFolder()
        try output.write(ReportMarkdown(report: Report(folder: folder)).render())
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
        let folder = try read.readFolder()
        try output.write(ReportJSON.render(folder))
    }
}
