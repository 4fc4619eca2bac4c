import Foundation
import Testing

@testable import Render

/// The history site's full trend chart: runs labelled along the x axis, change points labelled
/// above the plot, none of it overlapping. Extents are measured from the emitted SVG with the
/// same width estimate the layout uses.
@Suite struct TrendChartTests {
    /// `count` daily runs from `start`, with a wiggle; runs drawn as the history site draws them.
    static func points(count: Int, start: String = "2025-12-01") -> [TrendChart.Point] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let first = formatter.date(from: start)!
        let values = (0..<count).map { 40 + Double($0 % 7) * 0.3 }
        return TrendChart.points(values: values) { run in
            (
                formatter.string(from: first.addingTimeInterval(Double(run) * 86_400)),
                String(format: "%07x", run * 7919 + 4096)
            )
        }
    }

    static func chart(count: Int, markers: [TrendChart.Marker] = [], start: String = "2025-12-01") -> TrendChart {
        TrendChart(
            id: "trend", title: "TTFT p99 · llama", description: "Over runs, oldest first.",
            points: points(count: count, start: start), runCount: count, markers: markers, unit: .milliseconds,
            compact: false)
    }

    static func marker(_ run: Int, _ percent: String, isWorse: Bool = true) -> TrendChart.Marker {
        TrendChart.Marker(
            run: run, label: "\(percent) (49.60 → 56.75 ms) between f5209b45f930 and a3d2e32cf767", isWorse: isWorse)
    }

    /// A `<text>` of the SVG: its box in viewBox units, from its anchor and estimated width.
    struct TextBox {
        var text: String
        var x: Double
        var y: Double
        var left: Double
        var right: Double
        var top: Double { y - ChartMetrics.fontSize * 0.8 }
        var bottom: Double { y + ChartMetrics.fontSize * 0.2 }

        func overlaps(_ other: TextBox) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
    }

    /// The `<text>` elements on the lines of `svg` that match `filter`; `anchor` where the
    /// element inherits its `text-anchor`.
    static func texts(in svg: String, anchor inherited: String = "start") -> [TextBox] {
        svg.split(separator: "\n").compactMap { line -> TextBox? in
            guard let match = line.firstMatch(of: /<text ([^>]*)>([^<]*)<\/text>/) else { return nil }
            var attributes: [String: String] = [:]
            for attribute in match.1.matches(of: /([a-z-]+)="([^"]*)"/) {
                attributes[String(attribute.1)] = String(attribute.2)
            }
            let text = String(match.2).replacingOccurrences(of: "&amp;", with: "&")
            let x = Double(attributes["x"] ?? "") ?? .nan
            let width = TextMetrics.width(of: text, fontSize: ChartMetrics.fontSize)
            let left =
                switch attributes["text-anchor"] ?? inherited {
                case "end": x - width
                case "middle": x - width / 2
                default: x
                }
            return TextBox(text: text, x: x, y: Double(attributes["y"] ?? "") ?? .nan, left: left, right: left + width)
        }
    }

    /// The x-axis labels: the lines of the `tick-labels` group.
    static func tickLabels(_ svg: String) throws -> [TextBox] {
        let start = try #require(svg.range(of: "<g class=\"tick-labels\""))
        let end = try #require(svg[start.upperBound...].range(of: "</g>"))
        return texts(in: String(svg[start.lowerBound..<end.lowerBound]), anchor: "middle")
    }

    static func markerLabels(_ svg: String) -> [TextBox] {
        texts(
            in: svg.split(separator: "\n").filter { $0.contains("class=\"change-point-label\"") }.joined(
                separator: "\n"))
    }

    // MARK: - The x axis

    @Test(arguments: [1, 2, 3, 7, 12, 31, 60, 99, 150, 200, 201, 365, 1_000, 5_000])
    func runLabelsNeverOverlapAndTheLastRunIsLabelled(count: Int) throws {
        let chart = Self.chart(count: count)
        let svg = chart.render()
        let labels = try Self.tickLabels(svg)
        #expect(labels.count >= 2 * min(count, 2), "\(labels.map(\.text))")
        for (index, label) in labels.enumerated() {
            #expect(label.left >= 0 && label.right <= 480, "\(label.text) outside the chart")
            #expect(label.bottom <= 220, "\(label.text) below the chart")
            for other in labels[(index + 1)...] {
                #expect(!label.overlaps(other), "\(label.text) overlaps \(other.text)")
            }
        }
        // Two lines a run: its date over its commit. The last run is the last tick.
        #expect(labels.suffix(1).map(\.text) == [try #require(chart.points.last).commit])
        let last = chart.points.count - 1
        let ticks = TrendLabels.ticks(
            points: chart.points, position: { 64 + 404 * Double($0) / Double(max(last, 1)) }, bounds: 2...478)
        #expect(ticks.last?.index == last)
        #expect(labels.count == 2 * ticks.count)
        // Enough ticks to read the axis by, on points in order.
        #expect(ticks.map(\.index) == ticks.map(\.index).sorted())
        #expect(ticks.count >= min(count, 3))
    }

    @Test func ticksFallOnNiceRunsAndTheLastOne() throws {
        let chart = Self.chart(count: 60)
        let ticks = TrendLabels.ticks(points: chart.points, position: { 64 + 404 * Double($0) / 59 }, bounds: 2...478)
        #expect(ticks.map(\.index) == [0, 20, 40, 59])
        // The year once, then only where it changes; every tick with a 7-character commit.
        #expect(ticks.map(\.date) == ["2025-12-01", "12-21", "2026-01-10", "01-29"])
        #expect(ticks.allSatisfy { $0.commit.count == 7 })
        // The label of the last run is moved inward, its tick stays on the run.
        #expect(ticks.last?.x == 468)
        #expect(try #require(ticks.last).right <= 478)
    }

    @Test func tickDatesShortenOnlyWithinAYear() {
        #expect(TrendLabels.dateText("2026-10-21", after: nil) == "2026-10-21")
        #expect(TrendLabels.dateText("2026-10-21", after: "2026-10-01") == "10-21")
        #expect(TrendLabels.dateText("2027-01-02", after: "2026-12-30") == "2027-01-02")
        #expect(TrendLabels.dateText("yesterday", after: "yesterday") == "yesterday")
        #expect([1, 2, 5, 10, 20, 50, 100, 200].map(TrendLabels.nextNiceStep) == [2, 5, 10, 20, 50, 100, 200, 500])
    }

    @Test func theChartNoLongerHasFirstAndLastLabelsOnly() throws {
        let svg = Self.chart(count: 60).render()
        let dates = try Self.tickLabels(svg).map(\.text).filter { $0.contains("-") }
        #expect(dates.count == 4)
        #expect(svg.contains("class=\"axis axis-x\""))
    }

    // MARK: - Change points

    /// Three change points a run or two apart, in the middle and at both ends of the axis.
    @Test(arguments: [[29, 30, 31], [0, 1, 2], [57, 58, 59], [10, 12, 14]])
    func closeChangePointsGetLabelsThatDoNotOverlapAndStayInThePlot(runs: [Int]) throws {
        let markers = [
            Self.marker(runs[0], "+14.4%"), Self.marker(runs[1], "−8.1%", isWorse: false),
            Self.marker(runs[2], "+21.0%"),
        ]
        let svg = Self.chart(count: 60, markers: markers).render()
        let labels = Self.markerLabels(svg)
        #expect(labels.count == 3, "\(labels.map(\.text))")
        let plotTop = TrendChart.plotTop(rows: 3)
        for (index, label) in labels.enumerated() {
            #expect(label.left >= 64 && label.right <= 468, "\(label.text) outside the plot's width")
            #expect(label.top >= 0 && label.bottom <= plotTop, "\(label.text) not above the plot")
            for other in labels[(index + 1)...] {
                #expect(!label.overlaps(other), "\(label.text) overlaps \(other.text)")
            }
        }
        // Each label begins with its step; the whole text is its tooltip and in the description.
        for (marker, step) in zip(markers, ["+14.4%", "−8.1%", "+21.0%"]) {
            #expect(labels.contains { $0.text.hasPrefix(step) })
            #expect(svg.contains("<title>\(marker.label)</title>"))
        }
        #expect(
            svg.contains("3 change points marked: +14.4% (49.60 → 56.75 ms) between f5209b45f930 and a3d2e32cf767;"))
        #expect(Self.count("class=\"change-point\"", in: svg) == 3)
    }

    @Test func crowdedLabelsShortenToTheStepAndKeepTheWholeTextAsTooltip() throws {
        // Five change points in a stretch narrower than one full label.
        let markers = (0..<5).map { Self.marker(10 + 2 * $0, "+1\($0).0%") }
        let svg = Self.chart(count: 60, markers: markers).render()
        let labels = Self.markerLabels(svg)
        #expect(labels.count == 5)
        // The step alone where the longer text has no room, the longer text where it has.
        #expect(labels.contains { !$0.text.contains("(") })
        #expect(labels.contains { $0.text.contains("(") })
        for (marker, label) in zip(markers, labels) {
            #expect(TrendLabels.shortForms(of: marker.label).contains(label.text))
        }
        for (index, label) in labels.enumerated() {
            #expect(label.left >= 64 && label.right <= 468)
            for other in labels[(index + 1)...] { #expect(!label.overlaps(other)) }
        }
        #expect(Self.count("class=\"change-point\"", in: svg) == 5)
        #expect(Self.count("<title>+1", in: svg) == 5)
    }

    @Test func markerLabelsAvoidTheUnitAndStayInThePlot() {
        let labels = TrendLabels.markerLabels(
            xs: [70, 460], labels: ["+14.4% (49.60 → 56.75 ms) between a and b", "−3%"], plot: 64...468,
            reserved: [4...100])
        #expect(labels[0]?.row == 1 || (labels[0]?.left ?? 0) >= 108)
        #expect(labels[1]?.anchor == "end" && labels[1]?.right == 456)
    }

    @Test func changePointColoursFollowThePageTheme() {
        let svg = Self.chart(count: 60, markers: [Self.marker(20, "+14.4%"), Self.marker(40, "−8.1%", isWorse: false)])
            .render()
        #expect(
            svg.contains("stroke=\"var(--series-2, #d55e00)\"") && svg.contains("stroke=\"var(--series-3, #009e73)\""))
        // No colour of its own that a dark page could not change.
        #expect(!svg.contains("#d1242f") && !svg.contains("#1a7f37"))
        for match in svg.matches(of: /(fill|stroke)="(#[0-9a-f]+)"/) {
            Issue.record("a fixed colour \(match.2)")
        }
    }

    @Test func trendChartMatchesItsGoldenFile() {
        let markers = [Self.marker(29, "+14.4%"), Self.marker(31, "−8.1%", isWorse: false), Self.marker(33, "+21.0%")]
        RenderSnapshot.assert(Self.chart(count: 60, markers: markers).render(), named: "svg-trend.svg")
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
