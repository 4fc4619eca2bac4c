/// One benchmark run kept in a history: who and what was measured (commit, branch, date,
/// labels, versions) and its results without per-request samples.
///
/// One run is one small file of a history folder (docs/history.md), so two CI jobs adding
/// runs never write the same file.
public struct HistoryRun: Sendable {
    /// The file format's name and version, written first in every run file.
    public static let schemaName = "benchreport-history"
    public static let schemaVersion = 1

    /// The full commit id the results were measured at.
    public var commit: String
    /// The branch, when known (`main`).
    public var branch: String?
    /// When the run's commit was made (or the run measured), as normalised UTC ISO-8601
    /// (`2026-11-28T01:10:56Z`): text order is time order.
    public var date: String
    /// `KEY=VALUE` labels that tell runs of one commit apart (`gpu=H100`, `job=nightly`).
    public var labels: [String: String]
    /// The benchreport version that wrote the run.
    public var benchreportVersion: String?
    /// The vLLM version measured, when the results folder says.
    public var vllmVersion: String?
    /// The repository of ``commit``, when known, for links to commits and commit ranges.
    public var repository: RepositoryURL?
    /// The normalised results, without samples or per-request values (``sampleCounts`` stay).
    public var results: [BenchmarkResult]

    public init(
        commit: String, branch: String?, date: String, labels: [String: String] = [:],
        benchreportVersion: String? = nil, vllmVersion: String? = nil, repository: RepositoryURL? = nil,
        results: [BenchmarkResult]
    ) {
        self.commit = commit
        self.branch = branch
        self.date = date
        self.labels = labels
        self.benchreportVersion = benchreportVersion
        self.vllmVersion = vllmVersion
        self.repository = repository
        // Samples are what makes a result file large; a history keeps their counts only.
        self.results = results.map { result in
            var kept = result
            kept.samples = [:]
            kept.requests = nil
            return kept
        }.sorted(by: BenchmarkResult.reportOrder)
    }

    /// The first 12 characters of the commit, as in file names and tables.
    public var shortCommit: String { Self.shortCommit(of: commit) }

    static func shortCommit(of commit: String) -> String { String(commit.prefix(12)) }

    /// The run's file name: `<date>_<short commit>_<labels hash>.json`, for example
    /// `20261128T011056Z_0123456789ab_5d9a1c3e.json`. It depends only on the date, commit and
    /// labels, so adding the same run again replaces its file, and names sort by time.
    public var fileName: String {
        let compactDate = date.filter { $0 != "-" && $0 != ":" }
        let safeCommit = String(shortCommit.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return "\(compactDate)_\(safeCommit)_\(labelsHash).json"
    }

    /// Eight hex digits of FNV-1a over the sorted labels (and the branch, so the same commit
    /// run on two branches keeps two files).
    var labelsHash: String {
        var text = "branch=\(branch ?? "")\n"
        for key in labels.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            text += "\(key)=\(labels[key]!)\n"
        }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
