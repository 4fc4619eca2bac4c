internal import Foundation

/// The run files of a history folder, read one at a time: a broken run file costs only itself.
/// ``HistoryTimeline`` folds them into what the summary and the site show.
public enum HistoryFolder {
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
}
