/// A history read for its summary and site: every run's summary in history order, and the
/// trends of the followed metrics, folded in one run at a time. Memory grows by a summary and
/// a few numbers per run, never by a run's results, so a thousand runs read as cheaply as a
/// hundred; a whole run is read again from its file only when asked for (``run(_:)``).
public struct HistoryTimeline: Sendable {
    /// The folder as the user named it.
    public var path: String
    /// Every run, in history order (``HistoryRunSummary/historyOrder(_:_:)``).
    public private(set) var runs: [HistoryRunSummary]
    /// Run files that could not be read.
    public var problems: [Problem]
    private var accumulator: TrendAccumulator
    /// For each run, in history order, its index in the accumulator (the order it was read in).
    private var readIndexes: [Int]
    /// Runs given in memory rather than read from files, by file name.
    private var heldRuns: [String: HistoryRun] = [:]

    /// Reads every run file of `path` (``HistoryFolder/forEachRun(in:progress:_:)``),
    /// following `metrics` and, with `objectives`, each sweep's capacity.
    public static func read(
        _ path: String, metrics: [String] = HistoryTrends.headlineMetrics, objectives: [ServiceObjective] = [],
        progress: ((Int, Int) -> Void)? = nil
    ) throws(FolderError) -> HistoryTimeline {
        var accumulator = TrendAccumulator(metrics: metrics, objectives: objectives)
        var summaries: [HistoryRunSummary] = []
        let problems = try HistoryFolder.forEachRun(in: path, progress: progress) { run, file in
            accumulator.add(run, index: summaries.count)
            summaries.append(HistoryRunSummary(run, file: file))
        }
        return HistoryTimeline(path: path, summaries: summaries, accumulator: accumulator, problems: problems)
    }

    /// The timeline of runs held in memory (tests, and callers that made the runs).
    public init(
        path: String = "", runs: [HistoryRun], metrics: [String] = HistoryTrends.headlineMetrics,
        objectives: [ServiceObjective] = []
    ) {
        var accumulator = TrendAccumulator(metrics: metrics, objectives: objectives)
        var summaries: [HistoryRunSummary] = []
        for run in runs {
            accumulator.add(run, index: summaries.count)
            summaries.append(HistoryRunSummary(run, file: run.fileName))
        }
        self.init(path: path, summaries: summaries, accumulator: accumulator, problems: [])
        heldRuns = Dictionary(runs.map { ($0.fileName, $0) }, uniquingKeysWith: { _, last in last })
    }

    private init(
        path: String, summaries: [HistoryRunSummary], accumulator: TrendAccumulator, problems: [Problem]
    ) {
        self.path = path
        self.problems = problems
        self.accumulator = accumulator
        readIndexes = summaries.indices.sorted { HistoryRunSummary.historyOrder(summaries[$0], summaries[$1]) }
        runs = readIndexes.map { summaries[$0] }
    }

    /// The branches of the runs, most runs first (then by name); runs without a branch are left out.
    public var branches: [String] {
        var counts: [String: Int] = [:]
        for case let branch? in runs.map(\.branch) { counts[branch, default: 0] += 1 }
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }

    /// The runs of `branch` (nil: the runs without a branch), in history order.
    public func runs(onBranch branch: String?) -> [HistoryRunSummary] {
        runs.filter { $0.branch == branch }
    }

    /// The trends over the runs of `branch` (nil: the runs without a branch); their run indexes
    /// point into ``runs(onBranch:)``.
    public func trends(onBranch branch: String?) -> [Trend] {
        var positions = [Int?](repeating: nil, count: runs.count)
        var position = 0
        for (order, run) in runs.enumerated() where run.branch == branch {
            positions[readIndexes[order]] = position
            position += 1
        }
        return accumulator.trends { positions[$0] }
    }

    /// The whole run of a summary, read again from its file.
    public func run(_ summary: HistoryRunSummary) throws(HistoryFolder.UnreadableRun) -> HistoryRun {
        if let held = heldRuns[summary.file] { return held }
        return try HistoryFolder.readRun(file: summary.file, in: path)
    }
}
