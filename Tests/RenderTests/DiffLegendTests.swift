import ReportModel
import Testing

@testable import Render

/// The diff's chart legends name what tells the lines apart: each variant once beside its
/// colour and base, head, median and p99 once beside their line styles, whatever the length or
/// script of the variants' labels; every line keeps its whole name in a tooltip.
@Suite struct DiffLegendTests {
    static let rates: [RequestRate] = [.perSecond(1), .perSecond(4), .perSecond(16), .infinite]

    /// A sweep on one side (0 base, 1 head) with a run of each variant (metadata labels) at
    /// each rate, `runs` times.
    static func sweep(
        side: Int, variants: [[String: String]], runs: Int = 1, model: String = "meta-llama/Llama-3.1-8B-Instruct"
    ) -> [BenchmarkResult] {
        variants.enumerated().flatMap { variantIndex, labels in
            rates.enumerated().flatMap { index, rate in
                (1...runs).map { run -> BenchmarkResult in
                    let ttft = 40 + 10 * Double(index) + 5 * Double(variantIndex) + Double(run) + 20 * Double(side)
                    var result = ReportMarkdownTests.serving(
                        model: model, rate: rate,
                        metrics: ["p99_ttft_ms": ttft, "output_throughput": 100 * Double(index + 1) + Double(run)])
                    result.file = "\(side == 0 ? "base" : "head")/\(model)/v\(variantIndex)_qps_\(rate)_run\(run).json"
                    result.metadata = labels
                    return result
                }
            }
        }
    }

    static func page(variants: [[String: String]], runs: Int = 1) -> String {
        let diff = ResultDiff(
            base: ResultFolder(path: "base", results: sweep(side: 0, variants: variants, runs: runs)),
            head: ResultFolder(path: "head", results: sweep(side: 1, variants: variants, runs: runs)))
        return DiffHTMLReport(diff: diff, generator: "t").render()
    }

    static let hardware: [[String: String]] = [
        ["gpu": "A100-SXM4-80GB", "kv_cache_dtype": "fp8_e4m3"], ["gpu": "H100-SXM5-80GB", "kv_cache_dtype": "auto"],
        ["gpu": "H100-SXM5-80GB", "kv_cache_dtype": "fp8_e4m3"],
    ]
    static let hardwareNames = [
        "gpu=A100-SXM4-80GB kv_cache_dtype=fp8_e4m3", "gpu=H100-SXM5-80GB kv_cache_dtype=auto",
        "gpu=H100-SXM5-80GB kv_cache_dtype=fp8_e4m3",
    ]

    /// The legend's entries: each one's text and whether it is drawn in the text colour.
    static func legend(_ svg: String) -> [(name: String, inTextColour: Bool)] {
        let after = svg.components(separatedBy: #"<g class="legend">"#).dropFirst().first ?? ""
        return after.components(separatedBy: "\n  </g>")[0].components(separatedBy: "<g class=").dropFirst().map {
            entry in
            let lines = entry.matches(of: /<text [^>]*>([^<]*)<\/text>/).map { String($0.1) }
            return (lines.joined(separator: " "), entry.contains(#"stroke: currentColor"#))
        }
    }

    @Test func variantsAreNamedOnceBesideTheirColourAndSidesBesideTheirLines() throws {
        let page = Self.page(variants: Self.hardware)
        let ttft = try ChartFailureTests.svg(page, idSuffix: "-s1-ttft")
        let legend = Self.legend(ttft)
        #expect(legend.map(\.name) == Self.hardwareNames + ["base median", "head median", "base p99", "head p99"])
        #expect(legend.map(\.inTextColour) == [false, false, false, true, true, true, true])
        // Each variant's entry in its lines' colour.
        for (index, name) in Self.hardwareNames.enumerated() {
            #expect(ttft.contains(#"series series-\#(index + 1) legend-entry"#), "\(name)")
        }
        // Every line still has its whole name: in a tooltip of its own, and on each marker.
        for name in Self.hardwareNames {
            for line in ["base", "head"].flatMap({ side in ["median", "p99"].map { "\(side) \(name) \($0)" } }) {
                #expect(ttft.contains("<title>\(line)</title>"), "\(line)")
                #expect(ttft.contains("<title>\(line), 4 req/s: "), "\(line)")
            }
        }
        #expect(legend.allSatisfy { !$0.name.contains("…") })
        // Throughputs and the curve: the variants, then base and head.
        for suffix in ["-s1-request-throughput", "-s1-knee"] {
            let svg = try ChartFailureTests.svg(page, idSuffix: suffix)
            #expect(Self.legend(svg).map(\.name) == Self.hardwareNames + ["base", "head"], "\(suffix)")
            for name in Self.hardwareNames { #expect(svg.contains("<title>base \(name)</title>"), "\(suffix)") }
        }
    }

    @Test func theLegendOfLongAndNonASCIIVariantsFitsAboveThePlot() throws {
        let unicode: [[String: String]] = [["構成": "基準"], ["構成": "量子化fp8"]]
        let longLabel = [
            ["model_revision": "2024-11-05-instruct-bf16-with-a-long-description", "gpu": "H100"],
            ["model_revision": "2024-11-05-instruct-bf16-with-a-long-description", "gpu": "GB200"],
        ]
        for variants in [Self.hardware, unicode, longLabel] {
            let page = Self.page(variants: variants)
            for suffix in ["-s1-ttft", "-s1-request-throughput", "-s1-knee"] {
                let svg = try ChartFailureTests.svg(page, idSuffix: suffix)
                let entries = LegendTests.entries(svg)
                for entry in entries {
                    #expect(entry.box.right <= 480 - ChartMetrics.padding + 0.01, "\(entry.shown)")
                    #expect(!entry.shown.joined().contains("…"))
                }
                for (index, first) in entries.enumerated() {
                    for second in entries[(index + 1)...] {
                        #expect(first.box.overlap(with: second.box) <= 0, "\(first.shown) \(second.shown)")
                    }
                }
                #expect(entries.map(\.box.bottom).max()! <= LegendTests.plotSpan(svg).top)
            }
        }
        let ttft = try ChartFailureTests.svg(Self.page(variants: unicode), idSuffix: "-s1-ttft")
        #expect(Self.legend(ttft).prefix(2).map(\.name) == ["構成=基準", "構成=量子化fp8"])
        // The key to the line styles begins a row of its own, in columns: base beside head.
        let boxes = LegendTests.entries(ttft).map(\.box)
        #expect(boxes[2].left == ChartMetrics.padding && boxes[2].top > boxes[1].top)
        #expect(boxes[3].top == boxes[2].top && boxes[4].left == boxes[2].left && boxes[5].left == boxes[3].left)
    }

    /// Replicates of each variant: still an entry per variant and per line style, not per run.
    @Test func replicatesOfVariantsAddNoEntries() throws {
        let page = Self.page(variants: Self.hardware, runs: 3)
        let ttft = try ChartFailureTests.svg(page, idSuffix: "-s1-ttft")
        #expect(
            Self.legend(ttft).map(\.name) == Self.hardwareNames + [
                "base median", "head median", "base p99", "head p99",
            ])
        #expect(ttft.components(separatedBy: "<title>head \(Self.hardwareNames[0]) p99, 4 req/s: ").count - 1 == 3)
        let knee = try ChartFailureTests.svg(page, idSuffix: "-s1-knee")
        #expect(Self.legend(knee).map(\.name) == Self.hardwareNames + ["base", "head"])
    }

    /// Labels that every run of a sweep shares (only another model's runs vary in them) tell
    /// none of its lines apart: the lines are named without them, and the captions say them once.
    @Test func labelsEveryRunSharesAreSaidOnceNotInEveryName() throws {
        let qwen = "Qwen/Qwen2.5-7B-Instruct"
        let mistral = "mistralai/Mistral-7B-Instruct-v0.3"
        let sides = [0, 1].map { side in
            Self.sweep(side: side, variants: Self.hardware)
                + Self.sweep(
                    side: side,
                    variants: [
                        ["gpu": "H100-SXM5-80GB", "kv_cache_dtype": "auto"],
                        ["gpu": "H100-SXM5-80GB", "kv_cache_dtype": "fp8_e4m3"],
                    ], model: qwen)
                + Self.sweep(
                    side: side, variants: [["gpu": "H100-SXM5-80GB", "kv_cache_dtype": "auto"]], model: mistral)
        }
        let diff = ResultDiff(
            base: ResultFolder(path: "base", results: sides[0]), head: ResultFolder(path: "head", results: sides[1]))
        let page = DiffHTMLReport(diff: diff, generator: "t").render()
        let qwenTTFT = try ChartFailureTests.svg(page, idSuffix: "qwenqwen25-7b-instruct-s1-ttft")
        #expect(
            Self.legend(qwenTTFT).map(\.name) == [
                "kv_cache_dtype=auto", "kv_cache_dtype=fp8_e4m3", "base median", "head median", "base p99", "head p99",
            ])
        #expect(qwenTTFT.contains("<title>base kv_cache_dtype=auto median</title>"))
        #expect(page.contains("one colour per variant, labelled. Every run here has gpu=H100-SXM5-80GB."))
        // One variant: base and head as without variants, the labels in the caption.
        let mistralTTFT = try ChartFailureTests.svg(page, idSuffix: "mistralaimistral-7b-instruct-v03-s1-ttft")
        #expect(Self.legend(mistralTTFT).map(\.name) == ["base median", "head median", "base p99", "head p99"])
        #expect(page.contains("and head (orange). Every run here has gpu=H100-SXM5-80GB, kv_cache_dtype=auto."))
        // Where every label varies, every one names a variant.
        let llamaTTFT = try ChartFailureTests.svg(page, idSuffix: "meta-llamallama-31-8b-instruct-s1-ttft")
        #expect(Array(Self.legend(llamaTTFT).map(\.name).prefix(3)) == Self.hardwareNames)
    }

    /// Without variants, an entry per line as before: base and head told apart by name.
    @Test func withoutVariantsEachLineIsAnEntry() throws {
        let page = Self.page(variants: [[:]])
        let ttft = try ChartFailureTests.svg(page, idSuffix: "-s1-ttft")
        #expect(Self.legend(ttft).map(\.name) == ["base median", "head median", "base p99", "head p99"])
        #expect(Self.legend(ttft).allSatisfy { !$0.inTextColour })
        #expect(!ttft.contains("<title>base median</title>"))
        let knee = try ChartFailureTests.svg(page, idSuffix: "-s1-knee")
        #expect(Self.legend(knee).map(\.name) == ["base", "head"])
    }
}
