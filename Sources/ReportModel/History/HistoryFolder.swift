internal import Foundation

/// Every run of a history folder, in history order (date, commit), with the files that could
/// not be read as problems: a broken run file costs only itself.
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
    public var branches: [String] {
        var counts: [String: Int] = [:]
        for run in runs { if let branch = run.branch { counts[branch, default: 0] += 1 } }
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }

    /// The runs of one branch, in history order.
    public func runs(onBranch branch: String) -> [HistoryRun] {
        runs.filter { $0.branch == branch }
    }

    /// Reads every `*.json` file directly in `path` (hidden files, such as the temporary files
    /// of a write in progress, and other files are ignored).
    public static func read(_ path: String) throws(FolderError) -> HistoryFolder {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
        guard isFolder.boolValue else { throw .notAFolder(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path, reason: "\(error.localizedDescription)")
        }
        var runs: [HistoryRun] = []
        var problems: [Problem] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            do {
                let bytes = try FolderReader.readBytes(atPath: path + "/" + name)
                do {
                    runs.append(try HistoryRun(jsonBytes: bytes))
                } catch {
                    problems.append(Problem(file: name, message: error.description))
                }
            } catch {
                problems.append(Problem(file: name, message: error.message))
            }
        }
        return HistoryFolder(path: path, runs: runs, problems: problems)
    }
}
