/// One legend entry: a swatch drawn like the series, and its name.
struct LegendEntry: Sendable {
    var name: String
    var style: SeriesStyle
    var drawsLine = true
    /// Begins a row, as the first of a group of entries (a key to line styles) does.
    var startsRow = false
}

/// The legend above the plot, in rows that wrap, so it never covers data.
///
/// Names are not cut: the part that tells two series apart may be anywhere in them (`base
/// gpu=H100 …` and `base gpu=A100 …`). A name too long for its place gets more columns, a
/// whole row, or more lines, and the chart grows taller for it (``grown(_:)``).
struct Legend: Sendable {
    private struct Placed: Sendable {
        var entry: LegendEntry
        var lines: [String]
        var x: Double
        /// The middle of the first line.
        var y: Double
    }

    static let rowHeight = 18.0
    static let swatchWidth = 26.0
    static let swatchGap = 6.0
    static let entryGap = 18.0
    /// The narrowest column when entries stand in columns.
    static let columnWidth = 200.0
    /// The most lines a name takes; a longer one is cut in the middle (its `<title>` has it whole).
    static let maximumLines = 3
    /// Above and below a row of names on several lines.
    static let wrappedRowPadding = 3.0
    /// The rows a chart leaves room for without growing.
    static let rowsWithinChart = 2

    private var placed: [Placed] = []
    /// The height the rows take; 0 without entries.
    private(set) var height = 0.0

    /// Entries flow left to right and wrap. When that takes more than two rows they stand in
    /// columns instead, easier to scan: a name wider than its column takes the next ones too,
    /// and one wider than a row has a row of its own, wrapped at spaces.
    init(entries: [LegendEntry], size: ChartSize) {
        let (left, top) = (ChartMetrics.padding, ChartMetrics.padding)
        let width = Double(size.width) - 2 * ChartMetrics.padding
        let fontSize = ChartMetrics.fontSize
        let lineWidth = width - Self.swatchWidth - Self.swatchGap
        let lines = entries.map { entry -> [String] in
            let wrapped = TextMetrics.wrapped(entry.name, toWidth: lineWidth, fontSize: fontSize)
            guard wrapped.count > Self.maximumLines else { return wrapped.count == 1 ? [entry.name] : wrapped }
            let rest = wrapped[(Self.maximumLines - 1)...].joined(separator: " ")
            return Array(wrapped.prefix(Self.maximumLines - 1))
                + [TextMetrics.truncated(rest, toWidth: lineWidth, fontSize: fontSize)]
        }
        let widths = lines.map { lines in
            Self.swatchWidth + Self.swatchGap + lines.map { TextMetrics.width(of: $0, fontSize: fontSize) }.max()!
        }
        let startsRow = entries.map(\.startsRow)
        var layout = Self.layout(widths, startsRow: startsRow, width: width, column: nil)
        if lines.contains(where: { $0.count > 1 }) || (layout.last?.row ?? 0) >= Self.rowsWithinChart {
            let columns = max(1, Int(width / Self.columnWidth))
            layout = Self.layout(widths, startsRow: startsRow, width: width, column: width / Double(columns))
        }
        // A row as high as its entry with the most lines; a row of wrapped names a little
        // apart from its neighbours, so that each name reads as one.
        var rowHeights = [Double](repeating: 0, count: (layout.last?.row ?? -1) + 1)
        for (place, lines) in zip(layout, lines) {
            let height = Double(lines.count) * Self.rowHeight + (lines.count > 1 ? 2 * Self.wrappedRowPadding : 0)
            rowHeights[place.row] = max(rowHeights[place.row], height)
        }
        placed = zip(entries, zip(lines, layout)).map { entry, shown in
            let (lines, place) = shown
            let rowTop = top + rowHeights[..<place.row].reduce(0, +)
            let padding = rowHeights[place.row] > Self.rowHeight ? Self.wrappedRowPadding : 0
            return Placed(entry: entry, lines: lines, x: left + place.x, y: rowTop + padding + Self.rowHeight / 2)
        }
        height = rowHeights.reduce(0, +)
    }

    /// For series that a colour tells apart on one count (a diff's variants) and a line style
    /// on the others (base or head, median or p99): an entry per colour and one per line style
    /// in the text colour, rather than an entry per series that repeats each colour's long name.
    static func key(colours: [(name: String, colour: Int)], lines: [(name: String, style: SeriesStyle)])
        -> [LegendEntry]
    {
        var seen = Set<String>()
        let byColour = colours.filter { seen.insert($0.name).inserted }.map {
            LegendEntry(name: $0.name, style: SeriesStyle(colour: $0.colour))
        }
        let byLine = lines.filter { seen.insert($0.name).inserted }.enumerated().map { index, line in
            var style = line.style
            style.colour = SeriesStyle.textColour
            return LegendEntry(name: line.name, style: style, startsRow: index == 0)
        }
        return byColour + byLine
    }

    /// Whether an entry has this name: a series without one is named in a tooltip of its own.
    func shows(_ name: String) -> Bool {
        placed.contains { $0.entry.name == name }
    }

    /// Each entry's row and x offset, left to right, `widths` apart and a gap; with `column`,
    /// each takes whole columns. An entry that would pass `width`, or that starts a row, does.
    private static func layout(
        _ widths: [Double], startsRow: [Bool], width: Double, column: Double?
    ) -> [(row: Int, x: Double)] {
        var x = 0.0
        var row = 0
        return zip(widths, startsRow).map { entryWidth, startsRow in
            if x > 0, startsRow || x + entryWidth > width {
                row += 1
                x = 0
            }
            defer {
                let taken = entryWidth + entryGap
                x += column.map { (taken / $0).rounded(.up) * $0 } ?? taken
            }
            return (row, x)
        }
    }

    /// The chart's size with room for rows beyond ``rowsWithinChart``: the plot keeps its height
    /// however long the names.
    func grown(_ size: ChartSize) -> ChartSize {
        let extra = max(0, height - Double(Self.rowsWithinChart) * Self.rowHeight)
        return ChartSize(width: size.width, height: size.height + Int(extra.rounded(.up)))
    }

    func draw(into writer: inout SVGWriter) {
        guard !placed.isEmpty else { return }
        writer.open("g", ["class": "legend"])
        for item in placed {
            let style = item.entry.style
            writer.open("g", seriesAttributes(style, extraClass: "legend-entry"))
            if item.lines.joined(separator: " ") != item.entry.name { writer.element("title", text: item.entry.name) }
            if item.entry.drawsLine {
                var line = PathData()
                line.move(item.x, item.y)
                line.horizontal(item.x + Self.swatchWidth)
                writer.element("path", lineAttributes(line, style: style))
            }
            let markerX = item.x + Self.swatchWidth / 2
            writer.element(
                "path",
                style.underlay
                    ? markerAttributes(style, x: markerX, y: item.y)
                    : ["d": style.marker.path(x: markerX, y: item.y), "stroke": "none"])
            for (index, line) in item.lines.enumerated() {
                writer.element(
                    "text",
                    [
                        "x": svgNumber(item.x + Self.swatchWidth + Self.swatchGap),
                        "y": svgNumber(item.y + Double(index) * Self.rowHeight), "dy": "0.32em",
                        "fill": "currentColor", "stroke": "none",
                    ], text: line)
            }
            writer.close("g")
        }
        writer.close("g")
    }
}

/// The attributes of a series' group: the colour as a custom property for the page (dark mode),
/// and the same colour plainly for renderers that do not know custom properties. A class names it.
func seriesAttributes(_ style: SeriesStyle, extraClass: String? = nil) -> KeyValuePairs<String, String> {
    let className = extraClass.map { "\(style.className) \($0)" } ?? style.className
    return [
        "class": className, "fill": style.fallbackColour, "stroke": style.fallbackColour,
        "style": "fill: \(style.cssColour); stroke: \(style.cssColour)",
    ]
}

/// A series' line: its dash pattern, no fill; an underlay wide and translucent.
func lineAttributes(_ path: PathData, style: SeriesStyle, opacity: Double = 1) -> KeyValuePairs<String, String> {
    let shownOpacity = style.underlay ? opacity * 0.45 : opacity
    return [
        "d": path.text, "fill": "none", "stroke-width": style.underlay ? "5" : "2",
        "stroke-dasharray": style.dash.dashArray ?? "", "stroke-linejoin": "round",
        "stroke-opacity": shownOpacity == 1 ? "" : NumberText.fixed(shownOpacity, decimals: 2),
    ]
}

/// A series' point marker: filled, or for an underlay larger and hollow, so a marker on top of
/// it stays visible inside it.
func markerAttributes(_ style: SeriesStyle, x: Double, y: Double) -> KeyValuePairs<String, String> {
    guard style.underlay else { return ["d": style.marker.path(x: x, y: y)] }
    return [
        "d": style.marker.path(x: x, y: y, size: 6.5), "fill": "none", "stroke": style.fallbackColour,
        "stroke-width": "2", "style": "stroke: \(style.cssColour)",
    ]
}
