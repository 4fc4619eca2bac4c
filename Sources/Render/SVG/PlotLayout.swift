/// Sizes shared by every chart, in viewBox units.
enum ChartMetrics {
    static let padding = 10.0
    static let fontSize = 15.0
    static let smallFontSize = 14.0
    static let tickLength = 6.0
    static let tickLabelGap = 3.0
    /// The band left of the y tick labels that holds the rotated y-axis title.
    static let yTitleBand = 20.0
    /// Below the x axis: tick, gap, label, gap, title.
    static let xAxisBand = tickLength + tickLabelGap + fontSize + 10 + fontSize + 4
    static let xPixelsPerTick = 80.0
    static let yPixelsPerTick = 35.0
    /// The plot width of a side panel (the `inf` rate, its own scale).
    static let sidePanelWidth = 40.0
    /// The plot height of a band above the plot (the `inf` point of a curve, its own scale).
    static let topBandHeight = 64.0
    /// Between the main plot and a side panel: room for the break marks.
    static let panelGap = 22.0
    /// Between the top band and the main plot: room for the break marks, and for the band's
    /// lowest tick label and the plot's highest to keep `stackedLabelClearance` apart.
    static let topBandGap = 24.0
    /// The least room between the boxes of two tick labels stacked on a y axis: half an em, less
    /// than the main y axis leaves at a tick per `yPixelsPerTick`.
    static let stackedLabelClearance = fontSize / 2
}

/// The rectangle the data is drawn in.
struct PlotArea: Sendable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
    var centreX: Double { (left + right) / 2 }
    var centreY: Double { (top + bottom) / 2 }
}

/// Fits the plot area and its y axis together: the left margin depends on the widest y tick
/// label, which depends on the plot's height, which may depend on what sits below the x axis.
enum PlotLayout {
    static func fit(
        size: ChartSize, top: Double, right: Double,
        bottomBand: (_ plotWidth: Double) -> Double = { _ in ChartMetrics.xAxisBand },
        leftOverhang: (_ plotWidth: Double) -> Double = { _ in 0 }, yAxis: (PlotArea) -> NumericAxis
    ) -> (area: PlotArea, y: NumericAxis) {
        let width = Double(size.width)
        let height = Double(size.height)
        var left = ChartMetrics.padding + ChartMetrics.yTitleBand + 40
        var result: (area: PlotArea, y: NumericAxis)?
        // Two rounds settle it: labels change width only when the tick step changes.
        for _ in 0..<3 {
            let bottom = height - bottomBand(width - right - left)
            let area = PlotArea(left: left, top: top, right: width - right, bottom: max(bottom, top + 40))
            let axis = yAxis(area)
            result = (area, axis)
            let widest = axis.tickLabels.map { TextMetrics.width(of: $0, fontSize: ChartMetrics.fontSize) }.max() ?? 0
            let forYLabels =
                ChartMetrics.padding + ChartMetrics.yTitleBand + widest + ChartMetrics.tickLabelGap
                + ChartMetrics.tickLength
            // Turned x labels reach left of the plot; they must not leave the picture.
            let forXLabels = ChartMetrics.padding + leftOverhang(area.width)
            let needed = max(forYLabels, forXLabels).rounded(.up)
            if needed == left { break }
            left = needed
        }
        return result!
    }

    /// A numeric x axis whose tick labels do not overlap: fewer ticks until they fit.
    static func fitXAxis(
        to values: [Double], choice: ScaleChoice, includesZero: Bool, area: PlotArea
    ) -> NumericAxis {
        var pixelsPerTick = ChartMetrics.xPixelsPerTick
        var axis = NumericAxis.fitted(
            to: values, choice: choice, includesZero: includesZero, rangeStart: area.left, rangeEnd: area.right,
            pixelsPerTick: pixelsPerTick)
        while pixelsPerTick < area.width, !labelsFit(axis) {
            pixelsPerTick *= 1.25
            axis = NumericAxis.fitted(
                to: values, choice: choice, includesZero: includesZero, rangeStart: area.left, rangeEnd: area.right,
                pixelsPerTick: pixelsPerTick)
        }
        return axis
    }

    private static func labelsFit(_ axis: NumericAxis) -> Bool {
        let positions = axis.ticks.map(axis.position(of:))
        for index in positions.indices.dropFirst() {
            let room = abs(positions[index] - positions[index - 1])
            let needed =
                (TextMetrics.width(of: axis.tickLabels[index], fontSize: ChartMetrics.fontSize)
                    + TextMetrics.width(of: axis.tickLabels[index - 1], fontSize: ChartMetrics.fontSize)) / 2 + 8
            if room < needed { return false }
        }
        return true
    }
}
