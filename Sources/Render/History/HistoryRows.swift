import ReportModel

/// A history as one table for a database: JSON Lines, one row per run × result × metric
/// (docs/history.md), ready for ClickHouse's `FORMAT JSONEachRow`.
///
/// Every row has every column, in a fixed order; a missing value is `null`. `requestRate` is
/// text (`"4"`, `"0.5"`, `"inf"`) so that `inf` survives JSON, and `requestRateValue` is the
/// number (null for `inf`).
public enum HistoryRows {
    /// The rows of every run, in history order, results in report order, metrics by key.
    /// Non-finite values (written as null by the run files) are left out.
    public static func render(_ runs: [HistoryRun]) -> String {
        runs.map(render).joined()
    }

    /// The rows of one run: a history is exported one run at a time.
    public static func render(_ run: HistoryRun) -> String {
        var output = ""
        do {
            let labels = object(run.labels)
            for result in run.results {
                let prefix =
                    "{\"commit\":\(Escape.jsonString(run.commit)),\"branch\":\(optional(run.branch)),"
                    + "\"date\":\(Escape.jsonString(run.date)),\"labels\":\(labels),"
                    + "\"vllmVersion\":\(optional(run.vllmVersion)),"
                    + "\"model\":\(Escape.jsonString(result.model)),\"series\":\(Escape.jsonString(result.series)),"
                    + "\"test\":\(Escape.jsonString(result.test)),\"kind\":\(Escape.jsonString(result.kind.rawValue)),"
                    + "\"requestRate\":\(optional(result.requestRate?.description)),"
                    + "\"requestRateValue\":\(rateValue(result.requestRate)),"
                    + "\"maxConcurrency\":\(optional(result.maxConcurrency.map { Double($0) })),"
                    + "\"tensorParallelSize\":\(optional(result.tensorParallelSize.map { Double($0) })),"
                    + "\"hardware\":\(optional(result.hardware)),"
                for key in result.metrics.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    let value = result.metrics[key]!
                    guard value.isFinite else { continue }
                    let info = MetricCatalog.info(for: key)
                    output += prefix + "\"metric\":\(Escape.jsonString(key)),\"value\":\(formatShortest(value)),"
                    output += "\"unit\":\(Escape.jsonString(info?.unit.rawValue ?? "")),"
                    output += "\"better\":\(optional(info?.direction?.rawValue))}\n"
                }
            }
        }
        return output
    }

    private static func optional(_ text: String?) -> String {
        text.map(Escape.jsonString) ?? "null"
    }

    private static func optional(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return formatShortest(value)
    }

    private static func rateValue(_ rate: RequestRate?) -> String {
        if case .perSecond(let value) = rate { return formatShortest(value) }
        return "null"
    }

    private static func object(_ values: [String: String]) -> String {
        let keys = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return "{" + keys.map { "\(Escape.jsonString($0)):\(Escape.jsonString(values[$0]!))" }.joined(separator: ",")
            + "}"
    }
}
