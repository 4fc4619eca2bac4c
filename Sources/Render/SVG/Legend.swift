/// One legend entry: a swatch drawn like the series, and its name.
struct LegendEntry: Sendable {
    var name: String
    var style: SeriesStyle
    var drawsLine = true
}

/// The legend above the plot, in rows that wrap, so it never covers data.
struct Legend: Sendable {
    private struct Placed: Sendable {
        var entry: LegendEntry
        var label: String
        var x: Double
        var y: Double
    }

    static let rowHeight = 18.0
    static let swatchWidth = 26.0
    static let swatchGap = 6.0
    static let entryGap = 18.0
    /// The narrowest column when entries stand in columns.
    static let columnWidth = 200.0

    private var placed: [Placed] = []
    /// The height the rows take; 0 without entries.
    private(set) var height = 0.0

    /// Entries flow left to right and wrap; when that takes more than two rows, they stand in
    /// columns instead, names shortened to fit, so the legend does not crowd out the plot.
    init(entries: [LegendEntry], left: Double, top: Double, width: Double) {
        let flowing = Self.flow(entries, left: left, top: top, width: width)
        let flowingRows = Set(flowing.map(\.y)).count
        let columns = max(1, Int(width / Self.columnWidth))
        if flowingRows > 2, columns > 1 {
            let columnWidth = width / Double(columns)
            placed = entries.enumerated().map { index, entry in
                let label = TextMetrics.truncated(
                    entry.name, toWidth: columnWidth - Self.swatchWidth - Self.swatchGap - Self.entryGap,
                    fontSize: ChartMetrics.fontSize)
                let row = Double(index / columns)
                return Placed(
                    entry: entry, label: label, x: left + Double(index % columns) * columnWidth,
                    y: top + (row + 0.5) * Self.rowHeight)
            }
            height = Double((entries.count + columns - 1) / columns) * Self.rowHeight
        } else {
            placed = flowing
            height = Double(flowingRows) * Self.rowHeight
        }
    }

    private static func flow(_ entries: [LegendEntry], left: Double, top: Double, width: Double) -> [Placed] {
        let fontSize = ChartMetrics.fontSize
        var placed: [Placed] = []
        var x = left
        var row = 0
        for entry in entries {
            let label = TextMetrics.truncated(
                entry.name, toWidth: width - Self.swatchWidth - Self.swatchGap, fontSize: fontSize)
            let entryWidth = Self.swatchWidth + Self.swatchGap + TextMetrics.width(of: label, fontSize: fontSize)
            if x > left, x + entryWidth > left + width {
                row += 1
                x = left
            }
            placed.append(Placed(entry: entry, label: label, x: x, y: top + (Double(row) + 0.5) * Self.rowHeight))
            x += entryWidth + Self.entryGap
        }
        return placed
    }

    func draw(into writer: inout SVGWriter) {
        guard !placed.isEmpty else { return }
        writer.open("g", ["class": "legend"])
        for item in placed {
            let style = item.entry.style
            writer.open("g", seriesAttributes(style, extraClass: "legend-entry"))
            if item.label != item.entry.name { writer.element("title", text: item.entry.name) }
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
            writer.element(
                "text",
                [
                    "x": svgNumber(item.x + Self.swatchWidth + Self.swatchGap), "y": svgNumber(item.y), "dy": "0.32em",
                    "fill": "currentColor", "stroke": "none",
                ], text: item.label)
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
