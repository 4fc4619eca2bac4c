import ReportModel

/// A history run as its file (docs/history.md): schema and version first, the run's facts,
/// then its results as `benchreport json` writes them, without samples.
///
/// The same run always gives the same bytes (keys in a fixed order, numbers in their shortest
/// exact form), so adding a run twice leaves its file unchanged.
public enum HistoryRunJSON {
    public static func render(_ run: HistoryRun) -> String {
        let json = JSONWriter()
        json.object {
            json.member("schema") { json.string(HistoryRun.schemaName) }
            json.member("version") { json.number(Double(HistoryRun.schemaVersion)) }
            json.member("commit") { json.string(run.commit) }
            json.member("branch") { json.optionalString(run.branch) }
            json.member("date") { json.string(run.date) }
            json.member("labels") { json.stringObject(run.labels) }
            json.member("benchreportVersion") { json.optionalString(run.benchreportVersion) }
            json.member("vllmVersion") { json.optionalString(run.vllmVersion) }
            json.member("repository") { json.optionalString(run.repository?.description) }
            json.member("results") {
                json.array(run.results) { result in result.write(to: json) }
            }
        }
        return json.output + "\n"
    }
}
