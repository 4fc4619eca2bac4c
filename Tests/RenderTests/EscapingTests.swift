import Testing

@testable import Render

@Suite struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "a|b", "line\nbreak\r\nagain",
        "`code`", "**bold** _em_ ~~strike~~", "[link](javascript:alert(1))", "&lt;entity&gt;", "# heading",
        "back\\slash", "tab\there", "<!-- comment -->",
    ]

    @Test(arguments: hostile)
    func markdownEscapingLeavesNoSyntax(text: String) {
        let escaped = Escape.markdown(text)
        #expect(!escaped.contains("\n") && !escaped.contains("\r"))
        // Every syntax character is preceded by a backslash that is not itself escaped.
        var previousWasBackslash = false
        for character in escaped {
            if !previousWasBackslash {
                #expect(!"`*_[]<>|~&#".contains(character), "unescaped \(character) in \(escaped)")
            }
            previousWasBackslash = !previousWasBackslash && character == "\\"
        }
    }

    @Test func markdownEscapingExamples() {
        #expect(Escape.markdown("a|b") == #"a\|b"#)
        #expect(Escape.markdown("x\n\ny") == "x y")
        #expect(Escape.markdown("Qwen/Qwen2.5-7B-Instruct") == "Qwen/Qwen2.5-7B-Instruct")
        #expect(Escape.markdown("serving_x") == #"serving\_x"#)
        #expect(Escape.markdown("<b>") == #"\<b\>"#)
    }

    /// cmark-gfm as the oracle: the code span shows the text as it is, on one line.
    @Test(arguments: hostile + ["feature_x", "``", "`a", "a`", "a ``` b `", "release/v0.11"])
    func codeSpansShowTheTextAsItIs(text: String) {
        let html = GitHubMarkdown.html(from: "branch " + Escape.codeSpan(text) + " here\n")
        let shown = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        #expect(html == "<p>branch <code>\(Escape.html(shown))</code> here</p>\n", "\(text)")
    }

    @Test(arguments: hostile)
    func htmlEscapingLeavesNoMarkup(text: String) {
        let escaped = Escape.html(text)
        #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\""))
    }

    @Test func jsonStringsEscapeQuotesAndControls() {
        #expect(Escape.jsonString("a\"b\\c\nd\u{1}é") == #""a\"b\\c\nd\u0001é""#)
    }

    @Test func numbersHaveFixedDecimalsAndNoNegativeZero() {
        #expect(NumberText.fixed(94.12808157503605, decimals: 2) == "94.13")
        #expect(NumberText.fixed(-0.001, decimals: 2) == "0.00")
        #expect(NumberText.fixed(1199.0, decimals: 1) == "1,199.0")
        #expect(NumberText.fixed(-13638.24, decimals: 1) == "-13,638.2")
        #expect(NumberText.fixed(1_234_567, decimals: 0) == "1,234,567")
        #expect(NumberText.fixed(999.5, decimals: 0) == "1,000")
        #expect(NumberText.fixed(.nan, decimals: 2) == "NaN")
        #expect(NumberText.fixed(.infinity, decimals: 2) == "inf")
    }

    @Test func unitsScaleToTheData() {
        #expect(DisplayUnit.fitting([22.4, 9_999], unit: .milliseconds).text(9_999) == "9,999.00")
        let seconds = DisplayUnit.fitting([22.4, 12_345], unit: .milliseconds)
        #expect(seconds.name == "s" && seconds.text(12_345) == "12.35" && seconds.text(22.4) == "0.02")
        #expect(DisplayUnit.fitting([13_638.2], unit: .tokensPerSecond).text(13_638.2) == "13,638.2")
    }
}

@Suite struct MarkdownTableTests {
    @Test func hostileCellsKeepTheTableIntact() {
        var table = MarkdownTable(columns: [.init("Model", .left), .init("Value")])
        for text in EscapingTests.hostile { table.rows.append([text, "1.00"]) }
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2 + EscapingTests.hostile.count)
        for line in lines {
            #expect(RenderingInvariants.unescapedPipes(line) == 3, "\(line)")
        }
    }

    @Test func alignmentRow() {
        let table = MarkdownTable(columns: [.init("A", .left), .init("B")], rows: [["x"]])
        #expect(table.render() == "| A | B |\n|:---|---:|\n| x |  |\n")
    }

}
