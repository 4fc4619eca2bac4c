import Foundation
import Testing

/// Golden files in `Snapshots/` beside this file. A missing golden file is written and the test
/// fails; `RECORD_SNAPSHOTS=1 swift test` rewrites them all (review the diff).
enum RenderSnapshot {
    static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let url = folder.appendingPathComponent(name)
        let record = !(ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] ?? "").isEmpty
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded \(name); review it and run the tests again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not write \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard text != expected else { return }
        // The first differing line says more than two whole documents side by side.
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(actualLines.count, expectedLines.count)
        let line = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
        let actualLine = line < actualLines.count ? String(actualLines[line]) : "(end of text)"
        let expectedLine = line < expectedLines.count ? String(expectedLines[line]) : "(end of file)"
        Issue.record(
            "\(name) differs from its golden file at line \(line + 1):\n  got:      \(actualLine)\n  expected: \(expectedLine)",
            sourceLocation: sourceLocation)
    }
}
