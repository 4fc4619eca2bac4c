import ReportModel

/// The published report: one self-contained HTML page with the comment's tables, rendered by
/// cmark-gfm, and SVG charts, laid out by the page templates.
public struct HTMLReport {
    public var report: Report
    public var templates: PageTemplates
    /// Named in the page's footer and `<meta name="generator">`: `benchreport 0.1.0`.
    public var generator: String

    /// The latency objectives the capacity is judged against; empty for none.
    public var objectives: [ServiceObjective]

    public init(
        report: Report, templates: PageTemplates = .builtIn, generator: String,
        objectives: [ServiceObjective] = ServiceObjective.defaults
    ) {
        self.report = report
        self.templates = templates
        self.generator = generator
        self.objectives = objectives
    }

    /// `index.html`.
    public func render() -> String {
        templates.render(pageView())
    }

    // MARK: - View models: pre-formatted strings, since templates see only stored properties.

    struct PageView {
        var title: String
        var generator: String
        var summaryHTML: String
        var hasContents: Bool
        var problemsHTML: String?
        var overviewHTML: String?
        /// Charts that answer the page's question before any table (the diff's changes).
        var lead: LeadView? = nil
        var models: [ModelView]
        var skippedHTML: String?
        /// The history site's table of runs, after the models.
        var runsHTML: String? = nil
    }

    struct LeadView {
        var title: String
        var figures: [FigureView]
    }

    struct ModelView {
        var anchor: String
        var name: String
        var facts: String
        var serving: [TableView]
        var latency: TableView?
        var throughput: TableView?
    }

    struct TableView {
        var name: String
        var hasFigures: Bool
        var figures: [FigureView]
        var tableHTML: String
    }

    struct FigureView {
        var id: String
        var svg: String
        var caption: String
        var dataTableHTML: String
    }

    /// The largest page written whole; a larger report is split into an index and a page per
    /// model. 5 MB opens in well under a second; past it, browsers lay out inline SVG slowly.
    public static let maximumPageBytes = 5_000_000

    /// The report's files: `index.html` alone when it is at most `maximumPageBytes`; otherwise
    /// `index.html` with the headline, the capacity and the overview linking to one page per model,
    /// `models/<slug>.html`, named from the model so links survive regeneration.
    public func files(maximumPageBytes: Int = HTMLReport.maximumPageBytes) -> [String: String] {
        let view = pageView()
        let whole = templates.render(view)
        guard whole.utf8.count > maximumPageBytes, view.models.count > 1 else { return ["index.html": whole] }
        var files: [String: String] = [:]
        var names = Set<String>()
        var links = ""
        for model in view.models {
            let name = Self.fileName(model.anchor, taken: &names)
            links += "- [\(Escape.markdown(model.name))](models/\(name).html) · \(Escape.markdown(model.facts))\n"
            var page = view
            page.title = "\(model.name) · \(view.title)"
            page.summaryHTML = GitHubMarkdown.html(from: "[← All models](../index.html)\n\n") + view.summaryHTML
            page.hasContents = false
            page.problemsHTML = nil
            page.overviewHTML = nil
            page.lead = nil
            page.skippedHTML = nil
            page.models = [model]
            files["models/\(name).html"] = templates.render(page)
        }
        var index = view
        index.models = []
        index.hasContents = false
        let overview = "One page per model (the whole report is \(whole.utf8.count / 1_000_000) MB):\n\n" + links
        index.overviewHTML = (view.overviewHTML ?? "") + GitHubMarkdown.html(from: overview)
        files["index.html"] = templates.render(index)
        return files
    }

    /// A file name from a slug: ASCII letters, digits, `-` and `_`, at most 80 of them, unique.
    static func fileName(_ slug: String, taken: inout Set<String>) -> String {
        var base = String(
            slug.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }.map(Character.init).prefix(80))
        if base.isEmpty { base = "model" }
        var name = base
        var suffix = 1
        while !taken.insert(name).inserted {
            name = "\(base)-\(suffix)"
            suffix += 1
        }
        return name
    }

    func pageView() -> PageView {
        let markdown = ReportMarkdown(report: report, objectives: objectives)
        var slugger = Slugger()
        // Reserve the page's own anchors so no model takes them.
        for reserved in ["problems", "overview"] { _ = slugger.slug(reserved) }
        let models = report.models.map { section in
            modelView(section, anchor: slugger.slug(section.displayName))
        }
        let folder = report.folder
        let comparisons = ComparisonCharts(report: report).figures()
        return PageView(
            title: ReportMarkdown.title,
            generator: generator,
            summaryHTML: GitHubMarkdown.html(from: markdown.summary() + markdown.capacitySummary()),
            hasContents: models.count > 1,
            problemsHTML: folder.problems.isEmpty
                ? nil : GitHubMarkdown.html(from: markdown.problemItems(limit: folder.problems.count)),
            overviewHTML: report.models.count > 1 ? GitHubMarkdown.html(from: markdown.overviewTable()) : nil,
            lead: comparisons.isEmpty ? nil : LeadView(title: "Compared on the same workload", figures: comparisons),
            models: models,
            skippedHTML: markdown.unusedFiles.isEmpty ? nil : GitHubMarkdown.html(from: markdown.skippedItems()))
    }

    func modelView(_ section: ModelSection, anchor: String) -> ModelView {
        let charts = ReportCharts(section: section, anchor: anchor)
        return ModelView(
            anchor: anchor,
            name: section.displayName,
            facts: ReportMarkdown.facts(of: section).joined(separator: " · "),
            serving: section.serving.enumerated().map { index, series in
                let figures = charts.servingFigures(series, index: index)
                return TableView(
                    name: series.name, hasFigures: !figures.isEmpty, figures: figures,
                    tableHTML: GitHubMarkdown.html(
                        from: ServingTable(results: series.results, columnsFrom: series.results).render()))
            },
            latency: section.latency.isEmpty
                ? nil
                : TableView(
                    name: "latency", hasFigures: !charts.latencyFigures().isEmpty, figures: charts.latencyFigures(),
                    tableHTML: GitHubMarkdown.html(from: LatencyTable.render(section.latency))),
            throughput: section.throughput.isEmpty
                ? nil
                : TableView(
                    name: "throughput", hasFigures: false, figures: [],
                    tableHTML: GitHubMarkdown.html(from: ThroughputTable.render(section.throughput))))
    }
}
