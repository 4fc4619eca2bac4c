import ReportModel
import Testing

@testable import Render

/// A diff whose sides ran each configuration several times (replicates) draws every run: a
/// marker each at its rate (base hollow, head filled), the line through their mean, and a row
/// each in the figure's data table, as the report does for one folder.
@Suite struct DiffReplicateChartTests {
    static let rates: [RequestRate] = [.perSecond(1), .perSecond(4), .perSecond(16), .infinite]

    /// `runs` replicates of a four-rate sweep; every run's TTFT p99 and throughput its own
    /// (`side` 0 base, 1 head), with per-request TTFTs at 4 req/s.
    static func sweep(side: Int, runs: Int) -> [BenchmarkResult] {
        rates.enumerated().flatMap { index, rate in
            (1...runs).map { run -> BenchmarkResult in
                let ttft = 40 + 10 * Double(index) + Double(run) + 20 * Double(side)
                var result = ReportMarkdownTests.serving(
                    model: "org/m", rate: rate,
                    metrics: ["p99_ttft_ms": ttft, "output_throughput": 100 * Double(index + 1) + Double(run)])
                result.file = "\(side == 0 ? "base" : "head")/serving_m_qps_\(rate)_run\(run).json"
                if rate == .perSecond(4) {
                    // 200 requests, head's 1.5 times base's: the TTFT moved, so the diff draws its CDF.
                    result.samples[.ttft] = (0..<200).map {
                        (0.030 + 0.0001 * Double($0) + 0.0003 * Double(run)) * (side == 0 ? 1 : 1.5)
                    }
                }
                return result
            }
        }
    }

    static func figures() throws -> [HTMLReport.FigureView] {
        let diff = ResultDiff(
            base: ResultFolder(path: "base", results: sweep(side: 0, runs: 3)),
            head: ResultFolder(path: "head", results: sweep(side: 1, runs: 3)))
        #expect(diff.pairing.pairs.count == 4)
        #expect(diff.pairing.pairs.allSatisfy { $0.baseRuns.count == 3 && $0.headRuns.count == 3 })
        return DiffCharts(
            maker: FigureMaker(modelName: "m"), pairs: diff.pairing.pairs, changes: diff.changes, id: "m-s1"
        ).figures()
    }

    /// The body rows of a figure's data table, as cell texts.
    static func rows(_ html: String) -> [[String]] {
        let body = html.components(separatedBy: "<tbody>").last ?? ""
        return body.components(separatedBy: "<tr>").dropFirst().map { row in
            row.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.1) }
        }
    }

    static func figure(_ figures: [HTMLReport.FigureView], _ suffix: String) throws -> HTMLReport.FigureView {
        try #require(figures.first { $0.id.hasSuffix(suffix) }, "no figure \(suffix)")
    }

    @Test func everyRunOfBothSidesIsAMarkerAndARow() throws {
        let figures = try Self.figures()
        let ttft = try Self.figure(figures, "-ttft")
        for (side, offset) in [("base", 0.0), ("head", 20.0)] {
            for (index, rate) in ["1 req/s", "4 req/s", "16 req/s", "inf"].enumerated() {
                // Three markers per side and rate, each with its own run's value.
                #expect(ttft.svg.components(separatedBy: "<title>\(side) p99, \(rate): ").count - 1 == 3)
                for run in 1...3 {
                    let value = readableNumber(40 + 10 * Double(index) + Double(run) + offset)
                    #expect(ttft.svg.contains("<title>\(side) p99, \(rate): \(value) ms</title>"), "\(side) \(rate)")
                }
            }
        }
        #expect(ttft.svg.contains("Several runs share a rate (1, 4, 16, inf): a point each, the line through"))
        #expect(ttft.caption.contains("Several runs share a request rate (1, 4, 16, inf): a marker each, the line"))
        // Base's markers hollow beneath, head's filled.
        #expect(ttft.svg.contains(##"fill="none" stroke="#0072b2""##))
        // The data table: a row per run, base and head side by side (median, then p99 columns).
        let rows = Self.rows(ttft.dataTableHTML)
        #expect(rows.count == 12)
        for (index, rate) in ["1", "4", "16", "inf"].enumerated() {
            for run in 1...3 {
                let p99 = [0.0, 20].map { NumberText.fixed(40 + 10 * Double(index) + Double(run) + $0, decimals: 2) }
                let row = rows.first { $0.first == "\(rate) (run \(run))" }
                #expect(row.map { Array($0.suffix(2)) } == p99, "\(rate) run \(run)")
            }
        }
    }

    @Test func theCurveHasEveryRunAndTheLineThroughTheirMeans() throws {
        let figures = try Self.figures()
        let knee = try Self.figure(figures, "-knee")
        for side in ["base", "head"] {
            for rate in ["1", "4", "16", "inf"] {
                #expect(knee.svg.components(separatedBy: "<title>\(side), \(rate): ").count - 1 == 3, "\(side) \(rate)")
                for run in 1...3 {
                    #expect(Self.rows(knee.dataTableHTML).contains { $0.prefix(2) == [side, "\(rate) (run \(run))"] })
                }
            }
        }
        #expect(knee.svg.contains("Several points share a label (1, 4, 16, inf): runs of one setting"))
        #expect(Self.rows(knee.dataTableHTML).count == 24)
        // 24 markers, one label per side and rate: 8 labels.
        let labels = try #require(knee.svg.components(separatedBy: #"class="point-labels""#).dropFirst().first)
        #expect(knee.svg.components(separatedBy: #"class="point-labels""#).count - 1 == 2)
        #expect(labels.components(separatedBy: "<text ").count - 1 == 4)
        #expect(knee.caption.contains("Several runs share a request rate"))
    }

    @Test func theCDFOfAMovedRateDrawsEveryRun() throws {
        let figures = try Self.figures()
        let cdf = try Self.figure(figures, "-ttft-cdf-2")
        for side in ["base", "head"] {
            for run in 1...3 {
                #expect(cdf.svg.contains("\(side) run \(run)"))
                #expect(Self.rows(cdf.dataTableHTML).contains { $0.first == "\(side) run \(run)" })
            }
        }
        #expect(cdf.svg.contains("6 series ("))
        #expect(cdf.caption.contains("a line per run"))
    }

    /// A side's runs share its style: the legend has an entry per side that counts them, and
    /// each run's line is named in a tooltip of its own and on its markers.
    @Test func theCDFLegendHasAnEntryPerSideWithItsRuns() throws {
        let cdf = try Self.figure(Self.figures(), "-ttft-cdf-2")
        #expect(DiffLegendTests.legend(cdf.svg).map(\.name) == ["base · 3 runs", "head · 3 runs"])
        for side in ["base", "head"] {
            for run in 1...3 {
                #expect(cdf.svg.contains("<title>\(side) run \(run)</title>"))
                #expect(cdf.svg.contains("<title>\(side) run \(run) p50: "))
            }
        }
        // One run a side: the sides' names, and no tooltip repeating what the legend says.
        let single = ResultDiff(
            base: ResultFolder(path: "base", results: Self.sweep(side: 0, runs: 1)),
            head: ResultFolder(path: "head", results: Self.sweep(side: 1, runs: 3)))
        let mixed = try Self.figure(
            DiffCharts(
                maker: FigureMaker(modelName: "m"), pairs: single.pairing.pairs, changes: single.changes, id: "m-s1"
            ).figures(), "-ttft-cdf-2")
        #expect(DiffLegendTests.legend(mixed.svg).map(\.name) == ["base", "head · 3 runs"])
        #expect(!mixed.svg.contains("<title>base</title>"))
    }

    /// Rate charts and the curve draw a marker per run on a side's one line: one entry per line.
    @Test func rateAndCurveLegendsHaveAnEntryPerLineNotPerRun() throws {
        let figures = try Self.figures()
        #expect(
            DiffLegendTests.legend(try Self.figure(figures, "-ttft").svg).map(\.name) == [
                "base median", "head median", "base p99", "head p99",
            ])
        #expect(
            DiffLegendTests.legend(try Self.figure(figures, "-request_throughput").svg).map(\.name) == ["base", "head"])
        #expect(DiffLegendTests.legend(try Self.figure(figures, "-knee").svg).map(\.name) == ["base", "head"])
    }

    /// Without replicates nothing says there are any.
    @Test func singleRunsHaveNoReplicateNote() {
        let diff = ResultDiff(
            base: ResultFolder(path: "base", results: Self.sweep(side: 0, runs: 1)),
            head: ResultFolder(path: "head", results: Self.sweep(side: 1, runs: 1)))
        let figures = DiffCharts(
            maker: FigureMaker(modelName: "m"), pairs: diff.pairing.pairs, changes: diff.changes, id: "m-s1"
        ).figures()
        #expect(!figures.isEmpty)
        #expect(figures.allSatisfy { !$0.caption.contains("Several runs") && !$0.svg.contains("Several") })
        #expect(figures.allSatisfy { !$0.dataTableHTML.contains("(run ") && !$0.svg.contains(" run 1") })
    }
}
