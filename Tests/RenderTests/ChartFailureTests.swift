import ReportModel
import Testing

@testable import Render

/// vLLM writes 0.0 for every latency statistic of a run in which no request succeeded: charts
/// leave those out of latency charts and say so, and keep the run's real 0 throughput.
@Suite struct ChartFailureTests {
    static let zeros: [String: Double] = [
        "completed": 0, "failed": 200, "request_throughput": 0, "output_throughput": 0,
        "total_token_throughput": 0, "median_ttft_ms": 0, "p99_ttft_ms": 0, "median_tpot_ms": 0,
        "p99_tpot_ms": 0, "median_itl_ms": 0, "p99_itl_ms": 0,
    ]

    static func sweep(failingAt failing: RequestRate?) -> [BenchmarkResult] {
        [RequestRate.perSecond(1), .perSecond(4), .perSecond(16), .infinite].enumerated().map { index, rate in
            ReportMarkdownTests.serving(
                model: "org/m", rate: rate,
                metrics: rate == failing
                    ? zeros : ["p99_ttft_ms": 40 + 10 * Double(index), "output_throughput": 100 * Double(index + 1)])
        }
    }

    /// The `<svg>…</svg>` of the figure whose id ends with `suffix`.
    static func svg(_ page: String, idSuffix suffix: String) throws -> String {
        let marker = try #require(page.range(of: "\(suffix)-title\""))
        let start = try #require(
            page.range(of: "<svg", options: .backwards, range: page.startIndex..<marker.lowerBound))
        let end = try #require(page.range(of: "</svg>", range: marker.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func reportLeavesTheRunOutOfLatencyChartsAndSaysSo() throws {
        let report = Report(folder: ResultFolder(path: "r", results: Self.sweep(failingAt: .perSecond(16))))
        let page = HTMLReport(report: report, generator: "t").render()
        let note = "No request succeeded at 16 req/s: no latency is drawn there."
        for suffix in ["-ttft", "-tpot", "-itl", "-knee"] {
            let svg = try Self.svg(page, idSuffix: suffix)
            #expect(svg.contains(note), "\(suffix)")
            #expect(!svg.contains("16 req/s: 0"), "\(suffix) plots the fake zero")
        }
        // The curve has three points, not four, and no point at 0 tok/s.
        let knee = try Self.svg(page, idSuffix: "-knee")
        #expect(knee.contains("3 points.") && !knee.contains(", 16: "))
        #expect(page.contains("Past the knee, more load buys little throughput and much latency. " + note))
        // Throughput really was zero: it stays.
        let throughput = try Self.svg(page, idSuffix: "-request-throughput")
        #expect(throughput.contains("Request throughput, 16 req/s: 0"))
        #expect(!throughput.contains("No request succeeded"))
    }

    @Test func aSweepWhereEveryRunSucceededHasNoNote() {
        let report = Report(folder: ResultFolder(path: "r", results: Self.sweep(failingAt: nil)))
        #expect(!HTMLReport(report: report, generator: "t").render().contains("No request succeeded"))
    }

    @Test func diffLeavesTheRunOutOfLatencyChartsAndSaysSo() throws {
        let diff = ResultDiff(
            base: ResultFolder(path: "base", results: Self.sweep(failingAt: nil)),
            head: ResultFolder(path: "head", results: Self.sweep(failingAt: .perSecond(16))))
        let page = DiffHTMLReport(diff: diff, generator: "t").render()
        let note = "No request succeeded at head 16 req/s: no latency is drawn there."
        for suffix in ["-s1-ttft", "-s1-knee"] {
            let svg = try Self.svg(page, idSuffix: suffix)
            #expect(svg.contains(note), "\(suffix)")
            #expect(!svg.contains("head, 16 req/s: 0") && !svg.contains("head, 16: "), "\(suffix)")
        }
        let throughput = try Self.svg(page, idSuffix: "-s1-request-throughput")
        #expect(throughput.contains("head, 16 req/s: 0"))
    }
}

/// A diff whose sweep has metadata variants on both sides draws a base and a head line per
/// variant: nothing is averaged across variants.
@Suite struct DiffVariantChartTests {
    @Test func eachVariantHasItsOwnBaseAndHeadLines() throws {
        let folder = try FolderReader.read(EveryResultShownTests.variantsFixture)
        let diff = ResultDiff(base: folder, head: folder)
        let page = DiffHTMLReport(diff: diff, generator: "t").render()
        let ttft = try ChartFailureTests.svg(page, idSuffix: "-s1-ttft")
        for side in ["base", "head"] {
            for framework in ["sgl", "vllm"] {
                #expect(ttft.contains("<title>\(side) framework=\(framework) median, 1 req/s: "))
                #expect(ttft.contains("<title>\(side) framework=\(framework) p99, inf: "))
            }
        }
        #expect(!ttft.contains("<title>base median") && !ttft.contains("<title>head median"))
        // 8 lines: 2 sides × 2 variants × median and p99.
        #expect(ttft.contains("8 series ("))
        let throughput = try ChartFailureTests.svg(page, idSuffix: "-s1-request-throughput")
        #expect(throughput.contains("4 series (base framework=sgl, head framework=sgl, base framework=vllm"))
        let knee = try ChartFailureTests.svg(page, idSuffix: "-s1-knee")
        #expect(knee.contains("4 series (base framework=sgl, head framework=sgl, base framework=vllm"))
        #expect(page.contains("one colour per variant"))
    }
}
