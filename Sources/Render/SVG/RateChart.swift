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
    /// Nil: an entry per series, named as it is. A series the legend does not name gets a
    /// tooltip of its own.
    var legendEntries: [LegendEntry]?

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
    ///
    /// With `inf` and finite rates both present, `inf` gets its own narrow panel at the right
    /// with its own y scale, after a break: its values (every request at once) are often ten
    /// times the others and would otherwise flatten them onto the floor.
    public func render() -> String {
        let lines = series.enumerated().map { index, series in
            (series: series, style: series.style ?? .automatic(index), points: Self.drawable(series.points))
        }
        let rates = Set(lines.flatMap { $0.points.map(\.rate) }).sorted()
        let rateTexts = rates.map(rateLabel)
        var summary =
            "\(namedCount(series.map(\.name))) at request rates \(rateTexts.joined(separator: ", ")) req/s; "
            + "\(countSummary(lines.map(\.points.count), noun: "point"))."
        let shared = Set(lines.flatMap { Self.sharedRates($0.points) }).sorted()
        if !shared.isEmpty {
            summary +=
                " Several runs share a rate (\(shared.map(rateLabel).joined(separator: ", "))): a point each, "
                + "the line through their mean."
        }
        let finiteRates = rates.filter(\.isFinite)
        let hasPanel = rates.last == .infinity && !finiteRates.isEmpty
        if hasPanel { summary += " inf is drawn in its own panel with its own scale." }
        var document = ChartDocument(id: id, size: size, title: title, description: description, summary: summary)
        guard !rates.isEmpty else { return document.noData() }

        let width = Double(size.width)
        let legend = Legend(
            entries: legendEntries ?? lines.map { LegendEntry(name: $0.series.name, style: $0.style) }, size: size)
        let size = legend.grown(self.size)
        document.size = size
        let top = ChartMetrics.padding + legend.height + 14
        let bottom = max(Double(size.height) - ChartMetrics.xAxisBand, top + 40)
        let mainRates = hasPanel ? finiteRates : rates
        let mainValues = lines.flatMap { $0.points.filter { mainRates.contains($0.rate) }.map(\.value) }

        // The inf panel: a narrow plot with its tick labels on its right.
        var infPanel: (area: PlotArea, y: NumericAxis)?
        var mainRight = ChartMetrics.padding + 10
        if hasPanel {
            let infValues = lines.flatMap { $0.points.filter { !$0.rate.isFinite }.map(\.value) }
            let axis = NumericAxis.fitted(
                to: infValues, choice: valueAxis.scale, includesZero: true, rangeStart: bottom, rangeEnd: top,
                pixelsPerTick: ChartMetrics.yPixelsPerTick)
            let labels = axis.tickLabels.map { TextMetrics.width(of: $0, fontSize: ChartMetrics.fontSize) }.max() ?? 0
            let right = width - ChartMetrics.padding - labels - ChartMetrics.tickLength - ChartMetrics.tickLabelGap
            let area = PlotArea(left: right - ChartMetrics.sidePanelWidth, top: top, right: right, bottom: bottom)
            infPanel = (area, axis)
            mainRight = width - area.left + ChartMetrics.panelGap
        }
        let (area, yAxis) = PlotLayout.fit(size: size, top: top, right: mainRight) { area in
            NumericAxis.fitted(
                to: mainValues, choice: valueAxis.scale, includesZero: true, rangeStart: area.bottom,
                rangeEnd: area.top, pixelsPerTick: ChartMetrics.yPixelsPerTick)
        }
        let xScale = PointScale(count: mainRates.count, rangeStart: area.left, rangeEnd: area.right)
        let xPosition = { (rate: Double) in
            rate.isFinite || !hasPanel
                ? xScale.position(at: mainRates.firstIndex(of: rate) ?? 0) : (infPanel?.area.centreX ?? 0)
        }
        let xTicks = mainRates.map { AxisTick(position: xPosition($0), label: rateLabel($0)) }

        var writer = SVGWriter()
        document.begin(&writer)
        legend.draw(into: &writer)
        writer.leftAxis(
            yAxis.axisTicks, area: area, title: valueAxis.label(isLog: yAxis.isLog), minorGrid: yAxis.minorPositions)
        writer.bottomAxis(xTicks, area: area, title: rateAxisTitle)
        if let infPanel {
            writer.sidePanel(
                infPanel.y.axisTicks, area: infPanel.area, label: "inf", gapFrom: area.right,
                minorGrid: infPanel.y.minorPositions)
        }
        let unit = valueAxis.unit.map { " \($0)" } ?? ""
        for line in lines where !line.points.isEmpty {
            let axisOf = { (point: RatePoint) in point.rate.isFinite || !hasPanel ? yAxis : infPanel!.y }
            writer.open("g", seriesAttributes(line.style))
            if !legend.shows(line.series.name) { writer.element("title", text: line.series.name) }
            // One line through the mean of each rate's runs, within a panel only: the distance
            // to `inf` is not to scale.
            let joined = line.points.filter { $0.rate.isFinite }
            let means = Self.means(joined).map { (x: xPosition($0.rate), y: yAxis.position(of: $0.value)) }
            if means.count > 1 {
                writer.element("path", lineAttributes(PathData.polyline(means), style: line.style))
            }
            writer.open("g", ["class": "markers", "stroke": "none"])
            for point in line.points {
                let rate = point.rate.isFinite ? "\(rateLabel(point.rate)) req/s" : "inf"
                writer.element(
                    "path",
                    markerAttributes(line.style, x: xPosition(point.rate), y: axisOf(point).position(of: point.value)),
                    tooltip: "\(line.series.name), \(rate): \(readableNumber(point.value))\(unit)")
            }
            writer.close("g")
            writer.close("g")
        }
        document.end(&writer)
        return writer.output
    }

    /// Points with a usable rate and a finite value, in rate order (`inf` last); several at one
    /// rate (replicates) all stay.
    static func drawable(_ points: [RatePoint]) -> [RatePoint] {
        points.filter { $0.rate >= 0 && $0.value.isFinite }.enumerated()
            .sorted { $0.element.rate != $1.element.rate ? $0.element.rate < $1.element.rate : $0.offset < $1.offset }
            .map(\.element)
    }

    /// The mean value at each rate, in rate order.
    static func means(_ points: [RatePoint]) -> [RatePoint] {
        let byRate = Dictionary(grouping: points, by: \.rate)
        return byRate.keys.sorted().map { rate in
            let values = byRate[rate]!.map(\.value)
            return RatePoint(rate: rate, value: values.reduce(0, +) / Double(values.count))
        }
    }

    /// Rates with more than one point of one series.
    static func sharedRates(_ points: [RatePoint]) -> [Double] {
        Dictionary(grouping: points, by: \.rate).filter { $0.value.count > 1 }.keys.sorted()
    }
}

/// The one spelling of a request rate in charts and tables: `4`, `0.5`, `inf`.
func rateLabel(_ rate: Double) -> String {
    rate.isFinite ? shortestNumber(rate) : "inf"
}
