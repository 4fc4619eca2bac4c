/// A GFM pipe table. Cells are escaped here, so callers pass plain text.
public struct MarkdownTable: Sendable {
    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable {
        public var header: String
        public var alignment: Alignment

        public init(_ header: String, _ alignment: Alignment = .right) {
            self.header = header
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as Markdown, ending with a newline. Rows shorter than the header are padded.
    public func render() -> String {
        var lines: [String] = []
        lines.append(line(columns.map(\.header)))
        lines.append(
            "|" + columns.map { $0.alignment == .right ? "---:" : ":---" }.joined(separator: "|") + "|")
        for row in rows {
            let padded = row + Array(repeating: "", count: max(0, columns.count - row.count))
            lines.append(line(Array(padded.prefix(columns.count))))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func line(_ cells: [String]) -> String {
        "| " + cells.map(Escape.markdown).joined(separator: " | ") + " |"
    }
}
