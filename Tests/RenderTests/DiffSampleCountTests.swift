import Foundation
import ReportModel
import Testing

@testable import Render

/// The reader keeps at most 4,096 samples of a series (evenly spaced order statistics) and the
/// file's count beside them: the diff's CDF says how many requests there were as the report
/// does, the file's number, not the kept one.
@Suite struct DiffSampleCountTests {
    static let requests = 6000

    /// A run at `rate` req/s in vLLM's format, from the example's file: `count` requests whose
    /// TTFTs are spread over 20–80 ms, times `factor`.
    static func run(rate: Double, count: Int, factor: Double) throws -> Data {
        let example = EveryResultShownTests.root.appendingPathComponent(
            "Examples/base/serving_llama8B_tp1_sharegpt_qps_16_concurrency_200.json")
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: example)) as? [String: Any])
        let ttfts = (0..<count).map { (0.020 + 0.060 * Double($0 * 7919 % count) / Double(count)) * factor }
        let sorted = ttfts.sorted()
        json["request_rate"] = rate
        json["num_prompts"] = count
        json["completed"] = count
        json["failed"] = 0
        json["ttfts"] = ttfts
        json["itls"] = (0..<count).map { _ in [0.007, 0.0072, 0.0069] }
        json["input_lens"] = (0..<count).map { 100 + $0 % 50 }
        json["output_lens"] = (0..<count).map { _ in 4 }
        json["start_times"] = (0..<count).map { Double($0) / rate }
        json["generated_texts"] = (0..<count).map { _ in "" }
        json["errors"] = (0..<count).map { _ in "" }
        json["mean_ttft_ms"] = ttfts.reduce(0, +) / Double(count) * 1000
        json["median_ttft_ms"] = sorted[count / 2] * 1000
        json["p99_ttft_ms"] = sorted[count * 99 / 100] * 1000
        return try JSONSerialization.data(withJSONObject: json)
    }

    /// Base and head folders with runs at 1 and 16 req/s; at 16 req/s, 6,000 requests, and
    /// head's TTFTs half as long again as base's.
    static func folders() throws -> (base: ResultFolder, head: ResultFolder) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("diff-sample-count-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        var folders: [ResultFolder] = []
        for (side, factor) in [("base", 1.0), ("head", 1.5)] {
            let folder = root.appendingPathComponent(side)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (rate, count, sideFactor) in [(1.0, 200, 1.0), (16.0, requests, factor)] {
                try run(rate: rate, count: count, factor: sideFactor).write(
                    to: folder.appendingPathComponent(
                        "serving_llama8B_tp1_sharegpt_qps_\(Int(rate))_concurrency_200.json"))
            }
            folders.append(try FolderReader.read(folder.path, keepsRequests: true))
        }
        return (folders[0], folders[1])
    }

    @Test func theCDFTableCountsTheFilesRequestsAsTheReportDoes() throws {
        let (base, head) = try Self.folders()
        let busy = try #require(base.results.first { $0.requestRate == .perSecond(16) })
        #expect(busy.samples[.ttft]?.count == 4096 && busy.sampleCounts[.ttft] == Self.requests)

        let page = DiffHTMLReport(diff: ResultDiff(base: base, head: head), generator: "t").render()
        let cdf = try ChartFailureTests.svg(page, idSuffix: "-ttft-cdf-2")
        #expect(cdf.contains("TTFT distribution at 16 req/s"))
        #expect(cdf.contains("2 series (base, head); \(Self.requests) samples each."))
        let table = try #require(
            page.components(separatedBy: #"id="meta-llamallama-31-8b-instruct-s1-ttft-cdf-2""#).dropFirst().first?
                .components(separatedBy: "</table>").first)
        let rows = DiffReplicateChartTests.rows(table)
        #expect(rows.map { Array($0.prefix(2)) } == [["base", "6000"], ["head", "6000"]])
        #expect(!page.contains("4096"))

        // The report of the base folder: the same count for the same run.
        let report = HTMLReport(report: Report(folder: base), generator: "t").render()
        let reportCDF = try #require(report.components(separatedBy: #"-ttft-cdf""#).dropFirst().first)
        let reportRows = DiffReplicateChartTests.rows(
            try #require(reportCDF.components(separatedBy: "</table>").first))
        #expect(reportRows.map { Array($0.prefix(2)) } == [["1 req/s", "200"], ["16 req/s", "6000"]])
        #expect(report.contains("; 200 to \(Self.requests) samples per series."))
    }
}
