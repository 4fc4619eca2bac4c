import ReportModel

/// One metric over a history's runs: a line through its points, with a vertical marker at the
/// first run after each change point. `compact` draws a sparkline for a table cell (no axes, no
/// text); otherwise the chart has its value range, points labelled along the x axis by date and
/// commit, and marker labels above the plot (`TrendLabels` lays both out).
///
/// Points are evenly spaced. A point is one run, or (in a long history, see
/// ``points(values:recent:limit:label:)``) a group of older runs drawn at their median with their
/// range shaded, so the recent runs keep half the width and older noise stays visible.
struct TrendChart: Sendable {
    /// A point of the line: the runs it stands for (from `run`, `runs` of them), its value (the
    /// run's, or the group's median), the group's lowest and highest values, and what its x-axis
    /// label says: the first run's day ("2026-10-14") and short commit.
    struct Point: Sendable {
        var run: Int
        var runs: Int = 1
        /// One of the groups of older runs (which may hold a single run when there are barely
        /// more runs than points).
        var isGroup = false
        var value: Double
        var low: Double
        var high: Double
        var date: String = ""
        var commit: String = ""

        init(run: Int, value: Double, date: String = "", commit: String = "") {
            (self.run, self.value, low, high, self.date, self.commit) = (run, value, value, value, date, commit)
        }

        init(runs: Range<Int>, values: ArraySlice<Double>, date: String, commit: String) {
            let sorted = values.sorted()
            (run, self.runs, isGroup) = (runs.lowerBound, runs.count, true)
            value = Statistics.median(of: sorted) ?? .nan
            (low, high, self.date, self.commit) = (sorted.first ?? .nan, sorted.last ?? .nan, date, commit)
        }
    }

    /// A change point: the first run of the new level and what to say about it. The chart shows
    /// the label up to " between " (or only the step, "+14.4%", where that is all there is room
    /// for); the whole label is the marker's tooltip and is in the chart's description.
    struct Marker: Sendable {
        var run: Int
        var label: String
        var isWorse: Bool?
    }

    var id: String
    var title: String
    var description: String
    /// Ascending by `run`; together they stand for every run.
    var points: [Point]
    /// How many runs the points stand for.
    var runCount: Int
    /// In priority order: where room is short, the first get the longer labels.
    var markers: [Marker] = []
    var unit: MetricUnit = .dimensionless
    var compact: Bool

    static let compactSize = ChartSize(width: 120, height: 28)
    static let fullSize = ChartSize(width: 480, height: 220)

    func render() -> String {
        let size = compact ? Self.compactSize : Self.fullSize
        let document = ChartDocument(
            id: id, size: size, title: title, description: description,
            summary: summary)
        guard var low = points.map(\.low).min(), var high = points.map(\.high).max() else {
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
        // Left to right first: the change-point labels take rows above the plot, and the plot
        // starts below the rows they need.
        let (left, right) = compact ? (2.0, Double(size.width) - 4) : (64.0, Double(size.width) - 12)
        func x(_ index: Int) -> Double {
            guard points.count > 1 else { return (left + right) / 2 }
            return left + (right - left) * Double(index) / Double(points.count - 1)
        }
        let markerXs = markers.map { x(pointIndex(ofRun: $0.run)) }
        let display = DisplayUnit.fitting([low, high], unit: unit)
        let unitName = display.name.isEmpty ? "value" : display.name
        let labels =
            compact
            ? []
            : TrendLabels.markerLabels(
                xs: markerXs, labels: markers.map(\.label), plot: left...right,
                reserved: [4...(4 + TextMetrics.width(of: unitName, fontSize: ChartMetrics.fontSize))])
        let rows = labels.compactMap { $0?.row }.max().map { $0 + 1 } ?? 1
        let plot =
            compact
            ? (left: left, right: right, top: 3.0, bottom: Double(size.height) - 3)
            : (left: left, right: right, top: Self.plotTop(rows: rows), bottom: Double(size.height) - 42)
        // The baseline of a row of labels above the plot.
        func rowBaseline(_ row: Int) -> Double { plot.top - 8 - Self.rowHeight * Double(row) }
        let span = high - low
        let padded =
            span > 0
            ? (low - span * 0.1, high + span * 0.1) : (low - max(abs(low) * 0.05, 1), high + max(abs(high) * 0.05, 1))
        func y(_ value: Double) -> Double {
            plot.bottom - (plot.bottom - plot.top) * (value - padded.0) / (padded.1 - padded.0)
        }
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
                "text", ["x": svgNumber(4), "y": svgNumber(rowBaseline(0)), "fill": "currentColor"], text: unitName)
            xAxis(
                &writer, at: plot.bottom,
                ticks: TrendLabels.ticks(points: points, position: x, bounds: 2...(Double(size.width) - 2)))
        }
        drawGroups(&writer, x: x, y: y, plot: (top: plot.top, bottom: plot.bottom))
        for (index, marker) in markers.enumerated() {
            let markerX = markerXs[index]
            let colour = Self.colour(isWorse: marker.isWorse)
            // One group a change point, its whole label the tooltip of the line and the text.
            writer.open("g", ["class": "change-point-marker"])
            writer.element("title", text: marker.label)
            writer.element(
                "line",
                [
                    "class": "change-point", "x1": svgNumber(markerX), "x2": svgNumber(markerX),
                    "y1": svgNumber(plot.top), "y2": svgNumber(plot.bottom), "stroke": colour,
                    "stroke-dasharray": "3 2",
                ])
            if index < labels.count, let label = labels[index] {
                writer.element(
                    "text",
                    [
                        "class": "change-point-label", "x": svgNumber(label.x), "y": svgNumber(rowBaseline(label.row)),
                        "text-anchor": label.anchor, "fill": Self.colour(isWorse: marker.isWorse, text: true),
                    ], text: label.text)
            }
            writer.close("g")
        }
        let path = PathData.polyline(points.indices.map { (x: x($0), y: y(points[$0].value)) })
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
                    "cx": svgNumber(x(points.count - 1)), "cy": svgNumber(y(last.value)), "r": compact ? "2" : "3",
                    "fill": "var(--series-1, #0072b2)",
                ])
        }
        document.end(&writer)
        return writer.output
    }

    /// Between two rows of change-point labels.
    static let rowHeight = 16.0

    /// The top of the full chart's plot below `rows` rows of change-point labels: the first row
    /// beside the value axis' unit, each further one 16 units higher, the top one inside the chart.
    static func plotTop(rows: Int) -> Double {
        max(34, 23 + rowHeight * Double(max(rows, 1) - 1))
    }

    /// Worse in the palette's vermillion and better in its green, as in the diff's change chart:
    /// the page's `--series-N` colours, so dark mode has its own; `text` gives the darker shade
    /// that labels need to be legible (`--series-N-text`).
    static func colour(isWorse: Bool?, text: Bool = false) -> String {
        switch isWorse {
        case true?: ChangeChart.colour(.regression, text: text)
        case false?: ChangeChart.colour(.improvement, text: text)
        case nil: "currentColor"
        }
    }

    /// The index of the point that stands for `run`.
    func pointIndex(ofRun run: Int) -> Int {
        let after = points.firstIndex { $0.run > run } ?? points.count
        return max(after - 1, 0)
    }

    /// The groups' range as a shaded band under their line and, on the full chart, a dotted rule
    /// where the line turns from groups to single runs, so the change of scale along the x axis shows.
    func drawGroups(
        _ writer: inout SVGWriter, x: (Int) -> Double, y: (Double) -> Double, plot: (top: Double, bottom: Double)
    ) {
        let grouped = points.prefix(while: \.isGroup).count
        guard grouped > 0 else { return }
        var band = PathData()
        band.move(x(0), y(points[0].high))
        for index in 1..<grouped { band.line(x(index), y(points[index].high)) }
        for index in (0..<grouped).reversed() { band.line(x(index), y(points[index].low)) }
        band.closePath()
        writer.element(
            "path",
            [
                "class": "range", "d": band.text, "fill": "var(--series-1, #0072b2)", "fill-opacity": "0.18",
                "stroke": "none",
            ])
        // A sparkline has no room for the rule; its description says how it is drawn.
        guard grouped < points.count, !compact else { return }
        let boundary = (x(grouped - 1) + x(grouped)) / 2
        writer.element(
            "line",
            [
                "class": "grouping-boundary", "x1": svgNumber(boundary), "x2": svgNumber(boundary),
                "y1": svgNumber(plot.top), "y2": svgNumber(plot.bottom), "stroke": "currentColor",
                "stroke-opacity": "0.35", "stroke-dasharray": "1 3",
            ])
    }

    /// How the line stands for the runs: "60 runs, each drawn" or, in a long history, "the last
    /// 100 runs each drawn, the 900 before them as 100 medians of 9 runs with their range shaded".
    var drawing: String {
        let grouped = points.prefix(while: \.isGroup)
        guard let first = grouped.first else {
            return runCount == 1 ? "1 run" : "\(NumberText.whole(runCount)) runs, each drawn"
        }
        let groupedRuns = grouped.reduce(0) { $0 + $1.runs }
        let sizes = grouped.map(\.runs)
        let smallest = sizes.min() ?? first.runs
        let largest = sizes.max() ?? first.runs
        let size = smallest == largest ? "\(smallest)" : "\(smallest)–\(largest)"
        let single = runCount - groupedRuns
        return "the last \(single) runs each drawn, the \(NumberText.whole(groupedRuns)) before them as "
            + "\(grouped.count) medians of \(size) runs with their range shaded"
    }

    /// "60 runs, each drawn; 1 change point marked: +14.4% (…) between … and …."
    var summary: String {
        let marked = markers.count == 1 ? "1 change point marked" : "\(markers.count) change points marked"
        let listed = markers.isEmpty ? "" : ": " + markers.map(\.label).joined(separator: "; ")
        return "\(drawing.prefix(1).uppercased())\(drawing.dropFirst()); \(marked)\(listed)."
    }

    /// Tick marks under the plot and each labelled run's date over its commit.
    func xAxis(_ writer: inout SVGWriter, at bottom: Double, ticks: [TrendLabels.Tick]) {
        var marks = PathData()
        for tick in ticks {
            marks.move(tick.x, bottom)
            marks.vertical(bottom + 5)
        }
        writer.open("g", ["class": "axis axis-x"])
        writer.element(
            "path",
            ["class": "ticks", "d": marks.text, "stroke": "currentColor", "stroke-opacity": "0.5", "fill": "none"])
        writer.open("g", ["class": "tick-labels", "fill": "currentColor", "text-anchor": "middle"])
        for tick in ticks {
            writer.element("text", ["x": svgNumber(tick.centre), "y": svgNumber(bottom + 20)], text: tick.date)
            writer.element("text", ["x": svgNumber(tick.centre), "y": svgNumber(bottom + 36)], text: tick.commit)
        }
        writer.close("g")
        writer.close("g")
    }

    /// The points of a line through `values`, one per run, oldest first: a point per run when
    /// there are at most `limit`; otherwise a point per run of the last `recent`, and the older
    /// runs in `limit - recent` consecutive groups of nearly equal size. `label` gives a run's
    /// date and short commit (a group is labelled by its first run).
    static func points(
        values: [Double], recent: Int = 100, limit: Int = 200, label: (Int) -> (date: String, commit: String)
    ) -> [Point] {
        func single(_ run: Int) -> Point {
            let (date, commit) = label(run)
            return Point(run: run, value: values[run], date: date, commit: commit)
        }
        guard values.count > limit else { return values.indices.map(single) }
        let older = values.count - recent
        let groups = limit - recent
        let grouped = (0..<groups).map { group in
            let runs = (group * older / groups)..<((group + 1) * older / groups)
            let (date, commit) = label(runs.lowerBound)
            return Point(runs: runs, values: values[runs], date: date, commit: commit)
        }
        return grouped + (older..<values.count).map(single)
    }
}
