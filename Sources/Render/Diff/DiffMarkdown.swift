import ReportModel

/// The diff as a pull-request comment: the decision and why first, then the findings grouped by
/// sweep and rate (regressions, unconfirmed changes, improvements), then every compared metric
/// collapsed per model, within GitHub's comment limits and its comment column.
public struct DiffMarkdown {
    public static let title = "vLLM benchmark diff"

    public var diff: ResultDiff
    public var budget: CommentBudget
    /// Where the published HTML diff is, for a link under the decision.
    public var reportURL: String?

    public init(diff: ResultDiff, budget: CommentBudget = .gitHubComment, reportURL: String? = nil) {
        self.diff = diff
        self.budget = budget
        self.reportURL = reportURL
    }

    /// More rows than this of one sweep in one section are summarised in one line.
    static let summariseAbove = 6

    public func render() -> String {
        var blocks = [MarkdownBlock(ReportMarkdown.marker + "\n"), MarkdownBlock("### \(Self.title)\n\n" + summary())]
        if let problems = problemsNote() { blocks.append(MarkdownBlock(problems)) }
        let noticePosition = blocks.count
        for (section, importance) in [(FindingSection.regressions, 7), (.unconfirmed, 6), (.improvements, 5)] {
            if let text = findings(section) {
                blocks.append(MarkdownBlock(text, importance: importance, label: section.title.lowercased()))
            }
        }
        if !diff.pairing.added.isEmpty || !diff.pairing.removed.isEmpty {
            blocks.append(MarkdownBlock(addedAndRemoved(), importance: 4, label: "added and removed results"))
        }
        if let incomparable = incomparableList() {
            blocks.append(MarkdownBlock(incomparable, importance: 3, label: "incomparable results"))
        }
        if let leftOut = leftOutList() {
            blocks.append(MarkdownBlock(leftOut, importance: 3, label: "runs left out"))
        }
        for (group, model) in models.enumerated() {
            let rows = diff.changes.filter { $0.pair.base.model == model }
            let name = BenchmarkResult.displayName(ofModel: model)
            blocks.append(
                MarkdownBlock(
                    "<details>\n<summary><b>\(Escape.html(name))</b> · \(Escape.html(Self.counts(rows)))</summary>\n\n",
                    group: group))
            for (series, seriesRows) in Self.bySeries(rows) {
                blocks += tableBlocks(
                    heading: "**\(Escape.markdown(series))**\n\n", rows: seriesRows, importance: 1,
                    label: "all metrics of \(name) (\(series))", group: group)
            }
            blocks.append(MarkdownBlock("</details>\n\n", group: group))
        }
        return budget.fit(blocks, noticePosition: noticePosition) {
            CommentBudget.omissionNotice($0, fullOutput: "`benchreport diff --format html` and `--format json`")
        }
    }

    /// The models of the paired results, ordered by display name as in the report.
    var models: [String] {
        Set(diff.pairing.pairs.map(\.base.model)).sorted { lhs, rhs in
            let (left, right) = (BenchmarkResult.displayName(ofModel: lhs), BenchmarkResult.displayName(ofModel: rhs))
            return left != right ? naturalOrder(left, right) : lhs < rhs
        }
    }

    /// The decision, then what was compared with what and how.
    func summary() -> String {
        var text = DiffHeadline(diff: diff).markdown + "\n\n"
        var facts: [String] = []
        let differences = diff.systemDifferences
        if !differences.isEmpty {
            let shown = differences.prefix(3).map { difference in
                "\(Self.propertyName(difference.property)) " + Self.value(difference.base) + " → "
                    + Self.value(difference.head)
            }
            facts.append("comparing " + shown.joined(separator: ", ") + (differences.count > 3 ? ", …" : ""))
        }
        if let baseline = diff.baseline {
            facts.append(
                "base: history \(Escape.codeSpan(diff.base.path)), \(plural(baseline.runs.count, "run")) of "
                    + "\(Escape.codeSpan(baseline.branch)) as replicates, values their mean (\(diff.base.results.count) results) → head "
                    + "\(Escape.codeSpan(diff.head.path)) (\(diff.head.results.count))")
        } else {
            facts.append(
                "base \(Escape.codeSpan(diff.base.path)) (\(plural(diff.base.results.count, "result"))) → head "
                    + "\(Escape.codeSpan(diff.head.path)) (\(diff.head.results.count))")
        }
        facts.append(plural(diff.pairing.pairs.count, "pair"))
        var thresholds =
            "thresholds \(formatShortest(diff.options.thresholdPercent))%, "
            + "p90 and up \(formatShortest(diff.options.tailThresholdPercent))%"
        if !diff.options.metricThresholds.isEmpty {
            let overrides = diff.options.metricThresholds.sorted { $0.key < $1.key }
                .map { "\($0.key) \(formatShortest($0.value))%" }
            thresholds += " (" + Escape.markdown(overrides.joined(separator: ", ")) + ")"
        }
        facts.append(thresholds)
        facts.append("α = \(formatShortest(diff.options.alpha))")
        text += facts.joined(separator: " · ") + "\n\n"
        if let reportURL, let url = Escape.linkDestination(reportURL) {
            text += "[Full report with charts](\(url))\n\n"
        }
        return text
    }

    /// `` `text` `` with backticks that cannot break out, or `none`.
    /// A compared property's value, or "none".
    static func value(_ text: String?) -> String {
        guard let text else { return "none" }
        return Escape.markdown(text)
    }

    static func propertyName(_ property: String) -> String {
        switch property {
        case "version": "vLLM"
        case "tp": "TP"
        default: Escape.markdown(property)
        }
    }

    static func counts(_ rows: [MetricChange]) -> String {
        let parts = Verdict.allCases.compactMap { verdict -> String? in
            let count = rows.count { $0.verdict == verdict }
            guard count > 0 else { return nil }
            // "3 regressions", but "46 unchanged", "2 noise".
            let counted = [.regression, .improvement].contains(verdict)
            return counted ? plural(count, verdict.rawValue) : "\(count) \(verdict.rawValue)"
        }
        return parts.joined(separator: ", ")
    }

    func problemsNote() -> String? {
        let problems = diff.base.problems.map { ("base", $0) } + diff.head.problems.map { ("head", $0) }
        guard !problems.isEmpty else { return nil }
        var text = "> [!WARNING]\n> **Results that could not be read** (they are left out of the comparison):\n"
        for (side, problem) in problems.prefix(20) {
            text += "> - \(side): " + Escape.markdown(String(problem.description.prefix(300))) + "\n"
        }
        if problems.count > 20 { text += "> - … and \(problems.count - 20) more\n" }
        return text + "\n"
    }

    // MARK: - Findings

    enum FindingSection {
        case regressions, unconfirmed, improvements

        var title: String {
            switch self {
            case .regressions: "❌ Regressions"
            case .unconfirmed: "⚠️ Unconfirmed changes"
            case .improvements: "🟢 Improvements"
            }
        }

        func contains(_ row: MetricChange) -> Bool {
            switch self {
            case .regressions: row.verdict == .regression
            case .unconfirmed: row.verdict == .unconfirmed
            case .improvements: row.verdict == .improvement
            }
        }
    }

    /// One section: the sweep-level findings in words, then one table row per sweep and rate
    /// listing the metrics that moved; a sweep with many such rows gets one line instead.
    func findings(_ section: FindingSection) -> String? {
        let rows = diff.changes.filter(section.contains)
        let sweepLines: [String] =
            section == .regressions
            ? diff.sweeps.filter { $0.verdict == .regression && $0.rows.count > 1 }
                .sorted { $0.meanWorsening > $1.meanWorsening }
                .map { "- " + Escape.markdown(DiffHeadline.describe(.sweep($0), diff: diff)) + "\n" }
            : []
        guard !rows.isEmpty || !sweepLines.isEmpty else { return nil }
        var text = "#### \(section.title)\n\n"
        if section == .unconfirmed {
            text += "Beyond the threshold, but nothing to test them on (no per-request samples, no repeated runs): "
            text += "they fail CI only beyond \(formatShortest(diff.options.failUnconfirmedPercent))%.\n\n"
        }
        if !sweepLines.isEmpty { text += "Judged across the sweep:\n\n" + sweepLines.joined() + "\n" }
        guard !rows.isEmpty else { return text }
        var table = MarkdownTable(columns: [
            .init("Model · test", .left), .init("Rate"), .init("Metrics that moved", .left), .init("Evidence", .left),
        ])
        for sweepRows in Self.bySweep(rows) {
            let first = sweepRows[0]
            let name = "\(first.pair.base.modelDisplayName) · \(Self.seriesName(first.pair))"
            let byRate = Dictionary(grouping: sweepRows) { $0.pair.base.requestRate?.description ?? "–" }
            if sweepRows.count > Self.summariseAbove {
                table.rows.append([
                    name, "\(byRate.count) rates", Self.summaryOfMany(sweepRows), Self.evidenceOfMany(sweepRows),
                ])
                continue
            }
            let rates = sweepRows.map { $0.pair.base.requestRate?.description ?? "–" }
            var seen = Set<String>()
            for rate in rates where seen.insert(rate).inserted {
                let atRate = byRate[rate]!.sorted { abs($0.worsening) > abs($1.worsening) }
                let moved = atRate.prefix(3).map { "\(DiffText.metricName($0.metric)) \(DiffText.change($0))" }
                let more = atRate.count > 3 ? " and \(atRate.count - 3) more" : ""
                table.rows.append([
                    name, rate, moved.joined(separator: "; ") + more, DiffText.evidence(atRate[0]),
                ])
            }
        }
        return text + table.render() + "\n"
    }

    /// "55 metrics faster by 5.1–17.3%": what many rows of one sweep have in common.
    static func summaryOfMany(_ rows: [MetricChange]) -> String {
        let changes = rows.map(\.worsening)
        let (low, high) = (changes.map(abs).min() ?? 0, changes.map(abs).max() ?? 0)
        let worse = changes.filter { $0 > 0 }.count
        let direction =
            worse == rows.count ? "worse" : worse == 0 ? "better" : "\(worse) worse, \(rows.count - worse) better"
        let range = NumberText.fixed(low, decimals: 1) + "–" + NumberText.fixed(high, decimals: 1) + "%"
        return "\(rows.count) metrics \(direction) by \(range) (every row in the model's details below)"
    }

    static func evidenceOfMany(_ rows: [MetricChange]) -> String {
        if rows.allSatisfy({ $0.evidence == nil }) { return "all without samples" }
        let p = rows.compactMap(\.pValue).min() ?? 1
        return "smallest \(formatPValue(p))"
    }

    /// Rows grouped by sweep (model, series, labels), in report order.
    static func bySweep(_ rows: [MetricChange]) -> [[MetricChange]] {
        var order: [String] = []
        var groups: [String: [MetricChange]] = [:]
        for row in rows {
            let labels = row.pair.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let key = ([row.pair.base.model, row.pair.base.series] + labels).joined(separator: "\u{1F}")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.map { groups[$0]! }
    }

    /// Rows grouped by series (with labels), in report order, for the per-model tables.
    static func bySeries(_ rows: [MetricChange]) -> [(String, [MetricChange])] {
        bySweep(rows).map { (seriesName($0[0].pair), $0) }
    }

    /// `serving_llama8B_tp1_sharegpt`, with the labels that set a variant apart.
    static func seriesName(_ pair: ResultPair) -> String {
        let labels = pair.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return ([pair.base.series] + labels).joined(separator: " · ")
    }

    // MARK: - Other sections

    func addedAndRemoved() -> String {
        var text = ""
        for (title, results) in [("Added", diff.pairing.added), ("Removed", diff.pairing.removed)]
        where !results.isEmpty {
            text += "**\(title)** (no counterpart in \(title == "Added" ? "base" : "head")):\n\n"
            for result in results.prefix(50) {
                text += "- " + Escape.markdown("\(result.test) · \(result.modelDisplayName) · \(result.file)") + "\n"
            }
            if results.count > 50 { text += "- … and \(results.count - 50) more\n" }
            text += "\n"
        }
        return text
    }

    /// One line per incomparable pair, with the reasons, rather than one per metric.
    func incomparableList() -> String? {
        guard !diff.incomparable.isEmpty else { return nil }
        var text = "**Incomparable** (different workloads: shown, but no verdict):\n\n"
        for (pair, reasons) in diff.incomparable.prefix(50) {
            let rate = pair.base.requestRate.map { " @ \($0) req/s" } ?? ""
            let line = "\(pair.base.test)\(rate) · \(pair.base.modelDisplayName): \(reasons.joined(separator: "; "))"
            text += "- " + Escape.markdown(line) + "\n"
        }
        if diff.incomparable.count > 50 { text += "- … and \(diff.incomparable.count - 50) more\n" }
        return text + "\n"
    }

    /// One line per replicate left out of its pair for serving another workload.
    func leftOutList() -> String? {
        guard !diff.leftOutRuns.isEmpty else { return nil }
        let side = diff.baseline == nil ? "base" : "baseline"
        var text = "**Left out** (replicates of another workload than head's; the rest of their pair is compared):\n\n"
        for leftOut in diff.leftOutRuns.prefix(50) {
            let run = leftOut.run
            let rate = run.requestRate.map { " @ \($0) req/s" } ?? ""
            let line =
                "\(leftOut.isBase ? side : "head") \(run.file)\(run.line.map { ":\($0)" } ?? "") · \(run.test)\(rate): "
                + leftOut.reasons.joined(separator: "; ")
            text += "- " + Escape.markdown(line) + "\n"
        }
        if diff.leftOutRuns.count > 50 { text += "- … and \(diff.leftOutRuns.count - 50) more\n" }
        return text + "\n"
    }

    /// A table of rows in parts of ``ReportMarkdown/rowsPerPart``, so the budget can drop a tail.
    func tableBlocks(
        heading: String, rows: [MetricChange], importance: Int, label: String, group: Int? = nil
    ) -> [MarkdownBlock] {
        let size = ReportMarkdown.rowsPerPart
        return stride(from: 0, to: rows.count, by: size).enumerated().map { part, start in
            let slice = Array(rows[start..<min(start + size, rows.count)])
            let text = (part == 0 ? heading : "") + DiffTable(rows: slice).render() + "\n"
            let partLabel = rows.count > size ? "\(label), rows \(start + 1)–\(start + slice.count)" : label
            return MarkdownBlock(
                text, importance: part == 0 ? importance : importance - 1, label: partLabel, group: group)
        }
    }
}

/// Every compared metric of some pairs, six columns so it fits GitHub's comment column.
struct DiffTable {
    var rows: [MetricChange]

    func render() -> String {
        var table = MarkdownTable(columns: [
            .init("Rate"), .init("Metric", .left), .init("Base"), .init("Head"), .init("Change"),
            .init("Verdict", .left),
        ])
        for row in rows {
            table.rows.append([
                row.pair.base.requestRate?.description ?? "–", DiffText.metricName(row.metric),
                DiffText.value(row.base, metric: row.metric), DiffText.value(row.head, metric: row.metric),
                row.changePercent.map(NumberText.signedPercent) ?? "n/a", Self.verdict(row),
            ])
        }
        return table.render()
    }

    /// `🔴 regression (p < 1e-6)`, `〰️ noise (p = 0.03)`.
    static func verdict(_ row: MetricChange) -> String {
        let p = row.pValue.map { " (\(formatPValue($0)))" } ?? ""
        switch row.verdict {
        case .regression: return "🔴 regression" + p
        case .improvement: return "🟢 improvement" + p
        case .unchanged: return "unchanged"
        case .noise: return "〰️ noise" + p
        case .unconfirmed: return "⚠️ unconfirmed"
        case .incomparable: return "incomparable"
        }
    }
}
