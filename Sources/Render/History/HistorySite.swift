import ReportModel

/// The static trend site of a history (docs/history.md): `index.html` with the latest values
/// of the headline metrics per model and workload, a sparkline each and every change point;
/// `models/<slug>.html` with each metric over the runs, change points marked, and the runs.
/// Laid out by the same page templates as the report; no scripts.
public struct HistorySite: Sendable {
    /// The runs of one branch, in history order.
    public var runs: [HistoryRunSummary]
    /// The trends over `runs` of ``metrics`` and of each sweep's capacity.
    public var trends: [Trend]
    /// The capacity of each serving sweep in the branch's latest run, for the index's text.
    public var latestCapacities: [SweepCapacity]
    /// Empty when capacity is not followed (`--slo none`).
    public var objectives: [ServiceObjective]
    public var branch: String?
    /// The window of the "over the last N runs" change.
    public var lastRuns: Int
    public var templates: PageTemplates
    public var generator: String
    public var options: ChangePointOptions

    /// The metrics the site follows, besides capacity.
    public static let metrics = ["output_throughput", "p99_ttft_ms", "p99_tpot_ms"]
    /// At most this many points per line: one per run of the last `recentDrawnRuns`, and older
    /// runs in groups drawn at their median and range. Change points are found on all runs.
    public static let maximumDrawnRuns = 200
    public static let recentDrawnRuns = 100

    /// The site of `branch`'s runs in `timeline`, which should follow ``metrics`` and, for
    /// capacity, `objectives`. The branch's latest run is read again for its capacity text.
    public init(
        timeline: HistoryTimeline, branch: String?, objectives: [ServiceObjective] = ServiceObjective.defaults,
        lastRuns: Int = 30, templates: PageTemplates = .builtIn, generator: String,
        options: ChangePointOptions = ChangePointOptions()
    ) {
        runs = timeline.runs(onBranch: branch)
        trends = timeline.trends(onBranch: branch).filter {
            Self.metrics.contains($0.key.metric) || $0.key.metric == HistoryTrends.capacityMetric
        }
        if !objectives.isEmpty, let last = runs.last, let run = try? timeline.run(last) {
            let report = Report(folder: ResultFolder(path: timeline.path, results: run.results))
            latestCapacities = SweepCapacity.of(report, objectives: objectives)
        } else {
            latestCapacities = []
        }
        self.objectives = objectives
        self.branch = branch
        self.lastRuns = lastRuns
        self.templates = templates
        self.generator = generator
        self.options = options
    }

    /// A model and workload: a trend key without its metric.
    struct Workload: Hashable {
        var key: TrendKey
        /// A sweep, whose trend is its capacity, rather than one rate of it.
        var isSweep: Bool

        init(_ key: TrendKey) {
            isSweep = key.metric == HistoryTrends.capacityMetric
            var key = key
            key.metric = ""
            self.key = key
        }
    }

    /// `index.html` and `models/<slug>.html`, by path.
    public func files() -> [String: String] {
        let changes = HistoryTrends.changes(in: trends, runCount: runs.count, lastRuns: runs.count, options: options)
        var workloads: [Workload] = []
        var byWorkload: [Workload: [String: Trend]] = [:]
        for trend in trends {
            let workload = Workload(trend.key)
            if byWorkload[workload] == nil { workloads.append(workload) }
            byWorkload[workload, default: [:]][trend.key.metric] = trend
        }
        var models: [String] = []
        for workload in workloads where !models.contains(workload.key.model) { models.append(workload.key.model) }
        var taken = Set<String>()
        var slugger = Slugger()
        let fileNames = Dictionary(
            uniqueKeysWithValues: models.map {
                ($0, HTMLReport.fileName(slugger.slug(BenchmarkResult.displayName(ofModel: $0)), taken: &taken))
            })
        var files: [String: String] = [:]
        for model in models {
            let own = workloads.filter { $0.key.model == model }
            files["models/\(fileNames[model]!).html"] = modelPage(
                model: model, workloads: own, trends: byWorkload, changes: changes.filter { $0.key.model == model })
        }
        files["index.html"] = indexPage(
            models: models, workloads: workloads, trends: byWorkload, changes: changes, fileNames: fileNames)
        return files
    }

    // MARK: - The index

    func indexPage(
        models: [String], workloads: [Workload], trends: [Workload: [String: Trend]], changes: [HistoryChange],
        fileNames: [String: String]
    ) -> String {
        var html = "<h3>Change points</h3>\n"
        if changes.isEmpty {
            html += "<p>No change points in \(NumberText.whole(runs.count)) runs (\(method)).</p>\n"
        } else {
            html +=
                "<p>\(changes.count == 1 ? "1 change point" : "\(changes.count) change points") in \(NumberText.whole(runs.count)) runs, largest first (\(method)):</p>\n<ul class=\"change-points\">\n"
            for change in changes {
                let page = "models/\(fileNames[change.key.model]!).html"
                html +=
                    "<li>\(changeBadge(change)) <a href=\"\(Escape.html(page))\">\(Escape.html(workloadName(Workload(change.key), withModel: true)))</a>: \(Escape.html(label(change.key.metric))) \(Escape.html(stepText(change))) between \(commitRangeHTML(change))</li>\n"
            }
            html += "</ul>\n"
        }
        for model in models {
            let name = BenchmarkResult.displayName(ofModel: model)
            html += "<h3><a href=\"models/\(Escape.html(fileNames[model]!)).html\">\(Escape.html(name))</a></h3>\n"
            let sweeps = workloads.filter { $0.key.model == model && $0.isSweep }
            if !sweeps.isEmpty { html += capacityTable(sweeps, trends: trends, changes: changes) }
            html += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Workload</th>"
            for metric in Self.metrics { html += "<th>\(Escape.html(label(metric)))</th>" }
            html += "</tr></thead>\n<tbody>\n"
            for workload in workloads where workload.key.model == model && !workload.isSweep {
                html += "<tr><td class=\"workload\">\(Escape.html(workloadName(workload, withModel: false)))</td>"
                for metric in Self.metrics {
                    guard let trend = trends[workload]?[metric] else {
                        html += "<td>–</td>"
                        continue
                    }
                    html += "<td>\(latestCell(trend, changes: changes))</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n</div>\n"
        }
        let view = HTMLReport.PageView(
            title: title, generator: generator, summaryHTML: GitHubMarkdown.html(from: headline()),
            hasContents: false, problemsHTML: nil, overviewHTML: html, models: [], skippedHTML: nil)
        return templates.render(view)
    }

    /// Per sweep: the capacity within the objectives in the latest run, as the report words it,
    /// what limits it, and how it moved over the runs.
    func capacityTable(_ sweeps: [Workload], trends: [Workload: [String: Trend]], changes: [HistoryChange]) -> String {
        var html =
            "<p>Capacity within \(Escape.html(objectivesText)): "
            + "the highest request rate meeting them, interpolated between the measured rates.</p>\n"
        html += "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Sweep</th><th>Capacity</th>"
        html += "<th>Limited by</th></tr></thead>\n<tbody>\n"
        for sweep in sweeps {
            guard let trend = trends[sweep]?[HistoryTrends.capacityMetric] else { continue }
            let latest = latestCapacities.first { capacity in
                capacity.model == sweep.key.model && capacity.series.name == sweep.key.series
            }
            // The latest run's own wording (≈ interpolated, ≥ lower bound) when it measured the sweep.
            let measuredLast = trend.runIndexes.last == runs.count - 1
            let text = measuredLast ? latest.map(CapacitySummary.capacityCell) : nil
            html += "<tr><td class=\"workload\">\(Escape.html(workloadName(sweep, withModel: false)))</td>"
            html += "<td>\(latestCell(trend, changes: changes, text: text))</td>"
            html += "<td>\(Escape.html(measuredLast ? latest.map(CapacitySummary.limitCell) ?? "–" : "–"))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// The latest value (or `text` for it), a sparkline, and the changes since the previous run
    /// and over the window.
    func latestCell(_ trend: Trend, changes: [HistoryChange], text: String? = nil) -> String {
        let unit = DisplayUnit.fitting(trend.values, unit: self.unit(trend.key.metric))
        let latest = trend.values.last!
        let chart = chart(for: trend, changes: changes, compact: true).render()
        let value = text ?? "\(unit.text(latest)) \(unit.name)"
        var cell = "<strong>\(Escape.html(value))</strong>\n\(chart)"
        var notes: [String] = []
        if trend.values.count > 1 {
            notes.append("\(percent(from: trend.values[trend.values.count - 2], to: latest)) since previous")
        }
        let window = min(lastRuns, trend.values.count)
        if window > 1 {
            notes.append(
                "\(percent(from: trend.values[trend.values.count - window], to: latest)) over last \(window)")
        }
        for note in notes { cell += "<span class=\"note\">\(Escape.html(note))</span>" }
        return cell
    }

    // MARK: - A model's page

    func modelPage(
        model: String, workloads: [Workload], trends: [Workload: [String: Trend]], changes: [HistoryChange]
    ) -> String {
        let name = BenchmarkResult.displayName(ofModel: model)
        var slugger = Slugger()
        for reserved in ["problems", "overview", "runs"] { _ = slugger.slug(reserved) }
        let tables = workloads.map { workload in
            let metrics = workload.isSweep ? [HistoryTrends.capacityMetric] : Self.metrics
            let figures = metrics.compactMap { metric -> HTMLReport.FigureView? in
                guard let trend = trends[workload]?[metric] else { return nil }
                return figure(trend, changes: changes)
            }
            let name = workloadName(workload, withModel: false)
            return HTMLReport.TableView(
                name: workload.isSweep ? "\(name) · capacity" : name,
                hasFigures: !figures.isEmpty, figures: figures, tableHTML: "")
        }
        let facts = "\(workloads.count) workloads over \(NumberText.whole(runs.count)) runs"
        let section = HTMLReport.ModelView(
            anchor: slugger.slug(name), name: name, facts: facts,
            serving: tables, latency: nil, throughput: nil)
        let summary = "[← All models](../index.html)\n\n" + headline()
        let view = HTMLReport.PageView(
            title: "\(name) · \(title)", generator: generator, summaryHTML: GitHubMarkdown.html(from: summary),
            hasContents: false, problemsHTML: nil, overviewHTML: nil, models: [section], skippedHTML: nil,
            runsHTML: runsTable(model: model))
        return templates.render(view)
    }

    func figure(_ trend: Trend, changes: [HistoryChange]) -> HTMLReport.FigureView {
        let chart = chart(for: trend, changes: changes, compact: false)
        var caption = "\(label(trend.key.metric)) over \(NumberText.whole(trend.values.count)) runs"
        if chart.points.count < trend.values.count { caption += ": " + chart.drawing }
        let own = changes.filter { $0.key == trend.key }.sorted { $0.firstRunAfter < $1.firstRunAfter }
        if !own.isEmpty {
            caption +=
                "; \(own.count == 1 ? "change point" : "change points"): "
                + own.map(changeText).joined(separator: "; ")
        }
        let unit = DisplayUnit.fitting(trend.values, unit: self.unit(trend.key.metric))
        var rows =
            "<table>\n<thead><tr><th>Run</th><th>Date</th><th>Commit</th><th>\(Escape.html(label(trend.key.metric)))"
        rows += unit.name.isEmpty ? "" : " (\(Escape.html(unit.name)))"
        rows += "</th></tr></thead>\n<tbody>\n"
        // The data table lists the last window of runs; the line shows the rest.
        for position in max(0, trend.values.count - lastRuns)..<trend.values.count {
            let run = runs[trend.runIndexes[position]]
            rows +=
                "<tr><td>\(trend.runIndexes[position] + 1)</td><td>\(day(run.date))</td><td>\(Escape.html(run.shortCommit))</td><td>\(Escape.html(unit.text(trend.values[position])))</td></tr>\n"
        }
        rows += "</tbody>\n</table>\n"
        return HTMLReport.FigureView(
            id: ChartDocument.sanitisedID("\(workloadName(Workload(trend.key), withModel: false)) \(trend.key.metric)"),
            svg: chart.render(), caption: caption, dataTableHTML: rows)
    }

    func chart(for trend: Trend, changes: [HistoryChange], compact: Bool) -> TrendChart {
        let markers = changes.filter { $0.key == trend.key }.map { change in
            TrendChart.Marker(
                run: trend.runIndexes.firstIndex(of: change.firstRunAfter) ?? 0, label: changeText(change),
                isWorse: change.isWorse)
        }
        let first = runs[trend.runIndexes.first!]
        let last = runs[trend.runIndexes.last!]
        let name = "\(label(trend.key.metric)) · \(workloadName(Workload(trend.key), withModel: true))"
        let id =
            (compact ? "spark " : "")
            + "\(trend.key.model) \(workloadName(Workload(trend.key), withModel: false)) \(trend.key.metric)"
        return TrendChart(
            id: id, title: name,
            description: "Over runs from \(day(first.date)) to \(day(last.date)), oldest first.",
            points: TrendChart.points(
                values: trend.values, recent: Self.recentDrawnRuns, limit: Self.maximumDrawnRuns
            ) { position in
                let run = runs[trend.runIndexes[position]]
                return (day(run.date), String(run.shortCommit.prefix(7)))
            }, runCount: trend.values.count, markers: markers,
            unit: unit(trend.key.metric), compact: compact
        )
    }

    /// The runs that measured the model, newest first.
    func runsTable(model: String) -> String {
        var html =
            "<table>\n<thead><tr><th>Run</th><th>Date</th><th>Commit</th><th>Branch</th><th>vLLM</th><th>Results</th></tr></thead>\n<tbody>\n"
        for (index, run) in runs.enumerated().reversed() {
            guard let count = run.resultCounts[model] else { continue }
            html +=
                "<tr><td>\(index + 1)</td><td>\(Escape.html(run.date))</td><td>\(commitHTML(run))</td><td>\(Escape.html(run.branch ?? "–"))</td><td>\(Escape.html(run.vllmVersion ?? "–"))</td><td>\(count)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// The run's short commit, a link to the commit where the run knows its repository.
    func commitHTML(_ run: HistoryRunSummary) -> String {
        Self.link(run.shortCommit, to: run.repository?.commit(run.commit))
    }

    /// `text` as HTML, a link to `address` when there is one.
    static func link(_ text: String, to address: String?) -> String {
        guard let address else { return Escape.html(text) }
        return "<a href=\"\(Escape.html(address))\">\(Escape.html(text))</a>"
    }

    // MARK: - Text

    var title: String { "Benchmark history of " + (branch ?? "runs without a branch") }

    var method: String {
        "E-divisive means, p ≤ \(formatShortest(options.significanceLevel)), steps of "
            + "\(formatShortest(options.minimumRelativeStep * 100))% or more, on all runs"
    }

    func headline() -> String {
        guard let first = runs.first, let last = runs.last else { return "No runs." }
        return
            "**\(NumberText.whole(runs.count)) runs** · \(day(first.date)) → \(day(last.date)) · commits "
            + "\(first.shortCommit) … \(last.shortCommit)"
    }

    /// `p99 TTFT ≤ 2 s, p99 TPOT ≤ 200 ms`.
    var objectivesText: String { ServiceObjective.listed(objectives) }

    func label(_ metric: String) -> String {
        HistoryTrends.info(for: metric, objectives: objectives)?.label ?? metric
    }

    func unit(_ metric: String) -> MetricUnit { HistoryTrends.info(for: metric)?.unit ?? .dimensionless }

    func workloadName(_ workload: Workload, withModel: Bool) -> String {
        let key = workload.key
        var parts: [String] = []
        if withModel { parts.append(BenchmarkResult.displayName(ofModel: key.model)) }
        parts.append(key.kind == .serving ? key.series : "\(key.series) (\(key.kind.rawValue))")
        if let rate = key.requestRate { parts.append("\(rate.description) req/s") }
        if let concurrency = key.maxConcurrency { parts.append("max conc. \(concurrency)") }
        if let hardware = key.hardware { parts.append(hardware) }
        if !key.labels.isEmpty { parts.append(key.labels) }
        return parts.joined(separator: " · ")
    }

    func changeBadge(_ change: HistoryChange) -> String {
        switch change.isWorse {
        case true?: return "<strong class=\"worse\">worse</strong>"
        case false?: return "<strong class=\"better\">better</strong>"
        case nil: return "<strong>changed</strong>"
        }
    }

    /// `+14.4% (49.60 → 56.75 ms) between f5209b45f930 and a3d2e32cf767`.
    func changeText(_ change: HistoryChange) -> String {
        let before = runs[change.lastRunBefore]
        let after = runs[change.firstRunAfter]
        return "\(stepText(change)) between \(before.shortCommit) and \(after.shortCommit)"
    }

    /// `+14.4% (49.60 → 56.75 ms)`.
    func stepText(_ change: HistoryChange) -> String {
        let point = change.changePoint
        let unit = DisplayUnit.fitting([point.meanBefore, point.meanAfter], unit: unit(change.key.metric))
        return
            "\(percent(from: point.meanBefore, to: point.meanAfter)) (\(unit.text(point.meanBefore)) → "
            + "\(unit.text(point.meanAfter))\(unit.name.isEmpty ? "" : " " + unit.name))"
    }

    /// `f5209b45f930 and a3d2e32cf767`, a link to the commits between them where the run knows
    /// its repository.
    func commitRangeHTML(_ change: HistoryChange) -> String {
        let before = runs[change.lastRunBefore]
        let after = runs[change.firstRunAfter]
        let range = after.repository?.compare(before.commit, after.commit)
        return Self.link("\(before.shortCommit) and \(after.shortCommit)", to: range)
    }

    func percent(from before: Double, to after: Double) -> String {
        guard before != 0 else { return after == 0 ? "±0%" : "–" }
        let change = (after - before) / abs(before) * 100
        return NumberText.signedPercent(change)
    }

    func day(_ date: String) -> String { String(date.prefix(10)) }
}
