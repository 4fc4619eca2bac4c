import Testing

@testable import ReportModel

@Suite struct DiffTests {
    /// Log-normal request latencies in seconds, drawn from a fixed seed.
    static func latencies(count: Int, median: Double, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in median * (0.35 * generator.nextStandardNormal()).exponentialValue }.sorted()
    }

    /// A serving result whose TTFT statistics are computed from its samples, as vLLM does.
    static func serving(
        test: String = "serving_m_tp1_qps_4", model: String = "org/m", rate: RequestRate = .perSecond(4),
        ttfts: [Double]? = nil, metrics: [String: Double] = [:]
    ) -> BenchmarkResult {
        var values: [String: Double] = [
            "num_prompts": 200, "completed": 200, "failed": 0, "request_throughput": 3.9, "output_throughput": 850,
        ]
        var samples: [SampleSeries: [Double]] = [:]
        if let ttfts {
            samples[.ttft] = ttfts
            values["mean_ttft_ms"] = Statistics.mean(of: ttfts)! * 1000
            values["median_ttft_ms"] = Statistics.median(of: ttfts)! * 1000
            values["p99_ttft_ms"] = Statistics.percentile(of: ttfts, 99)! * 1000
        }
        return BenchmarkResult(
            file: test + ".json", kind: .serving, test: test, series: "serving_m_tp1", model: model,
            modelSource: .result, requestRate: rate, metrics: values.merging(metrics) { $1 }, samples: samples)
    }

    static func diff(_ base: [BenchmarkResult], _ head: [BenchmarkResult], options: DiffOptions = DiffOptions())
        -> ResultDiff
    {
        ResultDiff(
            base: ResultFolder(path: "base", results: base), head: ResultFolder(path: "head", results: head),
            options: options)
    }

    static func row(_ diff: ResultDiff, _ metric: String) throws -> MetricChange {
        try #require(diff.changes.first { $0.metric == metric })
    }

    @Test func aTrueShiftInTheSamplesIsARegression() throws {
        let base = Self.latencies(count: 200, median: 0.040, seed: 1)
        let head = Self.latencies(count: 200, median: 0.050, seed: 2)
        let diff = Self.diff([Self.serving(ttfts: base)], [Self.serving(ttfts: head)])
        for metric in ["median_ttft_ms", "mean_ttft_ms"] {
            let row = try Self.row(diff, metric)
            #expect(row.verdict == .regression, "\(metric): \(row.method)")
            #expect(row.method.hasPrefix("Mann–Whitney U"))
            #expect((row.pValue ?? 1) < 0.01)
        }
        #expect(try Self.row(diff, "median_ttft_ms").worsening > 5)
    }

    /// Two draws from one distribution whose p99s differ by more than the threshold by chance:
    /// the bootstrap sees that the tail of 200 requests is that uncertain. Across 100 such pairs
    /// a test at α = 0.01 may call about one of them real; a threshold-only rule calls them all.
    @Test func twoDrawsFromOneDistributionAreNoise() throws {
        var beyondThreshold = 0
        var calledReal = 0
        var firstBeyondThreshold: MetricChange?
        for seed in UInt64(10)..<UInt64(110) {
            let base = Self.latencies(count: 200, median: 0.040, seed: seed)
            let head = Self.latencies(count: 200, median: 0.040, seed: seed + 1000)
            let diff = Self.diff([Self.serving(ttfts: base)], [Self.serving(ttfts: head)])
            let row = try Self.row(diff, "p99_ttft_ms")
            guard let change = row.changePercent, abs(change) > 5 else { continue }
            beyondThreshold += 1
            if firstBeyondThreshold == nil { firstBeyondThreshold = row }
            #expect(row.method.hasPrefix("bootstrap"))
            if row.verdict != .noise { calledReal += 1 }
        }
        #expect(beyondThreshold >= 30, "too few pairs beyond the threshold to say anything")
        #expect(calledReal <= 3, "\(calledReal) of \(beyondThreshold) chance differences called real")
        // The first of them, pinned: its p99 moved by more than 5% and the verdict is noise.
        let first = try #require(firstBeyondThreshold)
        #expect(first.verdict == .noise, "\(first.method)")
    }

    @Test func aThroughputDropWithoutSamplesIsARegressionByThreshold() throws {
        let diff = Self.diff(
            [Self.serving(metrics: ["output_throughput": 1000])], [Self.serving(metrics: ["output_throughput": 900])])
        let row = try Self.row(diff, "output_throughput")
        #expect(row.verdict == .regression)
        #expect(row.direction == .higherIsBetter)
        #expect(row.changePercent == -10)
        #expect(row.method == "no samples; threshold 5%")
        #expect(try Self.row(diff, "request_throughput").verdict == .unchanged)
    }

    @Test func thresholdsPerMetricAndDirection() throws {
        let base = [Self.serving(metrics: ["output_throughput": 1000, "request_throughput": 4])]
        let head = [Self.serving(metrics: ["output_throughput": 1080, "request_throughput": 3.7])]
        let options = DiffOptions(thresholdPercent: 5, metricThresholds: ["request_throughput": 10])
        let diff = Self.diff(base, head, options: options)
        #expect(try Self.row(diff, "output_throughput").verdict == .improvement)
        #expect(try Self.row(diff, "request_throughput").verdict == .unchanged)  // −7.5% is within its 10%
    }

    @Test func identicalRunsHaveNoChange() {
        let results = [Self.serving(ttfts: Self.latencies(count: 50, median: 0.03, seed: 3))]
        let diff = Self.diff(results, results)
        #expect(diff.changes.allSatisfy { $0.verdict == .unchanged && $0.changePercent == 0 })
        #expect(diff.pairing.added.isEmpty && diff.pairing.removed.isEmpty)
    }

    @Test func addedRemovedRenamedAndIncomparable() throws {
        let base = [
            Self.serving(test: "serving_m_tp1_qps_1", rate: .perSecond(1)),
            Self.serving(test: "serving_m_tp1_qps_4", rate: .perSecond(4)),
            Self.serving(test: "serving_old_name_qps_16", rate: .perSecond(16)),
            Self.serving(test: "serving_m_tp1_qps_inf", rate: .infinite),
        ]
        let head = [
            Self.serving(test: "serving_m_tp1_qps_4", rate: .perSecond(4)),
            Self.serving(test: "serving_new_name_qps_16", rate: .perSecond(16)),
            Self.serving(test: "serving_m_tp1_qps_inf", rate: .infinite, metrics: ["failed": 3, "completed": 197]),
            Self.serving(test: "serving_m_tp1_qps_32", rate: .perSecond(32)),
        ]
        let diff = Self.diff(base, head)
        #expect(diff.pairing.removed.map(\.test) == ["serving_m_tp1_qps_1"])
        #expect(diff.pairing.added.map(\.test) == ["serving_m_tp1_qps_32"])
        // The renamed test pairs by model, kind, rate and concurrency.
        #expect(
            diff.pairing.pairs.contains {
                $0.base.test == "serving_old_name_qps_16" && $0.head.test == "serving_new_name_qps_16"
            })
        let failed = try #require(diff.pairing.pairs.first { $0.base.test == "serving_m_tp1_qps_inf" })
        #expect(failed.incomparableReasons == ["head has 3 failed requests"])
        let rows = diff.changes.filter { $0.pair.base.test == "serving_m_tp1_qps_inf" }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.verdict == .incomparable })
    }

    @Test func configurationDifferencesAreIncomparable() {
        var other = Self.serving(metrics: ["num_prompts": 500])
        other.tensorParallelSize = 2
        other.hardware = "8xH100"
        let reasons = ResultPair(base: Self.serving(), head: other).incomparableReasons
        #expect(
            reasons == [
                "tensor parallel size differs: none → 2", "hardware differs: none → 8xH100",
                "number of prompts differs: 200 → 500",
            ])
        let percentiles = ResultPair(
            base: Self.serving(metrics: ["p99_ttft_ms": 1]),
            head: Self.serving(metrics: ["p90_ttft_ms": 1, "p99_ttft_ms": 1])
        ).incomparableReasons
        #expect(percentiles == ["percentiles differs: p99 → p90,p99"])
    }

    @Test func standardDeviationsAndDuplicateMediansAreNotJudged() {
        let base = Self.serving(metrics: ["std_ttft_ms": 1, "median_ttft_ms": 10, "p50_ttft_ms": 10, "rtfx": 0])
        let head = Self.serving(metrics: ["std_ttft_ms": 2, "median_ttft_ms": 10, "p50_ttft_ms": 10, "rtfx": 0])
        let metrics = Self.diff([base], [head]).changes.map(\.metric)
        #expect(metrics == ["request_throughput", "output_throughput", "median_ttft_ms"])
    }

    @Test func pValuesPrintReadably() {
        #expect(SampleStatistic.formatPValue(0.0123) == "p = 0.012")
        #expect(SampleStatistic.formatPValue(0.00034) == "p = 3.4e-4")
        #expect(SampleStatistic.formatPValue(0.000999) == "p = 1e-3")
        #expect(SampleStatistic.formatPValue(1e-9) == "p < 1e-6")
    }
}

extension Double {
    /// e^self, from the standard library alone.
    fileprivate var exponentialValue: Double {
        // exp(x) = 2^(x / ln 2), split into an integer power and a short series.
        let scaled = self / 0.693_147_180_559_945_3
        let whole = scaled.rounded(.down)
        let fraction = (scaled - whole) * 0.693_147_180_559_945_3
        var term = 1.0
        var sum = 1.0
        for n in 1...20 {
            term *= fraction / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(whole), significand: 1)
    }
}
