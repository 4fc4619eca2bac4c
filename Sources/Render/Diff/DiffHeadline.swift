import ReportModel

/// The decision and why, in one line: the first thing the comment, the page and the JSON say.
///
/// "❌ CI fails: 1 regression — Llama-3.1-8B @ 16 req/s TTFT median +25.2% (25.5 → 32.0 ms,
/// p < 1e-6, 200/200 requests)", "✅ No regression · 3 unconfirmed changes (no samples) ·
/// 2 improvements", or "⛔ Nothing compared: …".
public struct DiffHeadline {
    var diff: ResultDiff

    /// The headline of `diff` as plain text, for standard error and JSON.
    public static func plainText(of diff: ResultDiff) -> String {
        DiffHeadline(diff: diff).plainText
    }

    /// A regression that fails CI: a sweep judged as a whole, or one row on its own.
    enum Finding {
        case sweep(SweepFinding)
        case row(MetricChange)

        var worsening: Double {
            switch self {
            case .sweep(let sweep): sweep.meanWorsening
            case .row(let row): row.worsening
            }
        }
    }

    /// What fails CI, largest first: every sweep regression, and every row that fails on its
    /// own outside a sweep regression.
    var failingFindings: [Finding] {
        let sweeps = diff.sweeps.filter { $0.verdict == .regression }.map(Finding.sweep)
        let rows = diff.changes.filter { row in
            row.failsCI && !(row.sweep.map { diff.sweeps[$0].verdict == .regression } ?? false)
        }.map(Finding.row)
        return (sweeps + rows).sorted { $0.worsening > $1.worsening }
    }

    /// The line as Markdown (text from the files escaped).
    var markdown: String {
        line(
            escape: Escape.markdown, bold: { "**\($0)**" },
            code: Escape.codeSpan)
    }

    /// The line as plain text, for JSON.
    var plainText: String { line(escape: { $0 }, bold: { $0 }, code: { $0 }) }

    private func line(
        escape: (String) -> String, bold: (String) -> String, code: (String) -> String
    ) -> String {
        var text: String
        if diff.comparedNothing {
            text = "⛔ " + bold("Nothing compared") + ": " + escape(nothingComparedReason())
        } else if diff.failsCI {
            let findings = failingFindings
            text = "❌ " + bold("CI fails: \(plural(findings.count, "regression"))")
            if let first = findings.first { text += " — " + escape(Self.describe(first, diff: diff)) }
        } else {
            text = "✅ " + bold("No regression")
            let unconfirmed = diff.count(.unconfirmed)
            if unconfirmed > 0 { text += " · ⚠️ \(plural(unconfirmed, "unconfirmed change")) (no samples)" }
            let improvements = diff.count(.improvement)
            if improvements > 0 { text += " · 🟢 \(plural(improvements, "improvement"))" }
            let noise = diff.count(.noise)
            if noise > 0 { text += " · \(noise) within noise" }
        }
        if !diff.comparedNothing && !diff.pairing.removed.isEmpty {
            text += " · ⚠️ head lost \(plural(diff.pairing.removed.count, "result")) the base had"
        }
        if !diff.leftOutRuns.isEmpty {
            text += " · ⚠️ \(plural(diff.leftOutRuns.count, "run")) of another workload left out"
        }
        if let baseline = diff.baseline {
            text += " · baseline: " + Self.describe(baseline, code: code)
        }
        return text
    }

    /// `the last 10 runs of `main` (2026-11-20 – 2026-11-29, 4facb802f2e3 … 661d9d85d451)`.
    static func describe(_ baseline: HistoryBaseline, code: (String) -> String) -> String {
        let runs = baseline.runs.count == 1 ? "the last run" : "the last \(baseline.runs.count) runs"
        return "\(runs) of \(code(baseline.branch)) (\(baseline.dateRange), \(baseline.commitRange))"
    }

    func nothingComparedReason() -> String {
        if diff.pairing.pairs.isEmpty {
            return
                "no result of head matches one of base (\(plural(diff.pairing.removed.count, "result")) only in base, "
                + "\(diff.pairing.added.count) only in head)"
        }
        let reasons = diff.incomparable.flatMap(\.reasons)
        let first = reasons.first.map { ": \($0)" } ?? ""
        let pairs = diff.pairing.pairs.count == 1 ? "the one pair" : "all \(diff.pairing.pairs.count) pairs"
        return "\(pairs) served different workloads\(first)"
    }

    /// `Llama-3.1-8B · TTFT median +18.1% over 4 rates (z = 6.1); worst 16 req/s +25.2%`.
    static func describe(_ finding: Finding, diff: ResultDiff) -> String {
        switch finding {
        case .row(let row):
            return "\(place(row.pair)) \(DiffText.metricName(row.metric)) \(DiffText.change(row, evidence: true))"
        case .sweep(let sweep):
            let rows = sweep.rows.map { diff.changes[$0] }
            var text = "\(sweep.pair.base.modelDisplayName) \(DiffText.metricName(sweep.metric)) "
            text += NumberText.signedPercent(sweep.meanWorsening * (sweep.direction == .lowerIsBetter ? 1 : -1))
            text += rows.count > 1 ? " over \(rows.count) rates" : ""
            if let z = sweep.zWorse, rows.count > 1 { text += " (z = \(NumberText.fixed(z, decimals: 1)))" }
            if let worst = rows.max(by: { $0.worsening < $1.worsening }) {
                if rows.count > 1 { text += "; worst \(DiffText.rate(worst.pair)):" }
                text += " \(DiffText.change(worst, evidence: true))"
            }
            return text
        }
    }

    /// `Llama-3.1-8B @ 16 req/s`.
    static func place(_ pair: ResultPair) -> String {
        let rate = pair.base.requestRate == nil ? "" : " @ " + DiffText.rate(pair)
        return pair.base.modelDisplayName + rate
    }
}

/// Short texts for diff rows, shared by the comment, the page and the headline.
enum DiffText {
    /// `TTFT p99`, `Output throughput`, `Failed requests`.
    static func metricName(_ key: String) -> String {
        if key == "failed" { return "Failed requests" }
        return MetricCatalog.info(for: key)?.label ?? key
    }

    /// A value with its unit: `25.53 ms`, `1318.7 tok/s`, `0.412 s`.
    static func value(_ value: Double, metric: String) -> String {
        if metric == "failed" { return formatShortest(value) }
        let unit = MetricCatalog.info(for: metric)?.unit ?? .dimensionless
        // Latency files are in seconds: three decimals keep milliseconds visible.
        let number = NumberText.fixed(value, decimals: unit == .seconds ? 3 : NumberText.decimals(for: unit))
        return unit.rawValue.isEmpty ? number : "\(number) \(unit.rawValue)"
    }

    /// `+25.2% (25.53 → 31.96 ms)`; with `evidence`, `+25.2% (25.53 → 31.96 ms, p < 1e-6, 200/200 requests)`.
    static func change(_ row: MetricChange, evidence: Bool = false) -> String {
        let unit = row.metric == "failed" ? "" : MetricCatalog.info(for: row.metric)?.unit.rawValue ?? ""
        let base = value(row.base, metric: row.metric)
        let head = value(row.head, metric: row.metric)
        var values = unit.isEmpty ? "\(base) → \(head)" : "\(base.dropLast(unit.count + 1)) → \(head)"
        if evidence { values += ", " + self.evidence(row) }
        guard let percent = row.changePercent else { return values }
        return "\(NumberText.signedPercent(percent)) (\(values))"
    }

    /// `16 req/s`, `inf req/s`.
    static func rate(_ pair: ResultPair) -> String {
        (pair.base.requestRate?.description ?? "–") + " req/s"
    }

    /// `p < 1e-6, 200/200 requests` or `no samples`.
    static func evidence(_ row: MetricChange) -> String {
        guard let evidence = row.evidence, let p = row.pValue else {
            return row.missingEvidence?.description ?? "no samples"
        }
        return "\(formatPValue(p)), \(evidence.baseCount)/\(evidence.headCount) \(evidence.unit)"
    }
}
