import Testing

@testable import Render

/// The legend above rate, curve and CDF charts: every name readable whole, nothing overlapping,
/// the plot keeping its room however long the names.
@Suite struct LegendTests {
    /// Sets of series names as the report and the diff make them.
    static let nameSets: [[String]] = [
        // A diff without variants: one row.
        ["base median", "head median", "base p99", "head p99"],
        // A diff with variants: names that differ in the middle only.
        ["median", "p99"].flatMap { statistic in
            [
                "gpu=A100-SXM4-80GB kv_cache_dtype=fp8_e4m3", "gpu=H100-SXM5-80GB kv_cache_dtype=auto",
                "gpu=H100-SXM5-80GB kv_cache_dtype=fp8_e4m3",
            ].flatMap { variant in
                ["base", "head"].map { "\($0) \(variant) \(statistic)" }
            }
        },
        // Hugging Face model ids, tensor parallelism and hardware labels.
        [
            "meta-llama/Llama-3.1-8B-Instruct tp=8 gpu=H100", "meta-llama/Llama-3.1-70B-Instruct tp=8 gpu=H100",
            "Qwen/Qwen2.5-VL-7B-Instruct tp=1", "mistralai/Mixtral-8x22B-Instruct-v0.1 tp=8 gpu=MI300X",
        ],
        // Replicate runs.
        (1...3).flatMap { run in ["base run \(run)", "head run \(run)"] },
        // Non-ASCII labels, twice as wide a character.
        ["base 構成=基準 median", "head 構成=基準 median", "base 構成=量子化fp8 median", "head 構成=量子化fp8 median"],
        // One name with no space to break at, longer than a row.
        ["head /root/.cache/modelscope/models/Qwen/Qwen2___5-72B-Instruct-GPTQ-Int4-with-a-very-long-suffix", "base"],
    ]

    static func charts(_ names: [String]) -> [String] {
        [
            RateChart(
                id: "r", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
                series: names.enumerated().map { index, name in
                    RateSeries(name, [(1, 20 + Double(index)), (4, 30), (.infinity, 300)])
                }
            ).render(),
            CurveChart(
                id: "c", title: "t", description: "d", xAxis: ChartAxis("x"), yAxis: ChartAxis("y"),
                series: names.enumerated().map { index, name in
                    CurveSeries(
                        name,
                        points: [
                            CurvePoint(x: 100, y: 20 + Double(index), label: "1"),
                            CurvePoint(x: 400, y: 40, label: "4"),
                        ])
                }
            ).render(),
            CDFChart(
                id: "f", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
                series: names.enumerated().map { index, name in
                    SampleSet(name, samples: (1...50).map { Double($0 + index) })
                }
            ).render(),
        ]
    }

    /// Each legend entry's name as shown (its lines joined) and the box it takes: from its
    /// swatch to the end of its longest line, from the top of its first line to the bottom of
    /// its last.
    static func entries(_ svg: String) -> [(shown: [String], title: String?, box: ScreenRect)] {
        let after = svg.components(separatedBy: #"<g class="legend">"#).dropFirst().first ?? ""
        let legend = after.components(separatedBy: "\n  </g>")[0]
        return legend.components(separatedBy: "legend-entry").dropFirst().map { entry in
            let lines = entry.matches(of: /<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/).map {
                (x: Double($0.1)!, y: Double($0.2)!, text: String($0.3))
            }
            let title = entry.firstMatch(of: /<title>([^<]*)<\/title>/).map { String($0.1) }
            let half = ChartMetrics.fontSize / 2
            let left = lines[0].x - Legend.swatchWidth - Legend.swatchGap
            let right = lines.map { $0.x + TextMetrics.width(of: $0.text, fontSize: ChartMetrics.fontSize) }.max()!
            return (
                lines.map(\.text), title,
                ScreenRect(left: left, top: lines[0].y - half, right: right, bottom: lines.last!.y + half)
            )
        }
    }

    /// The plot's top and bottom: the extremes of its grid lines.
    static func plotSpan(_ svg: String) -> (top: Double, bottom: Double) {
        let ys = svg.matches(of: /class="grid" d="([^"]*)"/).flatMap { grid in
            grid.1.matches(of: /M[\d.]+,([\d.]+)(?:V([\d.]+))?/).flatMap {
                [Double($0.1)!] + ($0.2.map { [Double($0)!] } ?? [])
            }
        }
        return (ys.min()!, ys.max()!)
    }

    static func viewBoxHeight(_ svg: String) -> Double {
        Double(svg.firstMatch(of: /viewBox="0 0 480 ([\d.]+)"/)!.1)!
    }

    @Test(arguments: nameSets)
    func everyNameIsShownWholeAndNothingOverlaps(names: [String]) {
        for svg in Self.charts(names) {
            let entries = Self.entries(svg)
            #expect(entries.count == names.count)
            for (entry, name) in zip(entries, names) {
                let shown = entry.shown.joined(separator: " ")
                // Whole, or (a name longer than three rows) cut in the middle with its title whole.
                if shown.contains("…") {
                    #expect(entry.title == name && entry.shown.count == Legend.maximumLines)
                } else {
                    // Broken at spaces, or inside a word longer than a row (with a title then).
                    let unbroken = { (text: String) in text.filter { $0 != " " } }
                    #expect(shown == name || (unbroken(shown) == unbroken(name) && entry.title == name), "\(shown)")
                }
                #expect(entry.box.left >= ChartMetrics.padding - 0.01)
                #expect(entry.box.right <= 480 - ChartMetrics.padding + 0.01, "\(name) reaches \(entry.box.right)")
            }
            for (index, first) in entries.enumerated() {
                for second in entries[(index + 1)...] {
                    let apart =
                        first.box.right <= second.box.left || second.box.right <= first.box.left
                        || first.box.bottom <= second.box.top || second.box.bottom <= first.box.top
                    #expect(apart, "\(first.shown) overlaps \(second.shown)")
                }
            }
            // Below the legend: the plot, as tall as under a two-row legend, and its x axis.
            let plot = Self.plotSpan(svg)
            #expect(entries.map(\.box.bottom).max()! <= plot.top)
            #expect(plot.bottom - plot.top >= 180, "plot \(plot)")
            #expect(Self.viewBoxHeight(svg) >= plot.bottom + ChartMetrics.xAxisBand)
        }
    }

    @Test func namesThatDifferInTheMiddleAreToldApart() {
        let names = Self.nameSets[1]
        for svg in Self.charts(names) {
            let shown = Self.entries(svg).map { $0.shown.joined(separator: " ") }
            #expect(shown == names)
        }
    }

    @Test func shortNamesStayOnOneRowAndTheChartItsSize() {
        for svg in Self.charts(["base", "head"]) {
            let entries = Self.entries(svg)
            #expect(entries.map(\.shown) == [["base"], ["head"]])
            #expect(entries[0].box.top == entries[1].box.top)
            #expect(Self.viewBoxHeight(svg) == 340)
        }
    }

    /// Twelve series of long names: a row each, in two lines; the chart grows, its width
    /// (what a phone scales to its column) stays, and so does the legend's type size.
    @Test func aLongLegendMakesTheChartTallerNotThePlotSmaller() {
        let svg = Self.charts(Self.nameSets[1])[0]
        let entries = Self.entries(svg)
        #expect(entries.allSatisfy { $0.shown.count == 2 })
        #expect(Self.viewBoxHeight(svg) > 340)
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 "#))
        #expect(svg.contains(#"font-size="15""#))
        let plot = Self.plotSpan(svg)
        let standard = Self.plotSpan(Self.charts(Self.nameSets[0])[0])
        #expect(plot.bottom - plot.top >= standard.bottom - standard.top)
    }

    @Test func aNameLongerThanThreeRowsIsCutInTheMiddleWithItsTitleWhole() {
        let name = "head " + Array(repeating: "gpu=H100-SXM5-80GB", count: 12).joined(separator: " ") + " p99"
        let svg = Self.charts([name])[0]
        let entry = Self.entries(svg)[0]
        #expect(entry.shown.count == Legend.maximumLines)
        #expect(entry.shown.last!.contains("…") && entry.shown.last!.hasSuffix("p99"))
        #expect(entry.title == name)
    }
}
