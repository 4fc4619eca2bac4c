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
        for section in [DiffMarkdown.FindingSection.regressions, .unconfirmed, .improvements] {
            if let text = markdown.findings(section) {
                overview += text.replacingOccurrences(of: "#### ", with: "### ")
            }
        }
        if !diff.pairing.added.isEmpty || !diff.pairing.removed.isEmpty { overview += markdown.addedAndRemoved() }
        if let incomparable = markdown.incomparableList() { overview += incomparable }
        if let leftOut = markdown.leftOutList() { overview += leftOut }

        var slugger = Slugger()
        for reserved in ["problems", "overview", "changes"] { _ = slugger.slug(reserved) }
        let models = markdown.models.map { model in
            modelView(model, anchor: slugger.slug(BenchmarkResult.displayName(ofModel: model)))
        }
        let problems = (diff.base.problems.map { ("base", $0) } + diff.head.problems.map { ("head", $0) })
            .map { "- " + Escape.markdown("\($0.0): \($0.1)") + "\n" }.joined()
        let changes = changeFigure(markdown)
        return HTMLReport.PageView(
            title: DiffMarkdown.title, generator: generator,
            summaryHTML: GitHubMarkdown.html(from: markdown.summary()), hasContents: models.count > 1,
            problemsHTML: problems.isEmpty ? nil : GitHubMarkdown.html(from: problems),
            overviewHTML: overview.isEmpty ? nil : GitHubMarkdown.html(from: overview),
            lead: changes.map { HTMLReport.LeadView(title: "What changed", figures: [$0]) }, models: models,
            skippedHTML: nil)
    }

    /// The most rows the change chart draws; the tables hold the rest.
    static let maximumChartRows = 40

    /// Every metric and rate that moved beyond its threshold, worse to the right: regressions,
    /// then unconfirmed changes, noise and improvements, each largest first.
    func changeFigure(_ markdown: DiffMarkdown) -> HTMLReport.FigureView? {
        let order: [Verdict] = [.regression, .unconfirmed, .noise, .improvement]
        // Grouped by model (in the comment's order), within a model by verdict, largest first.
        let models = markdown.models
        let moved = diff.changes.filter { order.contains($0.verdict) && $0.changePercent != nil }
            .sorted { lhs, rhs in
                let (leftModel, rightModel) = (
                    models.firstIndex(of: lhs.pair.base.model) ?? 0, models.firstIndex(of: rhs.pair.base.model) ?? 0
                )
                if leftModel != rightModel { return leftModel < rightModel }
                let (left, right) = (order.firstIndex(of: lhs.verdict)!, order.firstIndex(of: rhs.verdict)!)
                return left != right ? left < right : abs(lhs.worsening) > abs(rhs.worsening)
            }
        guard !moved.isEmpty else { return nil }
        let shown = Array(moved.prefix(Self.maximumChartRows))
        var table = MarkdownTable(columns: [
            .init("Model", .left), .init("Rate"), .init("Metric", .left), .init("Change"), .init("Interval"),
            .init("Verdict", .left),
        ])
        let rows = shown.map { row -> ChangeChart.Row in
            let rate = row.pair.base.requestRate.map { " @ \($0)" } ?? ""
            let label = DiffText.metricName(row.metric) + rate
            let sign = row.direction == .lowerIsBetter ? 1.0 : -1.0
            let interval = row.evidence?.interval.map { interval in
                let ends = [interval.lowerBound * 100 * sign, interval.upperBound * 100 * sign]
                return ends.min()!...ends.max()!
            }
            table.rows.append([
                row.pair.base.modelDisplayName, row.pair.base.requestRate?.description ?? "–",
                DiffText.metricName(row.metric), DiffText.change(row),
                interval.map { [$0.lowerBound, $0.upperBound].map(NumberText.signedPercent).joined(separator: " to ") }
                    ?? "–",
                DiffTable.verdict(row),
            ])
            return ChangeChart.Row(
                group: row.pair.base.modelDisplayName, label: label, percent: row.worsening, interval: interval,
                threshold: row.threshold,
                mark: Self.mark(row.verdict),
                tooltip:
                    "\(row.pair.base.modelDisplayName) \(label): \(DiffText.change(row)), \(row.verdict.rawValue); "
                    + row.method)
        }
        let more =
            moved.count > shown.count ? " \(moved.count - shown.count) more rows are in the tables below." : ""
        let chart = ChangeChart(
            id: "changes", title: "What moved between base and head",
            description: "Change of each metric and rate beyond its threshold, worse to the right.", rows: rows)
        return HTMLReport.FigureView(
            id: "changes", svg: chart.render(),
            caption: "Change beyond the threshold per metric and rate, worse to the right (for throughputs, a drop): "
                + "▲ regression, ● noise, ○ unconfirmed (no samples), ▼ improvement; whiskers are the bootstrap "
                + "interval, the grey band the threshold.\(more)",
            dataTableHTML: GitHubMarkdown.html(from: table.render()))
    }

    static func mark(_ verdict: Verdict) -> ChangeChart.Mark {
        switch verdict {
        case .regression: .regression
        case .improvement: .improvement
        case .noise: .noise
        case .unconfirmed: .unconfirmed
        case .unchanged, .incomparable: .unchanged
        }
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
/// latency–throughput curves, and the CDFs of the runs whose TTFT or ITL moved. Every run is
/// drawn: replicates (several runs of one configuration on a side) are a marker or a CDF each,
/// the lines through their mean, as in the report.
struct DiffCharts {
    var maker: FigureMaker
    var pairs: [ResultPair]
    var changes: [MetricChange]
    var id: String

    func figures() -> [HTMLReport.FigureView] {
        guard let baseSweep = Sweep(pairs.flatMap(\.baseRuns)), let headSweep = Sweep(pairs.flatMap(\.headRuns)),
            baseSweep.groups.count == 1, headSweep.groups.count == 1
        else { return [] }
        var figures: [HTMLReport.FigureView] = []
        let noSuccessNote = self.noSuccessNote(baseSweep, headSweep)
        let replicates = replicateNote(baseSweep)
        let variants = self.variants
        // Without variants: base blue, head orange. With them, a colour per variant, and base
        // told from head by its wide hollow line beneath: nothing is averaged across variants.
        let colours = variants.count > 1 ? "one colour per variant, " : ""
        let sides =
            variants.count > 1
            ? "base (wide and hollow, drawn beneath) and head of each variant, \(colours)labelled"
            : "base (blue, wide and hollow, drawn beneath) and head (orange)"
        func sideLines(_ value: @escaping (BenchmarkResult) -> Double?, statistic: String?) -> [RateLine] {
            variants.enumerated().flatMap { index, variant in
                [("base", baseSweep, variant.base), ("head", headSweep, variant.head)].compactMap {
                    side, sweep, members -> RateLine? in
                    let inVariant = { (result: BenchmarkResult) in members.contains(Self.identity(result)) }
                    guard var line = sweep.lines({ inVariant($0) ? value($0) : nil }).first, !line.points.isEmpty
                    else { return nil }
                    line.group = side
                    line.variant = variant.name
                    line.statistic = statistic
                    line.colour = variants.count > 1 ? index + 1 : (side == "base" ? 1 : 2)
                    line.underlay = side == "base"
                    return line
                }
            }
        }
        for (key, name) in [("request_throughput", "Request throughput"), ("output_throughput", "Output throughput")] {
            let unit = MetricCatalog.info(for: key)?.unit ?? .dimensionless
            let lines = sideLines({ $0.metrics[key] }, statistic: nil)
            guard !lines.isEmpty else { continue }
            figures.append(
                maker.rateFigure(
                    id: "\(id)-\(key)", sweep: baseSweep, lines: lines, title: name, unit: unit,
                    caption: "\(name) by \(baseSweep.axisNoun): \(sides).\(sharedNote)\(replicates)"))
        }
        for family in ReportCharts.latencyFamilies {
            let lines = ["median", "p99"].flatMap { statistic in
                sideLines({ baseSweep.latency($0, family.key(statistic)) }, statistic: statistic)
            }
            guard !lines.isEmpty else { continue }
            figures.append(
                maker.rateFigure(
                    id: "\(id)-\(family.rawValue)", sweep: baseSweep, lines: lines, title: family.displayName,
                    unit: .milliseconds,
                    caption: "\(family.displayName) median (solid) and p99 (dashed) by \(baseSweep.axisNoun): "
                        + "\(sides).\(sharedNote)\(replicates)\(noSuccessNote)",
                    note: noSuccessNote))
        }
        if let curve = curveFigure(replicates: replicates) { figures.append(curve) }
        figures += cdfFigures()
        return figures
    }

    /// The caption's note on the rates where either side has several runs of a configuration
    /// (counted per variant: two variants at one rate are no replicates).
    private func replicateNote(_ sweep: Sweep) -> String {
        sweep.replicateNote(at: Set(pairs.filter(\.hasReplicates).map { sweep.x($0.base) }).sorted())
    }

    /// The pairs of each metadata variant (`framework=sgl`), named by the labels that tell it
    /// from the others and in their order, with the identities of its results on each side; one
    /// unnamed variant when the sweep has none.
    var variants: [(name: String, pairs: [ResultPair], base: Set<String>, head: Set<String>)] {
        let shared = sharedLabels
        let byName = Dictionary(grouping: pairs) { pair in
            Variants.text(of: pair.labels.filter { shared[$0.key] == nil }).joined(separator: " ")
        }
        return byName.keys.sorted(by: naturalOrder).map { name in
            let variant = byName[name]!
            return (
                name, variant, Set(variant.flatMap(\.baseRuns).map(Self.identity)),
                Set(variant.flatMap(\.headRuns).map(Self.identity))
            )
        }
    }

    /// The labels every pair of the sweep has alike, such as `gpu=H100` where only another
    /// model's runs vary in it: they tell no line apart, so lines are named without them.
    var sharedLabels: [String: String] {
        let first = pairs.first?.labels ?? [:]
        return first.filter { label in pairs.allSatisfy { $0.labels[label.key] == label.value } }
    }

    /// " Every run here has gpu=H100." for the captions, or "".
    var sharedNote: String {
        let shared = Variants.text(of: sharedLabels)
        return shared.isEmpty ? "" : " Every run here has \(shared.joined(separator: ", "))."
    }

    static func identity(_ result: BenchmarkResult) -> String { "\(result.file)#\(result.line ?? 0)" }

    /// " No request succeeded at base 16 req/s, head 16 req/s: …" for either side's runs without
    /// a successful request, whose latencies are left out.
    private func noSuccessNote(_ base: Sweep?, _ head: Sweep?) -> String {
        let names = [("base", base), ("head", head)].flatMap { side, sweep -> [String] in
            guard let sweep else { return [] }
            return sweep.results.filter(\.hasNoSuccessfulRequest).map { "\(side) \(sweep.pointName($0))" }
        }
        return Sweep.noSuccessNote(names)
    }

    /// The latency–throughput curves of base and head on one chart, `inf` in a band above on its
    /// own latency scale as in the report.
    private func curveFigure(replicates: String) -> HTMLReport.FigureView? {
        let key = LatencyFamily.ttft.key("p99")
        let variants = self.variants
        let sides = variants.enumerated().flatMap { index, variant in
            [("base", variant.pairs.flatMap(\.baseRuns), 1), ("head", variant.pairs.flatMap(\.headRuns), 2)].map {
                side, results, colour in
                (
                    side: side, name: variant.name.isEmpty ? side : "\(side) \(variant.name)",
                    style: SeriesStyle(colour: variants.count > 1 ? index + 1 : colour, underlay: side == "base"),
                    results: results
                )
            }
        }
        let measured = sides.map { side in
            (
                name: side.name, style: side.style,
                points: side.results.compactMap { result -> (BenchmarkResult, x: Double, y: Double)? in
                    guard let x = result.metrics["output_throughput"], !result.hasNoSuccessfulRequest,
                        let y = result.metrics[key], x.isFinite,
                        y.isFinite
                    else { return nil }
                    return (result, x, y)
                }
            )
        }
        let all = measured.flatMap(\.points)
        let xUnit = DisplayUnit.fitting(all.map(\.x), unit: .tokensPerSecond)
        let yUnit = DisplayUnit.fitting(all.map(\.y), unit: .milliseconds)
        var table = MarkdownTable(columns: [
            .init("Run", .left), .init("Rate"), .init("Output throughput (\(xUnit.name))"),
            .init("TTFT p99 (\(yUnit.name))"),
        ])
        let series = measured.compactMap { name, style, measuredPoints -> CurveSeries? in
            // Replicates are told apart in the table: `4 (run 2)`.
            let runs = Sweep.runLabels(measuredPoints.map { $0.0.requestRate?.description ?? "–" })
            let points = zip(measuredPoints, runs).map { measuredPoint, run in
                let (result, x, y) = measuredPoint
                let rate = result.requestRate?.description ?? "–"
                table.rows.append([name, run, xUnit.text(x), yUnit.text(y)])
                return CurvePoint(
                    x: xUnit.scaled(x), y: yUnit.scaled(y), label: rate, hasOwnScale: result.requestRate == .infinite)
            }
            return points.count >= 2 ? CurveSeries(name, points: points, style: style) : nil
        }
        guard !series.isEmpty else { return nil }
        let curveNote = noSuccessNote(Sweep(pairs.flatMap(\.baseRuns)), Sweep(pairs.flatMap(\.headRuns)))
        let hasBand = all.contains { $0.0.requestRate == .infinite } && all.contains { $0.0.requestRate != .infinite }
        var chart = CurveChart(
            id: "\(id)-knee", title: "Latency–throughput curves, \(maker.modelName)",
            description: "p99 TTFT against output throughput for base and head, one point per request rate."
                + curveNote,
            xAxis: ChartAxis("Output throughput", unit: xUnit.name, scale: ChartScales.curve),
            yAxis: ChartAxis("TTFT p99", unit: yUnit.name, scale: ChartScales.curve),
            series: series)
        if variants.count > 1 {
            chart.legendEntries = Legend.key(
                colours: variants.enumerated().map { ($1.name, $0 + 1) },
                lines: sides.map { ($0.side, $0.style) })
        }
        return maker.figure(
            id: "\(id)-knee", svg: chart.render(),
            caption: "Latency–throughput curves of "
                + (variants.count > 1
                    ? "base (wide and hollow) and head of each variant, one colour per variant, labelled"
                    : "base (blue) and head (orange)")
                + (hasBand ? " (inf in a band above, on its own latency scale)" : "")
                + ": a curve further up or left is worse.\(sharedNote)\(replicates)\(curveNote)",
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
                // Every run of each side: a line each when a side has several (replicates).
                let runs = [("base", pair.baseRuns), ("head", pair.headRuns)].flatMap { side, results in
                    let names = results.count > 1 ? results.indices.map { "\(side) run \($0 + 1)" } : [side]
                    return zip(names, results).compactMap { name, result in
                        result.samples[family].map {
                            (side: side, name: name, samples: $0, count: result.sampleCount(family))
                        }
                    }
                }
                guard moved, runs.contains(where: { $0.side == "base" }), runs.contains(where: { $0.side == "head" })
                else { continue }
                let rate =
                    (pair.base.requestRate.map { $0 == .infinite ? "inf" : "\($0) req/s" } ?? pair.base.test)
                    + (pair.labels.isEmpty ? "" : " (\(Variants.text(of: pair.labels).joined(separator: " ")))")
                let chartID = "\(id)-\(family.rawValue)-cdf-\(index + 1)"
                let unit = DisplayUnit.fitting(runs.flatMap(\.samples).map { $0 * 1000 }, unit: .milliseconds)
                let style = { (side: String) in
                    side == "base" ? SeriesStyle(colour: 1, underlay: true) : SeriesStyle(colour: 2, dash: .dashed)
                }
                var chart = CDFChart(
                    id: chartID, title: "\(name) distribution at \(rate), \(maker.modelName): base and head",
                    description: "Empirical CDFs of \(name) of base and head at \(rate), p50, p90 and p99 marked.",
                    valueAxis: ChartAxis(name, unit: unit.name, scale: ChartScales.requestDistribution),
                    series: runs.map { run in
                        SampleSet(
                            run.name, samples: run.samples.map { unit.scaled($0 * 1000) }, style: style(run.side),
                            count: run.count)
                    })
                // An entry per side, not per run: the runs of a side share its style.
                chart.legendEntries = ["base", "head"].map { side in
                    let count = runs.count { $0.side == side }
                    return LegendEntry(name: count > 1 ? "\(side) · \(count) runs" : side, style: style(side))
                }
                var table = MarkdownTable(columns: [
                    .init("Run", .left), .init("Samples"), .init("p50 (\(unit.name))"), .init("p90 (\(unit.name))"),
                    .init("p99 (\(unit.name))"),
                ])
                for run in runs {
                    table.rows.append(
                        [run.name, String(run.count)]
                            + [50.0, 90, 99].map {
                                unit.text((Statistics.percentile(of: run.samples, $0) ?? .nan) * 1000)
                            })
                }
                let eachRun = pair.hasReplicates ? ", a line per run" : ""
                figures.append(
                    maker.figure(
                        id: chartID, svg: chart.render(),
                        caption: "\(name) of every request at \(rate), base (solid) and head (dashed)\(eachRun): "
                            + "a line further right is slower.", table: table))
            }
        }
        return figures
    }
}
