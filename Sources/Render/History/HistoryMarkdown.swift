import ReportModel

/// The nightly summary of a history in GitHub-flavoured Markdown, for an issue, a Slack
/// message or a Buildkite annotation: which runs it covers, and the change points among the
/// last runs, largest first, each with the commits between which the step happened.
public struct HistoryMarkdown: Sendable {
    /// The runs of the branch summarised, in history order.
    public var runs: [HistoryRunSummary]
    /// The branch, or nil for runs without one.
    public var branch: String?
    /// How many of the latest runs a change point must start in to be listed.
    public var lastRuns: Int
    /// From ``HistoryTrends/changes(in:runCount:lastRuns:options:)`` over `runs`.
    public var changes: [HistoryChange]
    /// How many trends were followed.
    public var trendCount: Int
    /// Runs of other branches, left out (said in the headline).
    public var otherBranchRuns: Int
    /// The objectives of the capacity trends; empty when capacity is not followed.
    public var objectives: [ServiceObjective]
    public var options: ChangePointOptions

    public init(
        runs: [HistoryRunSummary], branch: String?, lastRuns: Int, changes: [HistoryChange], trendCount: Int,
        otherBranchRuns: Int = 0, objectives: [ServiceObjective] = [],
        options: ChangePointOptions = ChangePointOptions()
    ) {
        self.runs = runs
        self.branch = branch
        self.lastRuns = lastRuns
        self.changes = changes
        self.trendCount = trendCount
        self.otherBranchRuns = otherBranchRuns
        self.objectives = objectives
        self.options = options
    }

    public func render() -> String {
        var text = "<!-- benchreport-history -->\n"
        text +=
            "### Benchmark history of " + (branch.map(Escape.codeSpan) ?? "runs without a branch")
            + "\n\n"
        text += headline() + "\n\n"
        let window = min(lastRuns, runs.count)
        let method =
            "E-divisive means, p ≤ \(formatShortest(options.significanceLevel)), "
            + "steps of \(formatShortest(options.minimumRelativeStep * 100))% or more"
        guard !changes.isEmpty else {
            text += "No change points among the last \(window) runs (\(method)).\n"
            return text
        }
        let count = changes.count == 1 ? "1 change point" : "\(changes.count) change points"
        text += "**\(count)** among the last \(window) runs, largest first (\(method)):\n\n"
        var table = MarkdownTable(columns: [
            .init("Metric", .left), .init("Model · sweep", .left), .init("Rate (req/s)"), .init("Change"),
            .init("Before → after"), .init("Between commits", .left),
        ])
        for change in changes {
            let before = runs[change.lastRunBefore]
            let after = runs[change.firstRunAfter]
            let range = after.repository?.compare(before.commit, after.commit)
            // The last column names the commits.
            table.append(row(change), links: range.map { [table.columns.count - 1: $0] } ?? [:])
        }
        text += table.render()
        return text
    }

    /// Runs, dates, commits, models, trends followed.
    func headline() -> String {
        guard let first = runs.first, let last = runs.last else { return "No runs." }
        var facts = [runs.count == 1 ? "**1 run**" : "**\(NumberText.whole(runs.count)) runs**"]
        facts.append("\(day(first.date)) → \(day(last.date))")
        facts.append("commits \(first.shortCommit) … \(last.shortCommit)")
        let models = Set(runs.flatMap(\.resultCounts.keys)).count
        facts.append(models == 1 ? "1 model" : "\(models) models")
        let followed = "output throughput, TTFT and TPOT median and p99" + (objectives.isEmpty ? "" : ", capacity")
        facts.append("\(trendCount) trends (\(followed))")
        if otherBranchRuns > 0 {
            facts.append("\(otherBranchRuns) runs of other branches not included")
        }
        return facts.joined(separator: " · ")
    }

    func row(_ change: HistoryChange) -> [String] {
        let key = change.key
        let info = HistoryTrends.info(for: key.metric, objectives: objectives)
        var sweep = "\(BenchmarkResult.displayName(ofModel: key.model)) · \(key.series)"
        if key.kind != .serving { sweep += " (\(key.kind.rawValue))" }
        if let hardware = key.hardware { sweep += " · \(hardware)" }
        if !key.labels.isEmpty { sweep += " · \(key.labels)" }
        var rate = key.requestRate?.description ?? "–"
        if let concurrency = key.maxConcurrency { rate += " (max conc. \(concurrency))" }
        let point = change.changePoint
        var step = NumberText.signedPercent(point.relativeStep * 100)
        switch change.isWorse {
        case true?: step = "❌ \(step) worse"
        case false?: step = "✅ \(step) better"
        case nil: break
        }
        let unit = DisplayUnit.fitting([point.meanBefore, point.meanAfter], unit: info?.unit ?? .dimensionless)
        let means = "\(unit.text(point.meanBefore)) → \(unit.text(point.meanAfter)) \(unit.name)"
        let before = runs[change.lastRunBefore]
        let after = runs[change.firstRunAfter]
        let commits = "\(before.shortCommit) (\(day(before.date))) → \(after.shortCommit) (\(day(after.date)))"
        return [info?.label ?? key.metric, sweep, rate, step, means.trimmingCharacters(), commits]
    }

    /// `2026-11-28` of a normalised date.
    private func day(_ date: String) -> String { String(date.prefix(10)) }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
