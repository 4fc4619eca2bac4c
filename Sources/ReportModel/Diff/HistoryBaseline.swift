/// The base side of a diff taken from a history: the last runs of one branch, whose results
/// become replicates of each configuration, so each head result is judged by whether it lies
/// outside their run-to-run spread (a prediction interval, ``MetricEvidenceTest``).
public struct HistoryBaseline: Sendable {
    /// The history folder as the user named it.
    public var path: String
    /// The branch whose runs are the baseline.
    public var branch: String
    /// The runs used, in history order (oldest first).
    public var runs: [HistoryRun]
    /// How many runs were asked for.
    public var requestedRuns: Int

    /// The last `count` of `runs`, a branch's runs in history order; nil without runs.
    public init?(path: String, branch: String, runs: [HistoryRun], count: Int) {
        guard !runs.isEmpty, count > 0 else { return nil }
        self.path = path
        self.branch = branch
        self.runs = Array(runs.suffix(count))
        self.requestedRuns = count
    }

    /// Every result of every run, as one base folder: runs of one configuration are replicates.
    /// Each result's file is named within its run file (`<run file>/<result file>`), so a
    /// replicate can be told from the others.
    public var folder: ResultFolder {
        let results = runs.flatMap { run in
            run.results.map { result in
                var result = result
                result.file = run.fileName + "/" + result.file
                return result
            }
        }
        var folder = ResultFolder(path: path, results: results)
        folder.vllmVersion = runs.last?.vllmVersion
        return folder
    }

    /// The calendar day of the first and last run: `2026-11-20 – 2026-11-29`, or one day.
    public var dateRange: String {
        let first = String(runs.first!.date.prefix(10))
        let last = String(runs.last!.date.prefix(10))
        return first == last ? first : "\(first) – \(last)"
    }

    /// The short commits of the first and last run: `4facb802f2e3 … 661d9d85d451`, or one.
    public var commitRange: String {
        let (first, last) = (runs.first!.shortCommit, runs.last!.shortCommit)
        return first == last ? first : "\(first) … \(last)"
    }
}
