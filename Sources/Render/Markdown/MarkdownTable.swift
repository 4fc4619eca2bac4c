/// A GFM pipe table. Cells are escaped here, so callers pass plain text, and a cell may link
/// to an `http(s)` address (``append(_:links:)``).
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
    /// Row index → column index → the address that cell links to.
    var links: [Int: [Int: String]] = [:]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Appends `row`, the cells of the columns in `links` linking to their addresses.
    public mutating func append(_ row: [String], links: [Int: String]) {
        if !links.isEmpty { self.links[rows.count] = links }
        rows.append(row)
    }

    /// The table as Markdown, ending with a newline. Rows shorter than the header are padded.
    public func render() -> String {
        var lines: [String] = []
        lines.append(line(columns.map(\.header)))
        lines.append(
            "|" + columns.map { $0.alignment == .right ? "---:" : ":---" }.joined(separator: "|") + "|")
        for (index, row) in rows.enumerated() {
            let padded = row + Array(repeating: "", count: max(0, columns.count - row.count))
            lines.append(line(Array(padded.prefix(columns.count)), links: links[index] ?? [:]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func line(_ cells: [String], links: [Int: String] = [:]) -> String {
        let texts = cells.enumerated().map { column, cell in
            let text = Escape.markdown(cell)
            guard !text.isEmpty, let address = links[column].flatMap(Escape.linkDestination) else { return text }
            return "[\(text)](\(address))"
        }
        return "| " + texts.joined(separator: " | ") + " |"
    }
}
