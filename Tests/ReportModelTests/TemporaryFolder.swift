import Foundation

/// A folder of files made for one test, removed when the test ends.
final class TemporaryFolder {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        let template = NSTemporaryDirectory() + "benchreport-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: created)
        for (name, content) in files { try write(name, content) }
    }

    func write(_ name: String, _ content: String) throws {
        try write(name, Data(content.utf8))
    }

    func write(_ name: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The corpus of real result files beside the project (`../shared/corpus/real`), if present.
enum SharedCorpus {
    static var path: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/real").path
        return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
    }
}
