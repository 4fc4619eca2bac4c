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

    @Test func drawnRunsKeepTheLastHundredAndThinOlderOnes() {
        #expect(TrendChart.drawnRuns(count: 60) == Array(0..<60))
        let drawn = TrendChart.drawnRuns(count: 1_000)
        #expect(drawn.count == 200)
        #expect(Array(drawn.suffix(100)) == Array(900..<1_000))
        #expect(drawn.first == 0)
        #expect(drawn == drawn.sorted() && Set(drawn).count == drawn.count)
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
        #expect(page.contains("every run of the last 100 drawn, and 100 evenly spaced older ones"))
        for path in page.components(separatedBy: " d=\"M").dropFirst() {
            let data = path.prefix { $0 != "\"" }
            #expect(Self.count("L", in: String(data)) + 1 <= 200)
        }
        #expect(Self.figure("serving-4-req-s-p99-ttft-ms", in: page)?.contains("class=\"change-point\"") == true)
    }
}
