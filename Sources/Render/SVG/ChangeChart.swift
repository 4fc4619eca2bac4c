/// How much each metric moved, one row per metric and rate: a dot at the change in percent
/// (worse to the right, whatever the metric's direction), a whisker for the test's interval
/// where it gave one, and a shaded band for the threshold within which nothing counts.
///
/// ```swift
/// ChangeChart(
///     id: "changes", title: "What moved", description: "Change per metric and rate.",
///     rows: [ChangeRow(label: "TTFT median · 16", percent: 25.2, interval: 18.1...32.0, threshold: 5, mark: .regression)]
/// ).render()
/// ```
public struct ChangeChart: Sendable {
    /// How a row's verdict is drawn: by shape and fill as well as colour.
    public enum Mark: Sendable, Hashable {
        case regression, improvement, noise, unconfirmed, unchanged

        var name: String {
            switch self {
            case .regression: "regression"
            case .improvement: "improvement"
            case .noise: "noise"
            case .unconfirmed: "unconfirmed"
            case .unchanged: "unchanged"
            }
        }
    }

    /// One metric at one rate.
    public struct Row: Sendable {
        /// Rows of one group (a model) follow a heading with its name.
        public var group: String
        public var label: String
        /// Worsening in percent: positive is worse.
        public var percent: Double
        /// The test's interval of the worsening, in percent.
        public var interval: ClosedRange<Double>?
        public var threshold: Double
        public var mark: Mark
        /// What a hover shows.
        public var tooltip: String

        public init(
            group: String = "", label: String, percent: Double, interval: ClosedRange<Double>? = nil,
            threshold: Double, mark: Mark, tooltip: String = ""
        ) {
            self.group = group
            self.label = label
            self.percent = percent
            self.interval = interval
            self.threshold = threshold
            self.mark = mark
            self.tooltip = tooltip.isEmpty ? label : tooltip
        }
    }

    public var id: String
    public var title: String
    public var description: String
    public var rows: [Row]
    /// The viewBox width; the height follows from the rows.
    public var width: Int

    static let rowHeight = 24.0
    static let labelWidth = 190.0
    static let keyHeight = 46.0

    public init(id: String, title: String, description: String, rows: [Row], width: Int = 500) {
        self.id = id
        self.title = title
        self.description = description
        self.rows = rows
        self.width = width
    }

    /// Each row's line number, counting a heading line before each new group.
    var lines: (rows: [Int], headings: [(line: Int, group: String)], count: Int) {
        var rowLines: [Int] = []
        var headings: [(Int, String)] = []
        var line = 0
        for (index, row) in rows.enumerated() {
            if !row.group.isEmpty && (index == 0 || rows[index - 1].group != row.group) {
                headings.append((line, row.group))
                line += 1
            }
            rowLines.append(line)
            line += 1
        }
        return (rowLines, headings, line)
    }

    public func render() -> String {
        let layout = lines
        let height = Int(Self.keyHeight + Double(layout.count) * Self.rowHeight + ChartMetrics.xAxisBand) + 12
        let counts = [Mark.regression, .noise, .unconfirmed, .improvement].compactMap { mark -> String? in
            let count = rows.count { $0.mark == mark }
            return count > 0 ? "\(count) \(mark.name)" : nil
        }
        let document = ChartDocument(
            id: id, size: ChartSize(width: width, height: max(height, 120)), title: title, description: description,
            summary: "\(rows.count) rows: " + counts.joined(separator: ", ") + ".")
        let values = rows.flatMap { row in
            [row.percent, row.threshold, -row.threshold] + (row.interval.map { [$0.lowerBound, $0.upperBound] } ?? [])
        }.filter(\.isFinite)
        guard !rows.isEmpty, let low = values.min(), let high = values.max() else { return document.noData() }

        let area = PlotArea(
            left: ChartMetrics.padding + Self.labelWidth, top: ChartMetrics.padding + Self.keyHeight,
            right: Double(width) - ChartMetrics.padding - 8,
            bottom: ChartMetrics.padding + Self.keyHeight + Double(layout.count) * Self.rowHeight)
        let tickCount = max(2, Int((area.right - area.left) / ChartMetrics.xPixelsPerTick))
        let scale = LinearScale(domain: min(low, 0)...max(high, 0), rangeStart: area.left, rangeEnd: area.right)
            .niced(tickCount: tickCount)
        let decimals = scale.tickLabelDecimals(count: tickCount)

        var writer = SVGWriter()
        document.begin(&writer)
        drawKey(&writer)
        let ticks = scale.ticks(count: tickCount).map {
            AxisTick(position: scale.position(of: $0), label: NumberText.fixed($0, decimals: decimals) + "%")
        }
        writer.bottomAxis(ticks, area: area, title: "Change (worse →)")
        // The same labels above the rows: a tall chart is read from the top.
        writer.open(
            "g",
            [
                "class": "tick-labels", "fill": "currentColor", "text-anchor": "middle",
                "font-size": svgNumber(ChartMetrics.smallFontSize),
            ])
        for tick in ticks {
            writer.element("text", ["x": svgNumber(tick.position), "y": svgNumber(area.top - 6)], text: tick.label)
        }
        writer.close("g")
        let zero = scale.position(of: 0)
        writer.element(
            "line",
            [
                "x1": svgNumber(zero), "y1": svgNumber(area.top), "x2": svgNumber(zero), "y2": svgNumber(area.bottom),
                "stroke": "currentColor", "stroke-opacity": "0.5",
            ])
        for (line, group) in layout.headings {
            writer.element(
                "text",
                [
                    "x": svgNumber(ChartMetrics.padding),
                    "y": svgNumber(area.top + (Double(line) + 0.5) * Self.rowHeight),
                    "dy": "0.32em", "fill": "currentColor", "font-weight": "bold",
                ],
                text: TextMetrics.truncated(
                    group, toWidth: Double(width) - 2 * ChartMetrics.padding, fontSize: ChartMetrics.fontSize))
        }
        for (index, row) in rows.enumerated() {
            drawRow(&writer, row, y: area.top + (Double(layout.rows[index]) + 0.5) * Self.rowHeight, scale: scale)
        }
        document.end(&writer)
        return writer.output
    }

    private func drawRow(_ writer: inout SVGWriter, _ row: Row, y: Double, scale: LinearScale) {
        let label = TextMetrics.truncated(row.label, toWidth: Self.labelWidth - 8, fontSize: ChartMetrics.smallFontSize)
        writer.element(
            "text",
            [
                "x": svgNumber(ChartMetrics.padding + Self.labelWidth - 8), "y": svgNumber(y), "dy": "0.32em",
                "text-anchor": "end", "fill": "currentColor", "font-size": svgNumber(ChartMetrics.smallFontSize),
            ], text: label)
        let (bandLow, bandHigh) = (scale.position(of: -row.threshold), scale.position(of: row.threshold))
        writer.element(
            "rect",
            [
                "x": svgNumber(bandLow), "y": svgNumber(y - Self.rowHeight / 2 + 2),
                "width": svgNumber(bandHigh - bandLow),
                "height": svgNumber(Self.rowHeight - 4), "fill": "currentColor", "fill-opacity": "0.08",
            ])
        let colour = Self.colour(row.mark)
        if let interval = row.interval, interval.lowerBound.isFinite, interval.upperBound.isFinite {
            writer.element(
                "line",
                [
                    "x1": svgNumber(scale.position(of: interval.lowerBound)), "y1": svgNumber(y),
                    "x2": svgNumber(scale.position(of: interval.upperBound)), "y2": svgNumber(y), "stroke": colour,
                    "stroke-width": "2",
                ])
        }
        let x = scale.position(of: row.percent)
        let tooltip = row.tooltip
        switch row.mark {
        case .unconfirmed, .unchanged:
            writer.element(
                "path",
                [
                    "d": MarkerShape.circle.path(x: x, y: y, size: 5), "fill": "none", "stroke": colour,
                    "stroke-width": "2",
                ],
                tooltip: tooltip)
        case .regression:
            writer.element(
                "path", ["d": MarkerShape.triangle.path(x: x, y: y, size: 6), "fill": colour], tooltip: tooltip)
        case .improvement:
            writer.element(
                "path", ["d": MarkerShape.invertedTriangle.path(x: x, y: y, size: 6), "fill": colour], tooltip: tooltip)
        case .noise:
            writer.element(
                "path", ["d": MarkerShape.circle.path(x: x, y: y, size: 4), "fill": colour], tooltip: tooltip)
        }
    }

    /// The key: each mark with its name, across the top.
    private func drawKey(_ writer: inout SVGWriter) {
        var x = ChartMetrics.padding
        let y = ChartMetrics.padding + 10
        for mark in [Mark.regression, .noise, .unconfirmed, .improvement]
        where rows.contains(where: { $0.mark == mark }) {
            let colour = Self.colour(mark)
            let shape: MarkerShape =
                mark == .regression ? .triangle : mark == .improvement ? .invertedTriangle : .circle
            let filled = mark != .unconfirmed
            writer.element(
                "path",
                [
                    "d": shape.path(x: x + 6, y: y, size: 5), "fill": filled ? colour : "none", "stroke": colour,
                    "stroke-width": filled ? "" : "2",
                ])
            writer.element(
                "text",
                [
                    "x": svgNumber(x + 16), "y": svgNumber(y), "dy": "0.32em", "fill": "currentColor",
                    "font-size": svgNumber(ChartMetrics.smallFontSize),
                ], text: mark.name)
            x += 16 + TextMetrics.width(of: mark.name, fontSize: ChartMetrics.smallFontSize) + 14
        }
        writer.element(
            "rect",
            [
                "x": svgNumber(x), "y": svgNumber(y - 7), "width": "22", "height": "14", "fill": "currentColor",
                "fill-opacity": "0.08",
            ])
        writer.element(
            "text",
            [
                "x": svgNumber(x + 28), "y": svgNumber(y), "dy": "0.32em", "fill": "currentColor",
                "font-size": svgNumber(ChartMetrics.smallFontSize),
            ], text: "threshold")
    }

    /// Regressions in the palette's vermillion, improvements in its green, the rest grey; `text`
    /// gives the darker shade of each that small text needs (`--series-N-text`).
    static func colour(_ mark: Mark, text: Bool = false) -> String {
        let style =
            switch mark {
            case .regression: SeriesStyle(colour: 2)
            case .improvement: SeriesStyle(colour: 3)
            case .noise, .unconfirmed, .unchanged: SeriesStyle(colour: 7)
            }
        return text ? style.cssTextColour : style.cssColour
    }
}
