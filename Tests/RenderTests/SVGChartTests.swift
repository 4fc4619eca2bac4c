import Testing

@testable import Render

@Suite struct SVGChartTests {
    // MARK: - Example charts, one per kind

    static let rateChart = RateChart(
        id: "llama8B TTFT", title: "Time to first token by request rate",
        description: "Median and p99 TTFT of serving_llama8B_tp1_sharegpt.",
        valueAxis: ChartAxis("TTFT", unit: "ms"),
        series: [
            RateSeries("median", [(1, 22.38), (4, 24.04), (16, 25.53), (.infinity, 544.3)]),
            RateSeries("p99", [(1, 37.79), (4, 41.31), (16, 44.01), (.infinity, 1018.45)]),
        ])

    static let curveChart = CurveChart(
        id: "llama8B-latency-throughput", title: "TTFT p99 against output throughput",
        description: "One point per request rate, base and head.",
        xAxis: ChartAxis("Output throughput", unit: "tok/s", scale: .linear),
        yAxis: ChartAxis("TTFT p99", unit: "ms"),
        series: [
            CurveSeries(
                "base",
                points: [
                    CurvePoint(x: 85.8, y: 37.79, label: "1"), CurvePoint(x: 341.4, y: 41.31, label: "4"),
                    CurvePoint(x: 1318.7, y: 44.01, label: "16"), CurvePoint(x: 6677.2, y: 1018.45, label: "inf"),
                ]),
            CurveSeries(
                "head",
                points: [
                    CurvePoint(x: 86.1, y: 35.2, label: "1"), CurvePoint(x: 342.0, y: 39.0, label: "4"),
                    CurvePoint(x: 1330.5, y: 42.5, label: "16"), CurvePoint(x: 7120.9, y: 6120.0, label: "inf"),
                ]),
        ])

    /// Deterministic long-tailed samples: no random numbers, no transcendental functions.
    static func latencies(count: Int, base: Double, spread: Double, tail: Double) -> [Double] {
        (0..<count).map { index in
            let u = Double(index) / Double(max(count - 1, 1))
            let u4 = u * u * u * u
            return base + spread * u + tail * u4 * u4 * u4
        }
    }

    static let cdfChart = CDFChart(
        id: "llama8B-ttft-cdf", title: "TTFT distribution by request rate",
        description: "Fraction of requests whose TTFT is at or below each value.",
        valueAxis: ChartAxis("TTFT", unit: "ms", scale: .log),
        series: [
            SampleSet("1 req/s", samples: latencies(count: 200, base: 18, spread: 12, tail: 25)),
            SampleSet("16 req/s", samples: latencies(count: 500, base: 20, spread: 20, tail: 60)),
        ],
        sidePanelSeries: [SampleSet("inf", samples: latencies(count: 1000, base: 120, spread: 600, tail: 2500))])

    static let distributionChart = DistributionChart(
        id: "latency-iterations", title: "Latency per iteration",
        description: "Per-iteration latency of each latency test.",
        valueAxis: ChartAxis("Latency", unit: "s"),
        groups: [
            SampleSet("latency_llama8B_tp1", samples: [1.21, 1.19, 1.25, 1.22, 1.20, 1.23, 1.31, 1.21, 1.22, 1.24]),
            SampleSet("latency_qwen7B_tp1", samples: [1.05, 1.07, 1.04, 1.06, 1.12, 1.05, 1.06, 1.05]),
            SampleSet("latency_llama70B_tp4", samples: [2.61, 2.58, 2.70, 2.64, 2.66, 2.62, 2.59, 2.63, 2.90]),
        ])

    @Test func rateChartMatchesItsGoldenFile() {
        RenderSnapshot.assert(Self.rateChart.render(), named: "svg-rate.svg")
    }

    @Test func curveChartMatchesItsGoldenFile() {
        RenderSnapshot.assert(Self.curveChart.render(), named: "svg-curve.svg")
    }

    @Test func cdfChartMatchesItsGoldenFile() {
        RenderSnapshot.assert(Self.cdfChart.render(), named: "svg-cdf.svg")
    }

    @Test func distributionChartMatchesItsGoldenFile() {
        RenderSnapshot.assert(Self.distributionChart.render(), named: "svg-distribution.svg")
    }

    @Test func emptyChartSaysNoData() {
        let chart = RateChart(
            id: "empty", title: "Nothing", description: "No serving results.", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [RateSeries("median", []), RateSeries("p99", [(1, .nan)])])
        RenderSnapshot.assert(chart.render(), named: "svg-no-data.svg")
    }

    static var allCharts: [String] {
        [rateChart.render(), curveChart.render(), cdfChart.render(), distributionChart.render()]
    }

    // MARK: - The document

    @Test(arguments: allCharts)
    func documentIsAccessibleAndScalable(svg: String) throws {
        let root = try #require(svg.split(separator: "\n").first)
        #expect(root.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 340" role="img""#))
        #expect(!root.contains(" width=") && !root.contains(" height="))
        #expect(root.contains("font-variant-numeric: tabular-nums"))
        let lines = svg.split(separator: "\n")
        let id = try #require(root.firstMatch(of: /aria-labelledby="([a-z0-9-]+)-title \1-desc"/)).1
        #expect(lines[1].hasPrefix(#"  <title id="\#(id)-title">"#))
        #expect(lines[2].hasPrefix(#"  <desc id="\#(id)-desc">"#))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(Self.tagsBalance(svg))
        // Self-contained: nothing to fetch, nothing to run.
        let withoutNamespace = svg.replacingOccurrences(of: #"xmlns="http://www.w3.org/2000/svg""#, with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(!svg.contains("href") && !svg.contains("<script") && !svg.contains("<foreignObject"))
    }

    @Test(arguments: allCharts)
    func coloursComeFromCustomPropertiesAndTextFollowsTheTheme(svg: String) {
        #expect(svg.contains("var(--series-1, #0072b2)"))
        #expect(!svg.contains("<style") && !svg.contains("<script") && !svg.contains("<foreignObject"))
        // Every text colour is the surrounding text colour, so a dark page gets light text.
        for match in svg.matches(of: /<(g|text) [^>]*class="(tick-labels|axis-title)"[^>]*>/) {
            #expect(match.0.contains(#"fill="currentColor""#))
        }
    }

    @Test func descriptionSummarisesTheData() {
        let svg = Self.rateChart.render()
        #expect(
            svg.contains(
                "Median and p99 TTFT of serving_llama8B_tp1_sharegpt. 2 series (median, p99) at request rates 1, 4, 16, "
                    + "inf req/s; 4 points each."))
        #expect(Self.cdfChart.render().contains("3 series (1 req/s, 16 req/s, inf); 200 to 1000 samples per series."))
    }

    @Test func idsAreSanitised() {
        #expect(ChartDocument.sanitisedID("llama8B TTFT") == "llama8b-ttft")
        #expect(ChartDocument.sanitisedID("  Serving · Qwen/Qwen2.5--7B  ") == "serving-qwen-qwen2-5-7b")
        #expect(ChartDocument.sanitisedID("42") == "chart-42")
        #expect(ChartDocument.sanitisedID("<>") == "chart")
    }

    // MARK: - Chart specifics

    @Test func infiniteRateHasItsOwnPanelAndScale() {
        let svg = Self.rateChart.render()
        #expect(svg.contains(">inf</text>") && !svg.contains("∞"))
        #expect(svg.contains(#"class="side-panel""#))
        #expect(svg.contains("inf is drawn in its own panel with its own scale."))
        let finiteOnly = RateChart(
            id: "finite", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [RateSeries("median", [(1, 22), (4, 24)])])
        #expect(!finiteOnly.render().contains("side-panel"))
    }

    @Test func replicatesAreAPointEachAndSaidSo() {
        let svg = RateChart(
            id: "replicates", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [RateSeries("median", [(1, 22), (4, 24), (4, 26), (16, 30)])]
        ).render()
        #expect(svg.components(separatedBy: "<title>median, ").count == 5)
        #expect(svg.contains("Several runs share a rate (4)"))
        // Two series at the same rates are not replicates.
        #expect(!Self.rateChart.render().contains("Several runs"))
    }

    @Test func curveReplicatesAreAMarkerEachAndTheLineGoesThroughTheirMean() throws {
        let svg = CurveChart(
            id: "replicates", title: "t", description: "d", xAxis: ChartAxis("x", scale: .linear),
            yAxis: ChartAxis("y", scale: .linear),
            series: [
                CurveSeries(
                    "base",
                    points: [
                        CurvePoint(x: 100, y: 20, label: "1"), CurvePoint(x: 380, y: 30, label: "4"),
                        CurvePoint(x: 420, y: 50, label: "4"), CurvePoint(x: 900, y: 60, label: "16"),
                    ])
            ]
        ).render()
        #expect(svg.components(separatedBy: "<title>base, ").count - 1 == 4)
        #expect(svg.contains("Several points share a label (4): runs of one setting"))
        // One vertex per label: three (the first line drawn is the legend's swatch).
        let path = try #require(svg.matches(of: /<path d="(M[^"]*)"[^>]*stroke-linejoin/).last).1
        #expect(path.split(separator: "L").count == 3)
        #expect(svg.matches(of: />4<\/text>/).count == 1)
        let single = CurveChart(
            id: "single", title: "t", description: "d", xAxis: ChartAxis("x"), yAxis: ChartAxis("y"),
            series: [
                CurveSeries("s", points: [CurvePoint(x: 1, y: 2, label: "1"), CurvePoint(x: 3, y: 4, label: "4")])
            ]
        ).render()
        #expect(!single.contains("Several"))
    }

    @Test func seriesDifferInDashAndMarkerNotOnlyColour() {
        let first = SeriesStyle.automatic(0)
        let second = SeriesStyle.automatic(1)
        #expect(first.dash == .solid && first.marker == .circle)
        #expect(second.dash == .dashed && second.marker == .triangle)
        #expect(Self.rateChart.render().contains(#"stroke-dasharray="7 4""#))
    }

    @Test func curveTurnsLogBeyondTwoDecadesAndLabelsEveryPoint() {
        let svg = Self.curveChart.render()
        #expect(svg.contains("TTFT p99 (ms, log scale)"))
        #expect(svg.contains("Output throughput (tok/s)</text>"))
        for label in ["1", "4", "16", "inf"] {
            #expect(svg.matches(of: try! Regex(">\(label)</text>")).count == 2)
        }
    }

    @Test func curveDrawsInfInABandOfItsOwnSoTheKneeStaysReadable() throws {
        let chart = CurveChart(
            id: "band", title: "t", description: "d", xAxis: ChartAxis("Output throughput", unit: "tok/s"),
            yAxis: ChartAxis("TTFT p99", unit: "ms", scale: .linear),
            series: [
                CurveSeries(
                    "base",
                    points: [
                        CurvePoint(x: 85.8, y: 37.8, label: "1"), CurvePoint(x: 341.4, y: 41.3, label: "4"),
                        CurvePoint(x: 1318.7, y: 60.0, label: "16"),
                        CurvePoint(x: 6677.2, y: 12_000, label: "inf", hasOwnScale: true),
                    ])
            ])
        let svg = chart.render()
        #expect(svg.contains(#"class="top-band""#))
        #expect(svg.contains("inf is drawn in a band above the plot with its own y scale."))
        // The main y axis is fitted to the finite points: its top tick is far below 12,000.
        let mainLabels = try #require(svg.components(separatedBy: #"<g class="axis axis-y">"#).last)
            .components(separatedBy: "</g>")[0]
        #expect(!mainLabels.contains("12,000") && mainLabels.contains(">60</text>"))
        // No line crosses the break: one path through the three finite points.
        #expect(svg.components(separatedBy: #"stroke-linejoin"#).count - 1 <= 2)
        // Alone, an inf point needs no band.
        var onlyInf = chart
        onlyInf.series = [CurveSeries("x", points: [CurvePoint(x: 1, y: 2, label: "inf", hasOwnScale: true)])]
        #expect(!onlyInf.render().contains("top-band"))
    }

    @Test func cdfSizeDoesNotGrowWithTheSamples() {
        let small = CDFChart(
            id: "a", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [SampleSet("x", samples: Self.latencies(count: 1_000, base: 10, spread: 5, tail: 900))]
        ).render()
        let large = CDFChart(
            id: "a", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [SampleSet("x", samples: Self.latencies(count: 200_000, base: 10, spread: 5, tail: 900))]
        ).render()
        #expect(large.utf8.count < small.utf8.count + 200)
        #expect(large.utf8.count < 12_000)
    }

    @Test func cdfMarksQuantilesOnEveryLine() {
        let svg = Self.cdfChart.render()
        for name in ["p50", "p90", "p99"] {
            #expect(svg.contains(">\(name)</text>"))
            #expect(svg.matches(of: try! Regex(" \(name): ")).count == 3)
        }
        #expect(svg.contains("TTFT (ms, log scale)"))
    }

    @Test func degenerateDataStillDraws() {
        let onePoint = RateChart(
            id: "one", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [RateSeries("median", [(.infinity, 12)])]
        ).render()
        #expect(onePoint.contains(">inf</text>") && !onePoint.contains("No data"))
        let equal = CurveChart(
            id: "equal", title: "t", description: "d", xAxis: ChartAxis("x"), yAxis: ChartAxis("y", scale: .log),
            series: [CurveSeries("s", points: [CurvePoint(x: 5, y: 5), CurvePoint(x: 5, y: 5)])]
        ).render()
        #expect(!equal.contains("No data") && !equal.contains("nan"))
        let zeros = CDFChart(
            id: "zeros", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms", scale: .log),
            series: [SampleSet("s", samples: [0, 0, 5, 900])]
        ).render()
        #expect(zeros.contains("TTFT (ms)</text>"))
        let singleSample = DistributionChart(
            id: "single", title: "t", description: "d", valueAxis: ChartAxis("Latency", unit: "s"),
            groups: [SampleSet("only", samples: [1.5]), SampleSet("empty", samples: [])]
        ).render()
        #expect(!singleSample.contains("No data") && singleSample.contains(">empty</text>"))
    }

    @Test func nonFiniteValuesAreSkipped() {
        let svg = RateChart(
            id: "skipped", title: "t", description: "d", valueAxis: ChartAxis("TTFT", unit: "ms"),
            series: [RateSeries("median", [(1, 10), (4, .nan), (16, .infinity), (.nan, 3), (-1, 3), (64, 12)])]
        ).render()
        #expect(!svg.lowercased().contains("nan") && !svg.contains(">inf<") && !svg.contains(">16<"))
        #expect(svg.contains(">64</text>"))
    }

    @Test func everyKindWithoutDataSaysSo() {
        let axis = ChartAxis("TTFT", unit: "ms")
        let charts = [
            CurveChart(id: "a", title: "t", description: "d", xAxis: axis, yAxis: axis, series: []).render(),
            CDFChart(id: "b", title: "t", description: "d", valueAxis: axis, series: [SampleSet("s", samples: [.nan])])
                .render(),
            DistributionChart(id: "c", title: "t", description: "d", valueAxis: axis, groups: []).render(),
        ]
        for svg in charts {
            #expect(svg.contains(">No data</text>"))
            #expect(Self.tagsBalance(svg))
        }
    }

    // MARK: - Hostile text

    static let hostile = [
        "<script>alert(1)</script>", #""><img onerror=x>"#, "a & b's \"c\"", "https://evil.example/x",
    ]

    static var hostileCharts: [String] {
        let name = hostile.joined(separator: " ")
        let axis = ChartAxis(name, unit: name)
        return [
            RateChart(
                id: name, title: name, description: name, valueAxis: axis,
                series: hostile.map { RateSeries($0, [(1, 2), (.infinity, 3)]) }, rateAxisTitle: name
            ).render(),
            CurveChart(
                id: name, title: name, description: name, xAxis: axis, yAxis: axis,
                series: hostile.map { CurveSeries($0, points: [CurvePoint(x: 1, y: 2, label: $0)]) }
            ).render(),
            CDFChart(
                id: name, title: name, description: name, valueAxis: axis,
                series: hostile.map { SampleSet($0, samples: [1, 2, 3]) }, fractionAxisTitle: name
            ).render(),
            DistributionChart(
                id: name, title: name, description: name, valueAxis: axis,
                groups: hostile.map { SampleSet($0, samples: [1, 2, 3]) }, categoryAxisTitle: name
            ).render(),
            RateChart(id: name, title: name, description: name, valueAxis: axis, series: []).render(),
        ]
    }

    @Test(arguments: hostileCharts)
    func hostileTextIsEscaped(svg: String) {
        #expect(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("\"><"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("&quot;&gt;&lt;img onerror=x&gt;"))
        let withoutNamespace = svg.replacingOccurrences(of: #"xmlns="http://www.w3.org/2000/svg""#, with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("href"))
        // Caller text may mention a URL, but only as text, never as an attribute that loads it.
        for attribute in withoutNamespace.matches(of: /="[^"]*"/) {
            #expect(!attribute.0.contains("https://"))
        }
        #expect(Self.tagsBalance(svg))
    }

    /// Every start tag is closed in order: a cheap well-formedness check that needs no XML parser.
    static func tagsBalance(_ svg: String) -> Bool {
        var open: [Substring] = []
        for tag in svg.matches(of: /<(\/?)([a-zA-Z]+)[^<>]*?(\/?)>/) {
            if !tag.1.isEmpty {
                guard open.popLast() == tag.2 else { return false }
            } else if tag.3.isEmpty {
                open.append(tag.2)
            }
        }
        return open.isEmpty
    }
}
