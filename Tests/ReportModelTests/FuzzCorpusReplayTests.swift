import Foundation
import Testing

@testable import ReportModel

/// The inputs the reader fuzzer (`Fuzz/`, see CONTRIBUTING.md) found interesting, replayed on
/// every `swift test`: through the fuzzer's own path (``FuzzEntry``), with its invariants, and
/// through a real results folder, which must say the same.
// A guard against hangs (a FIFO read, a runaway loop), not a speed test: the whole run shares two
// cores with the simulations, so these tests can wait most of a minute before they start.
@Suite(.timeLimit(.minutes(10)))
struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus/reader")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func corpusIsThereAndSmall() throws {
        #expect(Self.files.count >= 20, "Tests/FuzzCorpus/reader has \(Self.files.count) files")
        for file in Self.files {
            let size =
                try FileManager.default.attributesOfItem(atPath: Self.corpus.appendingPathComponent(file).path)[
                    .size] as? Int
            #expect((size ?? .max) < 64 << 10, "\(file) is \(size ?? -1) bytes")
        }
    }

    @Test(arguments: files)
    func replay(file: String) throws {
        let input = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(file)))
        let outcomes = FuzzEntry.read(fuzzInput: input)
        for (fileName, outcome) in outcomes {
            #expect(FuzzEntry.violations(of: outcome, fileName: fileName).isEmpty, "\(fileName)")
        }

        // The same bytes in a real folder, one folder per name so no model passes between them.
        let (bytes, commands) = FuzzEntry.split(input)
        for (fileName, outcome) in outcomes {
            let folder = try TemporaryFolder()
            try folder.write(fileName, Data(bytes))
            if let commands { try folder.write(TestName(fileName: fileName).stem + ".commands", Data(commands)) }
            let read = try FolderReader.read(folder.path)
            #expect(read.problems == outcome.problems.sorted(), "\(fileName)")
            #expect(read.results.count == outcome.results.count, "\(fileName)")
            let fromFolder = read.results.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
            let fromEntry = outcome.results.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
            for (lhs, rhs) in zip(fromFolder, fromEntry) {
                #expect(lhs.kind == rhs.kind && lhs.line == rhs.line && lhs.requestRate == rhs.requestRate)
                #expect(lhs.metrics.mapValues(\.bitPattern) == rhs.metrics.mapValues(\.bitPattern), "\(fileName)")
                #expect(
                    lhs.samples.mapValues { $0.map(\.bitPattern) } == rhs.samples.mapValues { $0.map(\.bitPattern) })
                // A JSON Lines record without a model may take its neighbour's in a folder.
                #expect(lhs.model == rhs.model || lhs.modelSource == .sibling, "\(fileName)")
            }
        }
    }
}
