internal import Foundation

/// Samples by category: every sample as a dot, spread sideways by a fixed pattern, over a box from
/// the 25th to the 75th percentile with a median line and whiskers to the minimum and maximum.
///
/// ```swift
/// DistributionChart(
///     id: "latency-iterations", title: "Latency per iteration", description: "Each latency test's iterations.",
///     valueAxis: ChartAxis("Latency", unit: "s"),
///     groups: [SampleSet("latency_llama8B_tp1", samples: [1.21, 1.19, 1.25]), SampleSet("latency_llama70B_tp4", samples: [3.4, 3.5])]
/// ).render()
/// ```
public struct DistributionChart: Sendable {
    /// Makes the element ids (`<id>-title`, `<id>-desc`): lower-cased, anything but a–z, 0–9 becomes "-".
    public var id: String
    /// The accessible name (`<title>`); the page shows its own caption.
    public var title: String
    /// What the data shows, for screen readers; a one-line summary of the data is appended.
    public var description: String
    /// The y axis; `.automatic` turns log when the largest sample is more than 100 times the smallest.
    public var valueAxis: ChartAxis
    /// One category each, left to right; all in the first palette colour unless a set has its own style.
    public var groups: [SampleSet]
    /// Below the category names; empty for none.
    public var categoryAxisTitle: String
    /// The viewBox size.
    public var size: ChartSize

    /// Dots drawn per group at most; beyond it, evenly spaced ranks stand for the rest.
    static let maximumDots = 300
    /// The longest a category label may be before it is shortened (its full name shows on hover).
    static let longestLabelWidth = 190.0

    public init(
        id: String, title: String, description: String, valueAxis: ChartAxis, groups: [SampleSet],
        categoryAxisTitle: String = "", size: ChartSize = .standard
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.valueAxis = valueAxis
        self.groups = groups
        self.categoryAxisTitle = categoryAxisTitle
        self.size = size
    }

    /// The chart as a standalone `<svg>` element, or one that says "No data".
    public func render() -> String {
        let boxes = groups.enumerated().map { index, group in
            (
                group: group, style: group.style ?? SeriesStyle(colour: 1),
                sorted: EmpiricalCDF(samples: group.samples).sortedSamples
            )
        }
        let summary =
            "\(namedCount(groups.map(\.name), noun: "group", pluralNoun: "groups")); "
            + "\(countSummary(boxes.map(\.sorted.count), noun: "sample")). Boxes span the 25th to 75th percentile, "
            + "with a line at the median and whiskers to the minimum and maximum."
        let document = ChartDocument(id: id, size: size, title: title, description: description, summary: summary)
        let extremes = boxes.flatMap { [$0.sorted.first, $0.sorted.last].compactMap { $0 } }
        guard !extremes.isEmpty else { return document.noData() }

        let labels = boxes.map {
            TextMetrics.truncated($0.group.name, toWidth: Self.longestLabelWidth, fontSize: ChartMetrics.fontSize)
        }
        let widestLabel = labels.map { TextMetrics.width(of: $0, fontSize: ChartMetrics.fontSize) }.max() ?? 0
        let orientation = { (plotWidth: Double) -> XLabelOrientation in
            widestLabel + 8 > plotWidth / Double(max(labels.count, 1)) ? .turned : .level
        }
        let bandBelow = { (plotWidth: Double) -> Double in
            let band = orientation(plotWidth).band(widestLabel: widestLabel)
            let titleBand = categoryAxisTitle.isEmpty ? 10 + ChartMetrics.fontSize : 0
            return ChartMetrics.xAxisBand - ChartMetrics.fontSize + band - titleBand
        }
        let keyTop = ChartMetrics.padding
        let fitValueAxis = { (area: PlotArea) in
            NumericAxis.fitted(
                to: extremes, choice: valueAxis.scale, includesZero: false, rangeStart: area.bottom,
                rangeEnd: area.top, pixelsPerTick: ChartMetrics.yPixelsPerTick)
        }
        let turnedLabelsOverhang = { (plotWidth: Double) -> Double in
            guard orientation(plotWidth) == .turned else { return 0 }
            let reach = widestLabel * cos(XLabelOrientation.turnedAngle * .pi / 180)
            return max(0, reach - plotWidth / Double(max(labels.count, 1)) / 2)
        }
        let (area, y) = PlotLayout.fit(
            size: size, top: keyTop + Legend.rowHeight + 14, right: ChartMetrics.padding + 10, bottomBand: bandBelow,
            leftOverhang: turnedLabelsOverhang, yAxis: fitValueAxis)
        let x = PointScale(count: boxes.count, rangeStart: area.left, rangeEnd: area.right)
        let ticks = boxes.indices.map { index in
            AxisTick(
                position: x.position(at: index), label: labels[index],
                fullLabel: labels[index] == boxes[index].group.name ? nil : boxes[index].group.name)
        }
        let boxWidth = min(abs(x.step) * 0.5, 48)

        var writer = SVGWriter()
        document.begin(&writer)
        writer.element(
            "text",
            [
                "class": "legend-note", "x": svgNumber(ChartMetrics.padding),
                "y": svgNumber(keyTop + Legend.rowHeight / 2), "dy": "0.32em", "fill": "currentColor",
                "fill-opacity": "0.8",
            ], text: "Dots: samples · box: 25th–75th percentile · line: median · whiskers: min–max")
        writer.leftAxis(y.axisTicks, area: area, title: valueAxis.label(isLog: y.isLog), minorGrid: y.minorPositions)
        let turned = orientation(area.width)
        writer.bottomAxis(
            ticks, area: area, title: categoryAxisTitle, drawsGrid: false, orientation: turned,
            labelBand: turned.band(widestLabel: widestLabel))
        let unit = valueAxis.unit.map { " \($0)" } ?? ""
        let span = { (low: Double, high: Double) in "\(readableNumber(low))–\(readableNumber(high))\(unit)" }
        for (index, box) in boxes.enumerated() {
            guard let summary = BoxSummary(samples: box.sorted) else { continue }
            let tooltip =
                "\(box.group.name): \(summary.count) samples, median \(readableNumber(summary.median))\(unit), "
                + "25th–75th percentile \(span(summary.lowerQuartile, summary.upperQuartile)), "
                + "min–max \(span(summary.minimum, summary.maximum))"
            drawBox(
                summary, sorted: box.sorted, style: box.style, centre: x.position(at: index), width: boxWidth, y: y,
                tooltip: tooltip, into: &writer)
        }
        document.end(&writer)
        return writer.output
    }

    private func drawBox(
        _ summary: BoxSummary, sorted: [Double], style: SeriesStyle, centre: Double, width: Double, y: NumericAxis,
        tooltip: String, into writer: inout SVGWriter
    ) {
        writer.open("g", seriesAttributes(style, extraClass: "distribution"))
        writer.element("title", text: tooltip)
        let upper = y.position(of: summary.upperQuartile)
        let lower = y.position(of: summary.lowerQuartile)
        var whiskers = PathData()
        for (end, edge) in [(summary.maximum, upper), (summary.minimum, lower)] {
            let endY = y.position(of: end)
            whiskers.move(centre, edge)
            whiskers.vertical(endY)
            whiskers.move(centre - width / 4, endY)
            whiskers.horizontal(centre + width / 4)
        }
        writer.element("path", ["class": "whiskers", "d": whiskers.text, "fill": "none", "stroke-width": "1.5"])
        writer.element(
            "rect",
            [
                "class": "box", "x": svgNumber(centre - width / 2), "y": svgNumber(upper), "width": svgNumber(width),
                "height": svgNumber(max(lower - upper, 0)), "fill-opacity": "0.15", "stroke-width": "1.5",
            ])
        var median = PathData()
        median.move(centre - width / 2, y.position(of: summary.median))
        median.horizontal(centre + width / 2)
        writer.element("path", ["class": "median", "d": median.text, "fill": "none", "stroke-width": "3"])
        writer.open("g", ["class": "dots", "stroke": "none", "fill-opacity": "0.6"])
        for (rank, value) in Self.dotSamples(sorted).enumerated() {
            writer.element(
                "circle",
                [
                    "cx": svgNumber(centre + Self.jitter(rank) * width * 0.8), "cy": svgNumber(y.position(of: value)),
                    "r": "2.2",
                ])
        }
        writer.close("g")
        writer.close("g")
    }

    /// All samples, or evenly spaced ranks of them when there are more than `maximumDots`.
    static func dotSamples(_ sorted: [Double]) -> [Double] {
        guard sorted.count > maximumDots else { return sorted }
        return (0..<maximumDots).map {
            sorted[Int((Double($0) * Double(sorted.count - 1) / Double(maximumDots - 1)).rounded())]
        }
    }

    /// A sideways offset in -0.5…0.5 from the rank by the golden ratio: neighbours in value land far
    /// apart, and the same data always looks the same.
    static func jitter(_ rank: Int) -> Double {
        let golden = 0.618_033_988_749_895
        return (Double(rank + 1) * golden).truncatingRemainder(dividingBy: 1) - 0.5
    }
}
