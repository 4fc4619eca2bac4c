/// The one place where verdicts and the CI gate are decided.
///
/// A sweep is one series (model, test, labels) across its request rates. Per metric:
///
/// - the **sweep** regressed when the mean change of its tested rates is beyond the threshold
///   T and Stouffer's combination of their one-sided p-values is beyond the α quantile
///   (z > Φ⁻¹(1 − α)); improved symmetrically; unchanged when the mean is within T; noise
///   otherwise. Without a test at any rate the sweep is unconfirmed;
/// - a **rate** alone is strong when its change is beyond 2T and its p-value is below α/R
///   (Bonferroni over the sweep's R tested rates);
/// - a tested row is a regression when it is strong, or part of a sweep regression with a
///   change beyond T and p < α; beyond T otherwise it is noise;
/// - an untested row beyond T is unconfirmed, and a regression only beyond the limit for
///   unconfirmed changes (`--fail-unconfirmed`).
///
/// CI fails on a sweep regression or a row that is a regression on its own, so the rows shown
/// always agree with the exit status.
enum SweepJudgement {
    static func judge(_ changes: inout [MetricChange], options: DiffOptions) -> [SweepFinding] {
        let criticalZ = NormalDistribution.quantile(1 - options.alpha)
        var order: [String] = []
        var rowsBySweep: [String: [Int]] = [:]
        for index in changes.indices where changes[index].verdict != .incomparable && changes[index].metric != "failed"
        {
            let key = sweepKey(changes[index])
            if rowsBySweep[key] == nil { order.append(key) }
            rowsBySweep[key, default: []].append(index)
        }
        var findings: [SweepFinding] = []
        for key in order {
            let rows = rowsBySweep[key]!
            let first = changes[rows[0]]
            let threshold = first.threshold
            let tested = rows.filter { changes[$0].evidence != nil && changes[$0].changePercent != nil }
            var finding = SweepFinding(
                pair: first.pair, metric: first.metric, direction: first.direction, rows: rows, meanWorsening: 0,
                zWorse: nil, testedRates: tested.count, threshold: threshold, verdict: .unconfirmed)
            if tested.isEmpty {
                let measured = rows.compactMap { changes[$0].changePercent == nil ? nil : changes[$0].worsening }
                finding.meanWorsening = measured.isEmpty ? 0 : measured.reduce(0, +) / Double(measured.count)
                finding.verdict = abs(finding.meanWorsening) <= threshold ? .unchanged : .unconfirmed
            } else {
                let mean = tested.map { changes[$0].worsening }.reduce(0, +) / Double(tested.count)
                let zWorse = (try? Stouffer.combine(tested.map { changes[$0].evidence!.pWorse })) ?? 0
                let zBetter = (try? Stouffer.combine(tested.map { changes[$0].evidence!.pBetter })) ?? 0
                finding.meanWorsening = mean
                finding.zWorse = zWorse
                finding.verdict =
                    if abs(mean) <= threshold { .unchanged } else if mean > threshold && zWorse > criticalZ {
                        .regression
                    } else if mean < -threshold && zBetter > criticalZ { .improvement } else { .noise }
            }
            let sweepIndex = findings.count
            for index in rows {
                changes[index].sweep = sweepIndex
                judgeRow(&changes[index], sweep: finding.verdict, testedRates: max(1, tested.count), options: options)
            }
            findings.append(finding)
        }
        return findings
    }

    /// The verdict of one rate, given its sweep's.
    static func judgeRow(_ row: inout MetricChange, sweep: Verdict, testedRates: Int, options: DiffOptions) {
        let threshold = row.threshold
        let change = row.worsening
        guard row.changePercent != nil else {
            row.verdict = .incomparable
            row.method = "no relative change: base is 0"
            return
        }
        guard let evidence = row.evidence else {
            let why = row.missingEvidence?.description ?? "no samples"
            if abs(change) <= threshold {
                row.verdict = .unchanged
                row.method = "within \(formatShortest(threshold))%; \(why)"
            } else if change > max(threshold, options.failUnconfirmedPercent) {
                row.verdict = .regression
                row.failsCI = true
                row.method =
                    "\(why); beyond the \(formatShortest(options.failUnconfirmedPercent))% limit for unconfirmed changes"
            } else {
                row.verdict = .unconfirmed
                row.method = "\(why); beyond \(formatShortest(threshold))%, not confirmed"
            }
            return
        }
        let p = change >= 0 ? evidence.pWorse : evidence.pBetter
        let strong = abs(change) > 2 * threshold && p < options.alpha / Double(testedRates)
        let confirmed = p < options.alpha && sweep == (change > 0 ? .regression : .improvement)
        let tested = "\(evidence.method), \(formatPValue(p)), n = \(evidence.baseCount)/\(evidence.headCount)"
        if abs(change) <= threshold {
            row.verdict = .unchanged
            row.method = "within \(formatShortest(threshold))%; \(tested)"
        } else if strong || confirmed {
            row.verdict = change > 0 ? .regression : .improvement
            row.failsCI = change > 0 && strong
            row.method = tested + (strong ? "" : "; confirmed across the sweep")
        } else {
            row.verdict = .noise
            row.method = "\(tested); beyond \(formatShortest(threshold))%, not confirmed across the sweep"
        }
    }

    /// Rows of one metric in one sweep share this: kind, model, series and labels.
    static func sweepKey(_ row: MetricChange) -> String {
        let result = row.pair.base
        var parts = [row.metric, result.kind.rawValue, result.model, result.series]
        for key in row.pair.labels.keys.sorted() { parts += [key, row.pair.labels[key]!] }
        return parts.joined(separator: "\u{1F}")
    }
}

/// The failure share as a metric of its own: a rise in failed requests is a regression when an
/// exact test says it is not chance, whatever the latencies of the successful ones say.
enum FailureShare {
    static func change(in pair: ResultPair, alpha: Double) -> MetricChange? {
        func counts(_ runs: [BenchmarkResult]) -> (failed: Double, total: Double)? {
            var failed = 0.0
            var total = 0.0
            for run in runs {
                guard let completed = run.metrics["completed"], let runFailed = run.failedRequests else { return nil }
                failed += runFailed
                total += completed + runFailed
            }
            return (failed, total)
        }
        guard let base = counts(pair.baseRuns), let head = counts(pair.headRuns), base.failed + head.failed > 0,
            base.total > 0, head.total > 0
        else { return nil }
        let (baseShare, headShare) = (base.failed / base.total, head.failed / head.total)
        var row = MetricChange(
            pair: pair, metric: "failed", base: base.failed, head: head.failed,
            changePercent: ResultDiff.percentChange(base: baseShare, head: headShare), direction: .lowerIsBetter,
            verdict: .unchanged, threshold: 0, evidence: nil, missingEvidence: nil, sweep: nil, failsCI: false,
            method: "")
        guard
            let test = try? FisherExact.test(
                failedBase: Int(base.failed), totalBase: Int(base.total), failedHead: Int(head.failed),
                totalHead: Int(head.total))
        else { return nil }
        let (worse, better) = (test.pGreater, test.pLess)
        row.evidence = MetricEvidence(
            method: "Fisher exact test", pWorse: worse, pBetter: better, baseCount: Int(base.total),
            headCount: Int(head.total), unit: "requests", interval: nil)
        let shares =
            "\(formatShortest(base.failed)) of \(formatShortest(base.total)) → \(formatShortest(head.failed)) of \(formatShortest(head.total)) failed"
        if headShare > baseShare && worse < alpha {
            row.verdict = .regression
            row.failsCI = true
        } else if headShare < baseShare && better < alpha {
            row.verdict = .improvement
        } else {
            row.verdict = headShare == baseShare ? .unchanged : .noise
        }
        let p = headShare >= baseShare ? worse : better
        row.method = "\(shares); Fisher exact test, \(formatPValue(p))"
        return row
    }
}

/// A one-sided p-value for people: `p = 0.012`, `p = 3.4e-5`, `p < 1e-6`.
public func formatPValue(_ p: Double) -> String {
    if p < 1e-6 { return "p < 1e-6" }
    if p >= 0.001 { return "p = " + formatShortest((p * 1000).rounded() / 1000) }
    var exponent = 0
    var mantissa = p
    while mantissa < 1 {
        mantissa *= 10
        exponent -= 1
    }
    mantissa = (mantissa * 10).rounded() / 10
    if mantissa >= 10 {
        mantissa /= 10
        exponent += 1
    }
    return "p = \(formatShortest(mantissa))e\(exponent)"
}
