import Foundation
import ReportModel
import Testing

@testable import Render

/// Every result read is shown: one table row each and, where its sweep is charted, one point
/// each; variants are series of their own, never merged.
@Suite struct EveryResultShownTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let variantsFixture = root.appendingPathComponent("Tests/Fixtures/variants").path

    /// The examples, the fixture, and every folder of the shared corpus that holds result files
    /// (the corpus is skipped where it is absent).
    static let folders: [String] = {
        var folders = ["Examples/base", "Examples/head"].map { root.appendingPathComponent($0).path }
        folders.append(variantsFixture)
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/real")
        if let walker = FileManager.default.enumerator(atPath: corpus.path) {
            var withResults = Set<String>()
            for case let file as String in walker where file.hasSuffix(".json") || file.hasSuffix(".jsonl") {
                withResults.insert(corpus.appendingPathComponent(file).deletingLastPathComponent().path)
            }
            folders += withResults.sorted()
        }
        return folders
    }()

    static func identity(_ result: BenchmarkResult) -> String { "\(result.file)#\(result.line ?? 0)" }

    static func dataRows(_ table: String) -> Int {
        max(0, table.split(separator: "\n").count { $0.hasPrefix("|") } - 2)
    }

    @Test(arguments: folders)
    func everyResultIsOneRowAndOnePoint(folder: String) throws {
        let report = Report(folder: try FolderReader.read(folder))
        var rows: [String: Int] = [:]
        for section in report.models {
            for series in section.serving {
                let table = ServingTable(results: series.results, columnsFrom: series.results).render()
                #expect(Self.dataRows(table) == series.results.count, "\(series.name)")
                for result in series.results { rows[Self.identity(result), default: 0] += 1 }
                guard let sweep = Sweep(series.results) else { continue }
                #expect(sweep.results.count == series.results.count, "\(series.name)")
                for key in ["request_throughput", "median_ttft_ms"] {
                    let lines = sweep.lines { $0.metrics[key] }
                    let expected = series.results.count { $0.metrics[key]?.isFinite == true }
                    #expect(lines.reduce(0) { $0 + $1.points.count } == expected, "\(series.name) \(key)")
                    let svg = RateChart(
                        id: "c", title: "t", description: "d", valueAxis: ChartAxis(key),
                        series: lines.map { RateSeries($0.name.isEmpty ? key : $0.name, points: $0.points) }
                    ).render()
                    // One tooltip per marker, after the chart's own title.
                    #expect(svg.components(separatedBy: "</title>").count - 2 == expected, "\(series.name) \(key)")
                }
            }
            #expect(Self.dataRows(LatencyTable.render(section.latency)) == section.latency.count)
            #expect(Self.dataRows(ThroughputTable.render(section.throughput)) == section.throughput.count)
            for result in section.latency + section.throughput { rows[Self.identity(result), default: 0] += 1 }
        }
        #expect(rows.count == report.folder.results.count)
        #expect(rows.values.allSatisfy { $0 == 1 })
    }

    @Test func metadataVariantsAreLabelledSeriesWithEveryRecordCharted() throws {
        let report = Report(folder: try FolderReader.read(Self.variantsFixture))
        let serving = try #require(report.models.first).serving
        #expect(
            serving.map(\.name) == [
                "serving_llama8B_tp1_sharegpt · framework=sgl", "serving_llama8B_tp1_sharegpt · framework=vllm",
            ])
        #expect(serving.map(\.results.count) == [4, 5])
        #expect(serving.allSatisfy { Set($0.results.map { $0.metadata["framework"] }).count == 1 })
        // The vllm run at 4 req/s twice: two points, and the chart says so.
        let vllm = try #require(Sweep(serving[1].results))
        let lines = vllm.lines { $0.metrics["request_throughput"] }
        #expect(lines.map(\.points.count) == [5])
        let svg = RateChart(
            id: "c", title: "t", description: "d", valueAxis: ChartAxis("Throughput"),
            series: [RateSeries("throughput", points: lines[0].points)]
        ).render()
        #expect(svg.contains("Several runs share a rate (4)"))

        let markdown = ReportMarkdown(report: report).render()
        #expect(markdown.contains("serving\\_llama8B\\_tp1\\_sharegpt · framework=sgl"))
        #expect(markdown.contains("serving\\_llama8B\\_tp1\\_sharegpt · framework=vllm"))
    }
}
