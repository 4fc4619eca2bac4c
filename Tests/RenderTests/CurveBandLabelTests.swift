import Testing

@testable import Render

/// The `inf` band above a latency–throughput curve is short: its tick labels must never overlap
/// each other or the main y axis's labels below the break, whatever its values, at the chart's
/// size and laid out for a phone's 390 px column.
@Suite struct CurveBandLabelTests {
    struct Label {
        var x: Double
        var y: Double
        var text: String

        /// Its box by the renderer's own text estimate, right-aligned at x, centred on y.
        var box: ScreenRect {
            AxisTick(position: y, label: text).yLabelBox(right: x, fontSize: ChartMetrics.fontSize)
        }
    }

    /// The `<text>` labels of the first `<g class="tick-labels">` after `marker`.
    static func labels(_ svg: String, after marker: String) throws -> [Label] {
        let start = try #require(svg.range(of: marker))
        let group = try #require(svg.range(of: #"<g class="tick-labels""#, range: start.upperBound..<svg.endIndex))
        let end = try #require(svg.range(of: "</g>", range: group.upperBound..<svg.endIndex))
        return svg[group.upperBound..<end.lowerBound].matches(of: /<text x="([-0-9.]+)" y="([-0-9.]+)"[^>]*>([^<]*)</)
            .map { Label(x: Double($0.1)!, y: Double($0.2)!, text: String($0.3)) }
    }

    /// The band's top and bottom, and how many ticks its grid has.
    static func band(_ svg: String) throws -> (top: Double, bottom: Double, ticks: Int) {
        let start = try #require(svg.range(of: #"<g class="top-band">"#))
        let rest = svg[start.upperBound...]
        let rect = try #require(
            rest.firstMatch(of: /<rect x="[-0-9.]+" y="([-0-9.]+)" width="[-0-9.]+" height="([-0-9.]+)"/))
        let grid = try #require(rest.firstMatch(of: /class="grid" d="([^"]*)"/))
        // One horizontal grid line per tick, labelled or not.
        return (Double(rect.1)!, Double(rect.1)! + Double(rect.2)!, grid.1.count { $0 == "H" })
    }

    static func chart(inf: [Double], size: ChartSize) -> CurveChart {
        CurveChart(
            id: "band", title: "t", description: "d", xAxis: ChartAxis("Output throughput", unit: "tok/s"),
            yAxis: ChartAxis("TTFT p99", unit: "ms", scale: .linear),
            series: inf.enumerated().map { index, value in
                CurveSeries(
                    index == 0 ? "base" : "head",
                    points: [
                        CurvePoint(x: 207, y: 170, label: "1"), CurvePoint(x: 601, y: 210, label: "4"),
                        CurvePoint(x: 948, y: 280, label: "16"),
                        CurvePoint(x: 1158 + 90 * Double(index), y: value, label: "inf", hasOwnScale: true),
                    ])
            }, size: size)
    }

    static let sizes = [ChartSize.standard, ChartSize(width: 390, height: 276)]

    /// `inf` values over many spreads, among them the example diff's Qwen2.5-7B band (2,800 to
    /// 3,400 ms), which crowded four labels into 64 units.
    static let infValues: [[Double]] = [
        [2950, 3250], [3238.9, 2957.8], [1018.45, 1280.1], [26_300, 26_340], [100, 101], [100, 140], [12, 99],
        [0.5, 0.9], [999, 1001], [4_100, 5_900], [61, 79], [7, 7], [1234.5],
    ]

    @Test(arguments: sizes)
    func bandLabelsNeverOverlapAndKeepTheExtremes(size: ChartSize) throws {
        var thinned = 0
        for inf in Self.infValues {
            let svg = Self.chart(inf: inf, size: size).render()
            let band = try Self.band(svg)
            let bandLabels = try Self.labels(svg, after: #"<g class="top-band">"#)
            let mainLabels = try Self.labels(svg, after: #"<g class="axis axis-y">"#)
            #expect(bandLabels.count >= 2, "\(inf)")
            // The extremes stay labelled: the band's top and bottom ticks, inset so that markers
            // on them stay inside the band.
            let positions = bandLabels.map(\.y)
            #expect(
                positions.min() == band.top + CurveChart.bandInset
                    && positions.max() == band.bottom - CurveChart.bandInset, "\(inf) \(positions)")
            let all = bandLabels + mainLabels
            for (index, label) in all.enumerated() {
                for other in all[(index + 1)...] {
                    #expect(
                        label.box.overlap(with: other.box) == 0, "\(inf) at \(size): \(label.text) and \(other.text)")
                    if bandLabels.contains(where: { $0.y == label.y }) {
                        // Half an em between stacked labels, so they read as separate lines.
                        #expect(abs(label.y - other.y) >= ChartMetrics.fontSize * 1.5, "\(inf): \(label.text)")
                    }
                }
            }
            if band.ticks > bandLabels.count { thinned += 1 }
        }
        // Some bands had more ticks than fit: the test saw the thinning at work.
        #expect(thinned > 0)
    }

    @Test func labelledTicksAreEvenlySpacedWhereTheyCanBe() {
        let five = (0..<5).map { AxisTick(position: 106 - 16 * Double($0), label: "\(2800 + 200 * $0)") }
        #expect(
            AxisTick.labelled(five, fontSize: 15, clearance: 7.5).map(\.label) == ["2800", "3200", "3600"])
        let four = (0..<4).map { AxisTick(position: 106 - 21.3 * Double($0), label: "\(2800 + 200 * $0)") }
        #expect(AxisTick.labelled(four, fontSize: 15, clearance: 7.5).map(\.label) == ["2800", "3400"])
        let three = (0..<3).map { AxisTick(position: 106 - 32 * Double($0), label: "\(1000 + 200 * $0)") }
        #expect(AxisTick.labelled(three, fontSize: 15, clearance: 7.5).count == 3)
        let crowded = [AxisTick(position: 10, label: "1"), AxisTick(position: 12, label: "2")]
        #expect(AxisTick.labelled(crowded, fontSize: 15, clearance: 7.5).map(\.label) == ["1"])
    }
}
