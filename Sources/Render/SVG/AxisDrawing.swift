internal import Foundation

/// A tick at a screen position with its label.
struct AxisTick: Sendable {
    var position: Double
    var label: String
    /// A hover text for a label that had to be shortened.
    var fullLabel: String?
}

extension NumericAxis {
    var axisTicks: [AxisTick] {
        zip(ticks, tickLabels).map { AxisTick(position: position(of: $0), label: $1) }
    }

    var minorPositions: [Double] { minorTicks.map(position(of:)) }
}

extension AxisTick {
    /// The box of this tick's label on a y axis: ending at `right`, centred on the tick as drawn
    /// (`dy="0.32em"`).
    func yLabelBox(right: Double, fontSize: Double) -> ScreenRect {
        TextMetrics.box(of: label, right: right, baseline: position + 0.32 * fontSize, fontSize: fontSize)
    }

    /// Of a y axis's ticks (in value order), those to label so that no two labels come within
    /// `clearance` of each other: every k-th tick for the smallest k that fits and keeps both
    /// extremes, so the labels stay evenly spaced; at worst the two extremes, or the first alone
    /// when even they would collide.
    static func labelled(_ ticks: [AxisTick], fontSize: Double, clearance: Double) -> [AxisTick] {
        guard ticks.count > 1 else { return ticks }
        let last = ticks.count - 1
        func collide(_ a: AxisTick, _ b: AxisTick) -> Bool {
            let first = a.yLabelBox(right: 0, fontSize: fontSize)
            let second = b.yLabelBox(right: 0, fontSize: fontSize)
            let grown = ScreenRect(
                left: first.left - clearance, top: first.top - clearance, right: first.right + clearance,
                bottom: first.bottom + clearance)
            return grown.overlap(with: second) > 0
        }
        for step in 1...last where last % step == 0 {
            let kept = stride(from: 0, through: last, by: step).map { ticks[$0] }
            if !zip(kept, kept.dropFirst()).contains(where: collide) { return kept }
        }
        return [ticks[0]]
    }
}

/// How x tick labels stand: level, or turned when long category names would collide.
enum XLabelOrientation {
    case level
    case turned

    static let turnedAngle = 35.0

    /// The height the labels take below the tick marks.
    func band(widestLabel: Double) -> Double {
        switch self {
        case .level: ChartMetrics.fontSize
        case .turned:
            widestLabel * sin(Self.turnedAngle * .pi / 180) + ChartMetrics.fontSize * cos(Self.turnedAngle * .pi / 180)
        }
    }
}

extension SVGWriter {
    /// The y axis: grid lines across the plot, tick marks, labels and the rotated title.
    mutating func leftAxis(_ ticks: [AxisTick], area: PlotArea, title: String, minorGrid: [Double] = []) {
        open("g", ["class": "axis axis-y"])
        var minor = PathData()
        for position in minorGrid {
            minor.move(area.left, position)
            minor.horizontal(area.right)
        }
        gridPath(minor, opacity: "0.05")
        var grid = PathData()
        var marks = PathData()
        for tick in ticks {
            grid.move(area.left, tick.position)
            grid.horizontal(area.right)
            marks.move(area.left - ChartMetrics.tickLength, tick.position)
            marks.horizontal(area.left)
        }
        gridPath(grid)
        element("path", ["class": "ticks", "d": marks.text, "stroke": "currentColor", "fill": "none"])
        open("g", ["class": "tick-labels", "fill": "currentColor", "text-anchor": "end"])
        let labelX = svgNumber(area.left - ChartMetrics.tickLength - ChartMetrics.tickLabelGap)
        for tick in ticks {
            element("text", ["x": labelX, "y": svgNumber(tick.position), "dy": "0.32em"], text: tick.label)
        }
        close("g")
        let titleText = TextMetrics.truncated(title, toWidth: area.height + 28, fontSize: ChartMetrics.fontSize)
        let titleX = ChartMetrics.padding + ChartMetrics.fontSize * 0.8
        element(
            "text",
            [
                "class": "axis-title", "fill": "currentColor", "text-anchor": "middle",
                "transform": "translate(\(svgNumber(titleX)),\(svgNumber(area.centreY))) rotate(-90)",
            ], text: titleText)
        close("g")
    }

    /// The x axis: optional grid lines, the baseline (with a break mark where the scale jumps),
    /// tick marks, labels and the title below them.
    mutating func bottomAxis(
        _ ticks: [AxisTick], area: PlotArea, title: String, drawsGrid: Bool = true,
        orientation: XLabelOrientation = .level, labelBand: Double = ChartMetrics.fontSize, breakAt: Double? = nil,
        minorGrid: [Double] = [], breakBefore mainRight: Double? = nil
    ) {
        open("g", ["class": "axis axis-x"])
        var minor = PathData()
        for position in minorGrid {
            minor.move(position, area.top)
            minor.vertical(area.bottom)
        }
        gridPath(minor, opacity: "0.05")
        var marks = PathData()
        var grid = PathData()
        for tick in ticks {
            grid.move(tick.position, area.top)
            grid.vertical(area.bottom)
            marks.move(tick.position, area.bottom)
            marks.vertical(area.bottom + ChartMetrics.tickLength)
        }
        if drawsGrid { gridPath(grid) }
        var baseline = PathData()
        baseline.move(area.left, area.bottom)
        if let breakAt {
            // A gap in the baseline with two slashes: the usual sign of a broken axis.
            baseline.horizontal(breakAt - 4)
            baseline.move(breakAt + 4, area.bottom)
            baseline.horizontal(area.right)
            for offset in [-4.0, 4.0] {
                baseline.move(breakAt + offset - 3, area.bottom + 5)
                baseline.line(breakAt + offset + 3, area.bottom - 5)
            }
        } else {
            baseline.horizontal(area.right)
        }
        if let mainRight {
            // A side panel: two slashes in the gap between it and the main plot.
            for x in [mainRight + 3, area.left - 3] {
                baseline.move(x - 3, area.bottom + 5)
                baseline.line(x + 3, area.bottom - 5)
            }
        }
        element("path", ["class": "domain", "d": baseline.text, "stroke": "currentColor", "fill": "none"])
        element("path", ["class": "ticks", "d": marks.text, "stroke": "currentColor", "fill": "none"])
        let labelY = area.bottom + ChartMetrics.tickLength + ChartMetrics.tickLabelGap
        switch orientation {
        case .level:
            open("g", ["class": "tick-labels", "fill": "currentColor", "text-anchor": "middle"])
            for tick in ticks {
                labelText(tick, ["x": svgNumber(tick.position), "y": svgNumber(labelY), "dy": "0.71em"])
            }
        case .turned:
            open("g", ["class": "tick-labels", "fill": "currentColor", "text-anchor": "end"])
            for tick in ticks {
                let turn = "translate(\(svgNumber(tick.position)),\(svgNumber(labelY + 2))) rotate(-35)"
                labelText(tick, ["transform": turn, "dy": "0.32em"])
            }
        }
        close("g")
        if !title.isEmpty {
            let titleY = labelY + labelBand + 10 + ChartMetrics.fontSize * 0.8
            let titleText = TextMetrics.truncated(title, toWidth: area.width + 40, fontSize: ChartMetrics.fontSize)
            element(
                "text",
                [
                    "class": "axis-title", "fill": "currentColor", "text-anchor": "middle",
                    "x": svgNumber(area.centreX), "y": svgNumber(titleY),
                ], text: titleText)
        }
        close("g")
    }

    /// The faint background of a panel on its own scale, with its minor grid lines.
    private mutating func panelBackground(area: PlotArea, minorGrid: [Double]) {
        element(
            "rect",
            [
                "x": svgNumber(area.left), "y": svgNumber(area.top), "width": svgNumber(area.width),
                "height": svgNumber(area.height), "fill": "currentColor", "fill-opacity": "0.05",
            ])
        var minor = PathData()
        for position in minorGrid {
            minor.move(area.left, position)
            minor.horizontal(area.right)
        }
        gridPath(minor, opacity: "0.05")
    }

    /// A narrow panel beside the main plot with its own value scale (`inf`): a faint background,
    /// grid lines and tick labels on its right, its baseline, and break marks in the gap before it.
    /// `ticks` run along y; `label` names its one x position.
    mutating func sidePanel(
        _ ticks: [AxisTick], area: PlotArea, label: String, gapFrom mainRight: Double, minorGrid: [Double] = []
    ) {
        open("g", ["class": "side-panel"])
        panelBackground(area: area, minorGrid: minorGrid)
        var grid = PathData()
        var marks = PathData()
        for tick in ticks {
            grid.move(area.left, tick.position)
            grid.horizontal(area.right)
            marks.move(area.right, tick.position)
            marks.horizontal(area.right + ChartMetrics.tickLength)
        }
        gridPath(grid)
        // The baseline, a tick under the one position, and two slashes on each side of the gap.
        var baseline = PathData()
        baseline.move(area.left, area.bottom)
        baseline.horizontal(area.right)
        baseline.move(area.centreX, area.bottom)
        baseline.vertical(area.bottom + ChartMetrics.tickLength)
        for x in [mainRight + 3, area.left - 3] {
            baseline.move(x - 3, area.bottom + 5)
            baseline.line(x + 3, area.bottom - 5)
        }
        element("path", ["class": "domain", "d": baseline.text, "stroke": "currentColor", "fill": "none"])
        element("path", ["class": "ticks", "d": marks.text, "stroke": "currentColor", "fill": "none"])
        open("g", ["class": "tick-labels", "fill": "currentColor", "text-anchor": "start"])
        let labelX = svgNumber(area.right + ChartMetrics.tickLength + ChartMetrics.tickLabelGap)
        for tick in ticks {
            element("text", ["x": labelX, "y": svgNumber(tick.position), "dy": "0.32em"], text: tick.label)
        }
        close("g")
        element(
            "text",
            [
                "fill": "currentColor", "text-anchor": "middle", "x": svgNumber(area.centreX),
                "y": svgNumber(area.bottom + ChartMetrics.tickLength + ChartMetrics.tickLabelGap), "dy": "0.71em",
            ], text: label)
        close("g")
    }

    /// A short band above the main plot with its own value scale (`inf` on a curve): a faint
    /// background, grid lines, tick marks and labels on the left like the main y axis, and break
    /// marks on the y axis in the gap before the main plot. `xGrid` continues the x grid.
    mutating func topBand(
        _ ticks: [AxisTick], area: PlotArea, xGrid: [Double], gapTo mainTop: Double, minorGrid: [Double] = []
    ) {
        open("g", ["class": "top-band"])
        panelBackground(area: area, minorGrid: minorGrid)
        // The band is short: label only ticks whose labels keep half an em apart; the others
        // keep their grid line.
        let labelled = AxisTick.labelled(
            ticks, fontSize: ChartMetrics.fontSize, clearance: ChartMetrics.stackedLabelClearance)
        var grid = PathData()
        var marks = PathData()
        for tick in ticks {
            grid.move(area.left, tick.position)
            grid.horizontal(area.right)
        }
        for tick in labelled {
            marks.move(area.left - ChartMetrics.tickLength, tick.position)
            marks.horizontal(area.left)
        }
        for position in xGrid {
            grid.move(position, area.top)
            grid.vertical(area.bottom)
        }
        gridPath(grid)
        // Two slashes across the y axis in the gap below: the usual sign of a broken axis.
        var axisLine = PathData()
        for y in [area.bottom + 3, mainTop - 3] {
            axisLine.move(area.left - 5, y + 3)
            axisLine.line(area.left + 5, y - 3)
        }
        element("path", ["class": "domain", "d": axisLine.text, "stroke": "currentColor", "fill": "none"])
        element("path", ["class": "ticks", "d": marks.text, "stroke": "currentColor", "fill": "none"])
        open("g", ["class": "tick-labels", "fill": "currentColor", "text-anchor": "end"])
        let labelX = svgNumber(area.left - ChartMetrics.tickLength - ChartMetrics.tickLabelGap)
        for tick in labelled {
            element("text", ["x": labelX, "y": svgNumber(tick.position), "dy": "0.32em"], text: tick.label)
        }
        close("g")
        close("g")
    }

    private mutating func labelText(_ tick: AxisTick, _ attributes: KeyValuePairs<String, String>) {
        guard let fullLabel = tick.fullLabel else {
            element("text", attributes, text: tick.label)
            return
        }
        open("g")
        element("title", text: fullLabel)
        element("text", attributes, text: tick.label)
        close("g")
    }

    /// Grid lines in the text colour, faint, so they follow a dark theme.
    private mutating func gridPath(_ grid: PathData, opacity: String = "0.1") {
        guard !grid.text.isEmpty else { return }
        element(
            "path",
            ["class": "grid", "d": grid.text, "stroke": "currentColor", "stroke-opacity": opacity, "fill": "none"])
    }
}
