import ReportModel

/// The diff as JSON for other tools (schema version 1).
public enum DiffJSON {
    public static func render(_ diff: ResultDiff) -> String {
        let json = JSONWriter()
        func fileAndLine(_ result: BenchmarkResult) {
            json.member("file") { json.string(result.file) }
            if let line = result.line { json.member("line") { json.number(Double(line)) } }
        }
        func location(_ result: BenchmarkResult) {
            json.object { fileAndLine(result) }
        }
        // `model` is the id as the (base) file gave it, as in `benchreport json`; `modelID` the
        // normalised id that results are paired by.
        func describe(_ result: BenchmarkResult) {
            json.object {
                fileAndLine(result)
                json.member("test") { json.string(result.test) }
                json.member("model") { json.string(result.rawModel) }
                json.member("modelID") { json.string(result.model) }
                json.member("kind") { json.string(result.kind.rawValue) }
            }
        }
        json.object {
            json.member("schemaVersion") { json.number(Double(ReportJSON.schemaVersion)) }
            json.member("base") { json.string(diff.base.path) }
            json.member("head") { json.string(diff.head.path) }
            if let baseline = diff.baseline {
                json.member("baseline") {
                    json.object {
                        json.member("branch") { json.string(baseline.branch) }
                        json.member("runs") {
                            json.array(baseline.runs) { run in
                                json.object {
                                    json.member("commit") { json.string(run.commit) }
                                    json.member("date") { json.string(run.date) }
                                }
                            }
                        }
                    }
                }
            }
            json.member("decision") {
                json.object {
                    json.member("failsCI") { json.bool(diff.failsCI) }
                    json.member("comparedNothing") { json.bool(diff.comparedNothing) }
                    json.member("exitStatus") { json.number(Double(diff.exitStatus)) }
                    json.member("headline") { json.string(DiffHeadline(diff: diff).plainText) }
                }
            }
            json.member("comparing") {
                json.array(diff.systemDifferences) { difference in
                    json.object {
                        json.member("property") { json.string(difference.property) }
                        json.member("base") { json.optionalString(difference.base) }
                        json.member("head") { json.optionalString(difference.head) }
                    }
                }
            }
            json.member("thresholdPercent") { json.number(diff.options.thresholdPercent) }
            json.member("tailThresholdPercent") { json.number(diff.options.tailThresholdPercent) }
            json.member("failUnconfirmedPercent") { json.number(diff.options.failUnconfirmedPercent) }
            json.member("metricThresholds") { json.numberObject(diff.options.metricThresholds) }
            json.member("alpha") { json.number(diff.options.alpha) }
            json.member("rows") {
                json.array(diff.changes) { row in
                    json.object {
                        json.member("kind") { json.string(row.pair.base.kind.rawValue) }
                        json.member("test") { json.string(row.pair.head.test) }
                        json.member("baseTest") { json.string(row.pair.base.test) }
                        json.member("model") { json.string(row.pair.base.rawModel) }
                        json.member("modelID") { json.string(row.pair.base.model) }
                        json.member("requestRate") { json.requestRate(row.pair.base.requestRate) }
                        json.member("maxConcurrency") {
                            json.optionalNumber(row.pair.base.maxConcurrency.map(Double.init))
                        }
                        json.member("metric") { json.string(row.metric) }
                        json.member("base") { json.number(row.base) }
                        json.member("head") { json.number(row.head) }
                        json.member("changePercent") { json.optionalNumber(row.changePercent) }
                        json.member("better") { json.string(row.direction.rawValue) }
                        json.member("verdict") { json.string(row.verdict.rawValue) }
                        json.member("pValue") { json.optionalNumber(row.pValue) }
                        json.member("method") { json.string(row.method) }
                        json.member("thresholdPercent") { json.number(row.threshold) }
                        json.member("failsCI") { json.bool(row.failsCI) }
                        json.member("sweep") { json.optionalNumber(row.sweep.map(Double.init)) }
                        if let evidence = row.evidence {
                            json.member("evidence") {
                                json.object {
                                    json.member("method") { json.string(evidence.method) }
                                    json.member("pWorse") { json.number(evidence.pWorse) }
                                    json.member("pBetter") { json.number(evidence.pBetter) }
                                    json.member("baseCount") { json.number(Double(evidence.baseCount)) }
                                    json.member("headCount") { json.number(Double(evidence.headCount)) }
                                    json.member("unit") { json.string(evidence.unit) }
                                    if let interval = evidence.interval {
                                        json.member("changeInterval") {
                                            json.array([interval.lowerBound, interval.upperBound]) {
                                                json.number($0 * 100)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        json.member("baseRuns") { json.array(row.pair.baseRuns, location) }
                        json.member("headRuns") { json.array(row.pair.headRuns, location) }
                        if !row.pair.labels.isEmpty {
                            json.member("labels") { json.stringObject(row.pair.labels) }
                        }
                    }
                }
            }
            json.member("sweeps") {
                json.array(diff.sweeps) { sweep in
                    json.object {
                        json.member("kind") { json.string(sweep.pair.base.kind.rawValue) }
                        json.member("series") { json.string(sweep.pair.base.series) }
                        json.member("model") { json.string(sweep.pair.base.rawModel) }
                        json.member("modelID") { json.string(sweep.pair.base.model) }
                        if !sweep.pair.labels.isEmpty {
                            json.member("labels") { json.stringObject(sweep.pair.labels) }
                        }
                        json.member("metric") { json.string(sweep.metric) }
                        json.member("rates") { json.number(Double(sweep.rows.count)) }
                        json.member("testedRates") { json.number(Double(sweep.testedRates)) }
                        json.member("meanWorseningPercent") { json.number(sweep.meanWorsening) }
                        json.member("zWorse") { json.optionalNumber(sweep.zWorse) }
                        json.member("thresholdPercent") { json.number(sweep.threshold) }
                        json.member("verdict") { json.string(sweep.verdict.rawValue) }
                        json.member("rows") { json.array(sweep.rows) { json.number(Double($0)) } }
                    }
                }
            }
            json.member("added") { json.array(diff.pairing.added, describe) }
            json.member("removed") { json.array(diff.pairing.removed, describe) }
            json.member("leftOut") {
                json.array(diff.leftOutRuns) { leftOut in
                    json.object {
                        json.member("side") { json.string(leftOut.isBase ? "base" : "head") }
                        json.member("run") { location(leftOut.run) }
                        json.member("test") { json.string(leftOut.run.test) }
                        json.member("requestRate") { json.requestRate(leftOut.run.requestRate) }
                        json.member("reasons") { json.array(leftOut.reasons) { json.string($0) } }
                    }
                }
            }
            json.member("incomparable") {
                json.array(diff.incomparable) { pair, reasons in
                    json.object {
                        json.member("test") { json.string(pair.head.test) }
                        json.member("model") { json.string(pair.base.rawModel) }
                        json.member("modelID") { json.string(pair.base.model) }
                        json.member("requestRate") { json.requestRate(pair.base.requestRate) }
                        json.member("baseRuns") { json.array(pair.baseRuns, location) }
                        json.member("headRuns") { json.array(pair.headRuns, location) }
                        json.member("reasons") { json.array(reasons) { json.string($0) } }
                    }
                }
            }
            json.member("problems") {
                json.array(diff.base.problems.map { ("base", $0) } + diff.head.problems.map { ("head", $0) }) {
                    side, problem in
                    json.object {
                        json.member("side") { json.string(side) }
                        json.member("file") { json.string(problem.file) }
                        if let line = problem.line { json.member("line") { json.number(Double(line)) } }
                        json.member("message") { json.string(problem.message) }
                    }
                }
            }
            json.member("summary") {
                json.object {
                    for (key, verdict) in [
                        ("regressions", Verdict.regression), ("improvements", .improvement), ("noise", .noise),
                        ("unchanged", .unchanged), ("unconfirmed", .unconfirmed), ("incomparable", .incomparable),
                    ] {
                        json.member(key) { json.number(Double(diff.count(verdict))) }
                    }
                    json.member("added") { json.number(Double(diff.pairing.added.count)) }
                    json.member("removed") { json.number(Double(diff.pairing.removed.count)) }
                    json.member("sweepRegressions") {
                        json.number(Double(diff.sweeps.count { $0.verdict == .regression }))
                    }
                    json.member("failsCI") { json.bool(diff.failsCI) }
                }
            }
        }
        return json.output + "\n"
    }
}
