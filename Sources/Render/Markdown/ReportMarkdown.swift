import ReportModel

/// The pull-request comment: a headline, then one section per model with its serving, latency
/// and throughput tables, within GitHub's comment limits.
public struct ReportMarkdown {
    /// The hidden marker that lets CI find and update its own comment.
    public static let marker = "<!-- benchreport -->"
    /// Longest tables are split into parts of this many rows, so the budget can drop the tail
    /// of a long sweep rather than all of it.
    static let rowsPerPart = 50
    /// Problems listed one by one; the rest are counted.
    static let listedProblems = 30

    public var report: Report
    public var budget: CommentBudget
    /// The latency objectives the capacity is judged against; empty for none.
    public var objectives: [ServiceObjective]

    public init(
        report: Report, budget: CommentBudget = .gitHubComment,
        objectives: [ServiceObjective] = ServiceObjective.defaults
    ) {
        self.report = report
        self.budget = budget
        self.objectives = objectives
    }

    /// Capacity, peak and knee per serving sweep: the first answers, under the headline.
    func capacitySummary() -> String {
        CapacitySummary(
            capacities: SweepCapacity.of(report, objectives: objectives), objectives: objectives,
            hardware: { capacity in
                let hardware = Set(capacity.series.results.compactMap(\.hardware)).sorted()
                return hardware.isEmpty ? nil : hardware.joined(separator: ", ")
            }
        ).render()
    }

    public func render() -> String {
        var blocks: [MarkdownBlock] = [MarkdownBlock(Self.marker + "\n"), MarkdownBlock(headline())]
        let noticePosition = blocks.count
        let capacity = capacitySummary()
        if !capacity.isEmpty {
            blocks.append(MarkdownBlock(capacity, importance: 5, label: "capacity summary"))
        }
        if !report.folder.problems.isEmpty { blocks.append(MarkdownBlock(problemList())) }
        if report.models.count > 1 {
            blocks.append(MarkdownBlock(overviewTable(), importance: 4, label: "overview table"))
        }
        for (index, section) in report.models.enumerated() {
            blocks += modelBlocks(section, group: index, collapsible: report.models.count > 1)
        }
        if !unusedFiles.isEmpty {
            blocks.append(MarkdownBlock(skippedList(), importance: 0, label: "list of skipped files"))
        }
        return budget.fit(blocks, noticePosition: noticePosition) {
            CommentBudget.omissionNotice($0, fullOutput: "`benchreport html` and `benchreport json`")
        }
    }

    /// Skipped files, less the sidecars whose facts went into their results.
    var unusedFiles: [SkippedFile] {
        report.folder.skipped.filter { !$0.readWithResult }
    }

    // MARK: - Headline

    /// The report's title, for the comment's heading and the page's `<h1>`.
    public static let title = "vLLM benchmark results"

    func headline() -> String {
        "### \(Self.title)\n\n" + summary()
    }

    /// The paragraphs under the title: models, results, hardware, vLLM version, backend, dates,
    /// shared metadata, and how many files had problems or were skipped.
    func summary() -> String {
        let folder = report.folder
        var facts: [String] = []
        let kinds = ResultKind.allCases.compactMap { kind -> String? in
            let count = report.count(of: kind)
            return count > 0 ? "\(count) \(kind.rawValue)" : nil
        }
        facts.append("\(plural(folder.results.count, "result")) (\(kinds.joined(separator: ", ")))")
        if !report.hardware.isEmpty { facts.append(report.hardware.joined(separator: ", ")) }
        if let version = folder.vllmVersion { facts.append("vLLM \(version)") }
        let backends =
            report.values(ofMetadata: "backend").isEmpty
            ? report.values(ofMetadata: "endpoint_type") : report.values(ofMetadata: "backend")
        if !backends.isEmpty { facts.append("backend " + backends.joined(separator: ", ")) }
        let dates = report.values(ofMetadata: "date").map(Self.day)
        if let first = dates.min(), let last = dates.max() {
            facts.append(first == last ? "run \(first)" : "runs \(first) to \(last)")
        }
        var text = "**\(plural(report.models.count, "model"))** · "
        text += facts.map(Escape.markdown).joined(separator: " · ") + "\n"
        let metadata = report.sharedRunMetadata
        if !metadata.isEmpty {
            text += "\nMetadata: "
            text += metadata.map { Escape.markdown("\($0.key)=\($0.value)") }.joined(separator: ", ") + "\n"
        }
        if !folder.problems.isEmpty || !unusedFiles.isEmpty {
            var notes: [String] = []
            if !folder.problems.isEmpty {
                let files = Set(folder.problems.map(\.file)).count
                notes.append("\(plural(folder.problems.count, "problem")) in \(plural(files, "file"))")
            }
            if !unusedFiles.isEmpty { notes.append("\(plural(unusedFiles.count, "file")) skipped") }
            text += "\n" + notes.joined(separator: " · ") + "\n"
        }
        return text + "\n"
    }

    /// `20261128-101530` → `2026-11-28`; other text as it is.
    static func day(_ date: String) -> String {
        let digits = Array(date.prefix(8))
        guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return date }
        return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
    }

    func problemList() -> String {
        let items = problemItems(limit: Self.listedProblems).split(separator: "\n").map { "> \($0)\n" }.joined()
        return "> [!WARNING]\n> **Results that could not be read:**\n" + items + "\n"
    }

    /// A Markdown list of the problems, the first `limit` of them, each line shortened.
    func problemItems(limit: Int) -> String {
        let problems = report.folder.problems
        var text = ""
        for problem in problems.prefix(limit) {
            text += "- " + Escape.markdown(String(problem.description.prefix(300))) + "\n"
        }
        if problems.count > limit {
            text += "- … and \(problems.count - limit) more (see `benchreport json`)\n"
        }
        return text
    }

    func skippedList() -> String {
        "<details><summary>Skipped files</summary>\n\n" + skippedItems() + "\n</details>\n"
    }

    /// A Markdown list of the files left out, with why.
    func skippedItems() -> String {
        unusedFiles.map { "- " + Escape.markdown("\($0.file): \($0.reason)") + "\n" }.joined()
    }

    // MARK: - Overview

    func overviewTable() -> String {
        /// A column, shown only when some model has a value for it.
        typealias Column = (header: MarkdownTable.Column, cell: (ModelSection) -> String?)
        func list<T>(_ values: [T]) -> String? {
            values.isEmpty ? nil : values.map { "\($0)" }.joined(separator: ", ")
        }
        func count(_ count: Int) -> String? { count > 0 ? String(count) : nil }
        let columns: [Column] = [
            (.init("Model", .left), { $0.displayName }),
            (.init("TP"), { list($0.tensorParallelSizes) }),
            (.init("Hardware", .left), { list($0.hardware) }),
            (.init("Serving runs"), { count($0.serving.reduce(0) { $0 + $1.results.count }) }),
            (
                .init("Peak output (tok/s)"),
                { section in
                    section.serving.flatMap(\.results).compactMap { $0.metrics["output_throughput"] }
                        .filter(\.isFinite).max().map { NumberText.fixed($0, decimals: 1) }
                }
            ),
            (.init("Latency tests"), { count($0.latency.count) }),
            (.init("Throughput tests"), { count($0.throughput.count) }),
        ]
        let shown = columns.filter { column in report.models.contains { column.cell($0) != nil } }
        let table = MarkdownTable(
            columns: shown.map(\.header),
            rows: report.models.map { section in shown.map { $0.cell(section) ?? "–" } })
        return table.render() + "\n"
    }

    // MARK: - Model sections

    /// What a model's heading says besides its name: TP, hardware, the raw ids, result counts.
    static func facts(of section: ModelSection) -> [String] {
        var facts: [String] = []
        if !section.tensorParallelSizes.isEmpty {
            facts.append("TP " + section.tensorParallelSizes.map(String.init).joined(separator: ", "))
        }
        facts += section.hardware
        // The ids as the files spelled them (a cache path), so the name can be checked.
        facts += Set(section.allResults.map(\.rawModel)).subtracting([section.displayName]).sorted()
        let counts = [
            (section.serving.reduce(0) { $0 + $1.results.count }, "serving"),
            (section.latency.count, "latency"), (section.throughput.count, "throughput"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        facts.append(counts.joined(separator: ", "))
        return facts
    }

    func modelBlocks(_ section: ModelSection, group: Int, collapsible: Bool) -> [MarkdownBlock] {
        let facts = Self.facts(of: section)
        var blocks: [MarkdownBlock] = []
        let opening: String
        if collapsible {
            let summary =
                "<b>\(Escape.html(section.displayName))</b> · "
                + facts.map(Escape.html).joined(separator: " · ")
            opening = "<details>\n<summary>\(summary)</summary>\n\n"
        } else {
            opening =
                "#### \(Escape.markdown(section.displayName))\n\n"
                + facts.map(Escape.markdown).joined(separator: " · ") + "\n\n"
        }
        blocks.append(MarkdownBlock(opening, group: group))

        let name = section.displayName
        for series in section.serving {
            let parts = stride(from: 0, to: series.results.count, by: Self.rowsPerPart).map {
                Array(series.results[$0..<min($0 + Self.rowsPerPart, series.results.count)])
            }
            for (part, results) in parts.enumerated() {
                var text = ""
                if part == 0 { text += "**Serving** · \(Escape.markdown(series.name))\n\n" }
                text += ServingTable(results: results, columnsFrom: series.results).render() + "\n"
                let label =
                    parts.count > 1
                    ? "serving \(series.name) of \(name), rows \(part * Self.rowsPerPart + 1)–\(part * Self.rowsPerPart + results.count)"
                    : "serving \(series.name) of \(name)"
                blocks.append(MarkdownBlock(text, importance: part == 0 ? 3 : 2, label: label, group: group))
            }
        }
        if !section.latency.isEmpty {
            let text = "**Latency** (one batch, offline)\n\n" + LatencyTable.render(section.latency) + "\n"
            blocks.append(MarkdownBlock(text, importance: 1, label: "latency of \(name)", group: group))
        }
        if !section.throughput.isEmpty {
            let text = "**Throughput** (offline)\n\n" + ThroughputTable.render(section.throughput) + "\n"
            blocks.append(MarkdownBlock(text, importance: 1, label: "throughput of \(name)", group: group))
        }
        if collapsible { blocks.append(MarkdownBlock("</details>\n\n", group: group)) }
        return blocks
    }
}

/// "1 model", "3 models".
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
