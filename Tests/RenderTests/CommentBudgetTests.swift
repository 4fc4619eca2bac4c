import ReportModel
import Testing

@testable import Render

@Suite struct CommentBudgetTests {
    @Test func fittingDocumentIsUnchanged() {
        let blocks = [MarkdownBlock("a\n"), MarkdownBlock("b\n", importance: 1, label: "b")]
        #expect(CommentBudget(characters: 100, bytes: 100).fit(blocks, noticePosition: 1) { _ in "N\n" } == "a\nb\n")
    }

    @Test func leastImportantAndLaterBlocksGoFirstAndTheNoticeNamesThem() {
        let blocks = [
            MarkdownBlock("head\n"),
            MarkdownBlock(String(repeating: "x", count: 40) + "\n", importance: 2, label: "x"),
            MarkdownBlock(String(repeating: "y", count: 40) + "\n", importance: 1, label: "y"),
            MarkdownBlock(String(repeating: "z", count: 40) + "\n", importance: 2, label: "z"),
        ]
        let output = CommentBudget(characters: 80, bytes: 1000).fit(blocks, noticePosition: 1) {
            "[dropped: \($0.joined(separator: ","))]\n"
        }
        #expect(output == "head\n[dropped: y,z]\n" + String(repeating: "x", count: 40) + "\n")
    }

    @Test func aGroupsFrameGoesWithItsLastBlock() {
        let blocks = [
            MarkdownBlock("<details>\n", group: 0),
            MarkdownBlock(String(repeating: "t", count: 50), importance: 1, label: "t", group: 0),
            MarkdownBlock("</details>\n", group: 0),
            MarkdownBlock("tail\n"),
        ]
        let output = CommentBudget(characters: 40, bytes: 1000).fit(blocks, noticePosition: 0) {
            "(\($0.count) left out)\n"
        }
        #expect(output == "(1 left out)\ntail\n")
    }

    @Test func bytesCountToo() {
        let blocks = [MarkdownBlock("é\n"), MarkdownBlock("éééé\n", importance: 1, label: "e")]
        // 7 characters fit in 10, but 11 bytes do not.
        let output = CommentBudget(characters: 10, bytes: 10).fit(blocks, noticePosition: 2) { _ in "" }
        #expect(output == "é\n")
    }
}
