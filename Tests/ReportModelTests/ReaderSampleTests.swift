import Foundation
import Testing

@testable import ReportModel

/// The reader keeps at most `SampleReduction.maximumKept` samples per series: the evenly spaced
/// order statistics of the whole series, so quantiles survive, with the original count beside.
@Suite struct ReaderSampleTests {
    /// What the thinning must return: the full sort, picked at the thinned ranks.
    static func expectedThinning(_ values: [Double], limit: Int) -> [Double] {
        let sorted = values.sorted()
        guard sorted.count > limit else { return sorted }
        return SampleReduction.thinnedRanks(of: sorted.count, count: limit).map { sorted[$0] }
    }

    @Test(arguments: [0, 1, 2, 4095, 4096, 4097, 10_000, 250_000])
    func thinningPicksTheEvenlySpacedOrderStatistics(count: Int) {
        var random = SplitMix64(seed: UInt64(count) + 7)
        // ITL-like values, with ties and a heavy tail.
        let values = (0..<count).map { _ in
            random.next() % 10 == 0
                ? 0.006 : 0.005 * exp(0.3 * random.nextStandardNormal()) + 0.03 * random.nextExponential() / 100
        }
        let thinned = SampleReduction.sortedAndThinned(values)
        #expect(thinned == Self.expectedThinning(values, limit: SampleReduction.maximumKept))
        #expect(thinned.count == min(count, SampleReduction.maximumKept))
        if count > 0 {
            #expect(thinned.first == values.min())
            #expect(thinned.last == values.max())
        }
    }

    @Test func smallBucketsAreSorted() {
        var random = SplitMix64(seed: 48)
        for count in 0...48 {
            for round in 0..<200 {
                // Random keys, keys with many ties, and the extremes.
                let keys: [UInt64] = (0..<count).map { _ in
                    switch round % 3 {
                    case 0: random.next()
                    case 1: random.next() % 4
                    default: random.next() % 2 == 0 ? 0 : .max
                    }
                }
                var sorted = keys
                sorted.withUnsafeMutableBufferPointer { SampleReduction.sortSmall($0) }
                #expect(sorted == keys.sorted(), "\(keys)")
            }
        }
    }

    @Test func thinnedRanksAreTheRoundedEvenlySpacedRanks() {
        for n in [2, 3, 4096, 4097, 10_000, 24_888, 250_000, 1 << 31] {
            for count in [2, 3, 100, 4096] where count <= n {
                let expected = (0..<count).map { index in (index * (n - 1) + (count - 1) / 2) / (count - 1) }
                #expect(SampleReduction.thinnedRanks(of: n, count: count) == expected, "n \(n), count \(count)")
            }
        }
    }

    @Test func thinningHandlesSignsZerosRangesAndEqualValues() {
        var random = SplitMix64(seed: 99)
        let cases: [[Double]] = [
            (0..<9000).map { _ in Double(bitPattern: random.next()) }.filter { !$0.isNaN },  // every exponent
            (0..<9000).map { index in index % 3 == 0 ? -0.0 : (index % 3 == 1 ? 0.0 : -1.5) },
            [Double](repeating: 0.25, count: 5000),
            (0..<5000).map { Double($0 % 7) - 3 } + [.infinity, -.infinity],
            (0..<5000).map { 1 + Double($0) * .ulpOfOne },  // all within a few ulps
        ]
        for values in cases {
            let thinned = SampleReduction.sortedAndThinned(values, limit: 100)
            let expected = Self.expectedThinning(values, limit: 100)
            // -0.0 and 0.0 are equal but may come in either order from `sorted()`.
            #expect(thinned.count == expected.count)
            #expect(zip(thinned, expected).allSatisfy { $0 == $1 }, "\(values.prefix(3))")
        }
        #expect(SampleReduction.sortedAndThinned([.nan, 2, 1, .nan], limit: 2) == [1, 2])
        let withNaN = (0..<5000).map { $0 % 97 == 0 ? .nan : Double(($0 * 7919) % 5000) }
        #expect(
            SampleReduction.sortedAndThinned(withNaN, limit: 100)
                == Self.expectedThinning(withNaN.filter { !$0.isNaN }, limit: 100))
    }

    /// The thinned quantiles stay within one rank step of the full series': for 1,000 requests
    /// of 200 tokens, the ITL p50 and p99 of 4,096 kept samples are those of the 200,000.
    @Test func percentilesOfThinnedSamplesStayCloseToTheFullOnes() {
        var random = SplitMix64(seed: 2026)
        let values = (0..<200_000).map { _ in 0.007 * exp(0.2 * random.nextStandardNormal()) }
        let full = values.sorted()
        let kept = SampleReduction.sortedAndThinned(values)
        for p in [1.0, 10, 50, 90, 99, 99.9] {
            let exact = Statistics.percentile(of: full, p)!
            let thinned = Statistics.percentile(of: kept, p)!
            // Within the values one thinning step (n / 4096 ranks) either side.
            let rank = p / 100 * Double(full.count - 1)
            let step = Double(full.count) / Double(SampleReduction.maximumKept)
            let low = full[max(0, Int(rank - step))]
            let high = full[min(full.count - 1, Int(rank + step) + 1)]
            #expect((low...high).contains(thinned), "p\(p): \(thinned) vs \(exact)")
            #expect(abs(thinned - exact) / exact < 0.01)
        }
    }

    /// A detailed file with more ITLs than are kept: the result keeps 4,096 and says how many
    /// there were; the series with fewer keep all.
    @Test func aDetailedFileKeepsBoundedSamplesAndTheirCounts() throws {
        var random = SplitMix64(seed: 5)
        let requests = 300
        var itls: [String] = []
        var ttfts: [String] = []
        var outputs: [String] = []
        var total = 0
        for _ in 0..<requests {
            let tokens = 20 + random.nextInt(below: 40)
            total += tokens - 1
            itls.append(
                "[" + (1..<tokens).map { _ in "\(0.005 + Double(random.next() % 1000) / 1e5)" }.joined(separator: ", ")
                    + "]")
            ttfts.append("\(0.02 + Double(random.next() % 1000) / 1e5)")
            outputs.append("\(tokens)")
        }
        let text = """
            {"model_id": "m", "request_rate": 4.0, "completed": \(requests), "median_ttft_ms": 25.0, \
            "output_lens": [\(outputs.joined(separator: ", "))], "ttfts": [\(ttfts.joined(separator: ", "))], \
            "itls": [\(itls.joined(separator: ", "))], "errors": [\(Array(repeating: "\"\"", count: requests).joined(separator: ", "))]}
            """
        let folder = try TemporaryFolder(["serving_m_qps_4.json": text])
        let result = try #require(try FolderReader.read(folder.path).results.first)
        #expect(total > SampleReduction.maximumKept)
        #expect(result.samples[.itl]?.count == SampleReduction.maximumKept)
        #expect(result.sampleCounts[.itl] == total)
        #expect(result.samples[.ttft]?.count == requests)
        #expect(result.sampleCounts[.ttft] == requests)
        let all = try #require(try FolderReader.read(folder.path, sampleLimit: .max).results.first)
        #expect(all.samples[.itl]?.count == total)
        #expect(result.samples[.itl] == Self.expectedThinning(all.samples[.itl]!, limit: SampleReduction.maximumKept))
    }

    /// Many files read by several workers: the same results, problems and order every time,
    /// and the same as reading each file alone.
    @Test func parallelReadingIsDeterministic() throws {
        var files: [String: String] = [:]
        for index in 0..<40 {
            let rate = [1, 4, 16][index % 3]
            files["run\(index % 4)/serving_m\(index % 5)_tp1_qps_\(rate)_concurrency_\(index).json"] =
                #"{"model_id": "m\#(index % 5)", "request_rate": \#(rate).0, "max_concurrency": \#(index), "#
                + #""request_throughput": \#(Double(index) / 7), "ttfts": [0.3, 0.1, \#(index)]}"#
        }
        files["run0/serving_bad_qps_1.json"] = #"{"request_throughput": 1.0, "ttfts": [0.1,, 2]}"#
        files["run1/serving_lines_qps_2.json"] =
            #"{"request_throughput": 1.0}"# + "\n" + #"{"request_throughput": 2.0}"#
        let folder = try TemporaryFolder(files)
        func summary(_ read: ResultFolder) -> [String] {
            read.results.map { "\($0.file):\($0.line ?? 0):\($0.metrics["request_throughput"] ?? -1):\($0.samples)" }
                + read.problems.map { "\($0.file): \($0.message)" }
        }
        let first = summary(try FolderReader.read(folder.path))
        #expect(first.count == 40 + 2 + 1)
        #expect(first.contains { $0.contains("serving_bad_qps_1.json: not valid JSON") && $0.contains("(at byte 42)") })
        for _ in 0..<5 {
            #expect(summary(try FolderReader.read(folder.path)) == first)
        }
    }
}
