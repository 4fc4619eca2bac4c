import Foundation
import ReportModel
import Testing

@testable import Render

@Suite struct HistorySiteTests {
    static var exampleHistory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples/history")
            .standardized.path
    }

    static func exampleSite() throws -> [String: String] {
        let timeline = try HistoryTimeline.read(
            exampleHistory, metrics: HistorySite.metrics, objectives: ServiceObjective.defaults)
        return HistorySite(timeline: timeline, branch: "main", generator: "benchreport test").files()
    }

    /// The `<figure id="…">…</figure>` of a page, or nil.
    static func figure(_ id: String, in page: String) -> Substring? {
        guard let start = page.range(of: "<figure id=\"\(id)\">") else { return nil }
        guard let end = page[start.upperBound...].range(of: "</figure>") else { return nil }
        return page[start.lowerBound..<end.upperBound]
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func theExampleIndexMatchesItsGoldenFile() throws {
        let files = try Self.exampleSite()
        #expect(
            files.keys.sorted() == [
                "index.html", "models/meta-llamallama-31-8b-instruct.html", "models/qwenqwen25-7b-instruct.html",
            ])
        RenderSnapshot.assert(try #require(files["index.html"]), named: "history-site-index.html")
    }

    @Test func thePlantedStepIsMarkedOnLlamasTTFTAt16AndNowhereElse() throws {
        let files = try Self.exampleSite()
        let llama = try #require(files["models/meta-llamallama-31-8b-instruct.html"])
        let qwen = try #require(files["models/qwenqwen25-7b-instruct.html"])
        let index = try #require(files["index.html"])
        #expect(Self.count("class=\"change-point\"", in: llama) == 1)
        #expect(Self.count("class=\"change-point\"", in: qwen) == 0)
        let figure = try #require(
            Self.figure("serving-llama8b-tp1-sharegpt-16-req-s-gpu-h100-p99-ttft-ms", in: llama))
        #expect(figure.contains("class=\"change-point\""))
        #expect(figure.contains("between f5209b45f930 and a3d2e32cf767"))
        #expect(figure.contains("1 change point marked"))
        // The index lists it once and draws it once, on the sparkline of that trend.
        #expect(Self.count("<li><strong class=\"worse\">worse</strong>", in: index) == 1)
        #expect(Self.count("class=\"change-point\"", in: index) == 1)
        #expect(index.contains("TTFT p99 +14.4% (49.60 → 56.75 ms) between f5209b45f930 and a3d2e32cf767"))
    }

    /// Each sweep's capacity within the default objectives: on the index, the latest run's value
    /// in the report's words; on the model page, a chart of it over every run.
    @Test func capacityIsOnTheIndexAndChartedOnTheModelPage() throws {
        let files = try Self.exampleSite()
        let index = try #require(files["index.html"])
        #expect(index.contains("Capacity within p99 TTFT ≤ 2 s, p99 TPOT ≤ 200 ms"))
        #expect(Self.count("<td>p99 TTFT</td>", in: index) == 2)
        let page = try #require(files["models/meta-llamallama-31-8b-instruct.html"])
        let figure = try #require(Self.figure("serving-llama8b-tp1-sharegpt-gpu-h100-slo-capacity", in: page))
        #expect(figure.contains("Capacity within p99 TTFT ≤ 2 s, p99 TPOT ≤ 200 ms over 60 runs"))
        #expect(figure.contains("<path"))

        // `--slo none`: no capacity anywhere.
        let timeline = try HistoryTimeline.read(Self.exampleHistory, metrics: HistorySite.metrics)
        let plain = HistorySite(timeline: timeline, branch: "main", objectives: [], generator: "test").files()
        #expect(plain.values.allSatisfy { !$0.contains("Capacity within") })
    }

    @Test func pagesHaveCaptionedFiguresNamedChartsAndNoScripts() throws {
        for (name, page) in try Self.exampleSite() {
            #expect(!page.lowercased().contains("<script"), "\(name)")
            #expect(Self.count("<figure", in: page) == Self.count("<figcaption>", in: page), "\(name)")
            #expect(Self.count("<svg", in: page) == Self.count("<desc id=", in: page), "\(name)")
            #expect(Self.count("<svg", in: page) > 0, "\(name)")
            #expect(RenderingInvariants.page(page).isEmpty, "\(name): \(RenderingInvariants.page(page))")
        }
    }

    @Test func longHistoriesKeepTheLastHundredRunsAndGroupOlderOnes() {
        let label: (Int) -> (date: String, commit: String) = { ("d\($0)", "c\($0)") }
        let short = TrendChart.points(values: (0..<60).map(Double.init), label: label)
        #expect(short.map(\.run) == Array(0..<60) && short.allSatisfy { $0.runs == 1 })
        #expect(
            TrendChart(id: "t", title: "t", description: "", points: short, runCount: 60, compact: false).drawing
                == "60 runs, each drawn")

        // Values 0, 1, …, 999 with every tenth run an outlier of 5,000: each group of 9 older
        // runs has the median of its own values and their extremes.
        let values = (0..<1_000).map { $0 % 10 == 3 ? 5_000 : Double($0) }
        let points = TrendChart.points(values: values, label: label)
        #expect(points.count == 200)
        #expect(points.suffix(100).map(\.run) == Array(900..<1_000))
        #expect(points.suffix(100).allSatisfy { $0.runs == 1 && $0.low == $0.value && $0.high == $0.value })
        let groups = points.prefix(100)
        #expect(groups.map(\.run) == Array(stride(from: 0, to: 900, by: 9)))
        #expect(groups.allSatisfy { $0.runs == 9 })
        // Runs 0…8: values 0, 1, 2, 5000, 4, 5, 6, 7, 8; median 5, range 0…5000.
        #expect(groups.first.map { [$0.value, $0.low, $0.high] } == [5, 0, 5_000])
        // Runs 9…17: 9, 10, 11, 12, 5000, 14, 15, 16, 17; median 14.
        #expect(groups.dropFirst().first.map { [$0.value, $0.low, $0.high] } == [14, 9, 5_000])
        #expect(groups.first?.date == "d0" && groups.last?.commit == "c891")
        let chart = TrendChart(id: "t", title: "t", description: "", points: points, runCount: 1_000, compact: false)
        #expect(
            chart.drawing
                == "the last 100 runs each drawn, the 900 before them as 100 medians of 9 runs with their range shaded")
        #expect(chart.pointIndex(ofRun: 0) == 0 && chart.pointIndex(ofRun: 17) == 1 && chart.pointIndex(ofRun: 18) == 2)
        #expect(chart.pointIndex(ofRun: 899) == 99 && chart.pointIndex(ofRun: 900) == 100)
        #expect(chart.pointIndex(ofRun: 999) == 199)

        // Groups of unequal size still cover every older run once, in order.
        let uneven = TrendChart.points(values: Array(repeating: 1, count: 1_234), label: label).prefix(100)
        #expect(uneven.reduce(0) { $0 + $1.runs } == 1_134)
        #expect(zip(uneven, uneven.dropFirst()).allSatisfy { $0.run + $0.runs == $1.run })
        #expect(Set(uneven.map(\.runs)) == [11, 12])
        // Barely more runs than points: groups of one or two runs, still groups.
        let barely = TrendChart.points(values: (0..<201).map(Double.init), label: label)
        #expect(barely.prefix(100).allSatisfy(\.isGroup) && !barely.suffix(100).contains(where: \.isGroup))
        #expect(
            TrendChart(id: "t", title: "t", description: "", points: barely, runCount: 201, compact: false).drawing
                == "the last 100 runs each drawn, the 101 before them as 100 medians of 1–2 runs with their range shaded"
        )
    }

    /// 1,000 runs of 20 results (2 models × 10 rates): every page stays under 1 MB, and each
    /// line draws at most 200 runs.
    @Test func aThousandRunsMakeSmallPages() throws {
        let runs = (0..<1_000).map { index in
            let day = index % 28 + 1
            let month = index / 28 % 12 + 1
            let year = 2024 + index / (28 * 12)
            let date = String(format: "%04d-%02d-%02dT02:00:00Z", year, month, day)
            let results = ["org/a", "org/b"].flatMap { model in
                (1...10).map { rate in
                    // Deterministic wiggle; a step at run 700 in one trend.
                    let wiggle = 1 + 0.02 * sin(Double(index * rate))
                    let step = model == "org/a" && rate == 4 && index >= 700 ? 1.3 : 1.0
                    return BenchmarkResult(
                        file: "serving_qps_\(rate).json", kind: .serving, test: "serving_qps_\(rate)",
                        series: "serving", model: model, modelSource: .result, requestRate: .perSecond(Double(rate)),
                        metrics: [
                            "output_throughput": 100 * Double(rate) * wiggle, "p99_ttft_ms": 40 * wiggle * step,
                            "p99_tpot_ms": 9 * wiggle, "completed": 100,
                        ])
                }
            }
            return HistoryRun(
                commit: String(format: "%040x", index * 7919 + 1), branch: "main", date: date, results: results)
        }
        let timeline = HistoryTimeline(runs: runs, metrics: HistorySite.metrics, objectives: ServiceObjective.defaults)
        let files = HistorySite(timeline: timeline, branch: "main", generator: "benchreport test").files()
        #expect(files.count == 3)
        for (name, page) in files {
            #expect(page.utf8.count < 1_000_000, "\(name): \(page.utf8.count) bytes")
            #expect(!page.contains("<script"))
        }
        let page = try #require(files["models/orga.html"])
        #expect(page.contains("the last 100 runs each drawn, the 900 before them as 100 medians of 9 runs"))
        #expect(page.contains("class=\"range\"") && page.contains("class=\"grouping-boundary\""))
        // Sparklines shade the groups' range too, without the rule.
        let index = try #require(files["index.html"])
        #expect(index.contains("class=\"range\"") && !index.contains("class=\"grouping-boundary\""))
        for path in page.components(separatedBy: " d=\"M").dropFirst() {
            let data = path.prefix { $0 != "\"" }
            #expect(Self.count("L", in: String(data)) + 1 <= 200)
        }
        #expect(Self.figure("serving-4-req-s-p99-ttft-ms", in: page)?.contains("class=\"change-point\"") == true)
    }
}
