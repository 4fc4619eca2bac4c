/// Numeric x against numeric y, one line per series through its points in the given order, each
/// point labelled: the latency–throughput curve, one point per request rate. Several points of a
/// series with one label (replicates) are a marker each, the line through their mean.
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
    /// Nil: an entry per series, named as it is. A series the legend does not name gets a
    /// tooltip of its own.
    var legendEntries: [LegendEntry]?

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
    ///
    /// Points with their own scale (`inf`), beside others, go in a short band above the plot,
    /// after a break in the y axis, on the same x scale: their throughput stays comparable while
    /// their latency no longer sets the scale of the knee below.
    public func render() -> String {
        let curves = series.enumerated().map { index, series in
            (
                series: series, style: series.style ?? .automatic(index),
                points: series.points.filter { $0.x.isFinite && $0.y.isFinite }
            )
        }
        let points = curves.flatMap(\.points)
        let hasBand = points.contains(where: \.hasOwnScale) && points.contains { !$0.hasOwnScale }
        // Each curve's vertices: one per label, at the mean of the points that share it.
        let settings = curves.map { Self.settings(of: $0.points) }
        var summary =
            "\(namedCount(series.map(\.name))); \(countSummary(curves.map(\.points.count), noun: "point"))."
        var seenShared = Set<String>()
        let shared = settings.flatMap { $0.filter { $0.members.count > 1 }.compactMap(\.point.label) }
            .filter { seenShared.insert($0).inserted }
        if !shared.isEmpty {
            summary +=
                " Several points share a label (\(shared.joined(separator: ", "))): runs of one setting, a marker "
                + "each, the line through their mean."
        }
        if hasBand {
            var seen = Set<String>()
            let names = points.filter(\.hasOwnScale).compactMap(\.label).filter { seen.insert($0).inserted }
            let named = names.isEmpty ? "Some points are" : "\(names.joined(separator: ", ")) is"
            summary += " \(named) drawn in a band above the plot with its own y scale."
        }
        var document = ChartDocument(id: id, size: size, title: title, description: description, summary: summary)
        guard !points.isEmpty else { return document.noData() }

        let width = Double(size.width)
        let legend = Legend(
            entries: legendEntries ?? curves.map { LegendEntry(name: $0.series.name, style: $0.style) }, size: size)
        let size = legend.grown(self.size)
        document.size = size
        let top = ChartMetrics.padding + legend.height + 14
        let inBand = { (point: CurvePoint) in hasBand && point.hasOwnScale }
        // The band's axis first: the left margin must hold its tick labels as well.
        let bandTop = top
        let bandBottom = top + ChartMetrics.topBandHeight
        let bandAxis =
            hasBand
            ? NumericAxis.fitted(
                to: Self.spanningAtLeastATenth(points.filter(inBand).map(\.y)), choice: yAxis.scale,
                includesZero: false, rangeStart: bandBottom - Self.bandInset, rangeEnd: bandTop + Self.bandInset,
                pixelsPerTick: 25) : nil
        let bandLabels =
            bandAxis.map { axis in
                ChartMetrics.yTitleBand + ChartMetrics.tickLabelGap + ChartMetrics.tickLength
                    + (axis.tickLabels.map { TextMetrics.width(of: $0, fontSize: ChartMetrics.fontSize) }.max() ?? 0)
            } ?? 0
        let (area, y) = PlotLayout.fit(
            size: size, top: hasBand ? bandBottom + ChartMetrics.topBandGap : top, right: ChartMetrics.padding + 14,
            leftOverhang: { _ in bandLabels },
            yAxis: { area in
                NumericAxis.fitted(
                    to: points.filter { !inBand($0) }.map(\.y), choice: yAxis.scale, includesZero: true,
                    rangeStart: area.bottom, rangeEnd: area.top, pixelsPerTick: ChartMetrics.yPixelsPerTick)
            })
        let band = bandAxis.map {
            (area: PlotArea(left: area.left, top: bandTop, right: area.right, bottom: bandBottom), y: $0)
        }
        let x = PlotLayout.fitXAxis(to: points.map(\.x), choice: xAxis.scale, includesZero: true, area: area)
        let screen = { (point: CurvePoint) in
            (x: x.position(of: point.x), y: inBand(point) ? band!.y.position(of: point.y) : y.position(of: point.y))
        }
        let screenCurves = curves.map { $0.points.map(screen) }
        let screenVertices = settings.map { $0.map { screen($0.point) } }

        var writer = SVGWriter()
        document.begin(&writer)
        legend.draw(into: &writer)
        writer.leftAxis(y.axisTicks, area: area, title: yAxis.label(isLog: y.isLog), minorGrid: y.minorPositions)
        writer.bottomAxis(
            x.axisTicks, area: area, title: xAxis.label(isLog: x.isLog), minorGrid: x.minorPositions)
        if let band {
            writer.topBand(
                band.y.axisTicks, area: band.area, xGrid: x.axisTicks.map(\.position), gapTo: area.top,
                minorGrid: band.y.minorPositions)
        }

        var placer = LabelPlacer(
            bounds: ScreenRect(
                left: area.left, top: (band?.area.top ?? area.top) - 8, right: width - ChartMetrics.padding,
                bottom: area.bottom),
            fontSize: ChartMetrics.smallFontSize)
        // Lines join vertices on one scale only: a segment across the break would have no meaning.
        let segments = zip(settings, screenVertices).map { vertices, screen in
            Self.runs(of: vertices.map { inBand($0.point) }).map { range in Array(screen[range]) }
        }
        for (screen, runs) in zip(screenCurves, segments) {
            for point in screen { placer.reserve(pointAt: point.x, point.y) }
            for run in runs {
                for (start, end) in zip(run, run.dropFirst()) { placer.reserve(segmentFrom: start, to: end) }
            }
        }
        let xUnit = xAxis.unit.map { " \($0)" } ?? ""
        let yUnit = yAxis.unit.map { " \($0)" } ?? ""
        for (index, (curve, screen)) in zip(curves, screenCurves).enumerated() where !screen.isEmpty {
            let runs = segments[index]
            writer.open("g", seriesAttributes(curve.style))
            if !legend.shows(curve.series.name) { writer.element("title", text: curve.series.name) }
            for run in runs where run.count > 1 {
                writer.element("path", lineAttributes(PathData.polyline(run), style: curve.style))
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
                    // In the series' hue, so a reader can tell whose label it is, but its text shade:
                    // the line's colour can be too light for small text.
                    "class": "point-labels", "fill": curve.style.fallbackTextColour, "stroke": "none",
                    "style": "fill: \(curve.style.cssTextColour)",
                    "font-size": NumberText.fixed(ChartMetrics.smallFontSize, decimals: 0),
                ])
            for (vertex, position) in zip(settings[index], screenVertices[index]) {
                guard let label = vertex.point.label, !label.isEmpty else { continue }
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

    /// The band's scale stops this far inside its edges: its domain ends at the values' nice
    /// bounds, and a marker there (the wide hollow one is 14 units across) must not straddle
    /// the edge of a band only 64 units high.
    static let bandInset = 8.0

    /// The values, widened to span at least a tenth of their middle: two `inf` runs 0.1% apart
    /// must not fill the band from bottom to top as if they differed.
    static func spanningAtLeastATenth(_ values: [Double]) -> [Double] {
        guard let low = values.min(), let high = values.max() else { return values }
        let middle = (low + high) / 2
        let half = 0.05 * abs(middle)
        guard high - low < 2 * half else { return values }
        return values + [middle - half, middle + half]
    }

    /// The points of each setting in order of first appearance: those that share a label (runs of
    /// one rate), or an unlabelled point alone; each as the point at their mean, with its label
    /// and scale, and the indices of its members.
    static func settings(of points: [CurvePoint]) -> [(point: CurvePoint, members: [Int])] {
        enum Key: Hashable {
            case label(String)
            case alone(Int)
        }
        var order: [Key] = []
        var members: [Key: [Int]] = [:]
        for (index, point) in points.enumerated() {
            let key = point.label.map(Key.label) ?? .alone(index)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(index)
        }
        return order.map { key in
            let indices = members[key]!
            var mean = points[indices[0]]
            mean.x = indices.map { points[$0].x }.reduce(0, +) / Double(indices.count)
            mean.y = indices.map { points[$0].y }.reduce(0, +) / Double(indices.count)
            return (mean, indices)
        }
    }

    /// The index ranges of consecutive equal flags: each stretch of points on one scale.
    static func runs(of flags: [Bool]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in flags.indices.dropFirst() where flags[index] != flags[index - 1] {
            ranges.append(start..<index)
            start = index
        }
        if !flags.isEmpty { ranges.append(start..<flags.count) }
        return ranges
    }
}
