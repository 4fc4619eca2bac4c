internal import Foundation

/// Every run of a history folder, in history order (date, commit), with the files that could
/// not be read as problems: a broken run file costs only itself. It holds every run whole; the
/// summary and the site read a history through ``HistoryTimeline`` instead, one run at a time.
public struct HistoryFolder: Sendable {
    /// The folder as the user named it.
    public var path: String
    /// In ``HistoryRun/historyOrder(_:_:)``.
    public var runs: [HistoryRun]
    /// Run files that could not be read, by file name, naming the key.
    public var problems: [Problem]

    public init(path: String, runs: [HistoryRun], problems: [Problem] = []) {
        self.path = path
        self.runs = runs.sorted(by: HistoryRun.historyOrder)
        self.problems = problems.sorted()
    }

    /// The branches of the runs, most runs first (then by name); runs without a branch are left out.
    public var branches: [String] { Self.branches(runs.map(\.branch)) }

    /// The runs of one branch, in history order.
    public func runs(onBranch branch: String) -> [HistoryRun] {
        runs.filter { $0.branch == branch }
    }

    /// Reads every run of the folder (``forEachRun(in:progress:_:)``).
    public static func read(_ path: String) throws(FolderError) -> HistoryFolder {
        var runs: [HistoryRun] = []
        let problems = try forEachRun(in: path) { run, _ in runs.append(run) }
        return HistoryFolder(path: path, runs: runs, problems: problems)
    }

    /// Reads the `*.json` files directly in `path` in name order, handing each run and its file
    /// name to `visit` before reading the next, and returns the files that could not be read.
    /// Hidden files (such as the temporary files of a write in progress) and other files are
    /// ignored. `progress` is told how many files are done of how many.
    public static func forEachRun(
        in path: String, progress: ((Int, Int) -> Void)? = nil, _ visit: (HistoryRun, String) -> Void
    ) throws(FolderError) -> [Problem] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
        guard isFolder.boolValue else { throw .notAFolder(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw .unreadable(path, reason: "\(error.localizedDescription)")
        }
        var problems: [Problem] = []
        for (done, name) in names.enumerated() {
            do {
                visit(try readRun(file: name, in: path), name)
            } catch {
                problems.append(error.problem)
            }
            progress?(done + 1, names.count)
        }
        return problems.sorted()
    }

    /// A run file that could not be read or parsed, as the problem that names it.
    public struct UnreadableRun: Error {
        public var problem: Problem
    }

    /// One run file of the folder.
    public static func readRun(file name: String, in path: String) throws(UnreadableRun) -> HistoryRun {
        let bytes: [UInt8]
        do {
            bytes = try FolderReader.readBytes(atPath: path + "/" + name)
        } catch {
            throw UnreadableRun(problem: Problem(file: name, message: error.message))
        }
        do {
            return try HistoryRun(jsonBytes: bytes)
        } catch {
            throw UnreadableRun(problem: Problem(file: name, message: error.description))
        }
    }

    /// Branch names, most frequent first (then by name), without nil.
    static func branches(_ branches: [String?]) -> [String] {
        var counts: [String: Int] = [:]
        for case let branch? in branches { counts[branch, default: 0] += 1 }
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }
}
