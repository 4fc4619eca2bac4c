import ReportModel

/// The charts of one model's section, each with a caption and its data as a table.
struct ReportCharts {
    var section: ModelSection
    /// The section's anchor; chart ids start with it, so they are unique and stable on the page.
    var anchor: String

    var modelName: String { section.displayName }
    var maker: FigureMaker { FigureMaker(modelName: modelName) }

    /// The latency families charted against the request rate, in reading order.
    static let latencyFamilies: [LatencyFamily] = [.ttft, .tpot, .itl, .e2el]

    // MARK: - Serving

    /// For one sweep: throughputs and each latency family against the request rate, the
    /// latency–throughput curve, and the CDFs of TTFT and ITL when the files have per-request
    /// samples.
    func servingFigures(_ series: ServingSeries, index: Int) -> [HTMLReport.FigureView] {
        guard let sweep = Sweep(series.results) else { return [] }
        let prefix = "\(anchor)-s\(index + 1)"
        let replicates = sweep.replicateNote(at: sweep.replicatedXValues)
        var figures: [HTMLReport.FigureView] = []

        for (key, name) in [("request_throughput", "Request throughput"), ("output_throughput", "Output throughput")] {
            let unit = MetricCatalog.info(for: key)?.unit ?? .dimensionless
            let lines = sweep.lines { $0.metrics[key] }
            guard lines.contains(where: { !$0.points.isEmpty }) else { continue }
            figures.append(
                maker.rateFigure(
                    id: "\(prefix)-\(key)", sweep: sweep, lines: lines, title: name, unit: unit,
                    caption: "\(name) by \(sweep.axisNoun)\(sweep.infinityNote).\(replicates)"))
        }

        for family in Self.latencyFamilies {
            var lines: [RateLine] = []
            for statistic in ["median", "p99"] {
                for line in sweep.lines({ sweep.latency($0, family.key(statistic)) }) where !line.points.isEmpty {
                    var named = line
                    named.statistic = statistic
                    lines.append(named)
                }
            }
            guard !lines.isEmpty else { continue }
            figures.append(
                maker.rateFigure(
                    id: "\(prefix)-\(family.rawValue)", sweep: sweep, lines: lines, title: family.displayName,
                    unit: .milliseconds,
                    caption: "\(family.displayName) median (solid) and p99 (dashed) by \(sweep.axisNoun)"
                        + "\(sweep.infinityNote).\(replicates)\(sweep.noSuccessNote)", note: sweep.noSuccessNote))
        }

        if let curve = latencyThroughputFigure(sweep, id: "\(prefix)-knee", replicates: replicates) {
            figures.append(curve)
        }
        for family in [SampleSeries.ttft, .itl] {
            if let cdf = cdfFigure(sweep, samples: family, id: "\(prefix)-\(family.rawValue)-cdf") {
                figures.append(cdf)
            }
        }
        return figures
    }

    /// p99 TTFT against the achieved output throughput, one point per rate: where the knee is.
    private func latencyThroughputFigure(_ sweep: Sweep, id: String, replicates: String) -> HTMLReport.FigureView? {
        let ttftKey = LatencyFamily.ttft.key("p99")
        let measured = sweep.results.compactMap { result -> (BenchmarkResult, x: Double, y: Double)? in
            guard let x = result.metrics["output_throughput"], let y = sweep.latency(result, ttftKey), x.isFinite,
                y.isFinite
            else { return nil }
            return (result, x, y)
        }
        let xUnit = DisplayUnit.fitting(measured.map(\.x), unit: .tokensPerSecond)
        let yUnit = DisplayUnit.fitting(measured.map(\.y), unit: .milliseconds)
        var series: [CurveSeries] = []
        // A sweep drawn as one line has no line names to list.
        let namesLines = sweep.groups.contains { !$0.name.isEmpty }
        var table = MarkdownTable(
            columns: (namesLines ? [.init("Line", .left)] : []) + [
                .init(sweep.axisTitle), .init("Output throughput (\(xUnit.name))"), .init("TTFT p99 (\(yUnit.name))"),
            ])
        for (index, group) in sweep.groups.enumerated() {
            let points = zip(group.results, sweep.runLabels(group.results)).compactMap { result, run -> CurvePoint? in
                guard let (_, x, y) = measured.first(where: { $0.0.file == result.file && $0.0.line == result.line })
                else { return nil }
                let label = sweep.label(sweep.x(result))
                table.rows.append((namesLines ? [group.name] : []) + [run, xUnit.text(x), yUnit.text(y)])
                return CurvePoint(
                    x: xUnit.scaled(x), y: yUnit.scaled(y), label: label, hasOwnScale: sweep.isInfinite(result))
            }
            guard points.count >= 2 else { continue }
            series.append(
                CurveSeries(
                    group.name.isEmpty ? "TTFT p99" : group.name, points: points, style: SeriesStyle(colour: index + 1))
            )
        }
        guard !series.isEmpty else { return nil }
        let chart = CurveChart(
            id: id, title: "Latency–throughput curve, \(modelName)",
            description: "p99 TTFT against achieved output throughput, one point per \(sweep.pointNoun), "
                + "labelled with it: where latency starts to climb is the knee.\(sweep.noSuccessNote)",
            xAxis: ChartAxis("Output throughput", unit: xUnit.name, scale: ChartScales.curve),
            yAxis: ChartAxis("TTFT p99", unit: yUnit.name, scale: ChartScales.curve), series: series)
        return maker.figure(
            id: id, svg: chart.render(),
            caption: "Latency–throughput curve: p99 TTFT against output throughput, each point labelled with its "
                + "\(sweep.pointNoun)\(sweep.curveInfinityNote). Past the knee, more load buys little throughput "
                + "and much latency.\(replicates)\(sweep.noSuccessNote)",
            table: table)
    }

    /// The empirical CDF of per-request samples, one line per rate, p50/p90/p99 marked.
    private func cdfFigure(_ sweep: Sweep, samples family: SampleSeries, id: String) -> HTMLReport.FigureView? {
        let withSamples = sweep.results.filter { !($0.samples[family] ?? []).isEmpty }
        guard !withSamples.isEmpty else { return nil }
        let names = sweep.pointNames(withSamples)
        let unit = DisplayUnit.fitting(
            withSamples.compactMap { $0.samples[family]?.last }.map { $0 * 1000 }, unit: .milliseconds)
        let sets = zip(withSamples, names).map { result, name in
            SampleSet(
                name, samples: result.samples[family]!.map { unit.scaled($0 * 1000) },
                count: result.sampleCount(family))
        }
        // `inf` in its own panel: its latencies are often ten times the others'.
        let isInfinite = withSamples.map(sweep.isInfinite)
        let name = family == .ttft ? "TTFT" : "ITL"
        let noun = family == .itl ? "inter-token gaps" : "requests"
        let chart = CDFChart(
            id: id, title: "Distribution of \(name), \(modelName)",
            description: "Empirical CDF of \(name) per \(sweep.pointNoun), from the per-request samples; "
                + "p50, p90 and p99 are marked.",
            valueAxis: ChartAxis(name, unit: unit.name, scale: ChartScales.requestDistribution),
            series: zip(sets, isInfinite).filter { !$0.1 }.map(\.0),
            sidePanelSeries: zip(sets, isInfinite).filter { $0.1 }.map(\.0),
            sidePanelLabel: "inf (\(unit.name))",
            fractionAxisTitle: family == .itl ? "Fraction of gaps" : "Fraction of requests")
        var table = MarkdownTable(columns: [
            .init(sweep.axisTitle), .init("Samples"), .init("p50 (\(unit.name))"), .init("p90 (\(unit.name))"),
            .init("p99 (\(unit.name))"), .init("Max (\(unit.name))"),
        ])
        // Percentiles of the kept samples (evenly spaced order statistics of all of them); the
        // count is the file's.
        for set in sets {
            let sorted = set.samples
            table.rows.append(
                [set.name, String(set.count ?? sorted.count)]
                    + [50.0, 90, 99].map {
                        NumberText.fixed(Statistics.percentile(of: sorted, $0) ?? .nan, decimals: unit.decimals)
                    }
                    + [NumberText.fixed(sorted.last ?? .nan, decimals: unit.decimals)])
        }
        let panelNote = isInfinite.contains(true) && isInfinite.contains(false) ? " (inf in its own panel)" : ""
        return maker.figure(
            id: id, svg: chart.render(),
            caption: "Distribution of \(name) over all \(noun), one line per \(sweep.pointNoun)\(panelNote): "
                + "the further right a line, the slower.",
            table: table)
    }

    // MARK: - Latency

    /// The per-iteration latencies of each latency test, side by side: the spread and the
    /// outliers that a mean hides, and how the tests compare.
    func latencyFigures() -> [HTMLReport.FigureView] {
        let groups = section.latency.compactMap { result -> SampleSet? in
            guard let samples = result.samples[.latency], samples.count > 1 else { return nil }
            return SampleSet(result.test, samples: samples.map { $0 * 1000 })
        }
        guard !groups.isEmpty else { return [] }
        let id = "\(anchor)-latency"
        let chart = DistributionChart(
            id: id, title: "Latency per iteration, \(modelName)",
            description: "The wall time of each timed iteration of every latency test, with its quartiles.",
            valueAxis: ChartAxis("Latency", unit: "ms", scale: ChartScales.iterationDistribution), groups: groups,
            categoryAxisTitle: "Test")
        var table = MarkdownTable(columns: [
            .init("Test", .left), .init("Iterations"), .init("Min (ms)"), .init("Median (ms)"), .init("Max (ms)"),
        ])
        for group in groups {
            table.rows.append([
                group.name, String(group.samples.count), NumberText.fixed(group.samples.first ?? .nan, decimals: 2),
                NumberText.fixed(Statistics.percentile(of: group.samples, 50) ?? .nan, decimals: 2),
                NumberText.fixed(group.samples.last ?? .nan, decimals: 2),
            ])
        }
        return [
            maker.figure(
                id: id, svg: chart.render(),
                caption: "Latency of each timed iteration per test: box from p25 to p75, line at the median.",
                table: table)
        ]
    }

}

extension BenchmarkResult {
    /// How many samples of a series the file had: the reader keeps at most 4,096 of them (evenly
    /// spaced order statistics), which the charts draw; tables and descriptions count the file's.
    func sampleCount(_ series: SampleSeries) -> Int {
        sampleCounts[series] ?? samples[series]?.count ?? 0
    }
}

/// Makes figures: a chart, its caption and its data as a table, for one model.
struct FigureMaker {
    /// Named in chart titles.
    var modelName: String

    /// A metric by rate, in `unit` (the file's), shown in the unit its values call for.
    func rateFigure(
        id: String, sweep: Sweep, lines: [RateLine], title: String, unit fileUnit: MetricUnit, caption: String,
        note: String = ""
    ) -> HTMLReport.FigureView {
        let unit = DisplayUnit.fitting(lines.flatMap { $0.points.map(\.value) }, unit: fileUnit)
        let axis = ChartAxis(title, unit: unit.name, scale: ChartScales.byRate)
        let styles = lines.map { line in
            // The tail percentile is dashed with triangles, so it differs by more than colour.
            let isTail = line.statistic?.hasPrefix("p") == true
            return SeriesStyle(
                colour: line.colour, dash: isTail ? .dashed : .solid, marker: isTail ? .triangle : .circle,
                underlay: line.underlay)
        }
        let series = zip(lines, styles).map { line, style in
            RateSeries(
                line.name.isEmpty ? axis.title : line.name,
                points: line.points.map { RatePoint(rate: $0.rate, value: unit.scaled($0.value)) }, style: style)
        }
        var chart = RateChart(
            id: id, title: "\(axis.title) by \(sweep.axisNoun), \(modelName)",
            description: Self.describe(lines, unit: unit, sweep: sweep) + note, valueAxis: axis, series: series,
            rateAxisTitle: sweep.axisTitle)
        if Set(lines.map(\.variant)).count > 1 {
            chart.legendEntries = Legend.key(
                colours: lines.map { ($0.variant, $0.colour) }, lines: zip(lines.map(\.styleName), styles).map { $0 })
        }

        var table = MarkdownTable(
            columns: [.init(sweep.axisTitle)]
                + lines.map { .init("\($0.name.isEmpty ? axis.title : $0.name) (\(unit.name))") })
        // A row per run: several runs at one rate (replicates) get a row each.
        for x in sweep.xValues {
            let runs = lines.map { line in line.points.filter { $0.rate == x } }
            let count = runs.map(\.count).max() ?? 0
            for run in 0..<count {
                table.rows.append(
                    [count > 1 ? "\(sweep.label(x)) (run \(run + 1))" : sweep.label(x)]
                        + runs.map { run < $0.count ? unit.text($0[run].value) : "–" })
            }
        }
        return figure(id: id, svg: chart.render(), caption: caption, table: table)
    }

    func figure(id: String, svg: String, caption: String, table: MarkdownTable) -> HTMLReport.FigureView {
        HTMLReport.FigureView(
            id: id, svg: svg, caption: caption, dataTableHTML: GitHubMarkdown.html(from: table.render()))
    }

    /// "TTFT p99: 37.8 ms at 1 req/s to 1018.5 ms at inf." for each line: what a reader of the
    /// chart would take from it.
    static func describe(_ lines: [RateLine], unit: DisplayUnit, sweep: Sweep) -> String {
        lines.compactMap { line in
            guard let first = line.points.first, let last = line.points.last else { return nil }
            let from = "\(unit.text(first.value)) \(unit.name) at \(sweep.label(first.rate))"
            let to = "\(unit.text(last.value)) \(unit.name) at \(sweep.label(last.rate))"
            return line.points.count == 1 ? "\(line.name): \(from)." : "\(line.name): \(from) to \(to)."
        }.joined(separator: " ")
    }
}

/// One line of a rate chart: a group of results (a concurrency, a side of a diff, or the whole
/// sweep), of one variant of a diff's, and one statistic of one metric.
struct RateLine {
    var group: String
    var statistic: String?
    var points: [RatePoint]
    /// The palette slot: one per group, or in a diff with variants one per variant.
    var colour = 1
    /// Drawn beneath the lines it may coincide with (a diff's base under its head).
    var underlay = false
    /// The diff's variant (`framework=sgl`); with several, the legend names each once beside
    /// its colour, and the groups and statistics once each beside their line styles.
    var variant = ""

    var name: String {
        [group, variant, statistic].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// What its line style says, without the variant that its colour says: `base p99`.
    var styleName: String {
        [group, statistic].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// What a sweep varies: the request rate (the usual case), or the max concurrency at one rate
/// (`max_concurrency_list` sweeps); with both varying, one line per concurrency.
struct Sweep {
    enum Axis {
        case rate, concurrency
    }

    struct Group {
        var name: String
        var results: [BenchmarkResult]
    }

    var results: [BenchmarkResult]
    var axis: Axis
    var groups: [Group]

    init?(_ results: [BenchmarkResult]) {
        let rates = Set(results.map(\.requestRate))
        let concurrencies = Set(results.map(\.maxConcurrency))
        if rates.count > 1, !rates.contains(nil) {
            axis = .rate
            // One line per concurrency when the sweep has several. Results with the same rate
            // and concurrency (replicates) all stay: a point each.
            let byConcurrency = Dictionary(grouping: results, by: \.maxConcurrency)
            groups = byConcurrency.keys.sorted { ($0 ?? -1) < ($1 ?? -1) }.map { concurrency in
                let name = byConcurrency.count > 1 ? "conc \(concurrency.map(String.init) ?? "none")" : ""
                return Group(name: name, results: byConcurrency[concurrency]!)
            }
        } else if concurrencies.count > 1, !concurrencies.contains(nil) {
            axis = .concurrency
            groups = [Group(name: "", results: results)]
        } else {
            return nil
        }
        self.results = groups.flatMap(\.results)
    }

    /// The x value of a result: its rate (`inf` as infinity) or its concurrency.
    func x(_ result: BenchmarkResult) -> Double {
        switch axis {
        case .rate:
            switch result.requestRate {
            case .perSecond(let rate)?: rate
            case .infinite?, nil: .infinity
            }
        case .concurrency: Double(result.maxConcurrency ?? 0)
        }
    }

    var xValues: [Double] { Set(results.map(x)).sorted() }

    /// Whether the result is the `inf` rate (every request at once), which charts draw on a scale
    /// of its own.
    func isInfinite(_ result: BenchmarkResult) -> Bool {
        axis == .rate && x(result) == .infinity
    }

    func label(_ x: Double) -> String {
        x == .infinity ? "inf" : formatShortest(x)
    }

    /// The name of one result's line in a CDF: `4 req/s`, `inf`, `conc 8`, `4 req/s, conc 8`.
    func pointName(_ result: BenchmarkResult) -> String {
        let value = label(x(result))
        let base =
            switch axis {
            case .rate: value == "inf" ? "inf" : "\(value) req/s"
            case .concurrency: "conc \(value)"
            }
        guard axis == .rate, groups.count > 1, let concurrency = result.maxConcurrency else { return base }
        return "\(base), conc \(concurrency)"
    }

    /// The names of results' CDF lines; runs that share a name (replicates) are told apart by
    /// `run 2`, `run 3`.
    func pointNames(_ results: [BenchmarkResult]) -> [String] {
        let names = results.map(pointName)
        var seen: [String: Int] = [:]
        return names.map { name in
            seen[name, default: 0] += 1
            let repeats = names.count { $0 == name }
            return repeats > 1 ? "\(name), run \(seen[name]!)" : name
        }
    }

    /// The x labels of results, with ` (run 2)`, ` (run 3)` where several share one (replicates),
    /// as the data tables name them.
    func runLabels(_ results: [BenchmarkResult]) -> [String] {
        Self.runLabels(results.map { label(x($0)) })
    }

    /// `4 (run 1)`, `4 (run 2)` for labels that repeat; the others as they are.
    static func runLabels(_ labels: [String]) -> [String] {
        let totals = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
        var seen: [String: Int] = [:]
        return labels.map { label in
            seen[label, default: 0] += 1
            return totals[label]! > 1 ? "\(label) (run \(seen[label]!))" : label
        }
    }

    /// The x values at which a group has several runs (replicates), in order.
    var replicatedXValues: [Double] {
        let shared = groups.flatMap { group in
            Dictionary(grouping: group.results, by: x).filter { $0.value.count > 1 }.keys
        }
        return Set(shared).sorted()
    }

    /// " Several runs share a request rate (4, inf): a marker each, the line through their mean."
    /// for the replicates at `xValues`, or "" for none.
    func replicateNote(at xValues: [Double]) -> String {
        guard !xValues.isEmpty else { return "" }
        return " Several runs share a \(pointNoun) (\(xValues.map(label).joined(separator: ", "))): a marker each, "
            + "the line through their mean."
    }

    var axisTitle: String { axis == .rate ? "Request rate (req/s)" : "Max concurrency" }
    var axisNoun: String { axis == .rate ? "request rate" : "max concurrency" }
    var pointNoun: String { axis == .rate ? "request rate" : "concurrency" }
    var infinityNote: String {
        results.contains { $0.requestRate == .infinite } && axis == .rate
            ? " (inf: every request sent at once, in its own panel on its own scale)" : ""
    }

    /// A latency statistic of a result, nil when no request of the run succeeded: vLLM writes 0.0
    /// for every latency then, which is no measurement and must not be drawn as one.
    func latency(_ result: BenchmarkResult, _ key: String) -> Double? {
        result.hasNoSuccessfulRequest ? nil : result.metrics[key]
    }

    /// " No request succeeded at 16 req/s: no latency is drawn there." for the runs without a
    /// successful request, or "" when every run had one.
    var noSuccessNote: String { Self.noSuccessNote(results.filter(\.hasNoSuccessfulRequest).map(pointName)) }

    /// The note for runs named `names` (`16 req/s`, `head 16 req/s`), repeats counted once.
    static func noSuccessNote(_ names: [String]) -> String {
        var seen = Set<String>()
        let unique = names.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return "" }
        return " No request succeeded at \(unique.joined(separator: ", ")): no latency is drawn there."
    }

    /// For a curve: where `inf` is drawn, when the sweep has it beside finite rates.
    var curveInfinityNote: String {
        axis == .rate && results.contains(where: isInfinite) && !results.allSatisfy(isInfinite)
            ? " (inf in a band above, on its own latency scale)" : ""
    }

    /// One line per group of the values `value` gives, in x order.
    func lines(_ value: (BenchmarkResult) -> Double?) -> [RateLine] {
        groups.enumerated().map { index, group in
            RateLine(
                group: group.name, statistic: nil,
                points: group.results.compactMap { result in
                    guard let y = value(result), y.isFinite else { return nil }
                    return RatePoint(rate: x(result), value: y)
                }.sorted { $0.rate < $1.rate }, colour: index + 1)
        }
    }
}
