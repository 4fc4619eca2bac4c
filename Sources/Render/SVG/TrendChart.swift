import ReportModel

/// One metric over a history's runs: a line through the drawn runs, with a vertical marker at
/// the first run after each change point. `compact` draws a sparkline for a table cell (no axes,
/// no text); otherwise the chart has its value range, first and last runs, and marker labels.
struct TrendChart: Sendable {
    /// A drawn run: its position among all runs (the x axis) and its value.
    struct Point: Sendable {
        var run: Int
        var value: Double
    }

    /// A change point: the first run of the new level and what to say about it.
    struct Marker: Sendable {
        var run: Int
        var label: String
        var isWorse: Bool?
    }

    var id: String
    var title: String
    var description: String
    /// Drawn runs, ascending by `run`.
    var points: [Point]
    /// How many runs the x axis spans (drawn or not).
    var runCount: Int
    var markers: [Marker] = []
    var unit: MetricUnit = .dimensionless
    /// Labels of the first and last run (date and short commit), for the full chart.
    var firstLabel: String = ""
    var lastLabel: String = ""
    var compact: Bool

    static let compactSize = ChartSize(width: 120, height: 28)
    static let fullSize = ChartSize(width: 480, height: 220)

    func render() -> String {
        let size = compact ? Self.compactSize : Self.fullSize
        let document = ChartDocument(
            id: id, size: size, title: title, description: description,
            summary: "\(points.count) of \(runCount) runs drawn, \(markers.count) change points marked.")
        guard var low = points.map(\.value).min(), var high = points.map(\.value).max() else {
            return document.noData()
        }
        // At least 20% of the typical value from bottom to top: 2–3% run-to-run noise then looks
        // as small as it is, and a 10% step stands out, instead of min–max making noise fill the chart.
        let values = points.map(\.value).sorted()
        let typical = abs(values[values.count / 2])
        if high - low < 0.2 * typical {
            let middle = (low + high) / 2
            (low, high) = (middle - 0.1 * typical, middle + 0.1 * typical)
        }
        var writer = SVGWriter()
        if compact {
            // A fixed size in a table cell: the sparkline does not scale with the column.
            writer.open(
                "svg",
                [
                    "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(size.width) \(size.height)",
                    "width": "\(size.width)", "height": "\(size.height)", "role": "img",
                    "aria-labelledby": "\(document.id)-title \(document.id)-desc", "class": "sparkline",
                ])
            writer.element("title", ["id": "\(document.id)-title"], text: document.title)
            writer.element("desc", ["id": "\(document.id)-desc"], text: document.description)
        } else {
            document.begin(&writer)
        }
        let plot =
            compact
            ? (left: 2.0, right: Double(size.width) - 4, top: 3.0, bottom: Double(size.height) - 3)
            : (left: 64.0, right: Double(size.width) - 12, top: 34.0, bottom: Double(size.height) - 40)
        let span = high - low
        let padded =
            span > 0
            ? (low - span * 0.1, high + span * 0.1) : (low - max(abs(low) * 0.05, 1), high + max(abs(high) * 0.05, 1))
        func x(_ run: Int) -> Double {
            guard runCount > 1 else { return (plot.left + plot.right) / 2 }
            return plot.left + (plot.right - plot.left) * Double(run) / Double(runCount - 1)
        }
        func y(_ value: Double) -> Double {
            plot.bottom - (plot.bottom - plot.top) * (value - padded.0) / (padded.1 - padded.0)
        }
        let display = DisplayUnit.fitting([low, high], unit: unit)
        if !compact {
            writer.element(
                "rect",
                [
                    "x": svgNumber(plot.left), "y": svgNumber(plot.top), "width": svgNumber(plot.right - plot.left),
                    "height": svgNumber(plot.bottom - plot.top), "fill": "none", "stroke": "currentColor",
                    "stroke-opacity": "0.2",
                ])
            for value in [low, high] {
                writer.element(
                    "text",
                    [
                        "x": svgNumber(plot.left - 6), "y": svgNumber(y(value)), "dy": "0.32em", "text-anchor": "end",
                        "fill": "currentColor",
                    ], text: display.text(value))
            }
            writer.element(
                "text", ["x": svgNumber(4), "y": svgNumber(plot.top - 8), "fill": "currentColor"],
                text: display.name.isEmpty ? "value" : display.name)
            writer.element(
                "text",
                ["x": svgNumber(plot.left), "y": svgNumber(plot.bottom + 20), "fill": "currentColor"],
                text: firstLabel)
            writer.element(
                "text",
                [
                    "x": svgNumber(plot.right), "y": svgNumber(plot.bottom + 20), "text-anchor": "end",
                    "fill": "currentColor",
                ], text: lastLabel)
        }
        for (index, marker) in markers.enumerated() {
            let markerX = x(marker.run)
            let colour = marker.isWorse == true ? "#d1242f" : (marker.isWorse == false ? "#1a7f37" : "currentColor")
            writer.element(
                "line",
                [
                    "class": "change-point", "x1": svgNumber(markerX), "x2": svgNumber(markerX),
                    "y1": svgNumber(plot.top), "y2": svgNumber(plot.bottom), "stroke": colour,
                    "stroke-dasharray": "3 2",
                ], tooltip: marker.label)
            if !compact {
                let nearRight = markerX > (plot.left + plot.right) / 2
                // Within the plot's width, the step's size first: the commits are in the tooltip
                // and the caption.
                let room = nearRight ? markerX - plot.left - 4 : plot.right - markerX - 4
                let shortLabel = marker.label.components(separatedBy: " between ").first ?? marker.label
                writer.element(
                    "text",
                    [
                        "class": "change-point-label", "x": svgNumber(markerX + (nearRight ? -4 : 4)),
                        "y": svgNumber(plot.top - 8 - Double(index % 2) * 14),
                        "text-anchor": nearRight ? "end" : "start", "fill": colour,
                    ],
                    text: TextMetrics.truncated(shortLabel, toWidth: room, fontSize: ChartMetrics.fontSize))
            }
        }
        let path = PathData.polyline(points.map { (x: x($0.run), y: y($0.value)) })
        writer.element(
            "path",
            [
                "d": path.text, "fill": "none", "stroke": "var(--series-1, #0072b2)",
                "stroke-width": compact ? "1.5" : "2", "stroke-linejoin": "round",
            ])
        if let last = points.last {
            writer.element(
                "circle",
                [
                    "cx": svgNumber(x(last.run)), "cy": svgNumber(y(last.value)), "r": compact ? "2" : "3",
                    "fill": "var(--series-1, #0072b2)",
                ])
        }
        document.end(&writer)
        return writer.output
    }

    /// The runs to draw out of `count`: all when at most `limit`; otherwise every one of the
    /// last `recent` and evenly spaced older ones up to `limit` in all. Ascending.
    static func drawnRuns(count: Int, recent: Int = 100, limit: Int = 200) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        let older = count - recent
        let olderDrawn = limit - recent
        var indexes = (0..<olderDrawn).map { $0 * older / olderDrawn }
        indexes += Array(older..<count)
        return indexes
    }
}
