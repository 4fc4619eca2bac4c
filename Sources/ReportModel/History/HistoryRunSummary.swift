/// A history run without its results: what names the run in a summary or on the site, and how
/// many results each model had. A history is read into summaries and trends, one run at a
/// time, so that reading a thousand runs holds a thousand of these, not a thousand runs.
public struct HistoryRunSummary: Sendable {
    /// The run file's name in the history folder, to read the whole run again when needed.
    public var file: String
    public var commit: String
    public var branch: String?
    /// Normalised UTC ISO-8601 (``HistoryRun/date``): text order is time order.
    public var date: String
    public var labels: [String: String]
    public var vllmVersion: String?
    public var repository: RepositoryURL?
    /// How many results each model had in the run.
    public var resultCounts: [String: Int]
    /// The run's own file name (``HistoryRun/fileName``): the last key of the history order.
    var canonicalName: String

    public init(_ run: HistoryRun, file: String) {
        self.file = file
        commit = run.commit
        branch = run.branch
        date = run.date
        labels = run.labels
        vllmVersion = run.vllmVersion
        repository = run.repository
        resultCounts = Dictionary(run.results.map { ($0.model, 1) }, uniquingKeysWith: +)
        canonicalName = run.fileName
    }

    /// The first 12 characters of the commit, as in file names and tables.
    public var shortCommit: String { HistoryRun.shortCommit(of: commit) }

    /// The order of runs in a history: date, then commit, then the run's own file name.
    static func historyOrder(_ lhs: HistoryRunSummary, _ rhs: HistoryRunSummary) -> Bool {
        (lhs.date, lhs.commit, lhs.canonicalName) < (rhs.date, rhs.commit, rhs.canonicalName)
    }
}
