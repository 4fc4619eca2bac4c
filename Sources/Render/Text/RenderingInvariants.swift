/// What must hold of every rendered output, whatever text and numbers the results carry: the
/// one statement of it, used by the rendering fuzzer (`Fuzz/`) and by the replay of its corpus in
/// `swift test`. Each function returns the violations, empty when all is well.
public enum RenderingInvariants {
    /// The raw HTML the comment itself writes; any other `<` must be escaped.
    public static let commentTags = [
        "<!-- benchreport -->", "<details>", "</details>", "<summary>", "</summary>", "<b>", "</b>",
    ]

    /// Every element the page, its templates, its charts and cmark-gfm's tables produce.
    public static let pageElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav", "section", "div", "span",
        "h1", "h2", "h3", "h4", "p", "a", "ol", "ul", "li", "strong",
        "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "figure", "figcaption",
        "svg", "g", "path", "line", "polyline", "rect", "circle", "text", "tspan", "desc",
    ]

    /// Escaped text has no line break and no unescaped Markdown syntax character; HTML-escaped
    /// text has no character that could open or close markup.
    public static func escaping(_ text: String) -> [String] {
        var violations: [String] = []
        let markdown = Escape.markdown(text)
        if markdown.contains(where: \.isNewline) { violations.append("a line break in escaped Markdown") }
        // Four blanks after a list marker start a code block.
        if markdown.contains("  ") || markdown.contains("\t") { violations.append("a run of blanks in Markdown") }
        var escaped = false
        for character in markdown {
            if !escaped && "`*_[]<>|~&#".contains(character) {
                violations.append("unescaped \(character) in Markdown")
            }
            escaped = !escaped && character == "\\"
        }
        if Escape.html(text).contains(where: { "<>\"'".contains($0) || $0.isNewline }) {
            violations.append("markup characters in escaped HTML")
        }
        var table = MarkdownTable(columns: [.init("a", .left), .init("b")])
        table.rows = [[text, text], [text]]
        for line in table.render().split(separator: "\n") where unescapedPipes(line) != 3 {
            violations.append("a table row with \(unescapedPipes(line) - 1) cells: \(line)")
        }
        return violations
    }

    /// The PR comment: the marker first, within GitHub's limits, every table row as wide as its
    /// header, and no `<` but the comment's own tags.
    public static func comment(_ markdown: String) -> [String] {
        var violations: [String] = []
        if !markdown.hasPrefix(ReportMarkdown.marker + "\n") { violations.append("the comment lost its marker") }
        if !CommentBudget.gitHubComment.fits(markdown) {
            violations.append("a comment of \(markdown.utf16.count) UTF-16 units, \(markdown.utf8.count) bytes")
        }
        var headerCells: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                headerCells = nil
                continue
            }
            let cells = unescapedPipes(line)
            if let headerCells, cells != headerCells {
                violations.append("a table row with \(cells - 1) cells under \(headerCells - 1) headers: \(line)")
            }
            headerCells = headerCells ?? cells
        }
        let characters = Array(markdown.unicodeScalars)
        var escaped = false
        for index in characters.indices {
            let character = characters[index]
            if character == "<" && !escaped {
                let rest = String(String.UnicodeScalarView(characters[index...].prefix(24)))
                if !commentTags.contains(where: { rest.hasPrefix($0) }) {
                    violations.append("raw markup in the comment: \(rest)")
                }
            }
            escaped = !escaped && character == "\\"
        }
        return violations
    }

    /// An HTML page: only the elements the renderer makes, no event handler attributes, links
    /// only within the page or to the web, one style sheet, no `<` that opens nothing.
    public static func page(_ html: String) -> [String] {
        var violations: [String] = []
        let characters = Array(html.unicodeScalars)
        func isNameCharacter(_ character: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(character) || ("A"..."Z").contains(character) || ("0"..."9").contains(character)
                || character == "-"
        }
        var styles = 0
        var index = 0
        while index < characters.count {
            guard characters[index] == "<" else {
                index += 1
                continue
            }
            var cursor = index + 1
            let isClosing = cursor < characters.count && characters[cursor] == "/"
            if isClosing { cursor += 1 }
            var name = ""
            while cursor < characters.count, isNameCharacter(characters[cursor]) {
                name.unicodeScalars.append(characters[cursor])
                cursor += 1
            }
            if name.isEmpty {
                if !(cursor < characters.count && characters[cursor] == "!") {
                    violations.append("a bare < in the page")
                }
                index = cursor
                continue
            }
            if !pageElements.contains(name.lowercased()) { violations.append("an element <\(name)> in the page") }
            if name.lowercased() == "style" && !isClosing { styles += 1 }
            // Attributes up to the closing `>`: names, and quoted values.
            var attribute = ""
            while cursor < characters.count, characters[cursor] != ">" {
                let character = characters[cursor]
                cursor += 1
                if isNameCharacter(character) {
                    attribute.unicodeScalars.append(character)
                    continue
                }
                let attributeName = attribute.lowercased()
                attribute = ""
                if attributeName.hasPrefix("on") {
                    violations.append("an event attribute \(attributeName) in <\(name)>")
                }
                guard character == "=", cursor < characters.count, characters[cursor] == "\"" else { continue }
                let valueStart = cursor + 1
                cursor = valueStart
                while cursor < characters.count, characters[cursor] != "\"" { cursor += 1 }
                let value = String(String.UnicodeScalarView(characters[valueStart..<min(cursor, characters.count)]))
                cursor += 1
                // Links stay in the page, or go to the web (cmark-gfm's autolinks); nothing loads.
                let schemes = ["http://", "https://", "mailto:"]
                if attributeName == "href" && value.contains(":") && !schemes.contains(where: { value.hasPrefix($0) }) {
                    violations.append("a link to \(value)")
                }
                if attributeName == "src" { violations.append("a src attribute in <\(name)>") }
            }
            index = cursor
        }
        if styles != 1 { violations.append("\(styles) style elements in the page") }
        return violations
    }

    /// Pipes that separate cells: not preceded by an unescaped backslash.
    public static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if !escaped && character == "|" { count += 1 }
            escaped = !escaped && character == "\\"
        }
        return count
    }
}
