/// Numeric x against numeric y, one line per series through its points in the given order, each
/// point labelled: the latency–throughput curve, one point per request rate.
///
/// ```swift
/// CurveChart(
///     id: "llama-latency-throughput", title: "Latency against throughput", description: "p99 TTFT by output rate.",
///     xAxis: ChartAxis("Output throughput", unit: "tok/s", scale: .linear),
///     yAxis: ChartAxis("TTFT p99", unit: "ms"),
///     series: [
///         CurveSeries("base", points: [
///             CurvePoint(x: 85.8, y: 37.8, label: "1"), CurvePoint(x: 341.4, y: 41.3, label: "4"),
///             CurvePoint(x: 6677.2, y: 1018.5, label: "inf"),
///         ]),
///     ]
/// ).render()
/// ```
public struct CurveChart: Sendable {
    /// Makes the element ids (`<id>-title`, `<id>-desc`): lower-cased, anything but a–z, 0–9 becomes "-".
    public var id: String
    /// The accessible name (`<title>`); the page shows its own caption.
    public var title: String
    /// What the data shows, for screen readers; a one-line summary of the data is appended.
    public var description: String
    /// Linear x axes start at zero.
    public var xAxis: ChartAxis
    /// Linear y axes start at zero; `.automatic` turns log beyond two decades.
    public var yAxis: ChartAxis
    /// One line each, styled by position unless a series has its own style.
    public var series: [CurveSeries]
    /// The viewBox size.
    public var size: ChartSize

    public init(
        id: String, title: String, description: String, xAxis: ChartAxis, yAxis: ChartAxis, series: [CurveSeries],
        size: ChartSize = .standard
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.size = size
    }

    /// The chart as a standalone `<svg>` element, or one that says "No data".
    public func render() -> String {
        let curves = series.enumerated().map { index, series in
            (
                series: series, style: series.style ?? .automatic(index),
                points: series.points.filter { $0.x.isFinite && $0.y.isFinite }
            )
        }
        let summary =
            "\(namedCount(series.map(\.name))); \(countSummary(curves.map(\.points.count), noun: "point"))."
        let document = ChartDocument(id: id, size: size, title: title, description: description, summary: summary)
        let points = curves.flatMap(\.points)
        guard !points.isEmpty else { return document.noData() }

        let width = Double(size.width)
        let legend = Legend(
            entries: curves.map { LegendEntry(name: $0.series.name, style: $0.style) }, left: ChartMetrics.padding,
            top: ChartMetrics.padding, width: width - 2 * ChartMetrics.padding)
        let (area, y) = PlotLayout.fit(
            size: size, top: ChartMetrics.padding + legend.height + 14, right: ChartMetrics.padding + 14
        ) { area in
            NumericAxis.fitted(
                to: points.map(\.y), choice: yAxis.scale, includesZero: true, rangeStart: area.bottom,
                rangeEnd: area.top, pixelsPerTick: ChartMetrics.yPixelsPerTick)
        }
        let x = PlotLayout.fitXAxis(to: points.map(\.x), choice: xAxis.scale, includesZero: true, area: area)
        let screenCurves = curves.map { curve in
            curve.points.map { (x: x.position(of: $0.x), y: y.position(of: $0.y)) }
        }

        var writer = SVGWriter()
        document.begin(&writer)
        legend.draw(into: &writer)
        writer.leftAxis(y.axisTicks, area: area, title: yAxis.label(isLog: y.isLog), minorGrid: y.minorPositions)
        writer.bottomAxis(
            x.axisTicks, area: area, title: xAxis.label(isLog: x.isLog), minorGrid: x.minorPositions)

        var placer = LabelPlacer(
            bounds: ScreenRect(
                left: area.left, top: area.top - 8, right: width - ChartMetrics.padding, bottom: area.bottom),
            fontSize: ChartMetrics.smallFontSize)
        for screen in screenCurves {
            for point in screen { placer.reserve(pointAt: point.x, point.y) }
            for (start, end) in zip(screen, screen.dropFirst()) { placer.reserve(segmentFrom: start, to: end) }
        }
        let xUnit = xAxis.unit.map { " \($0)" } ?? ""
        let yUnit = yAxis.unit.map { " \($0)" } ?? ""
        for (curve, screen) in zip(curves, screenCurves) where !screen.isEmpty {
            writer.open("g", seriesAttributes(curve.style))
            if screen.count > 1 {
                writer.element("path", lineAttributes(PathData.polyline(screen), style: curve.style))
            }
            writer.open("g", ["class": "markers", "stroke": "none"])
            for (point, position) in zip(curve.points, screen) {
                let name = point.label.map { "\(curve.series.name), \($0)" } ?? curve.series.name
                writer.element(
                    "path", markerAttributes(curve.style, x: position.x, y: position.y),
                    tooltip: "\(name): \(readableNumber(point.x))\(xUnit), \(readableNumber(point.y))\(yUnit)")
            }
            writer.close("g")
            writer.open(
                "g",
                [
                    // In the series' colour (inherited), so a reader can tell whose label it is.
                    "class": "point-labels", "stroke": "none",
                    "font-size": NumberText.fixed(ChartMetrics.smallFontSize, decimals: 0),
                ])
            for (point, position) in zip(curve.points, screen) {
                guard let label = point.label, !label.isEmpty else { continue }
                let spot = placer.place(label, nearX: position.x, y: position.y)
                writer.element(
                    "text", ["x": svgNumber(spot.x), "y": svgNumber(spot.y), "text-anchor": spot.anchor], text: label)
            }
            writer.close("g")
            writer.close("g")
        }
        document.end(&writer)
        return writer.output
    }
}
