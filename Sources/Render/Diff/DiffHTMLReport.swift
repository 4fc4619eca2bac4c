import ReportModel

/// The diff as a published page: the comment's verdicts and tables, and base-versus-head
/// overlay charts, in the same templates as the report.
public struct DiffHTMLReport {
    public var diff: ResultDiff
    public var templates: PageTemplates
    public var generator: String

    public init(diff: ResultDiff, templates: PageTemplates = .builtIn, generator: String) {
        self.diff = diff
        self.templates = templates
        self.generator = generator
    }

    public func render() -> String {
        templates.render(pageView())
    }

    func pageView() -> HTMLReport.PageView {
        let markdown = DiffMarkdown(diff: diff)
        var overview = ""
        for (title, rows) in [("Regressions", diff.regressions), ("Improvements", diff.improvements)]
        where !rows.isEmpty {
            overview += "### \(title)\n\n" + DiffTable(rows: rows).render() + "\n"
        }
        if !diff.pairing.added.isEmpty || !diff.pairing.removed.isEmpty { overview += markdown.addedAndRemoved() }
        if let incomparable = markdown.incomparableList() { overview += incomparable }

        var slugger = Slugger()
        for reserved in ["problems", "overview"] { _ = slugger.slug(reserved) }
        let models = markdown.models.map { model in
            modelView(model, anchor: slugger.slug(BenchmarkResult.displayName(ofModel: model)))
        }
        let problems = (diff.base.problems.map { ("base", $0) } + diff.head.problems.map { ("head", $0) })
            .map { "- " + Escape.markdown("\($0.0): \($0.1)") + "\n" }.joined()
        return HTMLReport.PageView(
            title: DiffMarkdown.title, generator: generator,
            summaryHTML: GitHubMarkdown.html(from: markdown.summary()), hasContents: models.count > 1,
            problemsHTML: problems.isEmpty ? nil : GitHubMarkdown.html(from: problems),
            overviewHTML: overview.isEmpty ? nil : GitHubMarkdown.html(from: overview), models: models,
            skippedHTML: nil)
    }

    func modelView(_ model: String, anchor: String) -> HTMLReport.ModelView {
        let pairs = diff.pairing.pairs.filter { $0.base.model == model }
        let rows = diff.changes.filter { $0.pair.base.model == model }
        let name = BenchmarkResult.displayName(ofModel: model)
        let maker = FigureMaker(modelName: name)
        func table(_ kind: ResultKind, series: String? = nil) -> String {
            let selected = rows.filter { $0.pair.base.kind == kind && (series == nil || $0.pair.base.series == series) }
            return GitHubMarkdown.html(from: DiffTable(rows: selected).render())
        }
        let servingSeries = pairs.filter { $0.base.kind == .serving }.map(\.base.series)
        var seen = Set<String>()
        let serving = servingSeries.filter { seen.insert($0).inserted }.enumerated().map { index, series in
            let seriesPairs = pairs.filter { $0.base.kind == .serving && $0.base.series == series }
            let figures = DiffCharts(maker: maker, pairs: seriesPairs, changes: rows, id: "\(anchor)-s\(index + 1)")
                .figures()
            return HTMLReport.TableView(
                name: series, hasFigures: !figures.isEmpty, figures: figures, tableHTML: table(.serving, series: series)
            )
        }
        let facts = [Self.counts(rows), model == name ? nil : model].compactMap { $0 }
        return HTMLReport.ModelView(
            anchor: anchor, name: name, facts: facts.joined(separator: " · "), serving: serving,
            latency: pairs.contains { $0.base.kind == .latency }
                ? HTMLReport.TableView(name: "latency", hasFigures: false, figures: [], tableHTML: table(.latency))
                : nil,
            throughput: pairs.contains { $0.base.kind == .throughput }
                ? HTMLReport.TableView(
                    name: "throughput", hasFigures: false, figures: [], tableHTML: table(.throughput))
                : nil)
    }

    static func counts(_ rows: [MetricChange]) -> String {
        DiffMarkdown.counts(rows)
    }
}

/// Base-versus-head overlays for one sweep: each metric against the request rate, the
/// latency–throughput curves, and the CDFs of the runs whose TTFT or ITL moved.
struct DiffCharts {
    var maker: FigureMaker
    var pairs: [ResultPair]
    var changes: [MetricChange]
    var id: String

    func figures() -> [HTMLReport.FigureView] {
        guard let baseSweep = Sweep(pairs.map(\.base)), let headSweep = Sweep(pairs.map(\.head)),
            baseSweep.groups.count == 1, headSweep.groups.count == 1
        else { return [] }
        var figures: [HTMLReport.FigureView] = []
        func sideLines(_ value: @escaping (BenchmarkResult) -> Double?, statistic: String?) -> [RateLine] {
            [("base", baseSweep, 1), ("head", headSweep, 2)].compactMap { side, sweep, colour in
                guard var line = sweep.lines(value).first, !line.points.isEmpty else { return nil }
                line.group = side
                line.statistic = statistic
                line.colour = colour
                return line
            }
        }
        for (key, name) in [("request_throughput", "Request throughput"), ("output_throughput", "Output throughput")] {
            let unit = MetricCatalog.info(for: key)?.unit ?? .dimensionless
            let lines = sideLines({ $0.metrics[key] }, statistic: nil)
            guard !lines.isEmpty else { continue }
            figures.append(
                maker.rateFigure(
                    id: "\(id)-\(key)", sweep: baseSweep, lines: lines, axis: ChartAxis(name, unit: unit.rawValue),
                    caption: "\(name) by \(baseSweep.axisNoun): base (blue) and head (orange).",
                    decimals: NumberText.decimals(for: unit)))
        }
        for family in ReportCharts.latencyFamilies {
            let lines = ["median", "p99"].flatMap { statistic in
                sideLines({ $0.metrics[family.key(statistic)] }, statistic: statistic)
            }
            guard !lines.isEmpty else { continue }
            figures.append(
                maker.rateFigure(
                    id: "\(id)-\(family.rawValue)", sweep: baseSweep, lines: lines,
                    axis: ChartAxis(family.displayName, unit: "ms"),
                    caption: "\(family.displayName) median (solid) and p99 (dashed) by \(baseSweep.axisNoun): "
                        + "base (blue) and head (orange).", decimals: 2))
        }
        if let curve = curveFigure() { figures.append(curve) }
        figures += cdfFigures()
        return figures
    }

    /// The latency–throughput curves of base and head on one chart.
    private func curveFigure() -> HTMLReport.FigureView? {
        let key = LatencyFamily.ttft.key("p99")
        var table = MarkdownTable(columns: [
            .init("Run", .left), .init("Rate"), .init("Output throughput (tok/s)"), .init("TTFT p99 (ms)"),
        ])
        let series = [("base", pairs.map(\.base), 1), ("head", pairs.map(\.head), 2)].compactMap {
            side, results, colour -> CurveSeries? in
            let points = results.compactMap { result -> CurvePoint? in
                guard let x = result.metrics["output_throughput"], let y = result.metrics[key], x.isFinite, y.isFinite
                else { return nil }
                let rate = result.requestRate?.description ?? "–"
                table.rows.append([side, rate, NumberText.fixed(x, decimals: 1), NumberText.fixed(y, decimals: 2)])
                return CurvePoint(x: x, y: y, label: rate)
            }
            return points.count >= 2 ? CurveSeries(side, points: points, style: SeriesStyle(colour: colour)) : nil
        }
        guard !series.isEmpty else { return nil }
        let chart = CurveChart(
            id: "\(id)-knee", title: "Latency–throughput curves, \(maker.modelName)",
            description: "p99 TTFT against output throughput for base and head, one point per request rate.",
            xAxis: ChartAxis("Output throughput", unit: "tok/s", scale: .linear),
            yAxis: ChartAxis("TTFT p99", unit: "ms"),
            series: series)
        return maker.figure(
            id: "\(id)-knee", svg: chart.render(),
            caption: "Latency–throughput curves of base (blue) and head (orange): a curve further up or left is worse.",
            table: table)
    }

    /// A CDF of base and head for each run whose TTFT or ITL moved beyond the threshold.
    private func cdfFigures() -> [HTMLReport.FigureView] {
        var figures: [HTMLReport.FigureView] = []
        for (family, name) in [(SampleSeries.ttft, "TTFT"), (.itl, "ITL")] {
            for (index, pair) in pairs.enumerated() {
                let moved = changes.contains { change in
                    change.pair.base.file == pair.base.file && change.pair.base.line == pair.base.line
                        && change.metric.hasSuffix("_\(family.rawValue)_ms")
                        && [.regression, .improvement, .noise].contains(change.verdict)
                }
                guard moved, let base = pair.base.samples[family], let head = pair.head.samples[family] else {
                    continue
                }
                let rate = pair.base.requestRate.map { $0 == .infinite ? "inf" : "\($0) req/s" } ?? pair.base.test
                let chartID = "\(id)-\(family.rawValue)-cdf-\(index + 1)"
                let chart = CDFChart(
                    id: chartID, title: "\(name) distribution at \(rate), \(maker.modelName): base and head",
                    description: "Empirical CDFs of \(name) of base and head at \(rate), p50, p90 and p99 marked.",
                    valueAxis: ChartAxis(name, unit: "ms"),
                    series: [
                        SampleSet("base", samples: base.map { $0 * 1000 }, style: SeriesStyle(colour: 1)),
                        SampleSet(
                            "head", samples: head.map { $0 * 1000 }, style: SeriesStyle(colour: 2, dash: .dashed)),
                    ])
                var table = MarkdownTable(columns: [
                    .init("Run", .left), .init("Samples"), .init("p50 (ms)"), .init("p90 (ms)"), .init("p99 (ms)"),
                ])
                for (side, samples) in [("base", base), ("head", head)] {
                    table.rows.append(
                        [side, String(samples.count)]
                            + [50.0, 90, 99].map {
                                NumberText.fixed((Statistics.percentile(of: samples, $0) ?? .nan) * 1000, decimals: 2)
                            })
                }
                figures.append(
                    maker.figure(
                        id: chartID, svg: chart.render(),
                        caption: "\(name) of every request at \(rate), base (solid) and head (dashed): "
                            + "a line further right is slower.", table: table))
            }
        }
        return figures
    }
}
