import ReportModel

/// The diff as a pull-request comment: the verdict first, regressions largest first, then one
/// `<details>` per model with every compared metric, within GitHub's comment limits.
public struct DiffMarkdown {
    public static let title = "vLLM benchmark diff"

    public var diff: ResultDiff
    public var budget: CommentBudget

    public init(diff: ResultDiff, budget: CommentBudget = .gitHubComment) {
        self.diff = diff
        self.budget = budget
    }

    public func render() -> String {
        var blocks = [MarkdownBlock(ReportMarkdown.marker + "\n"), MarkdownBlock("### \(Self.title)\n\n" + summary())]
        if let problems = problemsNote() { blocks.append(MarkdownBlock(problems)) }
        let noticePosition = blocks.count
        for (title, rows, importance) in [
            ("Regressions", diff.regressions, 6), ("Improvements", diff.improvements, 5),
        ] where !rows.isEmpty {
            blocks += tableBlocks(
                heading: "#### \(title)\n\n", rows: rows, importance: importance, label: title.lowercased(),
                withModel: true)
        }
        if !diff.pairing.added.isEmpty || !diff.pairing.removed.isEmpty {
            blocks.append(MarkdownBlock(addedAndRemoved(), importance: 4, label: "added and removed results"))
        }
        if let incomparable = incomparableList() {
            blocks.append(MarkdownBlock(incomparable, importance: 3, label: "incomparable results"))
        }
        for (group, model) in models.enumerated() {
            let rows = diff.changes.filter { $0.pair.base.model == model }
            let counts = Self.counts(rows)
            let name = BenchmarkResult.displayName(ofModel: model)
            blocks.append(
                MarkdownBlock(
                    "<details>\n<summary><b>\(Escape.html(name))</b> · \(Escape.html(counts))</summary>\n\n",
                    group: group))
            blocks += tableBlocks(
                heading: "", rows: rows, importance: 1, label: "all metrics of \(name)", withModel: false,
                group: group)
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

    /// "🔴 2 regressions · 🟢 1 improvement · 14 unchanged · 3 noise · 1 added · 1 removed",
    /// then what was compared with what.
    func summary() -> String {
        var text = Self.verdictLine(diff) + "\n\n"
        let base = Escape.markdown(diff.base.path)
        let head = Escape.markdown(diff.head.path)
        text += "Base \(base) (\(plural(diff.base.results.count, "result"))) → head \(head) "
        text += "(\(plural(diff.head.results.count, "result"))) · \(plural(diff.pairing.pairs.count, "pair")) · "
        text += "threshold \(formatShortest(diff.options.thresholdPercent))%"
        if !diff.options.metricThresholds.isEmpty {
            let overrides = diff.options.metricThresholds.sorted { $0.key < $1.key }
                .map { "\($0.key) \(formatShortest($0.value))%" }
            text += " (" + Escape.markdown(overrides.joined(separator: ", ")) + ")"
        }
        text += " · α = \(formatShortest(diff.options.alpha))\n\n"
        return text
    }

    /// The one line a reader needs: how many of each verdict, regressions first.
    static func verdictLine(_ diff: ResultDiff) -> String {
        var parts: [String] = []
        let regressions = diff.count(.regression)
        parts.append(regressions > 0 ? "🔴 **\(plural(regressions, "regression"))**" : "✅ **no regressions**")
        let improvements = diff.count(.improvement)
        if improvements > 0 { parts.append("🟢 \(plural(improvements, "improvement"))") }
        parts.append("\(diff.count(.unchanged)) unchanged")
        if diff.count(.noise) > 0 { parts.append("\(diff.count(.noise)) noise") }
        if diff.count(.incomparable) > 0 { parts.append("⚠️ \(diff.count(.incomparable)) incomparable") }
        if !diff.pairing.added.isEmpty { parts.append("\(diff.pairing.added.count) added") }
        if !diff.pairing.removed.isEmpty { parts.append("\(diff.pairing.removed.count) removed") }
        return parts.joined(separator: " · ")
    }

    static func counts(_ rows: [MetricChange]) -> String {
        let parts = Verdict.allCases.compactMap { verdict -> String? in
            let count = rows.count { $0.verdict == verdict }
            return count > 0 ? "\(count) \(verdict.rawValue)" : nil
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
        let pairs = diff.pairing.pairs.filter { !$0.incomparableReasons.isEmpty }
        guard !pairs.isEmpty else { return nil }
        var text = "**Incomparable** (shown, but no verdict):\n\n"
        for pair in pairs.prefix(50) {
            let reasons = pair.incomparableReasons.joined(separator: "; ")
            text += "- " + Escape.markdown("\(pair.base.test) · \(pair.base.modelDisplayName): \(reasons)") + "\n"
        }
        if pairs.count > 50 { text += "- … and \(pairs.count - 50) more\n" }
        return text + "\n"
    }

    /// A table of rows in parts of ``ReportMarkdown/rowsPerPart``, so the budget can drop a tail.
    func tableBlocks(
        heading: String, rows: [MetricChange], importance: Int, label: String, withModel: Bool, group: Int? = nil
    ) -> [MarkdownBlock] {
        let size = ReportMarkdown.rowsPerPart
        return stride(from: 0, to: rows.count, by: size).enumerated().map { part, start in
            let slice = Array(rows[start..<min(start + size, rows.count)])
            let text = (part == 0 ? heading : "") + DiffTable(rows: slice, withModel: withModel).render() + "\n"
            let partLabel = rows.count > size ? "\(label), rows \(start + 1)–\(start + slice.count)" : label
            return MarkdownBlock(
                text, importance: part == 0 ? importance : importance - 1, label: partLabel, group: group)
        }
    }
}

/// Rows of a diff as a Markdown table.
struct DiffTable {
    var rows: [MetricChange]
    var withModel: Bool

    func render() -> String {
        var columns: [MarkdownTable.Column] = []
        if withModel { columns.append(.init("Model", .left)) }
        columns += [
            .init("Test", .left), .init("Rate"), .init("Conc."), .init("Metric", .left), .init("Base"), .init("Head"),
            .init("Change"), .init("Verdict", .left), .init("Evidence", .left),
        ]
        var table = MarkdownTable(columns: columns)
        for row in rows {
            var cells: [String] = []
            if withModel { cells.append(row.pair.base.modelDisplayName) }
            cells += [
                row.pair.head.series, row.pair.base.requestRate?.description ?? "–",
                row.pair.base.maxConcurrency.map(String.init) ?? "–", Self.metricName(row.metric),
                Self.value(row.base, metric: row.metric), Self.value(row.head, metric: row.metric),
                Self.change(row), Self.verdict(row.verdict), row.method,
            ]
            table.rows.append(cells)
        }
        return table.render()
    }

    /// `TTFT p99 (ms)`.
    static func metricName(_ key: String) -> String {
        guard let info = MetricCatalog.info(for: key) else { return key }
        return info.unit.rawValue.isEmpty ? info.label : "\(info.label) (\(info.unit.rawValue))"
    }

    static func value(_ value: Double, metric: String) -> String {
        let unit = MetricCatalog.info(for: metric)?.unit ?? .dimensionless
        // Latency files are in seconds: three decimals keep milliseconds visible.
        return NumberText.fixed(value, decimals: unit == .seconds ? 3 : NumberText.decimals(for: unit))
    }

    /// `▲ +25.3%`: the arrow is the direction of the number; the verdict says whether that is bad.
    static func change(_ row: MetricChange) -> String {
        guard let percent = row.changePercent else { return "n/a" }
        let arrow = percent > 0 ? "▲ " : percent < 0 ? "▼ " : ""
        return arrow + (percent >= 0 ? "+" : "") + NumberText.fixed(percent, decimals: 1) + "%"
    }

    static func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .regression: "🔴 regression"
        case .improvement: "🟢 improvement"
        case .unchanged: "unchanged"
        case .noise: "〰️ noise"
        case .incomparable: "⚠️ incomparable"
        }
    }
}
