/// Empirical CDFs: the fraction of samples at or below each value, one step line per series, with
/// chosen quantiles (p50, p90, p99) marked on every line.
///
/// Lines are drawn through at most about 200 points each (see `EmpiricalCDF.drawingPoints`), so
/// the SVG does not grow with the number of samples.
///
/// ```swift
/// CDFChart(
///     id: "llama-ttft-cdf", title: "TTFT distribution", description: "TTFT of every request, by request rate.",
///     valueAxis: ChartAxis("TTFT", unit: "ms"),
///     series: [SampleSet("1 req/s", samples: ttftsAtOne), SampleSet("inf", samples: ttftsAtInf)]
/// ).render()
/// ```
public struct CDFChart: Sendable {
    /// Makes the element ids (`<id>-title`, `<id>-desc`): lower-cased, anything but a–z, 0–9 becomes "-".
    public var id: String
    /// The accessible name (`<title>`); the page shows its own caption.
    public var title: String
    /// What the data shows, for screen readers; a one-line summary of the data is appended.
    public var description: String
    /// The x axis; `.automatic` turns log when the largest sample is more than 100 times the smallest.
    public var valueAxis: ChartAxis
    /// One step line each, styled by position unless a set has its own style.
    public var series: [SampleSet]
    /// Drawn in a panel of their own at the right, on their own x scale (the `inf` rate, whose
    /// latencies would squeeze the others into a corner); styled after `series`.
    public var sidePanelSeries: [SampleSet]
    /// Under the side panel.
    public var sidePanelLabel: String
    /// Beside the y axis, which runs from 0 to 1.
    public var fractionAxisTitle: String
    /// Fractions marked on every line and named at the right edge ("p50").
    public var markedQuantiles: [Double]
    /// The viewBox size.
    public var size: ChartSize
    /// Nil: an entry per series, named as it is. A series the legend does not name gets a
    /// tooltip of its own.
    var legendEntries: [LegendEntry]?

    public init(
        id: String, title: String, description: String, valueAxis: ChartAxis, series: [SampleSet],
        sidePanelSeries: [SampleSet] = [], sidePanelLabel: String = "inf",
        fractionAxisTitle: String = "Fraction of requests", markedQuantiles: [Double] = [0.5, 0.9, 0.99],
        size: ChartSize = .standard
    ) {
        self.sidePanelSeries = sidePanelSeries
        self.sidePanelLabel = sidePanelLabel
        self.id = id
        self.title = title
        self.description = description
        self.valueAxis = valueAxis
        self.series = series
        self.fractionAxisTitle = fractionAxisTitle
        self.markedQuantiles = markedQuantiles
        self.size = size
    }

    /// The chart as a standalone `<svg>` element, or one that says "No data".
    public func render() -> String {
        let quantiles = markedQuantiles.filter { $0 > 0 && $0 <= 1 }.sorted()
        let all = series + sidePanelSeries
        let lines = all.enumerated().map { index, series in
            (
                series: series, style: series.style ?? .automatic(index), cdf: EmpiricalCDF(samples: series.samples),
                inPanel: index >= self.series.count
            )
        }
        let counts = lines.map { $0.series.count ?? $0.cdf.count }
        var summary = "\(namedCount(all.map(\.name))); \(countSummary(counts, noun: "sample"))."
        let extremes = { (inPanel: Bool) in
            lines.filter { $0.inPanel == inPanel }.flatMap {
                [$0.cdf.sortedSamples.first, $0.cdf.sortedSamples.last].compactMap { $0 }
            }
        }
        let hasPanel = !extremes(false).isEmpty && !extremes(true).isEmpty
        if hasPanel {
            summary += " \(namedCount(sidePanelSeries.map(\.name))) in a panel of their own with their own scale."
        }
        var document = ChartDocument(id: id, size: size, title: title, description: description, summary: summary)
        guard !extremes(false).isEmpty || !extremes(true).isEmpty else { return document.noData() }

        let width = Double(size.width)
        let quantileNames = quantiles.map { "p" + shortestNumber(($0 * 1000).rounded() / 10) }
        let quantileNameWidth =
            quantileNames.map { TextMetrics.width(of: $0, fontSize: ChartMetrics.smallFontSize) }.max() ?? 0
        let legend = Legend(
            entries: legendEntries ?? lines.map { LegendEntry(name: $0.series.name, style: $0.style) }, size: size)
        let size = legend.grown(self.size)
        document.size = size
        let rightEdge = ChartMetrics.padding + max(14, quantileNameWidth + 8)
        let panelWidth = hasPanel ? (width * 0.26).rounded() : 0
        let (area, y) = PlotLayout.fit(
            size: size, top: ChartMetrics.padding + legend.height + 14,
            right: rightEdge + (hasPanel ? panelWidth + ChartMetrics.panelGap : 0)
        ) { area in
            NumericAxis.fitted(
                to: [0, 1], choice: .linear, includesZero: true, rangeStart: area.bottom, rangeEnd: area.top,
                pixelsPerTick: ChartMetrics.yPixelsPerTick)
        }
        let x = PlotLayout.fitXAxis(
            to: hasPanel ? extremes(false) : extremes(false) + extremes(true), choice: valueAxis.scale,
            includesZero: false, area: area)
        let panelArea = PlotArea(
            left: width - rightEdge - panelWidth, top: area.top, right: width - rightEdge, bottom: area.bottom)
        let panelX = PlotLayout.fitXAxis(
            to: extremes(true), choice: valueAxis.scale, includesZero: false, area: panelArea)
        let guidesArea =
            hasPanel ? PlotArea(left: area.left, top: area.top, right: panelArea.right, bottom: area.bottom) : area

        var writer = SVGWriter()
        document.begin(&writer)
        legend.draw(into: &writer)
        writer.leftAxis(y.axisTicks, area: area, title: fractionAxisTitle)
        writer.bottomAxis(
            x.axisTicks, area: area, title: valueAxis.label(isLog: x.isLog), minorGrid: x.minorPositions)
        if hasPanel {
            writer.element(
                "rect",
                [
                    "class": "side-panel", "x": svgNumber(panelArea.left), "y": svgNumber(panelArea.top),
                    "width": svgNumber(panelArea.width), "height": svgNumber(panelArea.height),
                    "fill": "currentColor", "fill-opacity": "0.05",
                ])
            writer.bottomAxis(
                panelX.axisTicks, area: panelArea, title: sidePanelLabel, breakBefore: area.right)
        }
        drawQuantileGuides(quantiles, names: quantileNames, y: y, area: guidesArea, into: &writer)

        let unit = valueAxis.unit.map { " \($0)" } ?? ""
        for line in lines where line.cdf.count > 0 {
            let axis = line.inPanel && hasPanel ? panelX : x
            let points = line.cdf.drawingPoints(keeping: quantiles)
            var path = PathData()
            path.move(axis.position(of: points[0].value), y.position(of: 0))
            for point in points {
                path.horizontal(axis.position(of: point.value))
                path.vertical(y.position(of: point.fraction))
            }
            writer.open("g", seriesAttributes(line.style))
            if !legend.shows(line.series.name) { writer.element("title", text: line.series.name) }
            writer.element("path", lineAttributes(path, style: line.style))
            writer.open("g", ["class": "markers", "stroke": "none"])
            for (quantile, name) in zip(quantiles, quantileNames) {
                guard let value = line.cdf.quantile(quantile) else { continue }
                writer.element(
                    "path", markerAttributes(line.style, x: axis.position(of: value), y: y.position(of: quantile)),
                    tooltip: "\(line.series.name) \(name): \(readableNumber(value))\(unit)")
            }
            writer.close("g")
            writer.close("g")
        }
        document.end(&writer)
        return writer.output
    }

    /// Faint lines across the plot at the marked fractions, named once at the right edge: one
    /// label per fraction rather than one per line, so labels never pile up where lines meet.
    private func drawQuantileGuides(
        _ quantiles: [Double], names: [String], y: NumericAxis, area: PlotArea, into writer: inout SVGWriter
    ) {
        guard !quantiles.isEmpty else { return }
        var guides = PathData()
        for quantile in quantiles {
            guides.move(area.left, y.position(of: quantile))
            guides.horizontal(area.right)
        }
        writer.open("g", ["class": "quantile-guides"])
        writer.element(
            "path",
            [
                "d": guides.text, "stroke": "currentColor", "stroke-opacity": "0.35", "stroke-dasharray": "2 4",
                "fill": "none",
            ])
        writer.open(
            "g",
            [
                "fill": "currentColor", "font-size": NumberText.fixed(ChartMetrics.smallFontSize, decimals: 0),
            ])
        var lastLabelY = Double.infinity
        for (quantile, name) in zip(quantiles, names) {
            let labelY = y.position(of: quantile)
            // Labels closer than a line of text would overlap (p99 and p99.9); keep the first.
            guard lastLabelY - labelY >= ChartMetrics.smallFontSize else { continue }
            writer.element(
                "text", ["x": svgNumber(area.right + 4), "y": svgNumber(labelY), "dy": "0.32em"], text: name)
            lastLabelY = labelY
        }
        writer.close("g")
        writer.close("g")
    }
}
