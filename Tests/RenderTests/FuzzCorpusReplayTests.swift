import Foundation
import ReportModel
import Testing

@testable import Render

/// The inputs the rendering fuzzer (`Fuzz/`, see CONTRIBUTING.md) found interesting, replayed
/// on every `swift test` through the same path and invariants: text and numbers from the input
/// as model ids, test names, metadata, problems and metrics, rendered as the PR comment, the HTML
/// page and JSON.
// A guard against hangs (a FIFO read, a runaway loop), not a speed test: the whole run shares two
// cores with the simulations, so these tests can wait most of a minute before they start.
@Suite(.timeLimit(.minutes(10)))
struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus/escaping")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func corpusIsThereAndSmall() throws {
        #expect(Self.files.count >= 20, "Tests/FuzzCorpus/escaping has \(Self.files.count) files")
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
        let (report, texts) = FuzzEntry.report(fromRenderingInput: input)
        for text in texts {
            #expect(RenderingInvariants.escaping(text).isEmpty, "\(RenderingInvariants.escaping(text))")
        }
        let comment = ReportMarkdown(report: report).render()
        #expect(RenderingInvariants.comment(comment).isEmpty, "\(RenderingInvariants.comment(comment))")
        let page = HTMLReport(report: report, generator: "fuzz").render()
        #expect(RenderingInvariants.page(page).isEmpty, "\(RenderingInvariants.page(page))")
        let json = ReportJSON.render(report.folder)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the JSON output does not parse")
    }

    /// The invariants catch what they are meant to.
    @Test func invariantsSeeBrokenOutput() {
        #expect(!RenderingInvariants.comment("<!-- benchreport -->\n| a | b |\n|---|---|\n| x | y | z |\n").isEmpty)
        #expect(!RenderingInvariants.comment("<!-- benchreport -->\n<script>\n").isEmpty)
        #expect(RenderingInvariants.comment("<!-- benchreport -->\n\\<script\\>\n").isEmpty)
        #expect(!RenderingInvariants.page("<style></style><img src=x>").isEmpty)
        #expect(!RenderingInvariants.page("<style></style><p onclick=\"x\">").isEmpty)
        #expect(!RenderingInvariants.page("<style></style><a href=\"javascript:x\">").isEmpty)
        #expect(RenderingInvariants.page("<style></style><a href=\"#x\">&lt;img&gt;</a>").isEmpty)
    }
}
