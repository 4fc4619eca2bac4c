import Foundation
import Testing

@testable import Render

/// Chart text is painted in the page's text colour or in a series' text shade (`--series-N-text`),
/// never in a line's colour: lines need 3:1 against the page, text 4.5:1, and several line
/// colours reach only the first. scripts/check-contrast.py checks the shades themselves.
@Suite struct TextColourTests {
    /// The fill of each `<text>` in SVGWriter's output: its own or its nearest ancestor's, a
    /// `style` fill before the attribute (as CSS has it).
    static func textFills(_ svg: String) -> [String] {
        var inherited: [String?] = []
        var fills: [String] = []
        for tag in svg.matches(of: /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"]*")*)\s*(\/?)>/) {
            if !tag.1.isEmpty {
                _ = inherited.popLast()
                continue
            }
            let attributes = Dictionary(
                tag.3.matches(of: /([a-zA-Z:-]+)="([^"]*)"/).map { (String($0.1), String($0.2)) },
                uniquingKeysWith: { first, _ in first })
            let styled = attributes["style"].flatMap { $0.firstMatch(of: /fill:\s*([^;]+)/).map { String($0.1) } }
            let fill = styled ?? attributes["fill"] ?? inherited.last ?? nil
            if tag.2 == "text" { fills.append(fill ?? "(none)") }
            if tag.4.isEmpty { inherited.append(fill) }
        }
        return fills
    }

    static func isTextColour(_ fill: String) -> Bool {
        fill == "currentColor" || fill.contains(/^var\(--series-[1-8]-text, #[0-9a-f]{6}\)$/)
    }

    @Test func everyChartTextIsInTheTextColourOrATextShade() {
        // Eight labelled series, so every palette slot draws labels.
        let curves = CurveChart(
            id: "eight", title: "Eight series", description: "One per palette slot.",
            xAxis: ChartAxis("Output throughput", unit: "tok/s", scale: .linear), yAxis: ChartAxis("TTFT", unit: "ms"),
            series: (0..<8).map { index in
                CurveSeries(
                    "series \(index + 1)",
                    points: [1.0, 4, 16].map { CurvePoint(x: $0 * 100, y: $0 + Double(index), label: "\(Int($0))") },
                    style: SeriesStyle(colour: index + 1))
            })
        let trend = TrendChartTests.chart(
            count: 60,
            markers: [TrendChartTests.marker(20, "+14.4%"), TrendChartTests.marker(40, "−8.1%", isWorse: false)])
        let changes = ChangeChart(
            id: "changes", title: "What moved", description: "Change per metric.",
            rows: [
                ChangeChart.Row(
                    group: "llama", label: "TTFT median · 16", percent: 25, threshold: 5, mark: .regression),
                ChangeChart.Row(label: "ITL p99 · 4", percent: -12, threshold: 5, mark: .improvement),
                ChangeChart.Row(label: "E2EL mean · 1", percent: 3, threshold: 5, mark: .noise),
                ChangeChart.Row(label: "TPOT p99 · inf", percent: 30, threshold: 20, mark: .unconfirmed),
            ])
        let charts = [
            curves.render(), trend.render(), changes.render(), SVGChartTests.rateChart.render(),
            SVGChartTests.cdfChart.render(), SVGChartTests.distributionChart.render(),
        ]
        var labelShades: Set<String> = []
        for svg in charts {
            let fills = Self.textFills(svg)
            #expect(!fills.isEmpty)
            for fill in fills where !Self.isTextColour(fill) {
                Issue.record("text painted \(fill)")
            }
            labelShades.formUnion(fills.filter { $0 != "currentColor" })
        }
        // Each slot's point labels, and the change points' worse and better (slots 2 and 3).
        #expect(labelShades.count == 8)
    }

    @Test func theWalkerSeesInheritedAndStyledFills() {
        let svg = """
            <svg><g fill="#d55e00" style="fill: var(--series-2, #d55e00)"><text>a</text>\
            <g fill="currentColor"><path d="M0,0"/><text x="1">b</text></g></g><text>c</text></svg>
            """
        #expect(Self.textFills(svg) == ["var(--series-2, #d55e00)", "currentColor", "(none)"])
    }
}
