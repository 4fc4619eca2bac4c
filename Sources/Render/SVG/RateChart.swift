/// A metric by request rate: one line with markers per series over the distinct rates, evenly
/// spaced in order, with `inf` as its own category after a break in the axis.
///
/// ```swift
/// RateChart(
///     id: "llama-ttft", title: "TTFT by request rate", description: "Median and p99 TTFT.",
///     valueAxis: ChartAxis("TTFT", unit: "ms"),
///     series: [
///         RateSeries("median", [(1, 22.4), (4, 24.0), (16, 25.5), (.infinity, 544.3)]),
///         RateSeries("p99", [(1, 37.8), (4, 41.3), (16, 44.0), (.infinity, 1018.5)]),
///     ]
/// ).render()
/// ```
public struct RateChart: Sendable {
    /// Makes the element ids (`<id>-title`, `<id>-desc`): lower-cased, anything but a–z, 0–9 becomes "-".
    public var id: String
    /// The accessible name (`<title>`); the page shows its own caption.
    public var title: String
    /// What the data shows, for screen readers; a one-line summary of the data is appended.
    public var description: String
    /// The y axis. Linear axes start at zero.
    public var valueAxis: ChartAxis
    /// One line each, styled by position unless a series has its own style.
    public var series: [RateSeries]
    /// Below the rate axis.
    public var rateAxisTitle: String
    /// The viewBox size.
    public var size: ChartSize

    public init(
        id: String, title: String, description: String, valueAxis: ChartAxis, series: [RateSeries],
        rateAxisTitle: String = "Request rate (req/s)", size: ChartSize = .standard
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.valueAxis = valueAxis
        self.series = series
        self.rateAxisTitle = rateAxisTitle
        self.size = size
    }

    /// The chart as a standalone `<svg>` element, or one that says "No data".
    public func render() -> String {
        let lines = series.enumerated().map { index, series in
            (series: series, style: series.style ?? .automatic(index), points: Self.drawable(series.points))
        }
        let rates = Set(lines.flatMap { $0.points.map(\.rate) }).sorted()
        let rateTexts = rates.map { $0.isFinite ? shortestNumber($0) : "inf" }
        let summary =
            "\(namedCount(series.map(\.name))) at request rates \(rateTexts.joined(separator: ", ")) req/s; "
            + "\(countSummary(lines.map(\.points.count), noun: "point"))."
        let document = ChartDocument(id: id, size: size, title: title, description: description, summary: summary)
        guard !rates.isEmpty else { return document.noData() }

        let width = Double(size.width)
        let legend = Legend(
            entries: lines.map { LegendEntry(name: $0.series.name, style: $0.style) }, left: ChartMetrics.padding,
            top: ChartMetrics.padding, width: width - 2 * ChartMetrics.padding)
        let values = lines.flatMap { $0.points.map(\.value) }
        let (area, yAxis) = PlotLayout.fit(
            size: size, top: ChartMetrics.padding + legend.height + 14, right: ChartMetrics.padding + 10
        ) { area in
            NumericAxis.fitted(
                to: values, choice: valueAxis.scale, includesZero: true, rangeStart: area.bottom, rangeEnd: area.top,
                pixelsPerTick: ChartMetrics.yPixelsPerTick)
        }
        let hasBreak = rates.count > 1 && rates.last == .infinity
        let xScale = PointScale(
            count: rates.count, rangeStart: area.left, rangeEnd: area.right, gapBeforeLast: hasBreak ? 0.6 : 0)
        let xPosition = { (rate: Double) in xScale.position(at: rates.firstIndex(of: rate) ?? 0) }
        let breakAt = hasBreak ? (xScale.position(at: rates.count - 2) + xScale.position(at: rates.count - 1)) / 2 : nil
        let xTicks = rates.map { AxisTick(position: xPosition($0), label: $0.isFinite ? shortestNumber($0) : "∞") }

        var writer = SVGWriter()
        document.begin(&writer)
        legend.draw(into: &writer)
        writer.leftAxis(
            yAxis.axisTicks, area: area, title: valueAxis.label(isLog: yAxis.isLog), minorGrid: yAxis.minorPositions)
        writer.bottomAxis(xTicks, area: area, title: rateAxisTitle, breakAt: breakAt)
        if let breakAt {
            var separator = PathData()
            separator.move(breakAt, area.top)
            separator.vertical(area.bottom)
            writer.element(
                "path",
                [
                    "class": "axis-break", "d": separator.text, "stroke": "currentColor", "stroke-opacity": "0.4",
                    "stroke-dasharray": "4 4", "fill": "none",
                ])
        }
        let unit = valueAxis.unit.map { " \($0)" } ?? ""
        for line in lines where !line.points.isEmpty {
            let screen = line.points.map { (x: xPosition($0.rate), y: yAxis.position(of: $0.value)) }
            writer.open("g", seriesAttributes(line.style))
            let finiteCount = line.points.filter(\.rate.isFinite).count
            if finiteCount > 1 {
                writer.element(
                    "path", lineAttributes(PathData.polyline(Array(screen.prefix(finiteCount))), style: line.style))
            }
            if finiteCount > 0, finiteCount < screen.count {
                // Across the break the line is faint: the distance to `inf` is not to scale.
                let across = PathData.polyline(Array(screen[(finiteCount - 1)...]))
                writer.element("path", lineAttributes(across, style: line.style, opacity: 0.45))
            }
            writer.open("g", ["class": "markers", "stroke": "none"])
            for (point, position) in zip(line.points, screen) {
                let rate = point.rate.isFinite ? "\(shortestNumber(point.rate)) req/s" : "inf"
                writer.element(
                    "path", markerAttributes(line.style, x: position.x, y: position.y),
                    tooltip: "\(line.series.name), \(rate): \(readableNumber(point.value))\(unit)")
            }
            writer.close("g")
            writer.close("g")
        }
        document.end(&writer)
        return writer.output
    }

    /// Points with a usable rate and a finite value, one per rate, in rate order (`inf` last).
    static func drawable(_ points: [RatePoint]) -> [RatePoint] {
        var seen = Set<Double>()
        return points.filter { $0.rate >= 0 && $0.value.isFinite && seen.insert($0.rate).inserted }
            .sorted { $0.rate < $1.rate }
    }
}
