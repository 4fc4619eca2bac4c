import ReportModel

/// The diff as JSON for other tools (schema version 1).
public enum DiffJSON {
    public static func render(_ diff: ResultDiff) -> String {
        let json = JSONWriter()
        func describe(_ result: BenchmarkResult) {
            json.object {
                json.member("file") { json.string(result.file) }
                if let line = result.line { json.member("line") { json.number(Double(line)) } }
                json.member("test") { json.string(result.test) }
                json.member("model") { json.string(result.model) }
                json.member("kind") { json.string(result.kind.rawValue) }
            }
        }
        json.object {
            json.member("schemaVersion") { json.number(Double(ReportJSON.schemaVersion)) }
            json.member("base") { json.string(diff.base.path) }
            json.member("head") { json.string(diff.head.path) }
            json.member("thresholdPercent") { json.number(diff.options.thresholdPercent) }
            json.member("metricThresholds") { json.numberObject(diff.options.metricThresholds) }
            json.member("alpha") { json.number(diff.options.alpha) }
            json.member("rows") {
                json.array(diff.changes) { row in
                    json.object {
                        json.member("kind") { json.string(row.pair.base.kind.rawValue) }
                        json.member("test") { json.string(row.pair.head.test) }
                        json.member("baseTest") { json.string(row.pair.base.test) }
                        json.member("model") { json.string(row.pair.base.model) }
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
                    }
                }
            }
            json.member("added") { json.array(diff.pairing.added, describe) }
            json.member("removed") { json.array(diff.pairing.removed, describe) }
            json.member("incomparable") {
                json.array(diff.pairing.pairs.filter { !$0.incomparableReasons.isEmpty }) { pair in
                    json.object {
                        json.member("test") { json.string(pair.head.test) }
                        json.member("model") { json.string(pair.base.model) }
                        json.member("reasons") { json.array(pair.incomparableReasons) { json.string($0) } }
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
                        ("unchanged", .unchanged), ("incomparable", .incomparable),
                    ] {
                        json.member(key) { json.number(Double(diff.count(verdict))) }
                    }
                    json.member("added") { json.number(Double(diff.pairing.added.count)) }
                    json.member("removed") { json.number(Double(diff.pairing.removed.count)) }
                }
            }
        }
        return json.output + "\n"
    }
}
